"""部门决算表 as budget_lines, and the checks that they add up (queries/check_budget_lines.sql).

The figures are 番禺 2019's (data/raw/003_202dbe6575e56d7f.txt), with the raw line
each is printed on.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from etl.build import MANIFEST, RAW, build, raw_files
from etl.documents import Document
from etl.final_accounts import extract
from etl.final_accounts_tables import parse_budget_lines

KEYS = {"district", "year", "doc_id", "table_name", "code", "name", "level", "parent_code", "column_name", "value", "line",
        "stage"}


@pytest.fixture(scope="module")
def final_accounts(docs: dict) -> Document:
    return docs["final_accounts", "番禺"]


@pytest.fixture(scope="module")
def budget_lines(final_accounts: Document) -> list[dict]:
    return extract(final_accounts).tables["budget_lines"]


def find(rows: list[dict], table_name: str, key: str, column_name: str) -> list[dict]:
    """Rows of one table by code (or, for rows without a code, by name) and column."""
    return [r for r in rows if r["table_name"] == table_name and r["column_name"] == column_name
            and (r["code"] == key or (r["code"] is None and r["name"] == key))]


@pytest.mark.parametrize(
    ("table_name", "code", "name", "column_name", "value", "line", "level", "parent_code"),
    [
        # | 2010301 | 行政运行 | 483.11 | 483.11 | 0.00 | …
        ("支出决算表", "2010301", "行政运行", "本年支出合计", 483.11, 233, "项", "20103"),
        ("支出决算表", "20103", "政府办公厅（室）及相关机构事务", "本年支出合计", 2228.20, 232, "款", "201"),
        ("支出决算表", "201", "一般公共服务支出", "项目支出", 1243.73, 229, "类", None),
        ("收入决算表", "2010302", "一般行政管理事务", "其他收入", 2.80, 152, "项", "20103"),
        ("一般公共预算财政拨款支出决算表", "2010302", "一般行政管理事务", "本年支出合计", 1241.82, 366, "项", "20103"),
        # the right-hand side of | 30309 | 奖励金 | 4.93 | 30231 | 公务用车运行维护费 | 3.90 |
        ("一般公共预算财政拨款基本支出决算表", "30231", "公务用车运行维护费", "金额", 3.90, 460, "款", "302"),
        ("一般公共预算财政拨款基本支出决算表", "301", "工资福利支出", "金额", 1041.77, 426, "类", None),
        # "对民间非营利组织和群众性自治组 织补贴": a name split by a stray space
        ("一般公共预算财政拨款基本支出决算表", "39908", "对民间非营利组织和群众性自治组织补贴", "金额", 0.0, 507, "款", "399"),
        # | 本年支出 | | | over | 小计 | 基本支出 | 项目支出 |
        ("政府性基金预算财政拨款收入支出决算表", "2121399", "其他城市基础设施配套费安排的支出", "本年支出小计", 18.37, 541, "项", "21213"),
    ],
)
def test_coded_rows(budget_lines, table_name, code, name, column_name, value, line, level, parent_code):
    [row] = find(budget_lines, table_name, code, column_name)
    assert (row["name"], row["value"], row["line"], row["level"], row["parent_code"]) == (name, value, line, level, parent_code)


@pytest.mark.parametrize(
    ("table_name", "name", "column_name", "value", "line"),
    [
        # | 本年收入合计 | 23 | 5271.57 | 本年支出合计 | 49 | 5270.40 |: two sides, one header 决算数
        ("收入支出决算总表", "本年收入合计", "决算数", 5271.57, 118),
        ("收入支出决算总表", "本年支出合计", "决算数", 5270.40, 118),
        ("收入支出决算总表", "七、其他收入", "决算数", 2.80, 89),
        # | 总计 | 26 | 5304.66 | 总计 | 52 | 5304.66 |: one name on both sides
        ("收入支出决算总表", "收入总计", "决算数", 5304.66, 132),
        ("收入支出决算总表", "支出总计", "决算数", 5304.66, 132),
        # "七、文化旅游体育与传媒支 出" under "一般公共预算财 政拨款"
        ("财政拨款收入支出决算总表", "七、文化旅游体育与传媒支出", "一般公共预算财政拨款", 9.87, 304),
        ("财政拨款收入支出决算总表", "本年支出合计", "政府性基金预算财政拨款", 18.37, 331),
        ("财政拨款收入支出决算总表", "收入总计", "金额", 5268.77, 346),
        ("收入决算表", "合计", "财政拨款收入", 5268.77, 146),
        ("一般公共预算财政拨款基本支出决算表", "人员经费合计", "金额", 1078.84, 509),
        # the “三公” table has no name column: 预算数 / 决算数 are the columns
        ("一般公共预算财政拨款“三公”经费支出决算表", "公务接待费", "决算数", 0.85, 524),
        ("一般公共预算财政拨款“三公”经费支出决算表", "合计", "预算数", 12.30, 524),
        ("一般公共预算财政拨款“三公”经费支出决算表", "公务用车购置及运行费小计", "决算数", 3.90, 524),
        ("非税收入征缴情况表", "六、国有资源（资产）有偿使用收入", "纳入预算管理已缴国库小计", 2.98, 561),
    ],
)
def test_rows_without_code(budget_lines, table_name, name, column_name, value, line):
    [row] = find(budget_lines, table_name, name, column_name)
    assert (row["value"], row["line"], row["level"], row["parent_code"]) == (value, line, None, None)


def test_rows_have_the_keys_and_the_document(budget_lines):
    assert all(set(row) == KEYS for row in budget_lines)
    assert {(r["district"], r["year"], r["doc_id"], r["stage"]) for r in budget_lines} == {
        ("番禺", 2019, "003_202dbe6575e56d7f", "final")}


def test_every_table_of_the_document(budget_lines):
    assert sorted({r["table_name"] for r in budget_lines}) == sorted([
        "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表", "非税收入征缴情况表",
    ])


def test_repeated_page_totals_appear_once(budget_lines):
    # | | 合计 | 5270.40 | … is printed on lines 228, 251 and 273 (one per page)
    [row] = find(budget_lines, "支出决算表", "合计", "本年支出合计")
    assert (row["value"], row["line"]) == (5270.40, 228)
    keys = [(r["table_name"], r["code"] or r["name"], r["column_name"]) for r in budget_lines]
    assert len(keys) == len(set(keys))


def test_split_headers_are_rejoined_and_numbering_dropped(budget_lines):
    columns = {r["table_name"]: set() for r in budget_lines}
    for r in budget_lines:
        columns[r["table_name"]].add(r["column_name"])
    assert columns["财政拨款收入支出决算总表"] == {"金额", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"}
    assert columns["收入支出决算总表"] == {"决算数"}  # not 行次
    assert columns["支出决算表"] == {"本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"}
    assert not [r for r in budget_lines if " " in r["column_name"] or " " in (r["name"] or "")]


def test_rows_per_table(budget_lines):
    counts: dict[str, int] = {}
    for r in budget_lines:
        counts[r["table_name"]] = counts.get(r["table_name"], 0) + 1
    # 支出决算表: 合计 and 32 codes, 6 columns each
    assert counts["支出决算表"] == 33 * 6
    assert counts["收入决算表"] == 33 * 7


def test_a_title_on_the_table_line_a_page_without_header_and_money_in_yuan(final_accounts):
    # The real 支出决算表 rows, laid out as other districts print them.
    lines = [
        "表 3 支出决算表",
        "单位：元",
        "| 项 目 | | 本年支出合计 | 基本支出 | 项目支出 |",
        "|---|---|---|---|---|",
        "| 功能分类科目编码 | 科目名称 | | | |",
        "| 栏次 | | 1 | 2 | 3 |",
        "| 20103 | 政府办公厅（室）及相关机构事务 | 22,282,000.00 | 9,847,500.00 | 12,434,400.00 |",
        "",
        "| 2010301 | 行政运行 | 4,831,100.00 | 4,831,100.00 | 0.00 |",
    ]
    rows = parse_budget_lines(replace(final_accounts, lines=lines, _flow=None))
    [row] = find(rows, "支出决算表", "2010301", "本年支出合计")
    assert (row["value"], row["line"], row["parent_code"]) == (pytest.approx(483.11), 9, "20103")
    assert len(rows) == 6


# ---------------------------------------------------------------------------
# queries/check_budget_lines.sql
# ---------------------------------------------------------------------------

CHECK_COLUMNS = ["check_id", "check_type", "district", "year", "doc_id", "subject", "expected", "actual", "difference",
                 "tolerance", "passed", "line", "detail"]


def check(con: duckdb.DuckDBPyConnection, check_id: str) -> dict:
    cursor = con.execute("select * from check_budget_lines where check_id = ?", [check_id])
    names = [d[0] for d in cursor.description]
    [found] = cursor.fetchall()
    return dict(zip(names, found, strict=True))


def test_the_view_has_its_columns_and_unique_ids(con):
    names = [d[0] for d in con.execute("select * from check_budget_lines limit 0").description]
    assert names == CHECK_COLUMNS
    total, unique = con.execute("select count(*), count(distinct (doc_id, check_id)) from check_budget_lines").fetchone()
    assert total == unique > 0


def test_every_item_of_the_expenditure_table_rolls_up_to_its_parent(con):
    parents = {row[0] for row in con.execute(
        "select distinct parent_code from budget_lines where table_name = '支出决算表' and level = '项'").fetchall()}
    checked = {row[0]: row[1] for row in con.execute(
        """select split_part(check_id, ':', 3), passed from check_budget_lines
           where check_type = 'children_sum' and check_id like 'children_sum:支出决算表:_____:本年支出合计'""").fetchall()}
    assert parents == {"20102", "20103", "20132", "20605", "20701", "20805", "20808", "21007", "21213", "22102"}
    assert set(checked) == parents
    assert all(checked.values())


@pytest.mark.parametrize(
    ("check_id", "expected", "actual", "line", "passed"),
    [
        # 2010301 483.11 + 2010302 1243.44 + 2010350 264.77 + 2010399 236.88
        ("children_sum:支出决算表:20103:本年支出合计", 2228.20, 2228.20, 232, True),
        # 483.11 + 0.00 + 264.77 + 236.88 = 984.76 against 984.75: a rounding gap within 0.02
        ("children_sum:支出决算表:20103:基本支出", 984.75, 984.76, 232, True),
        ("children_sum:支出决算表:合计:本年支出合计", 5270.40, 5270.39, 228, True),
        ("children_sum:一般公共预算财政拨款基本支出决算表:301:金额", 1041.77, 1041.78, 426, True),
        ("children_sum:一般公共预算财政拨款基本支出决算表:合计:金额", 1186.59, 1186.59, 509, True),
        ("children_sum:收入支出决算总表:本年支出合计:决算数", 5270.40, 5270.39, 118, True),
        ("children_sum:收入支出决算总表:收入总计:决算数", 5304.66, 5304.66, 132, True),
        # 基本支出 984.75 + 项目支出 1243.44 = 2228.19 against 本年支出合计 2228.20
        ("column_sum:支出决算表:20103:本年支出合计", 2228.20, 2228.19, 232, True),
        ("cross_table_total:收入支出决算总表:本年支出合计:决算数=支出决算表:合计:本年支出合计", 5270.40, 5270.40, 118, True),
        ("cross_table_total:财政拨款收入支出决算总表:本年支出合计:一般公共预算财政拨款"
         "=一般公共预算财政拨款支出决算表:合计:本年支出合计", 5250.40, 5250.40, 331, True),
        ("cross_table_total:一般公共预算财政拨款支出决算表:合计:基本支出=一般公共预算财政拨款基本支出决算表:经费合计:金额",
         1186.59, 1186.59, 360, True),
        ("cross_table_total:收入支出决算总表:科学技术支出:决算数=支出决算表:206:本年支出合计", 2811.83, 2811.83, 88, True),
    ],
)
def test_checks_of_the_real_tables(con, check_id, expected, actual, line, passed):
    found = check(con, check_id)
    assert (found["expected"], found["line"], found["passed"]) == (expected, line, passed)
    assert found["actual"] == pytest.approx(actual)
    assert found["difference"] == pytest.approx(actual - expected)
    assert found["tolerance"] == 0.02
    assert (found["district"], found["year"], found["doc_id"]) == ("番禺", 2019, "003_202dbe6575e56d7f")


def test_the_gaps_the_document_has(con):
    # Every check of 番禺 2019 passes within 0.02 万元; these are the ones that are not exact.
    gaps = con.execute(
        "select check_id, difference from check_budget_lines where difference <> 0 order by check_id").fetchall()
    assert len(gaps) == 17
    assert {round(difference, 2) for _, difference in gaps} == {-0.01, 0.01}
    assert con.execute("select count(*) from check_budget_lines where not passed").fetchone()[0] == 0


@pytest.fixture(scope="module")
def altered(tmp_path_factory: pytest.TempPathFactory, final_accounts: Document) -> duckdb.DuckDBPyConnection:
    """A warehouse of data/raw with one figure of the 番禺 report misprinted: 2010301
    行政运行's 本年支出合计 483.11 -> 483.21 (line 233). (All the reports, so that the
    other views find their tables.)"""
    raw = tmp_path_factory.mktemp("altered_raw")
    for path in raw_files(RAW):
        shutil.copy(path, raw / path.name)
    lines = list(final_accounts.lines)
    assert lines[232].startswith("| 2010301 | 行政运行 | 483.11 |")
    lines[232] = lines[232].replace("| 483.11 |", "| 483.21 |", 1)
    (raw / final_accounts.path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    db_path = raw.parent / "altered.duckdb"
    build(db_path=db_path, raw_dir=raw, manifest_path=MANIFEST)
    connection = duckdb.connect(str(db_path), read_only=True)
    yield connection
    connection.close()
    shutil.rmtree(raw, ignore_errors=True)
    Path(db_path).unlink(missing_ok=True)


def test_a_misprinted_figure_fails_the_checks_around_it(altered):
    failing = dict(altered.execute("select check_id, difference from check_budget_lines where not passed").fetchall())
    assert set(failing) == {
        "children_sum:支出决算表:20103:本年支出合计",  # 2228.30 from the items against 2228.20
        "column_sum:支出决算表:2010301:本年支出合计",  # 483.11 + 0.00 + … against 483.21
    }
    assert failing["children_sum:支出决算表:20103:本年支出合计"] == pytest.approx(0.10)
    assert failing["column_sum:支出决算表:2010301:本年支出合计"] == pytest.approx(-0.10)


def _corpus_document(name: str):
    from pathlib import Path

    from etl.documents import Document

    path = Path(__file__).parent / "corpus" / name
    return Document(doc_id=path.stem, path=path, lines=path.read_text(encoding="utf-8").splitlines(), district="普陀",
                    district_full="上海市普陀区", year=2024, kind="final_accounts", title=name, sha256="0" * 64)


def test_a_plain_text_table_with_split_codes_and_names_above():
    # 普陀区财政局 2024 部门决算, 一般公共预算财政拨款支出决算表 (tests/corpus/README.md): "行政运行" on one line,
    # "201 06 01 1,511.89 1,503.52 8.37" on the next; only the row's total (合计) is placed for certain
    rows = parse_budget_lines(_corpus_document("putuo_finance_2024_spending_table.txt"))
    found = {(r["code"], r["name"], r["column_name"], r["value"], r["level"], r["parent_code"]) for r in rows}
    total = "本年支出合计"  # the 2024 template's 合计, named as every 支出决算表's total column
    assert {("2010601", "行政运行", total, 1511.89, "项", "20106"), ("2010607", "信息化建设", total, 135.25, "项", "20106"),
            ("2010608", "财政委托业务支出", total, 449.52, "项", "20106"), ("201", "一般公共服务支出", total, 2106.66, "类", None),
            ("20106", "财政事务", total, 2106.66, "款", "201"),
            ("2080505", "机关事业单位基本养老保险缴费支出", total, 160.75, "项", "20805")} <= found
    assert ("合计", 2940.05) in {(r["name"], r["value"]) for r in rows if r["code"] is None}
    assert {r["column_name"] for r in rows} == {total}  # the other columns are not guessed
    assert {r["line"] for r in rows if r["code"] == "2010601"} == {13}  # the line of its figures


def test_a_plain_text_table_in_yuan_is_stored_in_wan():
    # 普陀区人民政府办公室 2025 部门预算, 部门收入预算总表: 201 03 01 行政运行 12,029,501.84 (元)
    rows = parse_budget_lines(_corpus_document("putuo_govoffice_2025_income_table.txt"))
    row = next(r for r in rows if r["code"] == "2010301")
    assert (row["name"], round(row["value"], 2)) == ("行政运行", 1202.95)


def test_items_written_in_sentences_under_their_tables_heading():
    # 平潭综合实验区行政审批局 2016 决算说明 (tests/corpus/README.md), lines 33-45: no tables, the items in sentences
    rows = parse_budget_lines(_corpus_document("pingtan_approval_2016_final_accounts.txt"))
    found = {(r["table_name"], r["code"], r["name"], r["value"], r["line"]) for r in rows}
    assert {("公共财政拨款支出决算情况", "2010301", "行政运行", 353.32, 35),
            ("公共财政拨款支出决算情况", "2150805", "中小企业发展专项", 43186.43, 42)} <= found
    assert len(rows) == 11


def test_the_published_pdf_through_the_products_reader(tmp_path):
    """普陀区财政局 2024 部门决算 as published (../shared/corpus/pdf, 25 pages): the PDF reader gives the
    tables as | rows with the code split into 类 | 款 | 项 cells ("06" is part of the code, not 6.0), and
    puts the prose's digits back on their line; the same figures as the text version."""
    from etl import final_accounts, intake
    from etl.build import ROOT
    from etl.documents import read_document

    pdf = ROOT.parent / "shared" / "corpus" / "pdf" / "putuo_finance_2024_final_accounts.pdf"
    upload = intake.read_upload(pdf.name, pdf.read_bytes())
    text = tmp_path / "from_pdf.txt"
    text.write_bytes(upload.data)
    doc = read_document(text, {"doc_id": "p", "district": "普陀", "year": "2024", "kind": "final_accounts"})
    rows = parse_budget_lines(doc)
    spending = {r["code"]: r["value"] for r in rows if r["table_name"] == "支出决算表" and r["column_name"] == "本年支出合计"}
    assert {code: spending.get(code) for code in ("201", "20106", "2010601", "2010607", "2080505")} == {
        "201": 2106.66, "20106": 2106.66, "2010601": 1511.89, "2010607": 135.25, "2080505": 160.75}
    assert all(len(r["code"]) in (3, 5, 7) for r in rows if r["code"])
    found = {(o.kpi_id, o.value) for o in final_accounts.extract(doc).observations}
    assert {("budget_executed", 2940.05), ("basic_expenditure", 2336.91), ("project_expenditure", 603.14)} <= found


def test_every_check_of_the_published_pdf_holds(tmp_path):
    """The same PDF's tables add up: all 158 checks hold, among them 年初财政拨款结转和结余 21.63 = its part
    一、一般公共预算财政拨款 21.63 (line 203 of the PDF's text), which prints the name of an income item
    (一、一般公共预算财政拨款 2,940.05, line 175) and is named by the balance it belongs to."""
    from etl import intake
    from etl.build import ROOT

    pdf = ROOT.parent / "shared" / "corpus" / "pdf" / "putuo_finance_2024_final_accounts.pdf"
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "p.txt").write_bytes(intake.read_upload(pdf.name, pdf.read_bytes()).data)
    (tmp_path / "m.csv").write_text("doc_id,file,district,district_full,year,kind,title,sha256\n"
                                    "p,p.txt,普陀,,2024,final_accounts,,\n", encoding="utf-8")
    build(db_path=tmp_path / "w.duckdb", raw_dir=tmp_path / "raw", manifest_path=tmp_path / "m.csv",
          decisions_path=tmp_path / "none.csv")
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*), count(*) filter (where passed) from check_budget_lines").fetchone() == (158, 158)
        balance = check(con, "children_sum:财政拨款收入支出决算总表:年初财政拨款结转和结余:决算数")
        assert (balance["expected"], balance["actual"], balance["line"]) == (21.63, 21.63, 202)
        named = con.execute("""select name, line from budget_lines where table_name = '财政拨款收入支出决算总表'
                               and name like '%一般公共预算财政拨款' order by line""").fetchall()
        assert named == [("一、一般公共预算财政拨款", 175), ("年初财政拨款结转和结余：一、一般公共预算财政拨款", 203)]


def test_a_department_budget_is_a_kind_of_its_own_with_budget_stage_lines(tmp_path):
    """普陀区人民政府办公室 2025 部门预算 (tests/corpus): detected as a budget, its tables in 元 read in 万元
    as budget lines of stage 'budget', and no KPI figure (its figures are the initial budget)."""
    from etl import budget
    from etl.build import ROOT
    from etl.documents import read_document

    source = ROOT / "tests" / "corpus" / "putuo_govoffice_2025_budget.txt"
    doc = read_document(source, None)
    assert (doc.district, doc.year, doc.kind) == ("普陀", 2025, "budget")
    extraction = budget.extract(doc)
    assert extraction.observations == []
    line = next(r for r in extraction.tables["budget_lines"] if r["code"] == "2010301" and r["table_name"].endswith("收入预算总表"))
    assert (line["name"], round(line["value"], 2), line["stage"], line["line"]) == ("行政运行", 1202.95, "budget", 122)
