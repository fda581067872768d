"""Priority areas: the TOML file, lookup helpers and tagging."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.areas import (
    DEFAULT_AREAS_FILE,
    AreaConfigError,
    AreaTagger,
    PriorityArea,
    area_label,
    get_area,
    load_areas,
)

DEVDATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata"
PRESS_RELEASE = DEVDATA / "lulea-boden-samverkar-pressmeddelande-2022-06-07.txt"

IDS = ["kompetensforsorjning", "leva-och-bo", "infrastruktur", "naringslivsutveckling"]


@pytest.fixture(scope="module")
def tagger() -> AreaTagger:
    return AreaTagger()


def test_default_file_has_the_four_areas():
    areas = load_areas()
    assert [a.id for a in areas] == IDS
    assert [a.label for a in areas] == ["Kompetensförsörjning", "Leva och bo", "Infrastruktur", "Näringslivsutveckling"]
    for a in areas:
        assert isinstance(a, PriorityArea)
        assert a.description and a.threshold > 0 and len(a.terms) >= 10
        assert all(w > 0 for w in a.terms.values())
    by_id = {a.id: a for a in areas}
    assert by_id["kompetensforsorjning"].terms["kompetensförsörjning"] == 3
    assert by_id["leva-och-bo"].terms["bostadsbyggande"] == 3
    assert by_id["infrastruktur"].terms["järnväg"] == 2
    assert by_id["naringslivsutveckling"].terms["näringsliv"] == 2


def test_file_is_documented_in_swedish_and_has_no_code():
    text = DEFAULT_AREAS_FILE.read_text(encoding="utf-8")
    assert "# Prioriterade områden" in text and "tröskel" in text.lower()
    assert "import" not in text and "def " not in text


def test_env_var_overrides_file(tmp_path, monkeypatch):
    f = tmp_path / "areas.toml"
    f.write_text(
        '[[omrade]]\nid = "test"\nnamn = "Test"\nbeskrivning = "x"\ntroskel = 1\n'
        '[omrade.termer]\n"bostad" = 1\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SEARCH_AREAS_FILE", str(f))
    areas = load_areas()
    assert [a.id for a in areas] == ["test"]
    assert AreaTagger().tag("Nya bostäder byggs.") == {"test": ["bostad"]}


@pytest.mark.parametrize(
    "body, complaint",
    [
        ('id = "Bad Id"\nnamn = "X"\ntroskel = 1\n[omrade.termer]\n"a" = 1\n', "'id'"),
        ('id = "x"\nnamn = ""\ntroskel = 1\n[omrade.termer]\n"bostad" = 1\n', "'namn'"),
        ('id = "x"\nnamn = "X"\ntroskel = 0\n[omrade.termer]\n"bostad" = 1\n', "'troskel'"),
        ('id = "x"\nnamn = "X"\ntroskel = "tre"\n[omrade.termer]\n"bostad" = 1\n', "'troskel'"),
        ('id = "x"\nnamn = "X"\ntroskel = 2\n[omrade.termer]\n"bostad" = "två"\n', "'bostad'"),
        ('id = "x"\nnamn = "X"\ntroskel = 2\n', "termer"),
        ('id = "x"\nnamn = "X"\ntroskel = 2\ntroeskel = 3\n[omrade.termer]\n"bostad" = 1\n', "unknown key"),
        ('id = "x"\nnamn = "X"\ntroskel = 2\n[omrade.termer]\n"och" = 1\n', "'och'"),
    ],
)
def test_invalid_entries_name_file_and_entry(tmp_path, body, complaint):
    f = tmp_path / "bad.toml"
    f.write_text("[[omrade]]\n" + body, encoding="utf-8")
    with pytest.raises(AreaConfigError) as err:
        load_areas(f)
    msg = str(err.value)
    assert str(f) in msg and "area #1" in msg and complaint in msg


def test_invalid_toml_and_duplicates(tmp_path):
    f = tmp_path / "broken.toml"
    f.write_text("[[omrade]\nid = ", encoding="utf-8")
    with pytest.raises(AreaConfigError, match="invalid TOML"):
        load_areas(f)
    f.write_text(
        '[[omrade]]\nid = "a"\nnamn = "A"\ntroskel = 1\n[omrade.termer]\n"bostad" = 1\n'
        '[[omrade]]\nid = "a"\nnamn = "B"\ntroskel = 1\n[omrade.termer]\n"väg" = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(AreaConfigError, match=r"area #2 \(id 'a'\): duplicate id"):
        load_areas(f)
    with pytest.raises(AreaConfigError, match="cannot read"):
        load_areas(tmp_path / "missing.toml")


def test_get_area_by_id_or_label():
    assert get_area("leva-och-bo").label == "Leva och bo"
    assert get_area("Leva och bo").id == "leva-och-bo"
    assert get_area("NÄRINGSLIVSUTVECKLING").id == "naringslivsutveckling"
    assert get_area("naringslivsutveckling").label == "Näringslivsutveckling"
    assert get_area("Kompetensforsorjning").id == "kompetensforsorjning"
    assert get_area("kultur") is None and get_area("") is None
    assert area_label("infrastruktur") == "Infrastruktur"
    assert area_label("okänt") == "okänt"


@pytest.mark.parametrize(
    "text, area, must_have",
    [
        ("Utveckla en effektiv kompetensförsörjningsprocess och stabil kompetensförsörjning.",
         "kompetensforsorjning", ["kompetensförsörjning"]),
        ("Kommunen ska rekrytera fler lärare och satsa på vuxenutbildningen.",
         "kompetensforsorjning", ["vuxenutbildning", "rekrytera"]),
        ("Fler aktörer som bidrar till bostadsbyggande.", "leva-och-bo", ["bostadsbyggande", "bostad"]),
        ("Detaljplanen möjliggör 200 nya bostäder i centrala Boden.", "leva-och-bo", ["bostad", "detaljplan"]),
        ("Trafikverket utreder Norrbotniabanan och nya järnvägar mellan Luleå och Boden.",
         "infrastruktur", ["Norrbotniabanan", "järnväg"]),
        ("Elnätet behöver förstärkas för elförsörjningen till industrin.",
         "infrastruktur", ["elförsörjning", "elnät"]),
        ("Stödja kommunen vid stora etableringar och främja den gröna omställningen.",
         "naringslivsutveckling", ["etablering", "grön omställning"]),
        ("Företagsklimatet för småföretagen på landsbygden ska förbättras.",
         "naringslivsutveckling", ["företagsklimat", "småföretag", "landsbygd"]),
    ],
)
def test_tag_realistic_sentences(tagger, text, area, must_have):
    tags = tagger.tag(text)
    assert list(tags) == [area], tags
    for term in must_have:
        assert term in tags[area]
    weights = get_area(area).terms
    assert [weights[t] for t in tags[area]] == sorted((weights[t] for t in tags[area]), reverse=True)


def test_below_threshold_is_not_tagged(tagger):
    assert tagger.tag("Kommunen ordnade en kulturkväll.") == {}  # kultur = 1 < 3
    assert tagger.tag("Sammanträdet avslutades klockan 15.") == {}
    assert tagger.score("Kommunen ordnade en kulturkväll.")["leva-och-bo"] == 1


def test_phrase_entry_needs_words_in_a_row(tagger):
    assert "leva-och-bo" in tagger.tag("Leva och bo i Luleå.")
    assert tagger.score("Att bo här och leva väl.")["leva-och-bo"] == 0


def test_entries_are_lemmatised_when_loaded():
    area = PriorityArea("x", "X", "", {"bostäder": 2, "kompetensförsörjningsprocesser": 2}, 2)
    t = AreaTagger([area])
    assert t.tag("Bostaden är ny.") == {"x": ["bostäder"]}
    assert t.tag("Kompetensförsörjningsprocessen startar.") == {"x": ["kompetensförsörjningsprocesser"]}


def test_tag_document(tagger):
    passages = [
        "Kommunstyrelsen beslutade om budgeten.",
        "Fler bostäder och ett nytt bostadsområde planeras.",
        "Bostadsbyggandet ska öka och detaljplanerna tas fram snabbare.",
        "Kommunen ordnade en kulturkväll.",
    ]
    tags = tagger.tag_document(passages, "Protokoll kommunstyrelsen 2024-05-23")
    assert list(tags) == ["leva-och-bo"]
    assert "bostadsbyggande" in tags["leva-och-bo"] and "bostad" in tags["leva-och-bo"]
    # one passage is not enough in a longer document...
    assert tagger.tag_document(passages[:2] + ["Budget.", "Övrigt."], "Protokoll") == {}
    # ...but the title is
    assert list(tagger.tag_document(["Budget.", "Övrigt."], "Ny järnväg och infrastruktur i Boden")) == ["infrastruktur"]
    # and a one-passage document follows its passage
    assert list(tagger.tag_document(["Fler aktörer som bidrar till bostadsbyggande."], "")) == ["leva-och-bo"]


@pytest.mark.skipif(not PRESS_RELEASE.exists(), reason="shared/devdata not present")
def test_press_release_bullets_get_their_own_area(tagger):
    text = PRESS_RELEASE.read_text(encoding="utf-8")
    bullets = [line.strip().lstrip("•").strip() for line in text.splitlines() if line.strip().startswith("•")]
    assert len(bullets) == 4
    expected = ["kompetensforsorjning", "leva-och-bo", "infrastruktur", "naringslivsutveckling"]
    for bullet, area in zip(bullets, expected):
        assert list(tagger.tag(bullet)) == [area], (bullet, tagger.tag(bullet))
    doc = tagger.tag_document([p for p in text.split("\n\n") if p.strip()], "Luleå och Boden samverkar för att stärka regionen")
    assert sorted(doc) == sorted(expected)
