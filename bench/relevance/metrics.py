"""Ranking metrics over document rankings and graded judgments.

A ranking is a list of document keys (best first); judgments map a key to a
grade (0 not relevant, 1 partly, 2 highly); keys missing from the judgments
count as grade 0.
"""
from __future__ import annotations

import math
from typing import Mapping, Sequence

RELEVANT = 1  # a grade >= RELEVANT counts as relevant for MRR and recall


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain of gains at ranks 1, 2, …"""
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def gain(grade: int) -> float:
    return float(2 ** grade - 1)


def ndcg_at_k(ranking: Sequence[str], judgments: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with graded gains 2^g - 1. The ideal ranking orders all judged
    documents by grade. A query without any relevant document scores 0."""
    ideal = dcg([gain(g) for g in sorted(judgments.values(), reverse=True)[:k]])
    if ideal <= 0:
        return 0.0
    got = dcg([gain(judgments.get(d, 0)) for d in ranking[:k]])
    return got / ideal


def reciprocal_rank(ranking: Sequence[str], judgments: Mapping[str, int], k: int = 10) -> float:
    """1/rank of the first document with grade >= 1 within the top k, else 0."""
    for i, d in enumerate(ranking[:k]):
        if judgments.get(d, 0) >= RELEVANT:
            return 1.0 / (i + 1)
    return 0.0


def recall_at_k(ranking: Sequence[str], judgments: Mapping[str, int], k: int = 10) -> float:
    """Share of the documents with grade >= 1 that appear in the top k."""
    relevant = {d for d, g in judgments.items() if g >= RELEVANT}
    if not relevant:
        return 0.0
    return len(relevant & set(ranking[:k])) / len(relevant)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100) of values."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100.0
    lo = math.floor(pos)
    hi = math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50.0)


def dedupe(keys) -> list[str]:
    """Keys in order, each kept at its first occurrence."""
    seen: set[str] = set()
    out = []
    for k in keys:
        if k not in seen:
            seen.add(k)
            out.append(k)
    return out
