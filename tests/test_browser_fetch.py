"""Adding a report from its address in the real app, in headless Chromium: a file://
address is refused on the page; the corpus 平潭 2016 决算, served by the test on 127.0.0.1
(the app started with ZHENGSHU_FETCH_PRIVATE=1), is fetched, reviewed and accepted, with
its address on the document. The app runs on a copy of the reports, manifest and
warehouse in a temporary folder, so data/ is never touched. Never skipped: without
/usr/bin/chromium this test fails."""

from __future__ import annotations

import re

import duckdb
import pytest
from add_helpers import built_site, snapshot
from app_helpers import screenshot, settle
from fetch_helpers import serving
from playwright.sync_api import expect

from dashboard.serving import STREAMLIT_APP, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("browser_fetch") / "site")


def test_fetch_a_report_from_its_address_on_the_add_page(browser, site):
    with serving() as server, served(STREAMLIT_APP, {**site.env(), "ZHENGSHU_FETCH_PRIVATE": "1"}) as app:
        context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
        page = context.new_page()
        page.goto(f"{app.url}/add_report")
        settle(page, "添加报告")
        untouched = snapshot(site)
        address = page.get_by_role("textbox", name="或填写报告的网址")

        # Another scheme: refused on the page (private addresses are allowed in this app, for the test's
        # server; their refusal is tested in tests/test_fetch.py); nothing changes.
        address.fill("file:///etc/passwd")
        page.get_by_role("button", name="取得").click()
        expect(page.get_by_text("只取得 http:// 和 https:// 网址，不取得 file:// 地址", exact=False)).to_be_visible(timeout=30_000)
        assert snapshot(site) == untouched

        # The report's address: fetched, read, reviewed like an upload.
        url = server.at("/pingtan.txt")
        address.fill(url)
        page.get_by_role("button", name="取得").click()
        expect(page.get_by_role("heading", name=re.compile(r"找到的指标（\d+ 个）"))).to_be_visible(timeout=30_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
        expect(page.get_by_role("combobox", name="区")).to_have_value("平潭")
        expect(page.get_by_role("combobox", name="报告类型")).to_have_value("部门决算")
        expect(page.get_by_text(re.compile(rf"已取得 {re.escape(url)} 于 20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ（UTC）"))).to_be_visible()
        screenshot(page, "add_report_link")
        assert snapshot(site) == untouched  # reviewing writes nothing

        page.get_by_role("button", name="接受并载入").click()
        expect(page.get_by_text(re.compile(r"已载入：平潭 2016 年部门决算（005_[0-9a-f]{16}\.txt）"))).to_be_visible(timeout=60_000)
        context.close()
    with duckdb.connect(str(site.db), read_only=True) as con:
        assert con.execute("select district, year, source_url from documents where source_url <> ''").fetchall() == [
            ("平潭", 2016, url)]
