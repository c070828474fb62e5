"""Each statement is cited once by a flag. An unspecified party named inline in a relationship
statement (BODS ``interestedParty.unspecified``, as in the Lakeshore sample and the BODS 0.4
examples) has no statement of its own: OPQ-OWNER-UNSPECIFIED cited that relationship statement
twice, as 'node rel-…' and as 'edge rel-…'."""

from __future__ import annotations

from pathlib import Path

import pytest

from bo_graph.analysis.opacity import Flag
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import ent, interest, load, per, rel, report, unspecified

S = "subject"
BASE = [ent(S, "Subject Ltd")]


def _flag(store: EmbeddedStore, code: str) -> Flag:
    [flag] = [f for f in report(store, S, [code]).flags if f.code == code]
    return flag


def _statements(flag: Flag) -> list[str]:
    return [e.provenance.statement_id for e in flag.evidence if e.provenance is not None]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("OPQ-OWNER-UNSPECIFIED", "subjectUnableToConfirmOrIdentifyBeneficialOwner"),
        ("OPQ-PROTECTED-PARTY", "interestedPartyExemptFromDisclosure"),
        ("OPQ-EXEMPT-SUBJECT", "subjectExemptFromDisclosure"),
    ],
)
def test_an_inline_unspecified_party_cites_its_relationship_statement_once(
    embedded: EmbeddedStore, tmp_path: Path, code: str, reason: str
) -> None:
    hidden = unspecified(reason, "The company could not identify its owner.")
    load(embedded, tmp_path, [*BASE, rel("r1", hidden, S)])
    flag = _flag(embedded, code)
    assert flag.target.id == "unspecified:r1/interestedParty"
    assert [(e.role, e.id, e.record_id) for e in flag.evidence] == [("edge", "r1", "r1")]
    assert len(_statements(flag)) == len(set(_statements(flag))) == 1
    text = flag.evidence[0].to_json()
    assert text["role"] == "edge" and text["statement_ids"] == _statements(flag)


def test_a_party_with_its_own_statement_is_still_cited_as_a_node(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    bearer = per("b", "Unknown", kind="unknownPerson")
    load(embedded, tmp_path, [*BASE, bearer, rel("r1", "b", S, interest("shareholding"))])
    flag = _flag(embedded, "OPQ-OWNER-UNKNOWN")
    assert [(e.role, e.record_id) for e in flag.evidence] == [("node", "b"), ("edge", "r1")]
