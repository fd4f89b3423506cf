"""The real app in headless Chromium (Debian's package, driven by Playwright): every
page, the language switch, a shared link, figures on the rendered page, phone width.

Never skipped: without /usr/bin/chromium these tests fail. Screenshots go to
tests/artifacts/; with UPDATE_SCREENSHOTS=1 the README's images in docs/ are renewed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from app_helpers import screenshot, screenshot_from, settle
from playwright.sync_api import Page, expect

from dashboard.serving import PRODUCT, Reruns, served

pytestmark = pytest.mark.browser
# A busy 2-core machine (CI runs everything at once) can take more than Playwright's 5 s default.
expect.set_options(timeout=20_000)



@pytest.fixture(scope="module")
def app_url(warehouse: Path):
    """The app as `make run` serves it (`python -m dashboard`: warm-up, then the
    server) on a free loopback port, on the session's warehouse."""
    with served(PRODUCT, {"ZHENGSHU_DB": str(warehouse)}) as app:
        yield app.url


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def test_overview_shows_real_figures(page, app_url):
    page.goto(app_url)
    settle(page, "总览")
    expect(page.get_by_text("2021 年部门整体预算执行率：白云最高（99.5%），番禺最低（93.2%）。未比较：增城 2023 年 99.96%（年份不同）。")
           ).to_be_visible()
    expect(page.get_by_text("99.96%").first).to_be_visible()
    expect(page.get_by_text("各区报告年份不同").first).to_be_visible()


# Each dot of the Overview's picture: its label (district and value), the centre of its dot, its hover text.
DOTS = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart] .scatterlayer .trace')].flatMap(trace => {
  const dot = trace.querySelector('.points path'), label = trace.querySelector('.textpoint text');
  if (!dot || !label) return [];
  const r = dot.getBoundingClientRect();
  return [{label: label.textContent, x: r.x + r.width / 2, y: r.y + r.height / 2}];
})"""
YEARS = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart] .ytick text')].map(t => {
  const r = t.getBoundingClientRect();
  return {year: t.textContent, y: r.y + r.height / 2};
})"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_agrees_with_itself_on_the_first_screen(browser, app_url, lang):
    """At 1440×900, without scrolling: the 要点 say who leads and lags in 2021, and the picture
    shows the same: 白云 right of 番禺 on one line (2021), 增城's 2023 on a line of its own; every %
    block on one scale (99.9% beside 99.99%, not at the other edge from it)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN" if lang == "zh" else "en-US")
    page = context.new_page()
    page.goto(f"{app_url}/?lang={lang}")
    settle(page, "总览" if lang == "zh" else "Overview")
    answer = ("2021 年部门整体预算执行率：白云最高（99.5%），番禺最低（93.2%）" if lang == "zh"
              else "Budget execution rate, 2021: Baiyun highest (99.5%), Panyu lowest (93.2%)")
    expect(page.get_by_text(answer)).to_be_in_viewport(ratio=1)
    page.locator("[data-testid=stPlotlyChart] .scatterlayer .textpoint").first.wait_for()
    names = {"白云": "Baiyun", "番禺": "Panyu", "增城": "Zengcheng"}

    def dot(district: str, value: str) -> dict:
        label = f"{district} {value}" if lang == "zh" else f"{names[district]} {value}"
        return next(d for d in page.evaluate(DOTS) if d["label"] == label)

    def year(each: dict) -> str:  # the year written beside a dot's line
        return min(page.evaluate(YEARS), key=lambda tick: abs(tick["y"] - each["y"]))["year"]

    baiyun, panyu, zengcheng = dot("白云", "99.5%"), dot("番禺", "93.2%"), dot("增城", "99.96%")
    assert year(baiyun) == year(panyu) == ("2021 年" if lang == "zh" else "2021")
    assert baiyun["x"] > panyu["x"] + 100  # 白云 leads in 2021, right of 番禺, as the 要点 say
    assert year(zengcheng) == ("2023 年" if lang == "zh" else "2023") and zengcheng["y"] > baiyun["y"] + 10
    for each in (baiyun, panyu, zengcheng):
        assert 0 <= each["y"] <= 900
    assert abs(dot("番禺", "99.99%")["x"] - dot("白云", "99.9%")["x"]) < 5  # one scale: side by side
    assert abs(dot("白云", "100%")["x"] - zengcheng["x"]) < 2  # 100% and 99.96% of two blocks, one scale
    screenshot(page, "overview" if lang == "zh" else "overview_en")
    context.close()


@pytest.mark.parametrize(("path", "heading"), [("/overview", "总览"), ("/overview?lang=en", "Overview")])
def test_the_overview_answers_at_its_name(page, app_url, path, heading):
    page.goto(app_url + path)
    settle(page, heading)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert ("lang=en" in page.url) == ("lang=en" in path)  # its choices kept


def test_hovering_a_dot_of_the_overview_shows_its_source(page, app_url):
    page.goto(app_url)
    settle(page, "总览")
    page.locator("[data-testid=stPlotlyChart] .scatterlayer .textpoint").first.wait_for()
    panyu = next(d for d in page.evaluate(DOTS) if d["label"] == "番禺 93.2%")
    page.mouse.move(panyu["x"], panyu["y"])
    hover = page.locator("[data-testid=stPlotlyChart] .hoverlayer .hovertext")
    expect(hover).to_contain_text("番禺（2021 年）: 93.2%")
    expect(hover).to_contain_text("区政数局2021年部门整体支出绩效自评报告 · 第 556 行")
    expect(hover).to_contain_text("“区政数局2021年度整体预算执行率为93.2%.。”")


def test_every_page_opens_from_the_sidebar(page, app_url):
    page.goto(app_url)
    settle(page, "总览")
    for link, heading in [("对标", "对标"), ("趋势", "趋势"), ("预算", "预算"), ("来源与质量", "来源与质量"), ("总览", "总览")]:
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
        settle(page, heading)


def test_language_switch_to_english(page, app_url):
    page.goto(app_url)
    settle(page, "总览")
    page.get_by_text("English", exact=True).click()
    settle(page, "Overview")
    expect(page.get_by_text("Budget execution rate, 2021: Baiyun highest (99.5%), Panyu lowest (93.2%).", exact=False)
           ).to_be_visible()
    assert "lang=en" in page.url


@pytest.mark.parametrize(("path", "heading", "name"), [("/benchmark?lang=en", "Benchmark", "benchmark_en")])
def test_english_pages_for_the_readme(browser, app_url, path, heading, name):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = context.new_page()
    page.goto(app_url + path)
    settle(page, heading)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, name)
    context.close()


def test_shared_link_reproduces_the_view(page, app_url):
    districts = quote("白云,增城")
    page.goto(f"{app_url}/benchmark?lang=en&kpi=hotline_satisfaction_rate&align=latest&districts={districts}")
    settle(page, "Benchmark")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("87.75%")
    expect(chart).to_contain_text("78.65%")
    expect(chart).to_contain_text("Zengcheng(2023)")  # the district over its year (two tick lines)
    expect(page.get_by_text("12345 hotline satisfaction rate").first).to_be_visible()


def test_the_sidebar_link_follows_a_part_of_the_page_redrawn_alone(page, app_url):
    """A search reruns only its part of the Sources page (a fragment), which cannot redraw
    the sidebar; the link there still carries it, and opens the same results."""
    page.goto(f"{app_url}/sources")
    settle(page, "来源与质量")
    box = page.get_by_label("在全部报告中搜索（如：满意率、5G、12345）")
    box.fill("好评率")
    box.press("Enter")
    expect(page.get_by_text("共 ", exact=False).first).to_be_visible()
    link = page.locator("#zs-share-link")
    expect(link).to_contain_text("q=好评率")
    expect(link).to_contain_text("/sources?")
    shared = link.inner_text()
    page.goto(shared)
    settle(page, "来源与质量")
    expect(page.get_by_label("在全部报告中搜索（如：满意率、5G、12345）")).to_have_value("好评率")


def test_benchmark_page_for_the_readme(page, app_url):
    page.goto(f"{app_url}/benchmark?kpi=budget_execution_rate&align=latest")
    settle(page, "对标")
    chart = page.locator(".js-plotly-plot").first
    for figure in ("99.96%", "99.5%", "93.2%"):
        expect(chart).to_contain_text(figure)
    screenshot(page, "benchmark")


def test_sources_page_traces_a_figure_to_its_line(page, app_url):
    page.goto(f"{app_url}/sources?value={quote('budget_total|白云|2021')}")
    settle(page, "来源与质量")
    expect(page.get_by_text("▶   117  全年预算数 6,302.34万元，执行数 6,268.76万元，完成")).to_be_visible()


# Every heading and chart of a page lies inside the screen, and no text of a chart
# (title, axis labels, cell labels) runs past the chart's own box.
OUT_OF_BOUNDS = """() => {
  const width = window.innerWidth, out = [];
  for (const e of document.querySelectorAll('h1, h2, h3, [data-testid=stPlotlyChart], [data-testid=stVegaLiteChart]')) {
    const r = e.getBoundingClientRect();
    if (r.width && (r.left < -1 || r.right > width + 1)) out.push(e.tagName + ' ' + (e.textContent || '').slice(0, 30));
  }
  for (const chart of document.querySelectorAll('[data-testid=stPlotlyChart]')) {
    const box = chart.getBoundingClientRect();
    for (const t of chart.querySelectorAll('svg text')) {
      const r = t.getBoundingClientRect();
      if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) out.push('text ' + t.textContent.slice(0, 30));
    }
  }
  return out;
}"""


@pytest.mark.parametrize(("path", "heading", "charts"), [("", "总览", 1), ("/benchmark?scorecard=1", "对标", 2), ("/trends", "趋势", 1),
                                                         ("/budget", "预算", 1), ("/budget?view=spending", "预算", 1),
                                                         ("/budget?view=projects", "预算", 1), ("/sources", "来源与质量", 0),
                                                         ("/briefing", "简报", 0)])
def test_every_page_fits_a_phone(browser, app_url, path, heading, charts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(app_url + path)
    settle(page, heading)
    # every Plotly chart of the page drawn (it passed before a chart was there to be measured)
    page.wait_for_function("""n => document.querySelectorAll('[data-testid=stPlotlyChart]').length === n
        && [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('svg.main-svg text'))""",
                           arg=charts, timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    out = page.evaluate(OUT_OF_BOUNDS)
    for _ in range(60):  # a chart drawn in a part of the page redrawn alone may still be taking the phone's width (15 s on a busy machine)
        if not out:
            break
        page.wait_for_timeout(250)
        out = page.evaluate(OUT_OF_BOUNDS)
    assert out == []
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")  # the page is not covered
    if not path:
        screenshot(page, "overview_phone")
    context.close()


def test_the_phone_menu_closes_after_a_choice(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(app_url)
    settle(page, "总览")
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "false")
    page.get_by_test_id("stSidebar").get_by_role("link", name="对标").click()
    settle(page, "对标")
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    page.get_by_test_id("stExpandSidebarButton").click()  # the language is a choice in the menu too
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    settle(page, "Benchmark")
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    page.get_by_test_id("stExpandSidebarButton").click()  # a click elsewhere in the menu leaves it open
    page.get_by_test_id("stSidebar").get_by_role("button", name="Copy").click()
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "false")
    context.close()


@pytest.mark.parametrize("kind", ["self_evaluations_only", "with_corpus"])
def test_every_page_opens_on_other_warehouses(browser, kind, tmp_path_factory):
    """The three self-evaluations alone (no 决算, no 目标表), and the sources plus the corpus reports (other
    places, other bureaus, a 部门预算): every page opens in Chromium without an exception."""
    from add_helpers import warehouse_of

    db = warehouse_of(tmp_path_factory.mktemp(kind), kinds=("self_evaluation",) if kind == "self_evaluations_only" else None,
                      corpus=kind == "with_corpus")
    with served(PRODUCT, {"ZHENGSHU_DB": str(db)}) as app:
        context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
        page = context.new_page()
        for path, heading in [("", "总览"), ("/benchmark", "对标"), ("/trends", "趋势"), ("/budget", "预算"),
                              *((f"/budget?view={view}", "预算") for view in ("spending", "checks", "compare", "projects")),
                              ("/budget?accounts_as=table", "预算"), ("/sources", "来源与质量"), ("/briefing", "简报")]:
            page.goto(app.url + path)
            settle(page, heading)
            expect(page.get_by_test_id("stException")).to_have_count(0)
        if kind == "with_corpus":
            page.goto(app.url + "/benchmark?kpi=budget_executed")
            settle(page, "对标")
            expect(page.get_by_text("来自不同机构").first).to_be_visible()
        context.close()


def test_budget_beside_final_accounts_for_the_readme(browser, tmp_path):
    """The budget-vs-final table in Chromium, on the 普陀 pair of add_helpers.budget_beside_final."""
    from add_helpers import budget_beside_final

    with served(PRODUCT, {"ZHENGSHU_DB": str(budget_beside_final(tmp_path, "上海市普陀区财政局"))}) as app:
        context = browser.new_context(viewport={"width": 1280, "height": 3200}, locale="zh-CN")
        page = context.new_page()
        page.goto(app.url + "/budget")
        settle(page, "预算")
        page.get_by_test_id("stButtonGroup").get_by_role("radio", name="预算与决算对照").click()  # its view
        heading = page.get_by_role("heading", name="预算与决算对照（按功能分类科目）")
        expect(heading).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_test_id("stDataFrame")).to_have_count(1)  # budget vs final
        page.wait_for_timeout(1000)
        screenshot_from(page, heading, "budget_vs_final", x=0, width=1280, height=520)
        context.close()


def test_the_benchmark_pickers_keep_panyu_in_chromium(page, app_url):
    """The sequence that once lost 番禺: another KPI and back, then 同一年份 and back. Each step waits
    for the rerun its click caused (the websocket's script_finished, then two frames drawn) and
    checks what the click changed, so no step can pass before its click has taken effect."""
    reruns = Reruns(page)
    page.goto(f"{app_url}/benchmark")
    settle(page, "对标")
    districts = page.get_by_test_id("stMultiSelect")
    kpi = page.get_by_test_id("stSelectbox").filter(has_text="指标")
    missing = page.get_by_text("未参与比较：番禺：报告未提供此指标")
    kpi.click()
    reruns.after(page, lambda: page.get_by_role("option", name="12345热线 · 12345热线满意率").click())
    assert "kpi=hotline_satisfaction_rate" in page.url
    expect(districts.get_by_text("番禺")).to_be_visible()
    expect(missing).to_be_visible()
    kpi.click()
    reruns.after(page, lambda: page.get_by_role("option", name="预算 · 部门整体预算执行率").click())
    assert "kpi=budget_execution_rate" in page.url
    expect(missing).to_have_count(0)  # 番禺 has this KPI: the note the last KPI needed is gone
    expect(districts.get_by_text("番禺")).to_be_visible()
    reruns.after(page, lambda: page.get_by_text("同一年份", exact=True).click())
    assert "align=same_year" in page.url and "year=2021" in page.url  # the latest year two districts share, not 2023
    for district in ("番禺", "白云", "增城"):
        expect(districts.get_by_text(district)).to_be_visible()
    reruns.after(page, lambda: page.get_by_text("各区最新年份", exact=True).click())
    assert "align=latest" in page.url
    for district in ("番禺", "白云", "增城"):
        expect(districts.get_by_text(district)).to_be_visible()
    assert "%E7%95%AA%E7%A6%BA" in page.url or "番禺" in page.url  # 番禺 in the link too
