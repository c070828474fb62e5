"""Build, start, stop and inspect the local Neo4j 5.26 Community server.

The server is ``neo4j-launcher/`` (a Maven module next to the ``bo_graph`` package): the embedded
Neo4j engine plus its Bolt connector, all from Maven Central. Maven builds it once into
``neo4j-launcher/target``; each start runs ``java`` detached in a new session, its output going to
``HOME/logs/launcher.log``, and records the running server in ``HOME/server.json`` so that a later
process (``bo-graph neo4j status`` / ``stop``) finds it. Bolt listens on 127.0.0.1 only, without
authentication. ``HOME`` is ``Settings.neo4j_home``; callers pass it in (this module reads no
environment variable). See ``docs/neo4j.md``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from bo_graph.exc import ConfigError, StoreError, StoreUnavailable
from bo_graph.store import jvm_share
from bo_graph.store.neo4j_record import (
    ServerInfo,
    forget_record,
    read_record,
    recorded_dump,
    write_record,
)

LAUNCHER_DIR = Path(__file__).resolve().parents[2] / "neo4j-launcher"
MAIN_CLASS = "org.bograph.Neo4jLauncher"
READY_MARK = "NEO4J_READY"
HOST = "127.0.0.1"
BUILD_TIMEOUT = 1800.0

JVM_FLAGS: tuple[str, ...] = (
    "-Xms512m",
    "-Xmx2g",
    "-XX:+UseParallelGC",
    "-XX:+IgnoreUnrecognizedVMOptions",
    "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)
"""What Neo4j 5.26 needs on Java 17 (the flags its own neo4j.conf ships), plus heap and OOM.
The throughput collector instead of G1: a 100k-statement import spent 11% of the server's CPU in
G1's threads and 5% with it, at pauses a local import server does not mind (docs/neo4j.md)."""

INSTALL_HINT = (
    "Install them with `apt-get install openjdk-17-jdk-headless maven` (the first start then "
    "downloads Neo4j's jars from Maven Central), or point bo-graph at any other Neo4j instead: "
    "`--store bolt://host:7687` or BO_GRAPH_STORE, with BO_GRAPH_NEO4J_USER and "
    "BO_GRAPH_NEO4J_PASSWORD."
)


# Servers started by this process: keeps each Popen alive so it is reaped, not left a zombie.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


# --- building -------------------------------------------------------------------------------


def require_tool(name: str) -> str:
    """The path of ``name`` on PATH, or a :class:`ConfigError` saying what to install."""
    found = shutil.which(name)
    if found is None:
        raise ConfigError(
            f"the local Neo4j server needs `{name}` on PATH (Java 17+ and Maven). " + INSTALL_HINT
        )
    return found


def launcher_jar(launcher_dir: Path) -> Path:
    return launcher_dir / "target" / "neo4j-launcher.jar"


def _is_built(launcher_dir: Path) -> bool:
    jar = launcher_jar(launcher_dir)
    lib = launcher_dir / "target" / "lib"
    if not jar.is_file() or not lib.is_dir() or not any(lib.glob("*.jar")):
        return False
    sources = [launcher_dir / "pom.xml", *launcher_dir.glob("src/**/*.java")]
    built = jar.stat().st_mtime
    return all(s.stat().st_mtime <= built for s in sources)


def build_launcher(repo_launcher_dir: Path = LAUNCHER_DIR) -> Path:
    """Build the launcher with Maven unless its jar and ``target/lib`` are there and current.

    Returns the jar. The first build downloads Neo4j's jars into ``~/.m2``; later builds use them.
    """
    launcher_dir = repo_launcher_dir.resolve()
    if _is_built(launcher_dir):
        return launcher_jar(launcher_dir)
    if not (launcher_dir / "pom.xml").is_file():
        raise ConfigError(f"{launcher_dir}: no pom.xml here; expected the neo4j-launcher module")
    require_tool("java")
    command = [require_tool("mvn"), "-q", "-B", "-DskipTests", "package"]
    shutil.rmtree(launcher_dir / "target" / "lib", ignore_errors=True)  # no jars of an old version
    jvm_share.forget(launcher_dir)  # nor classes archived from them
    try:
        done = subprocess.run(
            command,
            cwd=launcher_dir,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise StoreError(f"{launcher_dir}: `mvn package` took over {BUILD_TIMEOUT:.0f} s") from None
    if done.returncode != 0 or not _is_built(launcher_dir):
        output = _tail_text(done.stdout + done.stderr, 40)
        raise StoreError(
            f"{launcher_dir}: `{' '.join(command[1:])}` failed (exit {done.returncode}):\n{output}"
        )
    return launcher_jar(launcher_dir)


def launcher_command(
    java: str,
    launcher_dir: Path,
    data_dir: Path,
    port: int,
    conf: Mapping[str, str] | None = None,
    sharing: Sequence[str] = (),
) -> list[str]:
    """The ``java`` command line that runs the server on ``127.0.0.1:port``."""
    target = launcher_dir / "target"
    classpath = f"{target / 'neo4j-launcher.jar'}{os.pathsep}{target / 'lib' / '*'}"
    command = [
        java,
        *JVM_FLAGS,
        *sharing,
        "-cp",
        classpath,
        MAIN_CLASS,
        "--home",
        str(data_dir),
        "--port",
        str(port),
    ]
    for key, value in (conf or {}).items():
        command += ["--conf", f"{key}={value}"]
    return command


# --- processes and ports ---------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def bolt_accepts(port: int, timeout: float = 1.0) -> bool:
    """True when a TCP connection to 127.0.0.1:port succeeds."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def _reap(pid: int) -> bool:
    """Collect ``pid`` if it is our exited child; True when it was collected."""
    child = _CHILDREN.get(pid)
    if child is not None:
        if child.poll() is None:
            return False
        del _CHILDREN[pid]
        return True
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return done == pid


def _cmdline(pid: int) -> str | None:
    """The process's command line, or None where /proc cannot tell."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return raw.replace(b"\0", b" ").decode(errors="replace")


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def is_launcher_alive(pid: int) -> bool:
    """True when ``pid`` runs and, where /proc tells, is a Neo4j launcher JVM."""
    if pid <= 0 or _reap(pid):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if _is_zombie(pid):
        return False
    command = _cmdline(pid)
    return command is None or MAIN_CLASS in command


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_launcher_alive(pid):
            return True
        time.sleep(0.1)
    return not is_launcher_alive(pid)


def _terminate(pid: int, timeout: float) -> bool:
    """SIGTERM (the launcher's shutdown hook stops Neo4j cleanly), then SIGKILL after timeout.
    True when SIGTERM was enough."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if _wait_gone(pid, timeout):
        return True
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _wait_gone(pid, 10.0)
    return False


def server_status(home: Path) -> ServerInfo | None:
    """The server recorded in ``home/server.json`` if its process is still running, else None."""
    info = read_record(home.expanduser().resolve())
    if info is None or not is_launcher_alive(info.pid):
        return None
    return info


# --- start and stop --------------------------------------------------------------------------


def log_path(home: Path) -> Path:
    return home.expanduser().resolve() / "logs" / "launcher.log"


def _tail_text(text: str, lines: int) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _log_tail(log: Path, lines: int = 40) -> str:
    try:
        return _tail_text(log.read_text(encoding="utf-8", errors="replace"), lines)
    except OSError:
        return "(no log written)"


def _spawn(command: Sequence[str], log: Path, cwd: Path) -> subprocess.Popen[bytes]:
    """Start ``command`` detached: own session, no stdin, output to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            start_new_session=True,
        )
    _CHILDREN[child.pid] = child
    return child


def _failure(uri: str, cause: str, log: Path) -> StoreUnavailable:
    tail = _log_tail(log)
    hint = f"Launcher log {log} ends with:\n{tail}\n(Neo4j's own: logs/debug.log in the data dir)"
    return StoreUnavailable(uri, cause, hint)


def _wait_ready(
    child: subprocess.Popen[bytes], uri: str, port: int, log: Path, timeout: float
) -> None:
    """Return once the READY line is logged and Bolt accepts connections; raise otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = child.poll()
        if code is not None:
            _CHILDREN.pop(child.pid, None)
            raise _failure(uri, f"the server process exited with code {code} while starting", log)
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if READY_MARK in text and bolt_accepts(port):
            return
        time.sleep(0.25)
    _terminate(child.pid, 15.0)
    raise _failure(uri, f"the server was not ready within {timeout:.0f} s (stopped it again)", log)


def start_server(
    home: Path,
    port: int | None = None,
    data_dir: Path | None = None,
    timeout: float = 180,
    *,
    launcher_dir: Path | None = None,
    conf: Mapping[str, str] | None = None,
) -> ServerInfo:
    """Start the local server unless the one recorded in ``home`` is running; return it.

    ``port`` defaults to a free one; ``data_dir`` (the Neo4j home with the store and Neo4j's logs)
    to ``home/data``; ``conf`` adds neo4j.conf-style settings. Builds the launcher if needed.
    """
    home = home.expanduser().resolve()
    running = server_status(home)
    if running is not None:
        return running
    directory = (launcher_dir or LAUNCHER_DIR).resolve()
    build_launcher(directory)
    java = require_tool("java")
    if port is not None and bolt_accepts(port, timeout=0.5):
        raise ConfigError(f"port {port} on {HOST} is already in use; pick another or omit --port")
    chosen = port if port is not None else free_port()
    data = (data_dir.expanduser() if data_dir else home / "data").resolve()
    data.mkdir(parents=True, exist_ok=True)
    uri = f"bolt://{HOST}:{chosen}"
    log = log_path(home)
    share = jvm_share.sharing(directory, jvm_share.SERVER_ARCHIVE)
    command = launcher_command(java, directory, data, chosen, conf, share.flags)
    child = _spawn(command, log, home)
    _wait_ready(child, uri, chosen, log, timeout)
    info = ServerInfo(uri=uri, port=chosen, pid=child.pid, home=home)
    write_record(info, data, conf, share.dump)
    return info


def stop_server(home: Path, timeout: float = 60) -> bool:
    """Stop the server recorded in ``home``: SIGTERM, then SIGKILL after ``timeout`` seconds.

    Removes ``home/server.json``. True when a running server was stopped.
    """
    home = home.expanduser().resolve()
    info = read_record(home)
    if info is None or not is_launcher_alive(info.pid):
        forget_record(home)
        return False
    dump = recorded_dump(home)
    jvm_share.adopt(dump, clean_exit=_terminate(info.pid, timeout))
    forget_record(home)
    return True
