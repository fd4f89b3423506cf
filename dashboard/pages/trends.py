"""趋势 Trends: year-over-year lines per KPI and district, only the years the
documents give; derived and part-year points are marked."""

import polars as pl
import streamlit as st

from dashboard.charts import download_config, trend_lines, trend_notes
from dashboard.comparability import reason
from dashboard.data import load
from dashboard.i18n import district_name, list_separator, t
from dashboard.kpis import bureau_named, file_stem
from dashboard.labels import district_label, period_label, show, status_label, value_labels
from dashboard.ui import chart, chart_downloads, district_picker, download_buttons, escape_markdown, info, kpi_picker, lang, reported_kpis

current = lang()
st.title(t("page_trends", current))
st.caption(t("trend_intro", current))

multi_year = set(load("kpi_summary").filter(pl.col("years") > 1)["kpi_id"].to_list())
kpi_ids = reported_kpis()
kpi_ids.sort(key=lambda k: k not in multi_year)  # KPIs with a trend first
kpi_id = kpi_picker(kpi_ids, default=kpi_ids[0])
kpi = info(kpi_id)

rows = load("trend", kpi=kpi_id)
# every district can be picked whatever the KPI, so a choice survives a change of KPI
districts = district_picker(load("district_years")["district"].unique(maintain_order=True).to_list())
missing = [district_name(d, current) for d in districts if d not in set(rows["district"].to_list())]
rows = rows.filter(pl.col("district").is_in(districts))
if missing:
    st.caption(escape_markdown(t("not_compared", current, items=list_separator(current).join(missing)
                    + ("：" if current == "zh" else ": ") + t("reason_not_reported", current))))
if rows.is_empty():
    st.info(t("pick_one", current))
    st.stop()
rows = bureau_named(rows)  # two bureaus of one place: a line each, named

stem = file_stem(kpi_id, rows["year"].to_list(), districts)
figure = chart(trend_lines, rows, kpi, current).figure
st.plotly_chart(figure, config=download_config(stem), theme=None, key="trend_chart")
notes = trend_notes(rows, kpi, current)  # what every mark means, under the chart and its image
if notes:
    st.caption("\n\n".join(escape_markdown(note) for note in notes))
chart_downloads(figure, rows, f"{kpi_id}_trend", kpi.unit, key="trend_chart", notes=notes)
for district, count in rows.group_by("district", maintain_order=True).len().iter_rows():
    if count == 1:
        year = rows.filter(pl.col("district") == district)["year"][0]
        st.caption(t("single_year", current, district=district_name(district, current), year=year))

st.subheader(t("yoy_table", current))
yoy = bureau_named(load("yoy", kpi=kpi_id).filter(pl.col("district").is_in(districts)))
show(
    yoy.select(
        district_label("district", current).alias(t("district", current)),
        pl.col("year").alias(t("year", current)),
        value_labels(yoy, kpi.unit, current, qualifier=False).alias(t("value", current)),
        status_label("status", current).alias(t("status", current)),
        pl.col("previous_year").alias(t("previous_year", current)),
        pl.col("change").round(2).alias(t("change", current)),
        pl.col("change_pct").round(2).alias(t("change_pct", current)),
        period_label(yoy, "period", current).alias(t("period", current)),
        pl.col("line").alias(t("line_no", current)),
    )
)
download_buttons(yoy, f"{stem}_yoy", key="yoy")
st.subheader(t("data_and_sources", current))
show(rows.select(
    district_label("district", current).alias(t("district", current)),
    pl.col("year").alias(t("year", current)),
    value_labels(rows, kpi.unit, current).alias(t("value", current)),
    pl.col("title").alias(t("document", current)),  # the source right after the figure (labels.source_columns)
    pl.col("line").alias(t("line_no", current)),
    pl.col("quote").alias(t("quote", current)),
    status_label("status", current).alias(t("status", current)),
    period_label(rows, "period", current).alias(t("period", current)),
    pl.Series([reason(row, current) or "" for row in rows.iter_rows(named=True)], dtype=pl.Utf8)  # made outside Polars
    .alias(t("not_ranked_why", current)),
    pl.col("note").alias(t("note", current)),
))
download_buttons(rows, stem, key="trend")
