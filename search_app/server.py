"""Serving the app: several worker processes (gunicorn), or one process (waitress).

One Python process computes one request at a time (the GIL), so the number of
processes is what lets a search service use more than one core. With
``workers > 1`` a gunicorn master forks that many worker processes, each
serving with ``threads`` threads (gthread worker) from its own listening socket
on the same address (SO_REUSEPORT: the kernel spreads new connections evenly
over the workers; with one shared socket, whichever worker wakes first takes
them, and a burst of keep-alive connections could all land on one worker).
This module first binds the address itself, without SO_REUSEPORT, to report a
taken port clearly (a second server on the same port fails there too). The app and its store are opened once in the master
before the fork (``preload_app``), so the workers share the master's memory
until they write to it; each worker opens its own Whoosh searchers (the store's
searcher pool drops inherited ones after a fork) and notices new index
generations by itself. With ``workers == 1`` waitress serves from this process.
"""
from __future__ import annotations

import errno
import os
import signal
import socket
import sys
from typing import Any

#: Most worker processes the default picks (one per core beyond that buys little
#: and costs memory: each worker has its own caches).
MAX_DEFAULT_WORKERS = 4
#: Headers that could claim another client address, host or scheme; removed
#: as waitress's clear_untrusted_proxy_headers does (no proxy is trusted).
PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PROTO",
                 "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_BY", "HTTP_FORWARDED")


def default_workers() -> int:
    """The number of cores this process may use, at most MAX_DEFAULT_WORKERS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


class BindError(OSError):
    """The address cannot be listened on; str() is a Swedish explanation."""


def bind_error_text(host: str, port: int, exc: OSError) -> str:
    where = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return (f"kan inte lyssna på {where}: porten {port} används redan av ett annat program. "
                f"Avsluta det eller välj en annan port med --port.")
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"kan inte lyssna på {where}: adressen {host} finns inte på den här datorn."
    if exc.errno == errno.EACCES:
        return f"kan inte lyssna på {where}: behörighet saknas (portar under 1024 kräver administratörsrättigheter)."
    if isinstance(exc, socket.gaierror):
        return f"kan inte lyssna på {where}: okänd adress {host!r}."
    return f"kan inte lyssna på {where}: {exc.strerror or exc}"


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on exactly this host and port (never another address)."""
    try:
        family, kind, proto, _name, addr = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise BindError(exc.errno, bind_error_text(host, port, exc)) from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(addr)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise BindError(exc.errno, bind_error_text(host, port, exc)) from exc
    return sock


class PrefixMiddleware:
    """waitress's ``url_prefix`` and ``clear_untrusted_proxy_headers`` for any
    WSGI server: SCRIPT_NAME is the prefix, PATH_INFO what follows it."""

    def __init__(self, app, prefix: str = ""):
        self.app = app
        self.prefix = prefix.rstrip("/")

    def __call__(self, environ, start_response):
        for key in PROXY_HEADERS:
            environ.pop(key, None)
        if self.prefix:
            path = environ.get("PATH_INFO", "")
            if path.startswith("/"):
                path = "/" + path.lstrip("/")
            if path == self.prefix:
                path = ""
            elif path.startswith(self.prefix + "/"):
                path = path[len(self.prefix):]
            environ["PATH_INFO"] = path
            environ["SCRIPT_NAME"] = self.prefix
        return self.app(environ, start_response)


def serve_waitress(app, sock: socket.socket, threads: int, prefix: str) -> None:
    """Serve from this process until Ctrl+C or SIGTERM."""
    from waitress.server import create_server

    server = create_server(app, sockets=[sock], threads=threads, url_prefix=prefix, ident="search_app",
                           clear_untrusted_proxy_headers=True)

    def _stop(_signum, _frame):
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()


def serve_gunicorn(app, host: str, port: int, workers: int, threads: int, prefix: str) -> None:
    """Serve with a gunicorn master and ``workers`` worker processes until Ctrl+C
    or SIGTERM (both stop the workers and return, or raise SystemExit(0))."""
    from gunicorn.app.base import BaseApplication

    wsgi = PrefixMiddleware(app, prefix)
    settings: dict[str, Any] = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "reuse_port": True,  # one socket per worker, see the module docstring
        "workers": workers,
        "worker_class": "gthread",  # threads, and keep-alive connections
        "threads": threads,
        "preload_app": True,
        "proc_name": "search_app",
        # A cold search at 10,000 documents can take seconds; only a hung worker is restarted.
        "timeout": 120,
        "graceful_timeout": 10,
        "keepalive": 5,
        "limit_request_line": 8190,
        # Quiet like waitress: warnings and errors only, no access log.
        "loglevel": "warning",
        "accesslog": None,
        # No proxy is trusted (as waitress: clear_untrusted_proxy_headers).
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        # No control socket in ~/.gunicorn: a second server on the machine would collide.
        "control_socket_disable": True,
    }

    class _Application(BaseApplication):
        def load_config(self):
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            return wsgi

    # Everything loaded so far (the app, the index's per-generation arrays,
    # the lexicon sets) is moved out of the cyclic collector's reach before the
    # fork: otherwise each worker's full collections walk that whole inherited
    # heap, stalling its threads (10,000 documents, 16 clients: p95 365-413 ->
    # 258-260 ms, 98 -> 113 requests/s; bench/perf/FINDINGS.md) and writing to
    # the shared pages. The price: cyclic garbage among these objects (an
    # index generation replaced later) is freed only by reference counting.
    import gc
    gc.collect()
    gc.freeze()
    _Application(prog="python -m search_app serve").run()


def run(app, host: str, port: int, workers: int, threads: int, prefix: str = "",
        announce=None) -> None:
    """Bind (BindError if not possible), call ``announce()``, then serve until stopped."""
    sock = listen(host, port)
    if workers > 1:
        sock.close()  # only the check: the workers bind their own sockets
    if announce is not None:
        announce()
    sys.stdout.flush()
    if workers <= 1:
        serve_waitress(app, sock, threads, prefix)
    else:
        serve_gunicorn(app, host, port, workers, threads, prefix)
