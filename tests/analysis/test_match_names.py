"""How ``bo-graph matches`` reads a family name to pair initials with full given names: what is
one family name ("van der Berg", "Smith-Jones", "O'Brien"), what goes with it ("Jr") and what
is no name at all ("MR."), as registers write them."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from bo_graph.analysis.matches import person_matches, store_matches
from bo_graph.render.matches_text import matches_text
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.test_matches import filed, pair_of, store_of
from tests.helpers import import_files
from tests.loaders.loader_helpers import FTM


@pytest.mark.parametrize(
    ("initials", "full"),
    [("J. Berg", "Jan van der Berg"), ("M. Cruz", "Maria de la Cruz"),
     ("J. Jones", "John Smith-Jones"), ("J. Brien", "John O'Brien"),
     ("L. Daftari", "Mrs. Lara AL-DAFTARI"), ("J. Smith", "SMITH, John Jr")],
)  # fmt: skip
def test_another_family_name_is_no_lead_through_initials(
    tmp_path: Path, initials: str, full: str
) -> None:
    """ "Berg" is not "van der Berg", "Jones" not "Smith-Jones", "Smith" not "Smith Jr": the
    words before or after the last one are not given names an initial leaves aside."""
    report = pair_of(tmp_path, filed("p1", initials, "1961-04"), filed("p2", full, "1961-04"))
    assert report.matches == ()
    assert "same family name" not in matches_text(report)


@pytest.mark.parametrize(
    ("initials", "full", "said"),
    [("VAN DER BERG, J.", "Jan van der Berg", "J. / Jan"),
     ("BERG, J. van der", "Jan van der Berg", "J. / Jan"),
     ("DE LA CRUZ, M.", "Maria de la Cruz", "M. / Maria"),
     ("SMITH-JONES, J. R.", "John Robert Smith-Jones", "J. R. / John Robert"),
     ("O'BRIEN, J.", "John O'Brien", "J. / John"),
     ("AL-DAFTARI, L.", "Mrs. Lara AL-DAFTARI", "L. / Lara"),
     ("SMITH, J. JR", "John Smith Jr", "J. / John")],
)  # fmt: skip
def test_one_family_name_written_two_ways_is_a_lead_through_initials(
    tmp_path: Path, initials: str, full: str, said: str
) -> None:
    """The family name first ("VAN DER BERG, J.") or last ("Jan van der Berg") is the same family
    name, and the explanation shows the given names only."""
    report = pair_of(tmp_path, filed("p1", initials, "1961-04"), filed("p2", full, "1961-04"))
    [match] = report.matches
    assert match.grade == "possible"
    assert f"same family name, given names as initials ({said})" in matches_text(report)


@pytest.mark.parametrize(
    ("written", "initials", "said"),
    [("MICHAEL PAPAGEORGE, MR.", "M. Papageorge", "Michael / M."),
     ("BROUGH, CHARLES (MR.)", "C. Brough", "Charles / C.")],
)  # fmt: skip
def test_a_title_after_the_comma_is_no_given_name(
    tmp_path: Path, written: str, initials: str, said: str
) -> None:
    """ICIJ writes "MICHAEL PAPAGEORGE, MR." and "BROUGH, CHARLES (MR.)": the title is neither
    a given nor a family name."""
    report = pair_of(tmp_path, filed("p1", written, "1961-04"), filed("p2", initials, "1961-04"))
    assert f"given names as initials ({said})" in matches_text(report)


def test_one_persons_namesakes_through_initials_are_found_by_the_whole_family_name(
    tmp_path: Path,
) -> None:
    names = ("VAN DER BERG, J.", "Jan van der Berg", "O'BRIEN, J.", "John O'Brien", "J. Berg")
    records = [filed(f"p{i}", name, "1961-04") for i, name in enumerate(names, start=1)]
    with closing(store_of(tmp_path, records)) as store:
        berg = person_matches(store, store.resolve_ref("p1").id)
        brien = person_matches(store, store.resolve_ref("p4").id)
    assert [m.b.party.name for m in berg.matches] == ["Jan van der Berg"]
    assert [m.b.party.name for m in brien.matches] == ["O'BRIEN, J."]


def test_a_name_of_single_chinese_characters_is_a_full_name_not_initials(tmp_path: Path) -> None:
    """ "李 鹏" (Li Peng, written with a space) is a name of two words, not an initial and a
    family name: the same name and full date of birth are a strong lead, as for "Ann Example",
    and a character is not the initial of a longer name."""
    report = pair_of(
        tmp_path, filed("p1", "李 鹏", "1928-10-20", "CN"), filed("p2", "李 鹏", "1928-10-20", "CN")
    )
    [match] = report.matches
    assert (match.grade, match.agrees[0]) == ("strong", "same name")
    (tmp_path / "other").mkdir()
    a, b = filed("p1", "李 鹏", "1928-10", "CN"), filed("p2", "李小 鹏", "1928-10", "CN")
    other = pair_of(tmp_path / "other", a, b)
    assert other.matches == ()


def test_german_honorifics_are_titles_not_given_names(reference: Path, tmp_path: Path) -> None:
    """The party-donation register (OpenSanctions, FtM) files the same donor as "Frau Johanna
    Quandt" and "Johanna Quandt": "Frau" and "Herr" are titles as "Mrs" and "Mr" are, so the two
    are the same name (no birth date to compare: possible), and "Herr Dr." is no given name."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    with closing(store):
        import_files(store, [FTM / "parteispenden" / "entities.ftm.json"], tmp_path / "q.jsonl")
        report = store_matches(store)
    pairs = [(m.grade, {m.a.party.name, m.b.party.name}, m.agrees[0]) for m in report.matches]
    assert ("possible", {"Frau Johanna Quandt", "Johanna Quandt"}, "same name") in pairs
    abbreviated = pair_of(
        tmp_path, filed("p1", "Herr Dr. Schnabel", "1961-04"), filed("p2", "H. Schnabel", "1961-04")
    )
    assert abbreviated.matches == ()


def test_no_lead_does_not_claim_that_no_one_shares_initials(tmp_path: Path) -> None:
    """ICIJ gives no birth dates: "J. Example" there and "John Example" (born 1961-04) at the
    PSC register are no lead, and the text must not say that nobody shares the name as
    initials."""
    report = pair_of(tmp_path, filed("p1", "J. Example"), filed("p2", "John Example", "1961-04"))
    assert report.matches == ()
    text = matches_text(report)
    assert "(in full or as initials)" not in text
    assert "count only with the same year and month of birth on both records" in text


@pytest.mark.parametrize(
    ("initials", "full"),
    [("J. v.d. Berg", "Jan van der Berg"), ("J. V. D. BERG", "Jan van der Berg"),
     ("Nguyen V. An", "Nguyen Van An")],
)  # fmt: skip
def test_particles_written_as_initials_stand_for_the_particles(
    tmp_path: Path, initials: str, full: str
) -> None:
    """Dutch registers write "J. v.d. Berg" for "Jan van der Berg": the whole-store run and the
    search for either person find the other."""
    report = pair_of(tmp_path, filed("p1", initials, "1961-04"), filed("p2", full, "1961-04"))
    assert [m.grade for m in report.matches] == ["possible"]
    said = "same family name (its particles as initials), given names as initials"
    assert report.matches[0].agrees[0].startswith(said)
    assert _searched_both_ways(tmp_path, initials, full) == [[full], [initials]]


def _searched_both_ways(tmp_path: Path, initials: str, full: str) -> list[list[str]]:
    """The names the search for each of two persons born 1961-04 finds (first, then second)."""
    (tmp_path / "search").mkdir()
    records = [filed("p1", initials, "1961-04"), filed("p2", full, "1961-04")]
    with closing(store_of(tmp_path / "search", records)) as store:
        return [
            [m.b.party.name for m in person_matches(store, store.resolve_ref(ref).id).matches]
            for ref in ("p1", "p2")
        ]


@pytest.mark.parametrize(
    ("initials", "full"),
    [("J. Smith Jones", "John Smith-Jones"), ("J. Garcia Lopez", "Juan García-López")],
)
def test_a_double_family_name_written_without_its_hyphen_is_still_a_lead(
    tmp_path: Path, initials: str, full: str
) -> None:
    """One register writes "Smith-Jones", another "Smith Jones" (ICIJ drops hyphens): the
    whole-store run and the search for either person find the other."""
    report = pair_of(tmp_path, filed("p1", initials, "1961-04"), filed("p2", full, "1961-04"))
    assert [m.grade for m in report.matches] == ["possible"]
    assert report.matches[0].agrees[0].startswith("same family name, given names as initials")
    assert _searched_both_ways(tmp_path, initials, full) == [[full], [initials]]
