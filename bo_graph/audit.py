"""The audit trail: who asked the store what, and when (``BO_GRAPH_AUDIT_LOG``, JSON Lines).

Competent authorities must be able to show who consulted which register data. With the
setting given, every command that opens a store and every question the web UI puts to one (a
subject analysed, a search, the raw records of a party, an export) appends one line before it
is answered::

    {"at": "2026-11-24T04:10:00Z", "user": "analyst", "tool": "cli", "action": "ubo",
     "params": {"ref": "GB-COH:09471253", "as_of": "2022-06-30", ...}, "cwd": "/cases/x",
     "store": ".bo-graph/graph.sqlite", "tier": "authority", "threshold": 25.0}

(``cwd`` says which files relative paths name; ``threshold`` is the ownership threshold in
percent the answer applies, as given or by default, only where one applies (``ubo``,
``shared``, ``export``, ``flags`` and ``scan`` with a rule that has one, the UI's
``analyse`` and ``shared``): for ``flags`` and ``scan`` one number per rule code when rules were
given different ones; the UI's lines carry a ``session`` that links one browser session's. The
``params`` are every option of the command, given or by default: ``export``'s ``as_of``,
``known_at``, ``rule``, ``method`` and ``formats`` among them.)
The folder of the trail must exist: a mistyped path fails instead of starting a trail elsewhere.

The trail fails closed: when the line cannot be written, :class:`~bo_graph.exc.AuditError` is
raised and nothing is answered. Lines are appended with one ``write`` on a file opened for
appending, so concurrent writers do not interleave. The file is its owner's only (0600): made
so, and an existing file others may read or write is tightened to 0600, or refused (nothing is
answered) when it is someone else's and cannot be.
"""

from __future__ import annotations

import os
import pwd
import stat
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from bo_graph.exc import AuditError
from bo_graph.settings import Settings

Threshold = float | Mapping[str, float]
"""The ownership threshold an answer applied: one percentage, or one per rule code."""


def audit(
    settings: Settings,
    tool: str,
    action: str,
    params: Mapping[str, Any],
    *,
    session: str | None = None,
    threshold: Threshold | None = None,
) -> None:
    """Append one line to the audit trail, if there is one; :class:`AuditError` if it cannot.
    ``session`` links the lines of one web UI session; ``threshold`` is the ownership threshold
    the answer applies (None: none applies)."""
    path = settings.audit_log
    if path is None:
        return
    line = {
        "at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "user": _user(),
        "tool": tool,
        **({"session": session} if session is not None else {}),
        "action": action,
        "params": dict(params),
        "cwd": os.getcwd(),
        "store": settings.store,
        "tier": "public" if settings.public_tier else "authority",
        **({"threshold": threshold} if threshold is not None else {}),
    }
    data = orjson.dumps(line, default=str, option=orjson.OPT_NON_STR_KEYS) + b"\n"
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            _owner_only(handle, path)
            os.write(handle, data)
        finally:
            os.close(handle)
    except OSError as error:
        raise AuditError(
            f"{path}: expected a writable audit trail (BO_GRAPH_AUDIT_LOG), found "
            f"{error.strerror or error}; nothing was answered"
        ) from None


def _owner_only(handle: int, path: Path) -> None:
    """A regular file others may read or write is made 0600; :class:`AuditError` when that
    cannot be done (the file is someone else's): the trail names whom a user looked up."""
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode) or not info.st_mode & 0o077:
        return
    try:
        os.fchmod(handle, 0o600)
    except OSError as error:
        raise AuditError(
            f"{path}: expected an audit trail (BO_GRAPH_AUDIT_LOG) only its owner can read "
            f"and write (mode 0600, owned by {_user()}), found mode "
            f"{stat.S_IMODE(info.st_mode):04o} owned by {_user(info.st_uid)}, which cannot be "
            f"changed ({error.strerror or error}); nothing was answered"
        ) from None


def _user(uid: int | None = None) -> str:
    """The operating-system account ``uid`` (default: the one running the process)."""
    uid = os.getuid() if uid is None else uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
