"""Speed of the Swedish compound splitter and analyzer.

    .venv/bin/python bench/compounds_speed.py [--no-cache] [--repeat N] [--stress] [--texts DIR]

Prints:
* cold load time of the lemma table and the compound lexicon (from the
  word stores in the analysis cache, or built from the source files with
  --no-cache), and
  the time of the first split (lazy set-up);
* split_compound() word types per second, with every per-word cache cleared
  before each timing pass (a short list is passed over several times per
  sample, so that a sample lasts at least MIN_SAMPLE = 0.1 s), over
  - every word type in the text files of ../shared/devdata (skipped when
    absent),
  - 30,000 real word forms sampled from the lemma table,
  - the annotated test list tests/data/compounds_sv.tsv (long compounds);
  each list is timed --repeat times; the median is reported (best and CPU
  time in brackets);
* lemma() lookups per second over the same 30,000 word forms, caches cleared;
* with --stress, a generated list of synthetic compounds (informational);
* with --texts DIR, the word types of up to --texts-files files of DIR, and
  those of 14 letters or more on their own: text that no change was tuned
  on (for example a folder of real documents);
* swedish_analyzer() tokens per second on a long Swedish text, cold and warm.

Target: at least 20,000 types/s on each of the three lists after the lexicon
is loaded. The machine may be shared: run the script a few times and take the
median.

"Cold" means the splitter's caches (functools.lru_cache on per-word functions
in indexer.analysis) are empty. The compound lexicon itself is loaded once:
it holds the link forms and, computed when the lexicon is built, the split of
every dictionary word that can be a compound part (the "compound
dictionary"); that is part of the lexicon, not a cache of the words timed.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEVDATA = Path(os.environ.get("SEARCH_DEVDATA", REPO.parent / "shared" / "devdata"))
TEST_LIST = REPO / "tests" / "data" / "compounds_sv.tsv"
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
TARGET = 20_000


def devdata_texts() -> list[str]:
    if not DEVDATA.is_dir():
        return []
    out = []
    for p in sorted(DEVDATA.rglob("*")):
        if p.is_file() and p.suffix.lower() in {".txt", ".md", ".json", ".jsonl", ".tsv"}:
            out.append(p.read_text(encoding="utf-8", errors="replace"))
    return out


def vocabulary_sample(n: int = 30000, seed: int = 7) -> list[str]:
    """A random sample of real Swedish word forms (keys of spaCy's lemma table)."""
    from indexer.analysis.swedish import lemma_table

    words = sorted(w for w in lemma_table() if w.isalpha())
    return sorted(random.Random(seed).sample(words, min(n, len(words))))


def test_list_words() -> list[str]:
    """The words of the annotated compound list (first column)."""
    out = []
    for line in TEST_LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t", 1)[0])
    return out


def generated_types(n: int = 30000, seed: int = 7) -> list[str]:
    """Simple words and two/three-part compounds built from the lexicon
    (harder than real text: 60 % are long, often odd, compounds)."""
    from indexer.analysis.compounds import lexicon
    from indexer.analysis.swedish import lemma_values

    lex = lexicon()
    rnd = random.Random(seed)
    firsts = sorted(f for f, (_b, s) in lex.link.items() if s == 2 and 4 <= len(f) <= 10)
    ends = sorted(w for w in lemma_values() if w in lex.flags and "Y" in lex.flags[w] and 4 <= len(w) <= 10)
    suffixes = ["", "", "en", "et", "ar", "er", "arna", "s"]
    out: set[str] = set()
    while len(out) < n:
        r = rnd.random()
        if r < 0.4:
            out.add(rnd.choice(ends))
        elif r < 0.85:
            out.add(rnd.choice(firsts) + rnd.choice(ends) + rnd.choice(suffixes))
        else:
            out.add(rnd.choice(firsts) + rnd.choice(firsts) + rnd.choice(ends))
    return sorted(out)


LONG = 14  # letters: the long words of --texts, timed on their own


def text_folder_types(folder: Path, n_files: int, seed: int = 11) -> list[str]:
    """The lower-cased word types of up to ``n_files`` .md/.txt files under
    ``folder`` (a random sample with a fixed seed when there are more)."""
    if not folder.is_dir():
        raise SystemExit(f"--texts: {folder} is not a folder")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in {".md", ".txt"})
    if not files:
        raise SystemExit(f"--texts: no .md or .txt files under {folder}")
    random.Random(seed).shuffle(files)
    out: set[str] = set()
    for p in files[:n_files]:
        out.update(w.lower() for w in WORD.findall(p.read_text(encoding="utf-8", errors="replace")))
    return sorted(out)


def word_caches() -> list:
    """Every per-word functools cache of the analysis package (one-entry
    caches, which hold loaded files, are left alone)."""
    import importlib
    import pkgutil

    import indexer.analysis as package

    # Every module of the package: a cache in a module added later is cleared too.
    modules = [importlib.import_module(f"{package.__name__}.{m.name}") for m in pkgutil.iter_modules(package.__path__)]
    out = []
    for mod in modules:
        for name in sorted(vars(mod)):
            fn = getattr(mod, name)
            if callable(fn) and hasattr(fn, "cache_clear") and hasattr(fn, "cache_info"):
                if getattr(fn, "__module__", None) == mod.__name__ and fn.cache_info().maxsize != 1:
                    out.append(fn)
    return out


def clear_caches() -> None:
    for fn in word_caches():
        fn.cache_clear()


#: one timing sample lasts at least this long (s): a pass over the 659-word test
#: list takes ~11 ms, so one pass per sample varied by +-10 % between runs
MIN_SAMPLE = 0.1


def time_split(types: list[str], repeat: int) -> tuple[float, float, float]:
    """(median, best, median CPU) types/s over ``repeat`` samples; a sample is
    one pass, or as many as last ``MIN_SAMPLE`` s, each with the caches
    cleared before it (the clearing is not timed)."""
    from indexer.analysis import split_compound

    wall, cpu = [], []
    for _ in range(repeat):
        passes, w_sum, c_sum = 0, 0.0, 0.0
        while passes == 0 or w_sum < MIN_SAMPLE:
            clear_caches()
            t0, c0 = time.perf_counter(), time.process_time()
            for w in types:
                split_compound(w)
            w_sum += time.perf_counter() - t0
            c_sum += time.process_time() - c0
            passes += 1
        wall.append(w_sum / passes)
        cpu.append(c_sum / passes)
    n = len(types)
    return n / statistics.median(wall), n / min(wall), n / statistics.median(cpu)


def time_lemma(words: list[str], repeat: int) -> tuple[float, float]:
    """(median, best) lemma() lookups/s over ``repeat`` passes, caches cleared before each."""
    from indexer.analysis import lemma

    wall = []
    for _ in range(repeat):
        clear_caches()
        t0 = time.perf_counter()
        for w in words:
            lemma(w)
        wall.append(time.perf_counter() - t0)
    return len(words) / statistics.median(wall), len(words) / min(wall)


def report(label: str, types: list[str], repeat: int, results: dict) -> None:
    med, best, cpu = time_split(types, repeat)
    results[label] = med
    flag = "ok" if med >= TARGET else "BELOW TARGET"
    print(f"{label:24}{len(types):7,}  -> {med:8,.0f} types/s  (best {best:,.0f}, CPU {cpu:,.0f})  {flag}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-cache", action="store_true", help="build the lexicon from the source files")
    ap.add_argument("--repeat", type=int, default=5, help="timing passes per list; the median is reported")
    ap.add_argument("--stress", action="store_true", help="also time a generated list of synthetic compounds")
    ap.add_argument("--texts", type=Path, metavar="DIR",
                    help="also time the word types of text files in DIR (.md/.txt; text not used for tuning)")
    ap.add_argument("--texts-files", type=int, default=300, metavar="N",
                    help="with --texts: at most N files, drawn at random with a fixed seed (default 300)")
    args = ap.parse_args()
    if args.no_cache:
        os.environ["SEARCH_ANALYSIS_CACHE"] = "0"

    t0 = time.perf_counter()
    import spacy  # noqa: F401  (imported by the analysis package anyway)
    t_import = time.perf_counter() - t0

    from indexer.analysis import split_compound, tokens
    from indexer.store.whoosh.analyzer import swedish_analyzer
    from indexer.analysis.compounds import hunspell_files, lexicon
    from indexer.analysis.swedish import lemma_table

    dic, _aff = hunspell_files()
    t0 = time.perf_counter()
    lemma_table()
    t_lemma = time.perf_counter() - t0
    t0 = time.perf_counter()
    lex = lexicon()
    t_lex = time.perf_counter() - t0
    t0 = time.perf_counter()
    split_compound("kollektivtrafikförsörjningen")
    t_first = time.perf_counter() - t0
    source = "built from source" if args.no_cache else "disk cache if present"
    print(f"dictionary: {dic}")
    print(f"import spacy:           {t_import:6.2f} s")
    print(f"lemma table load:       {t_lemma:6.2f} s  ({source})")
    print(f"compound lexicon load:  {t_lex:6.2f} s  ({source}; {len(lex.link):,} link forms, "
          f"{len(lex.flags):,} stems, {len(lex.compounds or {}):,} dictionary compounds)")
    print(f"first split:            {t_first * 1000:6.1f} ms")
    print(f"per-word caches cleared before each pass: {len(word_caches())}; {args.repeat} passes per list")

    results: dict[str, float] = {}
    texts = devdata_texts()
    if texts:
        types = sorted({w.lower() for t in texts for w in WORD.findall(t)})
        report("devdata word types", types, args.repeat, results)
    else:
        print(f"devdata word types:     skipped ({DEVDATA} not found)")
    vocab = vocabulary_sample()
    report("lemma-table word forms", vocab, args.repeat, results)
    report("compound test list", test_list_words(), args.repeat, results)
    med, best = time_lemma(vocab, args.repeat)
    print(f"{'lemma() word forms':24}{len(vocab):7,}  -> {med:8,.0f} lookups/s (best {best:,.0f}), cold caches")
    if args.stress:
        report("generated (stress)", generated_types(), args.repeat, {})
    if args.texts:
        types = text_folder_types(args.texts, args.texts_files)
        report("--texts word types", types, args.repeat, {})
        report("--texts types >= 14 chars", [w for w in types if len(w) >= LONG], args.repeat, {})

    text = "\n\n".join(texts) if texts else " ".join(vocab)
    if len(text) > 2_000_000:
        text = text[:2_000_000]
    analyzer = swedish_analyzer()
    n_words = len(tokens(text))
    t0 = time.perf_counter()
    tokens(text)
    t_tok = time.perf_counter() - t0
    clear_caches()
    t0 = time.perf_counter()
    emitted = sum(1 for _ in analyzer(text, positions=True, chars=True, mode="index"))
    t_cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    sum(1 for _ in analyzer(text, positions=True, chars=True, mode="index"))
    t_warm = time.perf_counter() - t0
    print(f"analyzer text:          {len(text):,} chars, {n_words:,} word tokens, {emitted:,} terms emitted")
    print(f"spaCy tokenizer alone:  {n_words / t_tok:,.0f} tokens/s")
    print(f"analyzer, cold caches:  {n_words / t_cold:,.0f} tokens/s")
    print(f"analyzer, warm caches:  {n_words / t_warm:,.0f} tokens/s")
    low = [k for k, v in results.items() if v < TARGET]
    print(f"target {TARGET:,} types/s: " + ("met" if not low else "NOT met for " + ", ".join(low)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
