"""Each extractor on the real reports: every result figure it finds, with its line."""

import pytest

from etl import final_accounts, project_targets, self_evaluation

EXTRACT = {"self_evaluation": self_evaluation.extract, "final_accounts": final_accounts.extract,
           "project_targets": project_targets.extract}


def found(doc, kind="actual"):
    observations = EXTRACT[doc.kind](doc).observations
    return {(o.kpi_id, round(o.value, 4), o.line) for o in observations if o.kind == kind}


@pytest.mark.parametrize(
    ("source", "kpi_id", "value", "line"),
    [
        # 番禺 2021 self-evaluation
        (("self_evaluation", "番禺"), "budget_total", 11092.98, 548),
        (("self_evaluation", "番禺"), "budget_executed", 10340.03, 552),
        (("self_evaluation", "番禺"), "budget_execution_rate", 93.2, 556),
        (("self_evaluation", "番禺"), "basic_expenditure", 1403.97, 566),
        (("self_evaluation", "番禺"), "basic_execution_rate", 89.5, 570),
        (("self_evaluation", "番禺"), "basic_execution_rate", 93.8, 598),  # the report's own mislabel
        (("self_evaluation", "番禺"), "project_budget", 9524, 572),
        (("self_evaluation", "番禺"), "project_expenditure", 8936.06, 578),
        (("self_evaluation", "番禺"), "self_eval_score", 92.58, 650),
        (("self_evaluation", "番禺"), "service_cases", 3_020_000, 144),
        (("self_evaluation", "番禺"), "service_satisfaction_rate", 99.99, 144),
        (("self_evaluation", "番禺"), "good_review_rate", 99.99, 328),
        (("self_evaluation", "番禺"), "good_review_rate", 99.9, 1276),
        (("self_evaluation", "番禺"), "new_5g_base_stations", 2750, 436),
        (("self_evaluation", "番禺"), "total_5g_base_stations", 9892, 438),
        (("self_evaluation", "番禺"), "free_seal_sets", 25529, 1168),
        # 白云 2021 self-evaluation
        (("self_evaluation", "白云"), "budget_total", 6302.34, 117),
        (("self_evaluation", "白云"), "budget_executed", 6268.76, 117),
        (("self_evaluation", "白云"), "budget_execution_rate", 99.5, 119),
        (("self_evaluation", "白云"), "hotline_tickets", 260_000, 191),
        (("self_evaluation", "白云"), "hotline_ontime_rate", 100, 191),
        (("self_evaluation", "白云"), "hotline_satisfaction_rate", 78.65, 193),
        (("self_evaluation", "白云"), "service_satisfaction_rate", 99.9, 225),
        (("self_evaluation", "白云"), "cloud_migrated_systems", 158, 179),
        # 增城 2023 self-evaluation
        (("self_evaluation", "增城"), "budget_total", 6096.74, 292),
        (("self_evaluation", "增城"), "budget_executed", 6094.53, 294),
        (("self_evaluation", "增城"), "budget_execution_rate", 99.96, 298),
        (("self_evaluation", "增城"), "basic_expenditure", 1193.63, 296),
        (("self_evaluation", "增城"), "project_expenditure", 4900.89, 296),
        (("self_evaluation", "增城"), "self_eval_score", 98.8, 310),
        (("self_evaluation", "增城"), "service_cases", 1_223_544, 77),
        (("self_evaluation", "增城"), "service_cases", 1_633_700, 247),
        (("self_evaluation", "增城"), "hotline_tickets", 231_400, 282),
        (("self_evaluation", "增城"), "hotline_satisfaction_rate", 87.75, 286),
        (("self_evaluation", "增城"), "free_seal_sets", 19_900, 263),
        # 番禺 2019 final accounts
        (("final_accounts", "番禺"), "budget_executed", 5270.40, 600),
        (("final_accounts", "番禺"), "basic_expenditure", 1186.59, 602),
        (("final_accounts", "番禺"), "project_expenditure", 4083.81, 606),
        (("final_accounts", "番禺"), "three_public_expenses", 4.75, 757),
        # 番禺 2024 project targets
        (("project_targets", "番禺"), "project_budget", 6028.01, 14),
    ],
)
def test_reported_figure_and_its_line(docs, source, kpi_id, value, line):
    assert (kpi_id, value, line) in found(docs[source])


@pytest.mark.parametrize(
    ("source", "kpi_id", "value", "line"),
    [
        (("self_evaluation", "白云"), "service_satisfaction_rate", 90, 225),  # 年度指标值为…满意度 90%
        (("self_evaluation", "白云"), "hotline_ontime_rate", 95, 317),  # 按时办结率≥95%以上
        (("self_evaluation", "白云"), "hotline_satisfaction_rate", 70, 339),
        (("self_evaluation", "白云"), "cloud_migrated_systems", 100, 283),  # 迁移上云系统数量≥100个
    ],
)
def test_targets_are_not_results(docs, source, kpi_id, value, line):
    assert (kpi_id, value, line) in found(docs[source], kind="target")
    assert (kpi_id, value, line) not in found(docs[source])


def test_project_figures_are_not_the_departments(docs):
    # 白云 states 全年预算数 for each project too (1,684.16; 3,585.48; 13): only the
    # department's own figure, under 部门整体收支情况, is its budget.
    budgets = {v for k, v, _ in found(docs["self_evaluation", "白云"]) if k == "budget_total"}
    assert budgets == {6302.34}


def test_breakdowns_after_qizhong_are_parts_not_totals(docs):
    # 番禺: "部门基本支出数 1403.97万元，其中区政数局本级基本支出数 823.72万元，…"
    values = {v for k, v, _ in found(docs["self_evaluation", "番禺"]) if k == "basic_expenditure"}
    assert values == {1403.97}


def test_part_year_figures_say_so(docs):
    observations = self_evaluation.extract(docs["self_evaluation", "增城"]).observations
    periods = {(o.kpi_id, o.value): o.period for o in observations}
    assert periods["hotline_tickets", 170245] == "1-10月"
    assert periods["hotline_ontime_rate", 100] == "1-10月"
    assert periods["hotline_tickets", 231400] is None


def test_qualifiers_are_kept(docs):
    observations = self_evaluation.extract(docs["self_evaluation", "白云"]).observations
    tickets = {o.qualifier for o in observations if o.kpi_id == "hotline_tickets"}
    assert tickets == {"超过"}  # 受理工单超过 26万件: a lower bound


@pytest.mark.parametrize(
    ("source", "kpi_id", "year", "value", "note_part"),
    [
        (("final_accounts", "番禺"), "basic_expenditure", 2018, 914.17, "1,186.59 − 272.42 = 914.17"),
        (("final_accounts", "番禺"), "project_expenditure", 2018, 3253.52, "4,083.81 − 830.29 = 3,253.52"),
        (("self_evaluation", "增城"), "hotline_tickets", 2022, 211_700, "231,400 ÷ (1 + 9.28%)"),
    ],
)
def test_previous_year_is_derived_from_the_stated_change(docs, source, kpi_id, year, value, note_part):
    observations = EXTRACT[source[0]](docs[source]).observations
    derived = [o for o in observations if o.kind == "derived" and o.kpi_id == kpi_id]
    assert [(o.year, o.value) for o in derived] == [(year, pytest.approx(value))]
    assert note_part in derived[0].note


def test_quotes_are_the_documents_own_text(docs):
    for doc in docs.values():
        text = "".join(line.strip() for line in doc.lines).replace(" ", "")
        for o in EXTRACT[doc.kind](doc).observations:
            assert o.quote.strip("…").replace(" ", "") in text, (doc.doc_id, o.kpi_id, o.quote)
