"""来源与质量 Sources & quality: every value with its document, line and quote; the
document around it; full-text search; then, one at a time as chosen, conflicts, review
decisions, failed checks, coverage and the documents; the whole warehouse as one open
data package."""

import polars as pl
import streamlit as st

from dashboard.data import load, open_data_zip
from dashboard.export import csv_bytes
from dashboard.highlight import results_table
from dashboard.i18n import CHECK_TYPES, check_text, district_name, t, with_bureau
from dashboard.kpis import bureau_named, format_value
from dashboard.labels import bureau_label, district_label, kind_label, name_label, period_label, person_label, show, status_label
from dashboard.ui import (
    catalog_column,
    download_buttons,
    escape_markdown,
    fragment,
    keep_param,
    kpi_picker,
    lang,
    reported_kpis,
    select_param,
    table_for_download,
    view_param,
)
from etl.access import read_only

current = lang()
st.title(t("page_sources", current))
names = catalog_column("name_en" if current == "en" else "name_zh")
units = catalog_column("unit_en" if current == "en" else "unit")  # in the page's language


@fragment
def values_and_context() -> None:
    """A fragment: a KPI or value picked redraws these two parts alone."""
    st.subheader(t("kpi_values_title", current))
    kpi_ids = reported_kpis()
    linked_kpi = st.query_params.get("value", "").split("|")[0]  # a link to one value opens its KPI
    kpi_id = kpi_picker(kpi_ids, default=linked_kpi if linked_kpi in kpi_ids else kpi_ids[0])
    values = load("kpi_values", kpis=[kpi_id])
    show(
        values.select(
            name_label("kpi_id", names).alias(t("kpi", current)),
            district_label("district", current).alias(t("district", current)),
            pl.col("year").alias(t("year", current)),
            pl.Series([format_value(v, units.get(k, ""), q, current) for k, v, q in  # as written, in this thread
                       values.select("kpi_id", "value", "qualifier").iter_rows()], dtype=pl.Utf8).alias(t("value", current)),
            pl.col("title").alias(t("document", current)),  # the source right after the figure (labels.source_columns)
            pl.col("line").alias(t("line_no", current)),
            pl.col("quote").alias(t("quote", current)),
            status_label("status", current).alias(t("status", current)),
            period_label(values, "period", current).alias(t("period", current)),
            bureau_label("bureau", current).alias(t("bureau", current)),
            pl.col("note").alias(t("note", current)),
        )
    )
    download_buttons(values, f"kpi_values_{kpi_id}", key="values")
    every_value = table_for_download(load("kpi_values", kpis=kpi_ids))
    st.download_button(t("download_all_values", current), lambda: csv_bytes(every_value),
                       file_name="kpi_values_with_sources.csv", mime="text/csv", key="values_all_csv", on_click="ignore",
                       help=t("download_all_values_help", current), icon=":material/download:")

    st.subheader(t("context_title", current))
    # kpi|district|year, and |bureau where that district-year has values of two bureaus
    several = pl.col("bureau").n_unique().over("district", "year") > 1
    choices = values.select(pl.concat_str([pl.col("kpi_id"), pl.col("district"), pl.col("year").cast(pl.Utf8)], separator="|")
                            + pl.when(several).then("|" + pl.col("bureau")).otherwise(pl.lit(""))).to_series().to_list()

    def named(choice: str) -> str:
        kpi_id, district, year, *bureau = choice.split("|")
        place = with_bureau(district, bureau[0]) if bureau else district
        return f"{names.get(kpi_id)} · {district_name(place, current)} {year}"

    linked = st.query_params.get("value", "")  # a link names the bureau, or not, as its page did
    default = next((c for c in choices if c == linked or c.startswith(f"{linked}|") or linked.startswith(f"{c}|")), None)
    choice = select_param(t("pick_value", current), choices, "value", default=default, format_func=named)
    kpi_id, district, year, *bureau = choice.split("|")
    picked = values.filter((pl.col("kpi_id") == kpi_id) & (pl.col("district") == district) & (pl.col("year") == int(year))
                           & (pl.col("bureau") == bureau[0] if bureau else pl.lit(True))).row(0, named=True)
    context = load("context", doc_id=picked["doc_id"], line=picked["line"], radius=8)
    st.caption(f"{escape_markdown(picked['title'])} · {t('line', current, line=picked['line'])}")
    if not read_only():  # read-only: no review page to link to
        st.page_link("dashboard/pages/add_report.py", label=t("review_open", current), icon=":material/rate_review:",
                     query_params={"doc": picked["doc_id"], "lang": current})
    st.code("\n".join(f"{'▶' if row['is_target'] else ' '} {row['line']:>5}  {row['text']}"
                      for row in context.iter_rows(named=True)), language=None)


values_and_context()


@fragment
def search() -> None:
    """A fragment: a search redraws its results alone."""
    st.subheader(t("search_title", current))
    term = st.text_input(t("search_box", current), value=st.query_params.get("q", ""), key="param_q")
    keep_param("q", term)
    if term.strip():
        hits = load("search", term=term.strip())
        st.caption(t("search_hits", current, n=hits.height))
        if hits.height:  # the term marked in each line (escaped first: a report's text never becomes markup)
            st.html(results_table(hits, term.strip(), current))
        download_buttons(hits, "search_results", key="search")


search()

def conflicts_table() -> None:
    st.subheader(t("conflicts_title", current))
    st.caption(t("conflicts_rule", current))
    conflicts = bureau_named(load("conflicts"))  # a conflict is within one bureau; the place names it where it has two
    # made outside Polars: "99.9%（第 1276 行）" per other figure, the rule in the page's language
    others = pl.Series([
        "；".join(f"{format_value(v, units.get(k, ''), None, current)}（{t('line', current, line=n)}）"
                 for v, n in zip(values_ or [], lines or [], strict=True))
        for k, values_, lines in conflicts.select("kpi_id", "other_values", "other_lines").iter_rows()], dtype=pl.Utf8)
    rules = pl.Series([t(f"chosen_by_{rule}", current) if rule else "" for rule in conflicts["chosen_by"]], dtype=pl.Utf8)
    answered = conflicts.select(
        name_label("kpi_id", names).alias(t("kpi", current)),
        district_label("district", current).alias(t("district", current)),
        pl.col("year").alias(t("year", current)),
        pl.Series([format_value(v, units.get(k, ""), None, current) for k, v in conflicts.select("kpi_id", "chosen_value").iter_rows()],
                  dtype=pl.Utf8).alias(t("chosen_value", current)),
        pl.col("title").alias(t("document", current)),  # the source right after the figure, in view (labels.source_columns)
        pl.col("chosen_line").alias(t("line_no", current)),
        others.alias(t("other_values", current)),
        rules.alias(t("chosen_rule", current)),
    )
    show(answered)
    download_buttons(answered, "kpi_conflicts", key="conflicts")


def decisions_table() -> None:
    st.subheader(t("decisions_title", current))
    decisions = load("review_decisions")
    if decisions.is_empty():
        st.caption(t("decisions_none", current))
        return
    show(decisions.with_columns(name_label("kpi_id", names), person_label("decided_by", current)))
    download_buttons(decisions, "review_decisions", key="decisions")


def checks_table() -> None:
    st.subheader(t("checks_title", current))
    failed = bureau_named(load("failed_checks"))
    if failed.is_empty():
        st.success(t("checks_all_pass", current))
        return
    show(failed.select(  # the document and line before the long arithmetic, in view (labels.source_columns)
        district_label("district", current).alias(t("district", current)),
        pl.col("year").alias(t("year", current)),
        pl.Series([check_text(x, current) for x in failed["subject"].to_list()], dtype=pl.Utf8).alias(t("check_subject", current)),
        pl.col("expected").alias(t("stated", current)),  # what the document writes
        pl.col("actual").round(2).alias(t("computed", current)),  # what its own figures give
        pl.col("title").alias(t("document", current)),
        pl.col("line").alias(t("line_no", current)),
        pl.Series([check_text(d, current) for d in failed["detail"].to_list()], dtype=pl.Utf8).alias(t("arithmetic", current)),
        pl.col("check_type").replace({k: t(f"check_{k}", current) for k in CHECK_TYPES}).alias(t("check_type", current)),
    ))
    download_buttons(failed, "failed_quality_checks", key="checks")


def coverage_table() -> None:
    st.subheader(t("coverage_title", current))
    coverage = load("coverage")
    matrix = (
        bureau_named(coverage).with_columns(
            pl.concat_str([district_label("district", current), pl.col("year").cast(pl.Utf8)], separator=" ").alias("district_year"),
            status_label("status", current, mark=True),
            name_label("kpi_id", names).alias(t("kpi", current)),
        )
        .pivot(on="district_year", index=t("kpi", current), values="status")
    )
    show(matrix)
    download_buttons(coverage, "kpi_coverage", key="coverage")


def documents_table() -> None:
    st.subheader(t("documents_title", current))
    documents = load("documents")
    show(documents.select(
        district_label("district", current).alias(t("district", current)),
        pl.col("year").alias(t("year", current)),
        kind_label("kind", current).alias(t("kind", current)),
        pl.col("title").alias(t("document", current)),
        pl.col("district_full").alias(t("issuer", current)),
        bureau_label("bureau", current).alias(t("bureau", current)),
        pl.col("file").alias(t("file", current)),
        person_label("added_by", current).alias(t("added_by", current)),  # who added it (etl.access), 未知 before names were kept
        pl.col("added_at").alias(t("added_at", current)),
        pl.col("published").alias(t("published", current)),
        pl.col("source_url").alias(t("source_url", current)),  # where it was fetched from, and when (etl/fetch.py)
        pl.col("fetched_at").alias(t("fetched_at", current)),
    ))


# Each table below is drawn only when asked (?table=): a data grid costs the browser about a
# hundred DOM nodes, and five of them put the page over its budget (bench/budget.py).
QUALITY_TABLES = {"conflicts": conflicts_table, "decisions": decisions_table, "checks": checks_table,
                  "coverage": coverage_table, "documents": documents_table}


@fragment
def quality_tables() -> None:
    """A fragment: choosing a table redraws this part alone. Each choice says how many rows
    its table has (the cached queries), so a count of 0 is read without opening it."""
    st.subheader(t("quality_title", current))
    counts = {"conflicts": load("conflicts").height, "decisions": load("review_decisions").height,
              "checks": load("failed_checks").height, "documents": load("documents").height}
    view = view_param(t("quality_pick", current), list(QUALITY_TABLES), "table",
                      format_func=lambda v: t(f"quality_{v}", current, n=counts.get(v)))
    if view is not None:
        QUALITY_TABLES[view]()


quality_tables()

st.subheader(t("open_data_title", current))
st.caption(t("open_data_intro", current))
st.download_button(t("download_open_data", current), open_data_zip, file_name="zhengshu_open_data.zip",
                   mime="application/zip", key="open_data_zip", on_click="ignore",
                   help=t("download_open_data_help", current), icon=":material/download:")
