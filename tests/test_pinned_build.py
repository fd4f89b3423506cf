"""A page reads one build: a rebuild that replaces the warehouse while a run is under
way shows on the next run, never half-way through one (dashboard.data.pin_warehouse_version)."""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest


def _run_that_sees_a_rebuild() -> None:
    """A run as streamlit_app.py starts one, during which the file is replaced."""
    import os
    import shutil

    import streamlit as st

    from dashboard.data import load, pin_warehouse_version

    pin_warehouse_version()
    first = load("documents")["district"].to_list()
    if os.environ.get("REBUILD_FROM"):  # a rebuild lands: a new file renamed into place, as etl.build does
        target = os.environ["ZHENGSHU_DB"]
        shutil.copy(os.environ.pop("REBUILD_FROM"), target + ".new")
        os.replace(target + ".new", target)
    later = load("district_years")["district"].unique().to_list()
    st.write("first:" + ",".join(sorted(set(first))))
    st.write("later:" + ",".join(sorted(later)))


def test_a_run_reads_one_build_when_a_rebuild_lands_during_it(warehouse: Path, with_corpus: Path, tmp_path: Path,
                                                               monkeypatch) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, db)
    monkeypatch.setenv("ZHENGSHU_DB", str(db))
    monkeypatch.setenv("REBUILD_FROM", str(with_corpus))
    app = AppTest.from_function(_run_that_sees_a_rebuild, default_timeout=60)
    app.run()
    assert not app.exception
    # the five sources are 番禺, 白云 and 增城; the rebuild adds 普陀 and 平潭, which this run must not show
    assert [m.value for m in app.markdown] == ["first:增城,番禺,白云", "later:增城,番禺,白云"]
    app.run()  # the next run reads the new build
    assert [m.value for m in app.markdown] == ["first:增城,平潭,普陀,番禺,白云", "later:增城,平潭,普陀,番禺,白云"]
