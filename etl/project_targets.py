"""项目支出绩效目标表 (project targets): the budget year's project total.

The table opens with 合计 (the total of every project, in 万元 as its header says)
before the first unit's and projects' rows.
"""

from __future__ import annotations

from etl.documents import Document
from etl.extract import N, Extraction, Rule, run_rules

RULES: list[Rule] = [
    # 其他资金 绩效目标 绩效指标 / 合计 6,028.01 6,028.01
    Rule("project_budget", rf"绩效指标合计{N}", "万元"),
]


def extract(doc: Document) -> Extraction:
    """KPI observations of one project-targets table."""
    return Extraction(observations=run_rules(doc, RULES))
