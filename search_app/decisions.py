"""Decisions and cases (Swedish pages and their JSON): /beslut, /arende/<kommun>/<dnr>,
/api/decisions and /api/cases/<kommun>/<dnr>.

/beslut lists the § items with a decision (indexer/search/decisions.py) with the
search's parameters, from/to dates and its query language; newest first unless
relevance or oldest first is chosen. A case page shows every item and document
of one diary number of a municipality, in date order, whatever form the number
is written in (indexer/cases.py).
"""
from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from markupsafe import Markup

from indexer.cases import case_of
from indexer.organisations import municipality_named
from indexer.store.base import Case, DecisionRequest, QueryError

from .params import SORT_LABELS, ParamError, clean_text, parse_search_args, request_to_args
from .serialize import case_json, case_url, decisions_json, document_url
from .services import area_label, get_store
from .ui import _facet_groups, body_label, filter_chips

bp = Blueprint("decisions", __name__)

#: The order of a decision list when none is asked for, and the orders offered (the default first).
DEFAULT_SORT = "date"
SORT_CHOICES = (DEFAULT_SORT, "oldest", "relevance")
#: Longer diary numbers than this in an address are no case of ours.
MAX_DNR_LENGTH = 100


def parse_decision_args(args: Any, *, allow_limit: bool = True) -> DecisionRequest:
    """A DecisionRequest from the parameters of a search (params.parse_search_args,
    the same checks and 400s), newest first unless a sort is given."""
    req = parse_search_args(args, current_app.config, allow_limit=allow_limit)
    # Without words there is nothing to rank by: the list is by date, and says so.
    sort = req.sort if args.get("sort") and (req.query or req.sort != "relevance") else DEFAULT_SORT
    return DecisionRequest(**{**vars(req), "sort": sort})


def decision_args(req: DecisionRequest, *, include_page: bool = False) -> dict[str, Any]:
    """Query-string arguments that reproduce a decision request (the default order left out)."""
    args = request_to_args(req, include_page=include_page)
    args.pop("sort", None)
    if req.sort != DEFAULT_SORT:
        args["sort"] = req.sort
    return args


def find_case(kommun: str, dnr: str) -> Case | None:
    municipality = municipality_named(kommun) if len(kommun) <= MAX_DNR_LENGTH else None
    if municipality is None or len(dnr) > MAX_DNR_LENGTH:
        return None
    return get_store().case(municipality, dnr)


@bp.app_template_global()
def item_case_url(doc, item) -> str | None:
    """The case page of a document's § item, when its Dnr places it in one."""
    placed = case_of(item.dnr, doc.municipalities)
    return case_url(placed[0], placed[1].slug) if placed else None


def paragraphs(text: str | None) -> list[str]:
    """A text's paragraphs (blank lines apart), each on one line: a PDF's line breaks are its layout's."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _record_view(record) -> dict[str, Any]:
    return {
        "record": record,
        # A whole document of a case opens at its top; an item at its §.
        "url": document_url(record.doc_id, section=record.section),
        "document_url": document_url(record.doc_id),
        "decision_paras": paragraphs(record.decision),
        "proposal_paras": paragraphs(record.proposal),
        "case_url": case_url(record.case_municipality, record.case_id) if record.case_id else None,
        "snippet": Markup(record.snippet_html),  # the store escapes the text and adds only <mark>
        "area_labels": [area_label(a) for a in record.areas],
    }


def _remove_links(req: DecisionRequest) -> list[dict[str, str]]:
    """The chosen filters, each with the address of the list without it."""
    links = []
    for param, value, label in filter_chips(req):
        args = decision_args(req)
        current = args.pop(param)
        rest = [v for v in current if v != value] if isinstance(current, list) else []
        links.append({"label": label,
                      "remove_url": url_for("decisions.decisions", **args, **({param: rest} if rest else {}))})
    return links


def _pages(req: DecisionRequest, total: int) -> dict[str, Any] | None:
    """Links to the pages of the list: the first, the last and two either side of this one."""
    last = -(-total // req.limit)
    if last <= 1 and req.page == 1:
        return None

    def link(n: int) -> str:
        return url_for("decisions.decisions", **decision_args(req), **({"page": n} if n > 1 else {}))

    shown = [n for n in range(1, last + 1) if n in (1, last) or abs(n - req.page) <= 2]
    pages: list[dict[str, Any] | None] = []
    for before, n in zip([0] + shown, shown):
        pages += [None] * (n - before > 1) + [{"number": n, "url": link(n), "current": n == req.page}]
    return {"pages": pages, "last": last,
            "prev": link(req.page - 1) if 1 < req.page <= last + 1 else None,
            "next": link(req.page + 1) if req.page < last else None}


@bp.get("/beslut")
def decisions():
    config = current_app.config
    max_length = int(config["MAX_QUERY_LENGTH"])
    error, status, result = None, 200, None
    try:
        req = parse_decision_args(request.args, allow_limit=False)
        result = get_store().search_decisions(req)
    except (ParamError, QueryError) as exc:
        status = 400
        error = exc.message if isinstance(exc, ParamError) else f"Sökfrågan kunde inte tolkas: {exc}"
    if result is None:
        # The form keeps what the user typed.
        req = DecisionRequest(query=clean_text(request.args.get("q", ""))[:max_length], limit=int(config["PAGE_SIZE"]))
    groups = [g for g in _facet_groups(result, req) if g["key"] != "doc_type"] if result else []
    context = {
        "req": req,
        "error": error,
        "result": result,
        "records": [_record_view(r) for r in result.records] if result else [],
        "facet_groups": groups,
        "active_filters": _remove_links(req) if result else [],
        "pagination": _pages(req, result.total) if result else None,
        "sort_labels": {sort: SORT_LABELS[sort] for sort in SORT_CHOICES},
        "first_index": (req.page - 1) * req.limit + 1,
        "suggestion_url": (url_for("decisions.decisions", **{**decision_args(req), "q": result.suggestion})
                           if result is not None and result.suggestion else None),
    }
    return render_template("decisions.html", **context), status


def _not_found(kommun: str, dnr: str) -> str:
    return f"Det finns inget ärende med diarienummer {dnr[:MAX_DNR_LENGTH]!r} i {kommun[:60]!r} bland handlingarna."


@bp.get("/arende/<kommun>/<path:dnr>")
def case(kommun: str, dnr: str):
    found = find_case(kommun, dnr)
    if found is None:
        return render_template("error.html", status=404, title="Ärendet finns inte",
                               message=_not_found(kommun, dnr)), 404
    records = [_record_view(r) for r in found.records]
    return render_template("case.html", case=found, records=records,
                           first=found.records[0].date, latest=found.records[-1].date,
                           bodies=[body_label(b) for b in found.bodies])


@bp.get("/api/decisions")
def api_decisions():
    """GET /api/decisions?q=…&municipality=…&from=…&to=…: the parameters of /api/search and dates."""
    return jsonify(decisions_json(get_store().search_decisions(parse_decision_args(request.args))))


@bp.get("/api/cases/<kommun>/<path:dnr>")
def api_case(kommun: str, dnr: str):
    found = find_case(kommun, dnr)
    if found is None:
        return jsonify({"error": _not_found(kommun, dnr), "status": 404}), 404
    return jsonify(case_json(found))
