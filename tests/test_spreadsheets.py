"""A report's tables as spreadsheets (etl/spreadsheets.py), alone and with the report's
text as one document (etl.intake.read_uploads): on the command line and on the page.

The workbooks hold 上海市普陀区财政局's 2024 部门决算 tables as the national template
lays them out (tests/putuo_tables.py: the figures of tests/corpus/putuo_finance_2024_final_accounts.txt,
typed from its lines): .xlsx made here with xlsxwriter, the .xls and .ods committed in
tests/spreadsheets/ (made once by its make.py: no maintained library writes .xls).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import putuo_tables as putuo
import pytest
from add_helpers import site_fixtures, snapshot
from streamlit.testing.v1 import AppTest

from etl import add, intake
from etl.__main__ import main
from etl.build import ROOT
from etl.documents import DocumentError, read_document
from etl.final_accounts_tables import parse_budget_lines

SHEETS = ROOT / "tests" / "spreadsheets"
TEXT = ROOT / "tests" / "corpus" / "putuo_finance_2024_final_accounts.txt"
PDF = ROOT.parent / "shared" / "corpus" / "pdf" / "putuo_finance_2024_final_accounts.pdf"
PUTUO = {"district": "普陀", "year": 2024, "kind": "final_accounts"}


def xlsx(tables: tuple[putuo.Table, ...] = putuo.TABLES, unit: str = "万元", codes_as_numbers: bool = False) -> bytes:
    buffer = io.BytesIO()
    putuo.write_xlsx(buffer, tables, unit, codes_as_numbers)
    return buffer.getvalue()


def budget_lines(upload: intake.Upload) -> list[dict]:
    """The budget lines of an upload read as the build reads a report (district, year and kind given)."""
    row = {"doc_id": "putuo", **{key: str(value) for key, value in PUTUO.items()}}
    return parse_budget_lines(read_document(Path(upload.name), row, data=upload.data))


def lines_as_read(rows: list[dict]) -> set[tuple]:
    """What a budget line says, whatever the line it stands on: table, code, name, column, value."""
    return {(r["table_name"], r["code"], r["name"], r["column_name"], round(r["value"], 6)) for r in rows}


@pytest.fixture(scope="module")
def from_text() -> set[tuple]:
    return lines_as_read(budget_lines(intake.read_upload(TEXT.name, TEXT.read_bytes())))


@pytest.fixture(scope="module")
def from_pdf() -> set[tuple]:
    return lines_as_read(budget_lines(intake.read_upload(PDF.name, PDF.read_bytes())))


def test_a_sheet_becomes_the_lines_a_pdf_table_gives():
    """一般公共预算财政拨款支出决算表 (text lines 303-349): title, 部门 and 单位 lines, the merged header as three
    rows (a merged cell's text in its first cell), codes split into 类 | 款 | 项 (06 kept), the 合计 row last."""
    upload = intake.read_upload("决算表.xlsx", xlsx())
    start = upload.lines.index("一般公共预算财政拨款支出决算表")
    assert upload.lines[start:start + 10] == [
        "一般公共预算财政拨款支出决算表",
        "公开05表",
        "部门：上海市普陀区财政局",
        "单位：万元",
        "| 项目 |  |  |  | 合计 | 基本支出 | 项目支出 |",
        "| 支出功能分类科目编码 |  |  | 科目名称 |  |  |  |",
        "| 类 | 款 | 项 |  |  |  |  |",
        "| 201 |  |  | 一般公共服务支出 | 2106.66 | 1503.52 | 603.14 |",
        "| 201 | 06 |  | 财政事务 | 2106.66 | 1503.52 | 603.14 |",
        "| 201 | 06 | 01 | 行政运行 | 1511.89 | 1503.52 | 8.37 |",
    ]
    assert upload.lines[start + 26] == "| 合计 |  |  |  | 2940.05 | 2336.91 | 603.14 |"
    assert (upload.source_format, upload.notes) == ("xlsx", ())
    # an empty table's note stays below it, as a line of its own
    assert "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。" in upload.lines


WORKBOOKS = {
    "xlsx": lambda: ("决算表.xlsx", xlsx()),
    "xlsx, 款 and 项 as numbers shown as 06": lambda: ("决算表.xlsx", xlsx(codes_as_numbers=True)),
    "xlsx in 元, codes in one column": lambda: ("决算表.xlsx", xlsx(tuple(putuo.one_code_column(putuo.in_yuan(t))
                                                                     for t in putuo.TABLES), unit="元")),
    "xls": lambda: ("决算表.xls", (SHEETS / "putuo_2024_final_accounts.xls").read_bytes()),
    "et (the xls saved by WPS under its name)": lambda: ("决算表.et", (SHEETS / "putuo_2024_final_accounts.xls").read_bytes()),
    "ods": lambda: ("决算表.ods", (SHEETS / "putuo_2024_final_accounts.ods").read_bytes()),
    "xls that is a web page's tables, in GBK": lambda: ("决算表.xls", putuo.write_html().encode("gbk")),
}


@pytest.mark.parametrize("workbook", list(WORKBOOKS))
def test_every_budget_line_as_from_the_pdf_and_the_text(workbook, from_text, from_pdf):
    """The workbook's budget lines are the 193 the published PDF's tables give, line for line
    (table, code, name, column, value in 万元); the 59 the text gives (each row's total) among them."""
    name, data = WORKBOOKS[workbook]()
    rows = budget_lines(intake.read_upload(name, data))
    found = lines_as_read(rows)
    assert len(rows) == len(found) == 193
    assert found == from_pdf
    assert from_text <= found and len(from_text) == 59
    # 2010601 行政运行 in the 一般公共预算财政拨款支出决算表: 1,511.89 (text line 315) = 1,503.52 + 8.37
    assert {(r["column_name"], round(r["value"], 6)) for r in rows
            if r["table_name"] == "一般公共预算财政拨款支出决算表" and r["code"] == "2010601"} == {
        ("本年支出合计", 1511.89), ("基本支出", 1503.52), ("项目支出", 8.37)}


def test_an_xls_that_is_a_web_pages_table_is_read_as_a_sheet():
    """Many sites' 导出Excel gives an .xls that is a web page's <table> (in GB2312 here): its colspan and rowspan
    laid out as a workbook's merged cells, its figures' thousands separators (2,940.05) read by the table reader."""
    upload = intake.read_upload("收支决算总表.xls", putuo.write_html((putuo.SUMMARY,)).encode("gbk"))
    assert (upload.source_format, upload.notes) == ("html", (
        (".xls 文件其实是网页表格（HTML），已按表格读取", "the .xls file is a web page's table (HTML): read as a spreadsheet"),))
    assert upload.lines[:7] == [
        "收入支出决算总表", "公开01表", "部门：上海市普陀区财政局", "单位：万元",
        "| 收入 |  | 支出 |  |", "| 项目 | 决算数 | 项目 | 决算数 |",
        "| 一、一般公共预算财政拨款收入 | 2,940.05 | 一、一般公共服务支出 | 2,106.66 |"]


def test_a_budget_line_cites_the_row_it_stands_on():
    upload = intake.read_upload("决算表.xls", (SHEETS / "putuo_2024_final_accounts.xls").read_bytes())
    [row] = [r for r in budget_lines(upload) if r["table_name"] == "一般公共预算财政拨款支出决算表"
             and r["code"] == "2010601" and r["column_name"] == "本年支出合计"]
    assert upload.lines[row["line"] - 1] == "| 201 | 06 | 01 | 行政运行 | 1511.89 | 1503.52 | 8.37 |"
    assert (row["level"], row["parent_code"], row["stage"]) == ("项", "20106", "final")


# ---------------------------------------------------------------------------
# Added to a warehouse: alone, with the text as one document, misprinted.
# ---------------------------------------------------------------------------


template, site = site_fixtures()  # the five reports built once; each test adds to a copy of them


def added(site, upload: intake.Upload, **corrections) -> tuple[add.Added, duckdb.DuckDBPyConnection]:
    preview = add.preview(upload, raw_dir=site.raw, manifest_path=site.manifest, **corrections)
    done = add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db,
                      decisions_path=site.decisions)
    return done, duckdb.connect(str(site.db), read_only=True)


def checks(con, doc_id: str) -> dict[str, bool]:
    return dict(con.execute("select check_id, passed from quality_checks where doc_id = ?", [doc_id]).fetchall())


def test_the_workbook_alone_is_a_document_whose_every_check_holds(site, from_pdf):
    """Tables alone name no year and no kind of report (their titles are the tables'): the person gives them.
    The place and the bureau are read from the tables' 部门：上海市普陀区财政局, with a notice; a table's title
    (收入支出决算总表) names no bureau."""
    data = (SHEETS / "putuo_2024_final_accounts.xls").read_bytes()
    preview = add.preview(intake.read_upload("决算表.xls", data), year=2024, kind="final_accounts", raw_dir=site.raw,
                          manifest_path=site.manifest)
    doc = preview.document
    assert (doc.district, doc.district_full, doc.bureau, doc.bureau_kind, doc.title) == (
        "普陀", "上海市普陀区", "财政局", "财政局", "收入支出决算总表")
    assert "标题未写明地区：按正文中的「上海市普陀区」识别为 普陀，请核对" in [zh for zh, _ in preview.notes]
    assert not [zh for zh, _ in preview.notes if "项核对未通过" in zh]
    done, con = added(site, intake.read_upload("决算表.xls", data), year=2024, kind="final_accounts")
    with con:
        found = checks(con, done.doc_id)
        assert len(found) == 158 and all(found.values())
        rows = con.execute("select table_name, code, name, column_name, round(value, 6) from budget_lines "
                           "where doc_id = ?", [done.doc_id]).fetchall()
        assert set(rows) == from_pdf
        assert con.execute("select source from documents where doc_id = ?", [done.doc_id]).fetchone() == ("决算表.xls",)


def test_with_the_text_one_document_with_the_texts_figures_and_the_sheets_lines(site, from_pdf):
    text_alone = add.preview(intake.read_upload(TEXT.name, TEXT.read_bytes()), raw_dir=site.raw, manifest_path=site.manifest)
    upload = intake.read_uploads([("普陀2024决算表.xlsx", xlsx()), (TEXT.name, TEXT.read_bytes())])
    assert upload.source == f"{TEXT.name} + 普陀2024决算表.xlsx"  # the text first, whatever the order chosen
    assert upload.source_format == "text+xlsx"
    text_lines = TEXT.read_text(encoding="utf-8").splitlines()
    assert upload.lines[:len(text_lines)] == text_lines  # the text's lines keep their numbers
    assert upload.lines[len(text_lines):len(text_lines) + 3] == ["", "附件：普陀2024决算表.xlsx", "收入支出决算总表"]

    preview = add.preview(upload, raw_dir=site.raw, manifest_path=site.manifest)
    doc = preview.document
    assert (doc.district, doc.year, doc.kind, doc.bureau) == ("普陀", 2024, "final_accounts", "财政局")
    figures = {(o.kpi_id, o.value, o.kind, o.line) for o in preview.observations}
    assert figures == {(o.kpi_id, o.value, o.kind, o.line) for o in text_alone.observations}
    assert {("budget_executed", 2940.05), ("basic_expenditure", 2336.91), ("project_expenditure", 603.14)} <= {
        (o.kpi_id, o.value) for o in preview.observations}

    done, con = added(site, upload)
    with con:
        found = checks(con, done.doc_id)
        assert [check for check, passed in found.items() if not passed] == []
        budget = con.execute("select table_name, code, name, column_name, round(value, 6), line from budget_lines "
                             "where doc_id = ?", [done.doc_id]).fetchall()
        assert {row[:5] for row in budget} == from_pdf
        assert min(row[5] for row in budget) > len(text_lines)  # every line from the sheets, none from the text's plain tables
        assert con.execute("select count(*) from kpi_observations where doc_id = ? and kpi_id = 'budget_executed' "
                           "and value = 2940.05", [done.doc_id]).fetchone()[0] >= 1
        assert con.execute("select source from documents where doc_id = ?", [done.doc_id]).fetchone() == (
            f"{TEXT.name} + 普陀2024决算表.xlsx",)


def test_a_misprinted_cell_fails_the_checks_around_it(site):
    """2010601 行政运行's 合计 in the 一般公共预算财政拨款支出决算表 printed 1,511.98 for 1,511.89: its parent 20106
    is no longer the sum of its items, and the row no longer adds up across its columns; the review said so first."""
    tables = tuple(putuo.misprinted(t, "2010601", 0, 1511.98) if t is putuo.GENERAL_BUDGET else t for t in putuo.TABLES)
    upload = intake.read_uploads([(TEXT.name, TEXT.read_bytes()), ("决算表.xlsx", xlsx(tables))])
    preview = add.preview(upload, raw_dir=site.raw, manifest_path=site.manifest)
    notes = [zh for zh, _ in preview.notes if "项核对未通过" in zh]
    assert len(notes) == 1 and "20106 财政事务" in notes[0]
    done, con = added(site, upload)
    with con:
        failing = dict(con.execute("select check_id, round(difference, 2) from quality_checks where doc_id = ? "
                                   "and not passed", [done.doc_id]).fetchall())
    assert failing == {
        "children_sum:一般公共预算财政拨款支出决算表:20106:本年支出合计": 0.09,  # 1,511.98 + 10.00 + 135.25 + 449.52 against 2,106.66
        "column_sum:一般公共预算财政拨款支出决算表:2010601:本年支出合计": -0.09,  # 1,503.52 + 8.37 against 1,511.98
    }


# ---------------------------------------------------------------------------
# The command line: a text and two spreadsheets, one document.
# ---------------------------------------------------------------------------


def test_command_line_adds_a_text_and_two_spreadsheets_as_one_document(site, tmp_path, capsys):
    details = tmp_path / "部门决算表.xlsx"
    details.write_bytes(xlsx(tuple(t for t in putuo.TABLES if t is not putuo.SUMMARY)))
    summary = SHEETS / "putuo_2024_summary.xls"
    before = len(list(site.raw.iterdir()))
    assert main(["add", str(TEXT), str(summary), str(details), "--yes", *site.cli()]) == 0
    out = capsys.readouterr().out
    assert f"文件 file: {TEXT.name} + putuo_2024_summary.xls + 部门决算表.xlsx（text+xls+xlsx）" in out
    assert len(list(site.raw.iterdir())) == before + 1  # one document
    [doc_id] = re.findall(r"已添加 added: (\d{3}_[0-9a-f]{16})\.txt", out)
    with duckdb.connect(str(site.db), read_only=True) as con:
        kpis = set(con.execute("select kpi_id, value from kpi_observations where doc_id = ?", [doc_id]).fetchall())
        assert {("budget_executed", 2940.05), ("basic_expenditure", 2336.91), ("project_expenditure", 603.14)} <= kpis
        tables = dict(con.execute("select table_name, count(*) from budget_lines where doc_id = ? group by all",
                                  [doc_id]).fetchall())
        assert tables["收入支出决算总表"] == 12  # from the .xls: five figures of income, seven of spending
        assert tables["一般公共预算财政拨款支出决算表"] == 44  # from the .xlsx: the figures of its 19 codes and 合计
        row = con.execute("select value, line from budget_lines where doc_id = ? and table_name = '一般公共预算财政拨款支出决算表' "
                          "and code = '2010601' and column_name = '本年支出合计'", [doc_id]).fetchone()
        assert row[0] == 1511.89
        assert (site.raw / f"{doc_id}.txt").read_text(encoding="utf-8").splitlines()[row[1] - 1] == \
            "| 201 | 06 | 01 | 行政运行 | 1511.89 | 1503.52 | 8.37 |"
        assert not [passed for _, passed in checks(con, doc_id).items() if not passed]
        assert con.execute("select source from documents where doc_id = ?", [doc_id]).fetchone() == (
            f"{TEXT.name} + putuo_2024_summary.xls + 部门决算表.xlsx",)


# ---------------------------------------------------------------------------
# What cannot be read is said, file by file; nothing is written.
# ---------------------------------------------------------------------------


def message(error: pytest.ExceptionInfo) -> str:
    return str(error.value)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ([("坏.xlsx", xlsx()[:4000])],
         "坏.xlsx: 电子表格已损坏或不是 Excel / WPS / OpenDocument 表格，无法读取：请在表格软件中打开并另存为 .xlsx "
         "(the spreadsheet is damaged or not an Excel, WPS or OpenDocument spreadsheet: open it and save it as .xlsx again)"),
        ([("表.txt", xlsx())],
         "表.txt: 文件名是 .txt，内容却是Excel 表格（.xlsx）：请把扩展名改为 .xlsx 后再上传 "
         "(the name says .txt but the content is an Excel workbook (.xlsx): rename it to .xlsx and upload it again)"),
        ([("表.xls", b"%PDF-1.4\n" + bytes(100))],
         "表.xls: 文件名是 .xls，内容却是PDF 文件：请把扩展名改为 .pdf 后再上传 "
         "(the name says .xls but the content is a PDF: rename it to .pdf and upload it again)"),
        ([("report.txt", TEXT.read_bytes()), ("copy.txt", TEXT.read_bytes())],
         "copy.txt: 与 report.txt 是同一个文件（内容相同）：每个文件只需选一次 "
         "(the same file as report.txt (same content): choose each file once)"),
        ([("report.txt", TEXT.read_bytes()), ("empty.xlsx", b"")],
         "empty.xlsx: 文件为空：请选择有内容的报告文件 (file is empty: pick the file that holds the report)"),
    ],
    ids=["damaged", "misnamed", "a pdf named xls", "chosen twice", "one empty among several"],
)
def test_a_file_that_cannot_be_read_is_named(files, expected):
    with pytest.raises(DocumentError) as error:
        intake.read_uploads(files)
    assert message(error) == expected


def test_what_a_workbook_does_not_say_is_noted():
    """A hidden sheet is not read; a table without a 单位 line is not read as budget lines (as a PDF's would not be)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    shown = workbook.add_worksheet("支出决算表")
    for r, row in enumerate([["支出决算表"], ["科目编码", "科目名称", "合计"], ["2010601", "行政运行", 1511.89]]):
        shown.write_row(r, 0, row)
    workbook.add_worksheet("底稿").hide()
    workbook.close()
    upload = intake.read_upload("表.xlsx", buffer.getvalue())
    assert upload.notes == (
        ("工作表「支出决算表」的「支出决算表」没有写明单位（单位：万元 或 元），其中的数字未读作预算表",
         "sheet '支出决算表': '支出决算表' states no unit (单位：万元 or 元); its figures are not read as budget lines"),
        ("工作表「底稿」是隐藏的，未读取", "sheet '底稿' is hidden: not read"),
    )
    assert upload.lines == ["支出决算表", "| 科目编码 | 科目名称 | 合计 |", "| 2010601 | 行政运行 | 1511.89 |"]
    assert budget_lines(upload) == []


def test_content_is_told_by_what_the_zip_holds():
    assert intake.sniff(xlsx()) == "xlsx"
    assert intake.sniff((SHEETS / "putuo_2024_final_accounts.ods").read_bytes()) == "ods"
    assert intake.sniff((SHEETS / "putuo_2024_final_accounts.xls").read_bytes()) == "ole"


# ---------------------------------------------------------------------------
# The page: a text and a spreadsheet chosen together are one report.
# ---------------------------------------------------------------------------


def test_the_page_takes_a_text_and_a_spreadsheet_as_one_report(site, monkeypatch):
    for key, value in site.env().items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    at.switch_page(str(ROOT / "dashboard" / "pages" / "add_report.py"))
    at.run()
    before = snapshot(site)
    assert at.file_uploader[0].accept_multiple_files
    at.file_uploader[0].set_value([(TEXT.name, TEXT.read_bytes(), "text/plain"),
                                   ("普陀2024决算表.xlsx", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert (at.selectbox[0].value, at.number_input[0].value, at.selectbox[1].value) == ("普陀", 2024, "final_accounts")
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert "**预算科目（193 行，接受后载入）**" in [m.value for m in at.markdown]  # the sheets' 193 lines, in one preview
    assert "标题：上海市普陀区财政局2024年度部门决算" in captions  # the text's title: the text comes first
    text_alone = add.preview(intake.read_upload(TEXT.name, TEXT.read_bytes()), raw_dir=site.raw, manifest_path=site.manifest)
    assert at.subheader[1].value == f"找到的指标（{len(text_alone.observations)} 个）"  # the text's figures, as alone
    quotes = at.dataframe[0].value["原文"].to_list()
    assert "三、支出决算情况说明本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；" in quotes
    assert snapshot(site) == before  # the preview writes nothing

    next(b for b in at.button if b.label == "接受并载入").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    added_files = sorted(set(p.name for p in site.raw.iterdir()) - {Path(p).name for p in before if p.startswith("raw/")})
    assert len(added_files) == 1
    with duckdb.connect(str(site.db), read_only=True) as con:
        doc_id = Path(added_files[0]).stem
        assert con.execute("select count(*) from budget_lines where doc_id = ?", [doc_id]).fetchone() == (193,)
        assert con.execute("select source from documents where doc_id = ?", [doc_id]).fetchone() == (
            f"{TEXT.name} + 普陀2024决算表.xlsx",)
