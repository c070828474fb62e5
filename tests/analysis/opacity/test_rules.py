"""Every rule fires on a small case built for it, and stays silent on a near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from bo_graph.analysis.opacity import RULES
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import fired, load
from tests.analysis.opacity.case import Case
from tests.analysis.opacity.cases_a import CASES_A
from tests.analysis.opacity.cases_b import CASES_B
from tests.analysis.opacity.cases_c import CASES_C

CASES = CASES_A + CASES_B + CASES_C


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_case(case: Case, embedded: EmbeddedStore, tmp_path: Path) -> None:
    load(embedded, tmp_path, case.statements)
    flags = fired(embedded, case.subject, case.code, case.params, when=case.when)
    assert bool(flags) is case.fires, [f.explanation for f in flags]
    for flag in flags:
        assert flag.explanation and flag.evidence
        assert all(e.provenance is not None for e in flag.evidence if e.role == "edge")
    if case.fires and case.severity:
        assert max(f.severity.value for f in flags) == _level(case.severity)


def _level(name: str) -> int:
    return {"low": 1, "medium": 2, "high": 3}[name]


def test_every_rule_has_a_positive_and_a_negative_case() -> None:
    positive = {c.code for c in CASES if c.fires}
    negative = {c.code for c in CASES if not c.fires}
    codes = {r.code for r in RULES}
    assert codes - positive == set()
    assert codes - negative == set()
