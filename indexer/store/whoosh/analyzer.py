"""Whoosh analyzers for Swedish text (the terms themselves come from indexer/analysis/terms.py).

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

import re
import sys

from whoosh.analysis import Analyzer, Token

from ...analysis.swedish import FUNCTION_WORDS
from ...analysis.terms import analyze_tokens, fold


def _filled(t: Token, text: str, pos: int, s: int, e: int, stopped: bool, surface: str, keeporiginal: bool,
            start_pos: int, start_char: int) -> Token:
    """The one Token object of an analysis, refilled for the next term (Whoosh's
    analyzers reuse it rather than allocate a token per word)."""
    t.text = text
    t.boost = 1.0
    t.stopped = stopped
    if keeporiginal:
        t.original = surface
    if t.positions:
        t.pos = start_pos + pos
    if t.chars:
        t.startchar = start_char + s
        t.endchar = start_char + e
    return t


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
        for term, pos, s, e, stopped, surface in analyze_tokens(value, index, removestops, no_morph, tokenize):
            yield _filled(t, term, pos, s, e, stopped, surface, keeporiginal, start_pos, start_char)


_FOLD_TOKEN = re.compile(r"[^\W_]+(?:[.,/:][^\W_]+)*")


class FoldingAnalyzer(Analyzer):
    """Word tokens, lower-cased and folded; function words (checked before folding) removed."""

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
            stopped = low in FUNCTION_WORDS
            if stopped and removestops:
                continue
            yield _filled(t, fold(low), pos, s, e, stopped, surface, keeporiginal, start_pos, start_char)
            if not stopped:
                pos += 1


def swedish_analyzer() -> SwedishAnalyzer:
    """Analyzer for the "text" and "title" fields (index and query time)."""
    return SwedishAnalyzer()


def folding_analyzer() -> FoldingAnalyzer:
    """Analyzer for the diacritic-insensitive fallback field."""
    return FoldingAnalyzer()


# Indexes hold these analyzers pickled (in the schema of their table of contents) under the module
# name they had when written: indexer/analysis/whoosh_analyzer.py, then indexer/store/whoosh_analyzer.py.
# Those names keep resolving to this module so such indexes still open without a rebuild
# (tests/test_analysis.py opens one). Not import paths for code.
for _old_name in ("indexer.analysis.whoosh_analyzer", "indexer.store.whoosh_analyzer"):
    sys.modules.setdefault(_old_name, sys.modules[__name__])

__all__ = [
    "FoldingAnalyzer",
    "SwedishAnalyzer",
    "folding_analyzer",
    "swedish_analyzer",
]
