"""Exports of a subject view: case report (HTML), GraphML, BODS 0.4 JSON, CSV tables, and
draft requests for mutual legal assistance (text).

Pure: :func:`gather_case` reads the statements through the store contract once; every exporter
then turns the :class:`CaseData` into bytes or text.
"""

from bo_graph.export.bods import bods_json, bods_statements
from bo_graph.export.case import CaseData, case_file_stem, gather_case
from bo_graph.export.csv_tables import case_tables, csv_zip, to_csv
from bo_graph.export.graphml import case_graph, graphml_bytes
from bo_graph.export.report_html import case_report_html
from bo_graph.export.requests import request_drafts, requests_text

__all__ = [
    "CaseData",
    "bods_json",
    "bods_statements",
    "case_file_stem",
    "case_graph",
    "case_report_html",
    "case_tables",
    "csv_zip",
    "gather_case",
    "graphml_bytes",
    "request_drafts",
    "requests_text",
    "to_csv",
]
