"""One generation as the search core sees it (indexer/search/engine.py).

Each passage is one Whoosh document (kind=passage); each source document is
one more (kind=document) carrying its metadata and full text as stored JSON.
Filtering and facet counting happen on document metadata held in memory per
generation (indexer/search/documents.py), which makes facet counts exact per
document and lets every facet group count as if its own filter were off.
"""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from whoosh import query
from whoosh.scoring import BM25F

from ... import analysis
from ...search.documents import DocArrays, DocMeta
from ...search.query import Node
from ..base import QueryError
from . import derived, fastsearch
from .compile import WhooshCompiler
from .derived import open_index as _open_index
from .generations import read_meta
from .pool import SearcherPool

#: Whoosh searchers per generation and process (SearcherPool) and the memory for
#: decoded posting lists (fastsearch.TermCache) are SEARCH_SEARCHERS and
#: SEARCH_TERM_CACHE_MB, read by indexer/config.py when a generation is opened.


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
        from ... import config
        self.pool = SearcherPool(lambda: self.ix.searcher(weighting=BM25F()),
                                 config.searchers() if searchers is None else searchers)
        self._restore: derived.RestoreMap | dict[str, str] | None = None
        self._restore_lock = threading.Lock()
        self._frequencies: dict[str, int] = {}
        with self.borrow() as searcher:
            # What the generation stores for searching (derived.py), when it was
            # published by a version that stores it; otherwise built here and on first use.
            stored = derived.load(gen, searcher.reader())
            #: whether this generation's structures came from its stored files
            self.from_stored = stored is not None
            self.docs: dict[str, DocMeta] = (stored.documents() if stored is not None
                                             else derived.documents(derived.stored_metas(searcher)))
            self.passages = searcher.doc_count() - len(self.docs)
        # Search-side caches of this generation (see fastsearch.py).
        self.lengths = fastsearch.LengthCache()
        self.terms = fastsearch.TermCache(config.term_cache_mb() << 20)
        self._arrays: DocArrays | None = None
        self._arrays_lock = threading.Lock()
        if stored is not None:
            # Cheap from the stored arrays, and done now rather than in the first search.
            self._arrays = stored.arrays(self.docs)
            self._restore = stored.restore
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
                    self._arrays = DocArrays(self.docs, *derived.record_docs(list(self.docs), searcher.reader()))
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

    def record_sections(self) -> np.ndarray:
        # From the section field's postings, as _record_docs reads doc_id: a
        # few hundred § numbers instead of every passage's stored fields.
        with self.borrow() as searcher:
            reader = searcher.reader()
            sections = np.full(reader.doc_count_all(), "", dtype=object)
            for term in reader.lexicon("section"):
                ids = np.fromiter(reader.postings("section", term).all_ids(), dtype=np.int64)
                sections[ids] = term.decode("utf-8")
        return sections

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
                    self._restore = derived.restore_map(searcher.reader())
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
