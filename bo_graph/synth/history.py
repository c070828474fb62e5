"""Later filings held back until the register's clock reaches them.

Every company is created with its first filings; changes to it (updates, closures) are decided
at the same moment but emitted only when the generator's clock passes their statement date. The
output is therefore sorted by ``statementDate``. The queue holds small tuples of
``(day, sequence, action, arguments)``, a few percent of all statements at any time.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

Action = Callable[..., None]


class History:
    def __init__(self) -> None:
        self._queue: list[tuple[int, int, Action, tuple[Any, ...]]] = []
        self._sequence = 0

    def schedule(self, day: int, action: Action, *args: Any) -> None:
        """Run ``action(day, *args)`` once the clock reaches ``day``. Actions due the same day
        run in the order they were scheduled."""
        heapq.heappush(self._queue, (day, self._sequence, action, args))
        self._sequence += 1

    def release(self, until: int) -> None:
        """Run every action due on or before ``until``."""
        queue = self._queue
        while queue and queue[0][0] <= until:
            day, _, action, args = heapq.heappop(queue)
            action(day, *args)

    def release_all(self) -> None:
        while self._queue:
            day, _, action, args = heapq.heappop(self._queue)
            action(day, *args)

    def __len__(self) -> int:
        return len(self._queue)
