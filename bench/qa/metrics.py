"""Normalisation, answer matching and the aggregate measures of the QA benchmark."""
from __future__ import annotations

import math
import re
import string
import unicodedata
from collections.abc import Sequence

# Dashes and quotes that differ between extractors and hand-typed gold strings.
_TRANSLATE = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ad": None,
})
_PUNCT = set(string.punctuation) | {"–", "—", "…", "«", "»", "”", "“", "’", "‘", "•"}


def normalize_ws(text: str) -> str:
    """NFC, every run of whitespace (incl. no-break and thin spaces) -> one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_TRANSLATE).split())


def normalize(text: str) -> str:
    """Answer normalisation for the corpus questions: whitespace-normalised and lowercased."""
    return normalize_ws(text).lower()


def normalize_loose(text: str) -> str:
    """SweQUAD normalisation: lowercase, punctuation stripped, whitespace collapsed."""
    t = normalize(text)
    t = "".join(" " if ch in _PUNCT else ch for ch in t)
    return " ".join(t.split())


def contains_answer(returned: str | None, golds: Sequence[str]) -> bool:
    """True when the returned answer contains one of the gold answer strings (normalised)."""
    if not returned:
        return False
    r = normalize(returned)
    return any(normalize(g) in r for g in golds if g.strip())


def contains_choice(returned: str | None, choice: str) -> bool:
    """SweQUAD: the returned answer contains the correct choice's text (loose normalisation)."""
    if not returned:
        return False
    c = normalize_loose(choice)
    return bool(c) and c in normalize_loose(returned)


def sentence_in_text(sentence: str, text: str) -> bool:
    return normalize_ws(sentence) in normalize_ws(text)


def share(flags: Sequence[bool]) -> float:
    return sum(1 for f in flags if f) / len(flags) if flags else 0.0


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100) of the values; 0.0 for none."""
    if not values:
        return 0.0
    xs = sorted(values)
    if len(xs) == 1:
        return float(xs[0])
    pos = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50.0)
