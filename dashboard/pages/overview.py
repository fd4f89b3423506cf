"""总览 Overview: each district's latest key figures for leadership, with headlines."""

import polars as pl
import streamlit as st

from dashboard.charts import download_config, standing_dots, standing_marks
from dashboard.comparability import period_name, reason
from dashboard.data import load
from dashboard.i18n import district_name, kind_name, list_separator, t
from dashboard.kpis import bureau_named, compact_scale, district_year, format_value
from dashboard.summary import HEADLINE_KPIS, bureau_labels, headline_rows, named
from dashboard.ui import catalog_column, chart, chart_downloads, escape_markdown, headlines, info, lang, source_text

current = lang()
st.title(t("page_overview", current))
st.caption(t("overview_intro", current))

documents = load("documents")
latest = load("overview", kpis=list(HEADLINE_KPIS))
# each card, dot and line names its bureau where a place has two (平潭·市场监督管理局); `label`
latest = latest.with_columns(bureau_named(latest)["district"].alias("label"))

headline_years = latest.filter(pl.col("kpi_id").is_in(HEADLINE_KPIS)).group_by("label").agg(pl.col("year").max())
if headline_years["year"].n_unique() > 1:  # said once over both the headlines and the picture
    years = list_separator(current).join(district_year(d, y, current) for d, y in headline_years.sort("label").iter_rows())
    st.warning(t("years_differ", current, years=years))

# The first screen: the headlines (who leads and lags, in which year) beside the picture of
# the same values; on a phone the headlines come first.
told, drawn = st.columns([2, 3], gap="medium")
with told:
    st.subheader(t("headlines", current))
    st.markdown("\n".join(f"- {escape_markdown(sentence)}" for sentence in headlines()))

catalog_units = catalog_column("unit")
# Where each district stands on the key KPIs that have a better end (rates and scores:
# counts differ with a district's size and stay in the cards below): each district's
# latest value, and the values the headlines compare (the same year), a line per year.
picture_kpis = tuple(info(k) for k in HEADLINE_KPIS if info(k).higher_is_better is not None
                     and catalog_units.get(k) in ("%", "分") and k in set(latest["kpi_id"].to_list()))
if picture_kpis:
    columns = ["kpi_id", "district", "year", "value", "period", "qualifier", "not_comparable", "definition",
               "doc_id", "line", "quote", "title"]
    comparable = load("headline_values", kpis=list(HEADLINE_KPIS))
    labels = bureau_labels(comparable, latest)  # one name per bureau, in the 要点 and here alike
    compared = named(headline_rows(comparable), labels).with_columns(pl.lit(None, dtype=pl.String).alias("qualifier"))
    dots = pl.concat([named(latest.drop("label"), labels).select(columns), compared.select(columns)])
    dots = dots.filter(pl.col("kpi_id").is_in([k.kpi_id for k in picture_kpis])).unique(
        ["kpi_id", "district", "year"], keep="first", maintain_order=True)
    figure = chart(standing_dots, dots, picture_kpis, current, t("standing_title", current)).figure
    notes = tuple(filter(None, [t("standing_note", current), standing_marks(dots, current)]))
    with drawn:
        st.plotly_chart(figure, config=download_config("overview_standing"), theme=None, key="standing_chart")
        for note in notes:
            st.caption(note)
        units = list_separator(current).join(dict.fromkeys(k.unit for k in picture_kpis))
        chart_downloads(figure, dots, "overview_standing", units, key="standing_chart", title=t("standing_title", current),
                        notes=notes)

# one unit per KPI on every card (compact_scale): never 1.11亿元 beside 6,302.34万元
scales = {kpi_id: compact_scale(values, info(kpi_id).unit, current)
          for kpi_id, values in latest.group_by("kpi_id", maintain_order=True).agg("value").iter_rows()}
indicator_results = load("indicator_results")


def district_cards(rows: pl.DataFrame, label: str) -> None:
    """One district's (or bureau's) latest key figures as cards: value, year, change on its
    previous year, rank, why a value is not compared, its source on hover; then its
    performance indicators met."""
    district, bureau = rows["district"][0], rows["bureau"][0]
    per_row = 2 if current == "en" else 3  # English names are longer: two cards a row, none cut
    columns = st.columns(per_row)
    for index, row in enumerate(rows.iter_rows(named=True)):
        kpi = info(row["kpi_id"])
        delta = None
        if row["previous_year"] is not None and row["change"] is not None:
            change = format_value(row["change"], "pp" if kpi.unit == "%" else kpi.unit, None, current)
            sign = "+" if row["change"] > 0 else ""
            delta = f"{sign}{change} {t('vs_year', current, year=row['previous_year'])}"
        # ranked among the comparable values of the same year only (kpi_overview.sql); a size has no better end
        ranked = row["rank"] is not None and row["districts"] > 1 and kpi.higher_is_better is not None
        rank = t("rank_of_year", current, rank=row["rank"], n=row["districts"], year=row["year"]) if ranked else None
        columns[index % per_row].metric(
            label=f"{kpi.name} · {row['year']}",
            value=format_value(row["value"], kpi.unit, row["qualifier"], current, compact=True,
                               scale=scales[row["kpi_id"]]),
            delta=delta,
            delta_color="off" if kpi.higher_is_better is None else ("normal" if kpi.higher_is_better else "inverse"),
            help=source_text(row["title"], row["line"], row["quote"],
                             exact=format_value(row["value"], kpi.unit, row["qualifier"], current)),
            border=False,
        )
        caption = " · ".join(filter(None, [
            reason(row, current) or period_name(row["period"], current), rank,
            # a conflicted value links to its figures on the Sources page
            f"[{t('conflict_marked', current)}](sources?value={row['kpi_id']}|{row['district']}|{row['year']}"
            f"{'|' + row['bureau'] if label != district else ''}&lang={current})"
            if row["status"] == "conflict" else None]))
        if caption:
            columns[index % per_row].caption(caption)
    results = indicator_results.filter((pl.col("district") == district) & (pl.col("bureau") == bureau))
    for result in results.iter_rows(named=True):
        if not result["with_numbers"]:  # nothing to count is said in words, never shown as a figure
            st.caption(f"{t('targets_met', current)}：{t('no_targets', current)}" if current == "zh"
                       else f"{t('targets_met', current)}: {t('no_targets', current)}")
            continue
        st.metric(t("targets_met", current),
                  t("targets_met_value", current, met=result["met"], total=result["with_numbers"], year=result["year"]),
                  help=t("targets_help", current, total=result["indicators"], unknown=result["unknown"]))


# Each district's cards are second-screen: one button per district, its cards drawn only
# while it is open (a popover mounts its body only then; an expander or tabs would keep
# all 25 cards in the page, some 420 DOM nodes of its 900).
st.subheader(t("district_figures", current))
# Above the buttons: which years each district's reports cover, said plainly.
report_years = []
documents = bureau_named(documents)
for district in documents["district"].unique(maintain_order=True).to_list():
    docs = documents.filter(pl.col("district") == district).sort("year")
    listed = list_separator(current).join(f"{y} {kind_name(k, current)}" for y, k in docs.select("year", "kind").iter_rows())
    report_years.append(f"{escape_markdown(district_name(district, current))}: {listed}")
st.markdown("  \n".join(f"- {line}" for line in report_years))

with st.container(horizontal=True):
    for label in latest["label"].unique(maintain_order=True).to_list():
        rows = latest.filter((pl.col("label") == label) & pl.col("kpi_id").is_in(HEADLINE_KPIS))
        rows = rows.with_columns(pl.col("kpi_id").replace_strict({k: i for i, k in enumerate(HEADLINE_KPIS)},
                                                                 return_dtype=pl.Int32).alias("order")).sort("order")
        years = list_separator(current).join(str(y) for y in sorted(rows["year"].unique().to_list()))
        with st.popover(t("district_figures_open", current, district=district_name(label, current), n=rows.height,
                          years=years), width="content"):
            district_cards(rows, label)
