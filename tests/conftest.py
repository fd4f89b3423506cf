"""Shared fixtures: the real warehouse, built once per test session from data/raw,
and the headless Chromium the browser tests drive."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import pytest

from etl.build import MANIFEST, RAW, build
from etl.documents import Document, load_manifest, read_document

# No editor and no read-only mode unless a test sets them (tests/test_access.py): a machine's own
# editor list (~/.config/zhengshu/editors.toml) never changes what the tests, or the apps they serve, see.
os.environ["ZHENGSHU_EDITORS"] = str(Path(tempfile.mkdtemp(prefix="zhengshu-tests-")) / "no-editors.toml")
os.environ.pop("ZHENGSHU_READ_ONLY", None)


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from the five real reports, in a temporary folder."""
    db_path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build(db_path=db_path)
    return db_path


@pytest.fixture(scope="session")
def _connection(warehouse: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def con(_connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the session's warehouse, each test its own cursor: a result
    one test leaves unread never blocks the next test's query."""
    cursor = _connection.cursor()
    yield cursor
    cursor.close()


@pytest.fixture(scope="session")
def docs() -> dict[str, Document]:
    """The real reports by kind and district, e.g. docs['self_evaluation', '白云']."""
    manifest = load_manifest(MANIFEST)
    found = {}
    for path in sorted(RAW.glob("*.txt")):
        doc = read_document(path, manifest.get(path.name))
        found[doc.kind, doc.district] = doc
    return found


@pytest.fixture(scope="session")
def with_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five sources plus the three corpus reports (tests/corpus): two more 决算 from other places, a 部门预算;
    so three documents of one kind, and places outside Guangzhou. Built once for every test that reads it."""
    from add_helpers import warehouse_of

    return warehouse_of(tmp_path_factory.mktemp("with_corpus"), corpus=True)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (its own browser download does not
    work here). Never skipped: without /usr/bin/chromium the browser tests fail."""
    from playwright.sync_api import sync_playwright

    from dashboard.serving import ARGS, CHROMIUM

    assert Path(CHROMIUM).exists(), "Debian's chromium package is required: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
