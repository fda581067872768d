"""The three systems under comparison, behind one small interface.

(a) and (b) are plain Whoosh indexes built in memory (RamStorage) over exactly
the passages that ``indexer.pipeline.load_documents`` produces; (c) is the
product: ``build_index`` + ``open_store(...).search``.

Fairness rules for (a) and (b), mirroring what the product does:

* one Whoosh document per passage, fields ``title`` (the document title,
  boost 2 in the parser, like the product) and ``text``; BM25F scoring;
* MultifieldParser with AND semantics; when AND finds nothing, the same
  query is parsed again with OR semantics (the product relaxes on its own);
* ranking unit = documents: passages are deduplicated to their document in
  score order (first occurrence wins), so a document scores its best passage;
* an area filter keeps documents whose ``Document.areas`` contain every
  requested area; an empty query lists the matching documents by date, newest
  first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

from whoosh import qparser
from whoosh.analysis import Analyzer, LanguageAnalyzer, StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.scoring import BM25F

TITLE_BOOST = 2.0
FACET_GROUPS = ("area", "municipality", "doc_type", "year", "body")


@dataclass
class Ranked:
    """A system's answer to one query: document keys (source paths), best first."""

    keys: list[str]
    relaxed: bool = False       # AND found nothing and OR semantics were used
    error: str | None = None    # the query could not be run
    total: int = 0              # matching documents (after filters)


class System(Protocol):
    name: str
    label: str

    def rank(self, query: str, areas: Sequence[str] = (), k: int = 10) -> Ranked: ...

    def serve(self, query: str, areas: Sequence[str] = (), k: int = 10) -> object:
        """What an interactive search does: ranking plus facets and highlighted snippets."""
        ...


@dataclass
class _DocInfo:
    key: str
    date: str
    areas: frozenset[str]
    facets: dict[str, list[str]] = field(default_factory=dict)


def standard_analyzer() -> Analyzer:
    return StandardAnalyzer()


def swedish_snowball_analyzer() -> Analyzer:
    return LanguageAnalyzer("sv")


class WhooshBaseline:
    """An in-memory Whoosh index over the given documents' passages."""

    def __init__(self, name: str, label: str, analyzer: Analyzer, docs: Sequence) -> None:
        self.name = name
        self.label = label
        self.schema = Schema(
            pid=ID(stored=True),
            doc=ID(stored=True),
            title=TEXT(analyzer=analyzer),
            text=TEXT(analyzer=analyzer, stored=True),
        )
        self.ix = RamStorage().create_index(self.schema)
        self.docs: dict[str, _DocInfo] = {}
        writer = self.ix.writer()
        for d in docs:
            self.docs[d.doc_id] = _DocInfo(
                key=d.source_path, date=d.date or "", areas=frozenset(d.areas),
                facets={"area": list(d.areas), "municipality": list(d.municipalities),
                        "doc_type": [d.doc_type], "year": [d.date[:4]] if d.date else [],
                        "body": [d.body] if d.body else []})
            for p in d.passages:
                writer.add_document(pid=p.passage_id, doc=d.doc_id, title=d.title, text=p.text)
        writer.commit()
        self.order = list(self.docs)  # load order, the tie-break for equal dates
        self.searcher = self.ix.searcher(weighting=BM25F())
        self.doc_of = [""] * self.searcher.doc_count_all()
        for docnum, stored in self.searcher.reader().iter_docs():
            self.doc_of[docnum] = stored["doc"]
        boosts = {"title": TITLE_BOOST, "text": 1.0}
        self.parsers = {
            group: qparser.MultifieldParser(["title", "text"], self.schema, fieldboosts=boosts, group=group)
            for group in (qparser.AndGroup, qparser.OrGroup)
        }

    def close(self) -> None:
        self.searcher.close()

    # -- searching ------------------------------------------------------------

    def _passes(self, doc_id: str, areas: Sequence[str]) -> bool:
        return not areas or set(areas) <= self.docs[doc_id].areas

    def _search(self, text: str, areas: Sequence[str]):
        """(results, [(doc_id, result index)] in rank order, relaxed)."""
        relaxed = False
        results = None
        for group in (qparser.AndGroup, qparser.OrGroup):
            q = self.parsers[group].parse(text)
            results = self.searcher.search(q, limit=None)
            if not results.is_empty():
                break
            relaxed = True
        assert results is not None
        if results.is_empty():
            return results, [], False
        seen: set[str] = set()
        ranked = []
        for i in range(results.scored_length()):
            doc_id = self.doc_of[results.docnum(i)]
            if doc_id in seen:
                continue
            seen.add(doc_id)
            if self._passes(doc_id, areas):
                ranked.append((doc_id, i))
        return results, ranked, relaxed

    def _browse(self, areas: Sequence[str]) -> list[str]:
        kept = [d for d in self.order if self._passes(d, areas)]
        kept.sort(key=lambda d: self.docs[d].date, reverse=True)  # stable: load order breaks ties
        return kept

    def rank(self, query: str, areas: Sequence[str] = (), k: int = 10) -> Ranked:
        text = query.strip()
        try:
            if not text:
                kept = self._browse(areas)
                return Ranked([self.docs[d].key for d in kept[:k]], total=len(kept))
            _results, ranked, relaxed = self._search(text, areas)
        except Exception as exc:  # whoosh raises assorted errors on odd syntax
            return Ranked([], error=f"{type(exc).__name__}: {exc}")
        return Ranked([self.docs[d].key for d, _i in ranked[:k]], relaxed=relaxed, total=len(ranked))

    def serve(self, query: str, areas: Sequence[str] = (), k: int = 10) -> dict:
        """Ranking + facet counts over all matching documents + highlighted
        snippets (hit.highlights("text")) of the top k documents' best passages."""
        text = query.strip()
        if not text:
            kept = self._browse(areas)
            top = kept[:k]
            snippets = [self.docs[d].key for d in top]
            matched = kept
        else:
            results, ranked, _relaxed = self._search(text, areas)
            matched = [d for d, _i in ranked]
            top = ranked[:k]
            snippets = [results[i].highlights("text") for _d, i in top]
        facets: dict[str, dict[str, int]] = {g: {} for g in FACET_GROUPS}
        for d in matched:
            for g in FACET_GROUPS:
                for v in self.docs[d].facets[g]:
                    facets[g][v] = facets[g].get(v, 0) + 1
        return {"hits": top, "snippets": snippets, "facets": facets}


class ProductSystem:
    """The product's store over an index built by ``build_index``."""

    def __init__(self, index_root: Path, name: str = "c", label: str = "product", suggest: bool = True) -> None:
        from indexer.store import open_store
        self.name = name
        self.label = label
        self.store = open_store(index_root)
        self.suggest = suggest
        self._kwargs = {} if suggest else {"suggest": False}

    @staticmethod
    def can_skip_suggestions(index_root: Path) -> bool:
        """Whether the store's search() takes suggest=False (skip "Menade du" respelling)."""
        import inspect
        from indexer.store import WhooshStore
        return "suggest" in inspect.signature(WhooshStore.search).parameters

    def _request(self, query: str, areas: Sequence[str], k: int):
        from indexer.store import SearchRequest
        return SearchRequest(query=query, areas=list(areas), limit=k)

    def rank(self, query: str, areas: Sequence[str] = (), k: int = 10) -> Ranked:
        from indexer.store import QueryError
        try:
            res = self.store.search(self._request(query, areas, k), **self._kwargs)
        except QueryError as exc:
            return Ranked([], error=str(exc))
        keys = []
        seen = set()
        for h in res.hits:  # one hit per document already; dedupe defensively
            if h.source_path not in seen:
                seen.add(h.source_path)
                keys.append(h.source_path)
        return Ranked(keys[:k], relaxed=res.relaxed, total=res.total)

    def serve(self, query: str, areas: Sequence[str] = (), k: int = 10):
        from indexer.store import QueryError
        try:
            return self.store.search(self._request(query, areas, k), **self._kwargs)  # facets + snippets included
        except QueryError:
            return None


def make_baselines(docs: Sequence) -> list[WhooshBaseline]:
    return [
        WhooshBaseline("a", "Whoosh StandardAnalyzer", standard_analyzer(), docs),
        WhooshBaseline("b", 'Whoosh LanguageAnalyzer("sv")', swedish_snowball_analyzer(), docs),
    ]
