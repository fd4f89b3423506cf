"""Interactions: what a person waits for after a click, in headless Chromium.

`python -m bench.interactions --db FILE [--repeats 10]` serves the product as `make
run` does (`python -m dashboard`) and bench/floor_interactions_app.py (the same
kinds of widgets and one chart per page, nothing else: the framework's floor) under
`streamlit run`, one after the other, and times each interaction in both:

- Benchmark: change the KPI; change the alignment (radio);
- Trends: remove a district, add it back (multiselect);
- Budget: change the table (the treemap is redrawn); change the code (one code across
  districts);
- Sources: change the KPI; search (type, Enter);
- the sidebar: open Trends from Benchmark and back (a page switch).

A time runs from the input that triggers the rerun (the click on an option, the
click on a radio or a tag's ✕, the Enter in the search box) to the page updated and
idle: the server's `script_finished` message for that rerun has arrived over the
websocket (read with Streamlit's own protobuf classes), then two animation frames
have passed in the page (the browser has drawn what the rerun sent). Each
interaction is repeated --repeats times, alternating between two values; p50 and p95
are reported, the product's beside the floor's. Each page's size is counted too, once it
has stopped changing (every chart and data grid drawn): DOM nodes and Streamlit elements
after load and after each click, and every page's after load, product and floor
(bench/budget.py judges them against each page's budget). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.timing import percentile
from dashboard.i18n import t
from dashboard.serving import ARGS, CHROMIUM, PRODUCT, Reruns, served

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "floor_interactions_app.py")]
TIMEOUT_MS = 30_000


def _select(page, label: str, index: int) -> Callable[[], None]:
    """Open the selectbox labelled `label`; the returned trigger picks the first option
    not chosen (so repetitions go back and forth between two options)."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True)).first
    box.scroll_into_view_if_needed()
    other = page.locator('[role="option"][aria-selected="false"]').first
    for _ in range(3):  # a click while the page still moves may only focus the box
        box.locator("input").click()
        try:
            other.wait_for(state="visible", timeout=3000)
            break
        except Exception:  # noqa: BLE001  tried again
            page.keyboard.press("Escape")
    other.wait_for(state="visible", timeout=TIMEOUT_MS)
    return lambda: other.click()


def _radio(page, label: str, index: int) -> Callable[[], None]:
    group = page.get_by_test_id("stRadio").filter(has=page.get_by_text(label, exact=True)).first
    return lambda: group.locator("[role=radiogroup] label").nth((index + 1) % 2).click()


def _multiselect(page, label: str, index: int) -> Callable[[], None]:
    """Even: remove the last district's tag; odd: add it back from the list."""
    box = page.get_by_test_id("stMultiSelect").filter(has=page.get_by_text(label, exact=True)).first
    if index % 2 == 0:
        remove = box.locator('button[aria-label^="Remove"]:visible').last
        return lambda: remove.click()
    box.locator("input").click()
    option = page.get_by_role("option").first
    option.wait_for(state="visible", timeout=TIMEOUT_MS)
    return lambda: option.click()


def _switch(page, label: str, index: int) -> Callable[[], None]:
    """Open Trends (even) or Benchmark (odd) from the sidebar's links."""
    name = t("page_trends", "zh") if index % 2 == 0 else label
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click


def _search(page, label: str, index: int) -> Callable[[], None]:
    box = page.get_by_label(label)
    box.fill("满意率" if index % 2 == 0 else "执行率")
    return lambda: box.press("Enter")


@dataclass(frozen=True)
class Interaction:
    name: str
    path: str  # the page it starts on, in the product (the floor has the same pages, without the query)
    prepare: Callable  # (page, label, index) -> trigger
    label: str


INTERACTIONS = (
    Interaction("benchmark_kpi", "/benchmark?kpi=budget_execution_rate&align=latest", _select, t("kpi", "zh")),
    Interaction("benchmark_alignment", "/benchmark?kpi=budget_execution_rate&align=latest", _radio, t("alignment", "zh")),
    Interaction("trends_district", "/trends", _multiselect, t("districts", "zh")),
    Interaction("budget_table", "/budget", _select, t("budget_table", "zh")),
    Interaction("budget_code", "/budget", _select, t("code", "zh")),
    Interaction("sources_kpi", "/sources", _select, t("kpi", "zh")),
    Interaction("sources_search", "/sources", _search, t("search_box", "zh")),
    Interaction("switch_page", "/benchmark", _switch, t("page_benchmark", "zh")),
)


SIZE = """() => [document.getElementsByTagName('*').length,
                 document.querySelectorAll('[data-testid=stElementContainer]').length]"""  # DOM nodes, Streamlit elements

PAGES = ("/", "/benchmark", "/trends", "/budget", "/sources", "/briefing", "/add_report")
FLOOR_PAGES = ("/", "/benchmark", "/trends", "/budget", "/sources")
DRAWN_ALL = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))
                 && [...document.querySelectorAll('[data-testid=stDataFrame]')].every(c => c.querySelector('canvas'))"""


def settled_size(page, timeout_s: float = 15) -> tuple[int, int]:
    """(DOM nodes, Streamlit elements) once the page stops changing: no request pending
    (the chart and data grid scripts are loaded when first needed) and the same counts four
    times 250 ms apart (charts and the data grid draw after the run's last message)."""
    deadline = time.monotonic() + timeout_s
    try:
        page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    except Exception:  # noqa: BLE001  the counts below still wait for the page to settle
        pass
    try:
        page.wait_for_function(DRAWN_ALL, timeout=timeout_s * 1000)
    except Exception:  # noqa: BLE001  counted as it is
        pass
    last, same = None, 0
    while time.monotonic() < deadline:
        size = tuple(page.evaluate(SIZE))
        same = same + 1 if size == last else 0
        if same == 3:
            break
        last = size
        page.wait_for_timeout(250)
    return last


def open_page(browser, url: str):
    """A fresh tab on `url`, its first run finished and drawn: (context, page, its Reruns)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    rerun = Reruns(page)
    page.goto(url, wait_until="commit")
    page.get_by_role("heading", level=1).first.wait_for(timeout=TIMEOUT_MS)
    rerun.wait(0, page)
    page.wait_for_timeout(300)
    return context, page, rerun


def time_one(browser, url: str, interaction: Interaction, floor: bool, repeats: int, query: str = "") -> dict:
    """One interaction in a fresh tab, repeated: the seconds of each repetition (after a
    warm-up), and the page's size (DOM nodes, Streamlit elements) after load and after
    each click. `query` is added to the address (bench/budget.py's element removal)."""
    path = interaction.path.split("?")[0] if floor else interaction.path
    if query:
        path += ("&" if "?" in path else "?") + query
    context, page, rerun = open_page(browser, url + path)
    dom, elements = settled_size(page)
    times, after = [], []
    for index in range(repeats + 1):  # the first is a warm-up, not counted
        try:
            trigger = interaction.prepare(page, interaction.label, index)
            before = rerun.finished
            started = time.perf_counter()
            trigger()
            rerun.wait(before, page)
        except Exception as error:
            page.screenshot(path=str(ROOT / "bench" / "out" / f"interaction_{interaction.name}.png"))
            raise RuntimeError(f"{'floor' if floor else 'product'} {interaction.name} #{index}: {error}") from error
        if index:
            times.append(time.perf_counter() - started)
        after.append(settled_size(page))
    context.close()
    return {"times": times, "dom_load": dom, "elements_load": elements, "dom_clicks": max(d for d, _ in after),
            "elements_clicks": max(e for _, e in after)}


def time_interactions(url: str, floor: bool, repeats: int, browser) -> dict[str, dict]:
    """Every interaction, each in a fresh tab: time_one's results by name."""
    return {i.name: time_one(browser, url, i, floor, repeats) for i in INTERACTIONS}


def page_sizes(url: str, paths: tuple[str, ...], browser) -> dict[str, dict]:
    """DOM nodes and Streamlit elements of each page after load, each in a fresh tab."""
    sizes = {}
    for path in paths:
        context, page, _ = open_page(browser, url + path)
        dom, elements = settled_size(page)
        sizes[path] = {"dom": dom, "elements": elements}
        context.close()
    return sizes


def measure(db: Path, repeats: int = 10) -> dict:
    from playwright.sync_api import sync_playwright

    out, sizes = {}, {}
    for label, command, floor in (("product", PRODUCT, False), ("floor", FLOOR, True)):
        with served(command, {"ZHENGSHU_DB": str(db)}) as app, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                out[label] = time_interactions(app.url, floor, repeats, browser)
                sizes[label] = page_sizes(app.url, FLOOR_PAGES if floor else PAGES, browser)
            finally:
                browser.close()
    rows = []
    for interaction in INTERACTIONS:
        product, floor = out["product"][interaction.name], out["floor"][interaction.name]
        rows.append({"interaction": interaction.name, "page": interaction.path.split("?")[0], "runs": len(product["times"]),
                     "p50": statistics.median(product["times"]), "p95": percentile(product["times"], 0.95),
                     "floor_p50": statistics.median(floor["times"]), "floor_p95": percentile(floor["times"], 0.95),
                     "ratio_p95": percentile(product["times"], 0.95) / percentile(floor["times"], 0.95),
                     "times": product["times"], "floor_times": floor["times"],
                     **{key: product[key] for key in ("dom_load", "elements_load", "dom_clicks", "elements_clicks")},
                     **{f"floor_{key}": floor[key] for key in ("dom_load", "elements_load", "dom_clicks", "elements_clicks")}})
    return {"repeats": repeats, "interactions": rows, "pages": sizes["product"], "floor_pages": sizes["floor"]}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.interactions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's chromium package is required: apt-get install chromium")
    print(json.dumps(measure(args.db, args.repeats), ensure_ascii=False))


if __name__ == "__main__":
    main()
