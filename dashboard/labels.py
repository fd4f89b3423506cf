"""Table columns as a reader sees them: districts, statuses and kinds translated,
figures formatted, and the frame handed to st.dataframe.

No Python function ever runs inside Polars here (no map_elements, map_batches,
apply): a Python callback in Polars' thread pool while another session's thread
converts a frame deadlocks the whole server (issue 18; pola-rs/polars#26821).
Translations are native `replace` expressions over the small tables in
dashboard.i18n; figures are formatted by dashboard.kpis.format_value in the
calling thread, over values taken out of the frame first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
import pyarrow as pa
import streamlit as st

from dashboard.comparability import period_name
from dashboard.i18n import BUREAU_MARK, BUREAUS_EN, DISTRICTS_EN, KINDS, STATUS, STATUS_MARK, t
from dashboard.kpis import format_value


def district_label(column: str, lang: str) -> pl.Expr:
    """'番禺' or 'Panyu'; a district the table does not know keeps its name; one bureau of a
    place with several (bureau_named) as dashboard.i18n.district_name says it:
    '平潭·市场监督管理局', 'Panyu · Finance Bureau'."""
    named = pl.col(column).str.replace(f"{BUREAU_MARK}$", BUREAU_MARK + t("bureau_unknown", lang), literal=False)
    if lang != "en":
        return named
    spaced = named.str.replace_all(BUREAU_MARK, f" {BUREAU_MARK} ", literal=True)
    return (spaced.str.replace_many({f"{zh} {BUREAU_MARK} ": f"{en} {BUREAU_MARK} " for zh, en in DISTRICTS_EN.items()})
            .str.replace_many({f" {BUREAU_MARK} {zh}": f" {BUREAU_MARK} {en}" for zh, en in BUREAUS_EN.items()})
            .replace(DISTRICTS_EN))


def bureau_label(column: str, lang: str) -> pl.Expr:
    """A bureau (or kind of bureau) column in the page's language: as printed, the kinds
    the product knows in English, 未写明机构 / bureau not named where it is empty."""
    names = pl.col(column).replace(BUREAUS_EN) if lang == "en" else pl.col(column)
    return pl.when(pl.col(column).fill_null("") == "").then(pl.lit(t("bureau_unknown", lang))).otherwise(names).alias(column)


def person_label(column: str, lang: str) -> pl.Expr:
    """Who added or decided: the name recorded, 未知 / unknown where none was (rows kept before names were)."""
    return pl.when(pl.col(column).fill_null("") == "").then(pl.lit(t("person_unknown", lang))).otherwise(pl.col(column)).alias(column)


def status_label(column: str, lang: str, mark: bool = False) -> pl.Expr:
    """'文件所述' / 'reported' ('● 文件所述' with mark); an unknown status as it is."""
    index = 1 if lang == "en" else 0
    names = {status: f"{STATUS_MARK[status]} {names[index]}" if mark else names[index] for status, names in STATUS.items()}
    return pl.col(column).replace(names)


def kind_label(column: str, lang: str) -> pl.Expr:
    """'绩效自评报告' / 'self-evaluation report'; an unknown kind as it is."""
    index = 1 if lang == "en" else 0
    return pl.col(column).replace({kind: names[index] for kind, names in KINDS.items()})


def name_label(column: str, names: dict[str, str]) -> pl.Expr:
    """An id column shown by its name (a KPI id by the catalog's name); unknown ids as they are."""
    return pl.col(column).replace(names)


def value_labels(frame: pl.DataFrame, unit: str, lang: str, qualifier: bool = True) -> pl.Series:
    """The frame's `value` column formatted ('99.96%', '超过 26万件'), with the
    `qualifier` column where it has one: computed in this thread, outside Polars."""
    values = frame["value"].to_list()
    qualifiers: Sequence[str | None] = (frame["qualifier"].to_list() if qualifier and "qualifier" in frame.columns
                                        else [None] * len(values))
    return pl.Series([format_value(v, unit, q, lang) for v, q in zip(values, qualifiers, strict=True)], dtype=pl.Utf8)


def period_label(frame: pl.DataFrame, column: str, lang: str) -> pl.Expr:
    """'1-10月' ('Jan–Oct' in English), and 全年 / whole year where the figure is of
    the whole year: the few distinct periods are named in this thread, outside Polars."""
    periods = {p: period_name(p, lang) for p in frame[column].drop_nulls().unique().to_list()}
    return pl.col(column).replace(periods).fill_null(t("whole_year", lang))


def readable(frame: pl.DataFrame) -> pl.DataFrame:
    """Empty cells empty: a missing text is "", a column of numbers with gaps is shown
    as text with the gaps blank (st.dataframe would draw a grey "None")."""
    filled = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if frame[name].null_count() == 0:
            filled.append(column)
        elif dtype == pl.Utf8:
            filled.append(column.fill_null(""))
        elif dtype.is_float():
            filled.append(column.round(2).cast(pl.Utf8).fill_null(""))
        else:
            filled.append(column.cast(pl.Utf8).fill_null(""))
    return frame.select(filled)


def source_columns(headers: Sequence[str]) -> dict:
    """Widths for a table's document, line and quote columns (named in either language),
    so that a page which puts them right after the figure shows them without a sideways
    scroll: the document's title and the quote cut to their column (the full text in the
    cell's overlay, a click away, and in the download), the line narrow."""
    widths = {}
    for lang in ("zh", "en"):
        widths[t("document", lang)] = st.column_config.TextColumn(width="medium", help=t("document_help", lang))
        widths[t("line_no", lang)] = st.column_config.Column(width="small", help=t("line_help", lang))
        widths[t("quote", lang)] = st.column_config.TextColumn(width="large", help=t("quote_help", lang))
        for document, line in (("budget_doc", "budget_line"), ("final_doc", "final_line")):  # budget beside final accounts
            widths[t(document, lang)] = st.column_config.TextColumn(width="medium")
            widths[t(line, lang)] = st.column_config.Column(width="small")
    return {header: config for header, config in widths.items() if header in headers}


@dataclass(frozen=True)
class Table:
    """A table made ready for st.dataframe once (dashboard.views keeps it for later runs)."""

    arrow: pa.Table
    columns: dict


def table(frame: pl.DataFrame) -> Table:
    """The frame made readable, as an Arrow table (Streamlit sends Arrow as it is, where a
    Polars frame would first be converted to pandas on every run), with the widths of its
    document, line and quote columns (source_columns)."""
    return Table(readable(frame).to_arrow(), source_columns(frame.columns))


def show(frame: pl.DataFrame | Table) -> None:
    """st.dataframe of the frame, made ready by table() (here, unless it already was)."""
    ready = frame if isinstance(frame, Table) else table(frame)
    st.dataframe(ready.arrow, hide_index=True, width="stretch", column_config=ready.columns)
