"""The fast path of ``parse_share`` and ``check_share`` (the common BODS 0.4 forms, built without
``Share``'s own checks) gives the same share, or refuses with the same reason, as the general
parser, for any mix of bounds, flags, text, NaN and out-of-range numbers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bo_graph.exc import RecordError
from bo_graph.model.share import check_share, parse_share, parse_share_general

SHARE_KEYS = ("exact", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
VALUES = st.one_of(
    st.integers(-5, 105),
    st.floats(-5, 105),
    st.sampled_from([0, 100, 0.0, 100.0, 25, 50, float("nan"), float("inf")]),
    st.booleans(),
    st.sampled_from(["25", "abc", ""]),
    st.none(),
)
SHARES = st.dictionaries(st.sampled_from(SHARE_KEYS), VALUES, max_size=5)


def _refused(check: Any, share: dict[str, Any]) -> str | None:
    try:
        check(share)
    except RecordError as error:
        return error.reason
    return None


@given(SHARES)
def test_check_share_refuses_what_the_general_parser_refuses(share: dict[str, Any]) -> None:
    assert _refused(check_share, share) == _refused(parse_share_general, share)


@given(SHARES)
def test_parse_share_gives_what_the_general_parser_gives(share: dict[str, Any]) -> None:
    assert _refused(parse_share, share) == _refused(parse_share_general, share)
    if _refused(parse_share, share) is None:
        assert parse_share(share) == parse_share_general(share)


@pytest.mark.parametrize(
    ("share", "refused"),
    [
        ({"exact": 40}, False),
        ({"exact": 140}, True),
        ({"minimum": 25, "exclusiveMaximum": 50}, False),
        ({"exclusiveMinimum": 50, "maximum": 25}, True),
        ({"exclusiveMinimum": 50, "maximum": 50}, True),  # empty: (50, 50]
        ({"minimum": 50, "maximum": 50}, False),
        ({"minimum": 25, "exclusiveMinimum": 30, "maximum": 50}, True),  # both lower bounds
    ],
)
def test_check_share_cases(share: dict[str, Any], refused: bool) -> None:
    assert (_refused(check_share, share) is not None) is refused
