"""Editors in the real app, in headless Chromium (issue 27): a visitor reads every page and
meets a sign-in prompt on the add page, and a crafted upload changes nothing; an editor of
the local list signs in, adds the 平潭 2016 决算, corrects a figure, and the Sources page
names them beside the report and the decision. With no editor configured, the add page
works from loopback and refuses from the machine's own network address; served with
--read-only, there is no add page at all. No password reaches the repository's tree.

Each app runs on a copy of the reports (ZHENGSHU_RAW …) with its own editor list
(ZHENGSHU_EDITORS), so data/ and ~/.config are never touched. Never skipped."""

from __future__ import annotations

import re
import secrets
import socket
import subprocess
import urllib.error
import urllib.request

import pytest
from add_helpers import CORPUS, built_site, snapshot
from app_helpers import screenshot, settle
from playwright.sync_api import expect

from dashboard.serving import PRODUCT, STREAMLIT_APP, served
from etl import editors
from etl.build import ROOT

pytestmark = pytest.mark.browser

EDITOR = "李敏"
# Made anew on every run, so that finding it anywhere in the tree can only mean the product wrote it there.
PASSWORD = f"zs-{secrets.token_urlsafe(12)}"
PINGTAN = CORPUS / "pingtan_approval_2016_final_accounts.txt"
READING_PAGES = (("", "总览"), ("benchmark", "对标"), ("trends", "趋势"), ("budget", "预算"), ("sources", "来源与质量"),
                 ("briefing", "简报"))
SIGN_IN_NEEDED = "添加报告和核对数字需要编辑者登录；浏览各页无需登录。"
NO_EDITOR = "这个应用没有配置编辑者，因此只有在运行它的电脑上（localhost）才能添加报告或核对数字"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("browser_editors") / "site")


@pytest.fixture(scope="module")
def editor_list(tmp_path_factory):
    path = tmp_path_factory.mktemp("editors") / "editors.toml"
    editors.add(EDITOR, PASSWORD, path)
    return path


@pytest.fixture(scope="module")
def app(site, editor_list):
    with served(STREAMLIT_APP, {**site.env(), "ZHENGSHU_EDITORS": str(editor_list)}) as app:
        yield app


def test_a_visitor_reads_and_an_editor_adds_and_corrects(browser, app, site):
    context = browser.new_context(viewport={"width": 1600, "height": 2000}, locale="zh-CN")
    page = context.new_page()
    for path, heading in READING_PAGES:  # reading stays open to everyone
        page.goto(f"{app.url}/{path}")
        settle(page, heading)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="添加报告").click()
    settle(page, "添加报告")
    expect(page.get_by_text(SIGN_IN_NEEDED)).to_be_visible()
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(page.get_by_role("button", name="取得")).to_have_count(0)
    screenshot(page, "add_report_sign_in")

    # A request crafted to Streamlit's upload path, as if the page had an uploader: refused, nothing changes.
    untouched = snapshot(site)
    crafted = urllib.request.Request(f"{app.url}/_stcore/upload_file/not-a-session/not-a-file", method="PUT",
                                     data=PINGTAN.read_bytes(), headers={"Content-Type": "application/octet-stream"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(crafted, timeout=10)
    assert refused.value.code in (400, 403, 404, 405)
    assert snapshot(site) == untouched

    form = page.get_by_test_id("stForm")
    form.get_by_label("编辑者名称").fill(EDITOR)
    form.get_by_label("密码").fill("not-the-password")
    form.get_by_role("button", name="登录").click()
    expect(page.get_by_text("名称或密码不对。")).to_be_visible(timeout=15_000)
    expect(page.locator("input[type=file]")).to_have_count(0)
    form.get_by_label("密码").fill(PASSWORD)
    form.get_by_role("button", name="登录").click()
    expect(page.get_by_text(f"以编辑者 {EDITOR} 的身份操作")).to_be_visible(timeout=15_000)

    page.locator("input[type=file]").set_input_files(PINGTAN)
    expect(page.get_by_role("heading", name="找到的指标（5 个）")).to_be_visible(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    decide = page.get_by_test_id("stForm").filter(has_text="对一个数字作出决定")
    decide.get_by_role("combobox", name="数字").scroll_into_view_if_needed()  # below the fold: scrolled to first
    page.wait_for_timeout(300)
    decide.get_by_role("combobox", name="数字").click()
    page.get_by_role("option", name="基本支出 = 449.45 万元 · 第 28 行 · 实际").click()
    decide.get_by_text("更正", exact=True).click()
    decide.get_by_label("更正为数值（用该指标的单位，如 万元、件、%）").fill("449.46")
    decide.get_by_label("理由").fill("第 28 行：人员支出404.57万元，公用支出44.89万元，合计 449.46")
    decide.get_by_role("button", name="记下这个决定").click()
    expect(page.get_by_text("待保存的决定（1 个）")).to_be_visible()
    page.get_by_role("button", name="接受并载入").click()
    expect(page.get_by_text(re.compile(r"已载入：平潭 2016 年部门决算（005_[0-9a-f]{16}\.txt）"))).to_be_visible(timeout=60_000)
    assert f",{EDITOR}," in site.manifest.read_text(encoding="utf-8").splitlines()[-1]

    page.set_viewport_size({"width": 3200, "height": 2000})  # wide enough for the grid to draw every column
    page.goto(f"{app.url}/sources")
    settle(page, "来源与质量")
    open_table(page, "人工核对记录")
    decided = table_under(page, "人工核对记录")
    expect(decided).to_contain_text(EDITOR)
    expect(decided).to_contain_text("449.46")
    open_table(page, "报告清单")
    reports = table_under(page, "报告清单")
    expect(reports).to_contain_text(re.compile(rf"2016年度平潭综合实验区行政审批局部门决算说明.*005_[0-9a-f]{{16}}\.txt.*{EDITOR}"))
    expect(reports).to_contain_text("未知")  # the five reports listed before names were kept
    screenshot(page, "sources_who_added_and_decided")
    context.close()


def open_table(page, name: str) -> None:
    """Choose the Sources table whose button starts with `name` ('人工核对记录（1）'): drawn when asked."""
    page.get_by_role("radio", name=re.compile(rf"^{re.escape(name)}")).click()  # a segmented control: radios
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def table_under(page, heading: str):
    """The table after a heading, scrolled into view (the grid draws the rows it shows)."""
    table = page.get_by_role("heading", name=heading).locator("xpath=following::*[@data-testid='stDataFrame'][1]")
    table.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    return table


def test_no_password_in_the_tree_the_site_or_the_log(app, site, editor_list):
    """After the editor signed in (above): the password is nowhere in the repository's files
    (tracked or not), the site's data, the editor list (a salted hash only) or the server's log."""
    found = subprocess.run(["grep", "-rlF", "--exclude-dir=.git", "--exclude-dir=.venv", PASSWORD, str(ROOT), str(site.root)],
                           capture_output=True, text=True)
    assert found.returncode == 1, found.stdout  # grep: 1 is "no line matched"
    assert PASSWORD not in editor_list.read_text(encoding="utf-8")
    assert PASSWORD not in app.output()


def this_machines_address() -> str:
    """The machine's own non-loopback address: the one its default route leaves by, else the first
    `hostname -I` lists (a machine with no other address fails this test: it cannot show the refusal)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("198.51.100.1", 9))  # a documentation address; no packet is sent, connecting only picks the route
            return probe.getsockname()[0]
    except OSError:
        listed = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
        return next((a for a in listed if ":" not in a and not a.startswith("127.")), "127.0.0.1")


def test_with_no_editor_only_loopback_may_add(browser, site, tmp_path):
    address = this_machines_address()
    assert not address.startswith("127."), address
    env = {**site.env(), "ZHENGSHU_EDITORS": str(tmp_path / "none.toml")}
    with served(STREAMLIT_APP, env, address="0.0.0.0") as app:  # every address, as make run serves
        context = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="zh-CN")
        page = context.new_page()
        page.goto(app.url.replace("127.0.0.1", address) + "/add_report")
        settle(page, "添加报告")
        expect(page.get_by_text(NO_EDITOR)).to_be_visible()
        expect(page.locator("input[type=file]")).to_have_count(0)
        page.goto(f"{app.url}/add_report")  # the machine itself: as before editors existed
        settle(page, "添加报告")
        expect(page.locator("input[type=file]")).to_have_count(1)
        expect(page.get_by_text(NO_EDITOR)).to_have_count(0)
        context.close()


def test_read_only_serves_every_reading_page_and_no_add_page(browser, site):
    with served([*PRODUCT, "--read-only"], site.env(), timeout=180) as app:
        context = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="zh-CN")
        page = context.new_page()
        page.goto(f"{app.url}/sources")
        settle(page, "来源与质量")
        navigation = page.get_by_test_id("stSidebarNav")
        expect(navigation.get_by_role("link", name="来源与质量")).to_be_visible()
        expect(navigation.get_by_role("link", name="添加报告")).to_have_count(0)
        expect(page.get_by_role("link", name="核对这份报告的数字")).to_have_count(0)
        page.goto(f"{app.url}/add_report")
        page.wait_for_timeout(2000)
        expect(page.get_by_role("heading", name="添加报告", level=1)).to_have_count(0)
        expect(page.locator("input[type=file]")).to_have_count(0)
        assert "dashboard: read-only" in app.output()
        context.close()
