"""Two bureaus of one place and year are two values, never a conflict: the five sources
plus two real 部门决算说明 of 平潭 2017 (tests/corpus, attribution in its README), 区市场监督管理局
(本年支出 4,087.62 万元, line 38) and 区环岛公路建设指挥部 (本年支出 2,496.08 万元, line 29), added
without a manifest row, so that their place, year, kind and bureau are read from the text.
Every value, conflict, change, rank and page keeps them apart and names each."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from app_helpers import BUDGET_VIEWS, open_page, plotly_specs

from etl.build import MANIFEST, RAW, build

CORPUS = Path(__file__).parent / "corpus"
MARKET, ROAD = "市场监督管理局", "环岛公路建设指挥部"


@pytest.fixture(scope="module")
def two_bureaus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("two_bureaus")
    shutil.copytree(RAW, folder / "raw")
    for name in ("pingtan_shijianju_2017_juesuan.txt", "pingtan_huandaozhihuibu_2017_juesuan.txt"):
        shutil.copy(CORPUS / name, folder / "raw" / name)
    summary = build(db_path=folder / "w.duckdb", raw_dir=folder / "raw", manifest_path=MANIFEST,
                    decisions_path=folder / "decisions.csv")
    assert summary.documents == 7
    return folder / "w.duckdb"


@pytest.fixture(scope="module")
def con(two_bureaus):
    with duckdb.connect(str(two_bureaus), read_only=True) as connection:
        yield connection


def test_each_bureau_is_its_own_document(con):
    assert con.execute("select doc_id, district, year, kind, bureau, bureau_kind from documents where district = '平潭' "
                       "order by doc_id").fetchall() == [
        ("pingtan_huandaozhihuibu_2017_juesuan", "平潭", 2017, "final_accounts", ROAD, None),
        ("pingtan_shijianju_2017_juesuan", "平潭", 2017, "final_accounts", MARKET, None)]


def test_two_bureaus_of_one_district_year_are_two_values(con):
    assert con.execute("select bureau, value, line, status from kpi_values where district = '平潭' and year = 2017 "
                       "and kpi_id = 'budget_executed' order by bureau").fetchall() == [
        (MARKET, 4087.62, 38, "reported"), (ROAD, 2496.08, 29, "reported")]


def test_they_are_no_conflict(con):
    assert con.execute("select count(*) from kpi_conflicts where district = '平潭'").fetchone() == (0,)
    assert con.execute("select count(*) from conflict_review where district = '平潭'").fetchone() == (0,)
    # a conflict is only ever within one bureau's figures (the five sources' six, as before)
    assert con.execute("select count(distinct (district, year, kpi_id)), max(bureaus) from (select district, year, kpi_id, "
                       "count(distinct bureau) as bureaus from kpi_conflicts group by all)").fetchone() == (6, 1)


def test_each_bureau_is_ranked_among_its_kind_and_named(con):
    rows = con.execute("select bureau, bureau_kind, rank, districts, not_comparable from kpi_benchmark "
                       "where alignment = 'latest' and kpi_id = 'budget_executed' and district = '平潭' order by bureau").fetchall()
    # a 决算's 本年支出合计 of every fund is another measure than a self-evaluation's 执行数: shown, never ranked
    assert rows == [(MARKET, "", None, 0, "definition"), (ROAD, "", None, 0, "definition")]
    assert con.execute("select count(*) from kpi_yoy where district = '平潭' and previous_year is not null").fetchone() == (0,)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_benchmark_page_names_each_bureau(two_bureaus, monkeypatch, lang):
    monkeypatch.setenv("ZHENGSHU_DB", str(two_bureaus))
    at = open_page("benchmark", lang, kpi="budget_executed")
    table = next(d.value for d in at.dataframe if ("机构" if lang == "zh" else "Bureau") in d.value.columns)
    district, bureau = ("区", "机构") if lang == "zh" else ("District", "Bureau")
    named = {(r[district], r[bureau]) for r in table.to_dict("records") if r[district].startswith("平潭")}
    separator = "·" if lang == "zh" else " · "
    assert named == {(f"平潭{separator}{MARKET}", MARKET), (f"平潭{separator}{ROAD}", ROAD)}
    year = "（2017 年）" if lang == "zh" else " (2017)"
    assert {f"平潭{separator}{MARKET}{year}", f"平潭{separator}{ROAD}{year}"} <= set(plotly_specs(at)[0]["data"][0]["x"])


def test_the_trends_page_draws_a_line_per_bureau(two_bureaus, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(two_bureaus))
    at = open_page("trends", kpi="budget_executed")
    lines = {trace["name"] for trace in plotly_specs(at)[0]["data"]}
    assert {f"平潭·{MARKET}", f"平潭·{ROAD}"} <= lines


def test_the_sources_page_tells_the_two_values_apart(two_bureaus, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(two_bureaus))
    at = open_page("sources", value=f"budget_executed|平潭|2017|{ROAD}")
    values = at.dataframe[0].value
    assert {(r["区"], r["机构"], r["年份"]) for r in values.to_dict("records") if r["区"] == "平潭"} == {
        ("平潭", MARKET, 2017), ("平潭", ROAD, 2017)}
    picker = at.selectbox(key="param_value")
    assert {"部门全年执行数 · 平潭·市场监督管理局 2017", "部门全年执行数 · 平潭·环岛公路建设指挥部 2017"} <= set(picker.options)
    assert picker.value == f"budget_executed|平潭|2017|{ROAD}"  # the value a link names, with its bureau


def test_the_briefing_names_each_bureau(two_bureaus, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(two_bureaus))
    at = open_page("briefing", districts="番禺,平潭", kpis="budget_executed", years="2017,2019")
    table = at.dataframe[0].value
    assert [(r["区"], r["年份"], r["数值"]) for r in table.to_dict("records")] == [
        ("番禺", 2019, "5,270.4 万元"), (f"平潭·{MARKET}", 2017, "4,087.62 万元"), (f"平潭·{ROAD}", 2017, "2,496.08 万元")]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["overview", "benchmark", "trends", "budget", "sources", "briefing"])
def test_every_page_runs_with_two_bureaus_of_one_place(two_bureaus, monkeypatch, page, lang):
    monkeypatch.setenv("ZHENGSHU_DB", str(two_bureaus))
    for params in BUDGET_VIEWS if page == "budget" else ({},):  # each of the Budget page's views
        open_page(page, lang, districts="番禺,平潭", kpis="budget_executed", years="2017,2019", **params)
