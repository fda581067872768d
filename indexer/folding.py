"""The one diacritic folding of the project, used by the index and by every lookup.

``fold("Luleå") == "lulea"``: lower case, the letters that Unicode does not
decompose spelled out as the index spells them (æ -> ae, ø -> o, ß -> ss,
œ -> oe, đ -> d, ł -> l, þ -> th, ð -> d), then every combining mark dropped
(å -> a, ä -> a, ö -> o, é -> e). The folded index field, query expansion, the
organisations catalogue, area and document-type lookups and document ids all
fold with this function, so that a word typed without diacritics finds the same
thing everywhere. Standard library only: cheap to import from any step.
"""
from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["drop_invisible", "fold"]

# Zero-width characters, and soft hyphens (U+00AD) inside a word: "sekre\u00adtesskyddet" is
# the word "sekretesskyddet" with a place where it may break. Web pages, Word files and
# Markdown made from them carry them; a soft hyphen at a line end is left for the PDF
# extractor, which joins the word's two halves (extract/pdf.py).
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]|\u00ad(?=\S)")


def drop_invisible(text: str) -> str:
    """``text`` without zero-width characters and without soft hyphens inside words
    (document text when extracted, and what is typed or pasted into a search)."""
    return text if text.isascii() else _INVISIBLE_RE.sub("", text)

_SPECIAL_FOLDS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case and strip diacritics: "Luleå" -> "lulea", "Ørsted" -> "orsted"."""
    w = word.lower().translate(_SPECIAL_FOLDS)
    if w.isascii():
        return w
    decomposed = unicodedata.normalize("NFKD", w)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
