"""The local Neo4j server, for real: build, start on a free port, use it over Bolt, stop.

No mocks: each test starts the JVM from ``neo4j-launcher/`` (building it with Maven first if
needed) and always stops it again, so no server outlives the test.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from bo_graph.exc import ConfigError, StoreUnavailable
from bo_graph.store import jvm_share
from bo_graph.store.neo4j_server import (
    LAUNCHER_DIR,
    ServerInfo,
    free_port,
    is_launcher_alive,
    server_status,
    start_server,
    stop_server,
)

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(900)]

START_TIMEOUT = 300.0


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "neo4j-home"
    yield home
    stop_server(home)


def _query(uri: str, cypher: str, **params: object) -> list[dict[str, object]]:
    with GraphDatabase.driver(uri, auth=None) as driver:
        driver.verify_connectivity()
        records, _, _ = driver.execute_query(cypher, params, database_="neo4j")
        return [record.data() for record in records]


def test_start_query_status_stop_and_restart_keeps_data(home: Path) -> None:
    port = free_port()
    info = start_server(home, port=port, timeout=START_TIMEOUT)
    assert info == ServerInfo(uri=f"bolt://127.0.0.1:{port}", port=port, pid=info.pid, home=home)
    assert (home / "server.json").is_file()
    assert "NEO4J_READY bolt://127.0.0.1:" in (home / "logs" / "launcher.log").read_text()
    assert server_status(home) == info
    assert start_server(home) == info, "a running server is reused, not started twice"

    assert _query(info.uri, "RETURN 1 AS one") == [{"one": 1}]
    _query(info.uri, "CREATE (:Probe {name: $name})", name="first run")
    assert _query(info.uri, "MATCH (p:Probe) RETURN p.name AS name") == [{"name": "first run"}]

    assert stop_server(home) is True
    assert not is_launcher_alive(info.pid)
    assert server_status(home) is None
    assert not (home / "server.json").exists()
    assert stop_server(home) is False

    archive = LAUNCHER_DIR / "target" / jvm_share.SERVER_ARCHIVE
    assert archive.is_file(), "a clean stop leaves the classes it loaded for the next start"
    again = start_server(home, timeout=START_TIMEOUT)
    assert again.pid != info.pid
    assert f"-XX:SharedArchiveFile={archive}" in Path(f"/proc/{again.pid}/cmdline").read_text()
    assert "cds" not in (home / "logs" / "launcher.log").read_text(), "the JVM used the archive"
    assert _query(again.uri, "MATCH (p:Probe) RETURN p.name AS name") == [{"name": "first run"}]
    assert stop_server(home) is True
    assert server_status(home) is None


def test_a_failed_start_raises_with_the_log_tail(home: Path) -> None:
    with pytest.raises(StoreUnavailable) as failure:
        start_server(home, conf={"no.such.setting": "1"}, timeout=START_TIMEOUT)
    message = str(failure.value)
    assert "exited with code" in message
    assert "no.such.setting" in message
    assert server_status(home) is None


def test_a_busy_port_is_refused_before_starting(home: Path, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(ConfigError, match="already in use"):
            start_server(home, port=busy.getsockname()[1], data_dir=tmp_path / "other")
    assert server_status(home) is None


def test_a_start_that_times_out_is_stopped_again(home: Path) -> None:
    with pytest.raises(StoreUnavailable, match="not ready within") as failure:
        start_server(home, timeout=0.5)
    assert "launcher.log" in str(failure.value)
    assert server_status(home) is None
    assert not (home / "server.json").exists()
