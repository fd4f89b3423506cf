"""The Streamlit dashboard: pages, chart builders and exports read the warehouse only."""
