"""Whoosh analyzers for Swedish text.

``swedish_analyzer()`` - for the "text" and "title" fields, at index and query
time. Per word token (spaCy's Swedish tokenizer):

* index mode (``mode="index"`` or anything but "query"): the word's base form
  (lemma; for compounds the lemma table or the compound's last part:
  "näringslivsutvecklingen" -> "näringslivsutveckling"), then at the SAME
  position and with the same start/end chars: each compound part
  ("näringsliv", "utveckling") and, for three or more parts, each run of
  adjacent parts as a compound ("kompetensförsörjning",
  "försörjningsprocess"). Hyphenated words also yield each hyphen part
  ("Luleå-Boden" -> "luleå-boden", "luleå", "boden").
* query mode: only the base form, one token per word, so phrase queries
  keep one word per position and a query word must match a whole word or a
  compound part/run in the text ("bostäder" -> "bostad" matches
  "bostadsbyggande"; "kompetensförsörjning" matches
  "kompetensförsörjningsprocess").

Surface forms are not emitted: a query would have to match both surface and
lemma (Whoosh ANDs the tokens of one query word). Exact-form ranking comes
from the folded field instead (``folding_analyzer()``, which indexes the
surface forms) when both fields are searched.

Stop words are dropped without using up a position, at index and at query
time alike, so "leva och bo" is the phrase [leva, bo] on both sides.
With ``removestops=False`` (what whoosh.highlight passes) they are yielded,
marked ``stopped``, at the position of the next word.

``folding_analyzer()`` - simple word tokens, lower-cased and folded (å->a,
ä->a, ö->o, é->e ...), no lemmas: "Lulea" matches "Luleå", "bostader" matches
"bostäder". Meant for a secondary, lower-boosted field.

Both analyzers hold no state (no spaCy objects): they pickle as a class
reference, and the language data is loaded lazily once per process.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator

from whoosh.analysis import Analyzer, Token

from .compounds import base_form, compound_terms
from .swedish import STOP_WORDS, lemma, tokens

# Bump when the terms produced for a text change (lexicon logic, overrides,
# stop words, tokenization). Stored beside the index to trigger a rebuild.
# sv-2: finest compound split policy (tests/data/compounds_sv.tsv), proper
# names kept whole, noun readings of last parts, more lemma overrides.
ANALYZER_VERSION = "sv-3"

_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=500_000)
def word_terms(surface: str) -> tuple[str, ...]:
    """Index terms of one word token: (base form, *compound parts and runs)."""
    w = surface.lower()
    if not _LETTER.search(w):
        return (w,)  # numbers, "2022/0456", "§"
    if "-" in w and not w.startswith("-"):
        segs = [s for s in w.split("-") if s]
        if not segs:
            return (w,)
        if len(segs) == 1:  # "barn-" in "barn- och utbildningsnämnden"
            return word_terms(segs[0])
        known = lemma(w)
        main = known if known != w else "-".join(segs[:-1] + [base_form(segs[-1])])
        out = [main]
        for seg in segs:
            if len(seg) < 2 or not _LETTER.search(seg):
                continue
            for t in word_terms(seg):
                if t not in out:
                    out.append(t)
        return tuple(out)
    if not w.isalpha():
        return (lemma(w),)  # "t.ex.", "bl.a."
    main = base_form(w)
    extra = tuple(t for t in compound_terms(w) if t != main)
    return (main,) + extra


def _analyze(text: str, index: bool, removestops: bool, no_morph: bool = False,
             tokenize: bool = True) -> Iterator[tuple[str, int, int, int, bool, str]]:
    """Yields (term, position, startchar, endchar, stopped, surface)."""
    if tokenize:
        toks = tokens(text)
    else:
        stripped = text.strip()
        start = text.find(stripped) if stripped else 0
        toks = [(stripped, start, start + len(stripped))] if stripped else []
    pos = 0
    for surface, s, e in toks:
        low = surface.lower()
        if low in STOP_WORDS:
            if not removestops:
                yield low, pos, s, e, True, surface
            continue
        if no_morph:
            yield low, pos, s, e, False, surface
        else:
            terms = word_terms(surface)
            yield terms[0], pos, s, e, False, surface
            if index:
                for t in terms[1:]:
                    yield t, pos, s, e, False, surface
        pos += 1


def analyze_terms(text: str) -> list[str]:
    """The index terms of ``text`` (what swedish_analyzer() indexes), in order.

    Base forms plus compound parts and runs, stop words removed.
    """
    return [t[0] for t in _analyze(text, index=True, removestops=True)]


def term_positions(text: str) -> list[tuple[str, ...]]:
    """Per word position (stop words skipped): (base form, *parts and runs)."""
    out: list[tuple[str, ...]] = []
    for surface, _s, _e in tokens(text):
        if surface.lower() in STOP_WORDS:
            continue
        out.append(word_terms(surface))
    return out


class SwedishAnalyzer(Analyzer):
    """Lemmas + compound parts for Swedish; see the module docstring."""

    is_morph = True

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        assert isinstance(value, str), "%r is not unicode" % value
        no_morph = bool(kwargs.pop("no_morph", False))
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        index = mode != "query"
        for term, pos, s, e, stopped, surface in _analyze(value, index, removestops, no_morph, tokenize):
            t.text = term
            t.boost = 1.0
            t.stopped = stopped
            if keeporiginal:
                t.original = surface
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + s
                t.endchar = start_char + e
            yield t


# --- folding ---------------------------------------------------------------

_SPECIAL_FOLDS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case and strip diacritics: "Luleå" -> "lulea", "Ørsted" -> "orsted"."""
    w = word.lower().translate(_SPECIAL_FOLDS)
    if w.isascii():
        return w
    decomposed = unicodedata.normalize("NFKD", w)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLD_TOKEN = re.compile(r"[^\W_]+(?:[.,/:][^\W_]+)*")


class FoldingAnalyzer(Analyzer):
    """Word tokens, lower-cased and folded; stop words (checked before folding) removed."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        assert isinstance(value, str), "%r is not unicode" % value
        kwargs.pop("no_morph", None)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if tokenize:
            matches = ((m.group(), m.start(), m.end()) for m in _FOLD_TOKEN.finditer(value))
        else:
            matches = iter([(value, 0, len(value))])
        pos = 0
        for surface, s, e in matches:
            low = surface.lower()
            stopped = low in STOP_WORDS
            if stopped and removestops:
                continue
            t.text = fold(low)
            t.boost = 1.0
            t.stopped = stopped
            if keeporiginal:
                t.original = surface
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + s
                t.endchar = start_char + e
            yield t
            if not stopped:
                pos += 1


def swedish_analyzer() -> SwedishAnalyzer:
    """Analyzer for the "text" and "title" fields (index and query time)."""
    return SwedishAnalyzer()


def folding_analyzer() -> FoldingAnalyzer:
    """Analyzer for the diacritic-insensitive fallback field."""
    return FoldingAnalyzer()


__all__ = [
    "ANALYZER_VERSION",
    "FoldingAnalyzer",
    "SwedishAnalyzer",
    "analyze_terms",
    "fold",
    "folding_analyzer",
    "swedish_analyzer",
    "term_positions",
    "word_terms",
]
