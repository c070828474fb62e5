"""Register loaders: one module per format, each translating records into the canonical model.

Loaders never touch a store. :data:`LOADERS` is the one table of formats; the CLI's ``--format``
choices and the UI's upload page are built from it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bo_graph.exc import ConfigError
from bo_graph.model.loading import LoadItem
from loaders import bods, csv_register, ftm, gleif, icij, uk_companies, uk_psc
from loaders._io import ProgressFn, first_records, iter_json_records
from loaders._sniff import CSV_HINT
from loaders._sniff import detect as _sniff
from loaders._sources import Source

ReadFn = Callable[..., Iterator[LoadItem]]

#: format name -> (reader, "does this first record look like mine?")
LOADERS: dict[str, tuple[ReadFn, Callable[[Any], bool]]] = {
    bods.NAME: (bods.read, bods.looks_like),
    uk_psc.NAME: (uk_psc.read, uk_psc.looks_like),
    uk_companies.NAME: (uk_companies.read, uk_companies.looks_like),
    gleif.NAME: (gleif.read, gleif.looks_like),
    icij.NAME: (icij.read, icij.looks_like),
    ftm.NAME: (ftm.read, ftm.looks_like),
    csv_register.NAME: (csv_register.read, csv_register.looks_like),
}


def _by_records(first: list[Any]) -> str | None:
    for name, (_, looks_like) in LOADERS.items():
        if any(looks_like(record) for record in first):
            return name
    return None


FORMAT_HINT = "use --format"
"""How the command line names a format detection cannot tell (the web page has a selector)."""


def detect_format(path: Path) -> str:
    """The format of ``path`` from its content (its first records), not its name: CSV by its
    header, XML by its root element, zip archives and folders by their members."""
    sniffed = _sniff(path, _by_records)
    if sniffed is not None:
        return sniffed
    name = _by_records(first_records(iter_json_records(Source(path))))
    if name is not None:
        return name
    raise ConfigError(
        f"{path}: cannot tell the format from the content; expected one of "
        f"{', '.join(LOADERS)} ({FORMAT_HINT})"
    )


def read(
    path: Path, fmt: str = "auto", *, progress: ProgressFn | None = None, **options: Any
) -> Iterator[LoadItem]:
    """Read ``path`` with the loader for ``fmt`` (``auto``: detected; a ``mapping`` option means
    a mapped CSV register). Options the format's reader does not take are not passed on."""
    if fmt == "auto" and options.get("mapping") is not None:
        fmt = csv_register.NAME
    name = detect_format(path) if fmt == "auto" else fmt
    if name not in LOADERS:
        raise ConfigError(f"--format: expected auto or one of {', '.join(LOADERS)}, found {fmt!r}")
    reader, _ = LOADERS[name]
    accepted = inspect.signature(reader).parameters
    return reader(path, progress=progress, **{k: v for k, v in options.items() if k in accepted})


__all__ = ["CSV_HINT", "FORMAT_HINT", "LOADERS", "ProgressFn", "detect_format", "read"]
