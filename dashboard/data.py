"""Loading: one read-only DuckDB connection per warehouse file, query results cached.

Pages call `load("name", param=value)`, which runs queries/app/name.sql with DuckDB
named parameters ($param): no SQL lives in page files, and user input reaches SQL
only as parameters.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from etl.build import DEFAULT_DB, MANIFEST, QUERIES, RAW, build, code_fingerprint, warehouse_fingerprint
from etl.decisions import DECISIONS
from etl.open_data import datapackage_zip

APP_QUERIES = QUERIES / "app"


def warehouse_path() -> Path:
    """data/warehouse.duckdb, or the file named by ZHENGSHU_DB (tests, benchmarks)."""
    return Path(os.environ.get("ZHENGSHU_DB", DEFAULT_DB))


def raw_dir() -> Path:
    """data/raw, or the folder named by ZHENGSHU_RAW (tests): where added reports go."""
    return Path(os.environ.get("ZHENGSHU_RAW", RAW))


def manifest_path() -> Path:
    """data/manifest.csv, or the file named by ZHENGSHU_MANIFEST (tests)."""
    return Path(os.environ.get("ZHENGSHU_MANIFEST", MANIFEST))


def decisions_path() -> Path:
    """data/decisions.csv, or the file named by ZHENGSHU_DECISIONS (tests): a person's
    decisions about figures, applied by every build."""
    return Path(os.environ.get("ZHENGSHU_DECISIONS", DECISIONS))


@functools.cache
def _current_code() -> str:
    return code_fingerprint()


@functools.lru_cache(maxsize=8)
def _out_of_date(db_path: str, modified: float) -> bool:
    """Whether the warehouse file (at this version) was built by other code: checked
    once per file version, not on every run."""
    return warehouse_fingerprint(Path(db_path)) != _current_code()


def needs_build() -> bool:
    """Whether ensure_warehouse() would build: no warehouse yet, or one built by
    other code."""
    return not warehouse_path().exists() or _out_of_date(*warehouse_version())


def ensure_warehouse() -> Path:
    """Build the warehouse from data/raw if it does not exist yet (first run), or
    rebuild it if it was built by an earlier version of the code (after an upgrade,
    its tables may lack what the pages read). A rebuild replaces the file whole."""
    db_path = warehouse_path()
    if needs_build():
        build(db_path=db_path, raw_dir=raw_dir(), manifest_path=manifest_path(), decisions_path=decisions_path())
    return db_path


def warehouse_version() -> tuple[str, float]:
    """The warehouse file and its modification time: changes whenever a rebuild
    replaces the file."""
    db_path = warehouse_path()
    return str(db_path), db_path.stat().st_mtime


_PIN = "_warehouse_version"


def pin_warehouse_version() -> None:
    """Fix, for this session's run, the warehouse version every query reads (called
    first thing in every full run, by streamlit_app.py). A rebuild that replaces the
    file while a page runs then shows on the next run, never half-way through one: a
    page's charts, tables and footer all come from one build. A fragment's rerun keeps
    the pin of the run that drew the rest of the page."""
    version = warehouse_version()
    _connection(*version)  # opened now, so the file pinned is the file read
    st.session_state[_PIN] = version


def pinned_version() -> tuple[str, float]:
    """The version this run reads: the pinned one, else (outside a full run, e.g. a
    page run alone in a test) the file's current one."""
    pinned = st.session_state.get(_PIN)
    return tuple(pinned) if pinned else warehouse_version()


def open_read_only(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file now at db_path; query it
    through reader(), which selects the warehouse on each cursor.

    Not duckdb.connect(db_path): DuckDB keeps one database per path in a process,
    so after a rebuild renamed a new file into place, connect() would hand back
    the replaced file while any connection to it is open. Attaching the file to
    a fresh in-memory database opens the file at the path now; connections
    already open keep reading the file they opened, whole (see etl.build).
    """
    con = duckdb.connect(":memory:")
    quoted = str(db_path).replace("'", "''")
    con.execute(f"attach '{quoted}' as warehouse (read_only)")
    return con


def reader(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of an open_read_only connection, on the warehouse (one per query,
    so that sessions can query from several threads at once)."""
    cursor = con.cursor()
    cursor.execute("use warehouse")
    return cursor


@st.cache_resource(show_spinner=False)
def _connection(db_path: str, modified: float) -> duckdb.DuckDBPyConnection:
    """Cached because opening DuckDB costs more than a query; keyed by the file's
    version so a rebuilt warehouse gets a fresh read-only connection."""
    return open_read_only(db_path)


@st.cache_data(show_spinner=False)
def _sql(name: str) -> str:
    """Cached because the query files do not change while the app runs."""
    return (APP_QUERIES / f"{name}.sql").read_text(encoding="utf-8")


@st.cache_resource(show_spinner=False, max_entries=512)
def _run(name: str, params: tuple[tuple[str, object], ...], version: tuple[str, float]) -> pl.DataFrame:
    """Cached per query, parameters and warehouse version: pages rerun on every
    click, the data only changes when the warehouse is rebuilt. One frame shared by
    every run and session (st.cache_resource), not a copy per run (st.cache_data
    unpickles one on every hit, which cost more than most pages' own work): a
    Polars frame is not changed in place by anything here, every operation makes
    a new one."""
    con = reader(_connection(*version))
    try:
        return con.sql(_sql(name), params=dict(params)).pl()
    finally:
        con.close()


def load(name: str, **params: object) -> pl.DataFrame:
    """Run queries/app/{name}.sql with named parameters, as a Polars frame."""
    return _run(name, tuple(sorted(params.items())), pinned_version())


@st.cache_data(show_spinner=False, max_entries=2)
def _open_data_zip(db_path: str, modified: float) -> bytes:
    """Cached because writing every table as CSV and zipping them takes about a second;
    keyed by the warehouse file's version, so a rebuilt warehouse gets a new package."""
    return datapackage_zip(Path(db_path))


def open_data_zip() -> bytes:
    """The warehouse as a Frictionless Data Package in one zip (etl.open_data), read-only."""
    return _open_data_zip(*pinned_version())
