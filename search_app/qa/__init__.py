"""Extractive question answering in Swedish over the council records.

    from search_app.qa import answer_question
    ans = answer_question(store, "När ställde sig kommunstyrelsens arbetsutskott bakom förslaget?")
    ans.answer      # "7 juni 2022" — always a verbatim slice of ans.source.text, or None
    ans.sentence    # the whole sentence it comes from

Pipeline: question analysis (question.py: expected answer type + content
terms) -> passages from ``store.search_passages`` and their § neighbours ->
every sentence a candidate with its features (answer.py, with rule-based
recognisers for dates, periods, amounts, persons, places and lists in
entities.py) -> the learned ranker picks the best (model.py), the primary and
latest source wins among near-equals -> the learned confidence model says how
likely it is right; below the model's threshold no answer is given.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from indexer.models import DOC_TYPE_SOURCE_TIERS
from indexer.store.base import PassageHit, QueryError, Store

from .answer import STRICT_TYPES, Candidate, score_candidates
from .model import AnswerModel, answer_features, default_model
from .entities import find_dates
from .question import ANSWER_TYPES, QuestionAnalysis, analyze_question

__all__ = ["Answer", "AlternativeAnswer", "answer_question", "ANSWER_TYPES", "analyze_question"]

RETRIEVE_LIMIT = 20
#: An answer is cut down to its entity only when the recogniser is this sure of it;
#: otherwise the whole sentence is the answer (a bare "Sverige" after "i" is
#: rarely the place asked for, "i Boden arena" is).
TRIM_MIN_STRENGTH = {"place": 0.8}
MAX_PASSAGES = 3


@dataclass
class Answer:
    question: str
    answer: str | None          # verbatim span (or whole sentence) copied from a passage; None = abstain
    answer_type: str            # "date" | "period" | "person" | "list" | "number" | "amount" | "place" | "reason" | "yesno" | "other"
    confidence: float           # 0..1
    sentence: str | None        # the full verbatim sentence containing the answer
    source: PassageHit | None   # passage the answer comes from (doc, page, §)
    passages: list[PassageHit] = field(default_factory=list)  # up to 3 supporting passages (the source first)
    # offsets of the answer inside ``sentence`` (for highlighting); None when abstaining
    answer_start: int | None = None
    answer_end: int | None = None
    #: other candidate answers from other sentences, best first ("Andra möjliga svar")
    alternatives: list["AlternativeAnswer"] = field(default_factory=list)
    #: True when a high-confidence alternative from another document gives a different
    #: answer (the UI says the sources disagree and shows both)
    disagreement: bool = False


@dataclass
class AlternativeAnswer:
    answer: str                 # verbatim span of ``sentence``
    sentence: str
    answer_start: int
    answer_end: int
    confidence: float
    source: PassageHit


def _supporting(first: PassageHit | None, hits: list[PassageHit], extra: list[PassageHit] = ()) -> list[PassageHit]:
    out: list[PassageHit] = []
    seen: set[str] = set()
    for h in ([first] if first else []) + list(extra) + list(hits):
        if h is None or h.passage_id in seen:
            continue
        seen.add(h.passage_id)
        out.append(h)
        if len(out) >= MAX_PASSAGES:
            break
    return out


_DATE_PASSAGE_QUERY = "plats och tid sammanträdesdatum datum publicerad"


def _document_date_candidate(store: Store, q: QuestionAnalysis, cand: Candidate
                             ) -> tuple[PassageHit, int, int, object] | None:
    """For a "när" question whose best sentence has no date of its own (a decision
    paragraph, "ställde sig idag bakom"): the sentence in the same document that
    states the document's own date (the meeting's "Plats och tid …", "Sammanträdesdatum …")."""
    doc_date = cand.hit.date
    if not doc_date:
        return None
    try:
        hits = store.search_passages(_DATE_PASSAGE_QUERY + " " + doc_date, limit=80)
    except QueryError:
        return None
    from indexer.analysis import sentences
    best = None
    for h in hits:
        if h.doc_id != cand.hit.doc_id:
            continue
        for d in find_dates(h.text):
            # the prose date ("måndagen den 22 augusti 2022") reads better than a header's 2022-08-22
            if d.value == doc_date[:10] and (best is None or d.strength > best[3].strength):
                for s, e in sentences(h.text):
                    if s <= d.start and d.end <= e:
                        best = (h, s, e, d)
                        break
    return best


def _idf(store: Store, terms: dict[str, float]) -> dict[str, float] | None:
    """Inverse passage frequency of each analysed term, normalised so 1.0 is a
    mid-frequency word. A term the corpus never uses gets weight 0 (no sentence
    can match it, so it says nothing about which sentence is best; unknown
    names are handled by ``_unknown_names``). None for stores that do not
    expose frequencies (then all terms weigh the same)."""
    import math

    try:
        n, dfs = store.term_frequencies(terms)
    except (AttributeError, NotImplementedError):
        return None
    raw = {t: (math.log((n + 1) / (df + 1)) if df else 0.0) for t, df in dfs.items()}
    known = [v for v in raw.values() if v > 0]
    mean = sum(known) / len(known) if known else 1.0
    if not known:
        return {t: 0.0 for t in raw}
    # A lemma the index never holds may still match another form of the word in a
    # sentence ("anmäla" ~ "Anmälan"), so it keeps half the weight of a typical word.
    return {t: (v / mean if v > 0 else UNSEEN_TERM_WEIGHT) for t, v in raw.items()}


UNSEEN_TERM_WEIGHT = 0.5


def _unknown_names(store: Store, question: str) -> list[str]:
    """Words of the question the records never use, so they cannot be about them:
    capitalised names inside the question ("Piteå", "Kalix"), and compounds whose
    every part is unknown too ("simhall"). Unknown plain words ("kostar", "pengar")
    are not counted: they are often just phrased differently in the records."""
    from indexer.analysis import tokens, word_terms

    words = [(i, surface, word_terms(surface)) for i, (surface, _s, _e) in enumerate(tokens(question))
             if surface.isalpha()]
    try:
        _n, df = store.term_frequencies({t for _i, _w, terms in words for t in terms})
    except (AttributeError, NotImplementedError):
        return []
    out = []
    for i, surface, terms in words:
        if i > 0 and surface[:1].isupper():
            if df.get(terms[0], 0) == 0:
                out.append(surface)
        elif len(terms) >= 3 and all(df.get(t, 0) == 0 for t in terms):
            out.append(surface)
    return out


#: How many of the best passages lend their § item's other passages to the answer search.
EXPAND_TOP = 10
#: Rank and coverage a § neighbour inherits from the passage that matched.
NEIGHBOUR_FACTOR = 0.9


def _with_section_neighbours(store: Store, hits: list[PassageHit]) -> list[PassageHit]:
    """The hits plus, for the best ones in minutes, the rest of their § item: a
    reservation or a cost often stands in a short passage of its own that shares
    few words with the question ("Reservation: Lars Hedman (SD) reserverar sig
    mot beslutet."), while the item as a whole matches it."""
    seen = {h.passage_id for h in hits}
    out = list(hits)
    done: set[tuple[str, int]] = set()
    for h in hits[:EXPAND_TOP]:
        if h.section is None or (h.doc_id, h.section) in done:
            continue
        done.add((h.doc_id, h.section))
        try:
            neighbours = store.section_passages(h.doc_id, h.section)
        except (AttributeError, NotImplementedError):
            return hits
        for n in neighbours:
            if n.passage_id in seen:
                continue
            seen.add(n.passage_id)
            n.score = round(h.score * NEIGHBOUR_FACTOR, 4)
            n.coverage = round(h.coverage * NEIGHBOUR_FACTOR, 3)
            out.append(n)
    return out


#: How near to the best candidate's probability another must come to compete
#: on its source: within this margin the decision, minutes or agreement itself
#: wins over a press release about it, and the later document over the earlier.
#: A fixed policy, not fitted: the model has no signal for it in its training data.
PREFER_MARGIN = 0.25
#: … and be likely right in itself.
RIVAL_MIN = 0.5
#: Source tiers: the record itself, then papers preparing a decision, then news about it.
SOURCE_TIER = DOC_TYPE_SOURCE_TIERS   # defined with the document types in indexer/models.py
MAX_ALTERNATIVES = 3
#: Candidates considered when resolving answers (a "när" answer may need the document's date sentence).
CONSIDER = 12


@dataclass
class Gathered:
    """Everything answer_question reads before choosing: the analysed question,
    the passages, and every candidate sentence with its features."""
    question: str
    analysis: QuestionAnalysis
    hits: list[PassageHit]
    candidates: list[Candidate]
    unknown_names: list[str]


@dataclass
class Resolved:
    """A candidate turned into an answer: the sentence (possibly another passage's,
    for a "när" answer that is the document's own date) and the answer's offsets in it."""
    candidate: Candidate
    hit: PassageHit
    sentence: str
    start: int
    end: int
    extra: list[PassageHit] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.sentence[self.start:self.end]


def gather(store: Store, question: str) -> Gathered:
    """Analyse the question, retrieve passages (with their § neighbours) and
    score every sentence as a candidate."""
    question = " ".join((question or "").split())
    q = analyze_question(question)
    if not question or not q.terms:
        return Gathered(question, q, [], [], [])
    idf = _idf(store, q.terms)
    if idf is not None:
        q.idf = idf
        if not any(v > 0 for v in idf.values()):  # no question word occurs in the records at all
            return Gathered(question, q, [], [], [])
    unknown = _unknown_names(store, question)
    try:
        hits = store.search_passages(question, limit=RETRIEVE_LIMIT)
    except QueryError:  # a question that cannot be parsed as a query: retry with its content words
        try:
            hits = store.search_passages(q.search_text, limit=RETRIEVE_LIMIT)
        except QueryError:
            hits = []
    retrieved = {h.passage_id for h in hits}
    hits = _with_section_neighbours(store, hits)
    neighbours = frozenset(h.passage_id for h in hits if h.passage_id not in retrieved)
    return Gathered(question, q, hits, score_candidates(q, hits, neighbours), unknown)


def resolve(store: Store, g: Gathered, cand: Candidate, cache: dict | None = None) -> Resolved | None:
    """The answer a candidate gives: its entity when the recogniser is sure of it,
    else the whole sentence; None when it needs the document's date and none is found."""
    q = g.analysis
    if cand.needs_doc_date:
        key = cand.hit.doc_id
        if cache is not None and key in cache:
            found = cache[key]
        else:
            found = _document_date_candidate(store, q, cand)
            if cache is not None:
                cache[key] = found
        if not found:
            return None
        date_hit, ds, de, d = found
        sentence = date_hit.text[ds:de]
        return Resolved(cand, date_hit, sentence, d.start - ds, d.end - ds, [cand.hit])
    sentence = cand.sentence
    ent = cand.entity
    if (ent is not None and 0 <= ent.start < ent.end <= len(sentence)
            and ent.strength >= TRIM_MIN_STRENGTH.get(ent.kind, 0.0)):
        return Resolved(cand, cand.hit, sentence, ent.start, ent.end)
    return Resolved(cand, cand.hit, sentence, 0, len(sentence))


def rank(g: Gathered, model: AnswerModel) -> list[Candidate]:
    """The candidates, each with the model's probability, best first."""
    for c in g.candidates:
        c.probability = model.ranker.probability(c.features)
    return sorted(g.candidates, key=lambda c: (-(c.probability or 0.0), -c.score))


def _norm(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _same_answer(a: Resolved, b: Resolved) -> bool:
    x, y = _norm(a.text), _norm(b.text)
    return bool(x) and bool(y) and (x in y or y in x)


def _rival_floor(best: float) -> float:
    """The probability another answer needs to compete with the best one (PREFER_MARGIN, RIVAL_MIN)."""
    return max(RIVAL_MIN, best - PREFER_MARGIN)


def _tier(hit: PassageHit) -> int:
    return SOURCE_TIER.get(hit.doc_type, 1)


def prefer_source(answers: list[Resolved]) -> Resolved:
    """Among near-equal answers, the primary and latest source (see PREFER_MARGIN)."""
    best = answers[0]
    p0 = best.candidate.probability or 0.0
    floor = min(p0, _rival_floor(p0))
    rivals = [r for r in answers if (r.candidate.probability or 0.0) >= floor]
    return max(rivals, key=lambda r: (_tier(r.hit), r.hit.date or "", r.candidate.probability or 0.0))


def confidence_features(g: Gathered, chosen: Resolved, answers: list[Resolved]) -> dict[str, float]:
    """The confidence model's inputs for the chosen answer among all resolved ones."""
    p1 = chosen.candidate.probability or 0.0
    others = [r.candidate.probability or 0.0 for r in answers if r is not chosen and not _same_answer(r, chosen)]
    return answer_features(
        p1, max(others, default=0.0), [c.probability or 0.0 for c in g.candidates],
        strict_type=g.analysis.answer_type in STRICT_TYPES, unknown_names=len(g.unknown_names),
        best_coverage=chosen.hit.coverage, question_terms=len(g.analysis.terms),
        best_features=chosen.candidate.features)


def select(store: Store, g: Gathered, ranked: list[Candidate], cache: dict | None = None) -> list[Resolved]:
    """The best CONSIDER candidates (ranked, with probabilities set) resolved to answers, in rank order."""
    answers: list[Resolved] = []
    seen: set[tuple[str, int]] = set()
    for cand in ranked[:CONSIDER]:
        key = (cand.hit.passage_id, cand.start)
        if key in seen:
            continue
        seen.add(key)
        r = resolve(store, g, cand, cache)
        if r is not None:
            answers.append(r)
    return answers


def choose(store: Store, g: Gathered, model: AnswerModel, cache: dict | None = None
           ) -> tuple[Resolved | None, list[Resolved], float]:
    """(the answer, the other candidate answers best first, its confidence)."""
    answers = select(store, g, rank(g, model), cache)
    if not answers:
        return None, [], 0.0
    chosen = prefer_source(answers)
    rest = [r for r in answers if r is not chosen]
    return chosen, rest, model.confidence.probability(confidence_features(g, chosen, answers))


#: Other answers shown only when the ranker gives them at least this probability.
ALTERNATIVE_MIN = 0.2


def _alternatives(answers: list[Resolved], shown: list[Resolved]) -> list[AlternativeAnswer]:
    """Up to MAX_ALTERNATIVES other answers, best first, one per answer and document."""
    out: list[AlternativeAnswer] = []
    shown = list(shown)
    for r in answers:
        if (r.candidate.probability or 0.0) < ALTERNATIVE_MIN:
            continue
        if any(_same_answer(r, s) and r.hit.doc_id == s.hit.doc_id for s in shown):
            continue
        shown.append(r)
        out.append(AlternativeAnswer(r.text, r.sentence, r.start, r.end, round(r.candidate.probability or 0.0, 4),
                                     r.hit))
        if len(out) >= MAX_ALTERNATIVES:
            break
    return out


def answer_question(store: Store, question: str, model: AnswerModel | None = None) -> Answer:
    """The best verbatim answer to ``question`` from the store's passages, or an
    abstention (answer None) when the model's confidence is below its threshold."""
    model = model or default_model()
    g = gather(store, question)
    q = g.analysis
    if not g.candidates:
        return Answer(g.question, None, q.answer_type, 0.0, None, None, _supporting(None, g.hits))
    chosen, rest, confidence = choose(store, g, model)
    if chosen is None:
        return Answer(g.question, None, q.answer_type, 0.0, None, None, _supporting(None, g.hits))
    confidence = max(0.0, min(1.0, round(confidence, 4)))
    p0 = max(r.candidate.probability or 0.0 for r in [chosen] + rest)
    disagreement = q.answer_type in STRICT_TYPES and any(
        r.hit.doc_id != chosen.hit.doc_id and not _same_answer(r, chosen)
        and (r.candidate.probability or 0.0) >= _rival_floor(p0)
        for r in rest)
    if confidence < model.threshold:
        # no answer, but what the records may say, for the reader to judge
        return Answer(g.question, None, q.answer_type, confidence, None, None, _supporting(None, g.hits),
                      alternatives=_alternatives([chosen] + rest, []), disagreement=disagreement)
    alternatives = _alternatives(rest, [chosen])
    passages = _supporting(chosen.hit, g.hits, chosen.extra)
    return Answer(g.question, chosen.text, q.answer_type, confidence, chosen.sentence, chosen.hit, passages,
                  chosen.start, chosen.end, alternatives, disagreement)
