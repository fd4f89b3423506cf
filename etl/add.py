"""Adding one report: preview it (validate, detect, extract: nothing is written),
then accept it (the text joins data/raw and the manifest, the warehouse is
rebuilt atomically) or drop it (nothing changes).

One writer at a time: accept holds a lock on the raw folder while it writes and
rebuilds. Readers are never blocked: etl.build writes the new warehouse beside
the old one and renames it into place, so a reader sees the old or the new file,
never a partial one. If the rebuild fails, the new file and manifest row are
removed again, so data/raw, the manifest and the warehouse are as they were.
"""

from __future__ import annotations

import csv
import fcntl
import functools
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from etl import access
from etl import decisions as review
from etl.build import DEFAULT_DB, EXTRACTORS, MANIFEST, RAW, BuildError, BuildSummary, build, raw_files, recompute_rates
from etl.candidates import Candidate, find_candidates
from etl.documents import DISTRICTS, KINDS, Detected, Document, DocumentError, body_name, detect, line_ranges, load_manifest, read_document
from etl.extract import Observation
from etl.intake import Upload, with_advice
from etl.performance_indicators import unread_indicators

_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,10}")  # 天河, 普陀, 平潭, 鄂托克前旗 …
FIRST_YEAR = 2000  # the bureaus were set up in 2019; earlier reports are of their predecessors
MANIFEST_COLUMNS = ("doc_id", "file", "district", "district_full", "year", "kind", "title", "sha256",
                    "source", "source_url", "fetched_at", "published", "ocr_lines", "added_by", "added_at")
KIND_NAMES = {
    "self_evaluation": ("绩效自评报告", "self-evaluation report"),
    "final_accounts": ("部门决算", "final accounts"),
    "project_targets": ("项目支出绩效目标表", "project targets"),
    "budget": ("部门预算", "department budget"),
}


class AddError(Exception):
    """A report that cannot be added for a reason other than its file: a correction
    out of range, a failed rebuild. Nothing was changed."""

    def __init__(self, problem_zh: str, problem_en: str):
        self.problem_zh = problem_zh
        self.problem_en = problem_en
        super().__init__(f"{problem_zh} ({problem_en})")


@dataclass
class Preview:
    """What accepting would load: the text, what the text says it is, the metadata
    that will be used (with the person's corrections), the KPI observations with
    their quotes, row counts of the document's other tables, and notes for the
    person as (Chinese, English) pairs."""

    upload: Upload
    detected: Detected
    document: Document
    observations: list[Observation]
    table_rows: dict[str, int]
    notes: list[tuple[str, str]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # possible figures no rule claimed, never loaded as they are
    budget_lines: list[dict] = field(default_factory=list)  # the rows accepting would load into budget_lines
    table_checks: tuple[dict, ...] = ()  # the document's own checks of its budget tables, passed or not


@dataclass(frozen=True)
class Added:
    doc_id: str
    file: str
    district: str
    year: int
    kind: str
    summary: BuildSummary


def max_year() -> int:
    """The latest plausible report year: next year's budget tables exist this year."""
    return date.today().year + 1


def message(error: Exception, lang: str = "zh") -> str:
    """A DocumentError or AddError in one language: 'file:line: problem'."""
    if isinstance(error, DocumentError):
        where = f"{error.path.name}:{error.line}" if error.line else error.path.name
        return f"{where}: {error.problem_en if lang == 'en' else error.problem_zh}"
    if isinstance(error, AddError | access.Refused):
        return error.problem_en if lang == "en" else error.problem_zh
    return str(error)


def _check_corrections(district: str | None, year: int | str | None, kind: str | None) -> int | None:
    """The person's corrections, each checked against what a report can be."""
    if district is not None and not _PLACE_NAME.fullmatch(district):
        raise AddError(f"区「{district}」不是地名：请填写区、县或县级市的名称（如 天河、普陀、平潭）",
                       f"{district!r} is not a place name: give the district or county (e.g. 天河, 普陀, 平潭)")
    if kind is not None and kind not in KINDS:
        raise AddError(f"报告类型「{kind}」无效：请从 {'、'.join(KINDS)} 中选择",
                       f"{kind!r} is not a report kind: choose one of {', '.join(KINDS)}")
    if year is None:
        return None
    try:
        number = int(str(year).strip())
    except ValueError:
        raise AddError(f"年份「{year}」不是整数：请填写如 2022", f"year {year!r} is not a whole number: give e.g. 2022") from None
    if not FIRST_YEAR <= number <= max_year():
        raise AddError(f"年份 {number} 不在 {FIRST_YEAR}–{max_year()} 之间：请更正",
                       f"year {number} is not between {FIRST_YEAR} and {max_year()}: correct it")
    return number


def _loaded_files(raw_dir: Path) -> dict[str, str]:
    """sha256 -> file name of every report already in the raw folder."""
    if not raw_dir.exists():
        return {}
    return {hashlib.sha256(path.read_bytes()).hexdigest(): path.name for path in raw_files(raw_dir)}


def _refuse_duplicate(upload: Upload, raw_dir: Path) -> None:
    loaded = _loaded_files(raw_dir)
    for digest in (upload.source_sha256, upload.sha256):
        if digest in loaded:
            raise DocumentError(Path(upload.name), f"与已载入的 {loaded[digest]} 内容相同（sha256 相同）：这份报告已经在仓库中，无需再添加",
                                f"same content as {loaded[digest]}, already loaded (same sha256): nothing to add")


def _same_report_loaded(raw_dir: Path, manifest_path: Path, district: str, year: int, kind: str) -> list[tuple[str, str]]:
    """Files already loaded for the same district, year and kind (from the manifest,
    or from the text of files the manifest does not list), with their bureau."""
    manifest = load_manifest(manifest_path)
    found = []
    for path in raw_files(raw_dir) if raw_dir.exists() else []:
        row = manifest.get(path.name)
        seen = None
        if not row:
            try:
                seen = detect(path.read_text(encoding="utf-8", errors="replace").splitlines())
            except Exception:  # a stray file is the build's business, not the preview's
                continue
        listed = (row.get("district"), row.get("year"), row.get("kind")) if row else (seen.district, str(seen.year), seen.kind)
        if listed != (district, str(year), kind):
            continue
        bureau = (body_name(row.get("district_full") or "") or body_name(row.get("title") or "")) if row else seen.bureau
        if bureau is None:  # the manifest does not name the body: the text does, or not
            bureau = detect(path.read_text(encoding="utf-8", errors="replace").splitlines()).bureau
        found.append((path.name, bureau))
    return found


def _next_doc_id(raw_dir: Path, manifest_path: Path, sha256: str) -> str:
    """'005_<first 16 hex digits of the text's sha256>', numbered after the last report."""
    names = [p.stem for p in raw_files(raw_dir)] if raw_dir.exists() else []
    names += list(load_manifest(manifest_path))
    numbers = [int(found.group(1)) for name in names if (found := re.match(r"(\d+)_", name))]
    return f"{max(numbers, default=-1) + 1:03d}_{sha256[:16]}"


def preview(upload: Upload, district: str | None = None, year: int | str | None = None, kind: str | None = None,
            raw_dir: Path = RAW, manifest_path: Path = MANIFEST) -> Preview:
    """Validate, detect and extract, writing nothing. district/year/kind are the
    person's corrections (None: what the text says). Raises DocumentError for the
    file, AddError for a correction."""
    raw_dir, manifest_path = Path(raw_dir), Path(manifest_path)
    year = _check_corrections(district, year, kind)
    path = Path(upload.name)
    _refuse_duplicate(upload, raw_dir)
    lines = upload.lines
    detected = detect(lines)
    chosen_kind, chosen_district = kind or detected.kind, district or detected.district
    chosen_year = year or detected.year
    if sum(1 for line in lines if line.strip()) >= 3:  # shorter: read_document says "too little text"
        if chosen_kind is None:
            raise DocumentError(path, "无法识别报告类型：不是绩效自评报告、部门决算、项目支出绩效目标表或部门预算。只能添加这四类报告；"
                                      "若它确是其中一类，请选择类型（命令行：--kind）",
                                "unrecognised report: not a self-evaluation, final accounts, project targets or department budget. "
                                "Only these four kinds can be added; if it is one of them, choose the kind (command line: --kind)", 1)
        if chosen_district is None:
            raise DocumentError(path, "无法从正文识别是哪个区的报告：请选择区（命令行：--district）",
                                "cannot tell the district from the text: choose it (command line: --district)", 1)
        if chosen_year is None:
            raise DocumentError(path, "无法从正文识别年份：请填写年份（命令行：--year）",
                                "cannot tell the year from the text: give it (command line: --year)", 1)
        if not year:
            try:
                _check_corrections(None, chosen_year, None)
            except AddError as error:
                raise DocumentError(path, f"正文中的{error.problem_zh}", f"the text's {error.problem_en}", 1) from None
    row = {"doc_id": _next_doc_id(raw_dir, manifest_path, upload.sha256), "district": chosen_district or "",
           "year": str(chosen_year or ""), "kind": chosen_kind or "", "source_url": upload.source_url,
           "fetched_at": upload.fetched_at, "published": upload.published, "ocr_lines": line_ranges(upload.ocr_lines)}
    if chosen_district and chosen_district != detected.district:
        row["district_full"] = chosen_district if chosen_district not in DISTRICTS else f"{chosen_district}区"
    elif detected.district_full:
        row["district_full"] = detected.district_full
    try:
        document = read_document(path, row, data=upload.data)
    except DocumentError as error:
        raise with_advice(error) from None
    extraction = EXTRACTORS[document.kind](document)
    observations = extraction.observations + recompute_rates(extraction.observations)

    notes = list(upload.notes)
    for (label_zh, label_en), chosen, seen in ((("区", "district"), chosen_district, detected.district),
                                               (("年份", "year"), chosen_year, detected.year),
                                               (("类型", "kind"), chosen_kind, detected.kind)):
        if seen is not None and str(chosen) != str(seen):
            notes.append((f"{label_zh}：正文识别为 {seen}，已按你的选择改为 {chosen}",
                          f"{label_en}: the text says {seen}; changed to {chosen} as you chose"))
    known = set(DISTRICTS) | {row.get("district") for row in load_manifest(manifest_path).values()}
    if document.district not in known:
        notes.append((f"「{document.district}」是仓库中还没有的地名（{document.district_full}）：若是新的地方请继续；"
                      f"若是笔误（如 番隅 与 番禺），请更正",
                      f"{document.district!r} ({document.district_full}) is a place the warehouse has no report of yet: "
                      "go on if it is a new place; correct it if it is a typo (番隅 for 番禺)"))
    loaded = _same_report_loaded(raw_dir, manifest_path, document.district, document.year, document.kind)
    same = [name for name, bureau in loaded if bureau == document.bureau]
    others = [(name, bureau) for name, bureau in loaded if bureau != document.bureau]
    kind_zh, kind_en = KIND_NAMES[document.kind]
    if same:
        notes.append((f"已载入 {document.district} {document.year} 年的{kind_zh}（{'、'.join(same)}）：接受后两份都会载入，"
                      "不一致的数字会列在“来源与质量”页的冲突中",
                      f"{document.district} {document.year} {kind_en} is already loaded ({', '.join(same)}): accepting "
                      "loads both, and figures that disagree are listed as conflicts on the Sources page"))
    if others:
        listed = "、".join(f"{name}（{bureau or '未写明机构'}）" for name, bureau in others)
        notes.append((f"已载入 {document.district} {document.year} 年另一机构的{kind_zh}（{listed}）：这份报告的机构是"
                      f"{document.bureau or '未写明'}，两个机构的数字分别列出，互不构成冲突",
                      f"{document.district} {document.year} {kind_en} of another bureau is already loaded ({listed}): this "
                      f"report's bureau is {document.bureau or 'not named'}; the two bureaus' figures are kept apart, never a "
                      "conflict"))
    notes += document.notes  # what the text itself raises: a part that looks missing, a place read from the text
    checks: tuple[dict, ...] = ()
    if extraction.tables.get("budget_lines"):
        checks = _table_checks(upload.data, document.district, document.year, document.kind)
        failing = [c["subject"] for c in checks if not c["passed"] and c["check_type"] in _NOTED_CHECKS]
        if failing:
            shown = [str(subject) for subject in failing[:2]]  # a check may have no subject
            notes.append((f"这份文件的表有 {len(failing)} 项核对未通过（如：{'；'.join(shown)}）：这些数字接受后会照样载入并标明，"
                          "请先对照原文",
                          f"{len(failing)} of this document's table checks fail (e.g. {'; '.join(shown)}): the figures "
                          "are loaded and marked as such if you accept; check them against the document first"))
    if document.kind == "self_evaluation" and unread_indicators(document, extraction.tables.get("performance_indicators", [])):
        notes.append(("报告有绩效指标表，但一行也没有读出：请核对，漏掉的数字可在下面补录",
                      "the report has an indicator table, but no row of it was read: check it, and add missed figures below"))
    if not observations:
        notes.append(("没有找到任何指标数字：请核对报告类型是否正确",
                      "no KPI figures were found: check that the report kind is right"))
    return Preview(upload=upload, detected=detected, document=document, observations=observations,
                   table_rows={name: len(rows) for name, rows in extraction.tables.items()}, notes=notes,
                   candidates=find_candidates(document, extraction.observations),
                   budget_lines=extraction.tables.get("budget_lines", []), table_checks=checks)


# The table checks a failing one of which is noted above the review (parts_sum: shown with the budget lines).
_NOTED_CHECKS = ("children_sum", "column_sum", "cross_table_total", "unit_sum")
_TABLE_CHECKS = (*_NOTED_CHECKS, "parts_sum")


@functools.lru_cache(maxsize=8)
def _table_checks(data: bytes, district: str, year: int, kind: str) -> tuple[dict, ...]:
    """The document's own checks of its budget tables (sums of its budget lines, a stated
    total against its items), passed or not, from a warehouse of this document alone,
    built aside (cached per text and reading: the review reruns on every click)."""
    import duckdb

    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        raw.mkdir()
        (raw / "report.txt").write_bytes(data)
        manifest = Path(folder) / "manifest.csv"
        manifest.write_text("doc_id,file,district,district_full,year,kind,title,sha256\n"
                            f"report,report.txt,{district},,{year},{kind},,\n", encoding="utf-8")
        db = Path(folder) / "w.duckdb"
        try:
            build(db_path=db, raw_dir=raw, manifest_path=manifest, decisions_path=Path(folder) / "none.csv")
        except BuildError:
            return ()
        with duckdb.connect(str(db), read_only=True) as con:
            found = con.execute("select check_type, subject, expected, actual, passed, line, detail from quality_checks "
                                "where list_contains(?, check_type) order by line, check_id", [list(_TABLE_CHECKS)])
            columns = [d[0] for d in found.description]
            return tuple(dict(zip(columns, row, strict=True)) for row in found.fetchall())


@contextmanager
def _writer_lock(raw_dir: Path) -> Iterator[None]:
    """One writer at a time, across sessions and processes: an exclusive lock on
    the raw folder itself (no lock file is left behind)."""
    descriptor = os.open(raw_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target under a hidden name, then rename into place."""
    temporary = path.with_name(f".{path.name}.adding-{os.getpid()}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _manifest_with(before: bytes | None, row: dict[str, str]) -> bytes:
    """The manifest's bytes with one row appended, in its own line endings. A manifest of
    fewer columns (an older one) is written again whole with every column, its rows kept."""
    ending = "\r\n" if before is None or b"\r\n" in before else "\n"
    header = next(csv.reader(io.StringIO(before.decode("utf-8-sig"))), []) if before else []
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator=ending, restval="")
    if before and header and tuple(header) != MANIFEST_COLUMNS[:len(header)] or set(header) - set(MANIFEST_COLUMNS):
        raise AddError("data/manifest.csv 的列与预期不符，未改动任何文件", "data/manifest.csv has unexpected columns: nothing was changed")
    if before and len(header) < len(MANIFEST_COLUMNS):
        writer.writeheader()
        for old in csv.DictReader(io.StringIO(before.decode("utf-8-sig"))):
            writer.writerow(old)
        writer.writerow(row)
        return buffer.getvalue().encode("utf-8")
    if not before:
        writer.writeheader()
    writer.writerow(row)
    head = before or b""
    if head and not head.endswith(b"\n"):
        head += ending.encode()
    return head + buffer.getvalue().encode("utf-8")


def accept(preview: Preview, raw_dir: Path = RAW, manifest_path: Path = MANIFEST, db_path: Path = DEFAULT_DB,
           decided: list[review.Decision] | None = None, decisions_path: Path = review.DECISIONS,
           by: access.Writer | None = access.PROCESS) -> Added:
    """Put the previewed report into the raw folder and the manifest, and the
    person's decisions about its figures (`decided`) into the decisions file, and
    rebuild the warehouse; if anything fails, undo all three, so nothing has changed.
    by: who adds it (added_by, decided_by); refused (access.Refused) in read-only mode
    or without a writer (a visitor who has not signed in: the dashboard passes None)."""
    by = access.require(by)
    raw_dir, manifest_path, db_path = Path(raw_dir), Path(manifest_path), Path(db_path)
    upload, document = preview.upload, preview.document
    raw_dir.mkdir(parents=True, exist_ok=True)
    with _writer_lock(raw_dir):
        _refuse_duplicate(upload, raw_dir)  # another session may have added it since the preview
        doc_id = _next_doc_id(raw_dir, manifest_path, upload.sha256)
        target = raw_dir / f"{doc_id}.txt"
        row = {"doc_id": doc_id, "file": target.name, "district": document.district,
               "district_full": document.district_full, "year": str(document.year), "kind": document.kind,
               "title": document.title, "sha256": upload.sha256, "source": upload.source or upload.name,
               "source_url": upload.source_url, "fetched_at": upload.fetched_at, "published": upload.published,
               "ocr_lines": line_ranges(upload.ocr_lines), "added_by": by.name, "added_at": review.now()}
        manifest_before = manifest_path.read_bytes() if manifest_path.exists() else None
        try:
            _write_atomically(target, upload.data)
            _write_atomically(manifest_path, _manifest_with(manifest_before, row))
            with _decisions_kept(decisions_path):
                if decided:
                    review.append(decisions_path, [replace(d, sha256=upload.sha256, decided_by=by.name) for d in decided])
                summary = build(db_path=db_path, raw_dir=raw_dir, manifest_path=manifest_path,
                                decisions_path=decisions_path)
        except BaseException as error:
            target.unlink(missing_ok=True)
            if manifest_before is None:
                manifest_path.unlink(missing_ok=True)
            else:
                _write_atomically(manifest_path, manifest_before)
            if isinstance(error, BuildError):
                raise AddError(f"重建仓库失败，报告未添加，原仓库未改动：{error}",
                               f"the rebuild failed: the report was not added and the warehouse is unchanged: {error}") from error
            raise
    return Added(doc_id=doc_id, file=target.name, district=document.district, year=document.year, kind=document.kind,
                 summary=summary)


@contextmanager
def _decisions_kept(path: Path) -> Iterator[None]:
    """The decisions file as it was, put back if what follows fails."""
    path = Path(path)
    before = path.read_bytes() if path.exists() else None
    try:
        yield
    except BaseException:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            _write_atomically(path, before)
        raise


def loaded_preview(doc_id: str, raw_dir: Path = RAW, manifest_path: Path = MANIFEST) -> Preview:
    """A report already loaded, as the review sees it: its text and the figures the
    rules find in it (before anyone's decisions)."""
    raw_dir, manifest_path = Path(raw_dir), Path(manifest_path)
    row = load_manifest(manifest_path).get(f"{doc_id}.txt")
    path = raw_dir / f"{doc_id}.txt"
    if not path.is_file():
        raise AddError(f"找不到已载入的报告 {doc_id}", f"no loaded report {doc_id}")
    document = read_document(path, row)
    upload = Upload(name=path.name, source_format="text", text=path.read_bytes().decode("utf-8"),
                    source_sha256=document.sha256)
    extraction = EXTRACTORS[document.kind](document)
    return Preview(upload=upload, detected=detect(document.lines), document=document,
                   observations=extraction.observations, table_rows={n: len(r) for n, r in extraction.tables.items()},
                   notes=list(document.notes), candidates=find_candidates(document, extraction.observations),
                   budget_lines=extraction.tables.get("budget_lines", []))


def decide(decided: list[review.Decision], raw_dir: Path = RAW, manifest_path: Path = MANIFEST,
           db_path: Path = DEFAULT_DB, decisions_path: Path = review.DECISIONS,
           by: access.Writer | None = access.PROCESS) -> BuildSummary:
    """Add a person's decisions about reports already loaded, each recorded as decided
    by `by`, and rebuild; if the rebuild fails the decisions file is as it was. Refused
    (access.Refused) in read-only mode or without a writer, as accept is."""
    by = access.require(by)
    raw_dir = Path(raw_dir)
    with _writer_lock(raw_dir), _decisions_kept(decisions_path):
        review.append(decisions_path, [replace(d, decided_by=by.name) for d in decided])
        try:
            return build(db_path=db_path, raw_dir=raw_dir, manifest_path=manifest_path, decisions_path=decisions_path)
        except BuildError as error:
            raise AddError(f"重建仓库失败，决定未保存，原仓库未改动：{error}",
                           f"the rebuild failed: the decisions were not kept and the warehouse is unchanged: {error}") from error
