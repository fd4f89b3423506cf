"""`python -m bench`: measure the product and write bench/RESULTS.md.

Sections (each heavy one in a fresh process, so that one's caches and memory do
not colour the next):

1. ETL: the five real sources, then synthetic corpora of 5, 50 and 500 documents
   (bench.corpus) with the extraction check (bench.check);
2. workers: the 500- and 5,000-document corpora built with one worker, two, and
   on Dask (bench/workers_bench.py);
3. queries: every KPI view and the page queries that read it, on the real
   warehouse and on one of about a million observations (bench.million);
4. pages: each page's script run in AppTest, cold and warm, against empty pages;
5. browser: navigation to the first chart drawn in headless Chromium;
6. export: bench/export_bench.py's measure();
7. interactions and page budgets: each click a person makes on Benchmark, Trends,
   Budget, Sources and the sidebar, timed to the page updated and idle in Chromium,
   beside the same interaction in a floor app (bench/interactions.py); every page's DOM
   nodes and Streamlit elements after load and after each click against its budget, and
   for a page over it, what costs most, measured by leaving out one kind of element at a
   time in the bench's own copy (bench/budget.py);
8. sessions: one, ten and thirty people as websocket clients sending the rerun requests
   a real browser sent, then ten while the warehouse is rebuilt half-way, and two real
   browsers beside the sessions (bench/sessions.py): errors, the server's p50 / p95,
   CPU and memory, old or new build on every page, never a mix. (bench/load.py, the
   same round in ten headless browsers on this machine, is still there to run alone:
   it charges the server for its visitors' rendering);
9. real reports: the figures a person expects from the five sources and the
   corpus reports, found / expected, wrong, invented (bench/real_reports.py).

Options: --quick (smaller scales, fewer repeats, shorter load runs: a few minutes),
--skip SECTION[,SECTION] (any of SECTIONS below), --out FILE. A full run takes about half an hour.
Generated corpora and warehouses go to bench/out/ (not committed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

from bench import etl_bench, query_bench, workers_bench
from bench.million import build_million
from bench.report import write_results
from bench.timing import OUT, ROOT, machine, run_json

SECTIONS = ("etl", "workers", "queries", "pages", "browser", "export", "interactions", "sessions", "real_reports",
            "truth_sets", "mutations")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller scales and fewer repeats (a smoke run)")
    parser.add_argument("--skip", default="", help=f"comma-separated sections to skip: {', '.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md", help="the results file to write")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    work = OUT / ("quick" if args.quick else "full")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    results: dict = {"started": datetime.now().astimezone().isoformat(timespec="seconds"), "quick": args.quick,
                     "command": "python -m bench" + (" --quick" if args.quick else "") + (f" --skip {args.skip}" if skip else ""),
                     "machine": machine(), "load": {"start": os.getloadavg()}, "sections": {}}
    log(f"machine: {results['machine']['cpus']} CPUs, {results['machine']['cpu']}; load {os.getloadavg()[0]:.2f}")

    def section(name: str, action):
        if name in skip:
            results[name] = {"skipped": True}
            return
        log(f"[{name}]")
        begin = time.perf_counter()
        try:
            results[name] = action()
        except Exception as error:  # one failed section still leaves the others' figures
            log(f"  {name} failed: {error}")
            results[name] = {"error": f"{type(error).__name__}: {error}"[:2000]}
        results["sections"][name] = {"seconds": time.perf_counter() - begin, "load_after": os.getloadavg()}

    scales = etl_bench.SCALES[:2] if args.quick else etl_bench.SCALES
    section("etl", lambda: etl_bench.measure(work / "etl", scales=scales, real_repeats=2 if args.quick else 3, log=log))
    section("workers", lambda: workers_bench.measure(work / "workers", scales=(50, 500) if args.quick else (500, 5000),
                                                     log=log))
    real_db = Path(results["etl"]["real_db"]) if "real_db" in results.get("etl", {}) else work / "real.duckdb"
    if not real_db.exists():
        from etl.build import build

        build(db_path=real_db)

    def queries() -> dict:
        runs, budget = (5, 1.0) if args.quick else (20, 2.0)
        real = query_bench.measure(real_db, runs=runs, budget_s=budget, log=log)
        units = 300 if args.quick else 3000
        million_db = work / "million.duckdb"
        built = build_million(million_db, units=units)
        log(f"  synthetic warehouse: {built['kpi_observations']:,} observations in {built['seconds']:.1f} s")
        large = query_bench.measure(million_db, runs=runs, budget_s=budget, log=log)
        return {"real": real, "large": large, "large_build": built}

    section("queries", queries)
    warm_runs = "3" if args.quick else "7"
    section("pages", lambda: run_json("bench.page_bench", "--db", str(real_db), "--warm-runs", warm_runs))
    section("browser", lambda: run_json("bench.browser_bench", "--db", str(real_db), "--warm-runs",
                                        "1" if args.quick else "2", "--repeats", "1" if args.quick else "3"))

    section("export", lambda: run_json("bench.export_once", env={"ZHENGSHU_DB": str(real_db)}))
    section("interactions", lambda: run_json("bench.budget", "--db", str(real_db), "--repeats", "3" if args.quick else "10",
                                             "--ablation-repeats", "2" if args.quick else "5", timeout=3600))

    section("sessions", lambda: run_json(
        "bench.sessions", "--db", str(real_db), "--sessions", "1,10" if args.quick else "1,10,30",
        "--seconds", "20" if args.quick else "60", "--browsers", "1" if args.quick else "2", "--rebuild", timeout=1800))
    section("real_reports", lambda: run_json("bench.real_reports"))
    section("truth_sets", lambda: run_json("bench.truth_sets", timeout=1200))
    section("mutations", lambda: run_json("bench.mutations", timeout=3600))
    results["load"]["end"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started
    (work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    summary = write_results(results, args.out)
    print(summary)
    log(f"wrote {args.out} in {results['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
