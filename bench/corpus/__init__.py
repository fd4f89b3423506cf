"""A synthetic corpus of bureau reports, in the three genres of the real sources,
with every generated figure recorded so that a build can be checked against it.

Documents read like the PDF text of the real reports (lines broken mid-sentence,
blank lines between them, markdown tables split across pages with their headers
repeated) and use the phrasings the extractors know (the comments above each Rule
in etl/self_evaluation.py, etl/prose_rules.py, etl/final_accounts.py, and the table
layouts of the real 部门决算 and 项目支出绩效目标表). Districts are Guangzhou's
eleven, years 2015-2024.

The figures of one district and year (its budget, spending, service and hotline
volumes, …) are drawn once from a seeded generator, so that every document about
that district-year agrees with every other, and a change stated against the
previous year ("比上年决算数增加 272.42 万元", "同比增长 9.28%") leads to the previous
year's own figure. A build of the corpus therefore has no conflicts, and every
quality check passes: anything else is a bug in the generator or the extractors.

Each figure is written with a position mark; the writer records the raw line the
figure lands on, so the check compares value, precision, kind, period, qualifier
*and* line with what the build found (see bench.check).

    generate_corpus(out_dir, documents=50)  ->  out_dir/raw/*.txt, out_dir/manifest.csv,
                                                out_dir/expected.json
"""


from __future__ import annotations

import csv
import hashlib
import json
import random
from pathlib import Path

from bench.corpus.common import KIND_CYCLE, YEARS, Draft, facts, seeded
from bench.corpus.final_accounts import write_final_accounts
from bench.corpus.project_targets import write_project_targets
from bench.corpus.self_evaluation import write_self_evaluation
from etl.documents import DISTRICTS

# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

_TITLES = {
    "self_evaluation": "广州市{d}区政务服务数据管理局{y}年部门整体支出绩效自评报告",
    "final_accounts": "{y}年广州市{d}区政务服务数据管理局部门决算",
    "project_targets": "项目支出绩效目标表（含转移支付项目）",
}
_WRITERS = {"self_evaluation": write_self_evaluation, "final_accounts": write_final_accounts}


def assignments(documents: int, seed: int) -> list[tuple[str, int, str]]:
    """(district, year, kind) of each document: the real corpus's mix of kinds; each
    kind goes through every district-year once (in a seeded order) before any is
    repeated (a re-issued report: the same figures, other wording)."""
    rng = random.Random(seed)
    queues: dict[str, list[tuple[str, int]]] = {}
    chosen = []
    for number in range(documents):
        kind = KIND_CYCLE[number % len(KIND_CYCLE)]
        if not queues.get(kind):
            queue = [(d, y) for d in DISTRICTS for y in YEARS]
            rng.shuffle(queue)
            queues[kind] = queue
        district, year = queues[kind].pop()
        chosen.append((district, year, kind))
    return chosen


def write_document(number: int, district: str, year: int, kind: str, seed: int, salt: int = 0) -> Draft:
    """One synthetic report and the figures it states."""
    draft = Draft(doc_id=f"syn_{number:04d}", district=district, year=year, kind=kind)
    rng = seeded(seed, "document", number, salt)
    f = facts(seed, district, year)
    if kind == "project_targets":
        write_project_targets(draft, f, rng)
    else:
        _WRITERS[kind](draft, f, seed, rng)
    draft.resolve()
    return draft


def recomputed_rates(observations: list[dict]) -> list[dict]:
    """The rates the build recomputes from a document's own figures (etl.build.recompute_rates)."""
    first: dict[tuple[int, str], dict] = {}
    for obs in observations:
        if obs["kind"] == "actual" and not obs["period"]:
            first.setdefault((obs["year"], obs["kpi_id"]), obs)
    derived = []
    for rate, numerator_id, denominator_id in (("budget_execution_rate", "budget_executed", "budget_total"),
                                               ("basic_execution_rate", "basic_expenditure", "basic_budget"),
                                               ("project_execution_rate", "project_expenditure", "project_budget")):
        for (year, kpi_id), numerator in first.items():
            denominator = first.get((year, denominator_id))
            if kpi_id != numerator_id or not denominator or not denominator["value"]:
                continue
            derived.append({"kpi_id": rate, "year": year, "value": round(numerator["value"] / denominator["value"] * 100, 4),
                            "precision": -4, "unit": "%", "kind": "derived", "period": None, "qualifier": None,
                            "line": numerator["line"], "recomputed": True})
    return derived


def generate_corpus(out_dir: Path, documents: int, seed: int = 2024) -> dict:
    """Write `documents` synthetic reports to out_dir/raw, with out_dir/manifest.csv
    and out_dir/expected.json (every figure each document states, with its line).
    Returns the summary: documents by kind, bytes, figures."""
    out_dir = Path(out_dir)
    raw = out_dir / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for old in raw.iterdir():
        old.unlink()
    manifest_rows, expected = [], {}
    seen: set[str] = set()
    total_bytes = 0
    for number, (district, year, kind) in enumerate(assignments(documents, seed)):
        for salt in range(10):  # a re-issued report must not be byte-identical to the first
            draft = write_document(number, district, year, kind, seed, salt)
            data = draft.writer.text().encode("utf-8")
            sha = hashlib.sha256(data).hexdigest()
            if sha not in seen:
                break
        seen.add(sha)
        file = f"{draft.doc_id}.txt"
        (raw / file).write_bytes(data)
        total_bytes += len(data)
        district_full = (f"{district}区政务服务数据管理局（本级）" if kind == "project_targets"
                         else f"广州市{district}区政务服务数据管理局")
        manifest_rows.append({"doc_id": draft.doc_id, "file": file, "district": district, "district_full": district_full,
                              "year": year, "kind": kind, "title": _TITLES[kind].format(d=district, y=year), "sha256": sha})
        observations = draft.observations + recomputed_rates(draft.observations)
        expected[draft.doc_id] = {"file": file, "district": district, "year": year, "kind": kind,
                                  "observations": observations, "tables": draft.tables}
    with (out_dir / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "file", "district", "district_full", "year", "kind", "title",
                                                    "sha256"])
        writer.writeheader()
        writer.writerows(manifest_rows)
    (out_dir / "expected.json").write_text(json.dumps({"seed": seed, "documents": expected}, ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    kinds = {k: sum(1 for r in manifest_rows if r["kind"] == k) for k in ("self_evaluation", "final_accounts", "project_targets")}
    return {"documents": documents, "kinds": kinds, "bytes": total_bytes,
            "figures": sum(len(e["observations"]) for e in expected.values()),
            "table_rows": sum(len(rows) for e in expected.values() for rows in e["tables"].values()),
            "raw_dir": raw, "manifest": out_dir / "manifest.csv", "expected": out_dir / "expected.json"}
