"""趋势 Trends: year-over-year lines per KPI and district, only the years the
documents give; derived and part-year points are marked."""

import streamlit as st

from dashboard import views
from dashboard.charts import download_config
from dashboard.data import pinned_version
from dashboard.i18n import t
from dashboard.labels import show
from dashboard.ui import chart_downloads, district_picker, download_buttons, fragment, info, kpi_picker, lang, select_param

current = lang()
st.title(t("page_trends", current))
st.caption(t("trend_intro", current))


@fragment
def trends() -> None:
    """The pickers, the chart and the tables. A fragment: a choice reruns this part alone,
    and the browser redraws only it (not the title, the menu or the footer)."""
    kpi_ids = views.trend_kpis(pinned_version())  # KPIs with a trend first
    kpi_id = kpi_picker(kpi_ids, default=kpi_ids[0])
    kpi = info(kpi_id)
    # every district can be picked whatever the KPI, so a choice survives a change of KPI
    districts = district_picker(views.districts(pinned_version()))
    # what this choice shows, derived once (dashboard.views): a run only sends it
    view = views.trends(kpi, tuple(districts), current, pinned_version())
    if view.missing:
        st.caption(view.missing)
    if view.rows.is_empty():
        st.info(t("pick_one", current))
        return

    st.plotly_chart(view.figure, config=download_config(view.stem), theme=None, key="trend_chart")
    if view.notes:  # what every mark means, under the chart and its image
        st.caption("\n\n".join(view.escaped_notes))
    chart_downloads(view.figure, view.chart_data, f"{kpi_id}_trend", kpi.unit, key="trend_chart", notes=view.notes)
    for line in view.single_years:
        st.caption(line)

    # One table at a time (a data grid costs the browser more than anything else on a page):
    # the values with their sources, or the year-over-year changes; kept in ?table=.
    shown = select_param(t("trend_table", current), ["sources", "yoy"], "table", segmented=True,
                         format_func=lambda name: t("data_and_sources" if name == "sources" else "yoy_table", current))
    if shown == "yoy":
        st.subheader(t("yoy_table", current))
        show(view.yoy_table)
        download_buttons(view.yoy, f"{view.stem}_yoy", key="yoy")
    else:
        st.subheader(t("data_and_sources", current))
        show(view.table)
        download_buttons(view.rows, view.stem, key="trend")


trends()
