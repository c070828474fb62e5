"""Share intervals in percent with open or closed ends, and three-valued verdicts.

Every share the engine reports is an :class:`Interval`: ``[12.5, 37.5]``, ``(12.5, 37.5)``,
``[52, 52]``. Shares in the registers are often bands (UK PSC "more than 25% but not more than
50%" is ``(25, 50]``); the engine keeps the open ends through sums and products so that a
threshold test on "more than 25%" gives the right answer at the boundary.

Comparisons allow :data:`TOLERANCE` for floating-point error: ``24.9999999999`` computed for an
exact 25% still meets a ``>= 25`` threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from bo_graph.model.share import Share

TOLERANCE = 1e-9
"""Absolute tolerance, in percentage points, for comparing computed shares."""

FULL = 100.0
SNAP_DIGITS = 10
"""Reported shares are rounded to 1e-10 percentage points to drop floating-point noise."""


class Verdict(Enum):
    """A three-valued answer: yes, no, or possible (the data allow both)."""

    NO = 0
    POSSIBLE = 1
    YES = 2

    @property
    def json_value(self) -> bool | str:
        """``true``, ``false`` or ``"possible"`` in the JSON output."""
        if self is Verdict.POSSIBLE:
            return "possible"
        return self is Verdict.YES

    def __or__(self, other: Verdict) -> Verdict:
        """The stronger of two verdicts (YES > POSSIBLE > NO)."""
        return self if self.value >= other.value else other

    def __and__(self, other: Verdict) -> Verdict:
        """The weaker of two verdicts: both must hold."""
        return self if self.value <= other.value else other


class ThresholdRule(StrEnum):
    """How a share is compared with a threshold ``t``."""

    AT_LEAST = ">="
    """``share >= t``: EU AMLR Art. 52(1) "25 % or more" (the default)."""
    MORE_THAN = ">"
    """``share > t``: UK PSC "more than 25%", AMLD4 "more than 25%", majority control."""


def near(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


@dataclass(frozen=True, slots=True)
class Interval:
    """A share between ``lo`` and ``hi`` percent; each end open (excluded) or closed."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(float(value), float(value))

    @classmethod
    def unknown(cls) -> Interval:
        return cls(0.0, FULL)

    @classmethod
    def from_share(cls, share: Share | None) -> Interval:
        """The interval of a register share; ``None`` (no share given) is ``[0, 100]``."""
        if share is None:
            return cls.unknown()
        return cls(share.lower, share.upper, share.lower_open, share.upper_open)

    @property
    def is_exact(self) -> bool:
        return near(self.lo, self.hi) and not (self.lo_open or self.hi_open)

    @property
    def is_positive(self) -> bool:
        """True when every value in the interval is above zero."""
        return self.lo > TOLERANCE or (near(self.lo, 0.0) and self.lo_open)

    def plus(self, other: Interval) -> Interval:
        """The sum of two independent shares: an end is open when either summand's end is."""
        return Interval(
            self.lo + other.lo,
            self.hi + other.hi,
            self.lo_open or other.lo_open,
            self.hi_open or other.hi_open,
        )

    def times(self, other: Interval) -> Interval:
        """The share of a share (both in percent): ``[a, b] x [c, d] = [ac/100, bd/100]``.

        An end of the product is attained, hence closed, when both factors' ends are attained,
        or when one factor can be exactly zero."""
        lo_open = not _product_end_attained(self.lo, self.lo_open, other.lo, other.lo_open)
        hi_open = not _product_end_attained(self.hi, self.hi_open, other.hi, other.hi_open)
        return Interval(self.lo * other.lo / FULL, self.hi * other.hi / FULL, lo_open, hi_open)

    def clamped(self) -> Interval:
        """Within ``[0, 100]``, ``lo <= hi``, rounded to :data:`SNAP_DIGITS` decimals."""
        lo = min(max(round(self.lo, SNAP_DIGITS), 0.0), FULL)
        hi = min(max(round(self.hi, SNAP_DIGITS), 0.0), FULL)
        lo_open = self.lo_open and self.lo >= 0.0
        hi_open = self.hi_open and self.hi <= FULL
        if lo > hi:
            lo = hi
        if near(lo, hi):
            return Interval(lo, lo)  # a single point: an open end would make it empty
        return Interval(lo, hi, lo_open, hi_open)

    def verdict(self, threshold: float, rule: ThresholdRule = ThresholdRule.AT_LEAST) -> Verdict:
        """Does the share meet ``threshold``? YES for every value in the interval, NO for none,
        POSSIBLE otherwise. Open ends count: ``(25, 50]`` is YES for ``> 25``."""
        if rule is ThresholdRule.AT_LEAST:
            if self.lo >= threshold - TOLERANCE:
                return Verdict.YES
            below = self.hi < threshold - TOLERANCE or (near(self.hi, threshold) and self.hi_open)
            return Verdict.NO if below else Verdict.POSSIBLE
        if self.lo > threshold + TOLERANCE or (near(self.lo, threshold) and self.lo_open):
            return Verdict.YES
        return Verdict.NO if self.hi <= threshold + TOLERANCE else Verdict.POSSIBLE

    def label(self) -> str:
        """``52%`` for an exact share, ``(12.5, 37.5)%`` for a band."""
        if self.is_exact:
            return f"{_fmt(self.lo)}%"
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        return f"{left}{_fmt(self.lo)}, {_fmt(self.hi)}{right}%"

    def short_label(self) -> str:
        """As :meth:`label` with at most :data:`SHORT_DECIMALS` decimals (``14.05%`` for
        14.0455%), for people: JSON keeps the full figures. A value that rounding would make look
        exact (24.996% as ``25%``) keeps its digits, so a share is never shown on a threshold it
        does not reach."""
        if self.is_exact:
            return f"{_short(self.lo)}%"
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        return f"{left}{_short(self.lo)}, {_short(self.hi)}{right}%"

    def to_json(self) -> dict[str, Any]:
        """``{"min", "max", "min_open", "max_open"}`` in percent, rounded to 1e-9."""
        return {
            "min": _round(self.lo),
            "max": _round(self.hi),
            "min_open": self.lo_open,
            "max_open": self.hi_open,
        }


ZERO = Interval(0.0, 0.0)


def total(intervals: list[Interval]) -> Interval:
    """The sum of several shares; ``[0, 0]`` for none."""
    result = ZERO
    for item in intervals:
        result = result.plus(item)
    return result


def _product_end_attained(a: float, a_open: bool, b: float, b_open: bool) -> bool:
    if (a == 0.0 and not a_open) or (b == 0.0 and not b_open):
        return True
    return not a_open and not b_open


def _round(value: float) -> float:
    rounded = round(value, 9)
    return 0.0 if rounded == 0 else rounded


def _fmt(value: float) -> str:
    return f"{value:.6g}"


SHORT_DECIMALS = 2


def _short(value: float) -> str:
    rounded = round(value, SHORT_DECIMALS)
    looks_exact = abs(round(rounded * 10) - rounded * 10) < 1e-6  # 25.00, 24.90: no last digit
    if not near(rounded, value) and looks_exact:
        return _fmt(value)
    return f"{rounded:.{SHORT_DECIMALS}f}".rstrip("0").rstrip(".")
