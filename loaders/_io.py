"""The streaming JSON record reader every loader and format detection use: a JSON array, JSON
Lines or a single JSON object (numbers beyond 64 bits included), read from a
:class:`~loaders._sources.Source` (a file, plain or gzip, a zip archive's member, or a folder's
file); and the stream helpers the sources use.

Records are yielded one at a time with their 1-based position, so a file larger than memory
loads in bounded memory. Corrupt or truncated files raise :class:`SourceError` naming the source
(``archive.zip!member.json`` for a member) and the position; a bad line in a JSON Lines file is
only a bad record.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

import ijson
import orjson

from bo_graph.exc import SourceError

if TYPE_CHECKING:
    from loaders._sources import Source

GZIP_MAGIC = b"\x1f\x8b"
READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile)
"""What reading a damaged (truncated, corrupt) file or archive member raises."""
ProgressFn = Callable[[int], None]


@dataclass(frozen=True)
class BadLine:
    """A line of a JSON Lines file that is not valid JSON."""

    text: str
    error: str


class CountingReader(io.RawIOBase):
    """A binary reader that reports how many compressed bytes were consumed."""

    def __init__(self, raw: IO[bytes], progress: ProgressFn | None) -> None:
        self.raw = raw
        self.progress = progress
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.consumed += n
        if self.progress is not None:
            self.progress(self.consumed)
        return n


def read_up_to(handle: IO[bytes], size: int) -> bytes:
    """Up to ``size`` bytes of ``handle``; fewer at its end or where it is damaged. ``read(size)``
    of a gzip stream drops what it decompressed before the damage; this returns it, and raises
    the damage only when it comes before the first byte (reading on meets it again)."""
    read1 = getattr(handle, "read1", handle.read)
    chunks: list[bytes] = []
    got = 0
    while got < size:
        try:
            chunk = read1(size - got)
        except READ_ERRORS:
            if got:
                break
            raise
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


class UpToDamage:
    """A stream for parsers that read it in chunks (ijson): each chunk is :func:`read_up_to`, so
    the records before the damage of a truncated gzip are parsed before its error is raised."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def read(self, size: int = -1) -> bytes:
        return self.handle.read() if size < 0 else read_up_to(self.handle, size)


def first_significant_byte(source: Source) -> bytes:
    """The first non-blank byte of the (decompressed) file, or ``b""`` if it is empty. A damaged
    gzip is read up to its damage: the readers report where it is."""
    with source.open() as handle:
        try:
            chunk = read_up_to(handle, 4096)
        except READ_ERRORS as error:
            raise SourceError(source.name, "byte 0", f"not a readable gzip file: {error}") from None
    stripped = chunk.lstrip(b" \t\r\n\xef\xbb\xbf")
    return stripped[:1]


def iter_json_records(
    source: Source, progress: ProgressFn | None = None
) -> Iterator[tuple[int, Any]]:
    """Yield ``(position, value)`` for each record of a JSON array, a JSON Lines file or a
    single JSON object. For JSON Lines a bad line is yielded as a :class:`BadLine` value."""
    first = first_significant_byte(source)
    if first == b"[":
        yield from _iter_array(source, progress)
    elif first == b"{":
        yield from _iter_lines_or_object(source, progress)
    elif first:
        raise SourceError(
            source.name, "byte 0", f"expected a JSON array or object, found {first!r}"
        )


def json_shape(source: Source) -> str:
    """``array``, ``lines`` (JSON Lines), ``object`` (one JSON document) or ``empty``."""
    first = first_significant_byte(source)
    if first == b"[":
        return "array"
    if first != b"{":
        return "empty" if not first else "other"
    with source.open() as handle:
        try:
            line = handle.readline()
        except READ_ERRORS:
            return "lines"  # damaged within its first line: the reader names where
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError:
        return "object"
    return "lines"


def _iter_array(source: Source, progress: ProgressFn | None) -> Iterator[tuple[int, Any]]:
    """Items of a JSON array, streamed with the C parser; numbers beyond its range (real files
    have 30-digit ids) make it hand over to the pure-Python parser where it stopped."""
    done = 0
    try:
        for position, item in _array_items(source, progress, "yajl2_c", skip=0):
            done = position
            yield position, item
    except _Overflow:
        yield from _array_items(source, progress, "python", skip=done)


class _Overflow(Exception):
    pass


def _array_items(
    source: Source, progress: ProgressFn | None, backend: str, skip: int
) -> Iterator[tuple[int, Any]]:
    parser = ijson.get_backend(backend) if backend != "yajl2_c" else ijson
    position = 0
    with source.open(progress) as handle:
        try:
            items = parser.items(UpToDamage(handle), "item", use_float=True)
            for position, item in enumerate(items, 1):
                if position > skip:
                    yield position, item if backend == "yajl2_c" else _within_64_bits(item)
        except (ijson.JSONError, ijson.IncompleteJSONError) as error:
            if "overflow" in str(error) and backend == "yajl2_c":
                raise _Overflow() from None
            raise SourceError(
                source.name, f"after item {position}", f"invalid JSON: {error}"
            ) from None
        except READ_ERRORS as error:
            raise SourceError(
                source.name, f"after item {position}", f"corrupt file: {error}"
            ) from None


def _within_64_bits(value: Any) -> Any:
    """Integers beyond 64 bits as floats, as orjson reads them from a JSON line, so a record
    reads the same from either shape of file (and can be written out again)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if -(2**63) <= value < 2**64 else float(value)
    if isinstance(value, dict):
        return {key: _within_64_bits(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_within_64_bits(item) for item in value]
    return value


def _iter_lines_or_object(source: Source, progress: ProgressFn | None) -> Iterator[tuple[int, Any]]:
    lines = _iter_lines(source, progress)
    try:
        number, first = next(lines)
    except StopIteration:
        return
    if isinstance(first, BadLine):
        # Not JSON Lines: a single (pretty-printed) object.
        yield 1, _whole_document(source)
        return
    yield number, first
    yield from lines


def _whole_document(source: Source) -> Any:
    chunks: list[bytes] = []
    with source.open() as handle:
        try:
            while chunk := read_up_to(handle, 1 << 20):
                chunks.append(chunk)
        except READ_ERRORS as error:
            done = sum(map(len, chunks))
            raise SourceError(source.name, f"byte {done}", f"corrupt file: {error}") from None
    try:
        return orjson.loads(b"".join(chunks))
    except orjson.JSONDecodeError as error:
        raise SourceError(source.name, f"byte {error.pos}", f"invalid JSON: {error.msg}") from None


def _iter_lines(source: Source, progress: ProgressFn | None) -> Iterator[tuple[int, Any]]:
    number = 0
    with source.open(progress) as handle:
        try:
            for number, line in enumerate(handle, 1):
                if line.isspace():  # blank (the iterator yields no empty line)
                    continue
                try:
                    yield number, orjson.loads(line)
                except orjson.JSONDecodeError as error:
                    text = line.decode("utf-8", errors="replace").rstrip("\n")
                    yield (
                        number,
                        BadLine(text, f"invalid JSON at column {error.colno}: {error.msg}"),
                    )
        except READ_ERRORS as error:
            raise SourceError(source.name, f"line {number + 1}", f"corrupt file: {error}") from None


def first_records(records: Iterator[tuple[int, Any]], count: int = 3) -> list[Any]:
    """The first ``count`` records, or those before the damage of a damaged file (the reader
    names where it is). Raises the damage only when it comes before the first record."""
    first: list[Any] = []
    try:
        for _, record in islice(records, count):
            first.append(record)
    except SourceError:
        if not first:
            raise
    return first
