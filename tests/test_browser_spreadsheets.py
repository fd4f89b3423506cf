"""Adding a report from several files in the real app, in headless Chromium: the text of
上海市普陀区财政局's 2024 部门决算 and its tables as a spreadsheet, chosen together in the
file picker, are previewed and loaded as one document with the sheets' budget lines.

The app runs on a copy of the reports, manifest and warehouse in a temporary folder, so
data/ is never touched. Never skipped: without /usr/bin/chromium this test fails.
"""

from __future__ import annotations

import io
import re

import duckdb
import putuo_tables as putuo
import pytest
from add_helpers import served_site_fixtures, snapshot
from app_helpers import screenshot, settle
from playwright.sync_api import expect

from etl.build import ROOT

pytestmark = pytest.mark.browser

TEXT = ROOT / "tests" / "corpus" / "putuo_finance_2024_final_accounts.txt"


site, app_url = served_site_fixtures("browser_spreadsheets")  # the five reports, served once for the module


def test_a_text_and_its_spreadsheet_chosen_together_are_one_report(browser, app_url, site, tmp_path):
    workbook = tmp_path / "普陀2024决算表.xlsx"
    buffer = io.BytesIO()
    putuo.write_xlsx(buffer)
    workbook.write_bytes(buffer.getvalue())
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{app_url}/add_report")
    settle(page, "添加报告")
    untouched = snapshot(site)

    page.locator("input[type=file]").set_input_files([TEXT, workbook])  # both at once, as a person picks them
    expect(page.get_by_text("预算科目（193 行，接受后载入）")).to_be_visible(timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    expect(page.get_by_role("combobox", name="区")).to_have_value("普陀")
    expect(page.get_by_role("combobox", name="报告类型")).to_have_value("部门决算")
    expect(page.get_by_text("标题：上海市普陀区财政局2024年度部门决算")).to_be_visible()
    # the document's text: the report's own lines, then the sheet after a line naming it
    page.get_by_text(re.compile(r"提取的文本（\d+ 行）")).click()
    expect(page.get_by_text("附件：普陀2024决算表.xlsx")).to_be_visible()
    screenshot(page, "add_report_spreadsheets")
    assert snapshot(site) == untouched  # reviewing writes nothing

    page.get_by_role("button", name="接受并载入").click()
    expect(page.get_by_text(re.compile(r"已载入：普陀 2024 年部门决算（005_[0-9a-f]{16}\.txt）"))).to_be_visible(timeout=60_000)
    [added] = [p for p in site.raw.iterdir() if p.name.startswith("005_")]
    with duckdb.connect(str(site.db), read_only=True) as con:
        assert con.execute("select source from documents where doc_id = ?", [added.stem]).fetchone() == (
            f"{TEXT.name} + 普陀2024决算表.xlsx",)
        assert con.execute("select count(*) from budget_lines where doc_id = ?", [added.stem]).fetchone() == (193,)
        assert con.execute("select value from budget_lines where doc_id = ? and code = '2010601' and "
                           "table_name = '一般公共预算财政拨款支出决算表' and column_name = '本年支出合计'",
                           [added.stem]).fetchone() == (1511.89,)
    context.close()
