"""Interpretation of extracted text: metadata, § items of minutes, passages.

ExtractedDocument -> Document (without priority areas; areas.py adds those).
Everything here is rules over the text extract/ produced, in four steps, each
its own module:

- lines.py: every line gets a role (text, blank, rule, contents entry, boilerplate);
- items.py: § items with numbers, titles, diary numbers, decisions and proposals;
- metadata.py: document type, issuer, body, date and title;
- passages.py: the passages that search hits and answers point to.

Nothing here reads files except small data files (political bodies, organisations).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..folding import fold
from ..models import Document, ExtractedDocument, MinutesItem, PageText
from ..provenance import Provenance
from .items import build_items, find_item_spans
from .lines import classify
from .metadata import DATA_DIR, detect_body, read_metadata
from .passages import MAX_PASSAGE_CHARS, build_passages
from .people import document_people, role_json

__all__ = ["structure", "split_items", "detect_body", "make_doc_id", "slugify", "DATA_DIR", "MAX_PASSAGE_CHARS"]

#: Document types whose § lines are items; elsewhere (agreements, policies) a
#: "§ 5" is a reference or a numbered article.
MINUTES_TYPES = ("protokoll", "kallelse")


def slugify(text: str, max_len: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:max_len].rstrip("-") or "dokument"


def make_doc_id(source_path: str) -> str:
    """Readable and stable for a given path: the file stem plus a short path hash."""
    stem = Path(source_path).stem
    digest = hashlib.sha1(source_path.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return f"{slugify(stem)}-{digest}"


def split_items(pages: list[PageText], *, agenda: bool = False, body: str | None = None) -> list[MinutesItem]:
    """The § items of minutes pages (for tests and tools that have only pages)."""
    lines = classify(pages)
    return build_items(lines, find_item_spans(lines), agenda=agenda, body=body)


def structure(ex: ExtractedDocument, source_root: str, provenance: Provenance | None = None) -> Document:
    """``provenance``: the record of where the file was harvested from (its sidecar), when it was."""
    doc_id = make_doc_id(ex.source_path)
    lines = classify(ex.pages)
    spans = find_item_spans(lines)
    meta = read_metadata(ex, lines, len(spans), provenance)
    if meta.doc_type not in MINUTES_TYPES:
        spans = []
    agenda = meta.doc_type == "kallelse"
    items = build_items(lines, spans, agenda=agenda, body=meta.body)
    passages = build_passages(doc_id, lines, spans, decisions=meta.doc_type == "protokoll")
    # Who was there and who did what: minutes only (an agenda names the invited, not the present).
    attendance, people = document_people(lines, spans) if meta.doc_type == "protokoll" else ([], {})
    for item in items:
        if item.number in people:
            item.people = people[item.number].to_json()
    return Document(
        doc_id=doc_id, title=meta.title, doc_type=meta.doc_type, municipalities=meta.municipalities,
        body=meta.body, date=meta.date, source_path=ex.source_path, source_root=source_root, sha256=ex.sha256,
        format=ex.format, pages=ex.pages, items=items, passages=passages, metadata=dict(ex.metadata),
        organisation=meta.organisation, provenance=provenance.to_json() if provenance else None,
        attendance=[role_json(r) for r in attendance],
    )
