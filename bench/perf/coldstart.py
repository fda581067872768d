"""The first search after a start and after an index switch (issue 16).

    python -m bench.perf.coldstart --index IDX --source DIR --cache CACHE --queries Q.json --out R.json

The latency benchmark runs every query once cold and then warm; what a user
meets after a restart or a nightly index switch is one first search, which
pays for everything a process or a generation sets up on first use. So:

* **after start**: for the first query of each kind, a fresh process evicts
  the live generation's files from the page cache, opens the index (timed:
  ``open_store`` and ``stats()``), then times that one query, and the same
  query again (warm, for comparison);
* **after switch**: one process opens a hard-linked copy of the index and runs
  every query once (a warm server), then, ``--switches`` times, an update run
  in another process (``python -m indexer update``, as the nightly job) adds a
  document and switches the copy to a new generation, and the process times
  its first query after the switch (which opens the new generation) and the
  same query again. The copy shares the files of the index (generations are
  never written in place) and is removed afterwards.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .fts5 import load_queries, run_product
from .procmem import drop_file_cache

REPO = Path(__file__).resolve().parents[2]


def _first_of_each_kind(queries: list) -> list[int]:
    seen: dict[str, int] = {}
    for i, q in enumerate(queries):
        seen.setdefault(q.kind, i)
    return list(seen.values())


def _child(args: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-m", "bench.perf.coldstart", *args], cwd=REPO, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _timed_query(store, q) -> tuple[float, float, int]:
    t = time.perf_counter()
    r = run_product(store, q)
    first = time.perf_counter() - t
    t = time.perf_counter()
    run_product(store, q)
    return first, time.perf_counter() - t, r.get("total", 0)


def _from_stored(store) -> bool | None:
    # Whoosh only: whether the generation's structures came from its stored files.
    return getattr(store._current(), "from_stored", None)  # noqa: SLF001


def after_start(index: Path, queries: Path, k: int) -> dict:
    from indexer.store import open_backend, open_store
    q = load_queries(queries)[k]
    dropped = drop_file_cache([open_backend(index).live().location])
    t = time.perf_counter()
    store = open_store(index)
    store.stats()
    open_s = time.perf_counter() - t
    first, again, total = _timed_query(store, q)
    return {"query": q.text, "kind": q.kind, "open_s": open_s, "first_s": first, "again_s": again,
            "total": total, "dropped_bytes": dropped, "from_stored": _from_stored(store)}


def after_switch(index: Path, source: Path, cache: Path, queries: Path, switches: int, work: Path) -> dict:
    from indexer.store import open_store
    qs = load_queries(queries)
    store = open_store(index)
    for q in qs:  # a warm server
        run_product(store, q)
    picks = _first_of_each_kind(qs)
    rows = []
    for n in range(switches):
        extra = work / f"extra-{n}"
        extra.mkdir(parents=True, exist_ok=True)
        (extra / f"tillagd-{n}.md").write_text(
            f"# Tillagt dokument {n}\n\nKommunstyrelsen beslutar om nya bostäder och skolor, del {n}.\n",
            encoding="utf-8")
        sources = [source] + [work / f"extra-{i}" for i in range(n + 1)]
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "indexer", "update", *[a for s in sources for a in ("--source", str(s))],
                        "--index", str(index), "--cache", str(cache), "--jobs", "1", "--quiet",
                        "--reports", str(work / "reports")],
                       cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), check=True, capture_output=True)
        update_s = time.perf_counter() - t
        q = qs[picks[n % len(picks)]]
        first, again, total = _timed_query(store, q)
        rows.append({"query": q.text, "kind": q.kind, "update_s": update_s, "first_s": first, "again_s": again,
                     "total": total, "generation": store.stats().generation, "from_stored": _from_stored(store)})
    return {"switches": rows}


def run(index: Path, source: Path, cache: Path, queries: Path, work: Path, switches: int = 3) -> dict:
    """Both measurements; the figures of each, and their medians."""
    qs = load_queries(queries)
    starts = [_child(["--child-start", str(k), "--index", str(index), "--queries", str(queries)])
              for k in _first_of_each_kind(qs)]
    copy = work / "switch-index"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    # Hard links: an update never writes into an existing generation's files.
    shutil.copytree(index, copy, symlinks=True, copy_function=os.link)
    try:
        sw = _child(["--child-switch", "--index", str(copy), "--source", str(source), "--cache", str(cache),
                     "--queries", str(queries), "--switches", str(switches), "--work", str(work)])["switches"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"after_start": starts, "after_switch": sw,
            "open_median_s": statistics.median(r["open_s"] for r in starts),
            "start_first_median_s": statistics.median(r["first_s"] for r in starts),
            "start_first_max_s": max(r["first_s"] for r in starts),
            "switch_first_median_s": statistics.median(r["first_s"] for r in sw),
            "switch_first_max_s": max(r["first_s"] for r in sw),
            "loadavg": os.getloadavg()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, required=True)
    ap.add_argument("--source", type=Path, help="the corpus the index was built from (for the switch)")
    ap.add_argument("--cache", type=Path, help="its extraction cache")
    ap.add_argument("--work", type=Path, help="scratch folder (default: beside the index)")
    ap.add_argument("--switches", type=int, default=3)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--child-start", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--child-switch", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_start is not None:
        print(json.dumps(after_start(args.index, args.queries, args.child_start)))
        return 0
    if args.child_switch:
        print(json.dumps(after_switch(args.index, args.source, args.cache, args.queries, args.switches, args.work)))
        return 0
    if args.source is None or args.cache is None or args.out is None:
        ap.error("--source, --cache and --out are needed")
    work = args.work or args.index.parent / "coldstart-work"
    r = run(args.index, args.source, args.cache, args.queries, work, args.switches)
    args.out.write_text(json.dumps(r, indent=1), encoding="utf-8")
    print(f"open {r['open_median_s']:.2f} s; first query after start median {r['start_first_median_s'] * 1000:.0f} ms "
          f"(max {r['start_first_max_s'] * 1000:.0f}); after switch median {r['switch_first_median_s'] * 1000:.0f} ms "
          f"(max {r['switch_first_max_s'] * 1000:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
