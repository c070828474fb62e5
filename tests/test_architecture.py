"""The dependency rule of ARCHITECTURE.md ("Layers and the dependency rule"), read from the
imports of the code: nothing imports upward, only the composition roots import loaders."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

# What each layer may import besides the standard library, third-party packages and itself
# (bo_graph.exc everywhere). The table in ARCHITECTURE.md says the same in words.
ALLOWED: dict[str, set[str]] = {
    "bo_graph.settings": set(),
    "bo_graph.gc_pause": set(),
    "bo_graph.synth": set(),
    "bo_graph.audit": {"bo_graph.settings"},
    "bo_graph.model": set(),
    "loaders": {"bo_graph.model"},
    "bo_graph.store": {"bo_graph.model", "bo_graph.settings"},
    "bo_graph.ingest": {"bo_graph.model", "bo_graph.store", "bo_graph.gc_pause"},
    "bo_graph.analysis": {"bo_graph.model", "bo_graph.store", "bo_graph.gc_pause"},
    "bo_graph.render": {"bo_graph.model", "bo_graph.store", "bo_graph.analysis"},
    "bo_graph.viz": {"bo_graph.model", "bo_graph.store", "bo_graph.analysis", "bo_graph.render"},
    "bo_graph.export": {
        *("bo_graph.model", "bo_graph.store", "bo_graph.analysis"),
        *("bo_graph.render", "bo_graph.viz"),
    },
}
# The contract modules analysis may use: never a backend.
ANALYSIS_STORE_MODULES = {"bo_graph.store.base", "bo_graph.store.serial"}
NEVER_IN_ANALYSIS = {"neo4j", "streamlit", "pyvis"}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "loaders":
        return "loaders"
    if parts[0] != "bo_graph" or len(parts) == 1:
        return None
    return ".".join(parts[:2])


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at the top or inside a function."""
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def _sources() -> list[Path]:
    return sorted([*REPO.glob("bo_graph/**/*.py"), *REPO.glob("loaders/**/*.py")])


def test_no_layer_imports_one_the_architecture_does_not_allow_it() -> None:
    wrong = []
    for path in _sources():
        own = _layer(_module_of(path))
        if own not in ALLOWED:
            continue  # composition roots, the package root, exc
        for name in _imports(path):
            target = _layer(name)
            if target in (None, own, "bo_graph.exc") or target in ALLOWED[own]:
                continue
            wrong.append(f"{path.relative_to(REPO)} ({own}) imports {name}")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_analysis_reads_the_store_contract_only_and_no_backend_or_ui() -> None:
    wrong = []
    for path in REPO.glob("bo_graph/analysis/**/*.py"):
        for name in _imports(path):
            parts = name.split(".")
            store_module = ".".join(parts[:3])
            if parts[:2] == ["bo_graph", "store"] and store_module not in ANALYSIS_STORE_MODULES:
                wrong.append(f"{path.relative_to(REPO)} imports {name}")
            if parts[0] in NEVER_IN_ANALYSIS:
                wrong.append(f"{path.relative_to(REPO)} imports {name}")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_a_backend_is_chosen_in_the_store_package_only() -> None:
    """`bo_graph.store.open_store` is the one place a backend is picked: no module outside
    bo_graph.store, the composition roots included, imports one."""
    backends = ("bo_graph.store.embedded", "bo_graph.store.neo4j_store")
    outside = [
        p
        for p in [*_sources(), *REPO.glob("app_pages/*.py"), REPO / "app.py"]
        if p.relative_to(REPO).parts[:2] != ("bo_graph", "store")
    ]
    wrong = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in outside
        for name in _imports(path)
        if name.startswith(backends)
    ]
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_the_cli_starts_without_the_reference_schema_validator() -> None:
    """``jsonschema`` compiles a URI grammar at import (about a second on these machines): the
    CLI imports it only for what needs it (a CSV mapping file, an invalid BODS record), so
    ``bo-graph --help`` and a clean import start at once."""
    import subprocess
    import sys

    probe = "import sys, bo_graph.cli, loaders.bods; print('jsonschema' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
