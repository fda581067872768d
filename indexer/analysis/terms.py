"""Index terms of Swedish text, independent of any search engine.

``word_terms(surface)`` - the terms of one word token: its base form (lemma;
for compounds the lemma table or the compound's last part:
"näringslivsutvecklingen" -> "näringslivsutveckling"), then each compound
part ("näringsliv", "utveckling") and, for three or more parts, each run of
adjacent parts as a compound ("kompetensförsörjning", "försörjningsprocess").
Hyphenated words also yield each hyphen part ("Luleå-Boden" -> "luleå-boden",
"luleå", "boden").

``analyze_tokens(text, index, removestops)`` - the term stream of a text, one
word position per token (spaCy's Swedish tokenizer): in index mode every term
of the word at the same position, in query mode only the base form. Stop words
are dropped without using up a position, or, with ``removestops=False``,
yielded marked as stopped at the position of the next word. The Whoosh
analyzers (indexer/store/whoosh/analyzer.py) wrap it.

``fold(word)`` - lower-cased with diacritics stripped ("Luleå" -> "lulea").
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from ..folding import fold
from .compounds import base_form, compound_terms
from .lemmas import lemma
from .swedish import FUNCTION_WORDS, FUNCTION_WORDS_FINGERPRINT, tokens

# Bump when the terms produced for a text change (lexicon logic, overrides,
# function words, tokenization). Stored beside the index to trigger a rebuild.
# sv-2: finest compound split policy (tests/data/compounds_sv.tsv), proper
# names kept whole, noun readings of last parts, more lemma overrides.
# sv-4: only function words (indexer/data/function_words.txt) are left out,
# not spaCy's long stop list; the list's fingerprint follows the version.
ANALYZER_VERSION = f"sv-4-{FUNCTION_WORDS_FINGERPRINT}"

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


def analyze_tokens(text: str, index: bool, removestops: bool, no_morph: bool = False,
             tokenize: bool = True) -> Iterator[tuple[str, int, int, int, bool, str]]:
    """Yields (term, position, startchar, endchar, stopped, surface) per token: what the Whoosh
    analyzers (indexer/store/whoosh/analyzer.py) turn into Whoosh tokens."""
    if tokenize:
        toks = tokens(text)
    else:
        stripped = text.strip()
        start = text.find(stripped) if stripped else 0
        toks = [(stripped, start, start + len(stripped))] if stripped else []
    pos = 0
    for surface, s, e in toks:
        low = surface.lower()
        if low in FUNCTION_WORDS:
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

    Base forms plus compound parts and runs, function words removed.
    """
    return [t[0] for t in analyze_tokens(text, index=True, removestops=True)]


def term_positions(text: str) -> list[tuple[str, ...]]:
    """Per word position (function words skipped): (base form, *parts and runs)."""
    out: list[tuple[str, ...]] = []
    for surface, _s, _e in tokens(text):
        if surface.lower() in FUNCTION_WORDS:
            continue
        out.append(word_terms(surface))
    return out


# --- folding ---------------------------------------------------------------

# ``fold`` is defined once, in indexer/folding.py (standard library only, so the
# organisations catalogue, the query parser and models can use it without the
# analysis step); imported above and re-exported here for the analyzers.


__all__ = [
    "ANALYZER_VERSION",
    "analyze_terms",
    "analyze_tokens",
    "fold",
    "term_positions",
    "word_terms",
]
