"""Harvested documents in the index (issue 14 point 3): the sidecar record beside a
file is read by the pipeline, its municipality and publication date win over the
text, and the API, the document page, search hits and citations give its public
address. Real files from corpus/; the sidecar records and their addresses on
lulea.se and boden.se are fictional, written for these tests."""
from __future__ import annotations

import html
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.cache import sha256_file
from indexer.extract import extract_file
from indexer.inventory import plan_changes, scan
from indexer.models import Document
from indexer.pipeline import build_index, update_index
from indexer.provenance import Provenance, sidecar_path, write_sidecar
from indexer.search.documents import DocMeta
from indexer.store import SearchRequest, open_store
from indexer.structure import structure

from conftest import doc_ids_by_path, index_spec_at
from search_app import create_app
from test_web import Page, assert_accessible_basics

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LOCAL = "http://127.0.0.1:8000"  # the serve address: links when PUBLIC_URL is not set

# Test data: fictional addresses under /test-provenans/ on the municipalities' sites.
NEWS_URL = "https://www.lulea.se/test-provenans/nyheter/ny-stomlinje-lulea-boden.html"
NOTES_URL = "https://www.boden.se/test-provenans/styrgrupp-2023-02-14.txt"
FILES = {
    "nyhet-stomlinje.html": "html/lulea-2024-08-19-stomlinje-lulea-boden.html",
    "styrgrupp.txt": "text/minnesanteckningar-styrgrupp-lulea-boden-2023-02-14.txt",
    "protokoll.pdf": "pdf/boden-ks-protokoll-2024-11-25.pdf",   # put in by hand: no sidecar
}


def _news(src: Path) -> Provenance:
    return Provenance(source="lulea-nyheter (test)", url="https://www.lulea.se/test-provenans/rss?id=17",
                      final_url="https://www.lulea.se/test-provenans/nyheter/17", canonical_url=NEWS_URL,
                      fetched_at="2026-12-05T02:00:00+00:00", sha256=sha256_file(src / "nyhet-stomlinje.html"),
                      content_type="text/html",
                      municipality="Luleå", published="2024-08-21", title="Ny stomlinje (test)")


def _notes(src: Path) -> Provenance:
    return Provenance(source="boden-protokoll (test)", url=NOTES_URL, final_url=NOTES_URL,
                      fetched_at="2026-12-05T02:00:00+00:00", sha256=sha256_file(src / "styrgrupp.txt"),
                      content_type="text/plain",
                      municipality="Boden", published="2023-02-20", gone_since="2025-01-10")


def _folder(root: Path) -> Path:
    src = root / "src"
    src.mkdir()
    for name, rel in FILES.items():
        shutil.copy(CORPUS / rel, src / name)
    write_sidecar(src / "nyhet-stomlinje.html", _news(src))
    write_sidecar(src / "styrgrupp.txt", _notes(src))
    return src


def _spec(root: Path) -> str:
    return index_spec_at(root / "index")


def _build(root: Path, src: Path):
    return build_index([src], _spec(root), root / "cache", jobs=1, progress=False)


def _update(root: Path, src: Path):
    return update_index([src], _spec(root), root / "cache", jobs=1, progress=False)


def _doc_ids(root: Path) -> dict[str, str]:
    return doc_ids_by_path(_spec(root))


@pytest.fixture(scope="module")
def harvested(tmp_path_factory):
    root = tmp_path_factory.mktemp("harvested")
    src = _folder(root)
    report = _build(root, src)
    assert report.exit_status == 0 and report.documents == 3 and report.warnings == []
    return root, src


@pytest.fixture(scope="module")
def store(harvested):
    return open_store(_spec(harvested[0]))


@pytest.fixture(scope="module")
def ids(harvested):
    return _doc_ids(harvested[0])


@pytest.fixture(scope="module")
def client(harvested):
    app = create_app({"INDEX_DIR": _spec(harvested[0]), "TESTING": True})
    return app.test_client()


def _from_text(src: Path, name: str) -> Document:
    """The document as its text alone makes it (no sidecar)."""
    return structure(extract_file(src / name, src), str(src))


def test_the_sidecar_municipality_and_date_win_over_the_text(harvested, store, ids):
    _root, src = harvested
    notes = store.get_document(ids["styrgrupp.txt"])
    text_only = _from_text(src, "styrgrupp.txt")
    # The notes of the joint working group name both municipalities and their meeting date.
    assert (text_only.municipalities, text_only.date) == (["Luleå", "Boden"], "2023-02-14")
    assert (notes.municipalities, notes.organisation, notes.date) == (["Boden"], "Bodens kommun", "2023-02-20")
    news = store.get_document(ids["nyhet-stomlinje.html"])
    assert _from_text(src, "nyhet-stomlinje.html").date == "2024-08-19"
    assert (news.municipalities, news.date) == (["Luleå"], "2024-08-21")
    assert news.provenance == _news(src).to_json() and news.public_url == NEWS_URL
    assert (news.published_site, news.gone_since) == ("lulea.se", None)
    # The year facet follows the date the source gives.
    result = store.search(SearchRequest(query="stomlinje"))
    assert {fv.value for fv in result.facets["year"]} == {"2024"}


def test_api_gives_the_public_address_as_original_and_the_local_copy_as_source(client, ids):
    doc = client.get(f"/api/documents/{ids['nyhet-stomlinje.html']}").get_json()
    local = f"{LOCAL}/original/{ids['nyhet-stomlinje.html']}"
    assert (doc["original_url"], doc["source_url"]) == (NEWS_URL, local)
    assert (doc["published_site"], doc["gone_since"]) == ("lulea.se", None)
    assert client.get(doc["source_url"].removeprefix(LOCAL)).status_code == 200

    hits = client.get("/api/search", query_string={"q": "styrgrupp"}).get_json()["hits"]
    hit = next(h for h in hits if h["doc_id"] == ids["styrgrupp.txt"])
    assert (hit["original_url"], hit["published_site"], hit["gone_since"]) == (NOTES_URL, "boden.se", "2025-01-10")
    assert hit["source_url"] == f"{LOCAL}/original/{ids['styrgrupp.txt']}"


def test_document_page_links_to_where_the_source_publishes_it(client, ids):
    page = client.get(f"/dokument/{ids['nyhet-stomlinje.html']}").get_data(as_text=True)
    assert_accessible_basics(page, Page(page))
    link = re.search(r'<a href="([^"]+)" rel="external">Publicerad på lulea\.se<span class="visually-hidden">', page)
    assert link and html.unescape(link.group(1)) == NEWS_URL
    assert "Inte längre publicerad" not in page
    # The page still offers the local copy.
    assert f'href="/original/{ids["nyhet-stomlinje.html"]}"' in page


def test_document_page_says_when_the_source_stopped_publishing_it(client, ids):
    page = client.get(f"/dokument/{ids['styrgrupp.txt']}").get_data(as_text=True)
    assert_accessible_basics(page, Page(page))
    assert "Publicerad på boden.se" in page
    assert ('Inte längre publicerad hos källan sedan <time datetime="2025-01-10">10 januari 2025</time>'
            in page)
    results = client.get("/sok", query_string={"q": "styrgrupp"}).get_data(as_text=True)
    assert "Tidigare publicerad på boden.se" in results
    results = client.get("/sok", query_string={"q": "stomlinje"}).get_data(as_text=True)
    assert "Publicerad på lulea.se" in results and "Tidigare publicerad" not in results


def _citation(page: str) -> str:
    return html.unescape(re.search(r'<textarea id="kallhanvisning"[^>]*>(.*?)</textarea>', page, re.S).group(1))


def test_citations_cite_the_public_address(client, store, ids):
    page = client.get(f"/dokument/{ids['nyhet-stomlinje.html']}").get_data(as_text=True)
    assert _citation(page).endswith(f". {NEWS_URL}")

    from search_app.ui import passage_citation
    hit = next(h for h in store.search_passages("stomlinje buss", limit=20) if h.doc_id == ids["nyhet-stomlinje.html"])
    assert hit.public_url == NEWS_URL
    with client.application.test_request_context("/fraga"):
        assert passage_citation(hit, "En ny stomlinje.").endswith(f". {NEWS_URL}")
        # The same passage without a public address is cited with the link to the document page.
        local = passage_citation(replace(hit, public_url=None, published_site=None), "En ny stomlinje.")
    assert local.endswith(f"{LOCAL}/dokument/{ids['nyhet-stomlinje.html']}#sida-{hit.page}")


def test_documents_without_sidecar_are_as_before(harvested, client, store, ids):
    _root, src = harvested
    doc_id = ids["protokoll.pdf"]
    doc = store.get_document(doc_id)
    before = _from_text(src, "protokoll.pdf")
    assert (doc.provenance, doc.public_url) == (None, None)
    assert (doc.title, doc.municipalities, doc.organisation, doc.date) == \
        (before.title, before.municipalities, before.organisation, before.date)
    data = client.get(f"/api/documents/{doc_id}").get_json()
    assert data["original_url"] == data["source_url"] == f"{LOCAL}/original/{doc_id}"
    assert (data["published_site"], data["gone_since"]) == (None, None)
    page = client.get(f"/dokument/{doc_id}").get_data(as_text=True)
    assert "Publicerad på" not in page
    assert _citation(page).endswith(f"{LOCAL}/dokument/{doc_id}")
    hit = next(h for h in store.search(SearchRequest(query="kommunstyrelsen")).hits if h.doc_id == doc_id)
    assert (hit.public_url, hit.published_site, hit.gone_since) == (None, None, None)


def test_a_changed_sidecar_alone_reindexes_its_document_only(tmp_path):
    src = _folder(tmp_path)
    _build(tmp_path, src)
    ids = _doc_ids(tmp_path)

    # The harvester's next visit renews only the fetch time: nothing to do.
    write_sidecar(src / "styrgrupp.txt", replace(_notes(src), fetched_at="2026-12-06T02:00:00+00:00"))
    assert _update(tmp_path, src).mode == "none"

    # The source stops publishing the news: only its record changes.
    write_sidecar(src / "nyhet-stomlinje.html", replace(_news(src), gone_since="2026-12-06"))
    report = _update(tmp_path, src)
    assert report.exit_status == 0 and report.mode == "incremental"
    assert (report.changed, report.added, report.removed, report.renamed) == (["nyhet-stomlinje.html"], [], [], [])
    assert report.unchanged == 2 and _doc_ids(tmp_path) == ids
    store = open_store(_spec(tmp_path))
    assert store.get_document(ids["nyhet-stomlinje.html"]).gone_since == "2026-12-06"
    hit = next(h for h in store.search(SearchRequest(query="stomlinje")).hits)
    assert (hit.doc_id, hit.gone_since) == (ids["nyhet-stomlinje.html"], "2026-12-06")
    assert _update(tmp_path, src).mode == "none"

    # A file moved with its record keeps its id: moves are told by the file's content.
    (src / "arkiv").mkdir()
    for path in (src / "styrgrupp.txt", sidecar_path(src / "styrgrupp.txt")):
        path.rename(src / "arkiv" / path.name)
    report = _update(tmp_path, src)
    assert report.renamed == [{"from": "styrgrupp.txt", "to": "arkiv/styrgrupp.txt", "doc_id": ids["styrgrupp.txt"]}]
    assert (report.changed, report.added, report.removed) == ([], [], [])
    assert open_store(_spec(tmp_path)).get_document(ids["styrgrupp.txt"]).public_url == NOTES_URL


def test_a_broken_sidecar_is_a_warning_and_the_document_is_indexed(tmp_path):
    src = _folder(tmp_path)
    record = sidecar_path(src / "styrgrupp.txt")
    record.write_text('{"source": "boden-protokoll (test)", "url": ', encoding="utf-8")   # cut off
    report = _build(tmp_path, src)
    assert report.exit_status == 0 and report.documents == 3
    [warning] = report.warnings
    assert warning.path == "styrgrupp.txt" and str(record) in warning.reason and "not valid JSON" in warning.reason
    store = open_store(_spec(tmp_path))
    doc = store.get_document(_doc_ids(tmp_path)["styrgrupp.txt"])
    assert (doc.provenance, doc.municipalities, doc.date) == (None, ["Luleå", "Boden"], "2023-02-14")
    assert store.get_document(_doc_ids(tmp_path)["nyhet-stomlinje.html"]).public_url == NEWS_URL

    # Not read again while unchanged, but still reported; mended, it is used.
    again = _update(tmp_path, src)
    assert again.mode == "none" and [(w.path, w.known) for w in again.warnings] == [("styrgrupp.txt", True)]
    write_sidecar(src / "styrgrupp.txt", _notes(src))
    mended = _update(tmp_path, src)
    assert mended.changed == ["styrgrupp.txt"] and mended.warnings == []
    store = open_store(_spec(tmp_path))
    assert store.get_document(_doc_ids(tmp_path)["styrgrupp.txt"]).public_url == NOTES_URL


def test_a_record_whose_address_is_no_web_address_is_not_used(tmp_path):
    src = _folder(tmp_path)
    write_sidecar(src / "nyhet-stomlinje.html", replace(_news(src), canonical_url="javascript:alert(1)"))
    report = _build(tmp_path, src)
    [warning] = report.warnings
    assert warning.path == "nyhet-stomlinje.html" and "not a web address" in warning.reason
    doc = open_store(_spec(tmp_path)).get_document(_doc_ids(tmp_path)["nyhet-stomlinje.html"])
    assert doc.public_url is None and doc.date == "2024-08-19"


def test_an_index_written_before_sidecars_were_read(tmp_path):
    src = _folder(tmp_path)
    files = scan([src], max_bytes=10 << 20)
    entries = {f.rel: {"source": str(f.root), "path": f.rel, "sha256": f.sha256, "size": f.size, "pages": 1,
                       "passages": 1, "needs_ocr": False, "ocr": False} for f in files}
    manifest = {"version": 1, "documents": {f"id-{rel}": e for rel, e in entries.items()}, "failed": []}
    plan = plan_changes(files, manifest, full=False, retry_ocr=False)
    # Harvested files are read once more to pick up their records; the rest stay.
    assert sorted((j.file.rel, j.status) for j in plan.jobs) == [("nyhet-stomlinje.html", "changed"),
                                                                  ("styrgrupp.txt", "changed")]
    assert list(plan.keep) == ["id-protokoll.pdf"] and plan.removed == {}

    # Records stored before: a document payload without provenance, document metadata without its fields.
    payload = _from_text(src, "protokoll.pdf").to_json()
    del payload["provenance"]
    assert Document.from_json(payload).public_url is None
    meta = DocMeta(doc_id="d", title="t", doc_type="protokoll", municipalities=["Boden"], body=None, date=None,
                   areas=[], source_path="protokoll.pdf")
    assert (meta.public_url, meta.published_site, meta.gone_since) == (None, None, None)


def test_a_labelled_meeting_date_beats_the_date_the_minutes_were_published(tmp_path):
    # Minutes go on the web days after the meeting; their date is the meeting's.
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CORPUS / FILES["protokoll.pdf"], src / "protokoll.pdf")
    ex = extract_file(src / "protokoll.pdf", src)
    record = Provenance(source="boden-protokoll (test)", url=NOTES_URL, final_url=NOTES_URL,
                        fetched_at="2026-12-05T02:00:00+00:00", sha256=sha256_file(src / "protokoll.pdf"),
                        municipality="Boden", published="2024-12-02")
    assert structure(ex, str(src)).date == "2024-11-25"
    assert structure(ex, str(src), record).date == "2024-11-25"
    # Without a labelled date in the text, the published date is the document's.
    assert structure(extract_file(CORPUS / FILES["styrgrupp.txt"], CORPUS), str(CORPUS), record).date == "2024-12-02"
