"""Decisions as records, and cases by diary number, read from the index.

Every § item with its body's decision is a record. Searching them is the search
core (``core.search``) run over a view of the engine whose documents are the
records: each passage of an item counts for the item's record instead of its
whole document. So a decision matches when its own item has the query's words
(the same query language, the same all-words and most-words rules), the facets
count records, browsing and sorting by date put the newest first, and a hit
shows the item's best passage.

The records come from each document's metadata (``DocMeta.item_records``,
written at indexing by ``item_records``), not from the stored documents: a
table per index state, built on first use. A case is the records and documents
of one municipality whose diary numbers are one case number (indexer/cases.py).
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

import numpy as np

from ..cases import CaseNumber, case_of, parse_dnr, section_key, stage
from ..models import Document
from . import core
from .documents import DocArrays, DocMeta
from .engine import Engine
from ..structure.people import item_fields
from .results import Case, DecisionRecord, DecisionRequest, DecisionResult, Hit


def item_records(doc: Document) -> list[dict]:
    """DocMeta.item_records of a document: each § item that records a decision,
    carries a diary number or names persons in an act, with the areas of its
    passages and its persons (indexer/structure/people.py ``item_fields``)."""
    areas: dict[str, dict[str, None]] = {}
    for p in doc.passages:
        if p.section is not None:
            areas.setdefault(str(p.section), {}).update(dict.fromkeys(p.areas))
    return [{"number": str(i.number), "title": i.title, "dnr": i.dnr, "decision": i.decision,
             "proposal": i.proposal, "pages": [i.page_start, i.page_end],
             "areas": list(areas.get(str(i.number), {})), **item_fields(i)}
            for i in doc.items if i.decision or i.dnr or i.people]


#: (municipality, year, number) -> the documents with an item (or None: the
#: document itself) of that case number, and the number as read
CaseIndex = dict[tuple[str, "int | None", str], list[tuple[DocMeta, "dict | None", CaseNumber]]]


@dataclass
class _Table:
    """The decision records of one index state."""

    places: list[tuple[DocMeta, dict]]   # per record position: its document and item
    metas: dict[str, DocMeta]            # per record id: its document narrowed to the item
    arrays: DocArrays                    # the records as the core's documents
    cases: CaseIndex


# One table per engine (index state); a new generation is a new engine, and the
# old one's table goes with it.
_tables: "weakref.WeakKeyDictionary[object, _Table]" = weakref.WeakKeyDictionary()


def _table(engine: Engine) -> _Table:
    table = _tables.get(engine)
    if table is None:
        # Built without a lock: two threads may both build it once; both are right.
        table = _tables[engine] = _build(engine)
    return table


def _record_id(meta: DocMeta, item: dict) -> str:
    return f"{meta.doc_id}#{item['number']}"


def _build(engine: Engine) -> _Table:
    a = engine.arrays
    places: list[tuple[DocMeta, dict]] = []
    metas: dict[str, DocMeta] = {}
    at: dict[tuple[int, str], int] = {}
    for pos, meta in enumerate(a.metas):
        for item in meta.item_records:
            if item.get("decision") and (pos, item["number"]) not in at:
                at[(pos, item["number"])] = len(places)
                places.append((meta, item))
                # The record is its document narrowed to the item: its own areas
                # and title, so facets and hits speak of the item.
                metas[_record_id(meta, item)] = replace(
                    meta, doc_id=_record_id(meta, item), title=item["title"], areas=item["areas"],
                    items={item["number"]: item["title"]}, item_records=[item], dnrs=[],
                    persons=item.get("persons", []), parties=item.get("parties", []), attendance="")
    record_decision = np.full(len(a.record_doc), -1, dtype=np.int64)
    if places:
        sections = engine.record_sections()
        has_decisions = np.zeros(len(a.ids) + 1, dtype=bool)   # the last slot: records that are no passage
        has_decisions[[pos for pos, _number in at]] = True
        for r in np.flatnonzero(has_decisions[a.record_doc] & (sections != "")):
            k = at.get((int(a.record_doc[r]), sections[r]))
            if k is not None:
                record_decision[r] = k
    arrays = DocArrays(metas, record_decision, np.full(len(metas), -1, dtype=np.int64))
    return _Table(places, metas, arrays, _case_index(a.metas))


def _case_index(metas: list[DocMeta]) -> CaseIndex:
    cases: CaseIndex = {}
    for meta in metas:
        refs = [(item, item["dnr"]) for item in meta.item_records if item.get("dnr")]
        refs += [(None, dnr) for dnr in meta.dnrs]
        for item, dnr in refs:
            placed = case_of(dnr, meta.municipalities)
            if placed is not None:
                municipality, number = placed
                cases.setdefault((municipality, number.year, number.number), []).append((meta, item, number))
    return cases


class _RecordsView:
    """The engine with the decision records as its documents: matching, scoring
    and highlighting are the engine's, documents and arrays the records'."""

    def __init__(self, engine: Engine, table: _Table):
        self._engine = engine
        self.arrays = table.arrays
        self.docs = table.metas

    def __getattr__(self, name):
        return getattr(self._engine, name)


def search(engine: Engine, request: DecisionRequest, suggest: bool = True) -> DecisionResult:
    """The decision records matching a request, with facet counts of records."""
    table = _table(engine)
    found = core.search(_RecordsView(engine, table), request, suggest)
    return DecisionResult(request=request, total=found.total, records=[_from_hit(table, h) for h in found.hits],
                          facets=found.facets, relaxed=found.relaxed, suggestion=found.suggestion,
                          suggestion_total=found.suggestion_total)


def _from_hit(table: _Table, hit: Hit) -> DecisionRecord:
    meta, item = table.places[table.arrays.pos[hit.doc_id]]
    return replace(item_record(meta, item, item.get("dnr")), page=hit.page, snippet_html=hit.snippet_html,
                   score=hit.score, low_quality=hit.low_quality)


def item_record(meta: DocMeta, item: dict | None, dnr: str | None) -> DecisionRecord:
    """A record of a § item, or of the whole document when ``item`` is None."""
    start, end = (item or {}).get("pages") or (1, 1)
    placed = case_of(dnr, meta.municipalities)
    return DecisionRecord(
        doc_id=meta.doc_id, section=item["number"] if item else None, title=item["title"] if item else meta.title,
        document_title=meta.title, doc_type=meta.doc_type, municipalities=meta.municipalities, body=meta.body,
        date=meta.date, dnr=dnr, decision=(item or {}).get("decision"), proposal=(item or {}).get("proposal"),
        areas=item["areas"] if item else meta.areas, page_start=start, page_end=end,
        case_municipality=placed[0] if placed else None, case_id=placed[1].slug if placed else None,
        case_label=placed[1].label if placed else None, source_path=meta.source_path, page=start,
        low_quality=start in meta.low_quality_pages,
        organisation=meta.organisation, public_url=meta.public_url, published_site=meta.published_site,
        gone_since=meta.gone_since, people=(item or {}).get("people"))


def case(engine: Engine, municipality: str, dnr: str) -> Case | None:
    """Every § item and document of a municipality's case, in date order and, on
    one day, in the order of the bodies (indexer/cases.py ``stage``); None when
    ``dnr`` is no diary number or no record has it."""
    wanted = parse_dnr(dnr)
    if wanted is None:
        return None
    candidates = _table(engine).cases.get((municipality, wanted.year, wanted.number), [])
    found = [(meta, item, n) for meta, item, n in candidates if wanted.same_case(n)]
    if not found:
        return None
    records: dict[tuple[str, str | None], DecisionRecord] = {}
    for meta, item, n in found:
        record = item_record(meta, item, n.written)
        records.setdefault((record.doc_id, record.section), record)
    ordered = sorted(records.values(), key=lambda r: (r.date or "", stage(r.doc_type, r.body), section_key(r.section)))
    # The case is named as its records write it: with the register code they
    # agree on, or none when they write none (however the number was asked for).
    codes = {n.code for _meta, _item, n in found}
    named = replace(wanted, code=codes.pop()) if len(codes) == 1 else wanted
    return Case(municipality=municipality, case_id=named.slug, label=named.label, records=ordered,
                forms=list(dict.fromkeys(n.written for _meta, _item, n in found)))
