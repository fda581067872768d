"""Whoosh implementation of the Store.

Layout of an index folder::

    <root>/CURRENT            symlink to the live generation (switched atomically)
    <root>/gen-<stamp>/       a complete Whoosh index plus meta.json

A build writes a new generation and switches CURRENT only when it is
complete, so readers always see either the old or the new state. Readers
notice the switch on their next search and reopen; no restart is needed.

Each passage is one Whoosh document (kind=passage); each source document is
one more (kind=document) carrying its metadata and full text as stored JSON.
Filtering and facet counting happen on document metadata held in memory per
generation, which makes facet counts exact per document and lets every facet
group count as if its own filter were off (so alternatives stay visible).
"""
from __future__ import annotations

import json
import re
import math
import os
import secrets
import shutil
import threading
import time
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import numpy as np
from whoosh import index, qparser, query
from whoosh.fields import Schema
from whoosh.scoring import BM25F

from .. import analysis
from ..areas import area_label, load_areas
from ..models import DOC_TYPE_LABELS, Document, Passage
from . import fastsearch, highlighting
from .query_syntax import UserQuery, min_should_match, parse_user_query
from .whoosh_schema import PLAIN_WORD, make_schema
from .whoosh_staging import StagedSegment, Stager, commit_staged, remove_staging
from .base import FacetValue, Hit, PassageHit, QueryError, SearchRequest, SearchResult, SORTS, StoreStats

#: Bump when the schema or the meaning of a stored field changes; a mismatch
#: with an index's meta.json means that index must be rebuilt.
SCHEMA_VERSION = 3
CURRENT = "CURRENT"
META = "meta.json"
MANIFEST = "manifest.json"
#: A generation replaced less than this long ago is kept even when it is not
#: the live one or the one before: a reader may have read CURRENT just before
#: the switch and still be opening it.
SUPERSEDED_GRACE_S = 600.0
FIELD_BOOSTS = {"title": 2.0, "text": 1.0}
FACET_ORDER = ("area", "municipality", "doc_type", "year", "body")
#: Offer "Menade du …?" when a query finds fewer documents than this.
SUGGEST_BELOW = 3
#: Whoosh searchers per generation and process (SearcherPool) and the memory for
#: decoded posting lists (fastsearch.TermCache) are SEARCH_SEARCHERS and
#: SEARCH_TERM_CACHE_MB, read by indexer/config.py when a generation is opened.


class IndexNotFound(FileNotFoundError):
    pass


def read_meta(gen_dir: Path) -> dict:
    try:
        return json.loads((gen_dir / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def current_generation(root: Path) -> Path | None:
    link = root / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    gen = root / target
    return gen if (gen / META).exists() else None


def current_generation_info(root: Path) -> dict:
    """{"generation", "path", "meta", "built_ts"} of the live generation, or {}."""
    gen = current_generation(Path(root))
    if gen is None:
        return {}
    meta = read_meta(gen)
    built_ts = (gen / META).stat().st_mtime
    return {"generation": gen.name, "path": gen, "meta": meta, "built_ts": built_ts}


def create_generation(root: Path, sources: list[str] | None = None, base: Path | None = None) -> "WhooshStore":
    """A new, not yet live generation to build into: empty, or (``base``) a copy
    of an existing generation to update.

    The copy hard-links the base's index files. That is safe because Whoosh
    never writes into an existing file: every segment file is new and named by
    a fresh random segment id, the table of contents is written under a
    temporary name and renamed, and merges write new segments and unlink the
    old names (which only drops this generation's link). Readers of the base
    generation therefore never see a byte change (tests/test_update.py checks
    the base's files byte for byte after updates). Where hard links are not
    possible the files are copied.
    """
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    gen = root / f"gen-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
    gen.mkdir()
    if base is None:
        index.create_in(str(gen), make_schema())
    else:
        for src in Path(base).iterdir():
            if src.name in (META, MANIFEST) or not src.is_file() or "WRITELOCK" in src.name \
                    or src.name.endswith(".tmp") or src.name.startswith("."):
                continue
            try:
                os.link(src, gen / src.name)
            except OSError:
                shutil.copy2(src, gen / src.name)
    meta = {"schema_version": SCHEMA_VERSION, "analyzer_version": analysis.ANALYZER_VERSION,
            "created_at": _now(), "built_at": None, "sources": sources or [], "complete": False,
            "base": Path(base).name if base is not None else None}
    (gen / META).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return WhooshStore(root, generation=gen, writable=True)


def read_manifest(gen_dir: Path) -> dict | None:
    """The generation's record of the files it holds (written by the ingester at
    publish time), or None when it has none or it cannot be read."""
    try:
        data = json.loads((Path(gen_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def open_store(root: Path | str) -> "WhooshStore":
    root = Path(root)
    if current_generation(root) is None:
        raise IndexNotFound(
            f"no index in {root}: build one with `python -m indexer build --source corpus --index {root}`")
    return WhooshStore(root)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class _DocMeta:
    doc_id: str
    title: str
    doc_type: str
    municipalities: list[str]
    body: str | None
    date: str | None
    areas: list[str]
    source_path: str
    items: dict[str, str] = field(default_factory=dict)
    organisation: str | None = None
    low_quality_pages: list[int] = field(default_factory=list)

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


class _DocArrays:
    """The documents of a generation as arrays, in ``_View.docs`` order: which
    document each index record belongs to, and each document's facet values,
    so that matching, filters and facet counts run as numpy operations."""

    GROUPS = ("area", "municipality", "doc_type", "year", "body")

    def __init__(self, docs: dict[str, _DocMeta], reader):
        self.ids = list(docs)
        self.metas = [docs[d] for d in self.ids]
        self.pos = pos = {d: i for i, d in enumerate(self.ids)}
        n_records = reader.doc_count_all()
        #: index record -> document position, -1 for the document records themselves
        self.record_doc = np.full(n_records, -1, dtype=np.int64)
        for term in reader.lexicon("doc_id"):
            i = pos.get(term.decode("utf-8"))
            if i is not None:
                self.record_doc[np.fromiter(reader.postings("doc_id", term).all_ids(), dtype=np.int64)] = i
        #: document position -> its document record (metadata, payload), -1 if none
        self.doc_record = np.full(len(self.ids), -1, dtype=np.int64)
        if ("kind", b"document") in reader:
            records = np.fromiter(reader.postings("kind", b"document").all_ids(), dtype=np.int64)
            owner = self.record_doc[records]
            self.doc_record[owner[owner >= 0]] = records[owner >= 0]
            self.record_doc[records] = -1
        # Each document's passage records, ascending (= reading order: a document's
        # passages are written one after the other, in seq order).
        self._by_doc = np.argsort(self.record_doc, kind="stable")
        self._starts = np.searchsorted(self.record_doc[self._by_doc], np.arange(len(self.ids) + 1))
        self.dates = np.array([m.date or "" for m in self.metas], dtype=object)
        # Rank of each date string (missing first), for sorting as strings sort.
        uniq = sorted(set(self.dates.tolist()))
        rank = {d: k for k, d in enumerate(uniq)}
        self.date_rank = np.array([rank[d] for d in self.dates.tolist()], dtype=np.int64)
        self.date_key = np.array([int((m.date or "0").replace("-", "")) for m in self.metas], dtype=np.int64)
        self.values: dict[str, list[str]] = {}
        self.member: dict[str, np.ndarray] = {}
        for group in self.GROUPS:
            per_doc = [self.group_values(m, group) for m in self.metas]
            vals = sorted({v for vs in per_doc for v in vs})
            col = {v: k for k, v in enumerate(vals)}
            member = np.zeros((len(self.metas), len(vals)), dtype=bool)
            for i, vs in enumerate(per_doc):
                for v in vs:
                    member[i, col[v]] = True
            self.values[group] = vals
            self.member[group] = member

    @staticmethod
    def group_values(meta: _DocMeta, group: str) -> list[str]:
        if group == "area":
            return meta.areas
        if group == "municipality":
            return meta.municipalities
        if group == "doc_type":
            return [meta.doc_type]
        if group == "year":
            return [meta.year] if meta.year else []
        return [meta.body] if meta.body else []

    def passages_of(self, pos: int) -> np.ndarray:
        return self._by_doc[self._starts[pos]:self._starts[pos + 1]]

    def docs_of(self, records: np.ndarray) -> np.ndarray:
        """Sorted unique positions of the documents these index records belong to."""
        # A mark per document instead of sorting (np.unique): the last slot takes
        # the -1 of document records, which are not passages.
        seen = np.zeros(len(self.ids) + 1, dtype=bool)
        seen[self.record_doc[records]] = True
        return np.flatnonzero(seen[:-1])


@dataclass
class _Matched:
    """Documents a query matched, in the order of their best passages in
    Whoosh's result order (score descending, then record number)."""

    doc: np.ndarray       # document position in _DocArrays
    score: np.ndarray     # best passage score
    record: np.ndarray    # best passage record number (-1: none, e.g. browsing)
    n: np.ndarray         # matching passages
    #: how many of the query's words (clauses) each document contains, the first
    #: ranking key: more words rank above fewer (None: not ranked by words)
    cover: np.ndarray | None = None

    def take(self, keep: np.ndarray) -> "_Matched":
        return _Matched(self.doc[keep], self.score[keep], self.record[keep], self.n[keep],
                        None if self.cover is None else self.cover[keep])


class SearcherPool:
    """At most ``size`` Whoosh searchers of one generation, each lent to one
    thread at a time.

    A searcher reads the index through file handles with a position (seek, then
    read), so two threads must never use one at the same time; but since the
    GIL lets only one thread compute at a time, a few searchers serve many
    threads. ``borrow()`` is re-entrant: a thread that already holds a searcher
    gets the same one again, so nested calls never wait for a second searcher
    (and never deadlock). Searchers are opened on demand; after ``close()`` the
    idle ones are closed at once and borrowed ones when they come back. A
    forked child (a worker process of the server) drops the searchers it
    inherited and opens its own: the inherited file handles share their
    positions with the parent's.
    """

    def __init__(self, open_searcher, size: int):
        self._open = open_searcher
        self.size = max(1, int(size))
        self._idle: list = []
        self.opened = 0
        self._closed = False
        self._cond = threading.Condition()
        self._local = threading.local()
        self._pid = os.getpid()
        _POOLS.add(self)

    @contextmanager
    def borrow(self):
        held = getattr(self._local, "searcher", None)
        if held is not None:
            yield held
            return
        s = self._acquire()
        self._local.searcher = s
        try:
            yield s
        finally:
            self._local.searcher = None
            self._release(s)

    def held(self):
        """The searcher this thread holds, or None."""
        return getattr(self._local, "searcher", None)

    def _acquire(self):
        with self._cond:
            while True:
                if self._idle:
                    return self._idle.pop()
                if self.opened < self.size:
                    self.opened += 1
                    break
                self._cond.wait()
        try:
            return self._open()
        except BaseException:
            with self._cond:
                self.opened -= 1
                self._cond.notify()
            raise

    def _release(self, s) -> None:
        with self._cond:
            keep = not self._closed
            if keep:
                self._idle.append(s)
            else:
                self.opened -= 1
            self._cond.notify()
        if not keep:
            _close_quietly(s)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self.opened -= len(idle)
            self._cond.notify_all()
        for s in idle:
            _close_quietly(s)

    def _after_fork(self) -> None:
        # Runs in a forked child, which has only the forking thread: nothing is borrowed
        # elsewhere. The inherited searchers are closed (closing the child's copies of
        # the file descriptors does not affect the parent).
        if self._pid == os.getpid():
            return
        idle, self._idle = self._idle, []
        self._pid = os.getpid()
        self._cond = threading.Condition()
        self._local = threading.local()
        self.opened = 0
        for s in idle:
            _close_quietly(s)


def _close_quietly(searcher) -> None:
    try:
        searcher.close()
    except Exception:  # already closed, or its files are gone
        pass


_POOLS: "weakref.WeakSet[SearcherPool]" = weakref.WeakSet()


def _reset_pools_after_fork() -> None:
    for pool in list(_POOLS):
        pool._after_fork()  # noqa: SLF001


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_pools_after_fork)


def _open_index(gen: Path):
    """The generation's Whoosh index for reading, without mmap.

    With mmap, Whoosh (whoosh-reloaded 2.7.5, ``BufferFile``) copies each
    segment's posting and term-index files into a private BytesIO for every
    searcher it opens: about 520 MB of anonymous memory per searcher at 10,000
    documents, on top of the mapped file. Without mmap a searcher reads the
    same bytes with seek/read through the OS page cache and costs a few MB;
    the warm search path is as fast (the term cache holds decoded postings)."""
    from whoosh.filedb.filestore import FileStorage
    return index.FileIndex(FileStorage(str(gen), supports_mmap=False, readonly=True), indexname="MAIN")


class _View:
    """One generation: its index, plus what we derive from it once.

    Whoosh searchers come from a small pool shared by the threads (see
    SearcherPool: ``with view.borrow() as searcher``; inside, ``view.searcher``
    is the searcher this thread holds); the derived document metadata, arrays
    and caches are shared.
    """

    def __init__(self, gen: Path, searchers: int | None = None):
        self.gen = gen
        self.ix = _open_index(gen)
        self.meta_json = read_meta(gen)
        from .. import config
        self.pool = SearcherPool(lambda: self.ix.searcher(weighting=BM25F()),
                                 config.searchers() if searchers is None else searchers)
        self._restore: dict[str, str] | None = None
        self._restore_lock = threading.Lock()
        self._frequencies: dict[str, int] = {}
        self.docs: dict[str, _DocMeta] = {}
        with self.borrow() as searcher:
            for stored in searcher.documents(kind="document"):
                m = json.loads(stored["meta"])
                m["items"] = {str(k): v for k, v in m.get("items", {}).items()}
                self.docs[m["doc_id"]] = _DocMeta(**m)
            self.passages = searcher.doc_count() - len(self.docs)
        # Search-side caches of this generation (see fastsearch.py).
        self.lengths = fastsearch.LengthCache()
        self.terms = fastsearch.TermCache(config.term_cache_mb() << 20)
        self._arrays: "_DocArrays | None" = None
        self._arrays_lock = threading.Lock()
        #: query text -> the index terms highlight_html marks (a document page
        #: highlights paragraph by paragraph with the same query)
        self.highlight_terms: dict[str, tuple[set[str], set[str]]] = {}

    def borrow(self):
        """``with view.borrow() as searcher:`` a searcher for this thread (re-entrant)."""
        return self.pool.borrow()

    @property
    def searcher(self):
        """The searcher this thread borrowed (``with view.borrow()``)."""
        s = self.pool.held()
        if s is None:
            raise RuntimeError("no searcher borrowed on this thread: use `with view.borrow() as searcher`")
        return s

    def close(self) -> None:
        """This generation is no longer live: close its searchers (borrowed ones when returned)."""
        self.pool.close()

    @property
    def arrays(self) -> "_DocArrays":
        """Per-document arrays for vectorised matching, filtering and facets (built once)."""
        if self._arrays is None:
            # The searcher first, then the lock: no thread waits for a searcher
            # while holding the lock.
            with self.borrow() as searcher, self._arrays_lock:
                if self._arrays is None:
                    self._arrays = _DocArrays(self.docs, searcher.reader())
        return self._arrays

    def frequency(self, word: str) -> int:
        """Passages containing the word as written (lower-cased); remembered
        (the query rewriting asks for every word of every search)."""
        low = word.lower()
        n = self._frequencies.get(low)
        if n is None:
            with self.borrow() as searcher:
                n = searcher.reader().doc_frequency("words", low)
            if len(self._frequencies) >= 100_000:
                self._frequencies = {}
            self._frequencies[low] = n
        return n

    def restore_diacritics(self, word: str) -> str | None:
        """The index's most frequent spelling with å/ä/ö of a word typed without
        them ("avsiktsforklaring" -> "avsiktsförklaring"), or None."""
        low = word.lower()
        if low != analysis.fold(low) or not low.isalpha():
            return None
        if self._restore is None:
            with self.borrow() as searcher, self._restore_lock:
                if self._restore is None:
                    reader = searcher.reader()
                    best: dict[str, tuple[int, str]] = {}
                    for term in reader.field_terms("words"):
                        folded = analysis.fold(term)
                        if folded != term:
                            n = reader.doc_frequency("words", term)
                            if folded not in best or n > best[folded][0]:
                                best[folded] = (n, term)
                    self._restore = {k: t for k, (_n, t) in best.items()}
        return self._restore.get(low)


class WhooshStore:
    def __init__(self, root: Path, generation: Path | None = None, writable: bool = False):
        self.root = Path(root)
        self._fixed_gen = generation
        self._writable = writable
        self._lock = threading.Lock()
        self._view: _View | None = None
        self._area_labels = {a.id: a.label for a in load_areas()}
        schema = make_schema()
        self._parsers = {group: self._make_parser(schema, group)
                         for group in (qparser.AndGroup, qparser.OrGroup)}
        self._title_parser = self._make_parser(schema, qparser.AndGroup, fields=["title"])
        self._sv = schema["text"].analyzer
        self._fold = schema["text_folded"].analyzer
        self._sv_tokens = highlighting.TermTokens(self._sv)
        self._word_queries: dict[str, query.Query] = {}  # _parse_word

    # -- reading ------------------------------------------------------------------

    @staticmethod
    def _make_parser(schema: Schema, group, fields: list[str] | None = None) -> qparser.QueryParser:
        p = qparser.MultifieldParser(fields or list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS, group=group)
        # Colons are common in council text ("kl. 13:00", "Dnr KS:2022"); field
        # syntax is not offered yet, so a colon is just text.
        p.remove_plugin_class(qparser.FieldsPlugin)
        # Only the query rewriter names a field: the diacritic-insensitive fallback.
        p.add_plugin(qparser.FieldsPlugin(expr=r"(?P<text>text_folded):"))
        # -word, -"a phrase", -(a OR b) exclude; a hyphen inside a word does not.
        p.add_plugin(qparser.PlusMinusPlugin(minusexpr=r"(?:(?<=\s)|^)-(?=[\w\"(])"))
        return p

    def _current(self) -> _View:
        gen = self._fixed_gen or current_generation(self.root)
        if gen is None:
            raise IndexNotFound(f"no index in {self.root}")
        view = self._view
        if view is None or view.gen != gen:
            with self._lock:
                old = self._view
                if old is None or old.gen != gen:
                    self._view = _View(gen)
                    if old is not None:
                        old.close()  # requests still on it finish; their searchers close when returned
                view = self._view
        return view

    @contextmanager
    def _reading(self):
        """``with self._reading() as v:`` the live generation, with a searcher
        borrowed for this thread (``v.searcher``) until the block ends."""
        v = self._current()
        with v.borrow():
            yield v

    def stats(self) -> StoreStats:
        v = self._current()
        m = v.meta_json
        return StoreStats(documents=len(v.docs), passages=v.passages, generation=v.gen.name,
                          schema_version=m.get("schema_version", 0),
                          analyzer_version=str(m.get("analyzer_version", "")), built_at=m.get("built_at"),
                          notices=list(m.get("notices", [])))

    def get_document(self, doc_id: str) -> Document | None:
        with self._reading() as v:
            return self._get_document(v, doc_id)

    def _get_document(self, v: _View, doc_id: str) -> Document | None:
        a = v.arrays
        pos = a.pos.get(doc_id)
        if pos is None or a.doc_record[pos] < 0:
            return None
        stored = v.searcher.stored_fields(int(a.doc_record[pos]))
        doc = Document.from_json(json.loads(stored["payload"]))
        # Passages are stored once, as their own records; put them back.
        rows = [v.searcher.stored_fields(int(n)) for n in a.passages_of(pos)]
        doc.passages = [
            Passage(passage_id=r["passage_id"], doc_id=doc_id, seq=r["seq"], page=r["page"],
                    section=r.get("section") or None, text=r["text"], kind="toc" if r.get("toc") else "text",
                    is_decision=bool(r.get("is_decision")),
                    areas=[a for a in (r.get("areas") or "").split(",") if a])
            for r in sorted(rows, key=lambda r: r["seq"])]
        return doc

    def _parse(self, text: str, group, parser: qparser.QueryParser | None = None) -> query.Query:
        try:
            q = _union_matchers((parser or self._parsers[group]).parse(text))
        except Exception as exc:  # whoosh raises assorted errors on odd syntax
            raise QueryError(f"kunde inte tolka sökfrågan: {exc}") from exc
        return q

    def _records(self, v: _View, q: query.Query, memo: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(record numbers, scores) of every passage q matches: exactly Whoosh's
        ``searcher.search(q, limit=None)``, computed block-wise (fastsearch.py)."""
        try:
            try:
                cache_nodes = memo.get("clauses", frozenset()) if memo is not None else frozenset()
                return fastsearch.evaluate(v.searcher, q, v.lengths, v.terms, memo, cache_nodes)
            except fastsearch.Unsupported:
                results = v.searcher.search(q, limit=None)
                n = results.scored_length()
                ids = np.array([results.docnum(i) for i in range(n)], dtype=np.int64)
                scores = np.array([results.score(i) for i in range(n)], dtype=np.float64)
                order = np.argsort(ids, kind="stable")
                return ids[order], scores[order]
        except QueryError:
            raise
        except Exception as exc:
            raise QueryError(f"sökfrågan kunde inte köras: {exc}") from exc

    def _match(self, v: _View, q: query.Query, memo: dict | None = None) -> _Matched:
        """Each matching document with its best passage (Whoosh's result order:
        score descending, then record number) and its number of matching passages."""
        ids, scores = self._records(v, q, memo)
        a = v.arrays
        doc = a.record_doc[ids]
        # Document records carry no text fields, so only passages match.
        keep = doc >= 0
        if not keep.all():
            ids, scores, doc = ids[keep], scores[keep], doc[keep]
        if not len(ids):
            empty = np.zeros(0, dtype=np.int64)
            return _Matched(doc=empty, score=np.zeros(0), record=empty, n=empty)
        # A document's passages are consecutive records, so (ids being sorted) each
        # document is one run: best score per run, its first record, run length.
        starts = np.flatnonzero(np.concatenate(([True], doc[1:] != doc[:-1])))
        if np.bincount(doc[starts], minlength=len(a.ids)).max() <= 1:
            best = np.maximum.reduceat(scores, starts)
            lengths = np.diff(np.append(starts, len(ids)))
            at_best = np.flatnonzero(scores == np.repeat(best, lengths))
            run = np.searchsorted(starts, at_best, side="right") - 1
            first_at_best = at_best[np.concatenate(([True], run[1:] != run[:-1]))]
            d, sc, rec, n = doc[starts], best, ids[first_at_best], lengths
            order = np.lexsort((rec, -sc))
            return _Matched(doc=d[order], score=sc[order], record=rec[order], n=n[order])
        order = np.lexsort((ids, -scores))
        doc_o = doc[order]
        _uniq, first = np.unique(doc_o, return_index=True)
        first = first[np.argsort(first, kind="stable")]
        counts = np.bincount(doc, minlength=len(a.ids))
        return _Matched(doc=doc_o[first], score=scores[order][first], record=ids[order][first],
                        n=counts[doc_o[first]])

    def _query_parts(self, uq: UserQuery, plain_fallback: bool = False) -> tuple[list, list, list, list]:
        """A parsed query's clauses (one per word, phrase or operator expression)
        as (counted, required, optional, excluded).

        counted: the content words, of which a document needs min_should_match;
        required: phrases, OR/AND expressions, parenthesised groups, +words and
        titel: words, each needed as typed; optional: question words (rank only);
        excluded: -words. Stop words leave no clause. Which clause is which
        word is found by parsing each bare word alone and comparing the queries;
        a clause that is no bare word's stays required, as before."""
        positive, negative = [], []
        if uq.text:
            positive, negative = _clauses(self._parse(uq.text, qparser.AndGroup))
        title_pos: list = []
        if uq.title_text:
            title_pos, neg = _clauses(self._parse(uq.title_text, qparser.AndGroup, self._title_parser))
            negative = negative + neg
        words = [(self._parse_word(t), "counted") for t in uq.content]
        words += [(self._parse_word(t), "optional") for t in uq.question]
        counted, required, optional = [], [], []
        for clause in positive:
            for k, (wq, kind) in enumerate(words):
                if wq == clause:
                    (counted if kind == "counted" else optional).append(clause)
                    del words[k]
                    break
            else:
                required.append(clause)
        required += title_pos
        if not counted and not required:
            # Only question words ("vad heter", "stora"): then they are the query.
            counted, optional = optional, []
        if plain_fallback and not counted and not required and not negative:
            # Only stop words ("tidigare", "bland annat", "har tidigare"): the analysed
            # fields drop them, so look for them as written in the plain word field,
            # rather than match every document.
            typed = list(uq.words) + [w for p in re.findall(r'"([^"]*)"', uq.text) for w in p.split()]
            plain = list(dict.fromkeys(w.lower() for t in typed for w in PLAIN_WORD.findall(t)))
            counted = [query.Term("words", w) for w in plain]
        return counted, required, optional, negative

    def _parse_word(self, text: str) -> query.Query:
        """One bare word's expansion parsed alone (remembered: the same words come back)."""
        q = self._word_queries.get(text)
        if q is None:
            try:
                q = self._parse(text, qparser.AndGroup)
            except QueryError:
                q = query.NullQuery  # matches no clause: the word's clause stays required
            if len(self._word_queries) >= 20_000:
                self._word_queries = {}
            self._word_queries[text] = q
        return q

    def search_passages(self, query_text: str, limit: int = 20) -> list[PassageHit]:
        """The best passages for a question or query, ranked by BM25 times the
        share of the query's words each passage contains (any word may be
        missing: questions carry words the answer does not repeat; question
        words do not count)."""
        with self._reading() as v:
            return self._search_passages(v, query_text, limit)

    def _search_passages(self, v: _View, query_text: str, limit: int) -> list[PassageHit]:
        uq = parse_user_query(query_text, vocabulary=v)
        if not (uq.text or uq.title_text):
            return []
        if not uq.text:
            # Only titel: words: searched in the text like any words.
            uq = UserQuery(text=uq.title_text)
        counted, required, optional, _negative = self._query_parts(replace(uq, title_text=""))
        words = counted + required
        positive = words + optional
        if not positive:
            return []
        # The same passages and scores as Whoosh's searcher.search(q, limit=None),
        # evaluated block-wise with the generation's caches (fastsearch.py).
        scoring = positive[0] if len(positive) == 1 else _union_matchers(query.Or(positive))
        ids, scores = self._records(v, scoring)
        if not len(ids):
            return []
        matched = np.zeros(len(ids), dtype=np.int64)
        for clause in words:
            matched += np.isin(ids, self._records(v, clause)[0], assume_unique=True)
        coverage = matched / len(words)
        # Whoosh's result order (score descending, then record number), then by
        # score × coverage, keeping that order among equals.
        order = np.lexsort((ids, -scores))
        order = order[np.argsort(-(scores[order] * coverage[order]), kind="stable")]
        out = []
        for j in order[:limit]:
            docnum, coverage_j = int(ids[j]), float(coverage[j])
            score = float(scores[j]) * coverage_j
            stored = v.searcher.stored_fields(docnum)
            meta = v.docs.get(stored["doc_id"])
            if meta is None:
                continue
            section = stored.get("section") or None
            out.append(PassageHit(
                passage_id=stored["passage_id"], doc_id=meta.doc_id, title=meta.title, doc_type=meta.doc_type,
                municipalities=meta.municipalities, date=meta.date, page=stored.get("page", 1), section=section,
                section_title=meta.items.get(section) if section is not None else None,
                source_path=meta.source_path, text=stored.get("text", ""), is_decision=bool(stored.get("is_decision")),
                score=round(score, 4), coverage=round(coverage_j, 3),
                low_quality=stored.get("page", 1) in meta.low_quality_pages, organisation=meta.organisation))
        return out

    def section_passages(self, doc_id: str, section: str) -> list[PassageHit]:
        """Every passage of one § item of a minutes document, in reading order
        (score and coverage 0: they were not ranked)."""
        with self._reading() as v:
            meta = v.docs.get(doc_id)
            if meta is None:
                return []
            rows = [v.searcher.stored_fields(n) for n in v.searcher.document_numbers(kind="passage", doc_id=doc_id)]
        rows = sorted((r for r in rows if r.get("section") == str(section)), key=lambda r: r["seq"])
        return [PassageHit(
            passage_id=r["passage_id"], doc_id=doc_id, title=meta.title, doc_type=meta.doc_type,
            municipalities=meta.municipalities, date=meta.date, page=r.get("page", 1), section=section,
            section_title=meta.items.get(section), source_path=meta.source_path, text=r.get("text", ""),
            is_decision=bool(r.get("is_decision")), score=0.0, coverage=0.0,
            low_quality=r.get("page", 1) in meta.low_quality_pages, organisation=meta.organisation) for r in rows]

    def term_frequencies(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """(passages and documents in the index, {analysed term: how many of them contain it})
        for weighting question words by rarity."""
        with self._reading() as v:
            reader = v.searcher.reader()
            return reader.doc_count(), {t: reader.doc_frequency("text", t) for t in terms}

    def _doc_set(self, v: _View, q: query.Query, memo: dict | None = None) -> np.ndarray:
        """Sorted positions of the documents with a passage matching q."""
        return v.arrays.docs_of(self._records(v, q, memo)[0])

    def _match_documents(self, v: _View, uq: UserQuery) -> tuple[query.Query | None, _Matched, bool]:
        """Documents that contain the query's words somewhere (not necessarily
        in one passage), each with its best passage under an OR of the words.

        Phrases, operator expressions and titel: words are all needed; of the
        other words (question words and stop words left out) every one in a
        short query, most in a long one (query_syntax.min_should_match).
        Question words only rank. Documents with more of the words rank first.
        When no document qualifies, fall back to any of the words (relaxed).
        """
        counted, required, optional, negative = self._query_parts(uq, plain_fallback=True)
        positive = required + counted       # the clauses that decide which documents match
        a = v.arrays
        # Each word's clause (the word with its expansions) is evaluated once per
        # search and its result kept in the generation's term cache.
        memo: dict = {"clauses": frozenset(id(c) for c in positive + optional + negative)}
        scoring = None
        if len(positive) == 1 and not optional:
            # One word: the scoring search itself says which documents have it.
            scoring = positive[0]
            scored = self._match(v, scoring, memo)
            sets = [np.sort(scored.doc)]  # one entry per document already
        else:
            sets = [self._doc_set(v, c, memo) for c in positive]
        allowed = np.arange(len(a.ids))
        for s_ in sets[:len(required)]:
            allowed = np.intersect1d(allowed, s_, assume_unique=True)
        if counted:
            need = min_should_match(len(counted))
            hits = np.zeros(len(a.ids), dtype=np.int64)
            for s_ in sets[len(required):]:
                hits[s_] += 1
            allowed = np.intersect1d(allowed, np.flatnonzero(hits >= need), assume_unique=True)
        relaxed = False
        if not len(allowed) and len(sets) > 1:
            allowed = np.unique(np.concatenate(sets))
            relaxed = bool(len(allowed))
        for c in negative:
            allowed = np.setdiff1d(allowed, self._doc_set(v, c, memo), assume_unique=True)
        if not positive:
            n = len(allowed)
            return None, _Matched(doc=allowed, score=np.zeros(n), record=np.full(n, -1, dtype=np.int64),
                                  n=np.zeros(n, dtype=np.int64)), False
        if scoring is None:
            scoring = _union_matchers(query.Or(positive + optional))
            scored = self._match(v, scoring, memo)
        matches = scored.take(np.isin(scored.doc, allowed))
        # A document with more of the words is the better answer: it ranks above
        # those with fewer (cover), and its score is scaled by the share it has.
        cover = np.zeros(len(matches.doc), dtype=np.int64)
        for s_ in sets:
            cover += np.isin(matches.doc, s_)
        if len(sets) > 1 and (cover < len(sets)).any():
            matches.score = matches.score * (cover / len(sets))
        matches.cover = cover
        return scoring, matches, relaxed and bool(len(matches.doc))

    def search(self, request: SearchRequest, suggest: bool = True) -> SearchResult:
        if request.sort not in SORTS:
            raise QueryError(f"okänd sortering: {request.sort}")
        with self._reading() as v:
            return self._search(v, request, suggest)

    def _search(self, v: _View, request: SearchRequest, suggest: bool = True) -> SearchResult:
        uq = (parse_user_query(request.query, vocabulary=v) if request.query.strip()
              else UserQuery(text=""))
        relaxed = False
        q = None
        searching = bool(uq.text or uq.title_text)
        a = v.arrays
        if searching:
            q, matches, relaxed = self._match_documents(v, uq)
        else:
            n_docs = len(a.ids)
            matches = _Matched(doc=np.arange(n_docs), score=np.zeros(n_docs),
                               record=np.full(n_docs, -1, dtype=np.int64), n=np.zeros(n_docs, dtype=np.int64))

        # Filters typed in the query (typ:, kommun:, …) act like the facet filters.
        selected = {
            "area": set(request.areas) | set(uq.areas),
            "municipality": set(request.municipalities) | set(uq.municipalities),
            "doc_type": set(request.doc_types) | set(uq.doc_types),
            "year": {str(y) for y in request.years},
            "body": set(request.bodies) | set(uq.bodies),
        }
        date_from, date_to = uq.date_from, uq.date_to
        docs = matches.doc

        # Each filter as a mask over the matched documents.
        base = np.ones(len(docs), dtype=bool)
        if date_from or date_to:
            dates = a.dates[docs]
            has_date = dates != ""
            if date_from:
                base &= has_date & (dates >= date_from)
            if date_to:
                base &= has_date & (dates <= date_to)
        group_masks: dict[str, np.ndarray] = {}
        for group, wanted in selected.items():
            if not wanted:
                continue
            cols = {val: k for k, val in enumerate(a.values[group])}
            member = a.member[group][docs]
            if group == "area":
                # Areas narrow (a document must address all chosen areas);
                # the other groups offer alternatives.
                mask = np.ones(len(docs), dtype=bool)
                for val in wanted:
                    mask &= member[:, cols[val]] if val in cols else False
            else:
                present = [cols[val] for val in wanted if val in cols]
                mask = member[:, present].any(axis=1) if present else np.zeros(len(docs), dtype=bool)
            group_masks[group] = mask

        def passes(skip: str | None = None) -> np.ndarray:
            mask = base.copy()
            for group, m in group_masks.items():
                if group != skip:
                    mask &= m
            return mask

        kept_mask = passes()
        facets: dict[str, list[FacetValue]] = {}
        for group in FACET_ORDER:
            # Areas narrow rather than offer alternatives, so their counts keep
            # the area filter on: each count is what ticking that area gives.
            mask = kept_mask if group == "area" else passes(skip=group)
            member = a.member[group][docs[mask]]
            totals = np.count_nonzero(member, axis=0)
            # Values in the order the matched documents first show them, as the
            # facet order's ties fall back on that order.
            present = np.flatnonzero(totals)
            first_seen = member.argmax(axis=0)[present] if len(present) else present
            counts: dict[str, int] = {}
            for k in present[np.argsort(first_seen, kind="stable")]:
                counts[a.values[group][k]] = int(totals[k])
            for val in selected[group]:
                counts.setdefault(val, 0)
            facets[group] = sorted(
                (FacetValue(value=val, label=self._label(group, val), count=n, selected=val in selected[group])
                 for val, n in counts.items()),
                key=lambda f: self._facet_key(group, f))

        kept = matches.take(kept_mask)
        # Several matching passages make a document a little more relevant.
        # (A table by number of passages, each entry computed with math.log1p as before.)
        bonus = np.array([1 + 0.05 * math.log1p(max(n - 1, 0)) for n in range(int(kept.n.max(initial=0)) + 1)],
                         dtype=np.float64)
        score = kept.score * bonus[kept.n]
        arrival = np.arange(len(kept.doc))
        if request.sort == "date" or not searching:
            # Newest first, then the better score; ties keep their order.
            order = np.lexsort((arrival, -score, -a.date_rank[kept.doc]))
        elif kept.cover is not None:
            # More of the query's words first, then the better score, then newer.
            order = np.lexsort((arrival, -a.date_key[kept.doc], -score, -kept.cover))
        else:
            order = np.lexsort((arrival, -a.date_key[kept.doc], -score))

        page = max(1, request.page)
        limit = max(1, request.limit)
        window = order[(page - 1) * limit: page * limit]
        terms = self._terms(q)
        area_records: dict[str, np.ndarray] = {}  # for _lead_passage, once per search
        hits = [self._hit(v, a.metas[kept.doc[i]],
                          [score[i], int(kept.record[i]) if kept.record[i] >= 0 else None, int(kept.n[i])],
                          q, selected["area"], terms, area_records)
                for i in window]
        kept_total = len(kept.doc)
        result = SearchResult(request=request, total=kept_total, hits=hits, facets=facets, relaxed=relaxed)
        if suggest and uq.words and (result.total < SUGGEST_BELOW or relaxed):
            result.suggestion, result.suggestion_total = self._suggest(v, request, uq, result)
        return result

    def _suggest(self, v: _View, request: SearchRequest, uq: UserQuery, result: SearchResult
                 ) -> tuple[str | None, int]:
        """A respelling of the query from the index vocabulary, offered only
        when it finds more documents than the query as typed."""
        reader = v.searcher.reader()
        corrector = None
        new_query = request.query
        changed = False
        for word in uq.words:
            low = word.lower()
            if not low.isalpha() or len(low) < 3 or reader.doc_frequency("words", low) > 0:
                continue
            corrector = corrector or v.searcher.corrector("words")
            # Typos seldom hit the first two letters; requiring them keeps the
            # lexicon scan short.
            options = corrector.suggest(low, limit=1, maxdist=2 if len(low) > 5 else 1, prefix=2)
            if options:
                replacement = options[0] if word.islower() else options[0].capitalize()
                new_query = re.sub(rf"(?<![\w-]){re.escape(word)}(?!\w)", replacement, new_query, count=1)
                changed = True
        if not changed:
            return None, 0
        alt = self._search(v, replace(request, query=new_query, page=1), suggest=False)
        # A relaxed result matched only some words; a respelling that matches all is better.
        if alt.total > 0 and not alt.relaxed and (result.relaxed or alt.total > result.total):
            return new_query, alt.total
        return None, 0

    def _label(self, group: str, value: str) -> str:
        if group == "area":
            return area_label(value)
        if group == "doc_type":
            return DOC_TYPE_LABELS.get(value, value)
        if group == "body":
            return value[:1].upper() + value[1:]
        return value

    def _facet_key(self, group: str, f: FacetValue):
        if group == "area":
            order = list(self._area_labels)
            return (order.index(f.value) if f.value in order else len(order), f.value)
        if group == "year":
            return (-int(f.value) if f.value.isdigit() else 0,)
        return (-f.count, f.label)

    def _hit(self, v: _View, meta: _DocMeta, match: list, q: query.Query | None, areas: set[str],
             terms: tuple[set[str], set[str]] | None = None, area_records: dict | None = None) -> Hit:
        score, docnum, n = match
        if docnum is None:
            docnum = self._lead_passage(v, meta.doc_id, areas, area_records)
        stored = v.searcher.stored_fields(docnum) if docnum is not None else {}
        text = stored.get("text", "")
        section = stored.get("section") or None
        passage_areas = [a for a in (stored.get("areas") or "").split(",") if a]
        return Hit(
            doc_id=meta.doc_id, passage_id=stored.get("passage_id", ""), title=meta.title,
            doc_type=meta.doc_type, municipalities=meta.municipalities, body=meta.body, date=meta.date,
            page=stored.get("page", 1), section=section,
            section_title=meta.items.get(section) if section is not None else None,
            source_path=meta.source_path, snippet_html=self._snippet(text, q, terms), score=round(float(score), 4),
            areas=passage_areas or meta.areas, more_passages=max(n - 1, 0),
            low_quality=stored.get("page", 1) in meta.low_quality_pages, organisation=meta.organisation,
        )

    def _lead_passage(self, v: _View, doc_id: str, areas: set[str],
                      area_records: dict | None = None) -> int | None:
        """For browsing: the first passage addressing the chosen areas, else the first one.

        A document's passages are written in reading order (seq) one after the
        other, so record order is reading order; the areas come from the
        passages' ``areas`` postings instead of loading every passage.
        ``area_records``: the areas' record numbers, kept for the other hits of a search."""
        a = v.arrays
        pos = a.pos.get(doc_id)
        if pos is None:
            return None
        records = a.passages_of(pos)
        if not len(records):
            return None
        if areas:
            # The document's few records looked up in each area's sorted posting
            # list (hundreds of thousands of records): a binary search each,
            # instead of sorting the whole list again.
            with_areas = records
            for area in sorted(areas):
                ids = area_records.get(area) if area_records is not None else None
                if ids is None:
                    ids = self._records(v, query.Term("areas", area))[0]
                    if area_records is not None:
                        area_records[area] = ids
                if not len(ids):
                    with_areas = with_areas[:0]
                    break
                at = np.minimum(np.searchsorted(ids, with_areas), len(ids) - 1)
                with_areas = with_areas[ids[at] == with_areas]
            if len(with_areas):
                return int(with_areas[0])
        return int(records[0])


    # -- highlighting ---------------------------------------------------------------

    def _terms(self, q: query.Query | None) -> tuple[set[str], set[str]]:
        if q is None:
            return set(), set()
        sv, fold = set(), set()
        for fieldname, t in q.iter_all_terms(phrases=True):
            t = t.decode("utf-8") if isinstance(t, bytes) else t
            if fieldname in ("text", "title"):
                sv.add(t)
            elif fieldname == "text_folded":
                fold.add(t)
        return sv, fold

    def _spans(self, text: str, q: query.Query | None,
               terms: tuple[set[str], set[str]] | None = None) -> list[tuple[int, int]]:
        sv_terms, fold_terms = terms if terms is not None else self._terms(q)
        # Words matched only without diacritics ("Lulea") are marked from the folded field.
        return highlighting.merge(self._sv_tokens.spans(text, sv_terms)
                                  + highlighting.term_spans(text, fold_terms, self._fold))

    def _snippet(self, text: str, q: query.Query | None, terms: tuple[set[str], set[str]] | None = None) -> str:
        return highlighting.snippet(text, self._spans(text, q, terms) if q is not None else [])

    def highlight_html(self, text: str, query_text: str) -> str:
        if not query_text.strip():
            return highlighting.render(text, [])
        v = self._current()
        terms = v.highlight_terms.get(query_text)
        if terms is None:
            try:
                # The same rewriting as search (synonyms, å/ä/ö restored …), so the
                # document page marks what made it a hit.
                with v.borrow():
                    uq = parse_user_query(query_text, vocabulary=v)
                q = self._parse(" ".join(filter(None, [uq.text, uq.title_text])) or '""', qparser.OrGroup)
            except QueryError:
                terms = (set(), set())
            else:
                terms = self._terms(q)
            if len(v.highlight_terms) >= 1024:
                v.highlight_terms.clear()
            v.highlight_terms[query_text] = terms
        return highlighting.render(text, self._spans(text, None, terms))

    # -- writing ---------------------------------------------------------------------

    def _ix(self):
        if not self._writable or self._fixed_gen is None:
            raise RuntimeError("this store was opened read-only")
        return index.open_dir(str(self._fixed_gen))

    def staging(self) -> Stager:
        """Where worker processes stage segments for this generation (see whoosh_staging.py)."""
        if not self._writable or self._fixed_gen is None:
            raise RuntimeError("this store was opened read-only")
        return Stager(str(self._fixed_gen))

    def commit_staged(self, staged: Iterable[list[StagedSegment] | StagedSegment | None],
                      delete: Iterable[str] = ()) -> int:
        """Add staged segments in one commit, replacing older records of their
        documents and removing the documents ``delete``; returns records deleted."""
        self._ix()
        assert self._fixed_gen is not None
        return commit_staged(self._fixed_gen, staged, delete)

    def write_batch(self, docs: Iterable[Document]) -> int:
        """Index documents in this process (replacing earlier versions with the same doc_id)."""
        writer = self.staging().writer()
        try:
            for doc in docs:
                writer.add(doc)
        except BaseException:
            writer.cancel()
            raise
        n = len(writer)
        self.commit_staged([writer.finish()])
        return n

    def delete(self, doc_ids: Iterable[str]) -> int:
        return self.commit_staged([], delete=list(doc_ids))

    def publish(self, stats: dict, manifest: dict | None = None, exclusive: bool = False) -> None:
        """Mark this generation complete and make it the live one, atomically.

        ``manifest`` (the ingester's record of the files indexed) is stored
        inside the generation, so it always describes exactly that index.
        Everything is flushed to disk before CURRENT is switched, so even a
        power cut leaves either the old or the complete new generation live.
        ``exclusive``: the caller holds the index's update lock (see prune_generations).
        """
        gen = self._fixed_gen
        assert gen is not None
        previous = current_generation(self.root)
        if manifest is not None:
            _write_json(gen / MANIFEST, manifest)
        meta = read_meta(gen)
        meta.update(stats, built_at=_now(), complete=True,
                    previous=previous.name if previous is not None and previous != gen else None)
        _write_json(gen / META, meta)
        remove_staging(gen)  # leftovers of cancelled writers; nothing in it is referenced
        _fsync_tree(gen)
        tmp_link = self.root / f".{CURRENT}.{os.getpid()}"
        if tmp_link.is_symlink():
            tmp_link.unlink()
        os.symlink(gen.name, tmp_link)
        os.replace(tmp_link, self.root / CURRENT)
        _fsync_dir(self.root)
        self._fixed_gen = None
        self._writable = False
        prune_generations(self.root, keep={gen.name} | ({previous.name} if previous else set()),
                          exclusive=exclusive)

    def abandon(self) -> None:
        if self._fixed_gen is not None and self._writable:
            shutil.rmtree(self._fixed_gen, ignore_errors=True)


def _union_matchers(q: query.Query) -> query.Query:
    """Use Whoosh's streaming union for every OR.

    Below 5,000 index documents Whoosh preloads each OR into arrays the size
    of the index, which made a query with a few expanded words spend most of
    its time allocating (measured with bench/relevance)."""
    if isinstance(q, query.Or):
        q.matcher_type = query.Or.DEFAULT_MATCHER
    for sub in getattr(q, "subqueries", ()):
        _union_matchers(sub)
    for attr in ("a", "b", "query"):
        child = getattr(q, attr, None)
        if isinstance(child, query.Query):
            _union_matchers(child)
    return q


def _clauses(q: query.Query) -> tuple[list[query.Query], list[query.Query]]:
    """The words (or phrases) a query requires, and those it excludes."""
    if isinstance(q, query.AndNot):
        pos, neg = _clauses(q.a)
        return pos, neg + [q.b]
    if isinstance(q, query.Not):
        return [], [q.query]
    if isinstance(q, query.And):
        pos: list[query.Query] = []
        neg: list[query.Query] = []
        for sub in q.subqueries:
            p, n = _clauses(sub) if isinstance(sub, (query.Not, query.AndNot)) else ([sub], [])
            pos += p
            neg += n
        return pos, neg
    if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
        return [], []
    return [q], []


def prune_generations(root: Path, keep: set[str], min_age_s: float = 3600.0, exclusive: bool = False,
                      grace_s: float | None = None) -> None:
    """Remove generations that are neither live nor the one before it.

    A generation replaced less than grace_s ago stays (a reader may still be
    opening it). Unfinished generations younger than min_age_s may belong to a
    build still running in another process and are left alone, unless
    ``exclusive``: the caller holds the update lock, so an unfinished
    generation can only be what a killed run left behind.
    """
    now = time.time()
    grace = SUPERSEDED_GRACE_S if grace_s is None else grace_s
    root = Path(root)
    live = current_generation(root)
    metas = {g.name: read_meta(g) for g in root.glob("gen-*") if g.is_dir()}
    superseded_at: dict[str, float] = {}
    for m in metas.values():
        if m.get("complete") and m.get("previous") and m.get("built_at"):
            try:
                superseded_at[m["previous"]] = datetime.fromisoformat(m["built_at"]).timestamp()
            except (TypeError, ValueError):
                pass
    for name, m in metas.items():
        if name in keep or (live is not None and name == live.name):
            continue
        gen = root / name
        if not m.get("complete"):
            try:
                young = now - gen.stat().st_mtime < min_age_s
            except OSError:
                continue
            if young and not exclusive:
                continue
        elif now - superseded_at.get(name, 0.0) < grace:
            continue
        shutil.rmtree(gen, ignore_errors=True)
    if exclusive:
        for tmp_link in root.glob(f".{CURRENT}.*"):  # left by a run killed while switching
            if tmp_link.is_symlink():
                tmp_link.unlink(missing_ok=True)


def _write_json(path: Path, data: dict) -> None:
    """Whole or not at all: a new file renamed over the old name (never written
    in place, so a hard-linked copy elsewhere is never touched)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def _fsync(path: Path, flags: int = os.O_RDONLY) -> None:
    """Flush one file or directory to disk; a file that vanished or cannot be
    flushed (some file systems) is skipped: durability is best effort here."""
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    _fsync(path, os.O_RDONLY | os.O_DIRECTORY)


def _fsync_tree(gen: Path) -> None:
    """Flush a generation's files and directory to disk (Whoosh does not)."""
    for f in gen.iterdir():
        if f.is_file():
            _fsync(f)
    _fsync_dir(gen)
