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


def collect_young_cycles() -> None:
    """While paused: collect the cycles made since the last call. Only the two young
    generations are walked, so the cost is what was allocated since and is still held, not
    every live object."""
    if not gc.isenabled():
        gc.collect(1)
