"""Draft requests for mutual legal assistance: one per jurisdiction where the trail goes dark,
naming the parties there, how they are linked to the subject, what is missing, the records to
ask for, and the statements the request rests on."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from bo_graph.cli import cli
from bo_graph.export import case_report_html, gather_case, request_drafts, requests_text
from bo_graph.store.base import GraphStore
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.viz.subject import SubjectAnalysis
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files
from tests.ui.conftest import SUBJECT, analyse

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_one_draft_per_jurisdiction_the_trail_goes_dark_in(
    sample_store: GraphStore, lakeshore: SubjectAnalysis
) -> None:
    """Lakeshore's unlawful dark layers stop in Cyprus, Seychelles and the Cayman Islands; the
    anonymous (minor) beneficiary of the Larkspur trust is lawful opacity and asks nothing."""
    case = gather_case(sample_store, lakeshore, now=NOW)
    drafts = {d.jurisdiction: d for d in request_drafts(case)}
    assert sorted(drafts) == ["CY", "KY", "SC"]
    assert [n.name for n in drafts["KY"].parties] == ["Tamarind Fiduciary (Cayman) Ltd"]
    text = requests_text(case)
    cayman = text[text.index("to the competent authority of Cayman Islands (KY)") :]
    assert "identifiers: Cayman Islands General Registry (registration number) 228417" in cayman
    assert (
        "linked to the case: Tamarind Fiduciary (Cayman) Ltd -[trustee]-> The Larkspur Settlement "
        "-[shareholding 100%]-> Inversiones Cordillera Azul S.A." in cayman
    )
    assert "-[shareholding, voting rights 51.5%]-> Lakeshore Civil Engineering Ltd\n" in cayman
    assert "undisclosed (information unknown to publisher), above Tamarind" in cayman
    assert "its register of members or shareholders and its register of beneficial owners" in cayman
    assert "case-lakeshore.jsonl:17 (statement 570caba2-e8a9-5d0e-9412-8b3074fea504" in cayman
    seychelles = text[text.index("(SC)") : text.index("(KY)")]
    assert "unknown entity, 4.68% of the subject, above Torrance Ventures Ltd" in seychelles
    assert "as of 2026-03-01" in seychelles


def test_a_dated_view_asks_for_the_records_as_on_that_date(sample_store: GraphStore) -> None:
    dated = analyse(sample_store, SUBJECT, as_of=datetime(2024, 6, 30, tzinfo=UTC).date())
    text = requests_text(gather_case(sample_store, dated, now=NOW))
    assert "Requested, as of 2024-06-30:" in text and "2026-03-01" not in text


def test_a_view_known_at_a_day_says_the_registers_stood_then(sample_store: GraphStore) -> None:
    """``export --known-at``: the drafts say the case is read as the registers stood on K
    (they said only 'as of ...'), and ask for the records as of that day."""
    known = analyse(sample_store, SUBJECT, known_at=datetime(2024, 6, 30, tzinfo=UTC).date())
    text = requests_text(gather_case(sample_store, known, now=NOW))
    assert "[ent-lakeshore-civil], as the registers stood on 2024-06-30.\n" in text
    assert "Requested, as of 2024-06-30:" in text and "2026-03-01" not in text
    assert "View: as the registers stood on 2024-06-30; threshold >= 25%" in text


def test_a_trust_where_the_trail_stops_is_asked_for_its_deed_and_parties(tmp_path: Path) -> None:
    records = [
        entity("co", "Shell Co Ltd", jurisdiction="GB"),
        entity("tr", "Blue Trust", jurisdiction="JE", kind="arrangement", subtype="trust"),
        owns("tr-co", "tr", "co", {"exact": 100}),
        owns(
            "who-tr",
            {"reason": "interestedPartyHasNotProvidedInformation"},
            "tr",
            interest="beneficiaryOfLegalArrangement",
        ),
    ]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    import_files(store, [write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "q.jsonl")
    text = requests_text(gather_case(store, analyse(store, "co"), now=NOW))
    assert "to the competent authority of JE" in text
    assert "Blue Trust: the trust deed and any letter of wishes; the settlor(s), trustee(s)" in text
    assert "linked to the case: Blue Trust -[shareholding 100%]-> Shell Co Ltd\n" in text


def test_no_request_when_every_chain_ends_at_a_person(tmp_path: Path) -> None:
    records = [entity("co", "Plain Ltd"), person("pp", "Pat Owner"), owns("pp-co", "pp", "co")]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    import_files(store, [write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "q.jsonl")
    case = gather_case(store, analyse(store, "co"), now=NOW)
    assert request_drafts(case) == []
    assert requests_text(case).startswith(
        "No request: every chain above Plain Ltd ends at an identified party.\n"
    )
    assert "Draft requests for mutual legal assistance" not in case_report_html(case)


def test_the_report_and_the_cli_carry_the_drafts(
    sample_store: GraphStore, lakeshore: SubjectAnalysis, tmp_path: Path
) -> None:
    html = case_report_html(gather_case(sample_store, lakeshore, now=NOW))
    assert "Draft requests for mutual legal assistance (3)" in html
    assert "Draft request 1: to the competent authority of Cyprus (CY)" in html
    store = tmp_path / "s.sqlite"
    runner = CliRunner()
    sample = sorted(Path(__file__).resolve().parents[2].glob("sample_registers/*.jsonl"))
    assert runner.invoke(cli, ["import", "--store", str(store), *map(str, sample)]).exit_code == 0
    args = [
        "export",
        SUBJECT,
        "--store",
        str(store),
        "--format",
        "requests",
        "--out",
        str(tmp_path),
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    [written] = tmp_path.glob("case-ent-lakeshore-civil-*.requests.txt")
    assert written.read_text().startswith("Draft request 1: to the competent authority of")


def test_nothing_is_asked_abroad_about_what_the_party_limit_left_unread(
    sample_store: GraphStore,
) -> None:
    """At 3 parties, Calder Bridge's owners are in the store but not read: raise the limit,
    do not ask the UK for them."""
    limited = analyse(sample_store, SUBJECT, max_nodes=3)
    case = gather_case(sample_store, limited, now=NOW)
    assert request_drafts(case) == []
    text = requests_text(case)
    assert text.startswith("No request for the part of the structure that was read.")
    assert "the party limit left unread" in text and "raise the limit" in text


def test_a_request_goes_to_the_country_of_a_subdivision(tmp_path: Path) -> None:
    """Companies in Delaware and New York whose owners are undisclosed: one request, to the
    United States, naming both."""
    hidden = {"reason": "interestedPartyHasNotProvidedInformation"}
    records = [
        entity("co", "Subject Ltd", jurisdiction="GB"),
        entity("de", "Delaware Inc", jurisdiction="US-DE"),
        entity("ny", "New York Inc", jurisdiction="US-NY"),
        owns("de-co", "de", "co", {"exact": 50}),
        owns("ny-co", "ny", "co", {"exact": 50}),
        owns("x-de", hidden, "de", {"exact": 100}),
        owns("x-ny", hidden, "ny", {"exact": 100}),
    ]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    import_files(store, [write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "q.jsonl")
    [draft] = request_drafts(gather_case(store, analyse(store, "co"), now=NOW))
    assert draft.jurisdiction == "US"
    assert sorted(n.name for n in draft.parties) == ["Delaware Inc", "New York Inc"]
