"""Voting rights as an ownership interest in their own right.

AMLR Art. 52(1) counts "25 % or more of the shares or voting rights"; the UK PSC conditions
count more than 25 % of the shares or of the votes (Schedule 1A, conditions 1 and 2). A person
who holds a quarter of the votes without a quarter of the shares is therefore a beneficial
owner on the votes alone, short of control. The vote share is computed like the integrated
share (majority-controlled entities looked through, others passed on in proportion) on the
voting links: the ``votingRights`` share where given, else the shareholding.

Where no relationship gives votes apart from shares, the vote shares are the shares: nothing
is computed and no ground is added.
"""

from __future__ import annotations

from collections import defaultdict, deque

from bo_graph.analysis.effective import OwnershipEvaluation, OwnershipSolver, look_through_share
from bo_graph.analysis.interval import ZERO, Interval
from bo_graph.analysis.network import LinkBasis, OwnershipNetwork


class VoteShares:
    """Each party's share of the votes in a target, computed only when votes differ from
    shares somewhere in the network."""

    def __init__(self, network: OwnershipNetwork) -> None:
        self._links = network.voting
        shares = {(link.edge_id, link.share) for link in network.ownership}
        self.differ = any((link.edge_id, link.share) not in shares for link in network.voting)
        self._solver: OwnershipSolver | None = None
        self._columns: dict[str, OwnershipEvaluation] = {}

    def share(
        self, party: str, target: str, certain: frozenset[str], possible: frozenset[str]
    ) -> Interval | None:
        """``party``'s share of the votes in ``target`` (``certain``/``possible``: the entities
        it controls, looked through); ``None`` when votes follow shares everywhere."""
        if not self.differ:
            return None
        if possible - {target}:
            return look_through_share(self._links, target, party, certain, possible)
        return self._column(target).shares.get(party, ZERO)

    def _column(self, target: str) -> OwnershipEvaluation:
        if target not in self._columns:
            if self._solver is None:
                self._solver = OwnershipSolver(self._links)
            self._columns[target] = self._solver.ownership(target)
        return self._columns[target]

    def edges(self, party: str, target: str, upstream: set[str]) -> tuple[str, ...]:
        """The relationships giving votes apart from shares on the way from ``party`` down to
        ``target`` (within ``upstream``, the parties above the target)."""
        within = upstream | {target}
        held: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
        for link in self._links:
            if link.owner in within and link.subject in within:
                votes = link.basis is LinkBasis.VOTING_RIGHTS
                held[link.owner].append((link.edge_id, link.subject, votes))
        found: list[str] = []
        seen, queue = {party}, deque([party])
        while queue:
            for edge_id, subject, votes in held.get(queue.popleft(), []):
                if votes:
                    found.append(edge_id)
                if subject not in seen:
                    seen.add(subject)
                    queue.append(subject)
        return tuple(dict.fromkeys(found))
