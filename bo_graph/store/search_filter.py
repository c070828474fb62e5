"""What a search may be narrowed to besides its text: a kind of party and a jurisdiction.

Both backends apply the filter in the store query itself, so ``limit`` counts matching parties
only (a limit of 20 gives 20 hits of the kind and jurisdiction asked for, when there are 20).

The jurisdiction rule, the same on both backends:

- an entity matches by its jurisdiction (of registration or formation), ``jurisdiction.code``;
- a person matches by a nationality (``nationalities[].code``) or a country of residence: the
  country of an address of type ``residence``, or of an address with no type (as a person's
  particulars read them, :mod:`bo_graph.model.particulars`). A service or business address
  does not count, nor a tax residency (withheld in the public tier: a search must not reveal
  what a read does not show);
- an unspecified party has no jurisdiction and never matches.

Codes compare without regard to case, and a country code also matches its subdivisions:
``US`` finds ``US`` and ``US-DE``, ``US-DE`` finds ``US-DE`` only. A jurisdiction given by name
alone (no code) does not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bo_graph.exc import ConfigError
from bo_graph.model.graph import NodeKind

JURISDICTION_CODE = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?")
"""ISO 3166-1 alpha-2 (``VG``), or ISO 3166-2: country, dash, subdivision (``US-DE``)."""
JURISDICTION_EXPECTED = (
    "a country code of 2 letters (VG), or a country code, '-' and a subdivision of 1-3 "
    "letters or digits (US-DE)"
)
KINDS = tuple(kind.value for kind in NodeKind)


def jurisdiction_code(text: str) -> str:
    """``text`` as a jurisdiction code, upper-case; :class:`ConfigError` for anything else."""
    code = text.strip().upper()
    if not JURISDICTION_CODE.fullmatch(code):
        raise ConfigError(f"jurisdiction: expected {JURISDICTION_EXPECTED}, found {text!r}")
    return code


def node_kind(value: NodeKind | str) -> NodeKind:
    """``value`` as a :class:`NodeKind`; :class:`ConfigError` naming the kinds otherwise."""
    try:
        return NodeKind(value)
    except ValueError:
        raise ConfigError(f"kind: expected one of {', '.join(KINDS)}, found {value!r}") from None


@dataclass(frozen=True)
class SearchFilter:
    """The parties a search may return: of ``kind`` and of ``jurisdiction`` (an upper-case
    code, see the module's rule); ``None`` leaves either open."""

    kind: NodeKind | None = None
    jurisdiction: str | None = None

    @classmethod
    def of(cls, kind: NodeKind | str | None, jurisdiction: str | None) -> SearchFilter:
        """The filter of a search's keyword arguments, checked (:class:`ConfigError`)."""
        return cls(
            None if kind is None else node_kind(kind),
            None if jurisdiction is None else jurisdiction_code(jurisdiction),
        )

    @property
    def active(self) -> bool:
        return self.kind is not None or self.jurisdiction is not None

    def describe(self) -> str:
        """``kind entity, jurisdiction VG``; ``""`` when nothing is filtered."""
        kind = [f"kind {self.kind.value}"] if self.kind else []
        place = [f"jurisdiction {self.jurisdiction}"] if self.jurisdiction else []
        return ", ".join(kind + place)
