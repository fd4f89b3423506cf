"""An uploaded report read into text: .txt/.md (UTF-8), .pdf (its text layer and
ruled tables, with pdfplumber) or .docx (paragraphs and tables, with python-docx).

Nothing here writes a file. A file that cannot be read gets a DocumentError that
says, in Chinese and English, what is wrong and what to do. An uploaded file's
name is only ever shown, never used as a path: see safe_name.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from etl import spreadsheets, web_page
from etl.documents import MAX_BYTES, DocumentError, decode, line_ranges

SUFFIXES = (".txt", ".md", ".pdf", ".docx", *web_page.SUFFIXES, *spreadsheets.SUFFIXES)
_TEXT_SUFFIXES = (".txt", ".md")

# A .docx is a zip of XML; more than this unpacked is not a report (a zip bomb).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

# What a file's first bytes say it is, whatever its name says.
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # old Word .doc / Excel .xls
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)

# What each kind of content is called, and the name it should have.
_CONTENT = {
    "pdf": ("PDF 文件", "a PDF", ".pdf"),
    "docx": ("Word 文档（.docx）", "a Word document (.docx)", ".docx"),
    "zip": ("ZIP 压缩包", "a zip archive", None),
    "ole": ("旧版 Word（.doc）或 Excel 文件", "an old Word (.doc) or Excel file", None),
    "xlsx": ("Excel 表格（.xlsx）", "an Excel workbook (.xlsx)", ".xlsx"),
    "ods": ("OpenDocument 表格（.ods）", "an OpenDocument spreadsheet (.ods)", ".ods"),
    "image": ("图片", "an image", None),
    "text": ("文本", "text", ".txt"),
}

# What to do about each problem that etl.documents names without saying so.
_ADVICE = (
    ("file too large", "请只上传报告本身，或把它拆成几个文件", "upload the report alone, or split it into parts"),
    ("file is empty", "请选择有内容的报告文件", "pick the file that holds the report"),
    ("binary file", "请上传 UTF-8 文本（.txt/.md）、PDF 或 Word（.docx）", "upload UTF-8 text (.txt/.md), a PDF or a Word file (.docx)"),
    ("file is truncated", "请重新下载或导出完整的文件", "download or export the whole file again"),
    ("too little text", "请上传完整的报告", "upload the whole report"),
    ("incomplete", "请上传完整的报告", "upload the whole report"),
)


@dataclass(frozen=True)
class Upload:
    """An uploaded report as text: its (sanitised) name, the format it came in, the
    text to store as UTF-8, the uploaded bytes' sha256, and notes for the person
    as (Chinese, English) pairs."""

    name: str
    source_format: str  # text / pdf / docx / html / xlsx … (several files: their formats joined by +)
    text: str
    source_sha256: str
    notes: tuple[tuple[str, str], ...] = ()
    # Where it came from, kept on the document (etl.add writes them to the manifest): the files
    # it was read from, the address it was fetched from and when (UTC, ISO 8601), the date its
    # page says it was published, and the lines of `text` read by text recognition (a scan).
    source: str = ""
    source_url: str = ""
    fetched_at: str = ""
    published: str = ""
    ocr_lines: frozenset[int] = frozenset()

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @property
    def data(self) -> bytes:
        """The bytes that go into data/raw: the text as UTF-8."""
        return self.text.encode("utf-8")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def safe_name(name: str) -> str:
    """An uploaded file's name made harmless to show: the last part only (no
    "../" or "C:\\" folders, also in full-width forms), letters, digits and
    "._-" only, no leading dot, at most 100 characters."""
    name = unicodedata.normalize("NFKC", name or "")
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in base)
    base = re.sub(r"_+", "_", base).lstrip("._")
    base = re.sub(r"\.{2,}", ".", base)
    if len(base) > 100:
        stem, dot, suffix = base.rpartition(".")
        base = f"{stem[: 99 - len(suffix)]}.{suffix}" if dot and len(suffix) <= 10 else base[:100]
    return base or "upload"


def with_advice(error: DocumentError) -> DocumentError:
    """The same error with what to do added, where etl.documents only says what is wrong."""
    for prefix, advice_zh, advice_en in _ADVICE:
        if error.problem_en.startswith(prefix) and advice_en not in error.problem_en:
            return DocumentError(error.path, f"{error.problem_zh}：{advice_zh}", f"{error.problem_en}: {advice_en}",
                                 error.line)
    return error


def sniff(data: bytes) -> str:
    """What the content is, from its first bytes: pdf, docx, xlsx, ods, zip, ole, image or text."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if kind == "zip":
                return _zip_kind(data)
            return kind
    return "text"


def _zip_kind(data: bytes) -> str:
    """docx, xlsx or ods by what the zip holds (word/document.xml, xl/workbook.xml, an
    OpenDocument spreadsheet's mimetype), else zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    return "zip"


def _unpacked_bytes(data: bytes) -> int:
    """What a zip (.docx, .xlsx, .ods) unpacks to, by its own directory; 0 for no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0


def _misnamed(path: Path, content: str) -> DocumentError:
    suffix = path.suffix.lower()
    what_zh, what_en, right_suffix = _CONTENT[content]
    if right_suffix:
        todo_zh = f"请把扩展名改为 {right_suffix} 后再上传"
        todo_en = f"rename it to {right_suffix} and upload it again"
    elif content == "zip":
        todo_zh, todo_en = "请解压后上传其中的报告", "unpack it and upload the report inside"
    elif content == "ole":
        todo_zh = "若是 Excel 表格，请把扩展名改为 .xls；若是 Word 文档，请另存为 .docx 或 PDF 后上传"
        todo_en = "if it is an Excel spreadsheet, rename it to .xls; if a Word document, save it as .docx or PDF and upload that"
    else:
        todo_zh, todo_en = "请上传报告的文本、PDF 或 Word 版本", "upload the report as text, PDF or Word"
    return DocumentError(path, f"文件名是 {suffix}，内容却是{what_zh}：{todo_zh}",
                         f"the name says {suffix} but the content is {what_en}: {todo_en}")


def refuse_oversized(name: str, size: int) -> None:
    """A DocumentError for a file over etl.documents.MAX_BYTES (checked before reading it)."""
    if size > MAX_BYTES:
        megabytes, limit = size / 1024 / 1024, MAX_BYTES // 1024 // 1024
        raise with_advice(DocumentError(Path(safe_name(name)), f"文件过大（{megabytes:.1f} MB，上限 {limit} MB）",
                                        f"file too large ({megabytes:.1f} MB, limit {limit} MB)"))


def read_upload(name: str, data: bytes) -> Upload:
    """Read an uploaded file of any accepted type into text, or raise DocumentError."""
    path = Path(safe_name(name))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        shown = suffix or "（无扩展名）"
        raise DocumentError(path, f"不支持的文件类型 {shown}：请上传 .txt、.md、.pdf、.docx、网页 .html 或表格 .xlsx、.xls、.ods、.et",
                            f"unsupported file type {suffix or '(no extension)'}: upload .txt, .md, .pdf, .docx, "
                            "a web page (.html) or a spreadsheet (.xlsx, .xls, .ods, .et)")
    refuse_oversized(name, len(data))
    if not data.strip():
        raise with_advice(DocumentError(path, "文件为空", "file is empty"))
    content = sniff(data)
    source_sha256 = hashlib.sha256(data).hexdigest()
    if suffix in spreadsheets.SUFFIXES:
        return _spreadsheet_upload(path, data, content, source_sha256)
    if suffix in _TEXT_SUFFIXES:
        if content != "text":
            raise _misnamed(path, content)
        try:
            text = decode(path, data)
        except DocumentError as error:
            raise with_advice(error) from None
        return Upload(path.name, "text", text, source_sha256)
    if suffix in web_page.SUFFIXES:
        if content != "text":
            raise _misnamed(path, content)
        try:
            page = web_page.read_page(path, data)
        except DocumentError as error:
            raise with_advice(error) from None
        return Upload(path.name, "html", page.text, source_sha256, page.notes, source_url=page.url,
                      published=page.published)
    expected = "pdf" if suffix == ".pdf" else "docx"
    if content != expected:
        if suffix == ".docx" and content == "zip":
            raise DocumentError(path, "这不是 Word 文档（压缩包里没有 word/document.xml）：请在 Word 中另存为 .docx",
                                "not a Word document (no word/document.xml inside): save it as .docx in Word")
        raise _misnamed(path, content)
    ocr_lines: frozenset[int] = frozenset()  # the lines a scanned page's text recognition gave
    if expected == "pdf":
        lines, notes, ocr_lines = _pdf_lines(path, data)
    else:
        lines, notes = _docx_lines(path, data)
    text = "\n".join(lines) + "\n"
    if not text.strip():
        raise with_advice(DocumentError(path, "文件为空", "file is empty"))
    return Upload(path.name, expected, text, source_sha256, tuple(notes), ocr_lines=ocr_lines)


# ---------------------------------------------------------------------------
# Spreadsheets: each sheet's table as its title, 单位 line and "| … |" rows, the
# form a PDF's tables take (etl/spreadsheets.py).
# ---------------------------------------------------------------------------

# The workbooks python-calamine reads, by what their bytes are (an .et is an .xls inside); a zip
# that is none of them (a damaged .xlsx) is left to calamine to say so.
_SPREADSHEET_FORMATS = {"xlsx": "xlsx", "ods": "ods", "ole": "xls"}
_SPREADSHEET_SUFFIXES = {".xlsx": "xlsx", ".ods": "ods", ".xls": "xls", ".et": "xls"}


# An "Excel" file that is a web page's table (many sites' 导出Excel): <table> within its first bytes.
_HTML_TABLE = re.compile(rb"<\s*table\b", re.IGNORECASE)


def _spreadsheet_upload(path: Path, data: bytes, content: str, source_sha256: str) -> Upload:
    """A workbook of any of the formats read, or a web page's tables named as one; a file whose
    bytes are neither is named for what it is."""
    if content == "text" and _HTML_TABLE.search(data[:65536]):
        source_format = "html"
        try:
            lines, notes = spreadsheets.html_table_lines(path, data)
        except DocumentError as error:
            raise with_advice(error) from None
    else:
        if content not in (*_SPREADSHEET_FORMATS, "zip"):
            raise _misnamed(path, content)
        if _unpacked_bytes(data) > MAX_UNPACKED_BYTES:
            raise DocumentError(path, "表格文件解压后过大，不像一份报告的表：请上传报告的表本身",
                                "the spreadsheet unpacks to too much data to be a report's tables: upload the tables alone")
        source_format = _SPREADSHEET_FORMATS.get(content) or _SPREADSHEET_SUFFIXES[path.suffix.lower()]
        lines, notes = spreadsheets.sheet_lines(path, data)
    if not any(line.strip() for line in lines):
        raise with_advice(DocumentError(path, "文件为空", "file is empty"))
    return Upload(path.name, source_format, "\n".join(lines) + "\n", source_sha256, tuple(notes))


# ---------------------------------------------------------------------------
# Several files of one report (a page and its spreadsheets, a text and its tables)
# as one document.
# ---------------------------------------------------------------------------

# Formats that hold a report's tables rather than its text: they follow the text.
TABLE_FORMATS = ("xlsx", "xls", "ods")


def read_uploads(files: Sequence[tuple[str, bytes]]) -> Upload:
    """Several files of one report, given as (name, bytes), read as one document (see
    one_document); each is read, and limited in size, as read_upload reads it alone, and
    a DocumentError names the file it is about. One file is read_upload's."""
    if not files:
        raise ValueError("no file to read")
    if len(files) == 1:
        return read_upload(*files[0])
    seen: dict[str, str] = {}
    for name, data in files:  # before reading any: a file chosen twice is said at once
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            raise _chosen_twice(safe_name(name), seen[digest])
        seen[digest] = safe_name(name)
    return one_document([read_upload(name, data) for name, data in files])


def _chosen_twice(name: str, first: str) -> DocumentError:
    return DocumentError(Path(name), f"与 {first} 是同一个文件（内容相同）：每个文件只需选一次",
                         f"the same file as {first} (same content): choose each file once")


def one_document(uploads: Sequence[Upload]) -> Upload:
    """Several files of one report, each already read (a file, or a page and its attachments
    fetched), as one document, so that its prose figures and its tables' lines share one
    document, district, year and bureau: the files that hold the text first (in the order
    given), then the spreadsheets; each file after the first opens with a line naming it
    (附件：收支决算总表.xls); notes say which file they are about; `source` is the file names
    joined by " + ", `source_format` their formats by "+"; the address, fetch time and date
    published are the first file's that has them; lines read by OCR move with their file."""
    if len(uploads) == 1:
        return uploads[0]
    seen: dict[str, str] = {}
    for upload in uploads:
        if upload.source_sha256 in seen:
            raise _chosen_twice(upload.name, seen[upload.source_sha256])
        seen[upload.source_sha256] = upload.name
    uploads = sorted(uploads, key=lambda u: u.source_format in TABLE_FORMATS)
    lines: list[str] = []
    notes: list[tuple[str, str]] = []
    ocr_lines: set[int] = set()
    for upload in uploads:
        if lines:
            lines += ["", f"附件：{upload.name}"]
        ocr_lines |= {len(lines) + number for number in upload.ocr_lines}
        lines += upload.lines
        notes += [(f"{upload.name}：{zh}", f"{upload.name}: {en}") for zh, en in upload.notes]
    first = next((u for u in uploads if u.source_url), uploads[0])  # where a fetched file came from, if any was
    return Upload(
        name=uploads[0].name,
        source_format="+".join(u.source_format for u in uploads),
        text="\n".join(lines) + "\n",
        source_sha256=hashlib.sha256("\n".join(u.source_sha256 for u in uploads).encode()).hexdigest(),
        notes=tuple(notes),
        source=" + ".join(u.name for u in uploads),
        source_url=first.source_url,
        fetched_at=first.fetched_at,
        published=next((u.published for u in uploads if u.published), ""),
        ocr_lines=frozenset(ocr_lines),
    )


# ---------------------------------------------------------------------------
# PDF: the text layer line by line, ruled tables as "| a | b |" rows (the form
# the final-accounts tables take in data/raw), in their order on the page.
# ---------------------------------------------------------------------------


def _cell(text: str | None) -> str:
    return (text or "").replace("\n", " ").replace("|", "｜").strip()


def _pdf_page_lines(page) -> list[str]:
    tables = [table for table in page.find_tables() if len(table.rows) > 1 or len(table.rows[0].cells) > 1]
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    placed: list[tuple[float, list[str]]] = []
    text_page = page.filter(outside_tables) if boxes else page
    # y_tolerance 5: a PDF's digits (Times New Roman) may sit 4-5 points below the Chinese (FangSong) of
    # their line; pdfplumber's default 3 puts them on a line of their own ("本年支出合计 万元" / "2940.05").
    for line in text_page.extract_text_lines(y_tolerance=5):
        placed.append((line["top"], [line["text"]]))
    for table in tables:
        rows = ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in table.extract()]
        placed.append((table.bbox[1], rows))
    placed.sort(key=lambda item: item[0])
    return [text for _, texts in placed for text in texts]


def _pdf_lines(path: Path, data: bytes) -> tuple[list[str], list[tuple[str, str]], frozenset[int]]:
    """The PDF's lines, notes for the person, and the (1-based) numbers of the lines that
    text recognition gave: a page without a text layer (a scan) is read by OCR
    (etl.ocr) and its lines put where the page was."""
    import pdfplumber  # imported here: only PDF uploads need it

    pages: list[list[str]] = []
    blank_pages: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page_count = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                page_lines = _pdf_page_lines(page)
                if not any(line.strip() for line in page_lines):
                    blank_pages.append(number)
                pages.append(page_lines)
                page.close()
    except Exception as error:  # pdfminer raises many kinds of error on a damaged file
        if "password" in f"{type(error).__name__} {error}".lower() or "encrypt" in str(error).lower():
            raise DocumentError(path, "PDF 已加密，无法读取：请上传未加密的版本",
                                "the PDF is encrypted: upload a version without a password") from None
        raise DocumentError(path, "PDF 文件已损坏或不完整，无法读取：请重新下载或导出完整的文件",
                            "the PDF is damaged or incomplete: download or export the whole file again") from None
    if page_count == 0:
        raise DocumentError(path, "PDF 文件已损坏或不完整（没有页面）：请重新下载或导出完整的文件",
                            "the PDF is damaged or incomplete (no pages): download or export the whole file again")
    recognised, notes = _scanned_pages(path, data, blank_pages, every_page=len(blank_pages) == page_count)
    lines: list[str] = []
    ocr_lines: set[int] = set()
    count = 0  # lines so far, as Upload.lines will count them
    for number, page_lines in enumerate(pages, start=1):
        if number in recognised:
            page_lines = list(recognised[number])
            ocr_lines.update(range(count + 1, count + len(page_lines) + 1))
        lines += page_lines
        count += sum(len(f"{line}\n".splitlines()) for line in page_lines)
    text = "".join(lines)
    if text.count("(cid:") * 7 > len(text) * 0.3:
        raise DocumentError(path, "PDF 的文字无法提取（字体缺少编码表）：请上传文本或 Word 版本",
                            "the PDF's text cannot be extracted (its fonts lack a character map): "
                            "upload the text or Word version")
    if ocr_lines:
        read = sorted(recognised)
        notes.insert(0, (f"第 {_listed(read, '、')} 页是扫描页（没有文字层），已用文字识别（OCR）读出第 {_listed(ocr_lines, '、')} 行："
                         "识别的文字可能有误，这些行上的数字标为“识别自扫描件”，在核对中接受后才参与排名和比较",
                         f"page(s) {_listed(read, ', ')} are scans (no text layer) and were read by text recognition (OCR) "
                         f"as lines {_listed(ocr_lines, ', ')}: the reading may be wrong, so their figures are marked "
                         "'read from a scan' and are ranked and compared only once accepted in the review"))
    return lines, notes, frozenset(ocr_lines)


def _listed(numbers, separator: str) -> str:
    """{3, 4, 5, 9} -> "3-5、9" (pages or lines)."""
    return line_ranges(set(numbers)).replace(",", separator)


def _scanned_pages(path: Path, data: bytes, blank_pages: list[int],
                   every_page: bool) -> tuple[dict[int, tuple[str, ...]], list[tuple[str, str]]]:
    """The blank pages (no text layer: scans) read by OCR, at most etl.ocr.MAX_PAGES of
    them: {page: lines} for each page where it read text, and notes on the others.
    A PDF whose every page is blank and where OCR reads nothing is refused as a scan."""
    from etl import ocr  # imported here: only scans need it

    if not blank_pages:
        return {}, []
    tried, over = blank_pages[:ocr.MAX_PAGES], blank_pages[ocr.MAX_PAGES:]
    try:
        read = ocr.read_pages(data, tried)
    except ocr.OcrUnavailable:
        if every_page:
            raise DocumentError(path, "PDF 是扫描件（没有文字层），本机未安装文字识别（OCR：tesseract-ocr 和 tesseract-ocr-chi-sim），"
                                      "无法读取：请让管理员运行 scripts/setup.sh，或上传文本、Word 版本",
                                "the PDF is a scan (no text layer) and text recognition (OCR: tesseract-ocr with "
                                "tesseract-ocr-chi-sim) is not installed here: ask the administrator to run scripts/setup.sh, "
                                "or upload the text or Word version") from None
        return {}, [(f"第 {_listed(blank_pages, '、')} 页没有文字层（可能是扫描页），本机未安装文字识别（OCR），这些页的内容未读取",
                     f"page(s) {_listed(blank_pages, ', ')} have no text layer (scanned?) and text recognition (OCR) is not "
                     "installed here: not read")]
    except Exception:  # pypdfium2 cannot render a page pdfplumber could open
        read = [ocr.Page(number, error="render") for number in tried]
    recognised = {page.number: page.lines for page in read if page.lines}
    if every_page and not recognised:
        raise DocumentError(path, "PDF 是扫描件或图片（没有文字层），文字识别（OCR）也没有认出文字："
                                  "请上传更清晰的扫描件，或上传文本、Word 版本",
                            "the PDF is a scan or images (no text layer), and text recognition (OCR) found no text in it: "
                            "upload a clearer scan, or the text or Word version")
    notes = []
    empty = [page.number for page in read if not page.lines and not page.error]
    failed = [page.number for page in read if page.error]
    if empty:
        notes.append((f"第 {_listed(empty, '、')} 页没有文字层（可能是扫描页或空白页），文字识别（OCR）也没有认出文字，这些页的内容未读取",
                      f"page(s) {_listed(empty, ', ')} have no text layer (scanned or blank?) and text recognition (OCR) "
                      "found no text on them: not read"))
    if failed:
        notes.append((f"第 {_listed(failed, '、')} 页没有文字层，文字识别（OCR）失败或超时（每页 {ocr.PAGE_SECONDS} 秒），"
                      "这些页的内容未读取",
                      f"page(s) {_listed(failed, ', ')} have no text layer and text recognition (OCR) failed or took longer "
                      f"than {ocr.PAGE_SECONDS} s a page: not read"))
    if over:
        notes.append((f"第 {_listed(over, '、')} 页没有文字层，超出每份文件文字识别（OCR）{ocr.MAX_PAGES} 页的上限，这些页的内容未读取："
                      "请把这些页另存为一个文件再上传",
                      f"page(s) {_listed(over, ', ')} have no text layer and are beyond the {ocr.MAX_PAGES} pages text "
                      "recognition (OCR) reads in one file: not read; upload them as a file of their own"))
    return recognised, notes


# ---------------------------------------------------------------------------
# Word: paragraphs and tables in document order; a merged cell's text once.
# ---------------------------------------------------------------------------


def _docx_table_rows(table) -> list[str]:
    rows, above = [], []
    for row in table.rows:
        cells, seen, current = [], set(), []
        for column, cell in enumerate(row.cells):
            element = cell._tc
            merged_left = id(element) in seen
            merged_above = column < len(above) and above[column] is element
            cells.append("" if merged_left or merged_above else _cell(cell.text))
            seen.add(id(element))
            current.append(element)
        above = current
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _docx_lines(path: Path, data: bytes) -> tuple[list[str], list[tuple[str, str]]]:
    import docx  # imported here: only Word uploads need it
    from docx.table import Table

    if _unpacked_bytes(data) > MAX_UNPACKED_BYTES:
        raise DocumentError(path, "Word 文件解压后过大，不像一份报告：请上传报告本身",
                            "the Word file unpacks to too much data to be a report: upload the report alone")
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines += _docx_table_rows(block)
            else:
                lines += block.text.splitlines() or [""]
    except Exception:  # python-docx and lxml raise many kinds of error on a damaged file
        raise DocumentError(path, "Word 文件已损坏，无法读取：请在 Word 中打开并另存为 .docx",
                            "the Word file is damaged: open it in Word and save it as .docx again") from None
    return lines, []
