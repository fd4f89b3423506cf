"""Budget beside final accounts per 功能分类 code (queries/app/budget_vs_final.sql).

No district-year of the corpus has both a 部门预算 and a 部门决算, so the join is
tested on the two real 普陀 documents with the 预算's year given as 2024 in the
manifest (a person's correction, add_helpers.budget_beside_final): the figures are
the documents' own, the pairing is the test's. The figures are of different bureaus
(财政局, 政府办公室), and a budget is paired with the final accounts of its own bureau
only: to see the pair, the test also gives the 预算 the 决算's issuing body."""

from __future__ import annotations

import duckdb
from add_helpers import budget_beside_final
from app_helpers import open_page

from etl.build import QUERIES


def budget_vs_final(db) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute((QUERIES / "app" / "budget_vs_final.sql").read_text(encoding="utf-8")).fetchall()


def test_a_budget_is_not_set_beside_another_bureaus_final_accounts(tmp_path):
    # 上海市普陀区人民政府办公室's budget (the bureau its text names), 上海市普陀区财政局's final accounts
    assert budget_vs_final(budget_beside_final(tmp_path, "上海市普陀区")) == []


def test_each_code_with_its_budget_its_final_figure_and_the_share_spent(tmp_path):
    found = budget_vs_final(budget_beside_final(tmp_path, "上海市普陀区财政局"))
    by_code = {row[2]: row for row in found}
    # 201 一般公共服务支出: budget 82,096,797.42 元 (支出预算总表, line 149), final 2,106.66 万元 (支出决算表, line 198)
    district, year, code, name, budget, final, share, budget_doc, budget_line, final_doc, final_line, *titles = by_code["201"]
    assert (district, year, round(budget, 2), final, share) == ("普陀", 2024, 8209.68, 2106.66, 25.66)
    assert (budget_doc, budget_line, final_doc, final_line) == ("budget_as_2024", 149, "final_2024", 198)
    # a code only one side states keeps the other side empty, never 0
    assert by_code["2010601"][4] is None and by_code["2010601"][5] == 1511.89
    assert by_code["2010301"][5] is None and round(by_code["2010301"][4], 2) == 1202.95


def test_the_budget_page_shows_the_pair_with_its_documents_and_lines(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(budget_beside_final(tmp_path, "上海市普陀区财政局")))
    at = open_page("budget", view="compare")
    # cells with gaps are shown as text, the gaps empty
    table = next(d.value for d in at.dataframe if "预算文件" in d.value.columns).to_dict("records")
    row = next(r for r in table if r["科目编码"] == "201")
    assert (row["预算文件"], row["预算行号"], row["决算文件"], row["决算行号"], row["执行率 %"]) == (
        "上海市普陀区2025年区级部门预算", "149", "上海市普陀区财政局2024年度部门决算", "198", "25.66")
    # a code the final accounts lack has an empty cell, not 0 and not "None"
    row = next(r for r in table if r["科目编码"] == "2010301")
    assert (row["决算（万元）"], row["执行率 %"], row["决算文件"]) == ("", "", "上海市普陀区财政局2024年度部门决算")
