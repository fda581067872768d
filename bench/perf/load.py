"""Web load: the real server (waitress, as `make run` starts it) under 1, 4 and 16 clients.

The server runs in its own process on 127.0.0.1 (never another address);
each client is a thread with its own keep-alive HTTP connection that sends
its next request as soon as the previous answer is read (closed loop).
Errors are answers other than 200 and failed connections.
"""
from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from .procmem import hwm, rss
from .queries import BenchQuery

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """`python -m search_app serve --index IDX --host 127.0.0.1 --port P`, as `make run` runs it."""

    def __init__(self, index: Path, port: int | None = None):
        self.index = index
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.log = None

    def __enter__(self) -> "Server":
        repo = Path(__file__).resolve().parents[2]
        self.log = open(Path(self.index).parent / "server.log", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "search_app", "serve", "--index", str(self.index), "--host", HOST,
             "--port", str(self.port)],
            cwd=repo, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}; see {self.log.name}")
            try:
                status, _ = get(self.port, "/api/health", timeout=5)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("the server did not answer /api/health within 180 s")

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log:
            self.log.close()

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def search_paths(queries: list[BenchQuery]) -> list[str]:
    return [f"/api/search?{q.api_params()}" for q in queries]


def run_level(port: int, paths: list[str], clients: int, duration: float, server_pid: int) -> dict:
    """`clients` closed-loop clients for `duration` seconds over the given paths."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.monotonic() + duration
    peak = [rss(server_pid)]

    def client(k: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        i = k * 7919
        while time.monotonic() < stop:
            path = paths[i % len(paths)]
            i += 1
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
            latencies[k].append(time.perf_counter() - t)
            if not ok:
                errors[k] += 1
        conn.close()

    def sampler() -> None:
        while time.monotonic() < stop:
            peak[0] = max(peak[0], rss(server_pid))
            time.sleep(0.25)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    threads.append(threading.Thread(target=sampler))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    lat = sorted(x for per in latencies for x in per)
    n = len(lat)
    return {
        "clients": clients, "seconds": wall, "requests": n, "errors": sum(errors),
        "rps": n / wall if wall else 0.0,
        "median_ms": statistics.median(lat) * 1000 if lat else None,
        "p95_ms": lat[min(n - 1, int(round(0.95 * (n - 1))))] * 1000 if lat else None,
        "max_ms": lat[-1] * 1000 if lat else None,
        "rss_peak": peak[0],
    }


def run(index: Path, queries: list[BenchQuery], clients: list[int], duration: float,
        progress=lambda msg: None) -> dict:
    paths = {"/api/search": search_paths(queries), "/": ["/"]}
    out: dict = {"levels": []}
    with Server(index) as server:
        out["rss_started"] = rss(server.pid)
        # Warm up: every search once, and the start page, before anything is timed.
        for p in paths["/api/search"] + ["/"]:
            get(server.port, p, timeout=300)
        out["rss_rest"] = rss(server.pid)
        out["loadavg_before"] = os.getloadavg()
        for endpoint, plist in paths.items():
            for c in clients:
                progress(f"web load: {endpoint} with {c} client(s) for {duration:.0f} s")
                r = run_level(server.port, plist, c, duration, server.pid)
                r["endpoint"] = endpoint
                r["loadavg"] = os.getloadavg()
                out["levels"].append(r)
        time.sleep(2)
        out["rss_after"] = rss(server.pid)
        out["rss_hwm"] = hwm(server.pid)
    return out
