"""Ownership shares as intervals with open or closed ends, in percent.

A share is either exact (``[v, v]``) or bounded (``(25, 50]``, ``[75, 100]``, ...). BODS 0.1-0.3
give exclusive ends as boolean flags on ``minimum``/``maximum``; BODS 0.4 gives them as numbers in
their own right (``exclusiveMinimum: 25``). Both parse to the same :class:`Share`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bo_graph.exc import RecordError


@dataclass(frozen=True, slots=True)
class Share:
    """A share in percent: ``lower``..``upper`` with each end open or closed."""

    lower: float
    upper: float
    lower_open: bool = False
    upper_open: bool = False

    def __post_init__(self) -> None:
        for name, value in (("lower", self.lower), ("upper", self.upper)):
            if not isinstance(value, (int, float)) or math.isnan(value):
                raise RecordError(
                    f"share {name}: expected a number, found {value!r}", field="share"
                )
            if not 0 <= value <= 100:
                raise RecordError(
                    f"share {name}: expected a percentage between 0 and 100, found {value}",
                    field="share",
                )
        if self.lower > self.upper:
            raise RecordError(
                f"share: expected minimum <= maximum, found {self.lower} > {self.upper}",
                field="share",
            )
        if self.lower == self.upper and (self.lower_open or self.upper_open):
            raise RecordError(
                f"share: the interval with an open end at {self.lower} is empty", field="share"
            )

    @classmethod
    def exact(cls, value: float) -> Share:
        return cls(float(value), float(value))

    @classmethod
    def unknown(cls) -> Share:
        """Nothing is known about the share: anything from 0 to 100."""
        return cls(0.0, 100.0)

    @property
    def is_exact(self) -> bool:
        return self.lower == self.upper

    @property
    def midpoint(self) -> float:
        return (self.lower + self.upper) / 2

    def label(self) -> str:
        """``"52%"`` for an exact share, ``"(25, 50]%"`` for a band."""
        if self.is_exact:
            return f"{_fmt(self.lower)}%"
        left = "(" if self.lower_open else "["
        right = ")" if self.upper_open else "]"
        return f"{left}{_fmt(self.lower)}, {_fmt(self.upper)}{right}%"

    def to_bods(self) -> dict[str, float]:
        """The BODS 0.4 ``share`` object."""
        if self.is_exact:
            return {"exact": self.lower}
        out: dict[str, float] = {}
        out["exclusiveMinimum" if self.lower_open else "minimum"] = self.lower
        out["exclusiveMaximum" if self.upper_open else "maximum"] = self.upper
        return out


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def _number(raw: Mapping[str, Any], key: str) -> float | None:
    value = raw.get(key)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise RecordError(
                f"share {key}: expected a number, found {value!r}", field="share"
            ) from None
    if not isinstance(value, (int, float)):
        raise RecordError(f"share {key}: expected a number, found {value!r}", field="share")
    return float(value)


_NUMBERS = (int, float)
Bounds = tuple[float, float, bool, bool]


def check_share(raw: Mapping[str, Any] | None) -> None:
    """Raise :class:`RecordError` where :func:`parse_share` would, without building a
    :class:`Share`."""
    if _plain_share(raw) is None:
        parse_share_general(raw)


def parse_share(raw: Mapping[str, Any] | None) -> Share | None:
    """Parse a BODS ``share`` object of any version. ``None`` or ``{}`` means no share given.

    Real 0.2 exports set ``exact``, ``minimum`` and ``maximum`` to one value: that is exact.
    Boolean ``exclusiveMinimum``/``exclusiveMaximum`` (0.1-0.3) qualify ``minimum``/``maximum``;
    numeric ones (0.4) are bounds in their own right.

    The common BODS 0.4 forms (``exact`` alone, or one number per bound) are checked in a few
    comparisons and built without :class:`Share`'s own checks (a stored register decodes
    millions); anything else goes through :func:`parse_share_general`, which gives the same
    result (a property test holds them to it).
    """
    bounds = _plain_share(raw)
    if bounds is None:
        return parse_share_general(raw)
    share: Share = object.__new__(Share)
    _SET_LOWER(share, bounds[0])  # the slots' own setters: a frozen Share has no other
    _SET_UPPER(share, bounds[1])
    _SET_LOWER_OPEN(share, bounds[2])
    _SET_UPPER_OPEN(share, bounds[3])
    return share


_SET_LOWER, _SET_UPPER, _SET_LOWER_OPEN, _SET_UPPER_OPEN = (
    getattr(Share, name).__set__ for name in ("lower", "upper", "lower_open", "upper_open")
)


def _plain_share(raw: Mapping[str, Any] | None) -> Bounds | None:
    """The bounds of a valid share of a common form; ``None`` means "parse it in full"."""
    if raw.__class__ is not dict or not raw:
        return None
    assert raw is not None
    exact = raw.get("exact")
    if exact.__class__ in _NUMBERS:
        if 0 <= exact <= 100:  # NaN fails this and is parsed (and refused) in full
            return (float(exact), float(exact), False, False)
        return None
    if exact is not None:
        return None
    low, low_open = raw.get("minimum"), raw.get("exclusiveMinimum")
    high, high_open = raw.get("maximum"), raw.get("exclusiveMaximum")
    if (low is None) == (low_open is None) or (high is None) == (high_open is None):
        return None  # a bound missing or given twice
    low, high = low if low_open is None else low_open, high if high_open is None else high_open
    if low.__class__ not in _NUMBERS or high.__class__ not in _NUMBERS:
        return None  # text, or a 0.1-0.3 flag
    if not 0 <= low <= high <= 100:
        return None
    opened = (low_open is not None, high_open is not None)
    if low == high and (opened[0] or opened[1]):
        return None  # empty
    return (float(low), float(high), *opened)


def parse_share_general(raw: Mapping[str, Any] | None) -> Share | None:
    """:func:`parse_share` for every form, with a reason for each share it refuses."""
    if not raw:
        return None
    if not isinstance(raw, Mapping):
        raise RecordError(f"share: expected an object, found {raw!r}", field="share")
    exact = _number(raw, "exact")
    if exact is not None:
        return Share.exact(exact)
    lower, lower_open = _bound(raw, "minimum", "exclusiveMinimum", default=0.0)
    upper, upper_open = _bound(raw, "maximum", "exclusiveMaximum", default=100.0)
    if lower is None and upper is None:
        return None
    return Share(
        lower if lower is not None else 0.0,
        upper if upper is not None else 100.0,
        lower_open,
        upper_open,
    )


def _bound(
    raw: Mapping[str, Any], inclusive_key: str, exclusive_key: str, default: float
) -> tuple[float | None, bool]:
    inclusive = _number(raw, inclusive_key)
    flag = raw.get(exclusive_key)
    if isinstance(flag, bool):  # BODS 0.1-0.3: the flag qualifies the inclusive key
        return inclusive, bool(flag) and inclusive is not None
    exclusive = _number(raw, exclusive_key)
    if exclusive is not None and inclusive is not None:
        raise RecordError(
            f"share: expected either {inclusive_key} or {exclusive_key}, found both",
            field="share",
        )
    if exclusive is not None:
        return exclusive, True
    return inclusive, False
