"""The members the official BODS person schemas (0.1-0.4, shipped in ``bo_graph/data``) define,
at every level of a person statement: what a public tier may keep of one
(:func:`bo_graph.model.privacy.redact_bods`).

The schemas allow members they do not define, anywhere (a ``passportNumber`` inside a
nationality, a street inside an address's country): only defined members are kept. A
:data:`Spec` is read from the schemas, following their ``$ref`` and ``allOf``/``anyOf``/``oneOf``
parts, and is the union over the four versions:

- a ``dict``: an object, with the spec of each member it defines;
- a one-item ``tuple``: an array, with the spec of its items;
- ``None``: a scalar (text, number, true/false): anything else there is dropped.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, TypeAlias

Spec: TypeAlias = dict[str, "Spec"] | tuple["Spec"] | None

URN_FILES = {
    "urn:components": "components.json",
    "urn:person": "person-record.json",
    "urn:entity": "entity-record.json",
    "urn:relationship": "relationship-record.json",
    "urn:statement": "statement.json",
    "urn:codelists": "codelist-schema.json",
}
MAX_DEPTH = 12
"""Deeper than any person schema nests; a recursive definition stops there."""
DROP = object()
"""What :func:`keep_defined` returns for a value its spec does not allow."""


class _Schemas:
    """The schema files of one version, and ``$ref`` resolution among them."""

    def __init__(self, version: str) -> None:
        self.folder = resources.files("bo_graph") / "data" / "bods-schema" / f"v{version}"
        self.documents: dict[str, Any] = {}

    def document(self, file: str) -> Any:
        if file not in self.documents:
            self.documents[file] = json.loads((self.folder / file).read_text(encoding="utf-8"))
        return self.documents[file]

    def target(self, file: str, ref: str) -> tuple[str, Any]:
        """What ``$ref`` ``ref`` in ``file`` points to, and its file."""
        target, _, pointer = ref.partition("#")
        file = URN_FILES.get(target, target) or file
        found = self.document(file)
        for part in filter(None, pointer.split("/")):
            found = found[part]
        return file, found

    def spec(self, file: str, node: Any, depth: int = 0) -> Spec:
        """The members ``node`` (in ``file``) defines: its own, its ``$ref``'s and its parts'."""
        if depth > MAX_DEPTH or not isinstance(node, dict):
            return None
        out: Spec = None
        if isinstance(node.get("$ref"), str):
            out = self.spec(*self.target(file, node["$ref"]), depth + 1)
        members = node.get("properties")
        if isinstance(members, dict):
            defined = {name: self.spec(file, sub, depth + 1) for name, sub in members.items()}
            out = merge(out, defined)
        if "items" in node:
            out = merge(out, (self.spec(file, node["items"], depth + 1),))
        for part in (p for k in ("allOf", "anyOf", "oneOf") for p in node.get(k, ())):
            out = merge(out, self.spec(file, part, depth + 1))
        return out


def merge(a: Spec, b: Spec) -> Spec:
    """Everything either spec allows."""
    if isinstance(a, dict) and isinstance(b, dict):
        return {
            k: merge(a.get(k), b.get(k)) if k in a and k in b else a.get(k, b.get(k))
            for k in {*a, *b}
        }
    if isinstance(a, tuple) and isinstance(b, tuple):
        return (merge(a[0], b[0]),)
    return a if b is None else b


@cache
def person_statement_spec() -> dict[str, Spec]:
    """The members of a person statement of any version, 0.4's ``recordDetails`` included."""
    v04 = _Schemas("0.4")
    statement = v04.spec("statement.json", {"$ref": "#/$defs/Statement"})
    assert isinstance(statement, dict), "the 0.4 statement schema defines its members"
    statement = {**statement, "recordDetails": v04.spec("person-record.json", {"$ref": "#"})}
    out: Spec = statement
    for version in ("0.1", "0.2", "0.3"):
        out = merge(out, _Schemas(version).spec("person-statement.json", {"$ref": "#"}))
    assert isinstance(out, dict)
    return out


def keep_defined(value: Any, spec: Spec) -> Any:
    """``value`` with only what ``spec`` defines, at every level (:data:`DROP` if nothing)."""
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return DROP
        kept = {k: keep_defined(v, spec[k]) for k, v in value.items() if k in spec}
        return {k: v for k, v in kept.items() if v is not DROP}
    if isinstance(spec, tuple):
        if not isinstance(value, list):
            return DROP
        return [x for x in (keep_defined(v, spec[0]) for v in value) if x is not DROP]
    return value if value is None or isinstance(value, (str, int, float, bool)) else DROP
