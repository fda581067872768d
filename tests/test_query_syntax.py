"""Query understanding: prefixes, synonyms, compounds written apart, fallback, suggestions."""
from __future__ import annotations

import pytest

from indexer.store import QueryError, SearchRequest
from indexer.search.query import TITLE, AnyOf, Phrase, Term
from indexer.search.syntax import load_synonyms, parse_user_query


def _paths(result):
    return {h.source_path for h in result.hits}


def test_prefixes_become_filters():
    uq = parse_user_query("titel:bostäder typ:Protokoll kommun:bodens område:\"leva och bo\" organ:Kommunstyrelsen datum:2022-06 planering")
    assert uq.doc_types == ["protokoll"] and uq.municipalities == ["Boden"]
    assert uq.areas == ["leva-och-bo"] and uq.bodies == ["kommunstyrelsen"]
    assert (uq.date_from, uq.date_to) == ("2022-06-01", "2022-06-30")
    assert uq.title_words == [Term("bostäder", TITLE)]
    assert uq.words == ["planering"]


@pytest.mark.parametrize("value, bounds", [
    ("2022", ("2022-01-01", "2022-12-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2022-06-07", ("2022-06-07", "2022-06-07")),
    ("2021..2023", ("2021-01-01", "2023-12-31")),
    ("2023..", ("2023-01-01", None)),
    ("..2022-06", (None, "2022-06-30")),
])
def test_date_ranges(value, bounds):
    uq = parse_user_query(f"datum:{value}")
    assert (uq.date_from, uq.date_to) == bounds


@pytest.mark.parametrize("query, message", [
    ("typ:faktura", "okänd dokumenttyp"), ("kommun:Ankeborg", "okänd kommun"), ("område:sport", "okänt prioriterat område"),
    ("datum:2022-13", "månaden"), ("datum:igår", "förstår inte"), ("titel:", "saknar värde"),
])
def test_bad_prefix_values_are_explained(query, message):
    with pytest.raises(QueryError, match=message):
        parse_user_query(query)


def test_unknown_prefix_is_plain_text():
    assert parse_user_query("kl:13").required == [Phrase(("kl:13",))]


def test_abbreviations_and_synonyms_from_the_data_file():
    syn = load_synonyms()
    assert syn.abbreviations["ksau"] == ("kommunstyrelsens arbetsutskott",)
    (ksau,) = parse_user_query("KSAU").content
    assert isinstance(ksau, AnyOf) and Phrase(("kommunstyrelsens", "arbetsutskott")) in ksau.parts
    (bostader,) = parse_user_query("bostäder").content
    assert Term("boende") in bostader.parts


def test_abbreviation_finds_the_written_out_body(corpus_store):
    r = corpus_store.search(SearchRequest(query="KSAU avsiktsförklaring", limit=50))
    assert "pdf/lulea-ksau-protokoll-2022-06-07.pdf" in _paths(r)
    assert not r.relaxed


def test_compound_query_finds_the_parts_written_apart(corpus_store):
    r = corpus_store.search(SearchRequest(query="bostadsbyggande", limit=100))
    # This press release says "bygga … bostäder" and never "bostadsbyggande".
    assert "html/boden-2023-05-16-samrad-bostader-savast.html" in _paths(r)
    # Documents with the compound itself still rank first.
    top = corpus_store.get_document(r.hits[0].doc_id)
    assert "bostadsbyggande" in " ".join(p.text.lower() for p in top.passages)


def test_prefix_filters_narrow_like_facets(corpus_store):
    r = corpus_store.search(SearchRequest(query="typ:protokoll datum:2022 avsiktsförklaring", limit=50))
    assert r.total >= 3
    assert all(h.doc_type == "protokoll" and h.date.startswith("2022") for h in r.hits)
    selected = [f.value for f in r.facets["doc_type"] if f.selected]
    assert selected == ["protokoll"]
    titled = corpus_store.search(SearchRequest(query="titel:bostäder", limit=50))
    assert titled.total >= 2
    assert all("bostäder" in h.title.lower() or "bostad" in h.title.lower() for h in titled.hits)


def test_or_fallback_is_reported(corpus_store):
    r = corpus_store.search(SearchRequest(query="Norrbotniabanan qwertyordet"))
    assert r.relaxed and r.total >= 1
    assert not corpus_store.search(SearchRequest(query="Norrbotniabanan")).relaxed


def test_did_you_mean_only_when_the_suggestion_has_hits(corpus_store):
    r = corpus_store.search(SearchRequest(query="Norrbotniabnan"))
    assert r.total == 0
    assert r.suggestion == "Norrbotniabanan" and r.suggestion_total >= 1
    relaxed = corpus_store.search(SearchRequest(query="kompetensförsörjnig Boden"))
    assert relaxed.suggestion == "kompetensförsörjning Boden"
    assert corpus_store.search(SearchRequest(query="xqzvwk")).suggestion is None
    assert corpus_store.search(SearchRequest(query="bostäder")).suggestion is None


def test_api_reports_suggestion_and_relaxed(corpus_index):
    from search_app import create_app
    client = create_app({"INDEX_DIR": str(corpus_index), "TESTING": True}).test_client()
    data = client.get("/api/search?q=infrastrukture").get_json()
    assert data["suggestion"] == {"query": "infrastruktur", "total": data["suggestion"]["total"]}
    assert data["suggestion"]["total"] >= 1
    html = client.get("/sok?q=infrastrukture").get_data(as_text=True)
    assert "Menade du:" in html and "q=infrastruktur" in html
    assert client.get("/api/search?q=typ:faktura").status_code == 400
