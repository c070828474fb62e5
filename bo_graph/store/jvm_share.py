"""Class data sharing (AppCDS) for the two JVMs bo-graph runs: the local server and the importer.

Both load about ten thousand classes from Neo4j's 200 jars on every start. A JVM given an archive
of the classes an earlier run loaded maps them instead of parsing and verifying them again: the
local server is ready in 2.8-3.0 s instead of 4.3-4.8 s on the 2-core machine.

The first run without an archive writes one as it exits (``-XX:ArchiveClassesAtExit``, JDK 13+;
it makes that one exit about 5 s slower), under a name of its own; once the process has ended
cleanly, :func:`adopt` renames it into place. A process that did not end cleanly leaves no
archive. The archives live in the launcher's ``target/`` beside the jars they were made from, and
:func:`forget` removes them whenever the launcher is built again. A JVM that finds an archive it
cannot use (another JDK, changed jars) warns and starts without it, so an archive can make a
start faster but never make one fail.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

SERVER_ARCHIVE = "neo4j-server.jsa"
IMPORTER_ARCHIVE = "neo4j-admin.jsa"


@dataclass(frozen=True)
class Sharing:
    """The JVM flags for one run, and the archive it writes at exit when there is none yet."""

    flags: tuple[str, ...]
    dump: Path | None = None


def sharing(launcher_dir: Path, name: str) -> Sharing:
    archive = launcher_dir / "target" / name
    if archive.is_file():
        return Sharing((f"-XX:SharedArchiveFile={archive}",))
    dump = archive.with_name(f"{name}.{uuid.uuid4().hex}.tmp")
    return Sharing((f"-XX:ArchiveClassesAtExit={dump}",), dump)


def adopt(dump: Path | None, *, clean_exit: bool) -> None:
    """Put the archive a run wrote at exit into place (the first one wins); drop it otherwise."""
    if dump is None:
        return
    archive = dump.with_name(dump.name.split(".", 2)[0] + ".jsa")
    try:
        if clean_exit and dump.is_file() and dump.stat().st_size > 0 and not archive.exists():
            os.replace(dump, archive)
    finally:
        with contextlib.suppress(OSError):
            dump.unlink()


def forget(launcher_dir: Path) -> None:
    """Remove every archive and unfinished dump (the jars are about to change)."""
    for path in (launcher_dir / "target").glob("*.jsa*"):
        with contextlib.suppress(OSError):
            path.unlink()
