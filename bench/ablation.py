"""Kinds of element left out of the product, for bench/budget.py: what an element costs a page.

bench/ablated_server.py serves streamlit_app.py with install() done first. An element whose
kind (Streamlit's delta type: plotly_chart, dataframe, download_button, markdown, metric,
…) is named in the address of a session's first visit (`?_drop=download_button,markdown`)
is sent as an empty element instead, in every run of that session. The page's own work is
unchanged (widgets still return their values, figures are still built), only what the
browser receives and draws is less: the difference in a click's time and in DOM nodes is
what those elements cost the browser.
"""

from __future__ import annotations

import threading
from urllib.parse import parse_qs

PARAM = "_drop"
_DROPPED: dict[str, frozenset[str]] = {}  # session id -> kinds left out
_LOCK = threading.Lock()


def dropped() -> frozenset[str]:
    """The kinds the current session leaves out, read from its first run's query string."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return frozenset()
    with _LOCK:
        if ctx.session_id not in _DROPPED:
            named = parse_qs(ctx.query_string).get(PARAM, [""])[0]
            _DROPPED[ctx.session_id] = frozenset(kind for kind in named.split(",") if kind)
        return _DROPPED[ctx.session_id]


def install() -> None:
    """Send an empty element in place of each element of a kind the session leaves out."""
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.proto.Empty_pb2 import Empty

    if getattr(DeltaGenerator._enqueue, "ablation", False):
        return
    original = DeltaGenerator._enqueue

    def _enqueue(self, delta_type, element_proto, *args, **kwargs):
        if delta_type in dropped():
            return original(self, "empty", Empty(), *args, **kwargs)
        return original(self, delta_type, element_proto, *args, **kwargs)

    _enqueue.ablation = True
    DeltaGenerator._enqueue = _enqueue
