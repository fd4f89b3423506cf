"""Adding a report: preview (nothing written), accept (file, manifest row, atomic
rebuild), reject (nothing changes), corrections, a failed rebuild undone, one
writer at a time, readers undisturbed by rebuilds; on the command line and the page."""

from __future__ import annotations

import csv
import getpass
import json
import re
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from add_helpers import BAIYUN, site_fixtures, snapshot, tianhe_report
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.data import open_read_only, reader
from etl import add, intake
from etl.__main__ import main
from etl.build import ROOT, build
from etl.documents import DocumentError

APP = str(ROOT / "streamlit_app.py")
PAGES = ROOT / "dashboard" / "pages"


template, site = site_fixtures()  # the five reports built once per module; each test adds to a copy


def tianhe_upload(name: str = "tianhe_2021.txt") -> intake.Upload:
    return intake.read_upload(name, tianhe_report())


def manifest_rows(site) -> list[dict[str, str]]:
    with site.manifest.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def counts(con) -> tuple[int, ...]:
    """Rows in the warehouse's main tables and views, in one query (one snapshot)."""
    return reader(con).execute(
        "select (select count(*) from documents), (select count(*) from document_lines), "
        "(select count(*) from kpi_observations), (select count(*) from kpi_values), "
        "(select count(*) from kpi_conflicts)").fetchone()


def test_preview_shows_what_was_found_and_writes_nothing(site):
    before = snapshot(site)
    preview = add.preview(tianhe_upload(), raw_dir=site.raw, manifest_path=site.manifest)
    doc = preview.document
    assert (doc.district, doc.year, doc.kind) == ("天河", 2021, "self_evaluation")
    assert doc.district_full == "广州市天河区政务服务数据管理局"
    assert len(preview.observations) == 17
    budget = next(o for o in preview.observations if o.kpi_id == "budget_total")
    assert (budget.value, budget.line) == (6302.34, 117)
    assert budget.quote == "（三）部门整体收支情况全年预算数6,302.34万元，执行数6,268.76万元，完成预算的99.5%。"
    assert preview.table_rows == {"performance_indicators": 27, "stated_parts": 0}
    assert preview.notes == []
    assert snapshot(site) == before


def test_accept_stores_the_text_lists_it_and_rebuilds(site):
    preview = add.preview(tianhe_upload(), raw_dir=site.raw, manifest_path=site.manifest)
    added = add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db)
    assert re.fullmatch(r"005_[0-9a-f]{16}\.txt", added.file)
    assert (site.raw / added.file).read_bytes() == tianhe_report()
    row = manifest_rows(site)[-1]
    assert row.pop("added_by") == getpass.getuser() and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:]{8}[+-]\d\d:\d\d", row.pop("added_at"))
    assert row == {"doc_id": added.doc_id, "file": added.file, "district": "天河",
                   "district_full": "广州市天河区政务服务数据管理局", "year": "2021", "kind": "self_evaluation",
                   "title": "附件2广州市天河区政务服务数据管理局2021年部门整体支出绩效自评报告", "sha256": preview.upload.sha256,
                   # where it came from: the file uploaded (no address, no scan)
                   "source": "tianhe_2021.txt", "source_url": "", "fetched_at": "", "published": "", "ocr_lines": ""}
    assert site.manifest.read_bytes().count(b"\r\n") == 7  # the manifest's own line endings kept
    # 97 + a target the reading finds in 番禺 2021 (云大厅满意度99%以上, line 1158)
    assert (added.summary.documents, added.summary.observations) == (6, 98)
    con = open_read_only(site.db)
    assert reader(con).execute("select value from kpi_values where district = '天河' and kpi_id = 'budget_execution_rate'"
                               ).fetchall() == [(99.5,)]
    assert sorted(p.name for p in site.root.iterdir()) == ["manifest.csv", "raw", "warehouse.duckdb"]  # no leftovers


def test_a_correction_is_used_and_noted(site):
    preview = add.preview(tianhe_upload(), district="海珠", year="2022", raw_dir=site.raw, manifest_path=site.manifest)
    assert (preview.document.district, preview.document.year) == ("海珠", 2022)
    assert preview.document.district_full == "海珠区"  # the detected full name is 天河's
    assert preview.notes == [("区：正文识别为 天河，已按你的选择改为 海珠", "district: the text says 天河; changed to 海珠 as you chose"),
                             ("年份：正文识别为 2021，已按你的选择改为 2022", "year: the text says 2021; changed to 2022 as you chose")]
    added = add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db)
    assert (added.district, added.year) == ("海珠", 2022)
    assert manifest_rows(site)[-1]["district"] == "海珠"


def test_same_district_year_and_kind_is_noted(site):
    baiyun_again = intake.read_upload("baiyun.txt", BAIYUN.read_bytes() + b"\n")  # not byte-identical
    preview = add.preview(baiyun_again, raw_dir=site.raw, manifest_path=site.manifest)
    assert preview.notes == [("已载入 白云 2021 年的绩效自评报告（001_44badf8aae7bb0c1.txt）：接受后两份都会载入，"
                              "不一致的数字会列在“来源与质量”页的冲突中",
                              "白云 2021 self-evaluation report is already loaded (001_44badf8aae7bb0c1.txt): accepting loads "
                              "both, and figures that disagree are listed as conflicts on the Sources page")]


@pytest.mark.parametrize(
    ("correction", "message_zh", "message_en"),
    [
        ({"district": "Tianhe 2"}, "区「Tianhe 2」不是地名：请填写区、县或县级市的名称（如 天河、普陀、平潭）",
         "'Tianhe 2' is not a place name: give the district or county (e.g. 天河, 普陀, 平潭)"),
        ({"district": "<script>"}, "区「<script>」不是地名", "'<script>' is not a place name"),
        ({"year": "二〇二二"}, "年份「二〇二二」不是整数：请填写如 2022", "year '二〇二二' is not a whole number: give e.g. 2022"),
        ({"year": 1999}, f"年份 1999 不在 2000–{add.max_year()} 之间：请更正",
         f"year 1999 is not between 2000 and {add.max_year()}: correct it"),
        ({"kind": "minutes"}, "报告类型「minutes」无效：请从 self_evaluation、final_accounts、project_targets、budget 中选择",
         "'minutes' is not a report kind: choose one of self_evaluation, final_accounts, project_targets, budget"),
    ],
)
def test_a_correction_out_of_range_is_refused(site, correction, message_zh, message_en):
    before = snapshot(site)
    with pytest.raises(add.AddError) as caught:
        add.preview(tianhe_upload(), raw_dir=site.raw, manifest_path=site.manifest, **correction)
    assert add.message(caught.value, "zh").startswith(message_zh)
    assert add.message(caught.value, "en").startswith(message_en)
    assert snapshot(site) == before


def test_a_failed_rebuild_is_undone(site):
    # A stray file someone dropped into the raw folder makes the rebuild fail.
    (site.raw / "zz_notes.txt").write_text("会议纪要\n今天开会讨论了三件事。\n一是……\n二是……\n", encoding="utf-8")
    before = snapshot(site)
    preview = add.preview(tianhe_upload(), raw_dir=site.raw, manifest_path=site.manifest)
    with pytest.raises(add.AddError) as caught:
        add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db)
    assert add.message(caught.value, "zh").startswith("重建仓库失败，报告未添加，原仓库未改动：zz_notes.txt:1: 无法识别报告类型")
    assert add.message(caught.value, "en").startswith("the rebuild failed: the report was not added and the warehouse is unchanged")
    assert snapshot(site) == before


def test_an_uploaded_name_never_becomes_a_path(site):
    upload = tianhe_upload("../../../outside/../../etc/cron.d/evil.txt")
    assert upload.name == "evil.txt"
    preview = add.preview(upload, raw_dir=site.raw, manifest_path=site.manifest)
    added = add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db)
    assert (site.raw / added.file).exists()
    assert sorted(p.name for p in site.root.parent.iterdir()) == ["site"]
    assert "evil" not in added.file


def test_two_sessions_accepting_the_same_report_load_it_once(site):
    previews = [add.preview(tianhe_upload(), raw_dir=site.raw, manifest_path=site.manifest) for _ in range(2)]
    outcomes: list[object] = []

    def accept(preview):
        try:
            outcomes.append(add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db))
        except DocumentError as error:
            outcomes.append(error)

    threads = [threading.Thread(target=accept, args=(p,)) for p in previews]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    added = [o for o in outcomes if isinstance(o, add.Added)]
    refused = [o for o in outcomes if isinstance(o, DocumentError)]
    assert len(added) == 1 and len(refused) == 1
    assert "（sha256 相同）" in refused[0].problem_zh
    assert len(list(site.raw.iterdir())) == 6
    assert len(manifest_rows(site)) == 6


def test_command_line_adds_after_a_yes(site, tmp_path):
    report = tmp_path / "tianhe_2021.txt"
    report.write_bytes(tianhe_report())
    result = subprocess.run([sys.executable, "-m", "etl", "add", str(report), "--yes", *site.cli()],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "区 district: 天河 · 年份 year: 2021 · 类型 kind: self_evaluation" in result.stdout
    assert "部门全年预算数 budget_total = 6302.34 万元 [actual] 第 117 行 (line 117)" in result.stdout
    assert "“（三）部门整体收支情况全年预算数6,302.34万元，执行数6,268.76万元，完成预算的99.5%。”" in result.stdout
    assert re.search(r"已添加 added: 005_[0-9a-f]{16}\.txt（天河 2021 self_evaluation）", result.stdout)
    assert "文档 documents: 6" in result.stdout


@pytest.mark.parametrize("answer", ["n\n", ""])
def test_command_line_changes_nothing_without_a_yes(site, tmp_path, answer):
    report = tmp_path / "tianhe_2021.txt"
    report.write_bytes(tianhe_report())
    before = snapshot(site)
    result = subprocess.run([sys.executable, "-m", "etl", "add", str(report), *site.cli()], input=answer,
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "已取消，未做任何改动 (cancelled; nothing changed)" in result.stdout
    assert snapshot(site) == before


def test_command_line_correction(site, tmp_path, capsys):
    report = tmp_path / "tianhe_2021.txt"
    report.write_bytes(tianhe_report())
    assert main(["add", str(report), "--district", "荔湾", "--kind", "self_evaluation", "--yes", *site.cli()]) == 0
    assert "提示 note: 区：正文识别为 天河，已按你的选择改为 荔湾 (district: the text says 天河; changed to 荔湾 as you chose)" in (
        capsys.readouterr().out)
    assert manifest_rows(site)[-1]["district"] == "荔湾"


def test_the_apps_cached_reader_sees_the_rebuilt_warehouse(site, monkeypatch):
    # DuckDB keeps one database per path in a process: without dashboard.data's
    # attach, a connection opened after the rebuild would read the replaced file.
    monkeypatch.setenv("ZHENGSHU_DB", str(site.db))
    assert data.load("documents").height == 5
    preview = add.preview(tianhe_upload(), raw_dir=site.raw, manifest_path=site.manifest)
    add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db)
    assert data.load("documents").height == 6
    assert "天河" in data.load("benchmark", kpi="budget_execution_rate", alignment="latest")["district"].to_list()


READERS, APP_READERS, REBUILDS = 4, 2, 6
PAUSE = 0.02  # between a reader's queries, so that the rebuilds get the interpreter too


def test_readers_see_the_old_or_the_new_warehouse_while_it_is_rebuilt(site, monkeypatch):
    """Threads query the warehouse as the app does (read-only connections: some kept
    across rebuilds, some renewed after each, some through dashboard.data's cache)
    while it is rebuilt REBUILDS times, with and without a sixth report: every answer
    is the whole old or the whole new warehouse, and no query fails."""
    extra = site.raw / "005_tianhe.txt"
    old = counts(open_read_only(site.db))
    extra.write_bytes(tianhe_report())
    build(db_path=site.db, raw_dir=site.raw, manifest_path=site.manifest)
    new = counts(open_read_only(site.db))
    extra.unlink()
    build(db_path=site.db, raw_dir=site.raw, manifest_path=site.manifest)
    assert old[0] == 5 and new[0] == 6 and old != new

    monkeypatch.setenv("ZHENGSHU_DB", str(site.db))
    done = threading.Event()
    errors: list[str] = []
    seen: list[Counter] = []

    def query_directly(follow: bool) -> None:
        """Keep one connection throughout (a session that opened the old file), or open
        a new one whenever the file was replaced (as dashboard.data does)."""
        answers = Counter()
        seen.append(answers)
        con, version = None, None
        while not done.is_set():
            try:
                current = site.db.stat().st_mtime_ns
                if con is None or (follow and current != version):
                    con, version = open_read_only(site.db), current
                answer = counts(con)
                assert answer in (old, new), answer
                answers[answer] += 1
            except Exception as error:  # every error is a failure, reported below
                errors.append(repr(error))
            time.sleep(PAUSE)

    def query_through_the_app() -> None:
        answers = Counter()
        seen.append(answers)
        while not done.is_set():
            try:
                documents = data.load("documents").height
                assert documents in (5, 6), documents
                answers[(documents,)] += 1
            except Exception as error:
                errors.append(repr(error))
            time.sleep(PAUSE)

    threads = [threading.Thread(target=query_directly, args=(n % 2 == 1,)) for n in range(READERS)]
    threads += [threading.Thread(target=query_through_the_app) for _ in range(APP_READERS)]
    for thread in threads:
        thread.start()
    try:
        for rebuild in range(REBUILDS):
            if rebuild % 2 == 0:
                extra.write_bytes(tianhe_report())
            else:
                extra.unlink()
            build(db_path=site.db, raw_dir=site.raw, manifest_path=site.manifest)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    total = sum(seen, Counter())
    queries = sum(total.values())
    print(f"\n{READERS + APP_READERS} reader threads, {REBUILDS} rebuilds, {queries} queries, {len(errors)} errors; "
          f"old: {total[old]}, new: {total[new]}, app 5 docs: {total[(5,)]}, app 6 docs: {total[(6,)]}")
    assert errors == []
    assert total[old] > 0 and total[new] > 0  # both warehouses were read while rebuilding
    assert total[(5,)] > 0 and total[(6,)] > 0  # the app's cached reader followed the rebuilds
    assert counts(open_read_only(site.db)) == old  # an even number of rebuilds ends without the sixth report
    assert sorted(p.name for p in site.root.iterdir()) == ["manifest.csv", "raw", "warehouse.duckdb"]


# The page (AppTest): upload, review, correct, accept or reject.


def open_add_page(site, monkeypatch, lang: str = "zh") -> AppTest:
    for key, value in site.env().items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(str(PAGES / "add_report.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_page_previews_then_accepts(site, monkeypatch):
    at = open_add_page(site, monkeypatch)
    assert at.title[0].value == "添加报告"
    before = snapshot(site)
    at.file_uploader[0].set_value(("天河2021.txt", tianhe_report(), "text/plain"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.subheader] == ["识别结果（有误请更正）", "找到的指标（17 个）"]
    assert (at.selectbox[0].value, at.number_input[0].value, at.selectbox[1].value) == ("天河", 2021, "self_evaluation")
    found = at.dataframe[0].value
    assert found.shape[0] == 13  # 17 figures; four stated twice (158个系统 at 179 and 283, 26万件 and 100% at 191
    # and 319, 78.65% at 193 and 341) are one row each
    assert "第 191、319 行 2 处一致" in found["是否一致"].to_list()
    assert "（三）部门整体收支情况全年预算数6,302.34万元，执行数6,268.76万元，完成预算的99.5%。" in found["原文"].to_list()
    assert "99.5%" in found["数值"].to_list()
    assert snapshot(site) == before  # a preview writes nothing

    button(at, "接受并载入").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert re.fullmatch(r"已载入：天河 2021 年绩效自评报告（005_[0-9a-f]{16}\.txt）。数据仓库已重建：6 份报告，\d+ 个指标值。",
                        shown(at.success[0].value))
    assert not at.file_uploader[0].value  # a fresh uploader for the next report
    assert len(list(site.raw.iterdir())) == 6

    at.switch_page(str(PAGES / "benchmark.py"))
    at.run()
    assert "天河（2021 年）" in json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["x"]


def test_page_correction_and_english(site, monkeypatch):
    at = open_add_page(site, monkeypatch, "en")
    at.file_uploader[0].set_value(("tianhe.txt", tianhe_report(), "text/plain"))
    at.run()
    at.selectbox[0].set_value("海珠")
    at.run()
    assert [shown(w.value) for w in at.warning] == [
        "district: the text says 天河; changed to 海珠 as you chose"]
    button(at, "Accept and load").click()
    at.run()
    assert shown(at.success[0].value).startswith("Loaded: Haizhu 2021 self-evaluation report (005_")
    assert manifest_rows(site)[-1]["district"] == "海珠"


def test_page_reject_changes_nothing(site, monkeypatch):
    at = open_add_page(site, monkeypatch)
    before = snapshot(site)
    at.file_uploader[0].set_value(("tianhe.txt", tianhe_report(), "text/plain"))
    at.run()
    button(at, "放弃").click()
    at.run()
    assert [i.value for i in at.info] == ["已放弃，未做任何改动。"]
    assert not at.file_uploader[0].value
    assert snapshot(site) == before


def test_a_report_from_elsewhere_is_added_with_its_place_and_a_notice(site):
    """普陀区财政局 2024 部门决算 (tests/corpus): the place is read from its title, and
    being new to the warehouse, the review says so (a typo such as 番隅 would show the same)."""
    from etl.build import ROOT

    text = (ROOT / "tests" / "corpus" / "putuo_finance_2024_final_accounts.txt").read_bytes()
    preview = add.preview(intake.read_upload("putuo_finance_2024_final_accounts.txt", text), raw_dir=site.raw,
                          manifest_path=site.manifest)
    doc = preview.document
    assert (doc.district, doc.district_full, doc.year, doc.kind) == ("普陀", "上海市普陀区", 2024, "final_accounts")
    assert any("「普陀」是仓库中还没有的地名（上海市普陀区）" in zh for zh, _ in preview.notes)
    found = {(o.kpi_id, o.value) for o in preview.observations if o.kind == "actual"}
    assert {("budget_executed", 2940.05), ("basic_expenditure", 2336.91), ("project_expenditure", 603.14)} <= found
    assert not any(o.kpi_id == "self_eval_score" for o in preview.observations)  # 平均得分99.43分 is four projects'


def test_a_district_outside_guangzhou_is_read_from_the_issuing_body():
    from etl.documents import detect

    found = detect(["深圳市福田区政务服务数据管理局", "2021年部门整体支出", "绩效自评报告", "", "一、基本情况"])
    assert (found.district, found.district_full, found.year, found.kind) == ("福田", "深圳市福田区", 2021, "self_evaluation")


def test_the_review_says_when_a_documents_tables_fail_their_checks(site):
    """普陀 2024 决算 with one figure misprinted (2010601 行政运行 1,511.98 for 1,511.89 in its 支出决算表): the
    review says, before anything is loaded, that 20106 财政事务 is not the sum of its items; the 决算 as
    published, from its text and from its PDF (../shared/corpus/pdf), gets no such note."""
    from etl.build import ROOT

    text = (ROOT / "tests" / "corpus" / "putuo_finance_2024_final_accounts.txt").read_bytes()
    misprinted = text.replace(b"\n201 06 01 1,511.89 1,503.52 8.37\n", b"\n201 06 01 1,511.98 1,503.52 8.37\n")
    assert misprinted != text
    flagged = add.preview(intake.read_upload("putuo.txt", misprinted), raw_dir=site.raw, manifest_path=site.manifest)
    notes = [zh for zh, _ in flagged.notes if "项核对未通过" in zh]
    assert len(notes) == 1 and notes[0].startswith("这份文件的表有 1 项核对未通过") and "20106 财政事务" in notes[0]
    pdf = ROOT.parent / "shared" / "corpus" / "pdf" / "putuo_finance_2024_final_accounts.pdf"
    for upload in (intake.read_upload("putuo.txt", text), intake.read_upload(pdf.name, pdf.read_bytes())):
        preview = add.preview(upload, raw_dir=site.raw, manifest_path=site.manifest)
        assert not [zh for zh, _ in preview.notes if "项核对未通过" in zh], upload.source_format

