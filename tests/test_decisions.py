"""Issue 15 points 1 and 2: decisions as records (/beslut, /api/decisions) and cases by
diary number (/arende, /api/cases), on the index of corpus/ and the real Dnr of the devdata."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from indexer.cases import CaseNumber, case_of, document_dnrs, parse_dnr, stage
from indexer.store.base import DecisionRequest, SearchRequest

from test_web import Page, assert_accessible_basics, get_ok

# The case of the avsiktsförklaring in Luleå: a tjänsteskrivelse, the working committee
# (arbetsutskott) and the board (kommunstyrelsen), and the signed agreement (corpus/README.md).
LULEA_CASE = "2022/456"
BODEN_CASE = "KS 2022/0318"


def all_documents(store):
    result = store.search(SearchRequest(limit=1000))
    return [store.get_document(h.doc_id) for h in result.hits]


@pytest.fixture(scope="module")
def documents(corpus_store):
    return all_documents(corpus_store)


@pytest.fixture(scope="module")
def decision_items(documents):
    """(document, item) of every § item with a decision, read from the stored documents."""
    return [(d, i) for d in documents for i in d.items if i.decision]


# --- Dnr forms -------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["KS 2022/451", "KS-2022-451", "KS 2022/451-109", "Dnr KS 2022/0451",
                                     "DNR: KS 2022/451", "Diarienummer KS 2022.451", "KS-2022-00451"])
def test_the_forms_of_one_number_are_one_case(written):
    number = parse_dnr(written)
    assert number is not None and (number.code, number.year, number.number) == ("KS", 2022, "451")
    assert number.slug == "KS-2022-451" and number.label == "KS 2022/451"


def test_a_number_without_register_code_is_the_same_case_and_another_code_is_not():
    ks = parse_dnr("KS 2022/451")
    assert parse_dnr("Dnr 2022.451").same_case(ks)
    assert parse_dnr("2022/451-1.1.1").same_case(ks)
    assert not parse_dnr("SBN 2022/451").same_case(ks)
    assert not parse_dnr("KS 2022/452").same_case(ks) and not parse_dnr("KS 2021/451").same_case(ks)


def test_the_id_in_an_address_reads_back_as_the_same_number():
    for written in ("KS 2022/0318", "2022/456-1.1.1", "NKBY/497/12.03.01/2022", "KU/2007.9", "KNSLI/20014197"):
        number = parse_dnr(written)
        again = parse_dnr(number.slug)
        assert (again.code, again.year, again.number) == (number.code, number.year, number.number), written


@pytest.mark.parametrize("text", ["", "Dnr", "se bilaga 3", "§ 12", "12", "Handläggare Anna Berg"])
def test_what_is_no_diary_number(text):
    assert parse_dnr(text) is None


def test_a_joint_number_names_its_municipality():
    luleå, boden = parse_dnr("Luleå 2022/456-1.1.1"), parse_dnr("Boden KS 2022/0318")
    assert luleå.municipality == "Luleå" and luleå.code is None and luleå.label == LULEA_CASE
    assert boden.municipality == "Boden" and boden.label == "KS 2022/318"
    # A joint document's number that names no municipality cannot be placed.
    assert case_of("KS 2022/0318", ["Luleå", "Boden"]) is None
    assert case_of("KS 2022/0318", ["Boden"])[0] == "Boden"


def test_every_dnr_of_the_corpus_minutes_is_read(documents):
    dnrs = [i.dnr for d in documents for i in d.items if i.dnr]
    assert len(dnrs) >= 50
    unread = [d for d in dnrs if parse_dnr(d) is None]
    assert unread == []
    # Leading zeros do not make another number: "KS 2022/0318" is case 318.
    assert {parse_dnr(d).label for d in dnrs if d.startswith("KS 2022/0318")} == {"KS 2022/318"}


def test_the_real_dnr_of_the_devdata(devdata):
    gold_dir = devdata / "real" / "gold"
    if not gold_dir.is_dir():
        pytest.skip("../shared/devdata/real/gold is not present")
    dnrs = [item["dnr"] for path in sorted(gold_dir.glob("*.json"))
            for item in json.loads(path.read_text(encoding="utf-8")).get("items", []) if item.get("dnr")]
    if not dnrs:
        pytest.skip("no gold annotation with a Dnr")
    numbers = {d: parse_dnr(d) for d in dnrs}
    assert [d for d, n in numbers.items() if n is None] == []
    expected = {"KU/2007.9": ("KU", 2007, "9"), "KF/2006.366": ("KF", 2006, "366"),
                "BN-2023-00211": ("BN", 2023, "211"), "NKBY/497/12.03.01/2022": ("NKBY", 2022, "497"),
                "KNSLI/20014197": ("KNSLI", None, "20014197")}
    for written, key in expected.items():
        if written in numbers:
            n = numbers[written]
            assert (n.code, n.year, n.number) == key, written


def test_a_document_without_items_states_its_own_dnr(documents):
    by_type = {d.doc_id: d for d in documents}
    memo = next(d for d in by_type.values() if d.doc_type == "tjänsteskrivelse" and "avsiktsforklaring" in d.doc_id)
    assert [parse_dnr(n).label for n in document_dnrs(memo)] == [LULEA_CASE]
    agreement = next(d for d in by_type.values() if d.doc_type == "avtal")
    placed = {case_of(n, agreement.municipalities) for n in document_dnrs(agreement)}
    assert {(m, n.label) for m, n in filter(None, placed)} == {("Luleå", LULEA_CASE), ("Boden", "KS 2022/318")}
    # Minutes have their numbers on their § items.
    assert all(document_dnrs(d) == [] for d in by_type.values() if d.items)


# --- decision records ------------------------------------------------------------------

def test_every_item_with_a_decision_is_a_record_with_its_fields(corpus_store, decision_items):
    result = corpus_store.search_decisions(DecisionRequest(limit=1000))
    assert result.total == len(decision_items) == len(result.records)
    by_key = {(r.doc_id, r.section): r for r in result.records}
    for doc, item in decision_items:
        record = by_key[(doc.doc_id, item.number)]
        assert record.decision == item.decision and record.title == item.title and record.dnr == item.dnr
        assert (record.body, record.date, record.municipalities) == (doc.body, doc.date, doc.municipalities)
        assert (record.page_start, record.page_end) == (item.page_start, item.page_end)
        # The item's own areas: those of its passages.
        assert set(record.areas) == {a for p in doc.passages if p.section == item.number for a in p.areas}
        placed = case_of(item.dnr, doc.municipalities)
        assert (record.case_municipality, record.case_id) == (placed[0], placed[1].slug)


def test_newest_first_by_default_and_oldest_on_request(corpus_store):
    newest = [r.date for r in corpus_store.search_decisions(DecisionRequest(limit=1000)).records]
    assert newest == sorted(newest, reverse=True)
    oldest = [r.date for r in corpus_store.search_decisions(DecisionRequest(sort="oldest", limit=1000)).records]
    assert oldest == sorted(oldest)


def test_facets_count_records_and_filters_narrow(corpus_store):
    everything = corpus_store.search_decisions(DecisionRequest(limit=1000))
    assert {"area", "municipality", "year", "body"} <= set(everything.facets)
    for group in ("municipality", "year", "body"):
        assert sum(v.count for v in everything.facets[group]) == everything.total, group
    bodies = {v.value for v in everything.facets["body"]}
    assert {"kommunstyrelsen", "kommunstyrelsens arbetsutskott"} <= bodies
    boden = corpus_store.search_decisions(DecisionRequest(municipalities=["Boden"], limit=1000))
    count = next(v.count for v in everything.facets["municipality"] if v.value == "Boden")
    assert boden.total == count > 0 and all(r.municipalities == ["Boden"] for r in boden.records)
    ksau = corpus_store.search_decisions(DecisionRequest(bodies=["kommunstyrelsens arbetsutskott"], limit=1000))
    assert ksau.total and all(r.body == "kommunstyrelsens arbetsutskott" for r in ksau.records)
    area = corpus_store.search_decisions(DecisionRequest(areas=["kompetensforsorjning"], limit=1000))
    assert 0 < area.total < everything.total and all("kompetensforsorjning" in r.areas for r in area.records)
    year = corpus_store.search_decisions(DecisionRequest(years=[2022], limit=1000))
    assert year.total and all(r.date.startswith("2022") for r in year.records)


def test_from_and_to_dates(corpus_store):
    result = corpus_store.search_decisions(DecisionRequest(date_from="2022-06-10", date_to="2023-12-31", limit=1000))
    assert result.total and all("2022-06-10" <= r.date <= "2023-12-31" for r in result.records)
    everything = corpus_store.search_decisions(DecisionRequest(limit=1000))
    assert result.total == sum("2022-06-10" <= r.date <= "2023-12-31" for r in everything.records)
    # A datum: typed in the query and the dates both narrow.
    typed = corpus_store.search_decisions(DecisionRequest(query="datum:2023", date_from="2023-06-01", limit=1000))
    assert typed.total and all("2023-06-01" <= r.date <= "2023-12-31" for r in typed.records)


def test_a_decision_matches_when_its_own_item_has_the_words(corpus_store):
    words = corpus_store.search(SearchRequest(query="yrkesvux", limit=100))
    items_in_documents = sum(len([i for i in corpus_store.get_document(h.doc_id).items if i.decision])
                             for h in words.hits)
    result = corpus_store.search_decisions(DecisionRequest(query="yrkesvux", limit=100))
    # Fewer records than the decisions of the documents that have the word somewhere.
    assert 0 < result.total < items_in_documents
    for record in result.records:
        text = " ".join(p.text for p in corpus_store.section_passages(record.doc_id, record.section)).lower()
        assert "yrkesvux" in text, record.title
        assert '<mark class="traff">' in record.snippet_html


def test_relevance_on_request_and_the_query_language(corpus_store):
    ranked = corpus_store.search_decisions(DecisionRequest(query="avsiktsförklaring", sort="relevance", limit=100))
    scores = [r.score for r in ranked.records]
    assert ranked.total > 1 and scores == sorted(scores, reverse=True)
    luleå = corpus_store.search_decisions(DecisionRequest(query="avsiktsförklaring kommun:Luleå", limit=100))
    assert luleå.total and all(r.municipalities == ["Luleå"] for r in luleå.records)
    without = corpus_store.search_decisions(DecisionRequest(query="avsiktsförklaring -uppföljning", limit=100))
    assert 0 < without.total < ranked.total


def test_paging(corpus_store):
    first = corpus_store.search_decisions(DecisionRequest(limit=7))
    second = corpus_store.search_decisions(DecisionRequest(limit=7, page=2))
    assert first.total == second.total and len(first.records) == len(second.records) == 7
    assert not {(r.doc_id, r.section) for r in first.records} & {(r.doc_id, r.section) for r in second.records}


def test_a_search_hit_in_an_item_carries_its_decision(corpus_store, documents):
    decisions = {(d.doc_id, i.number): " ".join(i.decision.split()) for d in documents for i in d.items if i.decision}
    hits = corpus_store.search(SearchRequest(query="avsiktsförklaring", limit=50)).hits
    in_items = [h for h in hits if (h.doc_id, h.section) in decisions]
    assert in_items
    for hit in hits:
        assert hit.decision == decisions.get((hit.doc_id, hit.section))


def test_the_search_api_gives_a_hit_its_decision(client, documents):
    decisions = {(d.doc_id, i.number): " ".join(i.decision.split()) for d in documents for i in d.items if i.decision}
    hits = client.get("/api/search", query_string={"q": "avsiktsförklaring", "limit": 50}).get_json()["hits"]
    assert any(h["decision"] for h in hits)
    for h in hits:
        assert h["decision"] == decisions.get((h["doc_id"], h["section"]))


# --- cases -----------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["2022/456", "2022-456", "Dnr 2022.456", "2022/0456-1.1.1", "Luleå 2022/456"])
def test_a_case_by_any_form_of_its_number(corpus_store, written):
    case = corpus_store.case("Luleå", written)
    assert case is not None and case.label == LULEA_CASE and case.case_id == "2022-456"
    reference = corpus_store.case("Luleå", "2022/456-1.1.1")
    assert [(r.doc_id, r.section) for r in case.records] == [(r.doc_id, r.section) for r in reference.records]


def test_a_case_goes_through_more_than_one_body_in_date_order(corpus_store):
    case = corpus_store.case("Luleå", LULEA_CASE)
    keys = [(r.date, stage(r.doc_type, r.body)) for r in case.records]
    assert keys == sorted(keys)
    assert {"kommunstyrelsens arbetsutskott", "kommunstyrelsen"} <= set(case.bodies)
    # The tjänsteskrivelse, then the working committee's § 112, then the board's § 138.
    first = case.records[:3]
    assert [r.doc_type for r in first] == ["tjänsteskrivelse", "protokoll", "protokoll"]
    assert [(r.body, r.section) for r in first[1:]] == [("kommunstyrelsens arbetsutskott", "112"),
                                                        ("kommunstyrelsen", "138")]
    assert all(r.decision for r in case.records if r.section)
    # The agreement both municipalities signed is a document of this case.
    assert any(r.doc_type == "avtal" and r.section is None for r in case.records)


def test_numbers_are_per_municipality(corpus_store):
    boden = corpus_store.case("Boden", BODEN_CASE)
    assert boden is not None and boden.label == "KS 2022/318"
    assert {r.municipalities[0] for r in boden.records if r.section} == {"Boden"}
    assert corpus_store.case("Luleå", BODEN_CASE) is None
    assert corpus_store.case("Boden", "SBN 2022/0318") is None  # another register
    assert corpus_store.case("Luleå", "2031/1") is None and corpus_store.case("Luleå", "inget nummer") is None


# --- web pages and API ---------------------------------------------------------------

def test_decisions_page(client):
    html, page = get_ok(client, "/beslut")
    assert_accessible_basics(html, page)
    assert page.h1 == ["Beslut"]
    assert re.search(r"<strong>\d+</strong> beslut finns", html)
    assert page.find("form", action="/beslut") and page.find("select", name="sort")
    legends = re.findall(r"<legend>([^<]+)</legend>", html)
    assert {"Prioriterat område", "Kommun", "År", "Organ", "Datum"} <= set(legends)
    assert "Dokumenttyp" not in legends
    assert re.search(r'href="/arende/[^"]+/[^"]+">Följ ärendet', html)
    assert re.search(r'href="/dokument/[^"#]+#paragraf-\d+"', html)
    assert 'aria-current="page">Beslut</a>' in html


def test_decisions_page_search_filters_and_chips(client):
    html, page = get_ok(client, "/beslut?q=avsiktsf%C3%B6rklaring&municipality=Boden&from=2022")
    assert_accessible_basics(html, page)
    assert "Beslut som matchar ”avsiktsförklaring”" in page.h1[0]
    assert "<mark" in html
    assert "Från: 1 januari 2022" in html and "Kommun: Boden" in html
    assert 'href="/beslut?q=avsiktsf%C3%B6rklaring&amp;from=2022-01-01">Ta bort filter' in html
    assert page.find("input", type="date", name="from", value="2022-01-01")


def test_decisions_page_bad_parameter_is_a_swedish_400(client):
    resp = client.get("/beslut?from=igår")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Parametern &#39;from&#39;" in html
    assert_accessible_basics(html, Page(html))


def test_case_page(client):
    html, page = get_ok(client, "/arende/Lule%C3%A5/KS-2022-456")
    assert_accessible_basics(html, page)
    assert page.h1 == ["Ärende 2022/456, Luleå"]
    assert "Kommunstyrelsens arbetsutskott" in html and "Kommunstyrelsen" in html
    assert html.index("#paragraf-112") < html.index("#paragraf-138") < html.index("#paragraf-201")
    assert html.count('class="decision-heading"') >= 5


@pytest.mark.parametrize("url", ["/arende/Lule%C3%A5/2031-1", "/arende/Atlantis/2022-456", "/arende/Lule%C3%A5/abc",
                                 "/arende/Lule%C3%A5/" + "9" * 300, "/arende/Lule%C3%A5/%00"])
def test_unknown_case_is_a_swedish_404(client, url):
    resp = client.get(url)
    assert resp.status_code == 404
    html = resp.get_data(as_text=True)
    page = Page(html)
    assert_accessible_basics(html, page)
    assert page.h1 == ["Ärendet finns inte"]


def test_document_items_link_to_their_case(client, corpus_store):
    hit = corpus_store.search(SearchRequest(query="avsiktsförklaring", municipalities=["Boden"], doc_types=["protokoll"],
                                            limit=1)).hits[0]
    html, _page = get_ok(client, f"/dokument/{hit.doc_id}")
    links = re.findall(r'<p class="dnr">Dnr ([^<]+) · <a href="(/arende/[^"]+)">Följ ärendet', html)
    assert links
    for dnr, url in links:
        assert client.get(url).status_code == 200, (dnr, url)


def test_api_decisions(client):
    resp = client.get("/api/decisions", query_string={"q": "avsiktsförklaring", "limit": 3, "to": "2023"})
    assert resp.status_code == 200 and resp.is_json
    data = resp.get_json()
    assert {"query", "total", "page", "limit", "sort", "from", "to", "relaxed", "suggestion", "decisions",
            "facets"} <= set(data)
    assert data["sort"] == "date" and data["to"] == "2023-12-31" and len(data["decisions"]) == 3
    record = data["decisions"][0]
    assert {"doc_id", "section", "title", "document_title", "municipality", "body", "date", "dnr", "case",
            "decision", "areas", "pages", "url", "original_url", "snippet"} <= set(record)
    assert record["date"] <= "2023-12-31" and record["decision"]
    assert re.search(r"/dokument/[^#]+#paragraf-\d+$", record["url"])
    assert record["case"]["url"].endswith(f"/arende/{quote(record['case']['municipality'])}/{record['case']['id']}")
    assert {"area", "municipality", "year", "body"} <= set(data["facets"])


@pytest.mark.parametrize("params, name", [({"from": "2022-13"}, "from"), ({"to": "x"}, "to"),
                                          ({"sort": "best"}, "sort"), ({"year": "22"}, "year"),
                                          ({"municipality": "Atlantis"}, "municipality"), ({"limit": "0"}, "limit")])
def test_api_decisions_bad_parameters_are_400_naming_them(client, params, name):
    resp = client.get("/api/decisions", query_string=params)
    assert resp.status_code == 400 and resp.is_json
    assert f"'{name}'" in resp.get_json()["error"]


def test_api_case(client):
    resp = client.get("/api/cases/Lule%C3%A5/Dnr%202022.456")
    assert resp.status_code == 200 and resp.is_json
    data = resp.get_json()
    assert (data["municipality"], data["dnr"], data["id"]) == ("Luleå", LULEA_CASE, "2022-456")
    assert "2022/456-1.1.1" in data["forms"]
    dates = [r["date"] for r in data["records"]]
    assert dates == sorted(dates)
    assert len({r["body"] for r in data["records"] if r["body"]}) >= 2
    missing = client.get("/api/cases/Lule%C3%A5/2031-1")
    assert missing.status_code == 404 and missing.is_json and missing.get_json()["status"] == 404


def test_records_survive_an_index_written_before(corpus_store):
    """DocMeta of an index without the new fields loads: its documents have no records."""
    from indexer.search.documents import DocMeta
    meta = DocMeta(doc_id="x", title="t", doc_type="protokoll", municipalities=["Luleå"], body=None, date=None,
                   areas=[], source_path="x.pdf")
    assert meta.item_records == [] and meta.dnrs == [] and meta.decision_of("1") is None
    assert isinstance(parse_dnr("KS 2022/1"), CaseNumber)
