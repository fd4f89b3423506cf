"""部门预算 (a department's budget for the coming year): the same national template as
the 部门决算, for the budget year, as budget_lines with stage 'budget' (see
etl.final_accounts_tables: | rows or plain text, 单位：元 converted to 万元).

A 部门预算 states the year's initial budget; the catalog's budget_total is the
full-year budget after adjustments (全年预算数), so no KPI figure is read from it.
"""

from __future__ import annotations

from etl.documents import Document
from etl.extract import Extraction
from etl.final_accounts_tables import parse_budget_lines


def extract(doc: Document) -> Extraction:
    """The budget's tables as budget lines (no KPI observations)."""
    return Extraction(observations=[], tables={"budget_lines": parse_budget_lines(doc, stage="budget")})
