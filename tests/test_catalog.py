"""The KPI catalog defines every KPI a view returns, in Chinese and English."""

import pytest

REQUIRED = {
    "budget_total": "万元", "budget_executed": "万元", "budget_execution_rate": "%", "basic_expenditure": "万元",
    "project_expenditure": "万元", "project_budget": "万元", "self_eval_score": "分",
    "service_satisfaction_rate": "%", "service_cases": "件", "hotline_tickets": "件", "hotline_ontime_rate": "%",
    "hotline_satisfaction_rate": "%", "new_5g_base_stations": "座", "total_5g_base_stations": "座",
    "free_seal_sets": "套", "cloud_migrated_systems": "个",
}


def test_required_kpis_with_their_units(con):
    units = dict(con.execute("select kpi_id, unit from kpi_catalog").fetchall())
    assert {k: units.get(k) for k in REQUIRED} == REQUIRED


def test_every_kpi_is_defined_in_both_languages(con):
    rows = con.execute("""select kpi_id from kpi_catalog
        where coalesce(name_zh, '') = '' or coalesce(name_en, '') = '' or coalesce(definition_zh, '') = ''
           or coalesce(definition_en, '') = '' or coalesce(category, '') = ''""").fetchall()
    assert rows == []


@pytest.mark.parametrize("view", ["kpi_observations", "kpi_values", "kpi_conflicts", "kpi_benchmark", "kpi_yoy"])
def test_views_return_only_catalogued_kpis(con, view):
    undefined = con.execute(f"select distinct kpi_id from {view} where kpi_id not in (select kpi_id from kpi_catalog)")
    assert undefined.fetchall() == []


def test_units_in_values_match_the_catalog(con):
    assert con.execute("""select count(*) from kpi_values v join kpi_catalog c using (kpi_id)
                          where v.unit <> c.unit""").fetchone()[0] == 0
