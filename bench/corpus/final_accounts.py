"""A synthetic 部门决算: its tables, split across pages with headers repeated."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from bench.corpus.common import FILLER, Draft, Facts, facts, filler, half_up, mark, money, split

# ---------------------------------------------------------------------------
# 部门决算
# ---------------------------------------------------------------------------

# 功能分类: 类 -> 款 -> 项, and whether a 项 carries basic or project spending.
_FUNCTIONS = (
    ("201", "一般公共服务支出", (("20103", "政府办公厅（室）及相关机构事务", (
        ("2010301", "行政运行", "basic"), ("2010302", "一般行政管理事务", "project"),
        ("2010350", "事业运行", "basic"), ("2010399", "其他政府办公厅（室）及相关机构事务支出", "project"))),)),
    ("206", "科学技术支出", (("20605", "科技条件与服务", (("2060503", "科技条件专项", "project"),)),)),
    ("208", "社会保障和就业支出", (("20805", "行政事业单位养老支出", (
        ("2080501", "行政单位离退休", "basic"), ("2080505", "机关事业单位基本养老保险缴费支出", "basic"),
        ("2080506", "机关事业单位职业年金缴费支出", "basic"))),)),
    ("210", "卫生健康支出", (("21011", "行政事业单位医疗", (("2101101", "行政单位医疗", "basic"),)),)),
    ("221", "住房保障支出", (("22102", "住房改革支出", (("2210201", "住房公积金", "basic"),)),)),
)
# 经济分类 of basic spending: (类, name, side, children)
_ECONOMIC = (
    ("301", "工资福利支出", "人员经费", (("30101", "基本工资"), ("30102", "津贴补贴"), ("30107", "绩效工资"),
                                     ("30108", "机关事业单位基本养老保险缴费"), ("30113", "住房公积金"), ("30199", "其他工资福利支出"))),
    ("303", "对个人和家庭的补助", "人员经费", (("30302", "退休费"), ("30305", "生活补助"))),
    ("302", "商品和服务支出", "公用经费", (("30201", "办公费"), ("30211", "差旅费"), ("30217", "公务接待费"),
                                     ("30231", "公务用车运行维护费"), ("30299", "其他商品和服务支出"))),
)
_SUMMARY_EXPENDITURE = ("一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
                        "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
                        "农林水支出", "交通运输支出", "资源勘探信息等支出", "商业服务业等支出", "金融支出",
                        "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
                        "灾害防治及应急管理支出", "其他支出")
_SUMMARY_INCOME = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                   "附属单位上缴收入", "其他收入")
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
             "十七", "十八", "十九", "二十", "二十一", "二十二")



@dataclass
class _TableRow:
    cells: list[str]
    figures: list[dict]  # budget_lines rows this printed row yields (without line)


def _table(draft: Draft, title: str, header: list[str], rows: list[_TableRow], repeat: list[_TableRow],
           rng: random.Random, first_page_label: str | None = None, page_rows: int = 12) -> None:
    """A 部门决算表 split into pages: each page repeats the title, 部门, 单位, the
    header rows and the `repeat` rows (合计), as the PDF text does."""
    w = draft.writer
    organisation = f"广州市{draft.district}区政务服务数据管理局"
    width = len(header[0].split("|")) - 2
    separator = "|" + "|".join("-" * rng.randint(3, 12) for _ in range(width)) + "|"
    chunks = [rows[i:i + page_rows] for i in range(0, len(rows), page_rows)] or [[]]
    for page, chunk in enumerate(chunks):
        if page == 0 and first_page_label:
            w.line(first_page_label)
            w.blank()
        w.line(title)
        w.blank()
        w.line(f"部门：{organisation}")
        w.blank()
        w.line("单位：万元")
        w.blank()
        w.line(header[0])
        w.line(separator)
        for line in header[1:]:
            w.line(line)
        for row in [*repeat, *chunk]:
            key = draft.key()
            w.line(mark(key) + "| " + " | ".join(row.cells) + " |")
            if page == 0 or row not in repeat:
                for figure in row.figures:
                    draft.row("budget_lines", {"table_name": title, **figure}, key)
        w.blank()
    w.line("注：本表金额转换为万元时，因四舍五入可能存在尾差。")
    w.blank()


def _figure_cells(code: str | None, name: str, columns: list[str], values: list[int]) -> _TableRow:
    return _TableRow(
        cells=["" if code is None else code, name, *[money(v) for v in values]],
        figures=[{"code": code, "name": name, "column_name": column, "value": v / 100} for column, v in zip(columns, values, strict=True)],
    )


def write_final_accounts(draft: Draft, f: Facts, seed: int, rng: random.Random) -> None:
    w, d, y = draft.writer, f.district, f.year
    organisation = f"广州市{d}区政务服务数据管理局"
    previous = facts(seed, d, y - 1)

    # Spending by 项: basic and project spending spread over the codes that carry them.
    basic_items = [i for _, _, kuan in _FUNCTIONS for _, _, items in kuan for i in items if i[2] == "basic"]
    project_items = [i for _, _, kuan in _FUNCTIONS for _, _, items in kuan for i in items if i[2] == "project"]
    spending: dict[str, tuple[int, int]] = {}
    for (code, _, _), share in zip(basic_items, split(f.basic_expenditure, len(basic_items), rng), strict=True):
        spending[code] = (share, 0)
    for (code, _, _), share in zip(project_items, split(f.project_expenditure, len(project_items), rng), strict=True):
        spending[code] = (0, share)

    def total(code: str) -> tuple[int, int]:
        parts = [v for k, v in spending.items() if k.startswith(code)]
        return sum(p[0] for p in parts), sum(p[1] for p in parts)

    coded: list[tuple[str, str]] = []
    for lei, lei_name, kuan in _FUNCTIONS:
        coded.append((lei, lei_name))
        for kuan_code, kuan_name, items in kuan:
            coded.append((kuan_code, kuan_name))
            coded += [(code, name) for code, name, _ in items]
    executed = f.budget_executed

    w.blank()
    w.line(f"{y} 年{organisation} 部 门决算")
    w.blank()
    w.line("目 录")
    w.blank()
    for part in (f"第一部分 {organisation} 概况", f"第二部分 {organisation} {y} 年部门决算表",
                 f"第三部分 {organisation} {y} 年部门决算情况说明", f"第四部分 {organisation} 部门整体绩效管理情况", "第五部分 名词解释"):
        w.line(part)
        w.blank()
    w.line(f"第一部分 {organisation}概况")
    w.blank()
    w.line("（一）部门主要职责")
    w.blank()
    for number in _NUMERALS[:rng.randint(6, 12)]:
        w.line(f"（{number}）{rng.choice(FILLER)}")
        w.blank()
    w.line("（二）部门决算单位构成")
    w.blank()
    w.line(f"按照部门决算编报要求，纳入{organisation} {y} 年部门决算编报范围的单位包括局本级和下属预算单位。")
    w.blank()
    w.line(f"第二部分 {organisation} {y}年部门决算表")
    w.blank()

    # 收入支出决算总表: 收入 | 支出 side by side.
    header = ["| 收入 | | | 支出 | | |", "| 项 目 | 行次 | 决算数 | 项 目 | 行次 | 决算数 |", "| 栏 次 | | 1 | 栏 次 | | 2 |"]
    lei_totals = {name: sum(total(code)) for code, name, _ in _FUNCTIONS}
    left = [(f"{_NUMERALS[i]}、{name}", executed if i == 0 else 0) for i, name in enumerate(_SUMMARY_INCOME)]
    right = [(f"{_NUMERALS[i]}、{name}", lei_totals.get(name, 0)) for i, name in enumerate(_SUMMARY_EXPENDITURE)]
    rows = []
    for index in range(len(right)):
        cells, figures = [], []
        if index < len(left):
            name, value = left[index]
            cells += [name, str(index + 1), money(value)]
            figures.append({"code": None, "name": name, "column_name": "决算数", "value": value / 100})
        else:
            cells += ["", str(index + 1), ""]
        name, value = right[index]
        cells += [name, str(len(right) + 5 + index), money(value)]
        figures.append({"code": None, "name": name, "column_name": "决算数", "value": value / 100})
        rows.append(_TableRow(cells, figures))
    closing = (("本年收入合计", executed, "本年支出合计", executed), ("用事业基金弥补收支差额", 0, "结余分配", 0),
               ("年初结转和结余", f.carry_over, "年末结转和结余", f.carry_over),
               ("总计", executed + f.carry_over, "总计", executed + f.carry_over))
    for offset, (income, income_value, spend, spend_value) in enumerate(closing):
        both = income == spend  # 总计 on both sides: the parser names each by its side
        rows.append(_TableRow(
            [income, str(len(right) + 1 + offset), money(income_value), spend, str(2 * len(right) + 5 + offset), money(spend_value)],
            [{"code": None, "name": ("收入" if both else "") + income, "column_name": "决算数", "value": income_value / 100},
             {"code": None, "name": ("支出" if both else "") + spend, "column_name": "决算数", "value": spend_value / 100}]))
    _table(draft, "收入支出决算总表", header, rows, [], rng, first_page_label="表 1")

    # 收入决算表 and 支出决算表: one row per code, 合计 repeated on every page.
    income_columns = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    spend_columns = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    general_columns = ["本年支出合计", "基本支出", "项目支出"]

    def coded_table(title: str, columns: list[str], values) -> None:
        header = ["| 项 目 | | " + " | ".join(columns) + " |",
                  "| 功能分类 科目编码 | 科目名称 | " + " | ".join("" for _ in columns) + " |",
                  "| 栏次 | | " + " | ".join(str(n) for n in range(1, len(columns) + 1)) + " |"]
        basic, project = f.basic_expenditure, f.project_expenditure
        repeat = [_figure_cells(None, "合计", columns, values(basic, project))]
        rows = [_figure_cells(code, name, columns, values(*total(code))) for code, name in coded]
        _table(draft, title, header, rows, repeat, rng, page_rows=rng.randint(9, 13))

    coded_table("收入决算表", income_columns, lambda b, p: [b + p, b + p, 0, 0, 0, 0, 0])
    coded_table("支出决算表", spend_columns, lambda b, p: [b + p, b, p, 0, 0, 0])
    coded_table("一般公共预算财政拨款支出决算表", general_columns, lambda b, p: [b + p, b, p])

    # 一般公共预算财政拨款基本支出决算表: 人员经费 | 公用经费 side by side, by 经济分类.
    groups = {}
    for (lei, name, side, children), share in zip(_ECONOMIC, split(f.basic_expenditure, len(_ECONOMIC), rng), strict=True):
        groups[lei] = (name, side, list(zip(children, split(share, len(children), rng), strict=True)), share)
    sides: dict[str, list[tuple[str, str, int]]] = {"人员经费": [], "公用经费": []}
    for lei, (name, side, children, share) in groups.items():
        sides[side].append((lei, name, share))
        sides[side] += [(code, child, value) for (code, child), value in children]
    header = ["| 人员经费 | | | 公用经费 | | |", "| 经济分类 科目编码 | 科目名称 | 金额 | 经济分类 科目编码 | 科目名称 | 金额 |"]
    rows = []
    for index in range(max(len(sides["人员经费"]), len(sides["公用经费"]))):
        cells, figures = [], []
        for side in ("人员经费", "公用经费"):
            if index < len(sides[side]):
                code, name, value = sides[side][index]
                cells += [code, name, money(value)]
                figures.append({"code": code, "name": name, "column_name": "金额", "value": value / 100})
            else:
                cells += ["", "", ""]
        rows.append(_TableRow(cells, figures))
    personnel = sum(v for c, _, v in sides["人员经费"] if len(c) == 3)
    public = sum(v for c, _, v in sides["公用经费"] if len(c) == 3)
    rows.append(_TableRow(["", "人员经费合计", money(personnel), "", "公用经费合计", money(public)],
                          [{"code": None, "name": "人员经费合计", "column_name": "金额", "value": personnel / 100},
                           {"code": None, "name": "公用经费合计", "column_name": "金额", "value": public / 100}]))
    _table(draft, "一般公共预算财政拨款基本支出决算表", header, rows, [], rng, page_rows=14)

    # “三公”经费支出决算表: one row of figures under 预算数 and 决算数.
    abroad, car_buy, car_run, reception = f.three_public
    b_abroad, b_car_buy, b_car_run, b_reception = f.three_public_budget
    items = ("合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费")
    budget_values = [sum(f.three_public_budget), b_abroad, b_car_buy + b_car_run, b_car_buy, b_car_run, b_reception]
    actual_values = [sum(f.three_public), abroad, car_buy + car_run, car_buy, car_run, reception]
    header = ["| 预算数 | | | | | | 决算数 | | | | | |",
              "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 "
              "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 |",
              "| | | 小计 | 公务用车购置费 | 公务用车运行费 | | | | 小计 | 公务用车购置费 | 公务用车运行费 | |",
              "| " + " | ".join(str(n) for n in range(1, 13)) + " |"]
    figures = [{"code": None, "name": item, "column_name": column, "value": v / 100}
               for column, values in (("预算数", budget_values), ("决算数", actual_values))
               for item, v in zip(items, values, strict=True)]
    three_row = _TableRow([money(v) for v in budget_values + actual_values], figures)
    _table(draft, "一般公共预算财政拨款“三公”经费支出决算表", header, [three_row], [], rng)

    # 第三部分: the explanations, with the KPI figures and their changes on last year.
    w.line(f"第三部分 {organisation} {y} 年部门决算情况说明")
    w.blank()
    w.line(f"一、{y} 年度收入支出决算总体情况说明")
    w.blank()
    w.line(f"{organisation} {y} 年度收、支总计 {money(executed + f.carry_over)} 万元。{rng.choice(FILLER)}")
    w.blank()
    w.line("（二）年度支出总体情况")
    w.blank()
    spent = draft.stated("budget_executed", money(executed), "万元")
    w.line(f"{organisation} {y} 年度总支出 {money(executed + f.carry_over)} 万元，其中本年支出 {spent} 万元。具体情况如下：")
    w.blank()
    for number, (label, kpi_id, now, before) in enumerate((
            ("基本支出", "basic_expenditure", f.basic_expenditure, previous.basic_expenditure),
            ("项目支出", "project_expenditure", f.project_expenditure, previous.project_expenditure)), start=1):
        change = now - before
        direction, growth = ("增加", "增长") if change >= 0 else ("减少", "下降")
        key = draft.key()
        draft.observations.append({"kpi_id": kpi_id, "year": y - 1, "value": before / 100, "precision": -2, "unit": "万元",
                                   "kind": "derived", "period": None, "qualifier": None, "mark": key})
        comma = "，" if number == 1 else ","
        w.line(f"{number}. {label} {draft.stated(kpi_id, money(now), '万元')} 万元{comma}比上年决算数{direction} "
               f"{mark(key)}{money(abs(change))} 万元{comma}{growth} {abs(change) * 100 / max(before, 1):.2f}%{comma}"
               f"主要变动情况：{rng.choice(FILLER)}")
        w.blank()
    w.line(f"二、{y}年度一般公共预算财政拨款“三公”经费支出决算情况说明")
    w.blank()
    three, three_budget = sum(f.three_public), sum(f.three_public_budget)
    w.line(f"{organisation}{y}年度“三公”经费财政拨款支出决算为"
           f"{draft.stated('three_public_expenses', money(three), '万元')}万元，完成预算{money(three_budget)}万元的"
           f"{three * 100 / max(three_budget, 1):.2f}%。其中：因公出国（境）费支出决算为{money(abroad)}万元；"
           f"公务用车购置及运行费支出决算为{money(car_buy + car_run)}万元；公务接待费支出决算为{money(reception)}万元。")
    w.blank()
    w.line(f"第四部分 {organisation} 部门整体绩效管理情况")
    w.blank()
    if rng.random() < 0.7:
        wan = half_up(Decimal(f.service_cases) / 10_000, 2)
        w.line(f"全区共受理政务业务{draft.stated('service_cases', f'{wan}', '件', 4)}万宗，"
               f"群众评价满意率{draft.stated('service_satisfaction_rate', f.service_satisfaction_rate, '%')}%。")
        w.blank()
    if rng.random() < 0.7:
        w.line(f"加快推进 5G 网络建设，全区已建成 5G 基站 "
               f"{draft.stated('total_5g_base_stations', str(f.total_5g), '座')} 座，基本实现重点区域的 5G 网络覆盖。")
        w.blank()
    # The real 部门决算 runs to 130 KB, most of it project evaluations in long lines.
    for _ in range(rng.randint(85, 115)):
        w.line(filler(rng, rng.randint(4, 9), d))
        w.blank()
    w.line("第五部分 名词解释")
    w.blank()
    w.line("基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")
    w.blank()
    w.line("项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")


