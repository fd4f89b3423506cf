"""Chart builders: plain functions, data in and figure out, no Streamlit calls, so
the pages, the image export and the tests use the very same function."""

from __future__ import annotations

import html
import math
import re

import altair as alt
import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.comparability import period_name, reason
from dashboard.i18n import DEFINITION_NAMES, DISTRICTS_EN, district_name, list_separator, status_name, t
from dashboard.kpis import KpiInfo, district_year, format_value
from etl.text import plain_number

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

# One colour per district, the same on every chart, page and export: Okabe & Ito's
# colour-blind safe palette and three more, every pair apart under a simulated
# deuteranopia (tests/test_colors.py). Guangzhou's districts in a fixed order; a place
# from elsewhere gets a palette colour by its name, the same one wherever it is drawn.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#882255",
           "#117733", "#490092")
DISTRICT_COLORS = dict(zip(DISTRICTS_EN, PALETTE, strict=True))


def _text_on(color: str) -> str:
    """Black or white, whichever reads on the colour (relative luminance above 0.4: black)."""
    red, green, blue = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#000000" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.4 else "#ffffff"


def district_color(district: str) -> str:
    """The district's colour on every chart and image."""
    if district in DISTRICT_COLORS:
        return DISTRICT_COLORS[district]
    return PALETTE[sum(ord(c) for c in district) % len(PALETTE)]


def escape_plotly(text: object) -> str:
    """Document text for Plotly, which reads <b>, <br>, <a> and &entities; in any
    label or title: escaped, so that a report's text shows as written."""
    return html.escape(str(text), quote=False)


TITLE_EMS = 16  # a title's line at most: 16 Chinese characters of 20 px fit a phone's 358 px chart


def _ems(text: str) -> float:
    """A text's width in ems, roughly: a Chinese or full-width character 1, any other
    0.55 (Plotly's markup not counted, an entity as its character)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return sum(1 if ord(c) > 0x2E80 else 0.55 for c in text)


def wrap_title(title: str, ems: float = TITLE_EMS) -> str:
    """A long title broken into lines at its ' · ' parts, each at most `ems` wide where
    a part allows: '番禺 2019 · 支出决算表<br>本年支出合计'. Plotly does not wrap a title;
    unbroken, a phone's chart cuts it."""
    lines: list[str] = []
    for part in title.split(" · "):
        if lines and _ems(lines[-1] + " · " + part) <= ems:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "<br>".join(lines)


def _layout(fig: go.Figure, title: str, y_title: str = "", height: int = 420) -> go.Figure:
    title = wrap_title(title)
    fig.update_layout(
        # a title of two lines or more hangs from the top (Plotly sets its first line's
        # baseline at the anchor, so the pad is a line high) with a line's more of margin each
        title={"text": title, "x": 0, "xanchor": "left"} | ({"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 36}}
                                                           if "<br>" in title else {}),
        font={"family": FONT, "size": 14},
        height=height,
        margin={"l": 60, "r": 20, "t": 60 + 26 * title.count("<br>"), "b": 60},
        legend={"orientation": "h", "y": -0.18},
        yaxis_title=y_title,
        plot_bgcolor="white",
    )
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#999")
    return fig


def _title(kpi: KpiInfo) -> str:
    """'部门整体预算执行率（%）' / 'Budget execution rate (%)'."""
    if not kpi.unit:
        return kpi.name
    return f"{kpi.name}（{kpi.unit}）" if re.search(r"[\u4e00-\u9fff]", kpi.name) else f"{kpi.name} ({kpi.unit})"


QUOTE_CHARS = 36  # a quote's first words on hover; the table and the CSV give it whole


def source_hover(row: dict, lang: str = "zh", plain: bool = False) -> str:
    """Where a figure comes from, for a chart's hover: '《…自评报告》· 2021 年 · 第 548 行' and
    the quote's first words, escaped for Plotly ('' when the row names no document);
    plain: one line of plain text (an Altair tooltip shows markup as written)."""
    title, line, quote = row.get("title"), row.get("line"), row.get("quote")
    year = row.get("year")
    head = " · ".join(filter(None, [
        (f"《{title}》" if lang == "zh" else title) if title else None,
        (f"{year} 年" if lang == "zh" else str(year)) if year else None,
        t("line", lang, line=line) if line is not None else None]))
    if not head:
        return ""
    short = ""
    if quote:
        quote = " ".join(str(quote).split())
        short = "“" + (quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS] + "…") + "”"
    if plain:
        return " ".join(filter(None, [head, short]))
    return escape_plotly(head) + (f"<br>{escape_plotly(short)}" if short else "")


def mark_label(row: dict, lang: str = "zh") -> str:
    """The short word written beside a value drawn as not comparable: '口径不同', '1-10月',
    '待核对' ('' for a comparable value; an approximate value's 约/超过 is in its number)."""
    why = row.get("not_comparable")
    if why == "definition":
        return t("mark_definition", lang)
    if why == "part_year":
        return period_name(row.get("period"), lang) or t("partial_marker", lang)
    if why == "ocr":
        return t("mark_ocr", lang)
    return ""


def _with_year(row: dict, lang: str) -> str:
    return district_year(row["district"], row["year"], lang)


def benchmark_notes(frame: pl.DataFrame, lang: str = "zh") -> tuple[str, ...]:
    """The lines under a benchmark chart that explain its marks, only those it draws:
    hatched (derived), red outline (conflicting figures in one report), pale (not
    ranked: the page's 未参与比较 line, comparability.not_compared, says why for each),
    the peer-average line."""
    rows = frame.to_dicts()
    marks = []
    if any(r["status"] == "derived" for r in rows):
        marks.append(t("mark_note_hatched", lang))
    if any(r["status"] == "conflict" for r in rows):
        names = list_separator(lang).join(_with_year(r, lang) for r in rows if r["status"] == "conflict")
        marks.append(t("mark_note_conflict", lang, districts=names))
    if any(r.get("peer_average") is not None for r in rows):
        marks.append(t("mark_note_peer", lang))
    if any(reason(r, lang) for r in rows):
        marks.append(t("mark_note_pale", lang))
    return (t("marks", lang, items=("；" if lang == "zh" else "; ").join(marks)),) if marks else ()


def download_config(file_stem: str) -> dict:
    """No Plotly toolbar: its camera saved an image without the frame (no source line, a
    clipped title), and on a phone it covered the title. The PNG button under every
    chart gives the framed image, named for what it shows (file_stem); zooming by
    dragging still works."""
    return {"displayModeBar": False, "displaylogo": False}


def benchmark_bars(frame: pl.DataFrame, kpi: KpiInfo, lang: str = "zh") -> go.Figure:
    """One bar per district (labelled with its year), the peer average excluding the
    district itself as a marker. Derived values are hatched.

    frame: district, year, value, peer_average, status, period, qualifier.
    """
    rows = frame.to_dicts()
    labels = [district_year(r["district"], r["year"], lang, r["period"]) for r in rows]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=[r["value"] for r in rows],
        marker_color=[district_color(r["district"]) for r in rows],
        marker_pattern_shape=["/" if r["status"] == "derived" else "" for r in rows],
        marker_line_color=["#d62728" if r["status"] == "conflict" else "rgba(0,0,0,0)" for r in rows],
        marker_line_width=2,
        # a value compared with nothing (part-year, another definition, approximate) is pale
        marker_opacity=[0.4 if r.get("not_comparable") else 1.0 for r in rows],
        # the value, and under it the word that says why a pale bar is not ranked (口径不同, 1-10月)
        text=[format_value(r["value"], kpi.unit, r.get("qualifier"), lang)
              + (f"<br>{escape_plotly(mark_label(r, lang))}" if mark_label(r, lang) else "") for r in rows],
        # inside the bar, at mid-height, where the peer-average mark does not cross it (outside only if it does not fit)
        textposition="auto",
        insidetextanchor="middle",
        insidetextfont={"color": [_text_on(district_color(r["district"])) for r in rows]},
        outsidetextfont={"color": "#222"},
        cliponaxis=False,
        name=kpi.name,
        showlegend=False,  # each bar has its district's colour; the axis names them
        # status and reason, then the document, year, line and the quote's first words
        customdata=["<br>".join(filter(None, [escape_plotly(" · ".join(filter(None, [status_name(r["status"], lang),
                                                                                      reason(r, lang)]))),
                                              source_hover(r, lang)])) for r in rows],
        hovertemplate="%{x}<br>%{text}<br>%{customdata}<extra></extra>",
    )
    if any(r["peer_average"] is not None for r in rows):
        fig.add_scatter(
            x=labels,
            y=[r["peer_average"] for r in rows],
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 44, "color": "#222", "line": {"width": 3, "color": "#222"}},
            name=t("peer_average", lang),
            hovertemplate=f"{t('peer_average', lang)}: %{{y:,.2f}}<extra></extra>",
        )
    # the year under the district, so that a narrow screen never tilts and cuts the labels
    fig.update_xaxes(tickvals=labels, ticktext=[label.replace("（", "<br>（").replace(" (", "<br>(") for label in labels],
                     tickangle=0)
    return _layout(fig, _title(kpi), kpi.unit)


# The Overview picture's marks for a value that is not compared (queries/kpi_values.sql
# decides which): its shape, and the word beside it. A compared value is a filled circle.
_STANDING_MARKS = {"part_year": "diamond-open", "definition": "square-open", "approximate": "circle-open",
                   "ocr": "x-thin-open"}
_QUOTE_WORDS = 32  # the quote's first characters shown on hover


def _standing_range(values: list[float], unit: str) -> tuple[float, float]:
    """One scale for every row of a unit, in round steps of 5: a rate's (or a score's out of
    100) runs to 100, or past it if a figure does, so 99.9% and 99.99% sit side by side,
    not at two edges."""
    low = min(values)
    low = 5 * (low // 5) - (5 if low % 5 < 1 else 0)
    high = max(values)
    high = 100.0 if unit in ("%", "分", "points") and 50 < high <= 100 else 5 * -(-high // 5)
    return low, high


def _standing_lanes(rows: list[dict], low: float, high: float) -> list[int]:
    """Which line of its year each dot goes on: the first where its dot and label clear
    the ones already placed (labels to the left of a dot in the right part of the scale).
    Widths are guessed for a phone's 300 px plot: wider plots only leave more room."""
    placed: list[tuple[int, float, float]] = []
    lanes = []
    for row in rows:
        at = (row["value"] - low) / ((high - low) or 1)
        width = sum(13 if ord(c) > 0x2E80 else 7 for c in row["label"]) / 300 + 0.02
        span = (at - width, at + 0.02) if at > 0.45 else (at - 0.02, at + width)
        lane = 0
        while any(lane == other and span[0] < right and left < span[1] for other, left, right in placed):
            lane += 1
        placed.append((lane, *span))
        lanes.append(lane)
    return lanes


def standing_marks(frame: pl.DataFrame, lang: str = "zh") -> str | None:
    """The note under the picture that explains each mark it draws (None when all dots
    are compared values): '◇ 部分月份数据；○ 约数或下限：均不参与比较'."""
    present = set(frame["not_comparable"].drop_nulls().to_list()) if "not_comparable" in frame.columns else set()
    marks = [t(f"standing_mark_{why}", lang) for why in _STANDING_MARKS if why in present]
    return t("standing_marks", lang, marks=("；" if lang == "zh" else "; ").join(marks)) if marks else None


def _standing_word(row: dict, lang: str) -> str:
    """The word beside a dot not compared: its months, its other basis, 待核对."""
    why = row.get("not_comparable")
    if why == "part_year":
        return period_name(row.get("period"), lang) or t("partial_marker", lang)
    if why == "definition":
        return DEFINITION_NAMES.get(row.get("definition") or "", ("口径不同", "another definition"))[lang == "en"]
    if why == "ocr":
        return t("standing_word_ocr", lang)
    return ""  # approximate: 约 / 超过 is in the figure itself


def _quote_words(quote: str, value: float) -> str:
    """The quote's first words; where the figure stands further on, the words that lead up
    to it ('…执行数6,289.84万元，预算执行率99.5%。'), so that the hover shows what it cites."""
    at, written = -1, ""
    for written in dict.fromkeys((plain_number(value), plain_number(value).replace(",", ""))):
        if (at := quote.find(written)) >= 0:
            break
    start = max(at + len(written) + 4 - _QUOTE_WORDS, 0) if at >= 0 else 0
    return ("…" if start else "") + quote[start:start + _QUOTE_WORDS] + ("…" if start + _QUOTE_WORDS < len(quote) else "")


def _standing_hover(row: dict, kpi: KpiInfo, lang: str) -> str:
    """Value, year, document, line and the quote's first words (and why it is not compared)."""
    quote = _quote_words(str(row.get("quote") or ""), row["value"])
    lines = [f"{district_year(row['district'], row['year'], lang, period_name(row.get('period'), lang))}: "
             f"{format_value(row['value'], kpi.unit, row.get('qualifier'), lang)}",
             f"{t('source', lang)}: {row.get('title') or row.get('doc_id') or ''} · {t('line', lang, line=row.get('line'))}",
             f"“{quote}”" if quote else "", reason(row, lang) or ""]
    return "<br>".join(escape_plotly(line) for line in lines if line)


def standing_dots(frame: pl.DataFrame, kpis: tuple[KpiInfo, ...], lang: str = "zh", title: str = "") -> go.Figure:
    """Where each district stands on each key KPI, in one picture: a block per KPI, a line
    per year in it (values of different years are never set on one line), one dot per
    district in its colour, named, with its value. Every KPI of one unit shares one
    labelled scale: one set of axes per unit, its KPIs' blocks stacked in it, each under its
    name. A grey band joins the comparable values of one year (what the Overview's 要点
    compare). A value that is not compared is drawn hollow, its shape saying why
    (_STANDING_MARKS, explained by standing_marks), with its months or basis beside it.
    Hover: value, year, document, line and the quote's first words.

    One set of axes per unit, not per KPI: each costs the page some 70 DOM nodes (the
    Overview's budget is 900).

    frame: kpi_id, district, year, value, period, qualifier, not_comparable, definition,
    doc_id, line, quote, title.
    """
    present = [k for k in kpis if frame.filter(pl.col("kpi_id") == k.kpi_id).height]
    units = list(dict.fromkeys(k.unit for k in present))
    scales = {unit: _standing_range(frame.filter(pl.col("kpi_id").is_in([k.kpi_id for k in present if k.unit == unit]))
                                    ["value"].to_list(), unit) for unit in units}
    lane_px, title_px, ticks_px = 24, 30, 34
    title_lanes = title_px / lane_px  # a block's name takes the top of the block
    panels = []  # per unit: its blocks (KPI, top, its dots with their y, each year's (first, last) y), its height in lanes
    for unit in units:
        low, high = scales[unit]
        blocks, top = [], 0.0
        for kpi in (k for k in present if k.unit == unit):
            rows = frame.filter(pl.col("kpi_id") == kpi.kpi_id).sort("year", pl.col("value"), descending=[False, True]).to_dicts()
            dots, years, next_slot = [], {}, top + title_lanes + 0.5
            for year in dict.fromkeys(r["year"] for r in rows):
                of_year = [r for r in rows if r["year"] == year]
                for row in of_year:
                    word = _standing_word(row, lang)
                    value = format_value(row["value"], kpi.unit, row.get("qualifier"), lang, compact=True)
                    row["label"] = f"{district_name(row['district'], lang)} {value}" + (
                        f"（{word}）" if word and lang == "zh" else f" ({word})" if word else "")
                lanes = _standing_lanes(of_year, low, high)
                years[year] = (next_slot, next_slot + max(lanes))
                dots += [(row, next_slot + lane) for row, lane in zip(of_year, lanes, strict=True)]
                next_slot += max(lanes) + 1
            blocks.append((kpi, top, dots, years))
            top = next_slot - 0.5
        panels.append((unit, blocks, top))
    heights = [lane_px * lanes + ticks_px for _, _, lanes in panels]
    plot_px = sum(heights) or 100
    fig = make_subplots(rows=max(len(panels), 1), cols=1, row_heights=heights or None, vertical_spacing=0)
    years_px = 54 if lang == "zh" else 38  # room for the year labels, left of the plot
    for index, (unit, blocks, lanes) in enumerate(panels, start=1):
        low, high = scales[unit]
        axis = "" if index == 1 else str(index)
        for kpi, top, dots, years in blocks:
            for year, (first, last) in years.items():
                compared = [row["value"] for row, _ in dots if row["year"] == year and not row.get("not_comparable")]
                if len(compared) >= 2:  # the comparable values of one year, joined
                    fig.add_shape(type="rect", x0=min(compared), x1=max(compared), y0=first - 0.32, y1=last + 0.32,
                                  fillcolor="#ebebeb", line={"width": 0}, layer="below", row=index, col=1)
            # the KPI's name over its block, at the left (white behind it: the scale's grid runs through the block)
            fig.add_annotation(text=_title(kpi), x=0, xref="paper", xanchor="left", xshift=-years_px, y=top,
                               yref=f"y{axis}", yanchor="top", showarrow=False, font={"size": 13}, bgcolor="white")
        for kpi, _, dots, _ in blocks:
            for row, slot in dots:
                color = district_color(row["district"])
                at = (row["value"] - low) / ((high - low) or 1)
                fig.add_scatter(
                    x=[row["value"]], y=[slot], mode="markers+text", row=index, col=1,
                    marker={"size": 13, "color": color, "line": {"width": 2.5, "color": color},  # an -open shape: hollow
                            "symbol": _STANDING_MARKS.get(row.get("not_comparable"), "circle")},
                    text=[escape_plotly(row["label"])], textposition="middle left" if at > 0.45 else "middle right",
                    textfont={"size": 12, "color": "#333"}, cliponaxis=False, name=district_name(row["district"], lang),
                    hovertext=[_standing_hover(row, kpi, lang)], hoverinfo="text", showlegend=False,
                    hoverlabel={"bgcolor": "white", "bordercolor": color, "font": {"color": "#222", "size": 12}},
                )
        # one scale per unit, labelled under its blocks; its grid runs through every block
        fig.update_xaxes(range=[low - (high - low) * 0.01, high + (high - low) * 0.015], row=index, col=1,
                         showgrid=True, gridcolor="#ececec", zeroline=False, ticks="",
                         ticksuffix="%" if unit == "%" else "", tickfont={"size": 11, "color": "#666"},
                         title={"text": t("standing_scale", lang, unit=unit), "font": {"size": 11, "color": "#666"},
                                "standoff": 2})
        year_lines = [(first, last, year) for _, _, _, years in blocks for year, (first, last) in years.items()]
        fig.update_yaxes(range=[lanes, 0], row=index, col=1, showgrid=False, zeroline=False, ticks="",
                         tickvals=[(first + last) / 2 for first, last, _ in year_lines],
                         ticktext=[t("standing_year", lang, year=year) for *_, year in year_lines], tickfont={"size": 12})
    top = 1.0
    for index, height in enumerate(heights, start=1):  # each unit's blocks over its scale's labels
        fig.update_yaxes(domain=[max(top - height / plot_px + ticks_px / plot_px, 0), top], row=index, col=1)
        top -= height / plot_px
    fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"} if title else None,
                      font={"family": FONT, "size": 13}, height=plot_px + (50 if title else 10) + 10,
                      margin={"l": years_px, "r": 10, "t": 50 if title else 10, "b": 10}, plot_bgcolor="white",
                      showlegend=False, hoverlabel={"align": "left"})
    return fig


RATE_MIN_SPAN = 10  # percentage points: the least a rate trend's axis spans


def _symbol(row: dict) -> str:
    """A trend point's marker: another definition a square, part-year a diamond, an
    approximate value or lower bound (约, 超过) a triangle, derived hollow."""
    return ("square" if row.get("definition") else "diamond" if row["period"]
            else "triangle-up" if row.get("not_comparable") == "approximate"
            else "circle-open" if row["status"] == "derived" else "circle")


def _trend_label(row: dict, lang: str) -> str:
    """The word beside a trend point that is marked: 口径不同, 1-10月, 约 / 超过, 待核对, 推算."""
    if row.get("not_comparable") == "approximate":
        return t("approx" if row.get("qualifier") == "约" else "more_than", lang)
    return (mark_label(row, lang) or period_name(row["period"], lang)
            or (t("derived_marker", lang) if row["status"] == "derived" else ""))


def rate_range(values: list[float], unit: str) -> list[float] | None:
    """The y range of a rate's trend when its values lie within RATE_MIN_SPAN points:
    at least that span, ending at 100% where the values do not pass it, so that
    99.90% → 99.99% is not drawn as a cliff; None (Plotly's own range) otherwise."""
    if unit != "%" or not values:
        return None
    low, high = min(values), max(values)
    if high - low >= RATE_MIN_SPAN:
        return None
    top = min(max(high, low + RATE_MIN_SPAN), 100.0) if high <= 100 else high
    bottom = min(top - RATE_MIN_SPAN, low)
    pad = RATE_MIN_SPAN * 0.06
    return [bottom - pad, top + pad]


def trend_lines(frame: pl.DataFrame, kpi: KpiInfo, lang: str = "zh") -> go.Figure:
    """Year-over-year lines per district. A missing year breaks the line (no
    interpolation), and so does a change of measure: a line joins only figures of the
    same definition and period (a 决算's 完成率 is no point of a self-evaluation's
    执行率 line). Derived points are hollow, part-year points are diamonds, points of
    another definition are squares, each with its word beside it (口径不同, 1-10月);
    trend_notes() says what each mark means. A rate's axis spans at least
    RATE_MIN_SPAN points (rate_range). Hover: value, status, reason, document, year,
    line and the quote's first words.

    frame: district, year, value, status, period (definition, not_comparable, title,
    line, quote where known).
    """
    fig = go.Figure()
    for district in frame["district"].unique(maintain_order=True).to_list():
        rows = frame.filter(pl.col("district") == district).sort("year").to_dicts()
        # The legend draws a trace's first marker: a gap first, a plain circle, so that a
        # district whose first point is a square (another definition) is not a square there.
        xs: list[int | None] = [None]
        ys: list[float | None] = [None]
        symbols: list[str] = ["circle"]
        labels: list[str] = [""]
        hovers: list[str] = [""]
        for previous, row in zip([None, *rows], rows, strict=False):
            if previous is not None and (row["year"] - previous["year"] > 1 or _series(row) != _series(previous)):
                xs.append(None)  # a gap or another measure: the line stops here
                ys.append(None)
                symbols.append("circle")
                labels.append("")
                hovers.append("")
            xs.append(row["year"])
            ys.append(row["value"])
            symbols.append(_symbol(row))
            labels.append(escape_plotly(_trend_label(row, lang)))
            hovers.append("<br>".join(filter(None, [
                escape_plotly(" · ".join(filter(None, [
                    format_value(row["value"], kpi.unit, row.get("qualifier"), lang), status_name(row["status"], lang),
                    reason(row, lang) or period_name(row["period"], lang)]))),
                source_hover(row, lang)])))
        fig.add_scatter(
            x=xs, y=ys, mode="lines+markers+text", connectgaps=False, name=district_name(district, lang),
            line={"color": district_color(district), "width": 2},
            marker={"symbol": symbols, "size": 12, "line": {"width": 2, "color": district_color(district)}},
            # a blank label is " ": Plotly drew no text at all for this trace when its last label was ""
            text=[label or " " for label in labels], textposition="top center",
            textfont={"size": 12, "color": district_color(district)},
            cliponaxis=False, customdata=hovers, hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
        )
    fig.update_xaxes(dtick=1, tickformat="d", title=t("year", lang))
    fig = _layout(fig, _title(kpi), kpi.unit)
    zoom = rate_range(frame["value"].drop_nulls().to_list(), kpi.unit)
    if zoom:
        fig.update_yaxes(range=zoom)
    return fig


def trend_notes(frame: pl.DataFrame, kpi: KpiInfo, lang: str = "zh") -> tuple[str, ...]:
    """The lines under a trend chart (page, image, briefing) that explain its marks,
    only those it draws, and name each point that is not compared, with why; and
    where the rate axis was widened, that it was."""
    rows = frame.to_dicts()
    symbols = {_symbol(r) for r in rows}
    marks = [t(f"trend_mark_{symbol.replace('-', '_')}", lang)
             for symbol in ("circle", "circle-open", "diamond", "triangle-up", "square") if symbol in symbols]
    notes = [t("marks", lang, items=("；" if lang == "zh" else "; ").join(marks))] if marks else []
    odd = [f"{_with_year(r, lang)}{'：' if lang == 'zh' else ': '}{reason(r, lang)}" for r in rows if reason(r, lang)]
    if odd:
        notes.append(t("trend_not_joined", lang, items=("；" if lang == "zh" else "; ").join(odd)))
    if rate_range(frame["value"].drop_nulls().to_list(), kpi.unit):
        notes.append(t("trend_axis_span", lang, span=RATE_MIN_SPAN))
    return tuple(notes)


def _series(row: dict) -> tuple[str | None, str | None, bool]:
    """What a trend line may join: figures of one definition and one period, none of them
    read from a scan that no person has accepted yet (not_comparable 'ocr')."""
    return row.get("definition"), row["period"], row.get("not_comparable") == "ocr"


def _named(chart: alt.Chart, file_stem: str) -> alt.Chart:
    """Vega-Embed's download menu saves under this name instead of visualization.png."""
    return chart.properties(usermeta={"embedOptions": {"downloadFileName": file_stem}})


def scorecard_heatmap(frame: pl.DataFrame, lang: str = "zh", title: str = "") -> go.Figure:
    """KPI × district cells coloured by a 0-1 score (queries/kpi_scorecard.sql: 1 = the
    best, 0.5 = one material difference behind, 0 = two or more); grey where there is
    no score. Each cell shows the value and year.

    Plotly, like the page's other chart, so the browser loads one charting library
    for the page (bench/RESULTS.md: the first chart drew sooner).

    The colour bar sits below the cells, in the figure's own bottom margin (placed in
    container coordinates), and the district names above them stay level
    (wrapped, never tilted), so that neither covers a cell at any width.

    frame: kpi_name, district_label, score, label (source: the cell's document, year,
    line and quote for its hover, where given).
    """
    kpis = frame["kpi_name"].unique(maintain_order=True).to_list()
    districts = frame["district_label"].unique(maintain_order=True).to_list()
    cells = {(r["kpi_name"], r["district_label"]): r for r in frame.iter_rows(named=True)}

    def grid(column: str) -> list[list[object]]:
        return [[cells.get((k, d), {}).get(column) for d in districts] for k in kpis]

    labels = grid("label")
    fig = go.Figure()
    # Grey under every cell that has a figure; the score's colour over it.
    fig.add_heatmap(z=[[0 if label is not None else None for label in row] for row in labels], x=districts, y=kpis,
                    colorscale=[[0, "#eeeeee"], [1, "#eeeeee"]], showscale=False, hoverinfo="skip", xgap=2, ygap=2)
    fig.add_heatmap(
        z=grid("score"), x=districts, y=kpis, zmin=0, zmax=1, xgap=2, ygap=2,
        colorscale=[[0, "#f4a582"], [0.5, "#ffffbf"], [1, "#91cf60"]],  # light, so the cell text reads
        colorbar={"title": {"text": t("scorecard_colour", lang), "side": "top"}, "orientation": "h",
                  "x": 0.5, "xanchor": "center", "y": 0, "yref": "container", "yanchor": "bottom",
                  "len": 0.6, "thickness": 12, "tickvals": [1, 0.5, 0],
                  "ticktext": t("scorecard_colour_ticks", lang).split("|")},
        customdata=[["<br>".join(filter(None, [escape_plotly(label.replace("\n", " · ")) if label else "", source]))
                     for label, source in zip(row, sources, strict=True)]
                    for row, sources in zip(labels, grid("source") if "source" in frame.columns else
                                            [[None] * len(districts)] * len(kpis), strict=True)],
        hovertemplate=(f"{t('kpi', lang)}: %{{y}}<br>{t('district', lang)}: %{{x}}<br>"
                       f"{t('value', lang)}: %{{customdata}}<extra></extra>"),
    )
    fig.add_scatter(x=[d for k in kpis for d in districts if cells.get((k, d))],
                    y=[k for k in kpis for d in districts if cells.get((k, d))],
                    text=[escape_plotly(cells[k, d]["label"]).replace("\n", "<br>") for k in kpis for d in districts if cells.get((k, d))],
                    mode="text", textfont={"size": 12}, hoverinfo="skip", showlegend=False)
    colour_bar = 80  # the bottom margin that holds the colour bar, its title and its ticks
    height = max(42 * len(kpis), 160) + 110 + colour_bar - 50
    fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"} if title else None, font={"family": FONT, "size": 13},
                      height=height, margin={"l": 10, "r": 10, "t": 70 if title else 40, "b": colour_bar},
                      plot_bgcolor="white", showlegend=False)
    fig.update_xaxes(side="top", showgrid=False, type="category", ticks="", showline=False, zeroline=False,
                     tickangle=0, automargin=True, tickvals=districts, ticktext=[_wrapped(d, 4) for d in districts])
    fig.update_yaxes(autorange="reversed", showgrid=False, type="category", automargin=True, ticks="", showline=False,
                     zeroline=False, tickvals=kpis, ticktext=[_wrapped(k) for k in kpis])
    return fig


def _wrapped(name: str, width: int = 9) -> str:
    """A long KPI name over two lines (at a space in English, after `width` characters in Chinese)."""
    if len(name) <= width:
        return name
    if " " in name:
        words, lines, line = name.split(" "), [], ""
        for word in words:
            if line and len(line) + len(word) + 1 > 2 * width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return "<br>".join([*lines, line])
    return f"{name[:width]}<br>{name[width:]}"


def budget_vs_execution(frame: pl.DataFrame, lang: str = "zh") -> go.Figure:
    """Grouped bars of budget and spending per district-year (万元); a figure the
    report does not give is left out, not drawn as zero.

    frame: district, year, budget_total, budget_executed (source_budget_total,
    source_budget_executed: each figure's document, line and quote for its hover, where given).
    """
    labels = [f"{district_name(d, lang)} {y}" for d, y in zip(frame["district"], frame["year"], strict=True)]
    fig = go.Figure()
    for column, name, color in (("budget_total", "预算数" if lang == "zh" else "Budget", "#9ecae1"),
                                ("budget_executed", "执行数" if lang == "zh" else "Spent", "#3182bd")):
        values = frame[column].to_list()
        sources = frame[f"source_{column}"].to_list() if f"source_{column}" in frame.columns else [None] * len(values)
        fig.add_bar(x=labels, y=values, name=name, marker_color=color, cliponaxis=False, textposition="outside",
                    text=["" if v is None else f"{v:,.2f}" for v in values], customdata=[s or "" for s in sources],
                    hovertemplate=f"%{{x}} · {name}<br>%{{text}}<br>%{{customdata}}<extra></extra>")
    fig.update_layout(barmode="group")
    unit = "万元" if lang == "zh" else "10k CNY"
    return _layout(fig, t("budget_vs_exec", lang) + f"（{unit}）", unit)


def basic_vs_project(frame: pl.DataFrame, lang: str = "zh", file_stem: str = "basic_vs_project") -> alt.Chart:
    """Stacked bars of basic and project spending per district-year (万元).

    frame: label, part, value (source: the figure's document, line and quote, plain
    text, for its tooltip, where given).
    """
    unit = "万元" if lang == "zh" else "10k CNY"
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("label:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=200), sort=None),
            y=alt.Y("value:Q", title=unit, stack="zero"),
            color=alt.Color("part:N", title=None, scale=alt.Scale(range=["#fd8d3c", "#6baed6"])),
            tooltip=["label:N", "part:N", alt.Tooltip("value:Q", format=",.2f")]
            + ([alt.Tooltip("source:N", title=t("source", lang))] if "source" in frame.columns else []),
        )
        .properties(title=t("basic_vs_project", lang) + f"（{unit}）", width="container", height=320)
    )
    # the Plotly charts' look (_layout): font and sizes, title at the left, legend below, light grid
    return (_named(chart, file_stem).configure(font=FONT)
            .configure_title(anchor="start", fontSize=17, fontWeight="normal", color="#2a3f5f")
            .configure_axis(labelFontSize=14, titleFontSize=14, gridColor="#e5e5e5", domainColor="#999")
            .configure_legend(orient="bottom", labelFontSize=14)
            .configure_view(stroke=None))


def budget_treemap(frame: pl.DataFrame, title: str, lang: str = "zh") -> go.Figure:
    """The final accounts' functional classification as a treemap down to the
    7-digit 项. Boxes are sized by the lowest-level amounts (a parent's stated total
    may differ from its children's sum by rounding); every label shows the amount
    the table states for that code.

    Labels are at least 12 px: a tile too small for that shows its name on hover
    only (uniformtext), not in unreadable type. Hover: the tile's document, year and line.
    A code of 0.00 with nothing under it but 0.00 has no area, so it is not drawn: it
    cost the page a tile's nodes and showed nothing (49 of the 81 lines of 番禺 2019's
    基本支出决算表 are 0.00); the table of lines, one click away, lists every line.

    frame: code, name, parent_code, value (one column of one table; year, title, line
    for the hover, where given).
    """
    root = "合计" if lang == "zh" else "Total"
    rows = frame.filter(pl.col("code").is_not_null() & (pl.col("code") != "")).to_dicts()
    codes = {r["code"] for r in rows}
    for r in rows:  # a code whose parent the document does not state hangs from the root (items written in sentences)
        r["parent_code"] = r["parent_code"] if r["parent_code"] in codes else None
    parent_of = {r["code"]: r["parent_code"] for r in rows}
    drawn = set()
    for r in rows:  # a code with an amount, and every code above it
        code = r["code"] if r["value"] else None
        while code and code not in drawn:
            drawn.add(code)
            code = parent_of[code]
    rows = [r for r in rows if r["code"] in drawn]
    parents_with_children = {r["parent_code"] for r in rows if r["parent_code"]}
    total = sum(r["value"] for r in rows if not r["parent_code"])
    fig = go.Figure(go.Treemap(
        ids=[root] + [r["code"] for r in rows],
        labels=[root] + [f"{r['code']} {escape_plotly(r['name'])}" for r in rows],
        parents=[""] + [r["parent_code"] or root for r in rows],
        values=[0] + [0 if r["code"] in parents_with_children else r["value"] for r in rows],
        text=[f"{total:,.2f}"] + [f"{r['value']:,.2f}" for r in rows],
        branchvalues="remainder",
        texttemplate="%{label}<br>%{text}",
        customdata=[""] + [source_hover(r, lang) for r in rows],
        hovertemplate="%{label}<br>%{text}<br>%{customdata}<extra></extra>",
        textfont={"size": 14},
    ))
    fig = _layout(fig, escape_plotly(title), height=560)
    fig.update_layout(margin={"l": 10, "r": 10, "b": 10}, uniformtext={"minsize": 12, "mode": "hide"})
    return fig


def project_bars(frame: pl.DataFrame, title: str, lang: str = "zh") -> go.Figure:
    """Horizontal bars of project budgets (万元), largest first.

    frame: project_name, total (year, title, line for the hover, where given).
    """
    ordered = frame.sort("total")
    names = [escape_plotly(name) for name in ordered["project_name"]]
    fig = go.Figure(go.Bar(x=ordered["total"].to_list(), y=names, orientation="h",
                           marker_color="#3182bd", texttemplate="%{x:,.2f}", textposition="outside", cliponaxis=False,
                           customdata=[source_hover(r, lang) for r in ordered.to_dicts()],
                           hovertemplate="%{y}<br>%{x:,.2f}<br>%{customdata}<extra></extra>"))
    unit = "万元" if lang == "zh" else "10k CNY"
    ticks = [_wrap_label(name) for name in names]  # a long name in lines, so that a phone keeps room for the bars
    per_bar = 26 if all("<br>" not in tick for tick in ticks) else 42  # bars are spaced evenly: room for two lines each
    fig = _layout(fig, escape_plotly(title), height=max(320, per_bar * len(ordered) + 100))
    # the largest bar's amount is written past its end: a right margin as wide as the
    # longest amount keeps it inside the chart at any width (a phone's too)
    longest = max((len(f"{value:,.2f}") for value in ordered["total"].to_list()), default=0)
    fig.update_layout(margin={"r": 20 + 9 * longest})
    fig.update_xaxes(title=unit)
    fig.update_yaxes(automargin=True, tickmode="array", tickvals=names, ticktext=ticks)
    return fig


def _wrap_label(text: str, ems: float = 10) -> str:
    """An axis label in lines of at most `ems` (Chinese breaks between any two
    characters; a run of Latin letters or digits is kept whole)."""
    width = _ems(text)
    each = width / max(1, math.ceil(width / ems)) + 0.5  # lines of about equal width, not a last character alone
    lines = [""]
    for word in re.findall(r"&[a-z]+;|[A-Za-z0-9.,%\-]+|.", text):
        if lines[-1] and _ems(lines[-1] + word) > each:
            lines.append("")
        lines[-1] += word
    return "<br>".join(lines)
