"""简报 Briefing: pick KPIs, districts and years, and download one file for a meeting
(PPTX or PDF): a title page with the filters and the time it was made, the KPI table
and one page per chart. The files are made on the server only when a button is clicked."""

import streamlit as st

from dashboard import briefing
from dashboard.data import load
from dashboard.i18n import district_name, t
from dashboard.labels import show
from dashboard.summary import HEADLINE_KPIS
from dashboard.ui import catalog_column, download_buttons, escape_markdown, guard, lang, multiselect_param, reported_kpis

current = lang()
st.title(t("page_briefing", current))
st.caption(t("briefing_intro", current))

reporting = load("district_years")
names = catalog_column("name_en" if current == "en" else "name_zh")
kpi_ids = reported_kpis()
controls = st.columns([3, 2, 2])
with controls[0]:
    kpis = multiselect_param(t("kpis", current), kpi_ids, "kpis", default=[k for k in HEADLINE_KPIS[:4] if k in kpi_ids],
                             format_func=lambda k: names.get(k, k))
with controls[1]:
    districts = multiselect_param(t("districts", current), reporting["district"].unique(maintain_order=True).to_list(),
                                  "districts", format_func=lambda d: district_name(d, current))
with controls[2]:
    years = multiselect_param(t("years", current), [str(y) for y in sorted(reporting["year"].unique().to_list())], "years")
guard(bool(kpis and districts and years), "pick_briefing")

selection = briefing.gather(kpis, districts, [int(y) for y in years], current)
table = briefing.kpi_table(selection)
planned = briefing.plan(selection)
guard(table.height > 0, "no_data")

st.markdown(t("briefing_contents", current, rows=table.height, charts=len(planned)))
st.markdown("\n".join(f"- {escape_markdown(names.get(kpi_id, kpi_id))} · {t('chart_' + kind, current)}" for kpi_id, kind in planned))
buttons = st.container(horizontal=True)
stem = briefing.pack_stem(selection)
buttons.download_button(t("download_pptx", current), lambda: briefing.pptx_file(selection), file_name=f"{stem}.pptx",
                        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                        key="briefing_pptx", help=t("download_pack_help", current), on_click="ignore",
                        icon=":material/slideshow:", type="primary")
buttons.download_button(t("download_pdf", current), lambda: briefing.pdf_file(selection), file_name=f"{stem}.pdf",
                        mime="application/pdf", key="briefing_pdf", help=t("download_pack_help", current),
                        on_click="ignore", icon=":material/picture_as_pdf:")

st.subheader(t("kpi_table_title", current))
show(table)
download_buttons(briefing.kpi_rows(selection), "briefing_kpi_table", key="briefing_table")
