"""After an upgrade, a warehouse built by the earlier code is rebuilt on first use,
so pages never query tables the old build did not make."""

import duckdb
import pytest

from dashboard import data
from etl.build import build, code_fingerprint, warehouse_fingerprint


@pytest.mark.parametrize("old_build", ["other fingerprint", "no build_info"])
def test_an_out_of_date_warehouse_is_rebuilt(tmp_path, monkeypatch, old_build):
    db = tmp_path / "warehouse.duckdb"
    build(db_path=db)
    assert warehouse_fingerprint(db) == code_fingerprint()
    con = duckdb.connect(str(db))
    con.execute("drop table kpi_value_sources")  # what an older build lacked
    if old_build == "no build_info":
        con.execute("drop table build_info")
    else:
        con.execute("update build_info set code_fingerprint = '0123456789abcdef'")
    con.close()
    monkeypatch.setenv("ZHENGSHU_DB", str(db))

    data.ensure_warehouse()

    assert warehouse_fingerprint(db) == code_fingerprint()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from kpi_value_sources").fetchone()[0] == 56
    con.close()


def test_a_current_warehouse_is_left_alone(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    before = warehouse.stat().st_mtime_ns
    data.ensure_warehouse()
    assert warehouse.stat().st_mtime_ns == before
