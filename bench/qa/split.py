"""The fixed split of the corpus questions into a tuning half and a check half.

By document, by a rule nobody chooses per question: a question belongs to the
half of its first gold document, and a document is in the check half when the
sha1 of its path (relative to corpus/) is odd. Unanswerable questions have no
document; the sha1 of their id decides. Questions marked ``written`` (added
after the model was built, before anyone looked at its answers) are always in
the check half. The model and its threshold are trained on the tuning half
only; every corpus figure ``python -m bench.qa`` reports as held out is on the
check half.
"""
from __future__ import annotations

import hashlib

from .dataset import Question

TUNE, CHECK = "tune", "check"


def _odd(key: str) -> bool:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 1


def document_half(source_path: str) -> str:
    return CHECK if _odd(source_path) else TUNE


def half(q: Question) -> str:
    if getattr(q, "written", None):
        return CHECK
    if q.sources:
        return document_half(q.sources[0].source_path)
    return CHECK if _odd(q.id) else TUNE


def split(questions: list[Question]) -> tuple[list[Question], list[Question]]:
    """(tuning half, check half)."""
    tune = [q for q in questions if half(q) == TUNE]
    check = [q for q in questions if half(q) == CHECK]
    return tune, check
