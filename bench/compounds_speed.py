"""Speed of the Swedish compound splitter and analyzer.

    .venv/bin/python bench/compounds_speed.py [--no-cache] [--repeat N]

Prints:
* cold load time of the lemma table and the compound lexicon (from the
  on-disk pickle cache, or parsed from the source files with --no-cache);
* split_compound() word types per second, with all caches cleared, over every
  word type in the text files of ../shared/devdata (skipped when absent), over
  30,000 real word forms sampled from the lemma table, and over a generated
  stress list of synthetic compounds;
* swedish_analyzer() tokens per second on a long Swedish text, cold and warm.

Target: at least 20,000 types/s after the lexicon is loaded.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEVDATA = Path(os.environ.get("SEARCH_DEVDATA", REPO.parent / "shared" / "devdata"))
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


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


def clear_caches() -> None:
    from indexer.analysis import compounds, swedish, whoosh_analyzer

    for fn in (
        compounds._split_pieces, compounds.compound_pieces, compounds._end, compounds.is_known_word,
        compounds.base_form, swedish.lemma, whoosh_analyzer.word_terms, whoosh_analyzer.fold,
    ):
        fn.cache_clear()


def time_split(types: list[str], repeat: int) -> float:
    from indexer.analysis import split_compound

    best = float("inf")
    for _ in range(repeat):
        clear_caches()
        t0 = time.perf_counter()
        for w in types:
            split_compound(w)
        best = min(best, time.perf_counter() - t0)
    return len(types) / best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-cache", action="store_true", help="build the lexicon from the source files")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs; the best is reported")
    args = ap.parse_args()
    if args.no_cache:
        os.environ["SEARCH_ANALYSIS_CACHE"] = "0"

    t0 = time.perf_counter()
    import spacy  # noqa: F401  (imported by the analysis package anyway)
    t_import = time.perf_counter() - t0

    from indexer.analysis import swedish_analyzer, tokens
    from indexer.analysis.compounds import hunspell_files, lexicon
    from indexer.analysis.swedish import lemma_table

    dic, _aff = hunspell_files()
    t0 = time.perf_counter()
    lemma_table()
    t_lemma = time.perf_counter() - t0
    t0 = time.perf_counter()
    lex = lexicon()
    t_lex = time.perf_counter() - t0
    source = "parsed from source" if args.no_cache else "disk cache if present"
    print(f"dictionary: {dic}")
    print(f"import spacy:           {t_import:6.2f} s")
    print(f"lemma table load:       {t_lemma:6.2f} s  ({source})")
    print(f"compound lexicon load:  {t_lex:6.2f} s  ({source}; {len(lex.link):,} link forms, {len(lex.flags):,} stems)")

    texts = devdata_texts()
    if texts:
        types = sorted({w.lower() for t in texts for w in WORD.findall(t)})
        print(f"devdata word types:     {len(types):,}  -> {time_split(types, args.repeat):,.0f} types/s")
    else:
        print(f"devdata word types:     skipped ({DEVDATA} not found)")
    vocab = vocabulary_sample()
    print(f"lemma-table word forms: {len(vocab):,}  -> {time_split(vocab, args.repeat):,.0f} types/s")
    gen = generated_types()
    print(f"generated compounds:    {len(gen):,}  -> {time_split(gen, args.repeat):,.0f} types/s  (stress case)")

    text = "\n\n".join(texts) if texts else " ".join(vocab + gen)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
