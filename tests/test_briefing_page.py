"""The 简报 Briefing page, and the image downloads under every chart: AppTest for the
controls, contents and buttons; headless Chromium for what a click really downloads."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import pytest
from app_helpers import open_page, settle
from playwright.sync_api import expect
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dashboard.export import png_size
from dashboard.serving import STREAMLIT_APP, served


@pytest.fixture(autouse=True)
def session_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))


def buttons(at: AppTest) -> dict[str, list]:
    found: dict[str, list] = {}
    for button in at.get("download_button"):
        found.setdefault(button.proto.label, []).append(button.proto)
    return found


@pytest.mark.parametrize(("lang", "title"), [("zh", "简报"), ("en", "Briefing")])
def test_briefing_page_runs_in_both_languages(lang, title):
    at = open_page("briefing", lang)
    assert at.title[0].value == title


def test_briefing_page_lists_the_pack_and_its_kpi_table():
    at = open_page("briefing", kpis="budget_execution_rate,hotline_satisfaction_rate", districts="白云,增城",
                   years="2021,2023")
    markdown = [m.value for m in at.markdown]
    assert "简报内容：首页、指标一览表（4 行）、2 张图" in markdown  # one year per district: no trend lines
    table = at.dataframe[0].value
    assert table.iloc[1].tolist() == ["部门整体预算执行率", "增城", 2023, "99.96%", "文件所述",
                                      "《2023年度广州市增城区政务服务数据管理局部门整体支出绩效自评报告》第 298 行"]
    found = buttons(at)
    # made only when clicked: a deferred file, no data sent with the page
    assert found["下载简报 PPTX"][0].deferred_file_id and not found["下载简报 PPTX"][0].url
    assert found["下载简报 PDF"][0].deferred_file_id


def test_briefing_page_keeps_its_filters_in_the_url():
    at = open_page("briefing", kpis="hotline_tickets", districts="增城", years="2022,2023")
    assert at.query_params["kpis"] == "hotline_tickets"
    assert [m.value for m in at.markdown][0] == "简报内容：首页、指标一览表（2 行）、2 张图"


def test_briefing_page_asks_for_a_pick():
    at = open_page("briefing", kpis="")
    assert at.info[0].value == "请至少选择一个指标、一个区和一个年份。"


@pytest.mark.parametrize(("page", "params", "expected"), [("benchmark", {}, 1), ("benchmark", {"scorecard": "1"}, 2),
                                                       ("trends", {}, 1), ("budget", {}, 1),
                                                       ("budget", {"view": "spending"}, 2), ("budget", {"view": "projects"}, 1)])
def test_every_chart_offers_png_svg_and_csv_made_on_click(page, params, expected):
    """The Budget page's four charts are in three of its views (one drawn at a time); the
    Benchmark's scorecard is drawn when asked."""
    at = open_page(page, **params)
    charts = len(at.get("plotly_chart")) + len(at.get("vega_lite_chart"))
    assert charts == expected
    found = buttons(at)
    for label in ("图片 PNG", "图片 SVG", "图中数据 CSV"):
        assert len(found[label]) == charts
        assert all(proto.deferred_file_id and not proto.url for proto in found[label])


def test_chart_downloads_in_english():
    found = buttons(open_page("trends", "en"))
    assert {"Image PNG", "Image SVG", "Chart data CSV"} <= set(found)


# ------------------------------------------------------------------ in a real browser


@pytest.fixture(scope="module")
def app_url(warehouse: Path):
    """`streamlit run streamlit_app.py` on a free loopback port, on the session's warehouse."""
    with served(STREAMLIT_APP, {"ZHENGSHU_DB": str(warehouse)}) as app:
        yield app.url


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN", accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_clicking_png_downloads_the_framed_image(page, app_url):
    page.goto(f"{app_url}/trends?kpi=hotline_tickets&districts={quote('白云,增城')}")
    settle(page, "趋势")
    page.get_by_role("button", name="下载", exact=True).first.click()  # the first chart's download menu
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="图片 PNG").first.click()
    download = download_info.value
    # districts in the order the chart's legend lists them
    assert download.suggested_filename == "hotline_tickets_trend_2021-2023_增城-白云.png"
    image = Path(download.path()).read_bytes()
    width, height = png_size(image)
    assert width == 2000 and height > 2 * 420


@pytest.mark.browser
def test_downloads_wait_closed_in_one_menu_per_chart_and_table(page, app_url):
    """Issue 26: a page mounts no download button until its menu is opened (the buttons cost Budget about 400
    of its 2,100 DOM nodes); each menu is one click away and holds what was under its chart or table, tooltips kept."""
    page.goto(f"{app_url}/trends")
    settle(page, "趋势")
    menus = page.get_by_role("button", name="下载", exact=True)
    expect(menus).to_have_count(2)  # the chart, the data and sources table (the year-over-year table is drawn when asked)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    menus.first.click()
    offered = page.get_by_test_id("stPopoverBody").get_by_test_id("stDownloadButton")
    expect(offered).to_contain_text(["图片 PNG", "图片 SVG", "图中数据 CSV"])
    offered.first.hover()
    expect(page.get_by_text("2 倍分辨率图片，含标题、单位、区、年份、来源文件和制作时间。")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    menus.last.click()
    expect(offered).to_contain_text(["下载此表 CSV", "下载此表 Excel"])
    page.keyboard.press("Escape")
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name="同比变化").click()  # the other table, and its own menu
    expect(page.get_by_role("heading", name="同比变化")).to_be_visible()
    expect(menus).to_have_count(2)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    menus.last.click()
    expect(offered).to_contain_text(["下载此表 CSV", "下载此表 Excel"])


@pytest.mark.browser
def test_clicking_pptx_downloads_the_briefing(page, app_url):
    page.goto(f"{app_url}/briefing?kpis=budget_execution_rate&districts={quote('白云,增城')}&years=2021,2023")
    settle(page, "简报")
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("button", name="下载简报 PPTX").click()
    download = download_info.value
    assert download.suggested_filename == "briefing_budget_execution_rate_2021-2023_白云-增城.pptx"  # what it holds
    deck = Presentation(io.BytesIO(Path(download.path()).read_bytes()))
    assert len(deck.slides) == 1 + 1 + 1  # title, KPI table, the districts compared (one year each: no trend)
