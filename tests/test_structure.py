"""Metadata, § items and passages from extracted text.

The short minutes texts below were written for these tests, each in the layout
of a real system (Word templates, Ciceron, Finland-Swedish minutes, an agency);
the tests at the end read real documents from ../shared/devdata when present.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.models import ExtractedDocument, PageText
from indexer.structure import detect_body, make_doc_id, split_items, structure
from indexer.vocabulary import bare_dnr, find_dnr, parse_item_heading


def doc(*pages: str, path: str = "pdf/protokoll.pdf", fmt: str = "pdf", **kw) -> ExtractedDocument:
    return ExtractedDocument(source_path=path, sha256="0" * 64, format=fmt,
                             pages=[PageText(i + 1, t) for i, t in enumerate(pages)], **kw)


# --- § headings in every form --------------------------------------------------------------

@pytest.mark.parametrize("line, number, rest", [
    ("§ 12 Budget 2023", "12", "Budget 2023"),
    ("§12 Budget 2023", "12", "Budget 2023"),
    ("KS § 12 Budget 2023", "12", "Budget 2023"),
    ("KSAU § 12 Budget 2023", "12", "Budget 2023"),
    ("BUN § 12 Budget 2023", "12", "Budget 2023"),
    ("12 § Budget 2023", "12", "Budget 2023"),
    ("188 §", "188", ""),
    ("§ 3a Val av ordförande", "3a", "Val av ordförande"),
    ("KS § 3 b DNR: KF/2006.366", "3b", "DNR: KF/2006.366"),
    ("§3a.", "3a", ""),
    ("§1. Sammanträdet öppnas", "1", "Sammanträdet öppnas"),
    ("§§ 12–14 Anmälningsärenden", "12-14", "Anmälningsärenden"),
    ("§§ 12-14 Anmälningsärenden", "12-14", "Anmälningsärenden"),
])
def test_item_heading_forms(line, number, rest):
    h = parse_item_heading(line)
    assert h is not None and h.number == number and h.rest == rest


@pytest.mark.parametrize("line", ["Protokoll 39 § 15.09.2022 Sida", "Enligt § 5 i kommunallagen", "§ Dnr",
                                  "Stadsstyrelsen 5.9.2022, 186 §"])
def test_not_item_headings(line):
    assert parse_item_heading(line) is None


@pytest.mark.parametrize("text, dnr", [
    ("Dnr KS 2022/123", "KS 2022/123"),
    ("DNR:KU/2007.9", "KU/2007.9"),
    ("DNR: KF/2006.366", "KF/2006.366"),
    ("Dnr 2022.123", "2022.123"),
    ("Dnr BN-2023-00211", "BN-2023-00211"),
    ("Diarienr 2022/0456-1.1.1", "2022/0456-1.1.1"),
    ("Diarienummer: KS 2022/0318", "KS 2022/0318"),
    ("Dnr: 2021/45-109", "2021/45-109"),
])
def test_diary_number_forms(text, dnr):
    assert find_dnr(text)[0] == dnr


def test_unlabelled_diary_number_alone_on_its_line():
    assert bare_dnr("NKBY/497/12.03.01/2022") == "NKBY/497/12.03.01/2022"
    assert bare_dnr("KS 2022/451") == "KS 2022/451"
    assert bare_dnr("2022/451") is None          # a bare number could be anything
    assert bare_dnr("Budget 2022/2023") is None


WORD_TEMPLATE = [
    "HÖGSBY KOMMUN Protokoll 1(3)\nKommunstyrelsen\n\nPlats och tid Kommunhuset måndagen den 8 januari 2007\n\n"
    "Justeringens plats och tid Kommunhuset onsdagen den 10 januari 2007\n\n"
    "Underskrifter Sekreterare ........................ Paragrafer 1-3\nAnders Svensson\n\n"
    "Ordförande ........................\nEwa Engdahl",
    "KS § 1 DNR:KU/2007.9\n\nGodkännande av dagordning\n\nDagordningen föreslås kompletteras.\n\n"
    "Kommunstyrelsens beslut\n\nDagordningen godkännes.\n\n"
    "KS § 3 a DNR:KF/2006.203\n\nBudget och målsättningar 2007-2009\n\n"
    "Kommunledningsutskottets förslag\n\nKU § 317 06-12-05\nUtskotten föreslår att ett energibolag bildas.\n\n"
    "Kommunstyrelsens beslut\n\nGodkänna informationen.",
    "KS § 3 b DNR: KF/2006.366\n\nVal av kommunledningsutskott\n\nKommunstyrelsens beslut\n\n"
    "Till kommunledningsutskott utses Ewa Engdahl.",
]


def test_word_template_minutes_with_prefix_letters_and_margin_references():
    items = split_items([PageText(i + 1, t) for i, t in enumerate(WORD_TEMPLATE)])
    assert [i.number for i in items] == ["1", "3a", "3b"]       # "KU § 317" in the margin is not an item
    assert [i.dnr for i in items] == ["KU/2007.9", "KF/2006.203", "KF/2006.366"]
    assert items[1].title == "Budget och målsättningar 2007-2009"
    assert items[1].decision == "Godkänna informationen."
    assert [(i.page_start, i.page_end) for i in items] == [(2, 2), (2, 2), (3, 3)]


FINLAND = [
    "Protokoll 5/2022\n\nOrgan Välfärdsnämnden\nSammanträdestid 15.9.2022 kl. 18.00 – 19.37\n\n"
    "Ärenden Sida\n\n39 § Sammanträdets laglighet och beslutförhet ............ 1\n\n"
    "40 § Budgetdirektiv för 2023 ............................................ 2",
    "39 § Sammanträdets laglighet och beslutförhet\n\nOrdförande konstaterar att nämnden är beslutför.\n"
    "______\n\nVälfärdsnämndens beslut:\nNämnden konstaterades vara beslutför.\n______",
    "NKBY/465/02.02.00.00/2022\n\n40 § Budgetdirektiv för 2023\n\nTidigare behandling:\n"
    "Stadsstyrelsen 5.9.2022, 176 §\n\nStadsstyrelsens beslut:\nStadsstyrelsen föreslår fullmäktige en ram.\n"
    "______\n\nVälfärdsnämnden 15.9.2022, 40 §\n\nBildningsdirektörens förslag:\nAntecknas för kännedom.\n\n"
    "Välfärdsnämndens beslut:\nAntecknades för kännedom.\n______",
    "Bilaga Välfärdsnämnden, 15.09.2022 § 40\n\nBudgetram 2023\nVerksamhetsintäkter 4,53 m€",
    "ANVISNING FÖR BEGÄRAN OM OMPRÖVNING OCH BESVÄR\n\nBesvärsförbud\nEftersom beslutet gäller beredning "
    "får omprövning inte begäras.",
]


def test_finland_swedish_minutes_number_before_the_sign_and_diary_number_above():
    ex = doc(*FINLAND, path="pdf/valfardsnamnden.pdf")
    d = structure(ex, "/tmp")
    assert d.doc_type == "protokoll" and d.date == "2022-09-15" and d.body == "välfärdsnämnden"
    assert [i.number for i in d.items] == ["39", "40"]          # the contents list on page 1 is not an item
    first, second = d.items
    assert second.dnr == "NKBY/465/02.02.00.00/2022"
    assert second.decision == "Antecknades för kännedom."     # the own body's, not the quoted stadsstyrelse's
    assert second.proposal == "Antecknas för kännedom."
    # the attachment page belongs to § 40; the appeal instructions to no item
    assert (second.page_start, second.page_end) == (3, 4)
    assert not any("omprövning" in p.text.lower() for p in d.passages)
    toc = [p for p in d.passages if p.kind == "toc"]
    assert toc and all(p.page == 1 for p in toc)
    assert not any("......" in p.text for p in d.passages)


AGENCY = [
    "Penningpolitiskt protokoll\n\n4 januari 2016",
    "PENNINGPOLITISKT PROTOKOLL\nDirektionen, Nr 1\n\nDATUM: 2016-01-04\nMÖTESTID: 13:00\n\n"
    "§1. Sammanträdet öppnas\n\nSammanträdet förklarades öppnat.\n\n"
    "§2. Godkännande av dagordningen\n\nDagordningen för dagens sammanträde godkändes.\n\n"
    "§3. Penningpolitiska åtgärder\n\nDirektionen beslutade enligt protokollsbilaga A.\n\n"
    "§4. Mandat för valutainterventioner\n\nFördes särskilt protokoll.\n\n"
    "Vid protokollet\n\nKerstin Haglund\n\nJusteras:\n\nStefan Ingves Martin Flodén",
    "Sveriges Riksbank\nBesöksadress: Brunkebergs torg 11\nPostadress: 103 37 Stockholm\nwww.riksbank.se\n"
    "Telefon: 08 787 00 00",
]


def test_agency_minutes_decisions_written_as_sentences():
    d = structure(doc(*AGENCY, path="pdf/riksbank.pdf", metadata={"pdf_author": "Sveriges riksbank"}), "/tmp")
    assert d.doc_type == "protokoll" and d.body == "direktionen" and d.date == "2016-01-04"
    assert d.organisation == "Sveriges riksbank" and d.municipalities == []
    assert [i.number for i in d.items] == ["1", "2", "3", "4"]
    assert [i.title for i in d.items][0] == "Sammanträdet öppnas"
    assert [i.decision is not None for i in d.items] == [False, True, True, False]
    assert d.items[-1].page_end == 2                         # the back cover belongs to no item
    texts = " ".join(p.text for p in d.passages)
    assert "Vid protokollet" not in texts and "Haglund" not in texts and "Besöksadress" not in texts
    assert d.title == "Direktionen, penningpolitiskt protokoll 2016-01-04, Sveriges riksbank"


def test_reference_to_other_paragraph_is_not_an_item():
    assert split_items([PageText(1, "Enligt beslut i\n§ 107 ska planen ändras.")]) == []
    assert split_items([PageText(1, "§§ 131-136, 138-162, 165\nDaniel Hognert (M)")]) == []


def test_numbers_out_of_order_are_references():
    pages = [PageText(1, "§ 12 Budget\n\nText.\n\n§ 5 Val av ledamöter\n\nText.\n\n§ 13 Taxor\n\nText.\n\n"
                         "§ 14 Motion om cykelvägar\n\nText.")]
    assert [i.number for i in split_items(pages)] == ["12", "13", "14"]


def test_ranged_heading_and_heading_with_title_on_next_line():
    pages = [PageText(1, "§§ 12–14 Anmälningsärenden\n\nDelgivningar.\n\n§ 15\nDnr KS 2022/451\n"
                         "Detaljplan för bostäder vid Kronan\n\nBeslut\nNämnden antar planen.")]
    items = split_items(pages)
    assert [i.number for i in items] == ["12-14", "15"]
    assert items[1].dnr == "KS 2022/451" and items[1].title == "Detaljplan för bostäder vid Kronan"
    assert items[1].decision == "Nämnden antar planen."


def test_title_that_wraps_over_two_lines():
    pages = [PageText(1, "§ 97 Dnr 2026/118-5.3.2\nAvtal med Region Norrbotten om utökad stomlinje för buss mellan Luleå och\n"
                         "Boden\n\nBeslut\nKommunstyrelsen godkänner avtalet.")]
    assert split_items(pages)[0].title.endswith("mellan Luleå och Boden")


def test_agenda_proposals_are_not_decisions():
    pages = [PageText(1, "Föredragningslista 16/2022\nOrgan Stadsstyrelsen\nSammanträdestid 26.09.2022 kl. 16:30"),
             PageText(2, "190 § Godkännande av föredragningslistan\n\nFörslag:\nStadsstyrelsen godkänner "
                         "föredragningslistan.\n\nStadsstyrelsens beslut:\n"),
             PageText(3, "191 § Anmälningsärenden\n\nFörslag till beslut\nInformationen antecknas.\n\n"
                         "Stadsstyrelsens beslut:\n")]
    d = structure(doc(*[p.text for p in pages], path="pdf/foredragningslista.pdf"), "/tmp")
    assert d.doc_type == "kallelse" and d.date == "2022-09-26" and d.body == "stadsstyrelsen"
    assert [i.decision for i in d.items] == [None, None]
    assert [i.proposal for i in d.items] == ["Stadsstyrelsen godkänner föredragningslistan.",
                                             "Informationen antecknas."]
    assert not any(p.is_decision for p in d.passages)
    assert not any(p.text.rstrip(":") == "Stadsstyrelsens beslut" for p in d.passages)


@pytest.mark.parametrize("heading", ["Beslut", "Kommunstyrelsens beslut", "Nämndens beslut", "Arbetsutskottets beslut",
                                     "Välfärdsnämndens beslut:"])
def test_decision_headings(heading):
    pages = [PageText(1, f"§ 4 Taxor 2024\n\nÄrendebeskrivning\nTaxorna ses över.\n\n{heading}\nTaxorna fastställs.\n\n"
                         "Reservation\nAnna Berg (M) reserverar sig.")]
    assert split_items(pages)[0].decision == "Taxorna fastställs."


def test_ocr_misreading_of_the_section_sign_is_read_where_the_sequence_expects_it():
    pages = [PageText(1, "197 § Val av ledamöter\n\nText."),
             PageText(2, "1988 Ändring av befattningsbenämning\n\nText.", ocr=True),
             PageText(3, "199 § Ansökan om bidrag\n\nText.\n\n2018 Motion om kolonilotter\n\nText.", ocr=True),
             PageText(4, "Utskrift 2018 Arkiv\n\n202 § Motion om bryggor\n\nText.")]
    items = split_items(pages)
    assert [i.number for i in items] == ["197", "198", "199", "201", "202"]


# --- metadata ---------------------------------------------------------------------------------

@pytest.mark.parametrize("first_lines, doc_type", [
    ("Sammanträdesprotokoll\nKommunstyrelsen", "protokoll"),
    ("Protokollsutdrag\nKommunstyrelsen", "protokoll"),
    ("Kallelse\nKommunfullmäktige", "kallelse"),
    ("Föredragningslista 16/2022", "kallelse"),
    ("Avsiktsförklaring om samverkan", "avtal"),
    ("Samverkansavtal mellan kommunerna", "avtal"),
    ("IT- och informationssäkerhetspolicy\nAntagen av kommunfullmäktige 2018-06-18", "styrdokument"),
    ("Riktlinjer för bostadsförsörjning", "styrdokument"),
    ("Tjänsteskrivelse\nDatum 2023-03-14", "tjänsteskrivelse"),
    ("Taggning av bygglovshandlingar", "annat"),
])
def test_document_type_from_content(first_lines, doc_type):
    d = structure(doc(first_lines + "\n\nLång löptext som beskriver ärendet i flera meningar. Den slutar här."), "/tmp")
    assert d.doc_type == doc_type


def test_issuer_wins_over_municipalities_mentioned():
    text = ("KARLSHAMNS KOMMUN\nRiktlinje för upphandling\n\nSamarbete sker med Ronneby kommun och Olofströms kommun, "
            "och med Region Blekinge. Ronneby kommun har liknande riktlinjer som Ronneby kommun antog 2019.")
    d = structure(doc(text), "/tmp")
    assert d.municipalities == ["Karlshamn"] and d.organisation == "Karlshamns kommun"


def test_a_joint_agreement_has_both_parties_and_an_agency_no_municipality():
    joint = structure(doc("Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun\n\n1. Parter\n"
                          "Luleå kommun och Bodens kommun."), "/tmp")
    assert joint.doc_type == "avtal" and joint.municipalities == ["Luleå", "Boden"]
    agency = structure(doc("TRAFIKVERKET\nBeslut om bidrag\n\nTrafikverket beviljar Luleå kommun bidrag."), "/tmp")
    assert agency.organisation == "Trafikverket" and agency.municipalities == []


def test_a_municipality_missing_from_the_data_file_is_found_in_the_letterhead():
    d = structure(doc("ANKEBORGS KOMMUN\nProtokoll\n\n§ 1 Budget\n\nBeslut\nBudgeten antas."), "/tmp")
    assert d.organisation == "Ankeborgs kommun" and d.municipalities == ["Ankeborg"]


@pytest.mark.parametrize("text, date", [
    ("Protokoll\nKommunstyrelsen\nSammanträdesdatum 2022-06-07\n\nJusteras senast 2022-06-09.", "2022-06-07"),
    ("Protokoll 5/2022\nOrgan Välfärdsnämnden\nSammanträdestid 15.9.2022 kl. 18.00", "2022-09-15"),
    ("Protokoll\nKommunstyrelsen\nPlats och tid Kommunhusets tingssal måndagen den 8 januari 2007 kl 08.30\n"
     "Justeringens plats och tid Kommunhuset onsdagen den 10 januari 2007", "2007-01-08"),
    ("Protokoll\nDirektionen\nDATUM: 2016-01-04\nMÖTESTID: 13:00", "2016-01-04"),
])
def test_meeting_dates(text, date):
    assert structure(doc(text + "\n\n§ 1 Budget\n\nBeslut\nBudgeten antas."), "/tmp").date == date


def test_adoption_date_of_a_policy_beats_validity_dates():
    text = ("Författningssamling\n\nIT- och informationssäkerhetspolicy\nGäller från: Lagakraftvunnet beslut\n"
            "Gäller till och med: 2022-12-31\nAntagen: Kommunfullmäktige 2018-06-18 § 98")
    d = structure(doc(text, "Policyn ska revideras senast 2022."), "/tmp")
    assert d.doc_type == "styrdokument" and d.date == "2018-06-18" and d.body == "kommunfullmäktige"
    assert d.items == []                                      # "§ 98" is the adoption reference


def test_date_found_beyond_page_one_when_page_one_is_a_cover():
    d = structure(doc("Penningpolitiskt protokoll", "Direktionen\nDATUM: 2016-01-04\n\n§1. Sammanträdet öppnas\n\n"
                      "Sammanträdet förklarades öppnat."), "/tmp")
    assert d.date == "2016-01-04"


def test_labelled_date_beats_a_date_in_running_text():
    text = ("Protokoll\nKommunstyrelsen\n\nBeslutet den 3 mars 2021 om bostäder följs upp.\n"
            "Sammanträdesdatum 2022-06-07")
    assert structure(doc(text + "\n\n§ 1 Budget\n\nBeslut\nBudgeten antas."), "/tmp").date == "2022-06-07"


def test_minutes_title_says_body_kind_date_and_issuer():
    d = structure(doc(*WORD_TEMPLATE, path="pdf/ks.pdf",
                      metadata={"pdf_title": "Plats och tid", "running_lines": "Sammanträdesdatum 2007-01-08"}), "/tmp")
    assert d.title == "Kommunstyrelsen, protokoll 2007-01-08, Högsby kommun"


def test_pdf_title_field_only_when_page_one_agrees():
    wrong = doc("Valutaintervention som en kompletterande penningpolitisk åtgärd\n\nBakgrund\nText om kronan.",
                metadata={"pdf_title": "Regler för likviditetsrisk",
                          "title_lines": "Valutaintervention som en kompletterande penningpolitisk åtgärd"})
    assert structure(wrong, "/tmp").title == "Valutaintervention som en kompletterande penningpolitisk åtgärd"
    right = doc("Riktlinjer för bostadsförsörjning\n\nText.", metadata={"pdf_title": "Riktlinjer för bostadsförsörjning"})
    assert structure(right, "/tmp").title == "Riktlinjer för bostadsförsörjning"


def test_body_names():
    assert detect_body("BODENS KOMMUN\nKommunstyrelsen\n2022-08-29") == "kommunstyrelsen"
    assert detect_body("Samhällsbyggnadsnämnden, sammanträde") == "samhällsbyggnadsnämnden"
    assert detect_body("Byggnadsnämndens arbetsutskott") == "byggnadsnämndens arbetsutskott"
    assert detect_body("Direktionen, Nr 1") == "direktionen"
    assert detect_body("Välfärdsnämnd") == "välfärdsnämnden"
    assert detect_body("Inget organ här, bara ett förråd och ett område") is None


# --- passages ---------------------------------------------------------------------------------

def test_passages_keep_out_signatures_justification_and_posting_notes():
    d = structure(doc(*WORD_TEMPLATE, path="pdf/ks.pdf"), "/tmp")
    text = " | ".join(p.text for p in d.passages)
    for phrase in ("Justeringens plats och tid", "Underskrifter", "Sekreterare", "Paragrafer 1-3", "Anders Svensson",
                   "Ordförande"):
        assert phrase not in text
    assert "Plats och tid Kommunhuset" in text                 # the meeting's place and time is content


def test_dispatch_list_is_part_of_the_item_but_not_a_passage():
    pages = [PageText(1, "§ 131 Dnr KS 2022/0318\nAvsiktsförklaring om samverkan\n\nBeslut\nKommunstyrelsen "
                         "godkänner avsiktsförklaringen.\n\nBeslutet skickas till\nLuleå kommun\nKommundirektören"),
             PageText(2, "Utbildningsförvaltningen\n\n§ 132 Dnr KS 2022/0201\nEtableringsstöd\n\nBeslut\n"
                         "Kommunstyrelsen inrättar en etableringsgrupp.")]
    d = structure(doc(*[p.text for p in pages], path="pdf/ks.pdf"), "/tmp")
    assert (d.items[0].page_start, d.items[0].page_end) == (1, 2)
    assert not any("Kommundirektören" in p.text or "Utbildningsförvaltningen" in p.text for p in d.passages)


def test_passages_never_cross_a_page_or_an_item():
    pages = ["§ 1 Budget\n\nBeslut\nBudgeten antas.\n\nBakgrund", "Ekonomin är stark.\n\n§ 2 Taxor\n\nBeslut\n"
             "Taxorna höjs."]
    d = structure(doc(*pages), "/tmp")
    page_text = {p.number: " ".join(p.text.split()) for p in d.pages}
    for p in d.passages:
        for word in p.text.replace(":", " ").split():
            assert word in page_text[p.page]
    assert {(p.section, p.page) for p in d.passages} == {("1", 1), ("1", 2), ("2", 2)}


def test_doc_id_is_stable_and_readable():
    assert make_doc_id("pdf/ksau 2022.pdf") == make_doc_id("pdf/ksau 2022.pdf")
    assert make_doc_id("pdf/ksau 2022.pdf").startswith("ksau-2022-")
    assert make_doc_id("a/x.pdf") != make_doc_id("b/x.pdf")


# --- the example corpus and real documents --------------------------------------------------

def test_example_corpus_minutes():
    from indexer.extract import extract_file
    root = Path(__file__).resolve().parents[1] / "corpus"
    d = structure(extract_file(root / "pdf" / "boden-ks-protokoll-2022-08-22.pdf", root), str(root))
    assert d.doc_type == "protokoll" and d.municipalities == ["Boden"] and d.organisation == "Bodens kommun"
    assert [i.number for i in d.items] == ["131", "132", "133", "134", "135"]
    assert d.items[0].dnr == "KS 2022/0318" and d.items[0].decision.startswith("Kommunstyrelsen beslutar att godkänna")
    # the cover page lists the §§: marked as contents, not text
    assert any(p.kind == "toc" and p.page == 1 for p in d.passages)


def _real(devdata, name):
    from indexer.extract import extract_file
    root = devdata / "real"
    path = next(root.rglob(name), None)
    if path is None:
        pytest.skip(f"{name} is not in ../shared/devdata/real")
    return structure(extract_file(path, root), str(root))


@pytest.fixture
def no_ocr(monkeypatch):
    # The tests read the text layer as it is; OCR of the garbled pages takes minutes.
    monkeypatch.setenv("SEARCH_TESSERACT", "")


def test_real_word_minutes_from_2007(devdata, no_ocr):
    d = _real(devdata, "hogsby_ks_protokoll_2007-01-08.pdf")
    assert d.doc_type == "protokoll" and d.municipalities == ["Högsby"] and d.date == "2007-01-08"
    assert d.body == "kommunstyrelsen"
    assert [i.number for i in d.items] == ["1", "2", "3a", "3b"] + [str(n) for n in range(4, 13)]
    assert all(i.decision for i in d.items)
    assert [i.page_start for i in d.items] == list(range(2, 15))
    assert not any("Justerandes sign" in p.text or "Utdragsbestyrkande" in p.text for p in d.passages)


def test_real_finland_swedish_minutes_with_a_garbled_text_layer(devdata, no_ocr):
    d = _real(devdata, "nykarleby_valfardsnamnden_protokoll_2022-09-15.pdf")
    assert d.doc_type == "protokoll" and d.date == "2022-09-15" and d.body == "välfärdsnämnden"
    assert d.organisation == "Nykarleby stad"
    assert [i.number for i in d.items] == [str(n) for n in range(39, 50)]
    assert d.items[3].dnr == "NKBY/497/12.03.01/2022"


def test_real_agency_minutes(devdata, no_ocr):
    d = _real(devdata, "riksbank_penningpolitiskt_protokoll_2016-01-04.pdf")
    assert d.organisation.lower() == "sveriges riksbank" and d.municipalities == []
    assert [i.number for i in d.items] == ["1", "2", "3", "4", "5", "6"]
    assert [i.decision is not None for i in d.items] == [False, True, False, True, False, False]


def test_real_minutes_converted_to_markdown(devdata):
    d = _real(devdata, "kungsbacka_bygg-au_protokoll_2024-05-23_137-163-164.md")
    assert [i.number for i in d.items] == ["137", "163", "164"]
    first = d.items[0]
    assert first.dnr == "BN-2023-00211"
    assert first.title.startswith("Uppdrag att upprätta förslag till detaljplan för bostäder")
    assert first.decision.startswith("Byggnadsnämndens arbetsutskott ger samhällsbyggnadskontoret")
    assert [i.decision is None for i in d.items] == [False, True, True]   # §§ 163-164 are redacted
    assert d.body == "byggnadsnämndens arbetsutskott" and d.date == "2024-05-23"
