"""python -m bench.synthetic --docs N --seed S --out DIR"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __doc__ as DOC
from . import default_jobs, generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.synthetic", description=DOC,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, required=True, help="number of documents to write")
    ap.add_argument("--seed", type=int, default=1, help="seed (default 1); the same seed gives the same bytes")
    ap.add_argument("--out", type=Path, required=True, help="output folder, e.g. data/bench/synthetic-1k")
    ap.add_argument("--first", type=int, default=0,
                    help="number of the first document (default 0); documents depend only on seed and number")
    ap.add_argument("--formats", default=None,
                    help="kinds to write: pdf, docx, html, text, comma-separated, optionally with shares "
                         "(pdf=0.5,html=0.5); default pdf 3%%, docx 5%%, html 55%%, text 37%%")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: up to 2)")
    ap.add_argument("--keep-stale", action="store_true",
                    help="keep synthetic files of an earlier run that this run does not write")
    args = ap.parse_args(argv)
    if args.docs < 0 or args.first < 0:
        ap.error("--docs and --first must not be negative")
    started = time.monotonic()
    try:
        report = generate(args.docs, args.seed, args.out, first=args.first, formats=args.formats,
                          jobs=args.jobs, clean=not args.keep_stale)
    except ValueError as exc:
        ap.error(str(exc))
    print(f"{report.summary()} ({time.monotonic() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
