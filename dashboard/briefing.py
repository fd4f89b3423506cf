"""The briefing pack: for picked KPIs, districts and years, one file to take into a
meeting. A title slide with the filters and the time it was made, the KPI table, and
one slide per chart; as PPTX (python-pptx) and as the same pages in PDF (WeasyPrint).

Per KPI there are up to two charts, drawn by the dashboard's own chart builders: the
districts compared (each district's latest value within the picked years, with the
peer average, as on the Benchmark page), and, where a district has two or more of the
picked years, the year-by-year lines (as on the Trends page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import polars as pl

from dashboard import export
from dashboard.charts import benchmark_bars, benchmark_notes, trend_lines, trend_notes
from dashboard.comparability import not_compared, not_compared_line, period_name, reason
from dashboard.export import ChartExport, chart_export, figure_title, made_text, packs
from dashboard.i18n import district_name, status_name, t
from dashboard.kpis import bureau_named, file_stem, format_value, kpi_info


@dataclass(frozen=True, eq=False)
class Selection:
    """What a person picked, with the rows it selects from the warehouse."""

    kpi_ids: tuple[str, ...]
    districts: tuple[str, ...]
    years: tuple[int, ...]
    lang: str
    catalog: pl.DataFrame
    documents: pl.DataFrame
    values: pl.DataFrame  # kpi_values (with title) within the selection
    benchmark: pl.DataFrame  # briefing_benchmark within the selection


@dataclass(frozen=True)
class Pack:
    pptx: bytes
    pdf: bytes


def gather(kpi_ids: list[str], districts: list[str], years: list[int], lang: str = "zh",
           load: Callable[..., pl.DataFrame] | None = None) -> Selection:
    """The warehouse rows for a selection, through the dashboard's cached loader."""
    if load is None:
        from dashboard.data import load
    kpi_ids, districts, years = list(kpi_ids), list(districts), sorted(int(y) for y in years)
    values = load("kpi_values", kpis=kpi_ids).filter(pl.col("district").is_in(districts) & pl.col("year").is_in(years))
    benchmark = load("briefing_benchmark", kpis=kpi_ids, years=years).filter(pl.col("district").is_in(districts))
    return Selection(tuple(kpi_ids), tuple(districts), tuple(years), lang, load("catalog"), load("documents"),
                     values, benchmark)


def plan(selection: Selection) -> list[tuple[str, str]]:
    """The charts a selection makes, as (kpi_id, 'compare' | 'trend'), without drawing them."""
    planned = []
    for kpi_id in selection.kpi_ids:
        if selection.benchmark.filter(pl.col("kpi_id") == kpi_id).height:
            planned.append((kpi_id, "compare"))
        years_per_district = selection.values.filter(pl.col("kpi_id") == kpi_id).group_by("district", "bureau").agg(
            pl.col("year").n_unique())["year"]
        if years_per_district.len() and years_per_district.max() > 1:  # a line needs two years of one district's bureau
            planned.append((kpi_id, "trend"))
    return planned


def charts(selection: Selection) -> list[ChartExport]:
    """Each planned chart, drawn by the same builder as its page, with what its image carries."""
    lang = selection.lang
    made = []
    for kpi_id, kind in plan(selection):
        kpi = kpi_info(selection.catalog, kpi_id, lang)
        notes: tuple[str, ...] = ()
        if kind == "compare":
            rows = selection.benchmark.filter(pl.col("kpi_id") == kpi_id)
            name = kpi_id
            # a picked district the chart cannot compare is named under it, with the reason
            line = not_compared_line(not_compared(list(selection.districts), rows,
                                                  selection.values.filter(pl.col("kpi_id") == kpi_id), lang), lang)
            rows = bureau_named(rows)  # two bureaus of one place: a bar each, named
            figure = benchmark_bars(rows, kpi, lang)
            notes = (*((line,) if line else ()), *benchmark_notes(rows, lang))  # and what each mark means
        else:
            rows = selection.values.filter(pl.col("kpi_id") == kpi_id).select(
                "kpi_id", "district", "bureau", "year", "value", "unit", "status", "period", "qualifier", "note", "definition",
                "not_comparable", "doc_id", "title", "line", "quote")  # definition: not joined to another measure
            order = {d: i for i, d in enumerate(selection.districts)}
            rows = bureau_named(rows.sort(pl.col("district").replace_strict(order, return_dtype=pl.Int32), "bureau", "year"))
            figure = trend_lines(rows, kpi, lang)  # two bureaus of one place: a line each, named
            notes = trend_notes(rows, kpi, lang)  # every mark, and each point of another measure or period
            name = f"{kpi_id}_trend"
        title = f"{figure_title(figure)} · {t('chart_' + kind, lang)}"
        # the pack holds no CSV: its KPI table gives each figure's document and line
        made.append(replace(chart_export(figure, rows, name, kpi.unit, selection.documents, lang, title=title, notes=notes),
                            footer="image_made_pack"))
    return made


def pack_stem(selection: Selection) -> str:
    """The pack's file name (without extension), saying what it holds:
    briefing_budget_execution_rate+hotline_tickets_2021-2023_白云-增城 (more than three
    KPIs are counted: briefing_5kpis_…)."""
    kpis = "+".join(selection.kpi_ids) if len(selection.kpi_ids) <= 3 else f"{len(selection.kpi_ids)}kpis"
    return export.safe_name(file_stem(f"briefing_{kpis}", list(selection.years),
                                      [district_name(d, selection.lang) for d in selection.districts]))


def kpi_rows(selection: Selection) -> pl.DataFrame:
    """The selection's values with their sources, in the picked KPI and district order."""
    kpi_order = {k: i for i, k in enumerate(selection.kpi_ids)}
    district_order = {d: i for i, d in enumerate(selection.districts)}
    names = dict(selection.catalog.select("kpi_id", "name_en" if selection.lang == "en" else "name_zh").iter_rows())
    return (
        selection.values
        .with_columns(pl.col("kpi_id").replace_strict(names, return_dtype=pl.Utf8).alias("kpi_name"),
                      pl.col("kpi_id").replace_strict(kpi_order, return_dtype=pl.Int32).alias("_kpi"),
                      pl.col("district").replace_strict(district_order, return_dtype=pl.Int32).alias("_district"))
        .sort("_kpi", "_district", "bureau", "year")
        .select("kpi_id", "kpi_name", "district", "bureau", "year", "value", "unit", "status", "period", "qualifier", "note",
                "definition", "not_comparable", "doc_id", "title", "line", "quote")
    )


def kpi_table(selection: Selection) -> pl.DataFrame:
    """The KPI table as a reader sees it: KPI, district, year, value, status, source."""
    lang = selection.lang
    units = {k: kpi_info(selection.catalog, k, lang).unit for k in selection.kpi_ids}
    rows = []
    for row in bureau_named(kpi_rows(selection)).iter_rows(named=True):  # the place names its bureau where it has two
        value = format_value(row["value"], units[row["kpi_id"]], row["qualifier"], lang)
        if row["period"]:
            period = period_name(row["period"], lang)
            value += f"（{period}）" if lang == "zh" else f" ({period})"
        source = f"《{row['title']}》" if lang == "zh" else f"{row['title']}, "
        rows.append({
            t("kpi", lang): row["kpi_name"],
            t("district", lang): district_name(row["district"], lang),
            t("year", lang): row["year"],
            t("value", lang): value,
            t("status", lang): "；".join(filter(None, [status_name(row["status"], lang), reason(row, lang)])),
            t("source", lang): source + t("line", lang, line=row["line"]),
        })
    columns = [t(key, lang) for key in ("kpi", "district", "year", "value", "status", "source")]
    return pl.DataFrame(rows, schema={c: pl.Int32 if c == t("year", lang) else pl.Utf8 for c in columns}) if rows else \
        pl.DataFrame(schema={c: pl.Utf8 for c in columns})


def filter_lines(selection: Selection, made: datetime) -> list[str]:
    """The title page: what was picked and when the pack was made."""
    lang = selection.lang
    separator = "、" if lang == "zh" else ", "
    colon = "：" if lang == "zh" else ": "
    names = dict(selection.catalog.select("kpi_id", "name_en" if lang == "en" else "name_zh").iter_rows())
    return [
        t("kpis", lang) + colon + separator.join(names.get(k, k) for k in selection.kpi_ids),
        t("districts", lang) + colon + separator.join(district_name(d, lang) for d in selection.districts),
        t("years", lang) + colon + separator.join(str(y) for y in selection.years),
        t("language", lang) + colon + t("language_name", lang),
        t("briefing_made", lang, made=made_text(made)),
        t("footer", lang),
    ]


def render(selection: Selection, made: datetime | None = None) -> tuple[list[ChartExport], list[bytes]]:
    """The selection's charts and their PNGs. A chart's notes are left out of its image:
    the pack's page sets them as text under it (packs.py), searchable and read aloud."""
    made = made or export.now()
    exports = charts(selection)
    return exports, [export.png(replace(chart, notes=()), made) for chart in exports]


def contents(selection: Selection, exports: list[ChartExport], images: list[bytes], made: datetime) -> packs.PackContents:
    """What the pack holds, in the selection's language: the title page (the filters and
    when it was made), the KPI table, the charts as rendered."""
    lang = selection.lang
    return packs.PackContents(lang=lang, title=t("briefing_title", lang), cover_lines=filter_lines(selection, made),
                              table_title=t("kpi_table_title", lang), continued=t("continued", lang),
                              table=kpi_table(selection), charts=exports, images=images)


def build_pack(selection: Selection, exports: list[ChartExport] | None = None, images: list[bytes] | None = None,
               made: datetime | None = None) -> Pack:
    """PPTX and PDF of one selection, from charts already rendered where given."""
    made = made or export.now()
    if exports is None or images is None:
        exports, images = render(selection, made)
    pack = contents(selection, exports, images, made)
    return Pack(pptx=packs.pptx(pack), pdf=packs.pdf(pack))


def pptx_file(selection: Selection) -> bytes:
    """The PPTX alone (the page's download button makes it on click)."""
    made = export.now()
    return packs.pptx(contents(selection, *render(selection, made), made))


def pdf_file(selection: Selection) -> bytes:
    """The PDF alone (the page's download button makes it on click)."""
    made = export.now()
    return packs.pdf(contents(selection, *render(selection, made), made))
