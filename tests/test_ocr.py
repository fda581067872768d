"""Scanned PDF pages: OCR with Tesseract's Swedish model, marked in the index
and the UI, cached by content hash; without Tesseract the page is reported as
needing OCR and the rest of the document is indexed."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from indexer.extract import extract_file
from indexer.extract.ocr import OcrEngine, probe
from indexer.pipeline import update_index
from indexer.store import SearchRequest, open_store

# CI installs Tesseract (.ci/run) and sets CI_REQUIRE_OCR, so there these tests never skip.
requires_tesseract = pytest.mark.skipif(
    not probe().ok and not os.environ.get("CI_REQUIRE_OCR"),
    reason=f"OCR not available here: {probe().reason}")

TEXT_PAGE = ["Sida ett har ett textlager om bostäder i Luleå."]
SCANNED_PAGE = ["Kommunstyrelsen i Boden beslutade om kompetensförsörjning.",
                "Näringslivsutveckling och infrastruktur i Norrbotten."]
MISSING = "/finns/inte/tesseract"


def _text_pdf(pages: list[list[str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for lines in pages:
        _draw_lines(c, lines)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_lines(c, lines: list[str]) -> None:
    c.setFont("Helvetica", 13)
    y = 780
    for line in lines:
        c.drawString(56, y, line)
        y -= 20


def scanned_pdf(path: Path, pages: list[list[str]], scanned: set[int]) -> Path:
    """A PDF whose pages in `scanned` are only a picture of text (as from a
    scanner: no text layer); the others have ordinary text."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    rendered = pdfium.PdfDocument(_text_pdf(pages))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        if number in scanned:
            image = rendered[number - 1].render(scale=200 / 72, grayscale=True).to_pil()
            c.drawImage(ImageReader(image), 0, 0, width=width, height=height)
        else:
            _draw_lines(c, lines)
        c.showPage()
    c.save()
    return path


@requires_tesseract
def test_page_without_text_layer_is_read_with_swedish_ocr(tmp_path):
    pdf = scanned_pdf(tmp_path / "delvis-skannad.pdf", [TEXT_PAGE, SCANNED_PAGE], scanned={2})
    doc = extract_file(pdf, tmp_path)
    assert [p.ocr for p in doc.pages] == [False, True]
    assert doc.pages[0].text == TEXT_PAGE[0]
    assert doc.pages[1].text == "\n".join(SCANNED_PAGE)  # å/ä/ö read by the Swedish model
    assert doc.metadata["ocr_pages"] == "2"
    assert "pages_without_text" not in doc.metadata and "pages_need_ocr" not in doc.metadata


@requires_tesseract
def test_scanned_pages_are_searchable_and_marked_in_index_and_ui(tmp_path, index_spec):
    from search_app import create_app
    src = tmp_path / "src"
    src.mkdir()
    scanned_pdf(src / "delvis.pdf", [TEXT_PAGE, SCANNED_PAGE], scanned={2})
    scanned_pdf(src / "skannad.pdf", [["Protokoll från Bodens kommunfullmäktige om simhallen."]], scanned={1})
    report = update_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert report.exit_status == 0 and report.failures == [] and report.warnings == []
    assert report.ocr_pages == 2
    store = open_store(index_spec)
    hits = store.search(SearchRequest(query="kompetensförsörjning", limit=5)).hits
    assert [h.source_path for h in hits] == ["delvis.pdf"] and hits[0].page == 2
    assert [h.source_path for h in store.search(SearchRequest(query="simhallen", limit=5)).hits] == ["skannad.pdf"]
    doc = store.get_document(hits[0].doc_id)
    assert [p.ocr for p in doc.pages] == [False, True]  # stored in the index

    client = create_app({"INDEX_DIR": index_spec, "TESTING": True}).test_client()
    html = client.get(f"/dokument/{doc.doc_id}").get_data(as_text=True)
    note = "Texten på sidan är maskinläst (OCR) och kan innehålla fel."
    assert html.count(note) == 1
    assert html.index('id="sida-2"') < html.index(note)  # on page 2, not page 1


def test_without_tesseract_the_page_needs_ocr_and_the_rest_is_indexed(tmp_path, monkeypatch, index_spec):
    src = tmp_path / "src"
    src.mkdir()
    scanned_pdf(src / "delvis.pdf", [TEXT_PAGE, SCANNED_PAGE], scanned={2})
    scanned_pdf(src / "skannad.pdf", [["Protokoll om simhallen."]], scanned={1})
    (src / "vanlig.md").write_text("# Vanlig\n\nEn vanlig text om Boden.\n", encoding="utf-8")
    monkeypatch.setenv("SEARCH_TESSERACT", MISSING)
    why = f"Tesseract is not installed ({MISSING} not found; install tesseract-ocr and tesseract-ocr-swe)"

    report = update_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert report.exit_status == 1
    assert [(f.path, f.reason) for f in report.failures] == [
        ("skannad.pdf", f"needs OCR: no text layer (scanned PDF?); OCR not available: {why}")]
    assert [(w.path, w.reason) for w in report.warnings] == [
        ("delvis.pdf", f"needs OCR: page 2 has no text layer; {why}")]
    assert sorted(report.added) == ["delvis.pdf", "vanlig.md"]
    store = open_store(index_spec)
    assert [h.source_path for h in store.search(SearchRequest(query="textlager", limit=5)).hits] == ["delvis.pdf"]

    # Still no Tesseract: nothing is read again, both are still reported.
    again = update_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert again.mode == "none" and again.extracted == 0 and again.exit_status == 1
    assert [(f.path, f.known) for f in again.failures] == [("skannad.pdf", True)]
    assert [w.path for w in again.warnings] == ["delvis.pdf"]

    monkeypatch.delenv("SEARCH_TESSERACT")  # Tesseract installed: both are read again, with OCR
    if not probe().ok and not os.environ.get("CI_REQUIRE_OCR"):
        pytest.skip(f"OCR not available here to check the re-read: {probe().reason}")
    fixed = update_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert fixed.exit_status == 0 and fixed.failures == [] and fixed.warnings == []
    assert fixed.reprocessed == ["delvis.pdf"] and fixed.added == ["skannad.pdf"]
    store = open_store(index_spec)
    assert [h.source_path for h in store.search(SearchRequest(query="kompetensförsörjning", limit=5)).hits] == [
        "delvis.pdf"]


@requires_tesseract
def test_ocr_results_are_cached_by_content_hash(tmp_path, monkeypatch):
    pdf = scanned_pdf(tmp_path / "skannad.pdf", [SCANNED_PAGE], scanned={1})
    cache = tmp_path / "ocr-cache"
    first = extract_file(pdf, tmp_path, ocr=OcrEngine(cache))
    entries = list(cache.rglob("*.txt"))
    assert len(entries) == 1 and entries[0].read_text(encoding="utf-8").startswith("Kommunstyrelsen i Boden")

    # The same page in another file, with Tesseract gone: read from the cache.
    copy = tmp_path / "kopia.pdf"
    copy.write_bytes(pdf.read_bytes())
    monkeypatch.setenv("SEARCH_TESSERACT", MISSING)
    engine = OcrEngine(cache)
    assert not engine.available
    second = extract_file(copy, tmp_path, ocr=engine)
    assert second.pages[0].text == first.pages[0].text and second.pages[0].ocr
    # Without the cache the same call cannot read the page.
    with pytest.raises(Exception, match="needs OCR"):
        extract_file(copy, tmp_path, ocr=OcrEngine(tmp_path / "tom-cache"))


def test_blank_page_is_not_sent_to_ocr(tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.drawString(56, 780, "Första sidan har text om Luleå.")
    c.showPage()
    c.showPage()  # an empty page: nothing to read, so no "needs OCR" either
    c.save()
    monkeypatch.setenv("SEARCH_TESSERACT", MISSING)
    doc = extract_file(path, tmp_path)
    assert doc.metadata["pages_without_text"] == "2"
    assert "pages_need_ocr" not in doc.metadata and not any(p.ocr for p in doc.pages)
