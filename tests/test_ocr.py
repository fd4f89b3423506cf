"""Scans (etl/ocr.py): a PDF page without a text layer is read by text recognition
(Tesseract, Simplified Chinese) and its lines put where the page was; every figure
from those lines is marked (note 'ocr：…') and shown but never ranked or compared
(kpi_values.not_comparable 'ocr') until a person accepts it in the review; a scan where
OCR reads nothing is refused as a scan.

The scans are made here from the real 普陀区财政局 2024 决算 as published
(../shared/corpus/pdf): its first page of prose with figures (page 21, 第三部分 …决算情况说明)
and its page on the 三公 expenses (page 23) rendered at 300 dpi in grayscale, as a
scanner would, and put back into a PDF as images with no text. The figures asserted are
those a person reads on these pages (their text layer: 本年支出合计2940.05万元，其中：基本支出
2336.91万元 … 项目支出603.14万元; “三公”经费 … 支出决算为0.00万元)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import duckdb
import pdfplumber
import pypdfium2
import pytest
from add_helpers import site_fixtures, snapshot
from PIL import Image
from streamlit.testing.v1 import AppTest

from etl import add, intake, ocr
from etl import decisions as review
from etl.__main__ import main
from etl.build import ROOT
from etl.documents import DocumentError, load_manifest

PUTUO_PDF = ROOT.parent / "shared" / "corpus" / "pdf" / "putuo_finance_2024_final_accounts.pdf"
FIRST_PROSE_PAGE, THREE_PUBLIC_PAGE = 21, 23


def scan_of(page: int) -> bytes:
    """Page `page` (1-based) of the 普陀 决算 as a scanner gives it: an image, no text."""
    document = pypdfium2.PdfDocument(PUTUO_PDF.read_bytes())
    image = document[page - 1].render(scale=300 / 72, grayscale=True).to_pil()
    document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=300)
    return buffer.getvalue()


def blank_scan() -> bytes:
    """A scanned white A4 page."""
    buffer = io.BytesIO()
    Image.new("L", (2480, 3508), 255).save(buffer, format="PDF", resolution=300)
    return buffer.getvalue()


def text_layer(page: int) -> list[str]:
    """The lines the product's PDF reader gives for a page with text."""
    with pdfplumber.open(PUTUO_PDF) as pdf:
        return intake._pdf_page_lines(pdf.pages[page - 1])


@pytest.fixture(scope="module")
def scan() -> intake.Upload:
    """The first prose page, scanned, read as an upload (OCR runs once for the module)."""
    return intake.read_upload("putuo_2024_scan.pdf", scan_of(FIRST_PROSE_PAGE))


@pytest.fixture(scope="module")
def mixed() -> intake.Upload:
    """Pages 21-25 with 21 and 23 scanned and 22, 24, 25 as published (text)."""
    source = pypdfium2.PdfDocument(PUTUO_PDF.read_bytes())
    combined = pypdfium2.PdfDocument.new()
    combined.import_pages(pypdfium2.PdfDocument(scan_of(FIRST_PROSE_PAGE)))
    combined.import_pages(source, [21])
    combined.import_pages(pypdfium2.PdfDocument(scan_of(THREE_PUBLIC_PAGE)))
    combined.import_pages(source, [23, 24])
    buffer = io.BytesIO()
    combined.save(buffer)
    return intake.read_upload("putuo_2024_mixed.pdf", buffer.getvalue())


template, site = site_fixtures()  # the five reports built once per module; each test adds to a copy


def test_setup_installs_text_recognition():
    """scripts/setup.sh installs Tesseract and its Simplified Chinese data (CI runs it on a fresh machine)."""
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "tesseract-ocr" in setup and "tesseract-ocr-chi-sim" in setup
    assert ocr.available(), "text recognition is not installed: run scripts/setup.sh (as root)"
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout
    assert version.startswith("tesseract 5.")


def test_a_scanned_page_is_read_line_by_line(scan):
    assert scan.source_format == "pdf"
    assert scan.ocr_lines == frozenset(range(1, len(scan.lines) + 1))  # every line is the scan's
    lines = scan.lines
    # the figures a person reads on the page, each on its own line as printed
    assert lines[0] == "第三部分上海市普陀区财政局2024年度部门决算情况"
    assert lines[3] == "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入"
    assert lines[4].startswith("支出总计减少56.95万元，下降1.87%。")  # 仿宋's 5 read as $, made a 5 again
    assert lines[7].startswith("本年收入合计2946.25万元，其中:财政拨款收入2940.05万元，占99.79%;")
    assert lines[10] == "本年支出合计2940.05万元，其中:基本支出2336.91万元，占79.49%;项目支出"
    assert lines[11].startswith("603.14万元，")
    assert lines[26] == "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完"
    assert lines[27].startswith("成年初预算的98.20%。")
    assert scan.notes[0] == (
        f"第 1 页是扫描页（没有文字层），已用文字识别（OCR）读出第 1-{len(lines)} 行：识别的文字可能有误，"
        "这些行上的数字标为“识别自扫描件”，在核对中接受后才参与排名和比较",
        f"page(s) 1 are scans (no text layer) and were read by text recognition (OCR) as lines 1-{len(lines)}: the "
        "reading may be wrong, so their figures are marked 'read from a scan' and are ranked and compared only once "
        "accepted in the review")


def test_the_scans_figures_are_marked_ocr(scan, site):
    preview = add.preview(scan, raw_dir=site.raw, manifest_path=site.manifest)
    document = preview.document
    assert (document.district, document.year, document.kind) == ("普陀", 2024, "final_accounts")  # from the OCR'd title
    found = {(o.kpi_id, o.value, o.line): o.note for o in preview.observations}
    assert {key[:2] for key in found} >= {("budget_executed", 2940.05), ("basic_expenditure", 2336.91),
                                          ("project_expenditure", 603.14)}
    assert all(note.startswith("ocr：识别自扫描件") for note in found.values())
    assert document.ocr_lines == scan.ocr_lines


def values(db: Path) -> dict[str, tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {row[0]: row[1:] for row in con.execute(
            "select v.kpi_id, v.value, v.line, v.status, v.not_comparable, b.rank, b.districts from kpi_values v "
            "join kpi_benchmark b on b.alignment = 'same_year' and (b.kpi_id, b.district, b.bureau, b.year) = "
            "(v.kpi_id, v.district, v.bureau, v.year) where v.district = '普陀' and v.year = 2024").fetchall()}


def accept(site, added: add.Added, *figures: tuple[str, float, int]) -> None:
    """A person accepts these figures (KPI, value, line) of the report added, as the review would keep them."""
    sha256 = load_manifest(site.manifest)[added.file]["sha256"]
    decided = review.parse([{"sha256": sha256, "decision": "accept", "kpi_id": kpi_id, "value": str(value), "line": str(line),
                             "reason": "对照扫描件核对无误"} for kpi_id, value, line in figures], "review")
    add.decide(decided, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db, decisions_path=site.decisions)


def test_a_scans_figures_are_shown_unranked_until_a_person_accepts_them(scan, site):
    added = add.accept(add.preview(scan, raw_dir=site.raw, manifest_path=site.manifest), raw_dir=site.raw,
                       manifest_path=site.manifest, db_path=site.db, decisions_path=site.decisions)
    manifest = load_manifest(site.manifest)[added.file]
    assert manifest["ocr_lines"] == f"1-{len(scan.lines)}" and manifest["source"] == "putuo_2024_scan.pdf"
    with duckdb.connect(str(site.db), read_only=True) as con:
        assert con.execute("select ocr_lines from documents where district = '普陀'").fetchone() == (len(scan.lines),)
        notes = con.execute("select note from kpi_observations where district = '普陀'").fetchall()
    assert notes and all(note.startswith("ocr：识别自扫描件 / read from a scan") for (note,) in notes)
    before = values(site.db)
    assert before["budget_executed"] == (2940.05, 11, "reported", "ocr", None, 0)
    assert before["basic_expenditure"][:5] == (2336.91, 11, "reported", "ocr", None)
    assert before["project_expenditure"] == (603.14, 12, "reported", "ocr", None, 0)

    accept(site, added, ("budget_executed", 2940.05, 11))
    after = values(site.db)
    # accepted: compared as the 决算's 本年支出合计 always is (of every fund: another measure than a
    # self-evaluation's 执行数, so compared with none of them); the figures no one accepted stay unranked
    assert after["budget_executed"] == (2940.05, 11, "reviewed", "definition", None, 0)
    assert after["basic_expenditure"][3:] == ("ocr", None, 0)
    assert after["project_expenditure"] == before["project_expenditure"]


def test_a_scanned_page_among_text_pages_takes_its_place_and_is_ranked_once_accepted(mixed, site):
    first_scan = [n for n in range(1, len(mixed.lines) + 1) if n in mixed.ocr_lines and n + 1 not in mixed.ocr_lines]
    assert len(first_scan) == 2  # two runs of OCR lines: pages 1 and 3
    end_of_page_1 = first_scan[0]
    page_2 = text_layer(22)
    start_of_page_3 = end_of_page_1 + len(page_2) + 1
    # page 2's text as its text layer gives it, between the two scans' lines
    assert mixed.lines[end_of_page_1:start_of_page_3 - 1] == page_2
    assert mixed.ocr_lines == frozenset(range(1, end_of_page_1 + 1)) | frozenset(range(start_of_page_3, first_scan[1] + 1))
    assert mixed.lines[first_scan[1]:] == text_layer(24) + text_layer(25)
    assert mixed.notes[0][0].startswith(f"第 1、3 页是扫描页（没有文字层），已用文字识别（OCR）读出第 1-{end_of_page_1}、"
                                        f"{start_of_page_3}-{first_scan[1]} 行")

    added = add.accept(add.preview(mixed, raw_dir=site.raw, manifest_path=site.manifest), raw_dir=site.raw,
                       manifest_path=site.manifest, db_path=site.db, decisions_path=site.decisions)
    # page 3: “三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元 — a 财政局's, ranked among 财政局s alone
    line = next(n for n, text in enumerate(mixed.lines, start=1) if "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元" in text)
    assert line in mixed.ocr_lines
    assert values(site.db)["three_public_expenses"] == (0.0, line, "reported", "ocr", None, 0)
    accept(site, added, ("three_public_expenses", 0.0, line))
    assert values(site.db)["three_public_expenses"] == (0.0, line, "reviewed", None, 1, 1)


def test_a_blank_scan_is_refused_as_a_scan(site, tmp_path, capsys):
    with pytest.raises(DocumentError) as refused:
        intake.read_upload("blank_scan.pdf", blank_scan())
    assert refused.value.problem_zh == ("PDF 是扫描件或图片（没有文字层），文字识别（OCR）也没有认出文字：请上传更清晰的扫描件，"
                                        "或上传文本、Word 版本")
    assert refused.value.problem_en == ("the PDF is a scan or images (no text layer), and text recognition (OCR) found no "
                                        "text in it: upload a clearer scan, or the text or Word version")
    path = tmp_path / "blank_scan.pdf"
    path.write_bytes(blank_scan())
    before = snapshot(site)
    assert main(["add", str(path), "--yes", *site.cli()]) == 1
    assert "blank_scan.pdf: PDF 是扫描件或图片（没有文字层）" in capsys.readouterr().err
    assert snapshot(site) == before


def test_without_tesseract_a_scan_is_refused_saying_so(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(DocumentError, match="本机未安装文字识别"):
        intake.read_upload("blank_scan.pdf", blank_scan())


def test_pages_beyond_the_limit_are_named_in_a_note(monkeypatch):
    """Page 21 as published (text), then three white scans, with a limit of one page read by OCR."""
    monkeypatch.setattr(ocr, "MAX_PAGES", 1)
    combined = pypdfium2.PdfDocument.new()
    combined.import_pages(pypdfium2.PdfDocument(PUTUO_PDF.read_bytes()), [FIRST_PROSE_PAGE - 1])
    for _ in range(3):
        combined.import_pages(pypdfium2.PdfDocument(blank_scan()))
    buffer = io.BytesIO()
    combined.save(buffer)
    upload = intake.read_upload("long_scan.pdf", buffer.getvalue())
    assert upload.lines == text_layer(FIRST_PROSE_PAGE) and upload.ocr_lines == frozenset()
    assert upload.notes == (
        ("第 2 页没有文字层（可能是扫描页或空白页），文字识别（OCR）也没有认出文字，这些页的内容未读取",
         "page(s) 2 have no text layer (scanned or blank?) and text recognition (OCR) found no text on them: not read"),
        ("第 3-4 页没有文字层，超出每份文件文字识别（OCR）1 页的上限，这些页的内容未读取：请把这些页另存为一个文件再上传",
         "page(s) 3-4 have no text layer and are beyond the 1 pages text recognition (OCR) reads in one file: not read; "
         "upload them as a file of their own"))


@pytest.mark.parametrize(("read", "tidied"), [
    # lines Tesseract 5.3 read on page 21 of the 普陀 决算, before tidying
    ("收 入 6.2 万元 ， 占 0.21%6;", "收入6.2万元，占0.21%;"),
    ("收入6.2万元，占0.219%;", "收入6.2万元，占0.219%;"),  # 0.21%: not sure, left for the review
    ("社会保障和就业支出〈类) 326.72万元，占11.119%0;", "社会保障和就业支出〈类) 326.72万元，占11.11%;"),
    ("1S.169%40;", "15.16%;"),
    ("完成预算的99.999%。", "完成预算的99.999%。"),
    ("支出总计减少$6.95万元，下降1.87%。", "支出总计减少56.95万元，下降1.87%。"),
    ("603.14万元，占20.$19%0;", "603.14万元，占20.51%;"),
    ("201一般公共服务支出2.106.66 150352", "201一般公共服务支出2,106.66 150352"),  # its 支出决算表, rules whitened
    ("201 06 01 1,511.89", "201 06 01 1,511.89"),
    ("Annual report 2021", "Annual report 2021"),
])
def test_tidy_mends_only_what_has_one_reading(read, tidied):
    assert ocr.tidy(read) == tidied


def test_the_review_shows_each_scanned_figures_line(site, monkeypatch):
    for key, value in site.env().items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.run()
    at.switch_page(str(ROOT / "dashboard" / "pages" / "add_report.py"))
    at.run()
    at.file_uploader[0].set_value(("putuo_2024_scan.pdf", scan_of(FIRST_PROSE_PAGE), "application/pdf"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(i.value.startswith("这份报告有 29 行来自扫描页的文字识别（OCR）") for i in at.info)
    found = at.dataframe[0].value
    scanned = dict(zip(found["原文"], found["扫描件识别出的这一行（OCR）"], strict=True))
    assert scanned["本年支出合计2940.05万元，其中:基本支出2336.91万元，占79.49%;"] == (
        "本年支出合计2940.05万元，其中:基本支出2336.91万元，占79.49%;项目支出")
    pick = at.selectbox(key=next(s.key for s in at.selectbox if s.key.startswith("review_pick_")))
    assert all(option.endswith(" · 识别自扫描件") for option in pick.options)


def test_a_trend_line_does_not_join_a_scans_figure_no_one_accepted(warehouse, monkeypatch):
    import polars as pl

    from dashboard.charts import trend_lines
    from dashboard.data import load
    from dashboard.kpis import kpi_info

    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    rows = pl.DataFrame({"district": ["番禺"] * 3, "bureau": [""] * 3, "year": [2019, 2020, 2021],
                         "value": [99.9, 99.92, 99.99], "unit": ["%"] * 3, "status": ["reported"] * 3,
                         "period": [None] * 3, "qualifier": [None] * 3, "definition": [None] * 3,
                         "not_comparable": [None, None, "ocr"]}, schema_overrides={"period": pl.Utf8, "qualifier": pl.Utf8,
                                                                                  "definition": pl.Utf8})
    line = trend_lines(rows, kpi_info(load("catalog"), "good_review_rate")).data[0]
    assert list(line.x) == [None, 2019, 2020, None, 2021]  # 2019-2020 joined; 2021, read from a scan, stands apart
    assert line.text[-1] == "待核对" and "识别自扫描件，待人工核对，不参与排名" in line.customdata[-1]  # label; hover
