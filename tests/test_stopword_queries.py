"""A query made only of words on the stop list is searched as written, not as
"match everything" (issue 16 point 2): "tidigare", "bland annat", "har tidigare".
Like other words they may stand anywhere in the document; a quoted phrase of stop
words is matched as its words (the plain word field keeps no positions)."""
from __future__ import annotations

import re

import pytest

from indexer.store.base import SearchRequest


@pytest.fixture(scope="module")
def store(corpus_index):
    from indexer.store import open_store
    return open_store(corpus_index)


def _docs_with_all(store, words: list[str]) -> set[str]:
    everything = store.search(SearchRequest(query="", limit=1000))
    out = set()
    for hit in everything.hits:
        doc = store.get_document(hit.doc_id)
        text = " ".join(p.text.lower() for p in doc.passages)  # words anywhere in the document, as for other words
        if all(re.search(rf"(?<!\w){w}(?!\w)", text) for w in words):
            out.add(hit.doc_id)
    return out


@pytest.mark.parametrize("query, words", [
    ("tidigare", ["tidigare"]),
    ("bland annat", ["bland", "annat"]),
    ('"har tidigare"', ["har", "tidigare"]),
])
def test_stop_word_queries_find_the_documents_with_those_words(store, query, words):
    total = store.search(SearchRequest(query="", limit=1000)).total
    r = store.search(SearchRequest(query=query, limit=1000))
    expected = _docs_with_all(store, words)
    assert 0 < len(expected) < total  # the corpus has documents with and without them
    assert {h.doc_id for h in r.hits} == expected
    assert r.total < total


def test_a_stop_word_beside_a_content_word_still_only_ranks(store):
    with_stop = store.search(SearchRequest(query="skola tidigare", limit=1000))
    alone = store.search(SearchRequest(query="skola", limit=1000))
    assert {h.doc_id for h in with_stop.hits} == {h.doc_id for h in alone.hits}
