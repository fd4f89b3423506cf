"""Property-based tests (hypothesis): whatever text comes in, the clean-up keeps its
promises and the extractors give rows, or a typed error (DocumentError, BuildError,
ValueError for a number), never a crash. Runs are kept small for CI time."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import intake
from etl.build import EXTRACTORS, RAW, BuildError, recompute_rates
from etl.documents import KINDS, Document, DocumentError, read_document
from etl.text import NUMBER, make_flow, normalise, parse_number

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REAL_LINES = sorted({line for path in RAW.glob("*.txt") for line in path.read_text(encoding="utf-8").splitlines()})
# The words, units and marks the rules match on, so that random text reaches them.
FRAGMENTS = ["全年预算数", "执行数", "为", "完成预算的", "预算执行率", "基本支出", "项目支出", "万元", "亿元", "元", "万", "亿", "%", "％",
             "，", "。", "；", ";", "：", "其中", "|", " | ", "一、", "（一）", "（三）部门整体收支情况", "整体收支", "比上年决算数增加",
             "同比增长", "减少", "1-10月", "1至12月", "上半年", "超过", "约", "≥", "≤", "以上", "年度指标值", "实际", "满意率", "满意度",
             "12345", "热线", "工单", "按时办结率", "件", "个", "宗", "项目名称", "绩效目标", "产出指标", "合计", "单位：万元",
             "支出决算表", "本年支出合计", "栏次", "201", "2010350", "---", "\u3000", " ", "２０２１", "１２．５"]
numbers = st.from_regex(NUMBER, fullmatch=True)
fragment = st.one_of(st.sampled_from(FRAGMENTS), numbers, st.text(max_size=6))
line = st.one_of(st.sampled_from(REAL_LINES), st.lists(fragment, max_size=14).map("".join), st.text(max_size=40))
report_lines = st.lists(line, max_size=60)


def document(lines: list[str], kind: str) -> Document:
    return Document(doc_id="h", path=Path("h.txt"), lines=lines, district="天河", district_full="广州市天河区政务服务数据管理局",
                    year=2021, kind=kind, title="h", sha256="0" * 64)


# etl.text


@SETTINGS
@given(st.text())
def test_normalise_keeps_length_and_is_idempotent(text):
    once = normalise(text)
    assert len(once) == len(text)
    assert normalise(once) == once
    assert not re.search("[０-９％．]", once)


@SETTINGS
@given(st.lists(st.text(max_size=30), max_size=20), st.integers(min_value=1, max_value=10_000))
def test_flow_keeps_every_character_and_its_line(lines, start_line):
    flow = make_flow(lines, start_line)
    assert len(flow.raw) == len(flow.norm) == len(flow.lines)
    assert flow.norm == normalise(flow.raw)
    assert list(flow.lines) == sorted(flow.lines)
    assert all(start_line <= n < start_line + len(lines) for n in flow.lines)
    visible = "".join(ch for text in lines for ch in text.strip() if not ch.isspace())
    assert flow.raw.replace(" ", "") == visible.replace(" ", "")
    for found in re.finditer(" ", flow.raw):  # a space stays only between two ASCII letters or digits
        before, after = flow.norm[found.start() - 1], flow.norm[found.start() + 1]
        assert re.fullmatch("[0-9A-Za-z]", before) and re.fullmatch("[0-9A-Za-z]", after)
    for offset in (-5, 0, len(flow.raw) // 2, len(flow.raw) + 5):
        if flow.lines:
            assert flow.line_at(offset) in flow.lines


@SETTINGS
@given(numbers, st.sampled_from(["", "万", "亿"]))
def test_a_written_number_parses_to_its_value_and_precision(text, multiplier):
    quantity = parse_number(text, multiplier)
    scale = {"": 1, "万": 10_000, "亿": 100_000_000}[multiplier]
    digits = text.replace(",", "").replace("，", "")  # thousands separated by , or a full-width ，
    exact = Decimal(digits) * scale
    assert quantity.value == float(exact)
    assert math.isfinite(quantity.value)
    assert quantity.precision == Decimal(digits).as_tuple().exponent + len(str(scale)) - 1


@SETTINGS
@given(st.one_of(st.text(max_size=12), st.sampled_from(["NaN", "Infinity", "-inf", "sNaN", "1e5", "9e999", "", ",", "1,2,3"])),
       st.sampled_from(["", "万", "亿"]))
def test_any_text_parses_or_is_a_value_error(text, multiplier):
    try:
        quantity = parse_number(text, multiplier)
    except ValueError:
        return
    assert math.isfinite(quantity.value)


# The extractors


def check_extraction(lines: list[str], kind: str) -> None:
    try:
        extraction = EXTRACTORS[kind](document(lines, kind))
        observations = extraction.observations + recompute_rates(extraction.observations)
    except (DocumentError, BuildError):
        return
    for obs in observations:
        assert obs.kpi_id and isinstance(obs.quote, str)
        assert math.isfinite(obs.value)
        assert 1 <= obs.line <= max(len(lines), 1)
    for name, rows in extraction.tables.items():
        for row in rows:
            assert isinstance(row, dict), name
            if isinstance(row.get("line"), int):
                assert 1 <= row["line"] <= max(len(lines), 1), (name, row)


@SETTINGS
@given(report_lines)
def test_self_evaluation_extractor_gives_rows_or_a_typed_error(lines):
    check_extraction(lines, "self_evaluation")


@SETTINGS
@given(report_lines)
def test_final_accounts_extractor_gives_rows_or_a_typed_error(lines):
    check_extraction(lines, "final_accounts")


@SETTINGS
@given(report_lines)
def test_project_targets_extractor_gives_rows_or_a_typed_error(lines):
    check_extraction(lines, "project_targets")


# Whole files: validation and upload reading


@SETTINGS
@given(st.one_of(st.binary(max_size=400), report_lines.map(lambda ls: "\n".join(ls).encode()),
                 report_lines.map(lambda ls: "\n".join(ls).encode("gb18030"))))
def test_any_bytes_are_a_document_or_a_document_error(data):
    try:
        doc = read_document(Path("x.txt"), None, data=data)
    except DocumentError as error:
        assert error.problem_zh and error.problem_en
        return
    assert doc.kind in KINDS
    check_extraction(doc.lines, doc.kind)


@FEW
@given(st.sampled_from(intake.SUFFIXES + (".doc", "", ".PDF")),
       st.one_of(st.binary(max_size=300), st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
                 st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b), report_lines.map(lambda ls: "\n".join(ls).encode())))
def test_any_upload_is_text_or_a_document_error(suffix, data):
    try:
        upload = intake.read_upload(f"upload{suffix}", data)
    except DocumentError as error:
        assert error.problem_zh and error.problem_en
        return
    assert isinstance(upload.text, str)
    assert upload.data.decode("utf-8") == upload.text
