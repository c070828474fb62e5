"""Streaming reader of the GLEIF XML golden copy that knows the line of every record.

``ElementTree.iterparse`` does not tell where an element starts, so the file is parsed with
``pyexpat`` directly: the start of a record element notes the parser's current line, and only
that record is built (with an ``ElementTree.TreeBuilder``), handed out and dropped, so memory
stays flat on the multi-gigabyte files. The header's ``ContentDate`` is kept as it is read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat

CHUNK = 1 << 20
CONTENT_DATE_DEPTH = 3
"""``ContentDate`` in the header: root, header, date."""


def local(tag: str) -> str:
    """The name of an element without its namespace."""
    return tag.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class XmlRecord:
    """One record element, the line where it starts and its ordinal in the file."""

    line: int
    ordinal: int
    element: ET.Element


@dataclass
class _Collector:
    """The expat handlers: build the record elements, note their lines and the content date."""

    parser: expat.XMLParserType
    names: frozenset[str]
    ready: list[XmlRecord] = field(default_factory=list)
    content_date: list[str] | None = None
    count: int = 0
    depth: int = 0
    _builder: ET.TreeBuilder | None = None
    _record_depth: int = 0
    _line: int = 0
    _date: list[str] | None = None

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        name = local(tag)
        if self._builder is None and name in self.names:
            self._builder, self._record_depth = ET.TreeBuilder(), self.depth
            self._line = self.parser.CurrentLineNumber
        if self._builder is not None:
            self._builder.start(tag, attributes)
        elif name == "ContentDate" and self.depth <= CONTENT_DATE_DEPTH and not self.content_date:
            self._date = []

    def data(self, text: str) -> None:
        if self._builder is not None:
            self._builder.data(text)
        elif self._date is not None:
            self._date.append(text)

    def end(self, tag: str) -> None:
        if self._builder is not None:
            self._builder.end(tag)
            if self.depth == self._record_depth:
                self.count += 1
                self.ready.append(XmlRecord(self._line, self.count, self._builder.close()))
                self._builder = None
        elif self._date is not None:
            self.content_date, self._date = self._date, None
        self.depth -= 1


class XmlRecords:
    """The elements named ``names`` in an XML byte stream, with their lines.

    Raises ``expat.ExpatError`` (with ``lineno``) on malformed XML, and whatever reading the
    handle raises."""

    def __init__(self, handle: IO[bytes], names: frozenset[str]) -> None:
        self._handle = handle
        self._parser = expat.ParserCreate(namespace_separator="}")
        self._parser.buffer_text = True
        self._collector = _Collector(self._parser, names)
        self._parser.StartElementHandler = self._collector.start
        self._parser.EndElementHandler = self._collector.end
        self._parser.CharacterDataHandler = self._collector.data

    @property
    def content_date(self) -> str | None:
        """The header's ``ContentDate`` once it has been read."""
        found = self._collector.content_date
        return "".join(found).strip() or None if found else None

    @property
    def count(self) -> int:
        """The number of records read so far."""
        return self._collector.count

    def __iter__(self) -> Iterator[XmlRecord]:
        while chunk := self._handle.read(CHUNK):
            self._parser.Parse(chunk, False)
            yield from self._take()
        self._parser.Parse(b"", True)
        yield from self._take()

    def _take(self) -> Iterator[XmlRecord]:
        ready, self._collector.ready = self._collector.ready, []
        yield from ready
