"""Metadata, § items and passages from extracted text."""
from __future__ import annotations

from indexer.models import ExtractedDocument, PageText
from indexer.structure import detect_body, make_doc_id, split_items, structure

# Minutes text as the PDF extractor leaves it: running header removed (kept in
# metadata), lines kept, blank lines between paragraphs. Written for this test.
PAGE2 = """§ 88 Dnr 2022/0456-1.1.1
Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun

Ärendebeskrivning
Luleå kommun och Bodens kommun har tagit fram ett förslag till
avsiktsförklaring för samverkan inom fyra prioriterade områden.

Beslut
Kommunstyrelsens arbetsutskott ställer sig bakom förslaget och
överlämnar ärendet till kommunstyrelsen.

Beslutet skickas till
Kommunstyrelsen"""

PAGE3 = """§ 89 Dnr 2022/0311
Detaljplan för bostäder vid Kronan

Ärendebeskrivning
Samhällsbyggnadsförvaltningen föreslår att planarbetet för nya bostäder
fortsätter enligt Kommunstyrelsen 2021-05-03 § 107.

Beslut
Arbetsutskottet ger samhällsbyggnadsförvaltningen i uppdrag att
fortsätta planarbetet.

Reservation
Anna Berg (M) reserverar sig mot beslutet."""

TOC = """Innehåll
§ 88 Dnr 2022/0456-1.1.1
Avsiktsförklaring om samverkan ........................................ 2
§ 89 Dnr 2022/0311
Detaljplan för bostäder vid Kronan ..................................... 3"""


def minutes() -> ExtractedDocument:
    return ExtractedDocument(
        source_path="pdf/ksau-2022-06-07.pdf", sha256="0" * 64, format="pdf",
        pages=[PageText(1, TOC), PageText(2, PAGE2), PageText(3, PAGE3)],
        metadata={"header": "LULEÅ KOMMUN PROTOKOLL\nKommunstyrelsens arbetsutskott\nSammanträdesdatum 2022-06-07"},
    )


def test_items_skip_table_of_contents_and_keep_numbers_dnr_titles_pages():
    items, _ = split_items(minutes().pages)
    assert [i.number for i in items] == [88, 89]
    assert items[0].dnr == "2022/0456-1.1.1"
    assert items[0].title == "Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun"
    assert (items[0].page_start, items[0].page_end) == (2, 2)
    assert items[1].dnr == "2022/0311"


def test_decision_text_is_the_beslut_block_only():
    items, _ = split_items(minutes().pages)
    assert items[0].decision == ("Kommunstyrelsens arbetsutskott ställer sig bakom förslaget och "
                                 "överlämnar ärendet till kommunstyrelsen.")
    assert items[1].decision.startswith("Arbetsutskottet ger")
    assert "reserverar" not in items[1].decision


def test_reference_to_other_paragraph_is_not_an_item():
    items, _ = split_items([PageText(1, "Enligt beslut i\n§ 107 ska planen ändras.")])
    assert items == []


def test_metadata_of_minutes():
    doc = structure(minutes(), "/tmp")
    assert doc.doc_type == "protokoll"
    assert doc.municipalities == ["Luleå"]
    assert doc.body == "kommunstyrelsens arbetsutskott"
    assert doc.date == "2022-06-07"
    assert doc.title == "Protokoll kommunstyrelsens arbetsutskott 2022-06-07, Luleå kommun"


def test_passages_know_page_and_section_and_never_cross_them():
    doc = structure(minutes(), "/tmp")
    by_section = {}
    for p in doc.passages:
        by_section.setdefault(p.section, set()).add(p.page)
        assert p.passage_id == f"{doc.doc_id}-{p.seq}"
    assert by_section[88] == {2} and by_section[89] == {3}
    decision = [p for p in doc.passages if p.is_decision]
    assert {p.section for p in decision} == {88, 89}
    # A heading is folded into the paragraph it introduces, not a passage of its own.
    assert not any(p.text in ("Beslut", "Ärendebeskrivning") for p in doc.passages)
    assert any(p.text.startswith("Beslut: Kommunstyrelsens arbetsutskott ställer sig") for p in doc.passages)


def test_section_paragraph_in_agreement_is_not_minutes():
    ex = ExtractedDocument(source_path="a.pdf", sha256="1" * 64, format="pdf",
                           title="Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun",
                           pages=[PageText(1, "§ 1 Parter\nLuleå kommun och Bodens kommun.")])
    doc = structure(ex, "/tmp")
    assert doc.doc_type == "avsiktsförklaring"
    assert doc.items == []
    assert doc.municipalities == ["Luleå", "Boden"]


def test_body_names():
    assert detect_body("BODENS KOMMUN\nKommunstyrelsen\n2022-08-29") == "kommunstyrelsen"
    assert detect_body("Samhällsbyggnadsnämnden, sammanträde") == "samhällsbyggnadsnämnden"
    assert detect_body("Byggnadsnämndens arbetsutskott") == "byggnadsnämndens arbetsutskott"
    assert detect_body("Inget organ här") is None


def test_doc_id_is_stable_and_readable():
    assert make_doc_id("pdf/ksau 2022.pdf") == make_doc_id("pdf/ksau 2022.pdf")
    assert make_doc_id("pdf/ksau 2022.pdf").startswith("ksau-2022-")
    assert make_doc_id("a/x.pdf") != make_doc_id("b/x.pdf")


def test_real_minutes_from_devdata(devdata):
    from indexer.extract import extract_file
    path = devdata / "minutes" / "protokoll-byggnadsnamndens-arbetsutskott-protokoll-2024-05-23-137-163-164.md"
    doc = structure(extract_file(path, devdata), str(devdata))
    assert [i.number for i in doc.items] == [137, 163, 164]
    first = doc.items[0]
    assert first.dnr == "BN-2023-00211"
    assert first.title.startswith("Uppdrag att upprätta förslag till detaljplan för bostäder")
    assert first.decision.startswith("Byggnadsnämndens arbetsutskott ger samhällsbyggnadskontoret")
    assert first.page_start == 3
    assert doc.doc_type == "protokoll"
    assert doc.body == "byggnadsnämndens arbetsutskott"
    assert doc.date == "2024-05-23"


def test_news_about_the_agreement_is_a_press_release_not_the_agreement():
    ex = ExtractedDocument(source_path="n.html", sha256="2" * 64, format="html",
                           title="Nu är avsiktsförklaringen om samverkan mellan Luleå och Boden undertecknad",
                           date="2022-09-13", metadata={"publisher": "Luleå kommun"},
                           pages=[PageText(1, "Kommunstyrelsernas ordförande skrev under i dag.")])
    doc = structure(ex, "/tmp")
    assert doc.doc_type == "pressmeddelande"
    assert doc.date == "2022-09-13"


def test_agreement_date_from_signatures_on_last_page():
    ex = ExtractedDocument(source_path="a.pdf", sha256="3" * 64, format="pdf",
                           title="Avsiktsförklaring om samverkan",
                           pages=[PageText(1, "1. Parter\nLuleå kommun och Bodens kommun."),
                                  PageText(2, "9. Underskrifter\nLuleå den 13 september 2022 Boden den 13 september 2022")])
    assert structure(ex, "/tmp").date == "2022-09-13"
