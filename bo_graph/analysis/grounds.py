"""The grounds on which a natural person is, or may be, a beneficial owner of a subject.

* ``ownership``: integrated ownership meets the threshold (AMLR Art. 52);
* ``control``: the person controls the subject (AMLR Art. 53, M5 fixpoint);
* ``look_through``: the holdings of the entities the person controls count in full (Art. 54);
* ``owns_controlling_entity``: the person meets the threshold in an entity that controls the
  subject (Art. 54, ownership and control on different layers, M8);
* ``trust_role``: settlor, trustee, protector or beneficiary of a trust or similar arrangement
  that is the subject, or meets the threshold in it, or controls it (Art. 58, FATF R.25); for a
  corporate role holder, the beneficial owners of that entity;
* ``nominator``: the nominator behind a nomination arrangement that holds, controls or sits on
  the board of the subject; the nominee is reported with an informational ``nominee`` ground.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bo_graph.analysis.chains import step_index
from bo_graph.analysis.control import ControlGraph, control_chain
from bo_graph.analysis.control_text import describe_control
from bo_graph.analysis.effective import OwnershipEvaluation, OwnershipSolver, look_through_share
from bo_graph.analysis.interval import TOLERANCE, ZERO, Interval, ThresholdRule, Verdict
from bo_graph.analysis.method import Method
from bo_graph.analysis.network import OwnershipNetwork, RoleLink
from bo_graph.analysis.results import LEGAL_BASIS, OWNERSHIP_LAW, Ground, Party, Rule
from bo_graph.analysis.votes import VoteShares
from bo_graph.model.codes import MANAGEMENT_INTERESTS, TRUST_INTERESTS, InterestType, role_words
from bo_graph.model.graph import Node
from bo_graph.model.records import EntityDetails

MAX_LOOK_THROUGH_DEPTH = 4
"""How many corporate trustees / nominators deep the trust and nominee look-through goes."""
MAX_CONTROLLER_CANDIDATES = 1000
"""Entities tested as possible controllers of the subject (M8) before giving up with a warning."""

Grounds = dict[str, list[Ground]]
Edges = tuple[str, ...]


@dataclass(frozen=True)
class UboPolicy:
    """The parameters of a beneficial-ownership determination."""

    threshold: float = 25.0
    rule: ThresholdRule = ThresholdRule.AT_LEAST
    paths_per_owner: int = 20
    path_budget: int = 200_000
    method: Method = Method.INTEGRATED
    """Which grounds decide (see :mod:`bo_graph.analysis.method`)."""


class Analysis:
    """One network under one policy, with the per-target computations cached."""

    def __init__(self, network: OwnershipNetwork, policy: UboPolicy) -> None:
        self.network = network
        self.policy = policy
        self.control = ControlGraph.of(network)
        self.steps_into = step_index(network)
        self.holders = {e.id: e.interested_party for e in network.edges.values()}
        self.warnings: list[str] = []
        self._ownership: dict[str, OwnershipEvaluation] = {}
        self._solver: OwnershipSolver | None = None
        self._look_through: dict[tuple[str, str], Interval | None] = {}
        self.votes = VoteShares(network)
        self._reach: dict[str, set[str]] = {}
        self._roles_into: dict[str, list[RoleLink]] = defaultdict(list)
        for role in network.roles:
            self._roles_into[role.subject].append(role)

    def ownership(self, target: str) -> OwnershipEvaluation:
        if target not in self._ownership:
            if self._solver is None:  # prepared once, shared by every target's column
                self._solver = OwnershipSolver(self.network.ownership)
            self._ownership[target] = self._solver.ownership(target)
        return self._ownership[target]

    @property
    def evaluations(self) -> list[OwnershipEvaluation]:
        return list(self._ownership.values())

    def look_through(self, party: str, target: str) -> Interval | None:
        """The party's share with controlled entities looked through; ``None`` when it
        controls nothing (the share is then its integrated share)."""
        key = (party, target)
        if key not in self._look_through:
            certain = frozenset(self.control.controlled(party, upper=False))
            possible = frozenset(self.control.controlled(party, upper=True))
            self._look_through[key] = (
                look_through_share(self.network.ownership, target, party, certain, possible)
                if possible - {target}
                else None
            )
        return self._look_through[key]

    def vote_share(self, party: str, target: str) -> Interval | None:
        """The party's share of the votes in ``target``; ``None`` when votes follow shares."""
        if not self.votes.differ:
            return None
        certain = frozenset(self.control.controlled(party, upper=False))
        possible = frozenset(self.control.controlled(party, upper=True))
        return self.votes.share(party, target, certain, possible)

    def reach(self, target: str) -> set[str]:
        """Every party with a chain of relationships (of any kind) down to ``target``."""
        if target not in self._reach:
            self._reach[target] = self._walk_up(target)
        return set(self._reach[target])

    def _walk_up(self, target: str) -> set[str]:
        seen: set[str] = set()
        queue = deque([target])
        while queue:
            node = queue.popleft()
            for step in self.steps_into.get(node, ()):
                if step.holder.id not in seen and step.holder.id != target:
                    seen.add(step.holder.id)
                    queue.append(step.holder.id)
        return seen

    def roles_into(self, subject: str) -> list[RoleLink]:
        return self._roles_into.get(subject, [])

    def verdict(self, share: Interval) -> Verdict:
        return share.verdict(self.policy.threshold, self.policy.rule)

    def party(self, node_id: str) -> Party:
        return Party.of(node_id, self.network.nodes.get(node_id))

    def name(self, node_id: str) -> str:
        return self.network.name(node_id)

    def basis(self, rule: Rule) -> str:
        symbol = _symbol(self.policy.rule)
        return LEGAL_BASIS[rule].format(
            law=OWNERSHIP_LAW[symbol], rule=symbol, threshold=f"{self.policy.threshold:g}"
        )


def _symbol(rule: ThresholdRule) -> str:
    return "≥" if rule is ThresholdRule.AT_LEAST else ">"


def best(grounds: Iterable[Ground]) -> Verdict:
    verdict = Verdict.NO
    for ground in grounds:
        if ground.verdict is not None:
            verdict = verdict | ground.verdict
    return verdict


def person_grounds(analysis: Analysis, target: str, depth: int = 0) -> Grounds:
    """Every natural person with a ground for being a beneficial owner of ``target``."""
    grounds: Grounds = defaultdict(list)
    evaluation = analysis.ownership(target)
    upstream = analysis.reach(target)
    for person in sorted(p for p in upstream if analysis.network.is_person(p)):
        grounds[person].extend(_direct_grounds(analysis, target, person, evaluation))
    _owns_controller_grounds(analysis, target, upstream, grounds)
    for arrangement in sorted(upstream | {target}):
        node = analysis.network.nodes.get(arrangement)
        if node is not None and node.is_nomination:
            _nomination_grounds(analysis, target, arrangement, depth, grounds)
        elif node is not None and (
            node.is_trust or node.is_arrangement or _trust_like(analysis, node)
        ):
            _trust_grounds(analysis, target, arrangement, depth, grounds)
    return grounds


def _direct_grounds(
    analysis: Analysis, target: str, person: str, evaluation: OwnershipEvaluation
) -> list[Ground]:
    out: list[Ground] = []
    share = evaluation.shares.get(person, ZERO)
    owned = analysis.verdict(share)
    subject = analysis.name(target)
    if owned is not Verdict.NO:
        text = f"holds {share.short_label()} of {subject} (integrated ownership)"
        out.append(Ground(Rule.OWNERSHIP, owned, text, analysis.basis(Rule.OWNERSHIP), share))
    controls = analysis.control.verdict(person, target)
    if controls is not Verdict.NO:
        controlled = analysis.control.controlled(person, upper=controls is Verdict.POSSIBLE)
        chain = control_chain(controlled, target, analysis.holders)
        text = f"controls {subject}" + describe_control(chain, analysis.holders, analysis.name)
        edges = tuple(e for step in chain for e in step.edges)
        out.append(Ground(Rule.CONTROL, controls, text, analysis.basis(Rule.CONTROL), None, edges))
    looked = analysis.look_through(person, target)
    if looked is not None:
        through = analysis.verdict(looked)
        if through is not Verdict.NO and (
            through.value > owned.value or looked.hi > share.hi + TOLERANCE
        ):
            names = _controlled_names(analysis, person, target)
            text = (
                f"holds {looked.short_label()} of {subject} when the entities it controls "
                f"({names}) pass on their whole holdings"
            )
            basis = analysis.basis(Rule.LOOK_THROUGH)
            edges = _look_through_edges(analysis, person, target)
            out.append(Ground(Rule.LOOK_THROUGH, through, text, basis, looked, edges))
            owned = max(owned, through, key=lambda v: v.value)
    out.extend(_vote_grounds(analysis, target, person, owned))
    return out


def _vote_grounds(analysis: Analysis, target: str, person: str, owned: Verdict) -> list[Ground]:
    """Votes above the threshold when the shares are not (AMLR Art. 52, UK PSC condition 2)."""
    votes = analysis.vote_share(person, target)
    if votes is None:
        return []
    voted = analysis.verdict(votes)
    if voted.value <= owned.value:
        return []
    text = f"holds {votes.short_label()} of the votes in {analysis.name(target)}"
    edges = analysis.votes.edges(person, target, analysis.reach(target))
    return [Ground(Rule.VOTES, voted, text, analysis.basis(Rule.VOTES), votes, edges)]


def _look_through_edges(analysis: Analysis, person: str, target: str) -> Edges:
    """How ``person`` controls each entity whose holdings are passed on whole."""
    controlled = analysis.control.controlled(person, upper=True)
    steps = (step for entity, step in sorted(controlled.items()) if entity != target)
    return tuple(dict.fromkeys(e for step in steps for e in step.edges))


def _controlled_names(analysis: Analysis, person: str, target: str) -> str:
    controlled = analysis.control.controlled(person, upper=True)
    return ", ".join(sorted(analysis.name(c) for c in controlled if c != target))


def _owns_controller_grounds(
    analysis: Analysis, target: str, upstream: set[str], grounds: Grounds
) -> None:
    entities = sorted(p for p in upstream if not analysis.network.is_person(p))
    if len(entities) > MAX_CONTROLLER_CANDIDATES:
        analysis.warnings.append(
            f"{len(entities)} upstream entities: the 'owns a controlling entity' rule was "
            f"checked for the first {MAX_CONTROLLER_CANDIDATES} only"
        )
        entities = entities[:MAX_CONTROLLER_CANDIDATES]
    for entity in entities:
        controls = analysis.control.verdict(entity, target)
        if controls is Verdict.NO:
            continue
        edges = _control_edges(analysis, entity, target, upper=controls is Verdict.POSSIBLE)
        for person, share in analysis.ownership(entity).shares.items():
            verdict = analysis.verdict(share) & controls
            if verdict is Verdict.NO or not analysis.network.is_person(person):
                continue
            text = (
                f"holds {share.short_label()} of {analysis.name(entity)}, which "
                f"{'may control' if controls is Verdict.POSSIBLE else 'controls'} "
                f"{analysis.name(target)}"
            )
            basis = analysis.basis(Rule.OWNS_CONTROLLER)
            ground = Ground(Rule.OWNS_CONTROLLER, verdict, text, basis, share, edges)
            grounds[person].append(ground)


def _control_edges(analysis: Analysis, controller: str, target: str, *, upper: bool) -> Edges:
    """The relationships through which ``controller`` controls ``target``."""
    controlled = analysis.control.controlled(controller, upper=upper)
    chain = control_chain(controlled, target, analysis.holders)
    return tuple(e for step in chain for e in step.edges)


def _qualification(analysis: Analysis, arrangement: str, target: str) -> tuple[Verdict, str]:
    """Whether an arrangement counts for ``target``, and how (for the ground's text)."""
    if arrangement == target:
        return Verdict.YES, ""  # a role in the subject itself needs no "which ..."
    share = analysis.ownership(target).shares.get(arrangement, ZERO)
    verdict = analysis.verdict(share)
    how = [f"holds {share.short_label()} of {analysis.name(target)}"] if share.hi > 0 else []
    controls = analysis.control.verdict(arrangement, target)
    if controls is not Verdict.NO:
        how.append(f"{'may control' if controls is Verdict.POSSIBLE else 'controls'} it")
        verdict = verdict | controls
    return verdict, " and ".join(how) or f"has no qualifying interest in {analysis.name(target)}"


def _trust_like(analysis: Analysis, node: Node) -> bool:
    """An entity in which trust roles are recorded (a settlor, trustee, protector or
    beneficiary): a foundation or other legal entity similar to a trust (AMLR Art. 57), whose
    beneficial owners are determined as a trust's."""
    if not isinstance(node.details, EntityDetails):
        return False
    return any(r.role in TRUST_INTERESTS for r in analysis.roles_into(node.id))


def _trust_grounds(
    analysis: Analysis, target: str, trust: str, depth: int, grounds: Grounds
) -> None:
    qualifies, how = _qualification(analysis, trust, target)
    if qualifies is Verdict.NO:
        return
    for role in analysis.roles_into(trust):
        if role.role not in TRUST_INTERESTS:
            continue
        text = f"{role_words(role.role.value)} of {analysis.name(trust)}{_which(how)}"
        _attribute(analysis, role, qualifies, text, Rule.TRUST_ROLE, depth, grounds)


def _nomination_grounds(
    analysis: Analysis, target: str, arrangement: str, depth: int, grounds: Grounds
) -> None:
    qualifies, how = _qualification(analysis, arrangement, target)
    seats = [
        role_words(r.role.value)
        for r in analysis.roles_into(target)
        if r.holder == arrangement and r.role in MANAGEMENT_INTERESTS
    ]
    if seats:
        held = f"holds {', '.join(seats)} in {analysis.name(target)}"
        how = held if qualifies is Verdict.NO or not how else f"{how} and {held}"
        qualifies = Verdict.YES
    roles = analysis.roles_into(arrangement)
    nominators = [r for r in roles if r.role is InterestType.NOMINATOR]
    nominees = [r for r in roles if r.role is InterestType.NOMINEE]
    nominee_names = ", ".join(analysis.name(r.holder) for r in nominees) or "no named nominee"
    if qualifies is not Verdict.NO:
        for role in nominators:
            text = (
                f"nominator of {analysis.name(arrangement)} (nominee: {nominee_names}){_which(how)}"
            )
            _attribute(analysis, role, qualifies, text, Rule.NOMINATOR, depth, grounds)
    nominator_names = (
        ", ".join(analysis.name(r.holder) for r in nominators) or "an unnamed nominator"
    )
    for role in nominees:
        text = (
            f"nominee in {analysis.name(arrangement)} for {nominator_names}: holds for the "
            f"nominator and is not a beneficial owner through it"
        )
        basis = analysis.basis(Rule.NOMINEE)
        grounds[role.holder].append(Ground(Rule.NOMINEE, None, text, basis, None, (role.edge_id,)))


def _which(how: str) -> str:
    return f", which {how}" if how else ""


def _attribute(
    analysis: Analysis,
    role: RoleLink,
    verdict: Verdict,
    text: str,
    rule: Rule,
    depth: int,
    grounds: Grounds,
) -> None:
    """Give a role's ground to its holder, or to the beneficial owners of a corporate holder."""
    basis = analysis.basis(rule)
    if analysis.network.is_person(role.holder):
        grounds[role.holder].append(Ground(rule, verdict, text, basis, None, (role.edge_id,)))
        return
    if depth >= MAX_LOOK_THROUGH_DEPTH:
        analysis.warnings.append(
            f"look-through of {analysis.name(role.holder)} stopped at depth {depth}"
        )
        return
    for person, behind in person_grounds(analysis, role.holder, depth + 1).items():
        strength = best(behind)
        if strength is Verdict.NO:
            continue
        holder = analysis.name(role.holder)
        ground = Ground(
            rule,
            verdict & strength,
            f"beneficial owner of {holder}, {text}",
            basis,
            None,
            (role.edge_id,),
        )
        grounds[person].append(ground)


def merge(into: Grounds, more: Mapping[str, list[Ground]]) -> None:
    for party, items in more.items():
        into[party].extend(items)
