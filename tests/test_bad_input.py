"""Bad input gets a clear error naming the file (and line), and nothing is lost."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.build import RAW, ROOT, BuildError, build
from etl.documents import DocumentError, detect, read_document

BAIYUN = RAW / "001_44badf8aae7bb0c1.txt"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message", "line"),
    [
        ("empty.txt", b"", "文件为空 (file is empty)", None),
        ("blank.txt", b"\n \n\t\n", "文件为空 (file is empty)", None),
        ("binary.txt", b"%PDF-1.4\n1 0 obj\n\x00\x01\x02stream", "二进制文件", 3),
        ("gbk.txt", "一、基本情况\n全年预算数 6,302.34万元\n".encode("gbk"), "可能是 GBK 编码", 1),
        ("cut.txt", "报告\n全年预算数".encode() + "万".encode()[:2], "文件被截断", 2),
        ("notes.txt", "会议纪要\n今天开会讨论了三件事。\n一是……\n二是……\n".encode(), "无法识别报告类型", 1),
    ],
)
def test_bad_file_gets_a_clear_error(tmp_path, name, data, message, line):
    with pytest.raises(DocumentError) as caught:
        read_document(write(tmp_path, name, data))
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{name}:{line}: " if line else f"{name}: ")


def test_truncated_report_names_the_missing_part(tmp_path):
    head = BAIYUN.read_text(encoding="utf-8").splitlines()[:200]  # cut before 存在的主要问题
    with pytest.raises(DocumentError) as caught:
        read_document(write(tmp_path, BAIYUN.name, "\n".join(head).encode()))
    assert "文件不完整（可能被截断）" in str(caught.value)
    assert "存在的主要问题" in str(caught.value)
    assert caught.value.line == 199  # the last line with text: 全年预算数 1,684.16万元…
    assert "在第 199 行结束" in str(caught.value)


def test_detection_reads_district_year_and_kind_from_the_text():
    detected = detect(BAIYUN.read_text(encoding="utf-8").splitlines())
    assert (detected.district, detected.year, detected.kind) == ("白云", 2021, "self_evaluation")
    assert detected.district_full == "广州市白云区政务服务数据管理局"


def test_year_of_a_budget_table_without_one_in_its_title():
    # 项目支出绩效目标表 prints no year; its projects finish "2024年底".
    detected = detect((RAW / "002_340db7d787a70fbc.txt").read_text(encoding="utf-8").splitlines())
    assert (detected.district, detected.year, detected.kind) == ("番禺", 2024, "project_targets")


def test_manifest_disagreement_is_a_warning(tmp_path):
    row = {"file": BAIYUN.name, "doc_id": "baiyun", "district": "白云", "year": "2022", "kind": "self_evaluation"}
    doc = read_document(BAIYUN, row)
    assert doc.year == 2022  # the manifest is the person's correction
    assert doc.warnings == [f"{BAIYUN.name}: 清单写 year=2022，正文识别为 2021 "
                            "(manifest says year=2022, the text says 2021)"]


@pytest.fixture
def raw_copy(tmp_path):
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_build_leaves_the_previous_warehouse_untouched(tmp_path, raw_copy):
    db = tmp_path / "warehouse.duckdb"
    build(db_path=db, raw_dir=raw_copy)
    before = digest(db)
    write(raw_copy, "zz_broken.txt", "报告\n".encode() + "全年预算数".encode("gbk"))
    with pytest.raises(BuildError) as caught:
        build(db_path=db, raw_dir=raw_copy)
    assert "zz_broken.txt:2:" in str(caught.value)
    assert "原仓库未改动" in str(caught.value)
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw", "warehouse.duckdb"]


def test_skip_bad_builds_the_rest_and_reports_what_it_skipped(tmp_path, raw_copy):
    write(raw_copy, "zz_empty.txt", b"")
    summary = build(db_path=tmp_path / "w.duckdb", raw_dir=raw_copy, skip_bad=True)
    assert summary.documents == 5
    assert summary.skipped == ["zz_empty.txt: 文件为空 (file is empty)"]
    assert "已跳过 skipped: zz_empty.txt" in summary.text()


def test_unsupported_file_type_in_raw(tmp_path, raw_copy):
    write(raw_copy, "report.pdf", b"%PDF-1.4 ...")
    with pytest.raises(BuildError, match=r"report\.pdf: 不支持的文件类型 \.pdf"):
        build(db_path=tmp_path / "w.duckdb", raw_dir=raw_copy)


def test_duplicate_report_is_refused(tmp_path, raw_copy):
    shutil.copy(raw_copy / BAIYUN.name, raw_copy / "copy_of_baiyun.txt")
    with pytest.raises(BuildError, match="内容相同"):
        build(db_path=tmp_path / "w.duckdb", raw_dir=raw_copy)


def test_command_line_build_reports_and_exits_non_zero(tmp_path, raw_copy):
    write(raw_copy, "zz_binary.txt", b"\x00\x00")
    db = tmp_path / "w.duckdb"
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db), "--raw", str(raw_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "zz_binary.txt:1: 这是二进制文件，不是文本" in result.stderr
    assert not db.exists()


def test_command_line_build_prints_a_summary(tmp_path):
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(tmp_path / "w.duckdb")],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert "文档 documents: 5" in result.stdout
    assert "冲突 conflicts: 6" in result.stdout
