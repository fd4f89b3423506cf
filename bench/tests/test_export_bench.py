"""The export benchmark measures what it says (bench/export_bench.py)."""

import pytest

from bench.export_bench import measure


@pytest.fixture(autouse=True)
def session_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))


def test_export_benchmark_measures_a_png_and_a_ten_chart_pack():
    result = measure(repeats=1)
    assert result["pack_charts"] == 10
    assert result["pack_pptx_bytes"] > 0 and result["pack_pdf_bytes"] > 0
    assert 0 < result["png_warm_seconds"] < 30
