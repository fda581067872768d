"""The performance benchmark on any folder of documents (issue 16 point 3).

    .venv/bin/python -m bench.perf --corpus DIR [--corpus-name NAME] [--limit N] [--queries 200]
        [--clients 1,4,16] [--duration 30] [--repeats 3] [--no-coldstart] [--no-server]
        [--note TEXT] [--no-record] [--report-only]

What it does, with the same code as the synthetic run (``run.py``):

1. **selection**: the files under DIR the product reads (hidden files, READMEs
   and lock files left out as ``indexer.inventory.discover`` does, and only
   suffixes the extractors declare: .pdf, .docx, .doc, .rtf, .html/.htm, .txt,
   .md), sorted by their path inside DIR; ``--limit N`` takes the first N.
   They are hard-linked (copied when DIR is on another file system) into
   ``data/bench/corpus-NAME-N/source``, so the build sees exactly them;
2. **build**: ``indexer.pipeline.build_index`` with an empty extraction cache,
   two worker processes, timed and its memory sampled from the outside
   (``build_probe.py``), with the per-stage sample;
3. **baseline**: SQLite FTS5 filled with the built index's own passages and
   document metadata (``fts5.build``);
4. **queries**: made from the corpus's own passages (``corpus_queries.py``);
   kinds needing facets the corpus lacks are replaced, and the report says so;
5. **latency**: the product and FTS5, each in a fresh process, cold then
   ``--repeats`` warm rounds (``latency.py``);
6. **first query** after a start and after an index switch (``coldstart.py``;
   ``--no-coldstart`` skips it);
7. **memory**: the build's peak RSS, the RSS of the two query processes, and
   the web server's (``python -m search_app serve``) after start and at rest
   after a warm-up with every query, with ``--clients`` load levels of
   ``--duration`` seconds (``load.py``; ``--clients ''`` measures memory
   only, ``--no-server`` skips the server).

The report is printed (Markdown, headed with the corpus name, the number of
documents and the date) and written to ``data/bench/corpus-NAME-N/report.md``;
unless ``--no-record``, it also replaces the block of the same corpus name and
size in ``bench/perf/CORPORA.md`` and that file's content is copied into
``bench/RESULTS.md`` (the synthetic run's ``report.py`` copies it too).
``--report-only`` writes the report again from the last run's figures
(``data/bench/corpus-NAME-N/results.json``), e.g. after a change of this file.
When the 1-minute load average at the start of the run exceeds half the
CPUs, the report says that the machine was busy and that the figures are
indicative only. The load averages recorded during the run are printed as
well; they count the run's own build workers and load-test clients, so they
alone do not show other jobs.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shlex
import shutil
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

CORPORA = Path(__file__).with_name("CORPORA.md")
BEGIN, END = "<!-- from bench/perf/CORPORA.md -->", "<!-- end of bench/perf/CORPORA.md -->"
CORPORA_HEADER = """## Real corpora

Runs of `python -m bench.perf --corpus DIR` (bench/README.md), each block written by its run; the
synthetic tables above do not come from these runs.
"""


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "corpus"


def select_files(corpus: Path, limit: int | None = None) -> tuple[list[str], int]:
    """(the paths inside ``corpus`` of the documents taken, sorted; how many documents it has)."""
    from indexer.extract import SUPPORTED_SUFFIXES
    from indexer.inventory import discover
    root = corpus.resolve()
    rel = sorted(f.relative_to(root).as_posix() for _, f in discover([root])
                 if f.suffix.lower() in SUPPORTED_SUFFIXES)
    return (rel[:limit] if limit else rel), len(rel)


def stage(corpus: Path, files: list[str], dest: Path) -> str:
    """Hard links (else copies) of ``files`` under ``dest``; returns "hard links" or "copies"."""
    root = corpus.resolve()
    shutil.rmtree(dest, ignore_errors=True)
    how = "hard links"
    for rel in files:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if how == "hard links":
            try:
                os.link(root / rel, target)
                continue
            except OSError:
                how = "copies"
        shutil.copy2(root / rel, target)
    return how


def summary(dest: Path, files: list[str]) -> dict:
    kinds = Counter(Path(f).suffix.lower().lstrip(".") for f in files)
    return {"files": len(files), "bytes": sum((dest / f).stat().st_size for f in files), "kinds": dict(kinds)}


def run_corpus(args, argv: list[str], log) -> int:
    from . import coldstart, load
    from .corpus_queries import make_corpus_queries, query_words, scaled_counts
    from .fts5 import build as fts_build
    from .fts5 import dump_queries
    from .run import latency, probe_build, summarize_latency

    corpus: Path = args.corpus
    if not corpus.is_dir():
        raise SystemExit(f"--corpus {corpus}: not a folder")
    name = args.corpus_name or corpus.resolve().name
    if args.quick:
        args.repeats, args.duration, args.queries = 1, 3.0, min(args.queries, 50)
    clients = [int(x) for x in args.clients.split(",") if x]
    started = time.monotonic()
    res: dict = {
        "corpus": {"name": name, "dir": str(corpus), "limit": args.limit},
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": "python -m bench.perf " + " ".join(shlex.quote(a) for a in argv),
        "note": args.note,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "loadavg_start": os.getloadavg()},
    }

    files, available = select_files(corpus, args.limit)
    if not files:
        raise SystemExit(f"--corpus {corpus}: no document the product reads (.pdf, .docx, .html, .txt, .md …)")
    base = args.work / f"corpus-{slug(name)}-{len(files)}"
    if args.report_only:  # the report again from the figures of the last run of this corpus and size
        res = json.loads((base / "results.json").read_text(encoding="utf-8"))
        return _report(res, base, args, f"{name} {len(files)}", log)
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    src = base / "source"
    log(f"{name}: {len(files):,} of {available:,} documents in {corpus} -> {src}")
    how = stage(corpus, files, src)
    res["corpus"].update(summary(src, files), available=available, staged=how)

    log(f"{name}: build with an empty extraction cache (2 worker processes)")
    res["build"] = probe_build(src, base / "index", base / "cache", base / "build.json", log)
    b = res["build"]
    log(f"{name}: built {b['documents']:,} documents, {b['passages']:,} passages in {b['wall_s']:.0f} s")

    log(f"{name}: SQLite FTS5 baseline over the same passages")
    t = time.perf_counter()
    res["fts5"] = fts_build(base / "index", base / "fts5.sqlite") | {"build_s": time.perf_counter() - t}

    log(f"{name}: queries from the corpus's own passages (seed {args.seed})")
    cq = make_corpus_queries(base / "index", args.seed, scaled_counts(args.queries))
    for note in cq.notes:
        log(f"{name}: {note}")
    qfile = base / "queries.json"
    dump_queries(cq.queries, qfile)
    kinds = [q.kind for q in cq.queries]
    res["queries"] = {"counts": cq.counts, "notes": cq.notes, "facets": cq.facets, "documents": cq.documents,
                      "passages": cq.passages, "sampled": cq.sampled, "origins": dict(cq.origins),
                      "examples": [q.label() for q in _examples(cq.queries)],
                      "words": sorted({w.lower() for q in cq.queries for w in query_words(q)})}

    log(f"{name}: query latency, product (cold, then {args.repeats} warm rounds)")
    prod = latency("product", ["--index", str(base / "index")], qfile, base / "lat-product.json", args.repeats, log)
    log(f"{name}: query latency, SQLite FTS5")
    fts = latency("fts5", ["--db", str(base / "fts5.sqlite")], qfile, base / "lat-fts5.json", args.repeats, log)
    res["latency"] = {"product": summarize_latency(prod, kinds), "fts5": summarize_latency(fts, kinds),
                      "totals_product": prod["totals"], "totals_fts5": fts["totals"],
                      "memory": {s: {k: r.get(k) for k in ("rss_after_open", "rss_end", "rss_peak")}
                                 for s, r in (("product", prod), ("fts5", fts))}}

    if not args.no_coldstart:
        log(f"{name}: first query after start and after an index switch")
        res["coldstart"] = coldstart.run(base / "index", src, base / "cache", qfile, base / "coldstart-work")
    if not args.no_server:
        log(f"{name}: the web server's memory" + (f", then web load with {args.clients} clients" if clients else ""))
        res["load"] = load.run(base / "index", cq.queries, clients, args.duration, log)
    res["seconds"] = time.monotonic() - started
    res["machine"]["loadavg_end"] = os.getloadavg()

    (base / "results.json").write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
    _report(res, base, args, f"{name} {len(files)}", log)
    log(f"{name}: done in {res['seconds'] / 60:.1f} min; report {base / 'report.md'}")
    return 0


def _report(res: dict, base: Path, args, key: str, log) -> int:
    text = corpus_block(res)
    (base / "report.md").write_text(text, encoding="utf-8")
    print(text, flush=True)
    if not args.no_record:
        record(text, key, args.record, args.out)
        log(f"recorded in {args.record} and {args.out}")
    return 0


def _examples(queries: list, n: int = 2) -> list:
    seen: Counter = Counter()
    out = []
    for q in queries:
        if seen[q.kind] < n:
            seen[q.kind] += 1
            out.append(q)
    return sorted(out, key=lambda q: q.kind)


# -- the report --------------------------------------------------------------------------

def _la(x) -> str:
    return " / ".join(f"{v:.2f}" for v in x) if x else "–"


def _mb(b) -> str:
    return f"{b / 1e6:,.0f}" if b else "–"


def _ms(s) -> str:
    return f"{s * 1000:.1f}" if s is not None else "–"


def _loads(res: dict) -> list[float]:
    """Every 1-minute load average the run recorded."""
    m, b, lat = res["machine"], res["build"], res["latency"]
    xs = [m.get("loadavg_start"), m.get("loadavg_end"), b.get("loadavg_before"), b.get("loadavg_after"),
          lat["product"].get("loadavg"), lat["fts5"].get("loadavg"), (res.get("coldstart") or {}).get("loadavg"),
          (res.get("load") or {}).get("loadavg_before")]
    xs += [lv.get("loadavg") for lv in (res.get("load") or {}).get("levels", [])]
    return [x[0] for x in xs if x]


def corpus_block(res: dict) -> str:
    c, b, q, m = res["corpus"], res["build"], res["queries"], res["machine"]
    name, docs = c["name"], c["files"]
    date = res["started"][:10]
    kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(c["kinds"].items()))
    taken = (f"the first {docs:,} in sorted path order of the {c['available']:,} documents there" if c["limit"]
             and docs < c["available"] else f"all {docs:,} documents there")
    L = [f"### {name}: {docs:,} documents ({date})", ""]
    loads = _loads(res)
    start = (m.get("loadavg_start") or [0.0])[0]
    if start > 0.5 * (m["cpus"] or 1):
        L += [f"**Measured while other jobs ran on the machine (1-minute load average {start:.1f} on "
              f"{m['cpus']} CPUs when the run started, {min(loads):.1f} to {max(loads):.1f} during it): "
              f"indicative only.**", ""]
    elif loads:
        L += [f"Quiet machine at the start (1-minute load average {start:.1f} on {m['cpus']} CPUs); during the "
              f"run {min(loads):.1f} to {max(loads):.1f}, the run's own build workers and load-test clients "
              f"included.", ""]
    if res.get("note"):
        L += [f"**{res['note']}**", ""]
    L += [f"- Corpus `{name}`: `{c['dir']}`, {taken} ({kinds}; {c['bytes'] / 1e6:,.1f} MB), "
          f"{c.get('staged', 'hard links')} in the run's work folder.",
          f"- Command: `{res['command']}`",
          f"- Run started {res['started']}, took {res['seconds'] / 60:.1f} min; {m['cpus']} CPUs, Python {m['python']}; "
          f"load average (1 / 5 / 15 min) {_la(m['loadavg_start'])} at the start, {_la(m['loadavg_end'])} at the end.",
          f"- Queries: {sum(q['counts'].values())} made from the corpus's own passages (`bench/perf/corpus_queries.py`, "
          f"sample of {q['sampled']:,} of {q['passages']:,} passages): "
          + ", ".join(f"{k} {v}" for k, v in q["counts"].items())
          + "; words chosen as " + ", ".join(f"{k} {v}" for k, v in sorted(q["origins"].items())) + ".",
          "- Facets in the corpus (documents with a value): " + ", ".join(
              f"{g} {n:,}" for g, n in q["facets"].items()) + f" of {q['documents']:,}."]
    if q["notes"]:
        L += [f"- Replaced or reduced: {note}." for note in q["notes"]]
    else:
        L.append("- No kind replaced: the corpus has every facet the query kinds need.")
    L += ["- Examples: " + "; ".join(f"`{x}`" for x in q["examples"]) + ".", ""]

    # build and baseline
    st = b.get("stages")
    L += ["| documents | pages | passages | failures | build s | of which setup s | documents/s | passages/s | "
          "CPU s parent / workers | index MB | FTS5 filled in s | FTS5 MB | load avg before → after |",
          "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
          f"| {b['documents']:,} | {b['pages']:,} | {b['passages']:,} | {b['failures']:,} | {b['wall_s']:.1f} | "
          f"{b.get('setup_s', 0):.1f} | {b['documents'] / b['wall_s']:.1f} | {b['passages'] / b['wall_s']:.0f} | "
          f"{b.get('cpu_parent_s', 0):.0f} / {b.get('cpu_workers_s', 0):.0f} | {_mb(b['index_bytes'])} | "
          f"{res['fts5']['build_s']:.1f} | {_mb(res['fts5']['bytes'])} | "
          f"{_la(b['loadavg_before'])} → {_la(b['loadavg_after'])} |", ""]
    if st and st.get("sample_passages"):
        n = st["sample_passages"]
        L += [f"Per stage on one core, sample of {n:,} passages: structure and area tagging "
              f"{n / st['structure_s']:,.0f} passages/s, Swedish analysis {n / st['analysis_s']:,.0f} passages/s, "
              f"writing the Whoosh records (analysis included) {n / st['write_s']:,.0f} passages/s.", ""]

    # latency
    lat = res["latency"]
    L += ["| system | open s | cold median ms | cold p95 ms | warm median ms | warm p95 ms | queries with results | "
          "load avg |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for sysname, label, totals in (("product", "product", lat["totals_product"]),
                                   ("fts5", "SQLite FTS5", lat["totals_fts5"])):
        x = lat[sysname]
        L.append(f"| {label} | {x['open_s']:.2f} | {_ms(x['cold_median'])} | {_ms(x['cold_p95'])} | "
                 f"{_ms(x['warm_median'])} | {_ms(x['warm_p95'])} | {sum(1 for t in totals if t)} of {len(totals)} | "
                 f"{_la(x['loadavg'])} |")
    p, f = lat["product"], lat["fts5"]

    def ratio(a, z):
        return f"{a / z:.1f}" if z else "–"
    L += [f"| ratio product / FTS5 | | {ratio(p['cold_median'], f['cold_median'])} | {ratio(p['cold_p95'], f['cold_p95'])} | "
          f"{ratio(p['warm_median'], f['warm_median'])} | {ratio(p['warm_p95'], f['warm_p95'])} | | |", ""]
    ks = sorted(p["kinds"])
    L += ["Warm latency per kind (ms, median / p95; number of queries in brackets):", "",
          "| system | " + " | ".join(f"{k} ({p['kinds'][k]['n']})" for k in ks) + " |", "|---|" + "---:|" * len(ks)]
    for sysname, label in (("product", "product"), ("fts5", "SQLite FTS5")):
        k = lat[sysname]["kinds"]
        L.append(f"| {label} | " + " | ".join(f"{_ms(k[x]['warm_median'])} / {_ms(k[x]['warm_p95'])}" for x in ks) + " |")
    L.append("")

    # first query
    cs = res.get("coldstart")
    if cs:
        upd = sorted(x["update_s"] for x in cs["after_switch"])
        L += ["| first query after start, median / max ms | first query after an index switch, median / max ms | "
              "open s | update run with the switch s | load avg |", "|---:|---:|---:|---:|---|",
              f"| {_ms(cs['start_first_median_s'])} / {_ms(cs['start_first_max_s'])} | "
              f"{_ms(cs['switch_first_median_s'])} / {_ms(cs['switch_first_max_s'])} | {cs['open_median_s']:.2f} | "
              f"{upd[len(upd) // 2]:.1f} | {_la(cs['loadavg'])} |", ""]

    # memory
    mem = lat["memory"]
    L += ["Memory (MB, resident set size; a sum over several processes counts the pages they share once per "
          "process, PSS counts them once):", "",
          "| what | MB |", "|---|---:|",
          f"| build: peak RSS of the parent | {_mb(b['peak_rss_parent'])} |",
          f"| build: peak RSS of one worker | {_mb(b['peak_rss_worker'])} |",
          f"| build: peak RSS of all its processes together | {_mb(b['peak_rss_tree'])} |",
          f"| query process, product: after opening the index / after the queries / peak | "
          f"{_mb(mem['product']['rss_after_open'])} / {_mb(mem['product']['rss_end'])} / {_mb(mem['product']['rss_peak'])} |",
          f"| query process, SQLite FTS5: after opening / after the queries / peak | "
          f"{_mb(mem['fts5']['rss_after_open'])} / {_mb(mem['fts5']['rss_end'])} / {_mb(mem['fts5']['rss_peak'])} |"]
    ld = res.get("load")
    if ld:
        peak = max([lv["rss_peak"] for lv in ld["levels"]] + [ld.get("rss_hwm", 0)])
        w = ld.get("workers", 1)
        L += [f"| web server ({w} serving process{'es' if w != 1 else ''}): started | {_mb(ld['rss_started'])} |",
              f"| web server: at rest after a warm-up with every query (PSS, shared pages once) | "
              f"{_mb(ld['rss_rest'])} ({_mb(ld.get('pss_rest'))}) |",
              f"| web server: peak{' under load' if ld['levels'] else ''} / after | {_mb(peak)} / {_mb(ld['rss_after'])} |"]
        if "one_rest" in ld:
            L.append(f"| one serving process (the largest) by itself: at rest / peak"
                     + (f" (the master that forks them: {_mb(ld['master_rest'])})" if ld.get("master_rest") else "")
                     + f" | {_mb(ld['one_rest'])} / {_mb(ld['one_peak'])} |")
    L.append("")
    if ld and ld["levels"]:
        L += ["| endpoint | clients | requests | req/s | median ms | p95 ms | max ms | errors | load avg |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for lv in ld["levels"]:
            L.append(f"| `{lv['endpoint']}` | {lv['clients']} | {lv['requests']:,} | {lv['rps']:.1f} | "
                     f"{lv['median_ms']:.1f} | {lv['p95_ms']:.1f} | {lv['max_ms']:.0f} | {lv['errors']} | "
                     f"{_la(lv['loadavg'])} |")
        L.append("")
    return "\n".join(L).rstrip() + "\n"


# -- recording in bench/perf/CORPORA.md and bench/RESULTS.md -------------------------------

def _marker(key: str) -> tuple[str, str]:
    return f"<!-- run: {key} -->", "<!-- /run -->"


def record(block: str, key: str, corpora: Path = CORPORA, results: Path | None = None) -> None:
    """Replace (or add at the end) the block of this run in ``corpora``; copy ``corpora`` into ``results``."""
    text = corpora.read_text(encoding="utf-8") if corpora.exists() else CORPORA_HEADER
    begin, end = _marker(key)
    new = f"{begin}\n{block.rstrip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: new, text) if pattern.search(text) else text.rstrip() + "\n\n" + new + "\n"
    corpora.write_text(text, encoding="utf-8")
    if results is not None and results.exists():
        results.write_text(splice(results.read_text(encoding="utf-8"), text), encoding="utf-8")


def section(corpora: Path = CORPORA) -> str:
    """bench/perf/CORPORA.md between the markers RESULTS.md keeps it in ("" when there is none)."""
    if not corpora.exists():
        return ""
    return f"{BEGIN}\n{corpora.read_text(encoding='utf-8').rstrip()}\n{END}"


def splice(results: str, corpora_text: str) -> str:
    """RESULTS.md with its copy of CORPORA.md replaced (or put before the hand-written profiles section)."""
    block = f"{BEGIN}\n{corpora_text.rstrip()}\n{END}"
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if pattern.search(results):
        return pattern.sub(lambda _: block, results)
    anchor = "\n## Profiles and optimisations"
    if anchor in results:
        head, tail = results.split(anchor, 1)
        return f"{head.rstrip()}\n\n{block}\n{anchor}{tail}"
    return results.rstrip() + "\n\n" + block + "\n"

