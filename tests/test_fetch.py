"""Adding a report from its address (etl/fetch.py): fetched from a local server the test
starts on 127.0.0.1 (never the internet), with ZHENGSHU_FETCH_PRIVATE=1 allowing it;
the same figures as adding the file, the address and fetch time on the document; and
every refusal — other schemes, loopback without the setting, private addresses (before
any connection), too large, too slow, too many redirects — a message in Chinese and
English with nothing changed."""

from __future__ import annotations

import csv
import re
import socket
import time

import duckdb
import pytest
from add_helpers import copy_site, site_fixtures, snapshot
from fetch_helpers import PINGTAN_TXT, serving

from etl import fetch
from etl.__main__ import main
from etl.build import ROOT

ISO_UTC = re.compile(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.fixture(scope="module")
def server():
    with serving() as served:
        yield served


template, site = site_fixtures()  # the five reports built once per module; each test adds to a copy


@pytest.fixture
def loopback_allowed(monkeypatch):
    monkeypatch.setenv("ZHENGSHU_FETCH_PRIVATE", "1")
    monkeypatch.setenv("ZHENGSHU_FETCH_SECONDS", "5")


def expected_pingtan() -> set[tuple[str, int, float]]:
    with (ROOT / "tests" / "expected_figures.csv").open(encoding="utf-8", newline="") as handle:
        return {(row["kpi_id"], int(row["year"]), float(row["value"])) for row in csv.DictReader(handle)
                if "pingtan_approval_2016" in row["document"]}


def added_document(site) -> tuple[dict, set[tuple[str, int, float]]]:
    """The document added last (by doc_id) and its KPI values."""
    with duckdb.connect(str(site.db), read_only=True) as con:
        columns = ("doc_id", "district", "year", "kind", "source", "source_url", "fetched_at")
        row = dict(zip(columns, con.execute(f"select {', '.join(columns)} from documents order by doc_id desc limit 1")
                       .fetchone(), strict=True))
        values = {(k, y, round(v, 2)) for k, y, v in con.execute(
            "select kpi_id, year, value from kpi_values where doc_id = ?", [row["doc_id"]]).fetchall()}
    return row, values


def refused(capsys, argv: list[str]) -> str:
    """Run `python -m etl add …` expecting a refusal: exit status 1, its message in both languages."""
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误 error: ")
    return err


# Adding from an address: the same as adding the file, with where it came from.


def test_an_address_gives_the_same_figures_as_the_file_with_its_address_and_time(server, site, tmp_path, template,
                                                                                 loopback_allowed, capsys):
    url = server.at("/pingtan.txt")
    assert main(["add", url, "--yes", *site.cli()]) == 0
    out = capsys.readouterr().out
    assert "已添加 added:" in out
    document, values = added_document(site)
    assert (document["district"], document["year"], document["kind"]) == ("平潭", 2016, "final_accounts")
    assert document["source_url"] == url
    assert ISO_UTC.fullmatch(document["fetched_at"])
    assert document["source"] == "pingtan.txt"
    assert expected_pingtan() <= values and len(expected_pingtan()) == 4

    # The same file added from disk: the same figures, no address.
    by_file = copy_site(template, tmp_path / "by_file")
    assert main(["add", str(PINGTAN_TXT), "--yes", *by_file.cli()]) == 0
    file_document, file_values = added_document(by_file)
    assert file_values == values
    assert (file_document["source_url"], file_document["fetched_at"]) == ("", "")

    manifest = list(csv.DictReader(site.manifest.open(encoding="utf-8", newline="")))[-1]
    assert (manifest["source_url"], manifest["fetched_at"]) == (url, document["fetched_at"])


def test_the_command_line_itself_reads_the_setting(server, site):
    """`python -m etl add http://127.0.0.1:…` as a person types it, in a process of its own."""
    import os
    import subprocess
    import sys

    before = snapshot(site)
    command = [sys.executable, "-m", "etl", "add", server.at("/pingtan.txt"), "--yes", *site.cli()]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZHENGSHU_FETCH")}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=environment)
    assert done.returncode == 1 and "127.0.0.1 是本机回环地址" in done.stderr and "127.0.0.1 is a loopback address" in done.stderr
    assert "ZHENGSHU_FETCH_PRIVATE=1" in done.stderr
    assert snapshot(site) == before
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**environment, "ZHENGSHU_FETCH_PRIVATE": "1"})
    assert done.returncode == 0, done.stderr
    assert "平潭 2016 final_accounts" in done.stdout


def test_a_redirect_is_followed_and_the_final_address_recorded(server, loopback_allowed):
    upload = fetch.fetch_upload(server.at("/redirect"))
    assert upload.source_url == server.at("/pingtan.txt")
    assert upload.name == "pingtan.txt"
    assert any("跳转到了" in zh and "redirected to" in en for zh, en in upload.notes)


def test_the_file_name_comes_from_the_server_or_the_type(server, loopback_allowed):
    named = fetch.fetch_upload(server.at("/download?id=7"))
    assert named.name == "平潭行政审批局2016决算.txt"
    assert named.text == PINGTAN_TXT.read_text(encoding="utf-8")
    chunked = fetch.fetch_upload(server.at("/chunked.txt"))
    assert chunked.text == PINGTAN_TXT.read_text(encoding="utf-8")
    gbk = fetch.fetch_upload(server.at("/gbk.txt"))  # stored as UTF-8, like every report
    assert gbk.text == PINGTAN_TXT.read_text(encoding="utf-8")
    assert any("GBK" in zh for zh, _ in gbk.notes)
    assert fetch._file_name("http://x.cn/zwgk/index.jsp", "", "text/html") == "index.html"
    assert fetch._file_name("http://x.cn/t20170809_7571.htm", "", "text/html") == "t20170809_7571.htm"
    assert fetch._file_name("http://x.cn/get?id=3", "", "application/pdf") == "get.pdf"
    assert fetch._file_name("http://x.cn/", "", "text/html") == "index.html"
    assert fetch._file_name("http://x.cn/%E5%86%B3%E7%AE%97.pdf", "", "application/octet-stream") == "决算.pdf"
    # A raw UTF-8 name in the header, as some servers send it (read by http.client as Latin-1).
    raw = 'attachment; filename="收入决算表.xls"'.encode().decode("latin-1")
    assert fetch._file_name("http://x.cn/dl", raw, "application/vnd.ms-excel") == "收入决算表.xls"


def test_a_web_page_by_address_gives_the_figures_of_its_text(site, template, tmp_path, loopback_allowed, capsys):
    """The real 平潭 page, served as the site served it: read by etl/web_page.py into the
    figures of the .txt; the address recorded is the one it was fetched from (the page's
    own <meta name="Url"> names the real site), its publication date the page's."""
    from fetch_helpers import PINGTAN_HTML

    path = "/zwgk/zdlyxxgk/czzj/bmyjsgk/bmjsgk/201708/t20170809_7571.htm"
    with serving({path: (PINGTAN_HTML.read_bytes(), "text/html")}) as page_server:
        assert main(["add", page_server.at(path), "--yes", *site.cli()]) == 0
    capsys.readouterr()
    document, values = added_document(site)
    assert (document["district"], document["year"], document["kind"]) == ("平潭", 2016, "final_accounts")
    assert document["source_url"] == page_server.at(path) and ISO_UTC.fullmatch(document["fetched_at"])
    by_file = copy_site(template, tmp_path / "by_file")
    assert main(["add", str(PINGTAN_TXT), "--yes", *by_file.cli()]) == 0
    assert added_document(by_file)[1] == values and expected_pingtan() <= values
    with duckdb.connect(str(site.db), read_only=True) as con:
        assert con.execute("select published from documents where doc_id = ?", [document["doc_id"]]).fetchone() == ("2017-08-09",)


# A web page's attachments, with --attachments (or the page's checkbox): one document.


def putuo_page() -> dict[str, tuple[bytes, str]]:
    """A bureau's page as sites publish a 决算: the 普陀 2024 决算's text as the article, its
    tables attached as spreadsheets (tests/spreadsheets), the same table linked twice, a
    link to another site and one to a .zip, among the site's menus."""
    import html

    text = (ROOT / "tests" / "corpus" / "putuo_finance_2024_final_accounts.txt").read_text(encoding="utf-8")
    article = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    page = (f"<html><head><meta charset='utf-8'><title>上海市普陀区财政局2024年度部门决算</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a></div><div class='article'>{article}"
            "<p>附件：<a href='/files/2024/0612001.xls'>收入支出决算总表.xls</a><br>"
            "<a href='../files/2024/0612001.xls#top'>收入支出决算总表.xls</a><br>"
            "<a href='/files/2024/0612002.xls'>下载</a><br><a href='/files/2024/说明.doc'>编制说明.doc</a><br>"
            "<a href='http://other.example.gov.cn/y.xls'>外站附件.xls</a> <a href='/files/readme.zip'>说明.zip</a></p></div>"
            "<div class='footer'>版权所有 上海市普陀区人民政府</div></body></html>")
    sheets = ROOT / "tests" / "spreadsheets"
    return {"/zwgk/2024.html": (page.encode(), "text/html; charset=utf-8"),
            "/files/2024/0612001.xls": ((sheets / "putuo_2024_summary.xls").read_bytes(), "application/vnd.ms-excel"),
            "/files/2024/0612002.xls": ((sheets / "putuo_2024_final_accounts.xls").read_bytes(), "application/octet-stream")}


def test_a_pages_attachments_are_read_with_it_as_one_document(site, loopback_allowed, capsys, monkeypatch):
    resolved = []
    real = socket.getaddrinfo
    monkeypatch.setattr(fetch.socket, "getaddrinfo", lambda host, *a, **k: resolved.append(host) or real(host, *a, **k))
    with serving(putuo_page()) as page_server:
        assert main(["add", page_server.at("/zwgk/2024.html"), "--attachments", "--yes", *site.cli()]) == 0
        asked = [path for path, _ in page_server.seen]
    out = capsys.readouterr().out
    assert "（html+xls+xls）" in out
    assert "与网页一起读取了 2 个附件：收入支出决算总表.xls、0612002.xls" in out
    assert "附件 编制说明.doc（http://127.0.0.1:" in out and "的类型不能读取，未载入" in out  # an old .doc: never downloaded
    assert asked == ["/zwgk/2024.html", "/files/2024/0612001.xls", "/files/2024/0612002.xls"]  # each once, this site only
    assert "other.example.gov.cn" not in resolved
    document, values = added_document(site)
    assert (document["district"], document["year"], document["kind"]) == ("普陀", 2024, "final_accounts")
    assert document["source"] == "2024.html + 收入支出决算总表.xls + 0612002.xls"
    assert document["source_url"] == page_server.at("/zwgk/2024.html")
    assert {("budget_executed", 2024, 2940.05), ("basic_expenditure", 2024, 2336.91)} <= values
    text = (site.raw / f"{document['doc_id']}.txt").read_text(encoding="utf-8").splitlines()
    assert "附件：收入支出决算总表.xls" in text and "附件：0612002.xls" in text
    with duckdb.connect(str(site.db), read_only=True) as con:
        first_sheet_line = text.index("附件：收入支出决算总表.xls") + 1
        tables = dict(con.execute("select table_name, count(*) from budget_lines where doc_id = ? and line > ? group by all",
                                  [document["doc_id"], first_sheet_line]).fetchall())
    assert tables["收入支出决算总表"] >= 12 and tables["一般公共预算财政拨款支出决算表"] >= 44  # from the spreadsheets


def test_without_attachments_the_page_alone_and_a_file_has_none(site, loopback_allowed):
    with serving(putuo_page()) as page_server:
        alone = fetch.fetch_upload(page_server.at("/zwgk/2024.html"))
        assert [path for path, _ in page_server.seen] == ["/zwgk/2024.html"]
        assert alone.source_format == "html" and "附件：收入支出决算总表.xls" not in alone.lines
        text = fetch.fetch_upload(page_server.at("/pingtan.txt"), attachments=True)
    assert text.source_format == "text"
    assert ("只有网页才有附件可取：这是一个文件，只读取了它本身", "only a web page has attachments to fetch: this is a file, read alone") \
        in text.notes


def test_an_attachment_that_fails_refuses_the_whole_and_changes_nothing(site, loopback_allowed, capsys):
    files = putuo_page()
    del files["/files/2024/0612002.xls"]
    before = snapshot(site)
    with serving(files) as page_server:
        err = refused(capsys, ["add", page_server.at("/zwgk/2024.html"), "--attachments", "--yes", *site.cli()])
    assert "/files/2024/0612002.xls 的回答是 404" in err and "the server answered 404 Not Found for" in err
    assert snapshot(site) == before


def test_the_real_pages_attachment_links_by_their_names():
    from fetch_helpers import PINGTAN_HTML

    page = "https://www.pingtan.gov.cn/zwgk/zdlyxxgk/czzj/bmyjsgk/bmjsgk/201708/t20170809_7571.htm"
    links = fetch.attachment_links(PINGTAN_HTML.read_bytes(), page, "utf-8")
    assert len(links) == 10
    assert links[0] == ("https://www.pingtan.gov.cn/ptwzq/ewebeditor/uploadfile/2017/08/09/20170809151110940001.xls",
                        "部门决算相关信息统计表.xls")
    assert links[-1][1] == "支出决算表.xls"
    elsewhere = PINGTAN_HTML.read_bytes().replace(b'href="/ptwzq/', b'href="https://files.example.com/ptwzq/')
    assert fetch.attachment_links(elsewhere, page, "utf-8") == []  # on another host: never followed


# Refused, nothing changed.


@pytest.mark.parametrize(("address", "zh", "en"), [
    ("file:///etc/passwd", "不取得 file:// 地址", "not file://"),
    ("ftp://127.0.0.1/pingtan.txt", "不取得 ftp:// 地址", "not ftp://"),
    ("gopher://127.0.0.1:70/", "不取得 gopher:// 地址", "not gopher://"),
    ("http://10.0.0.1/report.pdf", "10.0.0.1 是内网（私有）地址", "10.0.0.1 is a private address"),
    ("http://192.168.1.1/", "192.168.1.1 是内网（私有）地址", "192.168.1.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 是链路本地地址", "169.254.169.254 is a link-local address"),
    ("http://[::1]/", "::1 是本机回环地址", "::1 is a loopback address"),
    ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1 是内网（私有）地址", "::ffff:10.0.0.1 is a private address"),
    ("http://0.0.0.0/", "0.0.0.0 是未指定地址", "0.0.0.0 is an unspecified address"),
    ("http://224.0.0.1/", "224.0.0.1 是组播地址", "224.0.0.1 is a multicast address"),
    ("http://100.64.0.1/", "100.64.0.1 是非公网地址", "100.64.0.1 is a non-public address"),
    ("http://2130706433/", "2130706433 指向 127.0.0.1，是本机回环地址", "2130706433 points to 127.0.0.1, a loopback address"),
    ("http://localhost/", "localhost 指向 127.0.0.1，是本机回环地址", "localhost points to 127.0.0.1, a loopback address"),
    ("http://user:secret@example.gov.cn/", "网址中含有用户名或密码", "holds a user name or password"),
    ("https:///nohost", "缺少主机名", "no host name"),
])
def test_refused_addresses_change_nothing_and_never_connect(address, zh, en, site, capsys, monkeypatch):
    monkeypatch.delenv("ZHENGSHU_FETCH_PRIVATE", raising=False)
    connections = []
    monkeypatch.setattr(fetch.socket, "create_connection", lambda *a, **k: connections.append(a) or 1 / 0)
    before = snapshot(site)
    err = refused(capsys, ["add", address, "--yes", *site.cli()])
    assert zh in err and en in err, err
    assert "secret" not in err
    assert connections == []  # refused before connecting
    assert snapshot(site) == before


def test_loopback_is_refused_without_the_setting(server, site, capsys, monkeypatch):
    monkeypatch.delenv("ZHENGSHU_FETCH_PRIVATE", raising=False)
    before, asked = snapshot(site), len(server.seen)
    err = refused(capsys, ["add", server.at("/pingtan.txt"), "--yes", *site.cli()])
    assert "127.0.0.1 是本机回环地址：为防止本服务被用来访问它所在的内部网络，不取得这类地址" in err
    assert "127.0.0.1 is a loopback address: such addresses are not fetched" in err
    assert "ZHENGSHU_FETCH_PRIVATE=1" in err
    assert len(server.seen) == asked  # the server was never asked
    assert snapshot(site) == before


@pytest.mark.parametrize(("path", "settings", "zh", "en"), [
    ("/pingtan.txt", {"ZHENGSHU_FETCH_MAX_BYTES": "4096"}, "的大小是 14 KB，超过上限 4 KB，未下载", "is 14 KB, over the limit of 4 KB"),
    ("/declared-huge.txt", {}, "的大小是 1024.0 MB，超过上限 20.0 MB，未下载", "is 1024.0 MB, over the limit of 20.0 MB"),
    ("/endless.txt", {"ZHENGSHU_FETCH_MAX_BYTES": "65536"}, "超过上限 64 KB，已停止下载",
     "over the limit of 64 KB: the download was stopped"),
    ("/gzip-bomb.txt", {"ZHENGSHU_FETCH_MAX_BYTES": "65536"}, "超过上限 64 KB，已停止下载", "over the limit of 64 KB"),
    ("/slow.txt", {"ZHENGSHU_FETCH_SECONDS": "1"}, "超过 1 秒仍未完成，已停止", "took longer than 1 s and was stopped"),
    ("/drip.txt", {"ZHENGSHU_FETCH_SECONDS": "1"}, "超过 1 秒仍未完成，已停止", "took longer than 1 s and was stopped"),
    ("/drip-headers.txt", {"ZHENGSHU_FETCH_SECONDS": "1"}, "超过 1 秒仍未完成，已停止", "took longer than 1 s and was stopped"),
    ("/redirect-file", {}, "不取得 file:// 地址", "not file://"),
    ("/redirect-ftp", {}, "不取得 ftp:// 地址", "not ftp://"),
    ("/loop", {}, "跳转超过 5 次，已停止", "redirected more than 5 times"),
    ("/missing", {}, "的回答是 404 Not Found，没有取得文件", "the server answered 404 Not Found"),
])
def test_too_large_too_slow_and_bad_redirects_change_nothing(path, settings, zh, en, server, site, capsys, monkeypatch,
                                                              loopback_allowed):
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    before = snapshot(site)
    started = time.monotonic()
    err = refused(capsys, ["add", server.at(path), "--yes", *site.cli()])
    assert time.monotonic() - started < 3.5  # a time limit of 1 s (or 5) is kept; a declared size is refused unread
    assert zh in err and en in err, err
    assert snapshot(site) == before


def test_each_redirect_is_checked_again(server, monkeypatch):
    """A public address that redirects to a private one: the second hop is refused before
    any connection to it (here the first hop is the test's loopback, allowed by a Limits of
    its own; the redirect's 10.0.0.1 is checked with private addresses refused)."""
    checked = []
    real = fetch._resolve

    def resolve(parts, limits, deadline):
        checked.append(parts.hostname)
        allowed = parts.hostname == "127.0.0.1"
        return real(parts, fetch.Limits(seconds=limits.seconds, allow_private=allowed), deadline)

    monkeypatch.setattr(fetch, "_resolve", resolve)
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch(server.at("/redirect-private"), fetch.Limits(seconds=5))
    assert checked == ["127.0.0.1", "10.0.0.1"]
    assert "10.0.0.1 是内网（私有）地址" in caught.value.problem_zh


# The address checked is the address connected to: no second resolution.


def fake_resolver(monkeypatch, answers: list[list[str]]):
    """getaddrinfo answering each call for a name with the next list of addresses (the last
    one again after); an address given as such (what socket.create_connection is given) as it is."""
    calls = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if not host.endswith(".example.gov.cn"):
            return real(host, port, *args, **kwargs)
        calls.append(host)
        addresses = answers[min(len(calls), len(answers)) - 1]
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", getaddrinfo)
    return calls


def test_every_resolved_address_is_checked(monkeypatch):
    fake_resolver(monkeypatch, [["93.184.216.34", "10.0.0.1"]])
    connections = []
    monkeypatch.setattr(fetch.socket, "create_connection", lambda *a, **k: connections.append(a) or 1 / 0)
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch("https://reports.example.gov.cn/a.pdf", fetch.Limits(seconds=2))
    assert "reports.example.gov.cn 指向 10.0.0.1，是内网（私有）地址" in caught.value.problem_zh
    assert connections == []


def test_the_connection_goes_to_the_address_that_was_checked(server, monkeypatch):
    """The name resolves to 127.0.0.1 once (allowed here) and would resolve to 10.255.255.1
    afterwards, as a rebinding name server would answer: the connection goes to 127.0.0.1,
    the request names the host, and the name is resolved once."""
    port = int(server.url.rsplit(":", 1)[1])
    calls = fake_resolver(monkeypatch, [["127.0.0.1"], ["10.255.255.1"]])
    upload = fetch.fetch_upload(f"http://reports.example.gov.cn:{port}/pingtan.txt", fetch.Limits(seconds=3, allow_private=True))
    assert upload.source_url == f"http://reports.example.gov.cn:{port}/pingtan.txt"
    assert calls == ["reports.example.gov.cn"]
    assert server.seen[-1] == ("/pingtan.txt", f"reports.example.gov.cn:{port}")


def test_a_public_address_passes_the_check_and_is_the_one_connected_to(monkeypatch):
    fake_resolver(monkeypatch, [["93.184.216.34"]])
    connections = []

    def refuse(address, *args, **kwargs):
        connections.append(address)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(fetch.socket, "create_connection", refuse)  # never the internet
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch("http://reports.example.gov.cn/a.pdf", fetch.Limits(seconds=2))
    assert connections == [("93.184.216.34", 80)]
    assert "无法连接 reports.example.gov.cn" in caught.value.problem_zh


def test_https_checks_the_certificate_against_the_host_name(tmp_path, monkeypatch):
    """An https server of the test's own, its certificate for reports.example.gov.cn: trusted, the
    name resolved to 127.0.0.1 (allowed here) and the certificate checked against the name, not the
    address; not trusted (the system's certificates only), refused with a message."""
    from fetch_helpers import certificate

    cert, key = certificate(tmp_path, "reports.example.gov.cn")
    fake_resolver(monkeypatch, [["127.0.0.1"]])
    limits = fetch.Limits(seconds=5, allow_private=True)
    with serving(tls=(cert, key)) as tls_server:
        port = int(tls_server.url.rsplit(":", 1)[1])
        with pytest.raises(fetch.FetchError) as caught:
            fetch.fetch_upload(f"https://reports.example.gov.cn:{port}/pingtan.txt", limits)
        assert "reports.example.gov.cn 的 HTTPS 连接无法建立（证书无法验证" in caught.value.problem_zh
        assert "cannot make an HTTPS connection to reports.example.gov.cn (certificate not verified" in caught.value.problem_en

        monkeypatch.setattr(fetch, "tls_context", lambda: __import__("ssl").create_default_context(cafile=str(cert)))
        upload = fetch.fetch_upload(f"https://reports.example.gov.cn:{port}/pingtan.txt", limits)
        assert upload.text == PINGTAN_TXT.read_text(encoding="utf-8")
        assert upload.source_url == f"https://reports.example.gov.cn:{port}/pingtan.txt"
        with pytest.raises(fetch.FetchError, match="证书无法验证"):  # the certificate names another host
            fetch.fetch_upload(f"https://127.0.0.1:{port}/pingtan.txt", limits)


@pytest.mark.parametrize(("address", "public"), [
    ("8.8.8.8", True), ("2400:3200::1", True), ("::ffff:8.8.8.8", True), ("64:ff9b::808:808", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.0.1", False), ("169.254.169.254", False),
    ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.251", False), ("240.0.0.1", False), ("255.255.255.255", False),
    ("::1", False), ("::", False), ("fe80::1%eth0", False), ("fc00::1", False), ("ff02::1", False),
    ("::ffff:127.0.0.1", False), ("2002:7f00:1::", False), ("64:ff9b::a00:1", False), ("2001:db8::1", False),
])
def test_which_addresses_are_public(address, public):
    assert (fetch.not_public(address) is None) == public


def test_settings(monkeypatch):
    monkeypatch.setenv("ZHENGSHU_FETCH_PRIVATE", "1")
    monkeypatch.setenv("ZHENGSHU_FETCH_SECONDS", "2.5")
    monkeypatch.setenv("ZHENGSHU_FETCH_MAX_BYTES", str(10 ** 12))
    limits = fetch.Limits.from_settings()
    assert (limits.allow_private, limits.seconds, limits.max_bytes) == (True, 2.5, fetch.MAX_BYTES)  # never above MAX_BYTES
    monkeypatch.setenv("ZHENGSHU_FETCH_SECONDS", "soon")
    with pytest.raises(fetch.FetchError, match="ZHENGSHU_FETCH_SECONDS=soon 无效"):
        fetch.Limits.from_settings()
    monkeypatch.delenv("ZHENGSHU_FETCH_PRIVATE")
    monkeypatch.delenv("ZHENGSHU_FETCH_SECONDS")
    monkeypatch.delenv("ZHENGSHU_FETCH_MAX_BYTES")
    assert fetch.Limits.from_settings() == fetch.Limits(seconds=20, max_bytes=20 * 1024 * 1024, allow_private=False)


def test_is_address():
    assert fetch.is_address("https://www.pingtan.gov.cn/zwgk/t20170809_7571.htm")
    assert fetch.is_address("file:///etc/passwd") and fetch.is_address("FTP://x/y")
    assert not fetch.is_address("report.pdf") and not fetch.is_address("/tmp/a://b.txt") and not fetch.is_address("C:\\r.pdf")


# The add page's address field (AppTest; the browser test is tests/test_browser_fetch.py).


def open_add_page(site, monkeypatch, lang: str = "zh"):
    from streamlit.testing.v1 import AppTest

    for key, value in site.env().items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(str(ROOT / "dashboard" / "pages" / "add_report.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(text: str) -> str:
    """Text as the page shows it (without its Markdown escapes)."""
    return re.sub(r"\\(.)", r"\1", text)


def fetch_on_page(at, address: str):
    at.text_input(key=next(k for k in (w.key for w in at.text_input) if k.startswith("add_link_address_"))).set_value(address)
    next(b for b in at.button if b.label in ("取得", "Fetch")).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_the_page_fetches_an_address_previews_and_accepts_it(server, site, monkeypatch, loopback_allowed):
    at = open_add_page(site, monkeypatch)
    before = snapshot(site)
    url = server.at("/pingtan.txt")
    fetch_on_page(at, url)
    assert [s.value for s in at.subheader][:1] == ["识别结果（有误请更正）"]
    assert (at.selectbox[0].value, at.number_input[0].value, at.selectbox[1].value) == ("平潭", 2016, "final_accounts")
    assert any(re.fullmatch(rf"已取得 {re.escape(url)} 于 20\S+Z（UTC）", shown(c.value)) for c in at.caption)
    assert snapshot(site) == before  # a preview writes nothing

    next(b for b in at.button if b.label == "接受并载入").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success and shown(at.success[0].value).startswith("已载入：平潭 2016 年部门决算")
    document, values = added_document(site)
    assert document["source_url"] == url and ISO_UTC.fullmatch(document["fetched_at"])
    assert expected_pingtan() <= values
    assert not [c for c in at.caption if shown(c.value).startswith("已取得")]  # a fresh field for the next report

    # The Sources page lists it with its address and fetch time (its table of reports opened).
    at.query_params["table"] = "documents"
    at.switch_page(str(ROOT / "dashboard" / "pages" / "sources.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    reports = next(d.value for d in at.dataframe if "网址" in d.value.columns)
    row = reports[reports["网址"] == url]
    assert len(row) == 1 and row["取得时间（UTC）"].iloc[0] == document["fetched_at"]
    assert set(reports.loc[reports["网址"] != url, "网址"]) == {""}  # uploaded files: no address


def test_the_pages_checkbox_fetches_the_attachments_too(site, monkeypatch, loopback_allowed):
    at = open_add_page(site, monkeypatch, "en")
    with serving(putuo_page()) as page_server:
        next(c for c in at.checkbox if c.key.startswith("add_link_attachments_")).check()
        fetch_on_page(at, page_server.at("/zwgk/2024.html"))
        assert len(page_server.seen) == 3
    assert (at.selectbox[0].value, at.number_input[0].value, at.selectbox[1].value) == ("普陀", 2024, "final_accounts")
    assert any("2 attachment(s) read with the page: 收入支出决算总表.xls, 0612002.xls" in shown(w.value) for w in at.warning)
    assert any(shown(c.value).startswith(f"Fetched {page_server.at('/zwgk/2024.html')} at 20") for c in at.caption)


def test_the_page_refuses_a_private_address_in_both_languages(site, monkeypatch):
    monkeypatch.delenv("ZHENGSHU_FETCH_PRIVATE", raising=False)
    before = snapshot(site)
    for lang, expected in (("zh", "10.0.0.1 是内网（私有）地址"), ("en", "10.0.0.1 is a private address")):
        at = open_add_page(site, monkeypatch, lang)
        fetch_on_page(at, "http://10.0.0.1/report.pdf")
        assert len(at.error) == 1 and expected in shown(at.error[0].value)
        assert not at.subheader  # no preview
    at = open_add_page(site, monkeypatch, "en")
    fetch_on_page(at, "file:///etc/passwd")
    assert "only http:// and https:// addresses are fetched, not file://" in shown(at.error[0].value)
    assert snapshot(site) == before
