"""A query made only of function words (indexer/data/function_words.txt) is searched
as written, not as "match everything" (issue 16 point 2): "bland annat", "eftersom",
"har varit". Like other words they may stand anywhere in the document; a quoted
phrase of function words is matched as its words (the plain word field keeps no
positions). Content words that spaCy's long stop list holds ("tidigare", "stora",
"tre") are searched like any other word: lemmas, compound parts, required."""
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
    ("eftersom", ["eftersom"]),
    ("bland annat", ["bland", "annat"]),
    ('"har varit"', ["har", "varit"]),
])
def test_function_word_queries_find_the_documents_with_those_words(store, query, words):
    total = store.search(SearchRequest(query="", limit=1000)).total
    r = store.search(SearchRequest(query=query, limit=1000))
    expected = _docs_with_all(store, words)
    assert 0 < len(expected) < total  # the corpus has documents with and without them
    assert {h.doc_id for h in r.hits} == expected
    assert r.total < total


def test_a_function_word_beside_a_content_word_still_only_ranks(store):
    with_stop = store.search(SearchRequest(query="skola har", limit=1000))
    alone = store.search(SearchRequest(query="skola", limit=1000))
    assert {h.doc_id for h in with_stop.hits} == {h.doc_id for h in alone.hits}


@pytest.mark.parametrize("word", ["tidigare", "stora", "tre"])
def test_content_words_of_spacys_stop_list_are_searched_like_other_words(store, word):
    total = store.search(SearchRequest(query="", limit=1000)).total
    hits = {h.doc_id for h in store.search(SearchRequest(query=word, limit=1000)).hits}
    written = _docs_with_all(store, [word])
    assert written and written <= hits < {h.doc_id for h in store.search(SearchRequest(query="", limit=1000)).hits}
    assert len(hits) < total


def test_a_content_word_of_spacys_stop_list_is_required_beside_another(store):
    both = {h.doc_id for h in store.search(SearchRequest(query="skola tidigare", limit=1000)).hits}
    skola = {h.doc_id for h in store.search(SearchRequest(query="skola", limit=1000)).hits}
    tidigare = {h.doc_id for h in store.search(SearchRequest(query="tidigare", limit=1000)).hits}
    assert both == skola & tidigare and both < skola


def test_the_function_word_file_is_checked_and_part_of_the_analyzer_version(tmp_path):
    from indexer.analysis import swedish, terms
    assert swedish.FUNCTION_WORDS == swedish.read_function_words(swedish.FUNCTION_WORDS_FILE)
    assert {"och", "att", "i", "som", "har"} <= swedish.FUNCTION_WORDS
    assert not {"tidigare", "ligger", "tre", "nej", "beslut"} & swedish.FUNCTION_WORDS
    assert swedish.FUNCTION_WORDS_FINGERPRINT in terms.ANALYZER_VERSION  # an edit rebuilds the index
    bad = tmp_path / "function_words.txt"
    bad.write_text("# kommentar\noch\nbland annat\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"function_words.txt:3: one word per line"):
        swedish.read_function_words(bad)
