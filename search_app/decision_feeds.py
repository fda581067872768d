"""Follow and export decision lists and cases (issue 15 points 4 and 5).

``/beslut.atom`` and ``/beslut.csv`` take the parameters of /beslut: the feed
has its 50 newest decisions, the CSV its first 1,000 in the page's order.
``/arende/<kommun>/<dnr>.atom`` and ``.csv`` give a case's items and
documents (the feed newest first, the CSV in the case's own order). An entry's
id is the § item's own address (the document's for a whole document), so the
same decision keeps its id in every feed and after every nightly run.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, g, request, url_for

from indexer.store.base import Case, DecisionRecord, DecisionRequest

from .decisions import DEFAULT_SORT, decision_args, find_case, paragraphs, parse_decision_args
from .export import EXPORT_MAX_ROWS, csv_response, export_filename
from .feeds import (FEED_MAX_ENTRIES, FeedEntry, atom_response, day_updated, filter_labels, index_built_at,
                    with_query)
from .params import ParamError
from .serialize import case_url, document_url, external_url, original_url
from .services import area_label, get_store
from .ui import SITE_NAME, body_label, doc_type_label, issuer_label

bp = Blueprint("decision_feeds", __name__)

DECISION_HEADERS = ("Paragraf", "Rubrik", "Organ", "Kommun", "Datum", "Dnr", "Ärende", "Beslut", "Områden",
                    "Dokument", "Länk", "Originalfil")


def _one_line(text: str | None) -> str:
    return " ".join(paragraphs(text))


def record_entry(record: DecisionRecord, built: datetime) -> FeedEntry:
    """A decision (or a document of a case) as a feed entry."""
    where = [body_label(record.body)] if record.body else []
    title = f"§ {record.section} {record.title}" if record.section else record.title
    return FeedEntry(
        id=document_url(record.doc_id, section=record.section, external=True),
        title=f"{title} ({', '.join(where + record.municipalities)})" if where or record.municipalities else title,
        link=document_url(record.doc_id, section=record.section, external=True),
        updated=day_updated(record.date, built),
        summary=_one_line(record.decision) or _one_line(record.proposal),
        author=issuer_label(record),
        categories=(body_label(record.body) if record.body else doc_type_label(record.doc_type),),
    )


def record_row(record: DecisionRecord) -> list[Any]:
    """A decision (or a document of a case) as a row of DECISION_HEADERS; links absolute on PUBLIC_URL."""
    local_original = original_url(record.doc_id, source_path=record.source_path, page=record.page_start,
                                  external=True)
    return [
        record.section or "",
        record.title,
        body_label(record.body) if record.body else doc_type_label(record.doc_type),
        ", ".join(record.municipalities),
        record.date or "",
        record.dnr or "",
        case_url(record.case_municipality, record.case_id, external=True) if record.case_id else "",
        _one_line(record.decision),
        ", ".join(area_label(a) for a in record.areas),
        record.document_title,
        document_url(record.doc_id, section=record.section, external=True),
        record.public_url or local_original,
    ]


def _feed_args(req: DecisionRequest) -> dict[str, Any]:
    args = decision_args(req)
    args.pop("sort", None)  # a feed is newest first, whatever order the page shows
    return args


def decisions_title(req: DecisionRequest) -> str:
    filters = filter_labels(req)
    words = f"Beslut som matchar ”{req.query}”" if req.query else "Beslut"
    return f"{words}{' (' + '; '.join(filters) + ')' if filters else ''} – {SITE_NAME}"


@bp.app_template_global()
def decision_subscribe_urls() -> dict[str, str] | None:
    """The feed and CSV addresses of the decision list the current request shows,
    or None when its parameters are no valid list (the page shows that error)."""
    if "decision_subscribe_urls" not in g:
        try:
            req = parse_decision_args(request.args, allow_limit=False)
        except ParamError:
            g.decision_subscribe_urls = None
        else:
            g.decision_subscribe_urls = {
                "feed_url": with_query(external_url("decision_feeds.decisions_feed"), _feed_args(req)),
                "csv_url": with_query(url_for("decision_feeds.decisions_csv"), decision_args(req))}
    return g.decision_subscribe_urls


@bp.app_template_global()
def case_subscribe_urls(case: Case) -> dict[str, str]:
    args = {"kommun": case.municipality, "dnr": case.case_id}
    return {"feed_url": external_url("decision_feeds.case_feed", **args),
            "csv_url": url_for("decision_feeds.case_csv", **args)}


@bp.get("/beslut.atom")
def decisions_feed():
    req = replace(parse_decision_args(request.args, allow_limit=False), sort=DEFAULT_SORT, page=1,
                  limit=FEED_MAX_ENTRIES)
    result = get_store().search_decisions(req)
    built = index_built_at()
    args = _feed_args(req)
    return atom_response(
        decisions_title(req),
        with_query(external_url("decision_feeds.decisions_feed"), args),
        [record_entry(r, built) for r in result.records],
        alternate_url=with_query(external_url("decisions.decisions"), args),
        subtitle=f"De {FEED_MAX_ENTRIES} nyaste besluten som matchar, nyast först.",
        updated=built,
    )


@bp.get("/beslut.csv")
def decisions_csv():
    # The page's order, from the first decision (as /sok.csv).
    req = replace(parse_decision_args(request.args, allow_limit=False), page=1, limit=EXPORT_MAX_ROWS)
    result = get_store().search_decisions(req)
    return csv_response(DECISION_HEADERS, (record_row(r) for r in result.records), export_filename("beslut"))


def _case_or_404(kommun: str, dnr: str) -> Case:
    found = find_case(kommun, dnr)
    if found is None:
        abort(404)
    return found


@bp.get("/arende/<kommun>/<path:dnr>.atom")
def case_feed(kommun: str, dnr: str):
    found = _case_or_404(kommun, dnr)
    built = index_built_at()
    newest_first = sorted(found.records, key=lambda r: r.date or "", reverse=True)
    return atom_response(
        f"Ärende {found.label}, {found.municipality} – {SITE_NAME}",
        external_url("decision_feeds.case_feed", kommun=found.municipality, dnr=found.case_id),
        [record_entry(r, built) for r in newest_first],
        alternate_url=case_url(found.municipality, found.case_id, external=True),
        subtitle="Ärendets paragrafer och handlingar, nyast först.",
        updated=built,
    )


@bp.get("/arende/<kommun>/<path:dnr>.csv")
def case_csv(kommun: str, dnr: str):
    found = _case_or_404(kommun, dnr)
    return csv_response(DECISION_HEADERS, (record_row(r) for r in found.records),
                        export_filename(f"arende-{found.case_id}"))
