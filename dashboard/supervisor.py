"""`python -m dashboard` runs the server in a child process and watches it, so that a
server that stops answering is never left frozen silently.

Every 2 s the supervisor asks the server's /_stcore/health. When no answer has come
for ZHENGSHU_HANG_SECONDS (30 s by default) since the last one (or for 5 minutes
after starting, before the first), it has the server
write every thread's stack to the log (faulthandler, on SIGUSR1: works even when a
deadlock holds the GIL), logs that it restarts the server, and starts a new one;
the browsers reconnect by themselves and rerun the page their URL names. A server
that exits on its own with an error is restarted the same way; one that fails
before it ever answered (a port in use, a bad option) is not: its error stands.
SIGTERM and SIGINT stop the server, then the supervisor.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence

CHILD_FLAG = "ZHENGSHU_SUPERVISED"  # set in the server's environment: it serves instead of supervising
POLL_SECONDS = 2.0
RESTART_MARK = "dashboard: restarting the server"  # what the log says at a restart (bench.load counts it)
WATCHING_MARK = "watching the server's health at"  # logged once the server first answers
START_SECONDS = 300.0  # a server that has never answered (building the warehouse, warming up) gets this long


def hang_seconds() -> float:
    return float(os.environ.get("ZHENGSHU_HANG_SECONDS", "30"))


def _log(message: str) -> None:
    print(f"dashboard: {message}", file=sys.stderr, flush=True)


def health_url(args: Sequence[str]) -> str:
    """Where the server started with these streamlit options answers its health check."""
    options: dict[str, str] = {}
    for index, arg in enumerate(args):
        if arg.startswith("--server.") and "=" in arg:
            name, value = arg.split("=", 1)
            options[name] = value
        elif arg.startswith("--server.") and index + 1 < len(args):
            options[arg] = args[index + 1]
    address = options.get("--server.address", "127.0.0.1")
    address = "127.0.0.1" if address in ("", "0.0.0.0", "localhost") else address
    port = options.get("--server.port", os.environ.get("STREAMLIT_SERVER_PORT", "8501"))
    return f"http://{address}:{port}/_stcore/health"


def _answers(url: str, timeout: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def _stop(server: subprocess.Popen, grace: float = 10.0) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def supervise(args: Sequence[str]) -> int:
    """Run `python -m dashboard args` as a child server and keep it answering."""
    url = health_url(args)
    command = [sys.executable, "-m", "dashboard", *args]
    environment = {**os.environ, CHILD_FLAG: "1"}
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    restarts = 0
    while True:
        server = subprocess.Popen(command, env=environment)
        answered_once = False
        last_answer = time.monotonic()
        reason = ""
        while not stopping:
            time.sleep(POLL_SECONDS)
            if stopping:
                break
            code = server.poll()
            if code is not None:
                if not answered_once:
                    _log(f"the server exited ({code}) before it answered; not restarting")
                    return code
                reason = f"the server exited with {code}"
                break
            if _answers(url, timeout=min(5.0, hang_seconds())):
                if not answered_once:
                    _log(f"{WATCHING_MARK} {url}")
                answered_once, last_answer = True, time.monotonic()
            elif time.monotonic() - last_answer > (hang_seconds() if answered_once else START_SECONDS):
                reason = f"the server has not answered {url} for {time.monotonic() - last_answer:.0f} s"
                _log(f"{reason}; every thread's stack follows")
                try:
                    server.send_signal(signal.SIGUSR1)  # faulthandler in the server writes the stacks
                    time.sleep(1.0)
                except ProcessLookupError:
                    pass
                break
        if stopping:
            _stop(server)
            return 0
        _stop(server, grace=5.0)
        restarts += 1
        _log(f"restarting the server ({reason}; restart {restarts})")
