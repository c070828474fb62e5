"""Every setting bo-graph reads from the environment, in one place.

No other module reads ``os.environ``. Each setting is declared once in :data:`SETTINGS`
with its default and help text; ``docs/settings.md`` is checked against this list by a test.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bo_graph.exc import ConfigError


@dataclass(frozen=True)
class SettingSpec:
    """One environment variable: its name, default and meaning."""

    env: str
    default: str
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "BO_GRAPH_STORE",
        ".bo-graph/graph.sqlite",
        "The store: a file path for the embedded store, or a bolt://, neo4j:// or neo4j+s:// URI.",
    ),
    SettingSpec("BO_GRAPH_NEO4J_USER", "neo4j", "User name for a Neo4j store."),
    SettingSpec(
        "BO_GRAPH_NEO4J_PASSWORD",
        "",
        "Password for a Neo4j store (empty: no authentication, as the local server runs).",
    ),
    SettingSpec(
        "BO_GRAPH_NEO4J_DATABASE", "", "Neo4j database name (empty: the server's default)."
    ),
    SettingSpec(
        "BO_GRAPH_NEO4J_HOME",
        "~/.cache/bo-graph/neo4j",
        "Where `bo-graph neo4j start` keeps the local server's jars, data and logs.",
    ),
    SettingSpec("BO_GRAPH_THRESHOLD", "25", "Beneficial-ownership threshold in percent."),
    SettingSpec(
        "BO_GRAPH_BATCH_SIZE",
        "5000",
        "Statements per batch: one store transaction each, except that the compiled bulk "
        "writer commits every 50,000.",
    ),
    SettingSpec(
        "BO_GRAPH_BULK",
        "1",
        "1: a first BODS 0.4 import into an empty embedded store uses the compiled writer "
        "(when built); 0: always the Python writer.",
    ),
    SettingSpec(
        "BO_GRAPH_TIER",
        "authority",
        "Who reads: `authority` (competent authorities: everything) or `public` (persons "
        "as a public register shows them: identifiers, tax residencies, day of birth and "
        "addresses withheld from every read, search and export; month and year of birth "
        "and each address's country kept).",
    ),
    SettingSpec(
        "BO_GRAPH_AUDIT_LOG",
        "",
        "A JSON Lines file that every command that opens a store and every question of the "
        "web UI appends a line to: time, user, action, parameters, working folder, store, "
        "tier and, where the answer applies one (`ubo`, `shared`, `flags`, `scan`, the UI's "
        "analysis and comparison), the ownership threshold used (empty: no audit trail; the "
        "folder must exist). `rules`, `lists`, `synth` and `neo4j` read no register data and "
        "add no line. The file is kept its owner's only (0600: an existing file others may "
        "read or write is tightened, or refused). When the line cannot be written, nothing is "
        "answered.",
    ),
    SettingSpec(
        "BO_GRAPH_JURISDICTION_LISTS",
        "",
        "A folder of jurisdiction list files that replaces the shipped ones.",
    ),
)


TIERS = ("authority", "public")
"""``BO_GRAPH_TIER``: competent authorities read everything; the public reads without personal
data (:mod:`bo_graph.store.public`)."""


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one process. Pass it around; never patch it."""

    store: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    neo4j_home: Path
    threshold: float
    batch_size: int
    bulk: bool
    jurisdiction_lists: Path | None
    public_tier: bool = False
    audit_log: Path | None = None
    raw: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def store_is_neo4j(self) -> bool:
        return is_neo4j_uri(self.store)


def is_neo4j_uri(store: str) -> bool:
    """True when ``store`` names a Neo4j server rather than an embedded store file."""
    return store.split("://", 1)[0] in {
        "bolt",
        "bolt+s",
        "bolt+ssc",
        "neo4j",
        "neo4j+s",
        "neo4j+ssc",
    }


def _number(name: str, text: str, kind: type[float] | type[int]) -> float:
    try:
        return kind(text)
    except ValueError:
        raise ConfigError(f"{name}: expected a number, found {text!r}") from None


def load_settings(env: Mapping[str, str] | None = None, **overrides: str | None) -> Settings:
    """Read the settings from ``env`` (default: the process environment).

    ``overrides`` take command-line values by lower-case setting name without the prefix,
    e.g. ``store="bolt://127.0.0.1:7687"``; ``None`` means "not given".
    """
    source = os.environ if env is None else env
    values = {spec.env: source.get(spec.env, spec.default) for spec in SETTINGS}
    for key, value in overrides.items():
        if value is not None:
            values["BO_GRAPH_" + key.upper()] = value
    threshold = _number("BO_GRAPH_THRESHOLD", values["BO_GRAPH_THRESHOLD"], float)
    if not 0 < threshold <= 100:
        raise ConfigError(
            f"BO_GRAPH_THRESHOLD: expected a percentage in (0, 100], found {threshold}"
        )
    batch = int(_number("BO_GRAPH_BATCH_SIZE", values["BO_GRAPH_BATCH_SIZE"], int))
    if batch < 1:
        raise ConfigError(f"BO_GRAPH_BATCH_SIZE: expected a positive whole number, found {batch}")
    lists = values["BO_GRAPH_JURISDICTION_LISTS"]
    bulk = values["BO_GRAPH_BULK"]
    if bulk not in ("0", "1"):
        raise ConfigError(f"BO_GRAPH_BULK: expected 0 or 1, found {bulk!r}")
    tier = values["BO_GRAPH_TIER"]
    if tier not in TIERS:
        raise ConfigError(f"BO_GRAPH_TIER: expected one of {', '.join(TIERS)}, found {tier!r}")
    return Settings(
        store=values["BO_GRAPH_STORE"],
        neo4j_user=values["BO_GRAPH_NEO4J_USER"],
        neo4j_password=values["BO_GRAPH_NEO4J_PASSWORD"],
        neo4j_database=values["BO_GRAPH_NEO4J_DATABASE"],
        neo4j_home=Path(values["BO_GRAPH_NEO4J_HOME"]).expanduser(),
        threshold=threshold,
        batch_size=batch,
        bulk=bulk == "1",
        jurisdiction_lists=Path(lists).expanduser() if lists else None,
        public_tier=tier == "public",
        audit_log=_audit_log(values["BO_GRAPH_AUDIT_LOG"]),
        raw=dict(values),
    )


def _audit_log(value: str) -> Path | None:
    if not value:
        return None
    if not value.strip():
        raise ConfigError(f"BO_GRAPH_AUDIT_LOG: expected a file path or nothing, found {value!r}")
    return Path(value).expanduser()
