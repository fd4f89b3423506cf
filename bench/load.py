"""Load: several people clicking at once, in one headless Chromium.

`python -m bench.load --db FILE --sessions 8 --changes 20` serves the app as `make run`
does (`python -m dashboard`) on a free loopback port, opens N browser contexts
(started a fraction of a second apart) and has each make --changes KPI changes, in
turn on the Benchmark, Trends and Sources pages, with --pause seconds between them.
A change is answered when the URL carries the new KPI and Streamlit's running
indicator is gone. Then a new visitor opens the Overview and /_stcore/health is
asked, each within --visitor-timeout seconds. Prints one JSON line:

- answered / errors: changes answered within --change-timeout, and what failed;
- p50 / p95 / max: seconds from the key press to the page updated and idle;
- freezes: health checks (every second during the run) that got no answer within
  5 s, plus restarts the server's supervisor logged;
- memory_mb: the server's resident memory (supervisor and server processes) at
  the start, at its peak, and at the end;
- ok: no errors, no freezes, the new visitor and the health check answered.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench.timing import percentile
from dashboard.serving import ARGS, CHROMIUM, PRODUCT, served
from dashboard.supervisor import RESTART_MARK

PAGES = (("benchmark", "对标"), ("trends", "趋势"), ("sources", "来源与质量"))
IDLE = "() => !document.querySelector('[data-testid=stStatusWidget]')"


def process_tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, from /proc (Linux)."""
    total_kb, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total_kb += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total_kb / 1024


def healthy(url: str, timeout: float) -> float | None:
    """Seconds /_stcore/health took to answer 200, or None."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return time.perf_counter() - started if response.status == 200 else None
    except OSError:
        return None


class Monitor(threading.Thread):
    """Samples the server's memory and health every second while the load runs."""

    def __init__(self, url: str, pid: int) -> None:
        super().__init__(daemon=True)
        self.url, self.pid = url, pid
        self.memory: list[float] = []
        self.health_timeouts = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.memory.append(process_tree_rss_mb(self.pid))
            if healthy(self.url, timeout=5) is None:
                self.health_timeouts += 1
            self.stopped.wait(1.0)


async def change_kpi(page, timeout_ms: float) -> float:
    """Pick the next KPI in the page's first selectbox (the KPI picker); seconds
    until the URL carries another KPI and the page is idle."""
    before = await page.evaluate("() => new URLSearchParams(location.search).get('kpi')")
    box = page.get_by_test_id("stSelectbox").first
    await box.locator("input").click()
    await page.get_by_role("option").first.wait_for(state="visible", timeout=timeout_ms)
    started = time.perf_counter()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Enter")
    await page.wait_for_function(
        "(before) => new URLSearchParams(location.search).get('kpi') !== before"
        " && !document.querySelector('[data-testid=stStatusWidget]')",
        arg=before, timeout=timeout_ms, polling=50)
    return time.perf_counter() - started


async def session(browser, url: str, number: int, changes: int, pause: float, timeout_ms: float) -> dict:
    """One person: each page in turn, a share of the changes on each."""
    await asyncio.sleep(0.3 * number)  # people arrive a moment apart
    context = await browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = await context.new_page()
    times: list[float] = []
    errors: list[str] = []
    shares = [changes // len(PAGES) + (1 if i < changes % len(PAGES) else 0) for i in range(len(PAGES))]
    try:
        for (path, heading), share in zip(PAGES, shares, strict=True):
            try:
                await page.goto(f"{url}/{path}", wait_until="commit")
                await page.get_by_role("heading", name=heading, level=1).wait_for(timeout=timeout_ms)
                await page.wait_for_function(IDLE, timeout=timeout_ms, polling=100)
            except Exception as error:  # noqa: BLE001  counted, reported
                errors.append(f"session {number} open {path}: {type(error).__name__}: {str(error)[-900:]}")
                continue
            for _ in range(share):
                try:
                    times.append(await change_kpi(page, timeout_ms))
                except Exception as error:  # noqa: BLE001
                    errors.append(f"session {number} change on {path}: {type(error).__name__}: {str(error)[-900:]}")
                await asyncio.sleep(pause)
    finally:
        await context.close()
    return {"times": times, "errors": errors}


async def new_visitor(browser, url: str, timeout_ms: float) -> float | None:
    context = await browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = await context.new_page()
    started = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit")
        await page.get_by_role("heading", name="总览", level=1).wait_for(timeout=timeout_ms)
        return time.perf_counter() - started
    except Exception:  # noqa: BLE001  reported as None
        return None
    finally:
        await context.close()


async def drive(url: str, sessions: int, changes: int, pause: float, change_timeout: float,
                visitor_timeout: float) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            results = await asyncio.gather(*(session(browser, url, n, changes, pause, change_timeout * 1000)
                                             for n in range(sessions)))
            visitor = await new_visitor(browser, url, visitor_timeout * 1000)
        finally:
            await browser.close()
    return {"results": results, "visitor": visitor}


def measure(db: Path, sessions: int, changes: int, pause: float = 0.5, change_timeout: float = 30,
            visitor_timeout: float = 10, command: list[str] = PRODUCT) -> dict:
    with served(command, {"ZHENGSHU_DB": str(db)}) as app:
        monitor = Monitor(app.url, app.pid)
        monitor.start()
        started = time.perf_counter()
        driven = asyncio.run(drive(app.url, sessions, changes, pause, change_timeout, visitor_timeout))
        seconds = time.perf_counter() - started
        health = healthy(app.url, timeout=visitor_timeout)
        monitor.stopped.set()
        monitor.join()
        log = app.output()
    times = [t for r in driven["results"] for t in r["times"]]
    errors = [e for r in driven["results"] for e in r["errors"]]
    restarts = log.count(RESTART_MARK)
    freezes = monitor.health_timeouts + restarts
    return {
        "sessions": sessions, "changes_asked": sessions * changes, "answered": len(times), "errors": len(errors),
        "error_examples": errors[:5], "p50": statistics.median(times) if times else None,
        "p95": percentile(times, 0.95) if times else None, "max": max(times) if times else None,
        "freezes": freezes, "health_timeouts": monitor.health_timeouts, "restarts": restarts,
        "new_visitor_s": driven["visitor"], "health_s": health, "seconds": seconds,
        "memory_mb": {"start": monitor.memory[0] if monitor.memory else None,
                      "peak": max(monitor.memory, default=None), "end": monitor.memory[-1] if monitor.memory else None},
        "ok": not errors and freezes == 0 and len(times) == sessions * changes
        and driven["visitor"] is not None and health is not None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--changes", type=int, default=15, help="KPI changes per session, spread over the three pages")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between one person's changes")
    parser.add_argument("--change-timeout", type=float, default=30)
    parser.add_argument("--visitor-timeout", type=float, default=10)
    parser.add_argument("--streamlit-run", action="store_true", help="serve with `streamlit run` (no supervisor)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when the load failed (python -m bench)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's chromium package is required: apt-get install chromium")
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py"] if args.streamlit_run else PRODUCT
    result = measure(args.db, args.sessions, args.changes, args.pause, args.change_timeout, args.visitor_timeout, command)
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0 if result["ok"] or args.exit_zero else 1)


if __name__ == "__main__":
    main()
