"""Figures any kind of report may state in its prose: service volumes and
satisfaction, the 12345 hotline, 5G, free seals, cloud migration, self-evaluation
scores. Each rule is written from the genre's phrasing, never from a line or value.
"""

from __future__ import annotations

from etl.extract import N, Rule

HOTLINE = r"热线|12345|工单"

PROSE_RULES: list[Rule] = [
    # 整体绩效自评分值为 92.58分 / 部门整体支出绩效自评得分为 98.80 分
    Rule("self_eval_score", rf"自评(?:分值|得分)为?{N}分", "分"),
    # 群众评价满意率 99.99% / 办事群众满意度 99.9% / 群众满意率达到 99.8%
    Rule("service_satisfaction_rate", rf"群众(?:评价)?满意(?:率|度)(?:达到|高达|达|为)?{N}%", "%"),
    # “好评率”达 99.99%  (政务服务“好差评”)
    Rule("good_review_rate", rf"好评率”?(?:达到|达|为)?{N}%", "%"),
    # 全区共受理业务约 302 万宗 / 全区共受理政务业务417.03万宗 / 业务受理量共 1223544 件 / 业务受理量 163.37 万件
    Rule("service_cases", rf"(?:业务受理量(?:共)?|受理(?:政务)?业务)(?P<qual>约|超过)?{N}(?P<mult>万)?(?:件|宗)", "件"),
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
    # 年度新建 5G基站 2750座 / 累计建成 5G基站 9892座 / 全区已建成5G基站2296座
    Rule("new_5g_base_stations", rf"新建5G基站{N}(?P<mult>万)?座", "座"),
    Rule("total_5g_base_stations", rf"(?:累计|已)建成5G基站{N}(?P<mult>万)?座", "座"),
    # 免费刻章套数共 25529 套 / 购买印章数量 1.99 万套
    Rule("free_seal_sets", rf"(?:刻章套数(?:共)?|印章数量|刻制印章的?套数)(?P<qual>约|超过)?{N}(?P<mult>万)?套", "套"),
    # 158个系统迁移上云 / 迁移上云系统数量≥100个 (a target) / 实际迁移上云系统 158个
    Rule("cloud_migrated_systems", rf"{N}个系统迁移上云", "个"),
    Rule("cloud_migrated_systems", rf"迁移上云系统(?:数量)?(?P<cmp>≥)?{N}个", "个"),
    # 收到锦旗 111 面，表扬信 279 封 / 收到锦旗 51 面，表扬 186 封
    Rule("praise_letters", rf"表扬信?{N}封", "封"),
    Rule("commendation_banners", rf"锦旗{N}面", "面"),
]
