"""Rule metadata and user configuration: codes, parameters with defaults, weights, sources.

A rule is a :class:`RuleSpec`: a stable code (``OPQ-…``), a title, what it computes, the
indicator numbers of the catalogue it implements (``shared/docs/opacity-indicators.md``), the
published sources, its parameters and its weight in the score. Users change parameters with
``--param CODE.name=value`` (one rule) or ``--param name=value`` (every selected rule that has
that parameter); every rule has a ``weight`` parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bo_graph.exc import ConfigError
from bo_graph.model.graph import NodeKind

if TYPE_CHECKING:
    from bo_graph.analysis.opacity.flags import Flag

Value = int | float | str | bool


class Scope(StrEnum):
    """What one evaluation of a rule looks at (see :mod:`bo_graph.analysis.opacity.context`)."""

    NODE = "node"
    EDGE = "edge"
    SUBJECT = "subject"


class Where(StrEnum):
    """Which parties of a subject's chain a node rule is applied to."""

    ALL = "all"
    """The subject, its chain and the officers of chain members."""
    CHAIN = "chain"
    """The subject and its ownership and control chain (no officers)."""
    ABOVE = "above"
    """Everyone above the subject, officers included."""
    CHAIN_ABOVE = "chain_above"
    """The chain above the subject (``include_subject``, where a rule has it, adds it)."""


class Need(StrEnum):
    """What a rule needs besides the subject's upward chain; scan prepares only these."""

    SHARES = "shares"
    """Effective (integrated) ownership of the subject."""
    ADDRESS_INDEX = "address_index"
    """Entities per registered address, across the whole store."""
    ROLE_COUNTS = "role_counts"
    """Distinct subjects per interested party."""
    HISTORY = "history"
    """Statement history of relationship records (``statements_for``)."""
    LISTS = "lists"
    """Jurisdiction lists."""


@dataclass(frozen=True)
class ParamSpec:
    name: str
    default: Value
    help: str

    def parse(self, text: str, where: str) -> Value:
        """``text`` as this parameter's type (the type of its default). Every number of the
        catalogue (counts, days, months, years, scores, percentages, weights) is at least 0."""
        kind = type(self.default)
        try:
            if kind is bool:
                return _boolean(text)
            if kind is int:
                return self._not_negative(int(text), text, where)
            if kind is float:
                return self._not_negative(float(text), text, where)
        except ValueError:
            raise ConfigError(
                f"{where}: expected {kind.__name__} for {self.name}, found {text!r}"
            ) from None
        return text

    def _not_negative(self, value: float, text: str, where: str) -> float:
        if not value >= 0:  # also refuses nan
            raise ConfigError(f"{where}: expected a number >= 0 for {self.name}, found {text!r}")
        return value


def _boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(text)


@dataclass(frozen=True)
class RuleSpec:
    code: str
    title: str
    description: str
    indicators: tuple[int, ...]
    """Item numbers in the catalogue (opacity-indicators.md, Part A)."""
    sources: str
    """The published sources, as cited in the catalogue."""
    evaluate: Callable[..., Iterable[Flag]] = field(repr=False)
    """Called with a Node-, Edge- or SubjectContext according to ``scope``."""
    scope: Scope = Scope.NODE
    where: Where = Where.ALL
    kinds: frozenset[NodeKind] = frozenset(NodeKind)
    """The kinds of party a node rule can flag (others are skipped without a call)."""
    params: tuple[ParamSpec, ...] = ()
    weight: float = 1.0
    lawful: bool = False
    """Lawful opacity: shown as opaque, kept out of the concealment score."""
    needs: frozenset[Need] = frozenset()
    lists: tuple[str, ...] = ()
    """Names of the jurisdiction lists the rule reads (``tjn_fsi``, ``fatf_lists`` …)."""

    @property
    def all_params(self) -> tuple[ParamSpec, ...]:
        weight = ParamSpec("weight", float(self.weight), "Points per flag in the score.")
        return (*self.params, weight)

    def param(self, name: str) -> ParamSpec | None:
        return next((p for p in self.all_params if p.name == name), None)

    def defaults(self) -> dict[str, Value]:
        return {p.name: p.default for p in self.all_params}


Step = tuple[RuleSpec, Mapping[str, Value]]


@dataclass(frozen=True)
class Config:
    """The selected rules and their parameter values."""

    rules: tuple[RuleSpec, ...]
    params: Mapping[str, Mapping[str, Value]]
    _steps: dict[object, tuple[Step, ...]] = field(default_factory=dict, compare=False, repr=False)

    def steps(self, scope: Scope, kind: NodeKind | None = None) -> tuple[Step, ...]:
        """The selected rules of ``scope`` (node rules: that can flag a ``kind`` of party)
        with their parameters, in catalogue order; computed once per configuration."""
        key = (scope, kind)
        if key not in self._steps:
            self._steps[key] = tuple(
                (rule, self.params[rule.code])
                for rule in self.rules
                if rule.scope is scope and (kind is None or kind in rule.kinds)
            )
        return self._steps[key]

    def of(self, code: str) -> Mapping[str, Value]:
        return self.params[code]

    def weight(self, code: str) -> float:
        return float(self.params[code]["weight"])

    @property
    def needs(self) -> frozenset[Need]:
        out: set[Need] = set()
        for rule in self.rules:
            out |= rule.needs
        return frozenset(out)

    def to_json(self) -> dict[str, Any]:
        return {code: dict(values) for code, values in sorted(self.params.items())}


def configure(
    catalogue: Sequence[RuleSpec],
    codes: Iterable[str] | None = None,
    assignments: Iterable[str] = (),
) -> Config:
    """Select rules by code (``None``: all) and apply ``key=value`` parameter assignments."""
    by_code = {r.code: r for r in catalogue}
    wanted = [c.strip().upper() for c in codes or () if c.strip()]
    unknown = [c for c in wanted if c not in by_code]
    if unknown:
        raise ConfigError(
            f"--rules: unknown rule code(s) {', '.join(unknown)}; `bo-graph rules` lists them"
        )
    selected = tuple(by_code[c] for c in wanted) if wanted else tuple(catalogue)
    params = {r.code: r.defaults() for r in selected}
    for assignment in assignments:
        _assign(assignment, selected, params)
    return Config(selected, params)


def _assign(
    assignment: str, selected: Sequence[RuleSpec], params: dict[str, dict[str, Value]]
) -> None:
    key, sep, text = assignment.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"--param: expected key=value, found {assignment!r}")
    key = key.strip()
    code, dot, name = key.rpartition(".")
    targets = [r for r in selected if r.code == code.upper()] if dot else list(selected)
    if dot and not targets:
        raise ConfigError(f"--param {key}: rule {code!r} is not selected or does not exist")
    hits = 0
    for rule in targets:
        spec = rule.param(name)
        if spec is not None:
            params[rule.code][name] = spec.parse(text.strip(), f"--param {key}")
            hits += 1
    if not hits:
        raise ConfigError(f"--param {key}: no selected rule has a parameter {name!r}")
