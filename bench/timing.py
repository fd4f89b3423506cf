"""Small helpers shared by the benchmark sections: repeated timing with
percentiles, running a section in a fresh Python process, the machine's
description."""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


@dataclass
class Timing:
    """Repeated runs of one thing, in milliseconds."""

    runs: int
    p50: float
    p95: float
    min: float
    max: float

    def dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: with 20 runs, p95 is the 19th slowest; with fewer
    than 20 it is the slowest."""
    ordered = sorted(values)
    rank = max(math.ceil(share * len(ordered)), 1)
    return ordered[rank - 1]


def summarise(milliseconds: list[float]) -> Timing:
    return Timing(len(milliseconds), percentile(milliseconds, 0.5), percentile(milliseconds, 0.95), min(milliseconds),
                  max(milliseconds))


def repeat(action: Callable[[], object], runs: int = 20, budget_s: float = 3.0, min_runs: int = 5,
           warmup: int = 1) -> Timing:
    """Time `action` up to `runs` times, stopping early (after `min_runs`) when the
    runs so far have taken `budget_s` seconds; `warmup` runs are not counted."""
    for _ in range(warmup):
        action()
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < runs:
        begin = time.perf_counter()
        action()
        times.append((time.perf_counter() - begin) * 1000)
        if len(times) >= min_runs and time.perf_counter() - started > budget_s:
            break
    return summarise(times)


def run_json(module: str, *args: str, env: dict | None = None, timeout: float = 600) -> dict:
    """Run `python -m module args…` in a fresh process; it prints one JSON object as
    its last line of stdout."""
    completed = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
                               env={**os.environ, **(env or {})}, timeout=timeout)
    if completed.returncode != 0:
        raise RuntimeError(f"python -m {module} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def _chromium_version() -> str:
    try:
        return subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "not found"


PACKAGES = ("duckdb", "polars", "pyarrow", "streamlit", "plotly", "altair", "kaleido", "vl-convert-python", "playwright")


def machine() -> dict:
    """What the figures were measured on."""
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": versions,
        "chromium": _chromium_version(),
    }
