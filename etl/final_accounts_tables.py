"""部门决算表 (the standard final-accounts tables) as tidy budget lines.

The tables come as markdown-style rows ("| 201 | 一般公共服务支出 | 2240.73 | … |"),
one block per PDF page. Each page repeats the table's title, its 单位 line, its
header rows and its 合计 row:

    支出决算表
    部门：广州市番禺区政务服务数据管理局
    单位：万元
    | 项 目 | | 本年支出合计 | 基本支出 | 项目支出 | …
    | 功能分类科目编码 | 科目名称 | | | | …
    | 栏次 | | 1 | 2 | 3 | …
    | | 合计 | 5270.40 | 1186.59 | 4083.81 | …

Every figure becomes one row: (table_name, code, name, column_name, value, line).
Only blocks with a 单位 line (or continuing one) are tables of figures; the
project lists and indicator tables of the later parts have none.

Two-sided tables (收入支出决算总表: 收入 | 支出 side by side; the 基本支出 table:
人员经费 | 公用经费) are read side by side; the side's own header (收入) is not
part of column_name, so column_name is the figure's header (决算数) and name
the item. A name printed on both sides (总计) gets its side in front (收入总计).
A table without a name column (“三公”经费表: one row of figures under 预算数 and
决算数) takes its top header as column_name and the header below it as name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.documents import Document
from etl.text import NUMBER, make_flow, money_in_wan, normalise

# 功能分类 codes: 类 201, 款 20103, 项 2010301; 经济分类 codes: 类 301, 款 30101.
_CODE = re.compile(r"\d{3}(?:\d{2}){0,2}")
_LEVEL = {3: "类", 5: "款", 7: "项"}
_FIGURE = re.compile(rf"-?(?:{NUMBER})")
_SEPARATOR = re.compile(r":?-{2,}:?")
# "单位：万元" (also "金额单位:元"); figures are stored in 万元 (see etl.text.money_in_wan).
_UNIT = re.compile(r"单位[：:]\s*(万元|亿元|元)")
# Lines between a table's title and its rows (spaces removed): 部门：…, 单位：万元, 表1,
# 编制单位：…, 公开01表.
_PREAMBLE = re.compile(r"(?:编制)?(?:部门|单位|金额单位)[：:]|(?:附?表|公开)[0-9一二三四五六七八九十]+表?$")
# "表 1 收入支出决算总表", "收入支出决算总表（续）"
_TITLE_NUMBER = re.compile(r"^附?表[0-9一二三四五六七八九十]+[、.:：]?")
_CONTINUED = re.compile(r"[（(]续表?[）)]$|续表$")
# Header cells that are numbering, not figures.
_NUMBERING = ("栏次", "行次")
# A subtotal header is named with its group header: (本年支出, 小计) -> 本年支出小计.
_SUBTOTALS = ("小计", "合计")


# The columns of budget_lines, for a build that must create the table without rows.
BUDGET_LINES_SCHEMA: dict[str, str] = {
    "district": "varchar", "year": "integer", "doc_id": "varchar", "table_name": "varchar", "code": "varchar",
    "name": "varchar", "level": "varchar", "parent_code": "varchar", "column_name": "varchar", "value": "double",
    "line": "integer", "stage": "varchar",  # final (部门决算) or budget (部门预算)
}


def clean(cell: str) -> str:
    """A cell's text without layout spaces: "一般公共预算财 政拨款" -> "一般公共预算财政拨款"
    (one space between two ASCII letters or digits stays, as in etl.text.make_flow)."""
    return make_flow([cell]).raw


@dataclass(frozen=True)
class Column:
    """One column of a table: its header path (top to bottom), its role (code, name,
    numbering or figure) and the side of a two-sided table it belongs to."""

    path: tuple[str, ...]
    role: str
    side: int
    side_name: str = ""
    column_name: str = ""
    row_name: str = ""  # for tables without a name column: the item this column holds


@dataclass
class _Block:
    """The rows of one page of one table."""

    title: str | None
    unit: str | None
    rows: list[tuple[int, list[str]]]


def _cells(line: str) -> list[str]:
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") else text
    return [clean(cell) for cell in text.split("|")]


def _is_separator(cells: list[str]) -> bool:
    return all(not cell or _SEPARATOR.fullmatch(cell) for cell in cells)


def _preamble(lines: list[str], start: int) -> tuple[str | None, str | None, bool]:
    """Title and unit printed above the block starting at index `start`, and whether
    the block follows another block directly (a page without a title of its own)."""
    unit = None
    for index in range(start - 1, -1, -1):
        text = clean(lines[index].strip())
        if not text:
            continue
        if text.startswith("|"):
            return None, unit, True
        found = _UNIT.search(text)
        if found:
            unit = unit or found.group(1)
            continue
        if _PREAMBLE.match(text):
            continue
        title = _CONTINUED.sub("", _TITLE_NUMBER.sub("", text))
        # A table's title ends in 表; a sentence above a block is no title.
        return (title if title.endswith("表") else None), unit, False
    return None, unit, False


def _blocks(lines: list[str]) -> list[_Block]:
    """Runs of table rows with the title and unit above them; a page that prints
    neither continues the table before it."""
    blocks: list[_Block] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip().startswith("|"):
            index += 1
            continue
        start = index
        rows = []
        while index < len(lines) and lines[index].strip().startswith("|"):
            cells = _cells(lines[index])
            if not _is_separator(cells):
                rows.append((index + 1, cells))
            index += 1
        title, unit, follows = _preamble(lines, start)
        if blocks and (follows or title == blocks[-1].title):
            previous = blocks[-1]
            title = title or previous.title
            unit = unit or (previous.unit if title == previous.title else None)
        blocks.append(_Block(title=title, unit=unit, rows=rows))
    return blocks


def _is_numbering(cells: list[str]) -> bool:
    """"| 栏次 | | 1 | 2 | 3 |" or "| 1 | 2 | … | 12 |": column numbers, not figures."""
    filled = [normalise(cell) for cell in cells if cell]
    if filled and filled[0] in _NUMBERING:
        return True
    return len(filled) >= 2 and filled == [str(n) for n in range(1, len(filled) + 1)]


def _is_data(cells: list[str]) -> bool:
    return not _is_numbering(cells) and any(_FIGURE.fullmatch(normalise(cell)) for cell in cells)


def _role(leaf: str) -> str:
    if "编码" in leaf or leaf in ("类", "款", "项"):  # 类 | 款 | 项: the code's parts, in their own columns
        return "code"
    if leaf in _NUMBERING:
        return "numbering"
    if leaf == "项目" or leaf.endswith("名称"):
        return "name"
    return "figure"


def _figure_name(path: tuple[str, ...]) -> str:
    """本年支出合计 -> 本年支出合计; (本年支出, 小计) -> 本年支出小计; (本年支出, 基本支出) -> 基本支出."""
    if len(path) > 1 and path[-1] in _SUBTOTALS:
        return path[-2] + path[-1]
    return path[-1]


def _columns(header: list[list[str]]) -> list[Column]:
    """Column roles and names from the header rows (numbering rows removed).

    A header cell spans the empty cells to its right when a lower header row has
    cells there: "| 本年支出 | | |" over "| 小计 | 基本支出 | 项目支出 |".
    """
    width = max(len(row) for row in header)
    grid = [row + [""] * (width - len(row)) for row in header]
    for r, row in enumerate(grid):
        for c in range(1, width):
            if not row[c] and row[c - 1] and any(lower[c] for lower in grid[r + 1:]):
                row[c] = row[c - 1]
    paths = []
    for c in range(width):
        path: list[str] = []
        for row in grid:
            if row[c] and (not path or path[-1] != row[c]):
                path.append(row[c])
        paths.append(tuple(path))
    roles = [_role(path[-1]) if path else "figure" for path in paths]
    # A code split into 类 | 款 | 项 cells (a PDF of the national template): the unnamed
    # columns right of 科目编码 hold the rest of the code, not figures ("06" is no 6.0).
    for c in range(1, width):
        if not paths[c] and roles[c - 1] == "code":
            roles[c] = "code"

    # A new side starts at a code or name column that follows a figure column.
    sides, side, seen_figure = [], 0, False
    for role in roles:
        if role in ("code", "name") and seen_figure:
            side, seen_figure = side + 1, False
        seen_figure = seen_figure or role == "figure"
        sides.append(side)

    columns = []
    for side in sorted(set(sides)):
        members = [c for c in range(width) if sides[c] == side]
        has_name = any(roles[c] in ("code", "name") for c in members)
        prefix = _common_prefix([paths[c] for c in members]) if has_name else ()
        figures = [c for c in members if roles[c] == "figure" and paths[c]]
        names = {c: _figure_name(paths[c][len(prefix):]) for c in figures}
        for c in figures:  # two figure columns with one leaf name: keep their whole path
            if list(names.values()).count(names[c]) > 1:
                names[c] = "/".join(paths[c][len(prefix):])
        for c in members:
            path = paths[c]
            if not has_name and roles[c] == "figure" and len(path) > 1:
                # No name column: 预算数 / 公务用车购置及运行费 / 小计 -> column 预算数, item 公务用车购置及运行费小计.
                columns.append(Column(path, "figure", side, "", path[0], _figure_name(path[1:])))
            else:
                columns.append(Column(path, roles[c], side, "".join(prefix), names.get(c, ""), ""))
    return columns


def _common_prefix(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    shortest = min(len(path) for path in paths) - 1
    prefix: list[str] = []
    for depth in range(max(shortest, 0)):
        parts = {path[depth] for path in paths}
        if len(parts) != 1:
            break
        prefix.append(parts.pop())
    return tuple(prefix)


def _figure(cell: str, unit: str) -> float | None:
    text = normalise(cell)
    if not _FIGURE.fullmatch(text):
        return None
    negative = text.startswith("-")
    value = money_in_wan(text.lstrip("-"), unit).value  # every figure in 万元
    return -value if negative else value


def _table_rows(title: str, unit: str, columns: list[Column], line: int, cells: list[str]) -> list[dict]:
    """The figures of one table row, one dict per (side, figure column)."""
    cells = cells + [""] * (len(columns) - len(cells))
    found = []
    for side in sorted({column.side for column in columns}):
        members = [(column, cells[c]) for c, column in enumerate(columns) if column.side == side]
        code = name = None
        parts: list[str] = []
        for column, cell in members:
            if column.role == "code" and cell:
                if re.fullmatch(r"\d{2,7}", normalise(cell)):
                    parts.append(normalise(cell))  # "201" or the 类 | 款 | 项 parts "201" "06" "01"
                else:  # a total written across the code and name columns: "| 合计 | |"
                    name = name or cell
            elif column.role == "name" and cell:
                name = cell
        if parts and _CODE.fullmatch("".join(parts)):
            code = "".join(parts)
        for column, cell in members:
            if column.role != "figure" or not cell:
                continue
            value = _figure(cell, unit)
            item = name or column.row_name or None
            if value is None or (code is None and item is None):
                continue
            found.append({
                "table_name": title, "side": column.side_name, "code": code, "name": item,
                "column_name": column.column_name, "value": value, "line": line,
            })
    return found


# ---------------------------------------------------------------------------
# The same national template as plain text (pdfplumber's text of a 决算 PDF): no
# cell borders, the code split into 类 款 项 columns ("201 06 01 1,511.89 1,503.52
# 8.37"), the item's name on the line above its figures, empty cells simply absent,
# and the header's words broken across lines. With empty cells absent, only a row's
# first figure can be placed for certain: it is the row's total (the template's
# first figure column: 本年收入合计, 本年支出合计, or 合计). The other figures are left
# out rather than guessed, and so are the two-sided 经济分类 tables (codes 30x).
# ---------------------------------------------------------------------------

_TEXT_TITLE = re.compile(r"^(?:\d{4}年度?)?[\u4e00-\u9fff“”\s]{2,40}?(?:决算|预算)(?:总)?表(?:[（(]续表?[）)])?$")
# Header words, never an item's name: 类 款 项, 科目编码, 科目名称, 项目, 合计 …
_HEADER_WORDS = re.compile(r"^(?:[类款项]\s*)+$|科目编码|科目名称|功能分类|经济分类|^项目$|单位[：:]|栏次|^合计$|^总计$|"
                           r"预算数|决算数|本年收入|本年支出")
_TEXT_ROW = re.compile(
    r"^(?P<code>\d{3}(?:\s?\d{2}){0,2})(?:\s+(?P<name>[^\d\s\-][^\d]*?))?\s+"
    r"(?P<figures>-?\d[\d,]*(?:\.\d+)?(?:\s+-?\d[\d,]*(?:\.\d+)?)*)$")
_TEXT_FIGURES = re.compile(r"^-?\d[\d,]*\.\d+(?:\s+-?\d[\d,]*(?:\.\d+)?)*$")


def _column_name(title: str, column: str) -> str:
    """One name for one meaning across template years and readers: a 决算 table's total
    column (合计 in one year, 本年支出合计 in another), and a 预算 table's row total, which
    its header names 支出预算合计, 收入预算合计, 一般公共预算支出合计 … and the plain-text
    reader, which sees only that it is the first figure, names 合计."""
    if column == "合计" or ("决算" not in title and "预算" in title and column.endswith("合计")):
        return _total_column(title)
    return column


def _total_column(title: str) -> str:
    """The name of a 功能分类 table's first figure column, its row total, as the template's
    tables name it: 本年支出合计 in a 支出决算表, 本年收入合计 in a 收入决算表, else 合计."""
    if title.endswith("支出决算表"):
        return "本年支出合计"
    if title.endswith("收入决算表"):
        return "本年收入合计"
    return "合计"


def _text_rows(doc: Document) -> list[dict]:
    rows: list[dict] = []
    title, unit = None, None
    lines = [normalise(line).strip() for line in doc.lines]
    for number, text in enumerate(lines, start=1):
        compact = text.replace(" ", "")
        if _TEXT_TITLE.match(compact) and not _TITLE_NUMBER.match(compact):
            title, unit = _CONTINUED.sub("", compact), None
            continue
        if (found := _UNIT.search(compact)) and title:
            unit = found.group(1)
            continue
        if not title or not unit:
            continue
        above = lines[number - 2] if number >= 2 else ""
        row = _TEXT_ROW.match(text)
        if row:
            code = row.group("code").replace(" ", "")
            if not code.startswith("2"):  # 经济分类 (30x) tables print 人员经费 | 公用经费 side by side: not placed
                continue
            # The name: on the row itself, on the line above ("行政运行" / "行政运行 1,503.52"), or
            # wrapped: "机关事业单位基本养老保险" above "208 05 05 缴费支出 160.75".
            fragment = "" if re.search(r"\d", above) or _HEADER_WORDS.search(above.replace(" ", "")) else above
            inline = row.group("name")
            if inline:
                name = fragment + inline
            else:
                leading = re.split(r"\s+-?\d", above)[0].strip()
                name = leading if leading and not re.search(r"\d", leading) and not _HEADER_WORDS.search(leading) else ""
            if not name:
                continue
        elif _TEXT_FIGURES.match(text) and above.replace(" ", "") in ("合计", "总计"):
            code, name = None, above.replace(" ", "")
        else:
            continue
        first = row.group("figures").split()[0] if row else text.split()[0]
        rows.append({"table_name": title, "side": "", "code": code, "name": clean(name),
                     "column_name": _total_column(title), "value": money_in_wan(first, unit).value,
                     "line": number})
    return rows


# Items written in sentences, as a 决算说明 without tables gives them, under the heading
# of the table they stand for ("五、公共财政拨款支出决算情况"), each that table's row
# total (合计) for the code. The code stands in every form the genre prints it, followed
# by its name and then its amount, before the sentence or the next code ends:
#   （一）2010301行政运行353.32万元                                   (平潭 行政审批局 2016)
#   （一）〔2011501〕工商行政管理事务—行政运行支出2329.91万元          (平潭 市场监督管理局 2017)
#   科目编码2010301-政府机构行政运行的金额为311.52万元；科目编码…      (平潭 东庠乡 2016, two a line)
#   2010302一般公共服务支出(类) …事务(款)一般行政管理事务(项)拨款支出45.58万元   (平潭 道安办 2016)
#   2120101行政运行14.18万元                                          (平潭 环岛公路建设指挥部 2017)
# A code named without an amount ("在“2299901其他支出”支出功能科目列支") gives no line.
_PROSE_CODE = re.compile(r"(?<![\d.,])(?P<code>2\d{4}(?:\d{2})?)(?![\d.,])")
_PROSE_MONEY = re.compile(rf"(?P<value>{NUMBER})(?P<unit>万元|亿元|元)")
_PROSE_NAME_EDGES = re.compile(r"^[）)〕\]】:：\-—–－、\s]+|(?:的金额为|金额为|的金额|为)$")
_PROSE_SECTION = re.compile(r"^[一二三四五六七八九十]{1,2}、(?P<title>.*?(?:支出|收入)决算情况)")


# "…其中行政运行（科目编码：2010301）746.63万元": the name stands before its code.
_BEFORE_CODE = re.compile(r"(?:[（(]?科目编码[：:]?|[（(〔\[])$")
_NAME_START = re.compile(r"(?:^|[，,；;。：:、）)])(?:其中|包括|含)?(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])?"
                         r"(?P<name>[^，,；;。：:、]*)$")


def _name_before(text: str, code_start: int) -> str | None:
    """The name written before a code ("行政运行（科目编码：2010301）"), if any."""
    before = _BEFORE_CODE.sub("", text[:code_start])
    found = _NAME_START.search(before)
    name = found.group("name").strip("（(〔[ ") if found else ""
    return name or None


# The section's own total, stated before its items: "2017年一般公共预算拨款支出4,077.69万元，比上年…".
_PROSE_TOTAL = re.compile(rf"支出(?:决算)?(?:数)?(?:为|是|合计)?(?P<value>{NUMBER})(?P<unit>万元|亿元|元)")


# A 类 stated with its code in brackets: "（一）一般公共服务支出（科目编码：201）778.68万元" (not a line item).
_PROSE_CLASS = re.compile(rf"(?P<name>[\u4e00-\u9fff]+)[（(]科目编码[：:]?(?P<code>2\d{{2}})[）)](?P<value>{NUMBER})(?P<unit>万元|亿元|元)")


@dataclass
class _ProseSection:
    title: str
    rows: list[dict]
    total: tuple[str, str, int] | None = None  # (the figure as written, its unit, its line)
    classes: list[dict] | None = None  # the 类 it states, where it states them: the parts of its total


def _prose_sections(doc: Document) -> list[_ProseSection]:
    """The sections of a 决算说明 that list 功能分类 items in sentences, each with its items
    (rows of the section's table, 合计 column) and the total its first sentence states."""
    sections: list[_ProseSection] = []
    section = None
    for number, line in enumerate(doc.lines, start=1):
        text = normalise(line).strip().replace(" ", "")
        if heading := _PROSE_SECTION.match(text):
            section = _ProseSection(heading.group("title"), [])
            sections.append(section)
            continue
        if re.match(r"^[一二三四五六七八九十]{1,2}、", text):
            section = None
        if not section or text.startswith("|"):
            continue
        codes = list(_PROSE_CODE.finditer(text))
        if not codes and not section.rows and section.total is None and (total := _PROSE_TOTAL.search(text)):
            section.total = (total.group("value"), total.group("unit"), number)
        for found in _PROSE_CLASS.finditer(text):
            section.classes = (section.classes or []) + [{
                "code": found.group("code"), "name": found.group("name"), "line": number, "written": found.group("value"),
                "value": money_in_wan(found.group("value"), found.group("unit")).value}]
        for index, found in enumerate(codes):
            end = codes[index + 1].start() if index + 1 < len(codes) else len(text)
            stops = [at for stop in "。；;" if (at := text.find(stop, found.end(), end)) != -1]
            segment = text[found.end():min(stops, default=end)]
            money = _PROSE_MONEY.search(segment)
            if not money or re.search(r"比|较|增加|减少|增长|下降", segment[:money.start()]):
                continue  # no amount of its own (a change's amount is not the item's)
            name = _PROSE_NAME_EDGES.sub("", segment[:money.start()]) or _name_before(text, found.start())
            section.rows.append({"table_name": section.title, "side": "", "code": found.group("code"), "name": name or None,
                                 "column_name": "合计", "value": money_in_wan(money.group("value"), money.group("unit")).value,
                                 "line": number, "written": money.group("value")})
    return [s for s in sections if s.rows]


def _prose_rows(doc: Document) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "written"} for section in _prose_sections(doc) for row in section.rows]


def prose_item_parts(doc: Document) -> list[dict]:
    """stated_parts rows for the items a 决算说明 lists in sentences under the total its
    section states (五、一般公共预算拨款支出决算情况: 4,077.69万元 = its items), so that
    queries/check_rates.sql adds them up (check_type parts_sum). The parts are the 类 the
    section states where it states them, else the items no other listed item contains (a
    款 and its 项 are counted once)."""
    rows: list[dict] = []
    for section in _prose_sections(doc):
        if section.total is None or len(section.rows) < 2:
            continue
        written, unit, total_line = section.total
        total = money_in_wan(written, unit)
        codes = {row["code"] for row in section.rows}
        parts = section.classes or [row for row in section.rows
                                    if not any(row["code"] != other and row["code"].startswith(other) for other in codes)]
        for number, row in enumerate(parts, start=1):
            part = money_in_wan(row["written"], "万元")
            rows.append({"district": doc.district, "year": doc.year, "doc_id": doc.doc_id, "subject": section.title,
                         "total": total.value, "total_precision": total.precision, "total_line": total_line,
                         "part_number": number, "part_name": f"{row['code']} {row['name'] or ''}".strip(),
                         "part_value": row["value"], "part_precision": part.precision, "part_line": row["line"],
                         "quote": doc.lines[total_line - 1].strip()})
    return rows


def parse_budget_lines(doc: Document, stage: str = "final") -> list[dict]:
    """Every figure of the document's 部门决算表 (stage 'final') or 部门预算表 (stage
    'budget'), once, with its table, code, level, parent code, column and raw line:
    from its | rows, else from its plain text, else from its sentences."""
    rows: list[dict] = []
    headers: dict[str, list[list[str]]] = {}
    for block in _blocks(doc.lines):
        if not block.title or not block.unit or not block.rows:
            continue
        first_data = next((i for i, (_, cells) in enumerate(block.rows) if _is_data(cells)), len(block.rows))
        header = [cells for _, cells in block.rows[:first_data] if not _is_numbering(cells)]
        if header:
            headers[block.title] = header
        elif block.title in headers:  # a page that does not repeat the header
            header = headers[block.title]
        else:
            continue
        columns = _columns(header)
        for line, cells in block.rows[first_data:]:
            if not _is_numbering(cells):
                rows += _table_rows(block.title, block.unit, columns, line, cells)
    if not rows:
        rows = _text_rows(doc)
    if rows:
        return [{**row, "stage": stage} for row in _tidy(doc, rows)]
    return [{**row, "stage": stage} for row in _tidy(doc, _prose_rows(doc), pages=False)]


# A 结转和结余 row's parts follow it on its side: "年初财政拨款结转和结余 21.63", then
# "一、一般公共预算财政拨款 21.63" (numbered in the 2024 template, not in 2019's). Their
# printed names repeat the 本年收入's items, so they are named by what they belong to.
_BALANCE = re.compile(r"结转和结余$")
_BALANCE_PART = re.compile(r"^(?:[一二三四五六七八九十]+、)?\S*?拨款$")


def _name_balance_parts(rows: list[dict]) -> list[dict]:
    """"年初财政拨款结转和结余：一、一般公共预算财政拨款" for the parts under a balance row,
    in row order per table and side; a row that is not such a part ends the run."""
    heading: dict[tuple[str, str], str] = {}
    named = []
    for row in rows:  # in the document's order
        side = (row["table_name"], row["side"])
        name = row["name"] or ""
        if row["code"] is None and _BALANCE.search(name):
            heading[side] = name
        elif row["code"] is None and side in heading and _BALANCE_PART.match(name.replace(" ", "")):
            row = {**row, "name": f"{heading[side]}：{name}"}
        else:
            heading.pop(side, None)
        named.append(row)
    return named


def _tidy(doc: Document, rows: list[dict], pages: bool = True) -> list[dict]:
    """Drop the rows that pages repeat (header and 合计 on every page: the first
    stays; pages=False for items in sentences, where a code printed twice with two
    amounts is two items), name totals printed on both sides by their side, add code levels."""
    unique: dict[tuple, dict] = {}
    for row in _name_balance_parts(rows):
        key = (row["table_name"], row["side"], row["code"], row["name"] if row["code"] is None else None, row["column_name"],
               None if pages else row["line"])
        unique.setdefault(key, row)
    sides_of: dict[tuple[str, str], set[str]] = {}
    for row in unique.values():
        if row["code"] is None:
            sides_of.setdefault((row["table_name"], row["name"]), set()).add(row["side"])
    tidy = []
    for row in unique.values():
        code = row["code"]
        name = row["name"]
        if code is None and len(sides_of[row["table_name"], name]) > 1:
            name = row["side"] + name  # 总计 on the 收入 side and on the 支出 side
        tidy.append({
            "district": doc.district,
            "year": doc.year,
            "doc_id": doc.doc_id,
            "table_name": row["table_name"],
            "code": code,
            "name": name,
            "level": _LEVEL.get(len(code)) if code else None,
            "parent_code": code[:-2] if code and len(code) > 3 else None,
            "column_name": _column_name(row["table_name"], row["column_name"]),
            "value": row["value"],
            "line": row["line"],
        })
    return tidy
