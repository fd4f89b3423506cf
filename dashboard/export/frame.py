"""The frame around a chart: title, then unit · districts · years above; the source
documents and the time it was made below, wrapped to the width with the real font
(Pillow's measure of Noto Sans CJK SC). The frame is laid out once as SVG text: the
SVG file nests the chart's SVG in it; the PNG puts the chart's PNG between the
frame's header and caption, rasterised by vl-convert."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import ParseError, XMLPullParser
from xml.sax.saxutils import escape

from PIL import Image, ImageFont

from dashboard.export.chart import ChartExport, ExportError, csv
from dashboard.export.layout import CAPTION_SIZE, EXPORT_WIDTH, PAD, SUBTITLE_SIZE, TITLE_SIZE
from dashboard.export.render import SVG_FONT, chart_png, chart_svg, font_directory, start_renderer
from dashboard.i18n import district_name, t

BEIJING = timezone(timedelta(hours=8))  # China keeps no daylight saving time


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


def made_text(made: datetime, seconds: bool = False) -> str:
    """A moment in Beijing time, as images, packs and the footer print it."""
    return made.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


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
    return [subtitle], [*export.notes, t("image_source", lang, sources=sources), t(export.footer, lang, made=made_text(made))]


def svg_size(svg_text: str) -> tuple[float, float]:
    """The (width, height) an SVG declares on its root element, read by an XML parser
    that stops at that first element (the chart's SVG can be large)."""
    parser = XMLPullParser(events=("start",))
    try:
        parser.feed(svg_text[:4096] if len(svg_text) > 4096 else svg_text)
        root = next((element for _, element in parser.read_events()), None)
    except ParseError as error:
        raise ExportError("renderer returned no SVG") from error
    if root is None or not root.tag.endswith("svg"):
        raise ExportError("renderer returned no SVG")
    try:
        return float(root.get("width", "").removesuffix("px")), float(root.get("height", "").removesuffix("px"))
    except ValueError as error:
        raise ExportError("renderer's SVG has no size") from error


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
    layout = frame(export, made, *svg_size(chart))
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
    start_renderer("vl_convert")
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
