"""The build fanned out (etl/fanout.py): two worker processes, and Dask on a local
cluster of two, write the same warehouse as one worker, row for row; a bad file stops
each of them with the same message, and --skip-bad lists the same files in file order."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from dask.distributed import LocalCluster

from etl import fanout
from etl.__main__ import main
from etl.build import RAW, BuildError, build


def warehouse_rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted (observation_id included, so the numbering counts),
    without the time the warehouse was built."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1").fetchall()]
        found = {}
        for table in tables:
            cursor = con.execute(f"select {'* exclude (built_at)' if table == 'build_info' else '*'} from {table}")
            found[table] = sorted(cursor.fetchall(), key=repr)
        return found
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    db = tmp_path_factory.mktemp("one_worker") / "w.duckdb"
    build(db_path=db, workers=1)
    return warehouse_rows(db)


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster of two single-threaded worker processes, for the whole module
    (it takes a few seconds to start)."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


@pytest.fixture
def pool_used(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A pool even for five files (below POOL_MIN_FILES one process reads them all);
    the list holds the worker count of every pool started."""
    started: list[int] = []
    in_pool = fanout._in_pool

    def counted(files, rows, workers):
        started.append(workers)
        return in_pool(files, rows, workers)

    monkeypatch.setattr(fanout, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(fanout, "_in_pool", counted)
    return started


def test_two_workers_write_the_same_warehouse_as_one(tmp_path, one_worker, pool_used):
    db = tmp_path / "w.duckdb"
    assert main(["build", "--db", str(db), "--workers", "2"]) == 0
    assert pool_used == [2]
    assert warehouse_rows(db) == one_worker
    # 81: the five sources' figures, one of them a target the reading finds in 番禺 2021 (line 1158)
    assert len(one_worker["kpi_observations"]) == 81 and len(one_worker["documents"]) == 5


def test_dask_writes_the_same_warehouse_as_one_worker(tmp_path, one_worker, cluster):
    db = tmp_path / "w.duckdb"
    summary = build(db_path=db, engine="dask", scheduler=cluster.scheduler_address)
    assert summary.documents == 5
    assert warehouse_rows(db) == one_worker


@pytest.fixture
def raw_with_bad_files(tmp_path: Path) -> Path:
    """The five sources between two bad files: an empty one first, a GBK one last."""
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    (folder / "000_empty.txt").write_bytes(b"")
    (folder / "zz_gbk.txt").write_bytes("报告\n".encode() + "全年预算数".encode("gbk"))
    return folder


ENGINES = {"one worker": {"workers": 1}, "two workers": {"workers": 2}, "dask": {"engine": "dask"}}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_bad_file_stops_every_engine_with_the_same_message(tmp_path, raw_with_bad_files, pool_used, cluster, engine):
    options = {**ENGINES[engine], "scheduler": cluster.scheduler_address if engine == "dask" else None}
    with pytest.raises(BuildError) as caught:
        build(db_path=tmp_path / "w.duckdb", raw_dir=raw_with_bad_files, **options)
    assert str(caught.value) == ("000_empty.txt: 文件为空 (file is empty)\n"
                                 "构建已停止，原仓库未改动 (build stopped; the previous warehouse is untouched)")
    assert not (tmp_path / "w.duckdb").exists()
    summary = build(db_path=tmp_path / "w.duckdb", raw_dir=raw_with_bad_files, skip_bad=True, **options)
    assert summary.skipped == ["000_empty.txt: 文件为空 (file is empty)",
                               "zz_gbk.txt:2: 不是有效的 UTF-8 文本，可能是 GBK 编码，请另存为 UTF-8 "
                               "(not valid UTF-8 text; it looks GBK-encoded: save it as UTF-8)"]
    assert summary.documents == 5 and summary.observations == 81
    assert pool_used == ([2, 2] if engine == "two workers" else [])
