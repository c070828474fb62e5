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
