"""Compact read-only word stores (marisa-trie), memory-mapped from the analysis cache folder.

The lemma table and the compound lexicon are large word -> value maps. They
are kept as marisa-trie structures, written once into the analysis cache
folder and opened with mmap: worker processes share the pages instead of
each holding ~300 MB of Python dicts. With the cache switched off
(SEARCH_ANALYSIS_CACHE=0/off/empty) the same structures are built in memory
per process (compact, not shared).

Sets of fewer than ``SMALL_SET`` words and maps of fewer than ``SMALL_MAP``
keys stay a Python frozenset or dict (pickled beside the tries, equal values
stored once; ~40 MB per process for the compound lexicon's): a trie lookup
costs ~0.5 us against ~0.1 us for a set, and the splitter asks these smaller
structures most often (bench/compounds_speed.py: 10-25 % faster splitting).

A large map's value strings, when there are at most ``LIST_VALUES`` of them,
are pickled as a list by value id and held by each process (reading a value
is then an index operation, not a walk in the values trie). Those whose
values are plain strings (the lemma table, its resolved lemmas, the hunspell
stems) also get a DAWG from key to value id, or to the id of the rule that
turns the key into its value (DAWG2, ``{name}.lookup.dawg``, see _lookup_of),
that each process reads into memory (0.7-1.9 MB each, ~1 ms): the splitter
looks these up several times a word, and a DAWG lookup takes ~0.2 us against
~0.55 us in the trie. Without the two, cold splitting was 13-18 % slower on long
compounds than with the former dicts. The key tries stay the shared store
for iteration and prefix walks (the link forms: one walk finds every link
form that begins at a position).
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Callable


def cache_dir() -> Path | None:
    """Folder for the word stores, or None when caching is switched off.

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


STORE_FORMAT = "6"
#: sets and maps smaller than this stay frozensets and dicts (pickled beside the tries)
SMALL_SET = 100_000
SMALL_MAP = 100_000
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
    turns a stored value string into the value (identity by default).

    When there are few distinct values (``LIST_VALUES``: the lemma table's
    ~93,000 lemmas, the hunspell flag strings, the link forms' ~187,000
    bases) their strings are held in a list by value id (``listed``, pickled
    in the store: ~0.02 s to load, ~12 MB for the link forms), so reading a
    value is an index operation, not a trie walk. For such a map with plain
    string values ``lookup`` (a DAWG from key to value id or ending rule
    id, loaded into each process: 0.7-1.9 MB a map) answers the key lookups:
    one double-array walk and an index operation, ~0.2 us against ~0.55 us for the trie (the
    splitter looks up several substrings a word; see the module docstring).
    The tries stay for iteration and prefix walks. ``fast_parts()`` gives
    hot loops the pieces to inline the lookup."""

    __slots__ = ("keys_trie", "values_trie", "ids", "decode", "_restore", "values_list", "lookup",
                 "rules", "get", "contains")

    def __init__(self, keys_trie, values_trie, ids, decode=None, lookup=None, listed=None,
                 rules=None) -> None:
        self.keys_trie, self.values_trie, self.ids, self.decode = keys_trie, values_trie, ids, decode
        if listed is None and len(values_trie) <= LIST_VALUES:
            listed = _value_strings(values_trie)
        #: value id -> stored value string (hot loops that decode themselves use it)
        self._restore = restore = listed.__getitem__ if listed is not None else values_trie.restore_key
        kget = keys_trie.get
        self.values_list = vals = listed if decode is None else None
        self.lookup = lookup if vals is not None else None
        #: with ``lookup``: its numbers are ids of (letters to strip, letters to add) rules
        #: that turn the key into its value, not value ids (see _lookup_of)
        self.rules = rules if self.lookup is not None else None
        #: ``key in map`` without a Python-level call (hot loops bind it)
        self.contains = (lookup if self.lookup is not None else keys_trie).__contains__

        # a closure with its lookups bound (hot path: get(key, default=None))
        if self.rules is not None:
            vget = lookup.get

            def get(key, default=None):
                try:
                    r = vget(key)
                    if r is None:
                        return default
                    strip, add = rules[r]
                    return (key[:-strip] if strip else key) + add
                except (TypeError, UnicodeEncodeError):
                    return default
        elif self.lookup is not None:
            vget = lookup.get

            def get(key, default=None):
                try:
                    v = vget(key)
                except (TypeError, UnicodeEncodeError):
                    return default
                return default if v is None else vals[v]
        elif vals is not None:
            def get(key, default=None):
                try:
                    i = kget(key)
                except (TypeError, UnicodeEncodeError):
                    return default
                return default if i is None else vals[ids[i]]
        elif decode is None:
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

    def fast_parts(self) -> tuple[Callable[[str], int | None], list | None, list | None] | None:
        """(key -> number lookup, value id -> value list, rule id -> (strip,
        add) list) when the map has a ``lookup``, else None; one of the two
        lists is None, as the lookup's numbers are value ids or rule ids. The
        lookup raises on str with lone surrogates (which the extractors never
        produce)."""
        if self.lookup is None:
            return None
        if self.rules is not None:
            return self.lookup.get, None, self.rules
        return self.lookup.get, self.values_list, None

    def __getitem__(self, key):
        v = self.get(key, _MISSING)
        if v is _MISSING:
            raise KeyError(key)
        return v

    def __contains__(self, key) -> bool:
        try:
            return self.contains(key)
        except (TypeError, UnicodeEncodeError):
            return False

    def __iter__(self):
        return iter(self.keys_trie.keys())

    def __len__(self) -> int:
        return len(self.keys_trie)

    def keys(self):
        return self.keys_trie.keys()

    def items(self):
        restore, ids, dec, vals = self._restore, self.ids, self.decode, self.values_list
        if vals is not None:
            for k, i in self.keys_trie.items():
                yield k, vals[ids[i]]
            return
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
#: maps with at most this many distinct values keep their value strings in a list
LIST_VALUES = 200_000


def _value_strings(values_trie, memo: dict | None = None) -> list[str]:
    """The value strings by value id (equal strings one object across the
    maps of a store when they share ``memo``)."""
    vals: list = [None] * len(values_trie)
    for v, i in values_trie.iteritems():
        vals[i] = v if memo is None else memo.setdefault(v, v)
    return vals


def _shared(value, memo: dict):
    """``value`` with equal tuples and strings inside it made one object, so
    that pickle stores each once (a compound's parts recur in many splits)."""
    if isinstance(value, tuple):
        value = tuple(_shared(v, memo) for v in value)
    try:
        return memo.setdefault(value, value)
    except TypeError:  # unhashable: kept as it is
        return value


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


def _plain_listed(name: str, values, encoders: dict, decoders: dict) -> bool:
    """Whether TrieMap will hold this map's values as a list of plain strings
    (and so can look its keys up in a DAWG)."""
    return encoders.get(name) is None and decoders.get(name) is None and len(values) <= LIST_VALUES


def _lookup_of(keys, strings: list[str], ids) -> tuple[Any, list | None] | None:
    """A DAWG for a map's key lookups (TrieMap's ``lookup``), and its rules.

    A DAWG merges keys that end alike *with the same number*: numbering each
    value by its id keeps the lemma table's 660,000 forms apart (5.3 MB).
    Where most values are the key with a few letters changed at the end
    ("nämnden" -> "nämnd": strip 2, add ""), numbering the rule instead
    needs a few hundred numbers and shrinks the DAWG to ~0.7 MB a map; that
    is chosen when there are at most a tenth as many rules as values.
    ``strings`` are the value strings by value id. None when some key cannot
    be a DAWG key (empty, or with a NUL character): that map is then looked
    up in its trie."""
    import dawg
    items = list(keys.items())
    if any(not k or "\x00" in k for k, _i in items):
        return None
    rule_ids: dict[tuple[int, str], int] = {}
    by_rule = []
    for k, i in items:
        v = strings[ids[i]]
        p = 0
        n = min(len(k), len(v))
        while p < n and k[p] == v[p]:
            p += 1
        by_rule.append((k, rule_ids.setdefault((len(k) - p, v[p:]), len(rule_ids))))
        if len(rule_ids) * 10 > len(strings):
            break
    else:
        rules = [None] * len(rule_ids)
        for rule, r in rule_ids.items():
            rules[r] = rule
        return dawg.IntDAWG(by_rule), rules
    return dawg.IntDAWG((k, ids[i]) for k, i in items), None


def _open_trie(path: Path) -> Any:
    import marisa_trie
    t = marisa_trie.Trie()
    t.mmap(str(path))
    return t


def _open_lookup(path: Path) -> Any:
    import dawg
    return dawg.IntDAWG().load(str(path))


def _open_ids(path: Path) -> Any:
    import array
    import mmap
    size = path.stat().st_size
    if size == 0:
        return array.array("I")
    with open(path, "rb") as fh:
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    return memoryview(mm).cast("I")


def _write_store(folder: Path, parts: dict[str, Any], encoders: dict, decoders: dict) -> None:
    """Write the large set (set/frozenset) and map (dict) parts as marisa files
    (with a DAWG for the key lookups of maps with listed plain values),
    everything else, and the listed value strings, into meta.pickle."""
    meta: dict[str, Any] = {}
    kinds: dict[str, str] = {}
    listed: dict[str, list[str]] = {}
    rules: dict[str, list[tuple[int, str]]] = {}
    strings: dict = {}  # one object per distinct value string across the maps
    for name, obj in parts.items():
        if isinstance(obj, (set, frozenset)) and len(obj) >= SMALL_SET:
            _trie_of(obj).save(str(folder / f"{name}.set.marisa"))
            kinds[name] = "set"
        elif isinstance(obj, dict) and name in encoders and len(obj) >= SMALL_MAP:
            keys, values, ids = _map_parts(obj, encoders[name])
            keys.save(str(folder / f"{name}.keys.marisa"))
            values.save(str(folder / f"{name}.values.marisa"))
            (folder / f"{name}.ids").write_bytes(ids.tobytes())
            kinds[name] = "map"
            if len(values) <= LIST_VALUES:
                listed[name] = _value_strings(values, strings)
            found = (_lookup_of(keys, listed[name], ids) if _plain_listed(name, values, encoders, decoders)
                     else None)
            if found is not None:
                lookup, map_rules = found
                lookup.save(str(folder / f"{name}.lookup.dawg"))
                kinds[name] = "map+lookup"
                if map_rules is not None:
                    rules[name] = map_rules
        elif isinstance(obj, dict):
            memo: dict = {}
            meta[name] = {k: _shared(v, memo) for k, v in obj.items()}
        else:
            meta[name] = obj
    with open(folder / "meta.pickle", "wb") as fh:
        pickle.dump({"kinds": kinds, "meta": meta, "listed": listed, "rules": rules}, fh,
                    protocol=pickle.HIGHEST_PROTOCOL)


def _open_store(folder: Path, decoders: dict) -> dict[str, Any]:
    # tens of thousands of small tuples: the cyclic collector would walk the
    # whole heap several times while they are made (~40 % of the load time)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with open(folder / "meta.pickle", "rb") as fh:
            data = pickle.load(fh)
    finally:
        if was_enabled:
            gc.enable()
    out = dict(data["meta"])
    listed, rules = data["listed"], data["rules"]
    for name, kind in data["kinds"].items():
        if kind == "set":
            out[name] = TrieSet(_open_trie(folder / f"{name}.set.marisa"))
        else:
            out[name] = TrieMap(_open_trie(folder / f"{name}.keys.marisa"),
                                _open_trie(folder / f"{name}.values.marisa"),
                                _open_ids(folder / f"{name}.ids"), decoders.get(name),
                                _open_lookup(folder / f"{name}.lookup.dawg") if kind == "map+lookup" else None,
                                listed.get(name), rules.get(name))
    return out


def _memory_store(parts: dict[str, Any], encoders: dict, decoders: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, obj in parts.items():
        if isinstance(obj, (set, frozenset)) and len(obj) >= SMALL_SET:
            out[name] = TrieSet(_trie_of(obj))
        elif isinstance(obj, dict) and name in encoders and len(obj) >= SMALL_MAP:
            keys, values, ids = _map_parts(obj, encoders[name])
            strings = _value_strings(values) if len(values) <= LIST_VALUES else None
            found = _lookup_of(keys, strings, ids) if _plain_listed(name, values, encoders, decoders) else None
            lookup, map_rules = found if found is not None else (None, None)
            out[name] = TrieMap(keys, values, ids, decoders.get(name), lookup, strings, map_rules)
        else:
            out[name] = obj
    return out


#: a store being written is renamed into place within seconds; a ``.tmp`` older
#: than this was left by a process that died while writing it
ABANDONED_TMP_S = 3600


def _abandoned(tmp: Path) -> bool:
    try:
        return time.time() - tmp.stat().st_mtime > ABANDONED_TMP_S
    except OSError:
        return False


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
    sets of ``SMALL_SET`` or more words become TrieSet, the dicts named in
    ``encoders`` TrieMap (values stored as ``encoders[name](value)`` strings,
    read back through ``decoders[name]``) when they have ``SMALL_MAP`` or
    more keys, anything else stays as it is (pickled).

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
            # unreadable (damaged, or written by other code under the same
            # key): set it aside so that it is written again below, instead
            # of every process building the store in memory from now on
            aside = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.bad.tmp")
            try:
                os.rename(path, aside)
                shutil.rmtree(aside, ignore_errors=True)
            except OSError:
                pass
    parts = build()
    STORE_BUILDS[name] = STORE_BUILDS.get(name, 0) + 1
    if path is None:
        return _memory_store(parts, encoders, decoders)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        _write_store(tmp, parts, encoders, decoders)
        (tmp / "DONE").write_text("ok\n")
        try:
            os.rename(tmp, path)
        except OSError:  # another process was first: use its store
            shutil.rmtree(tmp, ignore_errors=True)
        for old in path.parent.glob(f"{name}-*"):  # stale versions (and old pickles)
            if old != path and (not old.name.endswith(".tmp") or _abandoned(old)):
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

