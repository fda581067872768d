"""Query-term highlighting and snippets as safe HTML.

Whoosh's fragmenters drop marks at fragment edges when several tokens share a
position (a compound and its parts do), so spans are found here directly from
the analyzer's character offsets and the snippet window is chosen by hand.
"""
from __future__ import annotations

import functools
import sys
from array import array
from html import escape
from typing import Iterable

from whoosh.analysis import Analyzer

SNIPPET_CHARS = 320
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


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def render(text: str, spans: Iterable[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s], quote=False))
        out.append(f'<mark class="traff">{escape(text[s:e], quote=False)}</mark>')
        pos = e
    out.append(escape(text[pos:end], quote=False))
    return "".join(out)


def snippet(text: str, spans: list[tuple[int, int]], max_chars: int = SNIPPET_CHARS) -> str:
    """The window of at most max_chars with the most marked words, cut at word boundaries."""
    if len(text) <= max_chars:
        return render(text, spans)
    if not spans:
        cut = text.rfind(" ", 0, max_chars)
        return escape(text[: cut if cut > 0 else max_chars], quote=False) + " …"
    best_start, best_count = 0, -1
    for s, _e in spans:
        start = max(0, s - 60)
        count = sum(1 for a, b in spans if a >= start and b <= start + max_chars)
        if count > best_count:
            best_start, best_count = start, count
    start = best_start
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] + max_chars else start
    end = min(len(text), start + max_chars)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start > 0 else "") + render(text, spans, start, end) + (" …" if end < len(text) else "")
