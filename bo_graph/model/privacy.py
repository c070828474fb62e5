"""Redaction of personal data for a public tier, the way public registers publish persons.

Fields holding personal data are marked in :mod:`bo_graph.model.records`
(``metadata={"sensitive": POLICY}``); the policy says what the public may still see, after the
UK register's split between public and protected information (a person with significant
control's month and year of birth and country of residence are public; the day of birth and
the residential address are not):

- ``"month"``: a date keeps its year and month (``1970-05-17`` -> ``1970-05``);
- ``"country"``: an address keeps its type and country;
- ``True``: withheld (personal identifiers such as passport numbers, tax residencies).

:func:`redact` applies them to a typed record, :func:`redact_bods` to a raw BODS statement of
any version (0.4 ``recordDetails``, 0.1-0.3 top-level members).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from bo_graph.model.person_schema import keep_defined, person_statement_spec
from bo_graph.model.records import Address

T = TypeVar("T")

MONTH = "month"
COUNTRY = "country"
ISO_DATE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:[T ].*)?)?)?")
"""``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, optionally with a time: the forms whose year and
month can be kept without the day."""

BODS_PERSON_POLICIES: Mapping[str, str | bool] = {
    "birthDate": MONTH,
    "addresses": COUNTRY,
    "placeOfBirth": COUNTRY,
    "placeOfResidence": COUNTRY,
    "identifiers": True,
    "taxResidencies": True,
}
"""Members of a BODS person record (any version) that hold personal data, with their policy."""


def sensitive_fields(cls: type[Any]) -> tuple[str, ...]:
    """The names of the fields of dataclass ``cls`` that hold personal data."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("sensitive"))


def redact(record: T) -> T:
    """A copy of dataclass ``record`` showing of its sensitive fields what the public may see."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        policy = f.metadata.get("sensitive")
        if policy:
            changes[f.name] = _public_field(getattr(record, f.name), policy)
    return dataclasses.replace(record, **changes)


def year_and_month(value: Any) -> str | None:
    """``YYYY-MM`` (or ``YYYY``) of an ISO calendar date, date-time or partial date; ``None`` for
    anything else (an ordinal or basic-format date, ``17/05/1970``), whose day could not be
    told apart from its month."""
    found = ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return None
    year, month = found.group(1), found.group(2)
    return f"{year}-{month}" if month else year


def _public_field(value: Any, policy: str | bool) -> Any:
    if policy == MONTH:
        return year_and_month(value)
    if policy == COUNTRY and isinstance(value, tuple):
        kept = (_country_of(a) for a in value)
        return tuple(a for a in kept if a is not None)
    if policy == COUNTRY and isinstance(value, Address):
        return _country_of(value)
    return () if isinstance(value, tuple) else None


def _country_of(address: Address) -> Address | None:
    """An address's type and country, or ``None`` when it gives neither (an empty address
    says nothing but that an address was withheld, as :func:`redact_bods` drops it)."""
    if address.type is None and address.country is None:
        return None
    return Address(type=address.type, country=address.country)


def redact_bods(statement: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a raw BODS statement (any version) showing of a person's personal data what
    the public may see: at every level only the members the person schemas define
    (:mod:`bo_graph.model.person_schema`), each by its policy. Annotations, free text that may
    describe anything withheld, are dropped from every statement; other members of entity and
    relationship statements stay."""
    out = dict(statement)
    out.pop("annotations", None)
    if out.get("recordType") != "person" and out.get("statementType") != "personStatement":
        return out
    kept = keep_defined(out, person_statement_spec())
    assert isinstance(kept, dict)
    if isinstance(kept.get("recordDetails"), Mapping):
        kept["recordDetails"] = _by_policy(kept["recordDetails"])
    return _by_policy(kept)


def _by_policy(record: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(record)
    for key, policy in BODS_PERSON_POLICIES.items():
        if key not in out:
            continue
        value = out.pop(key)
        if policy == MONTH:
            if (kept_date := year_and_month(value)) is not None:
                out[key] = kept_date
        elif policy == COUNTRY:
            kept = [_country_only(a) for a in (value if isinstance(value, list) else [value])]
            kept = [a for a in kept if a]
            if kept:
                out[key] = kept if isinstance(value, list) else kept[0]
    return out


def _country_only(address: Any) -> dict[str, Any]:
    if not isinstance(address, Mapping):
        return {}
    return {k: address[k] for k in ("type", "country") if k in address}
