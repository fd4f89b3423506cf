"""The Overview's parts outside the page: one unit per KPI (dashboard.kpis.compact_scale),
the 要点 (dashboard.summary) and the picture's marks (dashboard.charts.standing_dots), on
the real reports' values."""

import polars as pl
import pytest

from dashboard.charts import standing_dots, standing_marks
from dashboard.kpis import compact_scale, format_value, kpi_info
from dashboard.summary import HEADLINE_KPIS, headline_sentences
from etl.build import ROOT

APP_QUERIES = ROOT / "queries" / "app"


def app_query(con, name: str, **params: object) -> pl.DataFrame:
    return con.cursor().sql((APP_QUERIES / f"{name}.sql").read_text(encoding="utf-8"), params=params).pl()


@pytest.mark.parametrize(("lang", "unit", "written"), [
    # 部门全年预算数: 番禺 2021 line 548, 白云 2021 line 117, 增城 2023 line 292
    ("zh", "万元", ["11,092.98万元", "6,302.34万元", "6,096.74万元"]),
    ("en", "10k CNY", ["110.9 M CNY", "63 M CNY", "61 M CNY"]),
])
def test_a_kpi_is_written_in_one_unit_for_every_district(lang, unit, written):
    values = [11092.98, 6302.34, 6096.74]
    scale = compact_scale(values, unit, lang)
    assert [format_value(v, unit, None, lang, compact=True, scale=scale) for v in values] == written
    assert format_value(11092.98, unit, None, lang, compact=True) == ("1.11亿元" if lang == "zh" else "110.9 M CNY")  # alone


def test_counts_share_a_unit_too():
    # 政务服务业务受理量: 番禺 约302万宗 (2021, line 144), 增城 1223544 件 (2023, line 77)
    scale = compact_scale([3_020_000, 1_223_544], "件", "zh")
    assert [format_value(v, "件", q, "zh", compact=True, scale=scale) for v, q in ((3_020_000, "约"), (1_223_544, None))] \
        == ["约302万件", "122.35万件"]


def test_the_headlines_lead_with_their_year_and_name_what_they_leave_out(con):
    comparable = app_query(con, "headline_values", kpis=list(HEADLINE_KPIS))
    latest = app_query(con, "overview", kpis=list(HEADLINE_KPIS))
    sentences = headline_sentences(comparable, app_query(con, "catalog"), "en", latest=latest)
    assert sentences[0] == ("Budget execution rate, 2021: Baiyun highest (99.5%), Panyu lowest (93.2%). "
                            "Not compared: Zengcheng 2023: 99.96% (another year).")
    assert "Full-year budget, 2021: Panyu highest (110.9 M CNY), Baiyun lowest (63 M CNY)." in sentences[2]


def test_a_figure_of_another_definition_is_drawn_as_such(con):
    """番禺 2019's 部门整体预算完成率 68.31% (the 决算, line 1414) beside the 2021 执行率 93.2% (line 556):
    a hollow square with its basis named beside it, and the note says what the square means."""
    rows = app_query(con, "headline_values", kpis=["budget_execution_rate"])  # the comparable 2021 values
    other = con.sql("""select b.kpi_id, b.district, b.year, b.value, b.period, null::varchar as qualifier,
                              b.not_comparable, b.definition, b.doc_id, b.line, b.quote, d.title
                       from kpi_benchmark b join documents d using (doc_id)
                       where b.kpi_id = 'budget_execution_rate' and b.alignment = 'same_year' and b.year = 2019""").pl()
    frame = pl.concat([rows.with_columns(pl.lit(None, dtype=pl.String).alias("qualifier")).select(other.columns), other])
    kpi = kpi_info(app_query(con, "catalog"), "budget_execution_rate")
    figure = standing_dots(frame, (kpi,), "zh")
    dots = {trace.text[0]: trace for trace in figure.data if trace.mode == "markers+text"}
    square = dots["番禺 68.31%（部门决算口径）"]
    assert square.marker.symbol == "square-open"
    assert "第 1414 行" in square.hovertext[0] and "与其他区的口径不同" in square.hovertext[0]
    assert dots["番禺 93.2%"].marker.symbol == "circle"
    assert standing_marks(frame, "zh") == "空心记号为不参与比较的数值：□ 口径不同（旁注口径）。"
