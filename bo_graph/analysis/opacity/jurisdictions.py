"""Dated jurisdiction lists (secrecy scores, official black and grey lists) as data files.

A list is a UTF-8 CSV whose first columns are ``iso2, iso3, name, value`` (the format of
``shared/reference_data/jurisdictions``). Its name and edition come from the file name,
``<name>_<edition>.csv`` (``fatf_lists_2026-06-19.csv`` is list ``fatf_lists``, edition
``2026-06-19``); a ``lists.json`` (or the reference folder's ``sources.json``) beside the files may
give each file's title, date, source and licence. When a folder holds several editions of a list,
the rules use the newest, and an analysis dated by ``--as-of`` or ``--known-at`` the edition in
force on that date (:meth:`ListSet.in_force`). The shipped folder is
``bo_graph/data/jurisdictions``; a user folder (``BO_GRAPH_JURISDICTION_LISTS`` or ``--lists
DIR``) replaces it. See ``docs/jurisdictions.md``.
"""

from __future__ import annotations

import calendar
import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from bo_graph.analysis.opacity.flags import ListUse
from bo_graph.exc import ConfigError

REQUIRED_COLUMNS = ("iso2", "iso3", "name", "value")
MANIFESTS = ("lists.json", "sources.json")
_EDITION = re.compile(r"^(?P<name>.+?)_(?P<edition>\d{4}(?:-\d{2}-\d{2})?)$")

FSI = "tjn_fsi"
EU_TAX = "eu_tax_noncooperative"
FATF = "fatf_lists"
CPI = "ti_cpi"


def shipped_folder() -> Path:
    return Path(str(files("bo_graph"))) / "data" / "jurisdictions"


@dataclass(frozen=True)
class JurisdictionList:
    name: str
    edition: str
    title: str
    date: str
    file: str
    source: str
    licence: str
    columns: tuple[str, ...]
    rows: Mapping[str, Mapping[str, str]] = field(repr=False)
    """Rows by ISO alpha-2 code."""
    aliases: Mapping[str, str] = field(repr=False)
    """ISO alpha-3 codes and case-folded names -> ISO alpha-2 code."""
    caveat: str = ""
    """Said after the date of an edition later than the analysis (:meth:`ListSet.in_force`)."""

    @property
    def dated(self) -> str:
        """The edition's date as a flag's reason gives it, with the caveat if any."""
        return f"{self.date}{self.caveat}"

    @property
    def since(self) -> str:
        """The day the edition is in force from, as ``YYYY-MM-DD`` or ``YYYY`` (its date: the
        manifest's, else the release its title gives, else the file name's edition)."""
        return self.date if self.date != "undated" else self.edition

    @property
    def use(self) -> ListUse:
        return ListUse(self.name, f"{self.title}{self.caveat}", self.date, self.file)

    def row(self, token: str | None) -> tuple[str, Mapping[str, str]] | None:
        """The row of a jurisdiction given as an ISO alpha-2 or alpha-3 code or a name."""
        if not token:
            return None
        key = token.strip()
        code = key.upper() if key.upper() in self.rows else self.aliases.get(key.casefold())
        if code is None:
            code = self.aliases.get(key.upper().casefold())
        if code is None or code not in self.rows:
            return None
        return code, self.rows[code]

    def number(self, token: str | None, column: str = "value") -> tuple[str, float] | None:
        found = self.row(token)
        if found is None:
            return None
        try:
            return found[0], float(found[1][column])
        except (KeyError, ValueError):
            return None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "edition": self.edition,
            "title": self.title,
            "date": self.date,
            "file": self.file,
            "source": self.source,
            "licence": self.licence,
            "rows": len(self.rows),
            "columns": list(self.columns),
        }


@dataclass(frozen=True)
class ListSet:
    folder: Path
    lists: tuple[JurisdictionList, ...]
    _latest: dict[tuple[str, str | None], JurisdictionList | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    _in_force: dict[tuple[str, str | None, str], JurisdictionList | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    def latest(self, name: str, column: str | None = None) -> JurisdictionList | None:
        """The newest edition of ``name`` (having ``column``, when given)."""
        key = (name, column)
        if key not in self._latest:
            candidates = [
                item
                for item in self.lists
                if item.name == name and (column is None or column in item.columns)
            ]
            self._latest[key] = max(candidates, key=lambda item: item.since, default=None)
        return self._latest[key]

    def in_force(
        self, name: str, on: str | None, column: str | None = None
    ) -> JurisdictionList | None:
        """The edition of ``name`` an analysis dated ``on`` (``YYYY-MM-DD``) should read: the
        newest in force on or before that date (:attr:`JurisdictionList.since`: a year-only
        edition without a release date counts from the year's start); ``None`` (the current
        state): the newest. When every edition is later than ``on``, the oldest, with a caveat
        saying so (:attr:`JurisdictionList.dated`)."""
        if on is None:
            return self.latest(name, column)
        key = (name, column, on)
        if key not in self._in_force:
            editions = sorted(
                (
                    i
                    for i in self.lists
                    if i.name == name and (column is None or column in i.columns)
                ),
                key=lambda item: item.since,
            )
            before = [item for item in editions if item.since <= on]
            if before:
                self._in_force[key] = before[-1]
            elif editions:
                caveat = f", published after {on}: no earlier edition held"
                self._in_force[key] = replace(editions[0], caveat=caveat)
            else:
                self._in_force[key] = None
        return self._in_force[key]

    def __iter__(self) -> Iterator[JurisdictionList]:
        return iter(self.lists)

    def to_json(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "lists": [item.to_json() for item in self.lists]}


def load_lists(folder: Path | None = None) -> ListSet:
    """The lists in ``folder`` (``None``: the shipped ones). Cached per folder."""
    target = (folder or shipped_folder()).expanduser().resolve()
    if not target.is_dir():
        raise ConfigError(f"jurisdiction lists: {target} is not a folder")
    return _load(str(target))


@lru_cache(maxsize=8)
def _load(folder: str) -> ListSet:
    path = Path(folder)
    manifest = _manifest(path)
    lists = tuple(
        _read_list(csv_path, manifest.get(csv_path.name, {}))
        for csv_path in sorted(path.glob("*.csv"))
    )
    return ListSet(path, lists)


def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in MANIFESTS:
        file = folder / name
        if not file.is_file():
            continue
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ConfigError(f"{file}: not a readable JSON manifest ({error})") from None
        entries = data.get("files", {}) if isinstance(data, dict) else {}
        for key, value in entries.items():
            if isinstance(value, dict):
                out.setdefault(key, {}).update(value)
    return out


def _read_list(path: Path, meta: Mapping[str, Any]) -> JurisdictionList:
    match = _EDITION.match(path.stem)
    name, edition = (match["name"], match["edition"]) if match else (path.stem, "")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = tuple(reader.fieldnames or ())
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise ConfigError(
                    f"{path}: expected the columns {', '.join(REQUIRED_COLUMNS)} first, "
                    f"missing {', '.join(missing)}"
                )
            rows = {r["iso2"].strip().upper(): r for r in reader if (r.get("iso2") or "").strip()}
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ConfigError(f"{path}: cannot read the list ({error})") from None
    aliases: dict[str, str] = {}
    for code, row in rows.items():
        aliases[(row.get("iso3") or "").strip().casefold()] = code
        aliases[(row.get("name") or "").strip().casefold()] = code
    aliases.pop("", None)
    title = str(meta.get("title") or meta.get("dataset") or name)
    return JurisdictionList(
        name=str(meta.get("list", name)),
        edition=str(meta.get("date", edition)),
        title=title,
        date=str(meta.get("date") or released_on(title, edition) or edition or "undated"),
        file=path.name,
        source=str(meta.get("source") or _source_text(meta.get("obtained_from"))),
        licence=str(meta.get("licence", "not stated")),
        columns=columns,
        rows=rows,
        aliases=aliases,
    )


_RELEASED = re.compile(
    r"\b(?:released|published)\s+(?:(?P<day>\d{1,2})\s+)?(?P<month>[A-Za-z]{3,9})\.?\s+"
    r"(?P<year>\d{4})\b"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def released_on(title: str, edition: str) -> str:
    """The release date a year-only edition's title gives ("Financial Secrecy Index 2025
    (released 3 June 2025)" -> ``2025-06-03``; "released May 2022" -> the month's last day, when
    it was out for certain), or ``""``. A list is in force from its release, not from the
    first day of the year in its name: the FSI 2025 did not exist in March 2025."""
    if not re.fullmatch(r"\d{4}", edition or ""):
        return ""
    found = _RELEASED.search(title)
    if found is None or found["month"][:3].lower() not in _MONTHS:
        return ""
    year, month = int(found["year"]), _MONTHS.index(found["month"][:3].lower()) + 1
    day = int(found["day"]) if found["day"] else calendar.monthrange(year, month)[1]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _source_text(obtained: Any) -> str:
    if isinstance(obtained, dict):
        if "repo" in obtained:
            return f"{obtained['repo']} {obtained.get('path', '')} @ {obtained.get('commit', '')}"
        return str(obtained.get("type", "not stated"))
    return "not stated"
