"""Imports: loader output -> store, with quarantine and an accounting that always balances."""

from bo_graph.ingest.pipeline import Accounting, ImportProgress, ImportReport, run_import

__all__ = ["Accounting", "ImportProgress", "ImportReport", "run_import"]
