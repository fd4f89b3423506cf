"""Six people at once: the app served as `make run` serves it, six contexts of one
headless Chromium each going round Overview → Benchmark → Trends → Sources for 40 s,
changing the KPI on each page that has one; every step answered, the server never
stops answering its health check, and a new visitor and /_stcore/health answer
within 10 s afterwards (issue 18: the server froze for good under six to ten sessions).

The load is bench/load.py's command (also `python -m bench`'s load section), run
here as a command and judged by its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.build import ROOT

pytestmark = pytest.mark.browser


def test_six_people_going_round_the_pages_all_answered(warehouse: Path):
    assert Path("/usr/bin/chromium").exists(), "Debian's chromium package is required: apt-get install chromium"
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", "--db", str(warehouse), "--sessions", "6", "--seconds", "40"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.stdout.strip(), done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["error_examples"] == []
    assert result["errors"] == 0
    assert result["steps"] >= 6 * 2  # at least two steps a person in 40 s (23 here: six browsers start slowly on two cores)
    assert result["freezes"] == 0
    assert result["new_visitor_s"] is not None and result["new_visitor_s"] < 10
    assert result["health_s"] is not None and result["health_s"] < 10
    assert result["ok"] is True
    assert done.returncode == 0
