"""The review of one report's figures, on the 添加报告 page (a new upload, or a report
already loaded, opened from the Sources page): each figure found can be accepted,
corrected (KPI, value, year, period) or rejected, with a reason, and a figure the
rules missed can be added by its line. The decisions wait in the session until the
report is accepted (or, for a loaded report, saved); then they become
etl.decisions rows, kept in data/decisions.csv and applied by every build."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.i18n import role_name, t
from dashboard.kpis import format_value
from dashboard.labels import show
from dashboard.ui import catalog, escape_markdown
from etl import decisions as review
from etl.add import Preview

CHOICES = ("accept", "correct", "reject")


def _pending(key: str) -> list[review.Decision]:
    return st.session_state.setdefault(f"review_pending_{key}", [])


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

    show(pl.DataFrame({
        t("kpi", lang): [names.get(o.kpi_id, o.kpi_id) for o in found],
        t("value", lang): [format_value(o.value, units.get(o.kpi_id, o.unit), o.qualifier, lang) for o in found],
        t("obs_kind", lang): [t(f"obs_{o.kind}", lang) for o in found],
        t("period", lang): [o.period for o in found],
        t("line_no", lang): [o.line for o in found],
        t("quote", lang): [o.quote for o in found],
        t("why", lang): [o.why for o in found],
    }, schema={t("kpi", lang): pl.Utf8, t("value", lang): pl.Utf8, t("obs_kind", lang): pl.Utf8,
               t("period", lang): pl.Utf8, t("line_no", lang): pl.Int64, t("quote", lang): pl.Utf8,
               t("why", lang): pl.Utf8}).with_columns(**scan_lines([o.line for o in found])))
    st.caption(t("review_help", lang))

    if preview.candidates:
        candidates = preview.candidates
        st.markdown(f"**{t('review_candidates', lang, n=len(candidates))}**")
        st.caption(t("review_candidates_help", lang))
        show(pl.DataFrame({  # ranked: the year's results first, then targets, then what is not the year's own
            t("review_may_be", lang): [names.get(c.kpi_id, c.kpi_id) for c in candidates],
            t("value", lang): [format_value(c.value, units.get(c.kpi_id, c.unit), None, lang) for c in candidates],
            t("role", lang): [role_name(c.role, lang) + (f"（{c.period}）" if c.period else "") for c in candidates],
            t("line_no", lang): [c.line for c in candidates],
            t("quote", lang): [c.quote for c in candidates],
            t("why", lang): [c.why for c in candidates],
        }, schema={t("review_may_be", lang): pl.Utf8, t("value", lang): pl.Utf8, t("role", lang): pl.Utf8,
                   t("line_no", lang): pl.Int64, t("quote", lang): pl.Utf8, t("why", lang): pl.Utf8}
        ).with_columns(**scan_lines([c.line for c in candidates])))
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


def clear(key: str) -> None:
    """Forget the decisions pending for this review (after they were kept)."""
    st.session_state.pop(f"review_pending_{key}", None)
