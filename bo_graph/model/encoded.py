"""A source record's JSON bytes, encoded once for all the statements made from it.

A register line can become several statements (a UK PSC line gives the person and the
relationship), and each of them hashes the line for its id and hands it over as bytes. A
:class:`LastEncoded` keeps the last record it encoded, by reference, with its bytes: the same
object again is not encoded again. Holding the record itself means ``is`` can never match a new
object at a reused address; a record must not change once statements are made from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson


class LastEncoded:
    """``orjson.dumps(value, option=option, default=default)``, remembered for the last value."""

    def __init__(self, option: int = 0, default: Callable[[Any], Any] | None = None) -> None:
        self.option = option
        self.default = default
        self._last: tuple[object, bytes] = (None, b"null")

    def __call__(self, value: Any) -> bytes:
        last = self._last  # read once: another thread may replace it, never half of it
        if last[0] is value:
            return last[1]
        encoded = orjson.dumps(value, option=self.option, default=self.default)
        self._last = (value, encoded)
        return encoded
