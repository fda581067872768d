"""Extractors as a registry (issue 13, point 5): each format module declares its
suffixes, a sniff that bids for the content and its extractor; the dispatch
holds the auction, so a new format is one module and one registry line."""
from __future__ import annotations

import importlib
import io
import pkgutil
import zipfile
from pathlib import Path

import pytest

import indexer.extract as extract_pkg
from indexer.extract import extract_file, registry, sniff_format
from indexer.extract.base import DECLARED, SIGNATURE, Format
from indexer.models import ExtractionError, PageText

DATA = Path(__file__).resolve().parent / "data"

ERROR_PAGE = ("<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
              "<body><h1>Sidan kunde inte hittas</h1><p>Protokollet har flyttats.</p></body></html>")


def _pdf_bytes() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for i in (1, 2):
        c.drawString(72, 700, f"Kommunstyrelsen protokoll sida {i}")
        c.drawString(72, 680, "§ 12 Budget för bostadsbyggande")
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


# One typical content per registered format, with its own suffix.
SAMPLES = {
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ".pdf"),
    "docx": (_docx_bytes(), ".docx"),
    "doc": ((DATA / "kort-anteckning.doc").read_bytes(), ".doc"),
    "rtf": (b"{\\rtf1\\ansi Protokoll}", ".rtf"),
    "html": (ERROR_PAGE.encode(), ".html"),
    "txt": ("Protokoll fört vid sammanträde.\n".encode(), ".txt"),
    "md": ("# Protokoll\n\nText.\n".encode(), ".md"),
}


# --- what every format declares -------------------------------------------------------------------

def test_every_registered_format_declares_suffixes_sniff_and_extract():
    assert registry.FORMATS, "the registry is empty"
    for f in registry.FORMATS:
        assert isinstance(f, Format)
        assert f.name and f.label, f
        assert f.suffixes and all(s.startswith(".") and s == s.lower() for s in f.suffixes), f.name
        assert callable(f.sniff) and callable(f.extract), f.name
        assert set(f.takes) <= {"ocr", "format", "limits"}, f.name
    names = [f.name for f in registry.FORMATS]
    suffixes = [s for f in registry.FORMATS for s in f.suffixes]
    assert len(set(names)) == len(names)
    assert len(set(suffixes)) == len(suffixes)
    assert extract_pkg.SUPPORTED_SUFFIXES == frozenset(suffixes)


def test_every_format_module_is_registered():
    """A module of indexer/extract that declares a FORMAT is in the registry, and
    every registered format comes from one of them."""
    declared = []
    for info in pkgutil.iter_modules(extract_pkg.__path__):
        module = importlib.import_module(f"indexer.extract.{info.name}")
        if isinstance(getattr(module, "FORMAT", None), Format):
            declared.extend(getattr(module, "FORMATS", (module.FORMAT,)))
    assert declared
    assert sorted(f.name for f in declared) == sorted(f.name for f in registry.FORMATS)


def test_each_format_wins_its_own_content():
    assert set(SAMPLES) == {f.name for f in registry.FORMATS}
    for name, (data, suffix) in SAMPLES.items():
        fmt = registry.by_name(name)
        assert fmt.sniff(data, suffix) > 0, name
        assert sniff_format(data, suffix) == (name, fmt.label)


def test_bids_are_scores_from_0_to_100():
    for data, _ in SAMPLES.values():
        for suffix in ("", ".bin", ".pdf", ".html", ".txt", ".docx", ".doc"):
            for f in registry.FORMATS:
                score = f.sniff(data, suffix)
                assert isinstance(score, int) and 0 <= score <= 100, (f.name, suffix, score)


# --- content wins over the suffix, refusals as before -------------------------------------------

@pytest.mark.parametrize("name", ["sida.bin", "sida.html", "sida"])
def test_pdf_under_another_suffix_is_read_as_pdf(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(_pdf_bytes())
    doc = extract_file(path, tmp_path)
    assert doc.format == "pdf"
    assert doc.metadata["detected_format"] == "pdf"
    assert [p.number for p in doc.pages] == [1, 2]
    assert "Budget för bostadsbyggande" in doc.pages[0].text
    if name.endswith(".html"):
        assert doc.metadata["warning"] == "file has extension .html but content looks like PDF"
    else:
        assert "warning" not in doc.metadata


def test_html_error_page_named_pdf_is_html_with_the_existing_warning(tmp_path):
    """Content wins: an error page saved as .pdf is read as the HTML it is, and says so."""
    path = tmp_path / "protokoll.pdf"
    path.write_text(ERROR_PAGE, encoding="utf-8")
    assert sniff_format(path.read_bytes(), ".pdf") == ("html", "HTML")
    doc = extract_file(path, tmp_path)
    assert doc.format == "html"
    assert doc.metadata["warning"] == "file has extension .pdf but content looks like HTML"
    assert doc.pages[0].text == "Sidan kunde inte hittas\n\nProtokollet har flyttats."


@pytest.mark.parametrize("name, data, message", [
    ("protokoll.pdf", b"Bara vanlig text, ingen PDF.", "not a valid PDF: no %PDF header (content is plain text)"),
    ("protokoll.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200),
     "file has extension .pdf but content looks like PNG image; unsupported file type"),
    ("protokoll.docx", b"PK\x03\x04trasig", "not a valid DOCX (zip) file"),
    ("protokoll.docx", b"\x00\x01\x02" * 50, "not a valid DOCX (zip) file"),
    ("protokoll.rtf", b"Bara text.",
     "file has extension .rtf but content looks like plain text; unsupported file type"),
    ("budget.xls", None, "unsupported file type .xls (Excel workbook (.xls))"),
    ("budget.doc", None, "file has extension .doc but content looks like Excel workbook (.xls); unsupported file type"),
    ("data.csv", b"a;b;c\n1;2;3\n", "unsupported file type .csv (text)"),
    ("hemligt.doc", (DATA / "hemligt-protokoll.doc").read_bytes(),
     "document is password-protected (encrypted Word file)"),
])
def test_refusals_keep_their_words(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes((DATA / "budget.xls").read_bytes() if data is None else data)
    with pytest.raises(ExtractionError) as exc:
        extract_file(path, tmp_path)
    assert str(exc.value) == message


def test_xlsx_zip_is_described_not_read():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert sniff_format(buf.getvalue(), ".docx") == (None, "Excel workbook (.xlsx)")


# --- a new format is one module ------------------------------------------------------------------

def _toy_sniff(data: bytes, suffix: str) -> int:
    return SIGNATURE if data.startswith(b"TOY1\n") else NO_BID


NO_BID = 0
TOY_CALLS: list[str] = []


def _toy_extract(data: bytes, fmt: str):
    TOY_CALLS.append(fmt)
    lines = data.decode("utf-8").splitlines()[1:]
    return [PageText(number=i, text=line) for i, line in enumerate(lines, start=1)], "Leksak", None, {"toy": "yes"}


TOY = Format(name="toy", suffixes=(".toy",), label="toy document", sniff=_toy_sniff, extract=_toy_extract,
             takes=("format",))


@pytest.fixture
def with_toy(monkeypatch):
    monkeypatch.setattr(registry, "FORMATS", (*registry.FORMATS, TOY))
    TOY_CALLS.clear()
    yield
    TOY_CALLS.clear()


def _write_toy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes("TOY1\nförsta sidan\nandra sidan\n".encode())
    return path


def test_without_the_toy_format_its_files_are_not_read(tmp_path):
    with pytest.raises(ExtractionError, match=r"^unsupported file type \.toy \(text\)$"):
        extract_file(_write_toy(tmp_path, "a.toy"), tmp_path)
    assert extract_file(_write_toy(tmp_path, "a.txt"), tmp_path).format == "txt"


def test_a_registered_toy_format_wins_the_auction(tmp_path, with_toy):
    data = _write_toy(tmp_path, "a.toy").read_bytes()
    assert sniff_format(data, ".toy") == ("toy", "toy document")
    assert sniff_format(data, ".txt") == ("toy", "toy document")  # its signature outbids the suffix
    assert sniff_format(b"TOY2\n", ".txt") == ("txt", "text")  # not its content: no bid
    doc = extract_file(tmp_path / "a.toy", tmp_path)
    assert doc.format == "toy" and TOY_CALLS == ["toy"]
    assert [p.text for p in doc.pages] == ["första sidan", "andra sidan"]
    assert doc.title == "Leksak" and doc.metadata["toy"] == "yes"
    assert "warning" not in doc.metadata
    named_txt = extract_file(_write_toy(tmp_path, "b.txt"), tmp_path)
    assert named_txt.format == "toy"
    assert named_txt.metadata["warning"] == "file has extension .txt but content looks like toy document"


def test_ties_go_to_the_declared_suffix_then_registry_order(monkeypatch):
    def bid(data, suffix):
        return DECLARED if data.startswith(b"TIE") else 0

    first = Format(name="first", suffixes=(".one",), label="first", sniff=bid, extract=_toy_extract)
    second = Format(name="second", suffixes=(".two",), label="second", sniff=bid, extract=_toy_extract)
    monkeypatch.setattr(registry, "FORMATS", (first, second, *registry.FORMATS))
    assert sniff_format(b"TIE", ".two")[0] == "second"
    assert sniff_format(b"TIE", ".one")[0] == "first"
    assert sniff_format(b"TIE", ".bin")[0] == "first"
    monkeypatch.setattr(registry, "FORMATS", (second, first, *registry.FORMATS))
    assert sniff_format(b"TIE", ".bin")[0] == "second"
    assert sniff_format(b"TIE", ".one")[0] == "first"


def test_a_bid_out_of_range_is_a_programming_error(monkeypatch):
    bad = Format(name="bad", suffixes=(".bad",), label="bad", sniff=lambda data, suffix: 101, extract=_toy_extract)
    monkeypatch.setattr(registry, "FORMATS", (*registry.FORMATS, bad))
    with pytest.raises(ValueError, match="bad"):
        sniff_format(b"anything", ".bad")
