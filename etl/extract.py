"""The rule engine shared by the per-kind extractors.

A rule is a KPI id and a regular expression written from the genre's phrasing
("全年预算数…执行数…完成预算的…%"), never from a line number, file or value. The
engine runs it over a document's flow (see etl.text) and turns each match into an
Observation with provenance: the raw line of the figure and the verbatim sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from etl.documents import Document
from etl.text import NUMBER, Flow, money_in_wan, parse_number, plain_number, sentence_bounds

VALUE = rf"(?P<value>{NUMBER})"  # the figure a rule reads, captured as "value"
# A money unit after a figure; every amount is stored in 万元 (see etl.text.money_in_wan).
MONEY = r"(?P<money>万元|亿元|元)"

# A heading that starts a section: "一、", "（一）" or "(一)" (not "第一、" in a list of ranks).
HEADING = re.compile(r"(?<!第)(?:[一二三四五六七八九十]{1,2}、|（[一二三四五六七八九十]{1,2}）|\([一二三四五六七八九十]{1,2}\))")
# A heading's title ends at its first figure or punctuation: "（三）部门整体收支情况1.按资金来源" -> 部门整体收支情况.
_TITLE_END = re.compile(r"[0-9。，,；;：:]")

# A figure about a larger area than the district: "全市累计建成5G基站7.6万座" is the city's.
_ELSEWHERE = re.compile(r"全市|全省|全国|市级|省级|全广州|广州市")
# ...unless the district itself follows: 我区, 全区, or a name (广州市番禺区…, not 全市各区).
_HERE = re.compile(r"我区|全区|本区|区内|辖区|[\u4e00-\u9fff]{2}(?<!各)(?:区|县)")
CLAUSE_STOPS = "，,；;。：:"

# How a report bounds a figure, as the warehouse keeps it: 逾 / 超 are 超过 (a lower bound), 近 is 约.
_QUALIFIERS = {"约": "约", "近": "约", "超过": "超过", "逾": "超过", "超": "超过"}

# A period shorter than the year: "1-10月" (1-12月 is the whole year).
_PERIOD = re.compile(r"(?<!\d)(\d{1,2})\s*[-~至到]\s*(\d{1,2})\s*月(?!\d)|上半年|前三季度")

# "比上年决算数增加 272.42 万元", "同比增长 9.28%" right after a figure.
_CHANGE = re.compile(
    rf"[，,]?(?:比上年(?:决算数|同期)?|同比|较上年)(?P<direction>增加|减少|增长|下降)(?P<amount>{NUMBER})(?P<unit>万元|%|万件|件)"
)


# Measures a report names that are not the catalog's definition of the KPI they resemble.
# Each is a basis of comparison of its own: compared only with figures of the same key.
# Their names for readers are in dashboard/i18n.py (DEFINITION_NAMES).
DEFINITIONS = frozenset({
    # A 部门决算 counts every fund the department spent (本年支出合计) and states the
    # 部门整体预算完成率 of its performance table without the budget it is measured on;
    # a self-evaluation's 执行数 and 执行率 are of the year's appropriations.
    "final_accounts",
    # A count the catalog keeps as a total to date (迁移上云系统数, 累计) stated only as this
    # year's additions ("全年完成17个政务信息系统迁移上政务云"): the year's, not the total.
    "in_year",
})


@dataclass(frozen=True)
class Rule:
    """One phrasing of one KPI.

    section: a pattern the title of the section the match lies under must contain
        (documents.BUDGET_SECTION), or None for anywhere.
    context: a pattern the sentence must contain (hotline figures: "热线|12345|工单").
    not_context: a pattern the sentence must not contain (a service total is not the hotline's).
    not_lead: a pattern the clause before the figure must not contain (项目|平均: a project's or
        an average score is not the department's).
    in_enumeration: whether a figure inside "其中…；" (a breakdown of a total) counts.
    definition: None when the figure is the KPI as the catalog defines it; else a key for
        the measure the wording names instead (DEFINITIONS), which is never ranked against,
        averaged with or joined in a trend with the catalog's.
    """

    kpi_id: str
    pattern: str
    unit: str
    section: str | None = None
    context: str | None = None
    not_context: str | None = None
    not_lead: str | None = None
    in_enumeration: bool = False
    note: str | None = None  # what is true of every figure this rule reads, shown beside it
    definition: str | None = None

    def __post_init__(self) -> None:
        if self.definition is not None and self.definition not in DEFINITIONS:
            raise ValueError(f"{self.kpi_id}: unknown definition {self.definition!r} (etl.extract.DEFINITIONS)")

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(pattern)
    return _CACHE[pattern]


@dataclass(frozen=True)
class Observation:
    """One figure found in a document, with where it was found."""

    doc_id: str
    district: str
    year: int
    kpi_id: str
    value: float
    unit: str
    precision: int
    kind: str  # actual / target / derived
    period: str | None
    qualifier: str | None
    line: int
    quote: str
    note: str | None = None
    review: str | None = None  # a person's: 'reviewed' (accepted or corrected) or 'entered' (etl.decisions)
    definition: str | None = None  # None: the catalog's definition; else a key of DEFINITIONS
    role: str | None = None  # what the reading decided the figure is: result, target (etl.reading.decide)
    why: str | None = None  # the words that decided (etl.reading), shown in the review


@dataclass
class Extraction:
    """What one document yields: KPI observations, and rows of the document's own
    tables by table name (budget_lines, projects, …), each row with its line."""

    observations: list[Observation]
    tables: dict[str, list[dict]] = field(default_factory=dict)


def section_spans(flow: Flow, title_pattern: str) -> list[tuple[int, int]]:
    """Offsets of every section whose heading's title matches `title_pattern`, each
    up to the next heading."""
    spans = []
    for heading in HEADING.finditer(flow.norm):
        window = flow.norm[heading.end():heading.end() + 30]
        end = _TITLE_END.search(window)
        if re.search(title_pattern, window[:end.start()] if end else window):
            following = HEADING.search(flow.norm, heading.end() + 1)
            spans.append((heading.start(), following.start() if following else len(flow.norm)))
    return spans


# A clause after a 其中 breakdown that states something else, not one more part: a
# rate, a change, another kind of figure ("其中基本支出1,193.63万元，项目支出4,900.89万元，
# 预算执行率为99.96%" ends before 预算执行率), or a word of a total the breakdown's own
# clause does not use ("…，其中基本支出…，项目支出…，全年执行数…" ends before 全年执行数;
# "其中本级执行数…，区中心执行数…" does not).
_OTHER_STATEMENT = re.compile(r"%|满意|好评|办结|得分|比上年|比20\d\d年|同比|较上年|合计")
_TOTAL_WORDS = ("执行", "完成", "实际", "全年", "累计")


def enumeration_spans(text: str) -> list[tuple[int, int]]:
    """"其中…" breakdowns: their figures are parts, not totals. A breakdown runs to
    the next ；or 。 (or table cell, or the ） closing a parenthesis it opened in),
    or to the first later clause that states something else."""
    spans = []
    for found in re.finditer(r"其中", text):
        end = len(text)
        for stop in "；;。|":
            at = text.find(stop, found.end())
            if at != -1:
                end = min(end, at)
        if text.rfind("（", 0, found.start()) > text.rfind("）", 0, found.start()):  # "（其中含…）" ends at its ）
            close = text.find("）", found.end())
            end = min(end, close) if close != -1 else end
        clauses = [m.start() for m in re.finditer(r"[，,]", text[found.end():end])]
        own = text[found.end():found.end() + clauses[0]] if clauses else text[found.end():end]
        for offset in clauses:
            clause_start = found.end() + offset + 1
            following = [found.end() + o for o in clauses if found.end() + o >= clause_start]
            clause = text[clause_start:following[0] if following else end]
            if _OTHER_STATEMENT.search(clause) or any(w in clause and w not in own for w in _TOTAL_WORDS):
                end = clause_start
                break
        spans.append((found.start(), end))
    return spans


def clause_start(text: str, offset: int) -> int:
    """Where the clause holding `offset` starts: after the last ，；。： before it."""
    start = offset
    while start > 0 and text[start - 1] not in CLAUSE_STOPS:
        start -= 1
    return start


def _lead(text: str, start: int) -> str:
    """The clause before a figure: from the last ，；。： to the figure."""
    return text[clause_start(text, start):start]


def _about_elsewhere(text: str, start: int) -> bool:
    """Whether the clause before a figure names a larger area (全市, 全省…) and not
    the district after it: the figure is not the district's."""
    lead = _lead(text, start)
    elsewhere = list(_ELSEWHERE.finditer(lead))
    return bool(elsewhere) and not _HERE.search(lead, elsewhere[-1].end())


def quote_at(flow: Flow, start: int, end: int, width: int = 60) -> str:
    """The verbatim sentence around a match, shortened with … when long."""
    s_start, s_end = sentence_bounds(flow.norm, start)
    s_start = max(s_start, start - width)
    s_end = min(s_end, end + width)
    prefix = "…" if s_start > 0 and flow.norm[s_start - 1] not in "。；;" else ""
    suffix = "…" if s_end < len(flow.norm) and flow.norm[s_end - 1] not in "。；;" else ""
    return prefix + flow.raw[s_start:s_end] + suffix


def table_row_quote(row: str, value: str, width: int = 60) -> str:
    """A markdown table row's text (spaces removed) around a figure, so the quote
    shows the row's labels rather than the table's ruling."""
    compact = re.sub(r"\s+", "", row)
    at = compact.find(value)
    if at == -1:
        return compact
    start, end = max(at - width, 0), min(at + len(value) + width, len(compact))
    return ("…" if start else "") + compact[start:end] + ("…" if end < len(compact) else "")


def _kind_at(flow: Flow, start: int, comparator: str | None) -> str:
    """'target' when the figure is a 年度指标值 (after 指标值/目标 and before 实际 in
    its sentence), else 'actual'."""
    s_start, _ = sentence_bounds(flow.norm, start)
    before = flow.norm[s_start:start]
    target_at = max(before.rfind("指标值"), before.rfind("目标值"))
    if target_at != -1 and "实际" not in before[target_at:]:
        return "target"
    if comparator:
        return "target"
    return "actual"


def _period_at(flow: Flow, start: int) -> str | None:
    """A part-year period stated earlier in the figure's sentence, e.g. '1-10月'."""
    s_start, _ = sentence_bounds(flow.norm, start, stops="。")
    periods = list(_PERIOD.finditer(flow.norm, s_start, start))
    if not periods:
        return None
    found = periods[-1]
    if found.group(1):
        first, last = int(found.group(1)), int(found.group(2))
        return None if (first, last) == (1, 12) else f"{first}-{last}月"
    return found.group(0)


def run_rules(doc: Document, rules: list[Rule]) -> list[Observation]:
    """Every match of every rule in the document, as observations, plus the previous
    year's value derived from a change stated right after a figure."""
    flow = doc.flow
    found: list[Observation] = []
    seen: set[tuple[str, int]] = set()
    for rule in rules:
        spans = section_spans(flow, rule.section) if rule.section else [(0, len(flow.norm))]
        for span_start, span_end in spans:
            excluded = [] if rule.in_enumeration else enumeration_spans(flow.norm[span_start:span_end])
            for match in rule.regex.finditer(flow.norm, span_start, span_end):
                value_start = match.start("value")
                relative = value_start - span_start
                if any(a <= relative < b for a, b in excluded):
                    continue
                if _about_elsewhere(flow.norm, value_start):
                    continue
                if rule.not_lead and re.search(rule.not_lead, _lead(flow.norm, value_start)):
                    continue
                if rule.context or rule.not_context:
                    s_start, s_end = sentence_bounds(flow.norm, value_start, stops="。")
                    sentence = flow.norm[s_start:s_end]
                    if rule.context and not re.search(rule.context, sentence):
                        continue
                    if rule.not_context and re.search(rule.not_context, sentence):
                        continue
                if (rule.kpi_id, value_start) in seen:
                    continue
                seen.add((rule.kpi_id, value_start))
                observation = _observation(doc, rule, match)
                found.append(observation)
                derived = _derive_previous_year(doc, observation, match)
                if derived:
                    found.append(derived)
    return found


def _group(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name) or None


def _observation(doc: Document, rule: Rule, match: re.Match[str]) -> Observation:
    flow = doc.flow
    money = _group(match, "money")
    if money:
        quantity = money_in_wan(match.group("value"), money)
    else:
        quantity = parse_number(match.group("value"), _group(match, "mult") or "")
    comparator = _group(match, "cmp")
    qualifier = comparator or _QUALIFIERS.get(_group(match, "qual") or "")
    line = flow.line_at(match.start("value"))
    row = doc.lines[line - 1]
    if row.lstrip().startswith("|"):
        quote = table_row_quote(row, flow.raw[match.start("value"):match.end("value")])
    else:
        quote = quote_at(flow, match.start(), match.end())
    return Observation(
        doc_id=doc.doc_id,
        district=doc.district,
        year=doc.year,
        kpi_id=rule.kpi_id,
        value=quantity.value,
        unit=rule.unit,
        precision=quantity.precision,
        kind=_kind_at(flow, match.start("value"), comparator),
        period=_period_at(flow, match.start("value")),
        qualifier=qualifier,
        line=line,
        quote=quote,
        note=rule.note,
        definition=rule.definition,
    )


def _derive_previous_year(doc: Document, current: Observation, match: re.Match[str]) -> Observation | None:
    """"基本支出 1186.59 万元，比上年决算数增加 272.42 万元" gives the previous year's
    914.17 as a 'derived' row whose note shows the arithmetic."""
    if current.kind != "actual" or current.period:
        return None
    flow = doc.flow
    change = _CHANGE.match(flow.norm, match.end())
    if not change:
        return None
    sign = 1 if change.group("direction") in ("增加", "增长") else -1
    amount = parse_number(change.group("amount"))
    unit = change.group("unit")
    words = flow.raw[change.start():change.end()].lstrip("，,")
    if unit == "%":
        # The result is no more precise than the figure it came from: 23.14万 ÷ 1.0928
        # is 21.17万, not 211,749.6.
        precision = current.precision
        factor = 1 + sign * amount.value / 100
        if factor <= 0:  # "下降100%": the text states no previous figure this arithmetic could give
            return None
        previous = round(current.value / factor, -precision)
        sign_text = "+" if sign > 0 else "−"
        note = (f"{plain_number(current.value)} ÷ (1 {sign_text} {plain_number(amount.value)}%) ≈ "
                f"{plain_number(previous)}（{words}）")
    else:
        expected_unit = "万元" if current.unit == "万元" else None
        if unit != expected_unit and not (current.unit == "件" and unit in ("件", "万件")):
            return None
        amount = parse_number(change.group("amount"), "万" if unit == "万件" else "")
        previous = current.value - sign * amount.value
        precision = max(current.precision, amount.precision)
        previous = round(previous, max(-precision, 0))
        sign_text = "−" if sign > 0 else "+"
        note = f"{plain_number(current.value)} {sign_text} {plain_number(amount.value)} = {plain_number(previous)}（{words}）"
    return replace(
        current,
        year=current.year - 1,
        value=float(previous),
        precision=precision,
        kind="derived",
        line=flow.line_at(change.start("amount")),
        quote=quote_at(flow, match.start(), change.end()),
        note=note,
    )


