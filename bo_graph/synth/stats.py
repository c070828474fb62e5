"""Running counts of what the generator built, read into the summary at the end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class StructureStats:
    domestic_companies: int = 0
    foreign_companies: int = 0
    foreign_by_jurisdiction: Counter[str] = field(default_factory=Counter)
    persons: int = 0
    anonymous_persons: int = 0
    peps: int = 0
    trusts: int = 0
    nominations: int = 0
    unspecified_owners: int = 0
    """Relationships whose interested party is an unspecified record."""
    corporate_owned: int = 0
    """Companies with at least one corporate owner (a company, not a person or arrangement)."""
    cross_holdings: int = 0
    """Pairs of companies holding part of each other, with outside owners too."""
    closed_loops: int = 0
    """Pairs of companies holding 100% of each other and nothing else."""
    companies_in_cycles: int = 0
    chain_depths: Counter[int] = field(default_factory=Counter)
    """Companies outside cycles by the number of corporate layers above them (0: none)."""
    hub_companies: dict[str, int] = field(default_factory=dict)
    """Companies registered at each formation agent's (or offshore registered agent's)
    address."""
    nominee_directorships: dict[str, int] = field(default_factory=dict)
    """Board seats and senior-official roles held by each professional nominee (by id)."""

    @property
    def companies(self) -> int:
        return self.domestic_companies + self.foreign_companies

    @property
    def max_chain_depth(self) -> int:
        return max(self.chain_depths, default=0)
