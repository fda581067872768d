"""The structure benchmark (bench/structure): metric functions on constructed records, the
half rule, the corpus gold generated from corpus_tools, and one run over the real set."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from bench.structure import gold as G
from bench.structure import metrics as M
from bench.structure import run as R

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
REAL = REPO.parent / "shared" / "devdata" / "real"


# -- constructed records (attribute names as in indexer/models.py; see test_interface) ---------

def item(number, title="T", dnr=None, decision=None, page_start=1, page_end=1):
    return NS(number=number, title=title, dnr=dnr, decision=decision, page_start=page_start, page_end=page_end,
              proposal=None)


def passage(text, page=1, seq=0, kind="text"):
    return NS(passage_id=f"d-{seq}", doc_id="d", seq=seq, page=page, section=None, text=text,
              is_decision=False, kind=kind)


def page(number, text, quality=None, low_quality=False, ocr=False):
    return NS(number=number, text=text, quality=quality, low_quality=low_quality, ocr=ocr)


def document(**kw):
    base = dict(doc_id="d", title="", doc_type="annat", municipalities=[], body=None, date=None, pages=[],
                items=[], passages=[], metadata={}, organisation=None)
    base.update(kw)
    return NS(**base)


def gold_doc(**kw):
    base = dict(name="x.pdf", set="real", half="dev", path=Path("x.pdf"), root=Path("."))
    base.update(kw)
    return G.GoldDoc(**base)


def test_interface_the_bench_reads_exists_in_the_product_models():
    from indexer import models
    names = lambda cls: {f.name for f in dataclasses.fields(cls)}  # noqa: E731
    assert {"number", "title", "dnr", "decision", "page_start", "page_end"} <= names(models.MinutesItem)
    assert {"seq", "page", "text", "kind"} <= names(models.Passage)
    assert {"number", "text", "ocr", "quality", "low_quality"} <= names(models.PageText)
    assert {"title", "doc_type", "municipalities", "body", "date", "pages", "items", "passages"} <= names(
        models.Document)


# -- § items ----------------------------------------------------------------------------------

def test_item_matching_precision_recall_f1():
    gold = [G.GoldItem("1"), G.GoldItem("2"), G.GoldItem("3a"), G.GoldItem("4")]
    pred = [item(1), item("2"), item("§ 3 a"), item(7), item(2)]   # 7 is wrong, the second 2 a repeat
    s = M.score_items(gold, pred)
    assert (s.tp, s.n_pred, s.n_gold) == (3, 5, 4)
    assert s.precision == pytest.approx(3 / 5)
    assert s.recall == pytest.approx(3 / 4)
    assert s.f1 == pytest.approx(2 * 3 / (5 + 4))
    assert s.missing == ["4"]
    assert s.extra == ["7", "2"]


def test_items_none_expected_none_found_is_perfect_and_any_found_are_false_positives():
    assert M.score_items([], []).f1 == 1.0
    s = M.score_items([], [item(98)])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    s = M.score_items([G.GoldItem("1")], [])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_item_field_rates_with_normalisation_and_null_dnr():
    gold = [
        G.GoldItem("1", title="Godkännande av dagordning", dnr="KU/2007.9", has_decision=True, first_page=2,
                   last_page=2),
        G.GoldItem("2", title="Val av utskott", dnr=None, has_decision=False, first_page=3, last_page=4),
        G.GoldItem("3", title="Budget", dnr=None, has_decision=True, first_page=5, last_page=5),
    ]
    pred = [
        item("1", title="  GODKÄNNANDE av\ndagordning.", dnr="ku/2007.9", decision="Godkänna.", page_start=2,
             page_end=2),
        item("2", title="Val av utskott", dnr=None, decision=None, page_start=3, page_end=3),
        item("3", title="Budget 2007", dnr="KF/1", decision="", page_start=5, page_end=5),
    ]
    s = M.score_items(gold, pred)
    f = {k: (t.right, t.measured) for k, t in s.fields.items()}
    assert f["title"] == (2, 3)            # casefold, spaces and the trailing "." do not matter
    assert f["dnr"] == (2, 3)              # None vs None is right; None vs "KF/1" is wrong
    assert f["has_decision"] == (3, 3)     # decision "" is not None: a decision was found
    assert f["first_page"] == (3, 3)
    assert f["last_page"] == (2, 3)
    assert ("3", "dnr", "KF/1", None) in s.mismatches


def test_item_fields_not_annotated_are_not_counted():
    s = M.score_items([G.GoldItem("5", title="X")], [item(5, title="Y", page_start=9)])
    assert s.fields["title"].measured == 1 and s.fields["title"].right == 0
    assert s.fields["first_page"].measured == 0 and s.fields["dnr"].measured == 0


# -- metadata ---------------------------------------------------------------------------------

def test_municipality_null_single_and_joint():
    assert M.same_municipality([], ())                            # gold null (an agency), product none
    assert not M.same_municipality(["Stockholm"], ())
    assert M.same_municipality(["högsby"], ("Högsby",))           # case-insensitive
    assert not M.same_municipality(["Högsby", "Kalmar"], ("Högsby",))   # exactly [gold]
    assert not M.same_municipality([], ("Högsby",))
    assert M.same_municipality(["Boden", "Luleå"], ("Luleå", "Boden"))  # a joint document: both
    assert not M.same_municipality(["Luleå"], ("Luleå", "Boden"))


def test_score_metadata_each_field_and_null_handling():
    g = gold_doc(doc_type="protokoll", municipality=("Högsby",), organisation="Högsby kommun",
                 body="Kommunstyrelsen", date="2007-01-08", title_keywords=["Kommunstyrelsen", "protokoll"],
                 title_any=["Kommunstyrelsen protokoll 2007-01-08"])
    d = document(doc_type="protokoll", municipalities=["Högsby"], organisation="HÖGSBY  kommun",
                 body="kommunstyrelsen", date="2007-01-08", title="Kommunstyrelsens protokoll 2007-01-08")
    m = M.score_metadata(d, g)
    assert {k: v.ok for k, v in m.items()} == {
        "doc_type": True, "municipality": True, "organisation": True, "body": True, "date": True,
        "title_kw_strict": True, "title_kw_lenient": True, "title_any": False}
    d2 = document(doc_type="annat", municipalities=[], body=None, date="2007-01-10", title="Plats och tid")
    del d2.organisation                                              # an older Document without the field
    m2 = M.score_metadata(d2, g)
    assert not any(v.ok for v in m2.values())
    assert m2["organisation"].predicted is None


def test_metadata_gold_null_vs_not_annotated():
    g = gold_doc(body=None, organisation=None, municipality=())
    m = M.score_metadata(document(body=None, organisation=None, municipalities=[]), g)
    assert m["body"].ok and m["organisation"].ok and m["municipality"].ok
    assert not M.score_metadata(document(body="direktionen"), g)["body"].ok
    # not annotated: the field is left out, not counted right or wrong
    m = M.score_metadata(document(body="x", date="2020-01-01"), gold_doc())
    assert m == {}


def test_title_keywords_strict_and_lenient():
    assert M.title_keywords_found("Penningpolitiskt protokoll 4 januari 2016",
                                  ["penningpolitisk", "protokoll"]) == (True, True)
    assert M.title_keywords_found("Protokoll 5/2022", ["Välfärdsnämnden", "protokoll"]) == (False, True)
    assert M.title_keywords_found(None, ["x"]) == (False, False)


# -- phrases: the short-phrase rule and the N pattern -------------------------------------------

LONG = ("Kommunstyrelsen beslutade att godkänna informationen och att uppdra åt förvaltningen att "
        "återkomma med en redovisning under hösten")


def test_short_phrase_counts_only_at_the_edge_of_a_short_passage():
    assert M.short_phrase_counts("Kommunstyrelsen", "Kommunstyrelsen")
    assert M.short_phrase_counts("Kommunstyrelsen 2007-01-08", "Kommunstyrelsen")          # start, short
    assert M.short_phrase_counts("Carina Sammeli (S), ordförande.", "Ordförande")          # end, punctuation
    assert not M.short_phrase_counts(LONG, "Kommunstyrelsen")                                 # long passage
    assert not M.short_phrase_counts("Vid mötet var ordförande sjuk och ersattes", "ordförande")  # middle
    assert not M.short_phrase_counts("Datumet för mötet", "Datum")                            # whole words


def test_short_phrase_counts_when_it_is_most_of_the_passage():
    # in the middle, but the phrase is at least half the passage's characters
    assert M.short_phrase_counts("a Sveriges Riksbank b", "Sveriges Riksbank")
    assert not M.short_phrase_counts("hos Sveriges Riksbank finns en direktion", "Sveriges Riksbank")


def test_short_phrase_counts_where_a_letterhead_or_signature_would_put_it():
    assert M.short_phrase_counts("HÖGSBY KOMMUN PROTOKOLL 2 Kommunstyrelsen", "HÖGSBY KOMMUN")
    assert not M.short_phrase_counts("Högsby kommun är positiv till förslaget.", "HÖGSBY KOMMUN")
    assert M.short_phrase_counts("SIW FROSTDAHL-BLOMQVIST ordförande", "ordförande")
    assert not M.short_phrase_counts("2. bland nämndens medlemmar väljs en ordförande,", "ordförande")


def test_a_caption_counts_only_as_an_empty_heading():
    assert M.short_phrase_counts("Stadsstyrelsens beslut:", "Stadsstyrelsens beslut:")
    assert not M.short_phrase_counts("Stadsstyrelsens beslut: Stadsdirektörens förslag godkändes.",
                                     "Stadsstyrelsens beslut:")


def test_contents_entry_ends_in_a_page_number_without_other_numbers():
    assert M.is_toc_line("Allmän platsmark 8", on_toc_page=True)
    assert not M.is_toc_line("Organ Stadsstyrelsen Sammanträdestid 26.09.2022 kl. 16:30 Sammanträdesplats "
                             "Stadshuset, Topeliusesplanaden 7", on_toc_page=True)
    assert not M.is_toc_line("Allmän platsmark 8", on_toc_page=False)


def test_phrase_of_three_words_counts_anywhere():
    text = LONG + " Justerandes sign Utdragsbestyrkande och mer text som fortsätter länge efteråt"
    assert M.short_phrase_counts(text, "Justerandes sign Utdragsbestyrkande")
    assert M.short_phrase_counts("bla bla DET HÄR   dokumentet är\ndigitalt signerat bla bla bla bla bla bla bla",
                                 "Det här dokumentet är digitalt signerat")
    assert not M.short_phrase_counts(LONG, "Justerandes sign Utdragsbestyrkande")


def test_n_pattern_for_repeated_lines():
    rx = lambda p: M.phrase_regex(p, numbered=True)  # noqa: E731
    assert rx("PROTOKOLL N").search("protokoll 3")
    assert rx("Stadsstyrelsen N").search("stadsstyrelsen 5 vidare")
    assert not rx("Stadsstyrelsen N").search("stadsstyrelsen 26.9.2022")      # a date is not a page number
    assert not rx("Stadsstyrelsen N").search("stadsstyrelsen 2022/456")
    assert not rx("Stadsstyrelsen N").search("stadsstyrelsen 5,5 miljoner")
    assert rx("N/19").search("3/19")                                           # the line itself goes on with "/"
    assert rx("Sid N av 103").search("sid 5 av 103")
    assert not rx("Sid N av 103").search("sid 5 av 1030")
    assert rx("N [2]").search("1 [2]")
    assert rx("Föredragningslista N § 26.09.2022 Sida").search("föredragningslista 191 § 26.09.2022 sida")
    assert rx("HÖGSBY KOMMUN").search("högsby kommun") and not rx("HÖGSBY KOMMUN").search("högsby ko 1")
    assert not M.phrase_regex("PROTOKOLL N", numbered=False).search("protokoll 3")  # boilerplate: literal


def test_phrase_sets_count_passages_by_category():
    g = gold_doc(repeated_lines=["PROTOKOLL N", "Sammanträdesdatum 2007-01-08"],
                 boilerplate=["Justerandes sign", "Protokollet är justerat. Justeringen har tillkännagivits"],
                 toc_pages=[])
    d = document(pages=[page(1, "x"), page(2, "y")], passages=[
        passage("Protokoll 2", page=1, seq=0),
        passage(LONG + " Protokollet är justerat. Justeringen har tillkännagivits genom anslag", page=1, seq=1),
        passage(LONG + " PROTOKOLL 2 mitt i", page=2, seq=2),    # two words in a long passage: not counted
    ])
    c = M.score_passages(d, g)
    assert c.header == 1 and [h.seq for h in c.header_hits] == [0]
    assert c.signature == 1 and c.signature_hits[0].seq == 1
    # not annotated: not measured (None), unlike "annotated as nothing" (0)
    c2 = M.score_passages(d, gold_doc())
    assert c2.header is None and c2.signature is None


# -- TOC lines ------------------------------------------------------------------------------------

def test_toc_lines_dot_leaders_contents_entries_and_marked_toc_passages():
    g = gold_doc(toc_pages=[2], repeated_lines=["Stadsstyrelsen N"], boilerplate=[])
    pages = [page(1, "a"), page(2, "b"), page(3, "c")]
    d = document(pages=pages, passages=[
        passage("Allmän platsmark ............ 8", page=1, seq=0),            # dot leader, any page
        passage("Altan …… 9", page=3, seq=1),                                 # two ellipses
        passage("188 § Sammanträdets laglighet och beslutförhet 2", page=2, seq=2),   # entry on a toc page
        passage("188 § Sammanträdets laglighet och beslutförhet 2", page=3, seq=3),   # same, not a toc page
        passage("Allmän platsmark ............ 8", page=1, seq=4, kind="toc"),  # marked toc by the product
        passage("Paragrafer § 112 Avsiktsförklaring om samverkan § 113 Planuppdrag", page=2, seq=5),
        passage("Maria Granström, ekonomidirektör, § 114", page=2, seq=6),   # a § reference is no page number
        passage("Beslutet fattades i stadsstyrelsen", page=2, seq=7),
    ])
    c = M.score_passages(d, g)
    assert sorted(h.seq for h in c.toc_hits) == [0, 1, 2, 5]
    assert c.toc == 4


def test_running_header_is_cut_before_the_contents_entry_test():
    rep = M.PhraseSet(["Stadsstyrelsen N"], numbered=True)
    assert not M.is_toc_line("Mötesuppgifter Stadsstyrelsen 5", on_toc_page=True, furniture=rep)
    assert M.is_toc_line("Mötesuppgifter Stadsstyrelsen 5", on_toc_page=True, furniture=None)


# -- crossing a page ------------------------------------------------------------------------------

def test_page_crossing_heading_join_hyphenation_and_neighbours():
    pages = [
        page(1, "Beslut\nKommunstyrelsen godkänner\ninformationen om kompetens-\nförsörjning i regionen."),
        page(2, "Fortsättning av texten om bostäder."),
        page(3, "Helt annan sida."),
    ]
    d = document(pages=pages, passages=[
        passage("Beslut: Kommunstyrelsen godkänner informationen om kompetensförsörjning i regionen.", 1, 0),
        passage("i regionen. Fortsättning av texten", 1, 1),          # runs on into page 2
        passage("Fortsättning av texten om bostäder. Helt annan sida.", 2, 2),   # into page 3
        passage("Fortsättning av mystiska ord", 2, 3),                # "mystiska" "ord" are on no neighbour
        passage("Beslut", 7, 4),                                       # a page the document does not have
    ])
    c = M.score_passages(d, gold_doc(repeated_lines=[], boilerplate=[], toc_pages=[]))
    assert [seq for seq, *_ in c.crossing_hits] == [1, 2]
    assert c.crossing_hits[0][2] == ["av", "fortsättning", "texten"]
    assert c.unexplained == 1 and c.unexplained_hits[0][0] == 3
    assert c.bad_page == 1


def test_a_running_header_on_the_wrong_page_is_a_header_not_also_a_crossing():
    # the product dropped the footer from the page texts but left it in a passage
    pages = [page(1, "Text på första sidan\nUtdragsbestyrkande"), page(2, "Beslut om budget")]
    d = document(pages=pages, passages=[passage("Utdragsbestyrkande: Beslut om budget", 2, 0),
                                        passage("Utdragsbestyrkande: Beslut om budget", 2, 1)])
    c = M.score_passages(d, gold_doc(repeated_lines=["Utdragsbestyrkande"]))
    assert c.header == 2 and c.crossing == 0
    c = M.score_passages(d, gold_doc(repeated_lines=[]))          # not furniture: then it crosses
    assert c.crossing == 2


def test_crossing_counts_marked_toc_passages_too():
    d = document(pages=[page(1, "Innehåll"), page(2, "Bilagor 3")],
                 passages=[passage("Innehåll Bilagor 3", 1, 0, kind="toc")])
    c = M.score_passages(d, gold_doc(toc_pages=[1, 2]))
    assert c.crossing == 1 and c.toc == 0


def test_low_quality_pages_and_ranges():
    d = document(pages=[page(1, "a", 0.9), page(2, "b", 0.3, True), page(3, "c", 0.2, True, True), page(5, "e")])
    assert M.low_quality_pages(d) == ([2, 3], [3], 0.2)
    assert M.page_ranges([3, 4, 5, 9, 11, 12]) == "3-5, 9, 11-12"
    assert M.page_ranges([]) == "–"


# -- halves -----------------------------------------------------------------------------------------

REAL_NAMES = {
    "helsingborg_samsynsguiden_2023-10-10.pdf": "check",
    "hogsby_ks_protokoll_2007-01-08.pdf": "dev",
    "karlshamn_it-och-informationssakerhetspolicy_2018.pdf": "check",
    "kungsbacka_annoteringsverktyget_bygglovshandlingar.docx": "check",
    "kungsbacka_bygg-au_protokoll_2024-05-23_137-163-164.md": "check",
    "nykarleby_stadsstyrelsen_foredragningslista_2022-09-26.pdf": "dev",
    "nykarleby_valfardsnamnden_protokoll_2022-09-15.pdf": "check",
    "riksbank_penningpolitiskt_protokoll_2016-01-04.pdf": "check",
    "riksbank_protokollsbilaga_A_2016-01-04.pdf": "dev",
}


def test_half_rule_is_the_sha1_parity_of_the_file_name():
    for name, half in REAL_NAMES.items():
        assert G.half_of(name) == half
        assert G.half_of("pdf/" + name) == half       # the folder is not part of the rule
        parity = int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2
        assert half == ("check" if parity else "dev")


def test_real_gold_json_maps_null_and_missing_keys():
    g = G.real_doc_from_json({"file": "pdf/a.pdf", "municipality": None, "body": None,
                              "items": [{"number": "3a", "dnr": None, "title": "X"}]}, Path("/r"))
    assert g.municipality == () and g.body is None
    assert not G.is_known(g.date) and not G.is_known(g.organisation)
    assert g.items[0].dnr is None and not G.is_known(g.items[0].first_page)
    with pytest.raises(TypeError):
        bool(G.UNKNOWN)
    with pytest.raises(G.GoldError):
        G.real_doc_from_json({"items": []}, Path("/r"))


# -- corpus gold from corpus_tools ------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_gold():
    docs, notes = G.corpus_gold(CORPUS)
    assert not notes, notes
    return {g.name: g for g in docs}


def _content_minutes() -> dict[str, dict]:
    sys.path.insert(0, str(REPO / "corpus_tools"))
    from content import all_documents  # type: ignore[import-not-found]
    return {d["file"]: d for d in all_documents() if d["kind"] == "minutes"}


def test_every_corpus_minutes_pdf_gets_its_items_from_corpus_tools(corpus_gold):
    content = _content_minutes()
    files = sorted(p.relative_to(CORPUS).as_posix() for p in (CORPUS / "pdf").glob("*-protokoll-*.pdf"))
    assert files and set(files) == set(content)
    for f in files:
        g, m = corpus_gold[f], content[f]
        assert g.doc_type == "protokoll" and g.date == m["date"] and g.body == m["body"]
        assert [i.number for i in g.items] == [str(it["nr"]) for it in m["items"]]
        assert [i.title for i in g.items] == [it["title"] for it in m["items"]]
        for gi, it in zip(g.items, m["items"]):
            assert gi.dnr == it["dnr"].removeprefix("Dnr ") and not gi.dnr.lower().startswith("dnr")
            assert gi.has_decision is True
            # pages come from re-rendering; the committed PDFs are byte-identical, so they are known
            assert 2 <= gi.first_page <= gi.last_page <= g.pages
        firsts = [i.first_page for i in g.items]
        assert firsts == sorted(firsts)


def test_corpus_item_pages_agree_with_the_pdf_text(corpus_gold):
    # independent of the product: pdfplumber finds each "§ N Dnr" heading on the page the gold says
    import pdfplumber
    g = corpus_gold["pdf/lulea-ks-protokoll-2022-06-20.pdf"]
    with pdfplumber.open(CORPUS / g.name) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
    for it in g.items:
        assert re.search(rf"^§ {it.number} Dnr", texts[it.first_page - 1], re.M), it.number


def test_corpus_mapping_of_other_documents(corpus_gold):
    kinds = {name: g.doc_type for name, g in corpus_gold.items()}
    assert kinds["pdf/avsiktsforklaring-lulea-boden-2022-09-13.pdf"] == "avtal"
    assert all(t == "pressmeddelande" for n, t in kinds.items() if n.startswith("html/"))
    assert kinds["docx/lulea-tjansteskrivelse-avsiktsforklaring-2022-05-24.docx"] == "tjänsteskrivelse"
    assert kinds["docx/lagesrapport-samverkan-lulea-boden-2024-10-15.docx"] == "annat"
    assert kinds["text/minnesanteckningar-styrgrupp-lulea-boden-2023-02-14.txt"] == "annat"
    avs = corpus_gold["pdf/avsiktsforklaring-lulea-boden-2022-09-13.pdf"]
    assert set(avs.municipality) == {"Luleå", "Boden"} and not G.is_known(avs.organisation)
    assert avs.items == []
    press = corpus_gold["html/boden-2022-09-13-avsiktsforklaring-undertecknad.html"]
    assert press.municipality == ("Boden",) and press.organisation == "Bodens kommun" and press.body is None
    assert not G.is_known(press.repeated_lines)


def test_corpus_header_lines_that_are_also_content_are_left_out(corpus_gold):
    g = corpus_gold["pdf/lulea-ks-protokoll-2022-06-20.pdf"]
    assert "LULEÅ KOMMUN PROTOKOLL Sida N (N)" in g.repeated_lines
    assert "Justerandes signatur Utdragsbestyrkande" in g.repeated_lines
    assert "Sida N (N)" in g.repeated_lines
    # page 1's notice box prints "Organ Kommunstyrelsen / Sammanträdesdatum 2022-06-20" as content
    assert "Kommunstyrelsen Sammanträdesdatum 2022-06-20" not in g.repeated_lines
    assert "Kommunstyrelsen" not in g.repeated_lines          # the body's name is ordinary text too
    assert "LULEÅ KOMMUN" not in g.repeated_lines             # "Luleå kommun" occurs in the items
    assert "Paragrafer §§ 138–142" in g.boilerplate


# -- the whole bench ---------------------------------------------------------------------------------

def test_bad_arguments_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        R.main(["--half", "middle"])
    assert e.value.code == 2
    assert R.main(["--real", str(tmp_path / "absent")]) == 2
    assert R.main(["--only", "corpus", "--doc", "no-such-document-anywhere"]) == 2


def test_failed_document_counts_as_nothing_found():
    g = gold_doc(doc_type="protokoll", municipality=(), body=None, items=[G.GoldItem("1")])
    r = R.failed_document(g, "ExtractionError: broken", 0.1)
    assert r.items.recall == 0.0 and r.clean is None
    assert r.meta and not any(m.ok for m in r.meta.values())


def test_origin_names_the_innermost_raise():
    def inner():
        raise ValueError("bad page")

    try:
        try:
            inner()
        except ValueError:
            raise RuntimeError("could not read PDF") from None
    except RuntimeError as exc:
        where = R._origin(exc)
    assert "in inner (ValueError: bad page)" in where


def test_report_from_constructed_results_marks_missing_sets_not_applicable():
    g = gold_doc(name="a.pdf", set="corpus", half="corpus", doc_type="protokoll", municipality=("Boden",),
                 body="Kommunstyrelsen", date="2024-01-01", title_keywords=["protokoll"],
                 items=[G.GoldItem("1", first_page=2, last_page=2)], repeated_lines=["Sida N (N)"],
                 boilerplate=["Justerande"], toc_pages=[1])
    d = document(doc_type="protokoll", municipalities=["Boden"], body="kommunstyrelsen", date="2024-01-01",
                 title="Protokoll kommunstyrelsen", items=[item(1, page_start=2, page_end=3)],
                 pages=[page(1, "Justerande Anna"), page(2, "§ 1 Budget")],
                 passages=[passage("Justerande Anna", 1, 0), passage("§ 1 Budget Sida 2 (2)", 2, 1)])
    r = R.score_document(d, g)
    summaries = {"corpus": R.summarize([r])}
    assert summaries["corpus"]["items"]["f1"] == 1.0
    assert summaries["corpus"]["items"]["fields"]["last_page"]["right"] == 0
    assert summaries["corpus"]["clean"]["header"] == 1 and summaries["corpus"]["clean"]["signature"] == 1
    rows = {row["target"]: row["cells"] for row in R.targets(summaries)}
    assert rows["§ items F1 (micro) ≥ 0.95"]["corpus"]["verdict"] == "MET"
    assert rows["§ items F1 (micro) ≥ 0.95"]["real/dev"]["verdict"] == "n/a (no documents)"
    assert rows["passages with a running header/footer line = 0"]["corpus"]["verdict"] == "MISSED"
    text = R.format_report([r], summaries, {"started": "now", "sources": [], "halves": [], "corpus_ran": True},
                           verbose=True)
    assert "| a.pdf | corpus |" in text and "«Sida N (N)» (1)" in text


def test_smoke_run_over_the_real_set(tmp_path, capsys, monkeypatch):
    if not (REAL / "gold").is_dir():
        pytest.skip("../shared/devdata/real is not present on this machine")
    # OCR of the scanned and garbled pages takes a minute and is not what this test checks
    # (test_ocr.py does): the bench must read all nine documents and print figures.
    monkeypatch.setenv("SEARCH_TESSERACT", "")
    out_json = tmp_path / "structure.json"
    assert R.main(["--only", "real", "--json", str(out_json)]) == 0
    report = capsys.readouterr().out
    for name, half in REAL_NAMES.items():
        assert re.search(rf"^\| {re.escape(name)}( \*\*ERROR\*\*)? \| {half} \| \d+\.\d \|", report, re.M), name
    targets = report.split("## Targets", 1)[1].split("## Overall", 1)[0]
    assert re.search(r"§ items F1 \(micro\) ≥ 0\.95 \| (\d\.\d{3}|n/a)", targets)
    assert re.search(r"\| doc_type ≥ 90 % \| \d+\.\d %", targets)
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert sorted(d["file"] for d in data["documents"]) == sorted(REAL_NAMES)
    for d in data["documents"]:
        assert d["error"] is not None or isinstance(d["items"]["f1"], float)
    assert isinstance(data["summaries"]["real/all"]["items"]["recall"], float)


def test_the_title_on_page_one_is_not_a_running_header():
    from types import SimpleNamespace as NS
    gold = NS(repeated_lines=["Samsynsguiden", "Sid N av 103"], boilerplate=[], toc_pages=[])
    doc = NS(title="Samsynsguiden – Hantering av bygglovs- och tekniska frågor",
             pages=[NS(number=1, text="Samsynsguiden – Hantering av\nbygglovs- och tekniska frågor"),
                    NS(number=2, text="Samsynsguiden\nAltan\nText om altaner.")],
             passages=[NS(seq=0, page=1, text="Samsynsguiden – Hantering av", kind="text"),
                       NS(seq=1, page=2, text="Samsynsguiden Altan", kind="text")])
    res = M.score_passages(doc, gold)
    assert res.header == 1 and [h.seq for h in res.header_hits] == [1]
