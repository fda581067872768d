"""Swedish analysis: lemmas, compounds, tokens, sentences and the Whoosh analyzers."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from whoosh import highlight
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import MultifieldParser, OrGroup, QueryParser

from indexer.analysis import (
    ANALYZER_VERSION,
    analyze_terms,
    base_form,
    fold,
    is_stopword,
    lemma,
    sentences,
    split_compound,
    tokens,
)
from indexer.analysis import compounds
from indexer.store.whoosh.analyzer import folding_analyzer, swedish_analyzer

DEVDATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata"
PRESS_RELEASE = DEVDATA / "lulea-boden-samverkar-pressmeddelande-2022-06-07.txt"


# --- lemmas -------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        ("bostäder", "bostad"),
        ("Bostäderna", "bostad"),
        ("näringslivet", "näringsliv"),
        ("beslutade", "besluta"),
        ("kommunerna", "kommun"),
        ("nämnden", "nämnd"),
        ("nämnd", "nämnd"),          # the table alone says "nämna"
        ("företag", "företag"),      # the table alone says "företa"
        ("företagen", "företag"),
        ("beslutet", "beslut"),      # the table alone says "besluten"
        ("vägar", "väg"),            # the table alone says "vägare"
        ("arbetar", "arbeta"),       # the table alone says "arbetare"
        ("Boden", "boden"),          # the place, not "bod"
        ("Luleå", "luleå"),          # unknown: lower-cased
        ("xyzzyord", "xyzzyord"),
    ],
)
def test_lemma(word, expected):
    assert lemma(word) == expected


def test_base_form_of_unknown_compound_uses_last_part():
    assert base_form("näringslivsutvecklingen") == "näringslivsutveckling"
    assert base_form("kompetensförsörjningsprocessen") == "kompetensförsörjningsprocess"
    assert base_form("kommunstyrelsens") == "kommunstyrelse"


# --- compounds ----------------------------------------------------------------

SPEC_COMPOUNDS = {
    "kompetensförsörjningsprocess": ["kompetens", "försörjning", "process"],
    "bostadsbyggande": ["bostad", "byggande"],
    "näringslivsutvecklingen": ["näringsliv", "utveckling"],
    "kommunstyrelsens": ["kommun", "styrelse"],
    "samhällsbyggnadsnämnden": ["samhälle", "byggnad", "nämnd"],
    "arbetsutskott": ["arbete", "utskott"],
}

MUNICIPAL_COMPOUNDS = {
    "bostadsområden": ["bostad", "område"],
    "beslutsunderlag": ["beslut", "underlag"],
    "regleringsbrevet": ["reglering", "brev"],
    "luftkvalitet": ["luft", "kvalitet"],
    "socialsekreterare": ["social", "sekreterare"],
    "myndighetsledningens": ["myndighet", "ledning"],
    "musikskolorna": ["musik", "skola"],
    "industrietableringar": ["industri", "etablering"],
    "projektledare": ["projekt", "ledare"],
    "miljöuppföljning": ["miljö", "uppföljning"],
    "yrkesbenämningar": ["yrke", "benämning"],
    "grundskolan": ["grund", "skola"],
    "stadskärnorna": ["stad", "kärna"],
    "utredningsåtgärder": ["utredning", "åtgärd"],
    "universitetssjukhusen": ["universitet", "sjuk", "hus"],
    "socialtjänsten": ["social", "tjänst"],
    "verksamhetschefen": ["verksamhet", "chef"],
    "tillsynsuppdraget": ["tillsyn", "uppdrag"],
    "tillståndsärenden": ["tillstånd", "ärende"],
    "polisstationen": ["polis", "station"],
    "utvecklingsarbete": ["utveckling", "arbete"],
    "kvalitetskrav": ["kvalitet", "krav"],
    "planbesked": ["plan", "besked"],
    "gatubelysning": ["gata", "belysning"],
    "kyrkogårdsförvaltningen": ["kyrka", "gård", "förvaltning"],
    "vuxenutbildning": ["vuxen", "utbildning"],
    # finest split (policy in tests/data/compounds_sv.tsv): lexicalised
    # compounds among the parts are split too; the index keeps "högskola",
    # "sjukhus" and "bygglov" as runs of adjacent parts
    "yrkeshögskola": ["yrke", "hög", "skola"],
    "arbetsmarknadsregionen": ["arbete", "marknad", "region"],
    "planeringsprocess": ["planering", "process"],
    "samhällsomställning": ["samhälle", "omställning"],
    "industrisatsningar": ["industri", "satsning"],
    "avsiktsförklaring": ["avsikt", "förklaring"],
    "miljöförvaltningen": ["miljö", "förvaltning"],
    "stadsbyggnadskontoret": ["stad", "byggnad", "kontor"],
    "fastighetsförvaltning": ["fastighet", "förvaltning"],
    "bygglovsansökan": ["bygga", "lov", "ansökan"],
    "strandskyddsdispens": ["strand", "skydd", "dispens"],
    "översvämningsrisk": ["översvämning", "risk"],
    "räddningstjänsten": ["räddning", "tjänst"],
    "budgetuppföljning": ["budget", "uppföljning"],
    "årsredovisning": ["år", "redovisning"],
    "ekonomiavdelningen": ["ekonomi", "avdelning"],
    "personalutskottet": ["personal", "utskott"],
    "kommunfullmäktige": ["kommun", "fullmäktig"],
    "protokollsutdrag": ["protokoll", "utdrag"],
    "föredragningslista": ["föredragning", "lista"],
    "järnvägsstråk": ["järnväg", "stråk"],
    "energiförsörjning": ["energi", "försörjning"],
    "elförsörjning": ["el", "försörjning"],
    "trafiksäkerhet": ["trafik", "säkerhet"],
    "busshållplats": ["buss", "hållplats"],
    "byggnadsnämndens": ["byggnad", "nämnd"],
    "utbildningsnämnden": ["utbildning", "nämnd"],
    "förskoleverksamhet": ["förskola", "verksamhet"],
    "äldreomsorgen": ["äldre", "omsorg"],
    "företagsklimat": ["företag", "klimat"],
    "näringslivsaktörer": ["näringsliv", "aktör"],
    "attraktionskraften": ["attraktion", "kraft"],
}

NOT_COMPOUNDS = [
    "kommun", "Luleå", "Boden", "Sammeli", "beslut", "bostad", "process",
    "utveckling", "näringsliv", "ordförande", "verksamhet", "undersökning",
    "sammanträde", "förslaget", "infrastruktur", "ledamot", "ersättare",
    "sekreterare", "justering", "kallelse", "myndighet", "information",
    "läkemedel", "inflyttning", "2022", "och",
]


@pytest.mark.parametrize("word, parts", sorted(SPEC_COMPOUNDS.items()))
def test_split_compound_spec_examples(word, parts):
    assert split_compound(word) == parts


@pytest.mark.parametrize("word, parts", sorted(MUNICIPAL_COMPOUNDS.items()))
def test_split_compound_municipal(word, parts):
    assert split_compound(word) == parts


@pytest.mark.parametrize("word", NOT_COMPOUNDS)
def test_not_compounds(word):
    assert split_compound(word) == []


def test_lexicalised_parts_split_flat_or_kept_top_level():
    # default: lexicalised compounds among the parts are split as well
    assert split_compound("kollektivtrafikförsörjning") == ["kollektiv", "trafik", "försörjning"]
    assert split_compound("detaljplaneuppdrag") == ["detalj", "plan", "uppdrag"]
    # top level only: the best split into lexicon words
    assert split_compound("kollektivtrafikförsörjning", flat=False) == ["kollektivtrafik", "försörjning"]
    assert split_compound("detaljplaneuppdrag", flat=False) == ["detaljplan", "uppdrag"]
    assert split_compound("näringslivsutvecklingen", flat=False) == ["näringsliv", "utveckling"]


def test_compound_index_terms_include_runs_of_parts():
    terms = compounds.compound_terms("samhällsbyggnadsnämnden")
    for t in ("samhälle", "byggnad", "nämnd", "samhällsbyggnad", "byggnadsnämnd"):
        assert t in terms
    terms = compounds.compound_terms("kollektivtrafikförsörjning")
    assert "kollektivtrafik" in terms


def test_split_is_case_insensitive_and_cached():
    assert split_compound("Kommunstyrelsens") == ["kommun", "styrelse"]
    assert split_compound("") == []


def test_missing_dictionary_gives_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(compounds, "hunspell_candidates", lambda: [tmp_path])
    with pytest.raises(compounds.LexiconMissingError) as err:
        compounds.hunspell_files()
    msg = str(err.value)
    assert "sv_SE.dic" in msg and str(tmp_path) in msg and "hunspell-sv" in msg


def test_dictionary_found_under_sys_prefix():
    import sys

    dic, aff = compounds.hunspell_files()
    assert dic.name == "sv_SE.dic" and aff.name == "sv_SE.aff"
    assert Path(sys.prefix) / "share" / "hunspell" in compounds.hunspell_candidates()


# --- tokens, sentences, stop words ----------------------------------------------


def test_tokens_keep_numbers_and_paragraph_sign_but_not_punctuation():
    text = "Enligt § 137, dnr 2022/0456: kommunstyrelsen (KS) beslutade – bifall."
    toks = tokens(text)
    words = [t for t, _s, _e in toks]
    assert words == ["Enligt", "§", "137", "dnr", "2022/0456", "kommunstyrelsen", "KS", "beslutade", "bifall"]
    for word, s, e in toks:
        assert text[s:e] == word


def test_sentences_split_and_keep_abbreviations():
    text = (
        "Kommunstyrelsen beslutade i dag. Mötet avslutades ca. kl. 15 efter bl.a. "
        "en lång debatt. Nästa möte är den 7 juni.\n\n• Kompetensförsörjning\n• Leva och bo"
    )
    spans = sentences(text)
    got = [text[s:e] for s, e in spans]
    assert got == [
        "Kommunstyrelsen beslutade i dag.",
        "Mötet avslutades ca. kl. 15 efter bl.a. en lång debatt.",
        "Nästa möte är den 7 juni.",
        "• Kompetensförsörjning",
        "• Leva och bo",
    ]


def test_stopwords():
    assert is_stopword("och") and is_stopword("Och") and is_stopword("att")
    assert not is_stopword("bostad")
    assert not is_stopword("beslut")  # kept: decisions matter in council records
    terms = analyze_terms("Luleå och Boden vill att det ska byggas fler bostäder.")
    assert "och" not in terms and "att" not in terms and "det" not in terms
    assert terms[:2] == ["luleå", "boden"]
    assert "bostad" in terms


def test_terms_keep_swedish_letters():
    terms = analyze_terms("Näringslivsutveckling i Luleå och Överkalix, Åtgärder för ökad överföring")
    assert "näringslivsutveckling" in terms and "näringsliv" in terms
    assert "luleå" in terms and "överkalix" in terms and "åtgärd" in terms
    assert not any(t in terms for t in ("lulea", "naringsliv", "overkalix"))


# --- analyzer -------------------------------------------------------------------


def _toks(analyzer, text, **kw):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True, **kw)]


def test_analyzer_positions_and_chars_map_to_original_words():
    text = "Kommunstyrelsens arbetsutskott ställde sig bakom bostadsbyggandet i Luleå-Boden."
    toks = _toks(swedish_analyzer(), text, mode="index")
    by_pos: dict[int, list[tuple[str, str]]] = {}
    for term, pos, s, e in toks:
        by_pos.setdefault(pos, []).append((term, text[s:e]))
    # stop words ("sig", "bakom", "i") use no position: positions are consecutive
    assert sorted(by_pos) == list(range(len(by_pos)))
    words = [surfaces[0][1] for _p, surfaces in sorted(by_pos.items())]
    assert words == ["Kommunstyrelsens", "arbetsutskott", "ställde", "bostadsbyggandet", "Luleå-Boden"]
    # every term of a word carries the whole word's chars
    assert by_pos[0] == [("kommunstyrelse", "Kommunstyrelsens"), ("kommun", "Kommunstyrelsens"),
                         ("styrelse", "Kommunstyrelsens")]
    assert [t for t, _ in by_pos[3]] == ["bostadsbyggande", "bostad", "byggande"]
    assert {t for t, _ in by_pos[4]} == {"luleå-boden", "luleå", "boden"}


def test_analyzer_query_mode_one_token_per_word():
    toks = _toks(swedish_analyzer(), "kommunstyrelsens bostäder", mode="query")
    assert [(t, p) for t, p, _s, _e in toks] == [("kommunstyrelse", 0), ("bostad", 1)]


def test_analyzer_removestops_false_marks_stopped_tokens():
    toks = [(t.text, t.stopped) for t in swedish_analyzer()("leva och bo", removestops=False)]
    assert toks == [("leva", False), ("och", True), ("bo", False)]


def test_analyzer_start_pos_and_start_char():
    toks = _toks(swedish_analyzer(), "bostäder", start_pos=10, start_char=100)
    assert toks == [("bostad", 10, 100, 108)]


def test_analyzers_pickle():
    for analyzer in (swedish_analyzer(), folding_analyzer()):
        clone = pickle.loads(pickle.dumps(analyzer))
        assert clone == analyzer
        assert [t.text for t in clone("Luleås bostäder")] == [t.text for t in analyzer("Luleås bostäder")]
    assert len(pickle.dumps(swedish_analyzer())) < 200  # no spaCy objects inside


def test_folding():
    assert fold("Luleå") == "lulea"
    assert fold("Ökad BOSTÄDER é Ørsted") == "okad bostader e orsted"
    toks = [(t.text, t.startchar, t.endchar) for t in folding_analyzer()("Luleå och Öjebyn", chars=True)]
    assert toks == [("lulea", 0, 5), ("ojebyn", 10, 16)]


def test_analyzer_version_is_a_string():
    assert isinstance(ANALYZER_VERSION, str) and ANALYZER_VERSION


# --- a real Whoosh index --------------------------------------------------------

DOCS = {
    "1": "Fler aktörer som bidrar till bostadsbyggande samt ett socialt hållbart vardagsliv.",
    "2": "Utveckla en effektiv kompetensförsörjningsprocess i arbetsmarknadsregionen.",
    "3": "Näringslivsutveckling - stödja respektive kommun vid stora etableringar.",
    "4": "Luleå och Boden samverkar för att stärka regionen.",
    "5": "Samhällsbyggnadsnämnden beslutade om detaljplaneuppdrag för kollektivtrafikförsörjning.",
    "6": "Kommunen vill leva och bo i en trygg miljö.",
}


@pytest.fixture(scope="module")
def index():
    storage = RamStorage()
    schema = Schema(
        id=ID(stored=True, unique=True),
        text=TEXT(analyzer=swedish_analyzer(), stored=True, phrase=True),
        folded=TEXT(analyzer=folding_analyzer(), field_boost=0.3),
    )
    ix = storage.create_index(schema)
    writer = ix.writer()
    for doc_id, text in DOCS.items():
        writer.add_document(id=doc_id, text=text, folded=text)
    writer.commit()
    # the schema (with the analyzers) was pickled into the index TOC
    return storage.open_index()


def _search(ix, query, field="text"):
    with ix.searcher() as s:
        q = QueryParser(field, ix.schema).parse(query)
        return sorted(hit["id"] for hit in s.search(q, limit=None))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("bostäder", ["1"]),
        ("bostad", ["1"]),
        ("kompetensförsörjning", ["2"]),
        ("näringslivet", ["3"]),
        ("arbetsmarknad", ["2"]),
        ("samhälle", ["5"]),
        ("byggnadsnämnd", ["5"]),
        ("kollektivtrafiken", ["5"]),
        ("detaljplan", ["5"]),
        ("kommunen", ["3", "6"]),
        ("Luleå Boden", ["4"]),
    ],
)
def test_index_lemma_and_compound_matches(index, query, expected):
    assert _search(index, query) == expected


def test_phrase_queries(index):
    assert _search(index, '"stärka regionen"') == ["4"]
    assert _search(index, '"leva och bo"') == ["6"]
    assert _search(index, '"bostadsbyggande samt"') == ["1"]
    assert _search(index, '"regionen stärka"') == []
    # a phrase through a compound word: the base form takes the word's position
    assert _search(index, '"effektiv kompetensförsörjningsprocess"') == ["2"]


def test_folded_field_matches_without_diacritics(index):
    assert _search(index, "Lulea") == []           # the lemma field needs å
    assert _search(index, "Lulea", "folded") == ["4"]
    assert _search(index, "bostadsbyggande", "folded") == ["1"]
    with index.searcher() as s:
        q = MultifieldParser(["text", "folded"], index.schema, group=OrGroup).parse("Lulea")
        assert [h["id"] for h in s.search(q)] == ["4"]


def test_highlight_marks_whole_compound(index):
    with index.searcher() as s:
        q = QueryParser("text", index.schema).parse("bostäder")
        results = s.search(q)
        assert len(results) == 1
        html = results[0].highlights("text")
    assert re.search(r"<b[^>]*>bostadsbyggande</b>", html), html


def test_highlight_function_in_index_mode():
    text = DOCS["5"]
    out = highlight.highlight(
        text, {"nämnd"}, swedish_analyzer(), highlight.ContextFragmenter(), highlight.HtmlFormatter(), mode="index"
    )
    assert re.search(r"<strong[^>]*>Samhällsbyggnadsnämnden</strong>", out), out


# --- speed / devdata ------------------------------------------------------------


@pytest.mark.skipif(not PRESS_RELEASE.exists(), reason="shared/devdata not present")
def test_press_release_terms():
    text = PRESS_RELEASE.read_text(encoding="utf-8")
    terms = set(analyze_terms(text))
    for t in ("kompetensförsörjning", "näringsliv", "bostad", "infrastruktur", "samhälle", "luleå", "boden"):
        assert t in terms
    for word, s, e in tokens(text):
        assert text[s:e] == word
