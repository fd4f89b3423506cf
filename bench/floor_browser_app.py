"""The framework's floor in the browser: a Streamlit app with a title, a selectbox and one
small Plotly bar chart (no data, no sidebar content, no app shell), on a page of its own
at /benchmark behind st.navigation, as the product's Benchmark page is. A first visit to
a page's address costs Streamlit's frontend one more round before its websocket opens (it
asks /benchmark/_stcore/health first, then /_stcore/health: about 70-90 ms, measured
2026-12-05), which a visit to / does not; bench/browser_bench.py opens both apps at a
page's address, and this app at / too, reported beside.
bench/browser_bench.py times its first chart the same way as the product's."""

import plotly.graph_objects as go
import streamlit as st


def benchmark() -> None:
    st.title("对标 Benchmark")
    st.selectbox("指标", ["部门整体预算执行率"])
    st.plotly_chart(go.Figure(go.Bar(x=["番禺", "白云", "增城"], y=[93.2, 99.5, 99.96])), theme=None)


def home() -> None:
    benchmark()


st.navigation([st.Page(home, title="对标", default=True), st.Page(benchmark, title="对标", url_path="benchmark")]).run()
