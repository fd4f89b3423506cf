"""Who may change data/ (etl.access, etl.editors, dashboard.signin), below the browser:
which requests count as the machine itself, the editor list's hashes, the writing
functions refusing a visitor, a removed editor and read-only mode themselves (whatever
a page shows), who added and who decided recorded and shown, the command lines."""

from __future__ import annotations

import csv
import getpass
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from add_helpers import CORPUS, built_site, snapshot
from app_helpers import texts
from streamlit.testing.v1 import AppTest

from etl import access, add, decisions, editors, intake
from etl.__main__ import main as etl_main
from etl.build import ROOT

APP = str(ROOT / "streamlit_app.py")
PAGES = ROOT / "dashboard" / "pages"
PINGTAN = CORPUS / "pingtan_approval_2016_final_accounts.txt"
BAIYUN_SHA = "6305ec8e22b57387d80b8dab5b19fa83c7b97398932cecedd94eb50d37062927"  # 白云 2021 自评报告 (data/manifest.csv)
# 白云 2021, line 191: 我区全年受理工单超过 26万件 … read as 260,000; line 323 gives the exact 266,859
HOTLINE = {"sha256": BAIYUN_SHA, "decision": "correct", "kpi_id": "hotline_tickets", "value": "266859", "line": "191",
           "found_kpi_id": "hotline_tickets", "found_value": "260000", "reason": "第 323 行：有效投诉 266859 件"}


@pytest.mark.parametrize(("peer", "headers", "bound", "local"), [
    ("127.0.0.1", {}, "", True),                      # a browser on the machine, server on every address (make run)
    ("::1", {}, None, True),
    ("::ffff:127.0.0.1", {}, "::", True),             # IPv4 loopback seen by an IPv6 socket
    ("127.0.0.53", {}, "0.0.0.0", True),
    ("192.0.2.2", {}, "", False),                     # the machine's own network address: not loopback
    ("10.1.2.3", {}, "127.0.0.1", False),
    ("fd00::2", {}, "", False),
    ("127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, "", False),  # a reverse proxy on the machine, visitor elsewhere
    ("127.0.0.1", {"Forwarded": "for=203.0.113.9"}, "127.0.0.1", False),
    ("127.0.0.1", {"x-real-ip": "203.0.113.9"}, "", False),
    (None, {}, "127.0.0.1", True),                    # peer unknown: the server listening on loopback alone decides
    (None, {}, "localhost", True),
    (None, {}, "", False),                            # ... on every address: not known to be local
    ("", {}, "0.0.0.0", False),
    (access.IN_PROCESS, {}, None, True),              # no connection at all: the page runs in this process
    ("not an address", {}, "", False),
])
def test_which_requests_count_as_the_machine_itself(peer, headers, bound, local):
    assert access.local_request(peer, headers, bound) is local


def test_an_editors_file_keeps_salted_hashes_never_the_password(tmp_path):
    path = tmp_path / "editors.toml"
    editors.add("李敏", "correct horse battery", path)
    editors.add("analyst_2", "correct horse battery", path)
    text = path.read_text(encoding="utf-8")
    assert "correct horse" not in text
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    stored = editors.load(path)
    assert list(stored) == ["李敏", "analyst_2"]
    assert stored["李敏"] != stored["analyst_2"]  # one password, two salts, two hashes
    assert stored["李敏"].startswith("scrypt$16384$8$1$")
    assert editors.verify("李敏", "correct horse battery", path)
    assert not editors.verify("李敏", "correct horse batter", path)
    assert not editors.verify("王五", "correct horse battery", path)
    assert editors.remove("analyst_2", path) and list(editors.load(path)) == ["李敏"]


@pytest.mark.parametrize(("name", "password", "message"), [
    ("李 敏", "long enough", "不含空格"),
    ('a"b', "long enough", "不含空格、引号"),
    ("李敏", "short", "密码至少 8 个字符"),
])
def test_a_bad_editor_name_or_password_is_refused(tmp_path, name, password, message):
    path = tmp_path / "editors.toml"
    with pytest.raises(editors.EditorError, match=message):
        editors.add(name, password, path)
    assert not path.exists()


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A copy of the reports and warehouse, seen through ZHENGSHU_* as the app sees it, with one editor listed."""
    site = built_site(tmp_path / "site")
    for name, value in site.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ZHENGSHU_EDITORS", str(tmp_path / "editors.toml"))
    editors.add("李敏", "correct horse battery")
    return site


def pingtan_preview(site) -> add.Preview:
    return add.preview(intake.read_upload(PINGTAN.name, PINGTAN.read_bytes()), raw_dir=site.raw, manifest_path=site.manifest)


def hotline_decision() -> list[decisions.Decision]:
    return decisions.parse([HOTLINE], "test")


@pytest.mark.parametrize(("writer", "message"), [
    (None, "添加报告和核对数字需要编辑者登录"),                                  # a visitor: the page passes no writer
    (access.Writer("王五", "editor"), "「王五」已不在编辑者名单中"),              # taken off the list, or never on it
    (access.Writer(getpass.getuser(), "local"), "已配置编辑者：请以编辑者身份登录"),  # loopback counts only with no editor
    (access.Writer("", "oidc"), "需要编辑者登录"),
    (access.Writer("李敏", "admin"), "需要编辑者登录"),
])
def test_the_writing_functions_refuse_whoever_is_not_an_editor(site, writer, message):
    preview = pingtan_preview(site)
    before = snapshot(site)
    with pytest.raises(access.Refused, match=message):
        add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
                   decisions_path=site.decisions, by=writer)
    with pytest.raises(access.Refused, match=message):
        add.decide(hotline_decision(), raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
                   decisions_path=site.decisions, by=writer)
    assert snapshot(site) == before


def test_read_only_refuses_every_write_even_an_editors(site, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(access.READ_ONLY_ENV, "1")
    preview = pingtan_preview(site)
    before = snapshot(site)
    editor = access.Writer("李敏", "editor")
    for write in (lambda: add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
                                     decisions_path=site.decisions, by=editor),
                  lambda: add.decide(hotline_decision(), raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
                                     decisions_path=site.decisions, by=editor),
                  lambda: add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
                                     decisions_path=site.decisions)):  # no writer named: this process's user
        with pytest.raises(access.Refused, match="本应用以只读方式运行"):
            write()
    decided = tmp_path / "d.csv"
    decided.write_text(",".join(HOTLINE) + "\n" + ",".join(HOTLINE.values()) + "\n", encoding="utf-8")
    assert etl_main(["decide", str(decided), *site.cli()]) == 1
    assert etl_main(["add", str(PINGTAN), "--yes", *site.cli()]) == 1
    assert "this app runs read-only" in capsys.readouterr().err
    assert snapshot(site) == before


def test_who_decided_and_who_added_are_recorded(site):
    editor = access.Writer("李敏", "editor")
    # a decisions file kept before names were: its row stays valid, without a name
    old = {key: value for key, value in HOTLINE.items()} | {"decided_at": "2026-11-01T10:00:00+00:00"}
    with site.decisions.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=decisions.COLUMNS[:-1], lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerow(old | {"decision": "accept", "kpi_id": "budget_total", "value": "6302.34", "line": "117",
                               "found_kpi_id": "budget_total", "found_value": "6302.34", "reason": ""})
    add.decide(hotline_decision(), raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
               decisions_path=site.decisions, by=editor)
    added = add.accept(pingtan_preview(site), raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
                       decisions_path=site.decisions, by=editor)
    kept = decisions.load(site.decisions)
    assert [(d.decision, d.kpi_id, d.line, d.decided_by) for d in kept] == [
        ("accept", "budget_total", 117, ""), ("correct", "hotline_tickets", 191, "李敏")]
    assert site.decisions.read_text(encoding="utf-8").splitlines()[0].endswith(",decided_at,decided_by")
    with duckdb.connect(str(site.db), read_only=True) as con:
        assert con.execute("select kpi_id, decided_by, state from review_decisions order by line").fetchall() == [
            ("budget_total", "", "applied"), ("hotline_tickets", "李敏", "applied")]
        assert con.execute("select district, year, added_by from documents where doc_id = ?", [added.doc_id]).fetchall() == [
            ("平潭", 2016, "李敏")]
        assert con.execute("select count(*) from documents where added_by = ''").fetchone() == (5,)  # listed before names


def test_sources_shows_who_added_and_decided_and_unknown_for_older_rows(site):
    decisions.append(site.decisions, [decisions.parse([HOTLINE | {"decision": "accept", "value": "260000"}], "old")[0]])
    add.decide(hotline_decision(), raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
               decisions_path=site.decisions, by=access.Writer("李敏", "editor"))
    def sources_table(table: str) -> AppTest:  # the Sources page with one of its tables opened (?table=)
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.query_params["table"] = table
        at.switch_page(str(PAGES / "sources.py"))
        at.run()
        assert not at.exception
        return at

    decided = next(f.value for f in sources_table("decisions").dataframe if "decided_by" in f.value.columns)
    assert sorted(decided["decided_by"]) == ["未知", "李敏"]
    reports = next(f.value for f in sources_table("documents").dataframe if "添加者" in f.value.columns)
    assert set(reports["添加者"]) == {"未知"}  # the five reports were listed before names were kept


def open_add_page(user: dict | None = None, secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if user is not None:
        at.user = user
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.run()
    at.switch_page(str(PAGES / "add_report.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_visitor_sees_a_sign_in_form_and_no_upload(site):
    at = open_add_page()
    assert [i.value for i in at.info] == ["添加报告和核对数字需要编辑者登录；浏览各页无需登录。"]
    assert not at.get("file_uploader")
    assert [field.key for field in at.text_input] == ["signin_name", "signin_password"]  # no address to fetch either
    at.text_input(key="signin_name").set_value("李敏")
    at.text_input(key="signin_password").set_value("wrong password")
    at.button[0].click()
    at.run()
    assert [e.value for e in at.error] == ["名称或密码不对。"]
    assert not at.get("file_uploader")
    at.text_input(key="signin_password").set_value("correct horse battery")
    at.button[0].click()
    at.run()
    assert "以编辑者 李敏 的身份操作" in [c.value for c in at.caption]
    assert at.get("file_uploader")


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "not-a-real-secret",
                 "client_id": "zhengshu", "client_secret": "not-a-real-secret",
                 "server_metadata_url": "https://sso.example.gov.cn/.well-known/openid-configuration"}}


def test_single_sign_on_configured_without_authlib_says_what_to_install(site):
    at = open_add_page(secrets=OIDC)
    assert any("缺少 Authlib" in w.value for w in at.warning)
    assert not at.get("file_uploader")


def test_a_person_signed_in_by_single_sign_on_may_add(site):
    at = open_add_page(user={"is_logged_in": True, "email": "wang.fang@bureau.example", "name": "王芳"}, secrets=OIDC)
    assert "以编辑者 wang.fang@bureau.example 的身份操作" in texts(at)
    assert at.get("file_uploader")


def test_with_no_editor_the_machine_itself_adds_as_today(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_EDITORS", str(tmp_path / "none.toml"))
    at = open_add_page()
    assert f"本机使用，未配置编辑者：以系统用户 {getpass.getuser()} 记录" in [c.value for c in at.caption]
    assert at.get("file_uploader")


def test_read_only_has_no_add_page_and_no_review_link(site, monkeypatch):
    monkeypatch.setenv(access.READ_ONLY_ENV, "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page for .*add_report.py"):  # not a page of this app
        at.switch_page(str(PAGES / "add_report.py"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(str(PAGES / "sources.py"))
    at.run()
    assert not at.exception
    assert not [link for link in at.get("page_link") if "add_report" in link.proto.page]


def test_the_command_line_records_the_os_user_or_by(site, tmp_path):
    assert etl_main(["add", str(PINGTAN), "--yes", "--by", "赵六", *site.cli()]) == 0
    decided = tmp_path / "d.csv"
    decided.write_text(",".join(HOTLINE) + "\n" + ",".join(HOTLINE.values()) + "\n", encoding="utf-8")
    assert etl_main(["decide", str(decided), *site.cli()]) == 0
    with site.manifest.open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle))[-1]["added_by"] == "赵六"
    assert [d.decided_by for d in decisions.load(site.decisions)] == [getpass.getuser()]


def test_python_m_dashboard_editors_adds_from_standard_input(tmp_path):
    path = tmp_path / "config" / "editors.toml"
    env = {**os.environ, "ZHENGSHU_EDITORS": str(path)}
    run = subprocess.run([sys.executable, "-m", "dashboard", "editors", "add", "李敏", "--password-stdin"], cwd=ROOT, env=env,
                         input="correct horse battery\n", capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert f"已添加编辑者 added editor 李敏 ({path})" in run.stdout
    assert editors.verify("李敏", "correct horse battery", path)
    assert "correct horse" not in path.read_text(encoding="utf-8")
    listed = subprocess.run([sys.executable, "-m", "dashboard", "editors", "list"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert listed.stdout.splitlines() == ["李敏"]
    short = subprocess.run([sys.executable, "-m", "dashboard", "editors", "add", "王五", "--password-stdin"], cwd=ROOT, env=env,
                           input="short\n", capture_output=True, text=True, timeout=60)
    assert short.returncode == 1 and "密码至少 8 个字符" in short.stderr
    assert list(editors.load(path)) == ["李敏"]


def test_no_editor_password_in_the_repository():
    """The repository holds no password hash or editors file: `git ls-files` and the tree's text files."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [name for name in tracked if Path(name).name == "editors.toml" or name.endswith("secrets.toml")]
    hashes = [name for name in tracked if (ROOT / name).is_file() and (ROOT / name).stat().st_size < 5_000_000
              and b"scrypt$16384$" in (ROOT / name).read_bytes() and not name.startswith("tests/")]
    assert hashes == []


def test_a_broken_editor_list_refuses_editors_and_says_why(site):
    Path(os.environ["ZHENGSHU_EDITORS"]).write_text('[[editor]]\nname = "李敏\n', encoding="utf-8")  # an unclosed quote
    before = snapshot(site)
    with pytest.raises(access.Refused, match="编辑者名单无法读取"):
        add.decide(hotline_decision(), raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
                   decisions_path=site.decisions, by=access.Writer("李敏", "editor"))
    assert snapshot(site) == before
    at = open_add_page()
    assert len(at.error) == 1 and "不是有效的编辑者名单 (not a valid editors file)" in texts(at) + at.error[0].value.replace("\\", "")
    assert not at.get("file_uploader")
