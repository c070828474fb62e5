"""What a synthetic register contains: statement counts and the structures that were built."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
from typing import Any

from bo_graph.synth.context import Agents
from bo_graph.synth.stats import StructureStats

RECORD_TYPES = ("entity", "person", "relationship")
RECORD_STATUSES = ("new", "updated", "closed")


@dataclass(frozen=True)
class SynthSummary:
    seed: int
    companies: int
    """Companies in the register (domestic and foreign); trusts and nominations not included."""
    statements: int
    by_record_type: dict[str, dict[str, int]]
    """Statements by ``recordType`` then ``recordStatus``."""
    domestic_companies: int
    foreign_companies: int
    foreign_by_jurisdiction: dict[str, int]
    persons: int
    anonymous_persons: int
    peps: int
    """Persons politically exposed when first filed or in a later update."""
    trusts: int
    nominations: int
    unspecified_owners: int
    corporate_owned: int
    """Companies with a corporate owner."""
    cross_holdings: int
    closed_loops: int
    companies_in_cycles: int
    max_chain_depth: int
    """Most corporate ownership layers above one company."""
    chain_depths: dict[int, int]
    """Companies by corporate layers above them (cycle members left out)."""
    hubs: dict[str, int]
    """Companies registered at each formation agent's address, at home and offshore."""
    nominee_directors: dict[str, int]
    """Board seats, senior-official and nominee roles of each professional nominee, by
    "name (record id)"."""
    path: str | None = None
    bytes_written: int | None = None
    seconds: float | None = None

    @property
    def statements_per_company(self) -> float:
        return self.statements / self.companies if self.companies else 0.0

    def written(self, path: str, bytes_written: int, seconds: float) -> SynthSummary:
        return replace(self, path=path, bytes_written=bytes_written, seconds=seconds)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["chain_depths"] = {str(depth): n for depth, n in self.chain_depths.items()}
        out["statements_per_company"] = round(self.statements_per_company, 3)
        return out

    def one_line(self) -> str:
        kinds = ", ".join(f"{sum(self.by_record_type[kind].values()):,} {kind}"
                          for kind in RECORD_TYPES)  # fmt: skip
        changes = sum(self.by_record_type[kind][status] for kind in RECORD_TYPES
                      for status in ("updated", "closed"))  # fmt: skip
        line = (f"{self.companies:,} companies, {self.statements:,} statements ({kinds}; "
                f"{changes:,} updated/closed), max chain depth {self.max_chain_depth}, "
                f"{self.closed_loops} closed loops, {self.cross_holdings} cross-holdings, "
                f"{len(self.hubs)} hub addresses, {self.trusts:,} trusts, "
                f"{self.nominations:,} nominee arrangements")  # fmt: skip
        if self.path is not None and self.bytes_written is not None and self.seconds is not None:
            line += (f" -> {self.path} ({self.bytes_written / 1e6:,.1f} MB "
                     f"in {self.seconds:.1f} s)")  # fmt: skip
        return line


def _by_count(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def summarize(seed: int, stats: StructureStats, counts: Counter[tuple[str, str]],
              agents: Agents) -> SynthSummary:  # fmt: skip
    by_type = {kind: {status: counts[kind, status] for status in RECORD_STATUSES}
               for kind in RECORD_TYPES}  # fmt: skip
    nominees = {f"{agents.nominee_names[person]} ({person})": n
                for person, n in stats.nominee_directorships.items()}  # fmt: skip
    return SynthSummary(
        seed=seed,
        companies=stats.companies,
        statements=sum(counts.values()),
        by_record_type=by_type,
        domestic_companies=stats.domestic_companies,
        foreign_companies=stats.foreign_companies,
        foreign_by_jurisdiction=_by_count(stats.foreign_by_jurisdiction),
        persons=stats.persons,
        anonymous_persons=stats.anonymous_persons,
        peps=stats.peps,
        trusts=stats.trusts,
        nominations=stats.nominations,
        unspecified_owners=stats.unspecified_owners,
        corporate_owned=stats.corporate_owned,
        cross_holdings=stats.cross_holdings,
        closed_loops=stats.closed_loops,
        companies_in_cycles=stats.companies_in_cycles,
        max_chain_depth=stats.max_chain_depth,
        chain_depths=dict(sorted(stats.chain_depths.items())),
        hubs=_by_count(stats.hub_companies),
        nominee_directors=_by_count(nominees),
    )
