"""The public tier on both backends: persons read without their personal data, which no read,
search or lookup gives away, while every ownership conclusion stays what it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from bo_graph.analysis import ubo_report
from bo_graph.exc import ConfigError, NotFound
from bo_graph.model.graph import NodeKind, When
from bo_graph.model.particulars import person_summary
from bo_graph.model.records import Address, Jurisdiction, PersonDetails
from bo_graph.store.base import Direction, GraphStore
from bo_graph.store.public import WITHHELD, PublicTier
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files

PASSPORT = ("GB-PASSPORT", "533401122")
GB_BODS = {"name": "United Kingdom", "code": "GB"}
GB = Jurisdiction(name="United Kingdom", code="GB")


def pat_owner() -> dict[str, Any]:
    record = person("P", "Pat Owner")
    record["recordDetails"].update(
        birthDate="1970-05-17",
        identifiers=[{"scheme": PASSPORT[0], "id": PASSPORT[1]}],
        addresses=[
            {
                "type": "residence",
                "address": "1 Secret Lane, Leeds",
                "country": {"name": "United Kingdom", "code": "GB"},
            }
        ],
        taxResidencies=[{"name": "Monaco", "code": "MC"}],
        nationalities=[{"name": "United Kingdom", "code": "GB"}],
        placeOfBirth={"type": "placeOfBirth", "address": "St James's Hospital", "country": GB_BODS},
    )
    return record


@pytest.fixture
def public(store: GraphStore, tmp_path: Path) -> PublicTier:
    """Acme, held 60% by Pat Owner (date of birth, passport, home address, tax residency)."""
    records = [
        entity("acme", "Acme Holdings Ltd", number="1234"),
        pat_owner(),
        owns("p-acme", "P", "acme", {"exact": 60}),
    ]
    import_files(store, [write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "q.jsonl")
    return PublicTier(store)


def redacted(details: object) -> bool:
    """What a public register shows: month of birth, country of residence, no identifiers."""
    assert isinstance(details, PersonDetails)
    [address] = details.addresses
    return (
        details.birth_date == "1970-05"
        and (address.type, address.address, address.country) == ("residence", None, GB)
        and details.identifiers == details.tax_residencies == ()
        and details.place_of_birth == Address(type="placeOfBirth", country=GB)
    )


def test_a_person_is_read_without_personal_data(store: GraphStore, public: PublicTier) -> None:
    full = store.get_node("P")
    assert full is not None and isinstance(full.details, PersonDetails)
    assert full.details.birth_date == "1970-05-17"
    assert full.details.place_of_birth is not None
    assert full.details.place_of_birth.address == "St James's Hospital"
    for node in (
        public.get_node("P"),
        public.get_node("P", When(known_at="2030-01-01")),
        public.expand(["acme"], Direction.UP).nodes["P"],
        public.search("pat owner")[0],
        public.find_by_name("Pat Owner")[0],
        public.find_by_record_id("P")[0],
        next(n for n in public.iter_nodes() if n.id == "P"),
    ):
        assert node is not None and node.name == "Pat Owner"
        assert redacted(node.details)
        assert [j.code for j in node.details.nationalities] == ["GB"]  # type: ignore[union-attr]


def test_no_lookup_confirms_a_persons_identifier(store: GraphStore, public: PublicTier) -> None:
    ref = f"{PASSPORT[0]}:{PASSPORT[1]}"
    for text in (ref, f"{PASSPORT[0]} {PASSPORT[1]}"):  # as particulars print it, too
        assert [n.id for n in store.search(text)] == ["P"]  # the authority tier finds Pat
        assert public.search(text) == []
    assert public.find_by_identifier(*PASSPORT) == []
    with pytest.raises(NotFound):
        public.resolve_ref(ref)
    assert [n.id for n in public.find_by_identifier("GB-COH", "1234")] == ["acme"]


def test_a_search_by_jurisdiction_gives_away_no_tax_residency(
    store: GraphStore, public: PublicTier
) -> None:
    """The filters pass through to the store; a person's jurisdictions are those the public
    sees (nationality, country of residence), so Pat's withheld tax residence finds nobody."""
    assert [n.id for n in public.search("pat owner", kind="person", jurisdiction="GB")] == ["P"]
    assert public.search("pat owner", kind="entity") == []
    assert public.search("pat owner", jurisdiction="MC") == []
    assert store.search("pat owner", jurisdiction="MC") == []


def test_the_statements_behind_a_person_lose_the_personal_data(public: PublicTier) -> None:
    [statement] = public.statements_for("P")
    details = statement.raw["recordDetails"]
    assert details["names"][0]["fullName"] == "Pat Owner"
    text = orjson.dumps(statement.raw).decode()
    for secret in ("1970-05-17", PASSPORT[1], "Secret Lane", '"MC"', "Hospital"):
        assert secret not in text
    assert details["birthDate"] == "1970-05"
    assert details["addresses"] == [{"type": "residence", "country": GB_BODS}]
    assert statement.provenance.statement_id == statement.raw["statementId"]


def test_ownership_conclusions_are_the_same_in_both_tiers(
    store: GraphStore, public: PublicTier
) -> None:
    full, seen = ubo_report(store, "acme"), ubo_report(public, "acme")
    assert [(o.party.id, o.share) for o in seen.owners] == [
        (o.party.id, o.share) for o in full.owners
    ]
    assert [o.party.id for o in seen.owners] == ["P"]


def test_source_records_in_other_formats_are_withheld(
    reference: Path, embedded: GraphStore, tmp_path: Path
) -> None:
    """The register's own PSC lines hold the date of birth and addresses in fields of their
    own: the public sees that each record exists and where it came from, not the record."""
    snapshot = reference / "uk-psc-bods-uk-psc-pipeline" / "derived" / "psc-snapshot-sample.jsonl"
    import_files(embedded, [snapshot], tmp_path / "q.jsonl")
    public = PublicTier(embedded)
    person, holding = next(
        (n, held[0])
        for n in embedded.iter_nodes(NodeKind.PERSON)
        if n.details.birth_date and (held := embedded.holdings_of(n.id))  # type: ignore[union-attr]
    )
    for uid in (person.id, holding.id, holding.subject):
        full, seen = embedded.statements_for(uid), public.statements_for(uid)
        assert full and [s.raw for s in seen] == [
            {"withheld": WITHHELD.format(source_format="uk-psc")}
        ] * len(full)
        assert [s.provenance for s in seen] == [s.provenance for s in full]
    assert (
        "date_of_birth"
        in orjson.dumps([s.raw for s in embedded.statements_for(person.id)]).decode()
    )


def test_the_public_tier_only_reads(public: PublicTier, tmp_path: Path) -> None:
    extra = write_jsonl(tmp_path / "more.jsonl", [person("Q", "Quinn Guess")])
    with pytest.raises(ConfigError, match="only reads"):
        import_files(public, [extra], tmp_path / "q2.jsonl")
    assert public.get_node("Q") is None


def test_a_free_text_place_of_birth_shows_its_country_only(
    reference: Path, embedded: GraphStore, tmp_path: Path
) -> None:
    """OpenSanctions' birthPlace "Izhevsk, Russia": the public tier shows Russia, not the town
    (in the particulars, search results and exports alike)."""
    zala = reference / "ftm-opensanctions-yente" / "tests" / "fixtures" / "dataset" / "zala"
    import_files(embedded, [zala / "entities.ftm.json"], tmp_path / "q.jsonl")
    [full] = embedded.find_by_name("Svetlana Nikolaevna Zakharova")
    assert isinstance(full.details, PersonDetails) and full.details.place_of_birth is not None
    assert full.details.place_of_birth.address == "Izhevsk, Russia"
    [seen] = PublicTier(embedded).find_by_name("Svetlana Nikolaevna Zakharova")
    assert isinstance(seen.details, PersonDetails)
    assert person_summary(seen.details).startswith("born 1964-03 in Russia;")
    assert "Izhevsk" not in orjson.dumps(seen.details, default=repr).decode()
