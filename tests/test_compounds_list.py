"""Accuracy of the compound splitter on the annotated list tests/data/compounds_sv.tsv.

The list (format and splitting policy in its header) holds Swedish compounds
from the corpus, the devdata texts and general municipal vocabulary with their
expected parts, and words that must not be split.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.analysis import split_compound

LIST_FILE = Path(__file__).resolve().parent / "data" / "compounds_sv.tsv"
SOURCES = {"corpus", "devdata", "municipal"}

MIN_ACCURACY = 0.90
# Words that must stay whole: a wrong split there adds false part matches to
# every search for the part (a query "stad" hitting "bostad"), so the bar is
# all of them.
MIN_NOT_SPLIT_ACCURACY = 1.0


def load_list(path: Path = LIST_FILE) -> list[tuple[str, list[str], str]]:
    """(word, expected parts or [] for "-", source) per entry."""
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == 3, f"{path.name}:{lineno}: expected 3 TAB-separated columns: {line!r}"
        word, expected, source = cols
        assert source in SOURCES, f"{path.name}:{lineno}: unknown source {source!r}"
        assert word == word.lower() and word.isalpha(), f"{path.name}:{lineno}: {word!r}"
        parts = [] if expected == "-" else expected.split("+")
        assert expected == "-" or len(parts) >= 2, f"{path.name}:{lineno}: {expected!r}"
        out.append((word, parts, source))
    return out


ENTRIES = load_list()


def _misses(entries):
    misses = []
    for word, parts, _source in entries:
        got = split_compound(word)
        if got != parts:
            misses.append((word, parts, got))
    return misses


def _report(title, entries, misses):
    lines = [f"{title}: {len(entries) - len(misses)}/{len(entries)} exact"]
    for word, parts, got in misses:
        want = "+".join(parts) or "-"
        lines.append(f"  MISS {word}: expected {want}, got {'+'.join(got) or '-'}")
    print("\n".join(lines))


def test_list_format_and_coverage():
    text = LIST_FILE.read_text(encoding="utf-8")
    assert text.startswith("#") and "source" in text.split("\n", 1)[0] + text[:2000]
    words = [w for w, _p, _s in ENTRIES]
    assert len(words) == len(set(words)), "duplicate words"
    assert len(ENTRIES) >= 300
    assert sum(1 for _w, p, _s in ENTRIES if not p) >= 40
    assert sum(1 for _w, p, _s in ENTRIES if len(p) >= 3) >= 40
    assert {s for _w, _p, s in ENTRIES} == SOURCES


def test_compound_list_accuracy():
    misses = _misses(ENTRIES)
    _report("all entries", ENTRIES, misses)
    accuracy = 1 - len(misses) / len(ENTRIES)
    print(f"accuracy: {accuracy:.3f}")
    assert accuracy >= MIN_ACCURACY, f"accuracy {accuracy:.3f} < {MIN_ACCURACY}"


def test_must_not_split_words_stay_whole():
    whole = [e for e in ENTRIES if not e[1]]
    misses = _misses(whole)
    _report("must-not-split", whole, misses)
    accuracy = 1 - len(misses) / len(whole)
    assert accuracy >= MIN_NOT_SPLIT_ACCURACY, [m[0] for m in misses]


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_accuracy_per_source(source):
    entries = [e for e in ENTRIES if e[2] == source]
    misses = _misses(entries)
    _report(f"source={source}", entries, misses)
    assert 1 - len(misses) / len(entries) >= MIN_ACCURACY


def test_compound_dictionary_agrees_with_search(monkeypatch):
    """The lexicon's precomputed splits of dictionary words (used for speed)
    give what the search gives without them."""
    from indexer.analysis import compounds

    lex = compounds.lexicon()
    words = [w for w, _p, _s in ENTRIES]
    words += ["kollektivtrafik", "samhällsbyggnad", "arbetsmarknad", "högskola", "stadsdel", "bostad", "kommun"]
    with_dict = {w: split_compound(w) for w in words}
    monkeypatch.setattr(lex, "compounds", {})
    monkeypatch.setattr(lex, "simple", frozenset())
    compounds._clear_caches()
    try:
        without = {w: split_compound(w) for w in words}
    finally:
        monkeypatch.undo()
        compounds._clear_caches()
    assert with_dict == without
