"""Loading: one read-only DuckDB connection per warehouse file, query results cached.

Pages call `load("name", param=value)`, which runs queries/app/name.sql with DuckDB
named parameters ($param): no SQL lives in page files, and user input reaches SQL
only as parameters.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from etl.build import DEFAULT_DB, QUERIES, build

APP_QUERIES = QUERIES / "app"


def warehouse_path() -> Path:
    """data/warehouse.duckdb, or the file named by ZHENGSHU_DB (tests, benchmarks)."""
    return Path(os.environ.get("ZHENGSHU_DB", DEFAULT_DB))


def ensure_warehouse() -> Path:
    """Build the warehouse from data/raw if it does not exist yet (first run)."""
    db_path = warehouse_path()
    if not db_path.exists():
        build(db_path=db_path)
    return db_path


def warehouse_version() -> tuple[str, float]:
    """The warehouse file and its modification time: changes whenever a rebuild
    replaces the file."""
    db_path = warehouse_path()
    return str(db_path), db_path.stat().st_mtime


@st.cache_resource(show_spinner=False)
def _connection(db_path: str, modified: float) -> duckdb.DuckDBPyConnection:
    """Cached because opening DuckDB costs more than a query; keyed by the file's
    version so a rebuilt warehouse gets a fresh read-only connection."""
    return duckdb.connect(db_path, read_only=True)


@st.cache_data(show_spinner=False)
def _sql(name: str) -> str:
    """Cached because the query files do not change while the app runs."""
    return (APP_QUERIES / f"{name}.sql").read_text(encoding="utf-8")


@st.cache_data(show_spinner=False, max_entries=512)
def _run(name: str, params: tuple[tuple[str, object], ...], version: tuple[str, float]) -> pl.DataFrame:
    """Cached per query, parameters and warehouse version: pages rerun on every
    click, the data only changes when the warehouse is rebuilt."""
    con = _connection(*version).cursor()
    try:
        return con.sql(_sql(name), params=dict(params)).pl()
    finally:
        con.close()


def load(name: str, **params: object) -> pl.DataFrame:
    """Run queries/app/{name}.sql with named parameters, as a Polars frame."""
    return _run(name, tuple(sorted(params.items())), warehouse_version())


def has_table(name: str) -> bool:
    """Whether the warehouse has a table or view (later issues add tables)."""
    return bool(load("has_table", table=name)["present"][0])
