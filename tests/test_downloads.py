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


def csv_text(frame: pl.DataFrame, lang: str) -> str:
    """A table as its download button writes it on a page in `lang` (dashboard.ui.download_buttons)."""
    from dashboard.data import load
    from dashboard.export import csv_bytes, readable_table

    names = dict(load("catalog").select("kpi_id", "name_en" if lang == "en" else "name_zh").iter_rows())
    return csv_bytes(readable_table(frame, lang, names)).decode("utf-8-sig")


@pytest.mark.parametrize(("lang", "header"), [
    ("zh", "区,年份,指标编号,指标,数值,单位,文件编号,行号,原文"),
    ("en", "District,Year,KPI id,KPI,Value,Unit,Document id,Line,Quote"),
])
def test_the_values_csv_speaks_the_page_language_and_names_each_kpi(lang, header):
    """Issue 25: headers in the page's language, the KPI's name beside its id, figures as the document writes them
    (番禺 2019 决算: "全区已建成 5G 基站 2296 座", not 2296.0)."""
    from dashboard.data import load

    text = csv_text(load("kpi_values", kpis=["total_5g_base_stations"]), lang)
    assert text.startswith(header + ",")
    name = "累计建成5G基站" if lang == "zh" else "5G base stations in total"
    district = "番禺" if lang == "zh" else "Panyu"
    assert f"{district},2019,total_5g_base_stations,{name},2296," in text
    assert "2296.0" not in text


def test_a_change_has_no_float_noise():
    """番禺 2019 决算 line 602: "基本支出 1186.59 万元，比上年决算数增加 272.42 万元" (not 272.41999999999996);
    its 群众满意率 from 99.92% to 99.99%: 0.07, not 0.06999999999999318."""
    from dashboard.data import load

    basic = csv_text(load("yoy", kpi="basic_expenditure").filter(pl.col("year") == 2019), "zh")
    assert ",272.42," in basic and "272.4199" not in basic
    satisfaction = csv_text(load("yoy", kpi="service_satisfaction_rate").filter(pl.col("district") == "番禺"), "zh")
    assert ",0.07," in satisfaction and "0.0699" not in satisfaction
