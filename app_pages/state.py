"""The subject view's state: the subject, the controls, the expanded nodes, the deep link.

The first run of a session reads the URL (``?entity=REF&as_of=…&known_at=…&threshold=…&rule=…
&method=…``);
every later run writes the current view back into the URL, so the address bar is always a link
to what is on screen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from app_pages.context import AppStore, audit_ui
from bo_graph.analysis.interval import ThresholdRule
from bo_graph.analysis.method import Method
from bo_graph.analysis.opacity.jurisdictions import load_lists
from bo_graph.exc import AmbiguousRef, NotFound
from bo_graph.settings import load_settings
from bo_graph.viz.deeplink import ViewParams, parse_params, to_params
from bo_graph.viz.subject import DEFAULT_MAX_NODES, Settings
from bo_graph.viz.view import DEFAULT_MAX_OWNERS

SUBJECT = "subject_id"
AS_OF = "ctl_as_of"
KNOWN_AT = "ctl_known_at"
RULE = "ctl_rule"
THRESHOLD = "ctl_threshold"
METHOD = "ctl_method"
MAX_NODES = "ctl_max_nodes"
MAX_OWNERS = "ctl_max_owners"
SEARCH_TEXT = "search_text"
"""The search box: a link naming several parties fills it, so that they are listed to pick from."""
EXPANDED = "expanded"
MESSAGES = "_messages"
URL_WRITTEN = "_url_written"
FOLLOWED = "_url_followed"
"""The view (as query parameters) last opened from the address bar, while it is still shown."""
"""The query parameters :func:`sync_url` last wrote: a run that finds others in the address bar
follows them (:func:`init_state`)."""


def init_state(app: AppStore) -> None:
    """Once per session: defaults, then whatever the deep link asks for. On every later run, the
    view the address bar names when it is not the one last written there (the browser's Back
    or Forward, an edited address)."""
    ss = st.session_state
    if "_initialised" in ss:
        if st.query_params.to_dict() != ss.get(URL_WRITTEN, {}):
            _open_url(app)
        return
    ss["_initialised"] = True
    ss[MAX_NODES] = DEFAULT_MAX_NODES
    ss[MAX_OWNERS] = DEFAULT_MAX_OWNERS
    _open_url(app)


def _open_url(app: AppStore) -> None:
    """The view the address bar names: subject, dates, threshold, rule and method (what it
    leaves out, the default); a value that cannot be used is said on the page."""
    ss = st.session_state
    # the state is now the address bar's, even if this run is stopped before sync_url
    ss[URL_WRITTEN] = st.query_params.to_dict()
    params, problems = parse_params(ss[URL_WRITTEN])
    ss[AS_OF] = params.as_of
    ss[KNOWN_AT] = params.known_at
    ss[RULE] = (params.rule or ThresholdRule.AT_LEAST).value
    ss[THRESHOLD] = float(params.threshold or app.settings.threshold)
    ss[METHOD] = (params.method or Method.INTEGRATED).value
    ss[EXPANDED] = set()
    ss[SUBJECT] = None
    if params.entity:
        ss[SUBJECT] = _resolve(app, params.entity, problems)
    ss[MESSAGES] = problems
    ss[FOLLOWED] = _view_params()


def _resolve(app: AppStore, ref: str, problems: list[str]) -> str | None:
    audit_ui(app, "open", ref=ref)  # the REF as linked: a name or an identifier is a question
    try:
        return app.store.resolve_ref(ref).id
    except AmbiguousRef as exc:
        st.session_state[SEARCH_TEXT] = ref
        problems.append(
            f"entity={ref!r} matches {len(exc.ids)} parties ({', '.join(exc.ids)}): the search "
            "below lists them; open one."
        )
    except NotFound as exc:
        problems.append(f"entity={ref!r}: {exc}")
    return None


def pop_messages() -> list[str]:
    messages: list[str] = st.session_state.get(MESSAGES, [])
    st.session_state[MESSAGES] = []
    return messages


def subject_id() -> str | None:
    value: str | None = st.session_state.get(SUBJECT)
    return value


def set_subject(node_id: str) -> None:
    """Open (or recentre on) ``node_id``; collapsed nodes start collapsed again."""
    st.session_state[SUBJECT] = node_id
    st.session_state[EXPANDED] = set()


def expand(node_id: str) -> None:
    st.session_state[EXPANDED] = {*st.session_state.get(EXPANDED, set()), node_id}


def collapse_all() -> None:
    st.session_state[EXPANDED] = set()


def settings() -> Settings:
    ss = st.session_state
    as_of: Any = ss.get(AS_OF)
    known_at: Any = ss.get(KNOWN_AT)
    return Settings(
        as_of=as_of if isinstance(as_of, date) else None,
        known_at=known_at if isinstance(known_at, date) else None,
        threshold=float(ss.get(THRESHOLD, 25.0)),
        rule=ThresholdRule(ss.get(RULE, ThresholdRule.AT_LEAST.value)),
        method=Method(ss.get(METHOD, Method.INTEGRATED.value)),
        max_nodes=int(ss.get(MAX_NODES, DEFAULT_MAX_NODES)),
        max_owners=int(ss.get(MAX_OWNERS, DEFAULT_MAX_OWNERS)),
        expanded=frozenset(ss.get(EXPANDED, set())),
        lists=load_lists(load_settings().jurisdiction_lists),
    )


def _view_params() -> dict[str, str]:
    """The query parameters that reopen the current view."""
    s = settings()
    return to_params(ViewParams(subject_id(), s.as_of, s.threshold, s.method, s.known_at, s.rule))


def sync_url() -> None:
    """Write the current view into the address bar when it changed. A view opened from the
    address bar (a link, the browser's Back or Forward) leaves the address as it is, even where
    it leaves out defaults or names the subject by name or identifier: rewriting it would add a
    history entry, and so drop the pages Forward goes to."""
    ss = st.session_state
    wanted = _view_params()
    if wanted == ss.get(FOLLOWED):
        ss[URL_WRITTEN] = st.query_params.to_dict()
        return
    ss[FOLLOWED] = None
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    ss[URL_WRITTEN] = wanted
