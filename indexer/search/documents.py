"""The documents of one index state as arrays, so that matching, filters,
facet counts and ordering run as numpy operations whatever the engine.

An engine adapter numbers its records (passages and document records) and
says which document each record belongs to; everything else is built here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .facets import Facet, facets


@dataclass
class DocMeta:
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
    # Where the source publishes the document, when it was harvested (Document.public_url …);
    # indexes written before lack them, which is what a document not harvested has.
    public_url: str | None = None
    published_site: str | None = None
    gone_since: str | None = None
    #: The § items that record a decision or carry a diary number, as
    #: indexer/search/decisions.py ``item_records`` writes them (number, title,
    #: dnr, decision, proposal, pages, areas): the decision records and the
    #: items of cases come from here, not from the stored documents. Indexes
    #: written before have none, as a document without such items.
    item_records: list[dict] = field(default_factory=list)
    #: Diary numbers a document without § items states as its own (a
    #: tjänsteskrivelse's "Diarienummer", an agreement's header), as written;
    #: indexer/cases.py ``document_dnrs``.
    dnrs: list[str] = field(default_factory=list)
    #: The persons the minutes name and the parties beside them (the Person and
    #: Party facets), and the meeting's roles as JSON text (a list of
    #: indexer/structure/people.py ``role_json``), parsed only by the person pages
    #: (indexer/search/people.py), not with every document at the start;
    #: indexer/structure/people.py ``document_fields`` writes them.
    persons: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    attendance: str = ""

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    def decision_of(self, section: str | None) -> str | None:
        """The decision of the § item ``section`` on one line, or None."""
        if section is None:
            return None
        for record in self.item_records:
            if record["number"] == section and record.get("decision"):
                return " ".join(record["decision"].split())
        return None


class DocArrays:
    """The documents in a fixed order (positions), which document each engine
    record belongs to, and each document's facet values and date."""

    def __init__(self, docs: dict[str, DocMeta], record_doc: np.ndarray, doc_record: np.ndarray,
                 groups: tuple[Facet, ...] | None = None):
        """``record_doc``: record -> document position, -1 for records that are no
        passage; ``doc_record``: document position -> its document record, -1 if none.
        A document's passages must be numbered in reading order."""
        self.ids = list(docs)
        self.metas = [docs[d] for d in self.ids]
        self.pos = {d: i for i, d in enumerate(self.ids)}
        self.record_doc = record_doc
        self.doc_record = doc_record
        # Each document's passage records, ascending (= reading order).
        self._by_doc = np.argsort(self.record_doc, kind="stable")
        self._starts = np.searchsorted(self.record_doc[self._by_doc], np.arange(len(self.ids) + 1))
        self.dates = np.array([m.date or "" for m in self.metas], dtype=object)
        # Rank of each date string (missing first), for sorting as strings sort.
        uniq = sorted(set(self.dates.tolist()))
        rank = {d: k for k, d in enumerate(uniq)}
        self.date_rank = np.array([rank[d] for d in self.dates.tolist()], dtype=np.int64)
        self.date_key = np.array([int((m.date or "0").replace("-", "")) for m in self.metas], dtype=np.int64)
        #: the facet groups, in display order (built once: the area group reads the areas file)
        self.groups = groups or facets()
        self._pair_starts: dict[str, np.ndarray] = {}
        self._value_rank: dict[str, np.ndarray] = {}
        self.values: dict[str, list[str]] = {}
        #: per group, the (document position, value column) pairs, by document: a
        #: list, not a documents × values matrix, since a group may have thousands
        #: of values (persons) that each few documents have
        self.member: dict[str, np.ndarray] = {}
        for facet in self.groups:
            per_doc = [facet.values(m) for m in self.metas]
            vals = sorted({v for vs in per_doc for v in vs})
            col = {v: k for k, v in enumerate(vals)}
            pairs = [(i, col[v]) for i, vs in enumerate(per_doc) for v in dict.fromkeys(vs)]
            self.values[facet.group] = vals
            self.member[facet.group] = np.array(pairs, dtype=np.int32).reshape(-1, 2)

    @classmethod
    def from_stored(cls, docs: dict[str, DocMeta], record_doc: np.ndarray, doc_record: np.ndarray,
                    stored: dict, groups: tuple[Facet, ...] | None = None) -> "DocArrays":
        """The same as ``DocArrays(docs, record_doc, doc_record)``, from what ``stored()``
        of that instance returned, without its loops over every document: an index
        keeps them with each generation (indexer/store/whoosh/derived.py, which
        checks that this module and facets.py are the code they were computed with)."""
        self = cls.__new__(cls)
        self.ids = list(docs)
        self.metas = [docs[d] for d in self.ids]
        self.pos = {d: i for i, d in enumerate(self.ids)}
        self.record_doc, self.doc_record = record_doc, doc_record
        self._by_doc, self._starts = stored["by_doc"], stored["starts"]
        self.dates = np.array([m.date or "" for m in self.metas], dtype=object)
        self.date_rank, self.date_key = stored["date_rank"], stored["date_key"]
        self.groups = groups or facets()
        self.values = {f.group: list(stored["values"][f.group]) for f in self.groups}
        self.member = {f.group: stored["member"][f.group] for f in self.groups}
        self._pair_starts = {}
        self._value_rank = {}
        return self

    def stored(self) -> dict:
        """What ``from_stored`` takes: the arrays computed from every document."""
        return {"by_doc": self._by_doc, "starts": self._starts, "date_rank": self.date_rank,
                "date_key": self.date_key, "values": self.values, "member": self.member}

    def _pairs_of(self, group: str, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(value column, position in ``docs``) of every pair of ``docs``: the work
        is in the documents asked about, not in all of them."""
        starts = self._pair_starts.get(group)
        if starts is None:
            # The pairs are in document order: where each document's begin.
            starts = self._pair_starts[group] = np.searchsorted(self.member[group][:, 0], np.arange(len(self.ids) + 1))
        lo = starts[docs]
        lengths = starts[np.asarray(docs) + 1] - lo
        ends = np.cumsum(lengths)
        rows = np.repeat(lo - (ends - lengths), lengths) + np.arange(ends[-1] if len(ends) else 0)
        return self.member[group][rows, 1], np.repeat(np.arange(len(docs)), lengths)

    def having(self, group: str, values, docs: np.ndarray, every: bool = False) -> np.ndarray:
        """A mask over ``docs``: those with any of ``values`` of the group
        (``every``: with all of them; none when one of them no document has)."""
        cols = {v: k for k, v in enumerate(self.values[group])}
        wanted = {cols[v] for v in values if v in cols}
        if not wanted or (every and len(wanted) < len(set(values))):
            return np.zeros(len(docs), dtype=bool)
        chosen = np.zeros(len(cols), dtype=bool)
        chosen[list(wanted)] = True
        col, at = self._pairs_of(group, docs)
        per_doc = np.bincount(at[chosen[col]], minlength=len(docs))
        return per_doc >= (len(wanted) if every else 1)

    def value_rank(self, facet: Facet) -> np.ndarray:
        """Per value of the facet's group, its rank by ``facet.value_order`` (equal
        keys, equal ranks): lists of thousands of values (persons) are then
        ordered in arrays, not by a Python sort key per value and search."""
        rank = self._value_rank.get(facet.group)
        if rank is None:
            keys = [facet.value_order(v) for v in self.values[facet.group]]
            ids = {k: r for r, k in enumerate(sorted(set(keys)))}
            rank = self._value_rank[facet.group] = np.array([ids[k] for k in keys], dtype=np.int64)
        return rank

    def counts(self, group: str, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per value of the group: how many of ``docs`` (positions, no repeats) have
        it, and where in ``docs`` the first that has it stands (len(docs): none)."""
        n = len(self.values[group])
        col, at = self._pairs_of(group, docs)
        first = np.full(n, len(docs), dtype=np.int64)
        np.minimum.at(first, col, at)
        return np.bincount(col, minlength=n), first

    def passages_of(self, pos: int) -> np.ndarray:
        return self._by_doc[self._starts[pos]:self._starts[pos + 1]]

    def docs_of(self, records: np.ndarray) -> np.ndarray:
        """Sorted unique positions of the documents these records belong to."""
        # A mark per document instead of sorting (np.unique): the last slot takes
        # the -1 of records that are no passages.
        seen = np.zeros(len(self.ids) + 1, dtype=bool)
        seen[self.record_doc[records]] = True
        return np.flatnonzero(seen[:-1])
