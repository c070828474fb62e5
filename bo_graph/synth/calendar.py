"""Dates as small integers: days since 1990-01-01, turned into ISO text by table lookup.

The register's statements run from ``REGISTER_START`` to ``REGISTER_END``; founding dates may
go back to ``EPOCH``. Formatting dates is a list index, not a ``strftime`` call per statement.
"""

from __future__ import annotations

from datetime import date, timedelta

EPOCH = date(1990, 1, 1)
LAST = date(2026, 12, 31)


def day_of(when: date) -> int:
    return (when - EPOCH).days


ISO_DATES: tuple[str, ...] = tuple(
    (EPOCH + timedelta(days=offset)).isoformat() for offset in range(day_of(LAST) + 1)
)
"""``ISO_DATES[day]`` is the ``YYYY-MM-DD`` text of ``day``."""

REGISTER_START = day_of(date(2015, 1, 1))
"""The first statement date of the register."""
REGISTER_END = day_of(date(2025, 12, 31))
"""The last statement date of the register (changes are filed up to this day)."""
NEW_RECORDS_END = day_of(date(2025, 6, 30))
"""The last statement date of a first (``new``) filing, leaving room for later changes."""
RETRIEVED_AT = "2026-02-01"
PUBLICATION_LAG = 2
"""Days between a statement and its publication."""

ADULT_AGE = 18
_BIRTHS = tuple((year, month) for year in range(1940, 1997) for month in range(1, 13))
BIRTH_MONTHS: tuple[str, ...] = tuple(f"{year}-{month:02d}" for year, month in _BIRTHS)
"""``YYYY-MM`` birth dates: everyone is an adult by the register's first statement."""
ADULT_FROM: tuple[int, ...] = tuple(
    max(0, day_of(date(year + ADULT_AGE, month, 1))) for year, month in _BIRTHS
)
"""``ADULT_FROM[i]``: the day the person born in ``BIRTH_MONTHS[i]`` came of age (from EPOCH)."""


def iso(day: int) -> str:
    return ISO_DATES[day]
