"""No Python function runs inside Polars on the serving path or in the ETL.

A Python callback in Polars' thread pool (map_elements and kin) while another
session's thread converts a frame deadlocked the whole server under six people
at once (issue 18; pola-rs/polars#26821, #10970). Labels come from native
`replace` expressions (dashboard/labels.py), formatted figures are computed in
the calling thread outside Polars."""

from __future__ import annotations

import ast

import pytest

from etl.build import ROOT

# Polars methods and functions that call back into Python for rows, batches or groups.
CALLBACKS = {"map_elements", "map_batches", "map_rows", "map_groups", "apply", "rolling_map", "fold", "reduce",
             "cum_fold", "cum_reduce"}


def callbacks(source: str) -> list[tuple[int, str]]:
    """(line, name) of every call to one of CALLBACKS as a method or module attribute."""
    return [(node.lineno, node.func.attr) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLBACKS]


@pytest.mark.parametrize("source, found", [
    ('pl.col("district").map_elements(lambda d: d, return_dtype=pl.Utf8)', [(1, "map_elements")]),
    ('frame.select(pl.struct("a", "b").map_batches(f))', [(1, "map_batches")]),
    ("frame.map_rows(tuple)", [(1, "map_rows")]),
    ("pl.fold(0, lambda a, b: a + b, [pl.col('x')])", [(1, "fold")]),
    ('pl.col("district").replace({"番禺": "Panyu"})', []),
    ('pl.concat_str([pl.col("a"), pl.col("b")], separator=" ")', []),
])
def test_the_check_finds_callbacks(source, found):
    assert callbacks(source) == found


@pytest.mark.parametrize("package", ["dashboard", "etl"])
def test_no_python_callbacks_inside_polars(package):
    found = {f"{path.relative_to(ROOT)}:{line} {name}"
             for path in sorted((ROOT / package).rglob("*.py"))
             for line, name in callbacks(path.read_text(encoding="utf-8"))}
    assert not found, f"Python callbacks inside Polars can deadlock the server: {sorted(found)}"
    assert len(list((ROOT / package).rglob("*.py"))) > 5  # the walk saw the package's modules
