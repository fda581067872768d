"""Search latency before and after a change of the code.

    python -m bench.perf.before_after --rev 671b0a7 --index data/bench/perf-10000/index --limit 40

Runs bench.perf.latency twice in fresh processes on the same index and queries
(bench/perf/queries.py): once with the whole code as it was at git revision
--rev (a temporary git worktree), once with the working tree; prints one
Markdown table row per run (cold and warm median and p95, load average). The
index must be readable by both (same SCHEMA_VERSION).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .fts5 import dump_queries
from .queries import make_queries

REPO = Path(__file__).resolve().parents[2]


def pct(v: list[float], p: float) -> float:
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p * (len(v) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", required=True, help="git revision of the 'before' code")
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=200, help="the first N of the 200 queries")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="before-after-"))
    qfile = work / "queries.json"
    dump_queries(make_queries(args.seed), qfile)
    print("| code | queries | cold median ms | cold p95 ms | warm median ms | warm p95 ms | load avg |")
    print("|---|---:|---:|---:|---:|---:|---|")
    before = work / "before"
    subprocess.run(["git", "worktree", "add", "--detach", str(before), args.rev], cwd=REPO, check=True,
                   capture_output=True)
    try:
        for label, code in ((f"before ({args.rev})", before), ("after (working tree)", REPO)):
            out = work / "r.json"
            la = os.getloadavg()
            subprocess.run([sys.executable, "-m", "bench.perf.latency", "--system", "product",
                            "--index", str(args.index.resolve()), "--queries", str(qfile), "--limit", str(args.limit),
                            "--repeats", str(args.repeats), "--out", str(out)],
                           cwd=code, env=dict(os.environ, PYTHONPATH=str(code)), check=True)
            r = json.loads(out.read_text(encoding="utf-8"))
            warm = [x for rnd in r["warm"] for x in rnd]
            print(f"| {label} | {len(r['cold'])} | {statistics.median(r['cold']) * 1000:.1f} | "
                  f"{pct(r['cold'], 0.95) * 1000:.1f} | {statistics.median(warm) * 1000:.1f} | "
                  f"{pct(warm, 0.95) * 1000:.1f} | {' / '.join(f'{x:.2f}' for x in la)} |", flush=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=REPO, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
