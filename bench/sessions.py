"""Ten people measured fairly: sessions that speak Streamlit's protocol, without a browser.

`python -m bench.sessions --db FILE --sessions 1,10,30 [--seconds 60] [--browsers 2] [--rebuild]`
serves the app as `make run` does (`python -m dashboard`) on a free loopback port, then:

1. records one real browser's round (headless Chromium): Overview → Benchmark → change
   the KPI → Trends → change the KPI → Sources → change the KPI → Overview, by the
   sidebar's links, as bench/load.py's people go. Every `rerun_script` BackMsg the
   browser sends over the websocket is kept as it was sent (the page, the query string,
   every widget's state with the ids the server gave them, the browser's context);
2. for each number of sessions, opens that many websocket clients on `/_stcore/stream`
   (people arriving 0.3 s apart), each sending the recorded messages in order, round
   after round, with a 1-2 s pause (seeded) between steps, for --seconds. Each client
   keeps its own cache of the messages the server marked cacheable and names them in
   `cached_message_hashes`, as a browser does, so the server sends references for what
   it already sent. A step is timed from the message sent to the server's
   `script_finished` received: the server's whole part of a click, with nothing drawn
   on this machine;
3. with --browsers K, a run of the middle number of sessions (ten of 1,10,30) again with
   K real browsers beside them (bench/load.py's people): their click-to-drawn and server
   part, and the sessions' times with those browsers drawing on this machine's cores;
4. with --rebuild, a run of the middle number of sessions on a fresh server while
   `python -m etl build` replaces the warehouse a third of the way through (the five
   sources, then the five sources and the corpus reports; the sessions go on until 10 s
   after it ended): every Benchmark and Trends page a session opens is
   checked to come from one build, from the messages themselves (the footer's build time
   against the district picker's options, which list 普陀 only in the new build).

Errors: a step unanswered within --timeout, a script_finished other than success, an
exception element, a page not found, a closed connection. The server's CPU (supervisor
and server processes, from psutil: seconds of CPU per second of the run, so 2.0 is both
cores of this machine) and resident memory (start, peak, end) are sampled every second;
the load generator's own CPU is reported too (it shares the machine's cores).

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import load
from bench.timing import OUT, percentile

ROUND = (("总览", None), ("对标", "KPI"), ("趋势", "KPI"), ("来源与质量", "KPI"))
CHECKED_PAGES = ("对标", "趋势")  # their district picker lists every district of the build
NEW_DISTRICT = "普陀"
BUILT = re.compile(r"数据仓库构建于 (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")


class Rebuild(load.Rebuild):
    """bench/load.py's rebuild (`python -m etl build` after a delay), noting when it ended."""

    ended = float("inf")  # monotonic seconds

    def run(self) -> None:
        try:
            super().run()
        finally:
            self.ended = time.monotonic()


@dataclass(frozen=True)
class Step:
    name: str  # "arrive", "open 对标", "KPI on 对标", …
    message: bytes  # the BackMsg the browser sent, serialised


def change_kpi(page) -> None:
    """Pick, in the page's first selectbox (the KPI picker), the first KPI not chosen
    (bench/load.py's change, with Playwright's sync API)."""
    page.get_by_test_id("stSelectbox").first.locator("input").click()
    other = page.locator('[role="option"][aria-selected="false"]').first
    other.wait_for(state="visible", timeout=10_000)
    other.click()


def record(url: str, timeout_s: float = 30) -> list[Step]:
    """One person's round in headless Chromium; the rerun_script BackMsg of each step."""
    from playwright.sync_api import sync_playwright
    from streamlit.proto.BackMsg_pb2 import BackMsg

    from dashboard.serving import ARGS, CHROMIUM, Reruns

    sent: list[bytes] = []

    def listen(socket) -> None:
        def frame(payload) -> None:
            if isinstance(payload, bytes | bytearray) and BackMsg.FromString(bytes(payload)).WhichOneof("type") == "rerun_script":
                sent.append(bytes(payload))

        socket.on("framesent", frame)

    steps: list[Step] = []

    def step(name: str, action) -> None:
        before = len(sent)
        reruns.after(page, action, timeout_s)
        if len(sent) == before:
            raise RuntimeError(f"recording: {name} sent no rerun request")
        steps.append(Step(name, sent[-1]))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN").new_page()
            page.on("websocket", listen)
            reruns = Reruns(page)
            page.goto(url, wait_until="commit")
            page.get_by_role("heading", name=ROUND[0][0], level=1).wait_for(timeout=timeout_s * 1000)
            reruns.wait(0, page, timeout_s)
            steps.append(Step("arrive", sent[0]))
            for heading, picker in [*ROUND[1:], ROUND[0]]:
                link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=heading, exact=True)
                step(f"open {heading}", link.click)
                page.get_by_role("heading", name=heading, level=1).wait_for(timeout=timeout_s * 1000)
                page.wait_for_timeout(300)
                if picker:
                    step(f"{picker} on {heading}", lambda: change_kpi(page))
                    page.wait_for_timeout(300)
        finally:
            browser.close()
    return steps


class Session:
    """One person's websocket, speaking as the recorded browser did."""

    def __init__(self, url: str, timeout_s: float) -> None:
        self.url = "ws" + url.removeprefix("http") + "/_stcore/stream"
        self.timeout_s = timeout_s
        self.cache: dict[str, object] = {}  # hash -> ForwardMsg the server marked cacheable
        self.socket = None

    async def __aenter__(self) -> Session:
        from websockets.asyncio.client import connect

        self.socket = await connect(self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout_s)
        return self

    async def __aexit__(self, *_exc) -> None:
        await self.socket.close()

    async def rerun(self, message: bytes) -> tuple[float, str | None, list]:
        """Send a recorded rerun request; (seconds to script_finished, the error if any,
        the elements the run sent)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        back = BackMsg.FromString(message)
        del back.rerun_script.cached_message_hashes[:]
        back.rerun_script.cached_message_hashes.extend(self.cache)
        elements, error = [], None
        started = time.perf_counter()
        await self.socket.send(back.SerializeToString())
        deadline = started + self.timeout_s
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no script_finished within {self.timeout_s:.0f} s")
            forward = ForwardMsg.FromString(await asyncio.wait_for(self.socket.recv(), left))
            kind = forward.WhichOneof("type")
            if kind == "ref_hash":
                forward = self.cache.get(forward.ref_hash, forward)
                kind = forward.WhichOneof("type")
            elif forward.metadata.cacheable:
                self.cache[forward.hash] = forward
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                elements.append(element)
                if element.WhichOneof("type") == "exception":
                    error = error or f"exception shown: {element.exception.message[:200]}"
            elif kind == "page_not_found":
                error = error or "page not found"
            elif kind == "script_finished":
                seconds = time.perf_counter() - started
                if forward.script_finished not in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                                   ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    error = error or f"script_finished status {forward.script_finished}"
                return seconds, error, elements


def build_seen(elements: list) -> tuple[str | None, bool | None]:
    """(the footer's build time, whether a district picker lists 普陀) of one page's run."""
    built, lists = None, None
    for element in elements:
        kind = element.WhichOneof("type")
        if kind == "multiselect" and lists is None:
            lists = NEW_DISTRICT in element.multiselect.options
        elif kind in ("markdown", "caption", "html") and built is None:
            found = BUILT.search(element.SerializeToString().decode("utf-8", errors="ignore"))
            built = found.group(1) if found else None
    return built, lists


async def person(url: str, steps: list[Step], number: int, done: Callable[[], bool], timeout_s: float,
                 seed: int) -> dict:
    """One session going round the recorded steps until `done()`."""
    rng = random.Random(seed + number)
    await asyncio.sleep(0.3 * number)
    times: list[tuple[str, float]] = []
    errors: list[str] = []
    seen: list[tuple[str | None, bool | None]] = []
    try:
        async with Session(url, timeout_s) as session:
            index = 0
            while True:
                step = steps[index]
                try:
                    seconds, error, elements = await session.rerun(step.message)
                    times.append((step.name, seconds))
                    if error:
                        errors.append(f"session {number}, {step.name}: {error}")
                    if any(step.name == f"open {p}" for p in CHECKED_PAGES):
                        seen.append(build_seen(elements))
                except Exception as error:  # noqa: BLE001  counted, reported; the connection may be gone
                    errors.append(f"session {number}, {step.name}: {type(error).__name__}: {str(error)[-300:]}")
                    break
                if done():
                    break
                index = index + 1 if index + 1 < len(steps) else 1  # "arrive" once, then round after round
                await asyncio.sleep(rng.uniform(1, 2))
    except Exception as error:  # noqa: BLE001
        errors.append(f"session {number} connecting: {type(error).__name__}: {str(error)[-300:]}")
    return {"steps": times, "errors": errors, "seen": seen}


class Monitor(threading.Thread):
    """The server's CPU and memory (its process and its children), every second, with psutil."""

    def __init__(self, pid: int) -> None:
        import psutil

        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.memory: list[float] = []
        self.cpu: list[float] = []  # CPU seconds per second since the previous sample
        self.stopped = threading.Event()
        self.me = psutil.Process()

    def tree_cpu_rss(self) -> tuple[float, float]:
        import psutil

        cpu = rss = 0.0
        for process in [self.root, *self.root.children(recursive=True)]:
            try:
                times = process.cpu_times()
                cpu += times.user + times.system
                rss += process.memory_info().rss
            except psutil.Error:
                continue
        return cpu, rss / 2**20

    def run(self) -> None:
        self.cpu_start, rss = self.tree_cpu_rss()
        self.wall_start = time.perf_counter()
        mine = self.me.cpu_times()
        self.my_start = mine.user + mine.system
        self.memory.append(rss)
        last, at = self.cpu_start, self.wall_start
        while not self.stopped.wait(1.0):
            cpu, rss = self.tree_cpu_rss()
            now = time.perf_counter()
            self.memory.append(rss)
            self.cpu.append((cpu - last) / (now - at))
            last, at = cpu, now
        self.cpu_end, rss = self.tree_cpu_rss()
        self.wall_end = time.perf_counter()
        mine = self.me.cpu_times()
        self.my_end = mine.user + mine.system
        self.memory.append(rss)

    def summary(self) -> dict:
        wall = self.wall_end - self.wall_start
        return {"cpu_mean": (self.cpu_end - self.cpu_start) / wall, "cpu_peak": max(self.cpu, default=None),
                "cpu_seconds": self.cpu_end - self.cpu_start, "wall_seconds": wall,
                "memory_mb": {"start": self.memory[0], "peak": max(self.memory), "end": self.memory[-1]},
                "generator_cpu_mean": (self.my_end - self.my_start) / wall, "load_average": os.getloadavg()[0]}


def summarise(people: list[dict]) -> dict:
    times = [s for p in people for _, s in p["steps"]]
    errors = [e for p in people for e in p["errors"]]
    names = sorted({n for p in people for n, _ in p["steps"]})
    by_step = {}
    for name in names:
        values = [s for p in people for n, s in p["steps"] if n == name]
        by_step[name] = {"n": len(values), "p50": statistics.median(values), "p95": percentile(values, 0.95)}
    return {"steps": len(times), "errors": len(errors), "error_examples": errors[:5],
            "p50": statistics.median(times) if times else None, "p95": percentile(times, 0.95) if times else None,
            "max": max(times) if times else None, "by_step": by_step}


async def drive(url: str, steps: list[Step], sessions: int, seconds: float, timeout_s: float, seed: int,
                browsers: int = 0, rebuild: Rebuild | None = None) -> tuple[list[dict], list[dict]]:
    """The sessions (and browsers) until `seconds` have passed, and with a rebuild until 10 s after it ended."""
    until = time.monotonic() + seconds

    def done() -> bool:
        if rebuild is not None and (rebuild.is_alive() or time.monotonic() < rebuild.ended + 10):
            return False
        return time.monotonic() >= until

    clients = [person(url, steps, n, done, timeout_s, seed) for n in range(sessions)]
    if not browsers:
        return list(await asyncio.gather(*clients)), []
    from playwright.async_api import async_playwright

    from dashboard.serving import ARGS, CHROMIUM

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            found = await asyncio.gather(*clients, *(load.person(browser, url, n, until, timeout_s, seed + 1000)
                                                     for n in range(browsers)))
        finally:
            await browser.close()
    return list(found[:sessions]), list(found[sessions:])


def run_level(app, steps: list[Step], sessions: int, seconds: float, timeout_s: float, seed: int,
              browsers: int = 0, rebuild: Rebuild | None = None) -> tuple[dict, list[dict]]:
    monitor = Monitor(app.pid)
    monitor.start()
    if rebuild is not None:
        rebuild.start()
    people, beside = asyncio.run(drive(app.url, steps, sessions, seconds, timeout_s, seed, browsers, rebuild))
    monitor.stopped.set()
    monitor.join()
    result = {"sessions": sessions, "seconds": seconds, **summarise(people), **monitor.summary()}
    if browsers:
        clicks = [s for p in beside for _, s, _ in p["steps"]]
        server = [s for p in beside for _, _, s in p["steps"] if s is not None]
        result["browsers"] = {
            "browsers": browsers, "steps": len(clicks), "errors": sum(len(p["errors"]) for p in beside),
            "error_examples": [e for p in beside for e in p["errors"]][:3],
            "p50": statistics.median(clicks) if clicks else None, "p95": percentile(clicks, 0.95) if clicks else None,
            "server_p50": statistics.median(server) if server else None,
            "server_p95": percentile(server, 0.95) if server else None}
    return result, people


def measure(db: Path, levels: list[int], seconds: float = 60, timeout_s: float = 30, browsers: int = 0,
            rebuild: bool = False, seed: int = 7, log=lambda _m: None) -> dict:
    from bench.load import built_at, folder_with_corpus
    from dashboard.serving import PRODUCT, served

    result: dict = {"seconds": seconds, "levels": []}
    with served(PRODUCT, {"ZHENGSHU_DB": str(db)}) as app:
        steps = record(app.url, timeout_s)
        result["recorded"] = [s.name for s in steps]
        for sessions in levels:
            level, _ = run_level(app, steps, sessions, seconds, timeout_s, seed)
            log(f"  {sessions} sessions: {level['steps']} steps, {level['errors']} errors, p50 {level['p50']:.3f} s, "
                f"p95 {level['p95']:.3f} s, server CPU {level['cpu_mean']:.2f}")
            result["levels"].append(level)
        if browsers:
            middle = sorted(levels)[len(levels) // 2]
            level, _ = run_level(app, steps, middle, seconds, timeout_s, seed, browsers)
            log(f"  {middle} sessions and {browsers} browsers: browsers' click to drawn p95 {level['browsers']['p95']}")
            result["with_browsers"] = level
    if rebuild:
        sessions = sorted(levels)[len(levels) // 2]
        work = OUT / "sessions_rebuild"
        raw = folder_with_corpus(work)
        copy = work / "load.duckdb"
        shutil.copy(db, copy)
        with served(PRODUCT, {"ZHENGSHU_DB": str(copy)}) as app:
            old_build = built_at(copy)
            steps = record(app.url, timeout_s)
            builder = Rebuild(copy, raw, raw.parent / "manifest.csv", seconds / 3)
            level, people = run_level(app, steps, sessions, seconds, timeout_s, seed, rebuild=builder)
            builder.join()
        new_build = built_at(copy)
        checked = [(b, lists) for p in people for b, lists in p["seen"] if b and lists is not None]
        builds = {old_build: False, new_build: True}
        mixed = [(b, lists) for b, lists in checked if builds.get(b) is not lists]
        level["rebuild"] = {"seconds": builder.seconds, "returncode": builder.returncode, "old": old_build,
                            "new": new_build, "pages_checked": len(checked),
                            "pages_old": sum(1 for b, _ in checked if b == old_build),
                            "pages_new": sum(1 for b, _ in checked if b == new_build), "mixed": len(mixed),
                            "mixed_examples": mixed[:5],
                            "unchecked": sum(1 for p in people for b, lists in p["seen"] if not b or lists is None),
                            "output": builder.output if builder.returncode else ""}
        level["ok"] = (level["errors"] == 0 and builder.returncode == 0 and not mixed
                       and level["rebuild"]["pages_new"] > 0)
        log(f"  rebuild with {sessions} sessions: {level['steps']} steps, {level['errors']} errors, "
            f"{len(checked)} pages checked, {len(mixed)} mixed")
        result["rebuild"] = level
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="the warehouse to serve (default: a fresh build of the five sources)")
    parser.add_argument("--sessions", default="1,10,30", help="comma-separated numbers of sessions, one run each")
    parser.add_argument("--seconds", type=float, default=60, help="how long each run's sessions keep clicking")
    parser.add_argument("--timeout", type=float, default=30, help="seconds a step may take before it counts as an error")
    parser.add_argument("--browsers", type=int, default=0, help="real browsers beside the middle number of sessions")
    parser.add_argument("--rebuild", action="store_true", help="also the middle number with a rebuild during the run")
    parser.add_argument("--write", action="store_true",
                        help="also write this part of bench/RESULTS.md (its section and its targets)")
    args = parser.parse_args()
    db = args.db
    if db is None:
        from etl.build import build

        db = OUT / "sessions.duckdb"
        db.parent.mkdir(parents=True, exist_ok=True)
        build(db_path=db)
    levels = [int(n) for n in args.sessions.split(",") if n.strip()]
    result = measure(db, levels, args.seconds, args.timeout, args.browsers, args.rebuild,
                     log=lambda m: print(m, file=sys.stderr, flush=True))
    if args.write:
        from bench.report import write_part

        write_part({"sessions": result}, "sessions", " ".join(["python -m bench.sessions", *sys.argv[1:]]))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
