"""An empty Streamlit page: the baseline that page timings are divided by."""

import streamlit as st

st.title("Empty")
