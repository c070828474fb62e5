"""Deep links: ``?entity=REF&as_of=YYYY-MM-DD&known_at=YYYY-MM-DD&threshold=25&rule=>&method=
integrated``.

:func:`parse_params` reads the query parameters of a URL (tolerant: a bad value is reported and
ignored, never a crash); :func:`to_params` writes the current view back, so the address bar
always holds a link that reopens the same view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bo_graph.analysis.interval import ThresholdRule
from bo_graph.analysis.method import Method

ENTITY_KEYS = ("entity", "ref", "subject")
DATE_KEYS = ("as_of", "date", "asof")
KNOWN_KEYS = ("known_at", "knownat")
RULES = {">=": ThresholdRule.AT_LEAST, "ge": ThresholdRule.AT_LEAST, ">": ThresholdRule.MORE_THAN,
         "gt": ThresholdRule.MORE_THAN}  # fmt: skip


@dataclass(frozen=True)
class ViewParams:
    entity: str | None = None
    as_of: date | None = None
    threshold: float | None = None
    method: Method | None = None
    known_at: date | None = None
    rule: ThresholdRule | None = None


def _first(params: Mapping[str, str | list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = params.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None and value.strip():
            return value.strip()
    return None


def parse_params(params: Mapping[str, str | list[str]]) -> tuple[ViewParams, list[str]]:
    """The view a URL asks for, and a message for every value that could not be used."""
    problems: list[str] = []
    as_of = _date(_first(params, DATE_KEYS), problems, "as_of", "using today")
    known_at = _date(_first(params, KNOWN_KEYS), problems, "known_at", "using every statement")
    threshold = _threshold(_first(params, ("threshold",)), problems)
    method = _method(_first(params, ("method",)), problems)
    rule = _rule(_first(params, ("rule",)), problems)
    entity = _first(params, ENTITY_KEYS)
    return ViewParams(entity, as_of, threshold, method, known_at, rule), problems


def _date(text: str | None, problems: list[str], key: str, instead: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"{key}: expected a date YYYY-MM-DD, found {text!r}; {instead}")
        return None


def _rule(text: str | None, problems: list[str]) -> ThresholdRule | None:
    if text is None:
        return None
    rule = RULES.get(text.lower())
    if rule is None:
        problems.append(f"rule: expected '>=' or '>', found {text!r}; using '>='")
    return rule


def _threshold(text: str | None, problems: list[str]) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        value = -1.0
    if not 0 < value <= 100:
        problems.append(f"threshold: expected a percentage in (0, 100], found {text!r}")
        return None
    return value


def _method(text: str | None, problems: list[str]) -> Method | None:
    if text is None:
        return None
    try:
        return Method(text.lower().replace("_", "-"))
    except ValueError:
        names = ", ".join(m.value for m in Method)
        problems.append(f"method: expected one of {names}, found {text!r}")
        return None


def to_params(view: ViewParams) -> dict[str, str]:
    """Query parameters that reopen ``view`` (only what is set)."""
    out: dict[str, str] = {}
    if view.entity:
        out["entity"] = view.entity
    if view.as_of is not None:
        out["as_of"] = view.as_of.isoformat()
    if view.known_at is not None:
        out["known_at"] = view.known_at.isoformat()
    if view.threshold is not None:
        out["threshold"] = f"{view.threshold:g}"
    if view.rule is not None and view.rule is not ThresholdRule.AT_LEAST:
        out["rule"] = view.rule.value
    if view.method is not None:
        out["method"] = view.method.value
    return out
