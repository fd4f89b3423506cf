"""A synthetic 项目支出绩效目标表."""

from __future__ import annotations

import random

from bench.corpus.common import FILLER, Draft, Facts, mark, money, split

# ---------------------------------------------------------------------------
# 项目支出绩效目标表
# ---------------------------------------------------------------------------

_PROJECT_NAMES = ("电子政务外网升级改造项目", "政务服务大厅运行保障经费", "数字政府建设专项资金", "政务云平台运维服务经费",
                  "业务办公用房经费", "后勤保障经费", "电子公务团队经费", "免费刻章经费", "政务晓屋智慧政务体系运行管理经费",
                  "放管服改革优化政务服务专项经费", "民生卡应用推广经费", "信息基础设施规划管理年度专项经费",
                  "政务热线运行管理经费", "政务数据资源管理平台建设经费", "网络安全等级保护测评经费", "视频会议系统运维经费",
                  "政府网站集约化平台运维经费", "城市运行管理中枢建设经费", "工作经费", "档案数字化加工经费",
                  "智慧城市运行监测平台经费", "政务服务标准化建设经费")
_LEVELS = (("1-产出指标", ("11-数量指标", "12-质量指标", "13-时效指标", "14-成本指标")),
           ("2-效益指标", ("21-经济效益", "22-社会效益")), ("3-满意度指标", ("31-服务对象满意度",)))
_TARGET_ITEMS = (("系统维护率", "%"), ("运维质量率", "%"), ("故障报修响应时间", "小时"), ("用户满意率", "%"),
                 ("推进信息化项目数量", "个"), ("验收次数", "次"), ("培训人次", "人次"), ("服务对象满意度", "%"),
                 ("数据归集条数", "万条"), ("布设的政务晓屋", "台"), ("资金支付率", "%"), ("工作人员", "人"),
                 ("开展检查次数", "次"), ("完成事项梳理数量", "项"))


def write_project_targets(draft: Draft, f: Facts, rng: random.Random) -> None:
    w, d, y = draft.writer, f.district, f.year
    unit_name = f"广州市{d}区政务服务数据管理局本级"
    names = rng.sample(_PROJECT_NAMES, rng.randint(14, 22))
    amounts = split(f.project_budget, len(names), rng)
    total = f.project_budget
    w.blank()
    w.line("项目支出绩效目标表（含转移支付项目）")
    w.line(f"单位名称：{d}区政务服务数据管理局（本级） 单位：万元")
    w.blank()
    w.line("项目名称（资金使用单")
    w.line("位）")
    w.blank()
    w.line("总计 财政拨款")
    w.line("财政专户")
    w.line("拨款")
    w.blank()
    w.line("其他资金 绩效目标 绩效指标")
    w.blank()
    budget = draft.stated("project_budget", money(total, True), "万元")
    w.line(f"合计 {budget} {money(total, True)}")
    draft.row("table_totals", {"scope": "合计", "column_name": "total", "value": total / 100})
    draft.row("table_totals", {"scope": "合计", "column_name": "fiscal", "value": total / 100})
    w.blank()
    w.line(f"广州市{d}区政务服务")
    w.blank()
    w.line("数据管理局本级")
    w.line(f"{money(total, True)} {money(total, True)}")
    draft.row("table_totals", {"scope": unit_name, "column_name": "total", "value": total / 100})
    draft.row("table_totals", {"scope": unit_name, "column_name": "fiscal", "value": total / 100})
    w.blank()
    repeated = rng.randrange(len(names)) if rng.random() < 0.3 else None
    for index, (base, amount) in enumerate(zip(names, amounts, strict=True)):
        name = f"{d}区{base}" if rng.random() < 0.5 else base
        blocks = 2 if index == repeated else 1
        indicators = _indicator_list(rng, y)
        goal = f"{y}年，" + "".join(rng.choice(FILLER) for _ in range(rng.randint(1, 3)))
        for copy in range(blocks):
            key = draft.key()
            amount_text = f"{money(amount, True)} {money(amount, True)}"
            if len(name) <= 10:
                w.line(f"    {mark(key)}{name} {amount_text}")
            else:
                cut = rng.randint(6, 9)
                w.line(f"    {mark(key)}{name[:cut]}")
                w.line(name[cut:])
                w.blank()
                w.line(amount_text)
            w.blank()
            if copy == 0:
                draft.row("projects", {"unit_name": unit_name, "project_name": name, "total": amount / 100,
                                       "fiscal": amount / 100, "indicator_count": len(indicators)}, key)
            else:  # a block repeated at a page break: kept once, reported
                draft.row("repeated_rows", {"key": name}, None)
            w.paragraph(goal, 21, gap=0)
            w.blank()
            text = ""
            for seq, (level1, level2, item, target, unit) in enumerate(indicators, start=1):
                seq_key = f"{key}i{seq}"
                text += (f"{mark(seq_key)}{seq}、{level1}；{level2}；{item}；实施周期指标值:{target}{unit}；"
                         f"年度指标值:{target}{unit}。")
                if copy == 0:
                    value = float(target) * (10_000 if unit.startswith("万") else 1)  # 12万条 -> 120000 条
                    draft.row("project_indicators", {"project_name": name, "seq": seq, "indicator": item,
                                                     "target_value": value}, seq_key)
            w.paragraph(text, 34, gap=rng.choice([0, 1]))
            w.blank(1 if copy == 0 and blocks == 1 else 3)


def _indicator_list(rng: random.Random, year: int) -> list[tuple[str, str, str, str, str]]:
    chosen = []
    for item, unit in rng.sample(_TARGET_ITEMS, rng.randint(3, 5)):
        level1, level2s = _LEVELS[2] if "满意" in item else rng.choice(_LEVELS[:2])
        if unit == "%":
            target = str(rng.choice([90, 95, 98, 99, 100]))
        else:
            target = str(rng.randint(1, 400))
        chosen.append((level1, rng.choice(level2s), item, target, unit))
    return chosen


