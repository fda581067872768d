"""The formats the extractor reads, in one list.

Each module below declares its :class:`~.base.Format` next to its code
(``FORMAT``; ``FORMATS`` when one module reads several, as text.py does .txt
and .md). Supporting a new format is one module with its ``FORMAT`` and one
entry in :data:`MODULES`; the dispatch in the package does not change. The
order breaks ties between equal bids for content whose suffix names none of
the bidders.
"""
from __future__ import annotations

from . import doc, docx, html, pdf, rtf, text
from .base import Format

MODULES = (pdf, docx, doc, rtf, html, text)

FORMATS: tuple[Format, ...] = tuple(f for m in MODULES for f in getattr(m, "FORMATS", (m.FORMAT,)))


def by_name(name: str) -> Format | None:
    """The registered format called ``name`` (ExtractedDocument.format)."""
    return next((f for f in FORMATS if f.name == name), None)


def for_suffix(suffix: str) -> Format | None:
    """The registered format a file suffix (".pdf", lower case) declares."""
    return next((f for f in FORMATS if suffix in f.suffixes), None)
