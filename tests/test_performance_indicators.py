"""绩效指标完成情况 of the self-evaluation reports (etl/performance_indicators.py), the
share met per district-year (queries/indicator_results.sql) and the arithmetic checks
of stated rates and totals (etl/stated_parts.py, queries/check_rates.sql), on the
real reports: 番禺 2021 (a table), 白云 2021 (sentences), 增城 2023 (scores only)."""

from __future__ import annotations

import pytest

from etl.indicator_figures import figures, is_met, pair_figures
from etl.performance_indicators import extract_indicators
from etl.stated_parts import extract_stated_parts

PANYU = "000_da80220e1c6b1be9"
BAIYUN = "001_44badf8aae7bb0c1"
ZENGCHENG = "004_2c450fdd424bffaf"


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("自助终端功能数量≥150台", 150, "台", "≥"),
        ("平台发生重大故障发生次数≦2次", 2, "次", "≤"),  # ≦ is normalised to ≤ by etl.text
        ("云资源响应故障处理时间≤8小时", 8, "小时", "≤"),
        ("实际云资源响应故障处理时间达到8小时内响应故障处理", 8, "小时", "≤"),
        ("实际提供服务的服务器数量达600余台", 600, "台", None),
        ("归集政府信息汇聚数据量≥40亿条", 4_000_000_000, "条", "≥"),
        ("在规定时间内办结，热线工单按时办结率≥95%以上", 95, "%", "≥"),
        ("覆盖率=100%", 100, "%", "="),
        ("云大厅满意度99%以上", 99, "%", "≥"),
        ("月租节1685040元", 168.504, "万元", None),  # money in 万元, once
        ("政务服务办事群众满意度90%", 90, "%", None),
    ],
)
def test_figure_of_a_real_phrase(text, value, unit, comparator):
    figure = figures(text)[-1]
    assert (figure.value, figure.unit, figure.comparator) == (pytest.approx(value), unit, comparator)


@pytest.mark.parametrize(
    "text",
    [
        "说明：根据番府办函【2019】3号文",  # a document number
        "2021年1-12月",  # a year and a period
        "首创5G+VR“政务晓屋”",  # a name
        "1、通过科学合理布点",  # a list number
    ],
)
def test_not_a_figure(text):
    assert figures(text) == []


def test_several_figures_pair_up_in_order():
    results = pair_figures("智慧应用建设数量≥5个、智慧大脑展示专题数量≥8", "实际完成智慧应用建设数量5个、智慧大脑展示专题数量8个")
    assert [(r.label, r.target.value, r.actual.value, is_met(r.target, r.actual)) for r in results] == [
        ("智慧应用建设数量", 5, 5, True), ("智慧大脑展示专题数量", 8, 8, True),
    ]


def test_result_is_not_guessed_among_several_figures():
    # 20 往年项目 were to be paid; "仅 9 个…，11 个无法支付": which figure is the result is not stated
    actual = "因区财政困难，区财政局调整专项经费预算，20个往年项目应2021年支付项目，仅9个项目按进度支付，11个无法支付"
    [result] = pair_figures("20个", actual)
    assert (result.target.value, result.actual) == (20, None)
    assert is_met(result.target, result.actual) is None


@pytest.mark.parametrize(
    ("doc_id", "indicator", "line", "target_value", "comparator", "actual_value", "unit", "met"),
    [
        # 白云 2021: sentences "（n）name：年度指标值为…，实际…"
        (BAIYUN, "迁移上云系统数量", 281, 100, "≥", 158, "个", True),
        (BAIYUN, "检查报告数量", 219, None, None, None, None, None),
        (BAIYUN, "提供服务的服务器数量", 287, 500, "≥", 600, "台", True),
        (BAIYUN, "云资源响应故障处理时间", 301, 8, "≤", 8, "小时", True),
        (BAIYUN, "平台发生重大故障次数", 297, 2, "≤", 0, "次", True),
        (BAIYUN, "归集政府信息汇聚数据量", 275, 4_000_000_000, "≥", 5_800_000_000, "条", True),
        (BAIYUN, "政务服务办事群众满意度", 223, 90, None, 99.9, "%", True),
        (BAIYUN, "智慧大脑展示专题数量", 237, 8, "≥", 8, "个", True),
        (BAIYUN, "投诉处理率", 321, 95, "≥", 100, "%", True),
        # 番禺 2021: the flattened table
        (PANYU, "事项可免纸质材料办理率", 1546, 80, None, 87.2, "%", True),
        (PANYU, "政务服务好评率", 1146, 99, "≥", 99, "%", True),
        (PANYU, "10个VR辅助核验场景", 990, 10, None, 10, "个", True),
        (PANYU, "月租节", 1622, 168.504, None, 168.504, "万元", True),
        (PANYU, "支付往年项目数量", 1462, 20, None, None, "个", None),
        (PANYU, "短信平台质量", 1734, 90, "≥", None, "%", None),  # the result is written 0.92
        (PANYU, "区政务服务中心受理业务数", 798, None, None, 78648, None, None),
        (PANYU, "区政务服务中心租用面积", 716, 30135, None, None, "平方米", None),  # no result in the table
    ],
)
def test_indicator_row(con, doc_id, indicator, line, target_value, comparator, actual_value, unit, met):
    rows = con.execute(
        "select line, target_value, comparator, actual_value, unit, met from performance_indicators "
        "where doc_id = ? and indicator = ?", [doc_id, indicator]
    ).fetchall()
    assert rows == [(line, target_value, comparator, actual_value, unit, met)]


@pytest.mark.parametrize(
    ("district", "indicator", "project", "target_text", "actual_text"),
    [
        ("白云", "迁移上云系统数量", "加快推进我区智慧白云建设，完善数字政务体系建设", "迁移上云系统数量≥100个", "实际迁移上云系统158个"),
        ("白云", "检查报告数量", "巩固政务服务改革成效，推动行政审批服务高效便民", "按季度提供问题汇总及分析报告",
         "实际按季度提供问题汇总及分析报告"),
        ("白云", "投诉处理率", "进一步规范12345政府服务热线管理，提升办理效能", "投诉处理率≥95%",
         "2021年共收到有效投诉266859件，投诉处理率100%"),
        ("番禺", "政务服务好评率",
         "深化政务服务改革，开展5G+VR新型智慧政务服务体系建设，推进全国“跨域通办”，加强标准化管理，全力打造一流政务服务营商环境。",
         "指标：云大厅满意度99%以上说明：根据“云大厅运营平台”，满意率=满意数/所有评价数", "99.0%以上"),
        ("番禺", "区政务服务中心受理业务数", "突出党建引领，抓好队伍建设，保障业务用房设施正常运行。",
         "指标：受理业务数说明：完成年度计划数", "约78648"),
        ("番禺", "支付往年项目数量",
         "不断完善信息基础建设，稳步推动数据综合治理，深化拓展智慧政务平台，探索开展智慧城市建设，推动数字政府建设。",
         "指标：20个说明：年初预算安排支付往年项目2021年应付项目数量，依据《对区政务服务数据管理局关于审议2021年政务信息化项目经费安排请示的批复》",
         "因区财政困难，区财政局调整专项经费预算，20个往年项目应2021年支付项目，仅9个项目按进度支付，11个无法支付"),
    ],
)
def test_indicator_texts(docs, district, indicator, project, target_text, actual_text):
    [row] = [r for r in extract_indicators(docs["self_evaluation", district]) if r["indicator"] == indicator]
    assert (row["project"], row["target_text"], row["actual_text"]) == (project, target_text, actual_text)


@pytest.mark.parametrize(
    ("district", "indicator", "quote"),
    [
        ("白云", "迁移上云系统数量", "（7）迁移上云系统数量：年度指标值为迁移上云系统数量≥100个，实际迁移上云系统158个；"),
        ("番禺", "区政务服务中心受理业务数", "区政务服务中心受理业务数指标：受理业务数说明：完成年度计划数约78648"),
        # the page break after "99.0%以上。" puts the rest of the 说明 cell after the result
        ("番禺", "政务服务好评率",
         "政务服务好评率指标：云大厅满意度99%以上说明：根据“云大厅运营平台”，满意率=满意数/99.0%以上。所有评价数"),
    ],
)
def test_quote_is_the_verbatim_text(docs, district, indicator, quote):
    [row] = [r for r in extract_indicators(docs["self_evaluation", district]) if r["indicator"] == indicator]
    assert row["quote"] == quote


def test_rows_per_district(con):
    assert con.execute(
        "select district, year, count(*) from performance_indicators group by all order by district"
    ).fetchall() == [("番禺", 2021, 48), ("白云", 2021, 27)]


def test_baiyun_has_every_indicator_of_its_three_projects(con):
    # 5 + 11 + 5 sentences; three of them name several indicators (2, 2, 4 and 2 parts)
    assert con.execute(
        "select project, count(*) from performance_indicators where district = '白云' group by project order by min(line)"
    ).fetchall() == [
        ("巩固政务服务改革成效，推动行政审批服务高效便民", 5),
        ("加快推进我区智慧白云建设，完善数字政务体系建设", 17),
        ("进一步规范12345政府服务热线管理，提升办理效能", 5),
    ]


def test_zengcheng_has_scores_but_no_indicator_results(docs):
    # 二、绩效自评情况 gives points per dimension ("产出指标 19.81 分"), no target against a result
    assert extract_indicators(docs["self_evaluation", "增城"]) == []


def test_share_met_per_district_year(con):
    assert con.execute("select * from indicator_results").fetchall() == [
        ("增城", 2023, 0, 0, 0, 0, 0, None),
        ("番禺", 2021, 48, 9, 9, 0, 39, 100.0),
        ("白云", 2021, 27, 26, 26, 0, 1, 100.0),
    ]


def test_stated_parts_of_panyu_budget(docs):
    parts = [(p["subject"], p["total"], p["total_line"], p["part_name"], p["part_value"], p["part_line"])
             for p in extract_stated_parts(docs["self_evaluation", "番禺"])]
    assert parts[2:4] == [
        ("部门财政拨款预算执行数", 10340.03, 552, "区政数局本级预算数", 9788.27, 554),
        ("部门财政拨款预算执行数", 10340.03, 552, "区政务服务中心预算数", 712.76, 554),
    ]
    assert len(parts) == 16


CHECK_COLUMNS = ["check_id", "check_type", "district", "year", "doc_id", "subject", "expected", "actual", "difference",
                 "tolerance", "passed", "line", "detail"]


def test_check_columns_and_unique_ids(con):
    assert [c[0] for c in con.execute("select * from check_rates limit 0").description] == CHECK_COLUMNS
    ids = [row[0] for row in con.execute("select check_id from check_rates").fetchall()]
    assert len(ids) == len(set(ids)) == 15


@pytest.mark.parametrize(
    ("doc_id", "kpi_id", "line", "stated", "recomputed", "passed"),
    [
        (PANYU, "budget_execution_rate", 556, 93.2, 10340.03 / 11092.98 * 100, True),
        (PANYU, "basic_execution_rate", 570, 89.5, 1403.97 / 1568.97 * 100, True),
        (PANYU, "project_execution_rate", 582, 93.8, 8936.06 / 9524 * 100, True),
        # "区政数局 2021 年度基本支出执行率 93.8%" under 按预算级次 is the 区本级 rate (8936.06 ÷ 9524)
        (PANYU, "basic_execution_rate", 598, 93.8, 1403.97 / 1568.97 * 100, False),
        (BAIYUN, "budget_execution_rate", 119, 99.5, 6268.76 / 6302.34 * 100, True),
        (ZENGCHENG, "budget_execution_rate", 298, 99.96, 6094.53 / 6096.74 * 100, True),
    ],
)
def test_stated_rate(con, doc_id, kpi_id, line, stated, recomputed, passed):
    row = con.execute(
        "select expected, actual, difference, tolerance, passed from check_rates where check_id = ?",
        [f"stated_rate:{doc_id}:{kpi_id}:{line}"],
    ).fetchone()
    assert row == (stated, pytest.approx(recomputed), pytest.approx(recomputed - stated),
                   pytest.approx(0.005 if stated == 99.96 else 0.05), passed)


def test_panyu_parts_do_not_add_up_to_its_spending(con):
    # 部门财政拨款预算执行数 10340.03 万元，其中区政数局本级 9788.27 万元，区政务服务中心 712.76 万元
    assert con.execute(
        "select subject, expected, round(actual, 2), round(difference, 2), passed, line from check_rates "
        "where check_type = 'parts_sum' and not passed"
    ).fetchall() == [("部门财政拨款预算执行数 = 其中各项之和", 10340.03, 10501.03, 161.0, False, 552)]


def test_other_parts_sums_pass_within_rounding(con):
    assert con.execute(
        "select district, line, round(difference, 2), tolerance from check_rates "
        "where check_type = 'parts_sum' and passed order by district, line"
    ).fetchall() == [
        ("增城", 294, -0.01, pytest.approx(0.015)),  # 1,193.63 + 4,900.89 = 6,094.52 against 6,094.53
        ("番禺", 548, 0.01, pytest.approx(0.015)),
        ("番禺", 560, 0.0, pytest.approx(0.015)),
        ("番禺", 566, 0.0, pytest.approx(0.015)),
        ("番禺", 572, 0.0, pytest.approx(0.51)),  # 9524 万元 is written without decimals
        ("番禺", 578, 0.0, pytest.approx(0.015)),
        ("番禺", 586, 0.0, pytest.approx(0.51)),
        ("番禺", 590, 0.0, pytest.approx(0.015)),
    ]


def _doc(lines: list[str]):
    from pathlib import Path

    from etl.documents import Document

    return Document(doc_id="t", path=Path("t.txt"), lines=lines, district="天河", district_full="天河区", year=2024,
                    kind="self_evaluation", title="t", sha256="0" * 64)


def test_a_table_with_its_cells_delimited_by_bars():
    # 番禺 2019 部门决算, lines 956-972: 表 3 as the PDF reader gives it (the header wraps onto a second row)
    from etl.build import RAW

    lines = (RAW / "003_202dbe6575e56d7f.txt").read_text(encoding="utf-8").splitlines()[955:972]
    rows = {(r["indicator"], r["target_value"], r["actual_value"], r["met"]) for r in extract_indicators(_doc(lines))}
    assert {("短信平台发送成功率", 90, 92, True), ("服务单位(接入系统)数量", 369, 369, True),
            ("服务对象满意度", 95, 95.6, True)} <= rows


def test_a_table_with_its_cells_separated_by_spaces_on_one_line():
    lines = ["一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
             "产出指标 数量指标 迁移上云系统数量 ≥100个 158个 10 10",
             "质量指标 热线工单按时办结率 ≥95% 100% 10 10",
             "满意度指标 服务对象满意度指标 办事群众满意度 ≥90% 88% 10 8"]
    rows = [(r["indicator"], r["target_value"], r["actual_value"], r["met"], r["line"]) for r in extract_indicators(_doc(lines))]
    assert rows == [("迁移上云系统数量", 100, 158, True, 2), ("热线工单按时办结率", 95, 100, True, 3),
                    ("办事群众满意度", 90, 88, False, 4)]


def test_a_table_no_reader_understands_is_flagged_not_silent():
    from etl.performance_indicators import unread_indicators

    doc = _doc(["绩效指标完成情况表", "三级指标", "（见附件扫描件）"])
    assert unread_indicators(doc, extract_indicators(doc))
    assert not unread_indicators(_doc(["本报告没有指标表。"]), [])
