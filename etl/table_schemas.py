"""The columns of every table the extractors fill, so that each table exists (and
the views over it work) even when no document yields a row of it."""

from __future__ import annotations

from etl.final_accounts_tables import BUDGET_LINES_SCHEMA

_PROVENANCE = {"district": "varchar", "year": "integer", "doc_id": "varchar"}

TABLE_SCHEMAS: dict[str, dict[str, str]] = {
    "budget_lines": BUDGET_LINES_SCHEMA,
    "projects": {**_PROVENANCE, "unit_name": "varchar", "project_name": "varchar", "total": "double",
                 "fiscal": "double", "goal": "varchar", "line": "integer", "indicator_count": "integer"},
    "project_indicators": {**_PROVENANCE, "project_name": "varchar", "seq": "integer", "level1": "varchar",
                           "level2": "varchar", "indicator": "varchar", "period_target": "varchar",
                           "annual_target": "varchar", "target_value": "double", "target_unit": "varchar",
                           "comparator": "varchar", "line": "integer"},
    "table_totals": {**_PROVENANCE, "table_name": "varchar", "scope": "varchar", "column_name": "varchar",
                     "value": "double", "line": "integer"},
    "repeated_rows": {**_PROVENANCE, "table_name": "varchar", "key": "varchar", "first_line": "integer",
                   "repeated_line": "integer"},
    "performance_indicators": {**_PROVENANCE, "project": "varchar", "indicator": "varchar", "target_text": "varchar",
                               "actual_text": "varchar", "target_value": "double", "actual_value": "double",
                               "unit": "varchar", "comparator": "varchar", "met": "boolean", "line": "integer",
                               "quote": "varchar"},
    # a person's decisions (etl.decisions), each with the document it names and whether it applied
    "review_decisions": {"sha256": "varchar", "decision": "varchar", "kpi_id": "varchar", "year": "integer",
                         "value": "double", "unit": "varchar", "period": "varchar", "line": "integer",
                         "found_kpi_id": "varchar", "found_value": "double", "reason": "varchar", "decided_at": "varchar",
                         "decided_by": "varchar",
                         "doc_id": "varchar", "state": "varchar", "state_reason": "varchar"},
    "stated_parts": {**_PROVENANCE, "subject": "varchar", "total": "double", "total_precision": "integer",
                     "total_line": "integer", "part_number": "integer", "part_name": "varchar", "part_value": "double",
                     "part_precision": "integer", "part_line": "integer", "quote": "varchar"},
}
