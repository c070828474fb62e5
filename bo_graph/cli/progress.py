"""A rich progress bar for imports: records per second, and an ETA from the bytes read."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class RichImportProgress:
    """Implements :class:`bo_graph.ingest.ImportProgress` on a terminal."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[records]:>10,} records"),
            TextColumn("{task.fields[rate]:>8,.0f}/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> RichImportProgress:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def start_file(self, path: Path, total_bytes: int) -> None:
        self.task = self.progress.add_task(
            path.name, total=max(total_bytes, 1), records=0, rate=0.0
        )

    def advance(self, bytes_done: int, records: int) -> None:
        if self.task is None:
            return
        elapsed = self.progress.tasks[self.task].elapsed or 0.0
        rate = records / elapsed if elapsed > 0 else 0.0
        self.progress.update(self.task, completed=bytes_done, records=records, rate=rate)

    def finish_file(self) -> None:
        if self.task is not None:
            task = self.progress.tasks[self.task]
            self.progress.update(self.task, completed=task.total)
        self.task = None
