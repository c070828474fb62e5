"""The record of the running local server, ``HOME/server.json``: what ``status`` reports, what
``stop`` stops, and what a restart for a bulk import repeats (port, data directory, settings)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RECORD = "server.json"


@dataclass(frozen=True)
class ServerInfo:
    """A running local server."""

    uri: str
    port: int
    pid: int
    home: Path


def read_record(home: Path) -> ServerInfo | None:
    try:
        data: Any = json.loads((home / RECORD).read_text(encoding="utf-8"))
        return ServerInfo(
            uri=str(data["uri"]),
            port=int(data["port"]),
            pid=int(data["pid"]),
            home=Path(str(data["home"])),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_record(
    info: ServerInfo, data_dir: Path, conf: Mapping[str, str] | None, dump: Path | None
) -> None:
    record = {
        "uri": info.uri,
        "port": info.port,
        "pid": info.pid,
        "home": str(info.home),
        "data": str(data_dir),
        "conf": dict(conf or {}),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "class_archive_dump": str(dump) if dump else None,  # jvm_share: written at exit
    }
    path = info.home / RECORD
    partial = path.with_suffix(".json.tmp")
    partial.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)


def recorded_dump(home: Path) -> Path | None:
    """The class archive the server writes when it exits, if it was started without one."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        dump = json.loads((home / RECORD).read_text(encoding="utf-8")).get("class_archive_dump")
        return Path(dump) if isinstance(dump, str) else None
    return None


def forget_record(home: Path) -> None:
    (home / RECORD).unlink(missing_ok=True)
