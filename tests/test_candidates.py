"""Possible figures (etl/candidates.py): numbers near a KPI's words that no rule
claimed, offered in the review and never loaded as they are."""

from __future__ import annotations

from etl import candidates, self_evaluation


def offered(doc) -> set[tuple]:
    found = self_evaluation.extract(doc).observations
    return {(c.kpi_id, c.value, c.line) for c in candidates.find_candidates(doc, found)}


def test_a_subset_of_the_hotlines_tickets_is_offered_not_loaded(docs):
    # 增城 2023, line 190: 受理涉整改工单1359件，满意率94.88% (tickets about rectification only)
    doc = docs["self_evaluation", "增城"]
    assert {("hotline_tickets", 1359, 190), ("hotline_satisfaction_rate", 94.88, 190)} <= offered(doc)
    loaded = {(o.kpi_id, o.value) for o in self_evaluation.extract(doc).observations}
    assert ("hotline_tickets", 1359) not in loaded


def test_figures_a_rule_claimed_are_not_offered_again(docs):
    doc = docs["self_evaluation", "白云"]
    loaded = {(o.line, round(o.value, 6)) for o in self_evaluation.extract(doc).observations}
    offered_places = {(line, round(value, 6)) for _, value, line in offered(doc)}
    assert offered_places and not offered_places & loaded
    # 白云 2021 line 201: a project's 全年预算数 1,684.16万元, offered as a project's, not as the department's
    roles = {(c.kpi_id, c.value, c.line): c.role for c in candidates.find_candidates(doc, self_evaluation.extract(doc).observations)}
    assert roles[("budget_total", 1684.16, 199)] == "project"


def test_the_whole_citys_figure_and_a_target_are_offered_as_such_after_results():
    from pathlib import Path

    from etl.documents import Document

    doc = Document(doc_id="t", path=Path("t.txt"),
                   lines=["全市累计建成5G基站7.6万座；目标值为满意度95%；全年新建5G基站1,203个。"],
                   district="天河", district_full="天河区", year=2024, kind="self_evaluation", title="t", sha256="0" * 64)
    found = [(c.kpi_id, c.value, c.role) for c in candidates.find_candidates(doc, [])]
    assert found == [("new_5g_base_stations", 1203, "result"), ("service_satisfaction_rate", 95, "target"),
                     ("total_5g_base_stations", 76000, "larger_area")]
