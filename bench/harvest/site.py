"""A fictional municipal web site served on 127.0.0.1, for the harvester's tests and benchmark.

``build_site(folder)`` lays out the pages of tests/harvest_site/www (written for
the tests; see the README there) and turns each ``X.pdf.txt`` into a real PDF
``X.pdf`` with reportlab (invariant, so the same text gives the same bytes).
``SiteServer(folder)`` serves a folder like a plain web server does: ETag and
Last-Modified on every file and 304 to a matching conditional request, with
``{{BASE}}`` in pages, feeds and sitemaps replaced by its own address. A test
scripts misbehaviour per path with :meth:`SiteServer.script` (a status, a
delay, a redirect, another body or Content-Type, a slow drip, no
Content-Length) and reads every request afterwards in ``requests``.
"""
from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import shutil
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "tests" / "harvest_site" / "www"
TEXT_SUFFIXES = (".html", ".rss", ".xml", ".txt")
CONTENT_TYPES = {".rss": "application/rss+xml", ".xml": "application/xml", ".pdf": "application/pdf",
                 ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


def render_pdf(text: str) -> bytes:
    """A small real PDF with ``text`` (one line per line), the same bytes for the same text."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    y = 800
    for line in text.splitlines():
        pdf.drawString(60, y, line)
        y -= 16
        if y < 60:
            pdf.showPage()
            y = 800
    pdf.save()
    return out.getvalue()


def build_site(folder: Path, source: Path = SITE) -> Path:
    """The site's files in ``folder`` (created), PDFs rendered from their ``.pdf.txt``."""
    shutil.copytree(source, folder, dirs_exist_ok=True)
    for text in folder.rglob("*.pdf.txt"):
        text.with_suffix("").write_bytes(render_pdf(text.read_text(encoding="utf-8")))
        text.unlink()
    return folder


@dataclass
class Rule:
    """Scripted behaviour of one path (see SiteServer.script)."""

    status: int | None = None          # answer with this status (and ``body``) instead of the file
    times: int | None = None           # for this many requests, then as usual (None: always)
    delay_s: float = 0.0               # wait before answering
    location: str | None = None        # redirect here (302)
    body: bytes | None = None          # serve this instead of the file (with ``status``: as its body)
    content_type: str | None = None    # with this Content-Type
    headers: dict = field(default_factory=dict)   # sent as well, over the file's ETag and Last-Modified
    drip: tuple[int, float] | None = None   # (bytes, seconds): send the body this many bytes at a time
    no_length: bool = False            # no Content-Length: the body ends when the connection closes


@dataclass
class Request:
    """One request, logged as it arrives (a test sees a request the server is still delaying)."""

    path: str
    conditional: bool     # it carried If-None-Match or If-Modified-Since
    status: int = 0       # 0 until the answer is sent
    body_bytes: int = 0   # -1: the client hung up during the body


class SiteServer:
    """``with SiteServer(folder) as site:`` — ``site.url("/nyheter/")`` is an address on it."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.rules: dict[str, Rule] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a dripping answer to a killed client must not hold up stop()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="harvest-site", daemon=True)

    def __enter__(self) -> "SiteServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def script(self, path: str, **rule) -> None:
        """Misbehave at ``path`` as ``Rule(**rule)`` says (replacing an earlier script of it)."""
        with self._lock:
            self.rules[path] = Rule(**rule)

    def clear(self) -> None:
        """Forget the scripts and the request log."""
        with self._lock:
            self.rules.clear()
            self.requests.clear()

    def requested(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _rule(self, path: str) -> Rule | None:
        with self._lock:
            rule = self.rules.get(path)
            if rule is not None and rule.times is not None:
                rule.times -= 1
                if rule.times < 0:
                    del self.rules[path]
                    return None
            return rule

    def _log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def file_body(self, path: str) -> tuple[bytes, float] | None:
        """(content, mtime) of the file at URL ``path``, None when there is none."""
        rel = unquote(path).lstrip("/")
        target = (self.root / rel).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.root.resolve() not in target.parents or not target.is_file():
            return None
        content = target.read_bytes()
        if target.suffix in TEXT_SUFFIXES:
            content = content.replace(b"{{BASE}}", self.base.encode())
        return content, target.stat().st_mtime


def _handler(site: SiteServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; with Nagle's algorithm the body then waits
        # for the client's delayed ACK (tens of ms a request), which would be measured as the harvester's.
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:  # the request log is site.requests
            pass

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            request = Request(path, bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")))
            site._log(request)
            rule = site._rule(path) or Rule()
            if rule.delay_s:
                time.sleep(rule.delay_s)
            headers = dict(rule.headers)
            if rule.location is not None:
                status, body = 302, b""
                headers["Location"] = rule.location
            elif rule.status is not None:
                status, body = rule.status, rule.body or f"<html><body>Fel {rule.status}</body></html>".encode()
            else:
                found = (rule.body, time.time()) if rule.body is not None else site.file_body(path)
                if found is None:
                    status, body = 404, b"<html><body><h1>Sidan finns inte</h1></body></html>"
                else:
                    content, mtime = found
                    headers = {"ETag": '"' + hashlib.sha1(content).hexdigest()[:16] + '"',
                               "Last-Modified": email.utils.formatdate(mtime, usegmt=True), **headers}
                    status, body = 200, content
                    if _not_modified(self.headers, headers["ETag"], mtime):
                        status, body = 304, b""
            content_type = rule.content_type or CONTENT_TYPES.get(Path(path).suffix) or (
                mimetypes.guess_type(path)[0] if Path(path).suffix else "text/html; charset=utf-8")
            request.status = status
            request.body_bytes = self._send(status, headers, body, content_type or "application/octet-stream", rule)

        def _send(self, status: int, headers: dict, body: bytes, content_type: str, rule: Rule) -> int:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Type", content_type)
                if rule.no_length:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                step, pause = rule.drip or (len(body) or 1, 0.0)
                sent = 0
                for start in range(0, len(body), step):
                    self.wfile.write(body[start:start + step])
                    self.wfile.flush()
                    sent += len(body[start:start + step])
                    if pause:
                        time.sleep(pause)
                return sent
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, size limit, killed)
                self.close_connection = True
                return -1

    return Handler


def _not_modified(request_headers, etag: str, mtime: float) -> bool:
    match = request_headers.get("If-None-Match")
    if match:
        return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
    since = request_headers.get("If-Modified-Since")
    if since:
        try:
            return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False
