"""Did the build find every figure the synthetic corpus states, and nothing else?

Compares bench.corpus's expected.json with a warehouse built from that corpus:

- kpi_observations: every figure (value, precision, kind, period, qualifier, raw
  line), the previous-year values derived from stated changes, and the rates the
  build recomputes;
- kpi_values: one value per district, year and KPI, by the warehouse's selection
  rule (a whole-year result before a part-year one, reported before derived, the
  more precise figure first), and no conflicts (the corpus agrees with itself);
- the documents' own tables: budget_lines, projects, project_indicators,
  table_totals, repeated_rows, performance_indicators;
- quality_checks: every check passes (the corpus's arithmetic holds).

Each category reports what was expected, what was found, and every difference.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

_OBSERVATION_KEY = ("doc_id", "kpi_id", "year", "kind", "value", "precision", "period", "qualifier", "line")
# Table rows compared, with the columns that identify them (values rounded to 1e-6).
_TABLE_KEYS = {
    "budget_lines": ("doc_id", "table_name", "code", "name", "column_name", "value", "line"),
    "projects": ("doc_id", "unit_name", "project_name", "total", "fiscal", "indicator_count", "line"),
    "project_indicators": ("doc_id", "project_name", "seq", "indicator", "target_value", "line"),
    "table_totals": ("doc_id", "scope", "column_name", "value"),
    "repeated_rows": ("doc_id", "key"),
    "performance_indicators": ("doc_id", "project", "indicator", "target_value", "actual_value", "unit", "comparator",
                               "met", "line"),
}


@dataclass
class Category:
    name: str
    expected: int
    found: int
    missing: list[tuple] = field(default_factory=list)
    unexpected: list[tuple] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unexpected


@dataclass
class CheckResult:
    categories: list[Category]
    failed_checks: list[tuple]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.categories) and not self.failed_checks

    def summary(self) -> str:
        lines = []
        for c in self.categories:
            state = "ok" if c.ok else f"{len(c.missing)} missing, {len(c.unexpected)} unexpected"
            lines.append(f"{c.name}: expected {c.expected}, found {c.found} ({state})")
            lines += [f"  missing    {row}" for row in c.missing[:10]]
            lines += [f"  unexpected {row}" for row in c.unexpected[:10]]
        lines.append(f"quality_checks failed: {len(self.failed_checks)}")
        lines += [f"  {row}" for row in self.failed_checks[:10]]
        return "\n".join(lines)


def _norm(value):
    if isinstance(value, float):
        return round(value, 6) + 0.0  # -0.0 -> 0.0
    return value


def _compare(name: str, expected: list[tuple], found: list[tuple]) -> Category:
    want, have = Counter(expected), Counter(found)
    return Category(name, len(expected), len(found), missing=sorted((want - have).elements(), key=str),
                    unexpected=sorted((have - want).elements(), key=str))


def expected_values(documents: dict) -> dict[tuple[str, int, str], tuple[float, str]]:
    """(district, year, kpi_id) -> (value, status) by the rule of queries/kpi_values.sql."""
    candidates: dict[tuple, list] = {}
    for doc_id, doc in documents.items():
        for obs in doc["observations"]:
            if obs["kind"] not in ("actual", "derived"):
                continue
            order = (obs["period"] is not None, obs["kind"] != "actual", obs["precision"], doc_id, obs["line"])
            candidates.setdefault((doc["district"], obs["year"], obs["kpi_id"]), []).append((order, obs))
    chosen = {}
    for key, options in candidates.items():
        obs = min(options, key=lambda pair: pair[0])[1]
        chosen[key] = (_norm(float(obs["value"])), "derived" if obs["kind"] == "derived" else "reported")
    return chosen


def check_extraction(db_path: Path, expected_path: Path) -> CheckResult:
    """Compare the warehouse at db_path with the corpus's expected.json."""
    documents = json.loads(Path(expected_path).read_text(encoding="utf-8"))["documents"]
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        categories = []
        ids = list(documents)
        expected = [tuple(_norm(float(obs[k]) if k == "value" else (doc_id if k == "doc_id" else obs.get(k)))
                          for k in _OBSERVATION_KEY)
                    for doc_id, doc in documents.items() for obs in doc["observations"]]
        found = [tuple(_norm(v) for v in row) for row in con.sql(
            f"select {', '.join(_OBSERVATION_KEY)} from kpi_observations where list_contains($ids, doc_id)",
            params={"ids": ids}).fetchall()]
        categories.append(_compare("kpi_observations", expected, found))

        want = expected_values(documents)
        districts = sorted({doc["district"] for doc in documents.values()})
        have = {(d, y, k): (_norm(v), s) for d, y, k, v, s in con.sql(
            "select district, year, kpi_id, value, status from kpi_values where list_contains($districts, district)",
            params={"districts": districts}).fetchall()}
        categories.append(_compare("kpi_values", [(*k, *v) for k, v in want.items()], [(*k, *v) for k, v in have.items()]))
        conflicts = con.sql("select district, year, kpi_id, value, doc_id, line from kpi_conflicts "
                            "where list_contains($ids, doc_id)", params={"ids": ids}).fetchall()
        categories.append(_compare("kpi_conflicts", [], [tuple(_norm(v) for v in row) for row in conflicts]))

        for table, columns in _TABLE_KEYS.items():
            expected_rows = [tuple(_norm(doc_id if c == "doc_id" else row.get(c)) for c in columns)
                             for doc_id, doc in documents.items() for row in doc["tables"].get(table, [])]
            found_rows = [tuple(_norm(v) for v in row) for row in con.sql(
                f"select {', '.join(columns)} from {table} where list_contains($ids, doc_id)", params={"ids": ids}).fetchall()]
            categories.append(_compare(table, expected_rows, found_rows))
        failed = con.sql("select doc_id, check_id, expected, actual from quality_checks "
                         "where not passed and list_contains($ids, doc_id)", params={"ids": ids}).fetchall()
    finally:
        con.close()
    return CheckResult(categories, failed)
