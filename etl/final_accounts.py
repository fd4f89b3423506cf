"""部门决算 (final accounts): KPI figures from the explanations (第三部分), and
every figure of the standard tables (第二部分) as budget_lines (see
etl.final_accounts_tables).

The year's spending (本年支出), its basic and project parts, and 三公经费 are stated
in prose, each with its change against the previous year's 决算 ("比上年决算数增加
272.42 万元"), which gives the previous year a derived value.
"""

from __future__ import annotations

from etl.documents import Document
from etl.extract import MONEY, VALUE, Extraction, Rule, run_rules
from etl.final_accounts_tables import parse_budget_lines, prose_item_parts
from etl.prose_rules import PROSE_RULES
from etl.reading import with_rules

RULES: list[Rule] = [
    # 年度总支出 5304.66 万元，其中本年支出 5270.40 万元 (本年支出 is itself a part of 总支出)
    Rule("budget_executed", rf"本年支出(?:合计)?{VALUE}{MONEY}", "万元", in_enumeration=True, definition="final_accounts"),
    # 1. 基本支出 1186.59 万元，比上年决算数增加 272.42 万元 (not 其中基本支出 0.00 万元 of one fund)
    Rule("basic_expenditure", rf"基本支出{VALUE}{MONEY}", "万元", definition="final_accounts"),
    Rule("project_expenditure", rf"项目支出{VALUE}{MONEY}", "万元", definition="final_accounts"),
    # “三公”经费财政拨款支出决算为4.75万元，完成预算12.30万元的38.62% /
    # 2016年“三公”经费公共财政拨款支出6.84万元 (平潭 2016 决算说明)
    Rule("three_public_expenses", rf"三公”?经费(?:公共)?(?:财政拨款)?支出(?:决算)?(?:数)?(?:为|是)?{VALUE}{MONEY}", "万元"),
    # 部门整体支出绩效表: | 部门整体预算完成率： | 68.31% |
    Rule("budget_execution_rate", rf"部门整体预算(?:完成|执行)率[：:]?\|*{VALUE}%", "%",
         note="取自部门决算的部门整体支出绩效表（部门整体预算完成率），表中未给出预算数，基数可能与自评报告的执行率不同 "
              "(from the final accounts' overall performance table, 部门整体预算完成率: no budget figure is given, its base "
              "may differ from a self-evaluation's execution rate)",
         definition="final_accounts"),
    # 全区共受理政务业务417.03万宗，群众评价满意率99.92% / 全区已建成5G基站2296座 …
    *PROSE_RULES,
]


# What the reading takes from a 决算's prose beyond its rules: the year's spending, its
# basic and project parts, and “三公”经费 (its tables are budget lines, read apart).
READ_KPIS = frozenset({"budget_executed", "basic_expenditure", "project_expenditure", "three_public_expenses"})


def extract(doc: Document) -> Extraction:
    """KPI observations of one final-accounts document, and its tables' figures."""
    observations = with_rules(doc, run_rules(doc, RULES), tables=False, kpis=READ_KPIS,
                              definitions=dict.fromkeys(READ_KPIS - {"three_public_expenses"}, "final_accounts"), derive=False)
    return Extraction(observations=observations,
                      tables={"budget_lines": parse_budget_lines(doc), "stated_parts": prose_item_parts(doc)})
