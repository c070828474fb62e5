"""bo-graph web UI (Streamlit). Run: ``.venv/bin/streamlit run app.py``.

Opens the store named by ``BO_GRAPH_STORE`` (embedded file or Neo4j URI); an empty or missing
store is filled with the sample registers first. Two pages: Explore (search, the subject's
graph, owners, flags, holdings, paths, what it shares with another party, raw records, exports;
deep links ``?entity=REF``) and
Import registers. This file and ``app_pages/`` arrange widgets only; everything shown comes from
the library (``bo_graph.viz``, ``bo_graph.export``, ``bo_graph.analysis``). See docs/ui.md.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="bo-graph", layout="wide")
st.navigation(
    [
        st.Page("app_pages/explore.py", title="Explore", default=True),
        st.Page("app_pages/import_registers.py", title="Import registers", url_path="import"),
    ]
).run()
