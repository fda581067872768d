"""spaCy-based Swedish basics: tokens, sentences, lemmas and stop words.

Everything here is loaded lazily, once per process, and held in module-level
caches, so objects that use these functions (the Whoosh analyzers) stay
picklable and cheap to create.

* ``tokens`` and ``sentences`` use the tokenizer and the rule-based
  ``sentencizer`` of ``spacy.blank("sv")`` (no trained model is needed or used).
* ``lemma`` uses the ``lemma_lookup`` table for Swedish from
  spacy-lookups-data (the table spaCy's lemmatizer uses in "lookup" mode),
  corrected by the small list in ``lemma_overrides.tsv`` beside this file.
* ``is_stopword`` uses ``spacy.lang.sv.stop_words.STOP_WORDS`` minus a few
  words that carry meaning in council records (see ``KEPT_STOP_WORDS``).
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import sys
import threading
from pathlib import Path
from typing import Any, Callable

from spacy.lang.sv.stop_words import STOP_WORDS as SPACY_STOP_WORDS

_HERE = Path(__file__).resolve().parent
LEMMA_OVERRIDES_FILE = _HERE / "lemma_overrides.tsv"

# spaCy's Swedish list contains "beslut", "beslutat" and "beslutit". In council
# minutes the decision is the most important thing there is ("Beslut",
# "kommunstyrelsen beslutar ..."), so those stay searchable.
KEPT_STOP_WORDS = frozenset({"beslut", "beslutat", "beslutit"})
STOP_WORDS: frozenset[str] = frozenset(w.lower() for w in SPACY_STOP_WORDS) - KEPT_STOP_WORDS

_lock = threading.RLock()

# ---------------------------------------------------------------------------
# Small on-disk cache for parsed resources (lemma table, hunspell lexicon)
# ---------------------------------------------------------------------------


def cache_dir() -> Path | None:
    """Folder for parsed-resource pickles, or None when caching is switched off.

    ``SEARCH_ANALYSIS_CACHE`` names the folder; set it to ``0``/``off`` to
    disable. Default: ``$XDG_CACHE_HOME/council-search`` (``~/.cache/...``).
    """
    from ..config import analysis_cache_dir
    return analysis_cache_dir()


def _file_key(paths: list[Path]) -> str:
    h = hashlib.sha1()
    for p in paths:
        st = p.stat()
        h.update(f"{p.resolve()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def cached_build(name: str, version: str, sources: list[Path], build: Callable[[], Any]) -> Any:
    """Return ``build()``, pickled under cache_dir() keyed by the sources' size/mtime.

    Any problem with the cache (read-only home, corrupt file) falls back to
    building; the cache is an optimisation only.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        key = _file_key(sources)
    except OSError:
        return build()
    path = folder / f"{name}-{version}-py{sys.version_info[0]}{sys.version_info[1]}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:
        pass
    data = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob(f"{name}-*.pickle"):  # drop stale versions
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    except Exception:
        pass
    return data


# ---------------------------------------------------------------------------
# Compact word stores (marisa-trie), memory-mapped from the cache folder
# ---------------------------------------------------------------------------
#
# The lemma table and the compound lexicon are large word -> value maps. They
# are kept as marisa-trie structures, written once into the analysis cache
# folder and opened with mmap: worker processes share the pages instead of
# each holding ~300 MB of Python dicts. With the cache switched off
# (SEARCH_ANALYSIS_CACHE=0/off/empty) the same structures are built in memory
# per process (compact, not shared).

STORE_FORMAT = "1"
#: sets smaller than this stay frozensets (pickled beside the tries)
SMALL_SET = 10_000
#: name -> number of times the store was built in this process (tests)
STORE_BUILDS: dict[str, int] = {}


def TrieSet(trie) -> Any:
    """A read-only set of strings: the marisa_trie.Trie itself (``in``,
    iteration, ``len``; lookups must be str without lone surrogates, which
    the extractors never produce)."""
    return trie


class TrieMap:
    """A read-only str -> value map: a Trie of keys, a Trie of the distinct
    value strings, and a uint32 array from key id to value id; ``decode``
    turns a stored value string into the value (identity by default)."""

    __slots__ = ("keys_trie", "values_trie", "ids", "decode", "_restore", "get")

    def __init__(self, keys_trie, values_trie, ids, decode=None) -> None:
        self.keys_trie, self.values_trie, self.ids, self.decode = keys_trie, values_trie, ids, decode
        self._restore = restore = values_trie.restore_key
        kget = keys_trie.get

        # a closure with its lookups bound (hot path: get(key, default=None))
        if decode is None:
            def get(key, default=None):
                try:
                    i = kget(key)
                except (TypeError, UnicodeEncodeError):
                    return default
                return default if i is None else restore(ids[i])
        else:
            def get(key, default=None):
                try:
                    i = kget(key)
                except (TypeError, UnicodeEncodeError):
                    return default
                return default if i is None else decode(restore(ids[i]))
        self.get = get

    def __getitem__(self, key):
        v = self.get(key, _MISSING)
        if v is _MISSING:
            raise KeyError(key)
        return v

    def __contains__(self, key) -> bool:
        try:
            return key in self.keys_trie
        except (TypeError, UnicodeEncodeError):
            return False

    def __iter__(self):
        return iter(self.keys_trie.keys())

    def __len__(self) -> int:
        return len(self.keys_trie)

    def keys(self):
        return self.keys_trie.keys()

    def items(self):
        restore, ids, dec = self._restore, self.ids, self.decode
        for k, i in self.keys_trie.items():
            v = restore(ids[i])
            yield k, (v if dec is None else dec(v))

    def values(self):
        for _k, v in self.items():
            yield v

    def value_set(self) -> TrieSet:
        """The distinct stored value strings (undecoded) as a set."""
        return TrieSet(self.values_trie)


_MISSING = object()


def _trie_of(words) -> Any:
    import marisa_trie
    return marisa_trie.Trie(list(words))


def _map_parts(mapping: dict, encode=None) -> tuple[Any, Any, Any]:
    import array
    enc = {k: (v if encode is None else encode(v)) for k, v in mapping.items()}
    keys = _trie_of(enc)
    values = _trie_of(set(enc.values()))
    ids = array.array("I", bytes(4 * len(keys)))
    vid = values.key_id
    for k, v in enc.items():
        ids[keys.key_id(k)] = vid(v)
    return keys, values, ids


def _open_trie(path: Path) -> Any:
    import marisa_trie
    t = marisa_trie.Trie()
    t.mmap(str(path))
    return t


def _open_ids(path: Path) -> Any:
    import array
    import mmap
    size = path.stat().st_size
    if size == 0:
        return array.array("I")
    with open(path, "rb") as fh:
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    return memoryview(mm).cast("I")


def _write_store(folder: Path, parts: dict[str, Any], encoders: dict) -> None:
    """Write the set (set/frozenset) and map (dict) parts as marisa files and
    everything else into meta.pickle."""
    meta: dict[str, Any] = {}
    kinds: dict[str, str] = {}
    for name, obj in parts.items():
        if isinstance(obj, (set, frozenset)) and len(obj) >= SMALL_SET:
            _trie_of(obj).save(str(folder / f"{name}.set.marisa"))
            kinds[name] = "set"
        elif isinstance(obj, dict) and name in encoders:
            keys, values, ids = _map_parts(obj, encoders[name])
            keys.save(str(folder / f"{name}.keys.marisa"))
            values.save(str(folder / f"{name}.values.marisa"))
            (folder / f"{name}.ids").write_bytes(ids.tobytes())
            kinds[name] = "map"
        else:
            meta[name] = obj
    with open(folder / "meta.pickle", "wb") as fh:
        pickle.dump({"kinds": kinds, "meta": meta}, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _open_store(folder: Path, decoders: dict) -> dict[str, Any]:
    with open(folder / "meta.pickle", "rb") as fh:
        data = pickle.load(fh)
    out = dict(data["meta"])
    for name, kind in data["kinds"].items():
        if kind == "set":
            out[name] = TrieSet(_open_trie(folder / f"{name}.set.marisa"))
        else:
            out[name] = TrieMap(_open_trie(folder / f"{name}.keys.marisa"),
                                _open_trie(folder / f"{name}.values.marisa"),
                                _open_ids(folder / f"{name}.ids"), decoders.get(name))
    return out


def _memory_store(parts: dict[str, Any], encoders: dict, decoders: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, obj in parts.items():
        if isinstance(obj, (set, frozenset)) and len(obj) >= SMALL_SET:
            out[name] = TrieSet(_trie_of(obj))
        elif isinstance(obj, dict) and name in encoders:
            out[name] = TrieMap(*_map_parts(obj, encoders[name]), decoders.get(name))
        else:
            out[name] = obj
    return out


def store_path(name: str, version: str, sources: list[Path]) -> Path | None:
    """The folder of a word store in the cache, or None when caching is off."""
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"{name}-{version}-s{STORE_FORMAT}-{_file_key(sources)}.marisa"


def cached_store(name: str, version: str, sources: list[Path], build: Callable[[], dict[str, Any]],
                 encoders: dict[str, Callable | None] | None = None,
                 decoders: dict[str, Callable | None] | None = None) -> dict[str, Any]:
    """The parts that ``build()`` returns, as compact read-only structures:
    sets become TrieSet, the dicts named in ``encoders`` TrieMap (values stored
    as ``encoders[name](value)`` strings, read back through ``decoders[name]``),
    anything else stays as it is (pickled).

    Built once into a folder in cache_dir() keyed by the sources' size/mtime,
    ``version`` and STORE_FORMAT, and memory-mapped from there, so processes
    share the pages. With caching off, or when the cache cannot be written,
    the structures are built in memory."""
    encoders = encoders or {}
    decoders = decoders or {}
    try:
        path = store_path(name, version, sources)
    except OSError:
        path = None
    if path is not None:
        try:
            if (path / "DONE").exists():
                return _open_store(path, decoders)
        except Exception:
            pass
    parts = build()
    STORE_BUILDS[name] = STORE_BUILDS.get(name, 0) + 1
    if path is None:
        return _memory_store(parts, encoders, decoders)
    import shutil
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        _write_store(tmp, parts, encoders)
        (tmp / "DONE").write_text("ok\n")
        try:
            os.rename(tmp, path)
        except OSError:  # another process was first: use its store
            shutil.rmtree(tmp, ignore_errors=True)
        for old in path.parent.glob(f"{name}-*"):  # stale versions (and old pickles)
            if old != path and not old.name.endswith(".tmp"):
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    try:
                        old.unlink()
                    except OSError:
                        pass
        return _open_store(path, decoders)
    except Exception:
        return _memory_store(parts, encoders, decoders)


# ---------------------------------------------------------------------------
# spaCy pipeline
# ---------------------------------------------------------------------------

_nlp = None


def nlp():
    """The shared ``spacy.blank("sv")`` pipeline with a sentencizer."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                n = spacy.blank("sv")
                n.add_pipe("sentencizer")
                _nlp = n
    return _nlp


# Tokens that are kept although spaCy flags them as punctuation.
KEPT_SYMBOLS = frozenset({"§"})


def _is_word(text: str) -> bool:
    if text in KEPT_SYMBOLS:
        return True
    for ch in text:
        if ch.isalnum():
            return True
    return False


#: Recently tokenised texts. The ingester tokenises the same text several
#: times (area tagging, then each analysed field; a document's title once per
#: passage), and spaCy's tokenizer is the largest part of the analysis.
_TOKEN_MEMO: dict[str, list[tuple[str, int, int]]] = {}
_TOKEN_MEMO_SIZE = 4096


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` as (text, start char, end char), punctuation excluded.

    Numbers and tokens such as "2022/0456", "t.ex.", "e-tjänster" and "§" are kept.
    The list may be shared with other callers: do not modify it.
    """
    if not text:
        return []
    out = _TOKEN_MEMO.get(text)
    if out is not None:
        return out
    doc = nlp().tokenizer(text)
    out = []
    for t in doc:
        s = t.text
        if _is_word(s):
            i = t.idx
            out.append((s, i, i + len(s)))
    if len(_TOKEN_MEMO) >= _TOKEN_MEMO_SIZE:
        _TOKEN_MEMO.clear()
    _TOKEN_MEMO[text] = out
    return out


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

# Abbreviations after which a full stop rarely ends a sentence.
_ABBREVIATIONS = frozenset(
    """ca cirka kl t.ex t.o.m fr.o.m bl.a m.fl m.m d.v.s dvs resp jfr enl
    s.k p.g.a pga inkl exkl o.d osv fig nr dnr tel st mfl mm tex ang angående
    kap sid s f.d fd e.d dr prof""".split()
)
_BULLET_LINE = re.compile(r"\n[ \t]*(?:[•▪◦●‣∙*·]|[-–—](?=\s)|\d{1,2}[.)](?=\s))")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _spacy_sentences(text: str, offset: int) -> list[tuple[int, int]]:
    n = nlp()
    doc = n.tokenizer(text)
    doc = n.get_pipe("sentencizer")(doc)
    spans = []
    for s in doc.sents:
        spans.append((offset + s.start_char, offset + s.end_char))
    return spans


def _merge_abbreviation_splits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Re-join sentences the sentencizer split after an abbreviation ("ca.", "kl.")."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            pstart, pend = merged[-1]
            prev = text[pstart:pend].rstrip()
            nxt = text[start:end].lstrip()
            last_word = prev.rsplit(None, 1)[-1].lower() if prev.split() else ""
            if (
                prev.endswith(".")
                and nxt[:1]
                and (nxt[:1].islower() or last_word.rstrip(".") in _ABBREVIATIONS and not nxt[:1].isupper())
            ):
                merged[-1] = (pstart, end)
                continue
        merged.append((start, end))
    return merged


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``.

    Blocks separated by a blank line, and bullet lines, are never joined; inside
    a block spaCy's sentencizer decides, and a split right after an abbreviation
    ("ca.", "kl.", "t.ex.") followed by a lower-case word is undone.
    Spans exclude surrounding whitespace.
    """
    if not text or not text.strip():
        return []
    # Hard boundaries: blank lines and lines starting with a bullet.
    cuts = {0, len(text)}
    for m in _PARAGRAPH.finditer(text):
        cuts.add(m.start())
    for m in _BULLET_LINE.finditer(text):
        cuts.add(m.start() + 1)
    bounds = sorted(cuts)
    out: list[tuple[int, int]] = []
    for a, b in zip(bounds, bounds[1:]):
        block = text[a:b]
        if not block.strip():
            continue
        spans = _merge_abbreviation_splits(text, _spacy_sentences(block, a))
        for s, e in spans:
            seg = text[s:e]
            ls = len(seg) - len(seg.lstrip())
            rs = len(seg) - len(seg.rstrip())
            if e - rs > s + ls:
                out.append((s + ls, e - rs))
    return out


# ---------------------------------------------------------------------------
# Lemmas and stop words
# ---------------------------------------------------------------------------

_lemma_table: TrieMap | None = None
_lemma_values: TrieSet | None = None

LEMMA_TABLE_VERSION = "2"


def _lemma_lookup_path() -> Path:
    """The sv ``lemma_lookup`` file that spacy.lookups.load_lookups("sv", ...) reads."""
    from spacy.util import registry

    try:
        data = registry.lookups.get("sv")
        return Path(data["lemma_lookup"])
    except Exception as exc:  # pragma: no cover - depends on the installation
        raise RuntimeError(
            "spaCy's Swedish lemma table is missing: install spacy-lookups-data "
            "(pip install spacy-lookups-data)"
        ) from exc


def _lookup_sources() -> list[Path]:
    path = _lemma_lookup_path()
    if not path.exists():  # load_language_data also reads "<name>.gz"
        path = path.with_name(path.name + ".gz")
    return [path, LEMMA_OVERRIDES_FILE]


def read_lemma_overrides(path: Path = LEMMA_OVERRIDES_FILE) -> dict[str, str]:
    """word -> lemma corrections (tab separated, '#' comments)."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"{path}:{lineno}: expected 'word<TAB>lemma', got {line!r}")
        out[parts[0].lower()] = parts[1].lower()
    return out


def _build_lemma_table() -> dict[str, str]:
    # Same data as spacy.lookups.load_lookups("sv", ["lemma_lookup"]), read
    # without hashing the keys (a spaCy Table keeps only key hashes, and the
    # compound splitter needs to enumerate the words).
    from spacy.util import load_language_data

    table = load_language_data(_lemma_lookup_path())
    out: dict[str, str] = {}
    for k, v in table.items():
        if isinstance(k, str) and isinstance(v, str):
            kl = k.lower()
            # keep lower-case entries over capitalised duplicates
            if kl not in out or k == kl:
                out[kl] = v.lower()
    out.update(read_lemma_overrides())
    return out


def _build_lemma_store() -> dict[str, dict[str, str]]:
    """The lemma table, and ``resolved``: for every form whose table lemma
    differs from it, what lemma() returns before the hunspell fixes (the
    override's lemma; else the form itself when it is a lemma of other forms;
    else the table's lemma), so that lemma() costs one lookup."""
    table = _build_lemma_table()
    values = frozenset(table.values())
    overrides = frozenset(read_lemma_overrides())
    resolved = {}
    for w, lem in table.items():
        if lem != w:
            resolved[w] = lem if w in overrides or w not in values else w
    return {"table": table, "resolved": resolved}


def lemma_table() -> TrieMap:
    """The lowercased spaCy ``lemma_lookup`` table for Swedish with overrides
    applied: a read-only mapping (``get``, ``in``, iteration, ``items``) over
    a memory-mapped marisa-trie store (see cached_store)."""
    global _lemma_table, _lemma_values, _resolved_get
    if _lemma_table is None:
        with _lock:
            if _lemma_table is None:
                store = cached_store("sv-lemma", LEMMA_TABLE_VERSION, _lookup_sources(), _build_lemma_store,
                                     encoders={"table": None, "resolved": None})
                table = store["table"]
                _lemma_values = table.value_set()
                _resolved_get = store["resolved"].get
                _lemma_table = table
    return _lemma_table


def lemma_values() -> TrieSet:
    """All lemmas that the table maps some form to."""
    lemma_table()
    assert _lemma_values is not None
    return _lemma_values


@functools.lru_cache(maxsize=1)
def _overrides() -> frozenset[str]:
    return frozenset(read_lemma_overrides())


# Noun readings the lemma table gets wrong, found with hunspell by the compound
# lexicon. The lexicon is built from this module's lemma table, so this module
# does not import it: compounds.py hands over the source when it is imported,
# which importing any module of the package does (indexer/analysis/__init__.py).
_fixes_source: Callable[[], dict[str, str]] | None = None


def use_lemma_fixes(source: Callable[[], dict[str, str]]) -> None:
    """Where ``lemma()`` gets its hunspell corrections (called once, by compounds.py)."""
    global _fixes_source, _fixes
    _fixes_source, _fixes = source, None
    lemma.cache_clear()


def _lemma_fixes() -> dict[str, str]:
    global _fixes
    if _fixes is None:
        if _fixes_source is None:
            raise RuntimeError("lemma() needs the compound lexicon: import indexer.analysis, "
                               "not indexer/analysis/swedish.py on its own")
        _fixes = _fixes_source()
    return _fixes


_fixes: dict[str, str] | None = None
_resolved_get: Callable[[str], str | None] | None = None


@functools.lru_cache(maxsize=500_000)
def lemma(word: str) -> str:
    """Lower-cased lemma of ``word`` from spaCy's Swedish lookup table.

    Unknown words are returned lower-cased. A word that the table itself uses
    as the lemma of other forms is kept as it is (the table is not idempotent:
    it maps "nämnden" to "nämnd" but "nämnd" to "nämna"). Corrections in
    lemma_overrides.tsv win over both. Cached per word type.
    """
    w = word.lower()
    if _lemma_table is None:
        lemma_table()
    # resolved (see _build_lemma_store): the table's lemma, except that a
    # word that is itself the lemma of other forms ("nämnd" <- "nämnden") is
    # kept: the table would otherwise send the bare noun to a verb ("nämnd"
    # -> "nämna", "företag" -> "företa", "plan" -> "plana") and a query
    # "nämnd" would not match "nämnden". Overrides win over both.
    r = _resolved_get(w)
    if r is None:
        return w  # unknown, or its own lemma in the table
    if w not in _overrides():
        fixed = _lemma_fixes().get(w)  # hunspell cross-check of noun readings
        if fixed is not None:
            return fixed
    return r


def is_stopword(word: str) -> bool:
    """True for Swedish stop words (spaCy's list, lower-cased, minus KEPT_STOP_WORDS)."""
    return word.lower() in STOP_WORDS


__all__ = [
    "STOP_WORDS",
    "KEPT_STOP_WORDS",
    "cached_build",
    "cached_store",
    "cache_dir",
    "is_stopword",
    "lemma",
    "lemma_table",
    "lemma_values",
    "nlp",
    "sentences",
    "tokens",
]
