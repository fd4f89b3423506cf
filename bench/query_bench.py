"""Queries: each KPI view, and each page query that reads it, at real size and at
about a million observations.

Every query runs the way the dashboard runs it (dashboard.data: a read-only
attachment of the warehouse, one cursor per query, the result fetched whole into
Polars with .pl(); Streamlit's cache is left out, as every query here is the
first of its kind). Per view:

- `select * from view`, fetched whole: the view's full cost (computation and
  transfer); the target is judged on this;
- `select count(*) from view`: the computation alone, no transfer;
- the page queries of queries/app/ that read the view, with a page's parameters.
"""

from __future__ import annotations

from pathlib import Path

from bench.timing import repeat
from dashboard.data import open_read_only, reader
from dashboard.summary import HEADLINE_KPIS
from etl.build import QUERIES

APP_QUERIES = QUERIES / "app"

KPI_VIEWS = ("kpi_values", "kpi_conflicts", "kpi_benchmark", "kpi_yoy", "kpi_scorecard", "kpi_coverage")
# The page queries (queries/app/*.sql) that read each view, with the parameters a page passes.
PAGE_QUERIES = {
    "kpi_values": (("kpi_summary", {}), ("district_years", {}), ("kpi_values", {"kpis": ["hotline_tickets"]}),
                   ("budget_values", {}), ("trend", {"kpi": "hotline_tickets"})),
    "kpi_conflicts": (("conflicts", {}),),
    "kpi_benchmark": (("benchmark", {"kpi": "budget_execution_rate", "alignment": "latest"}), ("overview", {"kpis": list(HEADLINE_KPIS)})),
    "kpi_yoy": (("yoy", {"kpi": "hotline_tickets"}),),
    "kpi_scorecard": (("scorecard", {}),),
    "kpi_coverage": (("coverage", {}),),
}


def _runner(con, sql: str, params: dict):
    def run():
        cursor = reader(con)
        try:
            return cursor.sql(sql, params=params).pl()
        finally:
            cursor.close()
    return run


def measure(db_path: Path, runs: int = 20, budget_s: float = 3.0, min_runs: int = 5, log=print) -> dict:
    """p50/p95 (ms) of every KPI view and its page queries on one warehouse."""
    con = open_read_only(db_path)
    try:
        cursor = reader(con)
        observations = cursor.sql("select count(*) from kpi_observations").fetchall()[0][0]
        kinds = dict(cursor.sql("select table_name, table_type from information_schema.tables").fetchall())
        cursor.close()
        views = []
        for view in KPI_VIEWS:
            fetch = _runner(con, f"select * from {view}", {})
            rows = fetch().height
            full = repeat(fetch, runs=runs, budget_s=budget_s, min_runs=min_runs)
            count = repeat(_runner(con, f"select count(*) from {view}", {}), runs=runs, budget_s=budget_s, min_runs=min_runs)
            pages = []
            for name, params in PAGE_QUERIES[view]:
                sql = (APP_QUERIES / f"{name}.sql").read_text(encoding="utf-8")
                run = _runner(con, sql, params)
                page_rows = run().height
                timing = repeat(run, runs=runs, budget_s=budget_s, min_runs=min_runs)
                pages.append({"query": name, "params": params, "rows": page_rows, **timing.dict()})
            views.append({"view": view, "stored_as": kinds.get(view, "?"), "rows": rows, "full": full.dict(),
                          "count": count.dict(), "pages": pages})
            log(f"  {view}: {rows} rows, select * p50 {full.p50:.1f} ms p95 {full.p95:.1f} ms; "
                f"count(*) p95 {count.p95:.1f} ms; " + "; ".join(f"{p['query']} p95 {p['p95']:.1f} ms" for p in pages))
    finally:
        con.close()
    return {"observations": observations, "views": views}
