"""Where a loader's records come from: a file (plain or gzip), the members of a zip archive, or
the files of a folder. Every reader streams: a member is read straight out of its archive, never
extracted, and records are yielded one at a time with their 1-based line or item number.

A :class:`Source` names what was read for provenance: ``archive.zip!member.csv`` for a member.
"""

from __future__ import annotations

import codecs
import gzip
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import ijson
import orjson

from bo_graph.exc import SourceError
from bo_graph.model.loading import Warned
from loaders._io import (
    GZIP_MAGIC,
    READ_ERRORS,
    CountingReader,
    ProgressFn,
    UpToDamage,
    read_up_to,
)

ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Source:
    """One readable stream: ``path`` itself, or ``member`` of the zip archive at ``path``."""

    path: Path
    member: str | None = None

    @property
    def name(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @property
    def basename(self) -> str:
        return Path(self.member).name if self.member else self.path.name

    @contextmanager
    def open(
        self, progress: ProgressFn | None = None, *, skip_bom: bool = True
    ) -> Iterator[IO[bytes]]:
        """The decompressed bytes of the source (gzip is recognised by its magic bytes), after
        a UTF-8 byte-order mark if it starts with one (unless ``skip_bom`` is false)."""
        with ExitStack() as stack:
            try:
                raw = self._open_raw(stack, progress)
                magic = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
                if magic == GZIP_MAGIC:
                    unzipped = gzip.GzipFile(fileobj=raw, mode="rb")
                    stack.callback(unzipped.close)
                    raw = unzipped  # type: ignore[assignment]
                if skip_bom and hasattr(raw, "peek") and raw.peek(3)[:3] == codecs.BOM_UTF8:
                    raw.read(3)  # a UTF-8 byte-order mark (Windows tools write one): no data
            except READ_ERRORS as error:
                raise SourceError(self.name, "open", str(error)) from None
            yield raw

    def _open_raw(self, stack: ExitStack, progress: ProgressFn | None) -> IO[bytes]:
        if self.member is None:
            handle = stack.enter_context(self.path.open("rb"))
            return io.BufferedReader(CountingReader(handle, progress), buffer_size=1 << 20)
        archive = stack.enter_context(zipfile.ZipFile(self.path))
        member = stack.enter_context(archive.open(self.member))
        return member

    def has_bom(self) -> bool:
        """Whether the (decompressed) source starts with a UTF-8 byte-order mark: UTF-8 text."""
        with self.open(skip_bom=False) as handle:
            try:
                return read_up_to(handle, 3) == codecs.BOM_UTF8
            except READ_ERRORS:
                return False  # the reader names the damage

    def head(self, size: int = 65536) -> bytes:
        """The first ``size`` decompressed bytes (for format detection); of a damaged source, what
        comes before the damage (the reader then names where it is)."""
        with self.open() as handle:
            try:
                return read_up_to(handle, size)
            except READ_ERRORS as error:
                raise SourceError(self.name, "byte 0", f"corrupt file: {error}") from None


def is_zip(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == ZIP_MAGIC


def is_junk(name: str) -> bool:
    """A hidden file or folder (``.DS_Store``, ``.git``) or the ``__MACOSX`` folder macOS puts in
    zip archives: never data. Any other name is read, ``_index.csv`` included."""
    return name.startswith(".") or name == "__MACOSX"


def iter_sources(path: Path) -> Iterator[Source]:
    """The sources at ``path``: the file, each member of a zip, or each file of a folder
    (sorted by name; hidden files and folders and ``__MACOSX`` skipped, see :func:`is_junk`)."""
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if not is_junk(child.name):
                yield from iter_sources(child)
        return
    if not path.exists():
        raise SourceError(str(path), "open", "no such file or folder")
    if not is_zip(path):
        yield Source(path)
        return
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except READ_ERRORS as error:
        raise SourceError(str(path), "open", f"not a readable zip archive: {error}") from None
    for name in sorted(names):
        if not any(is_junk(part) for part in Path(name).parts):
            yield Source(path, name)


def format_sources(
    path: Path, not_format: Callable[[Source], str | None], what: str
) -> Iterator[Source | Warned]:
    """The sources at ``path`` to read as ``what`` data. A single file is read whatever it holds
    (its bad records are quarantined). Of a zip archive or a folder, a file ``not_format`` gives
    a reason for (a README, a schema, an index of versions) is skipped with a warning, and a
    path with no ``what`` file at all is refused."""
    sources = list(iter_sources(path))
    if len(sources) == 1 and sources[0].member is None and not path.is_dir():
        yield sources[0]
        return
    skipped: list[str] = []
    for source in sources:
        reason = not_format(source)
        if reason is None:
            yield source
        else:
            skipped.append(f"{source.basename}: {reason}")
            yield Warned(source.name, 1, (f"not {what} data ({reason}): skipped",))
    if len(skipped) == len(sources):
        found = "; ".join(skipped[:5]) + (f" (+{len(skipped) - 5} more)" if skipped[5:] else "")
        raise SourceError(
            str(path), "open", f"expected {what} files, found none ({found or 'empty'})"
        )


def iter_lines(
    source: Source, progress: ProgressFn | None = None, *, cr: bool = False
) -> Iterator[tuple[int, bytes]]:
    """``(line number, line)`` for each line, trailing newline removed; with ``cr``, lines end
    at a carriage return (classic Mac OS text, Excel's "CSV (Macintosh)"). A damaged file
    raises :class:`SourceError` naming the line where reading stopped."""
    number = 0
    with source.open(progress) as handle:
        try:
            for number, line in enumerate(_cr_lines(handle) if cr else handle, 1):
                yield number, line.rstrip(b"\r\n")
        except READ_ERRORS as error:
            raise SourceError(source.name, f"line {number + 1}", f"corrupt file: {error}") from None


def _cr_lines(handle: IO[bytes]) -> Iterator[bytes]:
    rest = b""
    while chunk := handle.read(1 << 16):
        *lines, rest = (rest + chunk).split(b"\r")
        yield from lines
    if rest:
        yield rest


def cr_only(source: Source) -> bool:
    """Whether the lines of ``source`` end at carriage returns alone: its first 64 KiB hold a
    carriage return and no line feed."""
    head = source.head()
    return b"\r" in head and b"\n" not in head


def iter_json_items(
    source: Source, prefix: str, progress: ProgressFn | None = None
) -> Iterator[tuple[int, Any]]:
    """``(item number, value)`` for each item under ``prefix`` (ijson syntax, e.g.
    ``records.item``) of a JSON document, streamed."""
    position = 0
    with source.open(progress) as handle:
        try:
            items = ijson.items(UpToDamage(handle), prefix, use_float=True)
            for position, item in enumerate(items, 1):
                yield position, item
        except (ijson.JSONError, ijson.IncompleteJSONError) as error:
            raise SourceError(
                source.name, f"after item {position}", f"invalid JSON: {error}"
            ) from None
        except READ_ERRORS as error:
            raise SourceError(
                source.name, f"after item {position}", f"corrupt file: {error}"
            ) from None


def load_json(source: Source, limit: int = 256 << 20) -> Any:
    """A whole (small) JSON document: API responses, visualisation files."""
    with source.open() as handle:
        try:
            data = handle.read(limit + 1)
        except READ_ERRORS as error:
            raise SourceError(source.name, "byte 0", f"corrupt file: {error}") from None
    if len(data) > limit:
        raise SourceError(source.name, "byte 0", f"document larger than {limit} bytes")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise SourceError(source.name, f"byte {error.pos}", f"invalid JSON: {error.msg}") from None


def top_level_keys(source: Source, events: int = 100_000) -> list[str]:
    """The keys of the first top-level JSON object met in the first ``events`` parse events,
    streamed (a multi-gigabyte single document is not loaded). Empty when the source is not a
    JSON object."""
    keys: list[str] = []
    with source.open() as handle:
        try:
            parsed = ijson.parse(UpToDamage(handle), multiple_values=True)
            for count, (prefix, event, value) in enumerate(parsed):
                if prefix == "" and event == "map_key":
                    keys.append(str(value))
                elif (prefix == "" and event in ("end_map", "start_array")) or count >= events:
                    break
        except (ijson.JSONError, ijson.IncompleteJSONError, *READ_ERRORS):
            pass
    return keys
