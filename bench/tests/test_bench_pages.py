"""The benchmark's baseline pages run (bench/page_bench.py divides by them)."""

import pytest
from streamlit.testing.v1 import AppTest

from bench.page_bench import BENCH


@pytest.mark.parametrize("script, charts", [("empty_page.py", 0), ("empty_app.py", 0), ("floor_page.py", 2)])
def test_baseline_page_runs(warehouse, monkeypatch, script, charts):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    at = AppTest.from_file(str(BENCH / script), default_timeout=60).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == charts


def test_a_pages_floor_replays_its_elements(warehouse, monkeypatch):
    """bench/floor_pages.py: the Benchmark page's recorded calls, replayed, make the same
    charts, tables, pickers and download buttons (what the page's floor must send)."""
    from bench.page_bench import APP, PAGES, time_script

    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    page = AppTest.from_file(str(APP), default_timeout=60).run()
    page.switch_page(str((PAGES / "benchmark.py").relative_to(APP.parent))).run()
    time_script(APP, PAGES / "benchmark.py", 1, calls=[])
    replay = AppTest.from_file(str(BENCH / "replay_page.py"), default_timeout=60).run()
    assert not replay.exception
    for kind in ("plotly_chart", "dataframe", "selectbox", "multiselect", "radio", "download_button"):
        assert len(replay.get(kind)) == len(page.get(kind)) > 0, kind

