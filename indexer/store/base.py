"""The one interface between the index and everything that reads or writes it.

The web app and the command line only talk to a ``Store``; Whoosh is one
implementation (indexer/store/whoosh/). A PostgreSQL full-text store can implement
the same protocol for installations that outgrow one machine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Protocol, Sequence

from ..models import Document
# What a search is asked and answers is the search core's (indexer/search/results.py);
# the store hands it on.
from ..search.results import (Case, DecisionRecord, DecisionRequest, DecisionResult,  # noqa: F401
                              FacetValue, Hit, PassageHit, PersonAct, PersonMeeting, PersonRecord, QueryError,
                              SearchRequest, SearchResult, SORTS)


@dataclass
class StoreStats:
    documents: int
    passages: int
    generation: str
    schema_version: int
    analyzer_version: str
    built_at: str | None
    notices: list[str] = field(default_factory=list)  # shown to users, e.g. "example data"


class BatchWriter(Protocol):
    """Writes documents from a worker process; ``finish()`` returns a picklable
    token for ``Store.commit_staged`` in the process that owns the store."""

    def add(self, doc: Document) -> None: ...
    def finish(self) -> object | None: ...
    def cancel(self) -> None: ...


class Staging(Protocol):
    """Picklable: handed to worker processes, which call ``writer()`` there."""

    def writer(self) -> BatchWriter: ...


class Store(Protocol):
    def write_batch(self, docs: Iterable[Document]) -> int: ...
    def staging(self) -> Staging: ...
    def commit_staged(self, staged: Iterable[object | None], delete: Iterable[str] = ()) -> int: ...
    def delete(self, doc_ids: Iterable[str]) -> int: ...
    def search(self, request: SearchRequest) -> SearchResult: ...
    def get_document(self, doc_id: str) -> Document | None: ...
    def search_passages(self, query: str, limit: int = 20) -> list[PassageHit]: ...
    def term_frequencies(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]: ...
    def section_passages(self, doc_id: str, section: str) -> list[PassageHit]: ...
    def highlight_html(self, text: str, query: str) -> str: ...
    def stats(self) -> StoreStats: ...
    def search_decisions(self, request: DecisionRequest) -> DecisionResult:
        """§ items with a decision as records (indexer/search/decisions.py)."""
    def case(self, municipality: str, dnr: str) -> Case | None:
        """Every item and document of a municipality's case (any written form of its Dnr), or None."""
    def person(self, name: str) -> PersonRecord | None:
        """The meetings (roles) and § items (motions, reservations, votes, conflicts of
        interest) of one name as the minutes write it, newest first, or None."""


# -- the index lifecycle: what the ingester (pipeline.py) needs of a backend -------------

class UnknownBackend(ValueError):
    """SEARCH_INDEX_DIR / --index names a backend (``scheme:...``) that does not exist."""


@dataclass(frozen=True)
class LiveGeneration:
    """The generation searches read now."""

    name: str                # e.g. "gen-20261205T101500-123-abcdef"
    meta: dict               # what was recorded at creation and publish (versions, stats, sources)
    built_ts: float          # when it was published (seconds since the epoch)
    location: object = None  # the backend's own handle (Whoosh: the generation folder)


@dataclass(frozen=True)
class Expected:
    """A value the caller recorded in a generation (``publish``'s ``stats``) and
    expects to find in the live one; ``reason`` (may use {found} and {expected})
    says why the index must be rebuilt when it differs."""

    key: str
    value: object
    reason: str


class NewGeneration(Protocol):
    """A generation being built, not yet live: written from worker processes
    through ``staging()`` and committed once in the process that began it."""

    def staging(self) -> Staging: ...
    def commit_staged(self, staged: Iterable[object | None], delete: Iterable[str] = ()) -> int: ...
    def write_batch(self, docs: Iterable[Document]) -> int: ...


class IndexBackend(Protocol):
    """Everything the build and the update do to an index. The live generation
    is never written to: a run begins a new generation (empty, or from the live
    one), writes it, and publishes it atomically, or abandons it."""

    #: A local folder that belongs to the index: the run lock and reports live there.
    root: Path

    def live(self) -> LiveGeneration | None:
        """The live generation, or None when there is none (or it cannot be read)."""
    def live_problem(self) -> str | None:
        """Why a live generation that should exist cannot be read, or None."""
    def manifest(self, live: LiveGeneration) -> dict | None:
        """The ingester's record of the files in ``live`` (written by publish)."""
    def rebuild_reason(self, live: LiveGeneration, expected: Sequence[Expected] = ()) -> str | None:
        """Why ``live`` cannot be updated in place (its schema or analyzer version,
        then each of ``expected`` in order), or None."""
    def prune(self) -> None:
        """Remove generations left by earlier or killed runs (the caller holds the run lock)."""
    def begin(self, sources: list[str], base: LiveGeneration | None = None) -> NewGeneration:
        """A new generation: a copy of ``base`` to update, or empty."""
    def publish(self, generation: NewGeneration, stats: dict, manifest: dict) -> str:
        """Make ``generation`` the live one, atomically, with ``stats`` and
        ``manifest`` recorded in it; returns its name. The caller holds the run lock."""
    def abandon(self, generation: NewGeneration) -> None:
        """Throw away an unpublished generation; the live one is untouched."""
    def open_store(self) -> Store:
        """The live index for searching (follows later publishes)."""
