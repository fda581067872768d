"""SweQUAD-MC (dev) as open-domain extractive QA, and the BM25 sentence baseline.

File format (one JSON object)::

    {"data": [{"context": "…", "question": "…?",
               "choices": [{"text": "…", "type": "Correct answer" | "Distractor",
                            "start": 165, "end": 174, "extra": null}, …]}, …]}

Several questions share a context. Every DISTINCT context becomes one document (a .txt
file, so the product's real pipeline reads and splits it into passages); every question
is asked open-domain over all of them. An answer is correct when it contains the text
of a correct choice (lowercased, punctuation stripped, whitespace collapsed).

Baseline: a plain Whoosh index (LanguageAnalyzer("sv"), BM25F) over the same passages the
pipeline produced; an OR query of the question's words picks the top passage; its
sentences (indexer.analysis.sentences) are ranked by BM25 against the same query in an
in-memory index of that passage's sentences; the best sentence is the answer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Or, Term
from whoosh.scoring import BM25F

from .metrics import contains_choice

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "devdata" / "qa" / "swequad_mc_dev.json"
CORRECT = "Correct answer"


@dataclass
class SqItem:
    question: str
    correct: list[str]          # texts of the correct choice(s)
    context_key: str            # source path of its context document, e.g. "c0007.txt"
    distractors: list[str] = field(default_factory=list)


def context_key(i: int) -> str:
    return f"c{i:04d}.txt"


def load(path: Path) -> tuple[list[str], list[SqItem]]:
    """(distinct contexts in first-seen order, questions)."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    records = data["data"] if isinstance(data, dict) else data
    contexts: list[str] = []
    index: dict[str, int] = {}
    items: list[SqItem] = []
    for rec in records:
        ctx = rec["context"]
        if ctx not in index:
            index[ctx] = len(contexts)
            contexts.append(ctx)
        choices = rec.get("choices", [])
        correct = [c["text"] for c in choices if c.get("type") == CORRECT]
        if not correct:
            continue
        items.append(SqItem(question=rec["question"], correct=correct, context_key=context_key(index[ctx]),
                            distractors=[c["text"] for c in choices if c.get("type") != CORRECT]))
    return contexts, items


def write_contexts(contexts: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(contexts):
        body = text.replace("\r\n", "\n").replace("\r", "\n").strip() + "\n"
        (folder / context_key(i)).write_text(body, encoding="utf-8")


def is_correct(answer: str | None, item: SqItem) -> bool:
    return any(contains_choice(answer, c) for c in item.correct)


class SentenceBaseline:
    """Best BM25 sentence of the top BM25 passage (see the module docstring)."""

    def __init__(self, passages: list[tuple[str, str]]) -> None:
        self.analyzer = LanguageAnalyzer("sv")
        self.schema = Schema(pid=ID(stored=True), text=TEXT(analyzer=self.analyzer, stored=True))
        self.ix = RamStorage().create_index(self.schema)
        with self.ix.writer() as w:
            for pid, text in passages:
                w.add_document(pid=pid, text=text)
        self.searcher = self.ix.searcher(weighting=BM25F())

    def close(self) -> None:
        self.searcher.close()

    def _query(self, question: str):
        terms = list(dict.fromkeys(t.text for t in self.analyzer(question)))
        return Or([Term("text", t) for t in terms]) if terms else None

    def top_passage(self, question: str) -> str | None:
        q = self._query(question)
        if q is None:
            return None
        hits = self.searcher.search(q, limit=1)
        return hits[0]["text"] if len(hits) else None

    def best_sentence(self, passage: str, question: str) -> str:
        from indexer.analysis import sentences
        sents = [passage[a:b] for a, b in sentences(passage)] or [passage.strip()]
        if len(sents) == 1:
            return sents[0]
        q = self._query(question)
        schema = Schema(n=NUMERIC(stored=True), text=TEXT(analyzer=self.analyzer))
        ix = RamStorage().create_index(schema)
        with ix.writer() as w:
            for i, s in enumerate(sents):
                w.add_document(n=i, text=s)
        with ix.searcher(weighting=BM25F()) as s:
            hits = s.search(q, limit=1) if q is not None else []
            best = hits[0]["n"] if len(hits) else 0
        return sents[best]

    def answer(self, question: str) -> str | None:
        passage = self.top_passage(question)
        if passage is None:
            return None
        return self.best_sentence(passage, question)
