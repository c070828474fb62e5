"""Catalogue item 36: registers that disagree about one entity's owners.

When two registers (or publishers) both declare owners of one entity, each owner the one names
as a beneficial owner or at or above the threshold should be accounted for by the other: the
same party, or a party on the same line of ownership (one register names the holding company,
the other the person behind it). Parties of two registers are the same node, or have the same
name (case, accents, punctuation, word order and legal-form spelling aside) and, for persons, no
conflicting birth month: persons are never joined across registers, so a name match is how the
rule sees one person in two registers (AMLR Art. 24(2)(a): typos and transliteration are not
discrepancies; the name match is the tool's choice). Shares given by both registers must
overlap, and both must agree on whether the party holds as a nominee. A register that names no
such owner but says there is none, or that none can be identified (an unspecified owner with
reason ``noBeneficialOwners`` or ``subjectUnableToConfirmOrIdentifyBeneficialOwner``), accounts
for nobody the other names. A register that says nothing of who owns the entity (parents by
accounting consolidation, minor holders only, a lawful exemption) is not compared. Each flag
shows both registers' versions, as the relationships of each, with their statements.

Registers are told apart by the register or publisher each statement names
(``Provenance.source``); statements that name neither count as one source together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from bo_graph.analysis.opacity.context import Environment, NodeContext
from bo_graph.analysis.opacity.facts import PartyFact
from bo_graph.analysis.opacity.flags import Flag, Severity
from bo_graph.analysis.opacity.view import is_management
from bo_graph.model.codes import InterestType, UnspecifiedReason, humanise
from bo_graph.model.graph import Edge
from bo_graph.model.share import Share
from bo_graph.store.serial import fold, words

UNNAMED_SOURCE = "(no register named)"
LINE_DEPTH = 12
LINE_SIZE = 300
SHOWN = 5
_NONE_REASONS = frozenset(
    {UnspecifiedReason.NO_BENEFICIAL_OWNERS, UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM}
)
_SHARED_TYPES = (InterestType.SHAREHOLDING, InterestType.VOTING_RIGHTS)
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof"})
_LEGAL_FORMS = {"limited": "ltd", "incorporated": "inc", "corporation": "corp", "company": "co"}


@dataclass
class _Register:
    """What one register says about the entity's owners."""

    source: str
    declared: list[_Declared] = field(default_factory=list)
    none: list[tuple[Edge, PartyFact]] = field(default_factory=list)
    """Unspecified owners by which it says there is no identifiable beneficial owner."""
    full_name: bool = False
    """Named by its whole source: another register has the same short label."""

    @property
    def short_name(self) -> str:
        """The source up to its first ': ' or '. ' (a register's description often goes on to
        say what the extract holds)."""
        cut = min((i for i in (self.source.find(": "), self.source.find(". ")) if i > 0), default=0)
        return self.source[:cut] if cut else self.source

    @property
    def name(self) -> str:
        return self.source if self.full_name else self.short_name

    @property
    def names_owners(self) -> bool:
        return any(item.significant for item in self.declared)

    @property
    def says_none(self) -> bool:
        """It names no significant owner and says there is no identifiable one."""
        return bool(self.none) and not self.names_owners

    @property
    def says_who_owns(self) -> bool:
        return self.names_owners or self.says_none


@dataclass
class _Declared:
    """One register's relationship naming a party as owner or controller of the entity."""

    edge: Edge
    party: PartyFact
    shares: dict[InterestType, Share] = field(default_factory=dict)
    nominee: bool = False
    significant: bool = False


def register_discrepancy(ctx: NodeContext) -> Iterator[Flag]:
    owners = ctx.owners
    if len(owners) < 2 or len({e.provenance.source for e in owners if e.provenance}) < 2:
        return  # one register (nearly every entity): nothing to compare, and nothing to read
    registers = sorted(_registers(ctx).values(), key=lambda r: r.source)
    labels = Counter(r.short_name for r in registers)
    for register in registers:  # two datasets of one publisher ("OpenSanctions: a", ": b")
        register.full_name = labels[register.short_name] > 1
    for i, first in enumerate(registers):
        for second in registers[i + 1 :]:
            flag = _compare(ctx, first, second)
            if flag is not None:
                yield flag


def source_of(edge: Edge) -> str | None:
    """The register or publisher a relationship's statement names; ``None`` without one."""
    origin = edge.provenance
    if origin is None:
        return None
    named = origin.source and origin.source != PurePath(origin.file).name
    return origin.source if named else UNNAMED_SOURCE


def _registers(ctx: NodeContext) -> dict[str, _Register]:
    on = ctx.env.when
    threshold = ctx.number("threshold")
    out: dict[str, _Register] = {}
    for edge in ctx.owners:
        party = ctx.env.fact_of(edge.interested_party)
        source = source_of(edge)
        if source is None or party is None or is_management(edge):
            continue
        register = out.setdefault(source, _Register(source))
        if party.is_unspecified:
            # a register's "no owner" statement has no interests (UK PSC, GLEIF NO_KNOWN_PERSON)
            if party.reason in _NONE_REASONS and (
                not edge.interests or edge.interests_in_effect(on)
            ):
                register.none.append((edge, party))
            continue
        item = _Declared(edge, party)
        for interest in edge.interests_in_effect(on):
            item.nominee = item.nominee or interest.type is InterestType.NOMINEE
            bo = interest.beneficial_ownership_or_control is True
            if interest.share is not None and interest.type in _SHARED_TYPES:
                item.shares[interest.type] = interest.share
                bo = bo or interest.share.lower >= threshold
            item.significant = item.significant or bo
        register.declared.append(item)
    return out


def _compare(ctx: NodeContext, first: _Register, second: _Register) -> Flag | None:
    name_a, name_b = first.name, second.name
    problems: list[str] = []
    edges: list[Edge] = []
    for mine, theirs in ((first, second), (second, first)):
        for item in _unaccounted(ctx.env, mine, theirs):
            problems.append(f"{mine.name} names {item.party.name}{_held(item)}; {_absent(theirs)}")
            edges += [item.edge, *(edge for edge, _ in theirs.none if theirs.says_none)]
    for a, b in _same_parties(first.declared, second.declared):
        party = a.party.name if a.party.name == b.party.name else f"{a.party.name} / {b.party.name}"
        for kind in a.shares.keys() & b.shares.keys():
            if _disjoint(a.shares[kind], b.shares[kind], ctx.number("tolerance")):
                problems.append(
                    f"{party}, {humanise(kind.value)}: {name_a} {a.shares[kind].label()}, "
                    f"{name_b} {b.shares[kind].label()}"
                )
                edges += [a.edge, b.edge]
        if a.nominee != b.nominee:
            holds, not_ = (name_a, name_b) if a.nominee else (name_b, name_a)
            problems.append(f"{holds} has {party} hold as a nominee, {not_} does not")
            edges += [a.edge, b.edge]
    if not problems:
        return None
    shown = "; ".join(problems[:SHOWN])
    more = f"; and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    return ctx.on_node(
        ctx.fact.id,
        Severity.MEDIUM,
        f"{name_a} and {name_b} disagree about who owns {ctx.fact.name}: {shown}{more}",
        edges=sorted({e.id: e for e in edges}.values(), key=lambda e: e.id),
        values={"registers": [first.source, second.source], "discrepancies": problems},
    )


def _held(item: _Declared) -> str:
    shares = ", ".join(f"{s.label()} {humanise(k.value)}" for k, s in item.shares.items())
    return f" ({shares})" if shares else " (beneficial owner)"


def _absent(register: _Register) -> str:
    if not register.says_none:
        return f"{register.name} does not name them, nor anyone on their line of ownership"
    reasons = sorted({_reason_text(party) for _, party in register.none})
    return f"{register.name} says it has no identifiable beneficial owner ({'; '.join(reasons)})"


def _reason_text(party: PartyFact) -> str:
    reason = humanise(party.reason.value) if party.reason else "unspecified"
    return f"{reason}: {party.text}" if party.text else reason


def _unaccounted(env: Environment, mine: _Register, theirs: _Register) -> Iterator[_Declared]:
    """What ``mine`` names as significant that ``theirs`` does not account for (nothing when
    ``theirs`` says nothing of who owns the entity: a register of parents or minor holders)."""
    if not theirs.says_who_owns:
        return
    if theirs.says_none:
        yield from (item for item in mine.declared if item.significant)
        return
    their_parties = [f for item in theirs.declared for f in _line(env, item.party)]
    for item in mine.declared:
        if not item.significant:
            continue
        own_line = _line(env, item.party)
        if any(_same(a, b.party) for a in own_line for b in theirs.declared):
            continue
        if any(_same(item.party, b) for b in their_parties):
            continue
        yield item


def _line(env: Environment, party: PartyFact) -> list[PartyFact]:
    """``party`` and the parties above it (its owners and controllers, bounded)."""
    seen = {party.id: party}
    frontier = [party.id]
    for _ in range(LINE_DEPTH):
        upper: list[str] = []
        for node_id in frontier:
            for edge in env.owners_of(node_id):
                holder = edge.interested_party
                if holder in seen or is_management(edge):
                    continue
                fact = env.fact_of(holder)
                if fact is not None:
                    seen[holder] = fact
                    upper.append(holder)
        if not upper or len(seen) >= LINE_SIZE:
            break
        frontier = upper
    return list(seen.values())


def _same_parties(
    mine: Sequence[_Declared], theirs: Sequence[_Declared]
) -> Iterator[tuple[_Declared, _Declared]]:
    for a in mine:
        for b in theirs:
            if _same(a.party, b.party):
                yield a, b


def _same(a: PartyFact, b: PartyFact) -> bool:
    """One party as two registers name it: one node, or one name. Persons born in one month
    also match when one name leaves out words of the other (a middle name, a title), keeping
    at least two; persons born in different months never match."""
    if a.id == b.id:
        return True
    if a.kind is not b.kind or a.is_unspecified:
        return False
    if not a.is_person:
        return _entity_key(a.name) == _entity_key(b.name) != frozenset()
    born_a, born_b = (a.birth_date or "")[:7], (b.birth_date or "")[:7]
    if born_a and born_b and born_a != born_b:
        return False
    key_a, key_b = _person_key(a.name), _person_key(b.name)
    if born_a and born_a == born_b and min(len(key_a), len(key_b)) >= 2:
        return key_a <= key_b or key_b <= key_a
    return key_a == key_b != frozenset()


def _entity_key(name: str) -> frozenset[str]:
    spelled = " ".join(_LEGAL_FORMS.get(word, word) for word in words(fold(name)))
    return frozenset(words(spelled.replace("public ltd co", "plc")))


def _person_key(name: str) -> frozenset[str]:
    return frozenset(words(fold(name))) - _TITLES


def _disjoint(a: Share, b: Share, tolerance: float) -> bool:
    return a.upper + tolerance < b.lower or b.upper + tolerance < a.lower
