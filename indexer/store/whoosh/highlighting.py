"""Which words of a text a Whoosh query marks (the snippets themselves: search/snippets.py).

Whoosh's fragmenters drop marks at fragment edges when several tokens share a
position (a compound and its parts do), so spans are found here directly from
the analyzer's character offsets and the snippet window is chosen by hand.
"""
from __future__ import annotations

import functools
import sys
from array import array

from whoosh.analysis import Analyzer

from ...search.snippets import merge

#: Texts whose analysis TermTokens keeps (a passage costs about 2 KB).
TOKEN_CACHE_TEXTS = 4096


def term_spans(text: str, terms: set[str], analyzer: Analyzer) -> list[tuple[int, int]]:
    """Merged (start, end) character spans of the words whose index terms meet the query."""
    if not terms:
        return []
    return merge([(t.startchar, t.endchar)
                  for t in analyzer(text, chars=True, mode="index", removestops=False)
                  if t.text in terms and not getattr(t, "stopped", False)])


class TermTokens:
    """``term_spans`` with the analysis of recently highlighted texts kept.

    The Swedish analyzer tokenises with spaCy (about half a millisecond for a
    passage, a quarter of a warm search's time for ten snippets), and the same
    passages are highlighted again and again: the hits of common searches, the
    paragraphs of a document page. Kept per text, compactly: the index terms
    (interned) and their character offsets; least recently used texts go first.
    """

    def __init__(self, analyzer: Analyzer, maxsize: int = TOKEN_CACHE_TEXTS):
        self.analyzer = analyzer
        self._tokens = functools.lru_cache(maxsize=maxsize)(self._analyse)

    def _analyse(self, text: str) -> tuple[tuple[str, ...], array]:
        terms: list[str] = []
        offsets = array("q")
        for t in self.analyzer(text, chars=True, mode="index", removestops=False):
            if not getattr(t, "stopped", False):
                terms.append(sys.intern(t.text))
                offsets.append(t.startchar)
                offsets.append(t.endchar)
        return tuple(terms), offsets

    def spans(self, text: str, terms: set[str]) -> list[tuple[int, int]]:
        """The same as ``term_spans(text, terms, self.analyzer)``."""
        if not terms:
            return []
        words, offsets = self._tokens(text)
        return merge([(offsets[2 * i], offsets[2 * i + 1]) for i, w in enumerate(words) if w in terms])
