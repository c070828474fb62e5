"""The one error hierarchy of bo-graph.

::

    BoGraphError
    ├── ConfigError            a setting or command-line value is unusable (exit 2)
    ├── LoaderError
    │   ├── RecordError        one record is bad: quarantine it and go on
    │   └── SourceError        the file itself is unusable (corrupt, truncated): stop the run
    ├── StoreError
    │   └── StoreUnavailable   the store cannot be reached (names the URI and a hint)
    ├── NotFound               a REF matched nothing
    ├── AmbiguousRef           a REF matched several nodes (lists the candidates, exit 2)
    └── AuditError             the audit trail cannot be written: nothing is answered

Every message names where the problem is (file, line or record), what was expected and what
was found.
"""

from __future__ import annotations

from collections.abc import Sequence


class BoGraphError(Exception):
    """Root of every error bo-graph raises on purpose."""

    exit_code = 1


class ConfigError(BoGraphError):
    """A setting, option or argument cannot be used."""

    exit_code = 2


class LoaderError(BoGraphError):
    """Something went wrong while reading a register file."""


class RecordError(LoaderError):
    """One record cannot be loaded. The run quarantines it and continues."""

    def __init__(self, reason: str, *, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


class SourceError(LoaderError):
    """A whole file is unusable: the run stops with a message naming the file and position."""

    def __init__(self, path: str, position: str, cause: str) -> None:
        super().__init__(f"{path}: {position}: {cause}")
        self.path = path
        self.position = position
        self.cause = cause


class StoreError(BoGraphError):
    """The store refused an operation."""


class StoreUnavailable(StoreError):
    """The store cannot be reached."""

    def __init__(self, uri: str, cause: str, hint: str = "") -> None:
        text = f"cannot reach the store at {uri}: {cause}"
        super().__init__(f"{text}. {hint}" if hint else text)
        self.uri = uri


class NotFound(BoGraphError):
    """A reference matched nothing in the store."""

    exit_code = 2


class AmbiguousRef(BoGraphError):
    """A reference matched several nodes."""

    exit_code = 2

    def __init__(self, ref: str, candidates: Sequence[str]) -> None:
        listed = "\n".join(f"  {c}" for c in candidates)
        super().__init__(
            f"{ref!r} matches {len(candidates)} nodes; use one of these ids:\n{listed}"
        )
        self.ref = ref
        self.candidates = list(candidates)

    @property
    def ids(self) -> list[str]:
        """The candidates' node ids (each candidate line starts with its id)."""
        return [c.split()[0] for c in self.candidates if c.strip()]


class AuditError(BoGraphError):
    """The audit trail (``BO_GRAPH_AUDIT_LOG``) cannot be written, so the question is not
    answered: the trail fails closed."""
