"""quality_checks gathers every integrity check; the documents' real mistakes fail."""

from etl.build import QUERIES


def test_every_check_type_is_there(con):
    counts = dict(con.execute("select check_type, count(*) from quality_checks group by 1").fetchall())
    assert counts == {"children_sum": 327, "column_sum": 143, "cross_table_total": 27, "projects_sum": 2,
                      "unit_sum": 2, "stated_rate": 6, "parts_sum": 9}


def test_the_documents_real_mistakes_fail(con):
    failed = con.execute("""select district, year, subject, expected, round(actual, 2), line
                            from quality_checks where not passed order by line""").fetchall()
    assert failed == [
        # 番禺 2021: 执行数 10340.03万元，其中本级 9788.27万元，中心 712.76万元 (= 10501.03)
        ("番禺", 2021, "部门财政拨款预算执行数 = 其中各项之和", 10340.03, 10501.03, 552),
        # 番禺 2021 calls the 区本级 rate (93.8%) 基本支出执行率 too; 1403.97 ÷ 1568.97 = 89.48%
        ("番禺", 2021, "基本支出执行率", 93.8, 89.48, 598),
    ]


def test_rounding_gaps_pass_within_tolerance_and_show_their_numbers(con):
    row = con.execute("""select expected, round(actual, 2), round(difference, 2), tolerance, passed
                         from quality_checks where check_id = 'column_sum:支出决算表:20103:本年支出合计'""").fetchone()
    assert row == (2228.20, 2228.19, -0.01, 0.02, True)  # 984.75 + 1243.44


def test_failed_checks_reach_the_sources_page_query(con):
    sql = (QUERIES / "app" / "failed_checks.sql").read_text(encoding="utf-8")
    assert len(con.execute(sql).fetchall()) == 2
