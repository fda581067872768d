"""JSON shape of an answer (GET /api/ask, ``ask --json``) and the view data of /fraga."""
from __future__ import annotations

from typing import Any


from indexer.store.base import PassageHit

from . import Answer
from ..serialize import document_url, original_url

MAX_URL_QUERY = 200


def link_query(ans: Answer) -> str:
    """What the document link highlights: the question (its words are marked on the page)."""
    return ans.question[:MAX_URL_QUERY]


def passage_url(hit: PassageHit, query: str, external: bool = True) -> str:
    return document_url(hit.doc_id, query=query, page=hit.page, external=external)


def source_json(hit: PassageHit | None, query: str) -> dict[str, Any] | None:
    if hit is None:
        return None
    return {
        "doc_id": hit.doc_id,
        "title": hit.title,
        "doc_type": hit.doc_type,
        "municipality": list(hit.municipalities),
        "date": hit.date,
        "page": hit.page,
        "section": hit.section,
        "section_title": hit.section_title,
        "source_path": hit.source_path,
        "url": passage_url(hit, query),
        "original_url": original_url(hit.doc_id, source_path=hit.source_path, page=hit.page, external=True),
    }


def passage_json(hit: PassageHit, query: str, store) -> dict[str, Any]:
    out = source_json(hit, query) or {}
    out["passage_id"] = hit.passage_id
    out["is_decision"] = hit.is_decision
    out["snippet"] = store.highlight_html(hit.text, query)  # escaped by the store, query terms in <mark>
    out["score"] = float(hit.score)
    out["coverage"] = float(hit.coverage)
    return out


def answer_json(ans: Answer, store) -> dict[str, Any]:
    query = link_query(ans)
    return {
        "question": ans.question,
        "answer": ans.answer,
        "answer_type": ans.answer_type,
        "confidence": round(float(ans.confidence), 4),
        "sentence": ans.sentence,
        "source": source_json(ans.source, query),
        "passages": [passage_json(h, query, store) for h in ans.passages],
    }


def citation_text(hit: PassageHit, municipality_label: str, type_label: str, date_label: str) -> str:
    parts = [hit.title, municipality_label, type_label, date_label, f"sida {hit.page}"]
    if hit.section is not None:
        parts.append(f"§ {hit.section}" + (f" {hit.section_title}" if hit.section_title else ""))
    return ". ".join([", ".join(p for p in parts if p), passage_url(hit, "", external=True)])


def sentence_parts(ans: Answer) -> tuple[str, str, str] | None:
    """(before, answer, after) of the answer sentence, for <mark>ing the answer."""
    if ans.sentence is None or ans.answer is None:
        return None
    s, e = ans.answer_start, ans.answer_end
    if s is None or e is None or ans.sentence[s:e] != ans.answer:
        i = ans.sentence.find(ans.answer)
        if i < 0:
            return ("", ans.sentence, "")
        s, e = i, i + len(ans.answer)
    return ans.sentence[:s], ans.sentence[s:e], ans.sentence[e:]
