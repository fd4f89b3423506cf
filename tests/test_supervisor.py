"""`python -m dashboard` keeps the server answering (dashboard/supervisor.py): a
server that stops answering is logged and restarted; SIGTERM stops both."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.supervisor import RESTART_MARK, WATCHING_MARK, health_url
from etl.build import ROOT


@pytest.mark.parametrize("args, url", [
    (["--server.port", "8600", "--server.address", "127.0.0.1"], "http://127.0.0.1:8600/_stcore/health"),
    (["--server.port=8601", "--server.headless", "true"], "http://127.0.0.1:8601/_stcore/health"),
    (["--server.address", "0.0.0.0"], "http://127.0.0.1:8501/_stcore/health"),
    ([], "http://127.0.0.1:8501/_stcore/health"),
])
def test_health_url_from_the_servers_options(args, url):
    assert health_url(args) == url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def start(port: int, warehouse: Path, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "ZHENGSHU_DB": str(warehouse), "ZHENGSHU_HANG_SECONDS": "4"},
        stdout=log, stderr=subprocess.STDOUT)


def test_a_frozen_server_is_restarted_and_answers_again(warehouse):
    port = free_port()
    url = f"http://127.0.0.1:{port}/_stcore/health"
    with tempfile.TemporaryFile() as log:
        supervisor = start(port, warehouse, log)

        def output() -> str:
            return os.pread(log.fileno(), os.fstat(log.fileno()).st_size, 0).decode(errors="replace")

        try:
            assert wait_until(lambda: WATCHING_MARK in output(), 60), output()
            [frozen] = children(supervisor.pid)
            os.kill(frozen, signal.SIGSTOP)  # as good as a deadlock: nothing in it runs
            assert wait_until(lambda: RESTART_MARK in output(), 60), output()
            assert "has not answered" in output()
            assert wait_until(lambda: answers(url), 60), output()
            assert children(supervisor.pid) != [frozen]
            assert not Path(f"/proc/{frozen}").exists()  # the frozen server is gone, not left behind
        finally:
            supervisor.terminate()
            code = supervisor.wait(timeout=30)
        assert code == 0
        assert not answers(url)


def test_a_server_that_never_answered_is_not_restarted(warehouse):
    """A port already taken: the server's own error stands, no restart loop."""
    with socket.socket() as taken, tempfile.TemporaryFile() as log:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        supervisor = start(taken.getsockname()[1], warehouse, log)
        code = supervisor.wait(timeout=120)
        text = os.pread(log.fileno(), os.fstat(log.fileno()).st_size, 0).decode(errors="replace")
    assert code != 0
    assert "before it answered; not restarting" in text
    assert RESTART_MARK not in text
