"""Types of the compiled bulk writer (see src/lib.rs)."""

from typing import Any

class BulkWriter:
    def __init__(
        self, path: str, seq: int, commit_every: int = 50_000, target: str = "sqlite"
    ) -> None: ...
    def submit(self, file: str, records: list[tuple[bytes, int, tuple[Any, ...]]]) -> None: ...
    def finish(self) -> dict[str, Any]: ...
