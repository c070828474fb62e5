"""bo-graph web UI (Streamlit). Run: ``streamlit run app.py``.

A plain page for now: the store's contents, search, and a subject's beneficial owners. The
full investigator UI (graph, flags, exports) arrives with the UI issue. This module only arranges
widgets; everything it shows comes from the library.
"""

from __future__ import annotations

import streamlit as st

from bo_graph.analysis import ubo_report
from bo_graph.settings import load_settings
from bo_graph.store import GraphStore, open_store


@st.cache_resource
def store() -> GraphStore:
    return open_store(load_settings(), readonly=True)


def main() -> None:
    st.set_page_config(page_title="bo-graph", layout="wide")
    st.title("bo-graph")
    graph = store()
    counts = graph.counts()
    st.caption(
        f"{graph.uri}: {counts.statements} statements, {counts.nodes} parties, "
        f"{counts.edges} relationships"
    )
    text = st.text_input("Search a company or person (name or SCHEME:ID)")
    if not text:
        return
    hits = graph.search(text, limit=20)
    if not hits:
        st.info(f"No party matches {text!r}.")
        return
    labels = {f"{n.name} ({n.subkind}, {n.jurisdiction or '-'}) [{n.id}]": n.id for n in hits}
    chosen = labels[st.selectbox("Subject", list(labels))]
    report = ubo_report(graph, chosen)
    rows = [
        {
            "owner": o.party.name,
            "kind": o.party.subkind,
            "share": o.share.label(),
            "beneficial owner": str(o.beneficial_owner.json_value),
            "grounds": "; ".join(g.text for g in o.grounds),
        }
        for o in report.owners
    ]
    st.dataframe(rows, use_container_width=True)


main()
