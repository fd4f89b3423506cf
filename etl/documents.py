"""Reading a report file: validation (clear errors for bad input), and detection
of its district, year and kind from the text itself."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from etl.text import Flow, make_flow, normalise

KINDS = ("self_evaluation", "final_accounts", "project_targets", "budget")

# Guangzhou's eleven districts, known by their short names. A report from any other
# place is recognised by the place its title or issuing body names (_PLACE).
DISTRICTS = ("番禺", "白云", "增城", "越秀", "海珠", "荔湾", "天河", "黄埔", "花都", "南沙", "从化")

# A county-level place as a title or issuing body names it, followed by the body that
# publishes (any body) or the year: 上海市普陀区财政局 -> 普陀 (上海市普陀区);
# 2017年度平潭综合实验区环岛公路建设指挥部部门决算公开 -> 平潭 (平潭综合实验区);
# 2016年度平潭县人民法院部门决算说明 -> 平潭 (平潭县); 上海市普陀区2025年区级部门预算 -> 普陀;
# and a county-level city (县级市), a 市 followed by its own body rather than by a 区 or 县:
# 浙江省义乌市数据资源管理局 -> 义乌 (浙江省义乌市). A prefecture city's own bureau
# (杭州市数据资源管理局) reads the same way: the text does not tell the two apart.
_LEVEL = r"(?:综合实验区|自治县|新区|区|县|旗)"
_PLACE = re.compile(
    r"(?:(?<=[省市年度])|(?<![\u4e00-\u9fff]))(?:"
    # a district or county: 平潭综合实验区, 普陀区 (上海市普陀区), 平潭县
    rf"(?P<full>(?:[\u4e00-\u9fff]{{2,3}}省)?(?:[\u4e00-\u9fff]{{2,4}}?市)?"
    rf"(?P<place>(?![年度全本我各该辖])[\u4e00-\u9fff]{{2,4}}?){_LEVEL})(?=[\u4e00-\u9fff]|\s*20\d\d\s*年)"
    # a county-level city: 义乌市 (浙江省义乌市), followed by a body, not by a 区 or 县
    rf"|(?P<city_full>(?:[\u4e00-\u9fff]{{2,3}}省)?(?P<city>(?![年度全本我各该辖])[\u4e00-\u9fff]{{2,3}}?)市)"
    rf"(?![\u4e00-\u9fff]{{2,4}}?{_LEVEL})"
    r"(?=[\u4e00-\u9fff]{1,20}?(?:局|办公室|委员会|中心|政府|院|所|部|会|办|队|站|馆)))")

# A line where a report names its issuing body: 单位名称：番禺区政务服务数据管理局（本级）,
# 预算主管部门：上海市普陀区人民政府办公室, 编制部门：…, 来源：荔湾区政务服务数据管理局, and
# the national template's tables' 部门：上海市普陀区财政局 (a workbook of tables has no other).
_ISSUER_LINE = re.compile(r"(?:单位名称|预算主管部门|主管部门|编制部门|编制单位|部门名称|发布机构|信息来源|来源"
                          r"|(?<![\u4e00-\u9fff])部门)"
                          r"[：:]\s*(?P<issuer>[\u4e00-\u9fff（）()]{2,60})")

# A signature at the end: the body's full name alone on a line, maybe with the date:
# 平潭综合实验区粮食园区建设指挥部 2016年8月22日.
_SIGNATURE = re.compile(r"(?P<issuer>[\u4e00-\u9fff（）()]{4,60}?)\s*(?:20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?")

# How each kind names itself in its title (the first lines of the document): the
# title first, then the opening. 2017年度平潭综合实验区公安局决算说明 and
# 2018年度平潭综合实验区文联预算说明 say 决算 / 预算 without 部门; 预决算公开 (of a
# notice: 《福建省财政厅关于深入推进预决算公开工作的通知》) names neither.
_KIND_TITLES = {
    "self_evaluation": re.compile(r"绩效自评报告|支出绩效自评"),
    "final_accounts": re.compile(r"部\s*门\s*决\s*算|(?<!预)决算(?:说明|公开)"),
    "project_targets": re.compile(r"绩效目标表"),
    "budget": re.compile(r"部\s*门\s*预\s*算|预算(?:说明|公开)"),
}

# The title of a self-evaluation's section with the department's own totals, as the
# genre heads it: 部门整体收支情况 (the sources), 预算执行情况, 预算收支情况, 资金使用情况 …
BUDGET_SECTION = r"整体收支|收支情况|预算执行|预算(?:收支|使用|完成)情况|资金(?:使用|执行|收支)情况"

# What a complete document of each kind usually contains after its first part. A
# report may head its parts otherwise (huadu_2022_synthetic: 五、存在问题 and
# 六、下一步工作计划), so a part not found is a warning; the file is refused only when
# its end shows it was cut short (_cut_short).
_REQUIRED_PARTS = {
    "self_evaluation": ((BUDGET_SECTION, "部门整体收支情况 / 预算执行情况"),
                        ("存在的主要问题|改进措施", "存在的主要问题 / 下一步改进措施")),
    "final_accounts": (("本年支出", "收支决算情况说明"),),
    "project_targets": (("产出指标", "绩效指标"),),
    "budget": (("预算表|预算总表", "部门预算表"),),
}

MAX_BYTES = 20 * 1024 * 1024


class DocumentError(Exception):
    """A report that cannot be loaded. The message names the file and, where it
    applies, the line, in Chinese and English."""

    def __init__(self, path: Path, problem_zh: str, problem_en: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.problem_zh = problem_zh
        self.problem_en = problem_en
        where = f"{self.path.name}:{line}" if line else self.path.name
        super().__init__(f"{where}: {problem_zh} ({problem_en})")


@dataclass
class Document:
    """A validated report: its lines, flow and metadata (from the manifest where
    listed, else detected), with warnings where the two disagree."""

    doc_id: str
    path: Path
    lines: list[str]
    district: str
    district_full: str
    year: int
    kind: str
    title: str
    sha256: str
    warnings: list[str] = field(default_factory=list)
    _flow: Flow | None = None
    # The issuing body, without place, year and kind words (市场监督管理局, 环岛公路建设指挥部,
    # 政务服务数据管理局 for 政数局 …): what a value, a conflict and a trend are kept apart by.
    # "" when the text does not say.
    bureau: str = ""
    # Its kind (政务服务数据管理局, 行政审批局, 财政局, 政府办公室, or None): what is ranked with what.
    bureau_kind: str | None = None
    # What the text itself raises, as (Chinese, English): a part that looks missing, a
    # place read from the text rather than the title. Also in `warnings`, with the file name.
    notes: list[tuple[str, str]] = field(default_factory=list)
    # Where the report came from, as the manifest keeps it (etl.add): the files it was read
    # from ("page.html + 收支决算总表.xls"), the address it was fetched from and when, the date
    # its page says it was published, and the lines read by text recognition from a scan.
    source: str = ""
    source_url: str = ""
    fetched_at: str = ""
    published: str = ""
    ocr_lines: frozenset[int] = frozenset()
    # Who added it and when (etl.add: the editor signed in, or the command line's user); "" for
    # reports listed before names were kept, shown as unknown.
    added_by: str = ""
    added_at: str = ""

    @property
    def flow(self) -> Flow:
        if self._flow is None:
            self._flow = make_flow(self.lines)
        return self._flow


@dataclass(frozen=True)
class Detected:
    district: str | None
    district_full: str | None
    year: int | None
    kind: str | None
    title: str | None
    bureau: str = ""  # the issuing body (see Document.bureau)
    bureau_kind: str | None = None
    # where the place was read: "title" (the title or issuing body), "text" (the text's
    # own naming of one place, with a warning), None (nowhere)
    place_source: str | None = None


def decode(path: Path, data: bytes) -> str:
    """Bytes to text, or a DocumentError saying what is wrong and where."""
    if len(data) > MAX_BYTES:
        raise DocumentError(path, f"文件过大（{len(data) / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 2**20} MB）",
                            f"file too large ({len(data) / 1024 / 1024:.1f} MB, limit {MAX_BYTES // 2**20} MB)")
    if not data.strip():
        raise DocumentError(path, "文件为空", "file is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DocumentError(path, "这是二进制文件，不是文本", "binary file, not text", line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if error.reason == "unexpected end of data":
            raise DocumentError(path, "文件被截断：结尾的字符不完整", "file is truncated: it ends inside a character",
                                line) from None
        hint_zh, hint_en = "", ""
        try:
            data.decode("gb18030")
            hint_zh, hint_en = "，可能是 GBK 编码，请另存为 UTF-8", "; it looks GBK-encoded: save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise DocumentError(path, f"不是有效的 UTF-8 文本{hint_zh}", f"not valid UTF-8 text{hint_en}", line) from None


# The kinds of bureau that publish such reports, by the name a reader knows them by
# (first one named wins): a 财政局 is never ranked against 政务服务数据管理局s.
_BUREAUS = (
    ("政务服务数据管理局", r"政务服务(?:和)?数据管理局|政数局"),
    ("行政审批局", r"行政审批(?:服务)?局"),
    ("财政局", r"财政(?:金融)?局"),
    ("政府办公室", r"人民政府办公室|政府办公室|政府办公厅"),
)

# One body written several ways, as data: the name kept, every way of writing it (the
# whole name after place, year and kind words are taken off), and where it was seen.
BUREAU_NAMES = (
    ("政务服务数据管理局", r"政务服务(?:和)?数据管理局|政数局",
     "广州市南沙区政务服务和数据管理局2023年度部门整体支出绩效自评报告；区政数局2021年部门整体支出绩效自评报告"),
    ("人民政府办公室", r"(?:人民)?政府办(?:公室)?",
     "预算主管部门：上海市普陀区人民政府办公室"),
    ("文学艺术界联合会", r"文联|文学艺术界联合会",
     "2018年度平潭综合实验区文联预算说明（正文：平潭综合实验区文学艺术界联合会）"),
)

# What follows a body's name in a title: the year, or the words of the report's kind
# (…市场监督管理局部门决算说明, …公安局决算说明, …福利院部门预算说明, …2023年度部门整体支出绩效自评报告).
_AFTER_BODY = re.compile(r"20\d\d|年度|部门(?:整体|决算|预算)|整体支出|决算|预算|绩效|项目支出|区级|县级")

# A place at the start of a name, taken off to leave the body: 广州市番禺区, 平潭综合实验区,
# 平潭县, 浙江省义乌市, and the bare 区 of 区政数局 (the district's own).
_PLACE_PREFIX = re.compile(r"(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2,4}?市)?"
                           rf"(?:(?![年度])[\u4e00-\u9fff]{{2,4}}?{_LEVEL})?")

# A table's title names what it counts, not who: 收入支出决算总表, 一般公共预算财政拨款支出决算表, 部门收入预算总表
# (a workbook of a report's tables opens with one).
_TABLE_TITLE = re.compile(r"(?:收入|支出|收支|拨款|经费)(?:决算|预算)总?表$")

# What a report's title names itself as: its title ends at the line that says it.
_TITLE_WORDS = re.compile(r"决算|预算|报告|目标表")


def bureau_of(text: str) -> str | None:
    """The kind of bureau a title or issuing body names first: 上海市普陀区财政局 -> 财政局."""
    text = normalise(text).replace(" ", "")
    found = [(m.start(), name) for name, pattern in _BUREAUS if (m := re.search(pattern, text))]
    return min(found)[1] if found else None


def body_name(text: str) -> str | None:
    """The issuing body a title or issuer names, without year, place and kind words,
    by the name BUREAU_NAMES keeps: 2017年度平潭综合实验区市场监督管理局部门决算说明 ->
    市场监督管理局; 区政数局2021年部门整体支出绩效自评报告 -> 政务服务数据管理局;
    上海市普陀区2025年区级部门预算 -> None (it names no body)."""
    text = re.sub(r"[（(][^（）()]*[）)]", "", normalise(text).replace(" ", "").replace("\u3000", ""))
    text = re.sub(r"^附件\s*\d*", "", text)
    text = re.sub(r"^20\d\d年度?", "", text)
    without_place = _PLACE_PREFIX.sub("", text, count=1)
    # 区政数局, 区道安办: the bare 区 or 县 is the district's own (never the 市 of 市场监督管理局)
    text = without_place if without_place != text else re.sub(r"^[区县](?=[\u4e00-\u9fff]{2})", "", text)
    cut = _AFTER_BODY.search(text)
    body = text[: cut.start()] if cut else text
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,40}", body) or _TABLE_TITLE.search(text):
        return None  # no body, or a table's title
    return next((name for name, pattern, _ in BUREAU_NAMES if re.fullmatch(pattern, body)), body)


def _issuer_lines(lines: list[str]) -> list[str]:
    """Where the text names its own issuing body: 单位名称 / 预算主管部门 / 编制部门 / 来源
    lines in the opening, then a signature among the last lines."""
    named = [m.group("issuer") for line in lines[:40] if (m := _ISSUER_LINE.search(normalise(line)))]
    closing = [line.strip() for line in lines if line.strip()][-4:]
    named += [m.group("issuer") for line in reversed(closing)
              if (m := _SIGNATURE.fullmatch(normalise(line).replace(" ", "").replace("\u3000", "")))
              and re.search(r"(?:局|办公室|委员会|中心|政府|院|所|部|会|办|队|站|馆)$", m.group("issuer"))]
    return named


def _named_place(text: str) -> tuple[str, str] | None:
    """The first place the text names before a body or a year: (short name, full name)."""
    found = _PLACE.search(normalise(text).replace(" ", "").replace("\u3000", ""))
    if not found:
        return None
    if found.group("place"):
        return found.group("place"), found.group("full")
    return found.group("city"), found.group("city_full")


def _place(lines: list[str], title: str) -> tuple[str | None, str | None, str | None]:
    """(district, full name, where it was read): the place the title names; else one of
    Guangzhou's districts, the one most named in the opening (as ever); else the one
    place the text names (its issuing body's lines and signature first), if it names
    only one."""
    named = _named_place(title)
    if named:
        return named[0], named[1], "title"
    opening = normalise("".join(lines[:200]))
    counts = Counter({d: opening.count(d) for d in DISTRICTS})
    district, hits = counts.most_common(1)[0]
    if hits:
        return district, None, "title"
    for texts in (_issuer_lines(lines), ["".join(lines[:200]), "".join(lines[-10:])]):
        places: dict[str, str] = {}
        for text in texts:
            text = normalise(text).replace(" ", "")
            for found in _PLACE.finditer(text):
                short, full = (found.group("place"), found.group("full")) if found.group("place") \
                    else (found.group("city"), found.group("city_full"))
                places.setdefault(short, full)
        if len(places) == 1:
            short, full = next(iter(places.items()))
            return short, full, "text"
        if places:
            return None, None, None  # several places: the person says which
    return None, None, None


def detect(lines: list[str]) -> Detected:
    """District, year, kind, title and issuing body from the text: the title is in the
    first lines and says the kind, the place and the body; where it names no place,
    the text's own naming of one place gives it (place_source "text")."""
    head_lines = [line.strip() for line in lines[:40] if line.strip()]
    head = normalise("".join(head_lines[:8]).replace(" ", ""))
    title = head_lines[0] if head_lines else None
    if title and not _TITLE_WORDS.search(title):  # "上海市普陀区财政局" / "2024年度部门决算": the title is both lines
        ending = next((i for i, line in enumerate(head_lines[1:4], start=1) if _TITLE_WORDS.search(line)), None)
        if ending is not None:
            title = "".join(head_lines[: ending + 1]).replace(" ", "")
    title_text = normalise((title or "").replace(" ", ""))
    kind = (next((k for k, pattern in _KIND_TITLES.items() if pattern.search(title_text)), None)
            or next((k for k, pattern in _KIND_TITLES.items() if pattern.search(head)), None))
    if kind == "self_evaluation" and len(head_lines) > 1:
        title = "".join(head_lines[:4]).replace(" ", "")
        title = title[: title.find("报告") + 2] if "报告" in title else title

    district, district_full, place_source = _place(lines, title or "")
    if district in DISTRICTS:
        found = re.search(rf"(?:广州市)?{district}区[^，。；\s：:]*?(?:政务服务数据管理局|政数局)(?:（[^）]{{1,30}}）)?",
                          normalise("".join(lines[:60]).replace(" ", "")))
        district_full = found.group(0) if found else None

    year = None
    title_year = re.search(r"(20\d\d)\s*年", head)
    cover_year = next((line for line in head_lines[:10] if re.fullmatch(r"20\d\d", normalise(line))), None)
    if title_year:
        year = int(title_year.group(1))
    elif cover_year:  # a PDF cover prints the year on a line of its own: "上海市普陀区财政局 / 年度部门决算 / 2024"
        year = int(normalise(cover_year))
    else:
        # A budget-year document (项目支出绩效目标表) may print no year in its title;
        # its projects are to finish within the budget year, the latest year named.
        years = [int(y) for y in re.findall(r"(20\d\d)\s*年", normalise("".join(lines)))]
        year = max(years) if years else None
    bureau = next(filter(None, (body_name(text) for text in [title or "", *_issuer_lines(lines)])), "")
    bureau_kind = bureau_of(bureau) if bureau else bureau_of("".join(head_lines[:8]))
    return Detected(district, district_full, year, kind, title, bureau, bureau_kind, place_source)


def _missing_parts(kind: str, lines: list[str]) -> str | None:
    """The first usual part of `kind` that the text lacks, if any."""
    text = normalise("".join(line.strip() for line in lines)).replace(" ", "")
    for pattern, name in _REQUIRED_PARTS[kind]:
        if not re.search(pattern, text):
            return name
    return None


# The end of a sentence; the marks a sentence goes on after (a number stops at its
# separator: 1,677.); a page number, which says nothing about where the text stops.
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_GOES_ON = re.compile(r"[，、（(“‘《]$|\d[.,]$")
_PAGE_NUMBER = re.compile(r"[-—–_]*第?\d{1,3}页?(?:[/／]\d{1,3}|共\d{1,3}页)?[-—–_]*")
# A section heading with nothing under it: 四、下一步改进措施 / （二）各项目工作任务… (not 五、附件,
# nor a list of the tables attached: （三）部门整体支出绩效自评表).
_BARE_HEADING = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])(?!.*[附表])[^。！？；，]{1,30}")


def _cut_short(lines: list[str]) -> tuple[str, str] | None:
    """How the text's end shows it was cut short, as (Chinese, English), or None: it
    stops in the middle of a sentence (truncated_report.txt: 全年预算数 1,684.16万元，
    执行数 1,677.75万元，完成) or of a number, or at a heading with nothing under it. A
    complete report ends with a full sentence, a date, a signature, a list of its
    tables, a page number …"""
    filled = [normalise(line).replace(" ", "").replace("\u3000", "") for line in lines if line.strip()]
    while filled and _PAGE_NUMBER.fullmatch(filled[-1]):
        filled.pop()
    if not filled:
        return None
    last = filled[-1]
    if _BARE_HEADING.fullmatch(last):
        return f"标题「{last}」之下没有内容", f"nothing under its heading '{last}'"
    # the last sentence, asides in brackets left out (自评等级：优（90分及以上为优，…）)
    tail, inner = "".join(filled[-3:]), ""
    while inner != tail:  # brackets inside brackets: 80（含）-90分为良
        inner, tail = tail, re.sub(r"[（(][^（）()]*[）)]", "", tail)
    if _GOES_ON.search(last) or "，" in _SENTENCE_END.split(tail)[-1]:
        return "句子没有写完", "in the middle of a sentence"
    return None


def load_manifest(path: Path) -> dict[str, dict[str, str]]:
    """The manifest's rows by file name (an absent manifest is an empty one)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def read_document(path: Path, manifest_row: dict[str, str] | None = None, data: bytes | None = None) -> Document:
    """Validate and describe one report file; raises DocumentError on bad input.
    `data` is the file's content when it is not on disk yet (a report being added)."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    text = decode(path, data)
    lines = text.splitlines()
    if sum(1 for line in lines if line.strip()) < 3:
        raise DocumentError(path, "内容太少，无法识别为报告", "too little text to be a report", len(lines))
    detected = detect(lines)
    warnings: list[str] = []
    row = manifest_row or {}

    def pick(name: str, value_from_text):
        listed = row.get(name) or None
        if listed and value_from_text is not None and str(value_from_text) != listed:
            warnings.append(f"{path.name}: 清单写 {name}={listed}，正文识别为 {value_from_text}"
                            f" (manifest says {name}={listed}, the text says {value_from_text})")
        return listed if listed else value_from_text

    kind = pick("kind", detected.kind)
    district = pick("district", detected.district)
    year = pick("year", detected.year)
    if not row:
        warnings.append(f"{path.name}: 不在 data/manifest.csv 中，使用正文识别的信息 (not in the manifest; using what the text says)")
    if kind not in KINDS:
        raise DocumentError(path, "无法识别报告类型（不是绩效自评报告、部门决算、绩效目标表或部门预算）",
                            "unrecognised report: not a self-evaluation, final accounts, project targets or department budget", 1)
    if not district or not year:
        missing = "区" if not district else "年份"
        raise DocumentError(path, f"无法从正文识别{missing}，请在清单中注明",
                            f"cannot tell the {'district' if not district else 'year'} from the text; add it to the manifest", 1)
    missing_part = _missing_parts(kind, lines)
    cut = _cut_short(lines)
    if cut:  # the end shows it: refused, naming what is missing where something is
        last_line = max(n for n, line in enumerate(lines, start=1) if line.strip())
        if missing_part:
            raise DocumentError(path, f"文件不完整（可能被截断）：在第 {last_line} 行结束，缺少「{missing_part}」部分",
                                f"incomplete (probably truncated): ends at line {last_line} with no '{missing_part}' part",
                                last_line)
        raise DocumentError(path, f"文件不完整（可能被截断）：在第 {last_line} 行结束，{cut[0]}",
                            f"incomplete (probably truncated): ends at line {last_line}, {cut[1]}", last_line)
    notes: list[tuple[str, str]] = []
    if missing_part:  # a complete report that heads a part otherwise, or lacks it: said, not refused
        notes.append((f"没有找到「{missing_part}」部分：请核对报告是否完整",
                      f"no '{missing_part}' part found: check that the report is complete"))
    if detected.place_source == "text" and district == detected.district:
        notes.append((f"标题未写明地区：按正文中的「{detected.district_full}」识别为 {district}，请核对",
                      f"the title names no place: {district} is read from the text's {detected.district_full}; check it"))
    warnings += [f"{path.name}: {zh} ({en})" for zh, en in notes]
    district_full = row.get("district_full") or detected.district_full or f"{district}区"
    title = row.get("title") or detected.title or path.stem
    bureau = next(filter(None, (body_name(text) for text in [row.get("district_full") or "", title])), detected.bureau)
    return Document(
        doc_id=row.get("doc_id") or path.stem,
        path=path,
        lines=lines,
        district=district,
        district_full=district_full,
        year=int(year),
        kind=kind,
        title=title,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
        bureau=bureau,
        # the body's kind; where no body is read, the kind the issuer and opening name (as before bodies were read)
        bureau_kind=(bureau_of(bureau) if bureau else
                     bureau_of(" ".join([row.get("district_full") or "", *lines[:12]])) or detected.bureau_kind),
        notes=notes,
        source=row.get("source") or "",
        source_url=row.get("source_url") or "",
        fetched_at=row.get("fetched_at") or "",
        published=row.get("published") or "",
        ocr_lines=line_set(row.get("ocr_lines") or ""),
        added_by=row.get("added_by") or "",
        added_at=row.get("added_at") or "",
    )


def line_set(ranges: str) -> frozenset[int]:
    """"3-5,9" -> {3, 4, 5, 9} (the manifest's ocr_lines)."""
    found: set[int] = set()
    for part in filter(None, (p.strip() for p in ranges.split(","))):
        first, _, last = part.partition("-")
        if first.isdigit() and (not last or last.isdigit()):
            found.update(range(int(first), int(last or first) + 1))
    return frozenset(found)


def line_ranges(lines: frozenset[int] | set[int]) -> str:
    """{3, 4, 5, 9} -> "3-5,9"."""
    ordered, parts = sorted(lines), []
    for number in ordered:
        if parts and parts[-1][1] == number - 1:
            parts[-1][1] = number
        else:
            parts.append([number, number])
    return ",".join(f"{a}-{b}" if a != b else str(a) for a, b in parts)
