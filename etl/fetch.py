"""A report fetched from its address (`python -m etl add https://…`, the add page's
address field): the page or file is fetched and read as an upload of the same bytes
would be (etl.intake.read_upload), with the address and the time it was fetched
(UTC, ISO 8601) on the Upload, so that the manifest and the documents table keep them.

A server that fetches any address it is given can be turned against the network it
sits in (server-side request forgery): asked for http://127.0.0.1:8080/ or
http://169.254.169.254/ (a cloud machine's own credentials), it would fetch what only
the machine itself should see. So:

- only http:// and https:// addresses (file://, ftp:// … are refused), without a user
  name or password in them;
- the host name is resolved once, every address it resolves to is checked, and the
  connection goes to an address that was checked (never resolved again, so a name
  server cannot answer a public address to the check and a private one to the
  connection); loopback, private, link-local, multicast, reserved, unspecified and
  other non-public addresses are refused unless the setting ZHENGSHU_FETCH_PRIVATE=1
  allows them (a deployment inside an intranet; the tests' servers on 127.0.0.1);
- redirects are followed at most MAX_REDIRECTS times, each new address checked again;
- at most etl.documents.MAX_BYTES (ZHENGSHU_FETCH_MAX_BYTES may lower it): a
  Content-Length over it is refused before reading, a body is refused as soon as the
  bytes read pass it;
- the whole fetch, redirects included, within ZHENGSHU_FETCH_SECONDS (20 s).

Every refusal is a FetchError, a DocumentError (what is wrong and what to do, in
Chinese and English), raised before anything is written. No Streamlit here.
"""

from __future__ import annotations

import email.message
import hashlib
import http.client
import ipaddress
import os
import re
import socket
import ssl
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from etl.documents import MAX_BYTES, DocumentError
from etl.intake import SUFFIXES, Upload, read_upload, read_uploads

SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
SECONDS = 20.0
ALLOW_PRIVATE_SETTING = "ZHENGSHU_FETCH_PRIVATE"
SECONDS_SETTING = "ZHENGSHU_FETCH_SECONDS"
MAX_BYTES_SETTING = "ZHENGSHU_FETCH_MAX_BYTES"
USER_AGENT = "Mozilla/5.0 (compatible; zhengshu-benchmark/0.1; +report fetcher)"
_CHUNK = 64 * 1024
# A web page's links followed with --attachments: the tables and documents bureaus attach.
ATTACHMENT_SUFFIXES = (".xls", ".xlsx", ".pdf", ".doc", ".docx")
MAX_ATTACHMENTS = 20

# A Content-Type and the suffixes a file of it may be named with; the first is given to
# a name that has none of them (a page at /index.jsp is read as index.html).
_TYPES = {
    "text/html": (".html", ".htm"),
    "application/xhtml+xml": (".html", ".htm"),
    "text/plain": (".txt", ".md"),
    "text/markdown": (".md", ".txt"),
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/msword": (".doc",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.ms-excel": (".xls", ".et"),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "multipart/related": (".mhtml",),
    "message/rfc822": (".mhtml",),
}

# What a refused address is, from the most particular to the most general.
_NOT_PUBLIC = (
    ("is_loopback", "本机回环地址", "a loopback"),
    ("is_unspecified", "未指定地址", "an unspecified"),
    ("is_link_local", "链路本地地址", "a link-local"),
    ("is_multicast", "组播地址", "a multicast"),
    ("is_private", "内网（私有）地址", "a private"),
    ("is_reserved", "保留地址", "a reserved"),
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(DocumentError):
    """An address that is not fetched, or a fetch that failed: what is wrong and what
    to do, in Chinese and English. Named by its host (or scheme) where a file is named
    by its name."""

    def __init__(self, where: str, problem_zh: str, problem_en: str):
        super().__init__(Path(where or "address"), problem_zh, problem_en)


@dataclass(frozen=True)
class Limits:
    """How far a fetch may go: its time for everything, redirects included; its size;
    how many redirects; whether non-public addresses are allowed."""

    seconds: float = SECONDS
    max_bytes: int = MAX_BYTES
    redirects: int = MAX_REDIRECTS
    allow_private: bool = False

    @classmethod
    def from_settings(cls) -> Limits:
        """The limits as the environment sets them: ZHENGSHU_FETCH_PRIVATE=1,
        ZHENGSHU_FETCH_SECONDS (20), ZHENGSHU_FETCH_MAX_BYTES (at most MAX_BYTES)."""
        allow = os.environ.get(ALLOW_PRIVATE_SETTING, "").strip().lower() in ("1", "true", "yes", "on")
        return cls(seconds=_setting(SECONDS_SETTING, SECONDS, float),
                   max_bytes=min(_setting(MAX_BYTES_SETTING, MAX_BYTES, int), MAX_BYTES), allow_private=allow)


def _setting(name: str, default, kind):
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise FetchError(name, f"设置 {name}={text} 无效：应为正数", f"the setting {name}={text} is invalid: give a positive number")
    return value


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought back: the address asked for, the address the bytes came from
    (after redirects), the file name to read them by, their Content-Type and charset,
    the bytes, and when (UTC, ISO 8601)."""

    url: str
    final_url: str
    name: str
    content_type: str
    charset: str
    data: bytes
    fetched_at: str


def is_address(text: str) -> bool:
    """Whether a command-line argument is an address (scheme://…) rather than a file."""
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", str(text).strip()))


def fetch_upload(url: str, limits: Limits | None = None, attachments: bool = False) -> Upload:
    """Fetch the page or file at `url` and read it as an upload would be read, the
    address (after redirects) and the fetch time on it; or raise FetchError /
    DocumentError, having written nothing. With `attachments`, a web page's links to
    spreadsheets, PDFs and Word files on its own host are fetched too, and read with
    the page as one document."""
    limits = limits or Limits.from_settings()
    got = fetch(url, limits)
    if attachments and Path(got.name).suffix.lower() in (".html", ".htm"):
        return _with_attachments(got, limits)
    data, notes = got.data, []
    if attachments:
        notes.append(("只有网页才有附件可取：这是一个文件，只读取了它本身",
                      "only a web page has attachments to fetch: this is a file, read alone"))
    suffix = Path(got.name).suffix.lower()
    if suffix in (".txt", ".md") and got.charset and _codec(got.charset) not in ("utf-8", None):
        try:  # a text file the server says is GBK: stored as UTF-8, like every report
            data = data.decode(got.charset).encode("utf-8")
            notes.append((f"服务器声明这份文本的编码是 {got.charset}，已转为 UTF-8",
                          f"the server says this text is in {got.charset}: converted to UTF-8"))
        except (LookupError, UnicodeDecodeError):
            pass
    upload = read_upload(got.name, data)
    notes += _redirected(got)
    return replace(upload, source_url=got.final_url, fetched_at=got.fetched_at, notes=upload.notes + tuple(notes))


def attachment_links(page: bytes, base: str, charset: str = "") -> list[tuple[str, str]]:
    """The links of a web page to a file ending in one of ATTACHMENT_SUFFIXES on the page's
    own host, as (address, the link's text), in the page's order, each address once, at
    most MAX_ATTACHMENTS: 部门决算相关信息统计表.xls → …/20170809151110940001.xls."""
    try:
        text = page.decode(_codec(charset) or "utf-8")
    except (UnicodeDecodeError, LookupError):
        text = page.decode("gb18030", errors="replace")  # a page in GBK that its header does not name
    links = _Links()
    links.feed(text)
    links.close()
    base = urljoin(base, links.base) if links.base else base
    host = (urlsplit(base).hostname or "").lower()
    found: dict[str, str] = {}
    for href, label in links.anchors:
        address = urljoin(base, href.strip()).split("#")[0]
        parts = urlsplit(address)
        if (parts.scheme.lower() in SCHEMES and (parts.hostname or "").lower() == host
                and Path(unquote(parts.path)).suffix.lower() in ATTACHMENT_SUFFIXES):
            found.setdefault(address, " ".join(label.split()))
    return list(found.items())[:MAX_ATTACHMENTS]


class _Links(HTMLParser):
    """Every <a href> of a page with its text, and the page's <base href>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []
        self.base = ""
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a":
            self._close()
            if href:
                self.anchors.append((href, ""))
                self._open = []
        elif tag == "base" and href and not self.base:
            self.base = href

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._close()

    def _close(self) -> None:
        if self._open is not None:
            self.anchors[-1] = (self.anchors[-1][0], "".join(self._open))
            self._open = None


def _with_attachments(page: Fetched, limits: Limits) -> Upload:
    """The page and the attachments it links to on its host (attachment_links), each
    fetched within the limits and its address checked, read as one document
    (etl.intake.read_uploads: the page's text first, then the spreadsheets, each after a
    line 附件：NAME); an attachment is named as the page shows it (部门决算相关信息统计表.xls,
    not 20170809151110940001.xls). A type the product does not read (an old .doc) is left
    out with a note; one that fails to fetch or read refuses the whole, naming it."""
    files, notes, seen = [(page.name, page.data)], [], {hashlib.sha256(page.data).hexdigest()}
    links = attachment_links(page.data, page.final_url, page.charset)
    for address, label in links:
        suffix = Path(unquote(urlsplit(address).path)).suffix.lower()
        if suffix in SUFFIXES:
            got = fetch(address, limits)
            name = label if Path(label).suffix.lower() == Path(got.name).suffix.lower() else got.name
            suffix = Path(name).suffix.lower()
        if suffix not in SUFFIXES:  # not downloaded, or not what it said
            notes.append((f"附件 {label or shown(address)}（{shown(address)}）的类型不能读取，未载入：可另存为 .docx 或 PDF 后一起上传",
                          f"the attachment {label or shown(address)} ({shown(address)}) is of a type that is not read and was "
                          "left out: save it as .docx or PDF and upload it with the page"))
            continue
        digest = hashlib.sha256(got.data).hexdigest()
        if digest not in seen:  # a page may link one file twice
            seen.add(digest)
            files.append((name, got.data))
    if not links:
        notes.append(("网页上没有找到同一网站的附件（.xls、.xlsx、.pdf、.doc、.docx）：只读取了网页本身",
                      "the page links to no attachment on its own site (.xls, .xlsx, .pdf, .doc, .docx): the page alone was read"))
    elif len(files) > 1:
        named = "、".join(name for name, _ in files[1:])
        notes.append((f"与网页一起读取了 {len(files) - 1} 个附件：{named}",
                      f"{len(files) - 1} attachment(s) read with the page: {', '.join(name for name, _ in files[1:])}"))
    upload = read_uploads(files)
    return replace(upload, source_url=page.final_url, fetched_at=page.fetched_at,
                   notes=upload.notes + tuple(_redirected(page)) + tuple(notes))


def _redirected(got: Fetched) -> list[tuple[str, str]]:
    if got.final_url == got.url:
        return []
    return [(f"网址 {shown(got.url)} 跳转到了 {shown(got.final_url)}：记录的是后者",
             f"{shown(got.url)} redirected to {shown(got.final_url)}: the latter is recorded")]


def fetch(url: str, limits: Limits | None = None) -> Fetched:
    """GET `url` within the limits, following redirects, each address checked before
    any connection to it; raise FetchError for anything refused or failed."""
    limits = limits or Limits.from_settings()
    deadline = time.monotonic() + limits.seconds
    asked = current = url.strip()
    for _ in range(limits.redirects + 1):
        parts = _checked_url(current)
        addresses = _resolve(parts, limits, deadline)
        status, reason, headers, data = _get(parts, addresses, limits, deadline, current)
        if status in (301, 302, 303, 307, 308):
            location = headers.get("location")
            if not location:
                raise FetchError(parts.hostname, f"服务器对 {shown(current)} 的回答是跳转（{status}），却没有给出新地址：请检查网址",
                                 f"the server answered {shown(current)} with a redirect ({status}) but no new address: check the address")
            current = urljoin(current, location.strip()).split("#")[0]
            continue
        if not 200 <= status < 300:
            raise FetchError(parts.hostname, f"服务器对 {shown(current)} 的回答是 {status} {reason}，没有取得文件："
                                             "请检查网址，或下载后上传文件",
                             f"the server answered {status} {reason} for {shown(current)}: nothing fetched; check the address, "
                             "or download the file and upload it")
        content_type, charset = _content_type(headers.get("content-type", ""))
        name = _file_name(current, headers.get("content-disposition", ""), content_type)
        fetched_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return Fetched(asked, current, name, content_type, charset, data, fetched_at)
    host = urlsplit(asked).hostname or ""
    raise FetchError(host, f"{shown(asked)} 跳转超过 {limits.redirects} 次，已停止：请给出最终的地址",
                     f"{shown(asked)} redirected more than {limits.redirects} times and was stopped: give the final address")


def shown(url: str) -> str:
    """An address as a message shows it: without a user name or password, at most 200 characters."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        url = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
    return url if len(url) <= 200 else url[:197] + "…"


# ---------------------------------------------------------------------------
# Checking an address: scheme, host, every address the host resolves to.
# ---------------------------------------------------------------------------


def _checked_url(url: str):
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if not scheme or "://" not in url:
        raise FetchError("address", f"「{shown(url)}」不是网址：请给出以 http:// 或 https:// 开头的完整地址",
                         f"{shown(url)!r} is not a web address: give the whole address, starting with http:// or https://")
    if scheme not in SCHEMES:
        raise FetchError(f"{scheme}:", f"只取得 http:// 和 https:// 网址，不取得 {scheme}:// 地址：请给出网页或文件的 http(s) 地址，"
                                        "或下载后上传文件",
                         f"only http:// and https:// addresses are fetched, not {scheme}://: give the page's or file's "
                         "http(s) address, or download it and upload the file")
    if parts.username is not None or parts.password is not None:
        raise FetchError(parts.hostname or scheme, "网址中含有用户名或密码，不予取得：请去掉 @ 及其之前的部分",
                         "the address holds a user name or password: not fetched; remove the part up to the @")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or port == -1:
        raise FetchError(parts.hostname or scheme, f"「{shown(url)}」不是有效的网址（缺少主机名或端口无效）：请检查网址",
                         f"{shown(url)!r} is not a valid address (no host name, or a bad port): check the address")
    return parts


def _port(parts) -> int:
    return parts.port or (443 if parts.scheme.lower() == "https" else 80)


def _resolve(parts, limits: Limits, deadline: float) -> list[str]:
    """Every address the host resolves to, each checked (unless private addresses are
    allowed): the connection goes only to one of these."""
    host = parts.hostname
    pool = ThreadPoolExecutor(max_workers=1)  # getaddrinfo has no timeout of its own
    try:
        found = pool.submit(socket.getaddrinfo, host, _port(parts), type=socket.SOCK_STREAM).result(timeout=_left(deadline))
    except FutureTimeout:
        raise _too_slow(parts, limits) from None
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError(host, f"找不到主机 {host}（域名无法解析）：请检查网址", f"host {host} not found (its name does not resolve): "
                         "check the address") from None
    finally:
        pool.shutdown(wait=False)
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not limits.allow_private:
        for address in addresses:
            refused = not_public(address)
            if refused:
                what_zh, what_en = refused
                named_zh = f"{host} 是" if host == address else f"{host} 指向 {address}，是"
                named_en = f"{host} is" if host == address else f"{host} points to {address},"
                raise FetchError(host, f"{named_zh}{what_zh}：为防止本服务被用来访问它所在的内部网络，不取得这类地址；"
                                       f"确需取得（如在内网中部署），请由管理员设置 {ALLOW_PRIVATE_SETTING}=1",
                                 f"{named_en} {what_en} address: such addresses are not fetched, so that this server "
                                 f"cannot be used to reach the network it sits in; where that is wanted (a deployment "
                                 f"inside an intranet) an administrator can set {ALLOW_PRIVATE_SETTING}=1")
    return addresses


def not_public(address: str) -> tuple[str, str] | None:
    """What makes an IP address one that is not fetched (Chinese, English), or None for a
    public one. An IPv6 address that carries an IPv4 one (::ffff:10.0.0.1, 6to4, NAT64)
    is judged by that too."""
    ip = ipaddress.ip_address(address.split("%")[0])
    judged = [ip]
    if ip.version == 6 and (ip.ipv4_mapped or ip in _NAT64):  # the IPv4 address is the one reached
        judged = [ip.ipv4_mapped or ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    elif ip.version == 6 and ip.sixtofour:  # 6to4: both
        judged = [ip.sixtofour, ip]
    for each in judged:
        for flag, zh, en in _NOT_PUBLIC:
            if getattr(each, flag):
                return zh, en
        if not each.is_global:
            return "非公网地址", "a non-public"
    return None


# ---------------------------------------------------------------------------
# One request to a checked address, within the time and size left.
# ---------------------------------------------------------------------------


class _Pinned:
    """A connection to the address that was checked, whatever the host name would resolve
    to now; it keeps its socket after getresponse() lets go of it (Connection: close), so
    that the time limit can still shut it and close() still closes it."""

    address: str
    timed_out = False
    held: socket.socket | None = None

    def _open(self) -> socket.socket:
        self.held = socket.create_connection((self.address, self.port), self.timeout)
        return self.held

    def close(self) -> None:
        super().close()
        if self.held is not None:
            self.held.close()


class _HTTP(_Pinned, http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = self._open()


class _HTTPS(_Pinned, http.client.HTTPSConnection):
    """The same over TLS, the certificate checked against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=tls_context())
        self.address = address

    def connect(self) -> None:
        raw = self._open()
        self.sock = self.held = self._context.wrap_socket(raw, server_hostname=self.host)


def tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, the host name checked (the tests trust their own)."""
    return ssl.create_default_context()


def _left(deadline: float) -> float:
    return max(deadline - time.monotonic(), 0.001)


def _too_slow(parts, limits: Limits) -> FetchError:
    url = shown(parts.geturl())
    return FetchError(parts.hostname, f"取得 {url} 超过 {limits.seconds:g} 秒仍未完成，已停止：请稍后再试，或下载后上传文件",
                      f"fetching {url} took longer than {limits.seconds:g} s and was stopped: try again later, "
                      "or download the file and upload it")


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1024 / 1024:.1f} MB"
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} B"


def _too_large(parts, limits: Limits, size: int | None) -> FetchError:
    url, limit = shown(parts.geturl()), _size(limits.max_bytes)
    if size is not None:
        return FetchError(parts.hostname, f"{url} 的大小是 {_size(size)}，超过上限 {limit}，未下载：请只取得报告本身",
                          f"{url} is {_size(size)}, over the limit of {limit}: not downloaded; fetch the report alone")
    return FetchError(parts.hostname, f"{url} 超过上限 {limit}，已停止下载：请只取得报告本身",
                      f"{url} is over the limit of {limit}: the download was stopped; fetch the report alone")


def _get(parts, addresses: list[str], limits: Limits, deadline: float, url: str):
    """GET one checked address of the host: (status, reason, headers with lower-case
    names, body) — the body only for a 2xx answer, within the size and time left."""
    host, port = parts.hostname.encode("idna").decode("ascii"), _port(parts)  # 政府.cn as the Host header sends it
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _HTTPS if parts.scheme.lower() == "https" else _HTTP
    failure: Exception | None = None
    for address in addresses:
        connection = kind(host, port, address, timeout=_left(deadline))
        # The whole fetch's time: a server that answers one byte at a time never trips a
        # read's timeout, so the connection is shut when the time is up, whatever it is doing.
        timer = threading.Timer(_left(deadline), _shut, (connection,))
        timer.daemon = True
        timer.start()
        try:
            connection.connect()
        except TimeoutError:
            timer.cancel()
            connection.close()
            raise _too_slow(parts, limits) from None
        except ssl.SSLError as error:
            timer.cancel()
            connection.close()
            raise FetchError(host, f"{host} 的 HTTPS 连接无法建立（证书无法验证或加密协商失败：{error.reason or error}）：请检查网址",
                             f"cannot make an HTTPS connection to {host} (certificate not verified or TLS failed: "
                             f"{error.reason or error}): check the address") from None
        except OSError as error:
            timer.cancel()
            connection.close()
            failure = error
            continue
        try:
            return _exchange(connection, parts, host, target, limits, deadline)
        except TimeoutError:
            raise _too_slow(parts, limits) from None
        except (OSError, http.client.HTTPException) as error:
            if connection.timed_out or time.monotonic() >= deadline:
                raise _too_slow(parts, limits) from None
            raise FetchError(host, f"与 {host} 的连接中断（{type(error).__name__}），没有取得完整的文件：请稍后再试",
                             f"the connection to {host} broke off ({type(error).__name__}) before the whole file "
                             "arrived: try again later") from None
        finally:
            timer.cancel()
            connection.close()
    reason = getattr(failure, "strerror", None) or str(failure)
    raise FetchError(host, f"无法连接 {host}（{reason}）：请检查网址，或稍后再试",
                     f"cannot connect to {host} ({reason}): check the address, or try again later")


def _shut(connection: http.client.HTTPConnection) -> None:
    connection.timed_out = True
    sock = connection.held
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _exchange(connection, parts, host: str, target: str, limits: Limits, deadline: float):
    connection.putrequest("GET", target, skip_accept_encoding=True)
    for name, value in (("User-Agent", USER_AGENT), ("Accept", "*/*"), ("Accept-Encoding", "gzip, deflate, identity"),
                        ("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"), ("Connection", "close")):
        connection.putheader(name, value)
    connection.endheaders()
    sock = connection.held
    sock.settimeout(_left(deadline))
    response = connection.getresponse()
    headers = {name.lower(): value for name, value in response.getheaders()}
    if not 200 <= response.status < 300:
        return response.status, response.reason, headers, b""
    length = headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > limits.max_bytes:
        raise _too_large(parts, limits, int(length))
    body, size = [], 0
    while True:
        if time.monotonic() >= deadline:
            raise _too_slow(parts, limits)
        sock.settimeout(_left(deadline))
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limits.max_bytes:
            raise _too_large(parts, limits, None)
        body.append(chunk)
    if connection.timed_out or time.monotonic() >= deadline:  # the time ran out, the connection was shut: not the end of the file
        raise _too_slow(parts, limits)
    data = b"".join(body)
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        data = _decompressed(data, parts, limits)
    elif encoding not in ("", "identity"):
        raise FetchError(host, f"服务器用 {encoding} 压缩了文件，无法读取：请下载后上传文件",
                         f"the server compressed the file with {encoding}, which is not read: download it and upload the file")
    return response.status, response.reason, headers, data


def _decompressed(data: bytes, parts, limits: Limits) -> bytes:
    """A gzip or deflate body unpacked, never past the size limit (a small body may unpack to a huge one)."""
    for wbits in (47, -15):  # gzip or zlib (47: either, by its header); raw deflate
        try:
            unpacker = zlib.decompressobj(wbits)
            out = unpacker.decompress(data, limits.max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > limits.max_bytes or unpacker.unconsumed_tail:
            raise _too_large(parts, limits, None)
        return out
    raise FetchError(parts.hostname, "服务器发来的压缩数据已损坏：请稍后再试，或下载后上传文件",
                     "the server sent damaged compressed data: try again later, or download the file and upload it")


# ---------------------------------------------------------------------------
# The file name to read the bytes by: the suffix says what reads them.
# ---------------------------------------------------------------------------


def _content_type(header: str) -> tuple[str, str]:
    message = email.message.Message()
    message["content-type"] = header or "application/octet-stream"
    return message.get_content_type(), message.get_param("charset") or ""


def _codec(charset: str) -> str | None:
    import codecs

    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _file_name(url: str, disposition: str, content_type: str) -> str:
    """The name the server gives (Content-Disposition), else the address's last part;
    its suffix made to agree with the Content-Type where the type is one a report is
    read from (a page at /index.jsp is index.html; a /download?id=3 of a PDF is download.pdf)."""
    name = ""
    if disposition:
        message = email.message.Message()
        message["content-disposition"] = disposition
        name = _header_text(message.get_filename() or "")
    if not name:
        name = unquote(urlsplit(url).path.rstrip("/").rpartition("/")[2])
    name = name or "index"
    suffixes = _TYPES.get(content_type)
    if suffixes and Path(name).suffix.lower() not in suffixes:
        name = (Path(name).stem if Path(name).suffix else name) + suffixes[0]
    return name


def _header_text(text: str) -> str:
    """A header's text as sent: http.client reads header bytes as Latin-1, so a name sent
    as raw UTF-8 or GBK bytes comes back as their Latin-1 reading."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return text  # already decoded (RFC 2231 filename*)
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return text
