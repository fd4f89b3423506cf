"""The reading's two steps (etl/reading): every example sentence kept beside the
vocabulary (etl/reading/vocabulary/*.toml) gives the KPI, value and role written beside
it by the person who read it; and real lines of the corpus, each with what a person
reads in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.documents import Document
from etl.reading import observations, read
from etl.reading.words import load


def doc_of(*lines: str, kind: str = "self_evaluation", district_full: str = "天河区") -> Document:
    return Document(doc_id="t", path=Path("t.txt"), lines=["天河区政务服务数据管理局2023年度部门整体支出绩效自评报告", *lines],
                    district="天河", district_full=district_full, year=2023, kind=kind, title="t", sha256="0" * 64)


def decided(*lines: str, **kwargs) -> list[tuple[str | None, float, str]]:
    return [(r.decision.kpi_id, r.figure.value, r.decision.role) for r in read(doc_of(*lines, **kwargs))]


KPI_EXAMPLES = [(kpi, sentence, value) for kpi, entry in load("kpis")["kpi"].items()
                for sentence, value in entry["examples"]]
BUDGET_EXAMPLES = [tuple(example) for example in load("kpis")["budget"]["examples"]]
ROLE_EXAMPLES = [(role, sentence, written) for role, entry in load("roles").items()
                 for sentence, written, role_named in entry.get("examples", []) if role_named == role]


@pytest.mark.parametrize(("kpi", "sentence", "value"), KPI_EXAMPLES)
def test_every_kpi_example_reads_as_its_kpi(kpi, sentence, value):
    assert (kpi, value, "result") in decided(sentence + "。")


@pytest.mark.parametrize(("sentence", "kpi", "value"), BUDGET_EXAMPLES)
def test_every_budget_example_reads_as_its_kpi(sentence, kpi, value):
    found = decided("二、部门整体收支情况", sentence + "。")
    assert any(k == kpi and abs(v - value) < 1e-9 and role == "result" for k, v, role in found), found


@pytest.mark.parametrize(("role", "sentence", "written"), ROLE_EXAMPLES)
def test_every_role_example_gives_its_figure_that_role(role, sentence, written):
    readings = read(doc_of(sentence + "。"))
    roles = {r.figure.written: r.decision.role for r in readings}
    assert roles[written] == role


def test_a_figure_of_another_year_or_area_never_becomes_a_value():
    # 花都 2022 (corpus, synthetic), line 20: the district's 4,806 and the city's 7.6万
    found = decided("全年全区新建5G基站1,152座，累计建成5G基站4,806座，约占全市累计建成5G基站7.6万座的6.3%。")
    assert ("new_5g_base_stations", 1152, "result") in found
    assert ("total_5g_base_stations", 4806, "result") in found
    assert ("total_5g_base_stations", 76000, "larger_area") in found


def test_in_a_county_level_city_the_whole_city_is_the_place_itself():
    inside = decided("全市累计建成5G基站4,321座。", district_full="义乌市")
    outside = decided("全市累计建成5G基站4,321座。")
    assert ("total_5g_base_stations", 4321, "result") in inside
    assert ("total_5g_base_stations", 4321, "larger_area") in outside


def test_part_of_the_year_is_kept_as_its_period():
    # 花都 2022, line 16; 福田 2023, lines 65-66 (a stock as of a date, a flow over months)
    tickets = read(doc_of("截至11月底，区12345热线共受理群众来电、网络诉求工单26.8万件。"))
    stations = read(doc_of("截至2023年11月底，全区累计建成5G基站7,903座，1-11月新建5G基站486座。"))
    assert [(r.decision.kpi_id, r.decision.period) for r in tickets if r.decision.kpi_id] == [("hotline_tickets", "1-11月")]
    assert [(r.decision.kpi_id, r.decision.period) for r in stations if r.decision.kpi_id] == [
        ("total_5g_base_stations", "截至11月底"), ("new_5g_base_stations", "1-11月")]


def test_one_windows_part_year_count_is_a_part_with_its_period():
    # 平潭综合实验区行政审批局 2016 决算说明 (../shared/corpus), line 16: one window's applications, to the end of November
    found = read(doc_of("截止到11月底，产业奖补窗口已受理431件申请，涉及总部经济、金融业等，已办结430件,平均办理时限3个工作日。",
                        kind="final_accounts"))
    decision = next(r.decision for r in found if r.figure.value == 431)
    assert (decision.kpi_id, decision.role, decision.period) == ("service_cases", "part", "1-11月")
    assert "产业奖补窗口 → part" in decision.why and "截止到11月底 → 1-11月" in decision.why


def test_a_change_after_a_result_gives_the_previous_year_with_its_arithmetic():
    # 越秀 2022 (corpus, synthetic), lines 104-108: the change's last characters after a page break
    found = observations(doc_of("（二）12345热线服务", "群众满意率95.31%，同比提高1.2个百", "— 3 —", "广州市越秀区政务服务数据管理局",
                                "分点。", "— 4 —", "广州市越秀区政务服务数据管理局"))
    assert [(o.kpi_id, o.year, o.value, o.kind) for o in found] == [
        ("hotline_satisfaction_rate", 2023, 95.31, "actual"), ("hotline_satisfaction_rate", 2022, 94.11, "derived")]
    assert found[1].note.startswith("95.31 − 1.2 = 94.11")


def test_a_fall_of_all_of_it_gives_no_previous_year():
    # 平潭 道安办 2016 决算说明 (corpus), line 45: a change of −100% supports no arithmetic
    found = observations(doc_of("二、部门整体收支情况", "全年“三公”经费支出0万元，同比下降100 %。"))
    assert [(o.kpi_id, o.year, o.value) for o in found] == [("three_public_expenses", 2023, 0)]


def test_a_table_is_read_by_its_headers_whatever_separates_its_cells():
    # 南沙 2023 (corpus, synthetic), lines 26-31 (spaces, fixed layout) and 福田 2023 lines 30-36 (元, single spaces)
    fixed = read(doc_of("表1  2023年度部门整体支出执行情况", "                        单位：万元",
                        "项目          年初预算数      全年预算数      全年执行数      执行率",
                        "基本支出      2,846.30        3,012.48        2,985.17        99.09%",
                        "合计          10,266.30       11,982.56       11,577.40       96.62%"))
    single = read(doc_of("单位：元", "支出类型 年初预算数 调整后预算数 支出数 预算执", "行率",
                         "项目支出 55,735,800.00 65,715,400.00 61,893,275.30 94.18%"))
    assert {(r.decision.kpi_id, r.figure.value) for r in fixed if r.decision.kpi_id} == {
        ("basic_budget", 3012.48), ("basic_expenditure", 2985.17), ("basic_execution_rate", 99.09),
        ("budget_total", 11982.56), ("budget_executed", 11577.4), ("budget_execution_rate", 96.62)}
    assert {(r.decision.kpi_id, round(r.figure.value, 6)) for r in single if r.decision.kpi_id} == {
        ("project_budget", 6571.54), ("project_expenditure", 6189.32753), ("project_execution_rate", 94.18)}


def test_an_indicator_tables_target_column_is_a_target_and_its_result_column_the_result():
    # 越秀 2022 (corpus, synthetic), lines 158, 163-164: a row's label wrapped before its figures
    found = decided("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分", "产出指标 数量指标 政务服务事项办件",
                    "量 ≥130万件 148.67万件 10 10")
    assert [f for f in found if f[0]] == [("service_cases", 1300000, "target"), ("service_cases", 1486700, "result")]


def test_the_words_that_decided_are_kept():
    reading = next(r for r in read(doc_of("全年区12345热线平台受理工单29.84万件，日均818件。")) if r.figure.value == 818)
    assert (reading.decision.kpi_id, reading.decision.role) == ("hotline_tickets", "average")
    assert reading.decision.why == "工单 → hotline_tickets；日均 → average"
