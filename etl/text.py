"""Shared text clean-up for PDF-extracted reports: one place for joining broken
lines, full-width characters and Chinese number units.

The reports are PDF text: sentences are broken across lines (often with a blank
line between every line), numbers and words are split by stray spaces
("建设费用节 省 4130 万 元"). Extractors never see raw lines; they match on a
*flow*: the document's characters in order, with line breaks and layout spaces
removed, where every character remembers the raw line it came from.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Full-width forms that the extractors must read as ASCII. Chinese punctuation
# (，。；：（）) is kept: it carries sentence structure. Every replacement is one
# character for one, so offsets in the normalised flow equal offsets in the raw flow.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({"％": "%", "．": ".", "＋": "+", "－": "-", "～": "~", "—": "-", "–": "-",
                   "≧": "≥", "≦": "≤", "＞": ">", "＜": "<", "＝": "="})
_NORMALISE = str.maketrans(_FULLWIDTH)

_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")


@dataclass(frozen=True)
class Flow:
    """A document's text as one string, without line breaks or layout spaces.

    `raw` keeps the document's own characters (used for quotes); `norm` is the same
    length with full-width digits and signs made ASCII (used for matching);
    `lines[i]` is the 1-based raw line of character i.
    """

    raw: str
    norm: str
    lines: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        return self.lines[min(max(offset, 0), len(self.lines) - 1)]


def normalise(text: str) -> str:
    """Full-width digits, letters and signs to ASCII, one character for one."""
    return text.translate(_NORMALISE)


def make_flow(raw_lines: list[str], start_line: int = 1) -> Flow:
    """Join PDF-broken lines into one flow.

    Spaces inside a line are layout, except one space between two ASCII letters or
    digits ("IPV6 网络" loses it, "76 1.5" keeps it so two numbers never merge).
    Line breaks are dropped: PDF lines break mid-word and mid-number.
    """
    chars: list[str] = []
    line_of: list[int] = []
    for number, line in enumerate(raw_lines, start=start_line):
        text = line.strip()
        pending_space = False
        for ch in text:
            if ch.isspace():
                pending_space = True
                continue
            if pending_space and chars and _ASCII_ALNUM.match(normalise(chars[-1])) and _ASCII_ALNUM.match(normalise(ch)):
                chars.append(" ")
                line_of.append(number)
            pending_space = False
            chars.append(ch)
            line_of.append(number)
    raw = "".join(chars)
    return Flow(raw=raw, norm=normalise(raw), lines=tuple(line_of))


# ---------------------------------------------------------------------------
# Numbers and units. Units are normalised here, once: money in 万元, rates in
# percent (0-100), counts as plain numbers (302万宗 -> 3020000).
# ---------------------------------------------------------------------------

# Thousands separated by "," or by a full-width "，" (８６，４５２，３１０．００元; 72，124,035 元 in a real
# 决算说明): a comma between digits with three after it is a separator, not a clause's end.
NUMBER = r"\d{1,3}(?:[,，]\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?"

_MULTIPLIER = {"": Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}


@dataclass(frozen=True)
class Quantity:
    """A number as a document writes it, normalised to the catalog's unit.

    `precision` is the power of ten of the last digit written, after scaling:
    99.99 -> -2, 163.37万 -> 2, 1223544 -> 0. Two figures agree when they are equal
    at the coarser of their precisions.
    """

    value: float
    precision: int


def parse_number(text: str, multiplier: str = "") -> Quantity:
    """Parse "6,302.34" or "163.37" with an optional 万/亿 multiplier; anything that
    is not a finite number is a ValueError."""
    digits = text.replace(",", "").replace("，", "")
    scale = _MULTIPLIER[multiplier]
    try:
        number = Decimal(digits)
        value = float(number * scale)
    except InvalidOperation:  # "", "abc", "sNaN"
        raise ValueError(f"not a number: {text!r}") from None
    if not math.isfinite(value):  # "NaN", "Infinity", "9e999"
        raise ValueError(f"not a finite number: {text!r}")
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    precision = exponent + (scale.adjusted() if scale != 1 else 0)
    return Quantity(value=value, precision=precision)


def money_in_wan(text: str, unit: str) -> Quantity:
    """Money to 万元: "4130万元" stays, "5095元" becomes 0.5095, "1.2亿元" 12000."""
    q = parse_number(text)
    if unit in ("万元", "万"):
        return q
    if unit == "元":
        return Quantity(value=q.value / 10_000, precision=q.precision - 4)
    if unit in ("亿元", "亿"):
        return Quantity(value=q.value * 10_000, precision=q.precision + 4)
    raise ValueError(f"unknown money unit {unit!r}")


def sentence_bounds(text: str, offset: int, stops: str = "。；;") -> tuple[int, int]:
    """Start and end offsets of the sentence around `offset` (ends at 。 or ；)."""
    start = offset
    while start > 0 and text[start - 1] not in stops:
        start -= 1
    end = offset
    while end < len(text) and text[end] not in stops:
        end += 1
    return start, min(end + 1, len(text))


def exact_number(value: float) -> str:
    """A figure with every digit it has, for files and checks (45951.12 stays 45951.12;
    `:g` keeps six digits and wrote 45951.1)."""
    return f"{value:.15g}"


def plain_number(value: float) -> str:
    """A figure as a reader writes it: thousands separated, no trailing zeros
    (1,186.59; 99.9; 3,020,000)."""
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
