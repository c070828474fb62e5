"""ICIJ officers and intermediaries: a legal form in the name makes an entity, whole words only."""

from __future__ import annotations

from pathlib import Path

import pytest

from bo_graph.model.records import EntityDetails, PersonDetails
from loaders import icij
from tests.loaders.loader_helpers import ICIJ_MINI, ICIJ_VIZ, statements

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


# (file, header, the columns after the name) of the current layout's officers and intermediaries
OFFICERS = (
    "nodes-officers.csv",
    "node_id,name,countries,country_codes,sourceID,valid_until,note",
    "Portugal,PRT,X Papers,,",
)
INTERMEDIARIES = (
    "nodes-intermediaries.csv",
    "node_id,name,status,internal_id,address,countries,country_codes,sourceID,note",
    "ACTIVE,9001,,Portugal,PRT,X Papers,",
)


def _kinds_in(tmp_path: Path, layout: tuple[str, str, str], names: list[str]) -> dict[str, str]:
    file, header, rest = layout
    rows = [f'{81000000 + index},"{name}",{rest}' for index, name in enumerate(names)]
    path = tmp_path / file
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return _kinds_by_name(path)


PEOPLE = ["JOSE DA SILVA SA", "CO THI HOA", "LI CO", "LEE OY", "MOHAMMED S.A. KHAN", "N.V. RAO"]
FIRMS = [
    "AGEFOR, SA",  # after a comma
    "CONSULTORES LEGALES, S. A.",
    "RAWI & CO.",  # after "&"
    "MATINDA PARTNERS and Co. LTD.",
    "FAVONA S.A.",  # dotted, at the end or before punctuation
    "MED ENERGY S.A.L.",
    "UBS (FRANCE) S.A.",
    "LUXEMBOURG CONSULTING S.A. (INTERCONSULT)",
    "ABC TRADING CO. (HK)",
    "UBS AG",
    "PHILIPS N.V.",
]


def test_names_that_end_in_sa_co_oy_are_people_unless_written_as_a_legal_form(
    tmp_path: Path,
) -> None:
    kinds = _kinds_in(tmp_path, OFFICERS, PEOPLE + FIRMS)
    assert {n for n, kind in kinds.items() if kind == "person"} == set(PEOPLE)
    assert {n for n, kind in kinds.items() if kind == "entity"} == set(FIRMS)


def test_a_bare_trailing_sa_is_a_firm_for_an_intermediary_only(tmp_path: Path) -> None:
    names = ["AGEFOR SA", "JOSE DA SILVA SA", "LI CO", "LEE OY", "CO THI HOA"]
    officers = _kinds_in(tmp_path, OFFICERS, names)
    assert set(officers.values()) == {"person"}
    intermediaries = _kinds_in(tmp_path, INTERMEDIARIES, names)
    assert intermediaries == {
        "AGEFOR SA": "entity",
        "JOSE DA SILVA SA": "entity",  # the name cannot tell: intermediaries are mostly firms
        "LI CO": "person",
        "LEE OY": "person",
        "CO THI HOA": "person",
    }


def test_real_intermediary_agefor_sa_stays_a_firm(reference: Path) -> None:
    kinds = _kinds_by_name(ICIJ_VIZ / "81255cc5.json")
    assert kinds["AGEFOR SA"] == "entity"
