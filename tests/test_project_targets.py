"""项目支出绩效目标表: projects, their indicators and the table's checks, on the
real 番禺 2024 table (data/raw/002_340db7d787a70fbc.txt)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from etl.project_targets import extract, parse_target

DOC_ID = "002_340db7d787a70fbc"
UNIT = "广州市番禺区政务服务数据管理局本级"


def test_projects_add_up_to_the_total_without_the_repeated_block(con):
    rows = con.execute(
        "select check_id, expected, actual, difference, passed, line, detail from check_projects "
        "where check_type = 'projects_sum' order by check_id"
    ).fetchall()
    detail = "19 个项目; 重复块已去除: 租赁岗位合同工经费"
    assert rows == [
        (f"projects_sum:{DOC_ID}:fiscal", 6028.01, 6028.01, 0.0, True, 14, detail),
        (f"projects_sum:{DOC_ID}:total", 6028.01, 6028.01, 0.0, True, 14, detail),
    ]


def test_every_check_passes_and_ids_are_unique(con):
    rows = con.execute("select check_id, check_type, passed, line from check_projects order by check_id").fetchall()
    assert [(check_type, passed, line) for _, check_type, passed, line in rows] == [
        ("projects_sum", True, 14), ("projects_sum", True, 14), ("unit_sum", True, 19), ("unit_sum", True, 19),
    ]
    assert len({check_id for check_id, *_ in rows}) == len(rows)


def test_block_repeated_at_page_break_is_kept_once_and_reported(con):
    assert con.execute(
        "select line, total, indicator_count from projects where project_name = '租赁岗位合同工经费'"
    ).fetchall() == [(333, 101.0, 4)]
    assert con.execute("select table_name, key, first_line, repeated_line from repeated_rows").fetchall() == [
        ("projects", "租赁岗位合同工经费", 333, 356),
    ]


def test_total_and_unit_rows_are_not_projects(con):
    assert con.execute("select count(*) from projects where project_name in ('合计', ?)", [UNIT]).fetchone() == (0,)
    assert con.execute("select distinct unit_name from projects").fetchall() == [(UNIT,)]
    assert con.execute(
        "select scope, column_name, value, line from table_totals order by line, column_name"
    ).fetchall() == [
        ("合计", "fiscal", 6028.01, 14), ("合计", "total", 6028.01, 14),
        (UNIT, "fiscal", 6028.01, 19), (UNIT, "total", 6028.01, 19),
    ]


@pytest.mark.parametrize(
    ("project_name", "total", "fiscal", "line", "indicator_count"),
    [
        ("AKTDGC", 254.80, 254.80, 21, 4),
        ("免费刻章", 407.54, 407.54, 122, 4),
        ("后勤保障经费", 489.95, 489.95, 75, 5),
        # "    番禺区电子政务外 / 网升级改造项目 / (blank) / 24.40 24.40"
        ("番禺区电子政务外网升级改造项目", 24.40, 24.40, 140, 4),
        ("政务晓屋智慧政务体系运行管理经费", 108.35, 108.35, 171, 4),
        # "    番禺区信息基础设 / 施规划管理年度专项经 / (blank) / 费"
        ("番禺区信息基础设施规划管理年度专项经费", 24.69, 24.69, 281, 4),
        # "    “数字政府”建设 / (blank) / 专项资金 / 1,452.09 1,452.09"
        ("“数字政府”建设专项资金", 1452.09, 1452.09, 308, 4),
        ("民生卡应用推广经费", 14.00, 14.00, 255, 5),
        ("推进集约化管理工作经费", 138.87, 138.87, 375, 5),
        ("新型冠状病毒感染疫情防控专项经费", 42.56, 42.56, 456, 5),
        ("番禺区出租屋缴税服务平台运行保障经费", 33.00, 33.00, 480, 4),
        ("车辆购置经费", 20.00, 20.00, 508, 4),
    ],
)
def test_project_rows(con, project_name, total, fiscal, line, indicator_count):
    assert con.execute(
        "select total, fiscal, line, indicator_count from projects where project_name = ?", [project_name]
    ).fetchall() == [(total, fiscal, line, indicator_count)]


def test_every_indicator_is_present_once(con):
    # Counted by hand: 19 projects, 15 with 4 indicators and 4 with 5; the repeated
    # 租赁岗位合同工经费 block's 4 are not counted twice.
    assert con.execute("select count(*), count(distinct project_name) from project_indicators").fetchone() == (80, 19)
    per_project = con.execute(
        "select p.project_name from projects as p join project_indicators as i using (doc_id, project_name) "
        "group by p.project_name, p.indicator_count "
        "having count(*) <> p.indicator_count or list_sort(list(i.seq)) <> range(1, count(*) + 1)"
    ).fetchall()
    assert per_project == []


@pytest.mark.parametrize(
    ("project_name", "seq", "level1", "level2", "indicator", "period_target", "annual_target",
     "target_value", "target_unit", "comparator", "line"),
    [
        ("免费刻章", 1, "产出指标", "数量指标", "新开办企业免费刻制印章的套数", "29027", "29027",
         29027, None, "=", 129),
        ("免费刻章", 3, "产出指标", "成本指标", "资金成本", "200元/套为最高限价。", "200元/套为最高限价",
         200, "元/套", "≤", 134),
        ("免费刻章", 4, "效益指标", "经济效益", "为企业节省成本", "458.1489万元", "458.1489万元",
         458.1489, "万元", "=", 135),
        # 满意度: the annual target (98%) is below the whole period's (100%).
        ("政务晓屋智慧政务体系运行管理经费", 4, "满意度指标", "服务对象满意度", "服务对象满意度（%）", "100%", "98%",
         98, "%", "=", 212),
        # "…出国组团次数；实施周期指标值:1-2次 / /年；年度指标值:1-2次/年。"
        ("工作经费", 1, "产出指标", "数量指标", "出国组团次数", "1-2次/年", "1-2次/年", 1, "次/年", "≥", 45),
        # "…每天6000人以上。2、1-产出指标；11-数量指 / (blank) / 标；租用面积；…"
        ("业务办公用房经费", 2, "产出指标", "数量指标", "租用面积", "30135平方", "30135平方", 30135, "平方", "=", 67),
        ("AKTDGC", 2, "产出指标", "时效指标", "资金使用及时性", "资金支付率达91%以上", "资金支付率达91%以上",
         91, "%", "≥", 28),
        ("AKTDGC", 1, "产出指标", "时效指标", "按时完成率", "准时完成", "准时完成", None, None, None, 27),
        ("民生卡应用推广经费", 1, "产出指标", "数量指标", "电话回访量", "不少于20000次", "不少于20000次",
         20000, "次", "≥", 267),
        ("民生卡应用推广经费", 3, "产出指标", "质量指标", "民生卡小程序正常运营时间", "故障时长不超过5%", "故障时长不超过5%",
         5, "%", "≤", 271),
        ("“数字政府”建设专项资金", 1, "产出指标", "质量指标", "资金拨付及时使用率", "标准：100%", "91%",
         91, "%", "=", 324),
        ("机构运行辅助经费", 4, "效益指标", "可持续影响", "信息化建设水平", "提升我区电子公务信息化建设水平",
         "提升我区电子公务信息化建设水平", None, None, None, 415),
        ("车辆购置经费", 4, "效益指标", "生态效益", "减少碳排放", "80%", "80%", 80, "%", "=", 519),
    ],
)
def test_indicator_rows(con, project_name, seq, level1, level2, indicator, period_target, annual_target,
                        target_value, target_unit, comparator, line):
    assert con.execute(
        "select level1, level2, indicator, period_target, annual_target, target_value, target_unit, comparator, line "
        "from project_indicators where project_name = ? and seq = ?", [project_name, seq]
    ).fetchall() == [(level1, level2, indicator, period_target, annual_target, target_value, target_unit,
                      comparator, line)]


def test_numbered_goal_items_stay_in_the_goal(con):
    goal, count = con.execute(
        "select goal, indicator_count from projects where project_name = '放管服改革优化政务服务专项经费'"
    ).fetchone()
    assert goal.startswith("1、以提升政务服务效能，解决群众办事难问题为目标，")
    assert "2、以提升企业群众获得感和满意度为目标，" in goal
    assert goal.endswith("3、实现群众和法人在自助终端可填报事项数目的增加、自助半事项覆盖范围的扩大，推进政务服务的办理无纸化。")
    assert count == 4
    assert con.execute(
        "select seq, indicator from project_indicators where project_name = '放管服改革优化政务服务专项经费' order by seq"
    ).fetchall() == [(1, "调查覆盖单位数量"), (2, "考评验收合格率"), (3, "标准体系建设"), (4, "政务服务公众满意度")]


@pytest.mark.parametrize(
    ("annual_target", "value", "unit", "comparator"),
    [
        ("95%", 95, "%", "="),
        ("0%", 0, "%", "="),
        ("每天6000人以上", 6000, "人", "≥"),
        ("50个以上", 50, "个", "≥"),
        ("2个小时内", 2, "个小时", "≤"),
        ("800人/天", 800, "人/天", "="),
        ("40万元/年", 40, "万元/年", "="),
        ("150万条", 1_500_000, "条", "="),  # counts are plain numbers: 万条 -> 条
        ("为群众节省服务邮费3.65万元", 3.65, "万元", "="),
        ("晓屋标准体系版本2.0", None, None, None),  # a version, not a target figure
        ("不少于两个场景可应用数字人民币", None, None, None),
    ],
)
def test_parse_target(annual_target, value, unit, comparator):
    target = parse_target(annual_target)
    assert (target.value, target.unit, target.comparator) == (value, unit, comparator)


def test_parsing_follows_the_text_not_line_numbers(docs):
    doc = docs["project_targets", "番禺"]
    shifted = replace(doc, lines=["", "", *doc.lines], _flow=None)
    before, after = extract(doc).tables, extract(shifted).tables
    assert [(p["project_name"], p["line"] + 2) for p in before["projects"]] == [
        (p["project_name"], p["line"]) for p in after["projects"]
    ]
    assert len(after["project_indicators"]) == 80
