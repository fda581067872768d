"""RTF text with striprtf (pure Python), paragraphs separated by blank lines.

An RTF file gives one page: ``\\page`` marks only manual page breaks (the
layout is not in the file) and striprtf writes it like a section break.
"""
from __future__ import annotations

import re

from ..models import PageText
from .base import NO, SIGNATURE, Format
from .common import clean_line, join_paragraphs, meaningful_title
from .doc import word_date

# {\title …} and {\author …} of the \info group; striprtf skips these groups.
_INFO_RE = re.compile(r"\{\\(title|author)\s((?:[^{}\\]|\\[^{}]|\{[^{}]*\})*)\}")


def _decode(data: bytes) -> str:
    """RTF is 7-bit text with escapes for everything else; the raw 8-bit
    bytes some writers leave in are UTF-8 or, far more often, Windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _whole_characters(text: str) -> str:
    """striprtf turns each \\uN of a character outside the BMP into a lone
    surrogate; joined here, and any left alone dropped (they cannot be written
    as UTF-8)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", errors="ignore")


def extract_rtf(data: bytes) -> tuple[list[PageText], str | None, str | None, dict[str, str]]:
    from striprtf.striprtf import rtf_to_text

    source = _decode(data)
    text = _whole_characters(rtf_to_text(source, errors="replace"))
    # \par ends a line; a paragraph is a line here, as Word writes them.
    body = join_paragraphs([ln for ln in text.replace("\f", "\n").split("\n") if ln.strip()])
    metadata: dict[str, str] = {}
    head = source[:20000]  # the \info group comes before the text
    for key, value in _INFO_RE.findall(head):
        value = clean_line(_whole_characters(rtf_to_text("{\\rtf1 " + value + "}", errors="replace")))
        if value:
            metadata[f"rtf_{key}" if key == "title" else key] = value
    title = meaningful_title(metadata.get("rtf_title"))
    return [PageText(number=1, text=body)], title, word_date(body), metadata


def sniff(data: bytes, suffix: str) -> int:
    """``{\\rtf`` at the start; a PDF signature in the first KB still outbids it."""
    return SIGNATURE - 5 if data.startswith(b"{\\rtf") else NO


FORMAT = Format(name="rtf", suffixes=(".rtf",), label="RTF", sniff=sniff, extract=extract_rtf)
