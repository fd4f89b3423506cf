"""Step two of reading a report: decide what each figure is.

One function, `decide`, reads the words around a figure against the vocabulary
(etl/reading/vocabulary/*.toml) and says which KPI the figure is, if any, and its
role — the year's result, a target, a change on another year, a per-day or average
figure, a count since an earlier year, a larger area's, a share, a project's, a part
of a total, a figure of an earlier year — and its period (the whole year, 1-11月, as
of 11月底). It records why: the words that decided, so that the review can show them
and a wrong reading can be traced to one vocabulary entry.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from etl.reading.words import alternation, load

ROLES_KEPT = ("result", "target")  # the other roles make a figure no value of its KPI
# A figure about a larger area, unless the district itself is named after it (广州市越秀区…).
_HERE = re.compile(r"我区|全区|本区|区内|辖区|我县|全县|本县|[\u4e00-\u9fff]{2}(?<!各)(?:区|县)(?![域级])")


@dataclass(frozen=True)
class Context:
    """The words the decision reads around one figure.

    lead: the figure's clause before it; before: its sentence before it (the lead
    included); after: its clause after it; headings: the titles above it, outermost
    first; in_part: whether it stands inside a 其中 breakdown; city: whether the
    report's place is itself a city (义乌市), so that 全市 is here.
    """

    lead: str
    before: str
    after: str
    headings: tuple[str, ...] = ()
    in_part: bool = False
    city: bool = False
    row: str | None = None  # a table figure's row label
    label: str = ""  # the words before a "：" that opens the figure's clause ("目标值：…", "…专项：全年预算…")


@dataclass(frozen=True)
class Decision:
    kpi_id: str | None
    role: str
    period: str | None
    why: str  # the words that decided, e.g. "工单 → hotline_tickets; 日均 → average"
    definition: str | None = None  # None: the catalog's definition; else a key of etl.extract.DEFINITIONS


@functools.cache
def _kpis() -> dict[str, dict]:
    return load("kpis")["kpi"]


@functools.cache
def _budget() -> dict:
    return load("kpis")["budget"]


@functools.cache
def _budget_tokens() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One regex of every budget subject, measure and fund word, and for each word its
    (kind, name): ('subject', 'basic'), ('measure', 'budget'), ('fund', '')."""
    budget = _budget()
    kinds: list[tuple[str, str, str]] = []
    for name, words in budget["subjects"].items():
        kinds += [(w, "subject", name) for w in words]
    for name, words in budget["measures"].items():
        kinds += [(w, "measure", name) for w in words]
    kinds += [(w, "fund", "") for w in budget["funds"]]
    kinds.sort(key=lambda k: len(k[0]), reverse=True)
    pattern = re.compile("|".join(f"(?P<t{i}>{w})" for i, (w, _, _) in enumerate(kinds)))
    return pattern, {f"t{i}": (kind, name) for i, (_, kind, name) in enumerate(kinds)}


@functools.cache
def _term_patterns() -> dict[str, re.Pattern[str]]:
    return {kpi: alternation(entry["terms"]) for kpi, entry in _kpis().items()}


@functools.cache
def _families() -> dict[str, re.Pattern[str]]:
    return {name: alternation(words) for name, words in load("families").items() if isinstance(words, list)}


@functools.cache
def _roles() -> dict[str, dict]:
    return load("roles")


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def last_match(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The last match of `pattern` in text[start:end], or None."""
    matches = list(pattern.finditer(text, start, len(text) if end is None else end))
    return matches[-1] if matches else None


def family(context: Context) -> str | None:
    """The family of the words nearest before the figure in its sentence, else of its
    clause after it, else of its nearest heading."""
    best: tuple[int, str] | None = None
    for name, pattern in _families().items():
        hit = last_match(pattern, context.before)
        if hit and (best is None or hit.end() > best[0]):
            best = (hit.end(), name)
    if best:
        return best[1]
    for text in (context.after, *reversed(context.headings)):
        for name, pattern in _families().items():
            if pattern.search(text):
                return name
    return None


_INHERITING_LEAD = re.compile(r"^(?:其中|全年|共|合计|累计|实际|完成|实际完成|完成值|实际完成值|实际值|日均|月均|平均|"
                              r"达到?|为|是|约|近|超过|逾|[：:（(\s])*$")


def _inherits(lead: str) -> bool:
    """Whether a figure's clause says nothing of its own subject, so that the KPI named
    earlier in its sentence is its KPI ("目标值100万件，实际完成112.46万件", "日均818件");
    a clause with words of its own ("为群众提供免邮服务53367万宗") is about something else."""
    return bool(_INHERITING_LEAD.match(lead))


def _generic_kpi(unit: str, context: Context) -> tuple[str, str, int] | None:
    """The KPI whose term is nearest the figure (before it in its clause, right after it,
    else earlier in its sentence), as (kpi, term, distance)."""
    clause = context.lead + context.after
    found_family = None
    candidates: list[tuple[int, str, str]] = []
    for kpi, entry in _kpis().items():
        if unit not in entry["units"]:
            continue
        if any(re.search(word, context.label + context.lead) for word in entry.get("not", ())):
            continue
        if entry.get("requires") and not any(w in clause or w in context.before for w in entry["requires"]):
            continue
        pattern = _term_patterns()[kpi]
        before = last_match(pattern, context.before)
        distance, term = None, None
        if before:
            distance, term = len(context.before) - before.end(), before.group(0)
            if distance > len(context.lead):  # an earlier clause: farther than anything in the figure's own
                if not _inherits(context.lead):
                    before, distance, term = None, None, None
                else:
                    distance += 1000
        after = pattern.search(context.after) if entry.get("after", True) else None
        if after and (distance is None or after.start() + 1 < distance):
            if not any(re.search(word, context.after[:after.end()]) for word in entry.get("not", ())):
                distance, term = after.start() + 1, after.group(0)
        if distance is None:
            continue
        found_family = found_family or family(context) or load("families")["default"]
        if entry.get("family") and found_family != entry["family"] and found_family in _families() \
                and entry["family"] != load("families")["default"] or found_family in entry.get("family_not", ()):
            continue  # a KPI of one family is never taken in a sentence of another
        # at the same distance, the KPI of the sentence's family first
        candidates.append((distance, entry.get("family", found_family) != found_family, kpi, term))
    if not candidates:
        return None
    distance, _, kpi, term = min(candidates)
    return kpi, term, distance


def _budget_kpi(unit: str, context: Context) -> tuple[str, str, int] | None:
    """A budget-section figure as subject × measure: (kpi, the words, distance of the measure)."""
    if unit not in _budget()["units"]:
        return None
    pattern, kinds = _budget_tokens()
    tokens = [(m.start(), m.end(), *kinds[m.lastgroup], m.group(0)) for m in pattern.finditer(context.before)]
    # the clause's own words, with the words before a "：" that opens it ("基本支出：全年预算…")
    lead_start = len(context.before) - len(context.lead) - (len(context.label) + 1 if context.label else 0)
    subject = next(((name, word) for s, e, kind, name, word in reversed(tokens) if kind == "subject" and s >= lead_start),
                   None)
    strong_lead = any(word in _budget()["strong"] for s, e, kind, name, word in tokens if kind == "measure" and s >= lead_start)
    if subject is None and not strong_lead:
        # from an earlier clause: the nearest subject that is someone's ("收入" of a fund is not); a clause
        # whose own measure is the department's (全年执行数, 预算执行率) ends a 其中 breakdown's subject
        subject = next(((name, word) for s, e, kind, name, word in reversed(tokens)
                        if kind == "subject" and name != "none"), None)
    measure_in_lead = [(e, name, word) for s, e, kind, name, word in tokens if kind == "measure" and s >= lead_start]
    measure_before = [(e, name, word) for s, e, kind, name, word in tokens if kind == "measure"]
    after_tokens = [(m.start(), *kinds[m.lastgroup], m.group(0)) for m in pattern.finditer(context.after)]
    measure = None
    for pool in (measure_in_lead, measure_before):
        usable = [m for m in pool if (m[1] == "rate") == (unit == "%") or m[1] == "none"]
        if usable:
            measure = usable[-1]
            break
    if measure is None and unit == "%" and after_tokens:
        first = next((t for t in after_tokens if t[1] == "measure"), None)
        if first and first[2] == "rate" and first[0] <= 2:
            measure = (len(context.before), "rate", first[3])
    if measure is not None and measure[1] != "none" and _qualified_away(tokens, measure[0], context.before):
        return None  # 年初部门预算, 追加…预算: not the full-year figure
    if subject is None and measure is None:
        return None
    if subject is None and not _department(context, measure[2] if measure else ""):
        return None
    subject_name, subject_word = subject if subject else ("department", "")
    if subject_name == "none":
        return None
    if measure is None:
        if subject is None or unit == "%":
            return None
        measure_name, measure_word, distance = _budget()["bare_measure"], "", len(context.before) - tokens[-1][1]
    else:
        measure_name, measure_word, distance = measure[1], measure[2], len(context.before) - measure[0]
    kpi = _budget()["kpis"].get(f"{subject_name}.{measure_name}")  # a % has a rate measure, money never one
    if kpi is None:
        return None
    return kpi, "".join(w for w in (subject_word, measure_word) if w) or measure_word, distance


def _qualified_away(tokens: list, measure_end: int, before: str) -> bool:
    """Whether a 'none' measure word (年初, 追加 …) stands earlier in the clause of the measure word."""
    clause = max(before.rfind(stop, 0, measure_end) for stop in "，,；;：:（(")
    return any(kind == "measure" and name == "none" and clause < s < measure_end for s, e, kind, name, word in tokens)


def _department(context: Context, measure_word: str) -> bool:
    """Whether a figure with no subject word is the department's: its measure says so,
    its table row says so, or a heading above it is of the budget section."""
    budget = _budget()
    if context.row is not None:  # a table's row says whose it is; its column only what
        return any(re.search(pattern, context.row) for pattern in budget["rows"])
    if measure_word in budget["strong"] or any(measure_word.startswith(w) for w in budget["strong"]):
        return True
    return any(re.search(word, heading) for heading in context.headings for word in budget["sections"])


def kpi_of(unit: str, context: Context) -> tuple[str, str] | None:
    """(kpi, the words that decided), or None: the nearest of the KPI terms and the budget words."""
    if not unit:
        return None
    found = [f for f in (_generic_kpi(unit, context), _budget_kpi(unit, context)) if f]
    if not found:
        return None
    kpi, words, _ = min(found, key=lambda f: f[2])
    return kpi, words


def _marker(markers: list[str], text: str) -> str | None:
    for marker in markers:
        hit = _compiled(marker).search(text)
        if hit:
            return hit.group(0)
    return None


def role_of(kpi: str | None, unit: str, bound: str | None, context: Context) -> tuple[str, str]:
    """(role, the words that decided) of a figure."""
    roles = _roles()
    lead = context.lead
    area = _marker(roles["larger_area"]["lead"], lead)
    if area and not (context.city and area == "全市"):
        after_area = lead[lead.rfind(area) + len(area):]
        if not _HERE.search(after_area):
            return "larger_area", area
    for role in ("average", "cumulative", "previous_year"):
        hit = _marker(roles[role]["lead"], lead)
        if hit:
            return role, hit
    if unit in roles["change"]["units"]:
        return "change", unit
    hit = _marker(roles["change"]["lead"], lead)
    if hit:
        return "change", hit
    if unit == "%":
        hit = _marker(roles["share"]["lead"], lead)
        if hit:
            return "share", hit
    if kpi in ("self_eval_score", "budget_total", "budget_executed", "budget_execution_rate", "project_budget",
               "project_expenditure", "project_execution_rate"):
        # a score's project may be named sentences away ("2个重点项目开展了…自评，自评得分分别为91.5分");
        # money's only in its own clause ("该项目全年预算2,500.00万元"; not "…运维等项目，调整后全年预算")
        scope = context.before if kpi == "self_eval_score" else context.label + lead
        nearest = roles["project"]["sentence_nearest"]
        project = last_match(_compiled(nearest["project"]), scope)
        department = last_match(_compiled(nearest["department"]), scope)
        if project and (not department or department.end() < project.end()):
            return "project", project.group(0)
        if not department:  # under a heading of projects ("（二）各项目工作任务支出及绩效完成情况分析")
            for heading in reversed(context.headings):
                hit = _compiled(nearest["project"]).search(heading)
                if hit and not _compiled(nearest["department"]).search(heading):
                    return "project", heading
    if context.in_part and context.row is not None and kpi in _DEPARTMENT:
        return "part", "其中"  # a row "其中：当年财政拨款" of the department's total
    if kpi and not _kpis().get(kpi, {}).get("part") and kpi not in _PART_OK:
        if context.in_part:
            return "part", "其中"
        hit = _marker(roles["part"]["lead"], lead)
        if hit:
            return "part", hit
    if bound in ("≥", "≤", ">", "<"):
        return "target", bound
    result = _marker(roles["result"]["lead"], lead) or _marker(roles["result"]["lead"], context.label)
    target = roles["target"]
    ending = [word + target["lead_end_tail"] for word in target["lead_end"]]
    hit = (_marker(ending, lead) or _marker(target["lead"], lead) or _marker(target["after"], context.after)
           or _marker(ending, context.label))  # "目标值：年度新建5G基站300座"
    if hit and not result:
        return "target", hit
    if not result:
        for heading in reversed(context.headings):
            hit = _marker(roles["target"]["heading"], heading)
            if hit:
                return "target", heading
    return "result", result or ""


# The parts of the budget a 其中 breaks the department's total into.
_PART_OK = frozenset({"basic_budget", "basic_expenditure", "basic_execution_rate", "project_budget",
                      "project_expenditure", "project_execution_rate", "budget_execution_rate"})

_DEPARTMENT = frozenset({"budget_total", "budget_executed", "budget_execution_rate"})

STOCKS = frozenset(load("periods")["stocks"])


@functools.cache
def _periods() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in load("periods")["part_year"]]


def period_of(kpi: str | None, context: Context) -> tuple[str | None, str]:
    """The part of the year a figure covers (None: the whole year), and the words."""
    best: tuple[int, re.Match[str]] | None = None
    text = context.before + context.after
    for pattern in _periods():
        for hit in pattern.finditer(text):
            if hit.start() < len(context.before) + 1 or hit.start() <= len(context.before) + 6:
                if best is None or hit.start() > best[0]:
                    best = (hit.start(), hit)
    if best is None:
        return None, ""
    hit = best[1]
    if re.search(r"全年|年度", text[hit.end():len(context.before)]):  # "1-11月…，按全年考核口径，…办结率99.5%"
        return None, ""
    groups = hit.groupdict()
    if groups.get("named"):
        return groups["named"], hit.group(0)
    if groups.get("first"):
        first, last = int(groups["first"]), int(groups["last"])
        return (None if (first, last) == (1, 12) else f"{first}-{last}月"), hit.group(0)
    month = int(groups.get("until") or groups.get("until2") or 12)
    if month >= 12:
        return None, hit.group(0)
    return (f"截至{month}月底" if kpi in STOCKS else f"1-{month}月"), hit.group(0)


def _definition(kpi: str | None, context: Context) -> str | None:
    """'in_year' for a count of this year's additions where the catalog counts a total to date."""
    entry = _kpis().get(kpi or "", {})
    clause = context.label + context.lead + context.after
    if entry.get("in_year") and any(re.search(w, clause) for w in entry["in_year"]) \
            and not any(re.search(w, clause) for w in entry.get("in_year_not", ())):
        return "in_year"
    return None


def decide(unit: str, bound: str | None, context: Context) -> Decision:
    """Which KPI a figure is (if any), its role and its period, and why."""
    found = kpi_of(unit, context)
    kpi, words = found if found else (None, "")
    role, role_words = role_of(kpi, unit, bound, context)
    period, period_words = period_of(kpi, context) if kpi else (None, "")
    definition = _definition(kpi, context)
    if definition:
        words += f"（{definition}）"
    why = "；".join(part for part in (f"{words} → {kpi}" if kpi else "", f"{role_words} → {role}" if role_words else "",
                                      f"{period_words} → {period}" if period else "") if part)
    return Decision(kpi_id=kpi, role=role, period=period, why=why, definition=definition)
