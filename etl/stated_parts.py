"""Totals a self-evaluation report breaks down into parts, so that a check can add
the parts up (queries/check_rates.sql, check_type 'parts_sum').

Two phrasings, in the section 部门整体收支情况:

- "部门财政拨款预算执行数 10340.03 万元，其中区政数局本级预算数 9788.27万元，区政务服务中心预算数 712.76万元"
- "全年执行数为 6,094.53 万元（基本支出全年执行数 1,193.63 万元，项目支出全年执行数 4,900.89 万元）"

Only breakdowns into two or more parts are kept: one part ("其中本年支出…") says
nothing about the sum.
"""

from __future__ import annotations

import re

from etl.documents import BUDGET_SECTION, Document
from etl.extract import section_spans
from etl.text import NUMBER, parse_number

_BREAKDOWN = re.compile(
    rf"(?P<subject>[^，,。；;：:（）]{{2,60}}?)为?(?P<total>{NUMBER})万元(?:[，,]其中|（)(?P<parts>[^；;。）]+)"
)
_PART = re.compile(rf"(?P<name>[^，,、；;。（）]+?)为?(?P<value>{NUMBER})万元")
_ORGANISATION_YEAR = re.compile(r"^.*?20\d\d年度?")  # "区政数局2021年度部门财政拨款预算数" -> "部门财政拨款预算数"


def extract_stated_parts(doc: Document) -> list[dict]:
    """One row per stated part, with its total: rows of stated_parts."""
    flow = doc.flow
    rows: list[dict] = []
    for span_start, span_end in section_spans(flow, BUDGET_SECTION):
        for breakdown in _BREAKDOWN.finditer(flow.norm, span_start, span_end):
            parts = list(_PART.finditer(breakdown.group("parts")))
            if len(parts) < 2:
                continue
            total = parse_number(breakdown.group("total"))
            subject = _ORGANISATION_YEAR.sub("", flow.raw[breakdown.start("subject"):breakdown.end("subject")])
            for number, part in enumerate(parts, start=1):
                value = parse_number(part.group("value"))
                offset = breakdown.start("parts") + part.start("value")
                rows.append({
                    "district": doc.district,
                    "year": doc.year,
                    "doc_id": doc.doc_id,
                    "subject": subject,
                    "total": total.value,
                    "total_precision": total.precision,
                    "total_line": flow.line_at(breakdown.start("total")),
                    "part_number": number,
                    "part_name": part.group("name").removeprefix("其中"),
                    "part_value": value.value,
                    "part_precision": value.precision,
                    "part_line": flow.line_at(offset),
                    "quote": flow.raw[breakdown.start():breakdown.end()],
                })
    return rows
