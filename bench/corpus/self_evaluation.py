"""A synthetic 部门整体支出绩效自评报告."""

from __future__ import annotations

import random
from decimal import Decimal

from bench.corpus.common import FILLER, Draft, Facts, facts, filler, half_up, mark, money, rate_text

# ---------------------------------------------------------------------------
# 部门整体支出绩效自评报告
# ---------------------------------------------------------------------------

# (indicator, unit) for 绩效完成情况 sentences: no indicator name holds a phrase a
# prose rule reads.
_INDICATORS = (
    ("自助终端功能数量", "项"), ("自助终端覆盖村数量", "个"), ("预约叫号评价系统部署数量", "个"),
    ("智慧应用建设数量", "个"), ("视频会议系统覆盖镇街数量", "条"), ("项目专家评审会议数量", "场"),
    ("新建开发信息化系统数量", "个"), ("接入城市指挥平台系统数量", "个"), ("使用云资源单位数量", "个"),
    ("提供服务的服务器数量", "台"), ("完成数据分析报告数量", "份"), ("电子证照签发种类", "种"),
    ("网络安全检查次数", "次"), ("政务数据目录编制数量", "条"), ("业务培训场次", "场"), ("系统可用率", "%"),
)
_PROJECTS = ("巩固政务服务改革成效", "加快推进智慧城市建设", "完善数字政务体系建设", "规范政务热线管理",
             "提升数据资源共享水平", "加强网络和信息安全保障")


def write_self_evaluation(draft: Draft, f: Facts, seed: int, rng: random.Random) -> None:
    w, d, y = draft.writer, f.district, f.year
    width = rng.choice([27, 28, 29, 30])
    gap = rng.choice([0, 1, 1])
    para = lambda text: w.paragraph(text, width, gap)  # noqa: E731

    w.blank()
    if rng.random() < 0.5:
        w.line("附件 2")
        w.blank()
    w.line(f"广州市{d}区政务服务数据管理局")
    w.line(f"{y}年部门整体支出")
    w.blank()
    w.line("绩效自评报告")
    w.blank()
    w.line("一、基本情况")
    w.blank()
    w.line("（一）部门概况")
    w.blank()
    para(f"广州市{d}区政务服务数据管理局作为广州市{d}区人民政府所属机构，内设办公室、政务管理科、大数据管理科、热线管理科。")
    for number in range(1, rng.randint(6, 12)):
        para(f"{number}、{rng.choice(FILLER)}")
    w.line("（二）年度总体工作和重点工作任务")
    w.blank()
    para(filler(rng, rng.randint(2, 5), d))

    # Service figures, in one of the phrasings the rules know.
    service = []
    if rng.random() < 0.8:
        style = rng.randrange(3)
        if style == 0:  # 全区共受理业务约 302 万宗，群众评价满意率 99.99%,收到锦旗 111 面，表扬信 279 封
            wan = half_up(Decimal(f.service_cases) / 10_000)
            sentence = (f"{y} 年全区共受理业务约 {draft.stated('service_cases', f'{wan}', '件', 4, qualifier='约')}"
                        f" 万宗，群众评价满意率 {draft.stated('service_satisfaction_rate', f.service_satisfaction_rate, '%')}%，"
                        f"收到锦旗 {draft.stated('commendation_banners', str(f.commendation_banners), '面')} 面，"
                        f"表扬信 {draft.stated('praise_letters', str(f.praise_letters), '封')} 封。")
        elif style == 1:  # 服务群众 3138055 人次，业务受理量共 1223544 件，…群众满意率达到 99.9%
            sentence = (f"{y} 年，{d}区政务服务大厅服务群众 {draft.stated('service_visits', str(f.service_visits), '人次')} 人次，"
                        f"业务受理量共 {draft.stated('service_cases', str(f.service_cases), '件')} 件，"
                        f"表扬信 {draft.stated('praise_letters', str(f.praise_letters), '封')} 封、"
                        f"锦旗 {draft.stated('commendation_banners', str(f.commendation_banners), '面')} 面，"
                        f"群众满意率达到 {draft.stated('service_satisfaction_rate', f.service_satisfaction_rate, '%')}%。")
        else:  # 区及南部政务服务中心业务受理量 163.37 万件
            wan = half_up(Decimal(f.service_cases) / 10_000, 2)
            sentence = (f"{y} 年区政务服务中心业务受理量 {draft.stated('service_cases', f'{wan}', '件', 4)} 万件，"
                        f"政务服务“好差评”好评率达 {draft.stated('good_review_rate', f.good_review_rate, '%')}%。")
        service.append(sentence)
    if rng.random() < 0.5:
        service.append(f"为新开办企业提供免费刻章服务，免费刻章套数共 "
                       f"{draft.stated('free_seal_sets', str(f.free_seal_sets), '套')} 套。")
    for sentence in service:
        para(sentence)

    if rng.random() < 0.6:
        para(f"推进数字新基础设施建设，{d}区年度新建 5G基站 {draft.stated('new_5g_base_stations', str(f.new_5g), '座')}座，"
             f"累计建成 5G基站 {draft.stated('total_5g_base_stations', str(f.total_5g), '座')}座。")
    if rng.random() < 0.6:
        units = rng.randint(20, 60)
        para(f"推进区直各部门信息化系统逐步向政务云平台集中，现已有 {units} 个单位 "
             f"{draft.stated('cloud_migrated_systems', str(f.cloud_migrated_systems), '个')}个系统迁移上云。")

    # The 12345 hotline: whole year (with a change on the previous year), or 1-10月.
    hotline = rng.randrange(3)
    if hotline == 0:
        wan = Decimal(f.hotline_tickets) / 10_000
        previous = facts(seed, d, y - 1).hotline_tickets
        pct = _stated_growth(f.hotline_tickets, previous)
        direction = "增长" if pct >= 0 else "下降"
        pct_text = f"{abs(pct):.2f}"
        tickets = draft.stated("hotline_tickets", f"{wan:.2f}", "件", 4)
        change = draft.key()
        draft.observations.append({"kpi_id": "hotline_tickets", "year": y - 1, "value": float(previous), "precision": 2,
                                   "unit": "件", "kind": "derived", "period": None, "qualifier": None, "mark": change})
        para(f"{y} 年，我区 12345 热线工单受理量共 {tickets} 万件，同比{direction} {mark(change)}{pct_text}%，"
             f"综合满意率 {draft.stated('hotline_satisfaction_rate', f.hotline_satisfaction_rate, '%')}%，"
             f"在全市各区排名第 {rng.randint(1, 11)}名。")
    elif hotline == 1:
        wan = half_up(Decimal(f.hotline_tickets) / 10_000)
        about = "超过" if wan * 10_000 <= f.hotline_tickets else "约"  # "超过 26万件" only when it is more
        para(f"进一步规范 12345政府服务热线管理，我区全年受理工单{about} "
             f"{draft.stated('hotline_tickets', f'{wan}', '件', 4, qualifier=about)}万件，"
             f"{draft.stated('hotline_ontime_rate', f.hotline_ontime_rate, '%')}%按时办结，"
             f"市民满意率高达 {draft.stated('hotline_satisfaction_rate', f.hotline_satisfaction_rate, '%')}%。")
    else:
        para(f"{y} 年 1-10 月，我区办理工单 "
             f"{draft.stated('hotline_tickets', str(f.hotline_tickets_part), '件', period='1-10月')} 件，"
             f"依时办结率为 {draft.stated('hotline_ontime_rate', f.hotline_ontime_rate, '%', period='1-10月')}%。")

    w.line("（三）部门整体收支情况")
    w.blank()
    _budget_section(draft, f, rng, para)

    w.line("二、综合评价分析")
    w.blank()
    w.line("（一）自评结论综述")
    w.blank()
    score = draft.stated("self_eval_score", f.self_eval_score, "分")
    if rng.random() < 0.5:
        para(f"经自评，整体绩效自评分值为 {score}分，自评结果为优。")
    else:
        para(f"{y} 年度区政数局部门整体支出绩效自评得分为 {score} 分。")
    para(filler(rng, rng.randint(2, 4), d))
    w.line("（二）各项目工作任务支出及绩效完成情况分析")
    w.blank()
    for number, project in enumerate(rng.sample(_PROJECTS, rng.randint(2, 4)), start=1):
        _project_results(draft, rng, number, project, width, gap)
    w.line("（三）主要工作成效")
    w.blank()
    para(filler(rng, rng.randint(3, 8), d))
    w.line("三、存在的主要问题")
    w.blank()
    for number in "一二三四":
        para(f"（{number}）{rng.choice(FILLER)}")
    w.line("四、下一步改进措施")
    w.blank()
    for number in "一二三四":
        para(f"（{number}）{rng.choice(FILLER)}")
    # Long reports (番禺 2021 runs to 2,000 lines): more of the same prose.
    w.line("五、附件")
    w.blank()
    para("部门整体支出绩效自评表。")
    for _ in range(rng.randint(6, 26)):
        para(filler(rng, 6, d))


def _stated_growth(current: int, previous: int) -> Decimal:
    """A 同比 percentage (2 decimals) from which the ETL's arithmetic gives back the
    previous year's figure at its precision: current ÷ (1 + pct%) rounded to 100s."""
    exact = (Decimal(current) / Decimal(previous) - 1) * 100
    base = half_up(exact, 2)
    for step in range(0, 60):
        for candidate in (base + Decimal(step) / 100, base - Decimal(step) / 100):
            sign = 1 if candidate >= 0 else -1
            derived = round(float(current) / (1 + sign * float(abs(candidate)) / 100), -2)
            if derived == previous:
                return candidate
    raise ValueError(f"no stated growth gives {previous} from {current}")


def _budget_section(draft: Draft, f: Facts, rng: random.Random, para) -> None:
    """部门整体收支情况 in one of the three phrasings of the real reports; every rate
    stated is the report's own figures' rate (so stated_rate checks pass)."""
    y = f.year
    fig = draft.stated
    bt, be = money(f.budget_total, True), money(f.budget_executed, True)
    rate = rate_text(f.budget_executed, f.budget_total)
    style = rng.randrange(3)
    if style == 0:  # 白云 2021
        para(f"全年预算数 {fig('budget_total', bt, '万元')}万元，"
             f"执行数 {fig('budget_executed', be, '万元')}万元，"
             f"完成预算的 {fig('budget_execution_rate', rate, '%')}%。"
             f"我局较好完成了 {y}年职能职责和各项重点工作任务，整体支出和项目绩效情况较为理想。")
    elif style == 1:  # 增城 2023: the total and its two parts
        bx, px = money(f.basic_expenditure, True), money(f.project_expenditure, True)
        para(f"{y} 年区政数局全年预算数为 {fig('budget_total', bt, '万元')} 万元，均为一般公共预算财政拨款收入，"
             f"全年执行数为 {fig('budget_executed', be, '万元')} 万元（基本支出全年执行数 "
             f"{fig('basic_expenditure', bx, '万元')} 万元，项目支出全年执行数 "
             f"{fig('project_expenditure', px, '万元')} 万元），"
             f"{y} 年部门整体支出执行率为 {fig('budget_execution_rate', rate, '%')}%。")
    else:  # 番禺 2021: by source (with its 其中 parts) and by structure
        own = int(f.budget_total * rng.uniform(0.85, 0.95))
        own_spent = int(f.budget_executed * rng.uniform(0.85, 0.95))
        para(f"1.按资金来源：区政数局 {y}年度部门财政拨款预算数 {fig('budget_total', money(f.budget_total), '万元')}万元，"
             f"其中区政数局本级预算数 {money(own)}万元，区政务服务中心预算数 {money(f.budget_total - own)}万元；"
             f"区政数局 {y}年度部门财政拨款预算执行数 {fig('budget_executed', money(f.budget_executed), '万元')} 万元，"
             f"其中区政数局本级预算数 {money(own_spent)}万元，区政务服务中心预算数 {money(f.budget_executed - own_spent)}万元。"
             f"区政数局 {y}年度整体预算执行率为 {fig('budget_execution_rate', rate, '%')}%。")
        para("2.按资金结构：")
        for label, budget, spent, budget_kpi, spent_kpi, rate_kpi in (
                ("基本支出", f.basic_budget, f.basic_expenditure, "basic_budget", "basic_expenditure", "basic_execution_rate"),
                ("项目支出", f.project_budget, f.project_expenditure, "project_budget", "project_expenditure",
                 "project_execution_rate")):
            number = "1" if label == "基本支出" else "2"
            part_rate = rate_text(spent, budget)
            para(f"（{number}）区政数局 {y}年度{label}预算数 {fig(budget_kpi, money(budget), '万元')}万元；"
                 f"区政数局 {y} 年度部门{label}数 {fig(spent_kpi, money(spent), '万元')}万元。"
                 f"区政数局 {y}年度{label}执行率 {fig(rate_kpi, part_rate, '%')}%。")
    para(filler(rng, rng.randint(1, 3), f.district))


def _project_results(draft: Draft, rng: random.Random, number: int, project: str, width: int, gap: int) -> None:
    """One project: its budget line and its indicators, one sentence each
    ("（1）name：年度指标值为name≥150台，实际完成name 962台；"), as 白云 2021 writes them."""
    w = draft.writer
    w.line(f"{number}.{project}")
    w.blank(gap)
    budget = rng.randint(10_000, 400_000) * 100 + rng.randint(0, 99)
    spent = int(budget * rng.uniform(0.9, 1.0))
    w.paragraph(f"全年预算数 {money(budget, True)}万元，执行数 {money(spent, True)}万元，完成预算的 {rate_text(spent, budget)}%。",
                width, gap)
    w.line("绩效完成情况")
    w.blank(gap)
    chosen = rng.sample(_INDICATORS, rng.randint(2, 5))
    for item, (name, unit) in enumerate(chosen, start=1):
        if unit == "%":
            target = Decimal(rng.choice([90, 95, 98, 99]))
            actual = half_up(Decimal(rng.uniform(85, 100)), 1)
            target_text, actual_text = f"{target}", f"{actual}"
        else:
            target = Decimal(rng.randint(2, 300))
            actual = target + rng.randint(-2, 40) if target > 2 else target + rng.randint(0, 40)
            target_text, actual_text = f"{target}", f"{actual}"
        end = "。" if item == len(chosen) else "；"
        key = draft.key()
        draft.row("performance_indicators", {
            "project": project, "indicator": name, "target_value": float(target), "actual_value": float(actual),
            "unit": unit, "comparator": "≥", "met": actual >= target,
        }, key)
        w.paragraph(f"{mark(key)}（{item}）{name}：年度指标值为{name}≥{target_text}{unit}，实际完成{name} {actual_text}{unit}{end}",
                    width, gap)


