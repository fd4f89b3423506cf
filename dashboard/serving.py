"""Serving the app for a headless browser: the app on a free loopback port, waited for
until it answers its health check, and the Chromium to drive (Debian's, headless).
Used by the browser tests (tests/) and the benchmarks (bench/), which import nothing
from each other."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Playwright's own browser download does not work here
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PRODUCT = [sys.executable, "-m", "dashboard"]  # as `make run` serves it
STREAMLIT_APP = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py"]


@dataclass(frozen=True)
class Served:
    url: str
    seconds: float  # from starting the process to the server answering its health check
    pid: int
    output: Callable[[], str]  # what the server printed so far


@contextmanager
def served(command: list[str], env: dict[str, str], timeout: float = 60, address: str = "127.0.0.1") -> Iterator[Served]:
    """The app that `command` starts, headless on a free port of loopback (or of `address`:
    0.0.0.0 for every address, as `make run` serves), once it answers /_stcore/health;
    stopped on leaving. env: variables added to this process's (the warehouse to use).
    Shared by the browser tests and the benchmarks; Served.url is on loopback."""
    port = free_port()
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [*command, "--server.headless", "true", "--server.address", address, "--server.port", str(port),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
        )

        def output() -> str:  # pread: the server shares the file's offset, which must not move
            return os.pread(log.fileno(), os.fstat(log.fileno()).st_size, 0).decode(errors="replace")

        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError(f"streamlit did not start: {output()[-2000:]}") from None
                    time.sleep(0.2)
            yield Served(url, time.perf_counter() - started, server.pid, output)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


# ---------------------------------------------------------------------------
# Waiting for a rerun in a headless browser, as a person's click causes one: the browser
# tests and the benchmarks (bench/interactions.py, bench/load.py) wait the same way.
# ---------------------------------------------------------------------------

FINISHED = "script_finished"
DRAWN = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"  # two frames drawn


class Reruns:
    """Counts the script_finished messages a page's websocket receives, and when the
    browser last sent a message (the rerun request) and got the last script_finished."""

    def __init__(self, page) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.finished = 0
        self.sent: list[float] = []
        self.finished_at = 0.0

        def received(payload) -> None:
            if isinstance(payload, bytes | bytearray):
                try:
                    if ForwardMsg.FromString(bytes(payload)).WhichOneof("type") == FINISHED:
                        self.finished += 1
                        self.finished_at = time.perf_counter()
                except Exception:  # noqa: BLE001  not a ForwardMsg: ignored
                    return

        def listen(socket) -> None:
            socket.on("framereceived", received)
            socket.on("framesent", lambda _payload: self.sent.append(time.perf_counter()))

        page.on("websocket", listen)

    def wait(self, after: int, page, timeout_s: float = 30) -> None:
        """Until a script_finished beyond `after` has arrived, then two frames drawn
        (Playwright's sync API; bench/load.py waits the same way with the async one)."""
        deadline = time.monotonic() + timeout_s
        while self.finished <= after:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no script_finished within {timeout_s:.0f} s")
            page.wait_for_timeout(5)
        page.evaluate(DRAWN)

    def after(self, page, action: Callable[[], object], timeout_s: float = 30) -> None:
        """Do `action` (a click) and wait for the rerun it causes to finish and be drawn."""
        before = self.finished
        action()
        self.wait(before, page, timeout_s)

