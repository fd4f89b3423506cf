"""The bound on a page run (dashboard/watchdog.py): a run past it is stopped and its
session told so; a run within it, or a long step marked unbounded, is left alone."""

from __future__ import annotations

import threading
import time

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import labels, watchdog
from etl.build import ROOT


def busy(seconds: float) -> None:
    """Python work (an async exception lands between instructions, not inside a C sleep)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.01)


def in_thread(action) -> dict:
    """Run action in a fresh thread, as Streamlit runs a page; what happened."""
    outcome: dict = {}

    def target() -> None:
        try:
            action(outcome)
        except BaseException as error:  # noqa: BLE001  reported to the test
            outcome["escaped"] = type(error).__name__

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    return outcome


def test_a_run_past_the_bound_is_stopped(monkeypatch):
    monkeypatch.setenv("ZHENGSHU_RUN_SECONDS", "0.5")

    def action(outcome: dict) -> None:
        started = time.monotonic()
        watchdog.bounded(lambda: busy(20), "test", on_too_long=lambda: outcome.setdefault("told", True))
        outcome["seconds"] = time.monotonic() - started

    outcome = in_thread(action)
    assert outcome["told"] is True
    assert 0.5 <= outcome["seconds"] < 5
    assert "escaped" not in outcome


def test_a_run_within_the_bound_is_left_alone_and_nothing_arrives_later(monkeypatch):
    monkeypatch.setenv("ZHENGSHU_RUN_SECONDS", "1")

    def action(outcome: dict) -> None:
        watchdog.bounded(lambda: busy(0.3), "test", on_too_long=lambda: outcome.setdefault("told", True))
        busy(3)  # the thread goes on with other work: no RunTooLong may reach it now
        outcome["finished"] = True

    outcome = in_thread(action)
    assert outcome == {"finished": True}


def test_an_unbounded_step_is_not_stopped(monkeypatch):
    monkeypatch.setenv("ZHENGSHU_RUN_SECONDS", "0.5")

    def long_step() -> None:
        with watchdog.unbounded():
            busy(2.5)

    def action(outcome: dict) -> None:
        watchdog.bounded(long_step, "test", on_too_long=lambda: outcome.setdefault("told", True))
        outcome["finished"] = True

    assert in_thread(action) == {"finished": True}


def test_a_part_drawn_by_its_page_is_stopped_with_the_page_whatever_handles_its_errors(monkeypatch):
    """A fragment inside a page's run (dashboard.ui.fragment): the page's bound holds, the part's own is not
    started again, and an `except Exception` around the part (Streamlit's, around a fragment) lets the stop pass."""
    monkeypatch.setenv("ZHENGSHU_RUN_SECONDS", "0.5")

    def part(outcome: dict) -> None:
        try:
            busy(20)
        except Exception:  # noqa: BLE001  what a page's own error handler does
            outcome["swallowed"] = True

    def action(outcome: dict) -> None:
        page = lambda: watchdog.bounded(lambda: part(outcome), "part", on_too_long=lambda: outcome.setdefault("part told", True))  # noqa: E731
        watchdog.bounded(page, "page", on_too_long=lambda: outcome.setdefault("page told", True))

    assert in_thread(action) == {"page told": True}


def test_the_app_tells_the_session_its_page_was_stopped(warehouse, monkeypatch):
    """The real app: a table that takes 30 s to show is stopped after the bound, and
    the page says so in the reader's language."""
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    monkeypatch.setenv("ZHENGSHU_RUN_SECONDS", "2")
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.run()  # the overview: no table, within the bound
    assert not at.error
    monkeypatch.setattr(labels, "show", lambda frame: busy(30))
    started = time.monotonic()
    at.switch_page(str(ROOT / "dashboard" / "pages" / "benchmark.py"))
    at.run()
    assert time.monotonic() - started < 15
    assert [e.value for e in at.error] == ["这一页运行超过 2 秒，已停止（其他人的使用不受影响）。请刷新页面，或换一个选择再试。"]
    assert not at.exception


@pytest.fixture(autouse=True)
def fresh_bound():
    yield
    time.sleep(0.1)  # let the watcher's last look pass before the next test changes the bound
