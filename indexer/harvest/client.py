"""A polite HTTP client for the harvester, on httpx.

What it promises a municipality's web server: robots.txt is obeyed (Protego;
fetched once per host and run); requests to one host are spaced by the
configured delay, or the robots.txt Crawl-delay when that is longer (capped);
a timeout, a broken connection, 429 and 5xx are retried a few times with
exponential backoff, honouring Retry-After (capped); documents already fetched
are asked for conditionally (If-None-Match / If-Modified-Since), so an
unchanged one costs a 304; redirects are followed by hand, at most
MAX_REDIRECTS, and a loop is an error naming its addresses.

What it promises the folder it writes to: a download streams into a hidden
temporary file in the target folder (``.harvest-….part``, which
``indexer update`` never reads) and is refused as soon as it passes the size
limit (Content-Length first, then the bytes actually received); the caller
renames a complete, verified download into place, so a killed run never leaves
a partial file under a final name, and the next run deletes the leftovers.

robots.txt, as RFC 9309 and the large crawlers read it: 2xx is parsed; 4xx
means no rules (everything allowed); a robots.txt that cannot be fetched at all
(DNS, refused connection, timeout, a redirect loop) counts as allowed as well,
since the documents will then fail on their own with the real reason. A 5xx
or 429 that persists through the retries is different: the server is there but
unwell, and RFC 9309 asks a crawler to assume it may fetch nothing, so the
host is skipped for the rest of the run (every URL on it fails with that
reason, which the report shows) and tried again on the next run.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, TypeVar
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from protego import Protego

from .sources import Defaults

MAX_REDIRECTS = 10
#: The longest wait a Retry-After or a Crawl-delay may impose: a nightly run
#: over two municipalities must end before morning.
MAX_RETRY_AFTER_S = 60.0
MAX_CRAWL_DELAY_S = 30.0
#: Google reads the first 500 KiB of a robots.txt and ignores the rest.
ROBOTS_MAX_BYTES = 500 * 1024
TEMP_PREFIX, TEMP_SUFFIX = ".harvest-", ".part"
DRAIN_MAX_BYTES = 64 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_MB = 1024 * 1024

T = TypeVar("T")


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` says why in a few words (Swedish, for the report)."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status


class Disallowed(FetchError):
    """robots.txt asks us not to fetch the URL: the site's wish, reported but no failure."""


@dataclass(frozen=True)
class Page:
    """A page read into memory (a listing, a feed, a sitemap)."""

    final_url: str
    content: bytes
    content_type: str | None


@dataclass(frozen=True)
class Download:
    """The answer to a download: a complete temporary file, or "not modified" (``temp_path`` None)."""

    final_url: str
    temp_path: Path | None
    sha256: str = ""
    size: int = 0
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.temp_path is None


@dataclass(frozen=True)
class _SkippedHost:
    reason: str


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class PoliteClient:
    """``with PoliteClient(defaults) as client:`` — one per run (robots.txt and delays are per run)."""

    def __init__(self, defaults: Defaults):
        # httpx logs every request at INFO; the run logs per source instead, and a failure with its reason.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        self.defaults = defaults
        self._http = httpx.Client(headers={"User-Agent": defaults.user_agent}, follow_redirects=False,
                                  timeout=httpx.Timeout(defaults.timeout_s))
        self._robots: dict[str, Protego | _SkippedHost | None] = {}
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc) -> None:
        self._http.close()

    def get_page(self, url: str) -> Page:
        """A page read into memory, at most max_file_mb; FetchError when it cannot be had."""
        limit = self.defaults.max_bytes
        response, final_url, content = self._exchange(url, {}, lambda r: _read_body(r, limit))
        assert content is not None  # only a conditional request gets a 304
        return Page(final_url=final_url, content=content,
                    content_type=response.headers.get("content-type"))

    def download(self, url: str, folder: Path, *, etag: str | None = None,
                 last_modified: str | None = None) -> Download:
        """Stream ``url`` into a temporary file in ``folder``, conditionally when ``etag`` or
        ``last_modified`` is given (then a 304 gives a Download without a file)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = self.defaults.max_bytes
        response, final_url, saved = self._exchange(url, headers, lambda r: _save(r, Path(folder), limit))
        got = response.headers
        if saved is None:
            return Download(final_url=final_url, temp_path=None,
                            etag=got.get("etag") or etag, last_modified=got.get("last-modified") or last_modified)
        temp_path, sha256, size = saved
        return Download(final_url=final_url, temp_path=temp_path, sha256=sha256, size=size,
                        content_type=got.get("content-type"), etag=got.get("etag"),
                        last_modified=got.get("last-modified"))

    # -- redirects, robots.txt, retries --------------------------------------------------

    def _exchange(self, url: str, headers: dict, consume: Callable[[httpx.Response], T], *,
                  check_robots: bool = True) -> tuple[httpx.Response, str, T | None]:
        """(last response, final URL, what ``consume`` made of its body; None for a 304)."""
        chain = [url]
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if check_robots:
                self._check_robots(current)
            response, result = self._attempts(current, headers, consume)
            if response.status_code not in REDIRECT_STATUSES:
                return response, current, result
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"omdirigering (HTTP {response.status_code}) utan Location från {current}",
                                 response.status_code)
            target = urldefrag(urljoin(current, location.strip())).url
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(f"omdirigering till en adress som inte är http(s): {target}")
            if target in chain:
                raise FetchError("omdirigeringsslinga: " + " → ".join(chain + [target]))
            chain.append(target)
            current = target
        raise FetchError(f"fler än {MAX_REDIRECTS} omdirigeringar från {url}")

    def _attempts(self, url: str, headers: dict,
                  consume: Callable[[httpx.Response], T]) -> tuple[httpx.Response, T | None]:
        origin = origin_of(url)
        retries = self.defaults.retries
        for attempt in range(retries + 1):
            tries = f"efter {attempt + 1} försök"
            last = attempt == retries
            wait: float | None = None
            self._wait_turn(origin)
            try:
                with self._http.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if not 200 <= status < 300:
                        _drain(response)
                    if status == 429 or status >= 500:
                        if last:
                            raise FetchError(f"HTTP {status}{_phrase(response)} ({tries})", status)
                        wait = retry_after(response.headers.get("retry-after"))
                    elif status in REDIRECT_STATUSES or (status == 304 and headers):
                        return response, None
                    elif status == 304:
                        raise FetchError("oväntat svar HTTP 304 på en fråga utan villkor", status)
                    elif not 200 <= status < 300:
                        raise FetchError(f"HTTP {status}{_phrase(response)}", status)
                    else:
                        return response, consume(response)
            except httpx.TimeoutException:
                if last:
                    raise FetchError(f"inget svar inom {self.defaults.timeout_s:g} s ({tries})") from None
            except httpx.ConnectError as exc:
                raise FetchError(f"kan inte ansluta till {urlsplit(url).netloc}: {_detail(exc)}") from None
            except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
                if last:
                    raise FetchError(f"förbindelsen bröts: {_detail(exc)} ({tries})") from None
            except httpx.InvalidURL as exc:
                raise FetchError(f"ogiltig adress: {exc}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{type(exc).__name__}: {_detail(exc)}") from None
            finally:
                self._last_request[origin] = time.monotonic()
            time.sleep(wait if wait is not None else self.defaults.backoff_s * 2 ** attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _wait_turn(self, origin: str) -> None:
        last = self._last_request.get(origin)
        if last is None:
            return
        remaining = last + self._delay(origin) - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)

    def _delay(self, origin: str) -> float:
        rules = self._robots.get(origin)
        crawl_delay = rules.crawl_delay(self.defaults.user_agent) if isinstance(rules, Protego) else None
        return max(self.defaults.delay_s, min(float(crawl_delay or 0), MAX_CRAWL_DELAY_S))

    def _check_robots(self, url: str) -> None:
        origin = origin_of(url)
        if origin not in self._robots:
            self._robots[origin] = self._fetch_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, _SkippedHost):
            raise FetchError(rules.reason)
        if rules is not None and not rules.can_fetch(url, self.defaults.user_agent):
            raise Disallowed(f"robots.txt på {origin} tillåter inte {urlsplit(url).path or '/'}")

    def _fetch_robots(self, origin: str) -> Protego | _SkippedHost | None:
        robots_url = origin + "/robots.txt"
        try:
            _response, _final, body = self._exchange(
                robots_url, {}, lambda r: _read_body(r, ROBOTS_MAX_BYTES, truncate=True), check_robots=False)
        except FetchError as exc:
            if exc.status is not None and (exc.status >= 500 or exc.status == 429):
                return _SkippedHost(f"{robots_url} svarade {exc.reason}; värden hoppas över i den här körningen")
            return None
        return Protego.parse((body or b"").decode("utf-8", errors="replace"))


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), at most MAX_RETRY_AFTER_S."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def _phrase(response: httpx.Response) -> str:
    return f" {response.reason_phrase}" if response.reason_phrase else ""


def _detail(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__


def _too_big(limit: int, size: int | None = None) -> str:
    if size is None:
        return f"filen är större än gränsen {_size(limit)}"
    return f"filen är {_size(size)}, över gränsen {_size(limit)}"


def _size(n_bytes: int) -> str:
    """"73.2 MB", below 1 MB in kB (a small limit is not "0.0 MB")."""
    return f"{n_bytes / _MB:.1f} MB" if n_bytes >= _MB else f"{n_bytes / 1024:.0f} kB"


def _declared_length(response: httpx.Response, limit: int) -> int | None:
    """Content-Length when it counts the bytes we will receive; FetchError when it is over ``limit``.
    (With a Content-Encoding it counts the compressed bytes, so it tells nothing.)"""
    if response.headers.get("content-encoding", "identity").strip().lower() != "identity":
        return None
    try:
        length = int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None
    if length > limit:
        raise FetchError(_too_big(limit, length))
    return length


def _drain(response: httpx.Response) -> None:
    """Read the short body of an answer we do not keep (304, redirect, error page), so that its
    connection is reused rather than closed; a long one is cut, and its connection closed."""
    _read_body(response, DRAIN_MAX_BYTES, truncate=True)


def _read_body(response: httpx.Response, limit: int, truncate: bool = False) -> bytes:
    if not truncate:
        _declared_length(response, limit)
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            if truncate:
                chunks.append(chunk[:len(chunk) - (size - limit)])
                break
            raise FetchError(_too_big(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _save(response: httpx.Response, folder: Path, limit: int) -> tuple[Path, str, int]:
    """(temporary file, sha256, size) of the body, streamed to disk and flushed; the file is
    deleted again when anything goes wrong, the size limit or a short body included."""
    expected = _declared_length(response, limit)
    fd, name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    temp = Path(name)
    try:
        digest, size = hashlib.sha256(), 0
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide the document from a web app run by another user
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(_too_big(limit))
                digest.update(chunk)
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        if expected is not None and size != expected:
            raise FetchError(f"svaret tog slut efter {size} av {expected} byte")
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp, digest.hexdigest(), size
