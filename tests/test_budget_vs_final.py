"""Budget beside final accounts per 功能分类 code (queries/app/budget_vs_final.sql).

No district-year of the corpus has both a 部门预算 and a 部门决算, so the join is
tested on the two real 普陀 documents with the 预算's year given as 2024 in the
manifest (a person's correction): the figures are the documents' own, the pairing
is the test's. The figures are of different bureaus (财政局, 政府办公室)."""

from __future__ import annotations

import csv
import shutil

import duckdb

from etl.build import QUERIES, ROOT, build


def test_each_code_with_its_budget_its_final_figure_and_the_share_spent(tmp_path):
    corpus = ROOT / "tests" / "corpus"
    (tmp_path / "raw").mkdir()
    rows = [{"doc_id": "final_2024", "file": "final_2024.txt", "district": "普陀", "district_full": "上海市普陀区",
             "year": "2024", "kind": "final_accounts", "title": "", "sha256": ""},
            {"doc_id": "budget_as_2024", "file": "budget_as_2024.txt", "district": "普陀", "district_full": "上海市普陀区",
             "year": "2024", "kind": "budget", "title": "", "sha256": ""}]
    shutil.copy(corpus / "putuo_finance_2024_final_accounts.txt", tmp_path / "raw" / "final_2024.txt")
    shutil.copy(corpus / "putuo_govoffice_2025_budget.txt", tmp_path / "raw" / "budget_as_2024.txt")
    with (tmp_path / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    build(db_path=tmp_path / "w.duckdb", raw_dir=tmp_path / "raw", manifest_path=tmp_path / "manifest.csv")
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        found = con.execute((QUERIES / "app" / "budget_vs_final.sql").read_text(encoding="utf-8")).fetchall()
    by_code = {row[2]: row for row in found}
    # 201 一般公共服务支出: budget 82,096,797.42 元 (支出预算总表, line 149), final 2,106.66 万元 (支出决算表, line 198)
    district, year, code, name, budget, final, share, budget_doc, budget_line, final_doc, final_line = by_code["201"]
    assert (district, year, round(budget, 2), final, share) == ("普陀", 2024, 8209.68, 2106.66, 25.66)
    assert (budget_doc, budget_line, final_doc, final_line) == ("budget_as_2024", 149, "final_2024", 198)
    # a code only one side states keeps the other side empty, never 0
    assert by_code["2010601"][4] is None and by_code["2010601"][5] == 1511.89
    assert by_code["2010301"][5] is None and round(by_code["2010301"][4], 2) == 1202.95
