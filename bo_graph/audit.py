"""The audit trail: who asked the store what, and when (``BO_GRAPH_AUDIT_LOG``, JSON Lines).

Competent authorities must be able to show who consulted which register data. With the
setting given, every command that opens a store and every question the web UI puts to one (a
subject analysed, a search, the raw records of a party, an export) appends one line before it
is answered::

    {"at": "2026-11-24T04:10:00Z", "user": "analyst", "tool": "cli", "action": "ubo",
     "params": {"ref": "GB-COH:09471253", "as_of": "2022-06-30", ...}, "cwd": "/cases/x",
     "store": ".bo-graph/graph.sqlite", "tier": "authority", "threshold": 25.0}

(``cwd`` says which files relative paths name; ``threshold`` is the default a command applies
when it is given none; the UI's lines carry a ``session`` that links one browser session's.)
The folder of the trail must exist: a mistyped path fails instead of starting a trail elsewhere.

The trail fails closed: when the line cannot be written, :class:`~bo_graph.exc.AuditError` is
raised and nothing is answered. Lines are appended with one ``write`` on a file opened for
appending (owner-only permissions when it is created), so concurrent writers do not interleave.
"""

from __future__ import annotations

import os
import pwd
from datetime import UTC, datetime
from typing import Any

import orjson

from bo_graph.exc import AuditError
from bo_graph.settings import Settings


def audit(
    settings: Settings, tool: str, action: str, *, session: str | None = None, **params: Any
) -> None:
    """Append one line to the audit trail, if there is one; :class:`AuditError` if it cannot.
    ``session`` links the lines of one web UI session."""
    path = settings.audit_log
    if path is None:
        return
    line = {
        "at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "user": _user(),
        "tool": tool,
        **({"session": session} if session is not None else {}),
        "action": action,
        "params": params,
        "cwd": os.getcwd(),
        "store": settings.store,
        "tier": "public" if settings.public_tier else "authority",
        "threshold": settings.threshold,
    }
    data = orjson.dumps(line, default=str, option=orjson.OPT_NON_STR_KEYS) + b"\n"
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(handle, data)
        finally:
            os.close(handle)
    except OSError as error:
        raise AuditError(
            f"{path}: expected a writable audit trail (BO_GRAPH_AUDIT_LOG), found "
            f"{error.strerror or error}; nothing was answered"
        ) from None


def _user() -> str:
    """The operating-system account running the process."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return str(os.getuid())
