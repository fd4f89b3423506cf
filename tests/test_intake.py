"""Reading uploads: text, PDF (text layer and ruled tables) and Word; a PDF or Word
file made from a real report loads with the same figures as the report's text."""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from pathlib import Path

import docx
import pdfplumber
import pytest
import weasyprint

from etl import add, intake
from etl.build import EXTRACTORS, MANIFEST, RAW, recompute_rates
from etl.documents import DocumentError, load_manifest, read_document

BAIYUN = RAW / "001_44badf8aae7bb0c1.txt"
PANYU_ACCOUNTS = RAW / "003_202dbe6575e56d7f.txt"  # 部门决算 with its tables as "| … |" rows
TABLE_SEPARATOR = re.compile(r"\|?(\s*:?-{2,}:?\s*\|)+\s*")
CSS = ("@page { size: A4 landscape; margin: 12mm } body { font-family: 'Noto Sans CJK SC'; font-size: 9pt } "
       "p { margin: 0 } table { border-collapse: collapse; margin: 4pt 0 } td { border: 0.5pt solid black; padding: 1pt 3pt }")


def table_cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def blocks(path: Path) -> list[tuple[str, object]]:
    """A report's text as ('p', line) and ('table', rows) blocks: its tables as tables."""
    found: list[tuple[str, object]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("|"):
            if TABLE_SEPARATOR.fullmatch(line.strip()):
                continue
            if not found or found[-1][0] != "table":
                found.append(("table", []))
            found[-1][1].append(table_cells(line))
        else:
            found.append(("p", line))
    return found


def pdf_of(path: Path) -> bytes:
    """The report as a PDF with a CJK font: each line a paragraph, each table a ruled table."""
    body = []
    for kind, content in blocks(path):
        if kind == "p":
            body.append(f"<p>{html.escape(content) or '&nbsp;'}</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in content)
            body.append(f"<table>{rows}</table>")
    page = f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()


def docx_of(path: Path) -> bytes:
    """The report as a Word file: each line a paragraph, each table a table."""
    document = docx.Document()
    for kind, content in blocks(path):
        if kind == "p":
            document.add_paragraph(content)
        else:
            table = document.add_table(rows=len(content), cols=max(len(row) for row in content))
            for cells, row in zip(table.rows, content, strict=True):
                for cell, text in zip(cells.cells, row, strict=False):
                    cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def figures(path: Path) -> tuple[Counter, Counter]:
    """(kpi_id, value, kind, period, qualifier) of every observation, and (code, column, value)
    of every budget line, of a report file in data/raw."""
    doc = read_document(path, load_manifest(MANIFEST)[path.name])
    extraction = EXTRACTORS[doc.kind](doc)
    return _figures(extraction.observations + recompute_rates(extraction.observations), extraction.tables)


def _figures(observations, tables) -> tuple[Counter, Counter]:
    kpis = Counter((o.kpi_id, o.value, o.kind, o.period, o.qualifier) for o in observations)
    lines = Counter((r["table_name"], r["code"], r["name"], r["column_name"], r["value"]) for r in tables.get("budget_lines", []))
    return kpis, lines


def uploaded_figures(name: str, data: bytes, empty_raw: Path) -> tuple[Counter, Counter]:
    upload = intake.read_upload(name, data)
    preview = add.preview(upload, raw_dir=empty_raw, manifest_path=empty_raw / "manifest.csv")
    extraction = EXTRACTORS[preview.document.kind](preview.document)
    return _figures(preview.observations, extraction.tables)


@pytest.fixture
def empty_raw(tmp_path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


def test_pdf_of_a_report_loads_with_the_same_kpis(empty_raw):
    # 白云 2021: prose only. Line numbers differ (the PDF has no blank lines); values must not.
    kpis, _ = figures(BAIYUN)
    pdf_kpis, _ = uploaded_figures("baiyun_2021.pdf", pdf_of(BAIYUN), empty_raw)
    assert sum(kpis.values()) == 17
    assert pdf_kpis == kpis
    assert ("budget_total", 6302.34, "actual", None, None) in pdf_kpis
    assert ("hotline_satisfaction_rate", 78.65, "actual", None, None) in pdf_kpis


def test_pdf_tables_load_as_the_same_budget_lines(empty_raw, tmp_path):
    # 番禺 2019 final accounts, its first three 部门决算表 (a PDF of all 47 pages takes long
    # to make and read): the tables as ruled tables in the PDF, read back as rows.
    first_tables = tmp_path / "panyu_2019_tables.txt"
    first_tables.write_text("\n".join(PANYU_ACCOUNTS.read_text(encoding="utf-8").splitlines()[:287]), encoding="utf-8")
    kpis, lines = uploaded_figures(first_tables.name, first_tables.read_bytes(), empty_raw)
    pdf_kpis, pdf_lines = uploaded_figures("panyu_2019_tables.pdf", pdf_of(first_tables), empty_raw)
    assert sum(lines.values()) == 466
    assert ("支出决算表", "2010350", "事业运行", "基本支出", 264.77) in lines  # line 235
    assert pdf_lines == lines
    assert pdf_kpis == kpis


def test_word_file_of_a_report_loads_with_the_same_figures(empty_raw):
    kpis, lines = figures(PANYU_ACCOUNTS)
    word_kpis, word_lines = uploaded_figures("panyu_2019.docx", docx_of(PANYU_ACCOUNTS), empty_raw)
    assert word_lines == lines
    assert word_kpis == kpis


def test_text_upload_is_stored_as_written():
    data = BAIYUN.read_bytes()
    upload = intake.read_upload("白云2021.txt", data)
    assert upload.source_format == "text"
    assert upload.data == data
    assert upload.sha256 == upload.source_sha256


def test_byte_order_mark_and_markdown_suffix():
    upload = intake.read_upload("report.MD", b"\xef\xbb\xbf" + BAIYUN.read_bytes())
    assert upload.data == BAIYUN.read_bytes()  # stored without the BOM, as UTF-8


def test_pdf_page_without_text_is_noted():
    """A page with no text layer is read by OCR (etl/ocr.py); a black rectangle gives it nothing to read."""
    page = ("<html><head><meta charset='utf-8'><style>body { font-family: 'Noto Sans CJK SC' }</style></head><body>"
            + "".join(f"<p>{html.escape(line)}</p>" for line in BAIYUN.read_text(encoding="utf-8").splitlines() if line.strip())
            + "<svg style='break-before: page' width='300' height='200'><rect width='300' height='200'/></svg></body></html>")
    data = weasyprint.HTML(string=page).write_pdf()
    upload = intake.read_upload("scan_at_the_end.pdf", data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    assert pages > 1
    assert upload.notes == ((f"第 {pages} 页没有文字层（可能是扫描页或空白页），文字识别（OCR）也没有认出文字，这些页的内容未读取",
                             f"page(s) {pages} have no text layer (scanned or blank?) and text recognition (OCR) found no text "
                             "on them: not read"),)
    assert upload.ocr_lines == frozenset()


@pytest.mark.parametrize(
    ("uploaded", "shown"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\system.ini.txt", "system.ini.txt"),
        ("．．／．．／secret.pdf", "secret.pdf"),  # full-width dots and slash
        ("/abs/path/白云区 2021 年报告.pdf", "白云区_2021_年报告.pdf"),
        (".hidden.txt", "hidden.txt"),
        ("..", "upload"),
        ("a<script>b</script>.md", "script_.md"),  # "/" is a folder separator
        ("[x](javascript:alert(1)).txt", "x_javascript_alert_1_.txt"),
        ("line\nbreak\x00.txt", "line_break_.txt"),
        ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
    ],
)
def test_file_names_are_sanitised(uploaded, shown):
    assert intake.safe_name(uploaded) == shown


def test_a_sanitised_name_is_what_messages_show():
    with pytest.raises(DocumentError) as caught:
        intake.read_upload("../../../tmp/evil.txt", b"")
    assert str(caught.value) == "evil.txt: 文件为空：请选择有内容的报告文件 (file is empty: pick the file that holds the report)"


@pytest.mark.parametrize(
    ("data", "content"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\n\n%PDF-1.4", "pdf"),
        (b"PK\x03\x04rest", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
        (b"\x89PNG\r\n\x1a\n", "image"),
        (b"\xff\xd8\xff\xe0", "image"),
        ("全年预算数".encode(), "text"),
    ],
)
def test_content_is_told_by_its_first_bytes(data, content):
    assert intake.sniff(data) == content
