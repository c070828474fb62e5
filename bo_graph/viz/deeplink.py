"""Deep links: ``?entity=REF&as_of=YYYY-MM-DD&threshold=25&method=integrated``.

:func:`parse_params` reads the query parameters of a URL (tolerant: a bad value is reported and
ignored, never a crash); :func:`to_params` writes the current view back, so the address bar
always holds a link that reopens the same view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bo_graph.analysis.method import Method

ENTITY_KEYS = ("entity", "ref", "subject")
DATE_KEYS = ("as_of", "date", "asof")


@dataclass(frozen=True)
class ViewParams:
    entity: str | None = None
    as_of: date | None = None
    threshold: float | None = None
    method: Method | None = None


def _first(params: Mapping[str, str | list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = params.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None and value.strip():
            return value.strip()
    return None


def parse_params(params: Mapping[str, str | list[str]]) -> tuple[ViewParams, list[str]]:
    """The view a URL asks for, and a message for every value that could not be used."""
    problems: list[str] = []
    as_of = _date(_first(params, DATE_KEYS), problems)
    threshold = _threshold(_first(params, ("threshold",)), problems)
    method = _method(_first(params, ("method",)), problems)
    return ViewParams(_first(params, ENTITY_KEYS), as_of, threshold, method), problems


def _date(text: str | None, problems: list[str]) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"as_of: expected a date YYYY-MM-DD, found {text!r}; using today")
        return None


def _threshold(text: str | None, problems: list[str]) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        value = -1.0
    if not 0 < value <= 100:
        problems.append(f"threshold: expected a percentage in (0, 100], found {text!r}")
        return None
    return value


def _method(text: str | None, problems: list[str]) -> Method | None:
    if text is None:
        return None
    try:
        return Method(text.lower().replace("_", "-"))
    except ValueError:
        names = ", ".join(m.value for m in Method)
        problems.append(f"method: expected one of {names}, found {text!r}")
        return None


def to_params(view: ViewParams) -> dict[str, str]:
    """Query parameters that reopen ``view`` (only what is set)."""
    out: dict[str, str] = {}
    if view.entity:
        out["entity"] = view.entity
    if view.as_of is not None:
        out["as_of"] = view.as_of.isoformat()
    if view.threshold is not None:
        out["threshold"] = f"{view.threshold:g}"
    if view.method is not None:
        out["method"] = view.method.value
    return out
