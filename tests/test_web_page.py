"""Adding a report from a saved web page (etl/web_page.py through etl.intake): the real
page of 平潭综合实验区行政审批局's 2016年度部门决算说明 as saved from the browser
(../shared/corpus/html/, its README: 92 KB of site header, menus, search forms,
breadcrumb, scripts and footer around a Word-pasted article) reads to the lines of the
same report's text (../shared/corpus/pingtan_approval_2016_final_accounts.txt, written
from that page by hand), in UTF-8 and in GBK whatever its <meta charset> says, and adds
with the same figures, its publication date and its address."""

from __future__ import annotations

import csv
import quopri
import subprocess
import sys

import duckdb
import pytest
from add_helpers import built_site

from etl import add, intake
from etl.build import ROOT
from etl.documents import DocumentError

CORPUS = ROOT.parent / "shared" / "corpus"
PAGE = CORPUS / "html" / "pingtan_approval_2016_final_accounts.html"
TEXT = CORPUS / "pingtan_approval_2016_final_accounts.txt"
ADDRESS = "https://www.pingtan.gov.cn/zwgk/zdlyxxgk/czzj/bmyjsgk/bmjsgk/201708/t20170809_7571.htm"
TITLE = "2016年度平潭综合实验区行政审批局部门决算说明"

# What the page shows around the article, read off the page: the header's links and
# labels, the main menu and its sub-menus, the search box, the breadcrumb, the article's
# tool bar and QR code, the footer's link lists and its lines.
SITE_WORDS = (
    "国务院", "省政府", "省人大", "省政协", "移动版", "闽政通APP", "登录", "注册", "网站支持IPV6",
    "首页", "政务公开", "解读回应", "办事服务", "互动交流", "走进平潭",
    "政府信息公开", "领导之窗", "政府机构", "要闻", "政策文件库", "重点领域信息公开", "平潭政策解读",
    "福建网上办事大厅", "12345便民惠企服务平台", "在线访谈", "民意征集", "互动交流知识库",
    "历史搜索：", "热门搜索：", "长者模式", "无障碍浏览", "当前位置：", "财政资金", "部门预决算公开", "部门决算公开",
    "扫一扫在手机上查看当前页面", "关闭", "附件下载", "政策文件", "相关链接", "来源：平潭综合实验区行政审批局",
    "省市政府网站", "福建省人民政府", "福州市政府网站", "友情链接", "新闻媒体", "人民网", "新华网",
    "关于我们", "联系我们", "使用帮助", "隐私保护", "网站标识码：3590000001", "闽ICP备09032658号",
    "版权所有：平潭综合实验区党工委管委会网站", "主办单位：福建省平潭综合实验区管理委员会办公室",
)

# The report's 公共财政拨款支出 items as its text states them (lines 35-45 of the .txt).
BUDGET_LINES = {("2010301", 353.32), ("2010302", 598.74), ("2010303", 300.0), ("2010305", 38.85),
                ("2012502", 148.18), ("2120101", 405.58), ("2120103", 9.66), ("2150805", 43186.43),
                ("2160502", 484.61), ("2210201", 24.84), ("2210202", 6.74)}


def page_html() -> str:
    return PAGE.read_text(encoding="utf-8")


def text_lines() -> list[str]:
    return TEXT.read_text(encoding="utf-8").splitlines()


def as_text(line: str) -> str:
    """A "| a | b |" row as the hand-made text gives it: its cells with spaces between."""
    return " ".join(cell.strip() for cell in line.strip("| ").split(" | ")) if line.startswith("| ") else line


def expected_figures() -> set[tuple[str, float]]:
    with (ROOT / "tests" / "expected_figures.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if "pingtan_approval_2016" in row["document"]]
    return {(row["kpi_id"], float(row["value"])) for row in rows}


def test_the_saved_page_reads_to_the_reports_lines():
    upload = intake.read_upload(PAGE.name, PAGE.read_bytes())
    assert upload.source_format == "html"
    assert upload.lines[0] == TITLE
    # the same lines as the text made from the page by hand; the unit table as the rows the table readers take
    assert [as_text(line) for line in upload.lines] == text_lines()
    assert upload.lines[6:11] == ["| 单位名称 | 经费性质 | 人员编制数 | 在职人数 |",
                                  "| 平潭综合实验区行政审批局本级 | 财政核拨 | 15 | 15 |",
                                  "| 平潭综合实验区行政服务中心 | 财政核拨 | 8 | 5 |",
                                  "| 平潭综合实验区马上办办公室 | 财政核拨 | / | / |",
                                  "| 平潭综合实验区公共资源交易中心 | 财政核拨 | 8 | 4 |"]
    assert (upload.published, upload.source_url) == ("2017-08-09", ADDRESS)
    assert upload.notes == ()


def test_none_of_the_sites_words_is_a_line():
    assert not any(word in line for word in SITE_WORDS for line in text_lines())  # the report's own text has none
    lines = intake.read_upload(PAGE.name, PAGE.read_bytes()).lines
    assert [line for line in lines if any(word in line for word in SITE_WORDS)] == []


@pytest.mark.parametrize(("declared", "note"), [
    ('charset="gbk"', ()),
    ('charset="GB2312"', ()),
    ('charset="utf-8"', (("网页声明的字符编码是 utf-8，内容实际是 GB18030，已按 GB18030 读取",
                          "the page declares its encoding as utf-8 but is GB18030: read as GB18030"),)),
    ('', (("网页没有声明字符编码，按检测到的 GB18030 读取", "the page declares no encoding: read as GB18030, detected"),)),
])
def test_a_gbk_page_reads_to_the_same_lines_whatever_its_meta_says(declared, note):
    utf8 = intake.read_upload(PAGE.name, PAGE.read_bytes())
    data = page_html().replace('charset="utf-8"', declared).encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    upload = intake.read_upload("gbk.htm", data)
    assert upload.lines == utf8.lines
    assert (upload.published, upload.source_url, upload.notes) == ("2017-08-09", ADDRESS, note)


def test_a_http_equiv_charset_is_read():
    html = page_html().replace('<meta charset="utf-8" name="viewport"',
                               '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><meta name="viewport"')
    upload = intake.read_upload("page.html", html.encode("gbk"))
    assert upload.lines[:2] == text_lines()[:2] and upload.notes == ()


def test_a_utf8_page_that_says_gbk_is_read_as_utf8():
    upload = intake.read_upload("page.html", page_html().replace('charset="utf-8"', 'charset="gbk"').encode("utf-8"))
    assert upload.lines[0] == TITLE
    assert upload.notes == (("网页声明的字符编码是 gbk，内容实际是 UTF-8，已按 UTF-8 读取",
                             "the page declares its encoding as gbk but is UTF-8: read as UTF-8"),)


def test_the_date_and_address_from_the_page_where_no_meta_names_them():
    html = (page_html().replace('<meta name="PubDate" content="2017-08-09 15:07"/>', "")
            .replace(f'<meta name="Url" content="{ADDRESS}"/>', f'<link rel="canonical" href="{ADDRESS}">'))
    upload = intake.read_upload("page.html", html.encode())
    # 时间：2017-08-09 15:07, the line under the article's title
    assert (upload.published, upload.source_url) == ("2017-08-09", ADDRESS)
    html = html.replace('<link rel="canonical" href="', '<meta property="og:url" content="').replace(
        '<span class="article_time">时间：2017-08-09 15:07</span>', "<span>发布日期：2017年8月9日</span>")
    upload = intake.read_upload("page.html", html.encode())
    assert (upload.published, upload.source_url) == ("2017-08-09", ADDRESS)


def test_a_page_that_names_neither_has_none():
    html = (page_html().replace('<meta name="PubDate" content="2017-08-09 15:07"/>', "")
            .replace(f'<meta name="Url" content="{ADDRESS}"/>', "")
            .replace('<span class="article_time">时间：2017-08-09 15:07</span>', ""))
    upload = intake.read_upload("page.html", html.encode())
    assert (upload.published, upload.source_url) == ("", "")
    assert upload.lines[0] == TITLE


def test_an_mhtml_saved_by_a_browser():
    """As Chrome saves a page (Save as… Webpage, single file): MIME multipart/related, the
    page quoted-printable, the address it was saved from in Snapshot-Content-Location."""
    html = page_html().replace(f'<meta name="Url" content="{ADDRESS}"/>', "")
    boundary = "----MultipartBoundary--x7kQ2----"
    mhtml = (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {ADDRESS}\r\nSubject: =?utf-8?Q?x?=\r\n"
             f"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"{boundary}\"\r\n"
             f"\r\n\r\n--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
             f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {ADDRESS}\r\n\r\n").encode()
    mhtml += quopri.encodestring(html.encode("utf-8")).replace(b"\n", b"\r\n")
    mhtml += f"\r\n--{boundary}\r\nContent-Type: text/css\r\nContent-Location: https://example.invalid/a.css\r\n\r\n" \
             f"p {{}}\r\n--{boundary}--\r\n".encode()
    upload = intake.read_upload("page.mhtml", mhtml)
    assert upload.lines == intake.read_upload(PAGE.name, PAGE.read_bytes()).lines
    assert (upload.source_format, upload.published, upload.source_url) == ("html", "2017-08-09", ADDRESS)


def test_a_page_of_menus_only_is_refused():
    html = page_html()
    menus = html[: html.index('<div class="article_component"')] + html[html.index("<!--底部开始-->"):]
    with pytest.raises(DocumentError) as raised:
        intake.read_upload("menus.html", menus.encode())
    assert raised.value.problem_zh == ("网页里没有找到正文，只有网站的菜单、导航或链接：请打开报告正文所在的页面另存为网页后上传，"
                                       "或上传报告的 PDF、Word 版本")
    assert raised.value.problem_en == ("no article text in the web page, only the site's menus, navigation or links: "
                                       "save the page that holds the report itself and upload that, "
                                       "or upload the report's PDF or Word version")


@pytest.mark.parametrize(("name", "data", "problem_en"), [
    ("blank.html", b"<html><head><title>x</title></head><body></body></html>", "no article text in the web page"),
    ("binary.html", b"<html>\x00\x01\x02", "binary file, not a web page"),
    ("misnamed.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "the name says .html but the content is a PDF"),
    ("empty.mhtml", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
                    b"Content-Type: text/css\r\n\r\np {}\r\n--b--\r\n", "the MHTML file holds no web page"),
])
def test_a_bad_page_gets_a_clear_error(name, data, problem_en):
    with pytest.raises(DocumentError) as raised:
        intake.read_upload(name, data)
    assert raised.value.problem_en.startswith(problem_en) and raised.value.problem_zh


def test_the_page_gives_the_figures_the_text_gives(tmp_path):
    where = {"raw_dir": tmp_path / "raw", "manifest_path": tmp_path / "manifest.csv"}  # an empty warehouse's
    from_page = add.preview(intake.read_upload(PAGE.name, PAGE.read_bytes()), **where)
    from_text = add.preview(intake.read_upload(TEXT.name, TEXT.read_bytes()), **where)
    assert (from_page.document.district, from_page.document.year, from_page.document.kind) == ("平潭", 2016, "final_accounts")
    assert ({(o.kpi_id, o.value, o.line, o.role) for o in from_page.observations}
            == {(o.kpi_id, o.value, o.line, o.role) for o in from_text.observations})
    assert expected_figures() <= {(o.kpi_id, o.value) for o in from_page.observations}


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """The page added on the command line to a copy of the five sources and their warehouse."""
    site = built_site(tmp_path_factory.mktemp("web_page") / "site")
    result = subprocess.run([sys.executable, "-m", "etl", "add", str(PAGE), "--yes", *site.cli()],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "区 district: 平潭 · 年份 year: 2016 · 类型 kind: final_accounts" in result.stdout
    con = duckdb.connect(str(site.db), read_only=True)
    yield con
    con.close()


def test_added_on_the_command_line_with_its_date_and_address(added):
    doc_id, title, published, source_url, source = added.execute(
        "select doc_id, title, published, source_url, source from documents where district = '平潭'").fetchone()
    assert (title, published, source_url, source) == (TITLE, "2017-08-09", ADDRESS, PAGE.name)
    first = added.execute("select text from document_lines where doc_id = ? and line = 1", [doc_id]).fetchone()
    assert first == (TITLE,)


def test_added_with_the_texts_figures_and_budget_lines(added):
    values = set(added.execute("select kpi_id, value from kpi_values where district = '平潭' and year = 2016").fetchall())
    assert expected_figures() <= values
    assert {("budget_executed", 45951.12), ("basic_expenditure", 449.45), ("project_expenditure", 45501.66),
            ("three_public_expenses", 6.84)} <= values
    lines = added.execute("select code, value from budget_lines where district = '平潭' and year = 2016").fetchall()
    assert {(code, round(value, 2)) for code, value in lines} == BUDGET_LINES and len(lines) == 11


def test_added_without_the_sites_words(added):
    texts = [text for (text,) in added.execute(
        "select text from document_lines join documents using (doc_id) where district = '平潭' order by line").fetchall()]
    assert len(texts) == len(text_lines())
    assert [text for text in texts if any(word in text for word in SITE_WORDS)] == []
