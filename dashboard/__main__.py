"""`python -m dashboard [--read-only] [streamlit options]`: build the warehouse if it is missing or
out of date, warm this process up, then serve streamlit_app.py from it, in a child
process that dashboard/supervisor.py watches and restarts if it stops answering.

--read-only (or ZHENGSHU_READ_ONLY=1): no add page, every writing function refuses
(etl.access). `python -m dashboard editors add|remove|list NAME`: the local editor list.

`streamlit run streamlit_app.py` works too; this is what `make run` uses, because
the first person to open the app otherwise waits for everything a page run needs
the first time (importing Plotly, Altair, pandas and pyarrow, opening DuckDB,
Plotly's and Altair's first figure): here that happens before the server listens.
"""

from __future__ import annotations

import faulthandler
import gc
import logging
import os
import signal
import sys
import time
from pathlib import Path

from dashboard import supervisor
from etl import access

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def warm_up() -> float:
    """Do once, in this process, what the first page run would otherwise do;
    returns the seconds it took. A failure is logged, never fatal: the app then
    simply starts cold."""
    started = time.perf_counter()
    from streamlit.runtime.caching import cache_data_api, cache_resource_api

    # Outside a running server Streamlit's caches, the run context and session state
    # warn once per call; expected here, so quiet while warming.
    from streamlit.runtime.scriptrunner_utils import script_run_context
    from streamlit.runtime.state import session_state_proxy

    quiet = [logging.getLogger(module.__name__) for module in (cache_data_api, cache_resource_api, script_run_context,
                                                                session_state_proxy)]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        import pandas  # noqa: F401  st.dataframe converts frames through pandas and pyarrow
        import pyarrow  # noqa: F401

        from dashboard import charts, export  # noqa: F401  Plotly, Altair
        from dashboard.data import ensure_warehouse, load

        ensure_warehouse()
        # what the pages run below do not draw on load: the scorecard (drawn when asked) and
        # the Budget page's Altair chart (in its spending view)
        scores = load("scorecard")
        cells = scores.select("score", kpi_name="kpi_id", district_label="district", label="kpi_id")
        charts.scorecard_heatmap(cells).to_json()
        parts = scores.select(label="district", part="kpi_id", value="value")  # Altair's schema validation, once
        charts.basic_vs_project(parts).to_dict()
        # The Overview and the Benchmark page run once, headless, in this process: their first
        # run in the server otherwise still spent about 0.4 s on what only a run does once (the
        # pages' own charts and queries for the shared caches, the catalog and the pickers'
        # tables among them, Streamlit's emoji table and its regular expression, its one look
        # at the call stack for a REPL).
        from streamlit.testing.v1 import AppTest

        app = AppTest.from_file(str(APP), default_timeout=60)
        app.run()
        app.switch_page("dashboard/pages/benchmark.py").run()
        # Every KPI's Benchmark and Trends views as a first visit shows them, in Chinese (about
        # 0.9 s for 24 KPIs): the first person to pick a KPI no longer waits for its chart.
        from dashboard import views
        from dashboard.data import warehouse_version

        views.warm(warehouse_version())
    except Exception as error:  # noqa: BLE001  warming is an optimisation only
        print(f"dashboard: warm-up skipped ({type(error).__name__}: {error})", file=sys.stderr)
    for logger, level in zip(quiet, levels, strict=True):
        logger.setLevel(level)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["editors"]:  # python -m dashboard editors add NAME: the local editor list
        from dashboard import editors_cli

        return editors_cli.main(args[1:])
    if "--read-only" in args:  # for a public or leadership deployment: the server (a child) inherits the setting
        args = [arg for arg in args if arg != "--read-only"]
        os.environ[access.READ_ONLY_ENV] = "1"
        print("dashboard: read-only: no report can be added and no decision saved", file=sys.stderr)
    if os.environ.get(supervisor.CHILD_FLAG) != "1":
        return supervisor.supervise(args)
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # the supervisor's stack dump of a frozen server
    seconds = warm_up()
    print(f"dashboard: ready in {seconds:.1f} s, starting the server", file=sys.stderr)
    from streamlit.web import cli
    from streamlit.web.server import Server  # noqa: F401  the server's modules, imported before the freeze below

    # Streamlit runs a full garbage collection after every page run (runner.postScriptGC):
    # over the 180,000 objects of Plotly, Altair, pandas, pyarrow, Polars and DuckDB imported
    # above that took 40-55 ms a run, half the server's CPU per click, holding the GIL
    # while other people's runs waited. What is imported by now lives as long as the
    # process: gc.freeze() moves it out of the collector's sight, so each collection
    # looks at what runs made since (a freed object is still freed when unreferenced).
    gc.freeze()

    sys.argv = ["streamlit", "run", str(APP), *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
