"""JSON shape of an answer (GET /api/ask, ``ask --json``) and the view data of /fraga."""
from __future__ import annotations

import re
from typing import Any

from indexer.store.base import PassageHit

from . import AlternativeAnswer, Answer
from ..serialize import document_url, origin_json, original_url

MAX_URL_QUERY = 200


def link_query(ans: Answer) -> str:
    """What the document link highlights: the question (its words are marked on the page)."""
    return ans.question[:MAX_URL_QUERY]


def passage_url(hit: PassageHit, query: str, external: bool = True) -> str:
    """The passage on the document page: at its § item's heading, else at its page
    (absolute on PUBLIC_URL when ``external``)."""
    return document_url(hit.doc_id, query=query, page=hit.page, section=hit.section, external=external)


def source_json(hit: PassageHit | None, query: str) -> dict[str, Any] | None:
    if hit is None:
        return None
    return {
        "doc_id": hit.doc_id,
        "title": hit.title,
        "doc_type": hit.doc_type,
        "municipality": list(hit.municipalities),
        "organisation": hit.organisation,
        "date": hit.date,
        "page": hit.page,
        "section": hit.section,
        "section_title": hit.section_title,
        "source_path": hit.source_path,
        "url": passage_url(hit, query),
        **origin_json(hit, original_url(hit.doc_id, source_path=hit.source_path, page=hit.page, external=True)),
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
        "alternatives": [alternative_json(a, query) for a in ans.alternatives],
        "disagreement": bool(ans.disagreement),
    }


def alternative_json(alt: AlternativeAnswer, query: str) -> dict[str, Any]:
    return {
        "answer": alt.answer,
        "sentence": alt.sentence,
        "confidence": round(float(alt.confidence), 4),
        "source": source_json(alt.source, query),
    }


def citation_text(hit: PassageHit, *, sentence: str | None, issuer: str, type_label: str, date_label: str) -> str:
    """The citation to copy: «quoted sentence» title, issuing organisation, document type,
    date, page, § (number and title), and the link: where the source publishes the
    document when it was harvested, else the absolute link (on PUBLIC_URL) to the §,
    else the page, of the document page."""
    parts = [hit.title, *without_repeats(hit.title, issuer, type_label), date_label, f"sida {hit.page}"]
    if hit.section is not None:
        parts.append(f"§ {hit.section}" + (f" {hit.section_title}" if hit.section_title else ""))
    source = ", ".join(" ".join(p.split()) for p in parts if p and p.strip())
    quote = f"«{' '.join(sentence.split())}» " if sentence and sentence.strip() else ""
    return f"{quote}{source.rstrip('.')}. {hit.public_url or passage_url(hit, '', external=True)}"


def without_repeats(title: str, *labels: str) -> list[str]:
    """The labels that the title does not already say: a minutes title such as
    "Kommunstyrelsen, protokoll 2022-08-22, Bodens kommun" names its issuer and type."""
    said = " ".join((title or "").split()).casefold()
    return [label for label in labels
            if label and not re.search(rf"(?<!\w){re.escape(' '.join(label.split()).casefold())}(?!\w)", said)]


def mark_parts(sentence: str, answer: str, start: int | None, end: int | None) -> tuple[str, str, str]:
    """(before, answer, after) of a sentence, for <mark>ing the answer in it."""
    s, e = start, end
    if s is None or e is None or sentence[s:e] != answer:
        i = sentence.find(answer)
        if i < 0:
            return ("", sentence, "")
        s, e = i, i + len(answer)
    return sentence[:s], sentence[s:e], sentence[e:]


def sentence_parts(ans: Answer) -> tuple[str, str, str] | None:
    """(before, answer, after) of the answer sentence, for <mark>ing the answer."""
    if ans.sentence is None or ans.answer is None:
        return None
    return mark_parts(ans.sentence, ans.answer, ans.answer_start, ans.answer_end)
