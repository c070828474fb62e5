"""Persons and companies: creating them (one statement each) and picking existing ones again.

Everything here is drawn from one ``random.Random``. Field values come from one call to
``getrandbits`` split by arithmetic, which is much cheaper than one call per field. Only ids of
records already emitted are handed out for reuse, so no statement refers forward.
"""

from __future__ import annotations

import random
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from bo_graph.synth import records
from bo_graph.synth.calendar import ADULT_FROM, BIRTH_MONTHS
from bo_graph.synth.emitter import Emitter
from bo_graph.synth.stats import StructureStats
from bo_graph.synth.vocabulary import (
    DOMESTIC_SUFFIXES,
    FAMILY_NAMES,
    GB,
    GIVEN_NAMES,
    HUB_ADDRESSES,
    NAME_WORDS,
    NATIONALITIES,
    PEP_ROLES,
    POSTCODE_LETTERS,
    SECRECY_JURISDICTIONS,
    SECRECY_WEIGHTS,
    SECTORS,
    STREET_KINDS,
    STREETS,
    TOWNS,
    country,
)

T = TypeVar("T")
Json = dict[str, Any]

PERSON_REUSE = 0.70
"""Chance that an owner is a person already in the register."""
DOMESTIC_NATIONALS = 0.85
PEP_RATE = 0.004
IN_CYCLE = 255
"""Depth marker of a company inside a cross-holding or loop (never reused as a parent)."""
_NUMBER_STEP = 48_271
"""Company number = index * step + offset (mod 10^8): a bijection, so numbers never repeat."""
_JURISDICTION_TABLE = tuple(i for i, weight in enumerate(SECRECY_WEIGHTS) for _ in range(weight))


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


@dataclass(frozen=True, slots=True)
class Company:
    record_id: str
    index: int
    details: Json


class Parties:
    """Creates parties, keeps the compact state needed to reuse them, and counts them."""

    def __init__(self, rng: random.Random, emitter: Emitter, stats: StructureStats) -> None:
        self.rng = rng
        self.emitter = emitter
        self.stats = stats
        self._reusable_persons = array("I")
        self._adult_from = array("H")
        """The day each person (by number) came of age: no interest of theirs starts earlier."""
        self._depth = bytearray()
        """Corporate layers above each company, by index; ``IN_CYCLE`` for cycle members."""
        self._next_person = 0
        self._next_arrangement = 0
        self._next_relationship = 0
        self._number_offset = rng.randrange(10**8)
        self.on_new_person: Callable[[str, Json], None] | None = None
        """Called with the id and details of each new reusable known person."""

    # -- persons --

    def new_person(self, declared_by: str, day: int, *, pep_rate: float = PEP_RATE,
                   reusable: bool = True, service_address: Json | None = None) -> str:  # fmt: skip
        return self.new_person_record(declared_by, day, pep_rate=pep_rate, reusable=reusable,
                                      service_address=service_address)[0]  # fmt: skip

    def new_person_record(self, declared_by: str, day: int, *, pep_rate: float = PEP_RATE,
                          reusable: bool = True,
                          service_address: Json | None = None) -> tuple[str, Json]:  # fmt: skip
        """A new known person: record id and details."""
        bits = self.rng.getrandbits(48)
        given = GIVEN_NAMES[bits % len(GIVEN_NAMES)]
        bits //= len(GIVEN_NAMES)
        family = FAMILY_NAMES[bits % len(FAMILY_NAMES)]
        bits //= len(FAMILY_NAMES)
        birth_index = bits % len(BIRTH_MONTHS)
        birth = BIRTH_MONTHS[birth_index]
        bits //= len(BIRTH_MONTHS)
        domestic = (bits % 1000) < DOMESTIC_NATIONALS * 1000
        nationality = GB if domestic else NATIONALITIES[(bits // 1000) % len(NATIONALITIES)]
        details = records.known_person(given, family, birth, nationality, service_address)
        if self.rng.random() < pep_rate:
            role = pick(self.rng, PEP_ROLES)
            details["politicalExposure"] = records.political_exposure(role, nationality, day - 400)
            self.stats.peps += 1
        person_id = self._add_person(details, declared_by, day, reusable, ADULT_FROM[birth_index])
        return person_id, details

    def politically_exposed(self, details: Json, day: int) -> Json:
        """``details`` of a person who became politically exposed on ``day``."""
        role = pick(self.rng, PEP_ROLES)
        nationality = details["nationalities"][0]
        return {**details, "politicalExposure": records.political_exposure(role, nationality, day)}

    def anonymous_person(self, declared_by: str, day: int) -> str:
        details = records.anonymous_person("interestedPartyExemptFromDisclosure")
        self.stats.anonymous_persons += 1
        return self._add_person(details, declared_by, day, False, 0)

    def some_person(self, declared_by: str, day: int, taken: set[str]) -> str:
        """A person already in the register (not in ``taken``), or else a new one."""
        pool = self._reusable_persons
        if pool and self.rng.random() < PERSON_REUSE:
            for _ in range(3):
                person_id = f"per-{pool[int(self.rng.random() * len(pool))]}"
                if person_id not in taken:
                    return person_id
        return self.new_person(declared_by, day)

    def existing_person(self, taken: set[str]) -> str | None:
        """A person already in the register who is not in ``taken``, if one is found."""
        pool = self._reusable_persons
        for _ in range(3 if pool else 0):
            person_id = f"per-{pool[int(self.rng.random() * len(pool))]}"
            if person_id not in taken:
                return person_id
        return None

    def _add_person(self, details: Json, declared_by: str, day: int, reusable: bool,
                    adult_from: int) -> str:  # fmt: skip
        number = self._next_person
        self._next_person = number + 1
        self._adult_from.append(adult_from)
        person_id = f"per-{number}"
        self.stats.persons += 1
        self.emitter.emit("person", "new", person_id, declared_by, day, details)
        if reusable:
            self._reusable_persons.append(number)
            if self.on_new_person is not None:
                self.on_new_person(person_id, details)
        return person_id

    def start_for(self, person_id: str, start: int) -> int:
        """``start``, or the day the person came of age if that is later."""
        return max(start, self._adult_from[int(person_id[4:])])

    # -- companies --

    def domestic_company(self, day: int, founded: int, *, holding: bool = False,
                         hub: int | None = None, name: str | None = None) -> Company:  # fmt: skip
        index = len(self._depth)
        bits = self.rng.getrandbits(64)
        if name is None:
            name = _holding_name(bits) if holding else _trading_name(bits)
        number = f"{(index * _NUMBER_STEP + self._number_offset) % 10**8:08d}"
        if hub is None:
            registered = _domestic_address(bits >> 32)
        else:
            text, post_code, _agent = HUB_ADDRESSES[hub]
            registered = records.address("registered", text, post_code, GB)
            self._count_at(text)
        details = records.domestic_company(name, number, founded, registered)
        self.stats.domestic_companies += 1
        return self._add_company(index, details, day)

    def new_registered_address(self) -> Json:
        return _domestic_address(self.rng.getrandbits(40))

    def foreign_company(self, day: int, founded: int) -> Company:
        index = len(self._depth)
        bits = self.rng.getrandbits(64)
        code, name, suffix, scheme, agent_address = SECRECY_JURISDICTIONS[
            _JURISDICTION_TABLE[bits % len(_JURISDICTION_TABLE)]]  # fmt: skip
        where = country(code, name)
        company_name = f"{_words(bits >> 8)} {suffix}"
        number = f"{1_000_000 + (bits >> 30) % 9_000_000}"
        registered = records.address("registered", agent_address, None, where)
        details = records.foreign_company(company_name, where, scheme, number, founded, registered)
        self.stats.foreign_companies += 1
        self.stats.foreign_by_jurisdiction[code] += 1
        self._count_at(agent_address)
        return self._add_company(index, details, day)

    def _count_at(self, address: str) -> None:
        self.stats.hub_companies[address] = self.stats.hub_companies.get(address, 0) + 1

    def _add_company(self, index: int, details: Json, day: int) -> Company:
        record_id = f"ent-c{index}"
        self._depth.append(0)
        self.emitter.emit("entity", "new", record_id, record_id, day, details)
        return Company(record_id, index, details)

    @property
    def company_count(self) -> int:
        return len(self._depth)

    def set_depth(self, company: Company, depth: int) -> None:
        """Record the corporate layers above ``company`` (``IN_CYCLE`` inside a cycle)."""
        self._depth[company.index] = depth

    def depth_of(self, company: Company) -> int:
        return self._depth[company.index]

    def count_depths(self) -> None:
        """Fill the depth statistics (once, at the end)."""
        depths = Counter(self._depth)
        in_cycles = depths.pop(IN_CYCLE, 0)
        self.stats.chain_depths = depths
        self.stats.corporate_owned = self.company_count - depths.get(0, 0)
        self.stats.companies_in_cycles = in_cycles

    def existing_parent(self, child: Company, room: int) -> tuple[str, int] | None:
        """An existing company other than ``child``, not in a cycle, with at most ``room``
        layers above it: its record id and depth. (``child`` is already in the register and
        has nothing below it yet, so any other company can hold it without making a loop.)"""
        count = len(self._depth)
        for _ in range(4 if count else 0):
            index = int(self.rng.random() * count)
            depth = self._depth[index]
            if index != child.index and depth <= room:
                return f"ent-c{index}", depth
        return None

    # -- arrangements and relationships --

    def arrangement(self, kind: Json, name: str, jurisdiction: Json, founded: int,
                    declared_by: str, day: int) -> str:  # fmt: skip
        number = self._next_arrangement
        self._next_arrangement = number + 1
        record_id = f"ent-a{number}"
        details = records.arrangement(kind, name, jurisdiction, founded)
        self.emitter.emit("entity", "new", record_id, declared_by, day, details)
        return record_id

    def relationship_id(self) -> str:
        number = self._next_relationship
        self._next_relationship = number + 1
        return f"rel-{number}"


def _words(bits: int) -> str:
    first = NAME_WORDS[bits % len(NAME_WORDS)]
    second = NAME_WORDS[(bits // len(NAME_WORDS)) % len(NAME_WORDS)]
    return first if first == second else f"{first} {second}"


def _trading_name(bits: int) -> str:
    sector = SECTORS[(bits >> 16) % len(SECTORS)]
    suffix = DOMESTIC_SUFFIXES[(bits >> 23) % len(DOMESTIC_SUFFIXES)]
    if bits & 0x3 == 0:
        first = FAMILY_NAMES[(bits >> 2) % len(FAMILY_NAMES)]
        second = FAMILY_NAMES[(bits >> 9) % len(FAMILY_NAMES)]
        return f"{first} & {second} {sector} {suffix}"
    return f"{_words(bits >> 2)} {sector} {suffix}"


def _holding_name(bits: int) -> str:
    kind = ("Holdings Ltd", "Group Holdings Ltd", "Investments Ltd", "Capital Ltd")[bits & 0x3]
    return f"{_words(bits >> 2)} {kind}"


def _domestic_address(bits: int) -> Json:
    street = STREETS[bits % len(STREETS)]
    bits //= len(STREETS)
    kind = STREET_KINDS[bits % len(STREET_KINDS)]
    bits //= len(STREET_KINDS)
    number = 1 + bits % 240
    bits //= 240
    town, area = TOWNS[bits % len(TOWNS)]
    bits //= len(TOWNS)
    letters = POSTCODE_LETTERS
    post_code = f"{area} {1 + bits % 9}{letters[(bits // 9) % 20]}{letters[(bits // 180) % 20]}"
    return records.address("registered", f"{number} {street} {kind}, {town}", post_code, GB)
