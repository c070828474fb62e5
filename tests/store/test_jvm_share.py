"""Class data sharing: the first JVM run writes an archive at exit, later runs map it."""

from __future__ import annotations

from pathlib import Path

from bo_graph.store import jvm_share


def _launcher(tmp_path: Path) -> Path:
    (tmp_path / "target").mkdir()
    return tmp_path


def test_a_run_without_an_archive_writes_one_that_later_runs_use(tmp_path: Path) -> None:
    launcher = _launcher(tmp_path)
    first = jvm_share.sharing(launcher, jvm_share.SERVER_ARCHIVE)
    assert first.dump is not None
    assert first.flags == (f"-XX:ArchiveClassesAtExit={first.dump}",)
    first.dump.write_bytes(b"classes")  # what the JVM writes as it exits
    jvm_share.adopt(first.dump, clean_exit=True)
    archive = launcher / "target" / jvm_share.SERVER_ARCHIVE
    assert archive.read_bytes() == b"classes" and not first.dump.exists()
    later = jvm_share.sharing(launcher, jvm_share.SERVER_ARCHIVE)
    assert later == jvm_share.Sharing((f"-XX:SharedArchiveFile={archive}",))


def test_an_unclean_exit_or_a_second_dump_leaves_the_archive_alone(tmp_path: Path) -> None:
    launcher = _launcher(tmp_path)
    archive = launcher / "target" / jvm_share.IMPORTER_ARCHIVE
    killed = jvm_share.sharing(launcher, jvm_share.IMPORTER_ARCHIVE).dump
    racing = jvm_share.sharing(launcher, jvm_share.IMPORTER_ARCHIVE).dump
    assert killed is not None and racing is not None and killed != racing
    killed.write_bytes(b"half")
    jvm_share.adopt(killed, clean_exit=False)
    assert not archive.exists() and not killed.exists()
    archive.write_bytes(b"first")
    racing.write_bytes(b"second")
    jvm_share.adopt(racing, clean_exit=True)
    assert archive.read_bytes() == b"first" and not racing.exists()
    jvm_share.forget(launcher)
    assert list((launcher / "target").iterdir()) == []
