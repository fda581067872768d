"""The engine-neutral search core (indexer/search/): the query tree the query
language builds, and the core reaching the index only through the engine interface."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from indexer.search import query as q
from indexer.search.query import FIELDS, FOLDED, TITLE, AllOf, AnyOf, Not, Phrase, Term
from indexer.search.syntax import Synonyms, parse_user_query
from indexer.store import SearchRequest

SEARCH = Path(__file__).resolve().parents[1] / "indexer" / "search"
NO_SYNONYMS = Synonyms({}, {})


def _parse(text: str, **kw):
    return parse_user_query(text, synonyms=NO_SYNONYMS, **kw)


def _typed(node):
    return (node.parts[0] if isinstance(node, AnyOf) else node).text


def _walk(node):
    yield node
    if isinstance(node, (AnyOf, AllOf)):
        for part in node.parts:
            yield from _walk(part)
    elif isinstance(node, Not):
        yield from _walk(node.part)


@pytest.mark.parametrize("text", [
    "bostäder i Sävast", '"leva och bo" -Luleå', "(bostäder OR skola) AND buss", "titel:protokoll NOT Boden",
    "lulea avsiktsforklaring", "KSAU bostadsbyggande", "Hur många platser utökas?", "bost* 2023 kl:13",
])
def test_the_query_tree_holds_no_engine_syntax(whoosh_store, text):
    v = whoosh_store._current()  # its vocabulary restores å/ä/ö
    uq = parse_user_query(text, vocabulary=v)
    nodes = [n for root in uq.positive + uq.excluded for n in _walk(root)]
    assert nodes
    for node in nodes:
        assert isinstance(node, (Term, Phrase, AnyOf, AllOf, Not))
        if isinstance(node, (Term, Phrase)):
            assert node.field in FIELDS
            words = [node.text] if isinstance(node, Term) else list(node.words)
            # No engine's field, boost or grouping syntax inside a word.
            assert not any(mark in w for w in words for mark in ("^", "text_folded:", "(", ")", '"'))


def test_side_by_side_binds_loosest_then_or_then_and():
    uq = _parse("väg buss OR tåg")
    assert [_typed(n) for n in uq.content] == ["väg"]
    (either,) = uq.required
    assert isinstance(either, AnyOf) and [_typed(p) for p in either.parts] == ["buss", "tåg"]
    (either,) = _parse("väg AND buss OR tåg").required
    assert isinstance(either, AnyOf) and isinstance(either.parts[0], AllOf)


def test_and_and_groups_are_clauses_of_their_own_and_minus_excludes():
    uq = _parse("väg AND buss (tåg -flyg) NOT båt -cykel")
    assert [_typed(n) for n in uq.required] == ["väg", "buss", "tåg"]
    assert sorted(_typed(n) for n in uq.excluded) == ["båt", "cykel", "flyg"]
    assert _parse("-(buss OR tåg) väg").excluded == [AnyOf((Term("buss"), Term("tåg")))]


def test_a_dangling_operator_or_parenthesis_is_not_a_word():
    assert [_typed(n) for n in _parse("OR buss").content] == ["buss"]
    assert [_typed(n) for n in _parse("buss AND").content] == ["buss"]
    assert [_typed(n) for n in _parse("(buss").required] == ["buss"]
    assert [_typed(n) for n in _parse("buss)").content] == ["buss"]


def test_a_word_typed_twice_is_one_clause():
    assert len(_parse("Luleå hamn Luleå").content) == 2


def test_titel_and_unknown_prefixes():
    uq = _parse('titel:"nya bostäder" -titel:protokoll kl:13')
    assert uq.required == [Phrase(("nya", "bostäder"), TITLE), Phrase(("kl:13",))]
    assert uq.excluded == [Term("protokoll", TITLE)]


def test_a_word_without_diacritics_gets_weighted_alternatives(whoosh_store):
    v = whoosh_store._current()
    (word,) = parse_user_query("avsiktsforklaring", vocabulary=v).content
    assert isinstance(word, AnyOf) and word.parts[0] == Term("avsiktsforklaring")
    folded = [p for p in word.parts if isinstance(p, Term) and p.field == FOLDED]
    assert folded and folded[0].boost < 1
    restored = [p for p in word.parts[1:] if p.boost < 1 and p not in folded]
    assert restored and "avsiktsförklaring" in {n.text for n in _walk(restored[0]) if isinstance(n, Term)}


def test_the_weight_of_a_node_multiplies():
    assert q.weighted(Term("buss"), 0.5) == Term("buss", boost=0.5)
    assert q.weighted(q.weighted(Term("buss"), 0.5), 0.5).boost == 0.25
    assert q.weighted(Not(Term("buss")), 0.5) == Not(Term("buss"))


def test_the_search_core_imports_no_engine_and_no_store():
    for path in sorted(SEARCH.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                name = ("." * node.level) + (node.module or "")
            elif isinstance(node, ast.Import):
                name = ",".join(a.name for a in node.names)
            else:
                continue
            assert "whoosh" not in name and "store" not in name, f"{path.name} imports {name}"


def test_excluding_a_title_word_excludes_those_documents(corpus_store):
    everything = corpus_store.search(SearchRequest(query="Boden", limit=100))
    titled = corpus_store.search(SearchRequest(query="titel:protokoll Boden", limit=100))
    rest = corpus_store.search(SearchRequest(query="-titel:protokoll Boden", limit=100))
    assert titled.total and rest.total and rest.total + titled.total == everything.total
    assert not any("protokoll" in h.title.lower() for h in rest.hits)


def test_and_needs_both_words_somewhere_in_the_document(corpus_store):
    both = corpus_store.search(SearchRequest(query="vätgas AND hamn", limit=100))
    assert both.total and not both.relaxed
    for hit in both.hits:
        text = " ".join(p.text.lower() for p in corpus_store.get_document(hit.doc_id).passages)
        assert "vätgas" in text and "hamn" in text


def test_facet_values_come_without_labels_and_the_web_app_labels_them(corpus_store, client):
    r = corpus_store.search(SearchRequest(query="bostäder"))
    assert {f.value for f in r.facets["doc_type"]} and not hasattr(r.facets["doc_type"][0], "label")
    api = client.get("/api/search?q=bost%C3%A4der").get_json()
    labels = {f["value"]: f["label"] for f in api["facets"]["doc_type"]}
    assert labels.get("protokoll") == "Protokoll"


def test_words_the_engine_analyses_alike_are_one_clause(whoosh_store):
    from indexer.search.core import compile_query

    v = whoosh_store._current()
    uq = parse_user_query("året år budget", vocabulary=v)
    assert len(uq.content) == 3  # three words as typed ...
    assert len(compile_query(v, uq).counted) == 2  # ... two for the engine: "år" once


@pytest.mark.parametrize("query, persons", [("", ()), ("beslut", ()), ("", ("Ingen Sådan Person",))])
def test_every_facet_list_is_in_its_facets_order(corpus_store, query, persons):
    # The core orders facet values in arrays (counts, ranks of value_order);
    # facet.order is the definition the lists must follow, a chosen value that
    # no document has included (count 0, in its place).
    from indexer.search.facets import facets
    result = corpus_store.search(SearchRequest(query=query, persons=persons))
    by_group = {f.group: f for f in facets()}
    assert result.facets["person"] and (persons or (result.facets["year"] and result.facets["area"]))
    for group, values in result.facets.items():
        keys = [by_group[group].order(v.value, v.count) for v in values]
        assert keys == sorted(keys), group
    if persons:
        assert ("Ingen Sådan Person", 0, True) in [(v.value, v.count, v.selected) for v in result.facets["person"]]
