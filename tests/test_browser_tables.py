"""Issue 25 in headless Chromium on the five sources: the source beside the figure in
tables, empty comparisons explained, budget checks where the budget is, search results
in the page's language, downloads as a reader writes figures."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import quote

import pytest
from app_helpers import settle
from playwright.sync_api import Page, expect

from dashboard.serving import PRODUCT, served

pytestmark = pytest.mark.browser
expect.set_options(timeout=20_000)
THREE = quote("番禺,白云,增城")


@pytest.fixture(scope="module")
def app_url(warehouse: Path):
    with served(PRODUCT, {"ZHENGSHU_DB": str(warehouse)}) as app:
        yield app.url


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def test_budget_page_shows_panyu_2021s_failing_checks_with_their_arithmetic(page, app_url):
    page.goto(f"{app_url}/budget")
    settle(page, "预算")
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name="数字核对").click()  # its view
    expect(page.get_by_role("heading", name="预算数字核对")).to_be_visible()
    checks = page.get_by_test_id("stMarkdownContainer").filter(has_text="算式")
    # 番禺 2021: 执行数 10340.03 万元, 其中本级 9788.27、中心 712.76 (第 552–554 行)
    expect(checks).to_contain_text("文件所写：10,340.03")
    expect(checks).to_contain_text("计算得：10,501.03")
    expect(checks).to_contain_text("9788.27（第 554 行） + 区政务服务中心预算数 712.76（第 554 行） = 10501.03；文件写 10340.03")
    # 基本支出执行率 stated 93.8% (第 598 行) against 1403.97 ÷ 1568.97
    expect(checks).to_contain_text("文件所写：93.8%")
    expect(checks).to_contain_text("计算得：89.48%")
    expect(checks).to_contain_text("1403.97 ÷ 1568.97 = 89.48%（第 566 行 ÷ 第 560 行）；文件写 93.8%（第 598 行）")
    expect(page.get_by_text("应为")).to_have_count(0)


def test_sources_search_marks_the_term_under_chinese_headers(page, app_url):
    page.goto(f"{app_url}/sources?q=5G")
    settle(page, "来源与质量")
    results = page.locator(".zs-search")
    expect(results).to_be_visible()
    assert results.locator("th").all_inner_texts() == ["区", "年份", "文件", "行号", "原文"]
    expect(results.locator("mark").first).to_have_text("5G")
    # 番禺 2019 决算, line 1489: "加快推进 5G 网络建设，全区已建成 5G 基站 2296 座"
    row = results.locator("tr", has_text="全区已建成")
    expect(row.first).to_contain_text("1489")
    assert row.first.locator("mark").all_inner_texts()[:2] == ["5G", "5G"]
    text = results.inner_text()
    assert "<p>" not in text and "<ol" not in text  # the 决算's table cells carry <p>…</p>


def test_benchmark_explains_an_empty_same_year_view_and_offers_the_nearest(page, app_url):
    page.goto(f"{app_url}/benchmark?kpi=hotline_satisfaction_rate&align=same_year&districts={THREE}")
    settle(page, "对标")
    why = page.get_by_test_id("stAlert").filter(has_text="各区情况")
    expect(why).to_contain_text("番禺：报告未提供此指标")
    expect(why).to_contain_text("白云：2023 年无此指标（报告年份：2021）")
    expect(why).to_contain_text("增城（2023 年）：可比较；报告年份：2023")
    expect(page.get_by_text("请至少选择两个区")).to_have_count(0)
    page.get_by_role("button", name="看各区最新年份（增城 2023、白云 2021 可比较）").click()
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("87.75%")  # 增城 2023
    expect(chart).to_contain_text("78.65%")  # 白云 2021
    expect(page.get_by_text("各区情况")).to_have_count(0)
    assert "align=latest" in page.url


def test_benchmark_offers_the_nearest_year_that_compares(page, app_url):
    page.goto(f"{app_url}/benchmark?kpi=budget_execution_rate&align=same_year&year=2023&districts={THREE}")
    settle(page, "对标")
    expect(page.get_by_text("番禺：2023 年无此指标（报告年份：2019、2021）")).to_be_visible()
    page.get_by_role("button", name="看 2021 年（白云、番禺可比较）").click()
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("99.5%")  # 白云 2021
    expect(chart).to_contain_text("93.2%")  # 番禺 2021
    assert "year=2021" in page.url


def column_helps(page: Page, grid) -> dict[str, float]:
    """Each column header's help (its tooltip) and the x where the mouse first found it,
    the mouse moved along the header row within the window: only a column in view answers."""
    box = grid.bounding_box()
    found: dict[str, float] = {}
    x = box["x"] + 8
    while x < min(box["x"] + box["width"], page.viewport_size["width"]):
        page.mouse.move(x, box["y"] + 16)
        tip = page.get_by_test_id("stDataFrameTooltipContent")
        try:
            tip.wait_for(timeout=700)
            found.setdefault(tip.inner_text(), x)
        except Exception:  # no help on this column  # noqa: BLE001
            pass
        x += 30
    return found


def test_benchmark_table_shows_document_line_and_quote_without_scrolling_sideways(page, app_url):
    page.goto(f"{app_url}/benchmark?kpi=budget_execution_rate&align=latest&districts={THREE}")
    settle(page, "对标")
    page.get_by_role("heading", name="数据与出处").scroll_into_view_if_needed()
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["y"] + 60 <= 900
    helps = column_helps(page, grid)
    document = next(x for h, x in helps.items() if h.startswith("数字出自的文件"))
    line = next(x for h, x in helps.items() if h.startswith("数字在文件中的行号"))
    quote_at = next(x for h, x in helps.items() if h.startswith("数字所在的原文句子"))
    assert box["x"] < document < line < quote_at < 1440 - 100  # in this order, the quote with room to be read


def test_a_chart_csv_has_headers_in_the_page_language_and_no_float_noise(page, app_url):
    page.goto(f"{app_url}/trends?kpi=basic_expenditure&districts={quote('番禺')}")
    settle(page, "趋势")
    page.get_by_role("button", name="下载", exact=True).first.click()  # the first chart's download menu
    with page.expect_download() as download:
        page.get_by_role("button", name="图中数据 CSV").first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"区", "年份", "指标编号", "指标", "数值", "文件", "行号", "原文"} <= set(rows[0])
    by_year = {row["年份"]: row for row in rows}
    # 番禺 2019 决算 line 602: "1. 基本支出 1186.59 万元，比上年决算数增加 272.42 万元"
    assert (by_year["2019"]["数值"], by_year["2019"]["行号"], by_year["2019"]["指标"]) == ("1186.59", "602", "基本支出")
    assert all(len(row["数值"].partition(".")[2]) <= 2 for row in rows)  # no 1186.5900000000001, no .0


def test_every_chosen_kpi_keeps_its_remove_button_on_a_phone(browser, app_url):
    """Issue 25, item 9: the briefing's KPI chips ran past the box on a phone, hiding their ×."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{app_url}/briefing?lang=en")
    settle(page, "Briefing")
    removes = page.get_by_test_id("stMultiSelectTagsContainer").first.locator("button")
    assert removes.count() == 4  # the four headline KPIs
    for button in removes.all():
        box = button.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= 390
        # what the reader would touch at the × is the × itself, not the box's edge or another chip
        assert button.evaluate("(b) => { const r = b.getBoundingClientRect();"
                               " return b.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }")
    context.close()


def test_a_bad_kpi_in_the_link_is_said_not_silently_replaced(page, app_url):
    page.goto(f"{app_url}/benchmark?kpi=no_such_kpi")
    settle(page, "对标")
    expect(page.get_by_text("链接中的指标“no_such_kpi”不存在，已改为显示“部门整体预算执行率”。")).to_be_visible()


def test_copying_the_link_says_so(browser, app_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page = context.new_page()
    page.goto(f"{app_url}/sources")
    settle(page, "来源与质量")
    button = page.locator("#zs-share-copy")
    button.click()
    expect(button).to_have_text("已复制 ✓")
    expect(button).to_have_text("复制链接", timeout=5000)  # and back, ready for another copy
    context.close()
