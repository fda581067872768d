"""Sentence scoring and answer extraction.

For every sentence of the retrieved passages:

    score = 0.40 · overlap     share of the question's content terms (lemmas; compound parts count 0.4)
          + 0.10 · proximity   matched words close together
          + 0.25 · type        the sentence holds an expression of the expected answer type
          + 0.15 · coverage    the passage's share of the query words (from the store)
          + 0.05 · decision    a decision paragraph, when the question asks about a decision
          + 0.05 · rank        the passage's retrieval score relative to the best passage

The best sentence wins; its answer is trimmed to the entity of the expected
type nearest to the matched question words (a date, an amount, a person with
party and role, the enumeration after "omfattar"/":"), else the whole
sentence. Answers are always slices of the passage text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.analysis import sentences, tokens, word_terms, is_stopword
from indexer.store.base import PassageHit

from .entities import (
    Entity, find_amounts, find_dates, find_lists, find_periods, find_persons, find_places,
)
from .question import QuestionAnalysis

W_OVERLAP, W_PROX, W_TYPE, W_COVERAGE, W_DECISION, W_RANK = 0.40, 0.10, 0.25, 0.15, 0.05, 0.05
NEUTRAL_TYPE = 0.5  # type score for answer types without a recogniser (yesno, other)

_REASON_RE = re.compile(r"\b(?:eftersom|därför|för att|på grund av|p\.g\.a\.|syftet|syfte|i syfte|mot bakgrund av|"
                        r"med anledning av|motiv\w*|skäl\w*|orsak\w*|behöver|behov\w*)\b", re.I)
_RELATIVE_DAY = re.compile(r"(?<!\w)(?:i\s?dag|idag)(?!\w)", re.I)
_BULLET_START = re.compile(r"^\s*(?:[•▪◦●‣∙*·]|[-–—]\s|\d{1,2}[.)]\s)")


@dataclass
class Candidate:
    hit: PassageHit
    start: int                # sentence span in hit.text
    end: int
    score: float
    overlap: float
    type_score: float
    entity: Entity | None     # answer entity, offsets relative to the sentence
    matched_chars: list[int] = field(default_factory=list)  # sentence offsets of matched words
    needs_doc_date: bool = False  # a "när" answer whose date is the document's own (meeting) date

    @property
    def sentence(self) -> str:
        return self.hit.text[self.start:self.end]


def _stem_match(term: str, forms: tuple[str, ...]) -> bool:
    if term in forms:
        return True
    base = forms[0]
    if len(term) >= 5 and len(base) >= 5:
        n = 0
        for a, b in zip(term, base):
            if a != b:
                break
            n += 1
        return n >= max(5, min(len(term), len(base)) - 2)
    return False


def _weight(q: QuestionAnalysis, term: str, weight: float) -> float:
    return weight * q.idf.get(term, 1.0)


def _match(q: QuestionAnalysis, sentence: str) -> tuple[float, float, list[int]]:
    """(overlap, proximity, char offsets of matched words); overlap is idf-weighted."""
    total = sum(_weight(q, t, w) for t, w in q.terms.items()) or 1.0
    found: dict[str, float] = {}
    positions: list[int] = []
    chars: list[int] = []
    pos = 0
    for surface, s, _e in tokens(sentence):
        low = surface.lower()
        if is_stopword(low):
            continue
        forms = word_terms(surface)
        hit_here = False
        for term, weight in q.terms.items():
            if _stem_match(term, forms):
                # a term matched as the word's own lemma counts fully; as a compound part, partly
                w = weight if (term == forms[0] or _stem_match(term, forms[:1])) else min(weight, 0.5)
                w = _weight(q, term, w)
                if found.get(term, 0.0) < w:
                    found[term] = w
                hit_here = True
        if hit_here:
            positions.append(pos)
            chars.append(s)
        pos += 1
    overlap = min(1.0, sum(found.values()) / total)
    if len(positions) >= 2:
        window = positions[-1] - positions[0] + 1
        prox = len(positions) / window
    else:
        prox = 0.5 if positions else 0.0
    return overlap, prox, chars


def _nearest(entities: list[Entity], chars: list[int]) -> Entity | None:
    if not entities:
        return None
    if not chars:
        return max(entities, key=lambda e: e.strength)

    def dist(e: Entity) -> float:
        return min(0 if e.start <= c <= e.end else min(abs(c - e.start), abs(c - e.end)) for c in chars)

    return max(entities, key=lambda e: (e.strength - dist(e) / 400.0))


def type_match(q: QuestionAnalysis, sentence: str, chars: list[int]) -> tuple[float, Entity | None]:
    """How well the sentence offers the expected answer type, and the answer entity."""
    t = q.answer_type
    if t == "date":
        periods = find_periods(sentence)
        dates = []
        for d in find_dates(sentence):
            inside = any(p.start <= d.start and d.end <= p.end for p in periods)
            dates.append(Entity(d.kind, d.text, d.start, d.end, d.strength * (0.4 if inside else 1.0), d.value))
        best = _nearest(dates, chars)
        return (best.strength if best else 0.0), best
    if t == "period":
        periods = find_periods(sentence)
        best = _nearest(periods, chars)
        if best:
            return best.strength, best
        dates = find_dates(sentence)
        best = _nearest(dates, chars)
        return (0.4 * best.strength if best else 0.0), best
    if t in ("number", "amount"):
        ents = find_amounts(sentence)
        if not ents:
            return 0.0, None
        focus = [f for f in q.focus if f]
        scored = []
        for e in ents:
            s = e.strength if (e.kind == t or t == "number") else 0.5 * e.strength
            if t == "amount" and e.kind == "number":
                s = 0.5 * e.strength
            after = sentence[e.end:e.end + 40]
            end = e.end
            after_toks = tokens(after)[:3]
            matched_focus = [b for w, _a, b in after_toks if any(_stem_match(f, word_terms(w)) for f in focus)]
            if focus and matched_focus:
                s = min(1.0, s + 0.4)
                end = e.end + max(matched_focus)
                per = re.match(r"\s+per\s+\w+", sentence[end:])
                if per:
                    end += per.end()
            scored.append(Entity(e.kind, sentence[e.start:end], e.start, end, s, e.value))
        best = _nearest(scored, chars)
        return (best.strength if best else 0.0), best
    if t == "person":
        persons = []
        main_terms = [term for term, w in q.terms.items() if w >= 1.0]
        for p in find_persons(sentence):
            words = tokens(p.text)
            named_role = any(_stem_match(term, word_terms(w)) for w, _a, _b in words for term in main_terms)
            has_party = "(" in p.text
            strength = 1.0 if named_role else (0.7 if has_party else 0.5)
            persons.append(Entity(p.kind, p.text, p.start, p.end, strength, p.value))
        best = _nearest(persons, chars)
        return (best.strength if best else 0.0), best
    if t == "place":
        best = _nearest(find_places(sentence), chars)
        return (best.strength if best else 0.0), best
    if t == "list":
        lists = find_lists(sentence)
        best = max(lists, key=lambda e: (e.strength, e.end - e.start)) if lists else None
        if best is None and sentence.count(",") >= 2 and re.search(r"\s(?:och|samt)\s", sentence):
            return 0.6, None  # an enumeration without a lead-in: the whole sentence
        return (best.strength if best else 0.2), best
    if t == "reason":
        return (1.0 if _REASON_RE.search(sentence) else 0.3), None
    return NEUTRAL_TYPE, None


def _sentence_spans(hit: PassageHit, answer_type: str) -> list[tuple[int, int]]:
    spans = sentences(hit.text)
    if answer_type != "list":
        return spans
    out = list(spans)
    # "… följande:" + bullet lines: one more candidate covering the lead-in and the bullets.
    for i, (s, e) in enumerate(spans):
        if hit.text[s:e].rstrip().endswith(":"):
            j = i + 1
            while j < len(spans) and _BULLET_START.match(hit.text[spans[j][0]:spans[j][1]]):
                j += 1
            if j - i >= 3:
                out.append((s, spans[j - 1][1]))
    return out


def _bullet_list(sentence: str) -> Entity | None:
    colon = sentence.find(":")
    if colon < 0 or "\n" not in sentence[colon:]:
        return None
    start = colon + 1
    while start < len(sentence) and sentence[start].isspace():
        start += 1
    return Entity("list", sentence[start:], start, len(sentence), 1.0)


def _echoes_question(q: QuestionAnalysis, text: str) -> bool:
    """True when every content word of ``text`` is already in the question."""
    words = [w for w, _s, _e in tokens(text) if not is_stopword(w.lower()) and any(ch.isalnum() for ch in w)]
    if not words:
        return False
    question = q.question.lower()

    def known(w: str) -> bool:
        if any(ch.isdigit() for ch in w):  # a number is only an echo when the question has it
            return w.lower() in question
        return any(_stem_match(t, word_terms(w)) for t in q.terms)

    return all(known(w) for w in words)


def score_candidates(q: QuestionAnalysis, hits: list[PassageHit]) -> list[Candidate]:
    if not hits:
        return []
    top = max(h.score for h in hits) or 1.0
    out: list[Candidate] = []
    for hit in hits:
        for s, e in _sentence_spans(hit, q.answer_type):
            sent = hit.text[s:e]
            if len(sent) < 3:
                continue
            overlap, prox, chars = _match(q, sent)
            if overlap == 0.0:
                continue
            tscore, ent = type_match(q, sent, chars)
            if ent is not None and _echoes_question(q, ent.text):
                tscore *= 0.3  # "Boden" is no answer to "Var ska Bodens … byggas?"
            if q.answer_type == "list" and "\n" in sent:
                bl = _bullet_list(sent)
                if bl is not None:
                    tscore, ent = 1.0, bl
            needs_doc_date = False
            if (q.answer_type == "date" and tscore < 0.6 and hit.date
                    and ((hit.doc_type == "protokoll" and hit.is_decision) or _RELATIVE_DAY.search(sent))):
                # the decision (or "idag") happened on the document's date: answer with that date
                tscore, ent, needs_doc_date = 0.5, None, True
            decision = 1.0 if (q.wants_decision and hit.is_decision) else 0.0
            score = (W_OVERLAP * overlap + W_PROX * prox + W_TYPE * tscore + W_COVERAGE * hit.coverage
                     + W_DECISION * decision + W_RANK * (hit.score / top))
            out.append(Candidate(hit, s, e, score, overlap, tscore, ent, chars, needs_doc_date))
    out.sort(key=lambda c: -c.score)
    return out
