"""Declarative mappings for CSV registers: a YAML file says how rows become records.

See ``docs/loaders.md`` ("Mapping file reference") for the reference. In short, a *value* in a
mapping is one of:

- a literal: ``registeredEntity``, ``true``, ``25``;
- a template: ``"XX-{reg_no|norm}"`` -- ``{column}`` is the row's value, ``|norm`` normalises an
  identifier (upper case, no spaces, leading zeros of numbers dropped), ``|upper``/``|lower``
  change case, ``|code:LIST`` looks the value up in a code list (one filter at most; spaces
  around the parts are allowed); a template with a blank column gives no value;
- a list of those: the first that gives a value;
- an object ``{column: C | template: T | value: V, codes: LIST, date: true, split: ";",
  default: D, required: true}``.

:func:`load_mapping` checks the file against the mapping schema
(``bo_graph/data/csv-mapping.schema.json``, :mod:`loaders.csv_mapping_schema`) and raises
:class:`ConfigError` naming it, the place in it, what was expected and what was found. A date
field is kept when it is an ISO date and otherwise parsed with the mapping's ``dates``
(:func:`as_date`), never stored as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bo_graph.exc import ConfigError, RecordError
from bo_graph.model.graph import is_calendar_date
from loaders._common import parse_date
from loaders.csv_mapping_formats import CODE_FILTER, FIELD, FILTERS, split_field

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
    """Read and check a mapping file (:func:`check_mapping`)."""
    if not path.is_file():
        raise ConfigError(f"--mapping {path}: no such mapping file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(f"--mapping {path}: not valid YAML: {error}") from None
    from loaders.csv_mapping_schema import check_mapping  # jsonschema takes a second to import

    check_mapping(path, data)
    records = data["records"]
    codes = data.get("codes") or {}
    csv_options = data.get("csv") or {}
    dates = data.get("dates") or list(DEFAULT_DATES)
    return RegisterMapping(
        path=path,
        name=str(data.get("name") or f"csv:{path.stem}"),
        source=data["source"].strip(),
        delimiter=str(csv_options.get("delimiter", ",")),
        encoding=str(csv_options.get("encoding", "utf-8-sig")),
        dates=tuple(str(d) for d in (dates if isinstance(dates, list) else [dates])),
        codes={str(k): {str(a): b for a, b in v.items()} for k, v in codes.items()},
        records=tuple(records),
        columns=frozenset(_columns(records)),
    )


def _columns(spec: Any) -> list[str]:
    """Every column a mapping reads."""
    if isinstance(spec, str):
        return [split_field(m.group(1))[0] for m in FIELD.finditer(spec)]
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
    raise ConfigError(f"not a condition (load_mapping checks them): {condition!r}")


def as_date(value: str, formats: Sequence[str], field: str) -> str:
    """``value`` as an ISO date: kept when it is one (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``; a
    date-time gives its day), else parsed with ``formats``. A :class:`RecordError` naming the
    field, the forms expected and the value found when neither fits: a date is never stored
    as written (``03/02/2019`` would sort after ``2019-12-31``)."""
    if is_calendar_date(value):
        return value
    if len(value) > 10 and value[10] in "T ":
        try:
            return datetime.fromisoformat(value).date().isoformat()
        except ValueError:
            pass
    try:
        return parse_date(value, tuple(formats)) or value  # value is not blank
    except RecordError:
        raise RecordError(
            f"{field}: expected a date YYYY-MM-DD (or YYYY-MM, YYYY, a date-time) or in one "
            f"of the mapping's dates formats ({', '.join(formats)}), found {value!r}",
            field=field,
        ) from None


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

    def date(self, spec: Any, field: str) -> str | None:
        """A date field: an ISO date as it is, anything else parsed with the mapping's
        ``dates`` (:func:`as_date`), whether or not the spec says ``date: true``."""
        value = self.text(spec, field)
        return None if value is None else as_date(value, self.mapping.dates, field)

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
            column, filters = split_field(match.group(1))
            value = (self.row.get(column) or "").strip()
            name = filters[0] if filters else ""
            if value and name.startswith(CODE_FILTER):
                value = str(self._code(name[len(CODE_FILTER) :].strip(), value, column) or "")
            elif value and name:
                value = FILTERS[name](value)
            blank = blank or not value
            return value

        out = FIELD.sub(fill, template)
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
