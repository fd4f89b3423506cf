"""The review of one report's figures, on the 添加报告 page (a new upload, or a report
already loaded, opened from the Sources page): each figure found can be accepted,
corrected (KPI, value, year, period) or rejected, with a reason, and a figure the
rules missed can be added by its line. The decisions wait in the session until the
report is accepted (or, for a loaded report, saved); then they become
etl.decisions rows, kept in data/decisions.csv and applied by every build."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
import streamlit as st

from dashboard.comparability import period_name
from dashboard.i18n import ROLE_NAMES, list_separator, role_name, t
from dashboard.kpis import format_value
from dashboard.labels import readable
from dashboard.ui import catalog, escape_markdown
from etl import decisions as review
from etl.add import Preview
from etl.candidates import Candidate
from etl.extract import Observation
from etl.open_data import PACKAGE_TABLES
from etl.text import plain_number

CHOICES = ("accept", "correct", "reject")


def _pending(key: str) -> list[review.Decision]:
    return st.session_state.setdefault(f"review_pending_{key}", [])


QUOTE_ROW_HEIGHT = 124  # px: a quote wraps over six lines (above 64 px Streamlit lets text wrap)
ROWS_IN_VIEW = 8  # a longer table scrolls within itself


@dataclass(frozen=True)
class Figure:
    """One value of one KPI, year, period and kind as the report states it, at every
    line it does (two lines of the same value agree), and any other value the report
    gives for the same KPI, year, period and kind (a conflict)."""

    figures: tuple[Observation, ...]
    conflicts: tuple[Observation, ...] = field(default=())

    @property
    def lines(self) -> list[int]:
        return [o.line for o in self.figures]


def grouped(found: list[Observation]) -> list[Figure]:
    """The figures found, the same value of the same KPI, year, period and kind stated at
    several lines as one Figure, in the order of their first line."""
    same: dict[tuple, list[Observation]] = {}
    for o in sorted(found, key=lambda o: o.line):
        same.setdefault((o.kpi_id, o.year, o.period, o.kind, round(o.value, 6)), []).append(o)
    return [Figure(tuple(group), tuple(o for other, others in same.items() if other[:4] == key[:4] and other != key
                                       for o in others))
            for key, group in same.items()]


def same_candidates(candidates: list[Candidate]) -> list[list[Candidate]]:
    """The possible figures, the same value read the same way (KPI, role, period) at several
    lines as one group, in the order of their first."""
    same: dict[tuple, list[Candidate]] = {}
    for c in candidates:
        same.setdefault((c.kpi_id, round(c.value, 6), c.role, c.period), []).append(c)
    return list(same.values())


def agreement(figure: Figure, lang: str, units: dict[str, str]) -> str:
    """'第 19、27 行 2 处一致' where lines agree; '冲突：第 31 行写 …' where another line differs."""
    said = []
    if len(figure.figures) > 1:
        said.append(t("review_agrees", lang, n=len(figure.figures),
                      lines=list_separator(lang).join(str(line) for line in figure.lines)))
    if figure.conflicts:
        said.append(t("review_conflicts", lang, others=list_separator(lang).join(
            t("review_other_value", lang, line=o.line, value=format_value(o.value, units.get(o.kpi_id, o.unit), o.qualifier, lang))
            for o in figure.conflicts)))
    return "；".join(said) if lang == "zh" else "; ".join(said)


def plain_why(why: str | None, names: dict[str, str], lang: str) -> str:
    """The reading's 'words → id' steps with the ids in words: '「本年支出」→ 部门全年执行数'."""
    steps = []
    for step in (why or "").split("；"):
        words, arrow, decided = step.partition(" → ")
        if not arrow:
            steps.append(step)
            continue
        said = names.get(decided) or (role_name(decided, lang) if decided in ROLE_NAMES else period_name(decided, lang))
        steps.append(f"「{words}」→ {said}" if lang == "zh" else f"“{words}” → {said}")
    return "；".join(s for s in steps if s) if lang == "zh" else "; ".join(s for s in steps if s)


def not_loaded_because(candidate: Candidate, lang: str) -> str:
    """Why a possible figure is not its KPI's value, from the reading's own words: its role
    ('只是一部分（「产业奖补窗口」），不是总数') and its period ('只含 1-11月（「截止到11月底」），不是全年')."""
    words = {decided: said for said, _, decided in (step.partition(" → ") for step in candidate.why.split("；"))}

    def quoted(decided: str) -> str:
        said = words.get(decided)
        return "" if not said else f"（「{said}」）" if lang == "zh" else f" (“{said}”)"

    reasons = []
    if candidate.role != "result":
        reasons.append(t("review_because_part" if candidate.role == "part" else "review_because_role", lang,
                         role=role_name(candidate.role, lang), words=quoted(candidate.role)))
    if candidate.period:
        reasons.append(t("review_because_period", lang, period=period_name(candidate.period, lang),
                         words=quoted(candidate.period)))
    if not reasons:
        return t("review_because_none", lang)
    return "；".join(reasons) if lang == "zh" else "; ".join(reasons)


def _table(frame: pl.DataFrame, widths: dict[str, int]) -> None:
    """A table whose columns fit the page (widths in px, the quote the widest) and whose
    text wraps (rows taller than one line), so a quote is read whole, without scrolling sideways."""
    height = "content" if frame.height <= ROWS_IN_VIEW else ROWS_IN_VIEW * QUOTE_ROW_HEIGHT + 40
    st.dataframe(readable(frame).to_arrow(), hide_index=True, width="stretch", row_height=QUOTE_ROW_HEIGHT, height=height,
                 column_config={name: st.column_config.TextColumn(width=width) for name, width in widths.items()})


def editors(preview: Preview, lang: str, key: str) -> list[review.Decision]:
    """The figures found, a form to decide about one of them, a form to add a missed
    one, and the decisions made so far (each can be taken back). Returns them."""
    names = dict(catalog().select("kpi_id", "name_en" if lang == "en" else "name_zh").iter_rows())
    units = dict(catalog().select("kpi_id", "unit").iter_rows())
    found = preview.observations
    sha = preview.upload.sha256
    pending = _pending(key)

    scanned = preview.document.ocr_lines  # lines read by text recognition from a scanned page

    def label(index: int) -> str:
        o = found[index]
        value = format_value(o.value, units.get(o.kpi_id, o.unit), o.qualifier, lang)
        scan = f" · {t('review_scan_mark', lang)}" if o.line in scanned else ""
        return f"{names.get(o.kpi_id, o.kpi_id)} = {value} · {t('line', lang, line=o.line)} · {t(f'obs_{o.kind}', lang)}{scan}"

    def scan_lines(lines: list[int]) -> dict[str, pl.Series]:
        """Beside each figure read from a scan, its line as OCR read it (no column when none is)."""
        if not scanned.intersection(lines):
            return {}
        text = [preview.document.lines[n - 1].strip() if n in scanned else None for n in lines]
        return {t("review_scan_line", lang): pl.Series(text, dtype=pl.Utf8)}

    if scanned:
        st.info(t("review_scan_help", lang, n=len(scanned)))

    figures = grouped(found)
    first = [f.figures[0] for f in figures]
    _table(pl.DataFrame({
        t("kpi", lang): [names.get(o.kpi_id, o.kpi_id) for o in first],
        t("value", lang): [format_value(o.value, units.get(o.kpi_id, o.unit), o.qualifier, lang) for o in first],
        t("obs_kind", lang): [t(f"obs_{o.kind}", lang) for o in first],
        t("period", lang): [period_name(o.period, lang) or t("whole_year", lang) for o in first],
        t("line_no", lang): [list_separator(lang).join(str(line) for line in f.lines) for f in figures],
        t("review_agreement", lang): [agreement(f, lang, units) for f in figures],
        t("quote", lang): [o.quote for o in first],  # the other lines' words: in the text below
        t("why", lang): [plain_why(o.why, names, lang) for o in first],
    }, schema={t("kpi", lang): pl.Utf8, t("value", lang): pl.Utf8, t("obs_kind", lang): pl.Utf8,
               t("period", lang): pl.Utf8, t("line_no", lang): pl.Utf8, t("review_agreement", lang): pl.Utf8,
               t("quote", lang): pl.Utf8, t("why", lang): pl.Utf8}).with_columns(**scan_lines([o.line for o in first])),
           widths={t("kpi", lang): 110, t("value", lang): 110, t("obs_kind", lang): 50, t("period", lang): 60,
                   t("line_no", lang): 60, t("review_agreement", lang): 120, t("quote", lang): 290, t("why", lang): 150})
    st.caption(t("review_help", lang))

    if preview.candidates:
        candidates = preview.candidates
        same = same_candidates(candidates)  # one row per figure, at every line it is stated
        shown = [group[0] for group in same]
        st.markdown(f"**{t('review_candidates', lang, n=len(same))}**")
        st.caption(t("review_candidates_help", lang))
        _table(pl.DataFrame({  # ranked: the year's results first, then targets, then what is not the year's own
            t("review_may_be", lang): [names.get(c.kpi_id, c.kpi_id) for c in shown],
            t("value", lang): [format_value(c.value, units.get(c.kpi_id, c.unit), None, lang) for c in shown],
            t("role", lang): [role_name(c.role, lang) + (f"（{period_name(c.period, lang)}）" if c.period else "")
                              for c in shown],
            t("review_not_loaded", lang): [not_loaded_because(c, lang) for c in shown],
            t("line_no", lang): [list_separator(lang).join(str(c.line) for c in group) for group in same],
            t("quote", lang): [c.quote for c in shown],
            t("why", lang): [plain_why(c.why, names, lang) for c in shown],
        }, schema={t("review_may_be", lang): pl.Utf8, t("value", lang): pl.Utf8, t("role", lang): pl.Utf8,
                   t("review_not_loaded", lang): pl.Utf8, t("line_no", lang): pl.Utf8, t("quote", lang): pl.Utf8,
                   t("why", lang): pl.Utf8}
        ).with_columns(**scan_lines([c.line for c in shown])),
            widths={t("review_may_be", lang): 110, t("value", lang): 100, t("role", lang): 100,
                    t("review_not_loaded", lang): 200, t("line_no", lang): 60, t("quote", lang): 250, t("why", lang): 150})
        with st.form(f"review_candidate_{key}", clear_on_submit=True, border=True):
            index = st.selectbox(
                t("review_candidate_pick", lang), range(len(candidates)), key=f"review_candidate_pick_{key}",
                format_func=lambda i: (f"{names.get(candidates[i].kpi_id, candidates[i].kpi_id)} = "
                                       f"{format_value(candidates[i].value, units.get(candidates[i].kpi_id, ''), None, lang)}"
                                       f" · {t('line', lang, line=candidates[i].line)}"))
            reason = st.text_input(t("review_reason", lang), key=f"review_candidate_reason_{key}")
            if st.form_submit_button(t("review_candidate_use", lang)):
                chosen = candidates[index]
                pending += review.from_review(sha, [], [], [{"kpi_id": chosen.kpi_id, "line": chosen.line, "value": chosen.value,
                                                             "year": preview.document.year, "reason": reason}],
                                              len(preview.document.lines), set(names))

    if found:
        with st.form(f"review_decide_{key}", clear_on_submit=True, border=True):
            st.markdown(f"**{t('review_decide_title', lang)}**")
            index = st.selectbox(t("review_figure", lang), range(len(found)), format_func=label, key=f"review_pick_{key}")
            choice = st.radio(t("review_decision", lang), CHOICES, horizontal=True, format_func=lambda c: t(f"review_{c}", lang),
                              key=f"review_choice_{key}")
            columns = st.columns(4)
            kpi_id = columns[0].selectbox(t("review_new_kpi", lang), [""] + list(names), key=f"review_kpi_{key}",
                                          format_func=lambda k: names.get(k, t("review_same", lang)))
            value = columns[1].number_input(t("review_new_value", lang), value=None, format="%g", key=f"review_value_{key}")
            year = columns[2].number_input(t("year", lang), value=None, step=1, format="%d", key=f"review_year_{key}")
            period = columns[3].text_input(t("period", lang), key=f"review_period_{key}")
            reason = st.text_input(t("review_reason", lang), key=f"review_reason_{key}")
            if st.form_submit_button(t("review_note_it", lang)):
                figure = found[index]
                row = {"decision": choice, "kpi_id": kpi_id or figure.kpi_id,
                       "value": figure.value if value is None else value, "year": year or figure.year,
                       "period": period.strip() or figure.period, "reason": reason}
                made = review.from_review(sha, [figure], [row], [], len(preview.document.lines), set(names))
                pending[:] = [d for d in pending if (d.found_kpi_id, d.line, d.found_value) !=
                              (figure.kpi_id, figure.line, figure.value)] + made

    with st.form(f"review_add_{key}", clear_on_submit=True, border=True):
        st.markdown(f"**{t('review_add_title', lang)}**")
        st.caption(t("review_add_help", lang))
        columns = st.columns(4)
        kpi_id = columns[0].selectbox(t("kpi", lang), list(names), format_func=lambda k: names[k], index=None,
                                      placeholder=t("add_choose", lang), key=f"review_add_kpi_{key}")
        line = columns[1].number_input(t("line_no", lang), min_value=1, max_value=max(len(preview.document.lines), 1),
                                       value=None, step=1, key=f"review_add_line_{key}")
        value = columns[2].number_input(t("value", lang), value=None, format="%g", key=f"review_add_value_{key}")
        period = columns[3].text_input(t("period", lang), key=f"review_add_period_{key}")
        reason = st.text_input(t("review_reason", lang), key=f"review_add_reason_{key}")
        if st.form_submit_button(t("review_add_it", lang)):
            if kpi_id is None or line is None or value is None:
                st.warning(t("review_add_missing", lang))
            else:
                pending += review.from_review(sha, [], [], [{"kpi_id": kpi_id, "line": line, "value": value,
                                                             "year": preview.document.year, "period": period.strip(),
                                                             "reason": reason}],
                                              len(preview.document.lines), set(names))

    if pending:
        st.markdown(f"**{t('review_pending', lang, n=len(pending))}**")
        for number, decision in enumerate(list(pending)):
            left, right = st.columns([6, 1])
            what = (f"{t('review_' + ('add' if decision.decision == 'add' else decision.decision), lang)}: "
                    f"{names.get(decision.kpi_id, decision.kpi_id)} = "
                    f"{format_value(decision.value, units.get(decision.kpi_id, ''), None, lang)} · "
                    f"{t('line', lang, line=decision.line)}")
            if decision.decision == "add":
                what += f" “{preview.document.lines[decision.line - 1].strip()}”"
            if decision.reason:
                what += f" · {decision.reason}"
            left.markdown(escape_markdown(what))
            if right.button(t("review_undo", lang), key=f"review_undo_{key}_{number}"):
                del pending[number]
                st.rerun()
    return list(pending)


def budget_preview(preview: Preview, lang: str) -> None:
    """Before anything is loaded: the budget lines accepting would load (code, name,
    amount, column, table, line), the document's own checks of them with their
    arithmetic, and the other tables' row counts by their names."""
    rows = preview.budget_lines
    if rows:
        st.markdown(f"**{t('review_budget_lines', lang, n=len(rows))}**")
        st.dataframe(pl.DataFrame({
            t("code", lang): [r["code"] for r in rows],
            t("item", lang): [r["name"] for r in rows],
            t("value_10k", lang): [plain_number(r["value"]) if r["value"] is not None else "" for r in rows],
            t("column", lang): [r["column_name"] for r in rows],
            t("review_table", lang): [r["table_name"] for r in rows],
            t("line_no", lang): [r["line"] for r in rows],
        }, schema={t("code", lang): pl.Utf8, t("item", lang): pl.Utf8, t("value_10k", lang): pl.Utf8,
                   t("column", lang): pl.Utf8, t("review_table", lang): pl.Utf8, t("line_no", lang): pl.Int64}
        ).to_arrow(), hide_index=True, width="stretch")
        for check in preview.table_checks:
            said = t("review_check_passed" if check["passed"] else "review_check_failed", lang, subject=check["subject"],
                     line=check["line"], computed=plain_number(check["actual"]), stated=plain_number(check["expected"]))
            (st.caption if check["passed"] else st.warning)(escape_markdown(said))
    titles = {table.name: table.title[1 if lang == "en" else 0] for table in PACKAGE_TABLES}
    others = {name: n for name, n in preview.table_rows.items() if name != "budget_lines" and n}
    if others:
        st.caption(escape_markdown(t("add_other_tables", lang, tables=list_separator(lang).join(
            t("review_table_rows", lang, table=titles.get(name, name), n=n) for name, n in others.items()))))


def clear(key: str) -> None:
    """Forget the decisions pending for this review (after they were kept)."""
    st.session_state.pop(f"review_pending_{key}", None)
