"""Snippets and highlighted text as safe HTML, from marked character spans
(which words to mark is the engine's: it knows its analysis)."""
from __future__ import annotations

from html import escape
from typing import Iterable

SNIPPET_CHARS = 320


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
