"""A budget per page, measured: what each page puts on the screen, and what costs most.

`python -m bench.budget --db FILE [--repeats 10] [--ablation-repeats 5] [--write]` runs
bench/interactions.py's measure (every click timed in the product and in the floor app,
each page's DOM nodes and Streamlit elements after load and after each measured click, and
every page's size after load), then, for each page over its budget, serves the product
again with one kind of element at a time sent as an empty element (bench/ablation.py,
through bench/ablated_server.py: the bench's own copy of the page, the product's files
unchanged) and measures the page's worst click and its DOM nodes without that kind: the
kinds whose removal saves the most DOM nodes and the most click time are named (the DOM
count is exact; a click's time is noisy on a busy machine, so both are given).

The budgets (written down here, judged in bench/report.py):

- a click: its p95 <= CLICK_RATIO x the floor app's same click (issue 26's target);
- DOM nodes, after load and after every measured click: DOM_BUDGET[page]. A page with a
  floor page gets that floor page's DOM nodes (measured 2026-12-05: Benchmark 389, Trends
  484, Budget 404, Sources 340) plus 500, rounded to 50: bench/PROFILES.md's trace of a
  Benchmark KPI change spent about 0.15 ms of the browser's main thread per DOM node beyond
  the floor's (367 ms at 1,159 nodes against 256 ms at 393), so 500 nodes are about the
  30% of a floor click (0.26 s) the click target allows. The Overview (its floor is a
  title), Briefing and Add report have no floor page: 900, the Benchmark floor's budget.

Streamlit elements are counted and listed beside the floor's, with no budget of their own:
what a page shows is what it must show; the DOM is what each element costs the browser.

Prints one JSON line (interactions.measure()'s, with "budget" and "ablation" added).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from bench import interactions
from bench.ablation import PARAM
from bench.timing import percentile

CLICK_RATIO = 1.3
DOM_BUDGET = {"/": 900, "/benchmark": 900, "/trends": 1000, "/budget": 900, "/sources": 850, "/briefing": 900,
              "/add_report": 900}
ABLATED = [sys.executable, "-m", "bench.ablated_server", "run", "streamlit_app.py"]
# Kinds of element that can be left out (Streamlit's delta type) and how the browser shows them. Headings
# (each page's h1 is waited for) and the inputs a click uses are never left out.
KINDS = {"plotly_chart": "stPlotlyChart", "dataframe": "stDataFrame", "download_button": "stDownloadButton",
         "markdown": "stMarkdown", "metric": "stMetric", "alert": "stAlert", "code": "stCode",
         "page_link": "stPageLink", "text": "stText", "html": "stHtml"}


def over_budget(measured: dict) -> dict[str, list[str]]:
    """Page -> the reasons it is over its budget (none: within it)."""
    reasons: dict[str, list[str]] = {page: [] for page in DOM_BUDGET}
    for page, size in measured["pages"].items():
        if size["dom"] > DOM_BUDGET[page]:
            reasons[page].append(f"{size['dom']:,} DOM nodes after load (budget {DOM_BUDGET[page]:,})")
    for row in measured["interactions"]:
        if row["ratio_p95"] > CLICK_RATIO:
            reasons[row["page"]].append(f"{row['interaction']} p95 {row['ratio_p95']:.2f}x the floor's")
        if row["interaction"] != "switch_page" and row["dom_clicks"] > DOM_BUDGET[row["page"]]:  # both pages: above
            reasons[row["page"]].append(f"{row['dom_clicks']:,} DOM nodes after {row['interaction']} "
                                        f"(budget {DOM_BUDGET[row['page']]:,})")
    return {page: sorted(set(found)) for page, found in reasons.items()}


def kinds_on(browser, url: str) -> dict[str, int]:
    """How many elements of each kind that may be left out the page at `url` shows."""
    context, page, _ = interactions.open_page(browser, url)
    interactions.settled_size(page)
    counts = {kind: page.locator(f"[data-testid={testid}]").count() for kind, testid in KINDS.items()}
    context.close()
    return {kind: n for kind, n in counts.items() if n}


def ablate(db: Path, measured: dict, pages: list[str], repeats: int, log=lambda _m: None) -> dict:
    """For each page: its worst click (by p95 against the floor's; none: its size after load
    only), measured with nothing left out and with each kind it shows left out in turn."""
    from playwright.sync_api import sync_playwright

    from dashboard.serving import ARGS, CHROMIUM, served

    by_name = {i.name: i for i in interactions.INTERACTIONS}
    found = {}
    with served(ABLATED, {"ZHENGSHU_DB": str(db)}) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for page in pages:
                clicks = [r for r in measured["interactions"] if r["page"] == page and r["interaction"] != "switch_page"]
                worst = max(clicks, key=lambda r: r["ratio_p95"], default=None)
                kinds = kinds_on(browser, app.url + page)
                rows = []
                for kind in [None, *kinds]:
                    query = f"{PARAM}={kind}" if kind else ""
                    if worst:
                        one = interactions.time_one(browser, app.url, by_name[worst["interaction"]], False, repeats, query)
                        row = {"p50": statistics.median(one["times"]), "p95": percentile(one["times"], 0.95),
                               "dom_load": one["dom_load"], "dom_clicks": one["dom_clicks"],
                               "elements_load": one["elements_load"]}
                    else:
                        path = page + (f"?{query}" if query else "")
                        size = interactions.page_sizes(app.url, (path,), browser)[path]
                        row = {"dom_load": size["dom"], "elements_load": size["elements"]}
                    rows.append({"left_out": kind, "count": kinds.get(kind), **row})
                whole = rows[0]
                for row in rows[1:]:
                    row["dom_saved"] = whole["dom_load"] - row["dom_load"]
                    if worst:
                        row["p95_saved"] = whole["p95"] - row["p95"]
                by_dom = max(rows[1:], key=lambda r: r["dom_saved"], default=None)
                by_click = max(rows[1:], key=lambda r: r["p95_saved"], default=None) if worst else None
                found[page] = {"click": worst["interaction"] if worst else None, "rows": rows,
                               "costliest_dom": by_dom["left_out"] if by_dom else None,
                               "costliest_click": by_click["left_out"] if by_click else None}
                log(f"  {page}: costs most, in DOM nodes {found[page]['costliest_dom']}, in click time "
                    f"{found[page]['costliest_click']}")
        finally:
            browser.close()
    return found


def measure(db: Path, repeats: int = 10, ablation_repeats: int = 5, log=lambda _m: None) -> dict:
    measured = interactions.measure(db, repeats)
    reasons = over_budget(measured)
    measured["budget"] = {"click_ratio": CLICK_RATIO, "dom": DOM_BUDGET, "over": reasons}
    over = [page for page, found in reasons.items() if found]
    log(f"  over budget: {', '.join(over) or 'none'}")
    measured["ablation"] = ablate(db, measured, over, ablation_repeats, log) if over and ablation_repeats else {}
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.budget", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="the warehouse to serve (default: a fresh build of the five sources)")
    parser.add_argument("--repeats", type=int, default=10, help="repetitions of each click, product and floor")
    parser.add_argument("--ablation-repeats", type=int, default=5,
                        help="repetitions of a page's worst click with each kind of element left out (0: no removal)")
    parser.add_argument("--write", action="store_true",
                        help="also write this part of bench/RESULTS.md (Interactions, Page budgets and their targets)")
    args = parser.parse_args()
    if not Path(interactions.CHROMIUM).exists():
        raise SystemExit("Debian's chromium package is required: apt-get install chromium")
    db = args.db
    if db is None:
        from bench.timing import OUT
        from etl.build import build

        db = OUT / "budget.duckdb"
        db.parent.mkdir(parents=True, exist_ok=True)
        build(db_path=db)
    result = measure(db, args.repeats, args.ablation_repeats, log=lambda m: print(m, file=sys.stderr, flush=True))
    if args.write:
        from bench.report import write_part

        write_part({"interactions": result}, "interactions", " ".join(["python -m bench.budget", *sys.argv[1:]]))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
