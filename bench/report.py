"""bench/RESULTS.md from one run's results: the machine, every figure, and each
target MET or NOT MET. bench/PROFILES.md (written by hand: what was profiled, what
was changed, before and after) is appended as it is."""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.timing import ROOT

PROFILES = ROOT / "bench" / "PROFILES.md"

BUILD_REAL_S = 2.0
SCALE_RATIO = 120
VIEW_P95_MS = 50.0
PAGE_FLOOR_RATIO = 1.5  # a page's warm run against its own floor (bench/floor_pages.py)
COLD_FLOOR_RATIO = 1.15  # the first chart, cold, against the floor app's
INTERACTION_RATIO = 1.3  # an interaction's p95 against the floor app's p95
CONCURRENT_RATIO = 2.0  # p95 with ten people against one person's p95
PNG_WARM_S = 1.0


def _mark(met: bool | None) -> str:
    return "n/a" if met is None else ("MET" if met else "NOT MET")


def _ms(value: float | None) -> str:
    return "–" if value is None else (f"{value:.1f}" if value < 100 else f"{value:.0f}")


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _failed(section: dict | None) -> str | None:
    if not section:
        return "not run"
    if section.get("skipped"):
        return "skipped"
    if "error" in section:
        return f"failed: {section['error']}"
    return None


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) rows."""
    rows: list[tuple[str, str, bool | None]] = []
    etl = results.get("etl", {})
    if not _failed(etl):
        real = [r["seconds"] for r in etl["real"]]
        rows.append((f"Build of the five sources < {BUILD_REAL_S:.0f} s (slowest of {len(real)} builds, each in a fresh process)",
                     f"{max(real):.2f} s", max(real) < BUILD_REAL_S))
        by_label = {s["label"]: s for s in etl["synthetic"]}
        if "100x" in by_label:
            ratio = by_label["100x"]["seconds"] / statistics.median(real)
            rows.append((f"100x corpus (500 documents) < {SCALE_RATIO}x the five sources' build",
                         f"{by_label['100x']['seconds']:.2f} s = {ratio:.1f}x", ratio < SCALE_RATIO))
        for s in etl["synthetic"]:
            rows.append((f"Extraction check, {s['label']} corpus: every generated value found, nothing else",
                         "all found" if s["check_ok"] else "differences (see ETL)", s["check_ok"]))
    else:
        rows.append(("ETL targets", _failed(etl) or "", None))
    queries = results.get("queries", {})
    if not _failed(queries):
        observations = queries["large"]["observations"]
        for view in queries["large"]["views"]:
            slowest = max(view["pages"], key=lambda p: p["p95"])
            rows.append((f"{view['view']} < {VIEW_P95_MS:.0f} ms p95 at {observations:,} observations, as the pages "
                         f"query it ({len(view['pages'])} page queries)",
                         f"slowest {slowest['query']}: {_ms(slowest['p95'])} ms ({slowest['rows']:,} rows)",
                         slowest["p95"] < VIEW_P95_MS))
    else:
        rows.append(("Query targets", _failed(queries) or "", None))
    pages = results.get("pages", {})
    if not _failed(pages):
        for name, page in pages["pages"].items():
            floor = page["floor"]["warm"]
            rows.append((f"Page {name}: warm run <= {PAGE_FLOOR_RATIO}x its own floor (its element calls replayed)",
                         f"{_ms(page['warm'])} ms = {page['warm'] / floor:.1f}x its floor ({_ms(floor)} ms)",
                         page["warm"] <= PAGE_FLOOR_RATIO * floor))
    else:
        rows.append(("Page targets", _failed(pages) or "", None))
    browser = results.get("browser", {})
    if not _failed(browser):
        floor = browser["floor"]["cold"]
        rows.append((f"First chart in the browser, cold: <= {COLD_FLOOR_RATIO}x the floor app's",
                     f"{browser['cold']:.2f} s = {browser['cold'] / floor:.2f}x the floor's {floor:.2f} s",
                     browser["cold"] <= COLD_FLOOR_RATIO * floor))
    else:
        rows.append(("Browser target", _failed(browser) or "", None))
    export = results.get("export", {})
    if not _failed(export):
        rows.append((f"Warm PNG < {PNG_WARM_S:.0f} s", f"{export['png_warm_seconds']:.3f} s",
                     export["png_warm_seconds"] < PNG_WARM_S))
    else:
        rows.append(("Export target", _failed(export) or "", None))
    interactions = results.get("interactions", {})
    if not _failed(interactions):
        for i in interactions["interactions"]:
            rows.append((f"{INTERACTION_NAMES.get(i['interaction'], i['interaction'])}: p95 <= {INTERACTION_RATIO}x the floor "
                         f"app's ({i['runs']} runs)",
                         f"{_s(i['p95'])} = {i['ratio_p95']:.2f}x the floor's {_s(i['floor_p95'])}",
                         i["ratio_p95"] <= INTERACTION_RATIO))
    else:
        rows.append(("Interaction targets", _failed(interactions) or "", None))
    load = results.get("concurrency", {})
    if not _failed(load) and "many" in load:
        one, many, rebuild = load["one"], load["many"], load["rebuild"]
        rows.append((f"{many['sessions']} people at once for {many['seconds']:.0f} s: 0 errors, no freeze, the server's "
                     f"p95 <= {CONCURRENT_RATIO:.0f}x one person's (rerun request to script_finished)",
                     f"{many['steps']} steps, {many['errors']} errors, {many['freezes']} freezes; server p95 "
                     f"{_s(many['server_p95'])} = {many['server_p95'] / one['server_p95']:.2f}x one person's "
                     f"{_s(one['server_p95'])} (click to drawn: p95 {_s(many['p95'])} against {_s(one['p95'])})",
                     many["errors"] == 0 and many["freezes"] == 0 and one["errors"] == 0
                     and many["server_p95"] <= CONCURRENT_RATIO * one["server_p95"]))
        checked = rebuild.get("rebuild", {})
        rows.append((f"{rebuild['sessions']} people while the warehouse is rebuilt half-way: 0 errors, every page one build",
                     f"{rebuild['steps']} steps, {rebuild['errors']} errors, {rebuild['freezes']} freezes; rebuild exit "
                     f"{checked.get('returncode')}; {checked.get('pages_checked', 0)} pages checked ({checked.get('pages_old', 0)} "
                     f"old, {checked.get('pages_new', 0)} new), {checked.get('mixed', '?')} mixed, "
                     f"{checked.get('no_footer', 0)} without their footer after 10 s",
                     rebuild["ok"]))
    else:
        rows.append(("Concurrency targets", _failed(load) or "older result format", None))
    real = results.get("real_reports", {})
    if not _failed(real):
        rows.append(("Real reports (the five sources and ../shared/corpus): every expected figure found, none wrong, none "
                     "invented", f"{real['found']} of {real['expected']} found, {real['wrong']} wrong, {real['invented']} invented",
                     real["ok"]))
    else:
        rows.append(("Real reports target", _failed(real) or "", None))
    truth = results.get("truth_sets", {})
    if not _failed(truth):
        for measured in truth.get("sets", []):
            share = measured["right"] / measured["expected"] if measured["expected"] else 0
            goal = 0.97 if measured["set"] == "self_evaluations" else 1.0
            rows.append((f"Reports never written from, {measured['set']}: at least {goal:.0%} right, none wrong, invented "
                         "or refused", f"{measured['right']} of {measured['expected']} right ({share:.1%}), {measured['wrong']} "
                         f"wrong, {measured['invented']} invented, {measured['refused']} refused",
                         share >= goal and not measured["wrong"] and not measured["invented"] and not measured["refused"]))
    else:
        rows.append(("Truth sets target", _failed(truth) or "", None))
    mutations = results.get("mutations", {})
    if not _failed(mutations) and "mutations" in mutations:
        applied = [m for m in mutations["mutations"] if m["applied"]]
        rows.append(("Mutation check of the rules: every deliberate break killed by a test, every break applicable",
                     f"{sum(m['killed'] for m in applied)} of {len(mutations['mutations'])} killed; survivors: "
                     f"{', '.join(mutations['survivors']) or 'none'}; not applied: {', '.join(mutations['not_applied']) or 'none'}",
                     not mutations["survivors"] and not mutations["not_applied"]))
    else:
        rows.append(("Mutation check target", _failed(mutations) or "", None))
    return rows


INTERACTION_NAMES = {
    "benchmark_kpi": "Benchmark, change the KPI", "benchmark_alignment": "Benchmark, change the alignment",
    "trends_district": "Trends, remove / add a district", "budget_table": "Budget, change the table (treemap)",
    "budget_code": "Budget, change the code", "sources_kpi": "Sources, change the KPI",
    "sources_search": "Sources, search", "switch_page": "Sidebar, switch page (Benchmark ↔ Trends)",
}


def _machine(results: dict) -> list[str]:
    m = results["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    load = results["load"]
    return [
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cpus']} logical CPUs; memory {m['memory_gb']:.1f} GB; {m['os']}",
        f"- Python {m['python']}; {packages}",
        f"- {m['chromium']}",
        f"- Load average (1 min) at the start {load['start'][0]:.2f}, at the end {load.get('end', load['start'])[0]:.2f}; "
        "after each section: " + ", ".join(f"{name} {info['load_after'][0]:.2f}" for name, info in results["sections"].items()),
        "",
    ]


def _etl(results: dict) -> list[str]:
    etl = results.get("etl", {})
    lines = ["## ETL", ""]
    if _failed(etl):
        return lines + [_failed(etl), ""]
    lines += [
        "Each build is `etl.build.build(db_path, raw_dir, manifest_path)` in a fresh Python process (bench/build_once.py); "
        "seconds are build()'s own (the interpreter's start and imports are not counted); peak is the process's peak "
        "resident memory, baseline the same process after its imports, before the build.",
        "",
        "| corpus | documents | MB of text | build s | read and extract s | decisions and rates s | write s | documents/s | ms/document "
        "| observations | peak MB | baseline MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for number, r in enumerate(etl["real"], start=1):
        lines.append(_etl_row(f"five real sources, run {number}", r))
    for s in etl["synthetic"]:
        kinds = ", ".join(f"{v} {k}" for k, v in s["kinds"].items())
        lines.append(_etl_row(f"synthetic {s['label']} ({kinds})", s))
    real = statistics.median(r["seconds"] for r in etl["real"])
    synthetic = etl["synthetic"]
    lines += ["", "Growth: " + "; ".join(
        f"{s['label']} {s['seconds']:.2f} s = {s['seconds'] / real:.1f}x the five sources' median "
        f"({s['documents'] / 5:.0f}x the documents), {s['seconds'] / s['documents'] * 1000:.1f} ms per document"
        for s in synthetic) + "."]
    if len(synthetic) >= 2:
        first, last = synthetic[0], synthetic[-1]
        per_doc = [(s["phases"]["extract_all"] + s["phases"]["read_all"]) / s["documents"] * 1000 for s in synthetic]
        slope = (last["seconds"] - first["seconds"]) / (last["documents"] - first["documents"]) * 1000
        lines.append(f"Time grows linearly with the documents: reading and extracting cost "
                     f"{', '.join(f'{v:.1f}' for v in per_doc)} ms per document at the scales above (a constant), "
                     f"the marginal cost is {slope:.1f} ms per document, and the fixed part (writing the DuckDB file, "
                     f"creating the tables of queries/*.sql) is about {first['phases']['write_warehouse']:.2f} s at "
                     f"{first['documents']} documents and {last['phases']['write_warehouse']:.2f} s at "
                     f"{last['documents']}. Memory grows with the text held in memory during the build "
                     f"({first['peak_mb'] - first['baseline_mb']:.0f} MB above baseline at {first['documents']} documents, "
                     f"{last['peak_mb'] - last['baseline_mb']:.0f} MB at {last['documents']}).")
    lines += ["", "### Extraction check (bench/check.py)", "",
              "Every figure each synthetic document states is recorded with its raw line when the document is written "
              "(bench/corpus/); after the build, every category must match exactly (value, precision, kind, period, "
              "qualifier, line), kpi_values must follow the selection rule, kpi_conflicts must be empty (the corpus "
              "agrees with itself) and every quality check must pass.", "",
              "| corpus | " + " | ".join(c["name"] for c in synthetic[0]["check"]) + " | failed quality checks |",
              "|---|" + "---:|" * (len(synthetic[0]["check"]) + 1)]
    for s in synthetic:
        cells = [f"{c['found']}/{c['expected']}" + ("" if not (c["missing"] or c["unexpected"])
                                                    else f" ({c['missing']} missing, {c['unexpected']} unexpected)")
                 for c in s["check"]]
        lines.append(f"| {s['label']} | " + " | ".join(cells) + f" | {s['failed_checks']} |")
    lines.append("")
    lines.append("found/expected; kpi_conflicts expects none.")
    for s in synthetic:
        if not s["check_ok"]:
            lines += ["", f"Differences at {s['label']}:", "", "```", s["check_text"], "```"]
    return lines + [""]


def _etl_row(label: str, r: dict) -> str:
    p = r["phases"]
    return (f"| {label} | {r['documents']} | {r['bytes'] / 1e6:.2f} | {r['seconds']:.2f} | {p['read_all']:.2f} | "
            f"{p['extract_all']:.2f} | {p['write_warehouse']:.2f} | {r['documents'] / r['seconds']:.1f} | "
            f"{r['seconds'] / r['documents'] * 1000:.0f} | {r['observations']:,} | {r['peak_mb']:.0f} | {r['baseline_mb']:.0f} |")


def _queries(results: dict) -> list[str]:
    queries = results.get("queries", {})
    lines = ["## Queries", ""]
    if _failed(queries):
        return lines + [_failed(queries), ""]
    built = queries["large_build"]
    lines += [
        "Each query runs as the dashboard runs it: the warehouse attached read-only, one cursor per query, the result "
        "fetched whole into Polars (`.pl()`), without Streamlit's cache. p50/p95 in ms over up to 20 runs after one "
        "warm-up (fewer for slow queries: the count is given). Every view of queries/*.sql is computed once by the "
        "build and stored as a table, so reading it costs a scan and the transfer to Python. The target is judged on "
        "the page queries (queries/app/*.sql with a page's parameters): what a person waits for. `select *` fetches "
        "the whole view into Polars, which no page does (at 900,000 rows it is mostly the transfer of 14 columns: "
        "DuckDB's Arrow result alone took about 60 ms); `count(*)` is the scan without the transfer.",
        "",
        f"Large warehouse (bench/million.py): {built['kpi_observations']:,} observations of {built['units']:,} "
        f"county-level units x {built['years']} years x {built['kpi_catalog']} KPIs, {built['documents']:,} documents; "
        f"built with the real views in {built['seconds']:.1f} s.",
        "",
    ]
    for label, key in (("Real warehouse (five sources)", "real"), (f"{queries['large']['observations']:,} observations",
                                                                    "large")):
        lines += [f"### {label}", "",
                  "| view | stored as | rows | select * p50 | select * p95 | runs | count(*) p50 | count(*) p95 "
                  "| page queries p50 / p95 (rows) |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---|"]
        for v in queries[key]["views"]:
            pages = "; ".join(f"{p['query']}: {_ms(p['p50'])} / {_ms(p['p95'])} ({p['rows']:,})" for p in v["pages"])
            lines.append(f"| {v['view']} | {v['stored_as'].lower()} | {v['rows']:,} | {_ms(v['full']['p50'])} | "
                         f"{_ms(v['full']['p95'])} | {v['full']['runs']} | {_ms(v['count']['p50'])} | "
                         f"{_ms(v['count']['p95'])} | {pages} |")
        lines.append("")
    return lines


def _pages(results: dict) -> list[str]:
    pages = results.get("pages", {})
    lines = ["## Pages", ""]
    if _failed(pages):
        return lines + [_failed(pages), ""]
    empty, shell, floor = pages["empty_page"], pages["empty_app"], pages.get("floor")
    lines += [
        "Server time of one script run in `streamlit.testing.v1.AppTest` (bench/page_bench.py, in a fresh process, on "
        "the real warehouse). Cold: the page's first run after `st.cache_data` and `st.cache_resource` are cleared; "
        f"warm: the median of the next {len(empty['warm_runs'])} reruns (what a click costs). Baselines timed the same "
        "way: bench/empty_page.py (a title, nothing else), bench/empty_app.py (the app's shell around that empty page) and "
        "bench/floor_page.py (the Benchmark page's elements, two charts, a table, pickers and eleven download buttons, with "
        "their content made once: what Streamlit itself costs to send that page). Each page's own floor "
        "(bench/floor_pages.py): the Streamlit element calls of one of its warm runs, recorded with their arguments "
        "(figures, frames, labels, callables) and made again by bench/replay_page.py, timed the same way: the page's "
        "elements, widgets and layout without the page's own work of loading, filtering, labelling and building figures.",
        "",
        "| page | cold ms | warm ms (median) | warm max | its own floor, warm ms (calls) | warm / own floor | warm / empty page | "
        "warm / empty page in the app's shell | cold / empty page |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| empty page (baseline) | {_ms(empty['cold'])} | {_ms(empty['warm'])} | {_ms(empty['warm_max'])} | – | – | 1.0 | – | 1.0 |",
        f"| empty page in the app's shell | {_ms(shell['cold'])} | {_ms(shell['warm'])} | {_ms(shell['warm_max'])} | – | – | "
        f"{shell['warm'] / empty['warm']:.1f} | 1.0 | {shell['cold'] / empty['cold']:.1f} |",
    ]
    if floor:
        lines.append(f"| floor: the Benchmark page's elements, content made once (by hand) | {_ms(floor['cold'])} | "
                     f"{_ms(floor['warm'])} | {_ms(floor['warm_max'])} | – | – | {floor['warm'] / empty['warm']:.1f} | "
                     f"{floor['warm'] / shell['warm']:.1f} | {floor['cold'] / empty['cold']:.1f} |")
    for name, p in pages["pages"].items():
        own = p["floor"]
        lines.append(f"| {name} | {_ms(p['cold'])} | {_ms(p['warm'])} | {_ms(p['warm_max'])} | {_ms(own['warm'])} "
                     f"({own['calls']}) | {p['warm'] / own['warm']:.1f} | {p['warm'] / empty['warm']:.1f} | "
                     f"{p['warm'] / shell['warm']:.1f} | {p['cold'] / empty['cold']:.1f} |")
    for name, error in pages.get("skipped", {}).items():
        lines.append(f"| {name} | not timed: {error} | | | | | | | |")
    return lines + [""]


def _browser(results: dict) -> list[str]:
    browser = results.get("browser", {})
    lines = ["## Browser", ""]
    if _failed(browser):
        return lines + [_failed(browser), ""]
    warm = ", ".join(f"{s:.2f}" for s in browser["warm_runs"])
    cold = ", ".join(f"{s:.2f}" for s in browser.get("cold_runs", [browser["cold"]]))
    lines += [
        f"`python -m dashboard` (as `make run` serves the app) on a loopback port (healthy after "
        f"{browser['server_start']:.2f} s, its warm-up included), headless Chromium (Playwright, /usr/bin/chromium), "
        f"page `{browser['page']}`; seconds from `page.goto` to the first `.js-plotly-plot` visible "
        "(bench/browser_bench.py). Each cold visit has a fresh server and a fresh browser profile.",
        "",
        "| visit | seconds to the first chart |",
        "|---|---:|",
        f"| cold: the first visit after the server started, fresh browser profile (median of {cold}) | {browser['cold']:.2f} |",
        f"| warm: a new tab, server and browser caches warm (median of {warm}) | {browser['warm']:.2f} |",
    ]
    if "floor" in browser:
        floor = browser["floor"]
        lines += [
            f"| floor, cold: bench/floor_browser_app.py, a title, a selectbox and one small Plotly chart, served by "
            f"`streamlit run` (median of {', '.join(f'{s:.2f}' for s in floor['cold_runs'])}) | {floor['cold']:.2f} |",
            f"| floor, warm | {floor['warm']:.2f} |",
        ]
    return lines + [""]


def _export(results: dict) -> list[str]:
    export = results.get("export", {})
    lines = ["## Export", ""]
    if _failed(export):
        return lines + [_failed(export), ""]
    warm = ", ".join(f"{s:.3f}" for s in export.get("png_warm_runs", []))
    return lines + [
        "bench/export_bench.py's `measure()` (written with the export feature), in a fresh process on the real warehouse.",
        "",
        "| export | seconds |",
        "|---|---:|",
        f"| first PNG of the process ({'cold: the renderer starts' if export.get('png_first_was_cold') else 'renderer already running'}) "
        f"| {export['png_first_seconds']:.3f} |",
        f"| one PNG, warm (median of {warm}) | {export['png_warm_seconds']:.3f} |",
        f"| one SVG, warm | {export.get('svg_warm_seconds', float('nan')):.3f} |",
        f"| ten-chart pack ({export.get('pack_charts', '?')} charts, PPTX {export.get('pack_pptx_bytes', 0) / 1e6:.2f} MB, "
        f"PDF {export.get('pack_pdf_bytes', 0) / 1e6:.2f} MB) | {export['pack_ten_charts_seconds']:.3f} |",
        "",
    ]


def _workers(results: dict) -> list[str]:
    from bench.workers_bench import markdown

    found = results.get("workers", {})
    if _failed(found):
        return ["## Build with several workers", "", _failed(found), ""]
    return markdown(found).splitlines() + [""]


def _interactions(results: dict) -> list[str]:
    found = results.get("interactions", {})
    lines = ["## Interactions", ""]
    if _failed(found):
        return lines + [_failed(found), ""]
    lines += [
        "What a person waits for after a click (bench/interactions.py): `python -m dashboard` and bench/floor_interactions_app.py "
        "(the same kinds of widgets and one chart per page, nothing else: the framework's floor, under `streamlit run`), "
        "each in headless Chromium, one after the other in this run. A time runs from the click (or the Enter in the "
        "search box) to the rerun's `script_finished` message received over the websocket and two animation frames drawn; "
        f"{found['repeats']} repetitions after a warm-up, going back and forth between two values.",
        "",
        "| interaction | p50 | p95 | floor p50 | floor p95 | p95 / floor p95 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for i in found["interactions"]:
        lines.append(f"| {INTERACTION_NAMES.get(i['interaction'], i['interaction'])} | {_s(i['p50'])} | {_s(i['p95'])} | "
                     f"{_s(i['floor_p50'])} | {_s(i['floor_p95'])} | {i['ratio_p95']:.2f} |")
    return lines + [""]


def _step(times: dict | None) -> str:
    if not times:
        return "–"
    return f"{_s(times['p50'])} / {_s(times['p95'])}; server {_s(times.get('server_p50'))} ({times['n']})"


def _concurrency(results: dict) -> list[str]:
    load = results.get("concurrency", {})
    lines = ["## Concurrency", ""]
    if _failed(load):
        return lines + [_failed(load), ""]
    if "many" not in load:
        return lines + ["(a result of the older format: regenerate)", ""]
    one, many, rebuild = load["one"], load["many"], load["rebuild"]
    added = (many["memory_mb"]["peak"] - one["memory_mb"]["peak"]) / max(many["sessions"] - 1, 1)
    lines += [
        "`python -m dashboard` (as `make run` serves it) and one headless Chromium with a context per person "
        "(bench/load.py): each goes round Overview → Benchmark → Trends → Sources by the sidebar's links, changes the KPI "
        f"on each page that has one, and pauses 1-2 s between steps, for {many['seconds']:.0f} s. A step counts from the "
        "click to the rerun finished and drawn; its server part from the browser's rerun request to the server's "
        "script_finished (the people's browsers share this machine's two cores with the server; a busy renderer delays the "
        "click before any request is sent, which a visitor's own computer would not). The health check is asked every "
        "second. In the third run `python -m etl build` replaces the warehouse half-way (the five sources, then the five "
        "sources and the corpus reports): every Benchmark and Trends page opened is checked to come from one build (the "
        "footer's build time against the district picker, which lists 普陀 only in the new build).",
        "",
        "| | one person | people at once | people at once, rebuild half-way |",
        "|---|---:|---:|---:|",
        f"| people | {one['sessions']} | {many['sessions']} | {rebuild['sessions']} |",
        f"| steps (page opened, KPI changed) | {one['steps']} | {many['steps']} | {rebuild['steps']} |",
        f"| errors | {one['errors']} | {many['errors']} | {rebuild['errors']} |",
        f"| freezes (health unanswered 5 s, restarts) | {one['freezes']} | {many['freezes']} | {rebuild['freezes']} |",
        f"| a new visitor afterwards: the Overview's heading | {_s(one.get('new_visitor_s'))} | {_s(many.get('new_visitor_s'))} | "
        f"{_s(rebuild.get('new_visitor_s'))} |",
        f"| step, click to drawn: p50 / p95 / max | {_s(one['p50'])} / {_s(one['p95'])} / {_s(one['max'])} | "
        f"{_s(many['p50'])} / {_s(many['p95'])} / {_s(many['max'])} | {_s(rebuild['p50'])} / {_s(rebuild['p95'])} / "
        f"{_s(rebuild['max'])} |",
        f"| its server part, rerun request to script_finished: p50 / p95 | {_s(one['server_p50'])} / "
        f"{_s(one['server_p95'])} | {_s(many['server_p50'])} / {_s(many['server_p95'])} | {_s(rebuild['server_p50'])} / "
        f"{_s(rebuild['server_p95'])} |",
        f"| server memory start / peak / end (MB) | {one['memory_mb']['start']:.0f} / {one['memory_mb']['peak']:.0f} / "
        f"{one['memory_mb']['end']:.0f} | {many['memory_mb']['start']:.0f} / {many['memory_mb']['peak']:.0f} / "
        f"{many['memory_mb']['end']:.0f} | {rebuild['memory_mb']['start']:.0f} / {rebuild['memory_mb']['peak']:.0f} / "
        f"{rebuild['memory_mb']['end']:.0f} |",
        "",
        f"Memory per added person: {added:.1f} MB (peak with {many['sessions']} people minus peak with one, over "
        f"{many['sessions'] - 1}).",
        "",
        "| step | one person: p50 / p95; server p50 (n) | people at once: p50 / p95; server p50 (n) |",
        "|---|---:|---:|",
    ]
    for step in sorted(set(one["by_step"]) | set(many["by_step"])):
        lines.append(f"| {step} | {_step(one['by_step'].get(step))} | {_step(many['by_step'].get(step))} |")
    lines.append("")
    checked = rebuild.get("rebuild")
    if checked:
        lines += [f"Rebuild: {_s(checked['seconds'])}, exit {checked['returncode']}; old build {checked['old']}, new "
                  f"{checked['new']}; pages checked {checked['pages_checked']}: {checked['pages_old']} old, "
                  f"{checked['pages_new']} new, {checked['mixed']} mixed; {checked.get('no_footer', 0)} pages without "
                  "their footer (the build time) 10 s after they were drawn, not checked.", ""]
    for label, run in (("one person", one), ("people at once", many), ("with the rebuild", rebuild)):
        if run["error_examples"]:
            lines += [f"Errors seen ({label}): {'; '.join(' '.join(e.split()) for e in run['error_examples'])}", ""]
    return lines


def _real_reports(results: dict) -> list[str]:
    real = results.get("real_reports", {})
    lines = ["## Real reports", ""]
    if _failed(real):
        return lines + [_failed(real), ""]
    lines += ["The figures a person expects from each report (tests/expected_figures.csv, written by hand) against what the "
              "extractors find (bench/real_reports.py). Wrong: the KPI and year found with another value; invented: a result "
              "for a KPI and year the person expects nothing of.", "",
              "| document | expected | found | wrong | invented | missed |", "|---|---:|---:|---:|---:|---|"]
    for d in real["documents"]:
        lines.append(f"| {d['document']} | {d['expected']} | {d['found']} | {len(d['wrong'])} | {len(d['invented'])} | "
                     f"{'; '.join(d['missed']) or '–'} |")
    return lines + [""]


def _truth_sets(results: dict) -> list[str]:
    truth = results.get("truth_sets", {})
    lines = ["## Reports never written from", ""]
    if _failed(truth):
        return lines + [_failed(truth), ""]
    lines += ["Every folder of ../shared/corpus with a truth.csv, each report added as `etl add FILE --yes` would add it to a "
              "copy of the five sources, against its hand-read truth (bench/truth_sets.py). Right: the truth's KPI and year "
              "with its value and period (a 功能分类 line: its code and amount); wrong: another value; invented: a value "
              "the truth does not list; refused: not added.", "",
              "| set | document | expected | right | wrong | invented | refused |", "|---|---|---:|---:|---|---|---|"]
    for measured in truth.get("sets", []):
        for d in measured["documents"]:
            lines.append(f"| {measured['set']} | {d['document']} | {d['expected']} | {d['right']} | "
                         f"{'; '.join(d['wrong']) or '–'} | {'; '.join(d['invented']) or '–'} | {d['refused'] or '–'} |")
    return lines + [""]


def _mutations(results: dict) -> list[str]:
    mutations = results.get("mutations", {})
    lines = ["## Mutation check of the rules", ""]
    if _failed(mutations) or "mutations" not in mutations:
        return lines + [_failed(mutations) or "not run", ""]
    lines += ["Each written rule of choice and ranking broken on purpose in a copy of the project (bench/mutations.py), "
              "and the tests that concern it run there: a break no test notices is a survivor.", "",
              "| mutation | file | killed by |", "|---|---|---|"]
    for m in mutations["mutations"]:
        by = m["by"] if m["killed"] else ("SURVIVED" if m["applied"] else "not applied (the rule's text changed)")
        lines.append(f"| {m['mutation']} | {m['file']} | {by} |")
    return lines + [""]


def write_results(results: dict, path: Path) -> str:
    """Write RESULTS.md; returns the targets as text for the console."""
    rows = targets(results)
    met = sum(1 for _, _, m in rows if m)
    lines = [
        "# Benchmarks",
        "",
        f"Figures from one run of `{results['command']}` started {results['started']}, "
        f"{results['seconds']:.0f} s in all. Regenerate with `make bench`.",
        "",
    ]
    if results.get("quick"):
        lines += ["**Quick run**: smaller scales and fewer repeats; not the figures of record.", ""]
    lines += _machine(results)
    lines += ["## Targets", "", f"{met} of {len(rows)} met.", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {measured} | {_mark(m)} |" for name, measured, m in rows]
    lines.append("")
    lines += _etl(results) + _workers(results) + _queries(results) + _pages(results) + _browser(results)
    lines += (_export(results) + _interactions(results) + _concurrency(results) + _real_reports(results)
              + _truth_sets(results) + _mutations(results))
    if PROFILES.exists():
        lines += [PROFILES.read_text(encoding="utf-8").rstrip(), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return "\n".join(f"{_mark(m):8} {name}: {measured}" for name, measured, m in rows)
