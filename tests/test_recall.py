"""Recall on real reports, as `python -m bench` measures it: every figure a person
expects from the five sources and the corpus reports (tests/expected_figures.csv,
written by hand) is found, none is wrong, none is invented. Run as the command
(bench/real_reports.py) and judged by its JSON."""

from __future__ import annotations

import json
import subprocess
import sys

from etl.build import ROOT


def test_every_expected_figure_found_none_wrong_none_invented():
    done = subprocess.run([sys.executable, "-m", "bench.real_reports"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    problems = {d["document"]: (d["missed"], d["wrong"], d["invented"]) for d in result["documents"]
                if d["missed"] or d["wrong"] or d["invented"]}
    assert problems == {}
    assert (result["expected"], result["found"]) == (61, 61)  # with 普陀 2024's 三公 0.00 (line 572)
    assert len(result["documents"]) == 7  # the five sources and two corpus reports
