"""ICIJ officers and intermediaries: a legal form in the name makes an entity, whole words only."""

from __future__ import annotations

from pathlib import Path

import pytest

from bo_graph.model.records import EntityDetails, PersonDetails
from loaders import icij
from tests.loaders.loader_helpers import ICIJ_MINI, statements

HEADER = "name,icij_id,valid_until,country_codes,countries,node_id,sourceID,note"


def _kinds_by_name(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for statement in statements(list(icij.read(path))):
        details = statement.details
        if isinstance(details, EntityDetails):
            out[details.name] = "entity"
        elif isinstance(details, PersonDetails) and details.names:
            out[details.names[0].full_name] = "person"
    return out


def test_2016_mini_intermediaries_with_legal_forms_are_entities(reference: Path) -> None:
    kinds = _kinds_by_name(ICIJ_MINI / "Intermediaries_mini.csv")
    for company in (
        "TRUSTCO LABUAN SDN BHD",
        "LOMBARD ODIER DARRIER HENTSCH & CIE",
        "FIDUCIAIRE FERNAND KARTHEISER & CIE",
        "THE LEVANT LAWYERS (TLL)",
    ):
        assert kinds[company] == "entity", company
    for person in ("MICHAEL PAPAGEORGE, MR.", "MR. ERIC GOZLAN", "HAY, LIC. FRANK-OLIVIER"):
        assert kinds[person] == "person", person
    officers = _kinds_by_name(ICIJ_MINI / "Officers_mini.csv")
    assert officers["KIM SOO IN"] == "person"


@pytest.mark.parametrize(
    ("company", "person"),
    [
        ("MIRABAUD & CIE/111-40", "Lucie Ciesielski"),  # "cie" inside a word is no legal form
        ("NORSK HYDRO AS", "Ole As Berg"),  # AS only as the last token
        ("Volvo Car AB", "AHMAD AB RAHMAN"),  # Malay "Ab" (Abdul) inside a name
        ("Nokia Oyj", "Oyvind Abrahamsen"),
        ("Sony KK", "Kirsi Kkonen"),
        ("Temasek Pte", "Peter Pteris"),
        ("Acme Pty", "Sasha Asbury"),
        ("Petrobras Ltda", "Ana Ltdova"),
        ("Alpha S.à r.l.", "Sara Lind"),
        ("Gomez-Acebo & Pombo Abogados", "Abogado Smith"),
        ("Banque Pasche", "Bancroft Jones"),
    ],
)
def test_officer_legal_forms_whole_tokens_only(tmp_path: Path, company: str, person: str) -> None:
    path = tmp_path / "Officers.csv"
    rows = [f'"{company}",a,,CHE,Switzerland,12000001,Panama Papers,']
    rows.append(f'"{person}",b,,CHE,Switzerland,12000002,Panama Papers,')
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert _kinds_by_name(path) == {company: "entity", person: "person"}
