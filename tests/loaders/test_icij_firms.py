"""ICIJ intermediaries that are firms by what the data says, though no legal-form word is in the
name: a firm word (Estudio), a legal form that is also initials or a name (P.A., SAL), a name
made of partners' names, or the activity ICIJ gives for the client record. People stay people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_show_labels import _show
from tests.loaders.loader_helpers import ICIJ_MINI, ICIJ_VIZ
from tests.loaders.test_icij_legal_forms import INTERMEDIARIES, OFFICERS, _kinds_by_name, _kinds_in

# the reviewer's firms (2016 viz "Client" nodes, all read as known persons before), and the
# widget each is in
REAL_FIRMS = {
    "TRENACO COLOMBIA": "f6cd6b26.json",  # activity "LAW FIRM"
    "CHILD & CHILD": "45747ce9.json",  # one name twice
    "JUNOD, MUHLSTEIN, LEVY & PUDER": "531aa706.json",  # partners' names
    "ROCA/GONZALEZ, P.A.": "46b46d7c.json",  # professional association
    "AFREX SAL": "78077c17.json",  # société anonyme libanaise
    "ESTUDIO CHADICOV": "f732f44a.json",  # Spanish "estudio": a practice
}
# real people next to them, each like a firm in one way: an activity of a trade ("LAWYERS",
# "ATTORNEY", "CORPORATE SERVICE PROVIDER"), a company as the client's former name, "&" or a
# list of names, a surname written first
REAL_PEOPLE = {
    "DR GALO CHIRIBOGA ZAMBRANO": "90957d65.json",
    "DR. JAVIER MOLINA BONILLA": "b613befb.json",
    "VAN VUUREN, ANTHONY JANSE": "8b2cbf0d.json",
    "FRANCISCO IBANEZ CONCHA": "722e2309.json",
    "MR. RAJESH KUMAR & MRS SHILPA RAJESH RAWAL": "e348a351.json",
    "PAMELA BARONESS SHARPLES, DAVID RICHARD SHARPLES, ANDREW DENYS HINE": "9c633d69.json",
    "TAYLOR, MAURICE": "156e6d8a.json",
}


@pytest.mark.parametrize(("name", "file"), sorted(REAL_FIRMS.items()))
def test_real_firms_without_a_legal_form_word_are_entities(
    reference: Path, name: str, file: str
) -> None:
    assert _kinds_by_name(ICIJ_VIZ / file)[name] == "entity"


@pytest.mark.parametrize(("name", "file"), sorted(REAL_PEOPLE.items()))
def test_real_people_that_look_like_firms_in_one_way_stay_people(
    reference: Path, name: str, file: str
) -> None:
    assert _kinds_by_name(ICIJ_VIZ / file)[name] == "person"


def test_a_spanish_double_surname_twice_stays_a_person(reference: Path) -> None:
    assert _kinds_by_name(ICIJ_MINI / "Officers_mini.csv")["ALVARO PINTO PINTO"] == "person"


def test_show_prints_the_law_firm_as_a_legal_entity(
    tmp_path: Path,
    reference: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`bo-graph show` of a company TRENACO COLOMBIA had registered printed it as '(known
    person)': its client record says activity 'LAW FIRM'."""
    lines = _show([ICIJ_VIZ / "f6cd6b26.json"], "icij:177696", tmp_path, monkeypatch, capsys)
    [firm] = [line for line in lines if "[icij:587362]" in line]
    assert firm.startswith("TRENACO COLOMBIA (legal entity, CO) [icij:587362]")


FIRMS = [
    "ARIAS, FABREGA & FABREGA",  # one name twice, ending the name
    "SMITH AND SMITH",
    "BAKER, MILLER, STONE AND HALL",  # three or more names between commas
    "O'BRIEN, D'ARCY, MCKAY & LEE",
    "PEREZ, GOMEZ, RUIZ/DIAZ",
    "SMITH & JONES, P.A.",  # P.A. after names joined with "&", "/" or "and"
    "SMITH AND JONES, P. A.",
    "BUFETE SUAREZ",  # firm words
    "SOTO CONSULTORES",
    "ESTUDIO JURIDICO PEREZ",
    "PEREZ LAW OFFICE",
    "HAJIROUSSOU LAW OFFICES",
    "MILLER LAW FIRM",
]
PEOPLE = [
    "JOHN & MARY SMITH",  # a couple
    "SMITH, JOHN",  # surname first
    "SMITH, JOHN & MARY",  # a couple, surname first
    "SMITH, J., K. & L.",  # initials are no partners' names
    "SMITH, J, K & L",
    "MARIA JOSE GARCIA LOPEZ",  # Spanish double surname
    "ALVARO PINTO PINTO",
    "GARCIA LOPEZ, P.A.",  # P. A. Garcia Lopez, surname first
    "P.A. SMITH",
    "JOHN LAW",
    "JOSE DA SILVA SA",
    "CO THI HOA",
    "AHMAD AB RAHMAN",
    "SAL SMITH",  # Sal: a given name
    "SMITH, SAL",
]


def test_partner_names_firm_words_and_professional_associations_are_firms(
    tmp_path: Path,
) -> None:
    kinds = _kinds_in(tmp_path, OFFICERS, FIRMS + PEOPLE)
    assert {n for n, kind in kinds.items() if kind == "entity"} == set(FIRMS)
    assert {n for n, kind in kinds.items() if kind == "person"} == set(PEOPLE)


def test_a_bare_trailing_sal_is_a_firm_for_an_intermediary_only(tmp_path: Path) -> None:
    names = ["AFREX SAL", "JOHN SAL", "SMITH, SAL", "SAL SMITH", "MED ENERGY S.A.L."]
    assert _kinds_in(tmp_path, OFFICERS, names) == {
        "AFREX SAL": "person",
        "JOHN SAL": "person",
        "SMITH, SAL": "person",
        "SAL SMITH": "person",
        "MED ENERGY S.A.L.": "entity",
    }
    assert _kinds_in(tmp_path, INTERMEDIARIES, names) == {
        "AFREX SAL": "entity",
        "JOHN SAL": "entity",  # the name cannot tell: intermediaries are mostly firms
        "SMITH, SAL": "person",
        "SAL SMITH": "person",
        "MED ENERGY S.A.L.": "entity",
    }


# activity -> whether it names an organisation (all but the empty one as ICIJ writes them)
ACTIVITIES = {
    "LAW FIRM": True,
    "TRUST CO.": True,
    "MANAGEMENT COMPANY": True,
    "BANK, COMPANY & TRUST ADMINISTRATION": True,
    "LAWYERS": False,
    "ATTORNEY": False,
    "CORPORATE SERVICE PROVIDER": False,
    "OFFSHORE COMPANY MANAGER": False,
    "COMPANY & TRUST ADMINISTRATION": False,
    "CO. FORMATION SERVICE": False,
    "ACCOUNTANT / CONSULTANTS": False,
    "": False,
}


def test_a_client_whose_activity_names_an_organisation_is_a_firm(tmp_path: Path) -> None:
    nodes = [
        {
            "id": 590000 + index,
            "data": {
                "categories": {"0": "Client"},
                "properties": {"name": f"CLIENT NUMBER {index}", "activity": activity},
            },
        }
        for index, activity in enumerate(ACTIVITIES)
    ]
    path = tmp_path / "viz.json"
    path.write_text(json.dumps({"nodes": nodes, "edges": []}), encoding="utf-8")
    kinds = _kinds_by_name(path)
    expected = {
        f"CLIENT NUMBER {index}": "entity" if firm else "person"
        for index, firm in enumerate(ACTIVITIES.values())
    }
    assert kinds == expected
