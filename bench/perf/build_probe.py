"""One index build with the product's pipeline, timed from the inside.

    python -m bench.perf.build_probe --source DIR --index IDX --cache CACHE --jobs 2 --out R.json

Runs ``indexer.pipeline.build_index`` unchanged; only the store it writes to is
wrapped so the time spent in ``write_batch`` (Swedish analysis of every field
and Whoosh indexing, in the parent process) is known apart from the rest
(extraction, structure and area tagging in the worker processes, waiting).
A sample of the passages written is analysed again afterwards, alone, to
split ``write_batch`` into analysis and the rest of indexing.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

SAMPLE_PASSAGES = 3000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", type=Path, required=True)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--profile", type=Path, help="write a pyinstrument profile (text) of the parent process here")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from indexer import pipeline

    stats = {"write_s": 0.0, "batches": 0, "write_passages": 0}
    sample: list[tuple[str, str]] = []
    original = pipeline.create_generation

    def create_generation(*a, **kw):
        store = original(*a, **kw)
        write = store.write_batch

        def timed_write(docs, *wa, **wkw):
            docs = list(docs)
            t = time.perf_counter()
            n = write(docs, *wa, **wkw)
            stats["write_s"] += time.perf_counter() - t
            stats["batches"] += 1
            for d in docs:
                stats["write_passages"] += len(d.passages)
                if len(sample) < SAMPLE_PASSAGES:
                    sample.extend((d.title, p.text) for p in d.passages[: SAMPLE_PASSAGES - len(sample)])
            return n

        store.write_batch = timed_write
        return store

    pipeline.create_generation = create_generation
    profiler = None
    if args.profile:
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.002)
        profiler.start()
    t = time.perf_counter()
    report = pipeline.build_index([args.source], args.index, args.cache, jobs=args.jobs, progress=False)
    wall = time.perf_counter() - t
    if profiler is not None:
        profiler.stop()
        args.profile.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")

    # Analysis alone, on the same kind of text: every analysed field of a passage
    # record (text and title with the Swedish analyzer, title + text folded and as words).
    from indexer.store.whoosh_store import make_schema
    schema = make_schema()
    sv, fold, words = schema["text"].analyzer, schema["text_folded"].analyzer, schema["words"].analyzer
    t = time.perf_counter()
    for title, text in sample:
        for _ in sv(text, mode="index"):
            pass
        for _ in sv(title, mode="index"):
            pass
        both = f"{title}\n{text}"
        for _ in fold(both, mode="index"):
            pass
        for _ in words(both, mode="index"):
            pass
    analysis_s = time.perf_counter() - t

    args.out.write_text(json.dumps({
        "documents": report.documents, "pages": report.pages, "passages": report.passages,
        "failures": len(report.failures), "extracted": report.extracted, "from_cache": report.from_cache,
        "wall_s": wall, "report_s": report.seconds, "write_s": stats["write_s"], "batches": stats["batches"],
        "write_passages": stats["write_passages"],
        "analysis_sample": len(sample), "analysis_sample_s": analysis_s,
        "cpu_user_s": os.times().user, "cpu_children_user_s": os.times().children_user,
        "generation": report.generation,
    }), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
