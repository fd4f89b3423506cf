"""The tables of 上海市普陀区财政局's 2024 部门决算 as a spreadsheet of the national
template would hold them: title row, 公开NN表, 部门 and 单位 row, merged header cells,
codes split into 类 | 款 | 项 (or in one column), 合计 rows, a note under an empty table.

The figures are the report's own, in 万元, read from its text
(tests/corpus/putuo_finance_2024_final_accounts.txt, the lines given with each table)
and the same as its PDF's tables (../shared/corpus/pdf). `layout` turns a table into
cells and merged ranges that any writer can put into a workbook: xlsxwriter here (at
test time), xlwt and odfpy in tests/spreadsheets/make.py (the committed .xls and .ods).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

DEPARTMENT = "部门：上海市普陀区财政局"

# Header notation: "<" is a cell merged into the cell on its left, "^" into the cell above.
LEFT, UP = "<", "^"


@dataclass(frozen=True)
class Table:
    title: str
    number: str  # 公开01表
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[object, ...], ...]  # codes as text ("201", "06", "01"), figures in 万元, "" empty
    note: str = ""
    code_columns: int = 0  # the 类 | 款 | 项 (or 类 | 款) columns at the start of each side
    sides: int = 1


# 功能分类 codes and names (收入决算表 lines 147-185, 支出决算表 187-235, 一般公共预算财政拨款支出决算表 303-349).
FUNCTIONS = (
    ("201", "", "", "一般公共服务支出"), ("201", "06", "", "财政事务"), ("201", "06", "01", "行政运行"),
    ("201", "06", "02", "一般行政管理事务"), ("201", "06", "07", "信息化建设"), ("201", "06", "08", "财政委托业务支出"),
    ("208", "", "", "社会保障和就业支出"), ("208", "05", "", "行政事业单位养老支出"), ("208", "05", "01", "行政单位离退休"),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出"), ("208", "05", "06", "机关事业单位职业年金缴费支出"),
    ("208", "05", "99", "其他行政事业单位养老支出"), ("210", "", "", "卫生健康支出"), ("210", "11", "", "行政事业单位医疗"),
    ("210", "11", "01", "行政单位医疗"), ("221", "", "", "住房保障支出"), ("221", "02", "", "住房改革支出"),
    ("221", "02", "01", "住房公积金"), ("221", "02", "03", "购房补贴"),
)


def _coded(figures: tuple[tuple[object, ...], ...]) -> tuple[tuple[object, ...], ...]:
    return tuple((*function, *row) for function, row in zip(FUNCTIONS, figures, strict=True))


def _function_header(columns: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """项目 over 支出功能分类科目编码 (类 款 项) and 科目名称; each figure column merged down three rows."""
    return (
        ("项目", LEFT, LEFT, LEFT, *columns),
        ("支出功能分类科目编码", LEFT, LEFT, "科目名称", *(UP for _ in columns)),
        ("类", "款", "项", UP, *(UP for _ in columns)),
    )


_EXPENDITURE_ITEMS = (
    "一、一般公共服务支出", "二、外交支出", "三、国防支出", "四、公共安全支出", "五、教育支出", "六、科学技术支出",
    "七、文化旅游体育与传媒支出", "八、社会保障和就业支出", "九、卫生健康支出", "十、节能环保支出", "十一、城乡社区支出",
    "十二、农林水支出", "十三、交通运输支出", "十四、资源勘探工业信息等支出", "十五、商业服务业等支出", "十六、金融支出",
    "十七、援助其他地区支出", "十八、自然资源海洋气象等支出", "十九、住房保障支出", "二十、粮油物资储备支出",
    "二十一、国有资本经营预算支出", "二十二、灾害防治及应急管理支出", "二十三、其他支出", "二十四、债务还本支出",
    "二十五、债务付息支出", "二十六、抗疫特别国债安排的支出",
)
_SPENT = {"一、一般公共服务支出": 2106.66, "八、社会保障和就业支出": 326.71, "九、卫生健康支出": 60.99, "十九、住房保障支出": 445.69}

# 收入支出决算总表, lines 94-135.
_INCOME_ITEMS = (("一、一般公共预算财政拨款收入", 2940.05), ("二、政府性基金预算财政拨款收入", ""),
                 ("三、国有资本经营预算财政拨款收入", ""), ("四、上级补助收入", ""), ("五、事业收入", ""),
                 ("六、经营收入", ""), ("七、附属单位上缴收入", ""), ("八、其他收入", 6.20))
SUMMARY = Table(
    "收入支出决算总表", "公开01表",
    (("收入", LEFT, "支出", LEFT), ("项目", "决算数", "项目", "决算数")),
    tuple((*(_INCOME_ITEMS[i] if i < len(_INCOME_ITEMS) else ("", "")), item, _SPENT.get(item, ""))
          for i, item in enumerate(_EXPENDITURE_ITEMS))
    + (("本年收入合计", 2946.25, "本年支出合计", 2940.05), ("使用非财政拨款结余（含专用结余）", "", "结余分配", ""),
       ("年初结转和结余", 49.14, "年末结转和结余", 55.34), ("总计", 2995.39, "总计", 2995.39)),
)

# 收入决算表, lines 137-185.
INCOME = Table(
    "收入决算表", "公开02表",
    _function_header(("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
    (("合计", "", "", "", 2946.25, 2940.05, "", "", "", "", 6.20),) + _coded((
        (2112.86, 2106.66, "", "", "", "", 6.20), (2112.86, 2106.66, "", "", "", "", 6.20),
        (1511.90, 1511.89, "", "", "", "", 0.01), (16.19, 10.00, "", "", "", "", 6.19), (135.25, 135.25), (449.52, 449.52),
        (326.72, 326.72), (326.72, 326.72), (84.65, 84.65), (160.75, 160.75), (80.38, 80.38), (0.94, 0.94),
        (60.99, 60.99), (60.99, 60.99), (60.99, 60.99), (445.69, 445.69), (445.69, 445.69), (187.19, 187.19),
        (258.50, 258.50))),
    code_columns=3,
)

# 支出决算表, lines 187-235.
_BASIC_AND_PROJECT = ((2106.66, 1503.52, 603.14), (2106.66, 1503.52, 603.14), (1511.89, 1503.52, 8.37), (10.00, "", 10.00),
                      (135.25, "", 135.25), (449.52, "", 449.52), (326.72, 326.72, ""), (326.72, 326.72, ""),
                      (84.65, 84.65, ""), (160.75, 160.75, ""), (80.38, 80.38, ""), (0.94, 0.94, ""), (60.99, 60.99, ""),
                      (60.99, 60.99, ""), (60.99, 60.99, ""), (445.69, 445.69, ""), (445.69, 445.69, ""),
                      (187.19, 187.19, ""), (258.50, 258.50, ""))
EXPENDITURE = Table(
    "支出决算表", "公开03表",
    _function_header(("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),
    (("合计", "", "", "", 2940.05, 2336.91, 603.14),) + _coded(_BASIC_AND_PROJECT),
    code_columns=3,
)

# 财政拨款收入支出决算总表, lines 237-299.
_GRANT_INCOME = (("一、一般公共预算财政拨款", 2940.05), ("二、政府性基金预算财政拨款", ""), ("三、国有资本经营预算财政拨款", ""))
GRANTS = Table(
    "财政拨款收入支出决算总表", "公开04表",
    (("收入", LEFT, "支出", LEFT, LEFT, LEFT, LEFT),
     ("项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")),
    tuple((*(_GRANT_INCOME[i] if i < len(_GRANT_INCOME) else ("", "")), item,
           *((_SPENT[item], _SPENT[item], "", "") if item in _SPENT else ("", "", "", "")))
          for i, item in enumerate(_EXPENDITURE_ITEMS))
    + (("本年收入合计", 2940.05, "本年支出合计", 2940.05, 2940.05, "", ""),
       ("年初财政拨款结转和结余", 21.63, "年末财政拨款结转和结余", 21.63, 21.63, "", ""),
       ("一、一般公共预算财政拨款", 21.63, "", "", "", "", ""), ("二、政府性基金预算财政拨款", "", "", "", "", "", ""),
       ("三、国有资本经营预算财政拨款", "", "", "", "", "", ""), ("总计", 2961.68, "总计", 2961.68, 2961.68, "", "")),
)

# 一般公共预算财政拨款支出决算表, lines 303-349: the 合计 row last, as printed.
GENERAL_BUDGET = Table(
    "一般公共预算财政拨款支出决算表", "公开05表",
    _function_header(("合计", "基本支出", "项目支出")),
    _coded(_BASIC_AND_PROJECT) + (("合计", "", "", "", 2940.05, 2336.91, 603.14),),
    code_columns=3,
)

# 一般公共预算财政拨款基本支出决算表, lines 351-456: 人员经费 and 公用经费 side by side.
_PERSONNEL = (
    ("301", "", "工资福利支出", 2082.85), ("301", "01", "基本工资", 262.33), ("301", "02", "津贴补贴", 1238.58),
    ("301", "03", "奖金", ""), ("301", "06", "伙食补助费", ""), ("301", "07", "绩效工资", ""),
    ("301", "08", "机关事业单位基本养老保险缴费", 160.75), ("301", "09", "职业年金缴费", 80.38),
    ("301", "10", "职工基本医疗保险缴费", 60.99), ("301", "11", "公务员医疗补助缴费", ""), ("301", "12", "其他社会保障缴费", 1.61),
    ("301", "13", "住房公积金", 187.19), ("301", "14", "医疗费", ""), ("301", "99", "其他工资福利支出", 91.03),
    ("303", "", "对个人和家庭的补助", 69.41), ("303", "01", "离休费", ""), ("303", "02", "退休费", 69.10),
    ("303", "03", "退职（役）费", ""), ("303", "04", "抚恤金", ""), ("303", "05", "生活补助", ""), ("303", "07", "医疗费补助", ""),
    ("303", "08", "助学金", ""), ("303", "09", "奖励金", 0.31), ("303", "10", "个人农业生产补贴", ""),
    ("303", "11", "代缴社会保险费", ""), ("303", "99", "其他对个人和家庭的补助", ""),
)
_PUBLIC = (
    ("302", "", "商品和服务支出", 171.07), ("302", "01", "办公费", 21.21), ("302", "02", "印刷费", 7.61), ("302", "03", "咨询费", ""),
    ("302", "04", "手续费", 0.09), ("302", "05", "水费", ""), ("302", "06", "电费", ""), ("302", "07", "邮电费", 4.88),
    ("302", "08", "取暖费", ""), ("302", "09", "物业管理费", ""), ("302", "11", "差旅费", 1.20), ("302", "12", "因公出国（境）费用", ""),
    ("302", "13", "维修（护）费", 2.83), ("302", "14", "租赁费", ""), ("302", "15", "会议费", ""), ("302", "16", "培训费", 4.05),
    ("302", "17", "公务接待费", ""), ("302", "18", "专用材料费", ""), ("302", "24", "被装购置费", ""), ("302", "25", "专用燃料费", ""),
    ("302", "26", "劳务费", 2.01), ("302", "27", "委托业务费", ""), ("302", "28", "工会经费", 24.42), ("302", "29", "福利费", 42.77),
    ("302", "31", "公务用车运行维护费", ""), ("302", "39", "其他交通费用", 48.49), ("302", "40", "税金及附加费用", ""),
    ("302", "99", "其他商品和服务支出", 11.53), ("310", "", "资本性支出", 13.58), ("310", "01", "房屋建筑物购建", ""),
    ("310", "02", "办公设备购置", 13.58), ("310", "03", "专用设备购置", ""), ("310", "07", "信息网络及软件购置更新", ""),
    ("310", "13", "公务用车购置", ""), ("310", "19", "其他交通工具购置", ""), ("310", "21", "文物和陈列品购置", ""),
    ("310", "22", "无形资产购置", ""), ("310", "99", "其他资本性支出", ""),
)
BASIC = Table(
    "一般公共预算财政拨款基本支出决算表", "公开06表",
    (("经济分类科目编码", LEFT, "科目名称", "决算数", "经济分类科目编码", LEFT, "科目名称", "决算数"),
     ("类", "款", UP, UP, "类", "款", UP, UP)),
    tuple((*(_PERSONNEL[i] if i < len(_PERSONNEL) else ("", "", "", "")), *_PUBLIC[i]) for i in range(len(_PUBLIC)))
    + (("人员经费合计", "", "", 2152.26, "公用经费合计", "", "", 184.65),),
    code_columns=2, sides=2,
)

# 政府性基金 and 国有资本经营预算财政拨款收入支出决算表, lines 470-492: no figures, a note.
_FUND_HEADER = (
    ("项目", LEFT, LEFT, LEFT, "年初结转和结余", "本年收入", "本年支出", LEFT, LEFT, "年末结转和结余"),
    ("支出功能分类科目编码", LEFT, LEFT, "科目名称", UP, UP, "小计", "基本支出", "项目支出", UP),
    ("类", "款", "项", UP, UP, UP, UP, UP, UP, UP),
)
FUND = Table("政府性基金预算财政拨款收入支出决算表", "公开08表", _FUND_HEADER, (("合计", "", "", "", "", "", "", "", "", ""),),
             note="注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。", code_columns=3)
STATE_CAPITAL = Table("国有资本经营预算财政拨款收入支出决算表", "公开09表", _FUND_HEADER, (("合计", "", "", "", "", "", "", "", "", ""),),
                      note="注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。", code_columns=3)

# The 财政拨款“三公”经费支出决算表 (lines 458-468) is left out: its 2024 layout (the items on top, 预算数 and
# 决算数 under each) is one the table reader does not place yet, and the PDF's reading loses it with its
# broken title (财政拨款 三公 经费支出决算表 / “ ”), so neither gives its lines.
TABLES = (SUMMARY, INCOME, EXPENDITURE, GRANTS, GENERAL_BUDGET, BASIC, FUND, STATE_CAPITAL)


def in_yuan(table: Table) -> Table:
    """The same table in 元 (its figures times 10,000)."""
    rows = tuple(tuple(round(v * 10_000, 2) if isinstance(v, float) else v for v in row) for row in table.rows)
    return replace(table, rows=rows)


def one_code_column(table: Table) -> Table:
    """The same table with each code in one column (2010601) instead of 类 | 款 | 项."""
    if table.code_columns != 3:
        return table
    header = tuple((row[0], *row[3:]) for row in table.header if "类" not in row)
    rows = tuple(("".join(str(part) for part in row[:3]) if str(row[0]).isdigit() else row[0], *row[3:]) for row in table.rows)
    return replace(table, header=header, rows=rows, code_columns=1)


def misprinted(table: Table, code: str, column: int, value: float) -> Table:
    """The table with one figure changed: the row of `code` (split or whole), its `column`-th figure."""
    def changed(row: tuple[object, ...]) -> tuple[object, ...]:
        width = table.code_columns + 1  # codes, then the name
        if "".join(str(part) for part in row[:table.code_columns]) != code:
            return row
        return (*row[:width + column], value, *row[width + column + 1:])
    return replace(table, rows=tuple(changed(row) for row in table.rows))


@dataclass(frozen=True)
class Cell:
    row: int
    column: int
    value: object
    last_row: int  # the merged range's last row and column (the cell's own where not merged)
    last_column: int
    code: bool = False  # a 款 / 项 part of a split code (a writer may keep it as a number shown as 06)


def layout(table: Table, unit: str = "万元") -> tuple[int, list[Cell]]:
    """The table's cells as a sheet holds them: title (merged across the table), 公开NN表,
    部门 and 单位, the header with its merged ranges, the rows, the note. Returns the
    width and the cells (empty cells left out)."""
    width = len(table.header[-1])
    cells = [Cell(0, 0, table.title, 0, width - 1), Cell(1, width - 1, table.number, 1, width - 1),
             Cell(2, 0, DEPARTMENT, 2, 1), Cell(2, width - 1, f"单位：{unit}", 2, width - 1)]
    top = 3
    for r, row in enumerate(table.header):
        for c, text in enumerate(row):
            if text in (LEFT, UP, ""):
                continue
            last_column = c
            while last_column + 1 < width and row[last_column + 1] == LEFT:
                last_column += 1
            last_row = r
            while last_row + 1 < len(table.header) and table.header[last_row + 1][c] == UP:
                last_row += 1
            cells.append(Cell(top + r, c, text, top + last_row, last_column))
    top += len(table.header)
    side_width = width // table.sides
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            if value == "":
                continue
            within = c % side_width
            code = table.code_columns > 1 and 0 < within < table.code_columns and str(value).isdigit()
            cells.append(Cell(top + r, c, value, top + r, c, code))
    if table.note:
        cells.append(Cell(top + len(table.rows), 0, table.note, top + len(table.rows), width - 1))
    return width, cells


def write_xlsx(target, tables: tuple[Table, ...] = TABLES, unit: str = "万元", codes_as_numbers: bool = False) -> None:
    """A workbook of the tables, one sheet each named for its table, with xlsxwriter.
    codes_as_numbers: 款 / 项 written as numbers shown as 06 (number format "00")."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"in_memory": True})
    two_digits = workbook.add_format({"num_format": "00"})
    money = workbook.add_format({"num_format": "#,##0.00"})
    for table in tables:
        sheet = workbook.add_worksheet(table.title[:31])
        for cell in layout(table, unit)[1]:
            if (cell.last_row, cell.last_column) != (cell.row, cell.column):
                sheet.merge_range(cell.row, cell.column, cell.last_row, cell.last_column, cell.value)
            elif cell.code and codes_as_numbers:
                sheet.write_number(cell.row, cell.column, int(cell.value), two_digits)
            elif isinstance(cell.value, float):
                sheet.write_number(cell.row, cell.column, cell.value, money)
            else:
                sheet.write_string(cell.row, cell.column, str(cell.value))
    workbook.close()


def write_html(tables: tuple[Table, ...] = TABLES, unit: str = "万元") -> str:
    """The tables as a web page's <table>s with colspan and rowspan, as sites' 导出Excel gives them (an .xls holding HTML)."""
    from html import escape

    parts = []
    for table in tables:
        width, cells = layout(table, unit)
        starts = {(cell.row, cell.column): cell for cell in cells}
        covered = {(r, c) for cell in cells for r in range(cell.row, cell.last_row + 1)
                   for c in range(cell.column, cell.last_column + 1)} - set(starts)
        rows = []
        for r in range(max(cell.last_row for cell in cells) + 1):
            row = []
            for c in range(width):
                cell = starts.get((r, c))
                if cell is None:
                    row += [] if (r, c) in covered else ["<td></td>"]
                    continue
                spans = (f' colspan="{cell.last_column - c + 1}"' if cell.last_column > c else "") + (
                    f' rowspan="{cell.last_row - r + 1}"' if cell.last_row > r else "")
                text = f"{cell.value:,.2f}" if isinstance(cell.value, float) else escape(str(cell.value))
                row.append(f"<td{spans}>{text}</td>")
            rows.append("<tr>" + "".join(row) + "</tr>")
        parts.append(f"<table border=\"1\">{''.join(rows)}</table>")
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            + "<br>".join(parts) + "</body></html>")
