"""Persons who may be the same (``bo-graph matches``): leads graded by what agrees, never a
pair whose birth dates differ, nothing merged."""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bo_graph.analysis import matches
from bo_graph.analysis.matches import MatchReport, person_matches, store_matches
from bo_graph.cli import cli
from bo_graph.exc import ConfigError
from bo_graph.render.matches_text import matches_text
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.public import PublicTier
from tests.cli.test_cli_json_shapes import run_main
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files


def store_of(tmp_path: Path, records: Sequence[dict[str, Any]]) -> EmbeddedStore:
    path = write_jsonl(tmp_path / "register.jsonl", records)
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    import_files(store, [path], tmp_path / "q.jsonl")
    return store


def filed(
    record_id: str,
    name: str,
    born: str | None = None,
    nationality: str | None = "GB",
    *,
    given: str | None = None,
    family: str | None = None,
    passport: str | None = None,
) -> dict[str, Any]:
    record = person(record_id, name)
    details = record["recordDetails"]
    if born:
        details["birthDate"] = born
    if nationality:
        details["nationalities"] = [{"name": nationality, "code": nationality}]
    if given and family:
        details["names"][0] |= {"givenName": given, "familyName": family}
    if passport:
        details["identifiers"] = [{"scheme": "GB-PASSPORT", "id": passport}]
    return record


def two_companies() -> list[dict[str, Any]]:
    return [entity("a", "Alder Holdings Ltd", number="00000001"),
            entity("b", "Birch Trading Ltd", number="00000002")]  # fmt: skip


def pair_of(tmp_path: Path, a: dict[str, Any], b: dict[str, Any]) -> MatchReport:
    records = [*two_companies(), a, b, owns("pa", "p1", "a", {"exact": 60}),
               owns("pb", "p2", "b", {"exact": 30})]  # fmt: skip
    with closing(store_of(tmp_path, records)) as store:
        return store_matches(store)


def test_a_person_filed_twice_is_a_probable_lead_with_what_each_holds(tmp_path: Path) -> None:
    report = pair_of(
        tmp_path,
        filed("p1", "Ann Example", "1961-04-02"),
        filed("p2", "Mrs Ann EXAMPLE", "1961-04"),
    )
    [match] = report.matches
    assert match.grade == "probable"
    assert match.agrees == ("same name", "born 1961-04 (both)", "nationality GB (both)")
    assert {match.a.holds, match.b.holds} == {("Alder Holdings Ltd",), ("Birch Trading Ltd",)}
    assert all("register.jsonl:" in side.cited for side in (match.a, match.b))


def test_the_same_name_born_in_other_years_is_no_lead(tmp_path: Path) -> None:
    report = pair_of(
        tmp_path, filed("p1", "Ann Example", "1961-04-02"), filed("p2", "Ann Example", "1975-04")
    )
    assert report.matches == ()


def test_the_full_date_of_birth_on_both_makes_it_strong(tmp_path: Path) -> None:
    report = pair_of(
        tmp_path, filed("p1", "Ann Example", "1961-04-02"), filed("p2", "Example Ann", "1961-04-02")
    )
    assert [m.grade for m in report.matches] == ["strong"]


def test_without_a_birth_date_on_both_it_is_only_possible(tmp_path: Path) -> None:
    report = pair_of(tmp_path, filed("p1", "Ann Example", "1961-04-02"), filed("p2", "Ann Example"))
    [match] = report.matches
    assert match.grade == "possible"
    assert "birth date not on both records" in match.differs


def test_different_nationalities_lower_the_grade(tmp_path: Path) -> None:
    report = pair_of(
        tmp_path,
        filed("p1", "Ann Example", "1961-04-02", "GB"),
        filed("p2", "Ann Example", "1961-04", "FR"),
    )
    [match] = report.matches
    assert match.grade == "possible"
    assert "nationalities differ: GB / FR" in match.differs


def test_a_shared_passport_links_different_spellings(tmp_path: Path) -> None:
    report = pair_of(
        tmp_path,
        filed("p1", "Anna Exampleova", passport="123456789"),
        filed("p2", "Ana Ekzampleva", passport="123 456 789"),
    )
    [match] = report.matches
    assert match.grade == "strong"
    assert match.agrees[0] == "identifier GB-PASSPORT:123456789"


def test_names_that_differ_by_a_middle_name_need_the_month_of_birth(tmp_path: Path) -> None:
    a = filed("p1", "Ann Mary Example", "1961-04", given="Ann Mary", family="Example")
    b = filed("p2", "Ann Example", "1961-04", given="Ann", family="Example")
    [match] = pair_of(tmp_path, a, b).matches
    assert match.grade == "possible"
    assert match.agrees[0] == "same given and family names (middle names differ)"


def test_one_persons_namesakes_are_found_through_the_search(tmp_path: Path) -> None:
    records = [*two_companies(), filed("p1", "Ann Example", "1961-04-02"),
               filed("p2", "EXAMPLE, Ann", "1961-04"), filed("p3", "Bob Example", "1961-04"),
               owns("pa", "p1", "a", {"exact": 60})]  # fmt: skip
    with closing(store_of(tmp_path, records)) as store:
        node = store.resolve_ref("p1")
        report = person_matches(store, node.id)
        assert [m.b.party.name for m in report.matches] == ["EXAMPLE, Ann"]


def test_the_command_prints_leads_json_and_refuses_the_public_tier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [*two_companies(), filed("p1", "Ann Example", "1961-04-02"),
               filed("p2", "Ann Example", "1961-04")]  # fmt: skip
    store_of(tmp_path, records).close()
    db = str(tmp_path / "graph.sqlite")
    runner = CliRunner()
    text = runner.invoke(cli, ["matches", "--store", db])
    assert "1. probable" in text.output and "Leads, not conclusions" in text.output
    document = json.loads(runner.invoke(cli, ["matches", "p1", "--store", db, "--json"]).output)
    assert document["schema"] == "bo-graph/matches/1"
    assert [m["b"]["name"] for m in document["matches"]] == ["Ann Example"]
    monkeypatch.setenv("BO_GRAPH_TIER", "public")
    code, _, err = run_main(monkeypatch, capsys, "matches", "--store", db)
    assert code == 2 and "competent-authority tier" in err


def test_a_birth_year_agreeing_with_a_full_date_is_still_a_lead(tmp_path: Path) -> None:
    """OpenSanctions often gives only the year: agreeing with it must not weigh less than giving
    no date at all."""
    report = pair_of(
        tmp_path, filed("p1", "Ann Example", "1961"), filed("p2", "Ann Example", "1961-04-02")
    )
    [match] = report.matches
    assert match.grade == "possible"
    assert "born 1961 (both)" in match.agrees


def test_unknown_persons_are_not_namesakes(tmp_path: Path) -> None:
    """ICIJ files every "THE BEARER" as an unknown person: they are not one person."""
    bearers = [person(f"u{i}", "THE BEARER") for i in (1, 2)]
    for bearer in bearers:
        bearer["recordDetails"]["personType"] = "unknownPerson"
    records = [*two_companies(), *bearers, owns("ua", "u1", "a"), owns("ub", "u2", "b")]
    with closing(store_of(tmp_path, records)) as store:
        assert store_matches(store).matches == ()
        report = person_matches(store, store.resolve_ref("u1").id)
    assert report.matches == ()
    assert "THE BEARER [u1] is an unknown or anonymous person" in matches_text(report)


def test_the_python_api_refuses_the_public_tier_as_the_command_does(tmp_path: Path) -> None:
    records = [*two_companies(), filed("p1", "Ann Example", "1961-04-02"),
               filed("p2", "Ann Example", "1961-04")]  # fmt: skip
    with closing(PublicTier(store_of(tmp_path, records))) as store:
        with pytest.raises(ConfigError, match="public tier"):
            store_matches(store)
        with pytest.raises(ConfigError, match="public tier"):
            person_matches(store, store.resolve_ref("p1").id)


def test_a_skipped_name_is_named_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matches, "BLOCK_LIMIT", 2)
    records = [*two_companies()] + [
        filed(f"p{i}", "Ann Example", "1961-04", given="Ann", family="Example") for i in range(3)
    ]
    with closing(store_of(tmp_path, records)) as store:
        report = store_matches(store)
    assert report.skipped_keys == ("ann example",)
    assert report.matches == ()


def test_a_search_that_stops_early_is_said_and_exact_namesakes_are_all_read(
    tmp_path: Path,
) -> None:
    records = [*two_companies()] + [filed(f"p{i}", "Ann Example", "1961-04") for i in range(6)]
    with closing(store_of(tmp_path, records)) as store:
        report = person_matches(store, store.resolve_ref("p0").id, limit=2)
    assert len(report.matches) == 5, "every person of exactly the same name"
    assert report.truncated
    assert "stopped at 2 hits" in matches_text(report)


def test_a_subject_filed_with_a_title_finds_its_namesake_without_one(tmp_path: Path) -> None:
    others = [filed(f"m{i}", f"Mrs Anne Examples {i}", "1990-01") for i in range(3)]
    records = [*two_companies(), filed("p1", "Mrs Ann EXAMPLE", "1961-04"),
               *others, filed("p2", "Example, Ann", "1961-04")]  # fmt: skip
    with closing(store_of(tmp_path, records)) as store:
        report = person_matches(store, store.resolve_ref("p1").id, limit=3)
    assert [m.b.party.id for m in report.matches] == ["p2"]


def test_a_nationality_filed_without_a_code_does_not_count_as_different(tmp_path: Path) -> None:
    """A BODS publisher may give {"name": "United Kingdom"} alone where another register gives
    the code GB: that is no evidence of two persons."""
    named_only = filed("p2", "Ann Example", "1961-04", nationality=None)
    named_only["recordDetails"]["nationalities"] = [{"name": "United Kingdom"}]
    report = pair_of(tmp_path, filed("p1", "Ann Example", "1961-04-02", "gb"), named_only)
    [match] = report.matches
    assert match.grade == "probable"
    assert "nationalities differ" not in "; ".join(match.differs)
    assert "nationality not comparable: GB / United Kingdom (no country code)" in match.differs


def test_nationality_codes_are_compared_whatever_their_case(tmp_path: Path) -> None:
    report = pair_of(
        tmp_path,
        filed("p1", "Ann Example", "1961-04-02", "gb"),
        filed("p2", "Ann Example", "1961-04", "GB"),
    )
    [match] = report.matches
    assert (match.grade, match.agrees[-1]) == ("probable", "nationality GB (both)")


def test_a_placeholder_identifier_is_no_lead(tmp_path: Path) -> None:
    """Registers fill a passport field they do not know with "N/A" or "0": two persons so filed
    share nothing, as the store's entity joining already holds (bo_graph/store/identity.py)."""
    report = pair_of(
        tmp_path,
        filed("p1", "Anna Exampleova", passport="N/A"),
        filed("p2", "Boris Otherov", passport="n/a"),
    )
    assert report.matches == ()


def test_a_title_word_inside_a_name_is_part_of_the_name(tmp_path: Path) -> None:
    """ "Ann Lord" is not "Ann" (and so no namesake of "Ann Lord" is lost or invented)."""
    report = pair_of(
        tmp_path, filed("p1", "Dr Ann Lord", "1961-04-02"), filed("p2", "Ann Lord", "1961-04")
    )
    assert [m.grade for m in report.matches] == ["probable"]


def test_honours_before_and_letters_after_a_name_are_not_the_name(tmp_path: Path) -> None:
    report = pair_of(
        tmp_path,
        filed("p1", "The Rt Hon Baroness Ann Example OBE", "1961-04-02"),
        filed("p2", "Ann Example", "1961-04"),
    )
    assert [m.grade for m in report.matches] == ["probable"]


def test_initials_that_agree_with_the_given_names_are_a_possible_lead_that_says_so(
    tmp_path: Path,
) -> None:
    """ "A. M. Example" (ICIJ, full name only) and "EXAMPLE, Ann Mary" (surname first): the
    family name agrees and each initial starts the given name at its place."""
    report = pair_of(
        tmp_path,
        filed("p1", "A. M. Example", "1961-04"),
        filed("p2", "EXAMPLE, Ann Mary", "1961-04"),
    )
    [match] = report.matches
    assert match.grade == "possible"
    text = matches_text(report)
    assert "\n1. possible\n" in text
    said = "same family name, given names as initials (A. M. / Ann Mary); born 1961-04 (both)"
    assert f"   agrees: {said}" in text


@pytest.mark.parametrize(
    ("initials", "given_names"),
    [("J. Example", "John Robert"), ("J R Example", "John"), ("John R. Example", "John Robert")],
)
def test_an_initial_may_stand_for_a_name_and_a_middle_name_may_be_missing(
    tmp_path: Path, initials: str, given_names: str
) -> None:
    full = filed("p2", f"{given_names} Example", "1961-04", given=given_names, family="Example")
    report = pair_of(tmp_path, filed("p1", initials, "1961-04"), full)
    assert [m.grade for m in report.matches] == ["possible"]
    assert "given names as initials" in report.matches[0].agrees[0]


@pytest.mark.parametrize(
    ("initials", "full"),
    [("K. Example", "John Example"), ("J K Example", "John Robert Example"),
     ("J. Example", "John Exampleson"), ("J. Example", "Robert John Example")],
)  # fmt: skip
def test_an_initial_that_conflicts_is_no_lead(tmp_path: Path, initials: str, full: str) -> None:
    report = pair_of(tmp_path, filed("p1", initials, "1961-04"), filed("p2", full, "1961-04"))
    assert report.matches == ()


@pytest.mark.parametrize(
    ("born", "other_born", "grades"),
    [("1961-04", "1975-04", []), ("1961-04", "1961", []), ("1961-04", None, []),
     ("1961-04-02", "1961-04-02", ["possible"])],
)  # fmt: skip
def test_initials_need_the_birth_month_on_both_and_never_make_it_strong(
    tmp_path: Path, born: str, other_born: str | None, grades: list[str]
) -> None:
    """A lone initial and a family name fit many persons: without the year and month of birth
    agreeing there is no lead, and the full date of birth does not make one strong."""
    report = pair_of(
        tmp_path, filed("p1", "J. Example", born), filed("p2", "John Example", other_born)
    )
    assert [m.grade for m in report.matches] == grades


@pytest.mark.parametrize(
    ("born", "other_born", "grades"),
    [("1961-04-02", "1961-04-02", ["probable"]), ("1961-04", "1961-04", ["possible"]),
     ("1961-04", None, [])],
)  # fmt: skip
def test_the_same_initials_weigh_as_initials_against_a_full_name(
    tmp_path: Path, born: str, other_born: str | None, grades: list[str]
) -> None:
    """The names "J. R. Example" and "EXAMPLE, J R" are the same, but a name of initials fits many
    persons: one grade lower than a full name, and no lead without the month of birth."""
    report = pair_of(
        tmp_path, filed("p1", "J. R. Example", born), filed("p2", "EXAMPLE, J R", other_born)
    )
    assert [m.grade for m in report.matches] == grades
    assert all("same name (initials and family name only)" in m.agrees for m in report.matches)


def test_one_persons_initials_namesakes_are_found_through_the_search(tmp_path: Path) -> None:
    records = [*two_companies(), filed("p1", "John Robert Example", "1961-04"),
               filed("p2", "EXAMPLE, J", "1961-04"), filed("p3", "K. Example", "1961-04"),
               filed("p4", "J. R. Example", "1975-04")]  # fmt: skip
    with closing(store_of(tmp_path, records)) as store:
        report = person_matches(store, store.resolve_ref("p1").id)
        back = person_matches(store, store.resolve_ref("p2").id)
    assert [m.b.party.name for m in report.matches] == ["EXAMPLE, J"]
    assert [m.b.party.name for m in back.matches] == ["John Robert Example"]


def test_a_crowded_initials_block_is_named_not_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole-store run compares initials only within one family name, first initial and month
    of birth; one shared by more than BLOCK_LIMIT persons is named instead."""
    monkeypatch.setattr(matches, "BLOCK_LIMIT", 2)
    names = ("J. Example", "John Example", "James Example")
    records = [*two_companies(), *(filed(f"p{i}", n, "1961-04") for i, n in enumerate(names))]
    with closing(store_of(tmp_path, records)) as store:
        report = store_matches(store)
    assert report.skipped_keys == ("j. example, born 1961-04",)
    assert report.matches == ()
