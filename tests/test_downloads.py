"""What the download buttons hand over, made from the real warehouse."""

import io
import zipfile

import polars as pl
import pytest


@pytest.fixture(autouse=True)
def session_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))


def test_every_value_download_holds_all_56_values_with_sources():
    from dashboard.data import load
    from dashboard.export import csv_bytes
    from dashboard.ui import reported_kpis, xlsx_bytes

    data = csv_bytes(load("kpi_values", kpis=reported_kpis()))
    assert data.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    frame = pl.read_csv(io.BytesIO(data))
    assert frame.height == 56
    row = frame.filter((pl.col("kpi_id") == "hotline_satisfaction_rate") & (pl.col("district") == "白云")).row(0, named=True)
    assert (row["value"], row["line"]) == (78.65, 193)
    assert "白云区" in row["title"]
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(frame))) as workbook:
        sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<row ") == 57  # the header and 56 values
