"""The app's shell (streamlit_app.py: page config, the warehouse check, the
language switch, navigation, footer) around an empty page: a second baseline,
so that a page's own cost can be told from the shell's."""

from pathlib import Path

import streamlit as st

from dashboard.data import ensure_warehouse
from dashboard.i18n import t

st.set_page_config(page_title="政数对标 · District bureau benchmarks", page_icon=":material/analytics:", layout="wide")
ensure_warehouse()
with st.sidebar:
    current = "en" if st.query_params.get("lang") == "en" else "zh"
    lang = st.radio(t("language", current), ["zh", "en"], index=["zh", "en"].index(current), horizontal=True,
                    format_func=lambda code: "中文" if code == "zh" else "English", key="param_lang")
    st.query_params["lang"] = lang
st.navigation([st.Page(Path(__file__).parent / "empty_page.py", title="Empty", default=True)]).run()
st.caption(t("footer", lang))
