"""The rule list and docs/flags.md agree; rule metadata is complete; parameters parse."""

from __future__ import annotations

import re

import pytest

from bo_graph.analysis.opacity import NOT_IMPLEMENTED, RULES, configure
from bo_graph.analysis.opacity.docs import flags_markdown
from bo_graph.analysis.opacity.spec import Scope
from bo_graph.exc import ConfigError
from tests.conftest import REPO

CODE = re.compile(r"^OPQ-[A-Z]+(?:-[A-Z]+)*$")


def test_flags_doc_is_generated_from_the_rules() -> None:
    assert (REPO / "docs" / "flags.md").read_text() == flags_markdown(), (
        "regenerate with: .venv/bin/python -m bo_graph.analysis.opacity.docs > docs/flags.md"
    )


def test_every_rule_is_documented_in_the_generated_doc() -> None:
    text = flags_markdown()
    for rule in RULES:
        assert f"### `{rule.code}`" in text
        for param in rule.all_params:
            assert f"| `{param.name}` | `{param.default}` |" in text


def test_rule_metadata_is_complete_and_codes_are_stable() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert CODE.match(rule.code), rule.code
        assert rule.title and rule.description and rule.sources and rule.indicators
        assert all(p.help for p in rule.all_params)
        assert not rule.lawful or rule.weight == 0
        assert rule.scope is not Scope.NODE or rule.kinds
    covered = {i for r in RULES for i in r.indicators} | set(NOT_IMPLEMENTED)
    assert set(range(1, 42)) - covered <= {20, 21, 26, 27} - covered


def test_catalogue_items_not_implemented_are_listed_with_a_reason() -> None:
    implemented = {i for r in RULES for i in r.indicators}
    assert implemented.isdisjoint(NOT_IMPLEMENTED)
    assert set(range(1, 42)) == implemented | set(NOT_IMPLEMENTED)


def test_parameters_by_rule_or_by_name() -> None:
    config = configure(RULES, ["OPQ-BELOW-THRESHOLD", "OPQ-SPLIT-HOLDING"], ["threshold=10"])
    assert config.of("OPQ-BELOW-THRESHOLD")["threshold"] == 10.0
    assert config.of("OPQ-SPLIT-HOLDING")["threshold"] == 10.0
    one = configure(RULES, None, ["OPQ-SPLIT-HOLDING.threshold=20", "OPQ-PEP.weight=5"])
    assert one.of("OPQ-SPLIT-HOLDING")["threshold"] == 20.0
    assert one.of("OPQ-BELOW-THRESHOLD")["threshold"] == 25.0
    assert one.weight("OPQ-PEP") == 5.0
    flags = configure(RULES, None, ["include_annex_ii=no"])
    assert flags.of("OPQ-JUR-EU-NONCOOP")["include_annex_ii"] is False


@pytest.mark.parametrize(
    ("codes", "assignments", "message"),
    [
        (["OPQ-NOPE"], [], "unknown rule code"),
        (None, ["threshold"], "expected key=value"),
        (None, ["nosuch=1"], "no selected rule has a parameter"),
        (None, ["OPQ-PEP.threshold=1"], "no selected rule has a parameter"),
        (["OPQ-PEP"], ["OPQ-CIRCULAR.weight=1"], "is not selected"),
        (None, ["min_layers=three"], "expected int"),
        (None, ["include_subject=maybe"], "expected bool"),
        (None, ["OPQ-CHAIN-DEPTH.min_layers=-4"], "expected a number >= 0 for min_layers"),
        (None, ["margin=-0.5"], "expected a number >= 0 for margin"),
        (None, ["OPQ-CIRCULAR.weight=nan"], "expected a number >= 0 for weight"),
    ],
)
def test_bad_configuration_is_a_config_error(
    codes: list[str] | None, assignments: list[str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        configure(RULES, codes, assignments)
