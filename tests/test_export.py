"""Chart images, their CSV, the briefing pack and the command line (dashboard/export.py,
dashboard/briefing.py), on the session's warehouse built from the real reports."""

from __future__ import annotations

import dataclasses
import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pdfplumber
import polars as pl
import pytest
from PIL import Image
from pptx import Presentation

from dashboard import briefing, export
from dashboard.charts import basic_vs_project, benchmark_bars, project_bars, scorecard_heatmap
from dashboard.export.__main__ import _years
from dashboard.export.__main__ import main as export_main
from dashboard.kpis import kpi_info

MADE = datetime(2024, 5, 6, 9, 30, tzinfo=export.BEIJING)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def session_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))


@pytest.fixture
def load():
    from dashboard.data import load

    return load


def benchmark_export(load, kpi_id: str, districts: list[str] | None = None, lang: str = "zh") -> export.ChartExport:
    """The Benchmark page's chart (each district's latest year), as the page makes it."""
    rows = load("benchmark", kpi=kpi_id, alignment="latest")
    if districts:
        rows = rows.filter(pl.col("district").is_in(districts))
    kpi = kpi_info(load("catalog"), kpi_id, lang)
    return export.chart_export(benchmark_bars(rows, kpi, lang), rows, kpi_id, kpi.unit, load("documents"), lang)


def svg_texts(svg: bytes) -> list[str]:
    """Every text in the image: the frame's first, then the chart's."""
    root = ET.fromstring(svg)  # well-formed XML, or this fails
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def frame_texts(svg: bytes) -> list[str]:
    """The frame's lines: title, subtitle, source lines, the date line."""
    return ["".join(node.itertext()) for node in ET.fromstring(svg).findall(f"{SVG}text")]


def test_png_is_twice_the_images_layout_size(load):
    chart = benchmark_export(load, "budget_execution_rate")
    image = export.png(chart, MADE)
    root = ET.fromstring(export.svg(chart, MADE))
    width, height = int(root.get("width")), int(root.get("height"))
    assert width == export.EXPORT_WIDTH == 1000
    assert export.png_size(image) == (2 * width, 2 * height)
    assert Image.open(io.BytesIO(image)).size == (2000, 2 * height)
    # the chart inside keeps the height its builder gave it (420), with the frame around it
    chart_svg = root.find(f"{SVG}g/{SVG}svg")
    assert chart_svg.get("height") == "420"
    assert height > 420 + 100


def test_svg_carries_title_unit_districts_years_sources_and_date(load):
    chart = benchmark_export(load, "budget_execution_rate")
    svg = export.svg(chart, MADE)
    title, subtitle, *sources, made = frame_texts(svg)
    assert title == "部门整体预算执行率（%）"
    assert subtitle == "单位：%　区：增城、白云、番禺　年份：2021、2023"
    assert len(sources) == 2  # wrapped to the image's width
    assert "".join(sources) == ("来源：增城 2023《2023年度广州市增城区政务服务数据管理局部门整体支出绩效自评报告》；"
                                "白云 2021《广州市白云区政务服务数据管理局2021年部门整体支出绩效自评报告》；"
                                "番禺 2021《区政数局2021年部门整体支出绩效自评报告》")
    assert made.startswith("制作于 2024-05-06 09:30（北京时间）")
    # the chart's own text is in the same file: bar labels and the axis labels
    assert {"99.96%", "99.5%", "93.2%", "增城（2023 年）"} <= set(svg_texts(svg))


def test_svg_in_english(load):
    chart = benchmark_export(load, "hotline_satisfaction_rate", lang="en")
    title, subtitle, *_ = frame_texts(export.svg(chart, MADE))
    assert title == "12345 hotline satisfaction rate (%)"  # ASCII brackets in English, full-width in Chinese
    assert subtitle == "Unit: % · Districts: Zengcheng, Baiyun · Years: 2021, 2023"
    assert chart.file_stem == "hotline_satisfaction_rate_2021-2023_Zengcheng-Baiyun"


def test_file_name_says_what_is_in_it(load):
    rows = load("benchmark", kpi="hotline_satisfaction_rate", alignment="latest").sort("district", descending=True)
    kpi = kpi_info(load("catalog"), "hotline_satisfaction_rate")
    chart = export.chart_export(benchmark_bars(rows, kpi), rows, "hotline_satisfaction_rate", kpi.unit, load("documents"))
    assert chart.file_stem == "hotline_satisfaction_rate_2021-2023_白云-增城"


def test_source_line_names_only_the_documents_shown(load):
    chart = benchmark_export(load, "budget_execution_rate", districts=["白云"])
    assert chart.sources == ("白云 2021《广州市白云区政务服务数据管理局2021年部门整体支出绩效自评报告》",)
    assert chart.districts == ("白云",) and chart.years == (2021,)


def test_csv_holds_exactly_the_numbers_shown_with_their_sources(load):
    chart = benchmark_export(load, "budget_execution_rate")
    data = export.csv(chart)
    assert data.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    rows = pl.read_csv(io.BytesIO(data))  # headers in the export's language (issue 25)
    assert rows["区"].to_list() == ["增城", "白云", "番禺"]
    assert rows["数值"].to_list() == [99.96, 99.5, 93.2]
    assert rows["行号"].to_list() == [298, 119, 556]
    assert rows["文件"][2] == "区政数局2021年部门整体支出绩效自评报告"
    assert rows["原文"][2] == "区政数局2021年度整体预算执行率为93.2%.。"


def test_scorecard_exports_with_its_title(load):
    scores = load("scorecard").filter(pl.col("districts") >= 2)
    cells = scores.select(pl.col("kpi_id").alias("kpi_name"), pl.col("district").alias("district_label"), "score",
                          pl.col("value").cast(pl.Utf8).alias("label"))
    chart = export.chart_export(scorecard_heatmap(cells), scores, "scorecard_latest", "得分", load("documents"),
                                title="记分卡：各指标 × 各区")
    svg = export.svg(chart, MADE)
    assert frame_texts(svg)[0] == "记分卡：各指标 × 各区"
    assert "budget_execution_rate" in svg_texts(svg)  # a row of the heatmap
    width, height = export.png_size(export.png(chart, MADE))
    assert width == 2 * export.EXPORT_WIDTH
    assert height == 2 * int(ET.fromstring(svg).get("height"))


def test_altair_chart_exports_at_twice_its_size():
    chart = _stacked_chart("白云")
    svg = export.svg(chart, MADE)
    assert frame_texts(svg)[0] == "基本支出与项目支出"
    width, height = export.png_size(export.png(chart, MADE))
    assert width == 2 * export.EXPORT_WIDTH
    assert height == 2 * int(ET.fromstring(svg).get("height"))


def _project_chart(name: str) -> export.ChartExport:
    frame = pl.DataFrame({"project_name": [f"{name}政务服务项目"], "total": [120.5], "district": ["番禺"], "year": [2024]})
    return export.chart_export(project_bars(frame, "项目"), frame, "projects", "万元", pl.DataFrame(
        schema={"doc_id": pl.Utf8, "district": pl.Utf8, "year": pl.Int32, "title": pl.Utf8}), title="项目支出")


def _stacked_chart(name: str) -> export.ChartExport:
    frame = pl.DataFrame({"label": [f"{name} 2021"] * 2, "part": ["基本支出", "项目支出"], "value": [1.0, 2.0]})
    return export.chart_export(basic_vs_project(frame), frame, "basic_vs_project", "万元", pl.DataFrame(
        schema={"doc_id": pl.Utf8, "district": pl.Utf8, "year": pl.Int32, "title": pl.Utf8}), title="基本支出与项目支出")


@pytest.mark.parametrize("where", ["frame title", "Plotly chart text", "Altair chart text"])
def test_chinese_renders_as_glyphs_not_boxes(load, where):
    """Without a CJK font every Chinese character is the same empty box, and two images
    differing only in 番禺 / 白云 come out identical."""
    if where == "frame title":
        chart = benchmark_export(load, "budget_execution_rate")
        images = [export.png(dataclasses.replace(chart, title=name), MADE) for name in ("番禺", "白云")]
    elif where == "Plotly chart text":
        images = [export.png(_project_chart(name), MADE) for name in ("番禺", "白云")]
    else:
        images = [export.png(_stacked_chart(name), MADE) for name in ("番禺", "白云")]
    first, second = (Image.open(io.BytesIO(image)).convert("L") for image in images)
    assert first.size == second.size
    assert first.tobytes() != second.tobytes()


def test_noto_cjk_font_is_installed():
    folder = export.font_directory()
    assert any(folder.glob("NotoSansCJK-Regular.tt[cf]"))


@pytest.mark.parametrize(("text", "lines"), [
    ("来源：甲《一二三四》；乙《五六七八》", ["来源：甲《一二三四》；", "乙《五六七八》"]),
    ("短", ["短"]),
])
def test_wrap_breaks_after_separators(text, lines):
    assert export.wrap(text, 10, 100) == lines


@pytest.mark.parametrize(("given", "years"), [(["2021-2023"], [2021, 2022, 2023]), (["2021,2023"], [2021, 2023]),
                                              (["2023", "2021"], [2021, 2023])])
def test_command_line_years(given, years):
    assert _years(given) == years


@pytest.fixture(scope="module")
def pack_selection(warehouse):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZHENGSHU_DB", str(warehouse))
        selection = briefing.gather(["budget_execution_rate", "hotline_satisfaction_rate"], ["白云", "增城", "番禺"],
                                    list(range(2019, 2024)))
    exports, images = briefing.render(selection, MADE)
    return selection, exports, briefing.build_pack(selection, exports, images, MADE)


def test_pack_plans_a_comparison_and_a_trend_per_kpi(pack_selection):
    selection, exports, _ = pack_selection
    # a trend needs a district with two years: 番禺 2019 and 2021; the hotline rate has one year per district
    assert briefing.plan(selection) == [("budget_execution_rate", "compare"), ("budget_execution_rate", "trend"),
                                        ("hotline_satisfaction_rate", "compare")]
    assert [e.file_stem for e in exports] == [
        "budget_execution_rate_2021-2023_增城-白云-番禺", "budget_execution_rate_trend_2019-2023_白云-增城-番禺",
        "hotline_satisfaction_rate_2021-2023_增城-白云"]
    assert exports[0].title == "部门整体预算执行率（%） · 各区对比"


def test_pptx_has_title_table_and_one_slide_per_chart(pack_selection):
    _, exports, pack = pack_selection
    deck = Presentation(io.BytesIO(pack.pptx))
    slides = list(deck.slides)
    assert len(slides) == 1 + 1 + len(exports) == 5
    title = "\n".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "政务服务数据管理局对标简报" in title
    assert "指标：部门整体预算执行率、12345热线满意率" in title
    assert "区：白云、增城、番禺" in title
    assert "年份：2019、2020、2021、2022、2023" in title
    assert "制作于 2024-05-06 09:30（北京时间）" in title

    table = next(shape.table for shape in slides[1].shapes if shape.has_table)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["指标", "区", "年份", "数值", "状态", "来源"]
    assert ["部门整体预算执行率", "增城", "2023", "99.96%", "文件所述",
            "《2023年度广州市增城区政务服务数据管理局部门整体支出绩效自评报告》第 298 行"] in rows
    assert ["12345热线满意率", "白云", "2021", "78.65%", "文件所述",
            "《广州市白云区政务服务数据管理局2021年部门整体支出绩效自评报告》第 193 行"] in rows

    for slide, chart in zip(slides[2:], exports, strict=True):
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == 1
        assert pictures[0].image.size[0] == 2000
        assert pictures[0].name == chart.file_stem
        assert chart.title in slide.notes_slide.notes_text_frame.text
    assert "第 298 行" in slides[2].notes_slide.notes_text_frame.text


def test_pdf_has_the_same_pages(pack_selection):
    _, exports, pack = pack_selection
    with pdfplumber.open(io.BytesIO(pack.pdf)) as pdf:
        assert len(pdf.pages) == 2 + len(exports)
        cover, table = pdf.pages[0].extract_text(), pdf.pages[1].extract_text()
        assert "政务服务数据管理局对标简报" in cover
        assert "制作于 2024-05-06 09:30" in cover
        assert re.search(r"部门整体预算执行率\s*增城\s*2023\s*99\.96%", table)
        assert all(len(page.images) == 1 for page in pdf.pages[2:])


def test_pack_in_english(warehouse):
    selection = briefing.gather(["budget_execution_rate"], ["增城"], [2023], "en")
    table = briefing.kpi_table(selection)
    assert table.row(0) == ("Budget execution rate", "Zengcheng", 2023, "99.96%", "As reported",
                            "2023年度广州市增城区政务服务数据管理局部门整体支出绩效自评报告, line 298")
    assert briefing.plan(selection) == [("budget_execution_rate", "compare")]


def test_command_line_writes_images_data_and_pack(warehouse, tmp_path, capsys):
    out = tmp_path / "briefings"
    assert export_main(["--kpi", "hotline_tickets", "--district", "白云", "增城", "--year", "2021-2023",
                        "--out", str(out), "--db", str(warehouse)]) == 0
    names = sorted(path.name for path in out.iterdir())
    # the comparison lists ranked values first: 白云's “超过26万件” is a lower bound, not ranked, so it comes after 增城
    assert names == sorted([
        "hotline_tickets_2021-2023_增城-白云.png", "hotline_tickets_2021-2023_增城-白云.svg",
        "hotline_tickets_2021-2023_增城-白云.csv", "hotline_tickets_trend_2021-2023_白云-增城.png",
        "hotline_tickets_trend_2021-2023_白云-增城.svg", "hotline_tickets_trend_2021-2023_白云-增城.csv",
        "kpi_table.csv", "briefing_hotline_tickets_2021-2023_白云-增城.pptx", "briefing_hotline_tickets_2021-2023_白云-增城.pdf"])
    assert export.png_size((out / "hotline_tickets_2021-2023_增城-白云.png").read_bytes())[0] == 2000
    csv = pl.read_csv(out / "hotline_tickets_trend_2021-2023_白云-增城.csv")
    assert csv.select("区", "年份", "数值", "状态", "行号").rows() == [  # as a reader names them (issue 25)
        ("白云", 2021, 260000, "文件所述", 191), ("增城", 2022, 211700, "推算", 282),
        ("增城", 2023, 231400, "文件所述", 282)]
    assert len(Presentation(str(out / "briefing_hotline_tickets_2021-2023_白云-增城.pptx")).slides) == 4
    assert "briefing_hotline_tickets_2021-2023_白云-增城.pdf" in capsys.readouterr().out


def test_command_line_refuses_an_unknown_kpi(warehouse, tmp_path, capsys):
    with pytest.raises(SystemExit):
        export_main(["--kpi", "no_such_kpi", "--out", str(tmp_path), "--db", str(warehouse)])
    assert "unknown KPI no_such_kpi" in capsys.readouterr().err
