"""The renderers' lifecycle: kaleido (a Chromium, started once per process) draws
Plotly figures, vl-convert (no browser) Altair charts, both with the Noto CJK fonts;
one chart alone (no frame) as SVG or PNG, cached."""

from __future__ import annotations

import atexit
import json
import re
import threading
from functools import lru_cache
from pathlib import Path

import altair as alt
import plotly.graph_objects as go

from dashboard.export.chart import ExportError
from dashboard.export.layout import EXPORT_WIDTH, PAD

# Chinese text needs a CJK font in both renderers; named explicitly, or a fallback may
# pick the Japanese variant of the same family.
EXPORT_FONT = "Noto Sans CJK SC, sans-serif"
# What the SVG asks a viewer for: the same font first, then what Windows and macOS have.
SVG_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
# Debian's fonts-noto-cjk (installed by scripts/setup.sh).
FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"),
             Path("/usr/share/fonts/noto-cjk"))


_lock = threading.Lock()
_started: set[str] = set()


def font_directory() -> Path:
    """The folder of the Noto Sans CJK fonts; without them Chinese renders as boxes."""
    for folder in FONT_DIRS:
        if any(folder.glob("NotoSansCJK*.tt[cf]")) or any(folder.glob("NotoSansCJK*.otf")):
            return folder
    raise ExportError("没有找到中文字体 Noto Sans CJK：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）。"
                      " No Noto Sans CJK font found: install fonts-noto-cjk.")


def start_renderer(renderer: str) -> None:
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
    start_renderer(renderer)
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


def running(renderer: str) -> bool:
    """Whether the renderer has started in this process (benchmarks tell a cold
    first image from a warm one)."""
    return renderer in _started


def clear_cache() -> None:
    """Forget rendered charts (benchmarks time the rendering, not the cache)."""
    _render_chart.cache_clear()


