"""A register published as monthly snapshots: a record that returns to an earlier content is
current again (renamed back; a PSC's band changed back), on both backends, by the Python
writers and by the compiled bulk writer. Re-importing any snapshot changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import loaders
from bo_graph.ingest.pipeline import run_import
from bo_graph.model.graph import When
from bo_graph.store.base import GraphStore
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.embedded.bulk import native_module
from tests.helpers import import_files
from tests.loaders import psc_synth
from tests.loaders.loader_helpers import PSC

HEADER_FIXTURE = PSC / "tests" / "fixtures" / "basic-company-data-1.csv"
COMPANY = "GB-COH-123"


def company_snapshot(folder: Path, month: str, name: str) -> Path:
    """BasicCompanyData of 1 ``month`` 2024: one company, 123, named ``name``."""
    header = "".join(HEADER_FIXTURE.read_text().splitlines()[:11])
    row = f'"{name}","123","","","","","","","","","","","United Kingdom","","01/01/2020"'
    path = folder / f"BasicCompanyData-2024-{month}-01.csv"
    path.write_text(header + "\n" + row + ',""' * 40 + "\n")
    return path


def psc_snapshot(folder: Path, month: str, band: str, day: str = "01") -> Path:
    """The PSC snapshot of 1 ``month`` 2024: one person holding ``band`` of company 123's
    shares, notified once (2020) and never since."""
    data = {
        "kind": "individual-person-with-significant-control",
        "name": "Pat Owner",
        "name_elements": {"forename": "Pat", "surname": "Owner"},
        "natures_of_control": [f"ownership-of-shares-{band}-percent"],
        "notified_on": "2020-03-01",
        "links": {"self": "/company/123/persons-with-significant-control/individual/pat"},
    }
    path = folder / f"persons-with-significant-control-snapshot-2024-{month}-{day}.txt"
    path.write_text(json.dumps({"company_number": "123", "data": data}) + "\n")
    return path


def renamed_back(folder: Path) -> list[Path]:
    return [
        company_snapshot(folder, "01", "W LTD"),
        company_snapshot(folder, "02", "V LTD"),
        company_snapshot(folder, "03", "W LTD"),
    ]


def name(store: GraphStore, when: When | None = None) -> str | None:
    node = store.get_node(COMPANY, when) if when else store.get_node(COMPANY)
    return node.name if node is not None else None


def test_a_company_renamed_back_is_current_again(store: GraphStore, tmp_path: Path) -> None:
    paths = renamed_back(tmp_path)
    report = import_files(store, paths, tmp_path / "q.jsonl")
    assert (report.accounting.loaded, report.accounting.duplicates) == (3, 0)
    assert name(store) == "W LTD"
    assert name(store, When(known_at="2024-02-15")) == "V LTD"
    assert name(store, When(known_at="2024-01-15")) == "W LTD"
    versions = [s.provenance for s in store.statements_for(COMPANY)]
    assert sorted((p.statement_date, p.file.rsplit("/", 1)[-1]) for p in versions) == [
        ("2024-01-01", "BasicCompanyData-2024-01-01.csv"),
        ("2024-02-01", "BasicCompanyData-2024-02-01.csv"),
        ("2024-03-01", "BasicCompanyData-2024-03-01.csv"),
    ]

    again = import_files(store, paths, tmp_path / "q2.jsonl")
    assert (again.accounting.loaded, again.accounting.duplicates) == (0, 3)
    assert name(store) == "W LTD"


def test_one_snapshot_a_run_and_an_older_one_again(store: GraphStore, tmp_path: Path) -> None:
    """Monthly imports, then February's file again: it is older than the latest version, so
    the company stays renamed back."""
    january, february, march = renamed_back(tmp_path)
    for path in (january, february, march):
        import_files(store, [path], tmp_path / "q.jsonl")
    assert name(store) == "W LTD"
    report = import_files(store, [february], tmp_path / "q.jsonl")
    assert (report.accounting.loaded, report.accounting.duplicates) == (0, 1)
    assert name(store) == "W LTD"


def test_a_psc_band_changed_back_is_current_again(store: GraphStore, tmp_path: Path) -> None:
    """The PSC line keeps its notification date: only the snapshot tells the versions apart."""
    paths = [
        psc_snapshot(tmp_path, "01", "25-to-50"),
        psc_snapshot(tmp_path, "02", "50-to-75"),
        psc_snapshot(tmp_path, "03", "25-to-50"),
    ]
    for path in paths:
        import_files(store, [path], tmp_path / "q.jsonl")
    (edge,) = [e for e in store.owners_of(COMPANY) if not e.interested_party.startswith(COMPANY)]
    (interest,) = edge.interests
    assert interest.share is not None
    assert (interest.share.lower, interest.share.upper) == (25, 50)


def test_an_unchanged_psc_snapshot_a_month_later_is_all_duplicates(
    store: GraphStore, tmp_path: Path
) -> None:
    """Companies that are the corporate PSC of several companies have one statement per PSC
    line in each snapshot: a repeated one is no return to an earlier content."""
    october = psc_synth.write(
        tmp_path / "persons-with-significant-control-snapshot-2024-10-01.txt", 600
    )
    november = tmp_path / "persons-with-significant-control-snapshot-2024-11-01.txt"
    november.write_bytes(october.read_bytes())
    first = import_files(store, [october], tmp_path / "q.jsonl")
    assert first.accounting.loaded > 1000
    again = import_files(store, [november], tmp_path / "q.jsonl")
    assert (again.accounting.loaded, again.accounting.duplicates) == (0, first.accounting.read)


def test_the_psc_company_stub_is_no_version_of_the_company_register(
    store: GraphStore, tmp_path: Path
) -> None:
    """The PSC snapshot names the company by its number only; repeated after the company
    register renamed the company, it is no return to an earlier content of the company."""
    paths = [
        company_snapshot(tmp_path, "01", "W LTD"),
        psc_snapshot(tmp_path, "01", "25-to-50", day="22"),
        company_snapshot(tmp_path, "02", "V LTD"),
    ]
    for path in paths:
        import_files(store, [path], tmp_path / "q.jsonl")
    unchanged = psc_snapshot(tmp_path, "02", "25-to-50", day="22")
    report = import_files(store, [unchanged], tmp_path / "q.jsonl")
    assert (report.accounting.loaded, report.accounting.duplicates) == (0, 3)
    assert name(store) == "V LTD"


def test_the_bulk_writer_leaves_a_later_snapshot_to_the_python_writer(tmp_path: Path) -> None:
    """One run of three snapshots into an empty store: the compiled writer takes the first,
    the Python writer the later ones, so the return to W LTD is seen."""
    assert native_module() is not None, "the compiled writer is not built"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        report = run_import(
            store,
            renamed_back(tmp_path),
            lambda path, progress, **options: loaders.read(path, "auto", **options),
            quarantine_path=tmp_path / "q.jsonl",
            bulk=True,
        )
        assert report.bulk_profile is not None, "the bulk writer was not used"
        assert (report.accounting.loaded, report.accounting.duplicates) == (3, 0)
        assert name(store) == "W LTD"
    finally:
        store.close()
