"""Query latency of one system in a fresh process: cold, then warm.

    python -m bench.perf.latency --system product --index IDX --queries Q.json --out R.json
    python -m bench.perf.latency --system fts5 --db DB.sqlite --queries Q.json --out R.json

Cold: the index files are evicted from the page cache (posix_fadvise), the
process opens the index (timed on its own), then runs every query once, in
order; every query is the first of its kind the process sees. Warm: then
`--repeats` more rounds over the same queries; each call is one sample.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .fts5 import Fts5Search, load_queries, run_product
from .procmem import drop_file_cache, hwm, rss


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--system", choices=("product", "fts5"), required=True)
    ap.add_argument("--index", type=Path)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--queries", type=Path, required=True)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--profile", type=Path, help="write a pyinstrument profile (text) of the warm rounds here")
    ap.add_argument("--limit", type=int, help="only the first N queries")
    args = ap.parse_args(argv)
    queries = load_queries(args.queries)[: args.limit]

    if args.system == "product":
        from indexer.store import open_backend, open_store
        gen = open_backend(args.index).live().location  # the generation folder (Whoosh)
        dropped = drop_file_cache([gen])
        t = time.perf_counter()
        store = open_store(args.index)
        store.stats()  # opens the generation: searcher, document metadata
        open_s = time.perf_counter() - t

        def run(q):
            return run_product(store, q)
    else:
        dropped = drop_file_cache([args.db])
        t = time.perf_counter()
        fts = Fts5Search(args.db)
        fts.con.execute("SELECT count(*) FROM docs").fetchone()
        open_s = time.perf_counter() - t
        run = fts.search

    rss_open = rss_now()
    cold, totals = [], []
    for q in queries:
        t = time.perf_counter()
        r = run(q)
        cold.append(time.perf_counter() - t)
        totals.append(r.get("total", 0))
    warm: list[list[float]] = []
    profiler = None
    if args.profile:
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.0005)
        profiler.start()
    for _ in range(args.repeats):
        times = []
        for q in queries:
            t = time.perf_counter()
            run(q)
            times.append(time.perf_counter() - t)
        warm.append(times)
    if profiler is not None:
        profiler.stop()
        args.profile.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    args.out.write_text(json.dumps({
        "system": args.system, "open_s": open_s, "dropped_bytes": dropped, "cold": cold, "warm": warm,
        "totals": totals, "rss_after_open": rss_open, "rss_end": rss_now(), "rss_peak": hwm_now(),
    }), encoding="utf-8")
    return 0


def rss_now() -> int:
    import os
    return rss(os.getpid())


def hwm_now() -> int:
    import os
    return hwm(os.getpid())


if __name__ == "__main__":
    sys.exit(main())
