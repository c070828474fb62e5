"""The opacity summary of one subject: where the trail goes dark, how much of the ownership
ends there, and a transparent score.

* **Dark layers**: the ends of the chain that are not natural persons (undisclosed,
  unknown or anonymous parties, companies with no recorded owner, parties a relationship names
  but whose record is not in the store, parties above the expansion limit) and closed loops,
  each with its layer, the last visible links and its effective share.
* **Opaque share**: the sum of the effective (integrated) shares of the dark ends, an interval;
  ``identified_share`` is the same sum for natural persons at the ends, and ``arrangement_share``
  for trusts and other arrangements where ownership stops (no one holds shares in them, parties
  hold roles: their beneficial owners are those parties, AMLR Art. 58). Ends have no owner
  above them, so their shares do not overlap.
* **Score**: ``sum over rules of weight x min(flags, cap)``; every part is listed, and lawful
  opacity (weight 0 by default) is counted separately, never hidden in the total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bo_graph.analysis.interval import ZERO, Interval, total
from bo_graph.analysis.opacity.context import SubjectInputs
from bo_graph.analysis.opacity.flags import Flag
from bo_graph.analysis.opacity.rules_owners import NOT_DARK, lawful_party, live_on
from bo_graph.analysis.opacity.shares import Ownership
from bo_graph.analysis.opacity.spec import Config
from bo_graph.analysis.opacity.view import ChainView, is_management
from bo_graph.model.codes import humanise

FULL_SHARE = Interval.exact(100.0)
MAX_COUNTED_PER_RULE = 3
"""Flags of one rule counted in the score: a hub of 50 nominees scores like 3."""


@dataclass(frozen=True)
class DarkLayer:
    party: str
    name: str
    kind: str
    layer: int
    edges: tuple[str, ...]
    share: Interval | None
    lawful: bool
    share_unknown: bool = False
    """It holds shares of the subject whose size the registers do not give (``share`` then
    counts them as 0%)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "name": self.name,
            "kind": self.kind,
            "layer": self.layer,
            "last_visible_edges": list(self.edges),
            "share": None if self.share is None else self.share.to_json(),
            "share_unknown": self.share_unknown,
            "lawful": self.lawful,
        }

    @property
    def share_text(self) -> str:
        """``of unknown size``, ``[25, 50]%``; ``""`` for none (the subject, a closed loop)."""
        if self.share is None:
            return ""
        return "of unknown size" if self.share_unknown else self.share.label()


@dataclass(frozen=True)
class ScorePart:
    code: str
    weight: float
    flags: int
    counted: int

    @property
    def points(self) -> float:
        return self.weight * self.counted

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "weight": self.weight,
            "flags": self.flags,
            "counted": self.counted,
            "points": round(self.points, 6),
        }


@dataclass(frozen=True)
class OpacitySummary:
    dark_layers: tuple[DarkLayer, ...]
    opaque_share: Interval
    lawful_share: Interval
    identified_share: Interval
    parts: tuple[ScorePart, ...]
    lawful_flags: dict[str, int]
    arrangement_share: Interval = ZERO
    arrangements: tuple[tuple[str, str, Interval], ...] = ()
    """Arrangements where ownership stops: id, name and effective share."""

    @property
    def score(self) -> float:
        return round(sum(p.points for p in self.parts), 6)

    def to_json(self) -> dict[str, Any]:
        return {
            "dark_layers": [d.to_json() for d in self.dark_layers],
            "opaque_share": self.opaque_share.to_json(),
            "lawful_opaque_share": self.lawful_share.to_json(),
            "identified_share": self.identified_share.to_json(),
            "arrangement_share": self.arrangement_share.to_json(),
            "arrangements": [
                {"party": party, "name": name, "share": share.to_json()}
                for party, name, share in self.arrangements
            ],
            "score": {
                "total": self.score,
                "formula": f"sum of weight x min(flags, {MAX_COUNTED_PER_RULE}) per rule",
                "parts": [p.to_json() for p in self.parts],
                "lawful_opacity_flags": dict(sorted(self.lawful_flags.items())),
            },
        }


def _dark_kind(view: ChainView, party: str, on: date) -> tuple[str, bool] | None:
    fact = view.party(party)
    if fact is None:
        return "missing record", False
    lawful = lawful_party(fact)
    if fact.is_unspecified:
        reason = humanise(fact.reason.value) if fact.reason else "no reason"
        return f"undisclosed ({reason})", lawful
    if fact.is_unknown_record:
        return humanise(fact.subkind), lawful  # "unknown entity", "anonymous person"
    if fact.is_known_person or fact.entity_type in NOT_DARK:
        return None  # a natural person, or a state or state body: where ownership ends
    if fact.listed:
        return "listed company (owners not recorded)", True
    if fact.is_entity and not live_on(fact, on):
        return None  # not founded yet or dissolved on the date: no owners to hide
    return "no recorded owner or controller", False


def dark_layers(
    view: ChainView, ownership: Ownership, cycles: list[frozenset[str]], on: date
) -> list[DarkLayer]:
    """Where the trail goes dark on the analysis date ``on``."""
    out: list[DarkLayer] = []
    for party in view.tops() + sorted(view.truncated):
        kind = "expansion limit" if party in view.truncated else None
        lawful = False
        if kind is None:
            found = _dark_kind(view, party, on)
            if found is None:
                continue
            kind, lawful = found
        edges = tuple(e.id for e in view.edges_from(party))
        share = ownership.share(party) if party != view.subject else None
        unknown = share is not None and ownership.of_unknown_size(party, view.subject)
        depth = view.depth.get(party, 0)
        out.append(DarkLayer(party, view.name(party), kind, depth, edges, share, lawful, unknown))
    out.extend(_closed_loops(view, cycles))
    return out


def _closed_loops(view: ChainView, cycles: list[frozenset[str]]) -> list[DarkLayer]:
    edges = [e for e in view.edges if not is_management(e)]
    out = []
    for members in cycles:
        if any(e.subject in members and e.interested_party not in members for e in view.edges):
            continue
        first = min(members, key=lambda m: (view.name(m), m))
        inside = tuple(sorted(e.id for e in edges if e.subject in members))
        layer = min(view.depth.get(m, 0) for m in members)
        out.append(DarkLayer(first, view.name(first), "closed loop", layer, inside, None, False))
    return out


def score_parts(flags: Sequence[Flag], config: Config) -> tuple[list[ScorePart], dict[str, int]]:
    counts = Counter(f.code for f in flags)
    parts, lawful = [], {}
    for rule in config.rules:
        count = counts.get(rule.code, 0)
        if not count:
            continue
        if rule.lawful:
            lawful[rule.code] = count
        else:
            counted = min(count, MAX_COUNTED_PER_RULE)
            parts.append(ScorePart(rule.code, config.weight(rule.code), count, counted))
    return parts, lawful


def summarise(inputs: SubjectInputs, flags: Sequence[Flag], config: Config) -> OpacitySummary:
    view = inputs.view
    ownership = inputs.ownership
    layers = dark_layers(view, ownership, inputs.cycles, inputs.env.analysis_date)
    known = [
        ownership.share(p)
        for p in view.tops()
        if (f := view.party(p)) is not None and f.is_known_person and p != view.subject
    ]
    parts, lawful = score_parts(flags, config)
    ends = arrangement_ends(view, ownership)
    return OpacitySummary(
        dark_layers=tuple(layers),
        opaque_share=_sum([d.share for d in layers if d.share is not None]),
        lawful_share=_sum([d.share for d in layers if d.share is not None and d.lawful]),
        identified_share=_sum(known),
        parts=tuple(parts),
        lawful_flags=lawful,
        arrangement_share=_sum([share for _, _, share in ends]),
        arrangements=tuple(ends),
    )


def arrangement_ends(view: ChainView, ownership: Ownership) -> list[tuple[str, str, Interval]]:
    """Trusts and other arrangements of the chain where ownership stops: they have parties
    (settlors, trustees, beneficiaries...) above them, so they are not dark ends, but no one
    holds shares in them; their effective share in the subject ends there (all of it when the
    subject is such an arrangement)."""
    owned = {link.subject for link in ownership.links}
    tops = set(view.tops())
    out = []
    for party in view.chain:
        fact = view.party(party)
        if fact is None or not fact.is_arrangement:
            continue
        if party in tops or party in owned or party in view.truncated:
            continue
        share = FULL_SHARE if party == view.subject else ownership.share(party)
        if share.hi > 0:
            out.append((party, view.name(party), share))
    return out


def _sum(shares: Sequence[Interval]) -> Interval:
    return total(list(shares)).clamped()
