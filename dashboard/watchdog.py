"""A bound on each page run, so one person's stuck run never holds the server.

Every run of streamlit_app.py goes through `bounded(run)`, and so does every rerun of a
page's fragment alone (dashboard.ui.fragment). A watcher thread looks
once a second at the runs in progress; a run older than the bound (60 s, or
ZHENGSHU_RUN_SECONDS) is logged with its Python stack and has RunTooLong raised
in its thread (CPython's PyThreadState_SetAsyncExc), which `bounded` turns into
an error message for that session alone: the other sessions keep working.

The exception lands at the thread's next Python instruction. A thread stuck for
good inside native code (a deadlock) never gets there: that case is the
supervisor's (`python -m dashboard`, dashboard/supervisor.py), which sees the
server stop answering, logs every thread's stack and restarts it.

Work that may rightly take long (reading and loading an uploaded report) runs
inside `unbounded()`.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

DEFAULT_SECONDS = 60.0


class RunTooLong(BaseException):
    """Raised inside a page run that passed the bound. Not an Exception: a handler for a
    page's own errors (Streamlit's around a fragment among them) lets it pass to `bounded`."""


def bound_seconds() -> float:
    return float(os.environ.get("ZHENGSHU_RUN_SECONDS", DEFAULT_SECONDS))


_lock = threading.Lock()
_runs: dict[int, tuple[float, str]] = {}  # thread id -> (started, what), for runs under the bound
_stopped: set[int] = set()  # threads RunTooLong was raised in, still running
_watcher: threading.Thread | None = None


def _log(message: str) -> None:
    print(f"dashboard: {message}", file=sys.stderr, flush=True)


def _set_async_exc(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in the thread at its next Python instruction (None: cancel
    one that is pending)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception else None)


def _watch(interval: float) -> None:
    while True:
        time.sleep(interval)
        now, bound = time.monotonic(), bound_seconds()
        frames = sys._current_frames()
        with _lock:  # raised under the lock: a run that ends meanwhile cancels it (see bounded)
            late = [(tid, what) for tid, (started, what) in _runs.items() if now - started > bound]
            for tid, what in late:
                del _runs[tid]
                _stopped.add(tid)
                stack = "".join(traceback.format_stack(frames[tid])) if tid in frames else "(no Python frame)\n"
                _log(f"a page run ({what}) took longer than {bound:.0f} s and was stopped; where it was:\n{stack}")
                _set_async_exc(tid, RunTooLong)


def _ensure_watcher(interval: float = 1.0) -> None:
    global _watcher
    with _lock:
        if _watcher is None or not _watcher.is_alive():
            _watcher = threading.Thread(target=_watch, args=(interval,), name="dashboard-run-watchdog", daemon=True)
            _watcher.start()


def bounded(run: Callable[[], object], what: str, on_too_long: Callable[[], object]) -> None:
    """run(); if it passes the bound, on_too_long() (shows this session an error).

    RunTooLong can only reach this thread while the run is registered, and never
    escapes this function: once the run is over, a pending one is cancelled under
    the watcher's lock, and one that already fired is caught here."""
    _ensure_watcher()
    tid = threading.get_ident()
    with _lock:
        nested = tid in _runs
    if nested:  # inside a bounded run already (a fragment drawn by its page's full run): that bound holds
        run()
        return
    try:
        with _lock:
            _stopped.discard(tid)
            _runs[tid] = (time.monotonic(), what)
        try:
            run()
        finally:
            with _lock:
                _runs.pop(tid, None)
                if tid in _stopped:
                    _stopped.discard(tid)
                    _set_async_exc(tid, None)
    except RunTooLong:
        on_too_long()


@contextmanager
def unbounded() -> Iterator[None]:
    """Take the current run out of the watcher's view for the duration (a long,
    legitimate step); it is watched again afterwards, from a fresh start."""
    tid = threading.get_ident()
    with _lock:
        entry = _runs.pop(tid, None)
    try:
        yield
    finally:
        if entry is not None:
            with _lock:
                if tid not in _stopped:
                    _runs[tid] = (time.monotonic(), entry[1])
