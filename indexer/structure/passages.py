"""Passages: about a paragraph each, the unit search hits and answers point to.

A passage never crosses a page or a § boundary. Boilerplate lines (signatures,
justification, posting notes, appeal instructions, address blocks) are not
passages; contents-list lines are passages of their own kind ("toc"), ranked
below the text they point to. A heading is folded into the paragraph it
introduces on the same page; a decision or proposal heading with nothing
under it (an agenda's empty "Stadsstyrelsens beslut:") is dropped.
"""
from __future__ import annotations

import re

from ..models import Passage
from ..vocabulary import is_decision_heading, is_proposal_heading, is_section_heading
from .items import ItemSpan
from .lines import ROLE_BLANK, ROLE_BOILERPLATE, ROLE_DISPATCH, ROLE_RULE, ROLE_TEXT, ROLE_TOC, Line, clean_toc_text

__all__ = ["build_passages", "MAX_PASSAGE_CHARS"]

# A paragraph is split into passages of at most this many characters, at
# sentence ends, so a hit points to something a reader can take in at once.
MAX_PASSAGE_CHARS = 900

_SENT_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9–\"”])")
_BULLET_RE = re.compile(r"^(?:[•▪◦\-–*]\s|\d{1,2}[.)]\s|[a-zåäö][.)]\s)")


def _normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    out, cur = [], ""
    for sent in _SENT_END_RE.split(text):
        while len(sent) > MAX_PASSAGE_CHARS:   # a "sentence" without full stops (a table, a list)
            cut = sent.rfind(" ", 0, MAX_PASSAGE_CHARS)
            cut = cut if cut > MAX_PASSAGE_CHARS // 2 else MAX_PASSAGE_CHARS
            if cur:
                out.append(cur)
                cur = ""
            out.append(sent[:cut].strip())
            sent = sent[cut:].strip()
        if cur and len(cur) + 1 + len(sent) > MAX_PASSAGE_CHARS:
            out.append(cur)
            cur = sent
        else:
            cur = f"{cur} {sent}".strip()
    if cur:
        out.append(cur)
    return out


def _is_heading_text(lines: list[str]) -> bool:
    if len(lines) != 1:
        return False
    text = lines[0]
    return is_section_heading(text) or (len(text) < 60 and not text.endswith((".", "!", "?", ":", ",", ";"))
                                        and not _BULLET_RE.match(text) and len(text.split()) <= 8)


def _paragraphs(seg: list[Line]) -> list[tuple[int, str, str, bool]]:
    """(page, kind, text, is heading-only) paragraphs of a segment's lines."""
    out: list[tuple[int, str, str, bool]] = []
    cur: list[str] = []
    page = seg[0].page if seg else 1
    kind = ROLE_TEXT

    def flush():
        if cur:
            if kind == ROLE_TOC:
                text = _normalize_space(" ".join(clean_toc_text(t) for t in cur))
                out.append((page, "toc", text, False))
            else:
                out.append((page, "text", _normalize_space(" ".join(cur)), _is_heading_text(cur)))
            cur.clear()

    for ln in seg:
        if ln.page != page:
            flush()
            page = ln.page
        if ln.role in (ROLE_BLANK, ROLE_RULE, ROLE_BOILERPLATE, ROLE_DISPATCH):
            flush()
            if ln.role == ROLE_RULE:
                out.append((page, "rule", "", False))
            continue
        role = ROLE_TOC if ln.role == ROLE_TOC else ROLE_TEXT
        if role != kind:
            flush()
            kind = role
        s = ln.text
        if kind == ROLE_TOC:
            cur.append(s)
            continue
        # Bullet items are paragraphs of their own even without blank lines between.
        if _BULLET_RE.match(s) and cur:
            flush()
        if cur and is_section_heading(s):
            flush()
        cur.append(s)
        if is_section_heading(s):
            flush()
    flush()
    return out


def build_passages(doc_id: str, lines: list[Line], spans: list[ItemSpan], *, decisions: bool) -> list[Passage]:
    """``decisions``: the document records decisions (minutes, a decision annex),
    so text under a decision heading is marked as a decision; an agenda's is not."""
    segments: list[tuple[str | None, list[Line]]] = []
    first = spans[0].start if spans else len(lines)
    segments.append((None, lines[:first]))
    for s in spans:
        segments.append((s.heading.number, lines[s.start:s.end]))
    passages: list[Passage] = []

    def emit(page: int, section: str | None, text: str, decision: bool, kind: str = "text") -> None:
        for chunk in _split_long(text):
            if not chunk:
                continue
            seq = len(passages)
            passages.append(Passage(passage_id=f"{doc_id}-{seq}", doc_id=doc_id, seq=seq, page=page,
                                    section=section, text=chunk, is_decision=decision and kind == "text",
                                    kind=kind))

    for section, seg in segments:
        if not seg:
            continue
        pending: tuple[int, str] | None = None   # a heading waiting for its paragraph (page, text)
        in_decision = False
        for page, kind, text, is_head in _paragraphs(seg):
            if pending and pending[0] != page:
                # never across a page: a heading at the foot of a page stands alone
                if not (is_decision_heading(pending[1]) or is_proposal_heading(pending[1])):
                    emit(pending[0], section, pending[1], False)
                pending = None
            if kind == "rule":
                in_decision = False
                continue
            if kind == "toc":
                emit(page, section, text, False, "toc")
                continue
            if is_head:
                if is_decision_heading(text.split(":")[0]):
                    in_decision = decisions
                    if pending and (is_decision_heading(pending[1]) or is_proposal_heading(pending[1])):
                        pending = None   # an empty decision heading
                elif is_section_heading(text):
                    in_decision = False
                    if pending and (is_decision_heading(pending[1]) or is_proposal_heading(pending[1])):
                        pending = None
                pending = (page, f"{pending[1]} {text}" if pending else text)
                continue
            head_inline = text.split(":")[0]
            if ":" in text and is_decision_heading(head_inline):
                in_decision = decisions
            elif ":" in text and is_section_heading(head_inline):
                in_decision = False
            if pending:
                text = f"{pending[1]}: {text}" if not pending[1].endswith(":") else f"{pending[1]} {text}"
                pending = None
            emit(page, section, text, in_decision)
        if pending and not (is_decision_heading(pending[1]) or is_proposal_heading(pending[1])):
            emit(pending[0], section, pending[1], False)
    return passages
