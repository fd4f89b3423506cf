"""部门整体支出绩效自评报告 (self-evaluation reports): KPI figures from their prose.

The department's own totals sit in the section headed 部门整体收支情况; figures of
single projects elsewhere in the report (each with its own 全年预算数) are not the
department's. Targets (年度指标值…) are kept as kind 'target'.
"""

from __future__ import annotations

from etl.documents import Document
from etl.extract import MONEY, Extraction, N, Rule, run_rules
from etl.performance_indicators import extract_indicators
from etl.prose_rules import PROSE_RULES
from etl.stated_parts import extract_stated_parts

BUDGET = "整体收支"  # heading of the section with the department's totals
NOT_AFTER_SPENDING = r"(?<!支出)(?<!支出全年)"

RULES: list[Rule] = [
    # 全年预算数 6,302.34万元 / 部门财政拨款预算数 11092.98万元 / 全年预算数为 6,096.74 万元
    Rule("budget_total", rf"(?:全年|部门财政拨款|部门)预算数(?:为)?{N}{MONEY}", "万元", section=BUDGET),
    # 执行数 6,268.76万元 / 预算执行数 10340.03 万元 / 全年执行数为 6,094.53 万元 (not 基本支出全年执行数)
    Rule("budget_executed", rf"{NOT_AFTER_SPENDING}(?:全年执行数|执行数)(?:为)?{N}{MONEY}", "万元", section=BUDGET),
    # 完成预算的 99.5% / 整体预算执行率为 93.2% / 部门整体支出执行率为 99.96%
    Rule("budget_execution_rate", rf"(?:完成预算的|预算执行率为?|整体支出执行率为?){N}%", "%", section=BUDGET),
    Rule("basic_budget", rf"基本支出预算数(?:为)?{N}{MONEY}", "万元", section=BUDGET),
    Rule("basic_expenditure", rf"基本支出(?:全年执行数|数)(?:为)?{N}{MONEY}", "万元", section=BUDGET),
    Rule("basic_execution_rate", rf"基本支出执行率(?:为)?{N}%", "%", section=BUDGET),
    Rule("project_budget", rf"项目支出预算数(?:为)?{N}{MONEY}", "万元", section=BUDGET),
    Rule("project_expenditure", rf"项目支出(?:全年执行数|数)(?:为)?{N}{MONEY}", "万元", section=BUDGET),
    Rule("project_execution_rate", rf"项目支出执行率(?:为)?{N}%", "%", section=BUDGET),
    *PROSE_RULES,
]


def extract(doc: Document) -> Extraction:
    """KPI observations of one self-evaluation report, its indicator results and the
    parts it breaks its totals into."""
    return Extraction(observations=run_rules(doc, RULES),
                      tables={"performance_indicators": extract_indicators(doc), "stated_parts": extract_stated_parts(doc)})
