"""What the search core asks of an engine: the narrow adapter interface.

One ``Engine`` is one index state (a generation), used by one search at a
time per thread. Records are the engine's numbers for what it indexed: every
passage is one record, numbered in reading order within its document.
"""
from __future__ import annotations

from typing import Any, Protocol, Sequence

import numpy as np

from .documents import DocArrays, DocMeta
from .query import Node

#: A clause compiled by the engine (opaque to the core).
Clause = Any


class Engine(Protocol):
    docs: dict[str, DocMeta]

    @property
    def arrays(self) -> DocArrays: ...

    # -- matching -------------------------------------------------------------------
    def compile(self, node: Node) -> Clause | None:
        """The node as the engine's query; None when analysis leaves nothing of it
        (a stop word, punctuation)."""

    def any_of(self, clauses: Sequence[Clause]) -> Clause:
        """A clause matching any of these, scoring as their sum."""

    def memo(self, clauses: Sequence[Clause]) -> object:
        """A per-search scratch space; ``clauses`` are worth remembering across searches."""

    def records(self, clause: Clause, memo: object | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(record numbers ascending, scores) of every passage the clause matches;
        raises QueryError when the engine cannot run it."""

    def passage(self, record: int) -> dict:
        """A passage's stored fields: passage_id, doc_id, seq, page, section (str or
        None), text, areas (list of ids), is_decision, toc."""

    def area_records(self, area: str) -> np.ndarray:
        """Record numbers (ascending) of the passages tagged with an area."""

    def record_sections(self) -> np.ndarray:
        """The § (MinutesItem.number) of every record, indexed by record number:
        an object array of str, "" for a passage outside any § item and for
        records that are no passage. Called once per index state (decision records)."""

    # -- vocabulary -----------------------------------------------------------------
    def frequency(self, word: str) -> int:
        """Passages containing the word as written (lower-cased)."""

    def restore_diacritics(self, word: str) -> str | None:
        """The index's most frequent spelling with å/ä/ö of a word typed without them."""

    def respell(self, word: str) -> str | None:
        """The nearest word of the index's vocabulary to a word it does not have."""

    # -- highlighting -----------------------------------------------------------------
    def marks(self, clauses: Sequence[Clause]) -> object:
        """What to mark in texts for these clauses (computed once per search)."""

    def spans(self, text: str, marks: object) -> list[tuple[int, int]]:
        """Character spans of the words of ``text`` that ``marks`` marks, merged."""
