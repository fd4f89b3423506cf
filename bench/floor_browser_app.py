"""The framework's floor in the browser: a Streamlit app with a title, a selectbox
and one small Plotly bar chart (no data, no sidebar, no app shell).
bench/browser_bench.py times its first chart the same way as the product's."""

import plotly.graph_objects as go
import streamlit as st

st.title("对标 Benchmark")
st.selectbox("指标", ["部门整体预算执行率"])
st.plotly_chart(go.Figure(go.Bar(x=["番禺", "白云", "增城"], y=[93.2, 99.5, 99.96])), theme=None)
