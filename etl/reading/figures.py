"""Step one of reading a report: find every figure once, whatever the layout.

A figure is a number as the document writes it (`1,203`, `1.2万`, `2.3亿元`,
`12,029,501.84元`, full-width `９９．５２％`, split by a line break or a page break)
with its unit and scale converted once (money in 万元, rates in %, counts plain),
the words before it that bound it (约, 超过, ≥, 不少于 …), and where it stands: its
clause, its sentence, the headings above it (一、 / （一） / 1.). Figures in table
rows are found by etl.reading.tables, with their row label and column header.

Page furniture (page numbers such as `— 3 —` or `- 2 -`, and the running header that
follows them) is left out of the text first, so that a sentence or a number broken
by a page break reads whole; every character keeps the raw line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from etl.text import Flow, make_flow, normalise

# A page number line: "— 3 —", "- 2 -", "第 3 页", "3 / 12".
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")

NUMBER = r"(?<![\d.,])(?P<number>\d{1,3}(?:[,，]\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
# Units as reports write them, longest first; 万 / 亿 scale the number before the unit.
UNITS = ("个百分点", "百分点", "万元", "亿元", "元", "%", "人次", "件次", "条次", "批次", "家次", "件", "宗", "笔",
         "座", "个", "站", "套", "封", "面", "分", "张", "条", "项", "人", "名", "台", "辆", "倍", "家", "户", "次", "天",
         "小时", "年", "月", "日", "号", "平方米", "㎡", "亩", "GB", "TB", "G")
_FIGURE = re.compile(
    NUMBER + r"\s?(?P<scale>万|亿)?(?P<more>余|多)?\s?(?P<unit>" + "|".join(map(re.escape, UNITS)) + ")?(?P<more2>余|多)?")
MONEY = {"万元": 1, "元": Decimal("0.0001"), "亿元": Decimal(10_000)}
_SCALE = {None: Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}

# Words right before a figure that bound it: a lower or upper bound, or about.
_BOUND = re.compile(r"(?P<bound>不少于|不低于|不超过|不高于|≥|≤|>|<|约为|约|近|超过|逾|超|达到约|大于|小于)$")
_BOUND_NAMES = {"不少于": "≥", "不低于": "≥", "大于": ">", "不超过": "≤", "不高于": "≤", "小于": "<",
                "约为": "约", "约": "约", "近": "约", "达到约": "约", "超过": "超过", "逾": "超过", "超": "超过"}

CLAUSE_STOPS = "，,；;。：:！!？?"
SENTENCE_STOPS = "。；;！!？?"
# A heading: 一、 / （一） / (一) / 1. / 1、 / （1） at the start of a line, and its title (up to the first stop).
_HEADING = re.compile(r"^\s*(?P<mark>[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．](?!\d)"
                      r"|[（(]\d{1,2}[）)]|第[一二三四五六七八九十]+部分)"
                      r"\s*(?P<title>[^。；;，,：:]{0,40})")


@dataclass(frozen=True)
class Figure:
    """One number of a document, as found (before any decision about what it is)."""

    value: float  # in the unit: 万元 for money, % for rates, plain for counts
    precision: int  # the power of ten of the last digit written, after scaling (163.37万 -> 2)
    unit: str  # 万元, %, 件, 座 … (money always 万元), '' when the number has none
    written: str  # the number and unit as the document writes them
    start: int  # offsets of the number in the reading's flow
    end: int  # offset just after its unit
    line: int
    bound: str | None  # ≥ ≤ > < 约 超过, from the words right before the figure
    source: str = "prose"  # prose, or table (its row and column below)
    row: str | None = None
    column: str | None = None


@dataclass(frozen=True)
class Text:
    """A report's text as the reader sees it: the flow without page furniture, the
    lines that are table rows (read by etl.reading.tables instead), and the heading
    path of every line."""

    flow: Flow
    table_lines: frozenset[int]
    headings: dict[int, tuple[str, ...]]  # line -> titles of the headings above it, outermost first


def furniture(lines: list[str]) -> set[int]:
    """1-based numbers of page-number lines and of the running header printed beside
    them (a short line repeated on several pages right after a page number)."""
    numbers = {n for n, line in enumerate(lines, start=1) if _PAGE_NUMBER.match(normalise(line))}
    following: dict[str, list[int]] = {}
    for n in numbers:
        for after in (n + 1, n + 2):
            if after <= len(lines) and lines[after - 1].strip():
                following.setdefault(lines[after - 1].strip(), []).append(after)
                break
    headers = {n for text, at in following.items() if len(at) >= 2 and len(text) <= 40 for n in at}
    return numbers | headers


def heading_paths(lines: list[str]) -> dict[int, tuple[str, ...]]:
    """Each line's headings, outermost first: a heading's level is the kind of its mark
    (一、 above （一） above 1. above （1）), in the order the document first uses them."""
    levels: list[str] = []
    path: list[tuple[str, str]] = []
    result: dict[int, tuple[str, ...]] = {}
    for number, line in enumerate(lines, start=1):
        found = _HEADING.match(normalise(line))
        if found:
            mark = found.group("mark")
            kind = ("han" if mark[0] in "一二三四五六七八九十" else "paren_han" if re.match(r"[（(][一-十]", mark)
                    else "paren_digit" if mark[0] in "（(" else "part" if mark.startswith("第") else "digit")
            if kind not in levels:
                levels.append(kind)
            level = levels.index(kind)
            path = [p for p in path if levels.index(p[0]) < level] + [(kind, found.group("title"))]
        result[number] = tuple(title for _, title in path)
    return result


def reading_text(lines: list[str], table_lines: set[int]) -> Text:
    """The flow of the prose: page furniture and table rows blanked (their line numbers kept)."""
    dropped = furniture(lines) | set(table_lines)
    kept = ["" if n in dropped else line for n, line in enumerate(lines, start=1)]
    return Text(flow=make_flow(kept), table_lines=frozenset(table_lines), headings=heading_paths(lines))


def quantity(number: str, scale: str | None, unit: str | None) -> tuple[float, int, str] | None:
    """(value, precision, unit) with money in 万元 and 万/亿 applied; None for a number
    that is not one (a lone comma group)."""
    try:
        digits = Decimal(number.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    exponent = digits.as_tuple().exponent
    assert isinstance(exponent, int)
    factor = _SCALE[scale]
    unit = unit or ""
    if unit in MONEY:
        factor = factor * Decimal(MONEY[unit])
        unit = "万元"
    value = digits * factor  # "1.2万" with no unit: a count, 12,000
    precision = exponent + (factor.adjusted() if factor != 1 else 0)
    return float(value), precision, unit


# A count written in Chinese numerals before its unit: 锦旗十五面, 表扬信二十三封.
_CHINESE = re.compile(r"(?<![第每])(?P<numeral>[一二两三四五六七八九十百千]{1,6})(?P<unit>面|封|套|座)")
_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PLACES = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral(text: str) -> int | None:
    """十五 -> 15, 二十三 -> 23, 一百零五 -> 105; None for what is not a numeral."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[ch]
        elif ch in _PLACES:
            total += (1 if digit is None else digit) * _PLACES[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def figures_in(flow: Flow, start: int = 0, end: int | None = None, **where) -> list[Figure]:
    """Every figure in flow.norm[start:end], numerals written in Chinese before a count's unit too."""
    text = flow.norm
    found = []
    for match in _CHINESE.finditer(text, start, len(text) if end is None else end):
        value = chinese_numeral(match.group("numeral"))
        if value:
            found.append(Figure(value=float(value), precision=0, unit=match.group("unit"),
                                written=flow.raw[match.start():match.end()], start=match.start(), end=match.end(),
                                line=flow.line_at(match.start()), bound=None, **where))
    for match in _FIGURE.finditer(text, start, len(text) if end is None else end):
        q = quantity(match.group("number"), match.group("scale"), match.group("unit"))
        if q is None:
            continue
        value, precision, unit = q
        before = _BOUND.search(text, max(0, match.start() - 4), match.start())
        bound = _BOUND_NAMES.get(before.group("bound"), before.group("bound")) if before else None
        if match.group("more") or match.group("more2"):
            bound = "超过"  # 26万余件: more than 26万
        number_end = match.end()
        found.append(Figure(value=value, precision=precision, unit=unit,
                            written=flow.raw[match.start():number_end], start=match.start("number"),
                            end=number_end, line=flow.line_at(match.start("number")), bound=bound, **where))
    return sorted(found, key=lambda f: f.start)


def _stops(text: str, at: int) -> bool:
    """Whether text[at] ends a clause: a comma between digits ("2,880.15", "８６，４５２") does not."""
    if text[at] not in CLAUSE_STOPS:
        return False
    return not (text[at] in ",，" and 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit())


def clause_start(text: str, offset: int) -> int:
    start = offset
    while start > 0 and not _stops(text, start - 1):
        start -= 1
    return start


def clause_end(text: str, offset: int) -> int:
    end = offset
    while end < len(text) and not _stops(text, end):
        end += 1
    return end
