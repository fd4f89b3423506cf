"""The framework's floor for the interactions bench/interactions.py times: four pages
behind st.navigation, named as the product's, each with the same kinds of widgets as
the product's page and one chart, and nothing else (no data loading, no app shell)."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

DISTRICTS = ["番禺", "白云", "增城", "天河", "越秀"]
KPIS = [f"指标 {n}" for n in range(12)]
VALUES = {kpi: [90 + (n * 7 + i * 3) % 10 for i in range(len(DISTRICTS))] for n, kpi in enumerate(KPIS)}
CODES = [f"20103{n:02d}" for n in range(10)]


def benchmark() -> None:
    st.title("对标")
    kpi = st.selectbox("指标", KPIS, key="kpi")
    alignment = st.radio("年份对齐", ["latest", "same_year"], horizontal=True, key="align")
    values = VALUES[kpi] if alignment == "latest" else VALUES[kpi][::-1]
    st.plotly_chart(go.Figure(go.Bar(x=DISTRICTS, y=values)), theme=None)


def trends() -> None:
    st.title("趋势")
    districts = st.multiselect("区", DISTRICTS, default=DISTRICTS, key="districts")
    figure = go.Figure([go.Scatter(x=[2019, 2021, 2023], y=[90 + i, 93 + i, 95 - i], name=d)
                        for i, d in enumerate(districts)])
    st.plotly_chart(figure, theme=None)


def budget() -> None:
    st.title("预算")
    table = st.selectbox("表", ["支出决算表", "收入决算表", "财政拨款支出决算表"], key="table")
    size = 3 + len(table)
    st.plotly_chart(go.Figure(go.Treemap(labels=CODES[:size], parents=[""] * size, values=list(range(1, size + 1)))),
                    theme=None)
    code = st.selectbox("科目编码", CODES, key="code")
    st.dataframe(pl.DataFrame({"区": DISTRICTS, "科目": [code] * len(DISTRICTS), "数": list(range(len(DISTRICTS)))}))


def sources() -> None:
    st.title("来源与质量")
    kpi = st.selectbox("指标", KPIS, key="kpi")
    st.dataframe(pl.DataFrame({"区": DISTRICTS, "值": VALUES[kpi]}))
    term = st.text_input("在全部报告中搜索（如：满意率、5G、12345）", key="q")
    st.dataframe(pl.DataFrame({"行": [n for n in range(5) if term]}))


def overview() -> None:
    st.title("总览")


st.navigation([st.Page(overview, title="总览", default=True),
               st.Page(benchmark, title="对标", url_path="benchmark"),
               st.Page(trends, title="趋势", url_path="trends"),
               st.Page(budget, title="预算", url_path="budget"),
               st.Page(sources, title="来源与质量", url_path="sources")]).run()
