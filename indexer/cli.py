"""Command line of the ingester: ``python -m indexer build|update|harvest|status``.

Exit status of build and update: 0 all good, 1 finished but some files failed
(update only; a build counts as good when anything was indexed), 2 could not
run (bad arguments, index locked by another run, index unreadable, nothing to
index). Messages are in Swedish; file reasons come from the extractors.
Harvest (indexer/harvest/): 0 all well, 1 some sources or files failed, 2
could not run (bad sources file, another harvest into the folder, folder not
writable).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import config


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", action="append", required=True, type=Path, metavar="DIR",
                   help="mapp med dokument (kan anges flera gånger)")
    p.add_argument("--index", type=Path, default=config.default_index_dir(), metavar="DIR",
                   help=f"indexmapp (standard {config.default_index_dir()})")
    p.add_argument("--cache", type=Path, default=config.default_cache_dir(), metavar="DIR",
                   help=f"cache för extraherad text och OCR (standard {config.default_cache_dir()})")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help=f"antal arbetsprocesser (standard: {config.JOBS_ENV}, annars en per kärna, "
                        f"högst 2; här {config.CORE_JOBS})")
    p.add_argument("--reports", type=Path, default=None, metavar="DIR",
                   help="mapp för körrapporter, en JSON-fil per körning (standard <index>/reports)")
    p.add_argument("--max-file-mb", type=float, default=None, metavar="MB",
                   help="större filer hoppas över och rapporteras (standard 50)")
    p.add_argument("--max-pages", type=int, default=None, metavar="N",
                   help=f"filer med fler sidor hoppas över och rapporteras (standard {config.MAX_PAGES_DEFAULT})")
    p.add_argument("--file-timeout", type=float, default=None, metavar="S",
                   help=f"sekunder en fil får ta att läsa, OCR inräknad; en långsammare fil rapporteras "
                        f"(standard {config.FILE_TIMEOUT_DEFAULT:g})")
    p.add_argument("--max-unzipped-mb", type=float, default=None, metavar="MB",
                   help=f"en DOCX som packas upp till mer hoppas över (standard {config.MAX_UNZIPPED_MB_DEFAULT:g})")
    p.add_argument("--max-zip-ratio", type=float, default=None, metavar="N",
                   help=f"en DOCX-del över 1 MB som är komprimerad mer än N gånger hoppas över som zipbomb "
                        f"(standard {config.MAX_ZIP_RATIO_DEFAULT:g})")
    p.add_argument("--quiet", action="store_true", help="ingen förloppsvisning")
    p.add_argument("--json", action="store_true", help="skriv rapporten som JSON i stället för en sammanfattning")


# The harvest is configured by its sources file and flags; these only say where the report goes
# and which municipality names a source may give.
_HARVEST_ENV = (
    "environment variables:\n"
    "  SEARCH_REPORT_DIR  run reports without --report (default <index>/reports)\n"
    "  SEARCH_INDEX_DIR   the index whose reports folder that is (default data/index)\n"
    "  SEARCH_ORGANISATIONS_FILE the municipalities a source's municipality must be one of\n"
    "                     (default indexer/data/organisations.tsv)\n"
)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m indexer",
        description="Läser in kommunala handlingar (PDF, webbsidor, Word, RTF, text) i ett svenskt sökindex.",
        epilog=config.env_doc(), formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="bygg ett nytt index från källmappar",
                       description="Bygger ett helt nytt index från källmapparna och byter till det när det är klart. "
                                   "Det gamla indexet fortsätter att svara tills dess.",
                       epilog=config.env_doc(), formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_run_options(b)
    b.add_argument("--if-stale", action="store_true",
                   help="bygg bara om indexet saknas, är äldre än källorna eller har annan version")

    u = sub.add_parser(
        "update", help="uppdatera indexet stegvis (för nattlig körning)",
        description="Jämför källmapparna med indexet (sökväg och sha256) och läser bara nya och ändrade "
                    "filer; borttagna filer tas bort ur indexet och flyttade filer behåller sitt dokument-id. "
                    "Resultatet byts in atomiskt; sökningar fortsätter under tiden. Skriver en körrapport "
                    "(JSON) och en sammanfattningsrad. Slutstatus: 0 allt gick bra, 1 klart men några filer "
                    "kunde inte läsas, 2 kunde inte köras (felaktiga argument, indexet låst av en annan "
                    "körning, oläsbart index).",
        epilog=config.env_doc(), formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_run_options(u)
    u.add_argument("--full", action="store_true", help="bygg om allt (som build), men behåll dokument-id")

    h = sub.add_parser(
        "harvest", help="hämta nya och ändrade handlingar från kommunernas webbplatser",
        description="Hämtar det som är nytt eller ändrat hos källorna i källfilen (RSS/Atom-flöden, listsidor, "
                    "sitemaps) till DIR/<källa>/, med en källpost (.<fil>.source.json) per fil; "
                    "`indexer update --source DIR` läser sedan in dem. Följer robots.txt, väntar mellan "
                    "frågorna till samma värd och frågar med villkor (ETag, Last-Modified), så att oförändrade "
                    "filer inte hämtas igen. En källa som inte svarar ändrar inget som redan hämtats; en fil "
                    "som källan slutat lista märks \"inte längre publicerad\" efter gone_after_runs körningar "
                    "och tas bort först med --forget-gone. Skriver en körrapport (JSON) och en "
                    "sammanfattningsrad. Slutstatus: 0 allt gick bra, 1 några källor eller filer misslyckades, "
                    "2 kunde inte köras (felaktig källfil, en annan hämtning till DIR pågår, DIR inte skrivbar).",
        epilog=_HARVEST_ENV, formatter_class=argparse.RawDescriptionHelpFormatter)
    h.add_argument("--sources", required=True, type=Path, metavar="FIL",
                   help="källfilen (TOML: [defaults] och en [[source]] per källa)")
    h.add_argument("--into", required=True, type=Path, metavar="DIR", help="mappen filerna hämtas till")
    h.add_argument("--report", type=Path, default=None, metavar="FIL",
                   help="skriv körrapporten hit (standard: harvest-<tid>-<pid>.json bland uppdateringarnas "
                        "rapporter, SEARCH_REPORT_DIR eller <index>/reports)")
    h.add_argument("--dry-run", action="store_true",
                   help="lista bara vad som skulle hämtas (läser källornas listor, hämtar inga dokument, "
                        "skriver inget utom en rapport som --report begär)")
    h.add_argument("--forget-gone", action="store_true",
                   help="ta bort filer som märkts \"inte längre publicerad\"")
    h.add_argument("--quiet", action="store_true", help="ingen förloppsvisning")

    s = sub.add_parser("status", help="visa indexets innehåll, version och senaste körning")
    s.add_argument("--index", type=Path, default=config.default_index_dir(), metavar="DIR",
                   help=f"indexmapp (standard {config.default_index_dir()})")
    s.add_argument("--reports", type=Path, default=None, metavar="DIR",
                   help="mapp med körrapporter (standard <index>/reports)")
    s.add_argument("--json", action="store_true", help="skriv som JSON")
    return p


def _check_run_args(args) -> str | None:
    from .store import open_backend
    try:
        open_backend(args.index)
    except ValueError as exc:  # UnknownBackend: --index/SEARCH_INDEX_DIR names no backend we have
        return str(exc)
    if args.jobs is None:
        try:
            args.jobs = config.default_jobs()
        except ValueError as exc:
            return str(exc)
    if args.jobs < 1:
        return "--jobs måste vara minst 1"
    if args.max_file_mb is not None and args.max_file_mb <= 0:
        return "--max-file-mb måste vara större än 0"
    for flag, value, minimum in (("--max-pages", args.max_pages, 1), ("--file-timeout", args.file_timeout, 0.01),
                                 ("--max-unzipped-mb", args.max_unzipped_mb, 0.001),
                                 ("--max-zip-ratio", args.max_zip_ratio, 1)):
        if value is not None and value < minimum:
            return f"{flag} måste vara minst {minimum:g}"
    try:
        config.max_file_mb()
        config.ocr_settings()
        config.text_quality_min()
        args.limits = config.file_limits(max_unzipped_mb=args.max_unzipped_mb, max_zip_ratio=args.max_zip_ratio,
                                         max_pages=args.max_pages, file_timeout_s=args.file_timeout)
    except ValueError as exc:
        return str(exc)
    return None


def _run(args) -> int:
    from .pipeline import run_index, stale_reason
    from .report import EXIT_NOT_RUN
    problem = _check_run_args(args)
    if problem:
        print(f"fel: {problem}", file=sys.stderr)
        return EXIT_NOT_RUN
    if args.command == "build" and args.if_stale and all(s.is_dir() for s in args.source):
        reason = stale_reason(args.source, args.index)
        if reason is None:
            print(f"Indexet i {args.index} är aktuellt; inget att bygga.")
            return 0
        print(f"Bygger index i {args.index}: {reason}.")
    max_bytes = int(args.max_file_mb * 1024 * 1024) if args.max_file_mb is not None else None
    report = run_index(args.source, args.index, args.cache, command=args.command,
                       full=getattr(args, "full", False), jobs=args.jobs, progress=not args.quiet,
                       max_bytes=max_bytes, report_dir=args.reports, limits=args.limits)
    if report.error:
        print(f"fel: {report.error}", file=sys.stderr)
    for f in report.failures:
        print(f"  hoppade över {f.shown()}: {f.reason}", file=sys.stderr)
    for w in report.warnings:
        print(f"  varning {w.shown()}: {w.reason}", file=sys.stderr)
    if args.json:
        data = report.to_json()
        data["report_path"] = report.report_path
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.command == "build" and report.exit_status != EXIT_NOT_RUN:
        print(f"Klart: {report.summary()}")
    else:
        print(report.one_line())
    return report.exit_status


def _status(args) -> int:
    from .config import default_report_dir
    from .extract import EXTRACTOR_VERSION
    from .lock import lock_record
    from .report import read_reports
    from .store import IndexNotFound, open_backend
    out: dict = {"index": str(args.index)}
    code = 0
    try:
        backend = open_backend(args.index)
    except ValueError as exc:  # UnknownBackend
        print(f"fel: {exc}", file=sys.stderr)
        return 2
    try:
        stats = backend.open_store().stats()
    except IndexNotFound as exc:
        out["error"] = f"inget index: {exc}"
        code = 2
    except config.ConfigError:   # a bad SEARCH_SEARCHERS/SEARCH_TERM_CACHE_MB is no damaged index: main reports it
        raise
    except Exception as exc:  # a damaged index: say so, and still show the runs
        out["error"] = f"indexet kan inte läsas: {type(exc).__name__}: {exc}"
        code = 2
    else:
        live = backend.live()
        meta = live.meta if live else {}
        out.update({"documents": stats.documents, "passages": stats.passages, "generation": stats.generation,
                    "index_version": {"schema": stats.schema_version, "analyzer": stats.analyzer_version,
                                      "extractor": meta.get("extractor_version")},
                    "built_at": stats.built_at, "sources": meta.get("sources", []),
                    "failures": len(meta.get("failures", []))})
        if meta.get("extractor_version") != EXTRACTOR_VERSION:
            out["note"] = (f"textextraktionen är nu version {EXTRACTOR_VERSION}; "
                           "nästa uppdatering bygger om hela indexet")
    reports = read_reports(args.reports or default_report_dir(backend.root))
    if reports:
        out["last_run"] = _run_summary(reports[0])
        if reports[0].get("exit_status") != 0:
            ok = next((r for r in reports if r.get("exit_status") == 0), None)
            out["last_successful_run"] = _run_summary(ok) if ok else None
    else:
        out["last_run"] = None
    holder, running = lock_record(backend.root)
    if holder is not None and running:
        out["running"] = holder.__dict__
    elif holder is not None:
        out["interrupted_run"] = holder.__dict__  # killed; the next run takes over the lock
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return code
    labels = {"index": "index", "error": "fel", "documents": "dokument", "passages": "passager",
              "generation": "generation", "built_at": "byggt", "sources": "källmappar",
              "failures": "filer som inte kunde läsas", "note": "obs"}
    for key, label in labels.items():
        if key in out:
            value = out[key]
            print(f"{label}: {', '.join(value) if isinstance(value, list) else value}")
    if "index_version" in out:
        v = out["index_version"]
        print(f"indexversion: schema {v['schema']}, analys {v['analyzer']}, extraktion {v['extractor']}")
    for key, label in (("last_run", "senaste körning"), ("last_successful_run", "senaste lyckade körning")):
        if key in out:
            r = out[key]
            print(f"{label}: " + (_run_line(r) if r else "ingen"))
    if "running" in out:
        r = out["running"]
        print(f"pågår nu: process {r['pid']}, startad {r['started_at']}")
    if "interrupted_run" in out:
        r = out["interrupted_run"]
        print(f"avbruten körning: process {r['pid']}, startad {r['started_at']} (nästa körning tar över låset)")
    return code


def _harvest(args) -> int:
    from .harvest import SourcesError, harvest, load_sources
    from .report import EXIT_NOT_RUN
    try:
        sources = load_sources(args.sources)
    except SourcesError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return EXIT_NOT_RUN
    report = harvest(sources, args.into, report_file=args.report, dry_run=args.dry_run,
                     forget_gone=args.forget_gone, progress=not args.quiet)
    if report.error:
        print(f"fel: {report.error}", file=sys.stderr)
    for source in report.sources:
        if source.status == "failed":
            print(f"  källan {source.name} misslyckades: {source.reason}", file=sys.stderr)
        for problem in source.problems:
            print(f"  källan {source.name}: {problem}", file=sys.stderr)
        for failed in source.failed:
            print(f"  kunde inte hämta {failed['url']}: {failed['reason']}", file=sys.stderr)
        for skipped in source.disallowed:
            print(f"  hämtade inte {skipped['url']}: {skipped['reason']}", file=sys.stderr)
        if args.dry_run and source.status != "failed":
            fresh = sum(not w["known"] for w in source.would_fetch)
            print(f"källa {source.name} ({source.kind}): {source.discovered} länkar, {fresh} nya")
            for w in source.would_fetch:
                print(f"  {'känd' if w['known'] else 'ny  '} {w['url']}")
    print(report.one_line())
    return report.exit_status


def _run_summary(r: dict) -> dict:
    keys = ("command", "mode", "started", "finished", "duration_s", "result", "exit_status", "counts",
            "documents", "passages", "error", "report_path")
    return {k: r.get(k) for k in keys}


def _run_line(r: dict) -> str:
    c = r.get("counts") or {}
    line = (f"{r.get('command')} {r.get('started')}, {r.get('result')} (status {r.get('exit_status')}), "
            f"{r.get('duration_s')} s")
    if r.get("exit_status") == 2:
        return line + f": {r.get('error')}"
    return line + (f": {c.get('added', 0)} nya, {c.get('changed', 0)} ändrade, {c.get('removed', 0)} borttagna, "
                   f"{c.get('renamed', 0)} flyttade, {c.get('unchanged', 0)} oförändrade, {c.get('failed', 0)} fel"
                   f" — {r.get('report_path')}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    try:
        if args.command in ("build", "update"):
            return _run(args)
        if args.command == "harvest":
            return _harvest(args)
        return _status(args)
    except config.ConfigError as exc:   # a setting read later than _check_run_args (SEARCH_SEARCHERS …)
        print(f"fel: {exc}", file=sys.stderr)
        return 2
