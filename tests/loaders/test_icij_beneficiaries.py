"""ICIJ "Beneficiary of": of a trust or foundation a beneficiary of a legal arrangement; of a
company (most such edges: Mossack Fonseca recorded a company's beneficial owner so) its beneficial
owner, an ``unknownInterest`` with beneficialOwnershipOrControl true and the label kept, as
"Beneficial Owner" is. Real 2016 viz rows (../shared/reference_data section 7b) and the
project's current-layout fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bo_graph.cli import cli
from bo_graph.model.codes import InterestType
from bo_graph.model.records import Interest, RelationshipDetails
from loaders import icij
from loaders.icij_nodes import holds_beneficiaries
from loaders.icij_roles import interests
from tests.loaders.loader_helpers import FIXTURES, ICIJ_VIZ, statements

BOLA = InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT
OWNER = InterestType.UNKNOWN_INTEREST
SERVED = "81000002,80000001,officer_of,Beneficiary of,,02-JAN-2008,,Example Papers\n"
"""Pedro Muestra, beneficiary of HARBOUR VIEW HOLDINGS LIMITED (a BVI business company)."""
OF_TRUST = "81000001,80000003,officer_of,beneficiary of,,,,Example Papers\n"
"""Jane Example, beneficiary of SILVER OAK TRUST (company type "Trust")."""


def viz_interests(name: str, party: str, subject: str) -> tuple[Interest, ...]:
    """The interests of the edge ``party`` -> ``subject`` of the viz document ``name``."""
    for statement in statements(icij.read(ICIJ_VIZ / name)):
        details = statement.details
        if isinstance(details, RelationshipDetails) and (
            details.interested_party,
            details.subject,
        ) == (f"icij:{party}", f"icij:{subject}"):
            return details.interests
    raise AssertionError(f"no edge {party} -> {subject} in {name}")


def test_a_beneficiary_of_a_company_is_its_beneficial_owner(reference: Path) -> None:
    """STARDALE MANAGEMENT INC. (034793d9.json) has a "Beneficiay" and a "Beneficial Owner":
    the same interest, the label kept."""
    (beneficiary,) = viz_interests("034793d9.json", "662786", "16835")
    (owner,) = viz_interests("034793d9.json", "467936", "16835")
    assert (beneficiary.type, beneficiary.beneficial_ownership_or_control) == (OWNER, True)
    assert (owner.type, owner.beneficial_ownership_or_control) == (OWNER, True)
    assert (beneficiary.details, owner.details) == ("Beneficiay", "Beneficial Owner")


def test_a_beneficiary_of_a_foundation_is_one_of_a_legal_arrangement(reference: Path) -> None:
    """The viz data gives no company type: JULEX FOUNDATION and UF UNIVERSE FOUNDATION
    (Panama) are foundations by their names."""
    (first,) = viz_interests("0a1122ef.json", "667772", "168837")
    assert (first.type, first.beneficial_ownership_or_control) == (BOLA, True)
    assert first.details == "First beneficiary"
    roles = viz_interests("33321528.json", "667760", "225723")
    assert {i.type for i in roles} == {BOLA, InterestType.SHAREHOLDING, InterestType.BOARD_MEMBER}


def release(tmp_path: Path, *rows: str) -> Path:
    """The current-layout fixture with ``rows`` added to its relationships."""
    folder = tmp_path / "release"
    shutil.copytree(FIXTURES / "icij_current", folder)
    with (folder / "relationships.csv").open("a") as edges:
        edges.writelines(rows)
    return folder


def shown(store: Path, ref: str) -> str:
    result = CliRunner().invoke(cli, ["show", ref, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return result.output


def test_what_bo_graph_show_says_of_a_company_a_trust_and_a_foundation(tmp_path: Path) -> None:
    store = tmp_path / "g.sqlite"
    folder = release(tmp_path, SERVED, OF_TRUST)
    done = CliRunner().invoke(cli, ["import", "--store", str(store), str(folder)])
    assert done.exit_code == 3, done.output  # the fixture's one unknown role is quarantined
    company = shown(store, "icij:80000001")
    assert "Pedro Muestra (known person) [icij:81000002]" in company
    assert 'Papers: unknownInterest "Beneficiary of" 2008-01-02..\n' in company
    trust = shown(store, "icij:80000003")  # SILVER OAK TRUST
    assert "Papers: beneficiaryOfLegalArrangement\n" in trust
    foundation = shown(store, "icij:80000002")  # FUNDACION LAGUNA AZUL, "Private Foundation"
    assert "Papers: beneficiaryOfLegalArrangement 2008-01-02..\n" in foundation
    result = CliRunner().invoke(cli, ["show", "icij:80000001", "--store", str(store), "--json"])
    owners = json.loads(result.output)["owners"]
    [edge] = [e for e in owners if e["interested_party"] == "icij:81000002"]
    [interest] = edge["interests"]
    assert (interest["type"], interest["beneficial_ownership_or_control"]) == (OWNER.value, True)
    assert interest["details"] == "Beneficiary of"


def test_an_edge_file_read_alone_takes_every_subject_for_a_company(tmp_path: Path) -> None:
    """Without the node files the foundation's kind is unknown: the safe reading, which claims
    no arrangement the data does not show."""
    edges = release(tmp_path, SERVED) / "relationships.csv"
    found = {
        s.details.subject: {i.type for i in s.details.interests}
        for s in statements(icij.read(edges))
        if isinstance(s.details, RelationshipDetails) and s.details.interested_party.endswith("02")
    }
    assert found["icij:80000002"] == found["icij:80000001"] == {OWNER}


@pytest.mark.parametrize(
    ("row", "holds"),
    [
        ({"name": "JULEX FOUNDATION"}, True),
        ({"name": "The Pruak Foundation"}, True),
        ({"name": "FUNDACION LAGUNA AZUL"}, True),
        ({"name": "Stichting Administratiekantoor Noord"}, True),
        ({"name": "SILVER OAK TRUST"}, True),
        ({"name": "ACME TRUST LIMITED"}, False),
        ({"name": "STARDALE MANAGEMENT INC."}, False),
        ({"name": "X", "company_type": "Private Foundation"}, True),
        ({"name": "X", "company_type": "Trust"}, True),
        ({"name": "X", "type": "LIMITED PARTNERSHIP"}, False),
        ({"name": "BLUE FOUNDATION", "company_type": "Business Company Limited by Shares"}, False),
    ],
)
def test_which_subjects_hold_beneficiaries(row: dict[str, str], holds: bool) -> None:
    """By the company type when ICIJ gives one, else by the name."""
    assert holds_beneficiaries(row) is holds


def test_role_of_a_beneficiary_follows_the_subject() -> None:
    (of_company,) = interests("Beneficiary of", None, None)
    (of_trust,) = interests("Beneficiary of", None, None, arrangement=True)
    assert (of_company.type, of_company.beneficial_ownership_or_control) == (OWNER, True)
    assert (of_trust.type, of_trust.beneficial_ownership_or_control) == (BOLA, True)
    assert of_company.details == of_trust.details == "Beneficiary of"
