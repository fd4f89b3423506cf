"""Each page's own floor: the same Streamlit calls its run makes, with the same
arguments made in advance, and nothing else.

`recording()` watches a run of the real page (in AppTest, in this process) and
keeps every top-level Streamlit element call it makes (st.plotly_chart(figure, ...),
st.dataframe(frame), st.selectbox(...), st.columns(...), in which container), with
the very objects passed (figures, frames, strings, callables). bench/replay_page.py
then makes those calls again in order, into the same containers: the page's
elements, widgets and layout sent by Streamlit, without the page's own work
(loading, filtering, labelling, building figures). bench/page_bench.py times the
replay like a page: what Streamlit itself costs to send that page (the generalisation
of bench/floor_page.py, written by hand for Benchmark).
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from streamlit.delta_generator import DeltaGenerator

# Spinners and toasts come and go; st.help and st.exception are not page content;
# st.page_link needs the app's st.navigation, which a replay has not (one small link).
_SKIPPED = {"spinner", "toast", "balloons", "snow", "help", "exception", "write_stream", "status", "page_link"}


@dataclass(frozen=True)
class Call:
    target: int  # index of the container it went into (0: main, 1: sidebar, then each container made)
    method: str
    args: tuple
    kwargs: dict
    made: tuple[int, ...]  # indices given to the containers it returned


RECORDED: list[Call] = []
_local = threading.local()


def _roots() -> dict[int, int]:
    import streamlit as st

    return {id(st._main): 0, id(st.sidebar): 1}


def _flatten(result) -> list[DeltaGenerator]:
    if isinstance(result, DeltaGenerator):
        return [result]
    if isinstance(result, list | tuple):
        return [r for r in result if isinstance(r, DeltaGenerator)]
    return []


@contextmanager
def recording() -> Iterator[list[Call]]:
    """Record the element calls of the runs made inside the block (replacing RECORDED)."""
    RECORDED.clear()
    known: dict[int, int] = {}
    originals = {}

    def wrap(name, original):
        def recorded(self, *args, **kwargs):
            depth = getattr(_local, "depth", 0)
            _local.depth = depth + 1
            try:
                result = original(self, *args, **kwargs)
            finally:
                _local.depth = depth
            if depth == 0:
                if not known:
                    known.update(_roots())
                target = known.get(id(self._active_dg), known.get(id(self)))
                if target is not None:
                    made = []
                    for container in _flatten(result):
                        known[id(container)] = len(known)
                        made.append(known[id(container)])
                    RECORDED.append(Call(target, name, args, kwargs, tuple(made)))
            return result

        return recorded

    import streamlit as st

    module_level = {}
    for name, member in inspect.getmembers(DeltaGenerator):
        if name.startswith("_") or name in _SKIPPED or not callable(member) or isinstance(member, property):
            continue
        originals[name] = member
        wrapped = wrap(name, member)
        setattr(DeltaGenerator, name, wrapped)
        bound = getattr(st, name, None)  # st.markdown is _main.markdown, bound when streamlit was imported
        if getattr(bound, "__self__", None) is st._main:
            module_level[name] = bound
            setattr(st, name, wrapped.__get__(st._main))
    try:
        yield RECORDED
    finally:
        for name, member in originals.items():
            setattr(DeltaGenerator, name, member)
        for name, bound in module_level.items():
            setattr(st, name, bound)


def replay(calls: list[Call]) -> None:
    """Make the recorded calls again, each into the container it went into."""
    import streamlit as st

    containers: dict[int, DeltaGenerator] = {0: st._main, 1: st.sidebar}
    for call in calls:
        target = containers.get(call.target)
        if target is None:
            continue
        result = getattr(target, call.method)(*call.args, **call.kwargs)
        for index, container in zip(call.made, _flatten(result), strict=False):
            containers[index] = container
