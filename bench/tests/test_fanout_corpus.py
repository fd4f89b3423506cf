"""The Dask engine at scale: the 500-document synthetic corpus read and extracted on a
local cluster of two workers is read completely, and its observations are numbered in
file order (results gathered back in the documents' order, not as they finished)."""

from __future__ import annotations

import duckdb

from bench.check import check_extraction
from bench.corpus import generate_corpus
from etl.build import build


def test_dask_on_two_workers_reads_the_500_document_corpus_in_file_order(tmp_path):
    corpus = generate_corpus(tmp_path / "corpus", 500, seed=2024)
    db = tmp_path / "w.duckdb"
    summary = build(db_path=db, raw_dir=corpus["raw_dir"], manifest_path=corpus["manifest"],
                    decisions_path=tmp_path / "no_decisions.csv", engine="dask", workers=2)
    assert (summary.documents, summary.skipped) == (500, [])
    result = check_extraction(db, corpus["expected"])
    assert result.ok, result.summary()
    with duckdb.connect(str(db), read_only=True) as con:
        files = [file for (file,) in con.execute(
            "select d.file from kpi_observations as o join documents as d using (doc_id) "
            "where coalesce(o.note, '') not like '复算%' order by o.observation_id").fetchall()]
    assert len(set(files)) == 500
    assert files == sorted(files)  # the recomputed rates follow, appended after every document's own
