"""Web load: the real server (`python -m search_app serve`, as `make run` starts it) under 1, 4 and 16 clients.

The server runs in its own process on 127.0.0.1 (never another address);
each client is a thread with its own keep-alive HTTP connection that sends
its next request as soon as the previous answer is read (closed loop).
Errors are answers other than 200 and failed connections. Memory is the sum
over the server's process tree (the parent and its worker processes).

Run on its own (one level per endpoint, e.g. to compare two versions back to back):

    python -m bench.perf.load --index data/bench/perf-10000/index --clients 16 --duration 20 \
        [--workers N] [--threads T] [--json out.json]
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

from .procmem import children, hwm, rss, tree_hwm, tree_pss, tree_rss
from .queries import BenchQuery

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """`python -m search_app serve --index IDX --host 127.0.0.1 --port P`, as `make run` runs it
    (``workers``/``threads``: passed as --workers/--threads when given, else the serve defaults)."""

    def __init__(self, index: Path, port: int | None = None, workers: int | None = None,
                 threads: int | None = None, log: Path | None = None, repo: Path | None = None):
        self.repo = Path(repo) if repo else Path(__file__).resolve().parents[2]
        self.index = index
        self.port = port or free_port()
        self.workers = workers
        self.threads = threads
        self.log_path = Path(log) if log else Path(self.index).parent / "server.log"
        self.proc: subprocess.Popen | None = None
        self.log = None

    def __enter__(self) -> "Server":
        self.log = open(self.log_path, "w")
        cmd = [sys.executable, "-m", "search_app", "serve", "--index", str(self.index), "--host", HOST,
               "--port", str(self.port)]
        if self.workers is not None:
            cmd += ["--workers", str(self.workers)]
        if self.threads is not None:
            cmd += ["--threads", str(self.threads)]
        self.proc = subprocess.Popen(cmd, cwd=self.repo, stdout=self.log, stderr=subprocess.STDOUT)
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
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                for pid in children(self.proc.pid):  # workers left behind by a hung parent
                    try:
                        os.kill(pid, 9)
                    except OSError:
                        pass
                self.proc.kill()
                self.proc.wait()
        if self.log:
            self.log.close()

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def processes(self) -> int:
        """Serving processes: the worker processes, or 1 when the parent serves by itself."""
        return len(children(self.pid)) or 1

    def expected_processes(self) -> int | None:
        """The serving processes serve will start (--workers, else SEARCH_WORKERS, else one per
        core, at most 4); None for another checkout's server, whose default is unknown here."""
        if self.workers is not None:
            return self.workers
        if self.repo != Path(__file__).resolve().parents[2]:
            return None
        try:
            from search_app import server
            from search_app.config import serve_setting
            return serve_setting("workers", server.default_workers())
        except Exception:  # noqa: BLE001 - a bad setting is the server's to report
            return None

    def wait_listening(self, timeout: float = 120) -> int:
        """Wait until every serving process listens (each worker binds its own socket
        on the port, SO_REUSEPORT), so that warm-up connections reach all of them;
        returns the number of serving processes. On a busy machine the parent may
        answer /api/health before it has started all its workers, so this also waits
        for the number of processes serve starts (when it is known here)."""
        expected = self.expected_processes()
        deadline = time.monotonic() + timeout
        while True:
            n = self.processes()
            if (listening_sockets(self.port) >= n and (expected is None or n >= expected)) \
                    or time.monotonic() > deadline:
                return n
            time.sleep(0.2)


def listening_sockets(port: int) -> int:
    """TCP sockets listening on this port (all addresses), from /proc/net/tcp and tcp6."""
    n = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as fh:
                next(fh, None)
                for line in fh:
                    fields = line.split()
                    if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                        n += 1
        except OSError:
            pass
    return n


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def warm_up(port: int, paths: list[str], processes: int) -> float:
    """Every path once on each of several keep-alive connections at the same
    time; returns the seconds taken. Each serving process has its own caches and
    a connection stays with the process that accepted it (the kernel spreads new
    connections over the workers' sockets at random), so with one process one
    connection does, and with N processes 6 × N connections make it very
    unlikely (2 × 2^-12 for two) that a process gets none and stays cold."""
    connections = 1 if processes <= 1 else 6 * processes
    started = time.monotonic()

    def one(k: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=300)
        try:
            for path in paths[k:] + paths[:k]:
                conn.request("GET", path)
                conn.getresponse().read()
        finally:
            conn.close()

    threads = [threading.Thread(target=one, args=(k * 7,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - started


def serve_default_threads() -> int:
    """Threads per serving process when --threads is not given (SEARCH_THREADS, else serve's default)."""
    from search_app.config import DEFAULT_THREADS
    raw = os.environ.get("SEARCH_THREADS", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_THREADS


def search_paths(queries: list[BenchQuery]) -> list[str]:
    return [f"/api/search?{q.api_params()}" for q in queries]


def run_level(port: int, paths: list[str], clients: int, duration: float, server_pid: int) -> dict:
    """`clients` closed-loop clients for `duration` seconds over the given paths."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.monotonic() + duration
    peak = [tree_rss(server_pid)]

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
            peak[0] = max(peak[0], tree_rss(server_pid))
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


def serving_memory(pid: int) -> dict:
    """RSS of each serving process: with workers, the largest worker's current
    RSS and its peak (VmHWM), and the master's, which forks them and serves
    nothing; without, the one process. A sum over the tree counts the master
    and every shared page once per process, so it says little of one process."""
    workers = children(pid)
    procs = workers or [pid]
    return {"one": max(rss(p) for p in procs), "one_peak": max(hwm(p) for p in procs),
            "master": rss(pid) if workers else 0}


def run(index: Path, queries: list[BenchQuery], clients: list[int], duration: float,
        progress=lambda msg: None, workers: int | None = None, threads: int | None = None,
        endpoints: tuple[str, ...] = ("/api/search", "/"), log: Path | None = None,
        repo: Path | None = None) -> dict:
    """RSS figures (rss_*) are sums over the server's process tree; ``workers`` is
    the number of serving processes, ``pss_*`` the tree's proportional set size
    (pages shared between the processes counted once); ``one_*`` the largest
    serving process by itself (serving_memory)."""
    all_paths = {"/api/search": search_paths(queries), "/": ["/"]}
    paths = {e: all_paths[e] for e in endpoints}
    out: dict = {"levels": []}
    with Server(index, workers=workers, threads=threads, log=log, repo=repo) as server:
        out["rss_started"] = tree_rss(server.pid)
        # Warm up: every search and the start page, in every serving process, before anything is timed.
        out["workers"] = server.wait_listening()
        out["warmup_s"] = warm_up(server.port, all_paths["/api/search"] + ["/"], out["workers"])
        # (None: another checkout's default, unknown here.)
        out["threads"] = threads if threads is not None else (serve_default_threads() if repo is None else None)
        out["rss_rest"] = tree_rss(server.pid)
        out["pss_rest"] = tree_pss(server.pid)
        one = serving_memory(server.pid)
        out["one_rest"], out["master_rest"] = one["one"], one["master"]
        out["loadavg_before"] = os.getloadavg()
        for endpoint, plist in paths.items():
            for c in clients:
                progress(f"web load: {endpoint} with {c} client(s) for {duration:.0f} s")
                r = run_level(server.port, plist, c, duration, server.pid)
                r["endpoint"] = endpoint
                r["loadavg"] = os.getloadavg()
                out["levels"].append(r)
        time.sleep(2)
        out["workers_after"] = server.processes()
        out["rss_after"] = tree_rss(server.pid)
        out["pss_after"] = tree_pss(server.pid)
        out["rss_hwm"] = tree_hwm(server.pid)
        one = serving_memory(server.pid)
        out["one_after"], out["one_peak"] = one["one"], one["one_peak"]
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    from .fts5 import load_queries

    repo = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(prog="python -m bench.perf.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=repo / "data/bench/perf-10000/index")
    ap.add_argument("--queries", type=Path, default=repo / "data/bench/perf-queries.json")
    ap.add_argument("--clients", type=int, nargs="+", default=[16])
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=None, help="passed to serve --workers (default: serve's)")
    ap.add_argument("--threads", type=int, default=None, help="passed to serve --threads (default: serve's)")
    ap.add_argument("--endpoint", action="append", choices=("/api/search", "/"), default=None)
    ap.add_argument("--log", type=Path, default=None, help="server log (default: <index>/../server.log)")
    ap.add_argument("--json", type=Path, default=None, help="write the results here")
    ap.add_argument("--repo", type=Path, default=None,
                    help="run the server from this checkout (e.g. an older revision, for before/after)")
    args = ap.parse_args(argv)
    la0 = os.getloadavg()
    r = run(args.index, load_queries(args.queries), args.clients, args.duration,
            progress=lambda m: print(m, file=sys.stderr, flush=True), workers=args.workers,
            threads=args.threads, endpoints=tuple(args.endpoint or ("/api/search", "/")), log=args.log,
            repo=args.repo)
    r["loadavg_start"] = la0
    mb = lambda b: f"{b / 2**20:,.0f}"  # noqa: E731
    la = lambda t: " / ".join(f"{x:.2f}" for x in t)  # noqa: E731
    print(f"server processes {r['workers']} (threads per process: {r['threads'] or 'default'}); "
          f"RSS MB started {mb(r['rss_started'])}, at rest {mb(r['rss_rest'])} (PSS {mb(r['pss_rest'])}), "
          f"after {mb(r['rss_after'])} (PSS {mb(r['pss_after'])}), sum of peaks {mb(r['rss_hwm'])}; "
          f"load before {la(r['loadavg_before'])}")
    print(f"one serving process (the largest): RSS MB at rest {mb(r['one_rest'])}, after {mb(r['one_after'])}, "
          f"peak {mb(r['one_peak'])}" + (f"; the master that forks them {mb(r['master_rest'])}" if r["master_rest"] else ""))
    print("| endpoint | clients | requests | req/s | median ms | p95 ms | max ms | errors | RSS peak MB | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for lv in r["levels"]:
        print(f"| `{lv['endpoint']}` | {lv['clients']} | {lv['requests']:,} | {lv['rps']:.1f} | {lv['median_ms']:.1f} | "
              f"{lv['p95_ms']:.1f} | {lv['max_ms']:.0f} | {lv['errors']} | {mb(lv['rss_peak'])} | {la(lv['loadavg'])} |")
    if args.json:
        args.json.write_text(json.dumps(r, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
