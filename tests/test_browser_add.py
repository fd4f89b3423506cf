"""Adding a report in the real app, in headless Chromium: a new district's report is
uploaded, reviewed and accepted, and the district appears on the benchmark page.

The app runs on a copy of the reports, manifest and warehouse in a temporary folder
(ZHENGSHU_RAW, ZHENGSHU_MANIFEST, ZHENGSHU_DB), so data/ is never touched. Never
skipped: without /usr/bin/chromium this test fails.
"""

from __future__ import annotations

import re

import pytest
from add_helpers import report_of, served_site_fixtures, snapshot, tianhe_report
from app_helpers import screenshot, settle
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


site, app_url = served_site_fixtures("browser_add")  # the five reports, served once for the module


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
    expect(page.get_by_test_id("stNumberInput").locator("input").first).to_have_value("2021")
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


def test_review_a_report_correct_one_figure_add_a_missed_one(browser, app_url, tmp_path):
    """A 荔湾 report (白云's text): 受理工单超过 26万件 (line 191) corrected to line 323's exact
    266,859; 年服务人数超过 20万人 (line 133), which no rule reads, added; both on the
    Benchmark page with their status, and their lines on the Sources page."""
    report = tmp_path / "荔湾区政数局2021年部门整体支出绩效自评报告.txt"
    report.write_bytes(report_of("荔湾"))
    context = browser.new_context(viewport={"width": 1280, "height": 2400}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{app_url}/add_report")
    settle(page, "添加报告")
    page.locator("input[type=file]").set_input_files(report)
    expect(page.get_by_role("heading", name="找到的指标（17 个）")).to_be_visible(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)

    decide = page.get_by_test_id("stForm").filter(has_text="对一个数字作出决定")
    # below the fold too (the review's tables wrap their quotes), so scrolled to first, as below
    decide.get_by_role("combobox", name="数字").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    decide.get_by_role("combobox", name="数字").click()
    page.get_by_role("option", name="12345热线工单受理量 = 超过260,000 件 · 第 191 行 · 实际").click()
    decide.get_by_text("更正", exact=True).click()
    decide.get_by_label("更正为数值（用该指标的单位，如 万元、件、%）").fill("266859")
    decide.get_by_label("理由").fill("第 323 行：有效投诉 266859 件")
    decide.get_by_role("button", name="记下这个决定").click()
    expect(page.get_by_text("待保存的决定（1 个）")).to_be_visible()

    missed = page.get_by_test_id("stForm").filter(has_text="补录规则漏掉的数字")
    # Below the fold: scrolled to first, as a person would (a click that has to scroll the page
    # itself lands while the page moves, and the list does not open).
    missed.get_by_role("combobox", name="指标").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    missed.get_by_role("combobox", name="指标").click()
    page.get_by_role("option", name="政务服务人次").click()
    missed.get_by_label("行号").fill("133")
    missed.get_by_label("数值").fill("200000")
    missed.get_by_label("理由").fill("自助终端年服务人数超过 20万人")
    missed.get_by_role("button", name="记下这个数字").click()
    expect(page.get_by_text("待保存的决定（2 个）")).to_be_visible()
    expect(page.get_by_text("“终端提供服务功能 962项，年服务人数超过 20万人。”", exact=False)).to_be_visible()
    screenshot(page, "add_report_review")

    page.get_by_role("button", name="接受并载入").click()
    expect(page.get_by_text(re.compile(r"已载入：荔湾 2021 年绩效自评报告"))).to_be_visible(timeout=60_000)

    # the status column sits after the source's (document, line, quote): a wide window draws it
    page.set_viewport_size({"width": 3000, "height": 2400})
    for kpi, value, status in (("hotline_tickets", "266,859 件", "人工核对"), ("service_visits", "200,000 人次", "人工录入")):
        page.goto(f"{app_url}/benchmark?kpi={kpi}&align=latest")
        settle(page, "对标")
        expect(page.locator(".js-plotly-plot").first).to_contain_text("荔湾（2021 年）")
        table = page.get_by_test_id("stDataFrame").first
        expect(table).to_contain_text(value)
        expect(table).to_contain_text(status)
    for kpi, line, text in (("hotline_tickets", 191, "我区全年受理工单超过 26万件"), ("service_visits", 133, "年服务人数超过 20万人")):
        page.goto(f"{app_url}/sources?value={kpi}|荔湾|2021")
        settle(page, "来源与质量")
        expect(page.get_by_text(re.compile(rf"▶\s+{line}\s+.*{text}"))).to_be_visible()
    context.close()
