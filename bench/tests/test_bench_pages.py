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
