"""部门整体支出绩效自评报告 (self-evaluation reports): KPI figures from their prose.

The department's own totals sit in the section headed 部门整体收支情况; figures of
single projects elsewhere in the report (each with its own 全年预算数) are not the
department's. Targets (年度指标值…) are kept as kind 'target'.
"""

from __future__ import annotations

from etl.documents import BUDGET_SECTION, Document
from etl.extract import MONEY, VALUE, Extraction, Rule, run_rules
from etl.performance_indicators import extract_indicators
from etl.prose_rules import PROSE_RULES
from etl.reading import with_rules
from etl.stated_parts import extract_stated_parts

NOT_AFTER_SPENDING = r"(?<!支出)(?<!支出全年)"

RULES: list[Rule] = [
    # 全年预算数 6,302.34万元 / 部门财政拨款预算数 11092.98万元 / 全年预算数为 6,096.74 万元 / 预算总额 3,200万元 /
    # 年度预算数为 4,210.5万元 (not 年初预算数: the initial budget)
    Rule("budget_total", rf"(?:(?:全年|年度|部门财政拨款|部门)预算数|全年预算|预算总(?:额|数))(?:为|是|共)?{VALUE}{MONEY}", "万元",
         section=BUDGET_SECTION),
    # 执行数 6,268.76万元 / 预算执行数 10340.03 万元 / 全年执行数为 6,094.53 万元 (not 基本支出全年执行数)
    # 全年实际支出 2,870.5万元 / 全年支出 2,870.5万元
    Rule("budget_executed",
         rf"{NOT_AFTER_SPENDING}(?:全年执行数|执行数|(?:全年)?实际支出(?:数|金额)?|全年支出(?:数)?)(?:为|是|共)?{VALUE}{MONEY}",
         "万元", section=BUDGET_SECTION),
    # 完成预算的 99.5% / 整体预算执行率为 93.2% / 部门整体支出执行率为 99.96% / 预算执行率达 98.6% / 预算完成率为 97%
    # (not 基本支出执行率 / 项目支出执行率, their own KPIs; not 转移支付执行率 0.0%, one kind of funds)
    Rule("budget_execution_rate",
         rf"(?:完成预算的|整体支出执行率|(?<!支出)(?<!支付)预算(?:执行|完成)(?:率|进度)|(?:部门|整体)执行率)"
         rf"(?:为|达到|达|是)?{VALUE}%", "%",
         section=BUDGET_SECTION),
    Rule("basic_budget", rf"基本支出预算数(?:为)?{VALUE}{MONEY}", "万元", section=BUDGET_SECTION),
    Rule("basic_expenditure", rf"基本支出(?:全年执行数|实际支出|执行数|数)(?:为|是)?{VALUE}{MONEY}", "万元", section=BUDGET_SECTION),
    Rule("basic_execution_rate", rf"基本支出(?:预算)?执行率(?:为|达到|达|是)?{VALUE}%", "%", section=BUDGET_SECTION),
    Rule("project_budget", rf"项目支出预算数(?:为)?{VALUE}{MONEY}", "万元", section=BUDGET_SECTION),
    Rule("project_expenditure", rf"项目支出(?:全年执行数|实际支出|执行数|数)(?:为|是)?{VALUE}{MONEY}", "万元", section=BUDGET_SECTION),
    Rule("project_execution_rate", rf"项目支出(?:预算)?执行率(?:为|达到|达|是)?{VALUE}%", "%", section=BUDGET_SECTION),
    *PROSE_RULES,
]


def extract(doc: Document) -> Extraction:
    """KPI observations of one self-evaluation report, its indicator results and the
    parts it breaks its totals into."""
    return Extraction(observations=with_rules(doc, run_rules(doc, RULES)),
                      tables={"performance_indicators": extract_indicators(doc), "stated_parts": extract_stated_parts(doc)})
