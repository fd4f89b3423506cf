"""对标 Benchmark: one KPI across districts, with the peer average and the KPI's
definition beside the chart; then the scorecard of every comparable KPI."""

import polars as pl
import streamlit as st

from dashboard import views
from dashboard.charts import download_config, scorecard_heatmap, source_hover
from dashboard.data import load, pinned_version
from dashboard.i18n import district_name, list_separator, t
from dashboard.kpis import bureau_named, compact_scale, format_value
from dashboard.labels import district_label, name_label, show
from dashboard.ui import (
    catalog_column,
    chart,
    chart_downloads,
    district_picker,
    download_buttons,
    escape_markdown,
    fragment,
    info,
    keep_param,
    kpi_picker,
    lang,
    reported_kpis,
    select_param,
)

current = lang()
st.title(t("page_benchmark", current))

def show_view(nearer: str, nearer_year: int | None) -> None:
    """A nearer view: the pickers and the link change together (a button's callback runs before the pickers)."""
    st.session_state["param_align"] = st.query_params["align"] = nearer
    if nearer_year is not None:
        st.session_state["param_year"] = st.query_params["year"] = str(nearer_year)


def view_label(kpi_id: str, districts: list[str], nearer: str, nearer_year: int | None) -> str:
    """'看 2021 年（番禺、白云可比较）': the view and the districts it compares."""
    compared = load("benchmark", kpi=kpi_id, alignment=nearer).filter(
        pl.col("district").is_in(districts) & pl.col("rank").is_not_null()
        & (pl.col("comparison") == str(nearer_year) if nearer_year is not None else pl.lit(True)))
    if nearer == "same_year":
        names = list_separator(current).join(district_name(d, current) for d in compared["district"].unique(maintain_order=True))
        return t("nearest_same_year", current, year=nearer_year, districts=names)
    names = list_separator(current).join(f"{district_name(d, current)} {y}" for d, y in compared.select("district", "year").iter_rows())
    return t("nearest_latest", current, districts=names)


def explain_too_few(view: views.BenchmarkView, kpi_id: str, districts: list[str]) -> None:
    """Per district, the years it has and why this view does not compare it; then the nearest views that do."""
    st.info("\n".join([t("too_few_compared", current), *(f"- {escape_markdown(p)}" for p in view.coverage)]))
    if not view.nearest:
        st.caption(t("no_nearest_view", current))
        return
    st.caption(t("nearest_views", current))
    for nearer, nearer_year in view.nearest:
        st.button(view_label(kpi_id, districts, nearer, nearer_year), on_click=show_view, args=(nearer, nearer_year),
                  key=f"nearest_{nearer}_{nearer_year}", icon=":material/compare_arrows:")


@fragment
def comparison() -> None:
    """The pickers, the chart, the KPI's definition and the table of values with their
    sources. A fragment: a choice here reruns this part alone, and the browser redraws
    only it (not the title, the menu, the scorecard or the footer)."""
    controls = st.columns([2, 2, 1])
    with controls[0]:
        kpi_id = kpi_picker(reported_kpis(), default="budget_execution_rate")
    with controls[1]:
        alignment = select_param(t("alignment", current), ["latest", "same_year"], "align",
                                 format_func=lambda a: t("align_latest" if a == "latest" else "align_same", current),
                                 horizontal=True, radio=True)
    year = None
    if alignment == "same_year":
        with controls[2]:
            years, default_year = views.benchmark_years(kpi_id, pinned_version())
            # by default the latest year in which at least two districts can be compared
            year = select_param(t("pick_year", current), years, "year", default=default_year)
    # Every district of the warehouse can be picked, whatever the KPI or year: a district
    # without a comparable value stays selected and is said to be missing, and why.
    districts = district_picker(views.districts(pinned_version()))
    kpi = info(kpi_id)
    # what this choice shows, derived once (dashboard.views): a run only sends it
    view = views.benchmark(kpi, alignment, year, tuple(districts), current, pinned_version())

    chart_column, definition_column = st.columns([3, 1])
    with definition_column:  # one block: each element costs the browser a component
        st.markdown("\n\n".join([f"**{kpi.name}**", f"**{t('definition', current)}**: {kpi.definition}",
                                   f"**{t('direction', current)}**: {t(kpi.direction_key, current)}"]
                                  + ([f"**{t('caveats', current)}**: {kpi.caveats}"] if kpi.caveats else [])))
    with chart_column:
        if not districts:
            st.info(t("pick_one", current))
            return
        if view.too_few:
            explain_too_few(view, kpi_id, districts)
        elif len(districts) < 2:
            st.info(t("pick_two", current))
        if view.rows.is_empty():
            return
        for warning in view.warnings:
            st.warning(warning)
        st.plotly_chart(view.figure, config=download_config(view.stem), theme=None, key="benchmark_chart")
        if view.notes:  # who is missing; what each mark means
            st.caption("\n\n".join(view.notes))
        chart_downloads(view.figure, view.chart_data, kpi_id, kpi.unit, key="benchmark_chart", notes=view.image_notes)

    st.subheader(t("data_and_sources", current))
    show(view.table)
    download_buttons(view.download, view.stem, key="benchmark")


comparison()


@fragment
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
    names = catalog_column("name_en" if current == "en" else "name_zh")
    units = catalog_column("unit_en" if current == "en" else "unit")  # in the page's language
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
