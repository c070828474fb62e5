"""Register loaders: one module per format, each translating records into the canonical model.

Loaders never touch a store. :data:`LOADERS` is the one table of formats; the CLI's ``--format``
choices and the UI's upload page are built from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from bo_graph.exc import ConfigError, SourceError
from bo_graph.model.loading import LoadItem
from loaders import bods
from loaders._io import ProgressFn, iter_json_records

ReadFn = Callable[..., Iterator[LoadItem]]

#: format name -> (reader, "does this first record look like mine?")
LOADERS: dict[str, tuple[ReadFn, Callable[[Any], bool]]] = {
    bods.NAME: (bods.read, bods.looks_like),
}


def detect_format(path: Path) -> str:
    """The format of ``path`` from its content (its first records), not its name."""
    try:
        first = [record for _, record in islice(iter_json_records(path), 3)]
    except SourceError:
        raise
    for name, (_, looks_like) in LOADERS.items():
        if any(looks_like(record) for record in first):
            return name
    raise ConfigError(
        f"{path}: cannot tell the format from the content; expected one of "
        f"{', '.join(LOADERS)} (use --format)"
    )


def read(
    path: Path, fmt: str = "auto", *, progress: ProgressFn | None = None, **options: Any
) -> Iterator[LoadItem]:
    """Read ``path`` with the loader for ``fmt`` (``auto``: detected)."""
    name = detect_format(path) if fmt == "auto" else fmt
    if name not in LOADERS:
        raise ConfigError(f"--format: expected auto or one of {', '.join(LOADERS)}, found {fmt!r}")
    reader, _ = LOADERS[name]
    return reader(path, progress=progress, **options)


__all__ = ["LOADERS", "ProgressFn", "detect_format", "read"]
