"""Normalisation, answer matching and the aggregate measures of the QA benchmark."""
from __future__ import annotations

import math
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

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


def pct(x: float) -> str:
    return f"{100.0 * x:.1f} %"


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


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


# -- calibration of the confidence of given answers -----------------------------------------

#: Default bin edges of the reliability table: [0, .5), [.5, .6), … [.9, 1.0].
RELIABILITY_EDGES: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass
class ReliabilityBin:
    lo: float
    hi: float
    count: int                        # given answers whose confidence falls in the bin
    n_right: int                      # of those, right
    accuracy: float | None            # n_right / count; None for an empty bin
    mean_confidence: float | None     # mean confidence in the bin; None for an empty bin
    closed: bool = False              # the last bin includes hi


def _bin_index(conf: float, edges: Sequence[float]) -> int:
    """Bin of a confidence: [lo, hi) except the last, which is closed. Values below the
    first edge count in the first bin, above the last edge in the last one (a confidence
    of 1.0000000001 from float arithmetic must not fall out of the table)."""
    last = len(edges) - 2
    if conf >= edges[-1]:
        return last
    for i in range(last, -1, -1):
        if conf >= edges[i]:
            return i
    return 0


def reliability_table(pairs: Sequence[tuple[float, bool]],
                      edges: Sequence[float] = RELIABILITY_EDGES) -> list[ReliabilityBin]:
    """Reliability bins of (confidence of a GIVEN answer, was it right) pairs: per bin
    [lo, hi) (the last one closed) the count, how many were right, the observed accuracy
    and the mean confidence. Abstentions have no place here: leave them out."""
    edges = [float(e) for e in edges]
    if len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise ValueError(f"edges must be at least two strictly increasing values: {edges}")
    sums = [[0, 0, 0.0] for _ in range(len(edges) - 1)]   # count, right, sum of confidence
    for conf, right in pairs:
        c = float(conf)
        if math.isnan(c):
            raise ValueError("confidence is NaN")
        s = sums[_bin_index(c, edges)]
        s[0] += 1
        s[1] += 1 if right else 0
        s[2] += c
    out = []
    for i, (count, n_right, total) in enumerate(sums):
        out.append(ReliabilityBin(
            lo=edges[i], hi=edges[i + 1], count=count, n_right=n_right,
            accuracy=n_right / count if count else None,
            mean_confidence=total / count if count else None,
            closed=i == len(sums) - 1))
    return out


def calibration_error_of_bins(bins: Sequence[ReliabilityBin]) -> float:
    """Count-weighted mean of |accuracy - mean confidence| over the non-empty bins (0.0 for none)."""
    n = sum(b.count for b in bins)
    if not n:
        return 0.0
    return sum(b.count * abs(b.accuracy - b.mean_confidence) for b in bins if b.count) / n


def expected_calibration_error(pairs: Sequence[tuple[float, bool]],
                               edges: Sequence[float] = RELIABILITY_EDGES) -> float:
    """ECE: count-weighted |observed accuracy - mean confidence| over the reliability bins."""
    return calibration_error_of_bins(reliability_table(pairs, edges))


def precision_at(pairs: Sequence[tuple[float, bool]], threshold: float) -> tuple[float, int]:
    """Share right among the answers with confidence >= threshold, and how many there are
    (0.0, 0 when none reach it)."""
    kept = [right for conf, right in pairs if conf >= threshold]
    return (sum(1 for r in kept if r) / len(kept) if kept else 0.0), len(kept)


def format_reliability(bins: Sequence[ReliabilityBin], title: str, level: int = 3) -> str:
    """Markdown reliability table (Konfidens-intervall -> count, observed accuracy, mean
    confidence) under a heading, with the calibration error below it."""
    def num(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    out = [f"{'#' * level} {title}", "",
           "| Konfidens-intervall | Svar | Rätt | Observerad träffsäkerhet | Medelkonfidens |",
           "|---|---|---|---|---|"]
    for b in bins:
        interval = f"[{b.lo:.2f}, {b.hi:.2f}{']' if b.closed else ')'}"
        acc = "–" if b.accuracy is None else f"{100.0 * b.accuracy:.1f} %"
        out.append(f"| {interval} | {b.count} | {b.n_right} | {acc} | {num(b.mean_confidence)} |")
    n = sum(b.count for b in bins)
    right = sum(b.n_right for b in bins)
    out += ["", f"{n} answers given, {right} right; expected calibration error (count-weighted "
                f"|accuracy − mean confidence|): {calibration_error_of_bins(bins):.3f}."]
    return "\n".join(out)
