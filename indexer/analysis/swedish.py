"""spaCy's Swedish: word tokens, sentences and stop words.

Loaded lazily, once per process, and held in module-level caches, so objects
that use these functions (the Whoosh analyzers) stay picklable and cheap to
create.

* ``tokens`` and ``sentences`` use the tokenizer and the rule-based
  ``sentencizer`` of ``spacy.blank("sv")`` (no trained model is needed or used).
* ``FUNCTION_WORDS`` (indexer/data/function_words.txt, editable) are the
  words matching leaves out: the index holds no term for them and a search
  does not require them. A short list of closed-class words (och, att, i,
  en, som ...).
* ``is_stopword`` uses ``spacy.lang.sv.stop_words.STOP_WORDS`` minus a few
  words that carry meaning in council records (see ``KEPT_STOP_WORDS``): the
  longer list, for the question answering's word overlap, where common
  content words ("tidigare", "ligger", "stora") only add noise.

Lemmas are in lemmas.py, the compound splitter in compounds.py.
"""
from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path

from spacy.lang.sv.stop_words import STOP_WORDS as SPACY_STOP_WORDS

# Importers from before the lemma table and the word stores had modules of
# their own read them here (bench/compounds_speed.py, bench/memory.py,
# tests/test_settings.py).
from .lemmas import lemma_table, lemma_values
from .wordstore import cache_dir

# spaCy's Swedish list contains "beslut", "beslutat" and "beslutit". In council
# minutes the decision is the most important thing there is ("Beslut",
# "kommunstyrelsen beslutar ..."), so those stay searchable.
KEPT_STOP_WORDS = frozenset({"beslut", "beslutat", "beslutit"})
STOP_WORDS: frozenset[str] = frozenset(w.lower() for w in SPACY_STOP_WORDS) - KEPT_STOP_WORDS

FUNCTION_WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "function_words.txt"


def read_function_words(path: Path = FUNCTION_WORDS_FILE) -> frozenset[str]:
    """The words of a function-word file (one per line, '#' comments)."""
    out = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if len(word.split()) != 1:
            raise ValueError(f"{path}:{lineno}: one word per line, got {word!r}")
        out.add(word.lower())
    return frozenset(out)


# Read at import: the analyzers (index and query time) must agree on it, and
# its fingerprint is part of ANALYZER_VERSION (terms.py), so an edit rebuilds.
FUNCTION_WORDS: frozenset[str] = read_function_words()
FUNCTION_WORDS_FINGERPRINT = hashlib.sha1("\n".join(sorted(FUNCTION_WORDS)).encode()).hexdigest()[:8]

_lock = threading.RLock()
_nlp = None


def nlp():
    """The shared ``spacy.blank("sv")`` pipeline with a sentencizer."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                n = spacy.blank("sv")
                n.add_pipe("sentencizer")
                _nlp = n
    return _nlp


# Tokens that are kept although spaCy flags them as punctuation.
KEPT_SYMBOLS = frozenset({"§"})


def _is_word(text: str) -> bool:
    if text in KEPT_SYMBOLS:
        return True
    for ch in text:
        if ch.isalnum():
            return True
    return False


#: Recently tokenised texts. The ingester tokenises the same text several
#: times (area tagging, then each analysed field; a document's title once per
#: passage), and spaCy's tokenizer is the largest part of the analysis.
_TOKEN_MEMO: dict[str, list[tuple[str, int, int]]] = {}
_TOKEN_MEMO_SIZE = 4096


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` as (text, start char, end char), punctuation excluded.

    Numbers and tokens such as "2022/0456", "t.ex.", "e-tjänster" and "§" are kept.
    The list may be shared with other callers: do not modify it.
    """
    if not text:
        return []
    out = _TOKEN_MEMO.get(text)
    if out is not None:
        return out
    doc = nlp().tokenizer(text)
    out = []
    for t in doc:
        s = t.text
        if _is_word(s):
            i = t.idx
            out.append((s, i, i + len(s)))
    if len(_TOKEN_MEMO) >= _TOKEN_MEMO_SIZE:
        _TOKEN_MEMO.clear()
    _TOKEN_MEMO[text] = out
    return out


# Abbreviations after which a full stop rarely ends a sentence.
_ABBREVIATIONS = frozenset(
    """ca cirka kl t.ex t.o.m fr.o.m bl.a m.fl m.m d.v.s dvs resp jfr enl
    s.k p.g.a pga inkl exkl o.d osv fig nr dnr tel st mfl mm tex ang angående
    kap sid s f.d fd e.d dr prof""".split()
)
_BULLET_LINE = re.compile(r"\n[ \t]*(?:[•▪◦●‣∙*·]|[-–—](?=\s)|\d{1,2}[.)](?=\s))")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _spacy_sentences(text: str, offset: int) -> list[tuple[int, int]]:
    n = nlp()
    doc = n.tokenizer(text)
    doc = n.get_pipe("sentencizer")(doc)
    spans = []
    for s in doc.sents:
        spans.append((offset + s.start_char, offset + s.end_char))
    return spans


def _merge_abbreviation_splits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Re-join sentences the sentencizer split after an abbreviation ("ca.", "kl.")."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            pstart, pend = merged[-1]
            prev = text[pstart:pend].rstrip()
            nxt = text[start:end].lstrip()
            last_word = prev.rsplit(None, 1)[-1].lower() if prev.split() else ""
            if (
                prev.endswith(".")
                and nxt[:1]
                and (nxt[:1].islower() or last_word.rstrip(".") in _ABBREVIATIONS and not nxt[:1].isupper())
            ):
                merged[-1] = (pstart, end)
                continue
        merged.append((start, end))
    return merged


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``.

    Blocks separated by a blank line, and bullet lines, are never joined; inside
    a block spaCy's sentencizer decides, and a split right after an abbreviation
    ("ca.", "kl.", "t.ex.") followed by a lower-case word is undone.
    Spans exclude surrounding whitespace.
    """
    if not text or not text.strip():
        return []
    # Hard boundaries: blank lines and lines starting with a bullet.
    cuts = {0, len(text)}
    for m in _PARAGRAPH.finditer(text):
        cuts.add(m.start())
    for m in _BULLET_LINE.finditer(text):
        cuts.add(m.start() + 1)
    bounds = sorted(cuts)
    out: list[tuple[int, int]] = []
    for a, b in zip(bounds, bounds[1:]):
        block = text[a:b]
        if not block.strip():
            continue
        spans = _merge_abbreviation_splits(text, _spacy_sentences(block, a))
        for s, e in spans:
            seg = text[s:e]
            ls = len(seg) - len(seg.lstrip())
            rs = len(seg) - len(seg.rstrip())
            if e - rs > s + ls:
                out.append((s + ls, e - rs))
    return out


def is_stopword(word: str) -> bool:
    """True for Swedish stop words (spaCy's list, lower-cased, minus KEPT_STOP_WORDS)."""
    return word.lower() in STOP_WORDS


__all__ = [
    "FUNCTION_WORDS",
    "FUNCTION_WORDS_FINGERPRINT",
    "STOP_WORDS",
    "KEPT_STOP_WORDS",
    "cache_dir",
    "is_stopword",
    "lemma_table",
    "lemma_values",
    "nlp",
    "sentences",
    "tokens",
]
