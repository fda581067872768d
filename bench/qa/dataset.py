"""The questions file: format, loading and validation (see questions.toml's header)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.toml"
ANSWER_TYPES = ("date", "period", "person", "list", "number", "amount", "place", "reason", "yesno")


@dataclass(frozen=True)
class GoldSource:
    source_path: str   # relative to corpus/, POSIX separators
    page: int
    sentence: str      # the gold sentence as it reads in this document


@dataclass
class Question:
    id: str
    question: str
    answer_type: str
    answerable: bool = True
    answers: list[str] = field(default_factory=list)   # accepted gold answer strings
    sentence: str | None = None                        # primary gold sentence
    sources: list[GoldSource] = field(default_factory=list)
    polarity: str | None = None                        # yesno: "ja" | "nej"
    written: str | None = None                         # date the question was written (YYYY-MM-DD)

    @property
    def answer(self) -> str | None:
        return self.answers[0] if self.answers else None

    @property
    def source_paths(self) -> set[str]:
        return {s.source_path for s in self.sources}

    def pages_of(self, source_path: str) -> set[int]:
        return {s.page for s in self.sources if s.source_path == source_path}


class DatasetError(ValueError):
    pass


def _question(raw: dict) -> Question:
    qid = raw.get("id", "?")

    def need(key: str):
        if key not in raw:
            raise DatasetError(f"{qid}: missing '{key}'")
        return raw[key]

    q = Question(id=need("id"), question=need("question"), answer_type=need("answer_type"),
                 answerable=bool(raw.get("answerable", True)), polarity=raw.get("polarity"),
                 written=raw.get("written"))
    if q.answer_type not in ANSWER_TYPES:
        raise DatasetError(f"{qid}: unknown answer_type {q.answer_type!r}")
    if not q.answerable:
        for key in ("answer", "sentence", "sources", "source_path"):
            if key in raw:
                raise DatasetError(f"{qid}: unanswerable question has '{key}'")
        return q
    ans = need("answer")
    q.answers = [ans] if isinstance(ans, str) else list(ans)
    if not q.answers or not all(isinstance(a, str) and a.strip() for a in q.answers):
        raise DatasetError(f"{qid}: empty answer")
    q.sentence = need("sentence")
    if "sources" in raw:
        if "source_path" in raw or "page" in raw:
            raise DatasetError(f"{qid}: give either sources or source_path/page")
        for s in raw["sources"]:
            q.sources.append(GoldSource(source_path=s["source_path"], page=int(s["page"]),
                                        sentence=s.get("sentence", q.sentence)))
    else:
        q.sources.append(GoldSource(source_path=need("source_path"), page=int(need("page")),
                                    sentence=q.sentence))
    if q.answer_type == "yesno" and q.polarity not in ("ja", "nej"):
        raise DatasetError(f"{qid}: yesno question needs polarity 'ja' or 'nej'")
    return q


def load_questions(path: Path = QUESTIONS_FILE) -> list[Question]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    questions = [_question(raw) for raw in data.get("question", [])]
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise DatasetError(f"duplicate id {q.id}")
        seen.add(q.id)
    return questions
