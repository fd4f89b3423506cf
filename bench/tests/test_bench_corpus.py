"""The benchmark's synthetic corpus is read completely: every figure and table row
the generator wrote is in the warehouse built from it, and nothing else."""

from bench.check import check_extraction
from bench.corpus import generate_corpus
from etl.build import build


def test_every_generated_value_is_extracted(tmp_path):
    corpus = generate_corpus(tmp_path / "corpus", 50, seed=2024)
    db = tmp_path / "synthetic.duckdb"
    build(db_path=db, raw_dir=corpus["raw_dir"], manifest_path=corpus["manifest"])
    result = check_extraction(db, corpus["expected"])
    assert corpus["kinds"] == {"self_evaluation": 30, "final_accounts": 10, "project_targets": 10}
    assert result.ok, result.summary()
    expected = {c.name: c.expected for c in result.categories}
    assert expected["kpi_observations"] >= corpus["figures"] == 582
    assert expected["budget_lines"] > 0 and expected["performance_indicators"] > 0
