"""Run every performance measurement of issue 6 and write bench/RESULTS.md.

    .venv/bin/python -m bench.perf                 # the full run: 1,000 and 10,000 documents
    .venv/bin/python -m bench.perf --quick         # a smoke run on small sizes (minutes)
    .venv/bin/python -m bench.perf --corpus DIR [--corpus-name NAME] [--limit N]
                                                   # the same on a folder of real documents (corpus.py)

Work files (synthetic corpora, indexes, caches, SQLite) go to data/bench/
(ignored by git). Every figure in RESULTS.md is printed by this run; the
machine's load average is recorded beside each set, since the machine may be
shared.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from .procmem import TreeSampler, dir_size, loadavg

REPO = Path(__file__).resolve().parents[2]
PY = sys.executable


class Log:
    def __init__(self):
        self.t0 = time.monotonic()

    def __call__(self, msg: str) -> None:
        print(f"[{time.monotonic() - self.t0:7.1f} s] {msg}  (load {loadavg()})", file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p * (len(v) - 1))))] if v else float("nan")


def ms(x: float) -> str:
    return f"{x * 1000:.1f}"


def run_py(args: list[str], log: Log) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run([PY, *args], cwd=REPO, env=env, check=True)


def ensure_corpus(out: Path, docs: int, seed: int, formats: str | None, log: Log) -> dict:
    """Generate (or reuse, when its manifest says it is exactly this corpus) a synthetic corpus."""
    manifest = out / ".synthetic.json"
    if manifest.exists():
        m = json.loads(manifest.read_text(encoding="utf-8"))
        from bench.synthetic import parse_mix
        if m.get("seed") == seed and m.get("docs") == docs and m.get("first") == 0 and m.get("mix") == parse_mix(formats):
            if all((out / f["path"]).exists() for f in m["files"]):
                log(f"corpus {out} already generated (seed {seed}, {docs} documents): reused")
                return {"generated_s": None, "files": m["files"]}
    log(f"generating {docs} synthetic documents (seed {seed}) into {out}")
    t = time.perf_counter()
    from bench.synthetic import default_jobs, generate
    rep = generate(docs, seed, out, formats=formats, jobs=default_jobs())
    return {"generated_s": time.perf_counter() - t, "files": rep.files}


def corpus_summary(info: dict) -> dict:
    kinds: dict[str, int] = {}
    for f in info["files"]:
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    return {"files": len(info["files"]), "bytes": sum(f["bytes"] for f in info["files"]), "kinds": kinds,
            "generated_s": info["generated_s"]}


def probe_build(source: Path, index: Path, cache: Path, out: Path, log: Log, jobs: int = 2,
                sample: bool = True) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    load_before = os.getloadavg()
    proc = subprocess.Popen([PY, "-m", "bench.perf.build_probe", "--source", str(source), "--index", str(index),
                             "--cache", str(cache), "--jobs", str(jobs), "--out", str(out)]
                            + ([] if sample else ["--no-sample"]), cwd=REPO, env=env)
    with TreeSampler(proc.pid) as sampler:
        rc = proc.wait()
    if rc != 0:
        raise RuntimeError(f"build probe failed ({rc}) for {source}")
    r = json.loads(out.read_text(encoding="utf-8"))
    gen = index / r["generation"]
    r.update(peak_rss_parent=sampler.peak_root, peak_rss_worker=sampler.peak_child, peak_rss_tree=sampler.peak_tree,
             index_bytes=dir_size(gen), loadavg_before=load_before, loadavg_after=os.getloadavg())
    return r


def extraction_rates(files: list[Path], root: Path, methods: list[tuple[str, int]], log: Log) -> list[dict]:
    from .extraction import rate
    out = []
    for method, workers in methods:
        la = os.getloadavg()
        r = rate(method, files, root, workers)
        r["loadavg"] = la
        log(f"extraction {method} x{workers}: {r['pages']} pages in {r['seconds']:.1f} s = {r['pages_per_s']:.1f} pages/s")
        out.append(r)
    return out


def latency(system: str, args: list[str], queries: Path, out: Path, repeats: int, log: Log) -> dict:
    la = os.getloadavg()
    run_py(["-m", "bench.perf.latency", "--system", system, *args, "--queries", str(queries),
            "--repeats", str(repeats), "--out", str(out)], log)
    r = json.loads(out.read_text(encoding="utf-8"))
    r["loadavg"] = la
    return r


def summarize_latency(r: dict, kinds: list[str]) -> dict:
    warm_all = [x for rnd in r["warm"] for x in rnd]
    out = {"open_s": r["open_s"], "cold_median": statistics.median(r["cold"]), "cold_p95": pct(r["cold"], 0.95),
           "warm_median": statistics.median(warm_all), "warm_p95": pct(warm_all, 0.95), "kinds": {},
           "rss_end": r.get("rss_end"), "loadavg": r.get("loadavg")}
    for kind in sorted(set(kinds)):
        xs = [x for rnd in r["warm"] for x, k in zip(rnd, kinds) if k == kind]
        cs = [x for x, k in zip(r["cold"], kinds) if k == kind]
        out["kinds"][kind] = {"n": kinds.count(kind), "warm_median": statistics.median(xs), "warm_p95": pct(xs, 0.95),
                              "cold_median": statistics.median(cs), "cold_p95": pct(cs, 0.95)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.perf", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes in documents (default 1000,10000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=REPO / "data" / "bench")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    ap.add_argument("--pdf-docs", type=int, default=45, help="minutes PDFs in the extraction sample (default 45, >= 300 pages)")
    ap.add_argument("--clients", default="1,4,16")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds per web load level (default 30)")
    ap.add_argument("--repeats", type=int, default=3, help="warm rounds over the 200 queries (default 3)")
    ap.add_argument("--reindex-sizes", default="1000",
                    help="sizes whose re-index from the extraction cache is measured (default 1000)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 150 documents, 8 PDFs, 3 s load levels "
                    "(with --corpus: at most 50 queries, one warm round, 3 s load levels)")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw figures here")
    ap.add_argument("--report-only", action="store_true",
                    help="only write RESULTS.md again from the figures of the last run (data/bench/perf-results.json), "
                         "e.g. after editing bench/perf/FINDINGS.md; with --corpus, that corpus's report from "
                         "data/bench/corpus-NAME-N/results.json")
    g = ap.add_argument_group("a folder of documents instead of the synthetic corpora (bench/perf/corpus.py)")
    g.add_argument("--corpus", type=Path, help="build, latency against FTS5, first query and memory on this folder")
    g.add_argument("--corpus-name", help="the corpus's name in the report (default: the folder's name)")
    g.add_argument("--limit", type=int, help="only the first N documents, in sorted path order")
    g.add_argument("--queries", type=int, default=200,
                   help="queries made from the corpus's passages (default 200, the kinds in the synthetic proportions)")
    g.add_argument("--no-coldstart", action="store_true", help="skip the first query after start and after a switch")
    g.add_argument("--no-server", action="store_true", help="skip the web server (its memory and the load levels)")
    g.add_argument("--note", help="a sentence printed under the run's heading (e.g. how busy the machine was)")
    g.add_argument("--record", type=Path, default=Path(__file__).with_name("CORPORA.md"),
                   help="the file whose block for this corpus and size the run replaces (default bench/perf/CORPORA.md); "
                        "its content is then copied into --out")
    g.add_argument("--no-record", action="store_true", help="only print the report (and write it in the work folder)")
    args = ap.parse_args(argv)
    if args.corpus is not None:
        from .corpus import run_corpus
        return run_corpus(args, list(sys.argv[1:] if argv is None else argv), Log())
    if args.report_only:
        from .report import write_report
        write_report(json.loads((args.work / "perf-results.json").read_text(encoding="utf-8")), args.out)
        return 0
    if args.quick:
        args.sizes, args.pdf_docs, args.duration, args.repeats, args.reindex_sizes = "150", 8, 3.0, 1, "150"
    sizes = [int(x) for x in args.sizes.split(",") if x]
    clients = [int(x) for x in args.clients.split(",") if x]
    reindex_sizes = {int(x) for x in args.reindex_sizes.split(",") if x}
    log = Log()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    res: dict = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "args": vars(args) | {
        "work": str(work), "out": str(args.out), "json": str(args.json) if args.json else None},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "loadavg_start": os.getloadavg()}}

    # -- queries -------------------------------------------------------------------------
    from .fts5 import dump_queries
    from .queries import make_queries
    queries = make_queries(args.seed)
    qfile = work / "perf-queries.json"
    dump_queries(queries, qfile)
    kinds = [q.kind for q in queries]

    # -- PDF extraction sample -----------------------------------------------------------
    pdf_dir = work / f"pdf-sample-{args.pdf_docs}"
    pdf_info = ensure_corpus(pdf_dir, args.pdf_docs, args.seed, "pdf", log)
    pdf_files = sorted(pdf_dir.rglob("*.pdf"))
    res["pdf_sample"] = corpus_summary(pdf_info)
    res["extraction"] = extraction_rates(pdf_files, pdf_dir, [
        ("pypdfium2", 1), ("pypdfium2", 2), ("pdfplumber", 1), ("pdfplumber", 2), ("product", 1), ("product", 2)], log)
    shutil.rmtree(work / "pdf-build", ignore_errors=True)
    log("building the PDF sample with the product's pipeline (2 worker processes, empty cache)")
    res["pdf_build"] = probe_build(pdf_dir, work / "pdf-build" / "index", work / "pdf-build" / "cache",
                                   work / "pdf-build.json", log, sample=False)

    # -- per corpus size -----------------------------------------------------------------
    res["sizes"] = {}
    for size in sizes:
        r: dict = {}
        res["sizes"][str(size)] = r
        src = work / f"synthetic-{size}"
        info = ensure_corpus(src, size, args.seed, None, log)
        r["corpus"] = corpus_summary(info)
        files = [src / f["path"] for f in info["files"]]
        log(f"{size}: extraction only, product extractors, 2 processes")
        from .extraction import rate
        la = os.getloadavg()
        r["extract_only"] = rate("product", files, src, 2) | {"loadavg": la}
        base = work / f"perf-{size}"
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        log(f"{size}: build with an empty extraction cache")
        r["build"] = probe_build(src, base / "index", base / "cache", base / "build.json", log)
        log(f"{size}: built {r['build']['documents']} documents, {r['build']['passages']} passages "
            f"in {r['build']['wall_s']:.0f} s")
        if size in reindex_sizes:
            log(f"{size}: re-index from the extraction cache")
            r["reindex"] = probe_build(src, base / "index", base / "cache", base / "reindex.json", log, sample=False)
        log(f"{size}: SQLite FTS5 baseline over the same passages")
        from .fts5 import build as fts_build
        t = time.perf_counter()
        r["fts5"] = fts_build(base / "index", base / "fts5.sqlite") | {"build_s": time.perf_counter() - t}
        log(f"{size}: query latency, product (cold, then {args.repeats} warm rounds)")
        prod = latency("product", ["--index", str(base / "index")], qfile, base / "lat-product.json", args.repeats, log)
        log(f"{size}: query latency, SQLite FTS5")
        fts = latency("fts5", ["--db", str(base / "fts5.sqlite")], qfile, base / "lat-fts5.json", args.repeats, log)
        r["latency"] = {"product": summarize_latency(prod, kinds), "fts5": summarize_latency(fts, kinds),
                        "totals_product": prod["totals"], "totals_fts5": fts["totals"]}
        log(f"{size}: first query after start and after an index switch")
        from . import coldstart
        r["coldstart"] = coldstart.run(base / "index", src, base / "cache", qfile, base / "coldstart-work")
        from . import load
        r["load"] = load.run(base / "index", queries, clients, args.duration, log)
    res["seconds"] = time.monotonic() - started
    res["machine"]["loadavg_end"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
    (work / "perf-results.json").write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
    from .report import write_report
    write_report(res, args.out)
    log(f"wrote {args.out} ({res['seconds'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
