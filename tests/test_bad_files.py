"""Every kind of bad upload gets a message that says what is wrong and what to do,
in the person's language, and nothing changes: data/raw, the manifest and the
warehouse keep every byte. Each case runs through the command line (`python -m etl
add FILE --yes`, which would load a good file) and through the page in both languages.

The files are in tests/bad_files/ (made by tests/bad_files/make.py); the duplicate
and the oversized file are made at test time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from add_helpers import BAIYUN, built_site, copy_site, snapshot
from streamlit.testing.v1 import AppTest

from etl.__main__ import main
from etl.build import ROOT
from etl.documents import MAX_BYTES

BAD_FILES = ROOT / "tests" / "bad_files"
APP = str(ROOT / "streamlit_app.py")
ADD_PAGE = str(ROOT / "dashboard" / "pages" / "add_report.py")

# (file, message in Chinese, message in English): the whole message, file and line included.
CASES = [
    ("empty.txt", "empty.txt: 文件为空：请选择有内容的报告文件",
     "empty.txt: file is empty: pick the file that holds the report"),
    ("binary.txt", "binary.txt:1: 这是二进制文件，不是文本：请上传 UTF-8 文本（.txt/.md）、PDF 或 Word（.docx）",
     "binary.txt:1: binary file, not text: upload UTF-8 text (.txt/.md), a PDF or a Word file (.docx)"),
    ("gbk.txt", "gbk.txt:2: 不是有效的 UTF-8 文本，可能是 GBK 编码，请另存为 UTF-8",
     "gbk.txt:2: not valid UTF-8 text; it looks GBK-encoded: save it as UTF-8"),
    ("truncated.txt", "truncated.txt:200: 文件被截断：结尾的字符不完整：请重新下载或导出完整的文件",
     "truncated.txt:200: file is truncated: it ends inside a character: download or export the whole file again"),
    ("truncated_report.txt",
     "truncated_report.txt:199: 文件不完整（可能被截断）：在第 199 行结束，缺少「存在的主要问题 / 下一步改进措施」部分：请上传完整的报告",
     "truncated_report.txt:199: incomplete (probably truncated): ends at line 199 with no '存在的主要问题 / 下一步改进措施' part: "
     "upload the whole report"),
    ("truncated.pdf", "truncated.pdf: PDF 文件已损坏或不完整，无法读取：请重新下载或导出完整的文件",
     "truncated.pdf: the PDF is damaged or incomplete: download or export the whole file again"),
    ("misnamed.pdf", "misnamed.pdf: 文件名是 .pdf，内容却是文本：请把扩展名改为 .txt 后再上传",
     "misnamed.pdf: the name says .pdf but the content is text: rename it to .txt and upload it again"),
    ("misnamed.txt", "misnamed.txt: 文件名是 .txt，内容却是PDF 文件：请把扩展名改为 .pdf 后再上传",
     "misnamed.txt: the name says .txt but the content is a PDF: rename it to .pdf and upload it again"),
    ("zip_named.pdf", "zip_named.pdf: 文件名是 .pdf，内容却是ZIP 压缩包：请解压后上传其中的报告",
     "zip_named.pdf: the name says .pdf but the content is a zip archive: unpack it and upload the report inside"),
    ("not_word.docx", "not_word.docx: 这不是 Word 文档（压缩包里没有 word/document.xml）：请在 Word 中另存为 .docx",
     "not_word.docx: not a Word document (no word/document.xml inside): save it as .docx in Word"),
    ("unsupported.doc", "unsupported.doc: 不支持的文件类型 .doc：请上传 .txt、.md、.pdf、.docx、网页 .html 或表格 .xlsx、.xls、.ods、.et",
     "unsupported.doc: unsupported file type .doc: upload .txt, .md, .pdf, .docx, "
     "a web page (.html) or a spreadsheet (.xlsx, .xls, .ods, .et)"),
    ("no_text_layer.pdf", "no_text_layer.pdf: PDF 是扫描件或图片（没有文字层），文字识别（OCR）也没有认出文字："
     "请上传更清晰的扫描件，或上传文本、Word 版本",
     "no_text_layer.pdf: the PDF is a scan or images (no text layer), and text recognition (OCR) found no text in it: "
     "upload a clearer scan, or the text or Word version"),
    ("unknown_kind.txt", "unknown_kind.txt:1: 无法识别报告类型：不是绩效自评报告、部门决算、项目支出绩效目标表或部门预算。"
     "只能添加这四类报告；若它确是其中一类，请选择类型（命令行：--kind）",
     "unknown_kind.txt:1: unrecognised report: not a self-evaluation, final accounts, project targets or department budget. "
     "Only these four kinds can be added; if it is one of them, choose the kind (command line: --kind)"),
    ("unknown_district.txt", "unknown_district.txt:1: 无法从正文识别是哪个区的报告：请选择区（命令行：--district）",
     "unknown_district.txt:1: cannot tell the district from the text: choose it (command line: --district)"),
    ("duplicate.txt", "duplicate.txt: 与已载入的 001_44badf8aae7bb0c1.txt 内容相同（sha256 相同）：这份报告已经在仓库中，无需再添加",
     "duplicate.txt: same content as 001_44badf8aae7bb0c1.txt, already loaded (same sha256): nothing to add"),
    ("oversized.txt", "oversized.txt: 文件过大（20.0 MB，上限 20 MB）：请只上传报告本身，或把它拆成几个文件",
     "oversized.txt: file too large (20.0 MB, limit 20 MB): upload the report alone, or split it into parts"),
]
MADE_AT_TEST_TIME = {"duplicate.txt", "oversized.txt"}


def bad_file(name: str, folder: Path) -> Path:
    """The bad file `name`: from tests/bad_files, or made now in `folder`."""
    if name == "duplicate.txt":
        path = folder / name
        path.write_bytes(BAIYUN.read_bytes())
        return path
    if name == "oversized.txt":
        path = folder / name
        line = "全年预算数 6,302.34万元，执行数 6,268.76万元，完成预算的99.5%。\n".encode()
        path.write_bytes(line * (MAX_BYTES // len(line) + 1))
        return path
    return BAD_FILES / name


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> object:
    return built_site(tmp_path_factory.mktemp("template") / "site")


@pytest.fixture
def site(template, tmp_path):
    return copy_site(template, tmp_path / "site")


def test_every_bad_file_has_a_case():
    committed = {p.name for p in BAD_FILES.iterdir() if p.suffix != ".py"}
    assert committed | MADE_AT_TEST_TIME == {name for name, _, _ in CASES}


@pytest.mark.parametrize(("name", "message_zh", "message_en"), CASES, ids=[c[0] for c in CASES])
def test_command_line_refuses_and_changes_nothing(site, tmp_path, capsys, name, message_zh, message_en):
    before = snapshot(site)
    path = bad_file(name, tmp_path)
    assert main(["add", str(path), "--yes", *site.cli()]) == 1
    error = capsys.readouterr().err
    assert f"错误 error: {message_zh}\n" in error
    assert f"{message_en}\n" in error
    assert snapshot(site) == before


def shown(text: str) -> str:
    """Markdown as a reader sees it (md() escapes removed)."""
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("name", "message_zh", "message_en"), CASES, ids=[c[0] for c in CASES])
def test_page_refuses_in_the_users_language_and_changes_nothing(site, tmp_path, monkeypatch, name, message_zh, message_en,
                                                                  lang):
    for key, value in site.env().items():
        monkeypatch.setenv(key, value)
    before = snapshot(site)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(ADD_PAGE)
    at.run()
    at.file_uploader[0].set_value((name, bad_file(name, tmp_path).read_bytes(), "application/octet-stream"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [shown(e.value) for e in at.error] == [message_en if lang == "en" else message_zh]
    assert not [b for b in at.button if b.label in ("接受并载入", "Accept and load")]  # no accept for a file that cannot be loaded
    assert snapshot(site) == before
