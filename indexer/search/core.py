"""The product's search, written against the engine interface (engine.py).

Which documents match (all words in a short query, most in a long one,
phrases and expressions always), the filters and exact facet counts per
document, the ranking (words covered, score, passages, date), the "Menade du"
trigger and the hits with their snippets: the same for every engine.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import numpy as np

from ..vocabulary import PLAIN_WORD
from .documents import DocMeta
from .engine import Clause, Engine
from .query import PLAIN, TEXT, Node, Term, UserQuery
from .results import FacetValue, Hit, PassageHit, QueryError, SearchRequest, SearchResult, SORTS
from .snippets import render, snippet
from .syntax import min_should_match, parse_user_query

#: Fewer documents than this (or only some of the words matched) and the
#: result offers a respelt query when one finds more ("Menade du …?").
SUGGEST_BELOW = 3


@dataclass
class Matched:
    """Documents a query matched, in the order of their best passages in the
    engine's result order (score descending, then record number)."""

    doc: np.ndarray       # document position in DocArrays
    score: np.ndarray     # best passage score
    record: np.ndarray    # best passage record number (-1: none, e.g. browsing)
    n: np.ndarray         # matching passages
    #: how many of the query's words (clauses) each document contains, the first
    #: ranking key: more words rank above fewer (None: not ranked by words)
    cover: np.ndarray | None = None

    def take(self, keep: np.ndarray) -> "Matched":
        return Matched(self.doc[keep], self.score[keep], self.record[keep], self.n[keep],
                       None if self.cover is None else self.cover[keep])

    @classmethod
    def browsing(cls, docs: np.ndarray) -> "Matched":
        n = len(docs)
        return cls(doc=docs, score=np.zeros(n), record=np.full(n, -1, dtype=np.int64), n=np.zeros(n, dtype=np.int64))


@dataclass
class Clauses:
    """A parsed query's clauses compiled by the engine, by role (see UserQuery);
    clauses that analysis leaves nothing of (stop words) are gone."""

    counted: list[Clause]
    required: list[Clause]
    optional: list[Clause]
    excluded: list[Clause]


def compile_query(engine: Engine, uq: UserQuery, plain_fallback: bool = False) -> Clauses:
    seen: list[Clause] = []

    def compiled(nodes: list[Node]) -> list[Clause]:
        # Words the engine analyses alike ("året", "år") are one clause: they
        # count once towards most-words and coverage.
        out = []
        for c in map(engine.compile, nodes):
            if c is not None and not any(c == s for s in seen):
                seen.append(c)
                out.append(c)
        return out

    counted, required = compiled(uq.content), compiled(uq.required)
    optional, excluded = compiled(uq.question), compiled(uq.excluded)
    if not counted and not required:
        # Only question words ("vad heter", "stora"): then they are the query.
        counted, optional = optional, []
    if plain_fallback and not counted and not required and not excluded:
        # Only stop words ("tidigare", "bland annat", "har tidigare"): the analysed
        # fields drop them, so look for them as written in the plain word field,
        # rather than match every document.
        typed = list(uq.words) + list(uq.phrase_words)
        plain = list(dict.fromkeys(w.lower() for t in typed for w in PLAIN_WORD.findall(t)))
        counted = compiled([Term(w, PLAIN) for w in plain])
    return Clauses(counted, required, optional, excluded)


def match(engine: Engine, clause: Clause, memo: object | None = None) -> Matched:
    """Each matching document with its best passage (score descending, then
    record number) and its number of matching passages."""
    ids, scores = engine.records(clause, memo)
    a = engine.arrays
    doc = a.record_doc[ids]
    # Document records carry no text, so only passages match.
    keep = doc >= 0
    if not keep.all():
        ids, scores, doc = ids[keep], scores[keep], doc[keep]
    if not len(ids):
        empty = np.zeros(0, dtype=np.int64)
        return Matched(doc=empty, score=np.zeros(0), record=empty, n=empty)
    # A document's passages are consecutive records, so (ids being sorted) each
    # document is one run: best score per run, its first record, run length.
    starts = np.flatnonzero(np.concatenate(([True], doc[1:] != doc[:-1])))
    if np.bincount(doc[starts], minlength=len(a.ids)).max() <= 1:
        best = np.maximum.reduceat(scores, starts)
        lengths = np.diff(np.append(starts, len(ids)))
        at_best = np.flatnonzero(scores == np.repeat(best, lengths))
        run = np.searchsorted(starts, at_best, side="right") - 1
        first_at_best = at_best[np.concatenate(([True], run[1:] != run[:-1]))]
        d, sc, rec, n = doc[starts], best, ids[first_at_best], lengths
        order = np.lexsort((rec, -sc))
        return Matched(doc=d[order], score=sc[order], record=rec[order], n=n[order])
    order = np.lexsort((ids, -scores))
    doc_o = doc[order]
    _uniq, first = np.unique(doc_o, return_index=True)
    first = first[np.argsort(first, kind="stable")]
    counts = np.bincount(doc, minlength=len(a.ids))
    return Matched(doc=doc_o[first], score=scores[order][first], record=ids[order][first], n=counts[doc_o[first]])


def _doc_set(engine: Engine, clause: Clause, memo: object | None = None) -> np.ndarray:
    """Sorted positions of the documents with a passage matching the clause."""
    return engine.arrays.docs_of(engine.records(clause, memo)[0])


def match_documents(engine: Engine, uq: UserQuery) -> tuple[list[Clause], Matched, bool]:
    """Documents that contain the query's words somewhere (not necessarily in
    one passage), each with its best passage under an OR of the words.

    Phrases, operator expressions and titel: words are all needed; of the
    other words (question words and stop words left out) every one in a
    short query, most in a long one (syntax.min_should_match). Question words
    only rank. Documents with more of the words rank first. When no document
    qualifies, fall back to any of the words (relaxed). Returns the clauses
    that scored (for highlighting), the matches and whether it relaxed.
    """
    cl = compile_query(engine, uq, plain_fallback=True)
    positive = cl.required + cl.counted       # the clauses that decide which documents match
    a = engine.arrays
    # Each word's clause is evaluated once per search and may be remembered by
    # the engine across searches.
    memo = engine.memo(positive + cl.optional + cl.excluded)
    scoring = None
    if len(positive) == 1 and not cl.optional:
        # One word: the scoring search itself says which documents have it.
        scoring = positive[0]
        scored = match(engine, scoring, memo)
        sets = [np.sort(scored.doc)]  # one entry per document already
    else:
        sets = [_doc_set(engine, c, memo) for c in positive]
    allowed = np.arange(len(a.ids))
    for s_ in sets[:len(cl.required)]:
        allowed = np.intersect1d(allowed, s_, assume_unique=True)
    if cl.counted:
        need = min_should_match(len(cl.counted))
        hits = np.zeros(len(a.ids), dtype=np.int64)
        for s_ in sets[len(cl.required):]:
            hits[s_] += 1
        allowed = np.intersect1d(allowed, np.flatnonzero(hits >= need), assume_unique=True)
    relaxed = False
    if not len(allowed) and len(sets) > 1:
        allowed = np.unique(np.concatenate(sets))
        relaxed = bool(len(allowed))
    for c in cl.excluded:
        allowed = np.setdiff1d(allowed, _doc_set(engine, c, memo), assume_unique=True)
    if not positive:
        return [], Matched.browsing(allowed), False
    if scoring is None:
        scoring = engine.any_of(positive + cl.optional)
        scored = match(engine, scoring, memo)
    matches = scored.take(np.isin(scored.doc, allowed))
    # A document with more of the words is the better answer: it ranks above
    # those with fewer (cover), and its score is scaled by the share it has.
    cover = np.zeros(len(matches.doc), dtype=np.int64)
    for s_ in sets:
        cover += np.isin(matches.doc, s_)
    if len(sets) > 1 and (cover < len(sets)).any():
        matches.score = matches.score * (cover / len(sets))
    matches.cover = cover
    return positive + cl.optional, matches, relaxed and bool(len(matches.doc))


def search(engine: Engine, request: SearchRequest, suggest: bool = True) -> SearchResult:
    if request.sort not in SORTS:
        raise QueryError(f"okänd sortering: {request.sort}")
    uq = parse_user_query(request.query, vocabulary=engine) if request.query.strip() else UserQuery()
    relaxed = False
    scoring: list[Clause] = []
    searching = uq.searching
    a = engine.arrays
    if searching:
        scoring, matches, relaxed = match_documents(engine, uq)
    else:
        matches = Matched.browsing(np.arange(len(a.ids)))

    # Filters typed in the query (typ:, kommun:, …) act like the facet filters.
    selected = {
        "area": set(request.areas) | set(uq.areas),
        "municipality": set(request.municipalities) | set(uq.municipalities),
        "doc_type": set(request.doc_types) | set(uq.doc_types),
        "year": {str(y) for y in request.years},
        "body": set(request.bodies) | set(uq.bodies),
        "person": set(request.persons) | set(uq.persons),
        "party": set(request.parties) | set(uq.parties),
    }
    for facet in (f for f in a.groups if selected[f.group]):
        # A value as typed ("carina sammeli") is the stored one it stands for ("Carina Sammeli").
        stored = {facet.key(v): v for v in a.values[facet.group]}
        selected[facet.group] = {stored.get(facet.key(v), v) for v in selected[facet.group]}
    docs = matches.doc

    # Each filter as a mask over the matched documents.
    base = np.ones(len(docs), dtype=bool)
    # A typed datum: and the request's from/to dates both apply: the narrower bound wins.
    date_from = max(filter(None, (uq.date_from, request.date_from)), default=None)
    date_to = min(filter(None, (uq.date_to, request.date_to)), default=None)
    if date_from or date_to:
        dates = a.dates[docs]
        has_date = dates != ""
        if date_from:
            base &= has_date & (dates >= date_from)
        if date_to:
            base &= has_date & (dates <= date_to)
    groups = a.groups
    group_masks: dict[str, np.ndarray] = {}
    for facet in groups:
        wanted = selected[facet.group]
        if wanted:
            group_masks[facet.group] = a.having(facet.group, sorted(wanted), docs, every=facet.narrows)

    def passes(skip: str | None = None) -> np.ndarray:
        mask = base.copy()
        for group, m in group_masks.items():
            if group != skip:
                mask &= m
        return mask

    kept_mask = passes()
    counted_facets: dict[str, list[FacetValue]] = {}
    for facet in groups:
        group = facet.group
        # A narrowing group's counts keep its own filter on: each count is what
        # ticking that value gives. The others count as if their filter were off,
        # so the alternatives stay visible.
        mask = kept_mask if facet.narrows else passes(skip=group)
        totals, first = a.counts(group, docs[mask])
        # Ordered by facet.order (counts_first, value_order as ranks); its ties
        # fall back on the order the matched documents first show the values.
        present = np.flatnonzero(totals)
        keys = [first[present], a.value_rank(facet)[present]]
        if facet.counts_first:
            keys.append(-totals[present])
        values, chosen = a.values[group], selected[group]
        listed = [FacetValue(value=values[k], count=int(totals[k]), selected=values[k] in chosen)
                  for k in present[np.lexsort(keys)].tolist()]
        missing = chosen.difference(values[k] for k in present.tolist()) if chosen else ()
        if missing:  # a chosen value no matched document has: listed with 0, in its place
            listed += [FacetValue(value=val, count=0, selected=True) for val in missing]
            listed.sort(key=lambda f, facet=facet: facet.order(f.value, f.count))
        counted_facets[group] = listed

    kept = matches.take(kept_mask)
    # Several matching passages make a document a little more relevant.
    bonus = np.array([1 + 0.05 * math.log1p(max(n - 1, 0)) for n in range(int(kept.n.max(initial=0)) + 1)],
                     dtype=np.float64)
    score = kept.score * bonus[kept.n]
    arrival = np.arange(len(kept.doc))
    if request.sort == "oldest":
        # Oldest first, then the better score; undated documents (whose empty
        # date would sort first) last, as they are when newest comes first.
        undated = a.dates[kept.doc] == ""
        order = np.lexsort((arrival, -score, a.date_rank[kept.doc], undated))
    elif request.sort == "date" or not searching:
        # Newest first, then the better score; ties keep their order.
        order = np.lexsort((arrival, -score, -a.date_rank[kept.doc]))
    elif kept.cover is not None:
        # More of the query's words first, then the better score, then newer.
        order = np.lexsort((arrival, -a.date_key[kept.doc], -score, -kept.cover))
    else:
        order = np.lexsort((arrival, -a.date_key[kept.doc], -score))

    page = max(1, request.page)
    limit = max(1, request.limit)
    window = order[(page - 1) * limit: page * limit]
    marks = engine.marks(scoring) if scoring else None
    area_records: dict[str, np.ndarray] = {}  # for lead_passage, once per search
    hits = [_hit(engine, a.metas[kept.doc[i]], float(score[i]),
                 int(kept.record[i]) if kept.record[i] >= 0 else None, int(kept.n[i]),
                 marks, selected["area"], area_records)
            for i in window]
    result = SearchResult(request=request, total=len(kept.doc), hits=hits, facets=counted_facets, relaxed=relaxed)
    if suggest and uq.words and (result.total < SUGGEST_BELOW or relaxed):
        result.suggestion, result.suggestion_total = _suggest(engine, request, uq, result)
    return result


def _suggest(engine: Engine, request: SearchRequest, uq: UserQuery, result: SearchResult) -> tuple[str | None, int]:
    """A respelling of the query from the index vocabulary, offered only when it
    finds more documents than the query as typed."""
    new_query = request.query
    changed = False
    for word in uq.words:
        low = word.lower()
        if not low.isalpha() or len(low) < 3 or engine.frequency(low) > 0:
            continue
        option = engine.respell(low)
        if option:
            replacement = option if word.islower() else option.capitalize()
            new_query = re.sub(rf"(?<![\w-]){re.escape(word)}(?!\w)", replacement, new_query, count=1)
            changed = True
    if not changed:
        return None, 0
    alt = search(engine, replace(request, query=new_query, page=1), suggest=False)
    # A relaxed result matched only some words; a respelling that matches all is better.
    if alt.total > 0 and not alt.relaxed and (result.relaxed or alt.total > result.total):
        return new_query, alt.total
    return None, 0


def _hit(engine: Engine, meta: DocMeta, score: float, record: int | None, n: int, marks: object | None,
         areas: set[str], area_records: dict[str, np.ndarray]) -> Hit:
    if record is None:
        record = lead_passage(engine, meta.doc_id, areas, area_records)
    stored = engine.passage(record) if record is not None else {}
    text = stored.get("text", "")
    section = stored.get("section")
    page = stored.get("page", 1)
    return Hit(
        doc_id=meta.doc_id, passage_id=stored.get("passage_id", ""), title=meta.title,
        doc_type=meta.doc_type, municipalities=meta.municipalities, body=meta.body, date=meta.date,
        page=page, section=section, section_title=meta.items.get(section) if section is not None else None,
        source_path=meta.source_path,
        snippet_html=snippet(text, engine.spans(text, marks) if marks is not None else []),
        score=round(float(score), 4), areas=stored.get("areas") or meta.areas, more_passages=max(n - 1, 0),
        low_quality=page in meta.low_quality_pages, organisation=meta.organisation, **_origin(meta),
        decision=meta.decision_of(section),
    )


def _origin(meta: DocMeta) -> dict[str, str | None]:
    """A hit's fields of where the source publishes its document."""
    return {"public_url": meta.public_url, "published_site": meta.published_site, "gone_since": meta.gone_since}


def lead_passage(engine: Engine, doc_id: str, areas: set[str],
                 area_records: dict[str, np.ndarray] | None = None) -> int | None:
    """For browsing: the first passage addressing the chosen areas, else the first one.

    ``area_records``: the areas' record numbers, kept for the other hits of a search."""
    a = engine.arrays
    pos = a.pos.get(doc_id)
    if pos is None:
        return None
    records = a.passages_of(pos)
    if not len(records):
        return None
    if areas:
        # The document's few records looked up in each area's sorted record
        # list (hundreds of thousands of records): a binary search each.
        with_areas = records
        for area in sorted(areas):
            ids = area_records.get(area) if area_records is not None else None
            if ids is None:
                ids = engine.area_records(area)
                if area_records is not None:
                    area_records[area] = ids
            if not len(ids):
                with_areas = with_areas[:0]
                break
            at = np.minimum(np.searchsorted(ids, with_areas), len(ids) - 1)
            with_areas = with_areas[ids[at] == with_areas]
        if len(with_areas):
            return int(with_areas[0])
    return int(records[0])


def _passage_hit(meta: DocMeta, stored: dict, score: float, coverage: float, section: str | None = None) -> PassageHit:
    section = stored.get("section") if section is None else section
    page = stored.get("page", 1)
    return PassageHit(
        passage_id=stored["passage_id"], doc_id=meta.doc_id, title=meta.title, doc_type=meta.doc_type,
        municipalities=meta.municipalities, date=meta.date, page=page, section=section,
        section_title=meta.items.get(section) if section is not None else None,
        source_path=meta.source_path, text=stored.get("text", ""), is_decision=bool(stored.get("is_decision")),
        score=score, coverage=coverage, low_quality=page in meta.low_quality_pages, organisation=meta.organisation,
        **_origin(meta))


def search_passages(engine: Engine, query_text: str, limit: int = 20) -> list[PassageHit]:
    """The best passages for a question or query, ranked by score times the
    share of the query's words each passage contains (any word may be
    missing: questions carry words the answer does not repeat; question
    words do not count)."""
    uq = parse_user_query(query_text, vocabulary=engine)
    titled = uq.title_words
    if titled and len(titled) == len(uq.positive):
        # Only titel: words: searched in the text like any words.
        uq = replace(uq, required=[replace(n, field=TEXT) for n in titled])
    else:
        uq = replace(uq, required=[n for n in uq.required if n not in titled])
    cl = compile_query(engine, uq)
    words = cl.counted + cl.required
    positive = words + cl.optional
    if not positive:
        return []
    scoring = positive[0] if len(positive) == 1 else engine.any_of(positive)
    ids, scores = engine.records(scoring)
    if not len(ids):
        return []
    matched = np.zeros(len(ids), dtype=np.int64)
    for clause in words:
        matched += np.isin(ids, engine.records(clause)[0], assume_unique=True)
    coverage = matched / len(words)
    # The engine's order (score descending, then record number), then by
    # score × coverage, keeping that order among equals.
    order = np.lexsort((ids, -scores))
    order = order[np.argsort(-(scores[order] * coverage[order]), kind="stable")]
    out = []
    for j in order[:limit]:
        coverage_j = float(coverage[j])
        stored = engine.passage(int(ids[j]))
        meta = engine.docs.get(stored["doc_id"])
        if meta is None:
            continue
        out.append(_passage_hit(meta, stored, round(float(scores[j]) * coverage_j, 4), round(coverage_j, 3)))
    return out


def section_passages(engine: Engine, doc_id: str, section: str) -> list[PassageHit]:
    """Every passage of one § item of a document, in reading order (score and
    coverage 0: they were not ranked)."""
    meta = engine.docs.get(doc_id)
    pos = engine.arrays.pos.get(doc_id)
    if meta is None or pos is None:
        return []
    rows = [engine.passage(int(n)) for n in engine.arrays.passages_of(pos)]
    # Section "" asks for the passages outside any § item.
    rows = sorted((r for r in rows if (r.get("section") or "") == str(section)), key=lambda r: r["seq"])
    return [_passage_hit(meta, r, 0.0, 0.0, section=section) for r in rows]


def highlight_marks(engine: Engine, query_text: str) -> object | None:
    """What a document page marks for a query: the same rewriting as search
    (synonyms, å/ä/ö restored …), so it marks what made the document a hit."""
    if not query_text.strip():
        return None
    try:
        uq = parse_user_query(query_text, vocabulary=engine)
        clauses = [c for c in map(engine.compile, uq.positive + uq.excluded) if c is not None]
    except QueryError:
        return None
    return engine.marks(clauses) if clauses else None


def highlight_html(engine: Engine, text: str, marks: object | None) -> str:
    return render(text, engine.spans(text, marks) if marks is not None else [])

