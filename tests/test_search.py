"""Search behaviour of the store on the index built from corpus/."""
from __future__ import annotations

from indexer.store import SearchRequest


def _docs(result):
    return [h.doc_id for h in result.hits]


def test_agreement_ranks_first(corpus_store):
    r = corpus_store.search(SearchRequest(query="avsiktsförklaring samverkan Boden"))
    assert r.hits[0].doc_type == "avtal"


def test_inflection_and_compounds_reach_other_forms(corpus_store):
    r = corpus_store.search(SearchRequest(query="bostäder", areas=["leva-och-bo"], limit=50))
    assert len({h.doc_id for h in r.hits if h.page >= 1}) >= 2
    assert all("<mark" in h.snippet_html for h in r.hits)
    # "kompetensförsörjning" reaches the compound "kompetensförsörjningsprocess".
    r = corpus_store.search(SearchRequest(query="kompetensförsörjningsprocess", limit=50))
    assert r.total >= 1
    r2 = corpus_store.search(SearchRequest(query="kompetensförsörjning", limit=50))
    assert set(_docs(r)) <= set(_docs(r2))
    assert any("kompetensförsörjningsprocess</mark>" in h.snippet_html for h in r2.hits)


def test_naringslivet_finds_naringslivsutveckling(corpus_store):
    r = corpus_store.search(SearchRequest(query="näringslivet", limit=50))
    doc = corpus_store.get_document(r.hits[0].doc_id)
    assert r.total >= 3
    texts = " ".join(p.text.lower() for d in r.hits for p in corpus_store.get_document(d.doc_id).passages)
    assert "näringslivsutveckling" in texts
    assert doc is not None


def test_query_without_diacritics_finds_lulea_below_exact_matches(corpus_store):
    folded = corpus_store.search(SearchRequest(query="Lulea kompetensforsorjning", limit=50))
    exact = corpus_store.search(SearchRequest(query="Luleå kompetensförsörjning", limit=50))
    assert folded.total >= 1
    assert exact.hits[0].score > folded.hits[0].score
    assert "<mark" in folded.hits[0].snippet_html


def test_facets_count_documents_and_combine(corpus_store):
    everything = corpus_store.search(SearchRequest(limit=100))
    muni = {f.value: f.count for f in everything.facets["municipality"]}
    assert set(muni) == {"Luleå", "Boden"}
    boden = corpus_store.search(SearchRequest(municipalities=["Boden"], limit=100))
    assert boden.total == muni["Boden"]
    both = corpus_store.search(SearchRequest(municipalities=["Boden"], areas=["leva-och-bo"], limit=100))
    assert 0 < both.total < boden.total
    area_counts = {f.value: f.count for f in boden.facets["area"]}
    assert area_counts["leva-och-bo"] == both.total
    assert list(everything.facets) == ["area", "municipality", "doc_type", "year", "body", "person", "party"]
    years = {f.value: f.count for f in everything.facets["year"]}
    assert sum(years.values()) == everything.total
    assert set(years) >= {"2021", "2022", "2023", "2024", "2025", "2026"}


def test_browse_area_newest_first(corpus_store):
    r = corpus_store.search(SearchRequest(areas=["infrastruktur"], limit=100))
    dates = [h.date for h in r.hits]
    assert dates == sorted(dates, reverse=True)
    assert r.total >= 3


def test_and_semantics_then_relaxed(corpus_store):
    strict = corpus_store.search(SearchRequest(query="bostäder Norrbotniabanan", limit=100))
    each = [corpus_store.search(SearchRequest(query=w, limit=100)).total for w in ("bostäder", "Norrbotniabanan")]
    assert strict.total <= min(each)
    relaxed = corpus_store.search(SearchRequest(query="Norrbotniabanan xyzzyordet"))
    assert relaxed.relaxed and relaxed.total >= 1


def test_minutes_hit_knows_its_section(corpus_store):
    r = corpus_store.search(SearchRequest(query="ställer sig bakom förslaget avsiktsförklaring",
                                          doc_types=["protokoll"], limit=20))
    assert any(h.section is not None and h.section_title for h in r.hits)


def test_highlight_marks_whole_words_and_escapes(corpus_store):
    html = corpus_store.highlight_html("<b>Luleå</b> bygger bostadsområden & kompetensförsörjningsprocessen",
                                       "Lulea bostäder kompetensförsörjning")
    assert html == ('&lt;b&gt;<mark class="traff">Luleå</mark>&lt;/b&gt; bygger '
                    '<mark class="traff">bostadsområden</mark> &amp; '
                    '<mark class="traff">kompetensförsörjningsprocessen</mark>')
    assert corpus_store.highlight_html("a < b", "") == "a &lt; b"


def test_snippet_window_centres_on_matches():
    from indexer.search.snippets import snippet
    text = "Inledning. " * 60 + "Här står ordet bostad mitt i texten. " + "Avslutning. " * 60
    start = text.index("bostad")
    html = snippet(text, [(start, start + 6)], max_chars=200)
    assert html.startswith("… ") and html.endswith(" …")
    assert '<mark class="traff">bostad</mark>' in html
    assert len(html) < 260


def test_concurrent_searches_agree_with_sequential(corpus_store):
    from concurrent.futures import ThreadPoolExecutor
    queries = ["bostäder", "kompetensförsörjning Boden", '"leva och bo"', "Norrbotniabanan", "järnväg -Luleå"]
    expected = {q: [h.passage_id for h in corpus_store.search(SearchRequest(query=q)).hits] for q in queries}

    def run(i):
        q = queries[i % len(queries)]
        return q, [h.passage_id for h in corpus_store.search(SearchRequest(query=q)).hits]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, range(80)))
    assert all(ids == expected[q] for q, ids in results)


def test_search_passages_ranks_by_coverage_and_keeps_sources(corpus_store):
    hits = corpus_store.search_passages("Vilka områden omfattar avsiktsförklaringen om samverkan?", limit=10)
    assert hits and all(0 < h.coverage <= 1 for h in hits)
    assert hits[0].coverage == max(h.coverage for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(h.page >= 1 and h.source_path for h in hits)
    assert corpus_store.search_passages("och att", limit=5) == []  # stop words only


def test_an_item_ranks_above_its_line_in_the_contents_list(tmp_path, index_spec):
    # Minutes written for this test: a contents list whose lines repeat the item titles word
    # for word. Short as they are, the lines must rank below the items they point to.
    from indexer.pipeline import build_index
    from indexer.store import open_store

    src = tmp_path / "src"
    src.mkdir()
    (src / "protokoll.md").write_text(
        "# Protokoll kommunstyrelsen 2024-03-04\n\nInnehåll\n\n"
        "§ 1 Budget för fritidsgårdar ........................ 2\n\n"
        "§ 2 Taxor för simhallen ................................ 3\n\n"
        "§ 1 Budget för fritidsgårdar\n\nFritidsgårdarna får en utökad budget för kvällsöppet och "
        "fler ledare under sommaren, enligt förvaltningens förslag.\n\nBeslut\nKommunstyrelsen "
        "fastställer budgeten.\n\n§ 2 Taxor för simhallen\n\nTaxorna höjs med fem procent.\n",
        encoding="utf-8")
    build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    store = open_store(index_spec)
    doc = store.get_document(store.search(SearchRequest(query="fritidsgårdar", limit=1)).hits[0].doc_id)
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds["§ 1 Budget för fritidsgårdar … 2"] == "toc"
    heading = next(p for p in doc.passages if p.text.startswith("§ 1 Budget för fritidsgårdar:"))
    assert heading.kind == "text" and heading.section == "1"
    ranked = [p.text for p in store.search_passages("budget fritidsgårdar", limit=10)]
    assert ranked.index(heading.text) < ranked.index("§ 1 Budget för fritidsgårdar … 2")
