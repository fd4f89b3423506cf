"""Chart images for briefings: the page's own figure (made by the same function in
dashboard/charts.py) rendered on the server as PNG (2×) and SVG, framed with the
title, unit, districts and years above and the source documents and the time it was
made below; and the CSV of exactly the numbers shown, with their sources.

Plotly figures are drawn by kaleido (a Chromium, started once per process), Altair
charts by vl-convert (no browser), as SVG and as PNG. The frame is laid out once
(`frame`) as SVG text: the SVG file nests the chart's SVG in it; the PNG puts the
chart's PNG between the frame's header and caption, rasterised by vl-convert with the
Noto CJK fonts.

`python -m dashboard.export` (dashboard/export/__main__.py) writes the images and the
briefing pack for given KPIs, districts and years into a folder. Nothing here imports
Streamlit or the briefing: pages and packs call into this package, never the reverse.
"""

from __future__ import annotations

import atexit
import html
import io
import json
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import altair as alt
import plotly.graph_objects as go
import polars as pl
from PIL import Image, ImageFont

from dashboard.i18n import district_name, t
from dashboard.kpis import file_stem

# Chinese text needs a CJK font in both renderers; named explicitly, or a fallback may
# pick the Japanese variant of the same family.
EXPORT_FONT = "Noto Sans CJK SC, sans-serif"
# What the SVG asks a viewer for: the same font first, then what Windows and macOS have.
SVG_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
# Debian's fonts-noto-cjk (installed by scripts/setup.sh).
FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"),
             Path("/usr/share/fonts/noto-cjk"))

EXPORT_WIDTH = 1000  # CSS pixels; the PNG is twice this
PAD = 24
TITLE_SIZE, SUBTITLE_SIZE, CAPTION_SIZE = 20, 13, 12
BEIJING = timezone(timedelta(hours=8))  # China keeps no daylight saving time


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


# ---------------------------------------------------------------- renderers

_lock = threading.Lock()
_started: set[str] = set()


def font_directory() -> Path:
    """The folder of the Noto Sans CJK fonts; without them Chinese renders as boxes."""
    for folder in FONT_DIRS:
        if any(folder.glob("NotoSansCJK*.tt[cf]")) or any(folder.glob("NotoSansCJK*.otf")):
            return folder
    raise ExportError("没有找到中文字体 Noto Sans CJK：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）。"
                      " No Noto Sans CJK font found: install fonts-noto-cjk.")


def _start(renderer: str) -> None:
    """Start a renderer once per process: vl-convert with the CJK font folder
    registered; kaleido's sync server (its Chromium costs a few seconds to start, then
    a fraction of a second per image instead of ~2 s for each image alone)."""
    if renderer in _started:
        return
    with _lock:
        if renderer in _started:
            return
        import vl_convert

        vl_convert.register_font_directory(str(font_directory()))
        if renderer == "kaleido":
            import kaleido

            kaleido.start_sync_server(mathjax=False, timeout=30, silence_warnings=True)
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _started.add(renderer)
        _started.add("vl_convert")


def _export_spec(figure: go.Figure | alt.TopLevelMixin) -> tuple[str, str, int, int]:
    """The figure as the image shows it, as (renderer, JSON, width, height): the title
    moves to the frame, the width is fixed and the CJK font named. Altair's height is
    its own (0 here)."""
    if isinstance(figure, go.Figure):
        copy = go.Figure(figure)  # the page's figure stays as drawn
        height = int(copy.layout.height or 420)
        margin = copy.layout.margin
        # Importing Streamlit makes its template the default, with placeholder colours
        # (#000001, ...) that only its frontend replaces; the pages draw with theme=None,
        # which shows Plotly's own template, so the image uses that one.
        copy.update_layout(template="plotly", title_text="", font_family=EXPORT_FONT, width=EXPORT_WIDTH, height=height,
                           margin={"t": 30, "l": margin.l if margin.l is not None else 60,
                                   "r": max(margin.r or 0, PAD), "b": margin.b if margin.b is not None else 60})
        return "kaleido", copy.to_json(), EXPORT_WIDTH, height
    spec = figure.to_dict()
    for key in ("title", "usermeta", "$schema"):
        spec.pop(key, None)
    spec["width"] = EXPORT_WIDTH - 2 * PAD
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec["padding"] = {"left": PAD, "right": PAD, "top": 10, "bottom": 10}
    spec.setdefault("config", {})["font"] = EXPORT_FONT
    return "vl_convert", json.dumps(spec, ensure_ascii=False, sort_keys=True), EXPORT_WIDTH, 0


@lru_cache(maxsize=64)
def _render_chart(renderer: str, spec_json: str, width: int, height: int, image_format: str, scale: float) -> bytes:
    """The chart alone as SVG or PNG bytes, from its own renderer. Cached: an SVG, a PNG
    and a briefing of the same chart draw it once each."""
    _start(renderer)
    if renderer == "kaleido":
        import kaleido

        options = {"format": image_format, "width": width, "height": height, "scale": scale}
        with _lock:  # one Chromium tab serves this process
            return kaleido.calc_fig_sync(json.loads(spec_json), opts=options)
    import vl_convert

    if image_format == "svg":
        return vl_convert.vegalite_to_svg(json.loads(spec_json)).encode("utf-8")
    return vl_convert.vegalite_to_png(json.loads(spec_json), scale=scale)


def chart_svg(figure: go.Figure | alt.TopLevelMixin) -> str:
    """The chart alone (no frame) as SVG text, at the export width."""
    svg_text = _render_chart(*_export_spec(figure), "svg", 1.0).decode("utf-8")
    return re.sub(r"^\s*(<\?xml[^>]*>\s*)?(<!DOCTYPE[^>]*>\s*)?", "", svg_text)


def chart_png(figure: go.Figure | alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart alone (no frame) as PNG at `scale`: Plotly's from Chromium, Altair's
    from vl-convert."""
    return _render_chart(*_export_spec(figure), "png", scale)


def clear_cache() -> None:
    """Forget rendered charts (benchmarks time the rendering, not the cache)."""
    _render_chart.cache_clear()


# ---------------------------------------------------------------- the frame


@lru_cache(maxsize=16)
def _font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The frame's font (Noto Sans CJK SC, the face the SVG asks for), at `size` pixels."""
    collection = font_directory() / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
    if collection.exists():
        for index in range(10):  # a .ttc holds the JP, KR, SC, TC, HK faces: measure with SC's
            try:
                font = ImageFont.truetype(str(collection), round(size), index=index)
            except OSError:
                break
            if font.getname()[0] == "Noto Sans CJK SC":
                return font
    single = sorted(font_directory().glob("NotoSansCJK*SC*.otf")) or sorted(font_directory().glob("NotoSansCJK*.tt[cf]"))
    return ImageFont.truetype(str(single[0]), round(size))


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in pixels of the text set in the frame's font, as the renderer will set it."""
    return _font(size, bold).getlength(text)


NO_BREAK_BEFORE = "；，、。：！？》）」』;,.:!?)"


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Lines of at most `width` pixels, broken between characters (Chinese has no spaces),
    preferring a break after a separator."""
    lines: list[str] = []
    current = ""
    for char in text:
        # closing punctuation stays at the end of its line (it may hang a little over)
        if current and char not in NO_BREAK_BEFORE and _text_width(current + char, size, bold) > width:
            # after the last separator of the strongest kind that leaves the line at least half full
            cut = -1
            for separators in (("；", "; "), ("、", "，", ", ", "》"), (" ",)):
                cut = max(current.rfind(sep) + len(sep) if sep in current else -1 for sep in separators)
                if cut > len(current) // 2:
                    break
            if cut > len(current) // 2:
                lines.append(current[:cut].rstrip())
                current = current[cut:].lstrip()
            else:
                lines.append(current)
                current = ""
        current += char
    if current:
        lines.append(current)
    return lines


def made_text(made: datetime) -> str:
    return made.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def now() -> datetime:
    return datetime.now(BEIJING)


def frame_lines(export: ChartExport, made: datetime) -> tuple[list[str], list[str]]:
    """The frame's text: (subtitle lines, caption lines), before wrapping."""
    lang = export.lang
    separator = "、" if lang == "zh" else ", "
    districts = separator.join(district_name(d, lang) for d in export.districts) or "—"
    years = separator.join(str(y) for y in export.years) or "—"
    subtitle = t("image_subtitle", lang, unit=export.unit or "—", districts=districts, years=years)
    sources = ("；" if lang == "zh" else "; ").join(export.sources) or "—"
    return [subtitle], [*export.notes, t("image_source", lang, sources=sources), t("image_made", lang, made=made_text(made))]


def _svg_size(svg_text: str) -> tuple[float, float]:
    root = re.search(r"<svg\b[^>]*>", svg_text)
    if root is None:
        raise ExportError("renderer returned no SVG")
    width = re.search(r'\bwidth="([\d.]+)', root.group(0))
    height = re.search(r'\bheight="([\d.]+)', root.group(0))
    if not width or not height:
        raise ExportError("renderer's SVG has no size")
    return float(width.group(1)), float(height.group(1))


@dataclass(frozen=True)
class Frame:
    """Where things go in the image (CSS pixels): the header above the chart, the chart
    at chart_top, the caption below; header and caption as SVG elements."""

    width: int
    height: int
    chart_top: int
    chart_height: int
    header: str
    caption: str

    @property
    def caption_top(self) -> int:
        return self.chart_top + self.chart_height


def frame(export: ChartExport, made: datetime, chart_width: float, chart_height: float) -> Frame:
    """The frame around a chart of this size: title, then unit · districts · years;
    below, the source documents and the time it was made, wrapped to the width."""
    width = max(EXPORT_WIDTH, int(round(chart_width)))
    text_width = width - 2 * PAD
    subtitle_lines, caption_lines = frame_lines(export, made)
    y = 16.0
    parts: list[str] = []

    def text(line: str, size: int, color: str, bold: bool = False) -> None:
        nonlocal y
        y += size * 1.45
        weight = ' font-weight="bold"' if bold else ""
        parts.append(f'<text x="{PAD}" y="{y - size * 0.35:.1f}" font-size="{size}" fill="{color}"{weight}>'
                     f"{escape(line)}</text>")

    for line in wrap(export.title, TITLE_SIZE, text_width, bold=True):
        text(line, TITLE_SIZE, "#1a1a1a", bold=True)
    y += 2
    for subtitle in subtitle_lines:
        for line in wrap(subtitle, SUBTITLE_SIZE, text_width):
            text(line, SUBTITLE_SIZE, "#444444")
    chart_top = int(y + 6)
    header, parts = "".join(parts), []
    chart_height = int(round(chart_height))
    y = chart_top + chart_height + 6.0
    parts.append(f'<line x1="{PAD}" x2="{width - PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="#cccccc" stroke-width="1"/>')
    y += 2
    for caption in caption_lines:
        for line in wrap(caption, CAPTION_SIZE, text_width):
            text(line, CAPTION_SIZE, "#555555")
    return Frame(width, int(y + 12), chart_top, chart_height, header, "".join(parts))


def _svg_document(width: int, height: int, body: str, title: str = "", top: int = 0) -> str:
    """An SVG of this size, white, showing `body` from y = top down."""
    inner = f'<g transform="translate(0,{-top})">{body}</g>' if top else body
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" font-family="{SVG_FONT}">'
            + (f"<title>{escape(title)}</title>" if title else "")
            + f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>{inner}</svg>')


def framed_svg(export: ChartExport, made: datetime | None = None) -> str:
    """The chart with its frame, as one SVG; text stays text."""
    made = made or now()
    chart = chart_svg(export.figure)
    layout = frame(export, made, *_svg_size(chart))
    body = f'{layout.header}<g transform="translate(0,{layout.chart_top})">{chart}</g>{layout.caption}'
    return _svg_document(layout.width, layout.height, body, export.title)


def svg(export: ChartExport, made: datetime | None = None) -> bytes:
    """The framed chart as an SVG file."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + framed_svg(export, made)).encode("utf-8")


def png(export: ChartExport, made: datetime | None = None, scale: float = 2.0) -> bytes:
    """The framed chart as a PNG at `scale` × its size (2× by default): the chart as
    its renderer draws it, the header and caption drawn by vl-convert (resvg) from the
    same SVG text as the SVG file, put together with Pillow. (Rasterising the whole
    framed SVG with resvg takes about twice as long: Plotly's clip paths are slow there.)"""
    made = made or now()
    chart = Image.open(io.BytesIO(chart_png(export.figure, scale)))
    layout = frame(export, made, chart.width / scale, chart.height / scale)
    _start("vl_convert")
    import vl_convert

    header = vl_convert.svg_to_png(_svg_document(layout.width, layout.chart_top, layout.header), scale=scale)
    caption = vl_convert.svg_to_png(_svg_document(layout.width, layout.height - layout.caption_top, layout.caption,
                                                  top=layout.caption_top), scale=scale)
    image = Image.new("RGB", (round(layout.width * scale), round(layout.height * scale)), "white")
    image.paste(Image.open(io.BytesIO(header)).convert("RGB"), (0, 0))
    image.paste(chart.convert("RGB"), (0, round(layout.chart_top * scale)))
    image.paste(Image.open(io.BytesIO(caption)).convert("RGB"), (0, round(layout.caption_top * scale)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def png_size(image: bytes) -> tuple[int, int]:
    """A PNG's (width, height) in pixels."""
    try:
        with Image.open(io.BytesIO(image)) as opened:
            if opened.format != "PNG":
                raise ExportError("not a PNG")
            return opened.size
    except OSError as error:
        raise ExportError("not a PNG") from error


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel shows Chinese."""
    return frame.write_csv().encode("utf-8-sig")


def csv(export: ChartExport) -> bytes:
    """Exactly the rows the chart shows, with their document, line and quote."""
    return csv_bytes(export.data)


def write_files(export: ChartExport, folder: Path, made: datetime | None = None) -> dict[str, Path]:
    """PNG, SVG and CSV of one chart in `folder`, named by its file stem."""
    made = made or now()
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for suffix, content in (("png", png(export, made)), ("svg", svg(export, made)), ("csv", csv(export))):
        path = folder / f"{export.file_stem}.{suffix}"
        path.write_bytes(content)
        written[suffix] = path
    return written


# ---------------------------------------------------------------- command line
