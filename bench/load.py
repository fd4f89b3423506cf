"""Load: several people using the app at once, in one headless Chromium.

`python -m bench.load --db FILE --sessions 10 --seconds 120 [--rebuild-raw DIR]`
serves the app as `make run` does (`python -m dashboard`) on a free loopback port and
opens N browser contexts (people arriving 0.3 s apart). Each person goes round
Overview → Benchmark → Trends → Sources by the sidebar's links, changes the KPI on
each page that has one, and pauses 1-2 s (seeded) between steps, until --seconds
have passed. Every step is timed from the click or key press to the page updated and
idle (the rerun's `script_finished` message received over the websocket, then two
animation frames drawn: bench/interactions.py's measure), and its server part: from
the browser's rerun request sent over the websocket to that script_finished (the
people's browsers share this machine's cores with the server, which real visitors'
browsers do not: a busy renderer delays the click itself, not the server's answer).

With --rebuild-raw, `python -m etl build` rebuilds the served warehouse from that
folder half-way through (a new file renamed into place, as always). Every Benchmark
and Trends page a person sees is then checked to come from one build: the footer's
build time names the build, and the district picker (every district of the
warehouse) must list 普陀 exactly when the footer names the new build (the rebuild
adds the corpus reports, 普陀 among them; the old build has no 普陀).

Prints one JSON line: steps answered, errors (with examples), p50 / p95 / max of the
steps and p50 / p95 of their server part, health checks that went unanswered for 5 s (freezes), the server's resident
memory (supervisor and server processes: start, peak, end), the seconds a new visitor
then waits for the Overview (at most 10), and with a rebuild its seconds, exit code
and the pages checked / mixed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import duckdb

from bench.timing import percentile
from dashboard.export import made_text
from dashboard.serving import ARGS, CHROMIUM, DRAWN, PRODUCT, ROOT, Reruns, served
from dashboard.supervisor import RESTART_MARK

# (page heading in the sidebar and as h1, whether it has a KPI picker, whether its district picker lists every district)
ROUND = (("总览", False, False), ("对标", True, True), ("趋势", True, True), ("来源与质量", True, False))
NEW_DISTRICT = "普陀"
BUILT = re.compile(r"数据仓库构建于 (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")


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


async def drawn_after(reruns: Reruns, after: int, page, timeout_s: float) -> None:
    """Until a script_finished beyond `after` has arrived, then two frames drawn."""
    deadline = time.monotonic() + timeout_s
    while reruns.finished <= after:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no script_finished within {timeout_s:.0f} s")
        await asyncio.sleep(0.005)
    await page.evaluate(DRAWN)


async def timed(page, reruns: Reruns, action, timeout_s: float) -> tuple[float, float | None]:
    """(seconds from `action`, a click or key press, to the rerun finished and drawn;
    seconds from the browser's first message after the action, the rerun request, to
    the server's script_finished: the server's part, without the browser's own delays)."""
    before = reruns.finished
    started = time.perf_counter()
    await action()
    await drawn_after(reruns, before, page, timeout_s)
    sent = next((s for s in reruns.sent if s >= started), None)
    return time.perf_counter() - started, (reruns.finished_at - sent) if sent is not None else None


async def change_kpi(page) -> None:
    """Pick, in the page's first selectbox (the KPI picker), the first KPI not chosen."""
    box = page.get_by_test_id("stSelectbox").first
    await box.locator("input").click()
    other = page.locator('[role="option"][aria-selected="false"]').first
    await other.wait_for(state="visible", timeout=10_000)
    await other.click()


async def build_seen(page, lists_districts: bool, timeout_s: float = 10) -> tuple[str | None, bool | None, str | None]:
    """(the footer's build time, whether the district picker lists 普陀, an error shown)
    of a page just opened from the sidebar: its picker then holds every district of the
    build (a choice kept in the URL would not, so pages after a KPI change are not
    checked). The footer is the run's last element: waited for."""
    deadline = time.monotonic() + timeout_s
    built = None
    while built is None and time.monotonic() < deadline:
        built = BUILT.search(await page.inner_text("body"))
        if built is None:
            await asyncio.sleep(0.1)
    failure = None
    if await page.get_by_test_id("stException").count():
        failure = (await page.get_by_test_id("stException").first.inner_text())[:300]
    chips = None
    if lists_districts:
        chips = NEW_DISTRICT in await page.get_by_test_id("stMultiSelect").first.inner_text()
    return (built.group(1) if built else None), chips, failure


async def person(browser, url: str, number: int, until: float, timeout_s: float, seed: int) -> dict:
    """One person going round the pages until `until` (monotonic seconds)."""
    rng = random.Random(seed + number)
    await asyncio.sleep(0.3 * number)
    context = await browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = await context.new_page()
    reruns = Reruns(page)
    steps: list[tuple[str, float, float | None]] = []
    errors: list[str] = []
    seen: list[tuple[str | None, bool | None, str | None]] = []
    try:
        await page.goto(url, wait_until="commit")
        await page.get_by_role("heading", name=ROUND[0][0], level=1).wait_for(timeout=timeout_s * 1000)
        await drawn_after(reruns, 0, page, timeout_s)
        step = 0
        while time.monotonic() < until:
            heading, has_kpi, lists_districts = ROUND[(step + 1) % len(ROUND)]
            step += 1
            link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=heading, exact=True)
            try:
                steps.append((f"open {heading}", *await timed(page, reruns, link.click, timeout_s)))
                await page.get_by_role("heading", name=heading, level=1).wait_for(timeout=timeout_s * 1000)
                seen.append(await build_seen(page, lists_districts))
                await asyncio.sleep(rng.uniform(1, 2))
                if has_kpi and time.monotonic() < until:
                    steps.append((f"KPI on {heading}", *await timed(page, reruns, lambda: change_kpi(page), timeout_s)))
                    await asyncio.sleep(rng.uniform(1, 2))
            except Exception as error:  # noqa: BLE001  counted, reported
                errors.append(f"person {number} on {heading}: {type(error).__name__}: {str(error)[-600:]}")
                await asyncio.sleep(1)
    except Exception as error:  # noqa: BLE001
        errors.append(f"person {number} arriving: {type(error).__name__}: {str(error)[-600:]}")
    finally:
        await context.close()
    return {"steps": steps, "errors": errors, "seen": seen}


async def new_visitor(browser, url: str, timeout_s: float) -> float | None:
    """Seconds a new visitor waits for the Overview's heading once the others are done
    (None: not within timeout_s)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = await context.new_page()
    started = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit")
        await page.get_by_role("heading", name=ROUND[0][0], level=1).wait_for(timeout=timeout_s * 1000)
        return time.perf_counter() - started
    except Exception:  # noqa: BLE001  reported as None
        return None
    finally:
        await context.close()


async def drive(url: str, sessions: int, seconds: float, timeout_s: float, seed: int) -> tuple[list[dict], float | None]:
    from playwright.async_api import async_playwright

    until = time.monotonic() + seconds
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            people = await asyncio.gather(*(person(browser, url, n, until, timeout_s, seed) for n in range(sessions)))
            return people, await new_visitor(browser, url, 10)
        finally:
            await browser.close()


def folder_with_corpus(work: Path) -> Path:
    """work/raw: data/raw and the corpus reports (../shared/corpus/*.txt), for the
    rebuild; their manifest is data/manifest.csv (the corpus reports are not in it:
    their district, year and kind are read from the text). Returns the folder."""
    import shutil

    raw = work / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    for source in [*sorted((ROOT / "data" / "raw").glob("*.txt")), *sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))]:
        shutil.copy(source, raw / source.name)
    shutil.copy(ROOT / "data" / "manifest.csv", work / "manifest.csv")
    return raw


def built_at(db: Path) -> str:
    """The build time as the footer writes it."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return made_text(con.execute("select built_at from build_info").fetchone()[0], seconds=True)
    finally:
        con.close()


class Rebuild(threading.Thread):
    """`python -m etl build` of the served warehouse from another folder, after `delay` s."""

    def __init__(self, db: Path, raw: Path, manifest: Path, delay: float) -> None:
        super().__init__(daemon=True)
        self.db, self.raw, self.manifest, self.delay = db, raw, manifest, delay
        self.seconds: float | None = None
        self.returncode: int | None = None
        self.output = ""

    def run(self) -> None:
        time.sleep(self.delay)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(self.db), "--raw", str(self.raw),
                               "--manifest", str(self.manifest), "--workers", "1"],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        self.seconds, self.returncode = time.perf_counter() - started, done.returncode
        self.output = (done.stdout + done.stderr)[-1500:]


def measure(db: Path, sessions: int, seconds: float = 120, timeout_s: float = 30, rebuild_raw: Path | None = None,
            rebuild_manifest: Path | None = None, seed: int = 7, command: list[str] = PRODUCT) -> dict:
    with served(command, {"ZHENGSHU_DB": str(db)}) as app:
        old_build = built_at(db)  # once served: a warehouse of older code is rebuilt before the server listens
        monitor = Monitor(app.url, app.pid)
        monitor.start()
        rebuild = None
        if rebuild_raw is not None:
            rebuild = Rebuild(db, rebuild_raw, rebuild_manifest or rebuild_raw.parent / "manifest.csv", seconds / 2)
            rebuild.start()
        people, visitor = asyncio.run(drive(app.url, sessions, seconds, timeout_s, seed))
        if rebuild is not None:
            rebuild.join()
        health = healthy(app.url, timeout=10)
        monitor.stopped.set()
        monitor.join()
        log = app.output()
    shown_errors = [f for p in people for _, _, f in p["seen"] if f]
    times = [s for p in people for _, s, _ in p["steps"]]
    server = [s for p in people for _, _, s in p["steps"] if s is not None]
    errors = [e for p in people for e in p["errors"]] + [f"a page showed an error: {f}" for f in shown_errors]
    restarts = log.count(RESTART_MARK)
    result = {
        "sessions": sessions, "seconds": seconds, "steps": len(times), "errors": len(errors), "error_examples": errors[:5],
        "p50": statistics.median(times) if times else None, "p95": percentile(times, 0.95) if times else None,
        "max": max(times) if times else None,
        "server_p50": statistics.median(server) if server else None,
        "server_p95": percentile(server, 0.95) if server else None,
        "by_step": {name: {"n": len(v), "p50": statistics.median(v), "p95": percentile(v, 0.95),
                           "server_p50": statistics.median(w) if w else None}
                    for name in sorted({n for p in people for n, _, _ in p["steps"]})
                    for v in [[s for p in people for n, s, _ in p["steps"] if n == name]]
                    for w in [[s for p in people for n, _, s in p["steps"] if n == name and s is not None]]},
        "freezes": monitor.health_timeouts + restarts, "health_timeouts": monitor.health_timeouts, "restarts": restarts,
        "health_s": health, "new_visitor_s": visitor,
        "memory_mb": {"start": monitor.memory[0] if monitor.memory else None,
                      "peak": max(monitor.memory, default=None), "end": monitor.memory[-1] if monitor.memory else None},
    }
    if rebuild is not None:
        new_build = built_at(db)
        checked = [(built, chips) for p in people for built, chips, _ in p["seen"] if chips is not None and built]
        builds = {old_build: False, new_build: True}
        mixed = [(built, chips) for built, chips in checked if builds.get(built) is not chips]
        unchecked = sum(1 for p in people for built, chips, _ in p["seen"] if chips is not None and not built)
        result["rebuild"] = {"seconds": rebuild.seconds, "returncode": rebuild.returncode, "old": old_build, "new": new_build,
                             "pages_checked": len(checked), "pages_old": sum(1 for b, _ in checked if b == old_build),
                             "pages_new": sum(1 for b, _ in checked if b == new_build), "mixed": len(mixed),
                             "mixed_examples": mixed[:5], "no_footer": unchecked,
                             "output": rebuild.output if rebuild.returncode else ""}
    result["ok"] = (not errors and result["freezes"] == 0 and health is not None and visitor is not None
                    and (rebuild is None or (rebuild.returncode == 0 and not result["rebuild"]["mixed"]
                                             and result["rebuild"]["pages_new"] > 0)))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=120, help="how long the people keep clicking")
    parser.add_argument("--timeout", type=float, default=30, help="seconds a step may take before it counts as an error")
    parser.add_argument("--rebuild-raw", type=Path, help="rebuild the warehouse from this folder half-way through")
    parser.add_argument("--rebuild-manifest", type=Path, help="its manifest (default: manifest.csv beside the folder)")
    parser.add_argument("--streamlit-run", action="store_true", help="serve with `streamlit run` (no supervisor)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when the load failed (python -m bench)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's chromium package is required: apt-get install chromium")
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py"] if args.streamlit_run else PRODUCT
    result = measure(args.db, args.sessions, args.seconds, args.timeout, args.rebuild_raw, args.rebuild_manifest,
                     command=command)
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0 if result["ok"] or args.exit_zero else 1)


if __name__ == "__main__":
    main()
