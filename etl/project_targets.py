"""项目支出绩效目标表 (project targets): the budget year's projects, their 绩效目标
and 绩效指标, and the table's own totals.

The table's rows, as PDF text, in order:

    合计 6,028.01 6,028.01                      the total of every project (万元)
    广州市番禺区政务服务 / 数据管理局本级 / 6,028.01 6,028.01   a 资金使用单位 row
        番禺区电子政务外 / 网升级改造项目 / 24.40 24.40      a project: name, amounts,
    通过本期番禺区电子政务外网的扩容升级建 …                 its 绩效目标,
    1、1-产出指标；11-数量指标；质保期系统维护率；实施周期指标   its 绩效指标
    值:100%；年度指标值:100%。2、…

Every row ends on a line with its amounts (总计 then 财政拨款, both in 万元 as the
header says, so no unit conversion is needed). Names, goals and indicators break
across lines, so each stretch between two amount lines is read as one flow (see
etl.text): the previous row's goal, its indicators, then the next row's name. A
row followed by no indicators is a 资金使用单位; 合计 is the table's total. A block
repeated at a page break (same unit, name and amounts) is kept once and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.documents import Document
from etl.extract import VALUE, Extraction, Rule, run_rules
from etl.text import NUMBER, Flow, make_flow, normalise, parse_number

RULES: list[Rule] = [
    # 其他资金 绩效目标 绩效指标 / 合计 6,028.01 6,028.01
    Rule("project_budget", rf"绩效指标合计{VALUE}", "万元"),
]

TABLE = "projects"

# A row's amounts close its line: "    工作经费 6.00 6.00", "1,452.09 1,452.09".
# The first is 总计, the second 财政拨款; 财政专户拨款 and 其他资金 are blank in these
# tables (a PDF line cannot say which column a third figure would belong to).
_MONEY = r"\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}"
_AMOUNT_LINE = re.compile(rf"^(?P<name>.*?)\s*(?P<total>{_MONEY})\s+(?P<fiscal>{_MONEY})(?:\s+(?:{_MONEY}))*\s*$")

# "1、1-产出指标；11-数量指标；出国组团次数；实施周期指标值:1-2次/年；年度指标值:" — the
# annual target runs on to the next indicator, or for the last one to its 。.
# Goal items ("1、以提升政务服务效能…") have no "1-…指标；" and are not indicators.
_INDICATOR = re.compile(
    r"(?<!\d)(?P<seq>\d{1,2})、\d-(?P<level1>[^；;、]{1,10}?指标)[；;]\d{2}-(?P<level2>[^；;]{1,12})[；;]"
    r"(?P<indicator>(?:(?!\d、\d-).)+?)[；;]实施周期指标值[:：](?P<period>.*?)[；;]年度指标值[:：]"
)

# Units a target figure may carry, longest first within each family.
_UNIT_WORD = (r"万元|元|平方米|平方公里|平方|公里|米|小时|分钟|秒|个月|工作日|天|年|月|周|日|人次|次|人|名|个"
              r"|台|套|条|线|辆|项|户|件|宗|份|家|场|批|篇|所|座|张|部|册|本|GB|TB")
_TARGET = re.compile(
    rf"(?<!版本)(?<![版Vv.\d])(?P<low>{NUMBER})(?:\s*[-~至到]\s*(?P<high>{NUMBER}))?\s*"
    rf"(?P<mult>万(?!元))?(?P<unit>%|个?(?:{_UNIT_WORD})(?:/(?:{_UNIT_WORD}))?)?"
)
_AT_LEAST_BEFORE = re.compile(r"(?:不少于|不低于|至少|大于等于|大于|高于|达到|达)$")
_AT_MOST_BEFORE = re.compile(r"(?:不超过|不高于|不多于|小于等于|(?<!不)(?:小于|低于|少于)|控制在)$")
_AT_LEAST_AFTER = re.compile(r"^(?:及以上|以上|或以上|起|为最低)")
_AT_MOST_AFTER = re.compile(r"^(?:及以下|以下|以内|之内|内|为最高|封顶)")


@dataclass(frozen=True)
class Target:
    """A figure read from a 年度指标值: 95 '%' '=' from "95%"."""

    value: float | None
    unit: str | None
    comparator: str | None


def parse_target(text: str) -> Target:
    """The first figure of an annual target, with its unit and comparator.

    "资金支付率达91%以上" -> 91 % ≥; "故障时长不超过5%" -> 5 % ≤; "2个小时内" -> 2 个小时 ≤;
    "1-2次/年" -> 1 次/年 ≥ (a range is at least its lower end); "150万条" -> 1500000 条
    (counts are plain numbers; 万元 stays 万元, the warehouse's money unit);
    "晓屋标准体系版本2.0" and "准时完成" -> no figure.
    """
    norm = normalise(text).replace(" ", "")
    found = _TARGET.search(norm)
    if not found:
        return Target(None, None, None)
    quantity = parse_number(found.group("low"), found.group("mult") or "")
    unit = found.group("unit")
    before = re.split(r"[，,；;。]", norm[: found.start()])[-1]
    after = norm[found.end():]
    if found.group("high"):
        comparator = "≥"
    elif _AT_MOST_BEFORE.search(before) or _AT_MOST_AFTER.match(after):
        comparator = "≤"
    elif _AT_LEAST_BEFORE.search(before) or _AT_LEAST_AFTER.match(after):
        comparator = "≥"
    else:
        comparator = "="
    return Target(quantity.value, unit, comparator)


@dataclass
class _Row:
    """One row of the table as read: a name, its amounts, and what follows them."""

    name: str
    name_line: int
    amount_line: int
    total: float
    fiscal: float
    goal: str = ""
    indicators: list[dict] = field(default_factory=list)


def _segment_flow(lines: list[str], first: int, last: int, tail: str | None) -> Flow:
    """The flow of raw lines first..last (1-based, inclusive), then `tail` standing
    for line last + 1 (the name part of the next amount line)."""
    chunk = lines[first - 1: last]
    if tail is not None:
        chunk = [*chunk, tail]
    return make_flow(chunk, start_line=first)


def _read_indicators(flow: Flow) -> tuple[list[dict], int, int]:
    """The indicators in a stretch, where they start and where the last one ends."""
    starts = list(_INDICATOR.finditer(flow.norm))
    found = []
    end = 0
    for number, match in enumerate(starts):
        annual_start = match.end()
        if number + 1 < len(starts):
            annual_end = starts[number + 1].start()
            end = annual_end
        else:
            stop = flow.norm.find("。", annual_start)
            annual_end = stop if stop != -1 else len(flow.norm)
            end = annual_end + 1 if stop != -1 else annual_end
        annual = flow.raw[annual_start:annual_end].rstrip("。")
        target = parse_target(annual)
        found.append({
            "seq": int(match.group("seq")),
            "level1": flow.raw[match.start("level1"):match.end("level1")],
            "level2": flow.raw[match.start("level2"):match.end("level2")],
            "indicator": flow.raw[match.start("indicator"):match.end("indicator")],
            "period_target": flow.raw[match.start("period"):match.end("period")],
            "annual_target": annual,
            "target_value": target.value,
            "target_unit": target.unit,
            "comparator": target.comparator,
            "line": flow.line_at(match.start("seq")),
        })
    first_start = starts[0].start() if starts else len(flow.norm)
    return found, first_start, end


def read_rows(doc: Document) -> list[_Row]:
    """Every row of the table in document order (合计, units, projects, repeats)."""
    lines = doc.lines
    amounts = [(number, match) for number, line in enumerate(lines, start=1)
               if (match := _AMOUNT_LINE.match(normalise(line)))]
    rows: list[_Row] = []
    previous = 0  # the line of the previous amounts (0: the table's header before)
    for line_number, match in amounts:
        flow = _segment_flow(lines, previous + 1, line_number - 1, match.group("name"))
        if rows:
            name_start = _close_row(rows[-1], flow)
        else:
            # Before the first row is the header: "…其他资金 绩效目标 绩效指标 合计".
            name_start = max(flow.norm.rfind("合计"), 0)
        rows.append(_Row(
            name=flow.raw[name_start:],
            name_line=flow.line_at(name_start) if name_start < len(flow.norm) else line_number,
            amount_line=line_number,
            total=parse_number(match.group("total")).value,
            fiscal=parse_number(match.group("fiscal")).value,
        ))
        previous = line_number
    if rows:
        _close_row(rows[-1], _segment_flow(lines, previous + 1, len(lines), None))
    return rows


def _close_row(row: _Row, flow: Flow) -> int:
    """Give `row` the goal and indicators that open the stretch after its amounts;
    return where the rest (the next row's name) starts. A stretch without
    indicators is all name: the row before it is a 资金使用单位 or 合计."""
    indicators, first_start, end = _read_indicators(flow)
    row.goal = flow.raw[:first_start] if indicators else ""
    row.indicators = indicators
    return end


def extract(doc: Document) -> Extraction:
    """KPI observations of one project-targets table, and its rows as tables:
    projects, project_indicators, table_totals, repeated_rows (a row printed again, e.g. on the next page)."""
    where = {"district": doc.district, "year": doc.year, "doc_id": doc.doc_id}
    projects: list[dict] = []
    indicators: list[dict] = []
    totals: list[dict] = []
    repeated: list[dict] = []
    first_seen: dict[tuple, int] = {}
    unit_name: str | None = None
    for row in read_rows(doc):
        if row.name.endswith("合计"):
            scope = "合计"
        elif not row.indicators:
            unit_name = scope = row.name  # a 资金使用单位: the projects below are its own
        else:
            scope = None
        if scope:
            totals += [{**where, "table_name": TABLE, "scope": scope, "column_name": column, "value": value,
                        "line": row.amount_line}
                       for column, value in (("total", row.total), ("fiscal", row.fiscal))]
            continue
        key = (unit_name, row.name, row.total, row.fiscal)
        if key in first_seen:
            repeated.append({**where, "table_name": TABLE, "key": row.name, "first_line": first_seen[key],
                            "repeated_line": row.name_line})
            continue
        first_seen[key] = row.name_line
        projects.append({**where, "unit_name": unit_name, "project_name": row.name, "total": row.total,
                         "fiscal": row.fiscal, "goal": row.goal, "line": row.name_line,
                         "indicator_count": len(row.indicators)})
        indicators += [{**where, "project_name": row.name, **indicator} for indicator in row.indicators]
    return Extraction(
        observations=run_rules(doc, RULES),
        tables={"projects": projects, "project_indicators": indicators, "table_totals": totals,
                "repeated_rows": repeated},
    )
