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

_lemma_table: dict[str, str] | None = None
_lemma_values: frozenset[str] | None = None

LEMMA_TABLE_VERSION = "1"


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


def lemma_table() -> dict[str, str]:
    """The lowercased spaCy ``lemma_lookup`` table for Swedish with overrides applied."""
    global _lemma_table, _lemma_values
    if _lemma_table is None:
        with _lock:
            if _lemma_table is None:
                table = cached_build("sv-lemma", LEMMA_TABLE_VERSION, _lookup_sources(), _build_lemma_table)
                _lemma_values = frozenset(table.values())
                _lemma_table = table
    return _lemma_table


def lemma_values() -> frozenset[str]:
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


@functools.lru_cache(maxsize=500_000)
def lemma(word: str) -> str:
    """Lower-cased lemma of ``word`` from spaCy's Swedish lookup table.

    Unknown words are returned lower-cased. A word that the table itself uses
    as the lemma of other forms is kept as it is (the table is not idempotent:
    it maps "nämnden" to "nämnd" but "nämnd" to "nämna"). Corrections in
    lemma_overrides.tsv win over both. Cached per word type.
    """
    w = word.lower()
    table = _lemma_table if _lemma_table is not None else lemma_table()
    lem = table.get(w)
    if lem is None or lem == w:
        return w
    if w in _overrides():
        return lem
    fixed = _lemma_fixes().get(w)  # hunspell cross-check of noun readings
    if fixed is not None:
        return fixed
    if w in _lemma_values:
        # The word is itself the lemma of other forms ("nämnd" <- "nämnden"),
        # so keep it: the table would otherwise send the bare noun to a verb
        # ("nämnd" -> "nämna", "företag" -> "företa", "plan" -> "plana") and a
        # query "nämnd" would not match "nämnden".
        return w
    return lem


def is_stopword(word: str) -> bool:
    """True for Swedish stop words (spaCy's list, lower-cased, minus KEPT_STOP_WORDS)."""
    return word.lower() in STOP_WORDS


__all__ = [
    "STOP_WORDS",
    "KEPT_STOP_WORDS",
    "cached_build",
    "cache_dir",
    "is_stopword",
    "lemma",
    "lemma_table",
    "lemma_values",
    "nlp",
    "sentences",
    "tokens",
]
