"""Who may change data/: reading is open to everyone; adding a report and deciding about
figures need a named writer, and nobody may in read-only mode.

The writing functions (etl.add.accept, etl.add.decide) call require() first, so a
refusal does not depend on a page hiding a button: a visitor's session has no Writer,
and a request crafted to reach a writing path without one is refused there.

A Writer is made by whoever established who is writing:
- the dashboard's sign-in (dashboard/signin.py): an OpenID Connect identity (`oidc`),
  an editor of the local list whose password was checked (`editor`), or, only while no
  editor is configured, the person at the machine itself, from loopback (`local`);
- the command line: the operating-system user, or --by NAME (`cli`); so is any other
  caller of a writing function that names no writer (access.PROCESS: scripts, tests).
"""

from __future__ import annotations

import getpass
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass

from etl import editors

READ_ONLY_ENV = "ZHENGSHU_READ_ONLY"  # set by `python -m dashboard --read-only`, or by whoever starts the app
HOW = ("oidc", "editor", "local", "cli")
# Headers a reverse proxy adds: behind one, the connection comes from the proxy, not the visitor
FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-host")
IN_PROCESS = "in-process"  # no network connection at all: the page runs in this process (AppTest, bare mode)


class Refused(Exception):
    """A change refused for who asked (or for read-only mode): nothing was written."""

    def __init__(self, problem_zh: str, problem_en: str):
        self.problem_zh = problem_zh
        self.problem_en = problem_en
        super().__init__(f"{problem_zh} ({problem_en})")


@dataclass(frozen=True)
class Writer:
    """Who is changing data/: the name recorded as added_by / decided_by, and how they were known."""

    name: str
    how: str


def read_only() -> bool:
    """Whether this process serves read-only (ZHENGSHU_READ_ONLY=1, or `python -m dashboard --read-only`)."""
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def os_user() -> str:
    """The operating-system user running this process (what the command line records)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a container's)
        return f"uid {os.getuid()}"


def cli_writer(by: str | None = None) -> Writer:
    """The command line's writer: --by NAME, else the operating-system user."""
    return Writer(name=(by or "").strip() or os_user(), how="cli")


# A writing function's default writer: whoever runs this process (scripts, tests, the benchmarks),
# recorded by their operating-system user name. The dashboard always passes its own (None for a visitor).
PROCESS = Writer(name="", how="process")


def require(writer: Writer | None) -> Writer:
    """The writer, if they may change data/ now; else Refused, with what to do."""
    if writer == PROCESS:
        writer = cli_writer()
    if read_only():
        raise Refused("本应用以只读方式运行：不能添加报告或保存决定",
                      "this app runs read-only: reports cannot be added nor decisions saved")
    if writer is None or not writer.name.strip() or writer.how not in HOW:
        raise Refused("添加报告和核对数字需要编辑者登录：请先登录",
                      "adding a report and reviewing figures need an editor: sign in first")
    try:
        listed = editors.load() if writer.how in ("editor", "local") else {}
    except editors.EditorError as error:  # a broken list refuses everyone it would have to vouch for
        raise Refused(f"编辑者名单无法读取：{error}", f"the editor list cannot be read: {error}") from None
    if writer.how == "editor" and writer.name not in listed:
        raise Refused(f"「{writer.name}」已不在编辑者名单中：请重新登录",
                      f"{writer.name!r} is no longer on the editor list: sign in again")
    if writer.how == "local" and listed:
        raise Refused("已配置编辑者：请以编辑者身份登录", "editors are configured: sign in as an editor")
    return writer


def is_loopback(address: str | None) -> bool:
    """127.0.0.0/8, ::1, ::ffff:127.x, or the name localhost."""
    if not address:
        return False
    address = address.strip().strip("[]")
    if address.lower() == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def local_request(peer: str | None, headers: Mapping[str, str], bound_address: str | None) -> bool:
    """Whether a page request comes from the machine the server runs on, so that, with no
    editor configured, it may change data/ without signing in.

    peer: the connection's remote address (IN_PROCESS when there is no connection: the
    page runs in this process; None or "" when the server could not tell); headers: the
    request's; bound_address: the address the server listens on (server.address; empty:
    every address). A reverse proxy's forwarding header means the visitor is elsewhere,
    whatever the proxy's own address; an unknown peer is local only when the server
    listens on loopback alone.
    """
    if any(name.lower() in FORWARDING_HEADERS for name in headers):
        return False
    if peer == IN_PROCESS:
        return True
    if peer:
        return is_loopback(peer)
    return is_loopback(bound_address)
