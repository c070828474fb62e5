"""ICIJ intermediaries that are firms by what the data says, though no legal-form word is in the
name: a firm word (Estudio), a legal form that is also initials or a name (P.A., SAL), a name
made of partners' names. People stay people."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.loaders.loader_helpers import ICIJ_MINI, ICIJ_VIZ
from tests.loaders.test_icij_legal_forms import INTERMEDIARIES, OFFICERS, _kinds_by_name, _kinds_in

# the reviewer's firms (2016 viz "Client" nodes, all read as known persons before), and the
# widget each is in
REAL_FIRMS = {
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
