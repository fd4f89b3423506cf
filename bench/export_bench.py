"""Export benchmark: one chart's PNG with the renderers running (warm), the first PNG of
the process (cold: Chromium starts), and a ten-chart briefing pack (PNGs, PPTX, PDF).

`python -m bench.export_bench` prints the figures; `python -m bench` calls measure().
The warehouse is data/warehouse.duckdb, or the file named by ZHENGSHU_DB.
"""

from __future__ import annotations

import logging
import statistics
import time

# Five KPIs that, over every district and year, make ten charts: each has the districts
# compared and a district with two or more years (so a trend).
PACK_KPIS = ["budget_execution_rate", "hotline_tickets", "service_satisfaction_rate", "budget_executed", "basic_expenditure"]
PNG_KPI = "budget_execution_rate"  # the Benchmark page's default chart: three districts


def measure(repeats: int = 7) -> dict:
    """Seconds for: the first PNG in this process (cold, unless a renderer already ran),
    one PNG warm (median of `repeats`, the chart drawn anew each time, not from the
    cache), and a ten-chart pack (charts drawn anew, PPTX and PDF written)."""
    from streamlit.runtime.caching import cache_data_api

    # The dashboard's cached loaders warn that no Streamlit server is running: expected here.
    logging.getLogger(cache_data_api.__name__).setLevel(logging.ERROR)

    from dashboard import briefing, export
    from dashboard.data import ensure_warehouse, load

    ensure_warehouse()
    reporting = load("district_years")
    districts = reporting["district"].unique(maintain_order=True).to_list()
    years = sorted(reporting["year"].unique().to_list())
    made = export.now()

    was_running = export.running("kaleido")
    chart = briefing.charts(briefing.gather([PNG_KPI], districts, years))[0]
    export.clear_cache()
    started = time.perf_counter()
    export.png(chart, made)
    cold = time.perf_counter() - started

    warm = []
    for _ in range(repeats):
        export.clear_cache()
        started = time.perf_counter()
        export.png(chart, made)
        warm.append(time.perf_counter() - started)

    svg_warm = []
    for _ in range(repeats):
        export.clear_cache()
        started = time.perf_counter()
        export.svg(chart, made)
        svg_warm.append(time.perf_counter() - started)

    export.clear_cache()
    started = time.perf_counter()
    selection = briefing.gather(PACK_KPIS, districts, years)
    exports, images = briefing.render(selection, made)
    pack = briefing.build_pack(selection, exports, images, made)
    pack_seconds = time.perf_counter() - started
    if len(exports) != 10:
        raise RuntimeError(f"the pack benchmark expects ten charts, the warehouse gives {len(exports)}")

    return {
        "png_first_seconds": round(cold, 3),
        "png_first_was_cold": not was_running,
        "png_warm_seconds": round(statistics.median(warm), 3),
        "png_warm_runs": [round(seconds, 3) for seconds in warm],
        "svg_warm_seconds": round(statistics.median(svg_warm), 3),
        "pack_ten_charts_seconds": round(pack_seconds, 3),
        "pack_charts": len(exports),
        "pack_pptx_bytes": len(pack.pptx),
        "pack_pdf_bytes": len(pack.pdf),
    }


if __name__ == "__main__":
    results = measure()
    print(f"first PNG (Chromium starting: {results['png_first_was_cold']}): {results['png_first_seconds']:.2f} s")
    print(f"PNG, warm (median of {len(results['png_warm_runs'])}): {results['png_warm_seconds']:.2f} s")
    print(f"SVG, warm (median): {results['svg_warm_seconds']:.2f} s")
    print(f"ten-chart pack (PNGs + PPTX + PDF): {results['pack_ten_charts_seconds']:.2f} s")
