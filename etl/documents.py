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

# A district-level place as a title or issuing body names it: 上海市普陀区财政局 -> 普陀
# (上海市普陀区), 2016年度平潭综合实验区行政审批局 -> 平潭 (平潭综合实验区), 某某县人民政府办公室.
_PLACE = re.compile(
    r"(?P<full>(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2,4}市)?"
    r"(?:(?<=[省市年度])|(?<![\u4e00-\u9fff]))(?P<place>(?![年度])[\u4e00-\u9fff]{2,4}?)"
    r"(?:综合实验区|自治县|新区|区|县|旗))"
    r"(?=[\u4e00-\u9fff]{0,12}?(?:局|办公室|委员会|中心|政府)|\d{4}年|区级|县级)")

# How each kind names itself in its title (the first lines of the document).
_KIND_TITLES = {
    "self_evaluation": re.compile(r"绩效自评报告|支出绩效自评"),
    "final_accounts": re.compile(r"部\s*门\s*决\s*算"),
    "project_targets": re.compile(r"绩效目标表"),
    "budget": re.compile(r"部\s*门\s*预\s*算"),
}

# The title of a self-evaluation's section with the department's own totals, as the
# genre heads it: 部门整体收支情况 (the sources), 预算执行情况, 预算收支情况, 资金使用情况 …
BUDGET_SECTION = r"整体收支|收支情况|预算执行|预算(?:收支|使用|完成)情况|资金(?:使用|执行|收支)情况"

# What a complete document of each kind contains after its first part: a file
# cut short loses these. (Table-of-contents lines are skipped: see _missing_parts.)
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
    bureau: str | None = None  # the issuing bureau, by its usual name (政务服务数据管理局, 财政局 …)

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
    bureau: str | None = None


def decode(path: Path, data: bytes) -> str:
    """Bytes to text, or a DocumentError saying what is wrong and where."""
    if len(data) > MAX_BYTES:
        raise DocumentError(path, f"文件过大（{len(data) / 1024 / 1024:.1f} MB，上限 20 MB）",
                            f"file too large ({len(data) / 1024 / 1024:.1f} MB, limit 20 MB)")
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


# The bureaus that publish such reports, by the name a reader knows them by (first one named wins).
_BUREAUS = (
    ("政务服务数据管理局", r"政务服务(?:和)?数据管理局|政数局"),
    ("行政审批局", r"行政审批(?:服务)?局"),
    ("财政局", r"财政(?:金融)?局"),
    ("政府办公室", r"人民政府办公室|政府办公室|政府办公厅"),
)


# What a report's title names itself as: its title ends at the line that says it.
_TITLE_WORDS = re.compile(r"决算|预算|报告|目标表")


def bureau_of(text: str) -> str | None:
    """The bureau a title or issuing body names first: 上海市普陀区财政局 -> 财政局."""
    text = normalise(text).replace(" ", "")
    found = [(m.start(), name) for name, pattern in _BUREAUS if (m := re.search(pattern, text))]
    return min(found)[1] if found else None


def detect(lines: list[str]) -> Detected:
    """District, year, kind and title from the text: the title is in the first
    lines; the district is the one most named in the opening."""
    head_lines = [line.strip() for line in lines[:40] if line.strip()]
    head = normalise("".join(head_lines[:8]).replace(" ", ""))
    kind = next((k for k, pattern in _KIND_TITLES.items() if pattern.search(head)), None)

    opening = normalise("".join(lines[:200]))
    counts = Counter({d: opening.count(d) for d in DISTRICTS})
    district, hits = counts.most_common(1)[0]
    district = district if hits else None
    district_full = None
    if not district:  # a place outside Guangzhou, as the title or issuing body names it
        place = _PLACE.search(normalise("".join(head_lines[:8]).replace(" ", "")))
        if place:
            district, district_full = place.group("place"), place.group("full")
    elif district:
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
    title = head_lines[0] if head_lines else None
    if title and not _TITLE_WORDS.search(title):  # "上海市普陀区财政局" / "2024年度部门决算": the title is both lines
        ending = next((i for i, line in enumerate(head_lines[1:4], start=1) if _TITLE_WORDS.search(line)), None)
        if ending is not None:
            title = "".join(head_lines[: ending + 1]).replace(" ", "")
    if kind == "self_evaluation" and len(head_lines) > 1:
        title = "".join(head_lines[:4]).replace(" ", "")
        title = title[: title.find("报告") + 2] if "报告" in title else title
    return Detected(district, district_full, year, kind, title, bureau_of("".join(head_lines[:8])))


def _missing_parts(kind: str, lines: list[str]) -> str | None:
    """The first required part of `kind` that the text lacks, if any."""
    text = normalise("".join(line.strip() for line in lines)).replace(" ", "")
    for pattern, name in _REQUIRED_PARTS[kind]:
        if not re.search(pattern, text):
            return name
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
    if missing_part:
        last_line = max(n for n, line in enumerate(lines, start=1) if line.strip())
        raise DocumentError(path, f"文件不完整（可能被截断）：在第 {last_line} 行结束，缺少「{missing_part}」部分",
                            f"incomplete (probably truncated): ends at line {last_line} with no '{missing_part}' part",
                            last_line)
    return Document(
        doc_id=row.get("doc_id") or path.stem,
        path=path,
        lines=lines,
        district=district,
        district_full=row.get("district_full") or detected.district_full or f"{district}区",
        year=int(year),
        kind=kind,
        title=row.get("title") or detected.title or path.stem,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
        bureau=bureau_of(" ".join([row.get("district_full") or "", *lines[:12]])) or detected.bureau,
    )
