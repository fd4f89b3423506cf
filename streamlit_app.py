"""Entry point: `streamlit run streamlit_app.py`. Builds the warehouse on first use,
then routes to the pages; language and filters live in the URL's query string."""

from pathlib import Path

import streamlit as st

from dashboard.data import ensure_warehouse, load, needs_build, pin_warehouse_version
from dashboard.export import made_text
from dashboard.i18n import t
from dashboard.ui import WRAPPED_CHIPS, bounded_run, keep_param, share_link
from etl.access import read_only

PAGES = Path(__file__).parent / "dashboard" / "pages"

st.set_page_config(page_title="政数对标 · District bureau benchmarks", page_icon=":material/analytics:", layout="wide")

if needs_build():  # a spinner costs the browser a redraw: shown only when there is work
    with st.spinner("首次运行，正在构建数据仓库… (building the warehouse on first run)"):
        ensure_warehouse()
pin_warehouse_version()  # every query of this run reads one build, even if a rebuild lands meanwhile

with st.sidebar:
    current = "en" if st.query_params.get("lang") == "en" else "zh"
    lang = st.radio(t("language", current), ["zh", "en"], index=["zh", "en"].index(current), horizontal=True,
                    format_func=lambda code: "中文" if code == "zh" else "English", key="param_lang")
    keep_param("lang", lang)

pages = [
    # the default page answers at /; its own name is "home", so that /overview (below) is free
    st.Page(PAGES / "overview.py", title=t("page_overview", lang), default=True, url_path="home",
            icon=":material/account_balance:"),
    st.Page(PAGES / "benchmark.py", title=t("page_benchmark", lang), url_path="benchmark", icon=":material/leaderboard:"),
    st.Page(PAGES / "trends.py", title=t("page_trends", lang), url_path="trends", icon=":material/trending_up:"),
    st.Page(PAGES / "budget.py", title=t("page_budget", lang), url_path="budget", icon=":material/payments:"),
    st.Page(PAGES / "sources.py", title=t("page_sources", lang), url_path="sources", icon=":material/fact_check:"),
    st.Page(PAGES / "briefing.py", title=t("page_briefing", lang), url_path="briefing", icon=":material/co_present:"),
]
if not read_only():  # read-only: nothing can be added or reviewed, so the page is not there at all
    pages.append(st.Page(PAGES / "add_report.py", title=t("page_add", lang), url_path="add_report", icon=":material/upload_file:"))


def overview_by_name() -> None:
    """/overview (a link a person types or keeps) opens the Overview at /, its choices kept,
    instead of Streamlit's "Page not found" over it."""
    st.switch_page(pages[0], query_params=st.query_params.to_dict())


pages.append(st.Page(overview_by_name, title=t("page_overview", lang), url_path="overview", visibility="hidden"))
page = st.navigation(pages)
# On a phone the menu covers the page: after a choice in it (a page, a language) it closes.
# One listener, installed once; the element is the same on every run, so the browser
# keeps it instead of drawing it anew at each click. With it, the style of every
# multiselect's chips (dashboard.ui).
st.html(WRAPPED_CHIPS + """<script>
if (!window.zsPhoneMenu) {
  window.zsPhoneMenu = true;
  document.addEventListener("click", function (event) {
    if (window.innerWidth >= 768 || !event.target.closest) return;
    const choice = "[data-testid=stSidebar] [data-testid=stSidebarNav] a, [data-testid=stSidebar] [data-testid=stRadio] label";
    if (!event.target.closest(choice)) return;
    setTimeout(function () {
      const button = document.querySelector("[data-testid=stSidebar][data-collapsed=false] [data-testid=stSidebarCollapseButton] button")
        || document.querySelector('[data-testid=stSidebar][data-collapsed=false] button[aria-label="Collapse sidebar"]');
      if (button) button.click();
    }, 0);
  }, true);
}
</script>""", unsafe_allow_javascript=True)
bounded_run(page.run, what=f"page /{page.url_path}")
built = load("build_info")["built_at"]
st.caption(t("footer", lang) + (" " + t("built_at", lang, when=made_text(built[0], seconds=True)) if len(built) else ""))
with st.sidebar:  # after the page, so that the link carries every choice the page put in the URL
    share_link(lang)
