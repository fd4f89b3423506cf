"""The figures of one 绩效指标 (its 年度指标值 and 实际完成值), whether it was met, and
the rows one indicator entry makes, whichever reader found it (sentences or table)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from etl.documents import Document
from etl.text import NUMBER, money_in_wan, normalise, parse_number

# ---------------------------------------------------------------------------
# Figures: "≥150台", "600余台", "8小时内", "≥40亿条", "99%以上", "4130万元".
# Counts are normalised once, here: 40亿条 -> 4000000000 条; money goes to 万元.
# ---------------------------------------------------------------------------

_UNITS = ("个工作日|平方米|千米|小时|分钟|人次|件次|万元|亿元|元|%|个|台|项|件|次|条|份|场|套|张|座|面|封|户|种|类|宗|"
          "秒|天|路|家|篇|名|块|册|人|分")
_FIGURE = re.compile(
    r"(?P<cmp>>=|<=|≥|≤|>|<|=|不少于|不低于|不超过|不高于|不多于|少于|低于|超过|大于|小于)?"
    rf"(?<![\d.A-Za-z])(?P<number>{NUMBER})(?![\d.]?[\dA-Za-z])(?P<about>余|多)?"
    rf"(?P<mult>[万亿](?!元))?(?P<unit>{_UNITS})?(?P<suffix>以上|以内|以下|内)?"
)
_AT_LEAST = {">=", "≥", ">", "不少于", "不低于", "超过", "大于", "以上"}
_AT_MOST = {"<=", "≤", "<", "不超过", "不高于", "不多于", "少于", "低于", "小于", "以内", "以下", "内"}
_SEPARATORS = "、，,；;：:。和及"


@dataclass(frozen=True)
class Figure:
    """A number in a target or result text, with its unit and sign, and the words
    before it that name it (label, from offset label_start in that text)."""

    value: float
    unit: str | None
    comparator: str | None
    label: str
    label_start: int
    end: int


def figures(text: str) -> list[Figure]:
    """The figures of a text (≧ read as ≥, full-width digits as ASCII; offsets are
    the text's own); years, dates, ranges, "1、" list numbers and codes such as 5G or
    IPV6 are not figures."""
    text = normalise(text)
    found: list[Figure] = []
    for match in _FIGURE.finditer(text):
        start, end = match.start("number"), match.end("number")
        after = text[end:end + 1]
        before = text[start - 1:start] if start else ""
        if not match.group("unit") and not match.group("mult") and after in ("年", "月", "日", "号", "届", "期"):
            continue
        if after in ("-", "~", "至") or before in ("-", "~"):
            continue  # a range such as 200-300, or a date 1-12月
        if after in ("、", ".", "）") and not match.group("cmp") and before in ("", "。", "；", "：", "，", "（"):
            continue  # "1、通过科学合理布点", "（1）"
        if before in ("【", "《") or after in ("】", "》"):
            continue  # a document number: 番府办函【2019】3 号
        number, unit, mult = match.group("number"), match.group("unit"), match.group("mult") or ""
        if unit in ("元", "万元", "亿元"):
            value, unit = money_in_wan(number, unit).value, "万元"
        else:
            value = parse_number(number, mult).value
        sign = match.group("cmp") or match.group("suffix")
        comparator = "≥" if sign in _AT_LEAST else "≤" if sign in _AT_MOST else "=" if sign == "=" else None
        label_start = max(found[-1].end if found else 0,
                          max((text.rfind(s, 0, match.start()) + 1 for s in _SEPARATORS), default=0))
        label = re.sub(r"(?:为|达到|达|共|约|是)$", "", text[label_start:match.start()])
        found.append(Figure(value, unit, comparator, label, label_start, match.end()))
    return found


def is_met(target: Figure | None, actual: Figure | None) -> bool | None:
    """Whether the result satisfies the target; None when either has no number.

    A target written without a sign is a floor (满意度 90% is met by 99.9%), except a
    target of zero (故障 0 次), which is a ceiling.
    """
    if target is None or actual is None:
        return None
    comparator = target.comparator or ("≥" if target.value > 0 else "≤")
    if comparator == "≥":
        return actual.value >= target.value
    if comparator == "≤":
        return actual.value <= target.value
    return abs(actual.value - target.value) < 1e-9


@dataclass(frozen=True)
class Result:
    """One indicator's target and result figures, with the parts of the texts they
    come from (offsets in the target and actual texts)."""

    target: Figure | None
    actual: Figure | None
    label: str | None
    target_span: tuple[int, int] | None
    actual_span: tuple[int, int] | None


def pair_figures(target_text: str, actual_text: str | None) -> list[Result]:
    """Pair the target's figures with the result's.

    "智慧应用建设数量≥5个、智慧大脑展示专题数量≥8" against "…5 个、…8个": as many
    figures on both sides, in the same order and units, are separate indicators.
    Otherwise the first target figure is the indicator's, and the result is the one
    figure of the same unit in the actual text; when there are several ("20 个往年项目
    …仅 9 个项目按进度支付，11 个无法支付") the result is unknown rather than guessed.
    """
    targets = figures(target_text)
    actuals = figures(actual_text) if actual_text else []
    compatible = all(t.unit is None or a.unit is None or t.unit == a.unit for t, a in zip(targets, actuals, strict=False))
    if len(targets) >= 2 and len(targets) == len(actuals) and compatible:
        results = []
        for index, (target, actual) in enumerate(zip(targets, actuals, strict=True)):
            target_end = targets[index + 1].label_start if index + 1 < len(targets) else len(target_text)
            actual_end = actuals[index + 1].label_start if index + 1 < len(actuals) else len(actual_text or "")
            results.append(Result(target, actual, target.label or None, (target.label_start, target_end),
                                  (actual.label_start, actual_end)))
        return results
    target = targets[0] if targets else None
    candidates = [a for a in actuals if target is None or target.unit is None or a.unit == target.unit]
    actual = candidates[0] if len(candidates) == 1 else None
    return [Result(target, actual, None, None, None)]


def _strip(text: str) -> str:
    return text.strip("，,；;。.、和及 ")


@dataclass(frozen=True)
class Entry:
    """One indicator as the report writes it, before its figures are read.

    target_text is the 年度指标值 as written; stated_target the part of it that states
    the target (without a table's 说明); part_line(offset) the raw line of an offset
    in stated_target.
    """

    project: str | None
    name: str
    target_text: str
    stated_target: str
    actual_text: str | None
    line: int
    quote: str
    part_line: Callable[[int], int]


def entry_rows(doc: Document, entry: Entry) -> list[dict]:
    """The rows of one entry: one, or one per part when its figures pair up."""
    rows = []
    for result in pair_figures(entry.stated_target, entry.actual_text):
        indicator, target_text, actual_text, line = entry.name, entry.target_text, entry.actual_text, entry.line
        if result.target_span and result.actual_span and entry.actual_text:
            (t_start, t_end), (a_start, a_end) = result.target_span, result.actual_span
            indicator = result.label or entry.name
            target_text, actual_text = entry.stated_target[t_start:t_end], entry.actual_text[a_start:a_end]
            line = entry.part_line(t_start)
        target, actual = result.target, result.actual
        rows.append({
            "district": doc.district,
            "year": doc.year,
            "doc_id": doc.doc_id,
            "project": entry.project,
            "indicator": indicator,
            "target_text": _strip(target_text),
            "actual_text": _strip(actual_text) if actual_text else None,
            "target_value": target.value if target else None,
            "actual_value": actual.value if actual else None,
            "unit": (target.unit if target else None) or (actual.unit if actual else None),
            "comparator": target.comparator if target else None,
            "met": is_met(target, actual),
            "line": line,
            "quote": entry.quote,
        })
    return rows


