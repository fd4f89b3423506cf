"""Pictures that cannot mislead, with the source one hover away (issue 25), on the five
sources: 番禺 2019's 68.31% is the 决算's 部门整体预算完成率 (003 line 1414: "部门整体预算完成率：|
68.31%"), another measure than its 2021 self-evaluation's 执行率 93.2% (000 line 556:
"2021年度整体预算执行率为 93.2%.。"); the scorecard's colour bar and labels leave its cells
uncovered; the treemap's labels are readable."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pytest
from app_helpers import hover_texts, open_page, plotly_specs, screenshot, settle
from playwright.sync_api import Page, expect

from dashboard import briefing, export
from dashboard.serving import PRODUCT, served

pytestmark = pytest.mark.browser
expect.set_options(timeout=20_000)

PANYU_2019 = "番禺（2019 年）：部门决算口径，与其他区的口径不同，不参与排名"
SQUARE = "方块为另一口径的数字（旁注“口径不同”），不与其他年份连线"


@pytest.fixture(scope="module")
def app_url(warehouse: Path):
    with served(PRODUCT, {"ZHENGSHU_DB": str(warehouse)}) as app:
        yield app.url


def _page(browser, width: int = 1280, height: int = 1600) -> Page:
    return browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN").new_page()


def test_the_briefing_pdf_marks_panyu_2019_as_another_measure(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    selection = briefing.gather(["budget_execution_rate"], ["番禺", "白云", "增城"], [2019, 2021, 2023])
    exports, images = briefing.render(selection)
    trend = next(chart for chart in exports if chart.file_stem.startswith("budget_execution_rate_trend"))
    panyu = next(trace for trace in trend.figure.data if trace.name == "番禺")
    assert [(x, s, label) for x, s, label in zip(panyu.x, panyu.marker.symbol, panyu.text, strict=True) if x] == [
        (2019, "square", "口径不同"), (2021, "circle", " ")]  # 68.31% a square, labelled, not joined to 93.2%
    pack = briefing.build_pack(selection, exports, images)
    pdf = pypdfium2.PdfDocument(pack.pdf)
    pages = [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf))]
    trend_page = next(text for text in pages if SQUARE in text)  # the note is text under the picture, not pixels
    assert f"另作标记的点：{PANYU_2019}" in trend_page
    # the footer's promise is one the pack keeps: its KPI table names each figure's line (there is no CSV in it)
    assert export.frame_lines(trend, export.now())[1][-1].endswith("每个数字的来源文件与行号见本简报的指标表")
    assert "《2019年广州市番禺区政务服务数据管理局部门决算》第 1414 行" in pages[1]
    from pptx import Presentation

    slide_notes = [shape.text_frame.text for slide in Presentation(io.BytesIO(pack.pptx)).slides for shape in slide.shapes
                   if shape.name == "notes"]
    assert any(SQUARE in text and PANYU_2019 in text for text in slide_notes)


def test_a_benchmark_bar_hovers_its_document_line_and_quote(browser, app_url):
    page = _page(browser)
    page.goto(f"{app_url}/benchmark?kpi=budget_execution_rate")
    settle(page, "对标")
    bars = page.get_by_test_id("stPlotlyChart").first
    texts = hover_texts(page, bars, ".bars .point path")
    panyu = next(text for text in texts if "93.2%" in text)
    assert "区政数局2021年部门整体支出绩效自评报告" in panyu and "第 556 行" in panyu and "整体预算执行率为93.2%" in panyu
    page.context.close()


def test_the_trends_note_explains_every_marker_drawn(browser, app_url):
    page = _page(browser)
    page.goto(f"{app_url}/trends?kpi=budget_execution_rate")
    settle(page, "趋势")
    expect(page.locator(".js-plotly-plot .scatterlayer .points path").first).to_be_attached()
    symbols = set(page.evaluate("""() => document.querySelector('.js-plotly-plot').data
        .flatMap(trace => trace.x.map((x, i) => x === null ? null : trace.marker.symbol[i]).filter(Boolean))"""))
    assert symbols == {"circle", "square"}
    explained = {"circle": "实心圆点为报告所述", "square": SQUARE}
    for symbol in symbols:
        expect(page.get_by_text(explained[symbol])).to_be_visible()
    expect(page.get_by_text(f"另作标记的点：{PANYU_2019}")).to_be_visible()
    hover = hover_texts(page, page.get_by_test_id("stPlotlyChart").first, ".scatterlayer .points path")
    assert any("68.31%" in text and "第 1414 行" in text and "部门整体预算完成率" in text for text in hover)
    screenshot(page, "trends_marks")
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_scorecard_colour_bar_and_labels_cover_no_cell(browser, app_url, width):
    page = _page(browser, width, 2400)
    page.goto(f"{app_url}/benchmark")
    settle(page, "对标")
    page.get_by_text("显示记分卡", exact=True).click()  # drawn when asked
    card = page.get_by_test_id("stPlotlyChart").nth(1)
    card.scroll_into_view_if_needed()
    expect(card.locator("g.colorbar")).to_be_visible()
    cells = card.locator(".nsewdrag").first.bounding_box()  # the plot area: the cells
    colour_bar = card.locator("g.colorbar").bounding_box()
    assert colour_bar["y"] >= cells["y"] + cells["height"]  # wholly below the last row
    ticks = card.locator(".xtick text")
    assert ticks.count() >= 3
    for index in range(ticks.count()):
        tick = ticks.nth(index)
        assert "rotate" not in (tick.get_attribute("transform") or "")  # level, not tilted over the cells
        box = tick.bounding_box()
        assert box["y"] + box["height"] <= cells["y"] + 1
    # the cell of 番禺's 93.2% answers with its document, line and quote
    cell = card.locator(".textpoint text", has_text="93.2%").bounding_box()
    page.mouse.move(cell["x"] + cell["width"] / 2, cell["y"] + cell["height"] / 2)
    label = page.locator(".hoverlayer .hovertext").first
    expect(label).to_contain_text("第 556 行")
    expect(label).to_contain_text("区政数局2021年部门整体支出绩效自评报告")
    screenshot(page, f"scorecard_{width}", clip=card.bounding_box())
    page.context.close()


def test_the_treemap_labels_are_readable_and_hover_their_line(browser, app_url):
    page = _page(browser)
    page.goto(f"{app_url}/budget")
    settle(page, "预算")
    treemap = page.get_by_test_id("stPlotlyChart").first  # the view on load: 功能分类科目
    treemap.scroll_into_view_if_needed()
    expect(treemap.locator(".treemaplayer g.slice").nth(1)).to_be_attached()
    sizes = treemap.locator(".treemaplayer text.slicetext").evaluate_all(
        "texts => texts.filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize))")
    assert sizes and min(sizes) >= 12
    tile = treemap.locator(".treemaplayer g.slice").nth(1)
    tile.hover(force=True)
    label = page.locator(".hoverlayer .hovertext").first
    expect(label).to_be_visible()
    assert "第 " in label.text_content() and "行" in label.text_content()
    screenshot(page, "treemap", clip=treemap.bounding_box())
    page.context.close()


def test_the_budget_charts_hover_their_source(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    specs = plotly_specs(open_page("budget", view="spending"))
    budget = next(trace for trace in specs[0]["data"] if trace["name"] == "预算数")
    # 番禺 2021: "11092.98万元" on line 548 of its self-evaluation, in the sentence under （三）部门整体收支情况
    panyu = budget["customdata"][budget["y"].index(11092.98)]
    assert "《区政数局2021年部门整体支出绩效自评报告》" in panyu and "第 548 行" in panyu and "“（三）部门整体收支情况" in panyu
    # the 2024 project targets' largest project, 业务办公用房经费 2,499.38, is on line 57
    projects = plotly_specs(open_page("budget", view="projects"))[0]["data"][0]
    office = projects["customdata"][projects["x"].index(2499.38)]
    assert "2024 年" in office and "第 57 行" in office
