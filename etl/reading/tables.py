"""Tables read by what their columns mean, whatever separates their cells.

A table is found by its header: a line (or two, where a header cell wraps: "年度指 /
标值") naming at least two columns of vocabulary/columns.toml, one of them holding
figures (年度指标值, 实际完成值, 全年预算数, 全年执行数, 执行率 …). Its rows are cut
into cells by what the table uses: tabs, `|`, runs of two or more spaces (cells placed
under their header, a PDF's fixed layout), or single spaces (cells counted from the
right, where a flattened PDF row puts its figures). A row's label wrapped onto the next
line (`“三公”经费控 … / 制率`, `政务服务事项办件 / 量 ≥130万件 …`) and a cell wrapped
under its column are joined to their row; page furniture inside a table is skipped.

Each figure of a cell becomes a Figure whose `row` is the row's label and `column` the
kind of its column, so that the decision reads it like a sentence: the label, what the
column says (年度指标值 is a target, 实际完成值 a result), then the cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from etl.reading.figures import Figure, figures_in, furniture, quantity
from etl.reading.words import column_kinds
from etl.text import Flow, make_flow, normalise

FIGURE_KINDS = ("target", "actual", "budget", "executed", "rate")  # a table must have one of these to be read
TEXT_KINDS = ("label", "explanation")
_UNIT_LINE = re.compile(r"单位[：:]\s*(?P<unit>万元|亿元|元)")
_HEADING_LINE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
                           r"|第[一二三四五六七八九十]+部分|表\s*\d)")
_VALUE_TOKEN = re.compile(r"^[≥≤<>＞＜≧≦]|\d")
_VALUE_START = re.compile(r"^[≥≤<>＞＜≧≦]?\s*-?\d")  # a cell that starts a row's figure ("（1-11月）" only wraps one)
_NUMERIC = re.compile(r"^[≥≤<>]?-?\d[\d,]*(?:\.\d+)?%?$")
_GROUP_WEIGHT = re.compile(r"^[（(]\d+(?:\.\d+)?分[）)]$")  # "（10分）": a 一级指标's weight under its name


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    position: int  # where the header cell starts in its line (fixed layouts)


@dataclass
class Row:
    label: list[tuple[int, str]] = field(default_factory=list)  # (line, text) pieces of the label
    cells: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # column index -> (line, text) pieces

    def add(self, column: int, line: int, text: str) -> None:
        self.cells.setdefault(column, []).append((line, text))


@dataclass
class Table:
    header_lines: tuple[int, ...]
    columns: list[Column]
    layout: str  # tab, pipe, fixed, single
    unit: str | None
    rows: list[Row]
    char_columns: list[Column] = field(default_factory=list)  # a fixed layout's columns placed by characters


def _clean_header(token: str) -> str:
    token = normalise(token).strip().strip("|").strip()
    return re.sub(r"[（(](?:%|％|万元|元|个|分)[）)]$|%$", "", token)


def _kind_of(token: str) -> str | None:
    token = _clean_header(token)
    for word, kind in column_kinds():
        if token == word:
            return kind
    return None


def _split(line: str, layout: str) -> list[tuple[int, str]]:
    """(position, text) cells of a line."""
    if layout == "tab":
        cells, position = [], 0
        for part in line.split("\t"):
            cells.append((position, part.strip()))
            position += len(part) + 1
        return cells
    if layout == "pipe":
        parts = line.strip().strip("|").split("|")
        return [(i, p.strip()) for i, p in enumerate(parts)]
    pattern = r"\S+(?: \S+)*" if layout in ("fixed", "fixed_chars") else r"\S+"
    line = line.replace("\u3000", "  ")
    if layout == "fixed_chars":
        return [(m.start(), m.group(0)) for m in re.finditer(pattern, line)]
    return [(_width(line[:m.start()]), m.group(0)) for m in re.finditer(pattern, line)]


def _width(text: str) -> int:
    """How many columns a text takes on screen: a Chinese character two (a PDF's fixed
    layout lines cells up by what is seen, not by characters)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _layout(line: str) -> str:
    if "\t" in line:
        return "tab"
    if line.lstrip().startswith("|"):
        return "pipe"
    if re.search(r"\S {2,}\S", line.strip()):
        return "fixed"
    return "single"


def _header_at(lines: list[str], index: int) -> tuple[list[Column], tuple[int, ...], str] | None:
    """The columns of a header starting at lines[index], if it is one (wrapped cells joined)."""
    line = lines[index]
    if not line.strip() or len(line.strip()) > 200:
        return None
    layout = _layout(line)
    cells = [(p, t) for p, t in _split(line, layout) if t]
    if len(cells) < 2:
        return None
    kinds = [_kind_of(t) for _, t in cells]
    used = (index,)
    if None in kinds and index + 1 < len(lines):  # a wrapped header: "年度指 实际完" / "标值 成值"
        following = [t for _, t in _split(lines[index + 1], layout) if t]
        if following and len(following) <= kinds.count(None) + 1 and all(not _VALUE_TOKEN.search(t) or "%" in t
                                                                         for t in following):
            joined, rest = [], list(following)
            for (position, text), kind in zip(cells, kinds, strict=True):
                if kind is None and rest and _kind_of(text + rest[0]):
                    text = text + rest.pop(0)
                joined.append((position, text))
            if len(rest) < len(following):
                cells, kinds, used = joined, [_kind_of(t) for _, t in joined], (index, index + 1)
    named = [k for k in kinds if k]
    if len(named) < 2 or not any(k in FIGURE_KINDS for k in named):
        return None
    if sum(1 for k in kinds if k is None) > len(named):  # mostly other words: a sentence, not a header
        return None
    first_value = next(i for i, k in enumerate(kinds) if k and k not in TEXT_KINDS)
    # a header cell of other words names the rows where it stands left of the figures ("项目资金（万元）"),
    # else explains them
    kinds = [k or ("label" if i < first_value else "explanation") for i, k in enumerate(kinds)]
    columns = [Column(name=_clean_header(t), kind=k, position=p) for (p, t), k in zip(cells, kinds, strict=True)]
    return columns, used, layout


def _unit_near(lines: list[str], index: int) -> str | None:
    """The table's unit: 单位：万元 above its header, or （万元） in a header cell."""
    for line in reversed(lines[max(0, index - 3): index + 1]):
        found = _UNIT_LINE.search(normalise(line))
        if found:
            return found.group("unit")
    found = re.search(r"[（(](?P<unit>万元|亿元|元)[）)]", normalise(lines[index]))
    return found.group("unit") if found else None


def _ends_table(line: str, layout: str) -> bool:
    text = normalise(line).strip()
    if not text:
        return False
    if _HEADING_LINE.match(text) and not re.search(r"\d[\d,.]*%?\s*$", text):
        return True
    if layout in ("tab", "pipe"):
        return _layout(line) != layout
    if layout == "fixed" and not re.search(r"\S {2,}\S", line.strip()) and len(text) > 30:
        return True  # a line of prose
    if layout == "single" and (text.endswith("。") or (len(text) > 45 and " " not in text)):
        return True
    return text.startswith(("填报人", "自评等级", "备注", "注：", "说明："))  # the table's signature or notes


def find_tables(lines: list[str]) -> list[Table]:
    """Every table of the document whose header names its columns."""
    skip = furniture(lines)
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        found = _header_at(lines, index) if index + 1 not in skip else None
        if not found:
            index += 1
            continue
        columns, used, layout = found
        by_characters = [p for p, t in _split(lines[index], "fixed_chars") if t]
        char_columns = [Column(c.name, c.kind, p) for c, p in zip(columns, by_characters, strict=True)] \
            if len(by_characters) == len(columns) else columns
        table = Table(header_lines=tuple(i + 1 for i in used), columns=columns, layout=layout,
                      unit=_unit_near(lines, index), rows=[], char_columns=char_columns)
        index = used[-1] + 1
        body: list[int] = []
        while index < len(lines):
            if index + 1 in skip:
                index += 1
                continue
            if not lines[index].strip():
                following = next((i for i in range(index + 1, len(lines)) if lines[i].strip() and i + 1 not in skip), None)
                if following is None or (layout == "fixed" and not re.search(r"\S {2,}\S", lines[following].strip())) \
                        or (layout == "single" and not re.search(r"\d", lines[following])):
                    break  # a blank line, then no more rows
                index += 1
                continue
            if _header_at(lines, index) or _ends_table(lines[index], layout):
                break
            body.append(index)
            index += 1
        table.rows = _rows(lines, body, table)
        tables.append(table)
    return tables


def _value_block(columns: list[Column]) -> tuple[int, int]:
    """The first and last index of the columns between the leading and trailing text columns."""
    first = next((i for i, c in enumerate(columns) if c.kind not in TEXT_KINDS), len(columns))
    last = max((i for i, c in enumerate(columns) if c.kind not in TEXT_KINDS), default=first)
    return first, last


def _rows(lines: list[str], body: list[int], table: Table) -> list[Row]:
    if table.layout == "single":
        return _single_rows(lines, body, table)
    return _placed_rows(lines, body, table)


def _column_at(columns: list[Column], position: int) -> int:
    """The column a cell starting at `position` stands under (fixed layouts)."""
    best = 0
    for i, column in enumerate(columns):
        if column.position <= position + 2:
            best = i
    return best


def _placed_rows(lines: list[str], body: list[int], table: Table) -> list[Row]:
    """Rows of a table whose cells stand in their columns (tabs, |, a fixed layout). A
    line with a label and a figure starts a row; a line without figures continues it."""
    columns = table.columns
    first_value, last_value = _value_block(columns)
    label_columns = [i for i, c in enumerate(columns) if c.kind == "label"]
    main_label = label_columns[-1] if label_columns else 0
    rows: list[Row] = []
    for index in body:
        cells = [(p, t) for p, t in _split(lines[index], table.layout) if t]
        if table.layout in ("tab", "pipe"):
            placed = [(i, t) for i, (_, t) in enumerate(_split(lines[index], table.layout)) if t and i < len(columns)]
        elif len(cells) == len(columns):  # every cell filled: each in its column, whatever the spacing
            placed = [(i, t) for i, (_, t) in enumerate(cells)]
        else:
            placed = [(_column_at(columns, p), t) for p, t in cells]
            if len({i for i, _ in placed}) < len(placed):  # lined up by characters rather than by what is seen
                by_characters = [(_column_at(table.char_columns, p), t) for p, t in _split(lines[index], "fixed_chars") if t]
                if len({i for i, _ in by_characters}) > len({i for i, _ in placed}):
                    placed = by_characters
        has_value = any(first_value <= i <= last_value and _VALUE_START.match(normalise(t)) for i, t in placed)
        has_label = any(i == main_label or (columns[i].kind == "label") for i, t in placed if not _GROUP_WEIGHT.match(t))
        if (has_value and has_label) or not rows:
            rows.append(Row())
        row = rows[-1]
        for i, text in placed:
            if _GROUP_WEIGHT.match(text):
                continue
            if columns[i].kind == "label":
                row.label.append((index + 1, text))
            else:
                row.add(i, index + 1, text)
    return rows


def _single_rows(lines: list[str], body: list[int], table: Table) -> list[Row]:
    """Rows of a flattened table (cells separated by single spaces): a row's last
    cells are its figures, counted from the right; a line of words only is a label
    wrapped from the row before (fewer words than the label columns) or the start of
    the next row."""
    columns = table.columns
    first_value, last_value = _value_block(columns)
    width = last_value - first_value + 1
    label_count = max(1, sum(1 for c in columns[:first_value] if c.kind in TEXT_KINDS))
    numeric_end = columns[last_value].kind in ("weight", "score", "budget", "executed", "rate", "initial", "adjustment")
    rows: list[Row] = []
    pending: list[tuple[int, str]] = []
    for index in body:
        tokens = [t for _, t in _split(lines[index], "single")]
        tokens = [t for t in tokens if not _GROUP_WEIGHT.match(t)]
        line = index + 1
        is_row = len(tokens) > width and (not numeric_end or _NUMERIC.match(normalise(tokens[-1])))
        if not is_row and len(tokens) >= width and any(_VALUE_TOKEN.search(t) for t in tokens[-width:]):
            is_row = numeric_end is False or bool(_NUMERIC.match(normalise(tokens[-1])))
        if is_row:
            values, label = tokens[-width:], tokens[:-width]
            row = Row(label=[*pending, *((line, t) for t in label)])
            pending = []
            for offset, text in enumerate(values):
                row.add(first_value + offset, line, text)
            rows.append(row)
        elif tokens:
            open_cell = next((i for i, pieces in sorted(rows[-1].cells.items(), reverse=True)
                              if "".join(t for _, t in pieces).count("（") > "".join(t for _, t in pieces).count("）")),
                             None) if rows else None
            if open_cell is not None and not pending:
                rows[-1].add(open_cell, line, "".join(tokens))  # "486座（截至 / 11月底）": the rest of a cell
            elif rows and len(tokens) < label_count and not pending:
                last = rows[-1]
                last.label.append((line, "".join(tokens)))  # "制率": the end of the row's label
            else:
                pending += [(line, t) for t in tokens]
    return rows


def _label_text(row: Row) -> str:
    """The row's label as one phrase: wrapped pieces joined without spaces."""
    return "".join(text for _, text in row.label)


def cell_flow(pieces: list[tuple[int, str]]) -> Flow:
    """The flow of a cell's pieces, each character keeping its line."""
    raw, lines = [], []
    for line, text in pieces:
        part = make_flow([text], start_line=line)
        if raw and raw[-1][-1:].isascii() and raw[-1][-1:].isalnum() and part.raw[:1].isascii() and part.raw[:1].isalnum():
            raw.append(" ")  # two cells' figures never merge into one number
            lines.append(line)
        raw.append(part.raw)
        lines.extend(part.lines)
    text = "".join(raw)
    return Flow(raw=text, norm=normalise(text), lines=tuple(lines))


@dataclass(frozen=True)
class TableFigure:
    """A figure of a table cell, with what the decision reads for it."""

    figure: Figure
    column_kind: str
    label: str
    before: str  # the cell's text before the figure
    quote: str
    after: str = ""  # the cell's text after the figure ("72.4万件（1-11月）")


def table_figures(lines: list[str], tables: list[Table]) -> list[TableFigure]:
    """Every figure of every table's cells (weights and scores of indicators excepted)."""
    found: list[TableFigure] = []
    for table in tables:
        for row in table.rows:
            label = _label_text(row)
            for index, pieces in sorted(row.cells.items()):
                column = table.columns[index]
                if column.kind not in FIGURE_KINDS:
                    continue
                flow = cell_flow(pieces)
                for figure in figures_in(flow, source="table", row=label, column=column.kind):
                    if figure.unit == "":
                        unit = "%" if column.kind == "rate" else table.unit if column.kind in (
                            "budget", "executed", "initial", "adjustment") else None
                        if unit:
                            figure = _with_unit(figure, unit)
                    quote = " ".join(lines[figure.line - 1].split())
                    found.append(TableFigure(figure=figure, column_kind=column.kind, label=label,
                                             before=flow.norm[:figure.start], quote=quote,
                                             after=flow.norm[figure.end:]))
    return found


def _with_unit(figure: Figure, unit: str) -> Figure:
    """A bare number of a table given the unit of its table or column (单位：元 -> 万元)."""
    q = quantity(normalise(figure.written).strip().rstrip("%"), None, unit)
    if q is None:
        return figure
    value, precision, normalised_unit = q
    return replace(figure, value=value, precision=precision, unit=normalised_unit)


def table_lines(tables: list[Table]) -> set[int]:
    """The lines tables hold (headers and rows), which the prose reading leaves to them."""
    held: set[int] = set()
    for table in tables:
        held.update(table.header_lines)
        for row in table.rows:
            held.update(line for line, _ in row.label)
            held.update(line for pieces in row.cells.values() for line, _ in pieces)
    return held
