"""Shared by the tests of adding a report from its address: a local HTTP server on
127.0.0.1 that serves the corpus report and misbehaves on purpose (redirects to other
schemes, too large, too slow, one byte at a time). Never the internet."""

from __future__ import annotations

import gzip
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
PINGTAN_TXT = CORPUS / "pingtan_approval_2016_final_accounts.txt"
PINGTAN_HTML = CORPUS / "html" / "pingtan_approval_2016_final_accounts.html"


@dataclass
class Served:
    """The server's address and what it was asked (path and Host header of each request)."""

    url: str
    seen: list[tuple[str, str]] = field(default_factory=list)

    def at(self, path: str) -> str:
        return f"{self.url}{path}"


def _handler(served: Served, files: dict[str, tuple[bytes, str]]):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def answer(self, body: bytes, content_type: str, status: int = 200, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def redirect(self, location: str, status: int = 302) -> None:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()

        def do_GET(self) -> None:  # noqa: C901 - one branch per misbehaviour, read top to bottom
            served.seen.append((self.path, self.headers.get("Host", "")))
            path = self.path
            try:
                if path in files:
                    body, content_type = files[path]
                    self.answer(body, content_type)
                elif path == "/download?id=7":  # a name only in Content-Disposition, in Chinese
                    self.answer(PINGTAN_TXT.read_bytes(), "text/plain; charset=utf-8",
                                Content_Disposition=f"attachment; filename*=UTF-8''{quote('平潭行政审批局2016决算.txt')}")
                elif path == "/chunked.txt":  # no length, in chunks, as many servers send a page
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    body = PINGTAN_TXT.read_bytes()
                    for start in range(0, len(body), 1000):
                        chunk = body[start:start + 1000]
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                elif path == "/gbk.txt":  # a text the server says is GBK
                    self.answer(PINGTAN_TXT.read_text(encoding="utf-8").encode("gbk"), "text/plain; charset=GBK")
                elif path == "/redirect":
                    self.redirect("/pingtan.txt")
                elif path == "/redirect-file":
                    self.redirect("file:///etc/passwd")
                elif path == "/redirect-ftp":
                    self.redirect("ftp://127.0.0.1/pingtan.txt")
                elif path == "/redirect-private":
                    self.redirect("http://10.0.0.1/pingtan.txt")
                elif path.startswith("/loop"):
                    self.redirect(f"/loop{len(path)}")
                elif path == "/missing":
                    self.answer(b"not here", "text/plain", status=404)
                elif path == "/declared-huge.txt":  # says it is 1 GB, sends nothing and waits
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(1024 ** 3))
                    self.end_headers()
                    self.wfile.flush()
                    time.sleep(5)
                elif path == "/endless.txt":  # no length, 8 KB after 8 KB until the client hangs up (or 50 MB)
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for _ in range(50 * 128):
                        self.wfile.write(b"x" * 8191 + b"\n")
                elif path == "/gzip-bomb.txt":  # 40 MB of text in a small gzip
                    body = gzip.compress(b"0" * (40 * 1024 * 1024))
                    self.answer(body, "text/plain", Content_Encoding="gzip")
                elif path == "/slow.txt":  # thinks for 3 s before answering
                    time.sleep(3)
                    self.answer(PINGTAN_TXT.read_bytes(), "text/plain; charset=utf-8")
                elif path == "/drip.txt":  # the headers at once, then a byte every 50 ms
                    body = PINGTAN_TXT.read_bytes()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for byte in body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.05)
                elif path == "/drip-headers.txt":  # even the headers a byte at a time
                    for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"y" * 400 + b"\r\n\r\n":
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.05)
                else:
                    self.answer(b"not found", "text/plain", status=404)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: what a refusal does

    return Handler


def certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for the host `name` and its key (Debian's openssl), for an https server."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
                   check=True, capture_output=True, timeout=60)
    return cert, key


@contextmanager
def serving(files: dict[str, tuple[bytes, str]] | None = None, tls: tuple[Path, Path] | None = None) -> Iterator[Served]:
    """A server on a free port of 127.0.0.1, in a thread, for the duration. `files`:
    path -> (body, Content-Type), beside /pingtan.txt (the corpus report as text)
    and the misbehaving paths above; `tls`: (certificate, key) to serve https."""
    files = {"/pingtan.txt": (PINGTAN_TXT.read_bytes(), "text/plain; charset=utf-8"), **(files or {})}
    served = Served("")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served, files))
    server.daemon_threads = True
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    served.url = f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
