"""The organisations data file and the recogniser in indexer/organisations.py."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from indexer import organisations as orgs_mod
from indexer.organisations import (
    Mention,
    OrganisationsFileError,
    by_municipality,
    find_mentions,
    load_organisations,
    municipality_names,
    organisations,
)

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "devdata" / "real"
GOLD = sorted((REAL / "gold").glob("*.json")) if REAL.is_dir() else []


@pytest.fixture(autouse=True)
def default_file(monkeypatch):
    monkeypatch.delenv(orgs_mod.ORGANISATIONS_FILE_ENV, raising=False)


def rows(kind: str):
    return [o for o in organisations() if o.kind == kind]


def found(text: str) -> list[tuple[str, str | None, str]]:
    """(surface, municipality or name of the row, strength) for each mention."""
    return [(m.surface, (m.org.municipality or m.org.name) if m.org else None, m.strength)
            for m in find_mentions(text)]


# --- the data file ------------------------------------------------------------

def test_all_290_swedish_municipalities_with_unique_names_and_codes():
    kommuner = rows("kommun")
    assert len(kommuner) == 290
    assert len({k.name for k in kommuner}) == 290
    assert len({k.code for k in kommuner}) == 290
    assert all(k.code and len(k.code) == 4 and k.code.isdigit() for k in kommuner)
    assert all(k.municipality == k.name for k in kommuner)


def test_21_regions_and_county_codes_agree():
    regions = rows("region")
    assert len(regions) == 21
    assert len({r.official for r in regions}) == 21
    county_of_code = {r.code: r.county for r in regions}
    assert len(county_of_code) == 21
    # The first two digits of a kommunkod are its county's code.
    for k in rows("kommun"):
        assert county_of_code[k.code[:2]] == k.county, k
    assert {r.municipality for r in regions} == {None, "Gotland"}


def test_known_codes_and_official_names():
    by_name = {k.name: k for k in rows("kommun")}
    assert by_name["Luleå"].code == "2580"
    assert by_name["Boden"].code == "2582"
    assert by_name["Stockholm"].code == "0180"
    assert by_name["Boden"].official == "Bodens kommun"
    assert by_name["Högsby"].official == "Högsby kommun"
    assert by_name["Kungsbacka"].official == "Kungsbacka kommun"
    assert by_name["Karlshamn"].official == "Karlshamns kommun"
    assert by_name["Falun"].official == "Falu kommun"
    assert by_name["Helsingborg"].official == "Helsingborgs stad"
    assert "Helsingborgs kommun" in by_name["Helsingborg"].forms


def test_finland_swedish_municipalities():
    fi = rows("kommun-fi")
    assert len(fi) == 49
    assert sum(1 for k in fi if k.county == "Åland") == 16
    assert len({k.code for k in fi}) == len({k.name for k in fi}) == 49
    nykarleby = by_municipality("Nykarleby")
    assert (nykarleby.official, nykarleby.code, nykarleby.county) == ("Nykarleby stad", "893", "Österbotten")


def test_municipality_names_are_the_facet_names():
    names = municipality_names()
    assert len(names) == 290 + 49
    assert {"Luleå", "Boden", "Upplands Väsby", "Malung-Sälen", "Nykarleby"} <= set(names)


def test_every_municipality_is_found_by_its_own_forms():
    for org in rows("kommun") + rows("kommun-fi"):
        for text in (org.official, org.official.upper(), orgs_mod._genitive(org.official)):
            got = find_mentions(f"Protokoll från {text}, sammanträde")
            assert [(m.org, m.strength) for m in got] == [(org, "official")], (text, got)
        bare = find_mentions(f"Mötet hölls i {org.name} i går.")
        if org.ambiguous:
            assert bare == [], org
        else:
            assert [(m.org, m.strength) for m in bare] == [(org, "name")], (org.name, bare)


def test_by_municipality_ignores_case_and_diacritics():
    lulea = by_municipality("Luleå")
    assert lulea.code == "2580"
    assert by_municipality("lulea") is lulea
    assert by_municipality("LULEÅ") is lulea
    assert by_municipality("Bodens kommun").code == "2582"
    assert by_municipality("Region Gotland").name == "Gotland"
    assert by_municipality("Atlantis") is None
    assert by_municipality("Håbo").code == "0305"
    assert by_municipality("habo").code == "0643"
    assert by_municipality("HÅBO KOMMUN").code == "0305"
    # No two municipalities fold to the same key, or one of them would be lost.
    assert all(by_municipality(n) is not None for n in municipality_names())


# --- recogniser -------------------------------------------------------------------

def test_upper_case_letterheads():
    assert found("HÖGSBY KOMMUN Protokoll 1(14)") == [("HÖGSBY KOMMUN", "Högsby", "official")]
    assert found("KARLSHAMNS KOMMUN\nFörfattningssamling") == [
        ("KARLSHAMNS KOMMUN", "Karlshamn", "official")]
    assert found("LULEÅ KOMMUN") == [("LULEÅ KOMMUN", "Luleå", "official")]
    assert found("DATUM: 2016-01-04 SVERIGES RIKSBANK") == [
        ("SVERIGES RIKSBANK", "Riksbanken", "official")]


def test_genitives():
    assert found("Luleå kommuns budget") == [("Luleå kommuns", "Luleå", "official")]
    assert found("Högsby kommuns och Karlshamns kommuns") == [
        ("Högsby kommuns", "Högsby", "official"), ("Karlshamns kommuns", "Karlshamn", "official")]
    assert found("Bodens kommuns näringsliv") == [("Bodens kommuns", "Boden", "official")]
    assert found("Region Norrbottens uppdrag") == [("Region Norrbottens", "Norrbotten", "official")]
    assert found("Helsingborgs stads riktlinjer") == [("Helsingborgs stads", "Helsingborg", "official")]
    assert found("Nykarleby stad") == [("Nykarleby stad", "Nykarleby", "official")]
    assert found("Luleås och Högsbys invånare") == [
        ("Luleås", "Luleå", "name"), ("Högsbys", "Högsby", "name")]
    # Names ending in s, x or z take no extra s.
    assert found("Borås, Mönsterås och Hofors") == [
        ("Borås", "Borås", "name"), ("Mönsterås", "Mönsterås", "name"), ("Hofors", "Hofors", "name")]
    assert found("Boråss") == []
    assert found("SKR:s rekommendation") == [("SKR:s", "SKR", "official")]


def test_multi_word_names_and_separators():
    assert found("Upplands Väsby, Östra Göinge, Lilla Edet, Upplands-Bro och Dals-Ed") == [
        ("Upplands Väsby", "Upplands Väsby", "name"), ("Östra Göinge", "Östra Göinge", "name"),
        ("Lilla Edet", "Lilla Edet", "name"), ("Upplands-Bro", "Upplands-Bro", "name"),
        ("Dals-Ed", "Dals-Ed", "name")]
    assert found("Malung-Sälens kommun") == [("Malung-Sälens kommun", "Malung-Sälen", "official")]
    assert found("Region Jämtland Härjedalen") == [
        ("Region Jämtland Härjedalen", "Jämtland Härjedalen", "official")]
    # Line breaks and runs of spaces inside a name.
    assert found("Luleå\n   kommun") == [("Luleå\n   kommun", "Luleå", "official")]
    assert found("Malung-\nSälen") == [("Malung-\nSälen", "Malung-Sälen", "name")]
    assert found("Upplands  Väsby") == [("Upplands  Väsby", "Upplands Väsby", "name")]


def test_longest_match_wins():
    got = find_mentions("Region Jämtland Härjedalen och Härjedalens kommun")
    assert [m.surface for m in got] == ["Region Jämtland Härjedalen", "Härjedalens kommun"]
    assert [m.org.kind for m in got] == ["region", "kommun"]


def test_ambiguous_names_only_in_official_form():
    assert found("Mark och Vara. Ale, Sala, Nora och Berg. Lund.") == []
    assert found("Vara med på mötet, Mark!") == []
    assert found("Marks kommun, Vara kommun och Ale kommuns") == [
        ("Marks kommun", "Mark", "official"), ("Vara kommun", "Vara", "official"),
        ("Ale kommuns", "Ale", "official")]
    assert found("ALE KOMMUN") == [("ALE KOMMUN", "Ale", "official")]
    ambiguous = {o.name for o in organisations() if o.ambiguous}
    assert {"Mark", "Vara", "Ale", "Sala", "Nora"} <= ambiguous


def test_bare_names_need_a_capital_letter():
    assert found("Boden. Redskapen står i boden.") == [("Boden", "Boden", "name")]
    assert found("BODEN") == [("BODEN", "Boden", "name")]


def test_whole_words_only():
    assert found("Alen, Marknad, Luleåbon, Bodensjön, Storluleå") == []
    assert found("Luleåkommun och Hemkommun") == []
    assert found("skr 100 och havet") == []
    assert found("Bodens kommunstyrelse") == [("Bodens", "Boden", "name")]


def test_bare_name_at_sentence_start_and_in_a_title():
    assert found("Luleå växer. Nya bostäder i Luleå") == [
        ("Luleå", "Luleå", "name"), ("Luleå", "Luleå", "name")]
    assert found("Översiktsplan för Boden 2040") == [("Boden", "Boden", "name")]


def test_diacritics_dropped_only_in_official_forms():
    assert found("Lulea kommun") == [("Lulea kommun", "Luleå", "official")]
    assert found("Ange ditt namn") == []
    assert found("Ånge") == [("Ånge", "Ånge", "name")]


def test_generic_pattern_for_names_not_in_the_file():
    got = find_mentions("Storbyns kommun och Uleåborgs stad samt REGION NORDVÄST")
    assert [(m.surface, m.org, m.strength) for m in got] == [
        ("Storbyns kommun", None, "generic"), ("Uleåborgs stad", None, "generic"),
        ("REGION NORDVÄST", None, "generic")]
    assert find_mentions("Kommunen, Stadens, Staden, denna kommun, Denna kommun, Vår kommun") == []
    assert find_mentions("Hållbar stad, Levande stad, Årets kommun, Möjligheternas kommun") == []
    assert find_mentions("i region Mitt finns Regionen") == []
    # A known name is never reported as generic.
    assert found("Luleå stad") == [("Luleå stad", "Luleå", "official")]


def test_agencies_have_no_municipality():
    got = find_mentions("Beslut av Trafikverket, Skatteverkets yttrande, MSB och Länsstyrelsen i "
                        "Norrbottens län")
    assert [m.org.name for m in got] == [
        "Trafikverket", "Skatteverket", "MSB", "Länsstyrelsen Norrbotten"]
    assert all(m.org.kind == "myndighet" and m.org.municipality is None for m in got)


def test_running_text_in_order():
    text = (
        "LULEÅ KOMMUN\nKommunstyrelsen\n\n"
        "§ 12 Samverkan om kompetensförsörjning\n"
        "Kommunstyrelsen i Luleå kommun beslutar att tillsammans med Bodens kommun och\n"
        "Region Norrbotten söka medel från Tillväxtverket. Luleås och Bodens näringslivskontor "
        "deltar i SKR:s nätverk, liksom Haparanda stad och Storbyns kommun. Vara kommun har "
        "avböjt; i Vara finns ingen motsvarande verksamhet. Mötet hölls i Boden."
    )
    got = find_mentions(text)
    assert [(m.surface, m.strength) for m in got] == [
        ("LULEÅ KOMMUN", "official"), ("Luleå kommun", "official"),
        ("Bodens kommun", "official"), ("Region Norrbotten", "official"),
        ("Tillväxtverket", "official"), ("Luleås", "name"), ("Bodens", "name"),
        ("SKR:s", "official"), ("Haparanda stad", "official"), ("Storbyns kommun", "generic"),
        ("Vara kommun", "official"), ("Boden", "name")]
    assert [m.org.municipality if m.org else None for m in got] == [
        "Luleå", "Luleå", "Boden", None, None, "Luleå", "Boden", None, "Haparanda", None,
        "Vara", "Boden"]
    assert all(text[m.start:m.end] == m.surface for m in got)
    assert isinstance(got[0], Mention)


def test_a_100_page_document_is_scanned_whole():
    # About 300 KB of council text: names of every kind, many words that are not
    # names. (Its speed is measured by bench/organisations_speed.py, not here.)
    page = (
        "Kommunstyrelsen i Luleå kommun beslutade att godkänna avtalet med Bodens kommun. "
        "Ärendet har beretts av Trafikverket och Region Norrbotten. Marknadsföring av "
        "bostäder i Alen och Markområden diskuterades; Vara med i arbetet var Mark. "
        "Protokollet justerades och anslogs på kommunens anslagstavla. " * 6
    )
    text = (page * (300_000 // len(page) + 1))[:300_000]
    got = find_mentions(text)
    assert got[-1].end > 290_000
    assert {m.org.official for m in got if m.org} == {"Luleå kommun", "Bodens kommun", "Trafikverket",
                                                      "Region Norrbotten"}


# --- the file format -----------------------------------------------------------------

HEADER = "kind\tcode\tname\tofficial\tcounty\tmunicipality\tambiguous\tforms\n"


def test_another_file_through_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "orgs.tsv"
    path.write_text("# staff copy\n" + HEADER
                    + "kommun\t9999\tStorbyn\tStorbyns kommun\tTestlän\tStorbyn\t\tStorby\n"
                    + "myndighet\t\tTestverket\tStatens testverk\t\t\t\t\n", encoding="utf-8")
    monkeypatch.setenv(orgs_mod.ORGANISATIONS_FILE_ENV, str(path))
    assert [o.name for o in organisations()] == ["Storbyn", "Testverket"]
    assert municipality_names() == ("Storbyn",)
    assert found("STORBYNS KOMMUN och Statens testverks beslut i Storby") == [
        ("STORBYNS KOMMUN", "Storbyn", "official"), ("Statens testverks", "Testverket", "official"),
        ("Storby", "Storbyn", "name")]
    # Names from the default file are unknown here: only the generic pattern finds them.
    assert found("Luleå kommun och Luleå") == [("Luleå kommun", None, "generic")]


def test_the_same_form_on_two_rows_is_an_error(tmp_path):
    path = tmp_path / "orgs.tsv"
    path.write_text(HEADER
                    + "kommun\t9998\tAby\tAby kommun\t\t\t\t\n"
                    + "kommun\t9999\tBby\tBby kommun\t\t\t\tAby kommun\n", encoding="utf-8")
    with pytest.raises(OrganisationsFileError, match=r"'Aby kommun'.*lines 2 and 3"):
        orgs_mod._Catalogue(path)


@pytest.mark.parametrize("row, message", [
    ("kommunen\t9999\tAby\tAby kommun\t\t\t\t", "kind 'kommunen'"),
    ("kommun\t99\tAby\tAby kommun\t\t\t\t", "4 digits"),
    ("kommun\t9999\tAby\t\t\t\t\t", "must not be empty"),
    ("kommun\t9999\tAby\tAby kommun\t\t\tja\t", "ambiguous"),
    ("myndighet\t\tVerket\tVerket\t\tLuleå\t\t", "no municipality"),
    ("region\t99\tX\tRegion X\t\tAtlantis\t\t", "not the name of a kommun row"),
])
def test_invalid_rows_name_the_line(tmp_path, row, message):
    path = tmp_path / "orgs.tsv"
    path.write_text("# comment\n" + HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(OrganisationsFileError, match=message) as err:
        load_organisations(path)
    assert f"{path}:" in str(err.value)


def test_missing_file_and_wrong_header(tmp_path):
    with pytest.raises(OrganisationsFileError, match="cannot read"):
        load_organisations(tmp_path / "none.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tofficial\nLuleå\tLuleå kommun\n", encoding="utf-8")
    with pytest.raises(OrganisationsFileError, match="column headings"):
        load_organisations(bad)


# --- development set -----------------------------------------------------------------

def _gold_row_matches(mention: Mention, gold: dict) -> bool:
    if mention.org is None:
        return False
    if gold["municipality"]:
        return mention.org.municipality == gold["municipality"]
    return mention.org.kind == "myndighet"


def _pages(path: Path):
    if path.suffix == ".pdf":
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                yield page.extract_text() or ""
    elif path.suffix == ".docx":
        import docx
        yield "\n".join(p.text for p in docx.Document(path).paragraphs)
    else:
        yield path.read_text(encoding="utf-8")


@pytest.mark.skipif(not GOLD, reason="../shared/devdata/real is not present")
@pytest.mark.parametrize("gold_path", GOLD or [None], ids=lambda p: p.stem if p else "absent")
def test_gold_organisation_is_recognised(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    # The issuer as the annotator wrote it resolves to the right row, as an official form.
    mentions = find_mentions(gold["organisation"])
    assert [m.strength for m in mentions] == ["official"], mentions
    assert _gold_row_matches(mentions[0], gold), mentions
    if gold["municipality"]:
        assert by_municipality(gold["municipality"]) is mentions[0].org
    # And the document itself names that organisation somewhere.
    for text in _pages(REAL / gold["file"]):
        if any(_gold_row_matches(m, gold) for m in find_mentions(text)):
            return
    pytest.fail(f"{gold['organisation']} is not found in {gold['file']}")


def test_counts_per_kind():
    counts = Counter(o.kind for o in organisations())
    assert counts["kommun"] == 290 and counts["region"] == 21 and counts["kommun-fi"] == 49
    assert counts["myndighet"] >= 21 + 30
