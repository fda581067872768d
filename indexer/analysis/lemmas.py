"""Swedish lemmas: spaCy's ``lemma_lookup`` table and ``lemma()``.

The table is the one spaCy's lemmatizer uses in "lookup" mode (from
spacy-lookups-data), lower-cased and corrected by the small list in
``lemma_overrides.tsv`` beside this file, and kept as a memory-mapped word
store (wordstore.py). ``lemma()`` also applies the noun readings that the
compound lexicon finds with hunspell (``use_lemma_fixes``).
"""
from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Callable

from .wordstore import TrieMap, TrieSet, cached_store

LEMMA_OVERRIDES_FILE = Path(__file__).resolve().parent / "lemma_overrides.tsv"
LEMMA_TABLE_VERSION = "2"

_lock = threading.RLock()
_lemma_table: TrieMap | None = None
_lemma_values: TrieSet | None = None
_resolved_get: Callable[[str], str | None] | None = None
# the resolved map's lookup pieces, inlined in lemma() (see TrieMap.fast_parts)
_resolved_key: Callable[[str], int | None] | None = None
_resolved_values: list | None = None
_resolved_rules: list | None = None


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


def lemma_sources() -> list[Path]:
    """The files the lemma table is read from (what its store is keyed on)."""
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
    global _lemma_table, _lemma_values, _resolved_get, _resolved_key, _resolved_values, _resolved_rules
    if _lemma_table is None:
        with _lock:
            if _lemma_table is None:
                store = cached_store("sv-lemma", LEMMA_TABLE_VERSION, lemma_sources(), _build_lemma_store,
                                     encoders={"table": None, "resolved": None})
                table = store["table"]
                # the ~93,000 lemmas are held in a list anyway (TrieMap
                # materialises them): a set over the same strings answers
                # "is this a lemma" several times faster than the trie
                listed = getattr(table, "values_list", None)
                _lemma_values = frozenset(listed) if listed is not None else table.value_set()
                resolved = store["resolved"]
                _resolved_get = resolved.get
                fast = resolved.fast_parts() if hasattr(resolved, "fast_parts") else None
                if fast is not None:
                    _resolved_key, _resolved_values, _resolved_rules = fast
                _lemma_table = table
    return _lemma_table


def lemma_values() -> TrieSet | frozenset[str]:
    """All lemmas that the table maps some form to."""
    lemma_table()
    assert _lemma_values is not None
    return _lemma_values


@functools.lru_cache(maxsize=1)
def lemma_overrides() -> dict[str, str]:
    """The corrections of lemma_overrides.tsv (read once)."""
    return read_lemma_overrides()


# Noun readings the lemma table gets wrong, found with hunspell by the compound
# lexicon. The lexicon is built from this module's lemma table, so this module
# does not import it: compounds.py hands over the source when it is imported,
# which importing any module of the package does (indexer/analysis/__init__.py).
_fixes_source: Callable[[], dict[str, str]] | None = None
_fixes: dict[str, str] | None = None


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
                               "not indexer/analysis/lemmas.py on its own")
        _fixes = _fixes_source()
    return _fixes


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
    if _resolved_key is not None:
        try:
            i = _resolved_key(w)
        except UnicodeEncodeError:
            return w
        if i is None:
            return w  # unknown, or its own lemma in the table
        if _resolved_rules is not None:
            strip, add = _resolved_rules[i]
            r = (w[:-strip] if strip else w) + add
        else:
            r = _resolved_values[i]
    else:
        r = _resolved_get(w)
        if r is None:
            return w
    if w not in lemma_overrides():
        fixed = _lemma_fixes().get(w)  # hunspell cross-check of noun readings
        if fixed is not None:
            return fixed
    return r
