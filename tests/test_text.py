"""Shared text clean-up, on real lines of the sources."""

import pytest

from etl.text import make_flow, money_in_wan, normalise, parse_number


def test_flow_joins_broken_lines_and_keeps_their_numbers():
    # 白云 2021, lines 117-119: a sentence broken over a blank line.
    flow = make_flow(["全年预算数 6,302.34万元，执行数 6,268.76万元，完成", "", "预算的 99.5%。"], start_line=117)
    assert flow.raw == "全年预算数6,302.34万元，执行数6,268.76万元，完成预算的99.5%。"
    assert flow.line_at(flow.raw.index("99.5")) == 119
    assert flow.line_at(flow.raw.index("6,302")) == 117


def test_flow_rejoins_words_split_by_stray_spaces():
    # 番禺 2021, line 1656: "建设费用节 省 4130 万 元 ， 月 租 节 省"
    flow = make_flow(["省 4130 万 元 ， 月 租 节 省"])
    assert flow.raw == "省4130万元，月租节省"


def test_flow_never_merges_two_numbers():
    assert make_flow(["全区 76 1.5 个"]).raw == "全区76 1.5个"


def test_normalise_is_one_for_one():
    text = "１２３４５热线满意率９９．９％，≧95%"
    assert normalise(text) == "12345热线满意率99.9%，≥95%"
    assert len(normalise(text)) == len(text)


@pytest.mark.parametrize(
    ("written", "multiplier", "value", "precision"),
    [
        ("6,302.34", "", 6302.34, -2),  # 白云 全年预算数
        ("302", "万", 3_020_000, 4),  # 番禺 约 302 万宗
        ("163.37", "万", 1_633_700, 2),  # 增城 业务受理量 163.37 万件
        ("1223544", "", 1_223_544, 0),  # 增城 业务受理量共 1223544 件
        ("99.99", "", 99.99, -2),
    ],
)
def test_parse_number_scales_and_keeps_precision(written, multiplier, value, precision):
    quantity = parse_number(written, multiplier)
    assert quantity.value == pytest.approx(value)
    assert quantity.precision == precision


@pytest.mark.parametrize(
    ("written", "unit", "wan"),
    [("4130", "万元", 4130), ("5095", "元", 0.5095), ("1.2", "亿元", 12000)],
)
def test_money_is_normalised_to_wan(written, unit, wan):
    assert money_in_wan(written, unit).value == pytest.approx(wan)
