"""A person's decisions (etl/decisions.py, data/decisions.csv): accepted, corrected,
rejected and entered figures, applied by every build; stale ones listed, never
applied; a bad decisions file stops the build with the previous warehouse intact."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from etl import decisions
from etl.build import MANIFEST, RAW, BuildError, build

PANYU = "f20be86af5773b8ddd2d08c317763fdaa8d646b059bf472dddde8df80a953adf"  # 番禺 2021 自评报告
BAIYUN = "6305ec8e22b57387d80b8dab5b19fa83c7b97398932cecedd94eb50d37062927"  # 白云 2021 自评报告

ROWS = [
    # 白云 line 117: 全年预算数 6,302.34万元 — checked, right
    {"sha256": BAIYUN, "decision": "accept", "kpi_id": "budget_total", "value": "6302.34", "line": "117"},
    # 番禺 line 598: "基本支出执行率 93.8%" closes a paragraph on 区本级 (project) spending, 8936.06 of 9524 万元
    {"sha256": PANYU, "decision": "correct", "kpi_id": "project_execution_rate", "value": "93.8", "year": "2021",
     "line": "598", "found_kpi_id": "basic_execution_rate", "found_value": "93.8",
     "reason": "同段为区本级项目支出：8936.06 ÷ 9524 = 93.8%"},
    # 番禺 line 1276: “好评率”达 99.9% repeats line 328's 99.99% (the same 好差评 result)
    {"sha256": PANYU, "decision": "reject", "kpi_id": "good_review_rate", "value": "99.9", "line": "1276",
     "reason": "与第 328 行同一结果，99.99% 为准"},
    # 白云 line 323: 2021年共收到有效投诉 266859件 — the hotline's exact count ("超过 26万件" on line 191)
    {"sha256": BAIYUN, "decision": "add", "kpi_id": "hotline_tickets", "value": "266859", "year": "2021", "line": "323",
     "reason": "有效投诉即热线工单的精确数"},
    # a report no longer loaded (its text changed)
    {"sha256": "0" * 64, "decision": "accept", "kpi_id": "budget_total", "value": "100", "line": "5"},
]


def write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=decisions.COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


@pytest.fixture(scope="module")
def decided(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    folder = tmp_path_factory.mktemp("decided")
    summary = build(db_path=folder / "w.duckdb", decisions_path=write(folder / "decisions.csv", ROWS))
    assert (summary.decisions_applied, summary.decisions_stale) == (4, 1)
    con = duckdb.connect(str(folder / "w.duckdb"), read_only=True)
    yield con
    con.close()


def value(con, district: str, kpi_id: str) -> tuple | None:
    return con.execute("select value, line, status, note, quote from kpi_values where district = ? and year = 2021 "
                       "and kpi_id = ?", [district, kpi_id]).fetchone()


def test_an_accepted_figure_is_reviewed(decided):
    assert value(decided, "白云", "budget_total")[:3] == (6302.34, 117, "reviewed")


def test_a_corrected_figure_is_the_persons_with_its_line_and_what_was_corrected(decided):
    figure, line, status, note, _ = value(decided, "番禺", "project_execution_rate")
    assert (figure, line, status) == (93.8, 598, "reviewed")
    assert "更正 corrected: basic_execution_rate 93.8 → project_execution_rate 93.8" in note
    assert "8936.06 ÷ 9524" in note
    # the mislabelled 93.8 no longer contradicts 基本支出执行率 89.5 (line 570)
    assert value(decided, "番禺", "basic_execution_rate")[:3] == (89.5, 570, "reported")


def test_a_rejected_figure_is_gone_and_its_conflict_with_it(decided):
    assert value(decided, "番禺", "good_review_rate")[:3] == (99.99, 328, "reported")
    assert decided.execute("select count(*) from kpi_observations where kpi_id = 'good_review_rate' and line = 1276"
                           ).fetchone()[0] == 0


def test_an_entered_figure_quotes_its_line(decided):
    figure, line, status, _, quote = value(decided, "白云", "hotline_tickets")
    assert (figure, line, status) == (266859, 323, "entered")
    assert quote == "2021年共收到有效投诉 266859件，投诉处理率 100%；"


def test_every_decision_is_listed_and_a_stale_one_says_why(decided):
    states = decided.execute("select decision, state, doc_id, state_reason from review_decisions order by decision").fetchall()
    assert [(d, s) for d, s, _, _ in states] == [("accept", "applied"), ("accept", "stale"), ("add", "applied"),
                                                 ("correct", "applied"), ("reject", "applied")]
    stale = [row for row in states if row[1] == "stale"][0]
    assert stale[2] is None and "document not loaded" in stale[3]


def test_without_decisions_the_sources_are_as_found(con):
    assert value(con, "番禺", "good_review_rate")[2] == "conflict"
    assert value(con, "白云", "hotline_tickets")[:2] == (260000, 191)


def test_a_bad_decisions_file_stops_the_build_and_keeps_the_warehouse(tmp_path, warehouse):
    db = tmp_path / "w.duckdb"
    db.write_bytes(warehouse.read_bytes())
    before = db.read_bytes()
    bad = write(tmp_path / "decisions.csv", [{**ROWS[0], "decision": "maybe"}])
    with pytest.raises(BuildError, match=r"decisions\.csv:2: decision 应为 accept/correct/reject/add"):
        build(db_path=db, raw_dir=RAW, manifest_path=MANIFEST, decisions_path=bad)
    assert db.read_bytes() == before


def test_appending_keeps_earlier_decisions(tmp_path):
    path = write(tmp_path / "decisions.csv", ROWS[:1])
    decisions.append(path, decisions.parse(ROWS[1:2], "new"))
    kept = decisions.load(path)
    assert [(d.decision, d.kpi_id) for d in kept] == [("accept", "budget_total"), ("correct", "project_execution_rate")]


def test_a_figure_with_seven_digits_is_kept_whole(tmp_path):
    """平潭 2016 决算说明 line 27: 本年支出45951.12万元. A decision about it is written
    back with every digit (it was 45951.1), and its precision is two decimals."""
    rows = [{"sha256": "1" * 64, "decision": "add", "kpi_id": "budget_executed", "value": "45951.12", "year": "2016",
             "line": "27", "reason": "本年支出"}]
    path = tmp_path / "decisions.csv"
    decisions.append(path, decisions.parse(rows, "new"))
    with path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["value"] == "45951.12"
    assert decisions.load(path)[0].value == 45951.12
    assert decisions._precision(45951.12) == -2


def test_the_command_line_replays_decisions_by_doc_id(tmp_path):
    from add_helpers import built_site

    from etl.__main__ import main

    site = built_site(tmp_path / "site")
    replay = tmp_path / "replay.csv"
    with replay.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "decision", "kpi_id", "value", "year", "line", "reason"])
        writer.writeheader()
        writer.writerow({"doc_id": "001_44badf8aae7bb0c1", "decision": "add", "kpi_id": "hotline_tickets", "value": "266859",
                         "year": "2021", "line": "323", "reason": "有效投诉即热线工单的精确数"})
    assert main(["decide", str(replay), *site.cli()]) == 0
    assert [(d.sha256, d.decision, d.value) for d in decisions.load(site.decisions)] == [(BAIYUN, "add", 266859)]
    with duckdb.connect(str(site.db), read_only=True) as con:
        assert value(con, "白云", "hotline_tickets")[:3] == (266859, 323, "entered")
    replay.write_text("doc_id,decision,kpi_id,value,line\nnot_loaded,accept,budget_total,1,1\n", encoding="utf-8")
    before = site.decisions.read_bytes()
    assert main(["decide", str(replay), *site.cli()]) == 1
    assert site.decisions.read_bytes() == before  # a bad replay changes nothing
