"""Memory of a serving process, and the cold load time of the Swedish lexicon.

    .venv/bin/python bench/memory.py [--index DIR] [--no-rss-breakdown]

Opens the index (``--index``, else ``SEARCH_INDEX_DIR``/``data/index`` when it
exists, else one built from ``corpus/`` into a temporary folder by a child
process with ``indexer.pipeline.build_index``, so the build does not count),
then in this process, which has loaded nothing of the analysis yet:

1. times the lemma table and the compound lexicon loading from the analysis
   cache (``SEARCH_ANALYSIS_CACHE``; the cache is filled first by a child
   process when it is empty, so the time is "cold process, warm cache");
2. creates the Flask app (``search_app.create_app``) and runs a handful of
   ``/api/search`` and ``/api/ask`` requests through the test client;
3. prints VmRSS (``/proc/self/status``) after each step, the sizes of the
   lexicon structures and of the files in the analysis cache.

Issue 13 target: a serving process <= 250 MB RSS, lexicon load <= 0.2 s.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SEARCHES = ["bygglov", "förskola", "kommunstyrelsen beslut", "detaljplan", "kollektivtrafik",
            "budget 2023", "äldreomsorg", "samhällsbyggnadsnämnden"]
QUESTIONS = ["När beslutade kommunstyrelsen om budgeten?", "Vem är ordförande i kommunstyrelsen?",
             "Hur mycket kostar förskolan?", "Vad beslutade nämnden om detaljplanen?"]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _warm_cache() -> float:
    """Fill the analysis cache in a child process; its wall time (s)."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import indexer.analysis as a; a.lemma('x'); a.split_compound('bygglov')"],
                   cwd=REPO, check=True)
    return time.perf_counter() - t


def _build_index(root: Path) -> Path:
    code = ("import sys; from pathlib import Path; from indexer.pipeline import build_index; "
            "r = Path(sys.argv[1]); build_index([Path('corpus')], r / 'index', r / 'cache', jobs=2, progress=False)")
    subprocess.run([sys.executable, "-c", code, str(root)], cwd=REPO, check=True)
    return root / "index"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=None)
    args = ap.parse_args()

    tmp = None
    index = args.index
    if index is None:
        from indexer.config import default_index_dir as index_dir
        cand = index_dir()
        if cand.exists():
            index = cand
    if index is None:
        tmp = tempfile.TemporaryDirectory(prefix="memory-bench-")
        print("building an index of corpus/ in", tmp.name, "...", flush=True)
        index = _build_index(Path(tmp.name))
    warm = _warm_cache()
    print(f"index: {index}")
    print(f"analysis cache filled/checked by a child process in {warm:.2f} s")

    rss0 = rss_mb()
    import indexer.analysis as analysis  # noqa: F401  (imports spaCy's stop words etc.)
    from indexer.analysis import compounds, swedish
    rss_import = rss_mb()
    t = time.perf_counter()
    table = swedish.lemma_table()
    t_lemma = time.perf_counter() - t
    rss_lemma = rss_mb()
    t = time.perf_counter()
    lex = compounds.lexicon()
    t_lex = time.perf_counter() - t
    rss_lex = rss_mb()
    t = time.perf_counter()
    analysis.lemma("nämnden"), analysis.split_compound("samhällsbyggnadsnämnden")
    t_first = time.perf_counter() - t

    from search_app import create_app
    app = create_app({"INDEX_DIR": str(index), "TESTING": True})
    client = app.test_client()
    rss_app = rss_mb()
    t = time.perf_counter()
    for q in SEARCHES:
        r = client.get("/api/search", query_string={"q": q})
        assert r.status_code == 200, (q, r.status_code)
    for q in QUESTIONS:
        r = client.get("/api/ask", query_string={"q": q})
        assert r.status_code == 200, (q, r.status_code)
    t_req = time.perf_counter() - t
    rss_end = rss_mb()

    print()
    print(f"lemma table load   {t_lemma:7.3f} s   ({len(table):,} forms)")
    print(f"compound lexicon   {t_lex:7.3f} s   (flags {len(lex.flags):,}, link forms {len(lex.link):,}, "
          f"compound dictionary {len(lex.compounds or ()):,}, simple {len(lex.simple):,}, "
          f"starts {len(lex.starts):,}, proper {len(lex.proper):,})")
    print(f"lexicon total      {t_lemma + t_lex:7.3f} s   (first lemma+split after it {t_first * 1000:.1f} ms)")
    print(f"{len(SEARCHES)} searches + {len(QUESTIONS)} questions {t_req:.2f} s")
    print()
    print("VmRSS (MB)")
    print(f"  start (python + bench)      {rss0:7.1f}")
    print(f"  import indexer.analysis     {rss_import:7.1f}")
    print(f"  + lemma table               {rss_lemma:7.1f}   (+{rss_lemma - rss_import:.1f})")
    print(f"  + compound lexicon          {rss_lex:7.1f}   (+{rss_lex - rss_lemma:.1f})")
    print(f"  + app created               {rss_app:7.1f}")
    print(f"  after the requests          {rss_end:7.1f}   <- serving process")
    folder = swedish.cache_dir()
    if folder is not None and folder.is_dir():
        print()
        print(f"analysis cache {folder}:")
        total = 0
        for p in sorted(folder.iterdir()):
            if p.name.startswith("sv-") and not p.name.endswith(".tmp"):
                files = [p] if p.is_file() else [f for f in p.iterdir() if f.is_file()]
                size = sum(f.stat().st_size for f in files)
                total += size
                print(f"  {size / 1e6:7.1f} MB  {p.name}")
        print(f"  {total / 1e6:7.1f} MB  total")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
