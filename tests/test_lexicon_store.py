"""The memory-mapped word stores (wordstore.cached_store) behind the lemma table and the compound lexicon."""
from __future__ import annotations

import pytest

from indexer.analysis import lemma, split_compound
from indexer.analysis import compounds, lemmas, lexicon, wordstore


MAP = {"nämnden": "nämnd", "bostäder": "bostad", "tom": ""}
# large enough to be a trie map; its filler keys map to a few values
BIG_MAP = {**{f"form{i}": f"lemma{i % 7}" for i in range(wordstore.SMALL_MAP + 5)}, **MAP}
PAIRS = {"stadsdel": (("stads", "stad"), ("del", "del")), "stadsdelar": (("stads", "stad"), ("delar", "del"))}


def _build():
    return {"words": {f"ord{i}" for i in range(wordstore.SMALL_SET + 5)},
            "few": {"ett", "två"},
            "map": BIG_MAP,
            "small": dict(MAP),
            "pairs": PAIRS,
            "meta": {"a": 1}}


ENC = {"map": None, "small": None, "pairs": lexicon._pairs_encode}
DEC = {"pairs": lexicon._pairs_decode}


def _store(tmp_path, monkeypatch, version="1", source_text="x"):
    monkeypatch.setenv("SEARCH_ANALYSIS_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "source.txt"
    if not src.exists() or src.read_text() != source_text:
        src.write_text(source_text)
    return wordstore.cached_store("test-store", version, [src], _build, encoders=ENC, decoders=DEC)


def _check(store):
    assert "ord3" in store["words"] and "ord" not in store["words"]
    assert len(store["words"]) == wordstore.SMALL_SET + 5
    assert "ett" in store["few"] and "tre" not in store["few"]
    for name in ("map", "small"):  # a trie map and a small map answer alike
        m = store[name]
        assert m.get("nämnden") == "nämnd" and m["bostäder"] == "bostad"
        assert m.get("tom") == "" and m.get("saknas") is None and "saknas" not in m
    assert dict(store["map"].items()) == BIG_MAP and dict(store["small"].items()) == MAP
    assert store["pairs"].get("stadsdel") == (("stads", "stad"), ("del", "del"))
    assert dict(store["pairs"].items()) == PAIRS
    assert store["meta"] == {"a": 1}


def test_store_files_in_cache_folder_and_reused(tmp_path, monkeypatch):
    before = wordstore.STORE_BUILDS.get("test-store", 0)
    store = _store(tmp_path, monkeypatch)
    _check(store)
    assert wordstore.STORE_BUILDS["test-store"] == before + 1
    folders = list((tmp_path / "cache").glob("test-store-1-*.marisa"))
    assert len(folders) == 1
    names = {p.name for p in folders[0].iterdir()}
    assert {"DONE", "meta.pickle", "words.set.marisa", "map.keys.marisa", "map.values.marisa", "map.ids",
            "map.lookup.dawg"} <= names
    # the small set and maps are kept in memory (pickled), not as tries
    assert not {n for n in names if n.startswith(("few.", "small.", "pairs."))}
    assert isinstance(store["map"], wordstore.TrieMap) and isinstance(store["small"], dict)
    assert isinstance(store["few"], (set, frozenset))
    mtimes = {p.name: p.stat().st_mtime_ns for p in folders[0].iterdir()}
    again = _store(tmp_path, monkeypatch)
    _check(again)
    assert wordstore.STORE_BUILDS["test-store"] == before + 1  # opened, not rebuilt
    assert {p.name: p.stat().st_mtime_ns for p in folders[0].iterdir()} == mtimes


def test_listed_maps_are_looked_up_in_a_dawg_that_agrees_with_the_trie(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch)
    m = store["map"]
    assert m.lookup is not None  # str values, few distinct: listed, with a lookup DAWG
    trie_get = m.keys_trie.get
    for key in list(BIG_MAP)[:: 997] + ["nämnden", "tom", "saknas", "form", "form1x", "nämnde"]:
        i = trie_get(key)
        expected = None if i is None else m.values_list[m.ids[i]]
        assert m.get(key) == expected == BIG_MAP.get(key)
        assert (key in m) == (i is not None) == m.contains(key)
    # keys a DAWG cannot be asked for answer as misses, as the trie does
    for bad in ("bost\udc80der", None, 3):
        assert m.get(bad) is None and bad not in m


def test_a_map_whose_values_are_its_keys_with_other_endings_numbers_the_rules(tmp_path, monkeypatch):
    """Lemma-table-like maps: the DAWG numbers (letters to strip, letters to
    add) rules, a handful, instead of 100,000 distinct values; lookups give
    the same values."""
    monkeypatch.setenv("SEARCH_ANALYSIS_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "source.txt"
    src.write_text("x")
    data = {f"ord{i}{end}": f"ord{i}" + ("a" if end == "or" else "") for i in range(60_000) for end in ("en", "or")}
    data.update({"ord": "ord", "gick": "gå"})
    for cache in ("on", "off"):
        if cache == "off":
            monkeypatch.setenv("SEARCH_ANALYSIS_CACHE", "0")
        m = wordstore.cached_store("rules-store", "1", [src], lambda: {"map": data}, encoders={"map": None})["map"]
        assert m.lookup is not None and sorted(m.rules) == [(0, ""), (2, ""), (2, "a"), (3, "å")]
        for key in ("ord17en", "ord17or", "ord59999en", "ord", "gick"):
            assert m.get(key) == data[key] and key in m
        for key in ("ord17e", "ord60000en", "gi", "", "ord17en\udc80"):
            assert m.get(key) is None and key not in m
        assert m.get(None) is None and m.get(b"ord17en") is None
        look, values, rules = m.fast_parts()
        assert values is None and rules[look("ord5or")] == (2, "a")


def test_a_map_with_a_key_a_dawg_cannot_hold_is_looked_up_in_its_trie(tmp_path, monkeypatch):
    monkeypatch.setenv("SEARCH_ANALYSIS_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "source.txt"
    src.write_text("x")
    odd_key = ""  # a DAWG has no empty key
    data = {**BIG_MAP, odd_key: "udda"}
    store = wordstore.cached_store("odd-store", "1", [src], lambda: {"map": data}, encoders={"map": None})
    m = store["map"]
    assert m.lookup is None
    assert m.get(odd_key) == "udda" and m.get("nämnden") == "nämnd" and m.get("saknas") is None


def test_the_real_lemma_table_and_stems_agree_with_their_tries():
    """Every key of the lemma table and the stem map, looked up through the
    DAWG, gives what the trie gives (and misses stay misses)."""
    lex = compounds.lexicon()
    table = lemmas.lemma_table()
    assert table.rules is not None and len(table.rules) < 2_000  # numbered by ending rule, not by lemma
    assert lex.flags.rules is None  # hunspell flags are no endings of the stem: numbered by value
    for m in (table, lex.flags):
        assert m.lookup is not None
        vals, ids = m.values_list, m.ids
        n = 0
        for key, i in m.keys_trie.items():
            assert m.get(key) == vals[ids[i]], key
            n += 1
        assert n == len(m) > 200_000
        for key in ("nämndenx", "qqq", "samhällsbyggnadsnämnden", "a" * 40):
            assert m.get(key) is None and not m.contains(key)


def test_a_damaged_store_is_written_again(tmp_path, monkeypatch):
    _store(tmp_path, monkeypatch)
    folder, = (tmp_path / "cache").glob("test-store-1-*.marisa")
    (folder / "meta.pickle").write_bytes(b"not a pickle")
    before = wordstore.STORE_BUILDS["test-store"]
    _check(_store(tmp_path, monkeypatch))  # built again, and written again
    assert wordstore.STORE_BUILDS["test-store"] == before + 1
    folder, = (tmp_path / "cache").glob("test-store-1-*.marisa")
    _check(_store(tmp_path, monkeypatch))  # now opened from the repaired store
    assert wordstore.STORE_BUILDS["test-store"] == before + 1


@pytest.mark.parametrize("change", ["version", "source"])
def test_changed_source_or_version_rebuilds(tmp_path, monkeypatch, change):
    _store(tmp_path, monkeypatch)
    before = wordstore.STORE_BUILDS["test-store"]
    store = _store(tmp_path, monkeypatch, version="2") if change == "version" else \
        _store(tmp_path, monkeypatch, source_text="changed source")
    _check(store)
    assert wordstore.STORE_BUILDS["test-store"] == before + 1
    assert len(list((tmp_path / "cache").glob("test-store-*.marisa"))) == 1  # the stale one removed


def test_leftovers_of_a_process_that_died_while_writing_are_removed(tmp_path, monkeypatch):
    import os
    import time
    _store(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    dead = cache / "test-store-1-0123456789abcdef.marisa.4242.1.tmp"  # a folder, as cached_store writes
    dead.mkdir()
    (dead / "meta.pickle").write_bytes(b"half written")
    dead_file = cache / "test-store-0-py311-0123456789abcdef.4243.tmp"  # an older format's file
    dead_file.write_bytes(b"half written")
    writing = cache / "test-store-1-fedcba9876543210.marisa.4244.1.tmp"  # another process, now
    writing.mkdir()
    long_ago = time.time() - wordstore.ABANDONED_TMP_S - 60
    for p in (dead, dead_file):
        os.utime(p, (long_ago, long_ago))
    _check(_store(tmp_path, monkeypatch, version="2"))  # writes a store, then tidies the folder
    names = {p.name for p in cache.iterdir()}
    assert dead.name not in names and dead_file.name not in names
    assert writing.name in names  # may still be renamed into place: left alone
    assert len([n for n in names if n.startswith("test-store-2-") and n.endswith(".marisa")]) == 1


@pytest.mark.parametrize("off", ["0", "off", ""])
def test_cache_off_builds_in_memory(tmp_path, monkeypatch, off):
    monkeypatch.setenv("SEARCH_ANALYSIS_CACHE", off)
    src = tmp_path / "source.txt"
    src.write_text("x")
    before = wordstore.STORE_BUILDS.get("test-store", 0)
    store = wordstore.cached_store("test-store", "1", [src], _build, encoders=ENC, decoders=DEC)
    _check(store)
    assert wordstore.STORE_BUILDS["test-store"] == before + 1
    assert not list(tmp_path.glob("**/*.marisa"))


def test_real_stores_are_memory_mapped_tries():
    table = lemmas.lemma_table()
    assert isinstance(table, wordstore.TrieMap)
    lex = compounds.lexicon()
    assert isinstance(lex.link, wordstore.TrieMap) and isinstance(lex.flags, wordstore.TrieMap)
    assert lex.link.get("samhälls") == ("samhälle", 2)
    assert "nämnd" in lemmas.lemma_values()


@pytest.mark.parametrize("word, expected", [
    ("nämnden", "nämnd"), ("nämnd", "nämnd"), ("företag", "företag"), ("beslutet", "beslut"),
    ("vägar", "väg"), ("bostäder", "bostad"), ("okändaordet", "okändaordet"),
])
def test_known_lemmas(word, expected):
    assert lemma(word) == expected


@pytest.mark.parametrize("word, expected", [
    ("samhällsbyggnadsnämnden", ["samhälle", "byggnad", "nämnd"]),
    ("kollektivtrafikförsörjning", ["kollektiv", "trafik", "försörjning"]),
    ("kommunstyrelsens", ["kommun", "styrelse"]),
    ("bostad", []),
    ("stadsdelar", ["stad", "del"]),
])
def test_known_splits(word, expected):
    assert split_compound(word) == expected


@pytest.mark.parametrize("word", ["bostads\udc80bolag", "kommun\udc80", "\udc80"])
def test_a_lone_surrogate_is_an_unknown_word_not_an_error(word):
    """The DAWG lookups cannot encode a lone surrogate (UTF-8): the analysis
    answers as for any unknown word instead of raising."""
    assert split_compound(word) == []
    assert lemma(word) == word
    assert compounds.is_known_word(word) is False
    assert compounds.base_form(word) == word
    assert list(compounds.compound_terms(word)) == []
    assert compounds.lexicon().stem_of(word) is None
