"""The statement envelope: ids, dates, publication details and source, and the output buffer.

Statement ids are a seed-derived prefix plus a counter, shaped like a UUID (36 characters),
so a register is byte-for-byte reproducible and no id costs a ``uuid4`` call.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from bo_graph.synth.calendar import ISO_DATES, PUBLICATION_LAG, RETRIEVED_AT

Json = dict[str, Any]

PUBLISHER = {"name": "bo-graph synthetic register (fictional)"}


def statement_id_prefix(seed: int) -> str:
    digest = hashlib.blake2b(f"bo-graph synth {seed}".encode(), digest_size=16).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-5{digest[12:15]}-8{digest[15:18]}-"


class Emitter:
    """Builds statements and appends them to ``pending`` until the caller takes them."""

    def __init__(self, seed: int) -> None:
        self.pending: list[Json] = []
        self.counts: Counter[tuple[str, str]] = Counter()
        """Statements by (recordType, recordStatus)."""
        self._prefix = statement_id_prefix(seed)
        self._next_id = 0
        self._source = {"type": ["officialRegister"], "description": f"Synthetic register {seed}",
                        "retrievedAt": RETRIEVED_AT}  # fmt: skip
        self._publication: dict[int, Json] = {}

    def emit(self, record_type: str, status: str, record_id: str, declared_by: str, day: int,
             details: Json) -> None:  # fmt: skip
        """One statement about ``record_id``, declared on ``day`` in the filing of
        ``declared_by`` (the declaration subject)."""
        number = self._next_id
        self._next_id = number + 1
        self.counts[record_type, status] += 1
        self.pending.append({
            "statementId": f"{self._prefix}{number:012x}",
            "declarationSubject": declared_by,
            "statementDate": ISO_DATES[day],
            "recordId": record_id,
            "recordType": record_type,
            "recordStatus": status,
            "recordDetails": details,
            "publicationDetails": self._publication_details(day),
            "source": self._source,
        })  # fmt: skip

    def take(self) -> list[Json]:
        """The statements emitted since the last call, in order."""
        out = self.pending
        self.pending = []
        return out

    @property
    def statements(self) -> int:
        return self._next_id

    def _publication_details(self, day: int) -> Json:
        found = self._publication.get(day)
        if found is None:
            found = {"publicationDate": ISO_DATES[day + PUBLICATION_LAG], "bodsVersion": "0.4",
                     "publisher": PUBLISHER}  # fmt: skip
            self._publication[day] = found
        return found
