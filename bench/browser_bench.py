"""Browser: time from navigation to the first chart drawn, in headless Chromium.

`python -m bench.browser_bench --db FILE [--repeats N]` starts the app as `make run`
does (`python -m dashboard`: warm-up, then the server) on a free loopback port, opens
the Benchmark page and times from `page.goto` to the first `.js-plotly-plot` element
visible (Plotly gives a chart's div that class when it draws the chart); then the
same for bench/floor_browser_app.py (a title, a selectbox, one small Plotly chart:
the framework's floor) under `streamlit run`, at its /benchmark page (and at /, reported
beside: the same page there skips one round of Streamlit's connection). Prints one JSON line.

- cold: the first visit after the server started, in a fresh browser profile (each
  of the N repeats has its own server and browser; the median is reported);
- warm: later visits in new tabs of the same browser (server caches warm, the
  app's JavaScript in the browser cache).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from dashboard.serving import ARGS, CHROMIUM, PRODUCT, served

ROOT = Path(__file__).resolve().parent.parent
PATH = "/benchmark?kpi=budget_execution_rate&align=latest"
CHART = ".js-plotly-plot"
FLOOR = [sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "floor_browser_app.py")]
# The floor is opened at a page's address, as the product is (PATH): a first visit to a page's
# address costs Streamlit's frontend one more round before its websocket opens than a visit
# to / (bench/floor_browser_app.py). The floor at / is measured too, and reported beside.
FLOOR_PATH = "/benchmark"


def first_chart(context, url: str) -> float:
    """Seconds from navigation to the first chart visible, in a new tab."""
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(CHART).first.wait_for(state="visible", timeout=60_000)
        return time.perf_counter() - started
    finally:
        page.close()


def visits(db: Path, command: list[str], path: str, warm_runs: int) -> dict:
    """A fresh server and a fresh browser: the cold visit, then warm ones."""
    from playwright.sync_api import sync_playwright

    with served(command, {"ZHENGSHU_DB": str(db)}) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
        cold = first_chart(context, app.url + path)
        warm = [first_chart(context, app.url + path) for _ in range(warm_runs)]
        browser.close()
    return {"page": path, "server_start": app.seconds, "cold": cold, "warm": statistics.median(warm), "warm_runs": warm}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--warm-runs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=1, help="cold visits, each with a fresh server and browser")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's chromium package is required: apt-get install chromium")
    product = [visits(args.db, PRODUCT, PATH, args.warm_runs) for _ in range(args.repeats)]
    floor = [visits(args.db, FLOOR, FLOOR_PATH, args.warm_runs) for _ in range(args.repeats)]
    floor_root = [visits(args.db, FLOOR, "/", args.warm_runs) for _ in range(args.repeats)]
    result = {**product[0], "cold": statistics.median(r["cold"] for r in product), "cold_runs": [r["cold"] for r in product],
              "warm": statistics.median(w for r in product for w in r["warm_runs"]),
              "warm_runs": [w for r in product for w in r["warm_runs"]],
              "floor": {"cold": statistics.median(r["cold"] for r in floor), "cold_runs": [r["cold"] for r in floor],
                        "warm": statistics.median(w for r in floor for w in r["warm_runs"]), "page": FLOOR_PATH,
                        "root_cold": statistics.median(r["cold"] for r in floor_root),
                        "root_cold_runs": [r["cold"] for r in floor_root]}}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
