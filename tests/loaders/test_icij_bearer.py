"""A holder named as the bearer in any of the leak's languages ("THE BEARER", "EL PORTADOR") is
an unknown person, not a person of that name: the company's owner is whoever holds the
certificates. An ordinary name containing the word stays what its name says."""

from __future__ import annotations

from pathlib import Path

import pytest

from bo_graph.model.bearer import is_bearer_name
from bo_graph.model.codes import PersonType
from bo_graph.model.records import PersonDetails
from loaders import icij
from tests.loaders.loader_helpers import ICIJ_VIZ, statements


def test_el_portador_in_the_panama_papers_is_an_unknown_person(reference: Path) -> None:
    found = [
        s.details
        for path in sorted(ICIJ_VIZ.glob("*.json"))
        for s in statements(list(icij.read(path)))
        if isinstance(s.details, PersonDetails)
        and s.details.name.upper() in ("EL PORTADOR", "THE BEARER")
    ]
    names = {d.name.upper() for d in found}
    assert names == {"EL PORTADOR", "THE BEARER"}
    assert {d.person_type for d in found} == {PersonType.UNKNOWN}


@pytest.mark.parametrize(
    ("name", "bearer"),
    [
        ("EL PORTADOR", True),
        ("The Bearer", True),
        ("Au Porteur.", True),
        ("aan toonder", True),
        ("Bearer Holdings Ltd", False),
        ("John Bearer", False),
        ("Portador Investments SA", False),
    ],
)
def test_only_a_whole_name_meaning_the_bearer_counts(name: str, bearer: bool) -> None:
    assert is_bearer_name(name) is bearer
