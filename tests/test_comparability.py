"""Like is compared with like (queries/kpi_values.sql decides, every view follows), on the
warehouse of the five real reports: 增城 2023's 12345 依时办结率为100% is of 2023年1-10月
(line 184); 番禺 2019's 68.31% is the 决算's 部门整体预算完成率 (line 1414, its 部门整体支出
绩效表), not a self-evaluation's 执行率; 番禺's reports never give a 12345 satisfaction rate."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import polars as pl
import pytest
from app_helpers import open_page

from dashboard import briefing, export
from dashboard.charts import benchmark_bars
from dashboard.comparability import not_compared, not_compared_line
from dashboard.kpis import kpi_info


@pytest.fixture(autouse=True)
def session_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))


def test_no_rank_average_or_gap_is_computed_on_a_value_that_is_not_comparable(con):
    leaked = con.execute("""select count(*) from kpi_benchmark where not_comparable is not null
                            and (rank is not null or peer_average is not null or gap_to_best is not null)""").fetchone()[0]
    assert leaked == 0
    # nor does a comparable value average in one that is not: 白云 2021's peers are 番禺 2021 alone (93.2%)
    assert con.execute("""select peer_average, districts from kpi_benchmark where alignment = 'same_year'
                          and kpi_id = 'budget_execution_rate' and district = '白云' and year = 2021""").fetchone() == (93.2, 2)


@pytest.mark.parametrize(("kpi_id", "district", "year", "value", "why"), [
    ("hotline_ontime_rate", "增城", 2023, 100.0, "part_year"),  # 1-10月
    ("budget_execution_rate", "番禺", 2019, 68.31, "definition"),  # 决算's 部门整体预算完成率
    ("hotline_tickets", "白云", 2021, 260000.0, "approximate"),  # 超过26万件
])
def test_each_value_that_is_not_compared_says_why(con, kpi_id, district, year, value, why):
    assert con.execute("select value, not_comparable from kpi_values where kpi_id = ? and district = ? and year = ?",
                       [kpi_id, district, year]).fetchone() == (value, why)


def test_no_change_between_two_measures(con):
    # 番禺 2021 93.2% (自评报告) has no previous year: 2019's 68.31% is another measure
    assert con.execute("""select previous_year, change from kpi_yoy
                          where kpi_id = 'budget_execution_rate' and district = '番禺' and year = 2021""").fetchone() == (None, None)
    # the same measure keeps its change: 政务服务群众满意率 99.99% (2021) against 99.92% (2019)
    previous, change = con.execute("""select previous_value, change from kpi_yoy
                                      where kpi_id = 'service_satisfaction_rate' and district = '番禺' and year = 2021""").fetchone()
    assert previous == 99.92 and change == pytest.approx(0.07)


def test_the_trend_line_does_not_join_two_measures():
    from dashboard.charts import trend_lines
    from dashboard.data import load

    rows = load("trend", kpi="budget_execution_rate")
    figure = trend_lines(rows, kpi_info(load("catalog"), "budget_execution_rate"))
    panyu = next(trace for trace in figure.data if trace.name == "番禺")
    # a gap first (its circle is what the legend draws), then 2019 a square apart from 2021
    assert list(panyu.x) == [None, 2019, None, 2021] and list(panyu.marker.symbol) == ["circle", "square", "circle", "circle"]
    assert list(panyu.text) == [" ", "口径不同", " ", " "]


def test_the_scorecard_does_not_paint_a_tenth_of_a_point_as_the_worst(con):
    # 政务服务群众满意率: 番禺 99.99%, 增城 99.9%, 白云 99.9%; 0.09 pp is far below the 1 pp the catalog calls material
    scores = dict(con.execute("""select district, score from kpi_scorecard
                                 where kpi_id = 'service_satisfaction_rate'""").fetchall())
    assert scores["番禺"] == 1.0 and scores["增城"] == scores["白云"] == pytest.approx(1 - 0.09 / 2)
    # 12345 on-time: 增城's 1-10月 figure gets no colour
    assert con.execute("""select score from kpi_scorecard where kpi_id = 'hotline_ontime_rate'
                          and district = '增城'""").fetchone() == (None,)


def test_a_district_missing_from_a_comparison_is_named_with_the_reason():
    from dashboard.data import load

    rows = load("benchmark", kpi="hotline_satisfaction_rate", alignment="latest")
    values = load("trend", kpi="hotline_satisfaction_rate")
    assert not_compared_line(not_compared(["番禺", "白云", "增城"], rows, values), "zh") == "未参与比较：番禺：报告未提供此指标"
    assert not_compared_line(not_compared(["番禺"], rows, values, "en"), "en") == "Not compared: Panyu: not in its reports"
    ontime = load("benchmark", kpi="hotline_ontime_rate", alignment="latest")
    assert not_compared(["增城"], ontime, load("trend", kpi="hotline_ontime_rate"), "en") == [
        "Zengcheng (2023): Jan–Oct only, not ranked"]


def test_the_benchmark_page_and_its_image_say_why_panyu_is_absent():
    at = open_page("benchmark", kpi="hotline_satisfaction_rate")
    assert "番禺" in at.multiselect(key="param_districts").value  # kept selected, not dropped
    assert "未参与比较：番禺：报告未提供此指标" in [line for c in at.caption for line in c.value.split("\n\n")]


def test_the_briefing_chart_and_its_image_say_why_panyu_is_absent():
    selection = briefing.gather(["hotline_satisfaction_rate"], ["番禺", "白云", "增城"], [2021, 2022, 2023])
    compare = next(chart for chart in briefing.charts(selection) if chart.file_stem.startswith("hotline_satisfaction_rate_"))
    assert compare.notes[0] == "未参与比较：番禺：报告未提供此指标"
    texts = ["".join(n.itertext()) for n in ET.fromstring(export.svg(compare)).iter("{http://www.w3.org/2000/svg}text")]
    assert "未参与比较：番禺：报告未提供此指标" in texts


def test_a_chart_image_carries_the_notes_it_is_given():
    from dashboard.data import load

    rows = load("benchmark", kpi="hotline_ontime_rate", alignment="latest")
    kpi = kpi_info(load("catalog"), "hotline_ontime_rate")
    note = not_compared_line(not_compared(["增城", "白云"], rows, load("trend", kpi="hotline_ontime_rate")), "zh")
    assert note == "未参与比较：增城（2023 年）：1-10月数据，不参与排名"
    chart = export.chart_export(benchmark_bars(rows, kpi), rows, "hotline_ontime_rate", kpi.unit, load("documents"),
                                notes=(note,))
    caption = export.frame_lines(chart, export.now())[1]
    assert caption[0] == note and caption[1].startswith("来源：")
    assert pl.Series(chart.data["district"]).to_list() == ["白云", "增城"]  # ranked first


def test_the_scorecard_does_not_colour_counts_of_different_years_against_each_other(con):
    # 锦旗: 番禺 "收到锦旗 111 面" (2021, line 144), 增城 "锦旗 34 面" (2023, line 79): two years' counts,
    # no colour; rates of two years keep theirs
    scores = con.execute("""select district, year, value, score from kpi_scorecard where kpi_id = 'commendation_banners'
                            order by district""").fetchall()
    assert scores == [("增城", 2023, 34.0, None), ("番禺", 2021, 111.0, None)]
    assert con.execute("""select score from kpi_scorecard where kpi_id = 'service_satisfaction_rate'
                          and district = '番禺'""").fetchall() == [(1.0,)]


def test_an_approximate_point_is_a_labelled_triangle_explained_under_the_trend():
    # 白云 2021: "我区全年受理工单超过26万件" (line 191), a lower bound, not an exact count
    from dashboard.charts import trend_lines, trend_notes
    from dashboard.data import load

    rows = load("trend", kpi="hotline_tickets")
    kpi = kpi_info(load("catalog"), "hotline_tickets")
    baiyun = next(trace for trace in trend_lines(rows, kpi).data if trace.name == "白云")
    assert (list(baiyun.x), list(baiyun.marker.symbol), list(baiyun.text)) == (
        [None, 2021], ["circle", "triangle-up"], [" ", "超过"])
    assert "三角为约数或下限（旁注“约”“超过”）" in trend_notes(rows, kpi)[0]


@pytest.mark.parametrize(("kpi", "alignment", "year", "nearest"), [
    # 部门整体预算执行率: 增城 reports 2023 alone; 白云 (99.5%) and 番禺 (93.2%) share 2021
    ("budget_execution_rate", "same_year", 2023, [("same_year", 2021), ("latest", None)]),
    # 12345 满意率: 增城 2023 and 白云 2021 never share a year, each one's latest compares them
    ("hotline_satisfaction_rate", "same_year", 2023, [("latest", None)]),
    # 12345 受理量: 白云's "超过26万件" is a lower bound, 番禺 never gives it: nothing compares two
    ("hotline_tickets", "latest", None, []),
])
def test_an_empty_view_offers_the_nearest_view_that_compares(kpi, alignment, year, nearest):
    from dashboard.comparability import nearest_views
    from dashboard.data import load

    same_year, latest = (load("benchmark", kpi=kpi, alignment=a) for a in ("same_year", "latest"))
    assert nearest_views(same_year, latest, ["番禺", "白云", "增城"], alignment, year) == nearest


def test_an_empty_view_says_which_years_each_district_has():
    from dashboard.comparability import district_years
    from dashboard.data import load

    rows = load("benchmark", kpi="budget_execution_rate", alignment="same_year").filter(pl.col("comparison") == "2023")
    values = load("trend", kpi="budget_execution_rate")
    assert district_years(["番禺", "白云", "增城"], rows, values, "zh", 2023) == [
        "番禺：2023 年无此指标（报告年份：2019、2021）", "白云：2023 年无此指标（报告年份：2021）",
        "增城（2023 年）：可比较；报告年份：2023"]
    tickets = load("benchmark", kpi="hotline_tickets", alignment="latest")
    assert district_years(["番禺", "白云"], tickets, load("trend", kpi="hotline_tickets"), "en") == [
        "Panyu: not in its reports", "Baiyun (2021): a lower bound (“more than”), not ranked; reported for 2021"]
