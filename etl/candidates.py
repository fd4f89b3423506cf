"""Possible figures: numbers in a report's sentences near a KPI's words that no rule
claimed. They are shown in the review, each with its sentence, line and the KPI it
may be, and never loaded unless a person adds one.

A candidate is a number with a unit the KPI may have, in a clause that holds one
of the KPI's cue words and none of the words that rule it out (a larger area, a
target, a share). Cues are the genre's words, broader than the rules' phrasings:
they are for a person to judge, not for loading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.documents import Document
from etl.extract import Observation, clause_start, quote_at
from etl.text import NUMBER, parse_number

# (kpi_id, cue words in the clause, units the figure may have), most specific first:
# a figure is offered as the first KPI whose cue its clause holds.
CUES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("hotline_satisfaction_rate", r"(?:12345|热线|工单).*满意", ("%",)),
    ("hotline_ontime_rate", r"办结", ("%",)),
    ("hotline_tickets", r"12345|热线|工单|诉求", ("件", "宗")),
    ("good_review_rate", r"好评|好差评", ("%",)),
    ("service_satisfaction_rate", r"满意", ("%",)),
    ("service_cases", r"受理|办件|办理|业务量", ("件", "宗", "笔")),
    ("service_visits", r"服务|接待|办事群众", ("人次",)),
    ("new_5g_base_stations", r"(?:新建|新增).*5G|5G.*(?:新建|新增)", ("座", "个", "站")),
    ("total_5g_base_stations", r"5G", ("座", "个", "站")),
    ("free_seal_sets", r"刻章|印章|公章", ("套",)),
    ("cloud_migrated_systems", r"上云|政务云|云平台", ("个",)),
    ("praise_letters", r"表扬|感谢信", ("封",)),
    ("commendation_banners", r"锦旗", ("面",)),
    ("self_eval_score", r"得分|评分|分值|自评", ("分",)),
    ("budget_execution_rate", r"执行率|执行进度|支出进度", ("%",)),
)
_RULED_OUT = re.compile(r"全市|全省|全国|目标|指标值|计划|预计|占比|比例|同比|较上年|比上年|增长|下降")
_FIGURE = re.compile(rf"(?P<value>{NUMBER})\s*(?P<mult>万|亿)?\s*(?P<unit>%|人次|件|宗|笔|座|个|站|套|封|面|分)")


@dataclass(frozen=True)
class Candidate:
    kpi_id: str
    value: float
    unit: str
    line: int
    quote: str


def find_candidates(doc: Document, claimed: list[Observation]) -> list[Candidate]:
    """Every possible figure of the document that no observation claims (same line and value)."""
    flow = doc.flow
    taken = {(o.line, round(o.value, 6)) for o in claimed}
    found: list[Candidate] = []
    for match in _FIGURE.finditer(flow.norm):
        start = match.start("value")
        if start > 0 and (flow.norm[start - 1].isdigit() or flow.norm[start - 1] in ".,"):
            continue
        begin = clause_start(flow.norm, start)
        lead = flow.norm[begin:start]
        if _RULED_OUT.search(lead):
            continue
        # with the clause before, after a comma, for context: "受理涉整改工单1359件，满意率94.88%"
        context = flow.norm[clause_start(flow.norm, begin - 1):start] if begin > 0 and flow.norm[begin - 1] in "，," else lead
        unit = match.group("unit")
        try:
            value = parse_number(match.group("value"), match.group("mult") or "").value
        except ValueError:
            continue
        line = flow.line_at(start)
        if (line, round(value, 6)) in taken:
            continue
        for kpi_id, cue, units in CUES:
            if unit in units and re.search(cue, context):
                found.append(Candidate(kpi_id, value, unit, line, quote_at(flow, match.start(), match.end())))
                break  # one KPI per figure: the first whose cue the clause holds
    return found
