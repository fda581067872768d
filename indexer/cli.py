"""Command line of the ingester: ``python -m indexer build|status``."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import config


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m indexer",
        description="Läser in kommunala handlingar (PDF, webbsidor, Word, text) i ett svenskt sökindex.",
        epilog=config.env_doc(), formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="bygg ett nytt index från källmappar",
                       description="Bygger ett nytt index från källmapparna och byter till det när det är klart. "
                                   "Det gamla indexet fortsätter att svara tills dess.",
                       epilog=config.env_doc(), formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--source", action="append", required=True, type=Path, metavar="DIR",
                   help="mapp med dokument (kan anges flera gånger)")
    b.add_argument("--index", type=Path, default=config.DEFAULT_INDEX_DIR, metavar="DIR",
                   help=f"indexmapp (standard {config.DEFAULT_INDEX_DIR})")
    b.add_argument("--cache", type=Path, default=config.DEFAULT_CACHE_DIR, metavar="DIR",
                   help=f"cache för extraherad text (standard {config.DEFAULT_CACHE_DIR})")
    b.add_argument("--jobs", type=int, default=config.DEFAULT_JOBS, metavar="N",
                   help=f"antal arbetsprocesser (standard {config.DEFAULT_JOBS})")
    b.add_argument("--if-stale", action="store_true",
                   help="bygg bara om indexet saknas, är äldre än källorna eller har annan version")
    b.add_argument("--quiet", action="store_true", help="ingen förloppsvisning")
    b.add_argument("--json", action="store_true", help="skriv sammanfattningen som JSON")

    s = sub.add_parser("status", help="visa indexets innehåll och senaste bygge")
    s.add_argument("--index", type=Path, default=config.DEFAULT_INDEX_DIR, metavar="DIR",
                   help=f"indexmapp (standard {config.DEFAULT_INDEX_DIR})")
    s.add_argument("--json", action="store_true", help="skriv som JSON")
    return p


def _build(args) -> int:
    from .pipeline import BuildError, build_index, stale_reason
    if args.jobs < 1:
        print("fel: --jobs måste vara minst 1", file=sys.stderr)
        return 2
    missing = [str(s) for s in args.source if not s.is_dir()]
    if missing:
        print(f"fel: källmappen finns inte: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.if_stale:
        reason = stale_reason(args.source, args.index)
        if reason is None:
            print(f"Indexet i {args.index} är aktuellt; inget att bygga.")
            return 0
        print(f"Bygger index i {args.index}: {reason}.")
    try:
        report = build_index(args.source, args.index, args.cache, jobs=args.jobs, progress=not args.quiet)
    except BuildError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return 1
    for f in report.failures:
        print(f"  hoppade över {f.path}: {f.reason}", file=sys.stderr)
    if args.json:
        print(json.dumps({"documents": report.documents, "pages": report.pages, "passages": report.passages,
                          "extracted": report.extracted, "from_cache": report.from_cache,
                          "failures": [f.__dict__ for f in report.failures], "seconds": round(report.seconds, 2),
                          "generation": report.generation}, ensure_ascii=False, indent=2))
    else:
        print(f"Klart: {report.summary()}")
    return 0


def _status(args) -> int:
    from .store import IndexNotFound, current_generation_info, open_store
    try:
        stats = open_store(args.index).stats()
    except IndexNotFound as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return 2
    meta = current_generation_info(args.index).get("meta", {})
    out = {"index": str(args.index), "documents": stats.documents, "passages": stats.passages,
           "generation": stats.generation, "schema_version": stats.schema_version,
           "analyzer_version": stats.analyzer_version, "built_at": stats.built_at,
           "sources": meta.get("sources", []), "failures": meta.get("failures", [])}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for k, v in out.items():
            if k == "failures":
                v = len(v)
            print(f"{k}: {v}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    if args.command == "build":
        return _build(args)
    return _status(args)
