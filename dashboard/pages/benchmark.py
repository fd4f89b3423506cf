"""对标 Benchmark: one KPI across districts, with the peer average and the KPI's
definition beside the chart; then the scorecard of every comparable KPI."""

import polars as pl
import streamlit as st

from dashboard.charts import benchmark_bars, benchmark_notes, download_config, scorecard_heatmap, source_hover
from dashboard.comparability import (
    compared_count,
    district_years,
    nearest_views,
    not_compared,
    not_compared_line,
    reason,
)
from dashboard.data import load
from dashboard.i18n import bureau_name, district_name, list_separator, t
from dashboard.kpis import bureau_named, compact_scale, district_year, file_stem, format_value
from dashboard.labels import bureau_label, district_label, name_label, period_label, show, status_label, value_labels
from dashboard.ui import (
    catalog,
    chart,
    chart_downloads,
    district_picker,
    download_buttons,
    escape_markdown,
    info,
    keep_param,
    kpi_picker,
    lang,
    reported_kpis,
    select_param,
)

current = lang()
st.title(t("page_benchmark", current))

kpi_ids = reported_kpis()
controls = st.columns([2, 2, 1])
with controls[0]:
    kpi_id = kpi_picker(kpi_ids, default="budget_execution_rate")
with controls[1]:
    alignment = select_param(t("alignment", current), ["latest", "same_year"], "align",
                             format_func=lambda a: t("align_latest" if a == "latest" else "align_same", current),
                             horizontal=True, radio=True)
rows = load("benchmark", kpi=kpi_id, alignment=alignment)
if alignment == "same_year":
    with controls[2]:
        years = sorted(rows["comparison"].unique().to_list(), reverse=True)
        # by default the latest year in which at least two districts can be compared
        compared = rows.filter(pl.col("rank").is_not_null()).group_by("comparison").len().filter(pl.col("len") >= 2)
        shared = sorted(compared["comparison"].to_list(), reverse=True)
        year = select_param(t("pick_year", current), years, "year", default=shared[0] if shared else None)
    rows = rows.filter(pl.col("comparison") == year)

# Every district of the warehouse can be picked, whatever the KPI or year: a district
# without a comparable value stays selected and is said to be missing, and why.
districts = district_picker(load("district_years")["district"].unique(maintain_order=True).to_list())
rows = rows.filter(pl.col("district").is_in(districts))
kpi = info(kpi_id)
values = load("trend", kpi=kpi_id)
shown_year = int(year) if alignment == "same_year" else None
missing = not_compared_line(not_compared(districts, rows, values, current, shown_year), current)
# Districts are picked but fewer than two compare: the data is what is missing, not the
# person's choice. Say so per district, and offer the nearest views that compare.
too_few = len(districts) >= 2 and compared_count(rows, districts) < 2
if too_few:
    coverage = district_years(districts, rows, values, current, shown_year)
    nearest = nearest_views(load("benchmark", kpi=kpi_id, alignment="same_year"),
                            load("benchmark", kpi=kpi_id, alignment="latest"), districts, alignment, shown_year)
rows = bureau_named(rows)  # two bureaus of one place: a bar and a row each, named


def show_view(view: str, view_year: int | None) -> None:
    """A nearer view: the pickers and the link change together (a button's callback runs before the pickers)."""
    st.session_state["param_align"] = st.query_params["align"] = view
    if view_year is not None:
        st.session_state["param_year"] = st.query_params["year"] = str(view_year)


def view_label(view: str, view_year: int | None) -> str:
    """'看 2021 年（番禺、白云可比较）': the view and the districts it compares."""
    compared = load("benchmark", kpi=kpi_id, alignment=view).filter(
        pl.col("district").is_in(districts) & pl.col("rank").is_not_null()
        & (pl.col("comparison") == str(view_year) if view_year is not None else pl.lit(True)))
    if view == "same_year":
        names = list_separator(current).join(district_name(d, current) for d in compared["district"].unique(maintain_order=True))
        return t("nearest_same_year", current, year=view_year, districts=names)
    names = list_separator(current).join(f"{district_name(d, current)} {y}" for d, y in compared.select("district", "year").iter_rows())
    return t("nearest_latest", current, districts=names)


def explain_too_few() -> None:
    """Per district, the years it has and why this view does not compare it; then the nearest views that do."""
    st.info("\n".join([t("too_few_compared", current), *(f"- {escape_markdown(p)}" for p in coverage)]))
    if not nearest:
        st.caption(t("no_nearest_view", current))
        return
    st.caption(t("nearest_views", current))
    for view, view_year in nearest:
        st.button(view_label(view, view_year), on_click=show_view, args=(view, view_year), key=f"nearest_{view}_{view_year}",
                  icon=":material/compare_arrows:")


chart_column, definition_column = st.columns([3, 1])
with definition_column:  # one block: each element costs the browser a component
    st.markdown("\n\n".join([f"**{kpi.name}**", f"**{t('definition', current)}**: {kpi.definition}",
                               f"**{t('direction', current)}**: {t(kpi.direction_key, current)}"]
                              + ([f"**{t('caveats', current)}**: {kpi.caveats}"] if kpi.caveats else [])))
with chart_column:
    if not districts:
        st.info(t("pick_one", current))
        st.stop()
    if too_few:
        explain_too_few()
    elif len(districts) < 2:
        st.info(t("pick_two", current))
    if rows.is_empty():
        st.stop()
    if rows["year"].n_unique() > 1:
        listed = list_separator(current).join(district_year(d, y, current) for d, y in rows.select("district", "year").iter_rows())
        st.warning(t("years_differ_bars", current, years=listed))
    if rows["bureau_kind"].n_unique() > 1:  # ranks and peer averages are within each kind of bureau (kpi_benchmark.sql)
        listed = list_separator(current).join(
            f"{district_year(d, y, current)} {bureau_name(b, current) if b else t('bureau_other_kind', current)}"
            for d, y, b in rows.select("district", "year", "bureau_kind").iter_rows())
        st.warning(t("bureaus_differ", current, bureaus=listed))
    figure = chart(benchmark_bars, rows, kpi, current).figure
    stem = file_stem(kpi_id, rows["year"].to_list(), rows["district"].to_list())
    st.plotly_chart(figure, config=download_config(stem), theme=None, key="benchmark_chart")
    shown_missing = (missing,) if missing and not too_few else ()  # said district by district above otherwise
    notes = (*shown_missing, *benchmark_notes(rows, current))  # who is missing; what each mark means
    if notes:
        st.caption("\n\n".join(escape_markdown(note) for note in notes))
    chart_downloads(figure, rows, kpi_id, kpi.unit, key="benchmark_chart",
                    notes=(*((missing,) if missing else ()), *benchmark_notes(rows, current)))

st.subheader(t("data_and_sources", current))
table = rows.select(  # the source right after the figure, in view without a sideways scroll (labels.source_columns)
    district_label("district", current).alias(t("district", current)),
    pl.col("year").alias(t("year", current)),
    value_labels(rows, kpi.unit, current).alias(t("value", current)),
    pl.col("title").alias(t("document", current)),
    pl.col("line").alias(t("line_no", current)),
    pl.col("quote").alias(t("quote", current)),
    pl.col("rank").alias(t("rank", current)),
    pl.Series([reason(row, current) or "" for row in rows.iter_rows(named=True)], dtype=pl.Utf8)  # made outside Polars
    .alias(t("not_ranked_why", current)),
    pl.col("peer_average").round(2).alias(t("peer_average", current)),
    pl.col("gap_to_best").round(2).alias(t("gap_to_best", current)),
    status_label("status", current).alias(t("status", current)),
    period_label(rows, "period", current).alias(t("period", current)),
    bureau_label("bureau", current).alias(t("bureau", current)),
)
show(table)
download_buttons(rows.drop("title"), stem, key="benchmark")


@st.fragment
def scorecard_part() -> None:
    """The scorecard, every comparable KPI × district, is the page's second screen: it is
    drawn (its chart alone costs the browser some 220 DOM nodes) only when asked, kept
    in ?scorecard=1. A fragment: it does not depend on the pickers above, and showing it
    reruns this part alone."""
    st.subheader(t("scorecard", current))
    shown = st.toggle(t("show_scorecard", current), value=st.query_params.get("scorecard") == "1", key="param_scorecard")
    if not shown:
        st.query_params.pop("scorecard", None)
        return
    keep_param("scorecard", "1")
    st.caption(t("scorecard_note", current))
    scores = bureau_named(load("scorecard").filter(pl.col("districts") >= 2))
    names = dict(catalog().select("kpi_id", "name_en" if current == "en" else "name_zh").iter_rows())
    units = dict(catalog().select("kpi_id", "unit_en" if current == "en" else "unit").iter_rows())  # in the page's language
    # one unit per KPI across its row (compact_scale): never 1.03亿元 beside 6,094.53万元
    scales = {kpi: compact_scale(scores.filter(pl.col("kpi_id") == kpi)["value"].to_list(), units[kpi], current)
              for kpi in scores["kpi_id"].unique().to_list()}
    cells = scores.select(
        name_label("kpi_id", names).alias("kpi_name"),
        district_label("district", current).alias("district_label"),
        "score",
        pl.Series([f"{format_value(value, units[kpi], None, current, compact=True, scale=scales[kpi])}\n{year}"  # formatted outside Polars
                   for value, kpi, year in scores.select("value", "kpi_id", "year").iter_rows()], dtype=pl.Utf8)
        .alias("label"),
        pl.Series([source_hover(row, current) for row in scores.iter_rows(named=True)], dtype=pl.Utf8).alias("source"),
    )
    scorecard = chart(scorecard_heatmap, cells, current).figure
    st.plotly_chart(scorecard, config=download_config("scorecard_latest"), theme=None, key="scorecard_chart")
    chart_downloads(scorecard, scores, "scorecard_latest", t("scorecard_unit", current), key="scorecard_chart",
                    title=t("scorecard", current), notes=(t("scorecard_note", current),))  # grey and colour, in the image too
    download_buttons(scores, "scorecard_latest", key="scorecard")


scorecard_part()
