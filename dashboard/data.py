"""Loading: one read-only DuckDB connection per process, query results cached."""

from __future__ import annotations

from pathlib import Path

from etl.build import DEFAULT_DB, build


def ensure_warehouse(db_path: Path = DEFAULT_DB) -> Path:
    """Build the warehouse from data/raw if it does not exist yet (first run)."""
    if not db_path.exists():
        build(db_path=db_path)
    return db_path
