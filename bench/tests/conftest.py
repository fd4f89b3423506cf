"""The benchmark's own checks (its generator, its baselines, its measures): they run
with the tests (pyproject's testpaths) but live here, so that tests/ imports nothing
from bench/."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.build import build


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from the five real reports."""
    db_path = tmp_path_factory.mktemp("bench_warehouse") / "warehouse.duckdb"
    build(db_path=db_path)
    return db_path
