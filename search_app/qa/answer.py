"""Sentence scoring and answer extraction.

Every passage is cut into spans (answer_spans): sentences, run-in headings and
questions; only sentences can be answers, the others are context. Each sentence
is read with what it leans on: the sentence or heading before it when it opens
with a reference back ("Det innebär att …", "Då ska …", "Din uppgift …"), the two
sentences before it, and its § heading (or the document title). Then

    score = 0.40 · overlap     share of the question's terms (idf-weighted lemmas; compound
                               parts and a compound's head noun count partly), in context
          + 0.10 · proximity   matched words close together
          + 0.25 · type        the sentence holds an expression of the expected answer type
          + 0.15 · coverage    the passage's share of the query words (from the store)
          + 0.05 · decision    a decision paragraph, when the question asks about a decision
          + 0.05 · rank        the passage's retrieval score relative to the best passage
          + 0.10 · novelty     new words beyond the question's (untyped questions only)
          + 0.05 · phrase      the question's word pairs repeated in order

times factors for what cannot be an answer or clashes with the question:
headings and questions, § lists, a typed question without its type, another
municipality than the one asked about, numbers, names or distinctive words of
the question that the passage lacks.

The best sentence wins; its answer is trimmed to the entity of the expected
type nearest to the matched question words (a date, an amount, a person with
party and role, the enumeration after "omfattar"/":"), else the whole
sentence. Answers are always slices of the passage text.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from indexer.analysis import sentences, tokens, word_terms, is_stopword
from indexer.store.base import PassageHit

from .entities import (
    Entity, find_amounts, find_dates, find_diary_numbers, find_lists, find_periods, find_persons, find_places,
    find_times,
)
from .question import DECISION_WORDS, DIARY_WORDS, QuestionAnalysis

W_OVERLAP, W_PROX, W_TYPE, W_COVERAGE, W_DECISION, W_RANK = 0.40, 0.10, 0.25, 0.15, 0.05, 0.05
W_NOVELTY = 0.10
W_PHRASE = 0.05
NOVEL_WORDS_FULL = 5  # content words beyond the question's that make a sentence fully informative
HEAD_CREDIT = 0.7  # share of a compound's weight its head noun alone earns ("mässan" for "rekryteringsmässa")
NEUTRAL_TYPE = 0.5  # type score for answer types without a recogniser (yesno, other)

_REASON_RE = re.compile(r"\b(?:eftersom|därför|för att|på grund av|p\.g\.a\.|syftet|syfte|i syfte|mot bakgrund av|"
                        r"med anledning av|med hänvisning till|till följd av|beroende på|tack vare|bakgrunden|"
                        r"motiv\w*|skäl\w*|orsak\w*|behöver|behov\w*)\b", re.I)
_PER_UNIT = re.compile(r"(?:\s+(?:per|om|i|/)\s*(?:år|månad|kvadratmeter|m2|m²|kvm|invånare|elev|plats|person|deltagare"
                       r"|timme|dag|vecka|kilometer|km|ton|kWh|MWh|st|styck|bostad|lägenhet)\b)")
_RELATIVE_DAY = re.compile(r"(?<!\w)(?:i\s?dag|idag)(?!\w)", re.I)
_BULLET_START = re.compile(r"^\s*(?:[•▪◦●‣∙*·]|[-–—]\s|\d{1,2}[.)]\s)")
# A sentence that opens like this leans on the one before ("Det innebär att …",
# "Då ska åklagaren …", "I dessa fall …"): the words it refers to are there.
_ANAPHOR_START = re.compile(
    r"^(?:det|detta|dessa|denna|då|där|därför|dit|den|de|dem|han|hon|hen|så|sådana|dessutom|även|också|här"
    r"|din|ditt|dina|hans|hennes|dess|deras|vår|vårt|våra|er|ert|era"
    r"|samtidigt|i\s+(?:dessa|sådana|så|det)\s+fall(?:et)?)(?![\w])", re.I)
_THEREFORE_START = re.compile(r"^(?:därför|det\s+är\s+därför|av\s+(?:det|den)\s+(?:skälet|anledningen))(?![\w])", re.I)
# Extracted web pages and minutes often run a heading into the next sentence
# ("Din roll som elevskyddsombud När du har blivit vald …"): a capitalised
# function word after a word without punctuation starts a new sentence.
_FUSED_HEADING = re.compile(
    r"(?<=[a-zåäöé0-9)])[ \t]+(?=(?:När|Det|Du|Om|Den|De|Detta|Dessa|Denna|För|I|Vi|Som|En|Ett|Efter|Innan|Under|Med"
    r"|Många|Alla|Man|Hur|Vad|Vem|Var|Varför|Där|Här|Att|Kommunen|Kommunerna|Vid|Från|Till|Ibland|Ofta)\s)")
# "Över 3 000 besökare på mässan: Den gemensamma mässan …": a short label before a colon.
_LABEL_COLON = re.compile(r"^([^:.!?\n]{3,80}?):\s+(?=[A-ZÅÄÖ][a-zåäö])")
_PARAGRAPH_LIST = re.compile(r"§")
_NUMBER_WORD_SET = frozenset("en ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton "
                             "sjutton arton nitton tjugo trettio fyrtio femtio hundra tusen".split())
_DEFINITION_Q = re.compile(r"\b(?:innebär|innebära|betyder|betyda|menas)\b", re.I)
_DEFINITION_A = re.compile(r"\b(?:innebär|innebar|betyder|menas\s+med|handlar\s+om)\s+(?:\w+\s+){0,2}?att\b|\bär\s+att\b", re.I)
_PREPOSITION_Q = re.compile(r"^(Med|Till|För|Av|Från|Om|Genom|Hos|Mot)\s+(?:vad|vilken|vilket|vilka|vem|vilka)\b", re.I)
_POLARITY = re.compile(r"(?<![\w])(?:inte|ej|aldrig|ingen|inget|inga|ännu\s+inte|redan)(?![\w])", re.I)
_ASKS_BOUND = re.compile(r"\b(?:senast|tidigast|till\s+och\s+med|från\s+och\s+med|fram\s+till)\b", re.I)
_ASKS_MONTH = re.compile(r"\bvilken\s+månad\b", re.I)
_ASKS_CLOCK = re.compile(r"\b(?:vilken\s+tid|vilket\s+klockslag|hur\s+dags|vilken\s+tidpunkt|klockan)\b", re.I)
_BARE_MONTH = re.compile(r"(?<![\w])(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?![\w])", re.I)
_LOCATIVE = re.compile(r"(?<![\w])(?:på|i|vid|inom|hos|inne\s+på|ute\s+på|utanför)\s+(?:en\s+|ett\s+|de\s+|den\s+|det\s+)?[^\W\d]{3,}", re.I)
PLACE_PHRASE = 0.5
LIST_NONE = 0.2  # "Vilka samarbetar …?" is often answered by one noun phrase, not a list
_UNTIL_WHEN = re.compile(r"\b(?:hur\s+länge|till\s+när|fram\s+till\s+när)\b", re.I)
_ITEM_HEADING = re.compile(r"^§\s*\d+\b")
_DEN_BEFORE = re.compile(r"(?<![\w])den\s+$", re.I)


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
    features: dict[str, float] = field(default_factory=dict)  # inputs of the learned model (model.py)
    probability: float | None = None  # the model's estimate that this candidate's answer is right

    @property
    def sentence(self) -> str:
        return self.hit.text[self.start:self.end]


def _focus_match(focus: str, word: str) -> bool:
    """A word of the text names the unit asked for: the same word, or the head of
    a compound the analyser could not split ("platser" for "yrkesvuxplatser")."""
    if _stem_match(focus, word_terms(word)):
        return True
    low = word.lower()
    return len(low) >= 4 and low.isalpha() and len(focus) > len(low) and focus.endswith(low)


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


@lru_cache(maxsize=16384)
def _analysed(text: str) -> tuple[tuple[str, int, int, str, tuple[str, ...], bool], ...]:
    """(surface, start, end, lower-cased, analysed forms, is stop word) of every word of
    ``text``; cached because a passage is read many times over (each sentence, with
    its context, for several features)."""
    out = []
    for surface, s, e in tokens(text):
        low = surface.lower()
        out.append((surface, s, e, low, word_terms(surface), is_stopword(low)))
    return tuple(out)


@lru_cache(maxsize=16384)
def _content_tokens(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """(start, end, analysed forms) of every non-stop word of ``text``."""
    return tuple((s, e, forms) for _w, s, e, _low, forms, stop in _analysed(text) if not stop)


def _word_hits(q: QuestionAnalysis, forms: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """The question terms one word matches, each with the weight it earns there."""
    hits = q.word_cache.get(forms)
    if hits is None:
        found: dict[str, float] = {}
        for term, weight in q.terms.items():
            if _stem_match(term, forms):
                # a term matched as the word's own lemma counts fully; as a compound part, partly
                w = weight if (term == forms[0] or _stem_match(term, forms[:1])) else min(weight, 0.5)
                found[term] = max(found.get(term, 0.0), _weight(q, term, w))
        for compound, head in q.heads.items():
            # "Programmet pågår …" after "leverantörsprogram": the head noun refers back to the compound
            if forms[0] == head and compound in q.terms:
                w = _weight(q, compound, HEAD_CREDIT * q.terms[compound])
                found[compound] = max(found.get(compound, 0.0), w)
        hits = q.word_cache[forms] = tuple(found.items())
    return hits


def _found(q: QuestionAnalysis, text: str, lo: int = 0, hi: int | None = None
           ) -> tuple[dict[str, float], list[int], list[int]]:
    """Question terms found in text[lo:hi] (term -> weight), the word positions and
    the char offsets (relative to lo) of the matching words."""
    hi = len(text) if hi is None else hi
    found: dict[str, float] = {}
    positions: list[int] = []
    chars: list[int] = []
    pos = 0
    for s, e, forms in _content_tokens(text):
        if s < lo or e > hi:
            continue
        hits = _word_hits(q, forms)
        for term, w in hits:
            if found.get(term, 0.0) < w:
                found[term] = w
        if hits:
            positions.append(pos)
            chars.append(s - lo)
        pos += 1
    return found, positions, chars


def _overlap(q: QuestionAnalysis, *founds: dict[str, float]) -> float:
    """Share of the question's (idf-weighted) terms found, over one or more texts."""
    total = sum(_weight(q, t, w) for t, w in q.terms.items()) or 1.0
    merged: dict[str, float] = {}
    for f in founds:
        for t, w in f.items():
            if merged.get(t, 0.0) < w:
                merged[t] = w
    return min(1.0, sum(merged.values()) / total)


def _match(q: QuestionAnalysis, text: str, lo: int = 0, hi: int | None = None) -> tuple[float, float, list[int]]:
    """(overlap, proximity, char offsets of matched words) of text[lo:hi]; overlap is idf-weighted."""
    found, positions, chars = _found(q, text, lo, hi)
    if len(positions) >= 2:
        window = positions[-1] - positions[0] + 1
        prox = len(positions) / window
    else:
        prox = 0.5 if positions else 0.0
    return _overlap(q, found), prox, chars


LOCAL_WINDOW = 40   # characters before an entity that count as its clause
LOCAL_CREDIT = 0.02  # per question word there: decides between entities as near as each other


def _nearest(entities: list[Entity], chars: list[int], q: QuestionAnalysis | None = None,
             sentence: str = "") -> Entity | None:
    if not entities:
        return None
    if q is not None and sentence:
        entities = _weigh_by_municipality(q, sentence, entities)
    if not chars:
        return max(entities, key=lambda e: e.strength)

    def dist(e: Entity) -> float:
        return min(0 if e.start <= c <= e.end else min(abs(c - e.start), abs(c - e.end)) for c in chars)

    def local(e: Entity) -> int:
        # question words in the entity's own clause ("till vice ordförande utses Raymond Asp")
        return sum(1 for c in chars if e.start - LOCAL_WINDOW <= c <= e.end)

    return max(entities, key=lambda e: (e.strength - dist(e) / 400.0 + LOCAL_CREDIT * local(e)))


def _weigh_by_municipality(q: QuestionAnalysis, sentence: str, entities: list[Entity]) -> list[Entity]:
    """In "Kommunstyrelsen i Luleå beslutade den 25 maj …, Boden den 15 juni", the
    date for a question about Boden is the one nearest to "Boden"."""
    muni = question_constraints(q)[0]
    if not muni:
        return entities
    mentions = [(start, name) for start, _e, name in _municipality_mentions(sentence)]
    if len({name for _p, name in mentions}) < 2:
        return entities
    out = []
    for e in entities:
        nearest = min(mentions, key=lambda m: min(abs(m[0] - e.start), abs(m[0] - e.end)))[1]
        out.append(e if nearest == muni else Entity(e.kind, e.text, e.start, e.end, e.strength * 0.4, e.value))
    return out


def type_match(q: QuestionAnalysis, sentence: str, chars: list[int]) -> tuple[float, Entity | None]:
    """How well the sentence offers the expected answer type, and the answer entity."""
    t = q.answer_type
    if t == "date":
        periods = find_periods(sentence)
        dates = []
        if _ASKS_MONTH.search(q.question):  # "Vilken månad …?": "i oktober" is the answer
            dates += [Entity("date", m.group(0), m.start(), m.end(), 0.9) for m in _BARE_MONTH.finditer(sentence)]
        clock = _ASKS_CLOCK.search(q.question)
        if clock:  # "Vilken tid startar sammanträdet?": "kl 9.00", not the date
            dates += find_times(sentence)
        for d in find_dates(sentence):
            if clock:
                d = Entity(d.kind, d.text, d.start, d.end, d.strength * 0.5, d.value)
            inside = any(p.start <= d.start and d.end <= p.end for p in periods)
            if inside and _ASKS_BOUND.search(q.question):
                inside = False  # "Senast vilket datum …?": the end of the period is the answer
            dates.append(Entity(d.kind, d.text, d.start, d.end, d.strength * (0.4 if inside else 1.0), d.value))
        best = _nearest(dates, chars, q, sentence)
        if best is not None and _DEN_BEFORE.search(sentence[:best.start]):
            # "den 30 september 2018": the article belongs to the date as it is written and quoted
            start = _DEN_BEFORE.search(sentence[:best.start]).start()
            best = Entity(best.kind, sentence[start:best.end], start, best.end, best.strength, best.value)
        return (best.strength if best else 0.0), best
    if t == "period":
        periods = find_periods(sentence)
        if _UNTIL_WHEN.search(q.question):
            # "Hur länge kan man anmäla sig?": an end date ("till den 5 april") answers it as well as a span
            periods = [Entity(p.kind, p.text, p.start, p.end, max(p.strength, 0.9), p.value) for p in periods]
        best = _nearest(periods, chars, q, sentence)
        if best:
            return best.strength, best
        dates = find_dates(sentence)
        best = _nearest(dates, chars, q, sentence)
        return (0.4 * best.strength if best else 0.0), best
    if t == "number" and any(DIARY_WORDS.match(w) for w in q.question.lower().replace("?", " ").split()):
        best = _nearest(find_diary_numbers(sentence), chars, q, sentence)
        return (best.strength if best else 0.0), best
    if t in ("number", "amount"):
        ents = find_amounts(sentence)
        if not ents:
            return 0.0, None
        focus = [f for f in q.focus if f]
        scored = []
        for e in ents:
            s = e.strength if e.kind == t else 0.5 * e.strength  # "hur många platser": not kronor
            if t == "amount" and e.kind == "number":
                # "3,4 kilometer", "240 bostäder" are counts of something else, not money
                s = 0.15 if re.match(r"\s+[^\W\d]", sentence[e.end:]) else 0.3
            after = sentence[e.end:e.end + 40]
            end = e.end
            after_toks = tokens(after)[:3]
            matched_focus = [b for w, _a, b in after_toks if any(_focus_match(f, w) for f in focus)]
            if focus and not matched_focus and after_toks and after_toks[0][0][:1].isalpha() \
                    and not is_stopword(after_toks[0][0].lower()) and e.kind == "number":
                s *= 0.5  # "708 anställda" counts something else than the "tillsynsavdelningar" asked for
            if focus and matched_focus:
                s = min(1.0, s + 0.4)
                end = e.end + max(matched_focus)
                per = re.match(r"\s+per\s+\w+", sentence[end:])
                if per:
                    end += per.end()
            if e.kind == "amount":
                per = _PER_UNIT.match(sentence[end:])
                if per:  # "2 400 kronor per kvadratmeter ljus bruttoarea" -> "… per kvadratmeter"
                    end += per.end()
            scored.append(Entity(e.kind, sentence[e.start:end], e.start, end, s, e.value))
        best = _nearest(scored, chars, q, sentence)
        return (best.strength if best else 0.0), best
    if t == "person":
        persons = []
        for p in find_persons(sentence):
            words = tokens(p.text)
            # the role asked about ("kommundirektör") written with the name; a municipality
            # or other word of the question inside an organisation's name does not count
            named_role = any(_stem_match(role, word_terms(w)) for w, _a, _b in words for role in q.roles)
            has_party = "(" in p.text
            strength = 1.0 if named_role else (0.7 if has_party else 0.5)
            after = sentence[p.end:p.end + 30]
            if any(_focus_match(f, w) for w, _a, _b in tokens(after)[:3] for f in q.focus):
                strength = 1.0  # "Lars Hedman (SD) reserverar sig" for "Vem reserverade sig …"
            if " och " in p.text or ", " in p.text.split(")")[0]:
                strength += 0.05  # all of the people named together, not just one
            persons.append(Entity(p.kind, p.text, p.start, p.end, strength, p.value))
        best = _nearest(persons, chars, q, sentence)
        return (best.strength if best else 0.0), best
    if t == "place":
        best = _nearest(find_places(sentence), chars, q, sentence)
        if best is None:
            # "på internet", "inne på anstalten": a place phrase the recognisers do not know
            return (PLACE_PHRASE if _LOCATIVE.search(sentence) else 0.0), None
        return best.strength, best
    if t == "list":
        lists = find_lists(sentence)
        best = max(lists, key=lambda e: (e.strength, e.end - e.start)) if lists else None
        if best is None and sentence.count(",") >= 2 and re.search(r"\s(?:och|samt)\s", sentence):
            return 0.6, None  # an enumeration without a lead-in: the whole sentence
        return (best.strength if best else LIST_NONE), best
    if t == "reason":
        return (1.0 if _REASON_RE.search(sentence) else 0.3), None
    if t == "yesno":
        # a sentence that settles a yes/no question often says so outright: "Regeringen har inte fattat beslut"
        return (1.0 if _POLARITY.search(sentence) else NEUTRAL_TYPE), None
    if _DEFINITION_Q.search(q.question):
        # "Vad innebär tystnadsplikt?" is answered by "… innebär att …"
        return (1.0 if _DEFINITION_A.search(sentence) else NEUTRAL_TYPE), None
    prep = _PREPOSITION_Q.match(q.question)
    if prep:
        # "Med vad kan du styrka din identitet?" is answered by "med <something new>"
        word = prep.group(1).lower()
        for m in re.finditer(rf"(?<![\w]){word}\s+(\w+(?:\s+\w+){{0,2}})", sentence, re.I):
            if not _echoes_question(q, m.group(1)):
                return 1.0, None
        return 0.3, None
    return NEUTRAL_TYPE, None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "sentence" | "heading" (no final punctuation, short) | "question" (ends with "?")


def _split_fused(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """One sentence span cut where a heading or a label runs into it."""
    seg = text[s:e]
    cuts = [0]
    m = _LABEL_COLON.match(seg)
    if m and len(m.group(1).split()) <= 8:
        cuts.append(m.end())
    cuts += [m.end() for m in _FUSED_HEADING.finditer(seg)]
    cuts = sorted(set(cuts)) + [len(seg)]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = seg[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if b - trail > a + lead:
            out.append((s + a + lead, s + b - trail))
    return out


def answer_spans(text: str) -> list[Span]:
    """The passage's sentences, with run-in headings cut off and each span marked
    as a sentence, a heading or a question (neither of which can be an answer)."""
    out: list[Span] = []
    for s, e in sentences(text):
        for a, b in _split_fused(text, s, e):
            piece = text[a:b].rstrip()
            if piece.endswith("?"):
                kind = "question"
            elif _ITEM_HEADING.match(piece):
                kind = "heading"  # "§ 116 Dnr 2022/402-1.1.3 Medfinansiering av …"
            elif (not re.search(r"[.!;…)\]»”\"]$", piece)) and len(piece.split()) <= 8:
                kind = "heading"
            else:
                kind = "sentence"
            out.append(Span(a, b, kind))
    return out


def _sentence_spans(hit: PassageHit, answer_type: str) -> list[Span]:
    spans = answer_spans(hit.text)
    if answer_type != "list":
        return spans
    out = list(spans)
    # "… följande:" + bullet lines: one more candidate covering the lead-in and the bullets.
    for i, sp in enumerate(spans):
        if hit.text[sp.start:sp.end].rstrip().endswith(":"):
            j = i + 1
            while j < len(spans) and _BULLET_START.match(hit.text[spans[j].start:spans[j].end]):
                j += 1
            if j - i >= 3:
                out.append(Span(sp.start, spans[j - 1].end, "sentence"))
    return out


def _bullet_list(sentence: str) -> Entity | None:
    colon = sentence.find(":")
    if colon < 0 or "\n" not in sentence[colon:]:
        return None
    start = colon + 1
    while start < len(sentence) and sentence[start].isspace():
        start += 1
    return Entity("list", sentence[start:], start, len(sentence), 1.0)


_WH_WORDS = frozenset("vad vem vems vilka vilken vilket hur när var vart varför".split())


def _bigrams(text: str, skip: frozenset[str] = frozenset()) -> set[tuple[str, str]]:
    seq = [None if low in skip else (low if stop else forms[0]) for _w, _s, _e, low, forms, stop in _analysed(text)]
    return {(a, b) for a, b in zip(seq, seq[1:])
            if a and b and not (is_stopword(a) and is_stopword(b))}


def _phrase_overlap(q: QuestionAnalysis, sentence: str) -> float:
    """Share of the question's word pairs the sentence repeats in order ("ska
    åklagaren" in "Vad ska åklagaren göra …" and "Då ska åklagaren bevisa …"):
    word order and the little words carry meaning that lemma overlap drops."""
    if q.bigrams is None:
        q.bigrams = _bigrams(q.question, _WH_WORDS)
    if not q.bigrams:
        return 0.0
    return len(q.bigrams & _bigrams(sentence)) / len(q.bigrams)


def _novelty(q: QuestionAnalysis, sentence: str) -> float:
    """Share of new information: a sentence that only restates the question
    ("Andra kemister arbetar med säkerhet och kvalitetssäkring." for "Vad kan
    arbete med säkerhet och kvalitetssäkring innebära?") answers nothing."""
    novel = 0
    for _w, _s, _e, low, forms, stop in _analysed(sentence):
        if len(low) < 3 or stop or not any(ch.isalnum() for ch in low):
            continue
        if not _word_hits(q, forms):
            novel += 1
    return min(1.0, novel / NOVEL_WORDS_FULL)


def _echoes_question(q: QuestionAnalysis, text: str) -> bool:
    """True when every content word of ``text`` is already in the question."""
    words = [w for w, _s, _e in tokens(text)
             if (not is_stopword(w.lower()) or w.lower() in _NUMBER_WORD_SET) and any(ch.isalnum() for ch in w)]
    if not words:
        return False
    question = q.question.lower()

    def known(w: str) -> bool:
        if any(ch.isdigit() for ch in w) or w.lower() in _NUMBER_WORD_SET:
            return w.lower() in question  # a number is only an echo when the question has it
        return any(_stem_match(t, word_terms(w)) for t in q.terms)

    return all(known(w) for w in words)


def _context_overlap(q: QuestionAnalysis, spans: list[Span], i: int, text: str) -> float:
    """Overlap of a sentence read together with what comes before it in the passage.

    A sentence that leans on the previous one (a heading or question right
    before it, or an opening reference back: "Det innebär att …") counts it at
    CONTEXT_LEAN; any other sentence counts the two before it at CONTEXT_NEAR, so
    "Avgiften fastställs till 148 600 kronor." right after the sentence about the
    building permit is read as part of that case."""
    if i == 0:
        return 0.0
    prev, cur = spans[i - 1], spans[i]
    best = 0.0
    if prev.kind in ("heading", "question") or _ANAPHOR_START.match(text[cur.start:cur.end]):
        best = CONTEXT_LEAN * _match(q, text, prev.start, cur.end)[0]
    first = spans[max(0, i - 2)]
    return max(best, CONTEXT_NEAR * _match(q, text, first.start, cur.end)[0])


def _heading_overlap(q: QuestionAnalysis, hit: PassageHit, own: dict[str, float]) -> float:
    """Overlap of a sentence read under its heading: in minutes every sentence of
    an item is about what its § heading names; in a press release or a report
    without §§, about what the document's title names."""
    if hit.section_title:
        return CONTEXT_NEAR * _overlap(q, _found(q, hit.section_title)[0], own)
    if hit.section is None and hit.title:
        return CONTEXT_TITLE * _overlap(q, _found(q, hit.title)[0], own)
    return 0.0


CONTEXT_LEAN = 1.0
CONTEXT_NEAR = 0.75
CONTEXT_TITLE = 0.6  # a document title is a looser frame than a § heading


#: How much of a span's score survives by its kind: headings and questions in
#: the records are context, not answers.
KIND_FACTOR = {"sentence": 1.0, "heading": 0.55, "question": 0.3}
TOC_FACTOR = 0.5            # a list of § headings ("Paragrafer § 131 … § 132 …")
STRICT_TYPES = ("date", "period", "number", "amount", "person", "place")
NO_TYPE_FACTOR = 0.8        # a question wanting a date/amount/person, a sentence without one
UNANCHORED_TYPE = 0.85
WEAK_TYPE = 0.35            # below this the sentence only has e.g. "240 bostäder" for a question about money


#: Answer types whose answer is an entity the recognisers find (a date, a count …).
def score_candidates(q: QuestionAnalysis, hits: list[PassageHit], neighbours: frozenset[str] = frozenset()
                     ) -> list[Candidate]:
    """Every sentence of every hit as a candidate answer, with its features (the
    inputs of the learned model in model.py) and ``score``, the hand-weighted
    sum of the same signals (the model's fallback and one of its inputs' origins).
    ``neighbours`` holds the passage ids that came in as § neighbours, not by retrieval."""
    if not hits:
        return []
    top = max(h.score for h in hits) or 1.0
    out: list[Candidate] = []
    strict = q.answer_type in STRICT_TYPES
    for position, hit in enumerate(hits):
        missing_keys = _missing_key_terms(q, hit, _terms_of(hit))
        key_factor = MISSING_KEY_TERM ** missing_keys
        spans = _sentence_spans(hit, q.answer_type)
        for i, sp in enumerate(spans):
            s, e = sp.start, sp.end
            sent = hit.text[s:e]
            if len(sent) < 3:
                continue
            own_found, positions, chars = _found(q, hit.text, s, e)
            own = _overlap(q, own_found)
            prox = (len(positions) / (positions[-1] - positions[0] + 1) if len(positions) >= 2
                    else (0.5 if positions else 0.0))
            ctx = _context_overlap(q, spans, i, hit.text) if i < len(spans) else 0.0
            head = _heading_overlap(q, hit, own_found)
            overlap = max(own, ctx, head)
            reason_from_next = False
            if (q.answer_type == "reason" and i + 1 < len(spans)
                    and _THEREFORE_START.match(hit.text[spans[i + 1].start:spans[i + 1].end])):
                # "X. Därför Y." answers "Varför Y?" with X
                nxt = _match(q, hit.text, s, spans[i + 1].end)[0]
                if nxt > overlap:
                    overlap, reason_from_next = nxt, True
            if overlap == 0.0:
                continue
            tscore, ent = type_match(q, sent, chars)
            raw_strength = ent.strength if ent is not None else 0.0
            if own == 0.0:
                tscore *= UNANCHORED_TYPE  # no question word in the sentence itself: the entity may be about something else
            if reason_from_next:
                tscore = 1.0
            elif q.answer_type == "reason" and _THEREFORE_START.match(sent):
                tscore = 0.3  # the reason is in the sentence before
            echo = ent is not None and _echoes_question(q, ent.text)
            if echo:
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
            fallback = 0.0
            if tscore == 0.0 and strict:
                fallback = tscore = _type_fallback(q, sent)
            if ent is not None:
                ent = snap_to_words(sent, ent)
            decision = 1.0 if (q.wants_decision and hit.is_decision) else 0.0
            novelty = _novelty(q, sent)
            phrase = _phrase_overlap(q, sent)
            score = (W_OVERLAP * overlap + W_PROX * prox + W_TYPE * min(1.0, tscore) + W_COVERAGE * hit.coverage
                     + W_DECISION * decision + W_RANK * (hit.score / top)
                     + (W_NOVELTY * novelty if not strict else 0.0) + W_PHRASE * phrase)
            score *= KIND_FACTOR.get(sp.kind, 1.0)
            toc_list = len(_PARAGRAPH_LIST.findall(sent)) >= 3 and not (ent is not None and ent.end <= sent.find("§"))
            if toc_list:
                score *= TOC_FACTOR  # unless the answer stands before the list ("Sekreterare N.N. Paragrafer §§ …")
            weak = tscore < WEAK_TYPE and strict
            if weak:
                score *= NO_TYPE_FACTOR
            clash = constraint_clash(q, hit, sent)
            score *= clash_factor(clash)
            score *= key_factor
            dist = _entity_distance(ent, chars)
            words = len(sent.split())
            own_missing = sum(1 for t, w in q.terms.items()
                              if w >= 1.0 and q.idf.get(t, 1.0) >= KEY_TERM_IDF and t not in own_found)
            feats = {
                "overlap": overlap, "own_overlap": own, "context_overlap": ctx, "heading_overlap": head,
                "proximity": prox, "type": min(1.0, tscore), "type_strict": min(1.0, tscore) if strict else 0.0,
                "has_entity": 1.0 if ent is not None else 0.0, "entity_strength": raw_strength,
                "entity_near": (1.0 / (1.0 + dist / 40.0)) if dist is not None else 0.0,
                "type_fallback": fallback, "weak_type": 1.0 if weak else 0.0, "echo": 1.0 if echo else 0.0,
                "coverage": hit.coverage, "decision_asked": decision, "is_decision": 1.0 if hit.is_decision else 0.0,
                "rank_score": hit.score / top, "rank_position": 1.0 / (1.0 + position),
                "neighbour": 1.0 if hit.passage_id in neighbours else 0.0,
                "novelty": novelty, "novelty_open": novelty if not strict else 0.0, "phrase": phrase,
                "kind_heading": 1.0 if sp.kind == "heading" else 0.0,
                "kind_question": 1.0 if sp.kind == "question" else 0.0,
                "paragraph_list": 1.0 if toc_list else 0.0,
                "municipality_clash": clash[0], "municipality_elsewhere": clash[1],
                "missing_number": clash[2], "missing_name": clash[3],
                "missing_key_terms": min(3.0, float(missing_keys)),
                "doc_date_answer": 1.0 if needs_doc_date else 0.0,
                "sentence_words": math.log1p(words) / 5.0, "long_sentence": 1.0 if words > 40 else 0.0,
                "low_quality": 1.0 if hit.low_quality else 0.0,
                "own_missing": min(3.0, float(own_missing)),
                "event_in_sentence": _event_in(q, sent),
                "focus_unit": 1.0 if ent is not None and _names_focus(q, ent.text) else 0.0,
                "role_named": 1.0 if q.roles and ent is not None and _names_role(q, sent, ent) else 0.0,
                "organisation_for_role": 1.0 if (q.roles and ent is not None and ent.kind == "person"
                                                 and _ORGANISATION_NAME.search(ent.text)) else 0.0,
                "hand_score": score,
            }
            out.append(Candidate(hit, s, e, score, overlap, tscore, ent, chars, needs_doc_date, feats))
    _add_relative_features(out)
    out.sort(key=lambda c: -c.score)
    return out


#: Signals also read relative to the question's other candidates: how far below
#: the best candidate's value, and the rank. Absolute overlaps differ from question
#: to question (a long question is rarely covered fully); the best of them is what counts.
RELATIVE_FEATURES = ("overlap", "own_overlap", "hand_score", "type", "proximity", "phrase", "coverage", "rank_score")


def _add_relative_features(cands: list[Candidate]) -> None:
    for name in RELATIVE_FEATURES:
        values = sorted({c.features[name] for c in cands}, reverse=True)
        if not values:
            return
        rank_of = {v: i for i, v in enumerate(values)}
        for c in cands:
            v = c.features[name]
            c.features[f"{name}_below_best"] = v - values[0]
            c.features[f"{name}_rank"] = 1.0 / (1.0 + rank_of[v])


_ORGANISATION_NAME = re.compile(r"(?<![\w])(?:AB|HB|KB|ek\.\s?för\.|ekonomisk\s+förening)(?![\w])")


def _event_in(q: QuestionAnalysis, sentence: str) -> float:
    """1.0 when the sentence has the verb the question asks about ("undertecknades" for
    "När undertecknades …", not "godkände"), 0.0 when it lacks it, 0.5 when the question has none."""
    if not q.event:
        return 0.5
    words = _analysed(sentence)
    if any(_stem_match(q.event[0], forms) for *_x, forms, _stop in words):
        return 1.0
    if DECISION_WORDS.match(q.event[0]):
        # decisions are written with many verbs: "beslutade" is answered by "godkände", "antog" …
        return 1.0 if any(DECISION_WORDS.match(low) for _w, _s, _e, low, _f, _stop in words) else 0.0
    return 0.0


def _names_focus(q: QuestionAnalysis, text: str) -> bool:
    """The answer names the unit asked for ("60 platser" for "hur många yrkesvuxplatser")."""
    return bool(q.focus) and any(_focus_match(f, w) for w, _s, _e in tokens(text) for f in q.focus)


def _names_role(q: QuestionAnalysis, sentence: str, ent: Entity) -> bool:
    """The role asked about stands with the answer ("Anders Lidström, kommundirektör")."""
    around = sentence[max(0, ent.start - 40):ent.end + 40]
    return any(_stem_match(role, word_terms(w)) for w, _s, _e in tokens(around) for role in q.roles)


def _entity_distance(ent: Entity | None, chars: list[int]) -> float | None:
    """Characters between the answer entity and the nearest matched question word."""
    if ent is None or not chars:
        return None
    return float(min(0 if ent.start <= c <= ent.end else min(abs(c - ent.start), abs(c - ent.end)) for c in chars))


def snap_to_words(sentence: str, ent: Entity) -> Entity:
    """The entity widened to whole words: a span never starts or ends inside a
    word ("s miljöprogram" out of "FN:s miljöprogram" becomes "FN:s miljöprogram")."""
    s, e = max(0, ent.start), min(len(sentence), ent.end)

    def inner(a: str, b: str) -> bool:  # a and b belong to one word
        return (a.isalnum() or a in ":-") and b.isalnum() or a.isalnum() and b in ":"

    while 0 < s < len(sentence) and sentence[s - 1] != " " and inner(sentence[s - 1], sentence[s]):
        s -= 1
    while 0 < e < len(sentence) and sentence[e - 1].isalnum() and (sentence[e].isalnum() or
                                                                    (sentence[e] == ":" and e + 1 < len(sentence)
                                                                     and sentence[e + 1].isalpha())):
        e += 1
    if (s, e) == (ent.start, ent.end):
        return ent
    return Entity(ent.kind, sentence[s:e], s, e, ent.strength, ent.value)


_WHEN_CLAUSE = re.compile(r"(?<![\w])(?:(?<!nu )när|då|efter\s+att|innan|förrän|i\s+samband\s+med|så\s+snart|dagtid|kvällstid"
                          r"|nattetid|helger\w*|vardagar)(?![\w])|^(?:Om|Vid)\s", re.I)
_WHO_WORDS = re.compile(
    r"(?<![\w])(?:[A-ZÅÄÖ][\wåäö-]*(?:verket|styrelsen|nämnden|myndigheten|domstolen|rätten|kommun|region\w*|AB)"
    r"|\w*(?:givare|givaren|havare|havaren|ägare|ägaren|man|mannen|ombud|ombudet|förälder|föräldrar\w*|"
    r"sökande|sökanden|ansvarig\w*|nämnd\w*|styrelse\w*|förvaltning\w*))(?![\w])")


_MEMBER_VERBS = re.compile(r"^(?:reserver\w*|yrka\w*|yrkade|röstade|justera\w*|närvara\w*|deltog|valdes|utsågs)$", re.I)


def _asks_for_members(q: QuestionAnalysis) -> bool:
    """"Vem reserverade sig …", "Vilka yrkade …": only named people can answer."""
    return any(_MEMBER_VERBS.match(w) for w in q.question.split())


def _type_fallback(q: QuestionAnalysis, sentence: str) -> float:
    """A weaker sign of the expected type when no recogniser fired: a "när" clause
    for a when-question, an organisation or role noun for a who-question."""
    if q.answer_type == "date" and _WHEN_CLAUSE.search(sentence):
        return 0.4
    if q.answer_type == "person" and _WHO_WORDS.search(sentence) and not _asks_for_members(q):
        return 0.4
    return 0.0


_PARTNER_BEFORE = re.compile(r"(?:\bmed|\boch|\bmellan|\bsamt|–|-)\s*$", re.I)
_QNUM = re.compile(r"(?<![\w,.])\d[\d  ]*\d(?![\w])")
MUNICIPALITY_CLASH = 0.6    # the question asks about Boden, the sentence is about Luleå (or the reverse)
MUNICIPALITY_ELSEWHERE = 0.75  # … the sentence names neither and the document is only the other's
MISSING_NUMBER = 0.65       # "§ 140", "från 380 till 350": a number of the question the passage lacks
MISSING_NAME = 0.7          # "Region Norrbotten": a name of the question the passage lacks


@lru_cache(maxsize=8192)
def _municipality_mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, municipality) of every municipality named in ``text``
    (any of Sweden's and Finland's Swedish-speaking ones, from the organisations file)."""
    from indexer.organisations import find_mentions

    return tuple((m.start, m.end, m.org.municipality) for m in find_mentions(text)
                 if m.org is not None and m.org.municipality)


def _munis(text: str) -> set[str]:
    return {name for _s, _e, name in _municipality_mentions(text)}


def question_constraints(q: QuestionAnalysis) -> tuple[str | None, list[str], list[str]]:
    """(the one municipality the question is about or None, its numbers, its names)."""
    if q.constraints is None:
        mentions = _municipality_mentions(q.question)
        munis = {name for _s, _e, name in mentions}
        if len(munis) > 1:
            # "… i Luleå … med Bodens kommun": the partner after "med"/"och" is not the one asked about
            munis = {name for start, _e, name in mentions if not _PARTNER_BEFORE.search(q.question[:start])}
        muni = next(iter(munis)) if len(munis) == 1 else None
        numbers = [" ".join(n.split()) for n in _QNUM.findall(q.question)]
        spans = [(a, b) for a, b, _n in mentions]
        names = []
        for i, (w, ws, we) in enumerate(tokens(q.question)):
            if i == 0 or not w[:1].isupper() or not w.isalpha() or len(w) < 3:
                continue
            if any(a <= ws and we <= b for a, b in spans):
                continue  # a municipality: weighed by the municipality rule
            names.append(w)
        q.constraints = (muni, numbers, names)
    return q.constraints


def _has_name(name: str, text_lower: str) -> bool:
    low = name.lower()
    stem = low[:max(4, len(low) - 2)]  # "H2 Green Steels" -> "steel", "Hägern" -> "häge"
    return stem in text_lower


def constraint_clash(q: QuestionAnalysis, hit: PassageHit, sentence: str) -> tuple[float, float, float, float]:
    """What the question names that the passage contradicts or lacks, as flags:
    (another municipality in the sentence, the document only another
    municipality's, a number of the question missing, a name missing)."""
    muni, numbers, names = question_constraints(q)
    clash = elsewhere = no_number = no_name = 0.0
    if muni:
        in_sentence = _munis(sentence)
        if in_sentence and muni not in in_sentence:
            clash = 1.0
        elif not in_sentence and hit.municipalities and muni not in hit.municipalities:
            elsewhere = 1.0
    if numbers or names:
        haystack = " ".join((hit.text, hit.title, hit.date or "", hit.section_title or "",
                             f"§ {hit.section}" if hit.section is not None else "")).lower()
        flat = " ".join(haystack.split())
        if any(n not in flat and n.replace(" ", "") not in flat for n in numbers):
            no_number = 1.0
        if any(not _has_name(n, haystack) for n in names):
            no_name = 1.0
    return clash, elsewhere, no_number, no_name


def clash_factor(flags: tuple[float, float, float, float]) -> float:
    """How far the passage can be about what the question names (constraint_clash's
    flags): its municipality, its numbers and its proper names. 1.0 when nothing clashes."""
    clash, elsewhere, no_number, no_name = flags
    return ((MUNICIPALITY_CLASH if clash else 1.0) * (MUNICIPALITY_ELSEWHERE if elsewhere else 1.0)
            * (MISSING_NUMBER if no_number else 1.0) * (MISSING_NAME if no_name else 1.0))


# Nouns that frame the question rather than name its subject ("vilket datum", "vilken period").
_FRAME_NOUN = re.compile(r"^(?:datum|dag|tidpunkt|period|tid|år|månad|vecka|plats|ort|belopp|summa|antal|anledning|skäl"
                         r"|orsak|syfte|person|namn)$")
MISSING_KEY_TERM = 0.9  # per distinctive question word the passage (with its headings) never uses
KEY_TERM_IDF = 1.0      # "distinctive": at least as rare as a typical question word


def _terms_of(hit: PassageHit) -> set[str]:
    out: set[str] = set()
    for text in (hit.text, hit.title, hit.section_title or ""):
        for _w, _s, _e, _low, forms, _stop in _analysed(text):
            out.update(forms)
    return out


def _missing_key_terms(q: QuestionAnalysis, hit: PassageHit, passage_terms: set[str]) -> int:
    """"drifttekniker" in the question, a passage about another programme: how many
    distinctive words of the question the passage lacks."""
    missing = 0
    for term, weight in q.terms.items():
        if weight < 1.0 or q.idf.get(term, 1.0) < KEY_TERM_IDF or _FRAME_NOUN.match(term):
            continue
        if term in passage_terms or any(_stem_match(term, (t,)) for t in passage_terms):
            continue
        if term in q.heads and q.heads[term] in passage_terms:
            continue  # "mässan" stands for "rekryteringsmässan"
        missing += 1
    return missing
