"""Pausing Python's automatic cycle collection around bulk work (imports, scan snapshots).

Reading a register creates millions of short-lived or long-lived containers and almost no
reference cycles; reference counting frees them. Left on, the automatic collector walks them
again and again (measured: a third of the CPU of an import and of a scan's snapshot read).
Work that does make cycles (a database driver makes some per query) calls
:func:`collect_young_cycles` at a natural boundary, such as once per written batch.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Automatic cycle collection off inside the block; restored as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


YOUNG_GROWTH_BEFORE_COLLECTING = 200_000
"""How many more tracked objects than were freed since the last collection make one worth it.

A collection walks every young object still alive. Collected once per batch of 5,000
statements, it walked the ~54,000 objects of the batches in flight each time (25-40 ms a batch,
a few per cent of an embedded import). Gated on growth, an import whose objects are all freed by
reference counting is seldom walked, and a driver's cycles are collected once they add up to
this many objects (a few megabytes), so memory stays bounded."""


def collect_young_cycles(min_growth: int = YOUNG_GROWTH_BEFORE_COLLECTING) -> bool:
    """While paused: collect the cycles made since the last collection, once at least
    ``min_growth`` more objects were made than freed. Only the two young generations are walked,
    so the cost is what was allocated since and is still held, not every live object. True when
    it collected."""
    if gc.isenabled() or gc.get_count()[0] < min_growth:
        return False
    gc.collect(1)
    return True
