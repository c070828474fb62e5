"""One register statement about one record, in the canonical model.

A statement carries its details in two equivalent forms: the typed canonical records
(:attr:`Statement.details`) and the BODS 0.4 ``recordDetails`` object
(:attr:`Statement.bods_details`). A loader gives whichever it has; the other is derived on first
use. BODS 0.4 input is already in the second form, so bulk imports never build objects they do
not need — the loader has checked the record before it hands it over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from bo_graph.model.bods04 import details_from_bods
from bo_graph.model.bods04_out import details_to_bods
from bo_graph.model.codes import RecordStatus, RecordType
from bo_graph.model.records import Details, Provenance


@dataclass(frozen=True)
class Statement:
    """``record_id`` is the publisher's record id (BODS 0.4 ``recordId``; for BODS 0.1-0.3 the
    id of the first statement of a person or entity). ``replaces`` lists the statement ids this
    one supersedes (BODS 0.1-0.3). ``raw`` is the record exactly as read."""

    statement_id: str
    record_id: str
    record_type: RecordType
    record_status: RecordStatus
    statement_date: str | None
    provenance: Provenance
    given_details: Details | None = field(default=None, repr=False)
    given_bods: Mapping[str, Any] | None = field(default=None, repr=False)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    declaration_subject: str | None = None
    replaces: tuple[str, ...] = ()
    id_from_content: bool = False
    """The id is a digest of the record's content (every register but BODS, whose publishers
    give ids): the same content read again in a later snapshot gets the same id."""

    def __post_init__(self) -> None:
        if self.given_details is None and self.given_bods is None:
            raise ValueError(f"statement {self.statement_id}: details or BODS details are needed")

    @cached_property
    def details(self) -> Details:
        if self.given_details is not None:
            return self.given_details
        assert self.given_bods is not None
        return details_from_bods(self.record_type, self.given_bods)

    @cached_property
    def bods_details(self) -> Mapping[str, Any]:
        if self.given_bods is not None:
            return self.given_bods
        assert self.given_details is not None
        return details_to_bods(self.given_details)

    @property
    def is_relationship(self) -> bool:
        return self.record_type is RecordType.RELATIONSHIP
