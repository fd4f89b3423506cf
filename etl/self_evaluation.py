"""部门整体支出绩效自评报告 (self-evaluation reports): KPI figures from their prose.

The department's own totals sit in the section headed 部门整体收支情况; figures of
single projects elsewhere in the report (each with its own 全年预算数) are not the
department's. Targets (年度指标值…) are kept as kind 'target'.
"""

from __future__ import annotations

from etl.documents import Document
from etl.extract import MONEY, N, Extraction, Rule, run_rules

BUDGET = "整体收支"  # heading of the section with the department's totals
HOTLINE = r"热线|12345|工单"
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
    # 整体绩效自评分值为 92.58分 / 部门整体支出绩效自评得分为 98.80 分
    Rule("self_eval_score", rf"自评(?:分值|得分)为?{N}分", "分"),
    # 群众评价满意率 99.99% / 办事群众满意度 99.9% / 群众满意率达到 99.8%
    Rule("service_satisfaction_rate", rf"群众(?:评价)?满意(?:率|度)(?:达到|高达|达|为)?{N}%", "%"),
    # “好评率”达 99.99%  (政务服务“好差评”)
    Rule("good_review_rate", rf"好评率”?(?:达到|达|为)?{N}%", "%"),
    # 全区共受理业务约 302 万宗 / 业务受理量共 1223544 件 / 业务受理量 163.37 万件
    Rule("service_cases", rf"(?:业务受理量(?:共)?|受理业务)(?P<qual>约|超过)?{N}(?P<mult>万)?(?:件|宗)", "件"),
    # 服务群众 3138055 人次 / 共服务 1412350 人次
    Rule("service_visits", rf"服务(?:群众)?(?P<qual>约|超过)?{N}(?P<mult>万)?人次", "人次"),
    # 受理工单超过 26万件 / 工单受理量共 23.14 万件 / 办理工单 170245 件
    Rule("hotline_tickets", rf"(?:受理工单|工单受理量|办理工单)(?:共)?(?P<qual>超过|约)?{N}(?P<mult>万)?件", "件",
         context=HOTLINE),
    # 热线工单按时办结率 100% / 依时办结率为 100% / 100%按时办结 / 按时办结率≥95%以上 (a target)
    Rule("hotline_ontime_rate", rf"(?:按时|依时)办结率(?:为|达)?(?P<cmp>≥)?{N}%", "%", context=HOTLINE),
    Rule("hotline_ontime_rate", rf"{N}%(?:按时|依时)办结", "%", context=HOTLINE),
    # 市民满意率高达 78.65% / 热线工单办理市民满意度 78.65% / 综合满意率 87.75%
    Rule("hotline_satisfaction_rate", rf"(?:市民|综合|工单)满意(?:率|度)(?:高达|达到|达|为)?{N}%", "%",
         context=HOTLINE),
    # 年度新建 5G基站 2750座 / 累计建成 5G基站 9892座
    Rule("new_5g_base_stations", rf"新建5G基站{N}(?P<mult>万)?座", "座"),
    Rule("total_5g_base_stations", rf"累计建成5G基站{N}(?P<mult>万)?座", "座"),
    # 免费刻章套数共 25529 套 / 购买印章数量 1.99 万套
    Rule("free_seal_sets", rf"(?:刻章套数(?:共)?|印章数量|刻制印章的?套数)(?P<qual>约|超过)?{N}(?P<mult>万)?套", "套"),
    # 158个系统迁移上云 / 迁移上云系统数量≥100个 (a target) / 实际迁移上云系统 158个
    Rule("cloud_migrated_systems", rf"{N}个系统迁移上云", "个"),
    Rule("cloud_migrated_systems", rf"迁移上云系统(?:数量)?(?P<cmp>≥)?{N}个", "个"),
    # 收到锦旗 111 面，表扬信 279 封
    Rule("praise_letters", rf"表扬信{N}封", "封"),
    Rule("commendation_banners", rf"锦旗{N}面", "面"),
]


def extract(doc: Document) -> Extraction:
    """KPI observations of one self-evaluation report."""
    return Extraction(observations=run_rules(doc, RULES))
