"""The framework's floor for the Benchmark page: the same Streamlit elements (title,
pickers, notes, two Plotly charts, a table, eleven download buttons in three closed menus)
with every figure and frame made once and cached, so a run costs only Streamlit's
own work of sending them. bench/page_bench.py times it beside the empty page."""

import polars as pl
import streamlit as st

from dashboard.charts import benchmark_bars, download_config, scorecard_heatmap
from dashboard.data import load
from dashboard.kpis import kpi_info


@st.cache_resource
def content():
    rows = load("benchmark", kpi="budget_execution_rate", alignment="latest")
    catalog = load("catalog")
    kpi = kpi_info(catalog, "budget_execution_rate")
    scores = load("scorecard").filter(pl.col("districts") >= 2)
    cells = scores.select(pl.col("kpi_id").alias("kpi_name"), pl.col("district").alias("district_label"), "score",
                          pl.col("value").cast(pl.Utf8).alias("label"))
    return rows, kpi, benchmark_bars(rows, kpi), scorecard_heatmap(cells), rows.select("district", "year", "value", "rank",
                                                                                  "peer_average", "status", "line", "quote")


rows, kpi, figure, scorecard, table = content()
st.title("对标 Benchmark")
left, middle, right = st.columns([2, 2, 1])
left.selectbox("指标", [kpi.kpi_id], key="kpi")
middle.radio("对齐", ["latest", "same_year"], horizontal=True, key="align")
st.multiselect("区", rows["district"].to_list(), default=rows["district"].to_list(), key="districts")
chart_column, definition_column = st.columns([3, 1])
for text in (kpi.name, kpi.definition, kpi.direction_key, kpi.caveats):
    definition_column.markdown(text)
chart_column.warning("各区年份不同")
chart_column.plotly_chart(figure, config=download_config("floor"), theme=None, key="chart")
row = chart_column.popover("下载", key="chart_downloads")  # as the product: one closed menu per chart and table
for name in ("png", "svg", "csv"):
    row.download_button(name, lambda: b"", file_name=f"floor.{name}", key=f"chart_{name}", on_click="ignore")
st.subheader("数据与来源")
st.dataframe(table, hide_index=True, width="stretch")
with st.popover("下载", key="table_downloads"):
    for name in ("csv", "xlsx"):
        st.download_button(name, lambda: b"", file_name=f"table.{name}", key=f"table_{name}", on_click="ignore")
st.subheader("记分卡")
st.caption("记分卡")
st.plotly_chart(scorecard, config=download_config("floor_scorecard"), theme=None, key="scorecard")
with st.popover("下载", key="scorecard_downloads"):
    for name in ("png", "svg", "csv", "table_csv", "table_xlsx"):
        st.download_button(name, lambda: b"", file_name=f"scorecard.{name}", key=f"scorecard_{name}", on_click="ignore")
