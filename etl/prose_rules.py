"""Figures any kind of report may state in its prose: service volumes and
satisfaction, the 12345 hotline, 5G, free seals, cloud migration, self-evaluation
scores. Each rule is written from the genre's vocabulary (the ways Chinese
government reports state the figure), never from a line or value; the sentences
beside each rule are its tests (tests/test_vocabulary.py holds them, with the
sources' own sentences in tests/test_kpi_extraction.py).

What every rule gets from the engine (etl.extract.run_rules): a figure whose clause
names a larger area (全市, 全省…) is not the district's; a figure inside a 其中
breakdown is a part, not a total; 年度指标值 / 目标值 / ≥ make a target; a part of
the year (1-10月) is kept as the figure's period; 约 / 超过 as its qualifier.
"""

from __future__ import annotations

from etl.extract import VALUE, Rule

HOTLINE = r"热线|12345|工单"
# 约 302 万宗 / 超过 26万件 / 逾 1.2万件 / 近 3000 件 (逾 and 超 are 超过; 近 is 约)
QUAL = r"(?P<qual>约|超过|逾|超|近)?"
MULT = r"(?P<mult>万|亿)?"
VERB = r"(?:共|总计|合计|累计|全年)?(?:达到|高达|达|为|是|约为)?"

PROSE_RULES: list[Rule] = [
    # 整体绩效自评分值为 92.58分 / 部门整体支出绩效自评得分为 98.80 分 / 自评总分 95 分 / 综合评分为96.5分
    # (not 项目平均得分 99.43 分: a project's or an average score is not the department's)
    # 部门整体支出绩效评价得分96分 (but not 项目绩效评价得分, 平均得分: see not_lead)
    Rule("self_eval_score", rf"(?:自评(?:分值|得分|总分|分数)|综合(?:得分|评分)|评价(?:得分|总分))(?:为|是|达)?{VALUE}分", "分",
         not_lead=r"项目|平均"),
    # 群众评价满意率 99.99% / 办事群众满意度 99.9% / 群众满意率达到 99.8% / 企业群众满意度达99.6% /
    # 政务服务满意率为 99.95%  (in a hotline sentence it is the hotline's: see hotline_satisfaction_rate)
    # 群众满意度评价达 99.9%
    Rule("service_satisfaction_rate", rf"(?:群众(?:评价|办事)?|政务服务(?:群众)?|办事企业)满意(?:率|度)(?:评价)?{VERB}{VALUE}%", "%",
         not_context=r"热线|12345"),
    # “好评率”达 99.99% / 好差评好评率为99.98%
    Rule("good_review_rate", rf"好评率”?{VERB}{VALUE}%", "%"),
    # 全区共受理业务约 302 万宗 / 全区共受理政务业务417.03万宗 / 业务受理量共 1223544 件 / 业务受理量 163.37 万件 /
    # 全年办件量 58.6 万件 / 政务服务事项办理量达 120.5 万件 / 共办理政务服务业务 98,765 件
    # (not 受理政策兑现事项 283 宗, one kind of matter; not “照前三证合一”系统受理办件 11556 宗, one system's;
    # not the hotline's 工单受理量)
    # 全区政务服务大厅累计办件 86.3 万件 (not 至今共受理办件 3113 宗 of one system, 番禺 2019 决算 line 1446)
    Rule("service_cases",
         rf"(?:(?<!工单)受理量|(?<!工单)办件(?:总)?(?:量|数)|(?:累计|全年|共)办件|(?<!工单)办理量|受理(?:政务)?(?:服务)?业务|"
         rf"办理(?:政务)?(?:服务)?业务){VERB}{QUAL}{VALUE}{MULT}(?:件|宗|笔)", "件", not_context=HOTLINE, not_lead=r"系统|窗口|专区|项目"),
    # 服务群众 3138055 人次 / 共服务 1412350 人次 / 接待办事群众 45.2万人次
    Rule("service_visits", rf"(?:服务|接待)(?:办事)?(?:群众|企业群众|市民)?{VERB}{QUAL}{VALUE}{MULT}人次", "人次"),
    # 受理工单超过 26万件 / 工单受理量共 23.14 万件 / 办理工单 170245 件 / 12345热线办件量 31.2万件 / 热线受理量达 28,766 件
    # 12345热线共受理群众诉求 18.7 万件 / 转办工单 9,870 件 / 12345热线工单共 1.2 万件
    Rule("hotline_tickets",
         rf"(?:(?:受理|办理|转办|接收)(?:群众|市民|企业)?(?:各类)?(?:诉求)?工单|(?:受理|办理)(?:群众|市民|企业)?(?:各类)?诉求|"
         rf"工单(?:受理|办理)?量|(?:热线|12345)[^，,；;。]{{0,8}}?(?:受理|办件|办理)量|(?:热线|12345)[^，,；;。]{{0,6}}?工单)"
         rf"{VERB}{QUAL}{VALUE}{MULT}(?:件|宗)", "件",
         context=HOTLINE),
    # 热线工单按时办结率 100% / 依时办结率为 100% / 按期办结率达99.2% / 及时办结率 98% / 100%按时办结 / 按时办结率≥95%以上 (a target)
    Rule("hotline_ontime_rate", rf"(?:按时|依时|按期|及时)办结率{VERB}(?P<cmp>≥)?{VALUE}%", "%", context=HOTLINE),
    Rule("hotline_ontime_rate", rf"{VALUE}%(?:按时|依时|按期|及时)办结", "%", context=HOTLINE),
    # 市民满意率高达 78.65% / 热线工单办理市民满意度 78.65% / 综合满意率 87.75% / 12345热线满意度为96.3%
    Rule("hotline_satisfaction_rate", rf"(?:市民|综合|工单|热线|来电|12345)满意(?:率|度){VERB}{VALUE}%", "%", context=HOTLINE),
    # 12345热线…群众满意率 95.1% (in a sentence about the hotline; elsewhere it is service_satisfaction_rate)
    Rule("hotline_satisfaction_rate", rf"群众(?:评价)?满意(?:率|度){VERB}{VALUE}%", "%", context=r"热线|12345"),
    # 年度新建 5G基站 2750座 / 新建5G基站1,203个 / 新增5G基站356座 / 全年新开通5G基站 1,020 个
    Rule("new_5g_base_stations", rf"(?:新建|新增|新开通)(?:了)?5G(?:基站|站点|宏站)?{VERB}{VALUE}{MULT}(?:座|个|站)", "座"),
    # 累计建成 5G基站 9892座 / 全区已建成5G基站2296座 / 累计开通5G基站4,567个 / 5G基站累计达到 3,210 座
    Rule("total_5g_base_stations", rf"(?:累计|已|共)(?:建成|建设|开通)(?:了)?5G(?:基站|站点)?{VERB}{VALUE}{MULT}(?:座|个|站)", "座"),
    Rule("total_5g_base_stations", rf"5G(?:基站|站点)(?:总数|累计|总量){VERB}{VALUE}{MULT}(?:座|个|站)", "座"),
    # 免费刻章套数共 25529 套 / 购买印章数量 1.99 万套 / 为新开办企业免费刻制印章 3,512 套 / 免费刻章1.2万套
    Rule("free_seal_sets",
         rf"(?:刻章套数|印章数量|刻制印章的?套数|免费刻(?:制印)?章|免费刻制(?:公章|印章)|免费(?:发放)?印章)(?:共|累计|达到|达|为)?{QUAL}{VALUE}{MULT}套",
         "套"),
    # 158个系统迁移上云 / 迁移上云系统数量≥100个 (a target) / 实际迁移上云系统 158个 / 32个业务系统迁移至政务云 /
    # 完成上云部署的系统 45 个
    Rule("cloud_migrated_systems",
         rf"{VALUE}个(?:业务|信息)?(?:系统|应用)(?:完成)?(?:迁移上云|迁移至政务云|迁入政务云|上云部署|部署上云|上云)", "个"),
    # 累计上云系统达 210 个
    Rule("cloud_migrated_systems",
         rf"(?:迁移上云|迁移至政务云|迁入政务云|上云部署|部署上云|上云)的?(?:业务|信息)?(?:系统|应用)(?:数量|数)?{VERB}(?P<cmp>≥)?{VALUE}个",
         "个"),
    # 收到锦旗 111 面，表扬信 279 封 / 收到锦旗 51 面，表扬 186 封
    Rule("praise_letters", rf"表扬信?{VERB}{VALUE}封", "封"),
    Rule("commendation_banners", rf"锦旗{VERB}{VALUE}面", "面"),
]
