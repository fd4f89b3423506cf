"""Entry point: `streamlit run streamlit_app.py`. Builds the warehouse on first use."""

import streamlit as st

from dashboard.data import ensure_warehouse

ensure_warehouse()
st.set_page_config(page_title="政数对标", layout="wide")
st.title("政务服务数据管理局对标")
