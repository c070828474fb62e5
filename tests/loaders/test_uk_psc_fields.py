"""UK PSC records quarantined for a bad field: the reason names the field, what was expected
and what was found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders import uk_psc
from tests.loaders.loader_helpers import rejected


@pytest.mark.parametrize("field", ["notified_on", "ceased_on"])
def test_a_bad_date_names_its_field(field: str, tmp_path: Path) -> None:
    data = {
        "kind": "individual-person-with-significant-control",
        "name": "Ann Example",
        "natures_of_control": ["ownership-of-shares-25-to-50-percent"],
        "links": {"self": "/company/1/persons-with-significant-control/individual/abc"},
        field: "2020-13-01",
    }
    path = tmp_path / "psc.jsonl"
    path.write_text(json.dumps({"company_number": "1", "data": data}) + "\n")
    (bad,) = rejected(uk_psc.read(path))
    assert bad.position == 1
    assert bad.reason == f"PSC: {field}: expected an ISO date, found '2020-13-01'"


@pytest.mark.parametrize(
    "born", [{"month": 13, "year": 1970}, {"month": "x", "year": 1970}, {"year": "19x0"}]
)
def test_a_birth_month_and_year_that_is_no_date_is_quarantined(
    born: dict[str, object], tmp_path: Path
) -> None:
    """A month 13 was dropped without a word (the person stored as born in 1970), while a month
    'x' quarantined the line: both name the field and what was found."""
    data = {
        "kind": "individual-person-with-significant-control",
        "name": "Ann Example",
        "date_of_birth": born,
        "links": {"self": "/company/1/persons-with-significant-control/individual/abc"},
    }
    path = tmp_path / "psc.jsonl"
    path.write_text(json.dumps({"company_number": "1", "data": data}) + "\n")
    (bad,) = rejected(uk_psc.read(path))
    assert bad.reason == f"PSC: date_of_birth: expected a month and year, found {born!r}"
