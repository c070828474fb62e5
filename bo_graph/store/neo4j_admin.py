"""Load CSV files into the local server's database with ``neo4j-admin database import full``.

The offline importer is the fast way into an empty Neo4j database: it writes the store files
directly instead of running transactions. It needs the database offline, so it is used only on
the local server bo-graph manages (``neo4j_server``), which is stopped for it and started again
on the same port, data directory and settings; see ``docs/neo4j.md`` ("The bulk import").
The importer is the ``neo4j-import-tool`` jar already on the launcher's classpath (a dependency
of ``org.neo4j:neo4j``), run as ``org.neo4j.cli.AdminTool``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bo_graph.exc import StoreError
from bo_graph.store import jvm_share
from bo_graph.store.neo4j_record import RECORD
from bo_graph.store.neo4j_server import (
    JVM_FLAGS,
    LAUNCHER_DIR,
    require_tool,
    server_status,
    start_server,
    stop_server,
)

ADMIN_CLASS = "org.neo4j.cli.AdminTool"
DATABASE = "neo4j"
RELATIONSHIP_TYPES = frozenset({"HOLDS", "IDENTIFIES"})
"""Every other file the bulk writer reports holds nodes with that label."""
OFF_HEAP = "2G"
"""The importer's off-heap memory (its default is 90% of the machine's memory)."""
IMPORT_TIMEOUT = 6 * 3600.0
READ_BUFFER = 4 * 1024 * 1024
"""The importer's default read buffer; each CSV line must fit in one."""
THREADS_PER_CORE = 2
"""The importer's worker threads per core (its default is one). Its workers wait on the page
cache's flushes and forces, so more threads than cores keep both cores busy: at 3.2M statements
on 2 cores, 4 threads import in 52.6 s where 2 take 60.3 s (6 threads: 50.9 s)."""


@dataclass(frozen=True)
class LocalServer:
    """How the local server was started, from ``HOME/server.json``: what a restart repeats."""

    home: Path
    port: int
    data_dir: Path
    conf: dict[str, str]

    @classmethod
    def recorded(cls, home: Path) -> LocalServer | None:
        try:
            data = json.loads((home / RECORD).read_text(encoding="utf-8"))
            conf = {str(k): str(v) for k, v in dict(data.get("conf") or {}).items()}
            return cls(home, int(data["port"]), Path(str(data["data"])), conf)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @property
    def databases_root(self) -> Path:
        """Where the server keeps its databases (``server.directories.data``)."""
        return Path(self.conf.get("server.directories.data", self.data_dir / "data"))

    def restart(self, timeout: float = 600) -> None:
        start_server(self.home, self.port, self.data_dir, timeout, conf=self.conf)


def admin_command(
    java: str,
    files: Mapping[str, str],
    *,
    multiline: bool,
    read_buffer: int,
    report: Path,
    sharing: tuple[str, ...] = (),
) -> list[str]:
    """The importer's command line for ``files`` (label or relationship type -> CSV file)."""
    classpath = str(LAUNCHER_DIR / "target" / "lib" / "*")
    command = [java, *JVM_FLAGS, *sharing, "-cp", classpath, ADMIN_CLASS, "database", "import"]
    command.append("full")
    for name, path in files.items():
        kind = "relationships" if name in RELATIONSHIP_TYPES else "nodes"
        command.append(f"--{kind}={name}={path}")
    command += [
        "--overwrite-destination=true",
        f"--multiline-fields={str(multiline).lower()}",
        "--legacy-style-quoting=false",
        "--skip-bad-relationships=false",
        "--bad-tolerance=0",
        "--id-type=actual",  # every node row carries its node id (native/src/neo4j_files.rs)
        f"--threads={THREADS_PER_CORE * (os.cpu_count() or 1)}",
        f"--read-buffer-size={read_buffer}",
        f"--max-off-heap-memory={OFF_HEAP}",
        f"--report-file={report}",
        "--",
        DATABASE,
    ]
    return command


def _importer_conf(server: LocalServer) -> str:
    """The server's own directory settings, so the importer writes where the server reads."""
    settings = {"server.directories.data": str((server.data_dir / "data").resolve())}
    settings |= {k: v for k, v in server.conf.items() if k.startswith("server.directories.")}
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def admin_import(
    server: LocalServer,
    files: Mapping[str, str],
    *,
    multiline: bool,
    longest_line: int,
    work: Path,
) -> float:
    """Replace the (stopped) local server's database by ``files``; return the seconds taken.

    Raises :class:`StoreError` with the importer's last lines if it fails."""
    conf_dir = work / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    (conf_dir / "neo4j.conf").write_text(_importer_conf(server), encoding="utf-8")
    env = {**os.environ, "NEO4J_HOME": str(server.data_dir), "NEO4J_CONF": str(conf_dir)}
    relative = {name: os.path.relpath(path, work) for name, path in files.items()}  # no commas
    read_buffer = max(READ_BUFFER, longest_line + READ_BUFFER)  # a line must fit in one buffer
    share = jvm_share.sharing(LAUNCHER_DIR, jvm_share.IMPORTER_ARCHIVE)
    command = admin_command(
        require_tool("java"), relative, multiline=multiline, read_buffer=read_buffer,
        report=server.home / "logs" / "neo4j-admin-import.report", sharing=share.flags,
    )  # fmt: skip
    log = server.home / "logs" / "neo4j-admin-import.log"  # the importer's phases and times
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    done: subprocess.CompletedProcess[bytes] | None = None
    with log.open("wb") as out:
        try:  # its own session: a Ctrl-C reaches Python, which then stops it
            done = subprocess.run(
                command, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=IMPORT_TIMEOUT,
                check=False, cwd=work, start_new_session=True,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            message = f"neo4j-admin database import took over {IMPORT_TIMEOUT:.0f} s"
            raise StoreError(message) from None
        finally:
            jvm_share.adopt(share.dump, clean_exit=done is not None and done.returncode == 0)
    if done.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
        raise StoreError(
            f"{server.data_dir}: neo4j-admin database import failed (exit {done.returncode}); "
            f"{log} ends with:\n{tail}"
        )
    return time.perf_counter() - started


STORE_PER_CSV_BYTE = 1.25
"""Store bytes the importer writes per byte of CSV it reads (its own estimate at 3.2M statements:
8.3 GiB for 7.0 GB of files), with a margin."""


def check_free_space(server: LocalServer, files: Mapping[str, str]) -> None:
    """Raise before the server is stopped if the store the importer would write cannot fit: a
    full disk makes the importer fail with Neo4j's misleading "Error in input data"."""
    data = server.databases_root
    data.mkdir(parents=True, exist_ok=True)
    needed = int(sum(Path(path).stat().st_size for path in files.values()) * STORE_PER_CSV_BYTE)
    free = shutil.disk_usage(data).free
    if free < needed:
        raise StoreError(
            f"{data}: the bulk import needs about {needed / 1e9:.1f} GB free for the Neo4j store, "
            f"found {free / 1e9:.1f} GB; nothing was loaded: free some space and import again"
        )


def drop_database(server: LocalServer) -> None:
    """Remove what a failed importer left of the database (the server then starts an empty
    one, as before the import)."""
    data = server.databases_root
    shutil.rmtree(data / "databases" / DATABASE, ignore_errors=True)
    tx_root = server.conf.get("server.directories.transaction.logs.root")
    shutil.rmtree(Path(tx_root or data / "transactions") / DATABASE, ignore_errors=True)


def stop_for_import(server: LocalServer) -> None:
    if not stop_server(server.home):
        raise StoreError(f"{server.home}: the local Neo4j server was not running")


def local_server(home: Path, uri: str) -> LocalServer | None:
    """The local server recorded in ``home`` if it is running and serves ``uri``."""
    info = server_status(home)
    if info is None or info.uri.rstrip("/") != uri.rstrip("/"):
        return None
    return LocalServer.recorded(info.home)
