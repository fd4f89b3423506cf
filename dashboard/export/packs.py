"""Briefing packs laid out: a title page, a table (split over slides), one page per
chart image; as PPTX (python-pptx, 16:9) and as the same pages in PDF (WeasyPrint,
A4 landscape, fonts embedded). What goes in is the caller's (dashboard/briefing.py);
this module only lays it out."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from html import escape

import polars as pl

from dashboard.export.chart import ChartExport
from dashboard.export.frame import png_size
from dashboard.i18n import district_name, t

TABLE_ROWS_PER_SLIDE = 12
NOTE_CHARS_PER_LINE = 70  # CJK characters of 12 pt across a 16:9 slide's 12.3 inches
NOTE_LINE_INCHES = 0.25


def _note_lines(notes: tuple[str, ...], per_line: int) -> int:
    """How many lines the notes take, counting a Latin letter as half a CJK character."""
    return sum(-(-sum(1 if ord(c) > 0x2E80 else 0.5 for c in note) // per_line) for note in notes)


@dataclass(frozen=True, eq=False)
class PackContents:
    """What a pack holds, in its language."""

    lang: str
    title: str
    cover_lines: list[str]  # the first four large, the rest small
    table_title: str
    continued: str  # added to the table's title on the slides after the first
    table: pl.DataFrame
    charts: list[ChartExport]
    images: list[bytes]  # each chart's PNG


def notes(chart: ChartExport) -> str:
    """Speaker notes: every number on the slide with its document, line and quote."""
    lines = []
    for row in chart.data.iter_rows(named=True):
        where = t("line", chart.lang, line=row.get("line"))
        quote = f"：“{row['quote']}”" if row.get("quote") else ""
        lines.append(f"{district_name(row['district'], chart.lang)} {row['year']}: {row['value']:,.2f} {chart.unit} · "
                     f"《{row.get('title')}》{where}{quote}")
    return "\n".join([chart.title, *lines])


def pptx(pack: PackContents) -> bytes:
    """16:9 slides: the title slide with the filters, the KPI table, one slide per chart."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    margin = Inches(0.5)
    content_width = deck.slide_width - 2 * margin

    def place(shape, top: float, height: float) -> None:
        shape.left, shape.top, shape.width, shape.height = margin, Inches(top), content_width, Inches(height)

    slide = deck.slides.add_slide(deck.slide_layouts[0])
    place(slide.shapes.title, 0.8, 1.4)
    slide.shapes.title.text = pack.title
    slide.shapes.title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    subtitle = slide.placeholders[1]
    place(subtitle, 2.5, 4.5)
    frame = subtitle.text_frame
    for index, line in enumerate(pack.cover_lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.font.size = Pt(18 if index < 4 else 14)

    table = pack.table
    widths = [2.6, 1.0, 0.8, 1.6, 1.2]
    widths.append(content_width / 914400 - sum(widths))
    for start in range(0, max(table.height, 1), TABLE_ROWS_PER_SLIDE):
        chunk = table.slice(start, TABLE_ROWS_PER_SLIDE)
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        place(slide.shapes.title, 0.3, 0.9)
        slide.shapes.title.text = pack.table_title + (pack.continued if start else "")
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

    top = Inches(0.3)
    for chart, image in zip(pack.charts, pack.images, strict=True):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        # the chart's notes (what its marks mean, who is not compared) as text under the image
        note_height = Inches(NOTE_LINE_INCHES) * _note_lines(chart.notes, NOTE_CHARS_PER_LINE)
        room_height = deck.slide_height - Inches(0.6) - note_height
        width, height = png_size(image)
        scale = min(content_width / width, room_height / height)
        picture = slide.shapes.add_picture(io.BytesIO(image), int((deck.slide_width - width * scale) / 2), top,
                                           int(width * scale), int(height * scale))
        if chart.notes:
            box = slide.shapes.add_textbox(margin, top + int(height * scale) + Inches(0.05), content_width, note_height)
            box.name = "notes"
            box.text_frame.word_wrap = True
            for index, line in enumerate(chart.notes):
                paragraph = box.text_frame.paragraphs[0] if index == 0 else box.text_frame.add_paragraph()
                paragraph.text = line
                paragraph.font.size = Pt(12)
                paragraph.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
        picture.name = chart.file_stem
        picture._element.nvPicPr.cNvPr.set("descr", f"{chart.title}. {'; '.join(chart.sources)}")  # alt text
        slide.notes_slide.notes_text_frame.text = notes(chart)

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
.chart p.note { font-size: 9.5pt; color: #333; margin: 1.5mm 0 0; }
"""


def pdf(pack: PackContents) -> bytes:
    """The same pages as the PPTX, A4 landscape, fonts embedded."""
    from weasyprint import HTML

    lang = pack.lang
    table = pack.table
    lines = pack.cover_lines
    cover = "".join(f'<p class="{"small" if i >= 4 else ""}">{escape(line)}</p>' for i, line in enumerate(lines))
    header = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f'<td class="{"number" if i in (2, 3) else "source" if i == 5 else ""}">{escape(str(v))}</td>'
                         for i, v in enumerate(row)) + "</tr>"
        for row in table.iter_rows())
    # a chart's notes as text under its image (what its marks mean), the image smaller by their lines
    pages = "".join(
        f'<section class="chart"><img src="data:image/png;base64,{base64.b64encode(image).decode()}" '
        f'alt="{escape(chart.title)}" style="max-height: {180 - 5.5 * _note_lines(chart.notes, 95):.0f}mm">'
        + "".join(f'<p class="note">{escape(note)}</p>' for note in chart.notes) + "</section>"
        for chart, image in zip(pack.charts, pack.images, strict=True))
    html = (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{escape(pack.title)}</title><style>{_PDF_CSS}</style></head><body>"
            f'<section class="cover"><h1>{escape(pack.title)}</h1>{cover}</section>'
            f'<section><h2>{escape(pack.table_title)}</h2><table><thead><tr>{header}</tr></thead>'
            f"<tbody>{body}</tbody></table></section>{pages}</body></html>")
    return HTML(string=html).write_pdf()
