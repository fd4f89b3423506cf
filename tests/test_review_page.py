"""The review of a loaded report on the 添加报告 page (?doc=), in AppTest: a figure
corrected, a missed one added, both kept in the decisions file and applied by the
rebuild; a decision taken back before saving is not kept."""

from __future__ import annotations

import duckdb
import pytest
from add_helpers import built_site
from streamlit.testing.v1 import AppTest

from etl import decisions
from etl.build import ROOT

DOC = "001_44badf8aae7bb0c1"  # 白云 2021 自评报告
KEY = f"loaded_{DOC}"


@pytest.fixture
def site(tmp_path, monkeypatch):
    site = built_site(tmp_path / "site")
    for name, value in site.env().items():
        monkeypatch.setenv(name, value)
    return site


def open_review() -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.run()
    at.query_params["doc"] = DOC
    at.switch_page(str(ROOT / "dashboard" / "pages" / "add_report.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def submit(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_correct_one_figure_add_a_missed_one_and_keep_both(site):
    at = open_review()
    assert at.title[0].value == "核对已载入的报告"
    pick = at.selectbox(key=f"review_pick_{KEY}")
    pick.set_value(pick.options.index("12345热线工单受理量 = 超过260,000 件 · 第 191 行 · 实际"))
    at.radio(key=f"review_choice_{KEY}").set_value("correct")
    at.number_input(key=f"review_value_{KEY}").set_value(266859)
    at.text_input(key=f"review_reason_{KEY}").set_value("第 323 行：有效投诉 266859 件")
    submit(at, "记下这个决定")
    at.selectbox(key=f"review_add_kpi_{KEY}").set_value("service_visits")
    at.number_input(key=f"review_add_line_{KEY}").set_value(133)
    at.number_input(key=f"review_add_value_{KEY}").set_value(200000)
    at.text_input(key=f"review_add_reason_{KEY}").set_value("自助终端年服务人数超过 20万人")
    submit(at, "记下这个数字")
    assert "**待保存的决定（2 个）**" in [m.value for m in at.markdown]
    submit(at, "保存决定并重建")
    assert [s.value for s in at.success] == ["已保存 2 个决定，数据仓库已重建。"]

    kept = decisions.load(site.decisions)
    assert [(d.decision, d.kpi_id, d.value, d.line, d.found_value) for d in kept] == [
        ("correct", "hotline_tickets", 266859, 191, 260000), ("add", "service_visits", 200000, 133, None)]
    with duckdb.connect(str(site.db), read_only=True) as con:
        rows = con.execute("select kpi_id, value, line, status from kpi_values where district = '白云' "
                           "and kpi_id in ('hotline_tickets', 'service_visits') order by kpi_id").fetchall()
    assert rows == [("hotline_tickets", 266859, 191, "reviewed"), ("service_visits", 200000, 133, "entered")]


def test_a_decision_taken_back_is_not_kept(site):
    at = open_review()
    pick = at.selectbox(key=f"review_pick_{KEY}")
    pick.set_value(0)
    at.radio(key=f"review_choice_{KEY}").set_value("reject")
    submit(at, "记下这个决定")
    submit(at, "撤销")
    submit(at, "保存决定并重建")
    assert [i.value for i in at.info] == ["还没有任何决定：请先在表中确认、更正、否决或补充数字。"]
    assert not site.decisions.exists()
