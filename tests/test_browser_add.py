"""Adding a report in the real app, in headless Chromium: a new district's report is
uploaded, reviewed and accepted, and the district appears on the benchmark page.

The app runs on a copy of the reports, manifest and warehouse in a temporary folder
(ZHENGSHU_RAW, ZHENGSHU_MANIFEST, ZHENGSHU_DB), so data/ is never touched. Never
skipped: without /usr/bin/chromium this test fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from add_helpers import built_site, snapshot, tianhe_report
from playwright.sync_api import expect, sync_playwright
from test_browser import screenshot, settle

from bench.browser_bench import ARGS, CHROMIUM, STREAMLIT_APP, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("browser_add") / "site")


@pytest.fixture(scope="module")
def app_url(site):
    """`streamlit run streamlit_app.py` on a free loopback port, on the site's copy."""
    with served(STREAMLIT_APP, site.env()) as app:
        yield app.url


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium package is required: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_add_a_report_and_see_its_district_on_the_benchmark_page(browser, app_url, site, tmp_path):
    report = tmp_path / "天河区政数局2021年部门整体支出绩效自评报告.txt"
    report.write_bytes(tianhe_report())
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
    page = context.new_page()

    # Before: the benchmark has no 天河 (and the app has a connection to this warehouse open).
    page.goto(f"{app_url}/benchmark?kpi=budget_execution_rate&align=latest")
    settle(page, "对标")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("白云（2021 年）")
    expect(chart).not_to_contain_text("天河")

    # Upload and review: the district, year and kind read from the text, the figures found.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="添加报告").click()
    settle(page, "添加报告")
    untouched = snapshot(site)
    page.locator("input[type=file]").set_input_files(report)
    expect(page.get_by_role("heading", name="找到的指标（17 个）")).to_be_visible(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    expect(page.get_by_role("combobox", name="区")).to_have_value("天河")
    expect(page.get_by_role("combobox", name="报告类型")).to_have_value("绩效自评报告")
    expect(page.get_by_test_id("stNumberInput").locator("input")).to_have_value("2021")
    expect(page.get_by_text("标题：附件2广州市天河区政务服务数据管理局2021年部门整体支出绩效自评报告")).to_be_visible()
    screenshot(page, "add_report_preview")
    assert snapshot(site) == untouched  # reviewing writes nothing

    # Accept: stored, listed, rebuilt.
    page.get_by_role("button", name="接受并载入").click()
    expect(page.get_by_text(re.compile(r"已载入：天河 2021 年绩效自评报告（005_[0-9a-f]{16}\.txt）"))).to_be_visible(timeout=60_000)
    added = sorted(p.name for p in site.raw.iterdir())
    assert len(added) == 6 and re.fullmatch(r"005_[0-9a-f]{16}\.txt", added[-1])
    assert ",天河,广州市天河区政务服务数据管理局,2021,self_evaluation," in site.manifest.read_text(encoding="utf-8")

    # After: 天河 on the benchmark page, next to the others.
    page.get_by_role("link", name="到对标页查看").click()
    settle(page, "对标")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("天河（2021 年）")
    expect(chart).to_contain_text("白云（2021 年）")
    expect(page.get_by_test_id("stMultiSelect")).to_contain_text("天河")
    screenshot(page, "add_report_benchmark")
    context.close()
