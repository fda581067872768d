"""Query evaluation over Whoosh postings a block at a time, with numpy.

Whoosh's matchers step through a posting list one posting at a time in
Python, scoring each; a word like "kommunstyrelsen" matches tens of thousands
of passages at 10,000 documents, so one search cost seconds (bench/RESULTS.md).
This module computes the same thing from the same data, vectorised: for every
term it reads whole posting blocks (ids, term frequencies), field lengths from
the length column, and applies Whoosh's BM25F formula with the idf and average
field length of Whoosh's own scorer object, so the scores are the very same
floating-point numbers. Compound queries are combined in the same tree shapes
Whoosh builds (``make_binary_tree``/``make_weighted_tree`` with the same
weights), so even the order of additions is Whoosh's. Query types this module
does not know (phrases, wildcards, …) are evaluated by Whoosh's own matcher
for that sub-query, so any query gives exactly what ``searcher.search`` gives.

``evaluate(searcher, q)`` returns (global passage numbers, scores), sorted by
number, for every passage ``q`` matches; deleted documents are left out as
Whoosh's filter matcher does.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.mcore import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.util import make_weighted_tree
from whoosh.util.numeric import byte_to_length

_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)


class Unsupported(Exception):
    """A query construction this module does not evaluate; the caller falls back to Whoosh."""


class Matches:
    """Sorted unique passage numbers and their scores: what a Whoosh matcher would yield.

    Ordering mimics Whoosh matchers inside ``make_weighted_tree``: no instance is
    ever "less than" another, so ties in weight keep their input order."""

    __slots__ = ("ids", "scores")

    def __init__(self, ids: np.ndarray, scores: np.ndarray):
        self.ids = ids
        self.scores = scores

    def __lt__(self, other) -> bool:
        return False

    def __gt__(self, other) -> bool:
        return False

    def __len__(self) -> int:
        return len(self.ids)


NULL = Matches(_EMPTY_IDS, _EMPTY_SCORES)


def _union(a: Matches, b: Matches) -> Matches:
    """UnionMatcher: a.score() + b.score() where both match, else the one that does."""
    if not len(a):
        return b
    if not len(b):
        return a
    # Both are sorted and unique: a stable sort of the two runs is a merge, and
    # an id in both sits twice in a row, a's entry first.
    ids = np.concatenate((a.ids, b.ids))
    scores = np.concatenate((a.scores, b.scores))
    order = np.argsort(ids, kind="stable")
    ids, scores = ids[order], scores[order]
    dup = ids[1:] == ids[:-1]
    if dup.any():
        # a + b where both match (IEEE addition is commutative, so a + b == b + a
        # exactly; only the tree shape matters, and it is Whoosh's).
        first = np.flatnonzero(dup)
        scores[first] = scores[first] + scores[first + 1]
        keep = np.ones(len(ids), dtype=bool)
        keep[first + 1] = False
        ids, scores = ids[keep], scores[keep]
    return Matches(ids, scores)


def _intersection(a: Matches, b: Matches) -> Matches:
    """IntersectionMatcher: a.score() + b.score() where both match."""
    if not len(a) or not len(b):
        return NULL
    ids, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return Matches(ids, a.scores[ia] + b.scores[ib])


def _boosted(m: Matches, boost: float) -> Matches:
    """WrappingMatcher(boost): child.score() * boost."""
    if boost == 1.0 or not len(m):
        return m
    return Matches(m.ids, m.scores * boost)


class SegmentEvaluator:
    """Evaluates queries on one leaf searcher (one index segment)."""

    def __init__(self, searcher, lengths: Callable[[str], np.ndarray], cache: "TermCache | None" = None,
                 offset: int = 0, memo: dict | None = None, cache_nodes: frozenset[int] = frozenset(),
                 deleted: "np.ndarray | None | bool" = False):
        self.searcher = searcher
        self.memo = memo
        self.cache_nodes = cache_nodes
        self.cache = cache
        self.offset = offset
        self.reader = searcher.reader()
        self.schema = searcher.schema
        self._lengths = lengths
        # ``deleted``: the segment's deleted documents, sorted (None: none), when the caller keeps them.
        self.deleted = deleted_docs(self.reader) if deleted is False else deleted

    # -- leaves --------------------------------------------------------------------

    def _postings(self, fieldname: str, btext: bytes, scorer) -> tuple[np.ndarray, np.ndarray]:
        """All (ids, term frequencies) of a term in this segment, deleted documents removed."""
        m = self.reader.postings(fieldname, btext, scorer=scorer)
        if isinstance(m, FilterMatcher):
            m = m.child
        if type(m) is W3LeafMatcher and not m._byteids:  # noqa: SLF001
            id_parts, w_parts = [], []
            while m.is_active():
                # W3LeafMatcher._read_ids/_read_weights, with numpy instead of a
                # Python generator for the delta-coded ids.
                m._read_data()  # noqa: SLF001 - block-level access to Whoosh's posting format
                data = m._data  # noqa: SLF001
                n = m._blocklength  # noqa: SLF001
                id_parts.append(np.cumsum(np.asarray(data[0], dtype=np.int64)))
                w = data[1]
                if w is None:
                    w_parts.append(np.ones(n, dtype=np.float32))
                elif isinstance(w, float):
                    w_parts.append(np.full(n, w, dtype=np.float32))
                else:
                    w_parts.append(np.asarray(w, dtype=np.float32))
                m._next_block()  # noqa: SLF001
            ids = np.concatenate(id_parts) if id_parts else _EMPTY_IDS
            weights = np.concatenate(w_parts).astype(np.float64) if w_parts else _EMPTY_SCORES
        elif type(m) is ListMatcher:
            ids = np.asarray(m._ids, dtype=np.int64)  # noqa: SLF001
            n = len(ids)
            ws = m._weights  # noqa: SLF001
            if ws is None:
                weights = np.ones(n, dtype=np.float64)
            else:
                weights = np.asarray(ws, dtype=np.float32).astype(np.float64)
        else:
            raise Unsupported(type(m).__name__)
        if self.deleted is not None and len(ids):
            keep = ~np.isin(ids, self.deleted)
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def _term(self, q: query.Term) -> Matches:
        if q.minquality:
            raise Unsupported("minquality")
        fieldname = q.fieldname
        if fieldname not in self.schema:
            return NULL
        try:
            btext = self.schema[fieldname].to_bytes(q.text)
        except ValueError:
            return NULL
        key = (self.offset, fieldname, btext)
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None:
            return _boosted(cached, q.boost)
        if (fieldname, btext) not in self.reader:
            return NULL
        scorer = self.searcher.weighting.scorer(self.searcher, fieldname, btext)
        ids, tf = self._postings(fieldname, btext, scorer)
        if type(scorer) is BM25FScorer:
            fl = self._lengths(fieldname)[ids]
            if np.isnan(fl).any():
                raise Unsupported("zero field length")  # Whoosh itself would fail here
            idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            # whoosh.scoring.bm25, term for term
            scores = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        elif type(scorer) is WeightScorer:
            scores = tf
        else:
            raise Unsupported(type(scorer).__name__)
        m = Matches(ids, scores)
        if self.cache is not None:
            self.cache.put(key, m)
        return _boosted(m, q.boost)

    # -- compounds -------------------------------------------------------------------

    def _compound(self, q) -> Matches:
        subs = q.subqueries
        if not subs:
            return NULL
        if len(subs) == 1:
            # CompoundQuery.matcher: a single subquery's matcher, without this query's boost.
            return self.evaluate(subs[0])
        results = [self.evaluate(s) for s in subs]
        if type(q) is query.And:
            tree = make_weighted_tree(_intersection, [(0 - self._estimate_size(s), r) for s, r in zip(subs, results)])
        else:
            if q.minmatch or q.scale or q.matcher_type not in (query.Or.DEFAULT_MATCHER,):
                raise Unsupported("Or matcher type")
            # Or.matcher -> DefaultOr(...).matcher: a weighted tree of unions.
            tree = make_weighted_tree(_union, [(self._estimate_size(s), r) for s, r in zip(subs, results)])
        return _boosted(tree, q.boost)

    def _estimate_size(self, q) -> int:
        """Whoosh's ``q.estimate_size(reader)``, which shapes the tree (and so the
        order of additions). It walks the query and looks up every term's
        document frequency, so for the marked sub-queries (a word with all its
        expansions) it is kept in the term cache beside their postings."""
        if self.cache is None or id(q) not in self.cache_nodes:
            return q.estimate_size(self.reader)
        key = (self.offset, "size", self._key(q))
        size = self.cache.get_size(key)
        if size is None:
            size = q.estimate_size(self.reader)
            self.cache.put_size(key, size)
        return size

    def _key(self, q) -> str:
        """repr(q), the cache key of a query's text, computed once per search."""
        if self.memo is None:
            return repr(q)
        k = ("repr", id(q))
        hit = self.memo.get(k)
        if hit is None or hit[0] is not q:
            hit = self.memo[k] = (q, repr(q))
        return hit[1]

    def _whoosh(self, q) -> Matches:
        """Any other query (a phrase, a wildcard …): Whoosh's own matcher on this
        segment, collected. Phrases step through positions posting by posting, so
        their results are kept in the term cache like a term's."""
        key = (self.offset, "query", repr(q))
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None:
            return cached
        result = self._whoosh_uncached(q)
        if self.cache is not None:
            self.cache.put(key, result)
        return result

    def _whoosh_uncached(self, q) -> Matches:
        m = q.matcher(self.searcher, None)
        ids, scores = [], []
        while m.is_active():
            ids.append(m.id())
            scores.append(m.score())
            m.next()
        if not ids:
            return NULL
        order = np.argsort(np.asarray(ids, dtype=np.int64), kind="stable")
        return Matches(np.asarray(ids, dtype=np.int64)[order], np.asarray(scores, dtype=np.float64)[order])

    def evaluate(self, q) -> Matches:
        if self.memo is not None:
            # The same query object met again within one search (a word's clause
            # inside the OR that ranks): the same result.
            key = (self.offset, id(q))
            hit = self.memo.get(key)
            if hit is not None and hit[0] is q:
                return hit[1]
            result = self._cached(q)
            self.memo[key] = (q, result)
            return result
        return self._cached(q)

    def _cached(self, q) -> Matches:
        """Sub-queries the caller marked (one query word with all its expansions)
        are kept in the term cache under their text, like a term."""
        if self.cache is None or id(q) not in self.cache_nodes:
            return self._evaluate(q)
        key = (self.offset, "query", self._key(q))
        hit = self.cache.get(key)
        if hit is None:
            hit = self._evaluate(q)
            self.cache.put(key, hit)
        return hit

    def _evaluate(self, q) -> Matches:
        t = type(q)
        if t is query.Term:
            return self._term(q)
        if t is query.And or t is query.Or:
            return self._compound(q)
        if q is query.NullQuery or t is type(query.NullQuery):
            return NULL
        return self._whoosh(q)


class TermCache:
    """Decoded and scored postings of recently used terms, per index generation,
    up to a memory budget (least recently used terms go first). Scores depend
    only on the generation's statistics, so they are cached with the ids."""

    def __init__(self, budget_bytes: int):
        from collections import OrderedDict
        import threading
        self.budget = budget_bytes
        self.used = 0
        self._items: "OrderedDict[tuple, Matches]" = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        #: estimate_size of marked sub-queries (small ints; emptied when it grows large)
        self._sizes: dict[tuple, int] = {}

    def get_size(self, key) -> int | None:
        return self._sizes.get(key)

    def put_size(self, key, size: int) -> None:
        if len(self._sizes) >= 200_000:
            self._sizes = {}
        self._sizes[key] = size

    def get(self, key) -> Matches | None:
        with self._lock:
            m = self._items.get(key)
            if m is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return m

    def put(self, key, m: Matches) -> None:
        size = m.ids.nbytes + m.scores.nbytes + 100
        if size > self.budget // 4:
            return
        m.ids.setflags(write=False)
        m.scores.setflags(write=False)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.used -= old.ids.nbytes + old.scores.nbytes + 100
            self._items[key] = m
            self.used += size
            while self.used > self.budget and self._items:
                _k, gone = self._items.popitem(last=False)
                self.used -= gone.ids.nbytes + gone.scores.nbytes + 100


def deleted_docs(reader) -> np.ndarray | None:
    """A segment's deleted document numbers, sorted, or None when it has none."""
    deleted = reader.deleted_docs_set if hasattr(reader, "deleted_docs_set") else None
    return np.fromiter(sorted(deleted), dtype=np.int64) if deleted else None


class LengthCache:
    """Field lengths (Whoosh's byte-encoded lengths, decoded) per segment and field,
    as float arrays indexed by segment document number; NaN where Whoosh has none.
    Also each segment's deleted documents (sorted once, not per query: after
    updates a segment can have many)."""

    def __init__(self):
        self._cache: dict[tuple[int, str], np.ndarray] = {}
        self._deleted: dict[int, np.ndarray | None] = {}

    def deleted(self, offset: int, reader) -> np.ndarray | None:
        if offset not in self._deleted:
            self._deleted[offset] = deleted_docs(reader)
        return self._deleted[offset]

    def for_segment(self, offset: int, reader) -> Callable[[str], np.ndarray]:
        def lengths(fieldname: str) -> np.ndarray:
            key = (offset, fieldname)
            arr = self._cache.get(key)
            if arr is None:
                arr = self._cache[key] = _field_lengths(reader, fieldname)
            return arr
        return lengths


def _field_lengths(reader, fieldname: str) -> np.ndarray:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
    n = reader.doc_count_all()
    perdoc = reader._perdoc  # noqa: SLF001
    col = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)  # noqa: SLF001
    raw = np.zeros(n, dtype=np.uint8)
    if col is not None:
        count = min(col._count, n)  # noqa: SLF001 - values past _count are the default 0
        if count:
            raw[:count] = np.frombuffer(bytes(col._dbfile.get(col._basepos, count)), dtype=np.uint8)  # noqa: SLF001
    out = _BYTE_TO_LENGTH[raw]
    # doc_field_length returns None for a zero length byte; keep that visible.
    out[raw == 0] = np.nan
    return out


def evaluate(searcher, q, lengths: LengthCache, cache: TermCache | None = None,
             memo: dict | None = None, cache_nodes: frozenset[int] = frozenset()) -> tuple[np.ndarray, np.ndarray]:
    """(global passage numbers, scores) of every match of q, sorted by number.

    ``memo``: a dict shared by the evaluations of one search, so a sub-query
    object evaluated before is not evaluated again. ``cache_nodes``: ids of
    sub-query objects whose results go into ``cache`` (keyed by their text,
    with their estimated sizes)."""
    id_parts, score_parts = [], []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        m = SegmentEvaluator(sub, lengths.for_segment(offset, reader), cache, offset, memo,
                             cache_nodes, lengths.deleted(offset, reader)).evaluate(q)
        if len(m):
            id_parts.append(m.ids + offset)
            score_parts.append(m.scores)
    if not id_parts:
        return _EMPTY_IDS, _EMPTY_SCORES
    return np.concatenate(id_parts), np.concatenate(score_parts)


__all__ = ["LengthCache", "Matches", "TermCache", "Unsupported", "evaluate"]
