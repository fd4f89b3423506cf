"""What the review of a report shows (dashboard/review.py), on real reports: a figure stated
twice is one row that says so, two values of one KPI and year are a conflict, a possible
figure says why it is not the KPI's value, and the budget lines are there before loading.

平潭综合实验区行政审批局 2016 决算说明 (tests/corpus), read by hand: 本年支出45951.12万元 at
lines 19 and 27; 截止到11月底，产业奖补窗口已受理431件申请 at line 16; eleven 功能分类 items
at lines 35-45 under 2016年公共财政拨款支出45556.96万元 (line 34). 增城 2023 自评报告
(data/raw): 锦旗34面 at line 79, 锦旗40面 at line 249."""

from __future__ import annotations

import pytest
from add_helpers import CORPUS

from dashboard.review import agreement, grouped, not_loaded_because, plain_why, same_candidates
from etl import add, intake

PINGTAN = CORPUS / "pingtan_approval_2016_final_accounts.txt"
ZENGCHENG_2023 = "004_2c450fdd424bffaf"
UNITS = {"budget_executed": "万元", "commendation_banners": "面"}


@pytest.fixture(scope="module")
def pingtan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    upload = intake.read_uploads(((PINGTAN.name, PINGTAN.read_bytes()),))
    return add.preview(upload, raw_dir=folder / "raw", manifest_path=folder / "manifest.csv")


def test_the_same_figure_at_two_lines_is_one_row_that_says_they_agree(pingtan):
    spent = [f for f in grouped(pingtan.observations) if f.figures[0].kpi_id == "budget_executed"]
    assert [(f.figures[0].value, f.lines, f.conflicts) for f in spent] == [(45951.12, [19, 27], ())]
    assert agreement(spent[0], "zh", UNITS) == "第 19、27 行 2 处一致"
    assert agreement(spent[0], "en", UNITS) == "agrees at lines 19, 27 (2 places)"


def test_two_values_of_one_kpi_and_year_are_a_conflict():
    zengcheng = add.loaded_preview(ZENGCHENG_2023)
    banners = {f.lines[0]: f for f in grouped(zengcheng.observations) if f.figures[0].kpi_id == "commendation_banners"}
    assert agreement(banners[79], "zh", UNITS) == "冲突：第 249 行写 40 面"
    assert agreement(banners[249], "en", UNITS) == "conflict: line 79 says 34 面"


def test_one_windows_count_to_november_says_why_it_is_not_the_years_cases(pingtan):
    window = next(c for c in pingtan.candidates if c.value == 431)
    assert (window.kpi_id, window.line, window.role, window.period) == ("service_cases", 16, "part", "1-11月")
    assert not_loaded_because(window, "zh") == "只是一部分（「产业奖补窗口」），不是总数；只含 1-11月（「截止到11月底」），不是全年"
    assert not_loaded_because(window, "en") == ("only a part (“产业奖补窗口”), not the total; "
                                                "only Jan–Nov (“截止到11月底”), not the whole year")


def test_a_possible_figure_stated_twice_is_one_row(pingtan):
    # 本年支出45951.12万元（其中含平潭综合实验区产业奖补资金支出44065.2万元）: at lines 19 and 27
    part = [[c.line for c in group] for group in same_candidates(pingtan.candidates) if group[0].value == 44065.2]
    assert part == [[19, 27]]


def test_the_words_that_decided_are_said_in_words(pingtan):
    spent = next(o for o in pingtan.observations if o.line == 27)
    assert plain_why(spent.why, {"budget_executed": "部门全年执行数"}, "zh") == "「本年支出」→ 部门全年执行数"


def test_the_budget_lines_and_their_check_are_there_before_loading(pingtan):
    lines = [(r["code"], r["name"], r["value"], r["line"]) for r in pingtan.budget_lines]
    assert len(lines) == 11
    assert lines[0] == ("2010301", "行政运行", 353.32, 35)
    assert lines[7] == ("2150805", "中小企业发展专项", 43186.43, 42)
    assert lines[-1] == ("2210202", "提租补贴", 6.74, 45)
    assert [(c["check_type"], c["expected"], round(c["actual"], 2), c["passed"], c["line"]) for c in pingtan.table_checks] == [
        ("parts_sum", 45556.96, 45556.95, True, 34)]


def test_the_command_line_preview_lists_the_budget_lines_too(pingtan):
    from etl.__main__ import describe

    said = describe(pingtan).splitlines()
    assert "预算科目 budget lines (11, 万元):" in said
    assert "  2010301 行政运行 353.32 [合计] 第 35 行 (line 35)" in said
    assert "  2210202 提租补贴 6.74 [合计] 第 45 行 (line 45)" in said
    assert ("  核对 check 通过 passed: 公共财政拨款支出决算情况 = 其中各项之和 第 34 行 (line 34): 算得 computed 45556.95, "
            "文件写 stated 45556.96") in said
