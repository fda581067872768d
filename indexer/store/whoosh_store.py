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
import os
import secrets
import shutil
import threading
import time
import weakref
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import numpy as np
from whoosh import index, query
from whoosh.scoring import BM25F

from .. import analysis
from ..models import Document, Passage
from ..search import core
from ..search.documents import DocArrays, DocMeta
from ..search.query import Node
from ..search.snippets import render
from . import fastsearch
from .whoosh_compile import WhooshCompiler
from .whoosh_schema import make_schema
from .whoosh_staging import StagedSegment, Stager, commit_staged, remove_staging
from .base import PassageHit, QueryError, SearchRequest, SearchResult, StoreStats

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


def _record_docs(docs: dict[str, DocMeta], reader) -> tuple[np.ndarray, np.ndarray]:
    """For DocArrays: index record -> document position (-1 for the document
    records themselves), and document position -> its document record."""
    pos = {d: i for i, d in enumerate(docs)}
    record_doc = np.full(reader.doc_count_all(), -1, dtype=np.int64)
    for term in reader.lexicon("doc_id"):
        i = pos.get(term.decode("utf-8"))
        if i is not None:
            record_doc[np.fromiter(reader.postings("doc_id", term).all_ids(), dtype=np.int64)] = i
    doc_record = np.full(len(docs), -1, dtype=np.int64)
    if ("kind", b"document") in reader:
        records = np.fromiter(reader.postings("kind", b"document").all_ids(), dtype=np.int64)
        owner = record_doc[records]
        doc_record[owner[owner >= 0]] = records[owner >= 0]
        record_doc[records] = -1
    return record_doc, doc_record


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
    """One generation: its index, what we derive from it once, and the search
    core's engine interface (indexer/search/engine.py) over it.

    Whoosh searchers come from a small pool shared by the threads (see
    SearcherPool: ``with view.borrow() as searcher``; inside, ``view.searcher``
    is the searcher this thread holds); the derived document metadata, arrays
    and caches are shared.
    """

    def __init__(self, gen: Path, compiler: WhooshCompiler, searchers: int | None = None):
        self.gen = gen
        self.compiler = compiler
        self.ix = _open_index(gen)
        self.meta_json = read_meta(gen)
        from .. import config
        self.pool = SearcherPool(lambda: self.ix.searcher(weighting=BM25F()),
                                 config.searchers() if searchers is None else searchers)
        self._restore: dict[str, str] | None = None
        self._restore_lock = threading.Lock()
        self._frequencies: dict[str, int] = {}
        self.docs: dict[str, DocMeta] = {}
        with self.borrow() as searcher:
            for stored in searcher.documents(kind="document"):
                m = json.loads(stored["meta"])
                m["items"] = {str(k): v for k, v in m.get("items", {}).items()}
                self.docs[m["doc_id"]] = DocMeta(**m)
            self.passages = searcher.doc_count() - len(self.docs)
        # Search-side caches of this generation (see fastsearch.py).
        self.lengths = fastsearch.LengthCache()
        self.terms = fastsearch.TermCache(config.term_cache_mb() << 20)
        self._arrays: DocArrays | None = None
        self._arrays_lock = threading.Lock()
        #: query text -> what highlight_html marks (a document page highlights
        #: paragraph by paragraph with the same query)
        self.highlight_marks: dict[str, object] = {}

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
    def arrays(self) -> DocArrays:
        """Per-document arrays for vectorised matching, filtering and facets (built once)."""
        if self._arrays is None:
            # The searcher first, then the lock: no thread waits for a searcher
            # while holding the lock.
            with self.borrow() as searcher, self._arrays_lock:
                if self._arrays is None:
                    self._arrays = DocArrays(self.docs, *_record_docs(self.docs, searcher.reader()))
        return self._arrays

    # -- the engine interface (indexer/search/engine.py) ------------------------------

    def compile(self, node: Node) -> query.Query | None:
        return self.compiler.compile(node)

    def any_of(self, clauses) -> query.Query:
        return self.compiler.any_of(clauses)

    def memo(self, clauses) -> dict:
        # fastsearch keeps these clauses' results in the generation's term cache.
        return {"clauses": frozenset(id(c) for c in clauses)}

    def records(self, clause: query.Query, memo: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(record numbers, scores) of every passage the clause matches: exactly
        Whoosh's ``searcher.search(q, limit=None)``, computed block-wise (fastsearch.py)."""
        try:
            try:
                cache_nodes = memo.get("clauses", frozenset()) if memo is not None else frozenset()
                return fastsearch.evaluate(self.searcher, clause, self.lengths, self.terms, memo, cache_nodes)
            except fastsearch.Unsupported:
                results = self.searcher.search(clause, limit=None)
                n = results.scored_length()
                ids = np.array([results.docnum(i) for i in range(n)], dtype=np.int64)
                scores = np.array([results.score(i) for i in range(n)], dtype=np.float64)
                order = np.argsort(ids, kind="stable")
                return ids[order], scores[order]
        except QueryError:
            raise
        except Exception as exc:
            raise QueryError(f"sökfrågan kunde inte köras: {exc}") from exc

    def passage(self, record: int) -> dict:
        stored = dict(self.searcher.stored_fields(record))
        stored["section"] = stored.get("section") or None
        stored["areas"] = [a for a in (stored.get("areas") or "").split(",") if a]
        return stored

    def area_records(self, area: str) -> np.ndarray:
        return self.records(query.Term("areas", area))[0]

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

    def respell(self, word: str) -> str | None:
        # Typos seldom hit the first two letters; requiring them keeps the
        # lexicon scan short.
        options = self.searcher.corrector("words").suggest(word, limit=1, maxdist=2 if len(word) > 5 else 1,
                                                           prefix=2)
        return options[0] if options else None

    def marks(self, clauses) -> tuple[set[str], set[str]]:
        return self.compiler.marks(clauses)

    def spans(self, text: str, marks) -> list[tuple[int, int]]:
        return self.compiler.spans(text, marks)


class WhooshStore:
    def __init__(self, root: Path, generation: Path | None = None, writable: bool = False):
        self.root = Path(root)
        self._fixed_gen = generation
        self._writable = writable
        self._lock = threading.Lock()
        self._view: _View | None = None
        self._compiler = WhooshCompiler(make_schema())

    # -- reading ------------------------------------------------------------------

    def _current(self) -> _View:
        gen = self._fixed_gen or current_generation(self.root)
        if gen is None:
            raise IndexNotFound(f"no index in {self.root}")
        view = self._view
        if view is None or view.gen != gen:
            with self._lock:
                old = self._view
                if old is None or old.gen != gen:
                    self._view = _View(gen, self._compiler)
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

    def search(self, request: SearchRequest, suggest: bool = True) -> SearchResult:
        with self._reading() as v:
            return core.search(v, request, suggest)

    def search_passages(self, query_text: str, limit: int = 20) -> list[PassageHit]:
        """The best passages for a question or query (search.core.search_passages)."""
        with self._reading() as v:
            return core.search_passages(v, query_text, limit)

    def section_passages(self, doc_id: str, section: str) -> list[PassageHit]:
        """Every passage of one § item of a minutes document, in reading order."""
        with self._reading() as v:
            return core.section_passages(v, doc_id, section)

    def term_frequencies(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """(passages and documents in the index, {analysed term: how many of them contain it})
        for weighting question words by rarity."""
        with self._reading() as v:
            reader = v.searcher.reader()
            return reader.doc_count(), {t: reader.doc_frequency("text", t) for t in terms}

    def highlight_html(self, text: str, query_text: str) -> str:
        if not query_text.strip():
            return render(text, [])
        v = self._current()
        marks = v.highlight_marks.get(query_text)
        if query_text not in v.highlight_marks:
            with v.borrow():
                marks = core.highlight_marks(v, query_text)
            if len(v.highlight_marks) >= 1024:
                v.highlight_marks.clear()
            v.highlight_marks[query_text] = marks
        return core.highlight_html(v, text, marks)

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
