"""indexer/store/whoosh/fastsearch.py gives exactly what Whoosh's own search gives: the same passages, the same scores."""
from __future__ import annotations

import pytest
from indexer.search.syntax import parse_user_query
from indexer.store.whoosh import fastsearch

QUERIES = [
    "bostäder", "detaljplan Sävast", "bostadsbyggande", "KS Boden avsiktsförklaring", "lulea avsiktsforklaring",
    '"leva och bo"', '"nationell plan" dubbelspår', "kompetensförsörjning yrkesvux", "(bostäder OR skola) Sävast",
    "elförsörjning -Luleå", "näringslivet småföretag landsbygd", "stomlinje buss", "2023 uppföljning",
    "titel:protokoll kommunstyrelsen", "H2 Green Steel",
]


def _whoosh(searcher, q):
    r = searcher.search(q, limit=None)
    return sorted((r.docnum(i), r.score(i)) for i in range(r.scored_length()))


@pytest.mark.parametrize("text", QUERIES)
def test_every_clause_and_the_ranking_or_match_whoosh_bit_for_bit(whoosh_store, text):
    store = whoosh_store
    v = store._current()
    uq = parse_user_query(text, vocabulary=v)
    pos = [c for c in map(v.compile, uq.positive) if c is not None]
    neg = [c for c in map(v.compile, uq.excluded) if c is not None]
    nodes = pos + neg + ([v.any_of(pos)] if len(pos) > 1 else [])
    assert nodes
    cache = fastsearch.TermCache(64 << 20)
    with v.borrow() as searcher:
        for node in nodes:
            expected = _whoosh(searcher, node)
            for _round in range(2):  # the second round comes from the cache
                ids, scores = fastsearch.evaluate(searcher, node, v.lengths, cache, {}, frozenset({id(node)}))
                assert list(zip(ids.tolist(), scores.tolist())) == expected


def test_term_cache_keeps_to_its_budget():
    import numpy as np
    cache = fastsearch.TermCache(10_000)
    for k in range(50):
        cache.put(("t", k), fastsearch.Matches(np.arange(100, dtype=np.int64), np.ones(100)))
    assert cache.used <= 10_000 and cache.get(("t", 49)) is not None and cache.get(("t", 0)) is None
