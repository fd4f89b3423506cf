"""A report's tables published as a spreadsheet (.xlsx, .xls, .ods, and WPS's .et in
the Excel 97-2003 form) read into the text lines the product reads from a PDF.

Each sheet of a 部门决算 / 部门预算 workbook holds one table of the national template:
a title row (收入支出决算总表), a row naming the department and the unit (部门：… 单位：万元),
header rows with merged cells, codes in one column (2010601) or split into 类 | 款 | 项
columns, 合计 rows. Each table becomes what etl/intake.py's PDF reader gives for a ruled
table, and so what etl/final_accounts_tables.py reads: the table's title line, the lines
above its rows (部门：…, 单位：万元), then its rows as "| a | b |" (header rows, then data
rows). Nothing downstream knows a spreadsheet from a PDF.

The files are read by python-calamine (the Rust calamine, one reader for all four
formats); nothing here parses a file format. A merged cell's text is in its first
(top-left) cell and its other cells are empty, as pdfplumber gives a PDF's merged cell;
the table reader spreads a header over the columns below it. An .xls that is really a web
page's <table> (many sites' 导出Excel) is laid out the same way from its colspan and rowspan
(html_table_lines).
"""

from __future__ import annotations

import datetime
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from etl.documents import DocumentError

# The table reader's own patterns, so that what is written here is what it reads:
# 单位：万元 (also 金额单位：元), and the lines between a title and its rows (部门：…, 公开01表).
from etl.final_accounts_tables import _CONTINUED, _PREAMBLE, _UNIT, clean
from etl.text import normalise

SUFFIXES = (".xlsx", ".xls", ".ods", ".et")

# A note under a table: 注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。
_NOTE = re.compile(r"^(?:注|说明|备注)\s*\d*\s*[：:]")
# A table's title: 收入支出决算总表, 财政拨款“三公”经费支出决算表, 2024年度部门收入预算总表（续）
# (its 续 taken off first); not a numbering such as 公开01表 (see _is_title).
_TITLE = re.compile(r"^[^|]{0,60}?[\u4e00-\u9fff”）)]表$")
# The 款 and 项 parts of a split code are two digits; a spreadsheet may keep them as numbers
# shown with a leading zero (number format "00": 6 shown as 06).
_CODE_PARTS = ("款", "项")


def _text(value: object) -> str:
    """A cell as the text it shows: numbers without the float's noise (2106.6600000000003 →
    2106.66) and without ".0" (201.0 → 201), line breaks and "|" made harmless."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        rounded = round(value, 6) + 0.0  # + 0.0: -0.0 is 0
        if rounded == int(rounded):
            return str(int(rounded))
        return f"{rounded:.6f}".rstrip("0")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r", "").replace("\n", " ").replace("|", "｜").strip()


def _compact(text: str) -> str:
    return clean(normalise(text))


def _is_title(text: str) -> bool:
    compact = _compact(text)
    return bool(_TITLE.match(_CONTINUED.sub("", compact))) and not _PREAMBLE.match(compact)


def _is_preamble(text: str) -> bool:
    """部门：…, 单位：万元, 金额单位：元, 公开01表, 表3: what the reader passes over between a title and its rows."""
    compact = _compact(text)
    return bool(_UNIT.search(compact) or _PREAMBLE.match(compact))


@dataclass
class _Table:
    """One table of a sheet: the lines printed above it and its rows (the cells' values)."""

    above: list[str]
    rows: list[list[object]]


def _split(grid: list[list[object]]) -> list[str | _Table]:
    """A sheet as lines and tables, in order. A table starts at the first row of two or
    more cells that are not all a title, 部门 or 单位, or at a row of one cell under a
    单位 line (a header merged across the table: 财政拨款“三公”经费); it ends at a note
    (注：…), at a row of a title of its own, or with the sheet. Empty rows are left out."""
    parts: list[str | _Table] = []
    above: list[str] = []
    table: _Table | None = None
    for row in grid:
        filled = [text for text in map(_text, row) if text]
        if not filled:
            continue
        note = len(filled) == 1 and bool(_NOTE.match(filled[0]))
        heading = all(_is_title(text) or _is_preamble(text) for text in filled)
        if table is not None and (note or (heading and any(map(_is_title, filled)))):
            parts.append(table)
            table = None
        lone_line = len(filled) == 1 and not any(_UNIT.search(_compact(text)) for text in above)
        if table is None and (note or heading or lone_line):
            above += filled
            continue
        if table is None:
            table, above = _Table(above, []), []
        table.rows.append(row)
    if table is not None:
        parts.append(table)
    return parts + above


def _code_part_columns(rows: list[list[str]]) -> set[int]:
    """The columns headed 款 or 项 (a code split into 类 | 款 | 项)."""
    return {c for row in rows for c, text in enumerate(row) if _compact(text) in _CODE_PARTS}


def _table_lines(table: _Table, sheet: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The lines of one table: the lines above it that are neither its title nor 部门 /
    单位 lines, its title (the sheet's name where the sheet prints none), its 部门 / 单位
    lines, then its rows as "| a | b |" without the columns empty throughout."""
    texts = [[_text(value) for value in row] for row in table.rows]
    parts = _code_part_columns(texts)
    for row, values in zip(texts, table.rows, strict=True):
        for c in parts & set(range(len(row))):
            value = values[c]
            if isinstance(value, int | float) and not isinstance(value, bool) and row[c].isdigit() and len(row[c]) == 1:
                row[c] = row[c].zfill(2)  # 6 shown as 06 by its number format
    used = sorted({c for row in texts for c, text in enumerate(row) if text})
    rows = ["| " + " | ".join(row[c] if c < len(row) else "" for c in used) + " |" for row in texts]

    titles = [text for text in table.above if _is_title(text)]
    title = titles[-1] if titles else None
    notes: list[tuple[str, str]] = []
    if title is None:
        title = sheet
        if not _is_title(sheet):
            notes.append((f"工作表「{sheet}」的表没有以“表”结尾的标题，其中的数字未读作预算表",
                          f"sheet '{sheet}': its table has no title ending in 表; its figures are not read as budget lines"))
    elif not any(_UNIT.search(_compact(text)) for text in table.above):
        notes.append((f"工作表「{sheet}」的「{_compact(title)}」没有写明单位（单位：万元 或 元），其中的数字未读作预算表",
                      f"sheet '{sheet}': '{_compact(title)}' states no unit (单位：万元 or 元); its figures are not read "
                      "as budget lines"))
    others = [text for text in table.above if text != title and not _is_preamble(text)]
    preamble = [text for text in table.above if text != title and _is_preamble(text)]
    return [*others, title, *preamble, *rows], notes


def sheet_lines(path: Path, data: bytes) -> tuple[list[str], list[tuple[str, str]]]:
    """Every visible sheet of a workbook as lines (a blank line between sheets), and notes
    for the person as (Chinese, English) pairs; a DocumentError for a file that cannot be read."""
    import python_calamine  # imported here: only spreadsheet uploads need it

    try:
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            sheets = []
            for meta in workbook.sheets_metadata:
                if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                    continue
                if meta.visible != python_calamine.SheetVisibleEnum.Visible:
                    sheets.append((meta.name, None))
                    continue
                sheets.append((meta.name, workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)))
    except python_calamine.PasswordError:
        raise DocumentError(path, "电子表格已加密，无法读取：请上传未加密的版本",
                            "the spreadsheet is encrypted: upload a version without a password") from None
    except Exception:  # calamine raises many kinds of error on a damaged file
        raise DocumentError(path, "电子表格已损坏或不是 Excel / WPS / OpenDocument 表格，无法读取：请在表格软件中打开并另存为 .xlsx",
                            "the spreadsheet is damaged or not an Excel, WPS or OpenDocument spreadsheet: "
                            "open it and save it as .xlsx again") from None
    lines: list[str] = []
    notes: list[tuple[str, str]] = []
    for name, grid in sheets:
        if grid is None:
            notes.append((f"工作表「{name}」是隐藏的，未读取", f"sheet '{name}' is hidden: not read"))
            continue
        sheet: list[str] = []
        for part in _split(grid):
            if isinstance(part, str):
                sheet.append(part)
            else:
                table_lines, table_notes = _table_lines(part, name)
                sheet += table_lines
                notes += table_notes
        if sheet:
            lines += ([""] if lines else []) + sheet
    return lines, notes


def html_table_lines(path: Path, data: bytes) -> tuple[list[str], list[tuple[str, str]]]:
    """An "Excel" file that is a web page's tables, as many sites' 导出Excel gives (an .xls
    holding <table>, often GBK): each outermost table laid out as a sheet would hold it (a
    cell spanning columns or rows by colspan / rowspan, its text in its first cell), then
    read as a sheet; and notes, the first saying what the file is."""
    import lxml.html  # imported here: only such files need it

    from etl.web_page import decode_page  # the web page reader's charset handling (meta, GBK, detection)

    text, _, notes = decode_page(path, data)
    try:
        tree = lxml.html.document_fromstring(text)
    except Exception:  # lxml raises ParserError on a page with no element at all
        tree = None
    tables = [] if tree is None else [table for table in tree.iter("table") if not table.xpath("ancestor::table")]
    lines: list[str] = []
    notes = [(f"{path.suffix} 文件其实是网页表格（HTML），已按表格读取",
              f"the {path.suffix} file is a web page's table (HTML): read as a spreadsheet"), *notes]
    for number, table in enumerate(tables, start=1):
        sheet: list[str] = []
        for part in _split(_html_grid(table)):
            if isinstance(part, str):
                sheet.append(part)
            else:
                table_lines, table_notes = _table_lines(part, f"表{number}")
                sheet += table_lines
                notes += table_notes
        if sheet:
            lines += ([""] if lines else []) + sheet
    return lines, notes


def _html_grid(table) -> list[list[object]]:
    """A <table>'s rows as a grid: a cell's text at its first row and column, the cells it
    spans by colspan / rowspan left empty, as a workbook's merged cells."""
    cells: dict[tuple[int, int], str] = {}
    taken: set[tuple[int, int]] = set()
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    for r, row in enumerate(rows):
        c = 0
        for cell in row.xpath("./td|./th"):
            while (r, c) in taken:
                c += 1
            span_columns = _span(cell.get("colspan"), 100)
            span_rows = _span(cell.get("rowspan"), len(rows) - r)
            cells[r, c] = re.sub(r"\s+", " ", cell.text_content()).strip()
            taken.update((r + down, c + right) for down in range(span_rows) for right in range(span_columns))
            c += span_columns
    width = max((c for _, c in taken), default=-1) + 1
    return [[cells.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def _span(value: str | None, most: int) -> int:
    """A colspan / rowspan as a count of cells: 1 where missing or not a number, at most `most`."""
    digits = re.match(r"\s*(\d+)", value or "")
    return max(1, min(int(digits.group(1)) if digits else 1, max(most, 1)))
