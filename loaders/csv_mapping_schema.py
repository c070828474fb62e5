"""What a CSV register mapping may say, checked when the mapping is loaded.

Every key, condition, template, filter and option of a mapping file is checked against the
reference (``docs/loaders.md``, "Mapping file reference") before a row is read, so that a
misspelt key (``equal:`` for ``equals:``), a template the loader would not fill
(``{id | normalize}``) or a value of the wrong shape (``interests`` given as one mapping) is a
:class:`ConfigError` naming the mapping file, the place in it, what was expected and what was
found, instead of a condition that matches every row, a literal ``{...}`` in record ids or a
traceback.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from bo_graph.exc import ConfigError
from bo_graph.model.records import normalise_identifier

KINDS = ("entity", "person", "relationship")
REQUIRED = {"entity": ("id",), "person": ("id",), "relationship": ("id", "subject", "interests")}
TOP_KEYS = ("name", "source", "csv", "dates", "codes", "records")
CSV_KEYS = ("delimiter", "encoding")
COMMON_FIELDS = ("kind", "when", "id", "statement_date", "status")
FIELDS = {
    "entity": (
        *("entity_type", "subtype", "name", "alternate_names", "jurisdiction", "identifiers"),
        *("addresses", "founding_date", "dissolution_date", "uri"),
    ),
    "person": (
        *("person_type", "name", "birth_date", "nationalities", "tax_residencies"),
        *("identifiers", "addresses"),
    ),
    "relationship": ("subject", "interested_party", "unspecified", "interests"),
}
IDENTIFIER_KEYS = ("scheme", "scheme_name", "id")
ADDRESS_KEYS = ("type", "address", "postcode", "country")
INTEREST_KEYS = (
    *("when", "type", "share", "direct_or_indirect", "beneficial_ownership_or_control"),
    *("start_date", "end_date", "details"),
)
SHARE_KEYS = ("exact", "min", "max", "min_open", "max_open")
UNSPECIFIED_KEYS = ("reason", "description")
VALUE_SOURCES = ("column", "template", "value")
VALUE_KEYS = (*VALUE_SOURCES, "codes", "date", "split", "default", "required")
CONDITION_TESTS = ("equals", "in", "startswith", "empty", "not_empty")
CONDITION_KEYS = ("column", *CONDITION_TESTS, "not")
CONDITION = (
    "a condition {column: C, equals: V} (or in, startswith, empty, not_empty) or a list of them"
)

FIELD = re.compile(r"\{([^{}]*)\}")
"""``{column}`` or ``{column|filter}`` in a template; spaces around the parts are allowed."""
CODE_FILTER = "code:"
FILTERS: dict[str, Callable[[str], str]] = {
    "norm": normalise_identifier,
    "upper": str.upper,
    "lower": str.lower,
}
_SCALAR = (str, int, float, bool)


def split_field(inner: str) -> tuple[str, list[str]]:
    """The column and the filters of a template field (the text between its braces)."""
    column, *filters = (part.strip() for part in inner.split("|"))
    return column, filters


def check_mapping(path: Path, data: Any) -> None:
    """Raise :class:`ConfigError` naming ``path`` at the first thing of ``data`` (the parsed
    mapping file) the loader would not use as written."""
    if not isinstance(data, dict):
        raise ConfigError(f"--mapping {path}: expected a YAML object at the top")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ConfigError(f"--mapping {path}: 'source' (the register's name) is required")
    records = data.get("records")
    if not isinstance(records, list) or not records:
        raise ConfigError(f"--mapping {path}: 'records' must list at least one record")
    codes = data.get("codes") or {}
    check = _Check(path, codes if isinstance(codes, dict) else {})
    if not isinstance(codes, dict):
        check.fail("codes", "code lists by name, a mapping", _describe(codes))
    for name, table in codes.items():
        if not isinstance(table, dict):
            check.fail(f"codes.{name}", "a map of values to codes", _describe(table))
        for value in table:
            if isinstance(value, bool) or value is None:
                expected = "a value as the register writes it (quote Yes, No, On, Off, Null)"
                check.fail(f"codes.{name}", expected, f"YAML's {value!r} for an unquoted word")
    check.keys("(top level)", data, TOP_KEYS, "the mapping")
    check.top(data)
    for index, spec in enumerate(records, 1):
        check.record(index, spec)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return f"a mapping with the keys {', '.join(map(str, value))}"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"{type(value).__name__} {value!r}"


@dataclass(frozen=True)
class _Check:
    path: Path
    codes: Mapping[str, Any]

    def fail(self, where: str, expected: str, found: str) -> NoReturn:
        raise ConfigError(f"--mapping {self.path}: {where}: expected {expected}, found {found}")

    def keys(self, where: str, spec: Any, allowed: Sequence[str], what: str) -> dict[str, Any]:
        if not isinstance(spec, dict):
            self.fail(where, f"{what}, a mapping", _describe(spec))
        for key in spec:
            if key not in allowed:
                expected = f"one of the keys {', '.join(allowed)}"
                self.fail(where, expected, f"the unknown key {key!r}")
        return spec

    def top(self, data: dict[str, Any]) -> None:
        if not isinstance(data.get("name", ""), str):
            self.fail("name", "a text (the statements' source format)", _describe(data["name"]))
        options = self.keys("csv", data.get("csv") or {}, CSV_KEYS, "CSV options")
        delimiter = options.get("delimiter", ",")
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            self.fail("csv.delimiter", "one character, such as ';'", _describe(delimiter))
        encoding = options.get("encoding", "utf-8")
        try:
            codecs.lookup(str(encoding))
        except LookupError:
            self.fail("csv.encoding", "an encoding such as utf-8 or cp1252", _describe(encoding))
        dates = data.get("dates")
        formats = dates if isinstance(dates, list) and dates else [dates]
        if dates is not None and not all(isinstance(f, str) and "%" in f for f in formats):
            self.fail("dates", "a strptime format such as '%d.%m.%Y', or a list", _describe(dates))

    def record(self, index: int, spec: Any) -> None:
        where = f"records[{index}]"
        if not isinstance(spec, dict) or spec.get("kind") not in KINDS:
            raise ConfigError(
                f"--mapping {self.path}: {where}: 'kind' must be one of {', '.join(KINDS)}"
            )
        kind = spec["kind"]
        missing = [k for k in REQUIRED[kind] if k not in spec]
        if kind == "relationship" and "interested_party" not in spec and "unspecified" not in spec:
            missing.append("interested_party (or unspecified)")
        if missing:
            raise ConfigError(f"--mapping {self.path}: {where}: missing {', '.join(missing)}")
        self.keys(where, spec, (*COMMON_FIELDS, *FIELDS[kind]), f"a {kind} record")
        for key, value in spec.items():
            if key != "kind":
                self.field(f"{where}.{key}", key, value)

    def field(self, where: str, key: str, value: Any) -> None:
        if key == "when":
            self.condition(where, value)
        elif key == "identifiers":
            self.items(where, value, IDENTIFIER_KEYS, "an identifier")
        elif key == "addresses":
            self.items(where, value, ADDRESS_KEYS, "an address")
        elif key == "interests":
            self.items(where, value, INTEREST_KEYS, "an interest")
        elif key == "share":
            self.group(where, value, SHARE_KEYS, "a share")
        elif key == "unspecified":
            self.group(where, value, UNSPECIFIED_KEYS, "an unspecified party")
        else:
            self.value(where, value)

    def items(self, where: str, specs: Any, allowed: Sequence[str], what: str) -> None:
        if not isinstance(specs, list):
            self.fail(where, f"a list of mappings, each {what}", _describe(specs))
        for number, spec in enumerate(specs, 1):
            self.group(f"{where}[{number}]", spec, allowed, what)

    def group(self, where: str, spec: Any, allowed: Sequence[str], what: str) -> None:
        for key, value in self.keys(where, spec, allowed, what).items():
            self.field(f"{where}.{key}", key, value)

    def value(self, where: str, spec: Any) -> None:
        if spec is None or isinstance(spec, (bool, int, float)):
            return
        if isinstance(spec, str):
            self.template(where, spec)
        elif isinstance(spec, list):
            for number, item in enumerate(spec, 1):
                self.value(f"{where}[{number}]", item)
        elif isinstance(spec, dict):
            self.value_object(where, spec)
        else:
            self.fail(where, "a text, a number, a list or a mapping", _describe(spec))

    def value_object(self, where: str, spec: dict[str, Any]) -> None:
        self.keys(where, spec, VALUE_KEYS, "a value")
        sources = [k for k in VALUE_SOURCES if k in spec]
        if len(sources) != 1:
            self.fail(where, f"exactly one of {', '.join(VALUE_SOURCES)}", _describe(spec))
        if "template" in spec:
            self.template(f"{where}.template", self.scalar(where, spec, "template", str))
        for key, kind in (("column", (str, int)), ("codes", str), ("split", str)):
            if key in spec:
                self.scalar(where, spec, key, kind)
        for key in ("date", "required"):
            if key in spec:
                self.scalar(where, spec, key, bool)
        for key in ("value", "default"):
            if key in spec and spec[key] is not None:
                self.scalar(where, spec, key, _SCALAR)
        if "codes" in spec:
            self.code_list(where, str(spec["codes"]))

    def scalar(self, where: str, spec: dict[str, Any], key: str, kind: Any) -> Any:
        value = spec[key]
        if not isinstance(value, kind) or (value == "" and key not in ("value", "default")):
            names = kind if isinstance(kind, tuple) else (kind,)
            expected = " or ".join("true or false" if k is bool else k.__name__ for k in names)
            self.fail(f"{where}.{key}", expected, _describe(value))
        return value

    def code_list(self, where: str, name: str) -> None:
        if name not in self.codes:
            raise ConfigError(
                f"--mapping {self.path}: {where}: code list {name!r} is not defined under "
                f"'codes' (defined: {', '.join(map(str, self.codes)) or 'none'})"
            )

    def template(self, where: str, text: str) -> None:
        for match in FIELD.finditer(text):
            column, filters = split_field(match.group(1))
            if not column:
                self.fail(where, "a column name between the braces", f"{match.group(0)!r}")
            if len(filters) > 1:
                self.fail(where, "at most one filter per {column|filter}", f"{match.group(0)!r}")
            for name in filters:
                self.filter(where, name, match.group(0))
        if "{" in FIELD.sub("", text) or "}" in FIELD.sub("", text):
            self.fail(where, "braces in pairs around a column, as in {column}", f"{text!r}")

    def filter(self, where: str, name: str, field: str) -> None:
        if name.startswith(CODE_FILTER):
            self.code_list(where, name[len(CODE_FILTER) :].strip())
        elif name not in FILTERS:
            valid = ", ".join([*FILTERS, f"{CODE_FILTER}LIST"])
            self.fail(where, f"a filter among {valid}", f"{name!r} in {field!r}")

    def condition(self, where: str, spec: Any) -> None:
        if isinstance(spec, list):
            for number, item in enumerate(spec, 1):
                self.condition(f"{where}[{number}]", item)
            return
        if spec is None:
            return
        if not isinstance(spec, dict):
            self.fail(where, CONDITION, _describe(spec))
        self.keys(where, spec, CONDITION_KEYS, CONDITION)
        tests = [k for k in CONDITION_TESTS if k in spec]
        if "column" not in spec or len(tests) != 1:
            self.fail(where, f"a column and one of {', '.join(CONDITION_TESTS)}", _describe(spec))
        self.scalar(where, spec, "column", (str, int))
        if "in" in spec and not isinstance(spec["in"], list):
            self.fail(f"{where}.in", "a list of values", _describe(spec["in"]))
        for key in ("empty", "not_empty"):
            if key in spec and spec[key] is not True:
                self.fail(f"{where}.{key}", "true (use not: true to negate)", _describe(spec[key]))
        if "not" in spec:
            self.scalar(where, spec, "not", bool)
