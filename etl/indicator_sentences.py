"""绩效指标 written one sentence per indicator under each project's numbered heading
(白云 2021): "（7）迁移上云系统数量：年度指标值为迁移上云系统数量≥100个，实际迁移上云系统 158个；"."""

from __future__ import annotations

import re

from etl.documents import Document
from etl.extract import HEADING
from etl.indicator_figures import Entry, entry_rows

# ---------------------------------------------------------------------------
# Sentences: "（n）name：年度指标值为…，实际…；" under "1.project heading".
# ---------------------------------------------------------------------------

_ITEM = re.compile(r"（\d{1,2}）(?P<name>[^（）：:，。；]{2,60}?)[：:](?=(?:年度)?[指目]标值)")
_ITEM_MARK = re.compile(r"（\d{1,2}）")
_TARGET_WORDS = re.compile(r"(?:(?:年度)?[指目]标值为?)+")  # "年度指标值为年度指标值为…" is written once in 白云
# Where the result starts: "，实际完成…", else "实际…", else after "；" ("投诉处理率≥95%；2021年共收到…").
_RESULT_STARTS = (re.compile(r"[，,；;](?=实际)"), re.compile(r"实际"), re.compile(r"[；;]"))
_PROJECT_HEADING = re.compile(r"^\s*\d{1,2}\s*[.、．](?!\d)\s*(?P<title>\S.*)$")


def _project_of(doc: Document, offset: int) -> str | None:
    """The numbered heading ("1.巩固政务服务改革成效…") an indicator sentence sits
    under, within the same section."""
    flow = doc.flow
    section_start = 0
    for heading in HEADING.finditer(flow.norm, 0, offset):
        section_start = heading.start()
    first_line = flow.line_at(section_start)
    for number in range(flow.line_at(offset) - 1, first_line - 1, -1):
        found = _PROJECT_HEADING.match(doc.lines[number - 1])
        if found:
            return re.sub(r"\s+", "", found.group("title"))
    return None


def sentence_indicators(doc: Document) -> list[dict]:
    flow = doc.flow
    rows: list[dict] = []
    for item in _ITEM.finditer(flow.norm):
        ends = [len(flow.norm)]
        following = _ITEM_MARK.search(flow.norm, item.end())
        if following:
            ends.append(following.start())
        if (stop := flow.norm.find("。", item.end())) != -1:
            ends.append(stop + 1)
        end = min(ends)
        words = _TARGET_WORDS.match(flow.norm, item.end())
        target_start = words.end() if words else item.end()
        split = next((found for pattern in _RESULT_STARTS if (found := pattern.search(flow.norm, target_start, end))), None)
        target_end, actual_text = end, None
        if split:
            target_end = split.start()
            actual_text = flow.raw[split.end() if split.group(0) in "，,；;" else split.start():end]
        target_text = flow.raw[target_start:target_end]
        rows += entry_rows(doc, Entry(
            project=_project_of(doc, item.start()), name=item.group("name"), target_text=target_text,
            stated_target=target_text, actual_text=actual_text, line=flow.line_at(item.start()),
            quote=flow.raw[item.start():end], part_line=lambda offset, base=target_start: flow.line_at(base + offset),
        ))
    return rows


