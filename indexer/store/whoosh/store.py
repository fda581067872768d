"""The Whoosh Store: searching the live generation (through indexer/search/core.py)
and writing a new one."""
from __future__ import annotations

import json
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from whoosh import index

from ...models import Document, Passage
from ...search import core, decisions, people
from ...search.snippets import render
from ..base import (Case, DecisionRequest, DecisionResult, PassageHit, PersonRecord, SearchRequest, SearchResult,
                    StoreStats)
from .compile import WhooshCompiler
from .generations import IndexNotFound, current_generation, make_live, new_generation
from .schema import make_schema
from .staging import StagedSegment, Stager, commit_staged
from .view import _View

def create_generation(root: Path, sources: list[str] | None = None, base: Path | None = None) -> "WhooshStore":
    """A store writing into a new, not yet live generation (generations.new_generation)."""
    return WhooshStore(root, generation=new_generation(Path(root), sources, base), writable=True)


def open_store(root: Path | str) -> "WhooshStore":
    root = Path(root)
    if current_generation(root) is None:
        raise IndexNotFound(
            f"no index in {root}: build one with `python -m indexer build --source corpus --index {root}`")
    return WhooshStore(root)


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

    def search_decisions(self, request: DecisionRequest, suggest: bool = True) -> DecisionResult:
        """§ items with a decision as records (search.decisions.search)."""
        with self._reading() as v:
            return decisions.search(v, request, suggest)

    def case(self, municipality: str, dnr: str) -> Case | None:
        """Every item and document of a municipality's case, in order (search.decisions.case)."""
        with self._reading() as v:
            return decisions.case(v, municipality, dnr)

    def person(self, name: str) -> PersonRecord | None:
        """The meetings and § items of one name, newest first (search.people.person)."""
        with self._reading() as v:
            return people.person(v, name)

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
        """Where worker processes stage segments for this generation (see staging.py)."""
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
        """Mark this generation complete and make it the live one (generations.make_live)."""
        assert self._fixed_gen is not None
        make_live(self.root, self._fixed_gen, stats, manifest, exclusive)
        self._fixed_gen = None
        self._writable = False

    def abandon(self) -> None:
        if self._fixed_gen is not None and self._writable:
            shutil.rmtree(self._fixed_gen, ignore_errors=True)
