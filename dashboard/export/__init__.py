"""Chart images and briefing packs, one module per job:

- chart.py: one chart as it leaves the dashboard (ChartExport: the page's own figure,
  made by dashboard/charts.py, with the rows it shows, title, unit, sources), its file
  names and its data as CSV;
- render.py: the renderers' lifecycle (kaleido's Chromium for Plotly, vl-convert for
  Altair, started once per process, with the Noto CJK fonts) and the chart alone as
  SVG or PNG;
- frame.py: the frame around it (title, unit · districts · years; sources and the time
  it was made), measured with the real font; the framed SVG and PNG (2×);
- table.py: a table as it leaves the dashboard (CSV, Excel): headers in the page's
  language, a KPI's name beside its id, figures as written;
- packs.py: PPTX and PDF pages from contents the caller gives (dashboard/briefing.py);
- __main__.py: `python -m dashboard.export`, images and packs into a folder.

Nothing here imports Streamlit or the briefing: pages and the briefing call into this
package, never the reverse. The names below are the package's public ones.
"""

from __future__ import annotations

from dashboard.export.chart import (
    ChartExport,
    ExportError,
    chart_export,
    csv,
    csv_bytes,
    export_stem,
    figure_title,
    safe_name,
    source_label,
)
from dashboard.export.frame import (
    BEIJING,
    Frame,
    frame,
    frame_lines,
    framed_svg,
    made_text,
    now,
    png,
    png_size,
    svg,
    svg_size,
    wrap,
    write_files,
)
from dashboard.export.layout import EXPORT_WIDTH
from dashboard.export.render import (
    EXPORT_FONT,
    chart_png,
    chart_svg,
    clear_cache,
    font_directory,
    running,
)
from dashboard.export.table import as_written, readable_table, with_kpi_names

__all__ = [
    "EXPORT_WIDTH",
    "as_written",
    "readable_table",
    "with_kpi_names",
    "ChartExport",
    "ExportError",
    "chart_export",
    "csv",
    "csv_bytes",
    "export_stem",
    "figure_title",
    "safe_name",
    "source_label",
    "BEIJING",
    "Frame",
    "frame",
    "frame_lines",
    "framed_svg",
    "made_text",
    "now",
    "png",
    "png_size",
    "svg",
    "svg_size",
    "wrap",
    "write_files",
    "EXPORT_FONT",
    "chart_png",
    "chart_svg",
    "clear_cache",
    "font_directory",
    "running",
]
