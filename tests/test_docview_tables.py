"""Word and HTML documents keep their tables and headings on the document page
(issue 15 point 6): the extractors mark headings (``PageText.headings``) and write
table rows as cells joined by " | "; the document view shows them as headings and
as tables, on real files."""
from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from indexer.extract import extract_file
from indexer.structure import structure
from search_app.docview import _grouped, build_pages

REPO = Path(__file__).resolve().parents[1]
REPORT = REPO / "corpus" / "docx" / "lagesrapport-samverkan-lulea-boden-2024-10-15.docx"
PRESS = REPO / "corpus" / "html" / "boden-2022-09-13-avsiktsforklaring-undertecknad.html"
MINUTES = REPO / "corpus" / "pdf" / "boden-ks-protokoll-2024-11-25.pdf"


def _views(path: Path):
    doc = structure(extract_file(path, path.parent), str(path.parent))
    return doc, build_pages(doc, lambda text: escape(text))


def _blocks(views, kind):
    return [b for v in views for b in v.blocks if b.kind == kind]


def test_a_word_table_is_a_table_with_its_header_row():
    doc, views = _views(REPORT)
    tables = _blocks(views, "table")
    assert len(tables) == 1
    rows = [[str(c) for c in row] for row in tables[0].rows]
    assert rows[0] == ["Område", "Insats", "Status", "Kommentar"]
    assert len(rows) == 12 and all(len(r) == 4 for r in rows)
    # the rows are still text of the page (search and quotes see them as before)
    assert "Område | Insats | Status | Kommentar" in doc.pages[0].text


def test_word_headings_are_headings_and_not_paragraphs():
    doc, views = _views(REPORT)
    marked = doc.pages[0].headings
    assert "Status per prioriterat område" in marked and "Kompetensförsörjning" in marked
    subheadings = {str(b.html) for b in _blocks(views, "subheading")}
    paragraphs = {str(b.html) for b in _blocks(views, "para")}
    assert {"Status per prioriterat område", "Kompetensförsörjning"} <= subheadings
    assert not set(marked) & paragraphs


def test_html_headings_are_marked():
    doc, views = _views(PRESS)
    assert doc.pages[0].headings
    subheadings = {str(b.html) for b in _blocks(views, "subheading")}
    assert {h for h in doc.pages[0].headings if h != doc.title} <= subheadings
    assert "Så leds arbetet" in subheadings


def test_a_real_word_document_keeps_its_headings(devdata):
    path = devdata / "real" / "docx" / "kungsbacka_annoteringsverktyget_bygglovshandlingar.docx"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    doc, views = _views(path)
    marked = doc.pages[0].headings
    assert len(marked) >= 3
    assert len(_blocks(views, "subheading")) >= len(marked)


def test_pdf_minutes_have_no_marked_headings_and_no_tables():
    doc, views = _views(MINUTES)
    assert all(p.headings == [] for p in doc.pages)
    assert not _blocks(views, "table")


def test_a_lone_row_stays_a_paragraph_and_uneven_rows_are_padded():
    grouped = _grouped([["Luleå | Boden"], ["Text."], ["a | b | c"], ["d | e"], ["Slut."]])
    assert grouped[0] == ["Luleå | Boden"]
    assert grouped[2] == ("table", [["a", "b", "c"], ["d", "e", ""]])
    assert grouped[-1] == ["Slut."]


def test_the_document_page_shows_the_table(client, corpus_store):
    from indexer.store.base import SearchRequest
    hits = corpus_store.search(SearchRequest(query="lägesrapport samverkan", limit=20)).hits
    doc_id = next(h.doc_id for h in hits if h.source_path.endswith(REPORT.name))
    html = client.get(f"/dokument/{doc_id}").get_data(as_text=True)
    assert '<table class="doc-table">' in html
    assert '<th scope="col">Område</th>' in html
    assert html.count("<tr>") >= 12
