"""Declarative mappings for CSV registers: a YAML file says how rows become records.

See ``docs/loaders.md`` ("CSV mapping files") for the reference. In short, a *value* in a
mapping is one of:

- a literal: ``registeredEntity``, ``true``, ``25``;
- a template: ``"XX-{reg_no|norm}"`` -- ``{column}`` is the row's value, ``|norm`` normalises an
  identifier (upper case, no spaces, leading zeros of numbers dropped), ``|upper``/``|lower``
  change case, ``|code:LIST`` looks the value up in a code list; a template with a blank
  column gives no value;
- a list of those: the first that gives a value;
- an object ``{column: C | template: T | value: V, codes: LIST, date: true, split: ";",
  default: D, required: true}``.

:func:`load_mapping` checks the file and raises :class:`ConfigError` naming it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bo_graph.exc import ConfigError, RecordError
from bo_graph.model.records import normalise_identifier
from loaders._common import parse_date

KINDS = ("entity", "person", "relationship")
REQUIRED = {"entity": ("id",), "person": ("id",), "relationship": ("id", "subject", "interests")}
_FIELD = re.compile(r"\{([^{}|]+)(?:\|([\w:]+))?\}")
FILTERS = {
    "norm": normalise_identifier,
    "upper": str.upper,
    "lower": str.lower,
}
DEFAULT_DATES = ("%Y-%m-%d",)
Row = Mapping[str, str]


@dataclass(frozen=True)
class RegisterMapping:
    path: Path
    name: str
    source: str
    delimiter: str
    encoding: str
    dates: tuple[str, ...]
    codes: dict[str, dict[str, Any]]
    records: tuple[dict[str, Any], ...]
    columns: frozenset[str]


def load_mapping(path: Path) -> RegisterMapping:
    """Read and check a mapping file."""
    if not path.is_file():
        raise ConfigError(f"--mapping {path}: no such mapping file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(f"--mapping {path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"--mapping {path}: expected a YAML object at the top")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ConfigError(f"--mapping {path}: 'source' (the register's name) is required")
    records = data.get("records")
    if not isinstance(records, list) or not records:
        raise ConfigError(f"--mapping {path}: 'records' must list at least one record")
    codes = data.get("codes") or {}
    if not isinstance(codes, dict) or not all(isinstance(v, dict) for v in codes.values()):
        raise ConfigError(f"--mapping {path}: 'codes' must map list names to value maps")
    for index, spec in enumerate(records, 1):
        _check_record(path, index, spec, codes)
    csv_options = data.get("csv") or {}
    dates = data.get("dates") or list(DEFAULT_DATES)
    return RegisterMapping(
        path=path,
        name=str(data.get("name") or f"csv:{path.stem}"),
        source=source.strip(),
        delimiter=str(csv_options.get("delimiter", ",")),
        encoding=str(csv_options.get("encoding", "utf-8-sig")),
        dates=tuple(str(d) for d in (dates if isinstance(dates, list) else [dates])),
        codes={str(k): {str(a): b for a, b in v.items()} for k, v in codes.items()},
        records=tuple(records),
        columns=frozenset(_columns(records)),
    )


def _check_record(path: Path, index: int, spec: Any, codes: dict[str, Any]) -> None:
    where = f"--mapping {path}: records[{index}]"
    if not isinstance(spec, dict) or spec.get("kind") not in KINDS:
        raise ConfigError(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
    missing = [k for k in REQUIRED[spec["kind"]] if k not in spec]
    if (
        spec["kind"] == "relationship"
        and "interested_party" not in spec
        and "unspecified" not in spec
    ):
        missing.append("interested_party (or unspecified)")
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    for name in _code_lists(spec):
        if name not in codes:
            raise ConfigError(f"{where}: code list {name!r} is not defined under 'codes'")


def _code_lists(spec: Any) -> list[str]:
    if isinstance(spec, str):
        filters = (m.group(2) or "" for m in _FIELD.finditer(spec))
        return [f[5:] for f in filters if f.startswith("code:")]
    if isinstance(spec, dict):
        found = [str(spec["codes"])] if "codes" in spec else []
        return found + [n for v in spec.values() for n in _code_lists(v)]
    if isinstance(spec, list):
        return [n for v in spec for n in _code_lists(v)]
    return []


def _columns(spec: Any) -> list[str]:
    """Every column a mapping reads."""
    if isinstance(spec, str):
        return [m.group(1).strip() for m in _FIELD.finditer(spec)]
    if isinstance(spec, dict):
        own = [str(spec["column"])] if "column" in spec else []
        return own + [c for v in spec.values() for c in _columns(v)]
    if isinstance(spec, list):
        return [c for v in spec for c in _columns(v)]
    return []


def matches(condition: Any, row: Row) -> bool:
    """A ``when`` condition: ``{column, equals | in | startswith | empty | not_empty}`` (text
    compared without case; ``not: true`` negates it) or a list of them (all must hold)."""
    if condition is None:
        return True
    if isinstance(condition, list):
        return all(matches(c, row) for c in condition)
    if condition.get("not"):
        return not matches({k: v for k, v in condition.items() if k != "not"}, row)
    value = (row.get(str(condition.get("column"))) or "").strip().casefold()
    if "equals" in condition:
        return value == str(condition["equals"]).casefold()
    if "in" in condition:
        return value in {str(v).casefold() for v in condition["in"]}
    if "startswith" in condition:
        return value.startswith(str(condition["startswith"]).casefold())
    if condition.get("empty"):
        return not value
    if condition.get("not_empty"):
        return bool(value)
    return True


@dataclass(frozen=True)
class Values:
    """Evaluates mapping values against one row."""

    mapping: RegisterMapping
    row: Row

    def get(self, spec: Any, field: str) -> Any:
        """The value of ``spec`` (a string, a bool/number, or ``None``)."""
        if spec is None or isinstance(spec, (bool, int, float)):
            return spec
        if isinstance(spec, str):
            return self._template(spec) if "{" in spec else spec
        if isinstance(spec, list):
            return next(
                (v for v in (self.get(s, field) for s in spec) if v not in (None, "")), None
            )
        if isinstance(spec, dict):
            return self._object(spec, field)
        raise RecordError(f"{field}: cannot evaluate {spec!r}", field=field)

    def text(self, spec: Any, field: str) -> str | None:
        value = self.get(spec, field)
        return None if value is None or value == "" else str(value)

    def texts(self, spec: Any, field: str) -> list[str]:
        """A list field: a list of values (each one value), or one value split at the spec's
        ``split``."""
        if isinstance(spec, list):
            return [t for s in spec for t in self.texts(s, field)]
        value = self.text(spec, field)
        if value is None:
            return []
        sep = spec.get("split") if isinstance(spec, dict) else None
        return [p.strip() for p in value.split(str(sep))] if sep else [value]

    def _template(self, template: str) -> str | None:
        blank = False

        def fill(match: re.Match[str]) -> str:
            nonlocal blank
            value = (self.row.get(match.group(1).strip()) or "").strip()
            name = match.group(2) or ""
            if value and name.startswith("code:"):
                value = str(self._code(name[5:], value, match.group(1)) or "")
            blank = blank or not value
            action = FILTERS.get(name)
            return action(value) if action and value else value

        out = _FIELD.sub(fill, template)
        return None if blank else out

    def _object(self, spec: dict[str, Any], field: str) -> Any:
        field = f"{field} (column {spec['column']!r})" if "column" in spec else field
        if "column" in spec:
            value: Any = (self.row.get(str(spec["column"])) or "").strip() or None
        elif "template" in spec:
            value = self._template(str(spec["template"]))
        else:
            value = spec.get("value")
        if value is not None and "codes" in spec:
            value = self._code(str(spec["codes"]), str(value), field)
        if value is not None and spec.get("date") and not spec.get("split"):
            try:
                value = parse_date(value, self.mapping.dates)
            except RecordError as error:
                raise RecordError(f"{field}: {error.reason}", field=field) from None
        if value is None and "default" in spec:
            value = spec["default"]
        if value is None and spec.get("required"):
            raise RecordError(f"{field}: a value is required, found none", field=field)
        return value

    def _code(self, name: str, value: str, field: str) -> Any:
        table = self.mapping.codes[name]
        if value in table:
            return table[value]
        folded = {str(k).casefold(): v for k, v in table.items()}
        if value.casefold() in folded:
            return folded[value.casefold()]
        if "*" in table:
            return table["*"]
        raise RecordError(
            f"{field}: unknown code {value!r} (not in code list {name!r})", field=field
        )
