"""Makes the committed workbooks of this folder from tests/putuo_tables.py (the tables of
上海市普陀区财政局's 2024 部门决算, figures from its text):

- putuo_2024_final_accounts.xls: every table, 万元, codes split into 类 | 款 | 项 as text,
  merged title and header cells (Excel 97-2003, written by xlwt);
- putuo_2024_summary.xls: the 收入支出决算总表 alone (the first of a report's attachments);
- putuo_2024_final_accounts.ods: every table, as an OpenDocument spreadsheet with merged
  cells (written by odfpy).

No maintained library writes .xls any more (xlwt's last release is from 2017), so these
are made once and committed rather than at test time; the .xlsx the tests need are made
at test time with xlsxwriter, a dependency of the product. To make them again:

    .venv/bin/pip install xlwt odfpy
    .venv/bin/python tests/spreadsheets/make.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

import putuo_tables as putuo  # noqa: E402  (tests/ is not a package)


def write_xls(target: Path, tables: tuple[putuo.Table, ...]) -> None:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    for table in tables:
        sheet = workbook.add_sheet(table.title[:31])
        for cell in putuo.layout(table)[1]:
            if (cell.last_row, cell.last_column) != (cell.row, cell.column):
                sheet.write_merge(cell.row, cell.last_row, cell.column, cell.last_column, cell.value)
            elif isinstance(cell.value, float):
                sheet.write(cell.row, cell.column, cell.value, money)
            else:
                sheet.write(cell.row, cell.column, str(cell.value))
    workbook.save(str(target))


def write_ods(target: Path, tables: tuple[putuo.Table, ...]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for table in tables:
        width, cells = putuo.layout(table)
        starts = {(cell.row, cell.column): cell for cell in cells}
        covered = {(r, c) for cell in cells for r in range(cell.row, cell.last_row + 1)
                   for c in range(cell.column, cell.last_column + 1)} - set(starts)
        sheet = Table(name=table.title[:31])
        for r in range(max(cell.last_row for cell in cells) + 1):
            row = TableRow()
            for c in range(width):
                cell = starts.get((r, c))
                if cell is None:
                    row.addElement(CoveredTableCell() if (r, c) in covered else TableCell())
                    continue
                spans = {}
                if cell.last_column > c:
                    spans["numbercolumnsspanned"] = cell.last_column - c + 1
                if cell.last_row > r:
                    spans["numberrowsspanned"] = cell.last_row - r + 1
                if isinstance(cell.value, float):
                    element = TableCell(valuetype="float", value=cell.value, **spans)
                    element.addElement(P(text=f"{cell.value:,.2f}"))
                else:
                    element = TableCell(valuetype="string", **spans)
                    element.addElement(P(text=str(cell.value)))
                row.addElement(element)
            sheet.addElement(row)
        document.spreadsheet.addElement(sheet)
    document.save(str(target))


if __name__ == "__main__":
    write_xls(HERE / "putuo_2024_final_accounts.xls", putuo.TABLES)
    write_xls(HERE / "putuo_2024_summary.xls", (putuo.SUMMARY,))
    write_ods(HERE / "putuo_2024_final_accounts.ods", putuo.TABLES)
