"""SweFAQ (Superlim, Språkbanken Text) as a question -> answer retrieval task.

File format (JSON Lines, one question per line)::

    {"category_id": 73, "question": "…?", "candidate_answers": ["…", …],
     "label": 9, "meta": {"category": …, "source": …, "link": …}}

``candidate_answers`` is the same list for every question of a category and
``label`` indexes the question's correct answer in it. Every DISTINCT
candidate answer becomes one document (a .txt file, so the product's real
pipeline reads it); each question is a query whose only relevant document is
its labelled answer. Metrics: MRR@10, recall@1 and recall@10.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "devdata" / "qa" / "swefaq_dev.jsonl"


@dataclass
class FaqQuestion:
    question: str
    answer_key: str   # source path of the answer document, e.g. "a0042.txt"
    category: str


def load(path: Path) -> tuple[list[str], list[FaqQuestion]]:
    """(distinct answers in first-seen order, questions with their answer's key)."""
    answers: list[str] = []
    index: dict[str, int] = {}
    questions: list[FaqQuestion] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            cands = rec["candidate_answers"]
            for a in cands:
                if a not in index:
                    index[a] = len(answers)
                    answers.append(a)
            correct = cands[int(rec["label"])]
            questions.append(FaqQuestion(question=rec["question"], answer_key=answer_key(index[correct]),
                                         category=str(rec.get("meta", {}).get("category", rec.get("category_id")))))
    return answers, questions


def answer_key(i: int) -> str:
    return f"a{i:04d}.txt"


def write_answers(answers: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(answers):
        (folder / answer_key(i)).write_text(text.strip() + "\n", encoding="utf-8")
