"""queries/kpi_conflicts.sql's rule, on figures from the reports and on the rounding
of a recomputed rate."""

from pathlib import Path

import duckdb
import pytest

VIEW = Path(__file__).resolve().parent.parent / "queries" / "kpi_conflicts.sql"


def conflicts(*figures: tuple) -> int:
    """How many of the figures (value, precision, kind[, definition]) about one KPI the view lists."""
    con = duckdb.connect()
    con.execute("""create table kpi_observations (observation_id integer, district varchar, year integer,
        kpi_id varchar, period varchar, value double, precision integer, unit varchar, kind varchar,
        doc_id varchar, line integer, quote varchar, note varchar, definition varchar)""")
    for number, (value, precision, kind, *definition) in enumerate(figures):
        con.execute("insert into kpi_observations values (?, '番禺', 2021, 'k', null, ?, ?, '%', ?, 'd', ?, 'q', null, ?)",
                    [number, value, precision, kind, number + 1, definition[0] if definition else None])
    con.execute(f"create view kpi_conflicts as {VIEW.read_text(encoding='utf-8')}")
    return con.execute("select count(*) from kpi_conflicts").fetchone()[0]


@pytest.mark.parametrize("figures, listed", [
    ([(99.99, -2, "actual"), (99.9, -1, "actual")], 2),      # 番禺 2021 好评率: a real conflict
    ([(99.71, -2, "actual"), (99.7, -1, "actual")], 0),      # equal at the coarser precision
    ([(99.75, -2, "actual"), (99.7, -1, "actual")], 2),      # 99.75 rounds half up to 99.8
    ([(84.925, -4, "derived"), (84.93, -2, "actual")], 0),   # 84.92499…% recomputed, stated 84.93
    ([(84.925, -4, "derived"), (84.92, -2, "actual")], 0),   # or stated 84.92: both are roundings
    ([(89.4782, -4, "derived"), (93.8, -1, "actual")], 2),   # 番禺 2021 基本支出执行率: 89.48 vs 93.8
    ([(1_223_544, 0, "actual"), (1_633_700, 2, "actual")], 2),  # 增城 2023 业务受理量 vs 163.37万
    # a 决算's 本年支出合计 5,270.40 (every fund) and a self-evaluation's 执行数 of the same year are two measures
    ([(5270.40, -2, "actual", "final_accounts"), (5200.00, -2, "actual")], 0),
])
def test_conflict_rule(figures, listed):
    assert conflicts(*figures) == listed
