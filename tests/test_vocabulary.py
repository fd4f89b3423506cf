"""The ways reports other than the five sources state each KPI (etl/prose_rules.py,
etl/self_evaluation.py), and the traps: a sentence each, the figure a reader takes
from it written beside it by hand. Sentences are realistic phrasings of the genre
(synonyms, number forms, line breaks) and real lines of reports outside data/raw
(../shared/corpus, copied here with the corpus README's attribution)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import final_accounts, self_evaluation
from etl.documents import Document


def document(lines: list[str], kind: str = "self_evaluation") -> Document:
    return Document(doc_id="t", path=Path("t.txt"), lines=lines, district="天河", district_full="广州市天河区政务服务数据管理局",
                    year=2024, kind=kind, title="t", sha256="0" * 64)


def figures(lines: list[str], kind: str = "self_evaluation") -> set[tuple]:
    """(kpi_id, value, kind, period, qualifier) of every figure found."""
    extract = self_evaluation.extract if kind == "self_evaluation" else final_accounts.extract
    return {(o.kpi_id, round(o.value, 4), o.kind, o.period, o.qualifier) for o in extract(document(lines, kind)).observations}


def budget_section(*sentences: str, heading: str = "（三）部门整体收支情况") -> list[str]:
    return ["一、基本情况", "（一）部门职能", "负责全区政务服务工作。", heading, *sentences, "四、存在的主要问题", "无。"]


@pytest.mark.parametrize("sentence, kpi_id, value", [
    # 受理量 / 办件量 / 办理量 / 受理…业务, with 万 and thousands separators
    ("2024年全区政务服务中心办件量58.6万件，同比增长5%。", "service_cases", 586_000),
    ("全年共办理政务服务业务98,765件。", "service_cases", 98_765),
    ("政务服务事项办理量达120.5万件。", "service_cases", 1_205_000),
    ("全区共受理政务服务业务1.2亿件。", "service_cases", 120_000_000),
    # 满意率 / 满意度
    ("办事群众满意度达99.6%。", "service_satisfaction_rate", 99.6),
    ("政务服务满意率为99.95%。", "service_satisfaction_rate", 99.95),
    ("全年接待办事群众45.2万人次。", "service_visits", 452_000),
    # the hotline: 办件量, 受理量, 按期 / 及时 办结率, 满意度
    ("12345热线办件量31.2万件，按期办结率达99.2%，热线满意度为96.3%。", "hotline_tickets", 312_000),
    ("12345热线办件量31.2万件，按期办结率达99.2%，热线满意度为96.3%。", "hotline_ontime_rate", 99.2),
    ("12345热线办件量31.2万件，按期办结率达99.2%，热线满意度为96.3%。", "hotline_satisfaction_rate", 96.3),
    ("区12345热线受理量达28,766件，工单及时办结率98%。", "hotline_tickets", 28_766),
    ("区12345热线受理量达28,766件，工单及时办结率98%。", "hotline_ontime_rate", 98),
    # 5G: 个 / 座 / 站, 新建 / 新增 / 累计开通
    ("全年新建5G基站1,203个，累计开通5G基站4,567个。", "new_5g_base_stations", 1203),
    ("全年新建5G基站1,203个，累计开通5G基站4,567个。", "total_5g_base_stations", 4567),
    ("新增5G基站356座。", "new_5g_base_stations", 356),
    ("5G基站累计达到3,210座。", "total_5g_base_stations", 3210),
    # seals, cloud, praise
    ("为新开办企业免费刻制印章3,512套。", "free_seal_sets", 3512),
    ("全年免费刻章1.2万套。", "free_seal_sets", 12_000),
    ("推动32个业务系统迁移至政务云。", "cloud_migrated_systems", 32),
    ("完成上云部署的系统45个。", "cloud_migrated_systems", 45),
    ("收到群众赠送锦旗共23面、表扬信41封。", "commendation_banners", 23),
    ("收到群众赠送锦旗共23面、表扬信41封。", "praise_letters", 41),
    # scores
    ("经自评，部门整体支出绩效自评总分95分，评价等级为优。", "self_eval_score", 95),
    ("综合评分为96.5分，自评等级为“优”。", "self_eval_score", 96.5),
    # full-width digits and ％
    ("好差评好评率为９９．９８％。", "good_review_rate", 99.98),
])
def test_a_synonym_or_number_form_gives_the_figure(sentence, kpi_id, value):
    found = {(k, v) for k, v, kind, _, _ in figures([sentence]) if kind == "actual"}
    assert (kpi_id, value) in found


def test_a_number_split_over_a_line_break():
    assert ("service_cases", 1_223_544, "actual", None, None) in figures(["业务受理量共 1223", "544 件。"])


@pytest.mark.parametrize("sentence, qualifier", [
    ("全区共受理政务服务业务逾30万件。", "超过"),
    ("全区共受理政务服务业务近30万件。", "约"),
])
def test_bounds_are_kept_as_qualifiers(sentence, qualifier):
    assert ("service_cases", 300_000, "actual", None, qualifier) in figures([sentence])


# --- the traps ---------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "全市累计建成5G基站7.6万座。",
    "全省政务服务满意率达99.9%。",
    "全市12345热线受理工单超过1,200万件。",
])
def test_a_figure_for_the_whole_city_or_province_is_not_the_districts(sentence):
    assert figures([sentence]) == set()


def test_the_districts_figure_beside_the_citys():
    found = figures(["我区新建5G基站1,203个，全市累计建成5G基站7.6万座。"])
    assert {(k, v) for k, v, *_ in found} == {("new_5g_base_stations", 1203)}


def test_a_district_named_after_the_city_is_the_district():
    # 番禺 2019 部门决算, line 757: the bureau names itself 广州市番禺区…
    found = figures(["广州市番禺区政务服务数据管理局2019年度“三公”经费财政拨款支出决算为4.75万元，完成预算12.30万元的38.62%。"],
                    kind="final_accounts")
    assert ("three_public_expenses", 4.75, "actual", None, None) in found


@pytest.mark.parametrize("sentence, kpi_id, value", [
    ("年度指标值为政务服务办事群众满意度90%，实际办事群众满意度99.9%。", "service_satisfaction_rate", 90),
    ("目标值：热线工单按时办结率≥95%。", "hotline_ontime_rate", 95),
])
def test_targets_are_targets(sentence, kpi_id, value):
    assert (kpi_id, value, "target") in {(k, v, kind) for k, v, kind, _, _ in figures([sentence])}


def test_a_projects_average_score_is_not_the_departments():
    # 普陀区财政局 2024 部门决算 (../shared/corpus), lines 590-591
    lines = ["598.42万元；绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元；绩效自评",
             "的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，绩效评级为"]
    assert not any(k == "self_eval_score" for k, *_ in figures(lines, kind="final_accounts"))
    assert not any(k == "self_eval_score" for k, *_ in figures(["项目自评得分为98分。"]))


def test_a_window_receiving_applications_is_not_the_service_total():
    # 平潭综合实验区行政审批局 2016 决算说明 (../shared/corpus), line 16: one window's applications, to the end of November
    line = "截止到11月底，产业奖补窗口已受理431件申请，涉及总部经济、金融业等，已办结430件,平均办理时限3个工作日。"
    assert figures([line], kind="final_accounts") == set()


def test_the_hotlines_satisfaction_is_not_the_service_satisfaction():
    found = {k for k, *_ in figures(["12345热线群众满意率95.1%。"])}
    assert "service_satisfaction_rate" not in found


def test_a_qizhong_breakdown_stops_where_another_statement_starts():
    found = figures(budget_section("全年预算数3,200万元，其中基本支出1,100万元，项目支出2,100万元，"
                                   "全年执行数3,150万元，预算执行率达98.44%。"))
    values = {(k, v) for k, v, *_ in found}
    assert ("budget_total", 3200) in values
    assert ("budget_executed", 3150) in values
    assert ("budget_execution_rate", 98.44) in values
    assert not {k for k, _ in values} & {"basic_expenditure", "project_expenditure"}  # parts of the budget, not spending


def test_parts_of_a_breakdown_stay_parts():
    # 番禺 2021 自评报告: 部门基本支出数 1403.97万元，其中区政数局本级基本支出数 823.72万元，…
    found = figures(budget_section("部门基本支出数1403.97万元，其中区政数局本级基本支出数823.72万元，区政务服务中心基本支出数580.25万元。"))
    assert {v for k, v, *_ in found if k == "basic_expenditure"} == {1403.97}


@pytest.mark.parametrize("heading", ["（三）部门整体收支情况", "三、预算执行情况", "(二)预算收支情况", "（二）资金使用情况"])
def test_the_budget_section_under_its_usual_headings(heading):
    found = figures(budget_section("全年预算数2,980.5万元，全年实际支出2,870.5万元，预算执行率达96.31%。", heading=heading))
    assert {(k, v) for k, v, *_ in found} >= {("budget_total", 2980.5), ("budget_executed", 2870.5),
                                              ("budget_execution_rate", 96.31)}


def test_an_execution_rate_of_one_kind_of_funds_is_not_the_departments():
    # 番禺 2021 自评报告, lines 600-604: 转移支付执行率 0.0%
    found = figures(budget_section("区政数局2021年度转移支付预算数0万元；转移支付执行率0.0%。"))
    assert not any(k == "budget_execution_rate" for k, *_ in found)


def test_a_part_year_figure_says_so():
    found = figures(["2024年1-10月，12345热线办件量25.1万件。"])
    assert ("hotline_tickets", 251_000, "actual", "1-10月", None) in found


def test_a_report_headed_budget_execution_is_not_truncated(tmp_path):
    from etl.documents import read_document

    path = tmp_path / "report.txt"
    path.write_text("\n".join(["广州市天河区政务服务数据管理局2024年部门整体支出绩效自评报告", *budget_section(
        "全年预算数2,980.5万元。", heading="三、预算执行情况")]), encoding="utf-8")
    assert read_document(path, None).kind == "self_evaluation"


def test_a_parenthesised_qizhong_ends_at_its_bracket_and_three_public_expenses_in_prose():
    # 平潭综合实验区行政审批局 2016 决算说明 (../shared/corpus), lines 27-29 (27 shortened after its first clause) and 49
    lines = ["（二）2016本年支出45951.12万元（其中含平潭综合实验区产业奖补资金支出44065.2万元），比2015年决算数增加45951.12万元。",
             "1. 基本支出449.45万元。其中，人员支出404.57万元，公用支出44.89万元。",
             "2. 项目支出45501.66万元（其中含平潭综合实验区产业奖补资金项目支出43671.05万元）。",
             "2016年“三公”经费公共财政拨款支出6.84万元。具体情况如下："]
    found = {(k, v) for k, v, kind, *_ in figures(lines, kind="final_accounts") if kind == "actual"}
    assert found == {("budget_executed", 45951.12), ("basic_expenditure", 449.45), ("project_expenditure", 45501.66),
                     ("three_public_expenses", 6.84)}


@pytest.mark.parametrize("sentence, kpi_id, value", [
    ("2024年，12345热线共受理群众诉求18.7万件，按时办结率99.8%。", "hotline_tickets", 187_000),
    ("区12345热线转办工单9,870件。", "hotline_tickets", 9870),
    ("12345热线工单办理群众满意率95.1%。", "hotline_satisfaction_rate", 95.1),
    ("全区政务服务大厅累计办件86.3万件。", "service_cases", 863_000),
    ("累计上云系统达210个。", "cloud_migrated_systems", 210),
    ("为新设立企业免费发放印章2.1万套。", "free_seal_sets", 21_000),
    ("经评价，部门整体支出绩效评价得分96分。", "self_eval_score", 96),
])
def test_more_ways_reports_say_it(sentence, kpi_id, value):
    assert (kpi_id, value) in {(k, v) for k, v, kind, *_ in figures([sentence]) if kind == "actual"}


def test_a_project_evaluation_score_is_not_the_departments():
    assert figures(["智慧政务项目绩效评价得分为92分。"]) == set()


@pytest.mark.parametrize("line", [
    # 番禺 2019 部门决算, line 1102 and line 1446: one system's cases, in a project's evaluation
    "番禺区建设用地报批及出让平台受理地块数为 43 宗、“照前三证合一”系统受理办件 11556 宗。",
    "完善“照前三证合一”系统功能，实现一窗同时办理企业设立、场地证明、房屋租赁备案等业务，至今共受理办件 3113 宗。",
])
def test_one_systems_cases_are_not_the_service_total(line):
    assert figures([line], kind="final_accounts") == set()


@pytest.mark.parametrize("sentence, kpi_id, value", [
    ("12345热线工单共1.2万件，按时办结率99.5%。", "hotline_tickets", 12_000),
    ("推动26个业务系统上云。", "cloud_migrated_systems", 26),
])
def test_still_more_ways(sentence, kpi_id, value):
    assert (kpi_id, value) in {(k, v) for k, v, kind, *_ in figures([sentence]) if kind == "actual"}


def test_spending_for_the_whole_year_in_the_budget_section():
    found = figures(budget_section("全年预算数3,000万元，全年支出2,950万元，预算执行率98.33%。"))
    assert ("budget_executed", 2950) in {(k, v) for k, v, *_ in found}


def test_satisfaction_written_as_an_evaluation():
    assert ("service_satisfaction_rate", 99.9) in {(k, v) for k, v, *_ in figures(["全年群众满意度评价达99.9%。"])}


def test_the_years_budget_and_its_completion_rate():
    found = {(k, v) for k, v, *_ in figures(budget_section("年度预算数为4,210.5万元，全年支出4,102.3万元，预算完成率为97.43%。"))}
    assert {("budget_total", 4210.5), ("budget_executed", 4102.3), ("budget_execution_rate", 97.43)} <= found
    assert not any(k == "budget_total" for k, *_ in figures(budget_section("年初预算数为4,000万元。")))
