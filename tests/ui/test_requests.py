"""Draft requests for mutual legal assistance: one per jurisdiction where the trail goes dark,
naming the parties there, how they are linked to the subject, what is missing, the records to
ask for, and the statements the request rests on."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bo_graph.cli import cli
from bo_graph.export import case_report_html, gather_case, request_drafts, requests_text
from bo_graph.export.service_roles import is_service
from bo_graph.model.codes import DirectOrIndirect, InterestType
from bo_graph.model.records import Interest
from bo_graph.store.base import GraphStore
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.viz.subject import SubjectAnalysis
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files
from tests.ui.conftest import SUBJECT, analyse

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ICIJ_CURRENT = Path(__file__).resolve().parents[1] / "fixtures" / "loaders" / "icij_current"


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


def draft_for(text: str, place: str) -> str:
    """The one draft of ``text`` to the competent authority of ``place``."""
    start = text.index(f"to the competent authority of {place}")
    end = text.find("Draft request", start)
    return text[start : end if end > 0 else len(text)]


REGISTERS = "its register of members or shareholders and its register of beneficial owners"
BESIDES = (
    "its register of beneficial owners, and every member, shareholder or controller besides "
    "those the registers show"
)
KYC = "the customer due-diligence (know-your-customer) records it holds on"


def test_an_icij_intermediary_and_nominee_are_asked_what_they_hold_on_the_company(
    tmp_path: Path,
) -> None:
    """ICIJ's current-layout fixture: EXAMPLE LAW FIRM S.A. is only "intermediary of", ACME
    NOMINEES LIMITED only "Nominee Shareholder of" HARBOUR VIEW HOLDINGS LIMITED, and neither
    has a recorded owner. Neither is asked for its own register of members."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    import_files(store, [ICIJ_CURRENT], tmp_path / "q.jsonl")
    text = requests_text(gather_case(store, analyse(store, "icij:80000001"), now=NOW))
    firm = draft_for(text, "Panama (PA)")
    assert (
        "- EXAMPLE LAW FIRM S.A., recorded for HARBOUR VIEW HOLDINGS LIMITED only as intermediary "
        f"(a service, not an owner): {KYC} HARBOUR VIEW HOLDINGS LIMITED; the identity of the "
        "person(s) who instructed it and on whose behalf it acted, and any agreement under which "
        "it acted; and the beneficial owners of HARBOUR VIEW HOLDINGS LIMITED it recorded" in firm
    )
    nominee = draft_for(text, "Seychelles (SC)")
    assert "ACME NOMINEES LIMITED, recorded for HARBOUR VIEW HOLDINGS LIMITED only as nominee" in (
        nominee
    )
    assert REGISTERS not in firm and REGISTERS not in nominee
    company = draft_for(text, "British Virgin Islands (VG)")  # the subject: its bearer shares
    assert "the registers show: owners Jane Example (shares); in service roles ACME NOMINEES" in (
        company
    )
    assert f"- HARBOUR VIEW HOLDINGS LIMITED: {BESIDES}" in company


def test_a_company_whose_owners_are_recorded_is_not_asked_for_them_again(
    sample_store: GraphStore, lakeshore: SubjectAnalysis
) -> None:
    """Norhaven's shareholders (Sable Reach 80%, Torrance 20%) and its senior managing
    official are in the registers; the Cyprus draft asked for its register of members and
    shareholders all the same, as if nothing were known. It now lists them and asks for what
    is beyond them; the corporate trustee, of which no owner is recorded, keeps the full ask."""
    text = requests_text(gather_case(sample_store, lakeshore, now=NOW))
    cyprus = draft_for(text, "Cyprus (CY)")
    assert (
        "  the registers show: owners Sable Reach Holdings Ltd (80% shares, 80% votes), Torrance "
        "Ventures Ltd (20% shares); in service roles Andreas Charalambous (registered as senior "
        "managing official because the company could not identify a beneficial owner, director)"
        in cyprus
    )
    assert REGISTERS not in cyprus and f"- Norhaven Capital Ltd: {BESIDES}, with the" in cyprus
    cayman = draft_for(text, "Cayman Islands (KY)")
    assert "the registers show" not in cayman and REGISTERS in cayman


def held(record_id: str, party: str, *interests: dict[str, object]) -> dict[str, object]:
    """A relationship of ``party`` in "co" with ``interests`` as given."""
    record = owns(record_id, party, "co")
    record["recordDetails"]["interests"] = list(interests)
    return record


def control(details: str | None = None) -> dict[str, object]:
    """Control by other means, not beneficial (as BODS gives an entity's), with a label."""
    item = {"type": "otherInfluenceOrControl", "directOrIndirect": "direct"}
    label = {"details": details} if details else {}
    return {**item, "beneficialOwnershipOrControl": False, **label}


def test_only_a_party_linked_by_service_roles_alone_is_asked_as_a_service_provider(
    tmp_path: Path,
) -> None:
    """Companies with no recorded owner above a subject: a holding company, one with control
    by other means and no service named (an entity's interest is never beneficial in BODS), one
    that is both shareholder and intermediary, a nominee also declared the beneficial owner
    (ICIJ's "Nominee / Beneficial Owner"), and a law firm that is only the intermediary. Only
    the law firm is asked for its customer due-diligence records."""
    shares = {"type": "shareholding", "directOrIndirect": "direct", "share": {"exact": 10}}
    label = {"details": "Nominee / Beneficial Owner", "directOrIndirect": "unknown"}
    nominee = {"type": "nominee", "beneficialOwnershipOrControl": False, **label}
    owner = {"type": "unknownInterest", "beneficialOwnershipOrControl": True, **label}
    records = [
        entity("co", "Subject Ltd", jurisdiction="GB"),
        entity("hold", "Holding Ltd", jurisdiction="KY"),
        entity("ctl", "Control Ltd", jurisdiction="BS"),
        entity("both", "Both Ltd", jurisdiction="CY"),
        entity("firm", "Law Firm SA", jurisdiction="PA"),
        entity("bo", "Owner Nominees Ltd", jurisdiction="LU"),
        held("hold-co", "hold", shares),
        held("ctl-co", "ctl", control()),
        held("both-co", "both", shares, control("intermediary of")),
        held("firm-co", "firm", control("intermediary of")),
        held("bo-co", "bo", nominee, owner),
    ]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    import_files(store, [write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "q.jsonl")
    text = requests_text(gather_case(store, analyse(store, "co"), now=NOW))
    assert (
        "- Law Firm SA, recorded for Subject Ltd only as intermediary (a service, not an owner): "
        f"{KYC} Subject Ltd;" in draft_for(text, "PA")
    )
    owners = {
        "KY": "Holding Ltd",
        "BS": "Control Ltd",
        "CY": "Both Ltd",
        "LU": "Owner Nominees Ltd",
    }
    for place, name in owners.items():
        draft = draft_for(text, place)
        assert f"- {name}: {REGISTERS}" in draft and KYC not in draft


@pytest.mark.parametrize(
    ("kind", "details", "beneficial", "service"),
    [
        (InterestType.OTHER_INFLUENCE_OR_CONTROL, "intermediary of", False, True),
        (InterestType.OTHER_INFLUENCE_OR_CONTROL, "registered", False, True),  # ICIJ viz
        (InterestType.OTHER_INFLUENCE_OR_CONTROL, "Registered agent", None, True),
        (InterestType.SENIOR_MANAGING_OFFICIAL, "Secretary", None, True),
        (InterestType.NOMINEE, None, False, True),
        (InterestType.OTHER_INFLUENCE_OR_CONTROL, "registered shareholder", False, False),
        (InterestType.OTHER_INFLUENCE_OR_CONTROL, None, False, False),
        (InterestType.UNKNOWN_INTEREST, "Intermediary / Beneficial Owner", True, False),
        (InterestType.SHAREHOLDING, "nominee of", False, False),
    ],
)
def test_which_interests_are_service_roles(
    kind: InterestType, details: str | None, beneficial: bool | None, service: bool
) -> None:
    interest = Interest(kind, DirectOrIndirect.DIRECT, beneficial, details=details)
    assert is_service(interest) is service
