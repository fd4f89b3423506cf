"""绩效指标 tables: 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成指标值, either
flattened by PDF extraction into one cell line after another (番禺 2021), or with
cells delimited by "|" or spaces."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace

from etl.documents import Document
from etl.extract import HEADING
from etl.indicator_figures import Entry, entry_rows
from etl.text import Flow, normalise

# ---------------------------------------------------------------------------
# The table. PDF extraction gives its cells one after another, each wrapped to its
# column's width:
#
#   履职 / 效能                                   一级指标 (2 characters wide)
#   突出党建 / 引领，抓 / … / 运行。               二级指标 (4 wide)
#   区政务服务 / 中心办事窗 / 口数                 三级指标 (5 wide)
#   指标：273 / 说明：根据番府办函 / …批复》。     年度指标值 (10.5 wide)
#   保障负一层 24 小时自助服务 / …                 实际完成指标值 (12.5 wide)
#
# so cells are told apart by width, learned from the document: the 年度指标值
# column from its "指标：" and "说明：" lines, the 三级指标 column as the most common
# narrow width. A line belongs to the paragraph above it when that line is a full
# line: the next line's first word would not have fitted on it. A page break (blank
# lines) splits a row: what follows is the rest of each unfinished cell, column by
# column. Rows without a "指标：" entry, or whose 三级指标 cannot be told apart, are
# left out.
# ---------------------------------------------------------------------------

_NARROW = "，。、；：！？,.;:"  # printed half-width, as are ASCII characters and spaces
_TRAILING = "。，；、,.;"  # may hang past the column edge
_TWO_CELLS = re.compile(r"[\u4e00-\u9fff]{2,} [\u4e00-\u9fff“”]{2,}")  # "免费刻章 免费刻章套数"
_SPACED = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff“”]")  # "落 实": spaced out to the column's width
# A line's first word, with the punctuation that may not start a line and so moves
# with it ("况，"): the unit that did not fit on the line above.
_FIRST_WORD = re.compile(r"(?:[【《“（(]*[0-9A-Za-z.%+*/-]+[】》”）)]*|.)[，。、；：！？”’）》】,.;:!?)]*")
_FIGURE_LINE = re.compile(r"(?:约|超过|达|共)?\d")


def _width(text: str) -> float:
    """Printed width in Chinese characters."""
    return sum(0.5 if ch.isspace() or ch.isascii() or ch in _NARROW else 1.0 for ch in text.strip())


@dataclass(frozen=True)
class _Line:
    number: int  # raw line, 1-based
    text: str
    width: float
    page_break: bool  # blank lines before it: a new page

    @property
    def body_width(self) -> float:
        """Width without the punctuation that may hang past the column's edge."""
        return _width(self.text.rstrip(_TRAILING))

    @property
    def first_word_width(self) -> float:
        """Width of the first word: what would have had to fit on the line above."""
        return _width(_FIRST_WORD.match(self.text).group(0))


def _table_lines(doc: Document) -> list[_Line]:
    """The lines after the table's header row, up to the report's next part."""
    header = next((i for i, line in enumerate(doc.lines) if "三级指标" in line and "年度指标值" in line), None)
    if header is None:
        return []
    lines: list[_Line] = []
    blank = 0
    for index in range(header + 1, len(doc.lines)):
        text = doc.lines[index].strip()
        if not text:
            blank += 1
            continue
        if HEADING.match(text):
            break
        lines.append(_Line(index + 1, text, _width(text), blank >= 2))
        blank = 0
    return lines


class _Layout:
    """Column widths of one table, learned from its lines."""

    def __init__(self, lines: list[_Line]):
        entries = [round(line.width * 2) / 2 for line in lines if line.text.startswith(("指标：", "说明："))]
        self.target = Counter(entries).most_common(1)[0][0] if entries else 10.5
        narrow = [line.width for line in lines if line.width <= self.target / 2]
        self.name = Counter(narrow).most_common(1)[0][0] if narrow else 5.0

    def short(self, line: _Line) -> bool:
        """Narrow enough for the 三级指标 column."""
        return line.width <= self.name + 0.5

    def area(self, line: _Line) -> bool:
        """Narrow enough for the 二级指标 column."""
        return line.body_width <= self.name - 1

    def name_wraps(self, line: _Line, following: _Line) -> bool:
        return self.short(line) and (line.width + following.first_word_width > self.name or bool(_SPACED.search(line.text)))

    def target_fits(self, line: _Line) -> bool:
        return line.body_width <= self.target + 0.5  # 【】《》“” print narrower than a character

    def target_wraps(self, line: _Line, following: _Line, explanation: bool = False) -> bool:
        """Whether `following` goes on the paragraph of `line`: a full stop ends an
        entry, but a 说明 runs on over a full line ("…22.8 万元/月。" / "租用互联网…")."""
        if line.text.endswith("。") and not explanation:
            return False
        return line.width + following.first_word_width > self.target and self.target_fits(following)


def _area_lines(lines: list[_Line], layout: _Layout) -> set[int]:
    """Indices of lines in runs of three or more 二级指标-wide lines (a run ends at a
    page break)."""
    inside: set[int] = set()
    run: list[int] = []
    for index, line in enumerate(lines):
        if run and (line.page_break or not layout.area(line)):
            inside.update(run if len(run) >= 3 else [])
            run = []
        if layout.area(line):
            run.append(index)
    inside.update(run if len(run) >= 3 else [])
    return inside


def _name_before(lines: list[_Line], anchor: int, lower: int, layout: _Layout, areas: set[int]) -> tuple[int, str | None]:
    """Where a row starts and its 三级指标, looking back from its "指标：" line past the
    words some rows print above it in the target column ("设立…“大党委”")."""
    prefix = lines[anchor].text.split("指标：", 1)[0].strip()
    if prefix:  # "节省费用 指标：推进…": the name shares the line
        return anchor, prefix.replace(" ", "")
    j = anchor - 1
    while j >= lower and not lines[j].text.startswith(("指标：", "说明：")) and not _TWO_CELLS.fullmatch(lines[j].text):
        wrapped = j - 1 >= lower and layout.target_wraps(lines[j - 1], lines[j])
        if (layout.short(lines[j]) and not wrapped) or not layout.target_fits(lines[j]):
            break
        j -= 1
    if j < lower:
        return anchor, None
    if _TWO_CELLS.fullmatch(lines[j].text):  # 二级指标 and 三级指标 side by side
        return j, lines[j].text.split(" ")[-1]
    if not layout.short(lines[j]) or j in areas:
        return anchor, None
    end = j
    while (j - 1 >= lower and j - 1 not in areas and layout.name_wraps(lines[j - 1], lines[j])
           and not lines[j - 1].text.endswith("。")):
        j -= 1
    return j, "".join(line.text.replace(" ", "") for line in lines[j:end + 1])


def _split_cells(body: list[_Line], layout: _Layout) -> tuple[list[_Line], list[_Line]]:
    """A row's lines from its "指标：" line on, into the 年度指标值 cell and the
    实际完成 cell.

    The 说明 paragraph belongs to the target cell wherever it comes. Every cell starts
    at the row's top, so a row with no result before a page break (or at its end)
    has had its result read as target text: a last target line that is a figure
    ("约 78648", "99.0%以上。") is the result.
    """
    target, actual = [body[0]], []
    segment: list[_Line] = []  # result lines since the last page break

    def in_explanation(lines: list[_Line]) -> bool:
        return any(line.text.startswith("说明：") for line in lines)

    def reclaim_figure() -> None:
        last = target[-1]
        if len(target) > 1 and not last.text.startswith(("指标：", "说明：")) and _FIGURE_LINE.match(last.text):
            actual.append(target.pop())

    for line in body[1:]:
        if line.page_break:
            if not actual:
                reclaim_figure()
            segment = []
        if line.text.startswith("说明："):
            del actual[len(actual) - len(segment):]
            target += segment  # the 指标 paragraph had only looked finished
            segment = []
            target.append(line)
        elif not segment and layout.target_wraps(target[-1], line, explanation=in_explanation(target)):
            target.append(line)
        else:
            actual.append(line)
            segment.append(line)
    if not actual:
        reclaim_figure()
    return target, actual


def _cut_unanchored(actual: list[_Line], layout: _Layout) -> list[_Line]:
    """A row without a "指标：" entry runs on inside the previous row's result: the
    result ends where a 三级指标 name starts after a finished sentence."""
    for index in range(1, len(actual) - 1):
        before, line, after = actual[index - 1], actual[index], actual[index + 1]
        if before.text.endswith("。") and layout.name_wraps(line, after) and layout.short(after):
            return actual[:index]
    return actual


def table_indicators(doc: Document) -> list[dict]:
    lines = _table_lines(doc)
    if not lines:
        return []
    layout = _Layout(lines)
    areas = _area_lines(lines, layout)
    anchors = [i for i, line in enumerate(lines)
               if "指标：" in line.text and _width(line.text.split("指标：")[0]) <= layout.name + 0.5]
    starts = [_name_before(lines, anchor, (anchors[k - 1] + 1 if k else 0), layout, areas)
              for k, anchor in enumerate(anchors)]
    flow = doc.flow
    rows: list[dict] = []
    project: str | None = None
    previous_end = 0
    for k, anchor in enumerate(anchors):
        start, name = starts[k]
        first_area = start
        while first_area - 1 >= previous_end and first_area - 1 in areas:
            first_area -= 1
        if first_area < start:  # this row opens a 二级指标 cell (the first also the 一级指标 one, dropped)
            run = lines[first_area:start]
            leading = next((i for i, line in enumerate(run) if line.width > layout.name / 2), len(run))
            project = "".join(line.text.replace(" ", "") for line in run[leading if leading >= 2 else 0:])
        end = starts[k + 1][0] if k + 1 < len(anchors) else len(lines)
        while end - 1 > anchor and end - 1 in areas:  # the next row's 二级指标
            end -= 1
        previous_end = end
        entry = lines[anchor].text[lines[anchor].text.index("指标："):]
        body = [replace(lines[anchor], text=entry, width=_width(entry))]
        page_break = False
        for index in range(anchor + 1, end):
            if index not in areas:
                body.append(replace(lines[index], page_break=lines[index].page_break or page_break))
                page_break = False
                continue
            page_break = page_break or lines[index].page_break
            if project and not project.endswith("。"):  # the rest of a 二级指标 cell, after a page break
                project += lines[index].text.replace(" ", "")
        if name is None or any(_TWO_CELLS.search(line.text) for line in body[1:]):
            continue  # no 三级指标, or cells printed side by side: not reliably paired
        target_lines, actual_lines = _split_cells(body, layout)
        actual_lines = _cut_unanchored(actual_lines, layout)
        target_text = _joined(flow, target_lines)
        target_text = target_text[target_text.index("指标："):]
        last = max(line.number for line in (*target_lines, *actual_lines))
        row_line = lines[start].number
        rows += entry_rows(doc, Entry(
            project=project, name=name, target_text=target_text,
            stated_target=target_text.removeprefix("指标：").split("说明：")[0],
            actual_text=_joined(flow, actual_lines) or None, line=row_line,
            quote=flow.raw[_line_span(flow, row_line)[0]:_line_span(flow, last)[1]],
            part_line=lambda _offset, line=row_line: line,
        ))
    return rows


def _line_span(flow: Flow, number: int) -> tuple[int, int]:
    """Offsets in the flow of one raw line's characters."""
    return bisect.bisect_left(flow.lines, number), bisect.bisect_right(flow.lines, number)


def _joined(flow: Flow, lines: list[_Line]) -> str:
    return "".join(flow.raw[slice(*_line_span(flow, line.number))] for line in lines)


# ---------------------------------------------------------------------------
# The same table with its cells delimited: "| 产出指标 | 数量指标 | 迁移上云系统数 |
# ≥100个 | 158个 |" as the product's PDF reader gives it, or cells separated by
# spaces on one line ("产出指标 数量指标 迁移上云系统数 ≥100个 158个 10"). The header
# names the columns; a row with fewer cells than the header lacks its leftmost
# (merged) cells, so cells are matched to columns from the right.
# ---------------------------------------------------------------------------

_HEADER_NAME = re.compile(r"三级指标|指标名称")
_HEADER_TARGET = re.compile(r"年度指标值|年度目标值|指标值|目标值|预期目标|预期值")
_HEADER_ACTUAL = re.compile(r"实际完成|完成值|实际值|实际完成值|完成情况")


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        return [cell.strip() for cell in text.strip("|").split("|")]
    return text.split()


def cell_indicators(doc: Document) -> list[dict]:
    rows: list[dict] = []
    lines = doc.lines
    number = 0
    while number < len(lines):
        header = _cells(lines[number])
        columns = {name: next((i for i, cell in enumerate(header) if pattern.search(cell)), None)
                   for name, pattern in (("name", _HEADER_NAME), ("target", _HEADER_TARGET), ("actual", _HEADER_ACTUAL))}
        if len(header) < 3 or None in columns.values() or len(set(columns.values())) < 3:
            number += 1
            continue
        number += 1
        while number < len(lines):
            text = lines[number].strip()
            if not text or re.fullmatch(r"\|?[\s|:\-]*\|?", text):  # blank, or a | --- | rule
                number += 1
                if not text:
                    continue
                continue
            cells = _cells(text)
            if len(cells) < 3 or len(cells) > len(header) or HEADING.match(normalise(text)):
                break
            offset = len(header) - len(cells)
            name_at, target_at, actual_at = (columns[k] - offset for k in ("name", "target", "actual"))
            if min(name_at, target_at, actual_at) < 0:
                break
            if not _FIGURE_LINE.search(cells[target_at]) and not _FIGURE_LINE.search(cells[actual_at]):
                number += 1
                continue
            rows += entry_rows(doc, Entry(
                project=None, name=cells[name_at], target_text=cells[target_at], stated_target=cells[target_at],
                actual_text=cells[actual_at] or None, line=number + 1, quote=text,
                part_line=lambda _offset, line=number + 1: line))
            number += 1
    return rows

