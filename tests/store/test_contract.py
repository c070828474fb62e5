"""The store contract, run unchanged against every backend (embedded SQLite and real Neo4j)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bo_graph.exc import AmbiguousRef, ConfigError, NotFound
from bo_graph.model.graph import NodeKind, When
from bo_graph.store.base import Direction, GraphStore
from tests.conftest import REFERENCE, SAMPLES
from tests.factory import entity, owns, person
from tests.helpers import import_files


def load(store: GraphStore, tmp_path: Path, records: list[dict[str, Any]], name: str = "in.jsonl"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return import_files(store, [path], tmp_path / "q.jsonl")


def chain_with_cycle() -> list[dict[str, Any]]:
    """P owns A 60%; A owns B 50%; B owns A 30% (a cycle); Q owns B 50% (parallel edges Q->B)."""
    return [
        entity("A", "Alpha Holdings Ltd", number="00012345"),
        entity("B", "Béta Trading SA", jurisdiction="PA"),
        person("P", "Peter O'Neil"),
        person("Q", "Quinn Zhang"),
        owns("pa", "P", "A", {"exact": 60}),
        owns("ab", "A", "B", {"exact": 50}),
        owns("ba", "B", "A", {"exact": 30}),
        owns("qb1", "Q", "B", {"exact": 25}),
        owns("qb2", "Q", "B", {"exact": 25}, interest="votingRights"),
    ]


def test_write_batch_counts_loaded_duplicates_and_conflicts(
    store: GraphStore, tmp_path: Path
) -> None:
    report = load(store, tmp_path, chain_with_cycle())
    assert report.accounting.loaded == 9
    again = load(store, tmp_path, chain_with_cycle())
    assert again.accounting.duplicates == 9 and again.accounting.loaded == 0
    changed = entity("A", "Alpha Holdings Ltd", number="00012345")
    changed["recordDetails"]["name"] = "Something else"
    conflict = load(store, tmp_path, [changed])
    assert conflict.accounting.quarantined == 1


def test_one_hop_owners_and_holdings_keep_parallel_edges(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, chain_with_cycle())
    assert sorted(e.id for e in store.owners_of("B")) == ["ab", "qb1", "qb2"]
    assert sorted(e.id for e in store.holdings_of("Q")) == ["qb1", "qb2"]
    assert sorted(e.id for e in store.edges_of(["A", "B"], Direction.UP)) == [
        "ab",
        "ba",
        "pa",
        "qb1",
        "qb2",
    ]
    edge = store.get_edges(["pa"])["pa"]
    assert (edge.subject, edge.interested_party) == ("A", "P")
    assert edge.interests[0].share is not None and edge.interests[0].share.lower == 60
    assert edge.provenance is not None and edge.provenance.position == 5


def test_expansion_is_bounded_and_cycle_safe(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, chain_with_cycle())
    up = store.expand(["B"], Direction.UP)
    assert set(up.nodes) == {"A", "B", "P", "Q"}
    assert set(up.edges) == {"ab", "ba", "pa", "qb1", "qb2"}
    assert up.truncated == {}
    shallow = store.expand(["B"], Direction.UP, max_depth=1)
    assert set(shallow.nodes) == {"A", "B", "Q"}
    assert shallow.truncated == {"A": 2}  # P -> A and B -> A were not followed, and it says so
    down = store.expand(["P"], Direction.DOWN)
    assert set(down.nodes) == {"P", "A", "B"}


def test_lookups_by_id_identifier_record_id_and_name(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, chain_with_cycle())
    assert store.get_node("A") is not None and store.get_node("nope") is None
    assert [n.id for n in store.find_by_identifier("GB-COH", "12345")] == ["A"]  # leading zeros
    assert [n.id for n in store.find_by_identifier("gb-coh", "00012345")] == ["A"]
    assert [n.id for n in store.find_by_record_id("B")] == ["B"]
    assert [n.id for n in store.find_by_name("beta trading sa")] == ["B"]  # case and accents
    assert store.resolve_ref("GB-COH:012345").id == "A"
    assert store.resolve_ref("Peter O'Neil").id == "P"
    with pytest.raises(NotFound):
        store.resolve_ref("Nobody Ltd")


def test_ambiguous_ref_lists_candidates(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, [person("X1", "John Smith"), person("X2", "John Smith")])
    with pytest.raises(AmbiguousRef) as caught:
        store.resolve_ref("John Smith")
    assert sorted(c.split()[0] for c in caught.value.candidates) == ["X1", "X2"]


def test_search_is_tolerant_of_case_accents_word_order_and_typos(
    store: GraphStore, tmp_path: Path
) -> None:
    load(store, tmp_path, chain_with_cycle())
    assert store.search("beta")[0].id == "B"
    assert store.search("TRADING béta")[0].id == "B"
    assert store.search("zhang quinn")[0].id == "Q"
    assert "A" in [n.id for n in store.search("Alpah Holdings")]
    assert [n.id for n in store.search("GB-COH:12345")] == ["A"]
    # as reports and particulars print an identifier: scheme, space, id
    assert [n.id for n in store.search("GB-COH 00012345")] == ["A"]
    assert store.resolve_ref("gb-coh 12345").id == "A"


QUOTED = 'НЕКОММЕРЧЕСКОЕ ПАРТНЕРСТВО "АССОЦИАЦИЯ БЕСПИЛОТНЫХ СИСТЕМ"'


def test_search_text_with_quotes_or_query_syntax_is_plain_words(
    store: GraphStore, tmp_path: Path
) -> None:
    """Quotes and full-text query syntax in what a user types are words' punctuation: the
    search finds what the same words find (a published name holds quotes), never an error."""
    load(store, tmp_path, [*chain_with_cycle(), entity("U", QUOTED)])

    def ids(text: str) -> list[str]:
        return [n.id for n in store.search(text)]

    assert ids(QUOTED)[0] == "U"
    for text in (QUOTED, '"beta"', '"Alpah" "Holdngs"', 'zhang "qu'):
        assert ids(text) == ids(text.replace('"', " ")), text
    assert ids('"Alpah" "Holdngs"') == ["A"] and ids('zhang "qu')[0] == "Q"  # typos and quotes
    for syntax in ('+(alpha) && holdings* || -"ltd"~', "^alpha [holdings] {ltd} ? \\ / : !"):
        assert ids(syntax)[0] == "A", syntax
    assert ids("Alpah Holdngs !!!") == ids("Alpah Holdngs & ?") == ["A"]  # no word, no weight
    assert ids("alpha\x00holdings")[0] == "A"  # a NUL pasted in is a space


def test_search_narrowed_by_kind_and_jurisdiction_counts_matches_only(
    store: GraphStore, tmp_path: Path
) -> None:
    """The filters are in the store query: a limit counts matching parties, not hits filtered
    afterwards. A country code finds its subdivisions, in any case; a person is found by a
    nationality or a country of residence (an untyped address too), not by a service address."""
    load(store, tmp_path, [
        *(entity(f"G{i}", f"Harbour {i}", number=f"{i + 1}") for i in range(12)),
        entity("V", "Harbour Shipping of the British Virgin Islands Ltd", jurisdiction="VG"),
        entity("D", "Harbour Shipping Holdings of Delaware Incorporated", jurisdiction="us-de"),
        person("N", "Nina Harbour", nationality="FR", address=("residence", "GB")),
        person("R", "Rita Harbour", nationality="GB", address=(None, "FR")),
        person("S", "Sam Harbour", nationality="GB", address=("service", "FR")),
    ])  # fmt: skip

    def ids(limit: int = 20, **narrowed: str) -> list[str]:
        return [n.id for n in store.search("harbour", limit, **narrowed)]

    assert ids(2, jurisdiction="VG") == ["V"] and ids(1, jurisdiction="us") == ["D"]
    assert ids(jurisdiction="US-DE") == ["D"] and ids(jurisdiction="US-NY") == []
    assert sorted(ids(jurisdiction="FR")) == ["N", "R"]
    assert sorted(ids(kind="person")) == ["N", "R", "S"] and ids(kind="unspecified") == []
    assert len(ids(3, kind="entity", jurisdiction="GB")) == 3
    assert [n.id for n in store.search("GB-COH:1", jurisdiction="GB")] == ["G0"]
    assert store.search("GB-COH:1", jurisdiction="VG") == []
    assert store.search("GB-COH:1", kind="person") == []
    with pytest.raises(ConfigError, match=r"expected a country code.*found 'Virgin Islands'"):
        store.search("harbour", jurisdiction="Virgin Islands")
    with pytest.raises(ConfigError, match="expected one of person, entity, unspecified"):
        store.search("harbour", kind="company")


def test_iteration_and_counts(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, chain_with_cycle())
    assert sorted(n.id for n in store.iter_nodes()) == ["A", "B", "P", "Q"]
    assert sorted(n.id for n in store.iter_nodes(NodeKind.PERSON)) == ["P", "Q"]
    assert sorted(e.id for e in store.iter_edges()) == ["ab", "ba", "pa", "qb1", "qb2"]
    counts = store.counts()
    assert (counts.statements, counts.nodes, counts.edges) == (9, 4, 5)
    assert counts.nodes_by_kind == {"entity": 2, "person": 2}
    assert counts.edges_by_interest == {"shareholding": 4, "votingRights": 1}
    assert counts.sources == {"Test Register": 9}
    totals = store.counts(breakdown=False)  # what a scan or an emptiness check asks for
    assert (totals.statements, totals.nodes, totals.edges) == (9, 4, 5)
    assert totals.nodes_by_kind == {"entity": 2, "person": 2}
    assert (totals.edges_by_interest, totals.sources) == ({}, {})


def test_links_are_the_edges_in_effect_reduced_to_their_ends(
    store: GraphStore, tmp_path: Path
) -> None:
    """What a path search explores: the same edges as edges_of, in the same order, at any
    date (an interest that ended, one not started yet, one with no dates, several at once)."""
    load(
        store,
        tmp_path,
        [
            entity("A", "Alpha"),
            entity("B", "Beta"),
            person("P", "Pat"),
            owns("ended", "P", "A", {"exact": 10}, start="2001", end="2010-06-30"),
            owns("future", "P", "A", {"exact": 20}, start="2999-01-01"),
            owns("undated", "B", "A", {"exact": 30}),
            owns("open", "P", "B", {"exact": 40}, start="2005-01-01"),
            owns("today", "B", "A", {"exact": 5}, end="2999-12-31", interest="votingRights"),
        ],
    )
    for when in (When(), When(as_of="2008-01-01"), When(as_of="2010-06-30"), When(as_of="3000")):
        for direction, ids in ((Direction.UP, ["A", "B"]), (Direction.DOWN, ["P", "B"])):
            edges = store.edges_of(ids, direction, when)
            expected = [(e.id, e.subject, e.interested_party) for e in edges]
            links = store.links_of(ids, direction, when)
            assert [(x.id, x.subject, x.interested_party) for x in links] == expected
    assert [x.id for x in store.links_of(["A"], Direction.UP)] == ["today", "undated"]


def test_dangling_references_resolve_when_the_records_arrive(
    store: GraphStore, tmp_path: Path
) -> None:
    first = load(store, tmp_path, [owns("r", "ghost", "A", {"exact": 10})], "a.jsonl")
    assert {(d.role, d.target) for d in first.dangling} == {
        ("subject", "A"),
        ("interestedParty", "ghost"),
    }
    pending = store.counts(breakdown=False)  # an edge waiting for its ends is counted
    assert (pending.statements, pending.nodes, pending.edges) == (1, 0, 1)
    assert pending.edges == store.counts().edges
    later = load(store, tmp_path, [entity("A", "Alpha"), person("ghost", "Casper")], "b.jsonl")
    assert later.dangling == []
    assert [e.interested_party for e in store.owners_of("A")] == ["ghost"]


def test_history_answers_as_of_and_known_at(store: GraphStore, tmp_path: Path) -> None:
    load(
        store,
        tmp_path,
        [
            entity("A", "Alpha"),
            person("P", "Pat"),
            owns("r", "P", "A", {"exact": 40}, start="2020-01-01", date="2020-01-05"),
            owns(
                "r",
                "P",
                "A",
                {"exact": 70},
                start="2022-01-01",
                date="2022-02-01",
                status="updated",
            ),
            owns(
                "r",
                "P",
                "A",
                {"exact": 70},
                start="2022-01-01",
                end="2023-06-30",
                date="2023-07-10",
                status="closed",
            ),
        ],
    )
    assert store.owners_of("A") == []

    def share(when: When) -> list[float]:
        return [
            i.share.lower
            for e in store.owners_of("A", when)
            for i in e.interests_in_effect(when)
            if i.share
        ]

    assert share(When(as_of="2023-01-01")) == [70.0]
    assert share(When(known_at="2021-06-01")) == [40.0]
    assert share(When(as_of="2023-12-01")) == []
    assert [s.provenance.record_status.value for s in store.statements_for("r")] == [
        "new",
        "updated",
        "closed",
    ]


def test_unspecified_parties_become_nodes_with_their_reason(
    store: GraphStore, tmp_path: Path
) -> None:
    hidden = {"reason": "subjectUnableToConfirmOrIdentifyBeneficialOwner", "description": "Unknown"}
    load(store, tmp_path, [entity("A", "Alpha"), owns("r", hidden, "A")])
    (edge,) = store.owners_of("A")
    node = store.get_node(edge.interested_party)
    assert node is not None and node.kind is NodeKind.UNSPECIFIED
    assert node.subkind == "subjectUnableToConfirmOrIdentifyBeneficialOwner"
    assert store.statements_for(node.id)[0].provenance.statement_id == edge.provenance.statement_id  # type: ignore[union-attr]


HOSTILE = [
    'O\'Brien "Holdings" {Ltd}',
    "`) MATCH (n) DETACH DELETE n //",
    "RETURN 1; MERGE",
    "$param ${x}",
]


def test_hostile_names_and_ids_round_trip_as_plain_data(store: GraphStore, tmp_path: Path) -> None:
    records = [entity(f"id-{i}-`'\"{{}}", name) for i, name in enumerate(HOSTILE)]
    records.append(owns("rel`'", "id-0-`'\"{}", "id-1-`'\"{}", {"exact": 5}))
    report = load(store, tmp_path, records)
    assert report.accounting.loaded == 5
    assert sorted(n.name for n in store.iter_nodes()) == sorted(HOSTILE)
    assert [n.id for n in store.find_by_name(HOSTILE[1])] == ["id-1-`'\"{}"]
    assert [e.id for e in store.owners_of("id-1-`'\"{}")] == ["rel`'"]
    assert store.search("MATCH DETACH")[0].name == HOSTILE[1]
    assert store.counts().nodes == 4


def test_sample_registers_load_alike(store: GraphStore, tmp_path: Path) -> None:
    report = import_files(store, sorted(SAMPLES.glob("*.jsonl")), tmp_path / "q.jsonl")
    assert report.accounting.quarantined == 0 and report.dangling == []
    counts = store.counts()
    assert counts.statements == report.accounting.loaded
    assert counts.nodes_by_kind["person"] >= 10


@pytest.mark.parametrize(
    "name",
    [
        "fermcat.json",
        "tecido.json",
        "levent.json",
        "nomination.json",
        "listed-company-exempt-from-disclosure.json",
        "bods-package-fi-soe.json",
    ],
)
def test_reference_bods_examples_load_alike(
    store: GraphStore, tmp_path: Path, reference: Path, name: str
) -> None:
    path = REFERENCE / "bods-data-standard" / "v0.4" / "examples" / name
    report = import_files(store, [path], tmp_path / "q.jsonl")
    raw = json.loads(path.read_text())
    assert report.accounting.loaded == len(raw) and report.dangling == []
    records = {(s["recordId"], s["recordType"]) for s in raw}
    assert store.counts().edges == sum(1 for _, t in records if t == "relationship")


def test_unspecified_party_history_across_imports(store: GraphStore, tmp_path: Path) -> None:
    first = {"reason": "interestedPartyHasNotProvidedInformation", "description": "Withheld 2020"}
    later = {
        "reason": "subjectUnableToConfirmOrIdentifyBeneficialOwner",
        "description": "Unknown 2022",
    }
    load(
        store, tmp_path, [entity("A", "Alpha"), owns("r", first, "A", date="2020-01-01")], "a.jsonl"
    )
    load(store, tmp_path, [owns("r", later, "A", date="2022-01-01", status="updated")], "b.jsonl")
    node_id = store.owners_of("A")[0].interested_party
    assert store.get_node(node_id).name == "Unknown 2022"  # type: ignore[union-attr]
    then = store.get_nodes([node_id], When(known_at="2021-01-01"))
    assert then[node_id].name == "Withheld 2020"


def test_a_later_import_updates_stored_records_and_adds_new_ones(
    store: GraphStore, tmp_path: Path
) -> None:
    """Stored parties get their new identifiers (the old ones no longer find them) and stored
    relationships their new version, while records new in the same batch are simply added."""
    load(store, tmp_path, [
        entity("A", "Alpha Ltd", number="111"), person("P", "Pat Lee"),
        owns("pa", "P", "A", {"exact": 60}),
    ], "first.jsonl")  # fmt: skip
    later = [
        entity("A", "Alpha Ltd", number="222", date="2024-06-01", status="updated"),
        entity("C", "Gamma Ltd", number="333"),
        owns("pa", "P", "A", {"exact": 70}, date="2024-06-01", status="updated"),
        owns("pc", "P", "C", {"exact": 10}),
    ]
    assert load(store, tmp_path, later, "later.jsonl").accounting.loaded == 4
    assert store.find_by_identifier("GB-COH", "111") == []
    assert [n.id for n in store.find_by_identifier("GB-COH", "222")] == ["A"]
    assert [n.id for n in store.find_by_identifier("GB-COH", "333")] == ["C"]
    (current,) = store.owners_of("A")
    assert current.interests[0].share is not None and current.interests[0].share.lower == 70
    assert sorted(e.id for e in store.holdings_of("P")) == ["pa", "pc"]
    again = load(store, tmp_path, later, "later.jsonl").accounting
    assert (again.loaded, again.duplicates) == (0, 4)
