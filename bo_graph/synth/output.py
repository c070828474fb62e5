"""Writing a synthetic register to disk as JSON Lines, plain or gzip, atomically.

The file is written under a temporary name beside the target and renamed at the end, so a
crash never leaves a truncated register at ``path``. Gzip output has a zero timestamp and no
file name in its header, so the same seed gives the same bytes.
"""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path
from typing import BinaryIO

import orjson

from bo_graph.synth.generator import RegisterGenerator
from bo_graph.synth.summary import SynthSummary

BATCH = 4096
"""Statements serialised per write call."""
GZIP_LEVEL = 3
"""Fast compression: output speed matters more than the last 10% of size."""


def write_register(path: Path, companies: int, seed: int) -> SynthSummary:
    """Write a register of ``companies`` companies (``.gz``: compressed) and summarise it."""
    started = time.perf_counter()
    generator = RegisterGenerator(companies, seed)
    partial = path.with_name(f".{path.name}.partial")
    try:
        _write_file(partial, generator, compress=path.suffix == ".gz")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    seconds = time.perf_counter() - started
    return generator.summary().written(str(path), path.stat().st_size, seconds)


def _write_file(path: Path, generator: RegisterGenerator, *, compress: bool) -> None:
    with path.open("wb") as raw:
        if compress:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=GZIP_LEVEL,
                               mtime=0) as packed:  # fmt: skip
                _write_lines(generator, packed)
        else:
            _write_lines(generator, raw)
        raw.flush()
        os.fsync(raw.fileno())


def _write_lines(generator: RegisterGenerator, out: BinaryIO | gzip.GzipFile) -> None:
    dumps, newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
    batch: list[bytes] = []
    for statement in generator.statements():
        batch.append(dumps(statement, option=newline))
        if len(batch) >= BATCH:
            out.write(b"".join(batch))
            batch.clear()
    out.write(b"".join(batch))
