"""The mutation check of the written rules: each deliberate break of a rule file, made in
a copy of the project, must make the tests that concern it fail.

`python -m bench.mutations` prints one JSON line: for each mutation, whether it could be
applied (its text is in the file as it is now), whether the tests killed it, and the
first test that failed. A mutation that survives is a rule the tests would let break.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ("tests/test_choice_rules.py", "tests/test_conflict_rule.py")


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    pattern: str  # a regular expression; its first match is replaced
    replacement: str


MUTATIONS = (
    Mutation("a person's figure no longer first", "queries/kpi_values.sql", r"order by review is null, ", "order by "),
    Mutation("targets taken as values", "queries/kpi_values.sql", r"where kind in \('actual', 'derived'\)",
             "where kind in ('actual', 'derived', 'target')"),
    Mutation("the KPI's own definition no longer first", "queries/kpi_values.sql", r"definition is not null, period",
             "period"),
    Mutation("a whole year no longer before part of it", "queries/kpi_values.sql", r"period is not null, kind", "kind"),
    Mutation("derived as good as stated", "queries/kpi_values.sql", r"kind <> 'actual', precision", "precision"),
    Mutation("the more precise figure no longer first", "queries/kpi_values.sql", r"precision, doc_id, line",
             "doc_id, line"),
    Mutation("the latest line first", "queries/kpi_values.sql", r"doc_id, line\n", "doc_id, line desc\n"),
    Mutation("every KPI ranked highest first", "queries/macros/ranked.sql",
             r"case when higher_is_better is false then value else -value end", "-value"),
    Mutation("the peer average includes the district", "queries/macros/ranked.sql", r" exclude current row", ""),
    Mutation("kinds of bureau ranked together", "queries/macros/ranked.sql", r"kpi_id, bureau_kind, ranked\)",
             "kpi_id, ranked)"),
    Mutation("part-year values compared", "queries/kpi_values.sql", r"\s*when r\.period is not null then 'part_year'", ""),
    Mutation("approximate values compared", "queries/kpi_values.sql", r"\s*when r\.qualifier is not null then 'approximate'",
             ""),
    Mutation("another definition compared", "queries/kpi_values.sql", r"\s*when r\.definition is not null then 'definition'",
             ""),
    Mutation("a scan's figure no one accepted compared", "queries/kpi_values.sql",
             r"\s*when r\.review is null and starts_with\(r\.note, 'ocr：'\) then 'ocr'", ""),
    Mutation("a change from a scan's figure no one accepted", "queries/kpi_yoy.sql",
             r" and not unreviewed_scan and not previous_unreviewed_scan\n", "\n"),
)


def _copy() -> Path:
    """A copy of the project's tracked files and its reports."""
    folder = Path(tempfile.mkdtemp(prefix="mutations_"))
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    return folder


def run(mutation: Mutation) -> dict:
    copy = _copy()
    try:
        path = copy / mutation.file
        text = path.read_text(encoding="utf-8")
        mutated, count = re.subn(mutation.pattern, mutation.replacement, text, count=1)
        if not count:
            return {"mutation": mutation.name, "file": mutation.file, "applied": False, "killed": False, "by": None}
        path.write_text(mutated, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(copy)}
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS], cwd=copy,
                              env=env, capture_output=True, text=True, timeout=900)
        failed = re.search(r"^FAILED (\S+)", done.stdout, re.MULTILINE)
        return {"mutation": mutation.name, "file": mutation.file, "applied": True, "killed": done.returncode != 0,
                "by": failed.group(1) if failed else None}
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def measure() -> dict:
    results = [run(m) for m in MUTATIONS]
    return {"mutations": results, "survivors": [r["mutation"] for r in results if r["applied"] and not r["killed"]],
            "not_applied": [r["mutation"] for r in results if not r["applied"]]}


def main() -> None:
    print(json.dumps(measure(), ensure_ascii=False))


if __name__ == "__main__":
    main()
