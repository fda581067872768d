"""JSON shapes of the API (the CLI's --json prints the same)."""
from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, url_for

from indexer.models import Document
from indexer.store.base import Case, DecisionRecord, DecisionResult, FacetValue, Hit, PassageHit, SearchResult

from .config import DEFAULT_HOST, DEFAULT_PORT
from .docview import item_anchor, page_anchor
from .services import area_label, facet_label


def is_pdf(source_path: str | None, fmt: str | None = None) -> bool:
    return (fmt or "").lower() == "pdf" or (source_path or "").lower().endswith(".pdf")


def public_base() -> str:
    """The configured public address of the start page (PUBLIC_URL, no trailing slash);
    ``serve`` fills in its own address when none is configured."""
    return current_app.config.get("PUBLIC_URL") or f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL on PUBLIC_URL. The request's Host header (which a client
    chooses freely) is never used, so a spoofed one cannot leak into links."""
    path = url_for(endpoint, _external=False, **values)
    root = request.script_root if has_request_context() else ""
    if root and (path == root or path.startswith(root + "/")):
        path = path[len(root):]   # PUBLIC_URL already holds the path prefix
    return public_base() + path


def document_url(doc_id: str, *, query: str = "", page: int | None = None, section: str | None = None,
                 external: bool = False) -> str:
    """The document page, at the § item's heading when ``section`` is given, else at ``page``."""
    args: dict[str, Any] = {"doc_id": doc_id}
    if query:
        args["q"] = query
    if section:
        args["_anchor"] = item_anchor(section)
    elif page is not None:
        args["_anchor"] = page_anchor(page)
    return external_url("ui.document", **args) if external else url_for("ui.document", **args)


def original_url(doc_id: str, *, source_path: str | None = None, fmt: str | None = None,
                 page: int | None = None, external: bool = False) -> str:
    url = external_url("ui.original", doc_id=doc_id) if external else url_for("ui.original", doc_id=doc_id)
    if page is not None and is_pdf(source_path, fmt):
        url += f"#page={page}"
    return url


def origin_json(record: Hit | PassageHit | Document, local: str) -> dict[str, Any]:
    """Where a document can be read: ``original_url`` is where its source publishes
    it when it was harvested, else ``local``, the copy this service serves, which is
    always ``source_url``; the site and the date from which the source no longer
    publishes it come with it."""
    return {"original_url": record.public_url or local, "source_url": local,
            "published_site": record.published_site, "gone_since": record.gone_since}


def areas_json(area_ids: list[str]) -> list[dict[str, str]]:
    return [{"id": a, "label": area_label(a)} for a in area_ids]


def hit_json(hit: Hit, query: str) -> dict[str, Any]:
    return {
        "doc_id": hit.doc_id,
        "passage_id": hit.passage_id,
        "title": hit.title,
        "doc_type": hit.doc_type,
        "municipality": list(hit.municipalities),
        "organisation": hit.organisation,
        "body": hit.body,
        "date": hit.date,
        "page": hit.page,
        "section": hit.section,
        "section_title": hit.section_title,
        # the § item's decision ("Beslut"), as the result list shows it; null when the hit has none
        "decision": hit.decision or None,
        "source_path": hit.source_path,
        "url": document_url(hit.doc_id, query=query, page=hit.page, section=hit.section, external=True),
        **origin_json(hit, original_url(hit.doc_id, source_path=hit.source_path, page=hit.page, external=True)),
        "snippet": hit.snippet_html,
        "score": float(hit.score),
        "areas": areas_json(hit.areas),
        "more_passages": hit.more_passages,
        "low_quality": hit.low_quality,
    }


def facet_json(group: str, fv: FacetValue) -> dict[str, Any]:
    return {"value": fv.value, "label": facet_label(group, fv.value), "count": fv.count, "selected": fv.selected}


def result_json(result: SearchResult) -> dict[str, Any]:
    req = result.request
    return {
        "query": req.query,
        "total": result.total,
        "page": req.page,
        "limit": req.limit,
        "sort": req.sort,
        "relaxed": result.relaxed,
        "suggestion": ({"query": result.suggestion, "total": result.suggestion_total}
                       if result.suggestion else None),
        "hits": [hit_json(h, req.query) for h in result.hits],
        "facets": {key: [facet_json(key, fv) for fv in values] for key, values in result.facets.items()},
    }


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "doc_type": doc.doc_type,
        "municipality": list(doc.municipalities),
        "organisation": doc.organisation,
        "body": doc.body,
        "date": doc.date,
        "source_path": doc.source_path,
        "format": doc.format,
        "sha256": doc.sha256,
        "url": document_url(doc.doc_id, external=True),
        **origin_json(doc, original_url(doc.doc_id, external=True)),
        "areas": [
            {"id": a, "label": area_label(a), "terms": list(doc.area_terms.get(a, []))}
            for a in doc.areas
        ],
        "pages": [{"number": p.number, "text": p.text, "ocr": p.ocr, "quality": p.quality,
                   "low_quality": p.low_quality} for p in doc.pages],
        "items": [
            {"number": i.number, "title": i.title, "dnr": i.dnr, "decision": i.decision,
             "proposal": i.proposal, "page_start": i.page_start, "page_end": i.page_end, "people": i.people}
            for i in doc.items
        ],
        "attendance": doc.attendance,
    }


def case_url(municipality: str, case_id: str, *, external: bool = False) -> str:
    """The page of a municipality's case (search_app/decisions.py)."""
    args = {"kommun": municipality, "dnr": case_id}
    return external_url("decisions.case", **args) if external else url_for("decisions.case", **args)


def decision_json(record: DecisionRecord) -> dict[str, Any]:
    """A decision record, or a document of a case (``section`` null)."""
    return {
        "doc_id": record.doc_id,
        "section": record.section,
        "title": record.title,
        "document_title": record.document_title,
        "doc_type": record.doc_type,
        "municipality": list(record.municipalities),
        "organisation": record.organisation,
        "body": record.body,
        "date": record.date,
        "dnr": record.dnr,
        "case": ({"municipality": record.case_municipality, "id": record.case_id, "dnr": record.case_label,
                  "url": case_url(record.case_municipality, record.case_id, external=True)}
                 if record.case_id and record.case_municipality else None),
        "decision": record.decision,
        "proposal": record.proposal,
        "areas": areas_json(record.areas),
        "pages": {"start": record.page_start, "end": record.page_end},
        "url": document_url(record.doc_id, section=record.section, external=True),
        **origin_json(record, original_url(record.doc_id, source_path=record.source_path, page=record.page_start,
                                           external=True)),
        "snippet": record.snippet_html,
        "score": float(record.score),
        "low_quality": record.low_quality,
        # the item's motions, reservations, votes and conflicts of interest (indexer/structure/people.py)
        "people": record.people,
    }


def decisions_json(result: DecisionResult) -> dict[str, Any]:
    """As result_json, with decisions for hits, and the dates asked for."""
    req = result.request
    listing = result_json(SearchResult(request=req, total=result.total, hits=[], facets=result.facets,
                                       relaxed=result.relaxed, suggestion=result.suggestion,
                                       suggestion_total=result.suggestion_total))
    del listing["hits"]
    facets = listing.pop("facets")
    return {**listing, "from": req.date_from, "to": req.date_to,
            "decisions": [decision_json(r) for r in result.records], "facets": facets}


def case_json(case: Case) -> dict[str, Any]:
    """A case's records in date order, each body's decision with them."""
    return {
        "municipality": case.municipality,
        "id": case.case_id,
        "dnr": case.label,
        "forms": list(case.forms),
        "bodies": case.bodies,
        "url": case_url(case.municipality, case.case_id, external=True),
        "records": [decision_json(r) for r in case.records],
    }
