"""Pages: the server time of each page's script run (streamlit.testing.v1.AppTest),
cold and warm, against an empty page timed the same way.

`python -m bench.page_bench --db FILE [--warm-runs N]` prints one JSON line. Run it
in a fresh process (bench does): Streamlit's caches live for the process.

- cold: the page's first run after st.cache_data and st.cache_resource are
  cleared (queries, the DuckDB connection and the SQL files are loaded again), in
  a fresh AppTest that has run the app once (AppTest switches pages only after a
  first run). Python modules stay imported, as in a running server.
- warm: the median of the next runs of the same page (a rerun: what a click costs).
- baselines: bench/empty_page.py (a bare page with a title), bench/empty_app.py
  (the app's shell, streamlit_app.py's code, around that empty page) and
  bench/floor_page.py (the Benchmark page's elements with their content made once:
  Streamlit's own cost of sending them), each timed the same way;
- each page's own floor (bench/floor_pages.py): the element calls of one of its warm
  runs, recorded, then replayed with the same arguments by bench/replay_page.py and
  timed the same way (cold: the replay's first run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from bench.floor_pages import recording

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "streamlit_app.py"
PAGES = ROOT / "dashboard" / "pages"
BENCH = ROOT / "bench"


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _timed_run(at) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(f"{at.exception[0].value}")
    return elapsed


def time_script(script: Path, page: Path | None, warm_runs: int, calls: list | None = None) -> dict:
    """Cold and warm run times (ms) of one page (or of the script itself); with `calls`,
    one more (untimed) warm run whose element calls are kept there (bench/floor_pages.py)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=120)
    at.run()
    _clear_caches()
    if page is not None:
        at.switch_page(str(page.relative_to(script.parent)))
    cold = _timed_run(at)
    warm = [_timed_run(at) for _ in range(warm_runs)]
    if calls is not None:
        with recording() as recorded:
            _timed_run(at)
        calls[:] = recorded
    return {"cold": cold, "warm": statistics.median(warm), "warm_max": max(warm), "warm_runs": warm}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--warm-runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["ZHENGSHU_DB"] = str(args.db)

    # Streamlit itself is imported and warmed once, so that the first page timed
    # does not carry the framework's import.
    time_script(BENCH / "empty_page.py", None, 1)
    results = {"empty_page": time_script(BENCH / "empty_page.py", None, args.warm_runs),
               "empty_app": time_script(BENCH / "empty_app.py", None, args.warm_runs),
               "floor": time_script(BENCH / "floor_page.py", None, args.warm_runs), "pages": {}, "skipped": {}}
    for page in sorted(PAGES.glob("*.py")):
        try:
            calls: list = []
            results["pages"][page.stem] = time_script(APP, page, args.warm_runs, calls)
            results["pages"][page.stem]["floor"] = {**time_script(BENCH / "replay_page.py", None, args.warm_runs),
                                                    "calls": len(calls)}
        except (ValueError, RuntimeError) as error:  # not registered in st.navigation, or the page failed
            results["skipped"][page.stem] = str(error)[:300]
    print(json.dumps(results))


if __name__ == "__main__":
    main()
