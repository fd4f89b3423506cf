"""The briefing pack: for picked KPIs, districts and years, one file to take into a
meeting. A title slide with the filters and the time it was made, the KPI table, and
one slide per chart; as PPTX (python-pptx) and as the same pages in PDF (WeasyPrint).

Per KPI there are up to two charts, drawn by the dashboard's own chart builders: the
districts compared (each district's latest value within the picked years, with the
peer average, as on the Benchmark page), and, where a district has two or more of the
picked years, the year-by-year lines (as on the Trends page).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape

import polars as pl

from dashboard import export
from dashboard.charts import benchmark_bars, trend_lines
from dashboard.comparability import not_compared, not_compared_line, period_name, reason
from dashboard.export import ChartExport, chart_export, figure_title, made_text, png_size
from dashboard.i18n import district_name, status_name, t
from dashboard.kpis import file_stem, format_value, kpi_info

TABLE_ROWS_PER_SLIDE = 12


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
        years_per_district = selection.values.filter(pl.col("kpi_id") == kpi_id).group_by("district").agg(
            pl.col("year").n_unique())["year"]
        if years_per_district.len() and years_per_district.max() > 1:  # a line needs two years of one district
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
            figure = benchmark_bars(rows, kpi, lang)
            name = kpi_id
            # a picked district the chart cannot compare is named under it, with the reason
            line = not_compared_line(not_compared(list(selection.districts), rows,
                                                  selection.values.filter(pl.col("kpi_id") == kpi_id), lang), lang)
            notes = (line,) if line else ()
        else:
            rows = selection.values.filter(pl.col("kpi_id") == kpi_id).select(
                "kpi_id", "district", "year", "value", "unit", "status", "period", "qualifier", "note", "doc_id", "title",
                "line", "quote")
            order = {d: i for i, d in enumerate(selection.districts)}
            rows = rows.sort(pl.col("district").replace_strict(order, return_dtype=pl.Int32), "year")
            figure = trend_lines(rows, kpi, lang)
            name = f"{kpi_id}_trend"
        title = f"{figure_title(figure)} · {t('chart_' + kind, lang)}"
        made.append(chart_export(figure, rows, name, kpi.unit, selection.documents, lang, title=title, notes=notes))
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
        .sort("_kpi", "_district", "year")
        .select("kpi_id", "kpi_name", "district", "year", "value", "unit", "status", "period", "qualifier", "note",
                "definition", "not_comparable", "doc_id", "title", "line", "quote")
    )


def kpi_table(selection: Selection) -> pl.DataFrame:
    """The KPI table as a reader sees it: KPI, district, year, value, status, source."""
    lang = selection.lang
    units = {k: kpi_info(selection.catalog, k, lang).unit for k in selection.kpi_ids}
    rows = []
    for row in kpi_rows(selection).iter_rows(named=True):
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
    """The selection's charts and their PNGs."""
    made = made or export.now()
    exports = charts(selection)
    return exports, [export.png(chart, made) for chart in exports]


def _notes(chart: ChartExport) -> str:
    """Speaker notes: every number on the slide with its document, line and quote."""
    lines = []
    for row in chart.data.iter_rows(named=True):
        where = t("line", chart.lang, line=row.get("line"))
        quote = f"：“{row['quote']}”" if row.get("quote") else ""
        lines.append(f"{district_name(row['district'], chart.lang)} {row['year']}: {row['value']:,.2f} {chart.unit} · "
                     f"《{row.get('title')}》{where}{quote}")
    return "\n".join([chart.title, *lines])


def make_pptx(selection: Selection, exports: list[ChartExport], images: list[bytes], made: datetime) -> bytes:
    """16:9 slides: the title slide with the filters, the KPI table, one slide per chart."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    lang = selection.lang
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    margin = Inches(0.5)
    content_width = deck.slide_width - 2 * margin

    def place(shape, top: float, height: float) -> None:
        shape.left, shape.top, shape.width, shape.height = margin, Inches(top), content_width, Inches(height)

    slide = deck.slides.add_slide(deck.slide_layouts[0])
    place(slide.shapes.title, 0.8, 1.4)
    slide.shapes.title.text = t("briefing_title", lang)
    slide.shapes.title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    subtitle = slide.placeholders[1]
    place(subtitle, 2.5, 4.5)
    frame = subtitle.text_frame
    for index, line in enumerate(filter_lines(selection, made)):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.font.size = Pt(18 if index < 4 else 14)

    table = kpi_table(selection)
    widths = [2.6, 1.0, 0.8, 1.6, 1.2]
    widths.append(content_width / 914400 - sum(widths))
    for start in range(0, max(table.height, 1), TABLE_ROWS_PER_SLIDE):
        chunk = table.slice(start, TABLE_ROWS_PER_SLIDE)
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        place(slide.shapes.title, 0.3, 0.9)
        slide.shapes.title.text = t("kpi_table_title", lang) + (t("continued", lang) if start else "")
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(28)
        shape = slide.shapes.add_table(chunk.height + 1, len(table.columns), margin, Inches(1.3), content_width,
                                       Inches(0.4) * (chunk.height + 1))
        grid = shape.table
        for column, width in enumerate(widths):
            grid.columns[column].width = Emu(int(Inches(width)))
        for column, name in enumerate(table.columns):
            grid.cell(0, column).text = name
        for row_index, row in enumerate(chunk.iter_rows(), start=1):
            for column, value in enumerate(row):
                grid.cell(row_index, column).text = "" if value is None else str(value)
        for row_index in range(chunk.height + 1):
            for column in range(len(table.columns)):
                for paragraph in grid.cell(row_index, column).text_frame.paragraphs:
                    paragraph.font.size = Pt(12 if column < 5 else 10)
                    if row_index == 0:
                        paragraph.font.bold = True
                        paragraph.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    top, room_height = Inches(0.3), deck.slide_height - Inches(0.6)
    for chart, image in zip(exports, images, strict=True):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        width, height = png_size(image)
        scale = min(content_width / width, room_height / height)
        picture = slide.shapes.add_picture(io.BytesIO(image), int((deck.slide_width - width * scale) / 2), top,
                                           int(width * scale), int(height * scale))
        picture.name = chart.file_stem
        picture._element.nvPicPr.cNvPr.set("descr", f"{chart.title}. {'; '.join(chart.sources)}")  # alt text
        slide.notes_slide.notes_text_frame.text = _notes(chart)

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


_PDF_CSS = """
@page { size: A4 landscape; margin: 12mm 14mm 14mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #777; } }
html { font-family: "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; color: #1a1a1a; }
section { break-after: page; }
section:last-child { break-after: auto; }
.cover h1 { font-size: 28pt; margin: 30mm 0 10mm; }
.cover p { font-size: 14pt; margin: 0 0 4mm; }
.cover p.small { font-size: 11pt; color: #555; }
h2 { font-size: 18pt; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
th { background: #1f4e79; color: white; text-align: left; padding: 3pt 5pt; }
td { border-bottom: 0.5pt solid #ccc; padding: 3pt 5pt; vertical-align: top; }
td.number { white-space: nowrap; }
td:first-child, td:nth-child(2) { white-space: nowrap; }
td.source { font-size: 8.5pt; color: #444; }
.chart img { display: block; width: 100%; max-height: 180mm; object-fit: contain; margin: 0 auto; }
"""


def make_pdf(selection: Selection, exports: list[ChartExport], images: list[bytes], made: datetime) -> bytes:
    """The same pages as the PPTX, A4 landscape, fonts embedded."""
    from weasyprint import HTML

    lang = selection.lang
    table = kpi_table(selection)
    lines = filter_lines(selection, made)
    cover = "".join(f'<p class="{"small" if i >= 4 else ""}">{escape(line)}</p>' for i, line in enumerate(lines))
    header = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f'<td class="{"number" if i in (2, 3) else "source" if i == 5 else ""}">{escape(str(v))}</td>'
                         for i, v in enumerate(row)) + "</tr>"
        for row in table.iter_rows())
    pages = "".join(
        f'<section class="chart"><img src="data:image/png;base64,{base64.b64encode(image).decode()}" '
        f'alt="{escape(chart.title)}"></section>'
        for chart, image in zip(exports, images, strict=True))
    html = (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{escape(t('briefing_title', lang))}</title><style>{_PDF_CSS}</style></head><body>"
            f'<section class="cover"><h1>{escape(t("briefing_title", lang))}</h1>{cover}</section>'
            f'<section><h2>{escape(t("kpi_table_title", lang))}</h2><table><thead><tr>{header}</tr></thead>'
            f"<tbody>{body}</tbody></table></section>{pages}</body></html>")
    return HTML(string=html).write_pdf()


def build_pack(selection: Selection, exports: list[ChartExport] | None = None, images: list[bytes] | None = None,
               made: datetime | None = None) -> Pack:
    """PPTX and PDF of one selection, from charts already rendered where given."""
    made = made or export.now()
    if exports is None or images is None:
        exports, images = render(selection, made)
    return Pack(pptx=make_pptx(selection, exports, images, made), pdf=make_pdf(selection, exports, images, made))


def pptx_file(selection: Selection) -> bytes:
    """The PPTX alone (the page's download button makes it on click)."""
    made = export.now()
    return make_pptx(selection, *render(selection, made), made)


def pdf_file(selection: Selection) -> bytes:
    """The PDF alone (the page's download button makes it on click)."""
    made = export.now()
    return make_pdf(selection, *render(selection, made), made)
