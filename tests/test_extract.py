"""Extractors on real files: PDFs made with reportlab, DOCX with python-docx,
HTML/TXT/MD written to tmp_path, and the shared development data when present."""
from __future__ import annotations

import hashlib
import random
import re
import zipfile
from pathlib import Path

import pytest

from indexer.extract import EXTRACTOR_VERSION, SUPPORTED_SUFFIXES, extract_file
from indexer.extract.pdf import _rejoin_hyphens
from indexer.models import ExtractedDocument, ExtractionError

DEVDATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata"


# --- builders -----------------------------------------------------------------------

def make_minutes_pdf(path: Path, n_pages: int = 3, encrypt=None, blank_pages=(), title="Protokoll KSAU 2022-06-07"):
    """Minutes-like PDF: running header "LULEÅ KOMMUN PROTOKOLL Sida N (M)", a body
    line under it, footer "Justerandes signatur", a § line, a "Beslut" heading,
    a word hyphenated at a line end and paragraphs separated by extra space."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    if title:
        c.setTitle(title)
    c.setAuthor("Luleå kommun")
    width, height = A4
    for i in range(1, n_pages + 1):
        if i in blank_pages:
            c.showPage()  # a page with no text layer, as a scanned page
            continue
        c.setFont("Helvetica-Bold", 11)
        c.drawString(56, height - 40, "LULEÅ KOMMUN PROTOKOLL")
        c.drawString(430, height - 40, f"Sida {i} ({n_pages})")
        c.setFont("Helvetica", 10)
        c.drawString(56, height - 54, "Kommunstyrelsens arbetsutskott Sammanträdesdatum 2022-06-07")
        y = height - 110
        c.setFont("Helvetica-Bold", 11)
        c.drawString(56, y, f"§ {122 + i}   Dnr 2022/04{56 + i}")
        y -= 14
        c.drawString(56, y, f"Ärende nummer {i} om samverkan mellan Luleå och Boden")
        y -= 26
        c.drawString(56, y, "Beslut")
        y -= 14
        c.setFont("Helvetica", 11)
        for line in ("Arbetsutskottet föreslår att kommunstyrelsen ställer sig bakom förslaget om",
                     "samverkan kring kompetens-",
                     "försörjning, leva och bo samt el-",
                     "och vätgasinfrastruktur i regionen."):
            c.drawString(56, y, line)
            y -= 14
        y -= 12
        c.drawString(56, y, "Sammanfattning av ärendet")
        y -= 14
        for k in range(6):
            c.drawString(56, y, f"Rad {k} på sidan {i}: Luleå och Boden står inför en stor samhällsomställning.")
            y -= 14
            if k == 2:
                y -= 12
        c.setFont("Helvetica", 8)
        c.drawString(56, 40, "Justerandes signatur")
        c.drawString(300, 40, "Utdragsbestyrkande")
        c.showPage()
    c.save()
    return path


def make_docx(path: Path, title_prop: str | None = None):
    import datetime

    import docx

    d = docx.Document()
    d.core_properties.author = "Anna Andersson"
    d.core_properties.title = title_prop or ""
    d.core_properties.created = datetime.datetime(2023, 5, 9, 8, 0)
    d.sections[0].header.paragraphs[0].text = "LULEÅ KOMMUN\tTjänsteskrivelse"
    d.add_paragraph("Samverkan med Bodens kommun", style="Title")
    d.add_paragraph("Datum 2023-05-10")
    d.add_heading("Bakgrund", level=1)
    d.add_paragraph("Luleå och Boden vill samverka kring kompetensförsörjning.")
    d.add_paragraph("Gemensam analys av kompetensbehov", style="List Bullet")
    d.add_paragraph("Samordnat utbud av vuxenutbildning", style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Område"
    table.cell(0, 1).text = "Ansvarig"
    table.cell(1, 0).text = "Infrastruktur"
    table.cell(1, 1).text = "Bodens kommun"
    d.add_heading("Förslag till beslut", level=2)
    d.add_paragraph("Kommunstyrelsen föreslås godkänna avsiktsförklaringen.")
    d.save(str(path))
    return path


MUNICIPAL_PAGE = """<!DOCTYPE html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <title>Luleå och Boden samverkar för att stärka regionen - Luleå kommun</title>
  <script>var tracking = "Dela på Facebook";</script>
  <style>.x { color: red }</style>
</head>
<body>
  <div class="cookie-banner"><p>Vi använder kakor för att webbplatsen ska fungera.</p><button>Godkänn</button></div>
  <a class="skip-link" href="#main">Till huvudinnehåll</a>
  <header class="site-header"><img src="logo.svg" alt="Logotyp"><nav><ul><li>Barn och utbildning</li>
    <li>Omsorg och stöd</li></ul></nav></header>
  <nav class="breadcrumbs"><ol><li>Startsida</li><li>Nyheter</li></ol></nav>
  <main id="main">
    <article>
      <h1>Luleå och Boden samverkar för att stärka regionen</h1>
      <p class="ingress">Luleå och Boden vill tillsammans arbeta för en positiv samhällsutveckling i regionen.</p>
      <p>Prognoser visar att industrisatsningarna kan skapa <strong>100 000</strong> nya jobb.</p>
      <h2>Fyra prioriterade områden</h2>
      <ul>
        <li>Kompetensförsörjning - utveckla en effektiv kompetensförsörjningsprocess.</li>
        <li>Leva och bo - samverka kring gemensamma insatser.</li>
      </ul>
      <div class="share-block"><p>DELA VIA SOCIALA MEDIER</p><a href="#">Dela på Facebook</a><a href="#">Dela på LinkedIn</a></div>
      <p>DELA VIA SOCIALA MEDIER</p>
      <p>Text: Monika Aunes<br>Fotocollage: Frank Rizo</p>
      <p>Uppdaterat: 7 juni 2022</p>
      <p>Logotyp</p>
      <p><a href="#top">Till toppen</a></p>
    </article>
    <aside class="related"><h2>Relaterade nyheter</h2><p>Annan nyhet om parkering</p></aside>
  </main>
  <footer class="site-footer"><p>Luleå kommun, 971 85 Luleå</p><p>Telefon 0920-45 30 00</p></footer>
</body>
</html>
"""


# --- general -------------------------------------------------------------------------

def test_api_constants():
    assert SUPPORTED_SUFFIXES == frozenset({".pdf", ".html", ".htm", ".docx", ".doc", ".rtf", ".txt", ".md"})
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_source_path_sha_and_json_roundtrip(tmp_path):
    sub = tmp_path / "nyheter" / "2022"
    sub.mkdir(parents=True)
    f = sub / "nyhet.html"
    f.write_text(MUNICIPAL_PAGE, encoding="utf-8")
    doc = extract_file(f, tmp_path)
    assert doc.source_path == "nyheter/2022/nyhet.html"
    assert doc.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    assert doc.format == "html"
    again = ExtractedDocument.from_json(doc.to_json())
    assert again == doc
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in doc.metadata.items())


# --- PDF ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def minutes_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    path = make_minutes_pdf(folder / "protokoll.pdf", n_pages=3)
    return extract_file(path, folder)


def test_pdf_pages_numbered(minutes_pdf):
    assert minutes_pdf.format == "pdf"
    assert [p.number for p in minutes_pdf.pages] == [1, 2, 3]
    assert minutes_pdf.metadata["pages"] == "3"
    assert "Rad 0 på sidan 2" in minutes_pdf.pages[1].text
    assert "sidan 2" not in minutes_pdf.pages[0].text


def test_pdf_running_header_and_footer_removed(minutes_pdf):
    for page in minutes_pdf.pages:
        assert "LULEÅ KOMMUN PROTOKOLL" not in page.text
        assert "Sida" not in page.text
        assert "Justerandes signatur" not in page.text
        assert "Utdragsbestyrkande" not in page.text
        assert "Sammanträdesdatum" not in page.text
    header = minutes_pdf.metadata["header"]
    assert "LULEÅ KOMMUN PROTOKOLL" in header
    assert "Sida 1 (3)" in header
    assert "Kommunstyrelsens arbetsutskott Sammanträdesdatum 2022-06-07" in header.splitlines()
    assert "Justerandes signatur" in minutes_pdf.metadata["footer"]
    assert minutes_pdf.date == "2022-06-07"


def test_pdf_item_lines_kept_even_if_similar_on_every_page(minutes_pdf):
    for i, page in enumerate(minutes_pdf.pages, start=1):
        lines = page.text.splitlines()
        assert f"§ {122 + i} Dnr 2022/04{56 + i}" in lines
        assert f"Ärende nummer {i} om samverkan mellan Luleå och Boden" in lines
        assert "Beslut" in lines


def test_pdf_hyphenation(minutes_pdf):
    text = minutes_pdf.pages[0].text
    assert "kompetensförsörjning," in text
    assert "kompetens-" not in text
    # "el- och vätgas": the hyphen stays, and the words stay apart
    assert re.search(r"\bel-\s+och vätgasinfrastruktur", text)


def test_pdf_paragraph_breaks(minutes_pdf):
    text = minutes_pdf.pages[0].text
    paragraphs = text.split("\n\n")
    assert paragraphs[0].splitlines()[0] == "§ 123 Dnr 2022/0457"
    assert any(p.startswith("Beslut\nArbetsutskottet föreslår") for p in paragraphs)
    assert any(p.startswith("Sammanfattning av ärendet\nRad 0") for p in paragraphs)
    # the extra gap after "Rad 2" starts a new paragraph; normal spacing does not
    assert any(p.startswith("Rad 3 på sidan 1") for p in paragraphs)
    assert "\n\n\n" not in text
    assert "  " not in text


def test_pdf_metadata_title(minutes_pdf):
    assert minutes_pdf.title == "Protokoll KSAU 2022-06-07"
    assert minutes_pdf.metadata["pdf_title"] == "Protokoll KSAU 2022-06-07"
    assert minutes_pdf.metadata["pdf_author"] == "Luleå kommun"
    assert "pages_without_text" not in minutes_pdf.metadata


def test_pdf_without_title_gives_none(tmp_path):
    path = make_minutes_pdf(tmp_path / "x.pdf", n_pages=2, title=None)
    assert extract_file(path, tmp_path).title is None


def test_pdf_page_without_text_layer(tmp_path):
    path = make_minutes_pdf(tmp_path / "delvis-skannad.pdf", n_pages=4, blank_pages=(3,))
    doc = extract_file(path, tmp_path)
    assert [p.number for p in doc.pages] == [1, 2, 3, 4]
    assert doc.pages[2].text == ""
    assert doc.metadata["pages_without_text"] == "3"
    assert "Rad 0 på sidan 4" in doc.pages[3].text


def test_pdf_with_no_text_at_all(tmp_path):
    path = make_minutes_pdf(tmp_path / "skannad.pdf", n_pages=2, blank_pages=(1, 2))
    # blank pages: nothing for OCR to read either (tests/test_ocr.py covers scanned pages)
    with pytest.raises(ExtractionError, match=r"^no text layer \(scanned PDF\?\) and nothing on the pages for OCR"):
        extract_file(path, tmp_path)


def test_pdf_password_protected(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = make_minutes_pdf(tmp_path / "hemlig.pdf", n_pages=2,
                            encrypt=StandardEncryption("hemligt", ownerPassword="ägare"))
    with pytest.raises(ExtractionError, match="^PDF is password-protected$"):
        extract_file(path, tmp_path)


def test_pdf_with_only_owner_password_is_readable(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = make_minutes_pdf(tmp_path / "skyddad.pdf", n_pages=2,
                            encrypt=StandardEncryption("", ownerPassword="ägare", canCopy=0))
    doc = extract_file(path, tmp_path)
    assert "kompetensförsörjning" in doc.pages[0].text


def test_pdf_corrupt_random_bytes(tmp_path):
    path = tmp_path / "trasig.pdf"
    path.write_bytes(random.Random(1).randbytes(5000))
    with pytest.raises(ExtractionError, match="not a valid PDF"):
        extract_file(path, tmp_path)


def test_pdf_truncated(tmp_path):
    full = make_minutes_pdf(tmp_path / "hel.pdf", n_pages=3).read_bytes()
    path = tmp_path / "avbruten.pdf"
    path.write_bytes(full[: len(full) // 2])
    with pytest.raises(ExtractionError, match="not a valid PDF"):
        extract_file(path, tmp_path)


def test_pdf_damaged_never_leaks_library_errors(tmp_path):
    base = make_minutes_pdf(tmp_path / "bas.pdf", n_pages=2).read_bytes()
    rnd = random.Random(42)
    for i in range(25):
        data = bytearray(base)
        for _ in range(rnd.choice((1, 10, 50))):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        path = tmp_path / f"skadad{i}.pdf"
        path.write_bytes(bytes(data))
        try:
            extract_file(path, tmp_path)
        except ExtractionError:
            pass


def test_rejoin_hyphens_rules():
    assert _rejoin_hyphens(["samverkan kring kompetens-", "försörjning i regionen"]) == \
        ["samverkan kring kompetensförsörjning", "i regionen"]
    assert _rejoin_hyphens(["kompetens-", "försörjning"]) == ["kompetensförsörjning"]
    assert _rejoin_hyphens(["el-", "och vätgas"]) == ["el-", "och vätgas"]
    assert _rejoin_hyphens(["mark-", "eller vattenområden"]) == ["mark-", "eller vattenområden"]
    assert _rejoin_hyphens(["stöd från EU-", "fonden för"]) == ["stöd från EU-fonden", "för"]
    assert _rejoin_hyphens(["Samhällsbyggnadskontoret -", "planavdelningen"]) == \
        ["Samhällsbyggnadskontoret -", "planavdelningen"]
    assert _rejoin_hyphens(["under 2024-", "2033"]) == ["under 2024-", "2033"]
    assert _rejoin_hyphens(["Norrbottens-", "Kuriren"]) == ["Norrbottens-", "Kuriren"]


# --- HTML ------------------------------------------------------------------------------

@pytest.fixture()
def municipal_page(tmp_path):
    path = tmp_path / "nyhet.html"
    path.write_text(MUNICIPAL_PAGE, encoding="utf-8")
    return extract_file(path, tmp_path)


def test_html_keeps_article_text(municipal_page):
    text = municipal_page.pages[0].text
    assert len(municipal_page.pages) == 1 and municipal_page.pages[0].number == 1
    assert "Luleå och Boden vill tillsammans arbeta för en positiv samhällsutveckling i regionen." in text
    assert "Prognoser visar att industrisatsningarna kan skapa 100 000 nya jobb." in text
    paragraphs = text.split("\n\n")
    assert "Fyra prioriterade områden" in paragraphs
    assert "• Kompetensförsörjning - utveckla en effektiv kompetensförsörjningsprocess." in paragraphs
    assert "• Leva och bo - samverka kring gemensamma insatser." in paragraphs


def test_html_drops_furniture(municipal_page):
    text = municipal_page.pages[0].text
    for junk in ("kakor", "Barn och utbildning", "Startsida", "DELA VIA SOCIALA MEDIER", "Dela på",
                 "Logotyp", "Till toppen", "Relaterade nyheter", "971 85", "tracking", "color",
                 "Text: Monika", "Fotocollage", "Uppdaterat", "huvudinnehåll"):
        assert junk not in text, junk


def test_html_metadata(municipal_page):
    doc = municipal_page
    assert doc.title == "Luleå och Boden samverkar för att stärka regionen"
    assert doc.date == "2022-06-07"
    assert doc.metadata["updated"] == "2022-06-07"
    assert doc.metadata["credits"] == "Text: Monika Aunes; Fotocollage: Frank Rizo"
    assert doc.metadata["author"] == "Monika Aunes"
    assert doc.metadata["publisher"] == "Luleå kommun"


def test_html_published_preferred_over_updated(tmp_path):
    path = tmp_path / "a.htm"
    path.write_text(
        "<html><head><title>Nyhet | Bodens kommun</title>"
        "<meta property='article:published_time' content='2024-03-01T09:00:00+01:00'></head><body>"
        "<main><h1>Ny skola i Boden</h1><p>Publicerad: 2024-03-12</p><p>Uppdaterad: 14 mars 2024</p>"
        "<p>Bodens kommun bygger en ny skola.</p></main></body></html>", encoding="utf-8")
    doc = extract_file(path, tmp_path)
    assert doc.metadata["published"] == "2024-03-12"
    assert doc.metadata["updated"] == "2024-03-14"
    assert doc.date == "2024-03-12"
    assert doc.metadata["publisher"] == "Bodens kommun"
    assert doc.pages[0].text == "Ny skola i Boden\n\nBodens kommun bygger en ny skola."


def test_html_date_from_time_element_and_title_fallback(tmp_path):
    path = tmp_path / "b.html"
    path.write_text(
        "<!doctype html><html><head><title>Vägarbete på Storgatan - Luleå kommun</title></head><body>"
        "<div id='content'><p class='date'><time datetime='2023-10-02'>2 oktober</time></p>"
        "<p>Storgatan stängs av under två veckor.</p></div></body></html>", encoding="utf-8")
    doc = extract_file(path, tmp_path)
    assert doc.title == "Vägarbete på Storgatan"
    assert doc.date == "2023-10-02"
    assert doc.metadata["publisher"] == "Luleå kommun"


def test_html_page_wrapped_in_form_and_without_main(tmp_path):
    """Old ASP.NET sites put the whole page in one <form>; no <main> or <article>."""
    path = tmp_path / "asp.html"
    path.write_text(
        "<html><head><title>Nyhet - Bodens kommun</title></head><body><form id='aspnetForm'>"
        "<div id='header'><a href='/'>Bodens kommun</a><ul class='mainmenu'><li>Bo och bygga</li></ul></div>"
        "<div class='content-area'><h1>Ny förskola i Sävast</h1><p>Bodens kommun bygger en ny förskola.</p>"
        "<p>Publicerad: 2024-03-12</p></div><div id='footer'>Bodens kommun, 961 86 Boden</div>"
        "</form></body></html>", encoding="utf-8")
    doc = extract_file(path, tmp_path)
    assert doc.pages[0].text == "Ny förskola i Sävast\n\nBodens kommun bygger en ny förskola."
    assert doc.date == "2024-03-12" and doc.metadata["published"] == "2024-03-12"
    assert doc.metadata["publisher"] == "Bodens kommun"


@pytest.mark.parametrize("declare", [True, False])
def test_html_windows_1252(tmp_path, declare):
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">' if declare else ""
    html = (f"<html><head>{meta}<title>Översiktsplan för Älvsbyn</title></head><body><main>"
            "<h1>Översiktsplan för Älvsbyn</h1>"
            "<p>Kommunen ska ta fram en ny översiktsplan för bostäder, näringsliv och grönområden "
            "– säger förvaltningschefen på måndag.</p></main></body></html>")
    path = tmp_path / "gammal.html"
    path.write_bytes(html.encode("cp1252"))
    doc = extract_file(path, tmp_path)
    assert doc.title == "Översiktsplan för Älvsbyn"
    assert "översiktsplan för bostäder, näringsliv och grönområden – säger" in doc.pages[0].text


def test_html_utf8_page_declaring_latin1_is_still_read_right(tmp_path):
    html = ("<html><head><meta charset='iso-8859-1'></head><body><p>Räksmörgås i Luleå "
            "hamn</p></body></html>")
    path = tmp_path / "fel.html"
    path.write_bytes(html.encode("utf-8"))
    doc = extract_file(path, tmp_path)
    assert doc.pages[0].text == "Räksmörgås i Luleå hamn"


def test_html_undeclared_legacy_encoding_short_text(tmp_path):
    path = tmp_path / "kort.htm"
    path.write_bytes("<p>Öppettider för Kulturens hus i Luleå: måndag–fredag</p>".encode("cp1252"))
    doc = extract_file(path, tmp_path)
    assert doc.pages[0].text == "Öppettider för Kulturens hus i Luleå: måndag–fredag"


# --- DOCX ------------------------------------------------------------------------------

def test_docx_text_title_and_metadata(tmp_path):
    doc = extract_file(make_docx(tmp_path / "tjansteskrivelse.docx"), tmp_path)
    assert doc.format == "docx"
    assert doc.title == "Samverkan med Bodens kommun"
    text = doc.pages[0].text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Samverkan med Bodens kommun"
    assert "Bakgrund" in paragraphs and "Förslag till beslut" in paragraphs
    assert "Luleå och Boden vill samverka kring kompetensförsörjning." in paragraphs
    assert "• Gemensam analys av kompetensbehov" in paragraphs
    assert "Område | Ansvarig" in paragraphs and "Infrastruktur | Bodens kommun" in paragraphs
    assert doc.date == "2023-05-10"          # stated in the text
    assert doc.metadata["created"] == "2023-05-09"  # file property, not the document date
    assert doc.metadata["author"] == "Anna Andersson"
    assert "LULEÅ KOMMUN" in doc.metadata["header"]


def test_docx_title_from_core_properties(tmp_path):
    doc = extract_file(make_docx(tmp_path / "a.docx", title_prop="Tjänsteskrivelse samverkan"), tmp_path)
    assert doc.title == "Tjänsteskrivelse samverkan"


def test_docx_not_a_zip(tmp_path):
    path = tmp_path / "trasig.docx"
    path.write_bytes("Det här är ingen Word-fil, bara text.".encode("utf-8") * 10)
    with pytest.raises(ExtractionError, match=r"^not a valid DOCX \(zip\) file$"):
        extract_file(path, tmp_path)


def test_docx_zip_without_document(tmp_path):
    path = tmp_path / "tom.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hej.txt", "hej")
    with pytest.raises(ExtractionError, match="not a valid DOCX"):
        extract_file(path, tmp_path)


def test_docx_damaged_zip(tmp_path):
    data = make_docx(tmp_path / "ok.docx").read_bytes()
    path = tmp_path / "halv.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExtractionError, match="not a valid DOCX"):
        extract_file(path, tmp_path)


# --- TXT / MD ---------------------------------------------------------------------------

def test_markdown_front_matter_pages_and_header(tmp_path):
    header = "KOMMUNEN KOMMUN                  SAMMANTRÄDESPROTOKOLL           {n} (3)\nKommunstyrelsen\nDatum\n2024-05-23\n"
    footer = "Det här dokumentet är digitalt signerat\nTransaktionsidentitet: 87AB42666B5BA40EE56B48C525B062E0229DB593F5\n"
    md = ("---\nkommun: luleå\norgan: ks\ndatum: 2024-05-23\ntyp: protokoll\nlopnr: null\n"
          "titel: \"Protokoll kommunstyrelsen\"\n---\n\n"
          "<!-- sida 1 -->\n\n" + header.format(n=1) + "\n# Protokoll\n\nPlats och tid: **Stadshuset**\n\n" + footer +
          "\n<!-- sida 2 -->\n\n" + header.format(n=2) + "\n§ 137 Dnr KS-2024-00211\nUppdrag om [detaljplan](x.pdf)\n\n"
          "Beslut\nKommunstyrelsen ger uppdrag om kompetens-<br>försörjning.\n\n" + footer +
          "\n<!-- sida 3 -->\n\n" + header.format(n=3) + "\n§ 138 Dnr KS-2024-00212\n- punkt ett\n- punkt två\n\n" + footer)
    path = tmp_path / "protokoll.md"
    path.write_text(md, encoding="utf-8")
    doc = extract_file(path, tmp_path)
    assert doc.format == "md"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.metadata["kommun"] == "luleå" and doc.metadata["typ"] == "protokoll"
    assert "lopnr" not in doc.metadata
    assert doc.title == "Protokoll kommunstyrelsen"
    assert doc.date == "2024-05-23"
    assert doc.metadata["header"].splitlines() == [
        "KOMMUNEN KOMMUN SAMMANTRÄDESPROTOKOLL 1 (3)", "Kommunstyrelsen", "Datum", "2024-05-23"]
    for p in doc.pages:
        assert "SAMMANTRÄDESPROTOKOLL" not in p.text
        assert "digitalt signerat" not in p.text and "Transaktionsidentitet" not in p.text
    assert doc.pages[0].text.startswith("Protokoll\n\nPlats och tid: Stadshuset")
    assert "§ 137 Dnr KS-2024-00211\nUppdrag om detaljplan" in doc.pages[1].text
    assert "kompetensförsörjning" in doc.pages[1].text
    assert "• punkt ett\n• punkt två" in doc.pages[2].text


def test_markdown_title_from_heading(tmp_path):
    path = tmp_path / "press.md"
    path.write_text("# Svenska kraftnät ska samplanera el- och vätgasinfrastruktur\n\nText om *vätgas*.\n",
                    encoding="utf-8")
    doc = extract_file(path, tmp_path)
    assert doc.title == "Svenska kraftnät ska samplanera el- och vätgasinfrastruktur"
    assert doc.pages[0].text == "Svenska kraftnät ska samplanera el- och vätgasinfrastruktur\n\nText om vätgas."


def test_text_file_legacy_encoding_and_web_furniture(tmp_path):
    path = tmp_path / "nyhet.txt"
    path.write_bytes(("Luleå och Boden samverkar\n\nKommunerna har tagit fram ett förslag.\n\n"
                      "DELA VIA SOCIALA MEDIER\n\nText: Monika Aunes\nFotocollage: Frank Rizo\n\n"
                      "Uppdaterat: 7 juni 2022\n\nLogotyp").encode("cp1252"))
    doc = extract_file(path, tmp_path)
    assert doc.format == "txt"
    assert doc.pages[0].text == "Luleå och Boden samverkar\n\nKommunerna har tagit fram ett förslag."
    assert doc.date == "2022-06-07"
    assert doc.metadata["credits"] == "Text: Monika Aunes; Fotocollage: Frank Rizo"
    assert doc.metadata["author"] == "Monika Aunes"


# --- errors and dispatch ------------------------------------------------------------------

def test_empty_file(tmp_path):
    for name in ("tom.pdf", "tom.txt", "tom.html"):
        path = tmp_path / name
        path.write_bytes(b"")
        with pytest.raises(ExtractionError, match=r"^empty file \(0 bytes\)$"):
            extract_file(path, tmp_path)


def test_lying_extension_html_named_pdf(tmp_path):
    path = tmp_path / "protokoll.pdf"
    path.write_text(MUNICIPAL_PAGE, encoding="utf-8")
    doc = extract_file(path, tmp_path)
    assert doc.format == "html"
    assert doc.metadata["detected_format"] == "html"
    assert doc.metadata["warning"] == "file has extension .pdf but content looks like HTML"
    assert "positiv samhällsutveckling" in doc.pages[0].text


def test_lying_extension_pdf_named_html(tmp_path):
    path = make_minutes_pdf(tmp_path / "x.pdf", n_pages=2)
    renamed = path.rename(tmp_path / "sida.html")
    doc = extract_file(renamed, tmp_path)
    assert doc.format == "pdf" and doc.metadata["detected_format"] == "pdf"
    assert [p.number for p in doc.pages] == [1, 2]


def test_unsupported_binary(tmp_path):
    png = tmp_path / "bild.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(ExtractionError, match="content looks like PNG image; unsupported file type"):
        extract_file(png, tmp_path)
    blob = tmp_path / "data.bin"
    blob.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ExtractionError, match="unsupported file type"):
        extract_file(blob, tmp_path)
    txt = tmp_path / "data.txt"
    txt.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ExtractionError, match="unsupported file type"):
        extract_file(txt, tmp_path)
    xlsx = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ExtractionError, match="unsupported file type"):
        extract_file(xlsx, tmp_path)


def test_size_limit(tmp_path, monkeypatch):
    big = tmp_path / "stor.pdf"
    with open(big, "wb") as fh:           # sparse: no disk space used, never read
        fh.truncate(int(73.2 * 1024 * 1024))
    with pytest.raises(ExtractionError, match=r"^file is 73\.2 MB, over the 50 MB limit$"):
        extract_file(big, tmp_path)
    monkeypatch.setenv("SEARCH_MAX_FILE_MB", "100")
    with pytest.raises(ExtractionError, match="not a valid PDF"):  # now read, and it is all zeros
        extract_file(big, tmp_path)
    small = tmp_path / "liten.txt"
    small.write_text("x" * 3000, encoding="utf-8")
    with pytest.raises(ExtractionError, match="over the"):
        extract_file(small, tmp_path, max_bytes=1000)


def test_unreadable_path(tmp_path):
    with pytest.raises(ExtractionError, match="cannot read file"):
        extract_file(tmp_path / "finns-inte.pdf", tmp_path)


# --- shared development data ---------------------------------------------------------------

def _devdata_files():
    if not DEVDATA.is_dir():
        return []
    return sorted(p for p in DEVDATA.rglob("*")
                  if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md")


def test_devdata_every_file_extracts():
    files = _devdata_files()
    if not files:
        pytest.skip("shared/devdata not present")
    for path in files:
        doc = extract_file(path, DEVDATA)
        assert doc.source_path == path.relative_to(DEVDATA).as_posix()
        assert any(p.text.strip() for p in doc.pages), path


def test_devdata_minutes_pages_and_items():
    path = DEVDATA / "minutes" / "protokoll-byggnadsnamndens-arbetsutskott-protokoll-2024-05-23-137-163-164.md"
    if not path.is_file():
        pytest.skip("shared/devdata minutes not present")
    doc = extract_file(path, DEVDATA)
    assert len(doc.pages) >= 3
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    full = "\n".join(p.text for p in doc.pages)
    assert "§ 137" in full
    assert any(line.startswith("§ 137") for p in doc.pages[2:] for line in p.text.splitlines())
    assert "Beslut" in doc.pages[2].text.splitlines()
    assert doc.date == "2024-05-23"
    assert doc.metadata["organ"] == "bygg-au"
    assert "Byggnadsnämndens arbetsutskott" in doc.metadata["header"]
    assert "Transaktionsidentitet" not in full
    assert "SAMMANTRÄDESPROTOKOLL" not in full


def test_devdata_press_release_text():
    path = DEVDATA / "lulea-boden-samverkar-pressmeddelande-2022-06-07.txt"
    if not path.is_file():
        pytest.skip("shared/devdata press release not present")
    doc = extract_file(path, DEVDATA)
    text = doc.pages[0].text
    assert text.startswith("Luleå och Boden samverkar för att stärka regionen")
    assert "DELA VIA SOCIALA MEDIER" not in text and "Logotyp" not in text and "Monika" not in text
    assert doc.date == "2022-06-07"
    assert doc.metadata["author"] == "Monika Aunes"


def test_soft_hyphens_inside_words_are_dropped_and_a_query_with_them_finds_the_word(tmp_path):
    """Web pages, Word files and Markdown made from them mark places where a word may
    break with U+00AD ("sekre\u00adtesskyddet"): the word is one word in the index,
    and a query pasted with the soft hyphen finds it."""
    from indexer.extract import extract_file
    from indexer.search.syntax import parse_user_query
    from indexer.folding import drop_invisible
    src = tmp_path / "prop.md"
    src.write_text("# Proposition\n\nSekre\u00adtes\u00adskyddet gäller upp\u00adgifter om en enskild.\n", encoding="utf-8")
    text = extract_file(src, tmp_path).pages[0].text
    assert "\u00ad" not in text and "Sekretesskyddet gäller uppgifter" in text
    assert drop_invisible("kompetens\u00ad\nförsörjning") == "kompetens\u00ad\nförsörjning"  # the PDF extractor joins those
    pasted = parse_user_query("sekre\u00adtesskyddet")
    assert pasted == parse_user_query("sekretesskyddet")
