"""Each written rule of choice and ranking decides alone somewhere: queries/kpi_values.sql's
steps, queries/macros/ranked.sql's direction and peers, and comparability's reasons, each on
figures where that rule and no other picks the answer (so deleting or reversing the rule
fails its test). The figures are put into a copy of the real warehouse (its documents,
catalog and bureaus), in place of its observations, and the stored queries are computed
again by the build's own function. Values and lines are real where a report states them
(番禺 2021 好评率 99.99 / 99.9, lines 328 and 1276); the others are made up for the rule and
say so."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from etl.build import QUERIES, store_query_results

PANYU, BAIYUN, ZENGCHENG = "000_da80220e1c6b1be9", "001_44badf8aae7bb0c1", "004_2c450fdd424bffaf"
DISTRICT = {PANYU: "番禺", BAIYUN: "白云", ZENGCHENG: "增城"}


def observation(doc_id: str, kpi_id: str, value: float, line: int, *, year: int = 2021, precision: int = -2,
                kind: str = "actual", period: str | None = None, qualifier: str | None = None,
                review: str | None = None, definition: str | None = None, unit: str = "%") -> dict:
    return {"doc_id": doc_id, "district": DISTRICT[doc_id], "year": year, "kpi_id": kpi_id, "value": value,
            "unit": unit, "precision": precision, "kind": kind, "period": period, "qualifier": qualifier, "line": line,
            "quote": f"（第 {line} 行）", "note": None, "review": review, "definition": definition, "role": None,
            "why": None, "bureau": "政务服务数据管理局", "bureau_kind": "政务服务数据管理局"}


@pytest.fixture
def decide(warehouse, tmp_path):
    """A function: these observations in place of the warehouse's -> a connection to the recomputed warehouse."""
    opened = []

    def run(*observations: dict) -> duckdb.DuckDBPyConnection:
        path = tmp_path / f"w{len(opened)}.duckdb"
        shutil.copy(warehouse, path)
        con = duckdb.connect(str(path))
        opened.append(con)
        for query in QUERIES.glob("*.sql"):
            con.execute(f"drop table if exists {query.stem}")
        con.execute("delete from kpi_observations")
        columns = [row[0] for row in con.execute("describe kpi_observations").fetchall()]
        for number, row in enumerate(observations, start=1):
            row = {"observation_id": number, **row}
            con.execute(f"insert into kpi_observations ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",
                        [row.get(column) for column in columns])
        store_query_results(con, QUERIES)
        return con

    yield run
    for con in opened:
        con.close()


def chosen(con, kpi_id: str = "good_review_rate", district: str = "番禺", year: int = 2021) -> tuple:
    return con.execute("select value, line, chosen_by from kpi_values where kpi_id = ? and district = ? and year = ?",
                       [kpi_id, district, year]).fetchone()


# kpi_values.sql, step by step: in each case the figure the step prefers is the one every later step
# would not pick (less precise, on a later line).

def test_a_persons_figure_comes_before_any_other(decide):
    con = decide(observation(PANYU, "good_review_rate", 99.9, 1276, precision=-1, review="reviewed"),
                 observation(PANYU, "good_review_rate", 99.99, 328))
    assert chosen(con) == (99.9, 1276, "reviewed")


def test_a_target_is_never_a_value(decide):
    con = decide(observation(PANYU, "good_review_rate", 99.99, 10, kind="target"),  # made up: a target before it
                 observation(PANYU, "good_review_rate", 99.9, 1276, precision=-1),
                 observation(BAIYUN, "good_review_rate", 99.0, 10, kind="target", precision=0))  # made up: a target alone
    assert chosen(con)[:2] == (99.9, 1276)
    assert chosen(con, district="白云") is None  # a KPI with only a target has no value


def test_the_kpis_own_definition_comes_first(decide):
    # made up: a 决算's 本年支出 (another definition) on an earlier line, more precise
    con = decide(observation(PANYU, "budget_executed", 5270.43, 10, definition="final_accounts", unit="万元"),
                 observation(PANYU, "budget_executed", 10340.1, 900, precision=-1, unit="万元"))
    assert chosen(con, "budget_executed") == (10340.1, 900, "definition")


def test_a_whole_year_comes_before_part_of_it(decide):
    con = decide(observation(PANYU, "hotline_tickets", 231412, 10, precision=0, period="1-10月", unit="件"),
                 observation(PANYU, "hotline_tickets", 260000, 900, precision=4, unit="件"))  # made up
    assert chosen(con, "hotline_tickets") == (260000, 900, "whole_year")


def test_a_stated_figure_comes_before_a_derived_one(decide):
    con = decide(observation(PANYU, "good_review_rate", 99.987, 10, precision=-3, kind="derived"),  # made up
                 observation(PANYU, "good_review_rate", 99.9, 1276, precision=-1))
    assert chosen(con) == (99.9, 1276, "stated")


def test_the_more_precise_figure_comes_first_even_on_a_later_line(decide):
    # 番禺 2021's two 好评率 with their lines swapped: 99.99 is chosen for its precision, not its line
    con = decide(observation(PANYU, "good_review_rate", 99.9, 328, precision=-1),
                 observation(PANYU, "good_review_rate", 99.99, 1276))
    assert chosen(con) == (99.99, 1276, "precise")


def test_then_the_earliest_line(decide):
    con = decide(observation(PANYU, "good_review_rate", 99.8, 1276, precision=-1),  # made up: same precision
                 observation(PANYU, "good_review_rate", 99.9, 328, precision=-1))
    assert chosen(con) == (99.9, 328, "first_line")


# ranked.sql: direction, peers, comparability

def ranks(con, kpi_id: str) -> dict:
    return {d: (rank, peers, average, reason) for d, rank, peers, average, reason in con.execute(
        "select district, rank, districts, round(peer_average, 4), not_comparable from kpi_benchmark "
        "where alignment = 'same_year' and kpi_id = ?", [kpi_id]).fetchall()}


def test_a_lower_is_better_kpi_ranks_the_lowest_first(decide):
    # “三公”经费 (higher_is_better false in the catalog): made up, three districts of 2021
    con = decide(observation(PANYU, "three_public_expenses", 4.75, 10, unit="万元"),
                 observation(BAIYUN, "three_public_expenses", 6.0, 10, unit="万元"),
                 observation(ZENGCHENG, "three_public_expenses", 9.0, 10, unit="万元"))
    assert ranks(con, "three_public_expenses") == {"番禺": (1, 3, 7.5, None), "白云": (2, 3, 6.875, None),
                                                   "增城": (3, 3, 5.375, None)}


def test_a_higher_is_better_kpi_ranks_the_highest_first_and_peers_exclude_the_district(decide):
    con = decide(observation(PANYU, "good_review_rate", 99.99, 328),
                 observation(BAIYUN, "good_review_rate", 99.5, 10, precision=-1),   # made up
                 observation(ZENGCHENG, "good_review_rate", 99.0, 10, precision=-1))  # made up
    assert ranks(con, "good_review_rate") == {"番禺": (1, 3, 99.25, None), "白云": (2, 3, 99.495, None),
                                              "增城": (3, 3, 99.745, None)}


@pytest.mark.parametrize(("changed", "reason"), [
    ({"period": "1-10月"}, "part_year"),
    ({"qualifier": "超过"}, "approximate"),
    ({"definition": "final_accounts"}, "definition"),
])
def test_a_value_that_cannot_be_compared_is_not_ranked_and_says_why(decide, changed, reason):
    con = decide(observation(PANYU, "good_review_rate", 99.99, 328, **changed),
                 observation(BAIYUN, "good_review_rate", 99.5, 10, precision=-1),   # made up
                 observation(ZENGCHENG, "good_review_rate", 99.0, 10, precision=-1))  # made up
    found = ranks(con, "good_review_rate")
    assert found["番禺"] == (None, 0, None, reason)
    assert found["白云"] == (1, 2, 99.0, None) and found["增城"] == (2, 2, 99.5, None)


def test_another_kind_of_bureau_is_ranked_apart(decide):
    other = {**observation(BAIYUN, "good_review_rate", 99.5, 10, precision=-1), "bureau_kind": "财政局"}
    con = decide(observation(PANYU, "good_review_rate", 99.99, 328), other,
                 observation(ZENGCHENG, "good_review_rate", 99.0, 10, precision=-1))
    found = ranks(con, "good_review_rate")
    assert (found["番禺"][:2], found["增城"][:2], found["白云"][:2]) == ((1, 2), (2, 2), (1, 1))


def test_a_figure_read_from_a_scan_is_compared_only_once_a_person_accepts_it(decide):
    """A figure on a line text recognition read from a scanned page (etl/ocr.py marks its note 'ocr：…') is shown
    but neither ranked nor given a change on its previous year; accepted in the review, it is compared as any other."""
    from etl.ocr import OCR_NOTE

    scanned = {**observation(PANYU, "good_review_rate", 99.99, 328), "note": OCR_NOTE}
    earlier = observation(PANYU, "good_review_rate", 99.9, 300, year=2020, precision=-1)  # made up
    others = (observation(BAIYUN, "good_review_rate", 99.5, 10, precision=-1),   # made up
              observation(ZENGCHENG, "good_review_rate", 99.0, 10, precision=-1))  # made up
    change = "select previous_value, change from kpi_yoy where kpi_id = 'good_review_rate' and district = '番禺' and year = 2021"
    con = decide(scanned, earlier, *others)
    assert ranks(con, "good_review_rate")["番禺"] == (None, 0, None, "ocr")
    assert con.execute(change).fetchone() == (99.9, None)
    con = decide({**scanned, "review": "reviewed"}, earlier, *others)
    assert ranks(con, "good_review_rate")["番禺"] == (1, 3, 99.25, None)
    assert con.execute(change).fetchone() == (99.9, pytest.approx(0.09))
