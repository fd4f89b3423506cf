"""Search hits as a reader sees them (dashboard/highlight.py), on lines of the real reports."""

from __future__ import annotations

import pytest

from dashboard.highlight import highlighted


@pytest.fixture(autouse=True)
def session_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))


def test_every_match_is_marked_in_a_snippet_of_the_line():
    from dashboard.data import load

    # 番禺 2019 决算, line 1489: two "5G" in one sentence, the line cut around the first
    hit = load("search", term="5G").filter(line=1489).row(0, named=True)
    shown = highlighted(hit["text"], "5g")
    assert shown.count("<mark>5G</mark>") == 2
    assert shown.startswith("三是推进社会信息基础设施建设不断夯实。加快推进 <mark>5G</mark> 网络建设") and shown.endswith("…")


def test_a_term_the_pdf_broke_across_two_lines_is_marked_where_it_starts():
    from dashboard.data import load

    # 白云 2021, lines 317 and 319: "…实际受理工单超过" / "26万件，在规定时间内办结" (line 191 has it whole, spaced: "超过 26万件")
    hits = load("search", term="超过26万件")
    assert hits.select("district", "line").rows() == [("白云", 191), ("白云", 317)]
    assert highlighted(hits["text"][0], "超过26万件") == "压赋能。我区全年受理工单<mark>超过 26万件</mark>，100%按时办结，"
    assert highlighted(hits["text"][1], "超过26万件").endswith("实际受理工单<mark>超过</mark>")


def test_document_text_is_escaped_before_it_is_marked():
    assert highlighted("a<img src=x onerror=alert(1)>b", "onerror") == "a&lt;img src=x <mark>onerror</mark>=alert(1)&gt;b"
