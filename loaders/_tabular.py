"""Streaming CSV reading shared by the CSV loaders (BasicCompanyData, ICIJ, mapped registers).

- The header is cleaned: spaces around names are dropped (the real BasicCompanyData header has
  ``" CompanyNumber"``); blank names are ignored.
- A UTF-8 byte-order mark is no data (the source skips it, quoted header or not); a file that
  starts with one is UTF-8, so with another encoding named it is refused, not read as mojibake.
- A file whose every line was hard-wrapped at one width (even inside quotes) is recognised and
  its lines are joined again before parsing; the reader reports the width it unwrapped. The test
  is strict: the first lines joined again must give every row the header's number of fields, and
  the same lines read as they are must not; any other file is read as it is.
- A row with another number of fields than the header, a line that is not valid in the file's
  encoding, or a CSV syntax error becomes a :class:`BadRow` with the reason and the original
  text; the file goes on. Quoted fields may span lines; the position is the row's first line.
  A row spanning lines, a later one of which reads as a row of the header's width by itself,
  is a quote left open that took the rows after it: a :class:`BadRow` too, never loaded.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from bo_graph.exc import SourceError
from loaders._io import ProgressFn
from loaders._sources import Source, cr_only, iter_lines

UTF8 = frozenset({"utf-8", "utf-8-sig"})
MIN_WRAP_WIDTH = 40
WRAP_SAMPLE = 30


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be read as a record of the file."""

    text: str
    reason: str


Row = dict[str, str]


def clean_name(name: str) -> str:
    return name.replace("\ufeff", "").strip()


@dataclass
class _Lines:
    """Decoded lines for the csv module, remembering the raw text and decoding errors of the
    row being parsed."""

    source: Source
    encoding: str
    wrap: int | None
    progress: ProgressFn | None
    cr: bool = False
    number: int = 0
    row_start: int = 0
    pending: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[str]:
        lines = iter_lines(self.source, self.progress, cr=self.cr)
        if self.wrap:
            lines = _unwrapped(lines, self.wrap)
        for number, raw in lines:
            self.number = number
            if not self.pending:
                self.row_start = number
            try:
                decoded = raw.decode(self.encoding)
            except UnicodeDecodeError as error:
                decoded = raw.decode(self.encoding, errors="replace")
                self.errors.append(
                    f"line {number} is not valid {self.encoding} "
                    f"(byte {error.start}: {raw[error.start : error.start + 1]!r})"
                )
            self.pending.append(decoded)
            yield decoded + "\n"

    def take(self) -> tuple[str, list[str]]:
        text, errors = "\n".join(self.pending), self.errors
        self.pending, self.errors = [], []
        return text, errors


def _unwrapped(lines: Iterator[tuple[int, bytes]], width: int) -> Iterator[tuple[int, bytes]]:
    """Join physical lines of exactly ``width`` bytes with the line after them."""
    start, parts = 0, list[bytes]()
    for number, raw in lines:
        if not parts:
            start = number
        parts.append(raw)
        if len(raw) != width:
            yield start, b"".join(parts)
            parts = []
    if parts:
        yield start, b"".join(parts)


def detect_wrap(source: Source, delimiter: str) -> int | None:
    """The width at which every line of ``source`` was hard-wrapped, or ``None``.

    Strict, so that a file whose lines merely have equal lengths is read as it is: the first
    two lines have the same length (at least 40), the first lines read as they are do not all
    have the header's number of fields, and the same lines joined again (each line of that
    width with the next) give exactly the header's number of fields in every row examined."""
    lines = [raw for _, raw in islice(iter_lines(source), WRAP_SAMPLE + 1)]
    head, width = lines[:WRAP_SAMPLE], len(lines[0]) if lines else 0
    if len(head) < 3 or width < MIN_WRAP_WIDTH or len(head[1]) != width:
        return None
    if _one_width(head, delimiter):
        return None
    joined = [raw for _, raw in _unwrapped(enumerate(head, 1), width)]
    if len(lines) > WRAP_SAMPLE:
        joined = joined[:-1]  # the sample may end inside the last record
    return width if len(joined) >= 2 and _one_width(joined, delimiter) else None


def _one_width(lines: list[bytes], delimiter: str) -> bool:
    """Every non-blank row of ``lines`` has the number of fields of the first (the header)."""
    texts = [line.decode("utf-8", errors="replace") for line in lines]
    try:
        counts = {len(row) for row in csv.reader(texts, delimiter=delimiter) if row}
    except csv.Error:
        return False
    return len(counts) == 1


class CsvReader:
    """Rows of one CSV source as dicts keyed by the cleaned header."""

    def __init__(
        self,
        source: Source,
        *,
        delimiter: str = ",",
        encoding: str = "utf-8-sig",
        progress: ProgressFn | None = None,
        unwrap: bool = True,
    ) -> None:
        self.source = source
        self.delimiter = delimiter
        if codecs.lookup(encoding).name not in UTF8 and source.has_bom():
            raise SourceError(
                source.name,
                "byte 0",
                f"expected {encoding} text, found a UTF-8 byte-order mark: the file is UTF-8 "
                "(set csv.encoding: utf-8 in the mapping)",
            )
        cr = cr_only(source)  # lines ended by carriage returns alone (classic Mac OS)
        self.wrapped_at = detect_wrap(source, delimiter) if unwrap and not cr else None
        self._lines = _Lines(source, encoding, self.wrapped_at, progress, cr)
        self._reader = csv.reader(iter(self._lines), delimiter=delimiter)
        self.header = self._read_header()

    def _read_header(self) -> list[str]:
        try:
            names = next(self._reader)
        except StopIteration:
            return []
        except csv.Error as error:
            raise SourceError(
                self.source.name, "line 1", f"unreadable CSV header: {error}"
            ) from None
        _, errors = self._lines.take()
        if errors:
            raise SourceError(self.source.name, "line 1", f"header: {errors[0]}")
        return _unique([clean_name(n) for n in names])

    def rows(self) -> Iterator[tuple[int, Row | BadRow]]:
        """``(line, row)`` for each row; blank lines are skipped."""
        width = len(self.header)
        while True:
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                start, end = self._lines.row_start, self._lines.number
                text, _ = self._lines.take()
                yield start, BadRow(text, f"CSV syntax: {error}{_open_quote(start, end)}")
                continue
            start, end = self._lines.row_start, self._lines.number
            text, errors = self._lines.take()
            if not any(f.strip() for f in fields):
                continue
            if errors:
                yield start, BadRow(text, f"bad encoding: {'; '.join(errors)}")
            elif len(fields) != width:
                yield start, BadRow(text, _width_reason(width, len(fields), start, end))
            elif end > start and self._swallowed(text, width):
                yield start, BadRow(text, _swallowed_reason(width, start, end))
            else:
                yield start, {k: v for k, v in zip(self.header, fields, strict=True) if k}

    def _swallowed(self, text: str, width: int) -> bool:
        """A row spanning lines, one of whose later lines reads as a row of ``width`` fields
        of its own: a quote left open took the rows after it into one field."""
        lines = text.split("\n")[1:]
        return width > 1 and any(
            len(fields) == width for fields in csv.reader(lines, delimiter=self.delimiter)
        )


def _swallowed_reason(width: int, start: int, end: int) -> str:
    return (
        f"a quoted field opened on line {start} runs to line {end}, over lines that read as "
        f"rows of {width} fields of their own: a quote left open took the rows after it "
        f"(lines {start}-{end} quarantined as one row)"
    )


def _open_quote(start: int, end: int) -> str:
    """What a row read over several lines says: a quote left open takes the rows after it."""
    if end <= start:
        return ""
    return (
        f" in lines {start}-{end} read as one row: a quoted field opened on line {start} runs "
        f"to line {end} (an unclosed quote takes the rows after it)"
    )


def _width_reason(expected: int, found: int, start: int, end: int) -> str:
    if end > start:
        return f"expected {expected} fields as in the header, found {found}" + _open_quote(
            start, end
        )
    return (
        f"expected {expected} fields as in the header, found {found}: the row is truncated, "
        "hard-wrapped, or has an unquoted delimiter"
    )


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        if name and name in seen:
            seen[name] += 1
            name = f"{name}#{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def header_of(source: Source, delimiter: str = ",") -> list[str]:
    """The cleaned header of a CSV source (hard-wrapping undone), for format detection."""
    try:
        return CsvReader(source, delimiter=delimiter).header
    except (SourceError, UnicodeDecodeError):
        return []
