"""One index build with the product's pipeline, timed from the outside, and
where a passage's time goes, measured on a sample.

    python -m bench.perf.build_probe --source DIR --index IDX --cache CACHE --jobs 2 --out R.json

Runs ``indexer.pipeline.build_index`` unchanged (the worker processes extract,
structure, tag, analyse and write their own index segments; the parent only
hands out files and commits). Afterwards, on one core and a sample of about
3,000 passages of the same corpus read from the now filled extraction cache,
each stage of a worker is timed alone: structure and area tagging
(``process_file`` from the cache), the Swedish analysis of every analysed
field, and writing the records into a Whoosh segment (analysis included).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path

SAMPLE_PASSAGES = 3000


def stage_sample(source: Path, cache: Path) -> dict:
    """Per-stage cost on one core for a sample of the corpus (cache already filled)."""
    from indexer import pipeline
    from indexer.store.whoosh.staging import Stager
    from indexer.store.whoosh.schema import make_schema
    from whoosh import index

    files = sorted(pipeline.discover([source]))
    random.Random(1).shuffle(files)  # a sample from the whole corpus (all formats), the same every run
    pipeline._init_worker(str(cache))
    docs, structure_s = [], 0.0
    for f in files:
        t = time.perf_counter()
        doc, _failure, _cached = pipeline.process_file(tuple(str(x) for x in f))
        structure_s += time.perf_counter() - t
        if doc is not None:
            docs.append(doc)
        if sum(len(d.passages) for d in docs) >= SAMPLE_PASSAGES:
            break
    passages = sum(len(d.passages) for d in docs)

    schema = make_schema()
    sv, fold, words = schema["text"].analyzer, schema["text_folded"].analyzer, schema["words"].analyzer
    t = time.perf_counter()
    for d in docs:
        for p in d.passages:
            for _ in sv(p.text, mode="index"):
                pass
            for _ in sv(d.title, mode="index"):
                pass
            both = f"{d.title}\n{p.text}"
            for _ in fold(both, mode="index"):
                pass
            for _ in words(both, mode="index"):
                pass
    analysis_s = time.perf_counter() - t

    with tempfile.TemporaryDirectory(prefix="probe-") as tmp:
        index.create_in(tmp, schema)
        t = time.perf_counter()
        writer = Stager(tmp).writer()
        for d in docs:
            writer.add(d)
        writer.finish()
        write_s = time.perf_counter() - t
    return {"sample_documents": len(docs), "sample_passages": passages, "structure_s": structure_s,
            "analysis_s": analysis_s, "write_s": write_s}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", type=Path, required=True)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--no-sample", action="store_true", help="skip the per-stage sample")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from indexer import pipeline
    from indexer.store import open_backend

    # Setup: everything before the first file is handed to a worker (comparing
    # the files with the index, loading the lexicons, creating the generation).
    marks: dict[str, float] = {}
    index_files = pipeline.index_files

    def timed_index_files(*a, **kw):
        marks.setdefault("pool", time.perf_counter())
        return index_files(*a, **kw)
    pipeline.index_files = timed_index_files
    t = time.perf_counter()
    report = pipeline.build_index([args.source], args.index, args.cache, jobs=args.jobs, progress=False)
    wall = time.perf_counter() - t
    times = os.times()
    gen = open_backend(args.index).live().location  # the generation folder (Whoosh)
    out = {
        "documents": report.documents, "pages": report.pages, "passages": report.passages,
        "failures": len(report.failures), "extracted": report.extracted, "from_cache": report.from_cache,
        "wall_s": wall, "report_s": report.seconds, "jobs": args.jobs,
        "setup_s": marks.get("pool", t) - t,
        "cpu_parent_s": times.user + times.system, "cpu_workers_s": times.children_user + times.children_system,
        "segments": len(list(Path(gen).glob("*.seg"))), "generation": report.generation,
    }
    if not args.no_sample:
        out["stages"] = stage_sample(args.source, args.cache)
    args.out.write_text(json.dumps(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
