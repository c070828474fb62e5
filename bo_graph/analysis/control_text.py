"""How a person controls a subject, in words: a chain of control steps, or a branching one."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bo_graph.analysis.control import ControlStep
from bo_graph.model.codes import role_words

Namer = Callable[[str], str]


def describe_control(chain: list[ControlStep], holders: Mapping[str, str], name: Namer) -> str:
    """What follows "controls <subject>" in a control ground, with its leading space or colon.

    A chain where each entity is controlled by the one before reads as a sequence ("through a
    majority of the votes in A (60%), then ..."). When one step needs several controllers
    together, each group of steps names who holds what ("P holds a majority of the votes in A
    (100%) and B (80%); A and B together hold a majority of the votes in C (60%)")."""
    by = [_holders(step, holders) for step in chain]
    if all(len(h) <= 1 for h in by):
        return " through " + ", then ".join(f"{_what(s)} in {_subject(s, name)}" for s in chain)
    groups: dict[tuple[tuple[str, ...], str], list[ControlStep]] = {}
    for step, ids in zip(chain, by, strict=True):
        groups.setdefault((ids, _what(step)), []).append(step)
    return ": " + "; ".join(_group(ids, what, steps, name) for (ids, what), steps in groups.items())


def _holders(step: ControlStep, holders: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(sorted({holders[e] for e in step.edges if e in holders}))


def _what(step: ControlStep) -> str:
    return "a majority of the votes" if step.via == "majority" else role_words(step.via)


def _subject(step: ControlStep, name: Namer) -> str:
    votes = f" ({step.votes_text})" if step.via == "majority" else ""
    return f"{name(step.subject)}{votes}"


def _group(ids: tuple[str, ...], what: str, steps: list[ControlStep], name: Namer) -> str:
    who = _and([name(i) for i in ids]) or "unnamed holders"
    verb = "together hold" if len(ids) > 1 else "holds"
    return f"{who} {verb} {what} in {_and([_subject(s, name) for s in steps])}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
