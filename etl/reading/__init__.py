"""Reading a report in two steps: find every figure, then decide what it is.

1. etl.reading.figures finds every number of the prose once (its unit and scale
   converted, its bounds, line, clause and sentence, the headings above it), and
   etl.reading.tables every number of its tables with the row's label and the
   column's meaning (年度指标值 a target, 实际完成值 a result, 全年预算数 …).
2. etl.reading.decide says for each figure which KPI it is, if any, its role
   (result, target, change, average, cumulative, a larger area's, a share, a
   project's, a part, an earlier year's) and its period, from the vocabulary kept as
   data in etl/reading/vocabulary/*.toml, and records the words that decided.

`read(doc)` gives every figure with its decision; `observations(doc)` the KPI
observations they make (results and targets, and the previous year's value derived
from a change stated after a result). The kinds' extractors (self_evaluation,
final_accounts) use them beside their exact rules: a figure no rule matched is not
lost.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace

from etl.catalog import catalog_units
from etl.documents import Document
from etl.extract import Observation, enumeration_spans
from etl.reading.decide import ROLES_KEPT, Context, Decision, decide, last_match
from etl.reading.figures import (
    _HEADING,
    SENTENCE_STOPS,
    Figure,
    Text,
    clause_end,
    clause_start,
    figures_in,
    reading_text,
)
from etl.reading.tables import find_tables, table_figures, table_lines
from etl.reading.words import column_says
from etl.text import normalise, plain_number, sentence_bounds


@dataclass(frozen=True)
class Reading:
    """One figure of a document and what it was decided to be."""

    figure: Figure
    decision: Decision
    quote: str
    sentence: tuple[int, int] = (0, 0)  # the figure's sentence in the reading's flow (prose only)
    lead: str = ""  # the words of its clause before it (prose only)


@dataclass(frozen=True)
class _Prose:
    text: Text
    breaks: tuple[int, ...]  # flow offsets where a heading line starts or ends: sentences stop there
    parts: tuple[tuple[int, int], ...]  # 其中 breakdowns


def _prose(lines: tuple[str, ...], held: set[int]) -> _Prose:
    text = reading_text(list(lines), held)
    flow = text.flow
    starts, whole = set(), {1}  # lines a heading starts; lines that are a heading and nothing more
    for n, line in enumerate(lines, start=1):
        found = _HEADING.match(normalise(line))
        if found:
            starts.add(n)
            if len(normalise(line).strip()) <= found.end() + 1:
                whole.add(n)
    breaks = []
    for offset in range(1, len(flow.lines)):
        before, here = flow.lines[offset - 1], flow.lines[offset]
        if before != here and (before in whole or here in starts or here in whole):
            breaks.append(offset)
    return _Prose(text=text, breaks=tuple(breaks), parts=tuple(enumeration_spans(flow.norm)))


def _sentence(prose: _Prose, offset: int) -> tuple[int, int]:
    start, end = sentence_bounds(prose.text.flow.norm, offset, SENTENCE_STOPS)
    at = bisect.bisect_right(prose.breaks, offset)
    if at > 0:
        start = max(start, prose.breaks[at - 1])
    if at < len(prose.breaks):
        end = min(end, prose.breaks[at])
    return start, end


def _quote(flow, s_start: int, s_end: int, figure: Figure, width: int = 60) -> str:
    """The figure's sentence, shortened with … around the figure when long."""
    start, end = max(s_start, figure.start - width), min(s_end, figure.end + width)
    return ("…" if start > s_start else "") + flow.raw[start:end].strip() + ("…" if end < s_end else "")


def _is_city(lines: tuple[str, ...], district: str, district_full: str | None) -> bool:
    """Whether the report's place is itself a city (a 县级市: 义乌市), where 全市 is here."""
    return (district_full or "").endswith("市") or f"{district}市" in "".join(lines[:3])


def read(doc: Document, tables: bool = True) -> list[Reading]:
    """Every figure of the document, with its decision, in the document's order.
    tables=False leaves every table out (a 决算's tables are its budget lines).

    The last few documents' readings are kept: a report's review reads it for its
    observations and again for its possible figures on every click."""
    return list(_read(tuple(doc.lines), doc.district, doc.district_full, tables))


@functools.lru_cache(maxsize=4)
def _read(lines: tuple[str, ...], district: str, district_full: str, tables: bool) -> tuple[Reading, ...]:
    found_tables = find_tables(list(lines)) if tables else []
    held = table_lines(found_tables)
    if not tables:
        held |= {n for n, line in enumerate(lines, start=1) if line.lstrip().startswith("|")}
    prose = _prose(lines, held)
    flow = prose.text.flow
    norm = flow.norm
    city = _is_city(lines, district, district_full)
    readings: list[Reading] = []
    figures = figures_in(flow)
    respective = _respective(norm, figures, prose)
    for figure in figures:
        s_start, s_end = _sentence(prose, figure.start)
        c_start = max(clause_start(norm, figure.start), s_start)
        c_end = min(clause_end(norm, figure.end), s_end)
        label = ""
        if c_start > s_start and norm[c_start - 1] in "：:":  # "目标值：…", "…专项：全年预算…"
            label = norm[max(clause_start(norm, c_start - 1), s_start):c_start - 1]
        lead, before = norm[c_start:figure.start], norm[s_start:figure.start]
        if figure.start in respective:  # "基本支出、项目支出分别为2,864.31万元、10,350.77万元"
            lead = respective[figure.start]
            before = norm[s_start:c_start] + lead
        elif _ROLE_LABEL.fullmatch(label) and (subject := _indicator_named(norm, c_start, prose)):
            # "指标：新建5G基站；目标值：1200个；完成值：1350个": the indicator named before the ；
            label = subject + label
            before = subject + "：" + norm[s_start:figure.start]
        context = Context(lead=lead, before=before, after=norm[figure.end:c_end],
                          headings=prose.text.headings.get(figure.line, ()),
                          in_part=any(a <= figure.start < b for a, b in prose.parts), city=city, label=label)
        decision = decide(figure.unit, figure.bound, context)
        readings.append(Reading(figure, decision, _quote(flow, s_start, s_end, figure), (s_start, s_end), lead))
    headings = prose.text.headings
    for cell in table_figures(list(lines), found_tables):
        lead = cell.label + column_says(cell.column_kind) + cell.before
        lead = lead[max(lead.rfind(stop) for stop in "：:，,；;") + 1:] if any(s in lead for s in "：:，,；;") else lead
        context = Context(lead=lead, before=lead, after=cell.after, headings=headings.get(cell.figure.line, ()),
                          city=city, row=cell.label, in_part=cell.label.startswith("其中"))
        decision = decide(cell.figure.unit, cell.figure.bound, context)
        readings.append(Reading(cell.figure, decision, cell.quote))
    readings = _parts_of_their_own_totals(readings)
    prose_count = sum(1 for r in readings if r.figure.source == "prose")
    order = {id(r): (r.figure.start if i < prose_count else i) for i, r in enumerate(readings)}  # cells: column order
    readings.sort(key=lambda r: (r.figure.line, r.figure.source != "prose", order[id(r)]))
    return tuple(readings)


# A list of figures that belong to a list of subjects in turn: "A、B分别为X、Y".
_RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|占|增加|减少|增长|下降|提高|降低)?")
_SUBJECT_SPLIT = re.compile(r"[、和及与]|以及")
# A label that says only what a figure is (its role), not of what: 目标值：, 完成值：, 实际完成：
_ROLE_LABEL = re.compile(r"(?:年度)?(?:目标值?|指标值|完成值|实际完成值?|实际值|完成情况|实际)")
_INDICATOR = re.compile(r"(?:三级)?指标(?:名称)?[：:](?P<subject>[^；;。：:]{2,40})[；;]")


def _respective(norm: str, figures: list[Figure], prose: _Prose) -> dict[int, str]:
    """For each figure in a "分别为" list, the words of its own subject: the k-th figure
    after "A、B分别为" is A's or B's in turn; a second list in the same sentence with one
    word ("（执行率分别为99.45%、95.29%）") takes the subjects of the first."""
    found: dict[int, str] = {}
    starts = [f.start for f in figures]
    previous: tuple[tuple[int, int], list[str]] | None = None
    for hit in _RESPECTIVELY.finditer(norm):
        sentence = _sentence(prose, hit.start())
        c_start = max(clause_start(norm, hit.start()), sentence[0], norm.rfind("（", 0, hit.start()) + 1)
        subjects = [w for w in _SUBJECT_SPLIT.split(norm[c_start:hit.start()]) if w]
        end = min(clause_end(norm, hit.end()), sentence[1])
        for bracket in "（）":  # the list ends where a bracket opens or closes
            at = norm.find(bracket, hit.end(), end)
            end = at if at != -1 else end
        listed = [s for s in starts if hit.end() <= s < end]
        if not subjects or len(listed) < 2:
            continue
        if len(subjects) == 1 and previous and previous[0] == sentence and len(previous[1]) == len(listed):
            subjects = [earlier + subjects[0] for earlier in previous[1]]
        elif len(subjects) == len(listed):
            shared = subjects[-1].rsplit("的", 1)[1] if "的" in subjects[-1] else ""  # 政务大厅和12345热线的满意率
            subjects = [w if w.endswith(shared) else w + shared for w in subjects]
            previous = (sentence, subjects)
        else:
            continue
        for subject, start in zip(subjects, listed, strict=True):
            found[start] = subject + norm[hit.start():hit.end()]
    return found


def _indicator_named(norm: str, c_start: int, prose: _Prose) -> str | None:
    """The indicator an "指标：…；目标值：…；完成值：…" line names before the figure's ；."""
    line_start = max(norm.rfind("。", 0, c_start), prose.breaks[bisect.bisect_right(prose.breaks, c_start) - 1]
                     if bisect.bisect_right(prose.breaks, c_start) else 0)
    named = last_match(_INDICATOR, norm, line_start, c_start)
    return named.group("subject") if named else None


def _parts_of_their_own_totals(readings: list[Reading]) -> list[Reading]:
    """A figure inside a 其中 breakdown is a part only where the breakdown's total, earlier
    in its sentence, is of the same KPI ("工单29.84万件，其中涉疫类工单156,342件"); a KPI's
    figure listed under another total is that KPI's ("锦旗、表扬信等共64件，其中锦旗41面")."""
    seen: dict[tuple[int, int], set[str]] = {}
    kept = []
    for reading in readings:
        decision = reading.decision
        if reading.figure.source == "prose" and decision.kpi_id:
            totals = seen.setdefault(reading.sentence, set())
            if decision.role == "part" and "其中 → part" in decision.why and decision.kpi_id not in totals:
                decision = replace(decision, role="result", why=decision.why.replace("；其中 → part", ""))
                reading = replace(reading, decision=decision)
            if decision.role in ROLES_KEPT:
                totals.add(decision.kpi_id)
        kept.append(reading)
    return kept


# A change on the previous year right after a result: "比上年增长12.5%", "较上年下降0.86个百分点".
_PREVIOUS = re.compile(r"上年|去年|同比|上一年|20\d\d年")
_UP = re.compile(r"增加|增长|提高|上升|提升|多|高出")
_DOWN = re.compile(r"减少|下降|降低|回落|少|节约|压减")


def _previous_value(base: Reading, change: Reading) -> tuple[float, int, str] | None:
    """The previous year's value from a result and the change stated after it (its
    direction read in the change's own clause), with the arithmetic as a note; None when
    the text cannot support one (a −100% change, a rate's relative change)."""
    up, down = _UP.search(change.lead), _DOWN.search(change.lead)
    if bool(up) == bool(down):
        return None
    sign = 1 if up else -1
    value, amount = base.figure.value, change.figure.value
    unit, change_unit = base.figure.unit, change.figure.unit
    words = change.quote
    if unit != "%" and change_unit == "%":
        factor = 1 + sign * amount / 100
        if factor <= 0:
            return None
        precision = base.figure.precision  # what the result is good to; its digits are the arithmetic's
        previous = round(value / factor, 2)
        return previous, precision, (f"{plain_number(value)} ÷ (1 {'+' if sign > 0 else '−'} {plain_number(amount)}%) ≈ "
                                     f"{plain_number(previous)}（{words}）")
    if (unit == "%" and change_unit in ("个百分点", "百分点")) or (unit != "%" and change_unit == unit):
        precision = max(base.figure.precision, change.figure.precision)
        previous = round(value - sign * amount, max(-min(base.figure.precision, change.figure.precision), 0))
        return previous, precision, (f"{plain_number(value)} {'−' if sign > 0 else '+'} {plain_number(amount)} = "
                                     f"{plain_number(previous)}（{words}）")
    return None


def observations(doc: Document, readings: list[Reading] | None = None) -> list[Observation]:
    """The KPI observations the document's figures make: results (kind 'actual') and
    targets, each with its role and the words that decided; and the previous year's
    value derived from a change stated after a result (kind 'derived')."""
    readings = read(doc) if readings is None else readings
    found: list[Observation] = []
    last_result: dict[tuple[int, int], list[tuple[Reading, Observation]]] = {}
    last_of_kpi: dict[str, tuple[Reading, Observation]] = {}
    for reading in readings:
        figure, decision = reading.figure, reading.decision
        if decision.kpi_id and decision.role in ROLES_KEPT:
            observation = _observation(doc, reading)
            found.append(observation)
            if decision.role == "result" and figure.source == "prose" and figure.bound not in ("约", "超过"):
                last_result.setdefault(reading.sentence, []).append((reading, observation))
                last_of_kpi[decision.kpi_id] = (reading, observation)
        elif decision.role == "change" and figure.source == "prose":
            if not _PREVIOUS.search(reading.lead):  # on the previous year, not on 年初 or a target
                continue
            bases = last_result.get(reading.sentence, [])
            if decision.kpi_id:  # "“三公”经费较上年减少18,904.40元": the change names its KPI
                named = [b for b in bases if b[1].kpi_id == decision.kpi_id]
                earlier = last_of_kpi.get(decision.kpi_id)
                if named:
                    bases = named
                elif earlier and figure.line - earlier[0].figure.line <= 2:
                    bases = [earlier]
            if not bases:
                continue
            base, base_observation = bases[-1]
            if base.figure.start > figure.start or base_observation.period:
                continue
            derived = _previous_value(base, reading)
            if base in [b[0] for b in last_result.get(reading.sentence, [])]:
                last_result[reading.sentence] = [b for b in last_result[reading.sentence] if b[0] is not base]
            last_of_kpi.pop(base_observation.kpi_id, None)  # one change per result
            if derived is None:
                continue
            value, precision, note = derived
            found.append(Observation(
                doc_id=doc.doc_id, district=doc.district, year=doc.year - 1, kpi_id=base_observation.kpi_id,
                value=float(value), unit=base_observation.unit, precision=precision, kind="derived", period=None,
                qualifier=None, line=figure.line, quote=reading.quote, note=note, definition=base_observation.definition,
                role="result", why=f"{base_observation.why}；{decision.why}"))
    return found


@functools.cache
def _catalog_units() -> dict[str, str]:
    """The catalog's units, read once per process (an observation's unit is its KPI's)."""
    return catalog_units()


def _observation(doc: Document, reading: Reading) -> Observation:
    figure, decision = reading.figure, reading.decision
    qualifier = figure.bound if figure.bound in ("约", "超过") or decision.role == "target" else None
    return Observation(
        doc_id=doc.doc_id, district=doc.district, year=doc.year, kpi_id=decision.kpi_id,
        value=figure.value, unit=_catalog_units().get(decision.kpi_id, figure.unit), precision=figure.precision,
        kind="actual" if decision.role == "result" else "target", period=decision.period, qualifier=qualifier,
        line=figure.line, quote=reading.quote, note=None, role=decision.role, why=decision.why,
        definition=decision.definition)


def with_rules(doc: Document, ruled: list[Observation], tables: bool = True, kpis: frozenset[str] | None = None,
               definitions: dict[str, str] | None = None, derive: bool = True) -> list[Observation]:
    """The rules' observations, each checked by the reading's decision about its figure
    (a figure the reading finds to be a larger area's, an average, a count since an
    earlier year, a change, a share, a project's or a part is dropped, with the
    previous year derived from it; a target is kept as one), then every figure no rule
    matched that the reading decides is a KPI's result or target, for a KPI the rules
    gave no figure of that kind (of `kpis` only, where
    given; with the definition `definitions` names for its KPI, as the kind's rules give it)."""
    readings = read(doc, tables=tables)
    by_place: dict[tuple[int, float], list[Reading]] = {}
    for r in readings:
        by_place.setdefault((r.figure.line, round(r.figure.value, 6)), []).append(r)
    kept: list[Observation] = []
    claimed: set[tuple[int, float]] = set()
    dropped = False
    for observation in ruled:
        if observation.kind == "derived":
            if not dropped:
                kept.append(replace(observation, role="result", why="规则 rule"))
            continue
        place = (observation.line, round(observation.value, 6))
        claimed.add(place)
        # the figure the rule matched: of the figures of that value on its line, the one of its KPI if any
        same = by_place.get(place, [])
        reading = next((r for r in same if r.decision.kpi_id == observation.kpi_id), same[0] if same else None)
        # a rule reads 其中 breakdowns itself (in_enumeration); every other role the reading finds overrules it,
        # and so does another KPI the reading finds for the figure (the reading's own observation takes its place)
        dropped = bool(reading and (reading.decision.role not in (*ROLES_KEPT, "part")
                                    or (reading.decision.kpi_id and reading.decision.kpi_id != observation.kpi_id)))
        if dropped:
            if reading.decision.kpi_id and reading.decision.role in ROLES_KEPT:
                claimed.discard(place)
            continue
        own = reading.decision if reading and reading.decision.kpi_id == observation.kpi_id else None
        if own and own.role in ROLES_KEPT:
            # the reading's sentence is the figure's own (a rule's may run on through a table)
            observation = replace(observation, kind="actual" if own.role == "result" else "target")
        elif reading and reading.decision.role == "target" and observation.kind == "actual":
            observation = replace(observation, kind="target")
        if own:  # the period and definition of the figure's own clause
            observation = replace(observation, period=own.period, definition=observation.definition or own.definition)
        kept.append(replace(observation, role="result" if observation.kind == "actual" else "target",
                            why=own.why if own and own.why else "规则 rule"))
    ruled_derived = {(o.kpi_id, o.year) for o in kept if o.kind == "derived"}
    ruled = {(o.kpi_id, o.year, o.kind, o.definition, o.period) for o in kept}
    for observation in observations(doc, readings):
        if kpis is not None and observation.kpi_id not in kpis:
            continue
        if definitions and observation.kpi_id in definitions and not observation.definition:
            observation = replace(observation, definition=definitions[observation.kpi_id])
        if (observation.kpi_id, observation.year, observation.kind, observation.definition, observation.period) in ruled:
            continue  # the rules, exact where they match, gave this KPI's figure of this kind, definition and period
        if observation.kind == "derived":
            if not derive or (observation.kpi_id, observation.year) in ruled_derived:
                continue
        elif (observation.line, round(observation.value, 6)) in claimed:
            continue
        kept.append(observation)
    return kept
