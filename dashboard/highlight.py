"""Search hits as a reader sees them: a snippet of the line around the term, escaped
as HTML first and then the term marked (<mark>), so a report's text can never become
markup; and the hits as one HTML table with its headers in the page's language."""

from __future__ import annotations

import html
import re

import polars as pl

from dashboard.i18n import district_name, t

SNIPPET_AROUND = 60  # characters of the line kept before and after the first match


def _spaced(term: str) -> re.Pattern[str]:
    """The term as the search matches it: spaces ignored, any case ('5 G' finds '5G')."""
    letters = [re.escape(c) for c in term if not c.isspace()]
    return re.compile(r"\s*".join(letters), re.IGNORECASE)


def _tail(text: str, term: str) -> int:
    """How many of the line's last characters begin the term (a PDF broke it across two
    lines: '…5' then 'G基站…'); 0 when none do."""
    compact_term = "".join(term.split()).lower()
    stripped = text.rstrip().lower()
    for size in range(len(compact_term) - 1, 0, -1):
        if stripped.endswith(compact_term[:size]):
            return size
    return 0


def highlighted(text: str, term: str, around: int = SNIPPET_AROUND) -> str:
    """HTML of the line: a snippet around the first match (… where cut), every match
    inside <mark>; the text itself escaped, never read as markup."""
    spans = [(m.start(), m.end()) for m in _spaced(term).finditer(text)] if term.strip() else []
    if not spans and term.strip() and (tail := _tail(text, term)):  # the term goes on in the next line
        spans = [(len(text.rstrip()) - tail, len(text.rstrip()))]
    first = spans[0] if spans else (0, 0)
    start, end = max(0, first[0] - around), min(len(text), first[1] + around)
    parts, last = [], start
    for left, right in (span for span in spans if span[1] <= end):
        parts += [html.escape(text[last:left]), f"<mark>{html.escape(text[left:right])}</mark>"]
        last = right
    parts.append(html.escape(text[last:end]))
    return ("…" if start > 0 else "") + "".join(parts) + ("…" if end < len(text) else "")


def results_table(hits: pl.DataFrame, term: str, lang: str = "zh") -> str:
    """The hits (queries/app/search.sql: title, district, year, line, text) as an HTML
    table: 区、年份、文件、行号、原文 with the term marked; scrolls within its own box."""
    headers = [t(key, lang) for key in ("district", "year", "document", "line_no", "quote")]
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in (
            html.escape(district_name(district, lang)), year, html.escape(title or ""), line, highlighted(text, term)))
        + "</tr>"
        for title, district, year, line, text in hits.select("title", "district", "year", "line", "text").iter_rows())
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    return (
        '<div class="zs-search" style="max-height:28rem;overflow-y:auto;font-size:0.875rem;">'
        '<table style="width:100%;border-collapse:collapse;table-layout:fixed;">'
        '<colgroup><col style="width:4.5rem"><col style="width:4rem"><col style="width:22%"><col style="width:4rem"><col>'
        f"</colgroup><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        "<style>.zs-search th{text-align:left;position:sticky;top:0;background:#f6f7f9;}"
        ".zs-search td,.zs-search th{padding:0.3rem 0.5rem;border-bottom:1px solid rgba(49,51,63,0.1);vertical-align:top;"
        "overflow-wrap:anywhere;}.zs-search mark{background:#ffe08a;padding:0 0.1em;}</style>"
    )
