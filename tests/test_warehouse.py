"""End to end: the warehouse built from data/raw holds what the reports say, and
nothing they do not."""

import pytest

# Every KPI value the five reports give: (district, year, kpi_id) -> (value, line, status).
EXPECTED = {
    ("番禺", 2018, "basic_expenditure"): (914.17, 602, "derived"),
    ("番禺", 2018, "project_expenditure"): (3253.52, 606, "derived"),
    ("番禺", 2019, "basic_expenditure"): (1186.59, 602, "reported"),
    ("番禺", 2019, "budget_executed"): (5270.40, 600, "reported"),
    ("番禺", 2019, "budget_execution_rate"): (68.31, 1414, "reported"),  # 部门整体预算完成率 in a table
    ("番禺", 2019, "commendation_banners"): (51, 1417, "reported"),
    ("番禺", 2019, "praise_letters"): (186, 1417, "reported"),
    ("番禺", 2019, "service_cases"): (4_170_300, 1417, "reported"),  # 受理政务业务 417.03 万宗
    ("番禺", 2019, "service_satisfaction_rate"): (99.92, 1417, "reported"),
    ("番禺", 2019, "total_5g_base_stations"): (2296, 1441, "reported"),
    ("番禺", 2019, "project_expenditure"): (4083.81, 606, "reported"),
    ("番禺", 2019, "three_public_expenses"): (4.75, 757, "reported"),
    ("番禺", 2021, "basic_budget"): (1568.97, 560, "reported"),
    ("番禺", 2021, "basic_execution_rate"): (89.5, 570, "conflict"),
    ("番禺", 2021, "basic_expenditure"): (1403.97, 566, "reported"),
    ("番禺", 2021, "budget_executed"): (10340.03, 552, "reported"),
    ("番禺", 2021, "budget_execution_rate"): (93.2, 556, "reported"),
    ("番禺", 2021, "budget_total"): (11092.98, 548, "reported"),
    ("番禺", 2021, "commendation_banners"): (111, 144, "reported"),
    ("番禺", 2021, "free_seal_sets"): (25529, 1168, "reported"),
    ("番禺", 2021, "good_review_rate"): (99.99, 328, "conflict"),
    ("番禺", 2021, "new_5g_base_stations"): (2750, 436, "reported"),
    ("番禺", 2021, "praise_letters"): (279, 148, "reported"),
    ("番禺", 2021, "project_budget"): (9524, 572, "reported"),
    ("番禺", 2021, "project_execution_rate"): (93.8, 582, "reported"),
    ("番禺", 2021, "project_expenditure"): (8936.06, 578, "reported"),
    ("番禺", 2021, "self_eval_score"): (92.58, 650, "reported"),
    ("番禺", 2021, "service_cases"): (3_020_000, 144, "reported"),
    ("番禺", 2021, "service_satisfaction_rate"): (99.99, 144, "reported"),
    ("番禺", 2021, "service_visits"): (1_412_350, 780, "reported"),
    ("番禺", 2021, "total_5g_base_stations"): (9892, 438, "reported"),
    ("番禺", 2024, "project_budget"): (6028.01, 14, "reported"),
    ("白云", 2021, "budget_executed"): (6268.76, 117, "reported"),
    ("白云", 2021, "budget_execution_rate"): (99.5, 119, "reported"),
    ("白云", 2021, "budget_total"): (6302.34, 117, "reported"),
    ("白云", 2021, "cloud_migrated_systems"): (158, 179, "reported"),
    ("白云", 2021, "hotline_ontime_rate"): (100, 191, "reported"),
    ("白云", 2021, "hotline_satisfaction_rate"): (78.65, 193, "reported"),
    ("白云", 2021, "hotline_tickets"): (260_000, 191, "reported"),
    ("白云", 2021, "service_satisfaction_rate"): (99.9, 225, "reported"),
    ("增城", 2022, "hotline_tickets"): (211_700, 282, "derived"),
    ("增城", 2023, "basic_expenditure"): (1193.63, 296, "reported"),
    ("增城", 2023, "budget_executed"): (6094.53, 294, "reported"),
    ("增城", 2023, "budget_execution_rate"): (99.96, 298, "reported"),
    ("增城", 2023, "budget_total"): (6096.74, 292, "reported"),
    ("增城", 2023, "commendation_banners"): (34, 79, "conflict"),
    ("增城", 2023, "free_seal_sets"): (19_900, 263, "reported"),
    ("增城", 2023, "hotline_ontime_rate"): (100, 184, "reported"),
    ("增城", 2023, "hotline_satisfaction_rate"): (87.75, 286, "reported"),
    ("增城", 2023, "hotline_tickets"): (231_400, 282, "reported"),
    ("增城", 2023, "praise_letters"): (70, 79, "conflict"),
    ("增城", 2023, "project_expenditure"): (4900.89, 296, "reported"),
    ("增城", 2023, "self_eval_score"): (98.8, 310, "reported"),
    ("增城", 2023, "service_cases"): (1_223_544, 77, "conflict"),
    ("增城", 2023, "service_satisfaction_rate"): (99.9, 79, "conflict"),
    ("增城", 2023, "service_visits"): (3_138_055, 77, "reported"),
}


def test_kpi_values_are_exactly_what_the_reports_say(con):
    rows = con.execute("select district, year, kpi_id, round(value, 4), line, status from kpi_values").fetchall()
    assert {(d, y, k): (v, line, s) for d, y, k, v, line, s in rows} == EXPECTED


def test_kpi_values_columns(con):
    columns = [c[0] for c in con.execute("select * from kpi_values limit 0").description]
    assert columns[:9] == ["district", "year", "kpi_id", "value", "unit", "doc_id", "line", "quote", "status"]


@pytest.mark.parametrize(
    ("district", "year", "kpi_id", "unit"),
    [("白云", 2021, "budget_total", "万元"), ("番禺", 2021, "service_cases", "件"),
     ("增城", 2023, "hotline_satisfaction_rate", "%"), ("番禺", 2021, "new_5g_base_stations", "座")],
)
def test_units_are_normalised(con, district, year, kpi_id, unit):
    assert con.execute("select unit from kpi_values where district=? and year=? and kpi_id=?",
                       [district, year, kpi_id]).fetchone() == (unit,)


def test_every_line_points_into_its_quote(con):
    rows = con.execute("""
        select v.kpi_id, v.quote, l.text from kpi_values v
        join document_lines l on l.doc_id = v.doc_id and l.line = v.line
    """).fetchall()
    assert len(rows) == len(EXPECTED)
    for kpi_id, quote, line_text in rows:
        compact = line_text.replace(" ", "").strip()
        windows = {compact[i:i + 4] for i in range(max(len(compact) - 3, 1))}
        assert any(w in quote for w in windows), (kpi_id, line_text, quote)


def test_absent_figures_are_absent_not_zero(con):
    # 白云 reports no self-evaluation score and no 5G figures; 增城 no 5G; nobody's 2020.
    missing = con.execute("""
        select count(*) from kpi_values
        where (district = '白云' and kpi_id in ('self_eval_score', 'new_5g_base_stations', 'total_5g_base_stations'))
           or (district = '增城' and kpi_id like '%5g%')
           or year = 2020
    """).fetchone()[0]
    assert missing == 0
    assert con.execute("select count(*) from kpi_values where value = 0").fetchone()[0] == 0


def test_part_year_value_keeps_its_period(con):
    assert con.execute("""select value, period from kpi_values
                          where district='增城' and kpi_id='hotline_ontime_rate'""").fetchall() == [(100.0, "1-10月")]


def test_conflicts_list_the_documents_self_contradictions(con):
    rows = con.execute("select district, year, kpi_id, value, line from kpi_conflicts where kind = 'actual'").fetchall()
    assert sorted(rows) == sorted([
        ("番禺", 2021, "basic_execution_rate", 89.5, 570), ("番禺", 2021, "basic_execution_rate", 93.8, 598),
        ("番禺", 2021, "good_review_rate", 99.99, 328), ("番禺", 2021, "good_review_rate", 99.9, 1276),
        ("增城", 2023, "service_satisfaction_rate", 99.9, 79), ("增城", 2023, "service_satisfaction_rate", 99.8, 251),
        ("增城", 2023, "service_cases", 1_223_544, 77), ("增城", 2023, "service_cases", 1_633_700, 247),
        ("增城", 2023, "praise_letters", 70, 79), ("增城", 2023, "praise_letters", 71, 249),
        ("增城", 2023, "commendation_banners", 34, 79), ("增城", 2023, "commendation_banners", 40, 249),
    ])


def test_same_figure_twice_is_not_a_conflict(con):
    # 番禺 states 新建 5G 基站 2750 座 in the narrative and again in its table.
    assert con.execute("""select count(*) from kpi_observations
                          where district='番禺' and kpi_id='new_5g_base_stations'""").fetchone()[0] == 2
    assert con.execute("select count(*) from kpi_conflicts where kpi_id='new_5g_base_stations'").fetchone()[0] == 0


def test_stated_rates_agree_with_their_recomputation(con):
    rows = con.execute("""select district, year, round(value, 2), note from kpi_observations
                          where kpi_id='budget_execution_rate' and kind='derived' order by district""").fetchall()
    assert [r[:3] for r in rows] == [("增城", 2023, 99.96), ("番禺", 2021, 93.21), ("白云", 2021, 99.47)]
    assert "10,340.03 ÷ 11,092.98" in rows[1][3]
    assert con.execute("select count(*) from kpi_conflicts where kpi_id='budget_execution_rate'").fetchone()[0] == 0


def test_benchmark_ranks_by_direction_and_excludes_self_from_peer_average(con):
    rows = con.execute("""select district, rank, peer_average, gap_to_best from kpi_benchmark
                          where alignment='same_year' and comparison='2021' and kpi_id='budget_execution_rate'
                          order by rank""").fetchall()
    assert rows == [("白云", 1, 93.2, 0.0), ("番禺", 2, 99.5, pytest.approx(-6.3))]


def test_benchmark_latest_alignment_mixes_years_and_says_so(con):
    rows = con.execute("""select district, year, rank from kpi_benchmark
                          where alignment='latest' and kpi_id='hotline_satisfaction_rate' order by rank""").fetchall()
    assert rows == [("增城", 2023, 1), ("白云", 2021, 2)]


def test_lower_is_better_ranks_lowest_first(con):
    # 三公经费 is the only lower-is-better KPI; with one district it ranks first.
    assert con.execute("""select rank from kpi_benchmark
                          where kpi_id='three_public_expenses' and alignment='latest'""").fetchall() == [(1,)]


def test_yoy_uses_previous_available_year(con):
    rows = con.execute("""select year, previous_year, round(change, 2) from kpi_yoy
                          where district='番禺' and kpi_id='basic_expenditure' order by year""").fetchall()
    # 2018 from 2019's 比上年决算数增加 272.42 万元 (the 决算's own basis); 2021 is a self-evaluation's 基本支出执行数,
    # another measure than the 决算's 基本支出 of every fund: no change is computed across them
    assert rows == [(2018, None, None), (2019, 2018, 272.42), (2021, None, None)]
    # 政务服务群众满意率, one measure: 2021 against 2019, the previous year that has a value (none for 2020)
    assert con.execute("""select previous_year, round(change, 2) from kpi_yoy
                          where district='番禺' and kpi_id='service_satisfaction_rate' and year = 2021""").fetchone() == (2019, 0.07)
