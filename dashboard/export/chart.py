"""One chart as it leaves the dashboard (ChartExport: the figure, the rows it shows,
its title, unit, sources and notes), its file names, and its data as CSV."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import altair as alt
import plotly.graph_objects as go
import polars as pl

from dashboard.export.table import readable_table
from dashboard.i18n import district_name
from dashboard.kpis import file_stem


class ExportError(RuntimeError):
    """An image cannot be made as it should be (e.g. no Chinese font)."""


@dataclass(frozen=True, eq=False)
class ChartExport:
    """One chart as it leaves the dashboard: the figure the page draws, what it shows
    and where its numbers come from."""

    figure: go.Figure | alt.TopLevelMixin
    title: str
    unit: str
    districts: tuple[str, ...]
    years: tuple[int, ...]
    sources: tuple[str, ...]  # one label per document, e.g. 白云 2021《…自评报告》
    data: pl.DataFrame  # exactly the numbers shown, with doc_id, title, line (and quote where known)
    file_stem: str
    lang: str = "zh"
    notes: tuple[str, ...] = ()  # lines under the chart, before the sources (who is not compared, and why)
    # the i18n key of the image's last line: where each figure's line and quote are (the CSV of the same name
    # beside an image; a briefing's KPI table inside a pack)
    footer: str = "image_made"


def figure_title(figure: go.Figure | alt.TopLevelMixin) -> str:
    """The title a chart builder gave its figure ('' if none)."""
    if isinstance(figure, go.Figure):
        return html.unescape(figure.layout.title.text or "")  # charts.escape_plotly() escapes document text for Plotly
    title = getattr(figure, "title", None)
    if isinstance(title, str):
        return title
    text = getattr(title, "text", None)
    return text if isinstance(text, str) else ""


def source_label(document: dict, lang: str = "zh") -> str:
    """'番禺 2021《区政数局2021年部门整体支出绩效自评报告》': some titles do not name
    their district, so the district and year come first."""
    district = district_name(document["district"], lang)
    if lang == "en":
        return f"{district} {document['year']}: {document['title']}"
    return f"{district} {document['year']}《{document['title']}》"


def safe_name(text: str) -> str:
    """A file name without characters that some systems refuse."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_")


def _shown(data: pl.DataFrame) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The districts (in the order drawn) and years (ascending) of a chart's rows."""
    districts = tuple(data["district"].drop_nulls().unique(maintain_order=True).to_list()) if "district" in data.columns else ()
    years = tuple(sorted(data["year"].drop_nulls().unique().to_list())) if "year" in data.columns else ()
    return districts, years


def export_stem(data: pl.DataFrame, name: str, lang: str = "zh") -> str:
    """The file name (without extension) of a chart's exports: what it shows, e.g.
    hotline_satisfaction_rate_2021-2023_增城-白云."""
    districts, years = _shown(data)
    return safe_name(file_stem(name, list(years), [district_name(d, lang) for d in districts]))


def chart_export(figure: go.Figure | alt.TopLevelMixin, data: pl.DataFrame, name: str, unit: str,
                 documents: pl.DataFrame, lang: str = "zh", title: str | None = None,
                 notes: tuple[str, ...] = ()) -> ChartExport:
    """Everything an image of `figure` carries, taken from the rows it shows.

    data: the rows drawn, with district, year and doc_id (and line, quote where known);
    documents: the documents table (doc_id, district, year, title); name: what the
    chart is, the start of the file name (kpi_id, budget_vs_execution, ...).
    """
    if "doc_id" in data.columns and "title" not in data.columns:
        data = data.join(documents.select("doc_id", "title"), on="doc_id", how="left", maintain_order="left")
    districts, years = _shown(data)
    by_id = {row["doc_id"]: row for row in documents.iter_rows(named=True)}
    doc_ids = data["doc_id"].drop_nulls().unique().to_list() if "doc_id" in data.columns else []
    ordered = sorted((by_id[d] for d in doc_ids if d in by_id),
                     key=lambda doc: (districts.index(doc["district"]) if doc["district"] in districts else len(districts),
                                      doc["year"], doc["doc_id"]))
    return ChartExport(
        figure=figure,
        title=title or figure_title(figure),
        unit=unit,
        districts=districts,
        years=years,
        sources=tuple(source_label(doc, lang) for doc in ordered),
        data=data,
        file_stem=export_stem(data, name, lang),
        lang=lang,
        notes=tuple(notes),
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel shows Chinese."""
    return frame.write_csv().encode("utf-8-sig")


def csv(export: ChartExport) -> bytes:
    """Exactly the rows the chart shows, with their document, line and quote: headers in
    the export's language, figures as written (dashboard.export.table)."""
    return csv_bytes(readable_table(export.data, export.lang))


