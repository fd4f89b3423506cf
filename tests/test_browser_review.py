"""The review of an upload in headless Chromium: the 平潭综合实验区行政审批局 2016 决算说明
(tests/corpus, read by hand) before it is loaded. What a person reads in it:

- 本年支出 45951.12万元 at line 19 and again at line 27: one figure, two lines that agree;
- 截止到11月底，产业奖补窗口已受理431件申请 (line 16): one window's applications over
  eleven months, offered as a possible 政务服务业务受理量 with both reasons it is not one;
- eleven 功能分类 items (lines 35-45, 2010301 行政运行 353.32 … 2210202 提租补贴 6.74) that
  add up to the 45556.96 line 34 states (45556.95: within rounding);
- the uploader's button, its size line and the page's own words in Chinese, one size limit.

Never skipped: without /usr/bin/chromium this test fails.
"""

from __future__ import annotations

import pytest
from add_helpers import CORPUS, built_site
from app_helpers import screenshot, settle
from playwright.sync_api import expect

from dashboard.serving import STREAMLIT_APP, served

pytestmark = pytest.mark.browser

PINGTAN = CORPUS / "pingtan_approval_2016_final_accounts.txt"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    site = built_site(tmp_path_factory.mktemp("browser_review") / "site")
    with served(STREAMLIT_APP, site.env()) as app:
        yield app.url


def table_of(page, header: str):
    """The table (st.dataframe) that has a column named `header` (its cells are drawn on a canvas:
    the table behind it is matched by its text content, which has_text= would not see)."""
    return page.get_by_test_id("stDataFrame").filter(has=page.locator(f"xpath=.//th[normalize-space(.)='{header}']"))


def row_of(table, text: str):
    """The table's row that holds `text`."""
    return table.locator(f"xpath=.//tr[contains(., '{text}')]")


def test_the_review_of_pingtan_2016_groups_its_figures_and_previews_its_budget_lines(browser, app_url):
    context = browser.new_context(viewport={"width": 1440, "height": 2400}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{app_url}/add_report")
    settle(page, "添加报告")

    # The uploader in the page's language, with the limit the page states (20 MB, etl.documents.MAX_BYTES).
    expect(page.get_by_text("每个文件最大 20 MB）", exact=False)).to_be_visible()
    after = "(selector) => getComputedStyle(document.querySelector(selector), '::after').content"
    button = "[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] [data-testid=stMarkdownContainer]"
    assert page.evaluate(after, button) == '"选择文件"'
    assert page.evaluate(after, "[data-testid=stFileUploaderDropzoneInstructions] > div") == '"每个文件最大 20 MB"'
    expect(page.get_by_test_id("stFileUploaderDropzone").get_by_text("Upload", exact=True)).to_be_hidden()
    expect(page.get_by_text("20MB per file", exact=True)).to_be_hidden()
    expect(page.get_by_test_id("stFileUploaderDropzone").get_by_role("button", name="选择文件")).to_be_visible()

    page.locator("input[type=file]").set_input_files(PINGTAN)
    expect(page.get_by_role("heading", name="找到的指标（5 个）")).to_be_visible(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)

    # 45951.12 at lines 19 and 27: one row that says they agree.
    found = table_of(page, "是否一致")
    expect(found.locator("th")).to_have_text(["指标", "数值", "类别", "期间", "行号", "是否一致", "原文", "判断依据"],
                                                timeout=30_000)
    row = row_of(found, "45,951.12")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("19、27")
    expect(row).to_contain_text("第 19、27 行 2 处一致")
    expect(row).to_contain_text("「本年支出」→ 部门全年执行数")

    # 431件: offered, with what it is and why it is not the year's 政务服务业务受理量.
    possible = table_of(page, "为何不算该指标")
    window = row_of(possible, "431 件")
    expect(window).to_contain_text("政务服务业务受理量")
    expect(window).to_contain_text("只是一部分（「产业奖补窗口」），不是总数")
    expect(window).to_contain_text("只含 1-11月（「截止到11月底」），不是全年")

    # The eleven budget lines, before anything is loaded, and the document's own check of them.
    expect(page.get_by_text("预算科目（11 行，接受后载入）")).to_be_visible()
    lines = table_of(page, "科目编码")
    expect(lines.locator("tr")).to_have_count(12)  # the header and 11 rows
    first = row_of(lines, "2010301")
    expect(first).to_contain_text("行政运行")
    expect(first).to_contain_text("353.32")
    expect(first).to_contain_text("35")
    last = row_of(lines, "2210202")
    expect(last).to_contain_text("提租补贴")
    expect(last).to_contain_text("6.74")
    expect(last).to_contain_text("45")
    expect(page.get_by_text("核对通过：公共财政拨款支出决算情况 = 其中各项之和（第 34 行）：算得 45,556.95，文件写 45,556.96，相符")
           ).to_be_visible()

    # Plain words only: no file names, table names or catalog talk.
    body = page.get_by_test_id("stMain").inner_text()
    for jargon in ("decisions.csv", "按目录单位", "budget_lines", "stated_parts", "50MB", "Upload"):
        assert jargon not in body, jargon
    screenshot(page, "add_report_review_pingtan")
    context.close()
