"""The HTML pages (Swedish). Plain GET forms and links; every page works without
JavaScript. The one script, static/copy.js ("Kopiera" beside a citation), is an
enhancement loaded only by the pages that call ``use_copy_script()``."""
from __future__ import annotations

import mimetypes
import os
import re
from dataclasses import replace
from datetime import date as _date
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, abort, current_app, g, render_template, request, send_file, url_for
from markupsafe import Markup

from indexer.models import DOC_TYPE_LABELS, DOC_TYPES
from indexer.search.syntax import parse_user_query
from indexer.store.base import QueryError, SearchRequest

from .docview import build_pages, item_anchor, make_highlighter, page_anchor
from .params import (BROWSE_SORT_LABELS, SEARCH_PARAMS, SORT_LABELS, ParamError, clean_text, parse_query,
                     parse_search_args, request_to_args)
from .serialize import document_url, is_pdf, original_url
from .services import area_label, area_overview, facet_label, get_store

bp = Blueprint("ui", __name__)

SITE_NAME = "Sök i Luleås och Bodens handlingar"
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
# facet key in SearchResult.facets -> (query parameter, legend)
FACETS = {
    "area": ("area", "Prioriterat område"),
    "municipality": ("municipality", "Kommun"),
    "doc_type": ("type", "Dokumenttyp"),
    "year": ("year", "År"),
    "body": ("body", "Organ"),
    "person": ("person", "Person"),
    "party": ("party", "Parti"),
}
#: Values shown of a facet group with many (persons): the most frequent, and every chosen one.
FACET_SHOWN = {"person": 20}


# --- template helpers -------------------------------------------------------------

def format_date(value: str | None) -> str:
    if not value:
        return "okänt datum"
    try:
        d = _date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def doc_type_label(value: str | None) -> str:
    return DOC_TYPE_LABELS.get(value or "", (value or "okänd typ").capitalize())


def municipalities_label(values: list[str] | None) -> str:
    return " och ".join(values) if values else "kommun ej angiven"


def body_label(value: str | None) -> str:
    return facet_label("body", value) if value else ""


def issuer_label(record) -> str:
    """Who issued a document (a Document, Hit or PassageHit): its organisation as
    written ("Luleå kommun") when known, else its municipalities ("Luleå och Boden")."""
    return getattr(record, "organisation", None) or municipalities_label(record.municipalities)


def filter_chips(req: SearchRequest) -> list[tuple[str, str, str]]:
    """(parameter, value, chip label) of every chosen filter of a search or decision
    list: the chips on the page, the title of its feed."""
    return ([("area", a, f"Område: {area_label(a)}") for a in req.areas]
            + [("municipality", m, f"Kommun: {m}") for m in req.municipalities]
            + [("type", t, f"Typ: {doc_type_label(t)}") for t in req.doc_types]
            + [("year", str(y), f"År: {y}") for y in req.years]
            + [("body", b, f"Organ: {body_label(b)}") for b in req.bodies]
            + [("person", p, f"Person: {p}") for p in req.persons]
            + [("party", p, f"Parti: {facet_label('party', p)}") for p in req.parties]
            + [(param, d, f"{label}: {format_date(d)}") for param, d, label in
               (("from", req.date_from, "Från"), ("to", req.date_to, "Till")) if d])


def _type_in_text(value: str | None) -> str:
    label = doc_type_label(value)
    return label[:1].lower() + label[1:]


def passage_citation(hit, sentence: str | None = None) -> str:
    """The citation of a passage to copy (quoted sentence, source, § or page link)."""
    from .qa.web import citation_text
    return citation_text(hit, sentence=sentence, issuer=issuer_label(hit), type_label=_type_in_text(hit.doc_type),
                         date_label=format_date(hit.date))


def document_citation(doc) -> str:
    """The citation of a whole document: title, issuer, type, date and link (the
    address where its source publishes it, when it was harvested)."""
    from .qa.web import without_repeats
    parts = [doc.title, *without_repeats(doc.title, issuer_label(doc), _type_in_text(doc.doc_type)),
             format_date(doc.date)]
    source = ", ".join(" ".join(p.split()) for p in parts if p and p.strip())
    return f"{source.rstrip('.')}. {doc.public_url or document_url(doc.doc_id, external=True)}"


def use_copy_script() -> None:
    """The page loads static/copy.js; the response's Content-Security-Policy then
    allows scripts from this site ('self'), other pages keep script-src 'none'."""
    g.page_scripts = True


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        SITE_NAME=SITE_NAME,
        area_label=area_label,
        doc_type_label=doc_type_label,
        municipalities_label=municipalities_label,
        body_label=body_label,
        issuer_label=issuer_label,
        format_date=format_date,
    )
    app.jinja_env.filters["swedish_date"] = format_date

    @app.context_processor
    def _notices():
        # Shown on every page, e.g. that the example corpus is fictional.
        try:
            return {"source_notices": get_store().stats().notices}
        except Exception:  # no index yet: the error page says so itself
            return {"source_notices": []}


# --- pages ------------------------------------------------------------------------

@bp.get("/")
def index():
    cards = [{"area": area, "total": total, "hits": hits, "browse_url": url_for("ui.search", area=area.id)}
             for area, total, hits in area_overview()]
    return render_template("index.html", cards=cards)


@bp.get("/hjalp")
def help_page():
    return render_template("help.html", doc_types=DOC_TYPES)


def _hit_view(hit, search_args: dict[str, Any]) -> dict[str, Any]:
    # The document link carries the whole search (words, filters, sort, page):
    # the document page's "Tillbaka till sökresultatet" returns to the same list.
    anchor = item_anchor(hit.section) if hit.section else page_anchor(hit.page)
    return {
        "hit": hit,
        "url": url_for("ui.document", doc_id=hit.doc_id, _anchor=anchor, **search_args),
        "snippet": Markup(hit.snippet_html),  # the store escapes the text and adds only <mark>
        "area_labels": [area_label(a) for a in hit.areas],
    }


def _facet_groups(result, req: SearchRequest) -> list[dict[str, Any]]:
    selected = {
        "area": list(req.areas), "municipality": list(req.municipalities),
        "doc_type": list(req.doc_types), "year": [str(y) for y in req.years], "body": list(req.bodies),
        "person": list(req.persons), "party": list(req.parties),
    }
    groups = []
    for key, (param, legend) in FACETS.items():
        values = [{"value": fv.value, "label": facet_label(key, fv.value), "count": fv.count,
                   "selected": fv.selected or fv.value in selected[key]}
                  for fv in result.facets.get(key, [])] if result is not None else []
        if key in FACET_SHOWN:
            values = [v for n, v in enumerate(values) if n < FACET_SHOWN[key] or v["selected"]]
        present = {v["value"] for v in values}
        for value in selected[key]:  # a chosen filter stays visible even when it has no matches
            if value not in present:
                label = area_label(value) if key == "area" else (
                    doc_type_label(value) if key == "doc_type" else facet_label(key, value))
                values.append({"value": value, "label": label, "count": 0, "selected": True})
        if key == "body":
            for v in values:
                v["label"] = body_label(v["label"])
        if values:
            groups.append({"key": key, "param": param, "legend": legend, "options": values})
    return groups


#: A datum: (or år:) filter typed in the query, as syntax.py reads it; quoted
#: phrases are matched first so that a "datum:2022" inside one is left alone.
_TYPED_DATE_RE = re.compile(r'"[^"]*"?|(?<![^\s(])(?:datum|år|ar):("[^"]*"?|[^\s()"]*)', re.IGNORECASE)


def _typed_date_filter(query: str) -> tuple[str, str] | None:
    """(label, the query without it) for a datum: filter typed in the query."""
    found = [m for m in _TYPED_DATE_RE.finditer(query) if m.group(1) is not None]
    if not found:
        return None
    value = found[-1].group(1).strip('"').strip()   # the last one typed is the one applied
    lo, sep, hi = value.partition("..")
    if not sep:
        shown = value
    elif lo and hi:
        shown = f"{lo}–{hi}"
    else:
        shown = f"från och med {lo}" if lo else f"till och med {hi}"
    rest = query
    for m in reversed(found):
        rest = rest[:m.start()] + rest[m.end():]
    return f"Datum i sökfrågan: {shown}", " ".join(rest.split())


def _active_filters(req: SearchRequest) -> list[dict[str, str]]:
    """The chosen filters as chips, each with a link to the same search without it."""
    base = request_to_args(req)
    out = []
    for param, value, label in filter_chips(req):
        args = dict(base)
        kept = [v for v in _as_list(args.pop(param, [])) if v != value]
        if kept:
            args[param] = kept
        out.append({"label": label, "remove_url": url_for("ui.search", **args)})
    typed = _typed_date_filter(req.query)
    if typed is not None:
        label, rest = typed
        args = {k: v for k, v in base.items() if k != "q"}
        out.append({"label": label, "remove_url": url_for("ui.search", **({"q": rest} if rest else {}), **args)})
    return out


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _browsing(query: str) -> bool:
    """True when the query asks for no words (only filters, or nothing): the
    search core then lists the documents by date instead of ranking them."""
    try:
        return not parse_user_query(query).searching if query else True
    except QueryError:
        return False


def _pagination(req: SearchRequest, total: int) -> dict[str, Any] | None:
    last = max(1, -(-total // req.limit))
    if last <= 1 and req.page == 1:
        return None
    base = request_to_args(req)

    def link(n: int) -> str:
        args = dict(base)
        if n > 1:
            args["page"] = n
        return url_for("ui.search", **args)

    window = sorted({1, last, *range(max(1, req.page - 2), min(last, req.page + 2) + 1)})
    pages: list[dict[str, Any] | None] = []
    prev = 0
    for n in window:
        if n - prev > 1:
            pages.append(None)  # a gap, shown as "…"
        pages.append({"number": n, "url": link(n), "current": n == req.page})
        prev = n
    return {
        "pages": pages,
        "prev": link(req.page - 1) if 1 < req.page <= last + 1 else None,
        "next": link(req.page + 1) if req.page < last else None,
        "last": last,
    }


@bp.get("/sok")
def search():
    config = current_app.config
    raw_q = clean_text(request.args.get("q", ""))[: int(config["MAX_QUERY_LENGTH"]) + 50]
    error = None
    req = None
    result = None
    status = 200
    try:
        req = parse_search_args(request.args, config, allow_limit=False)
        result = get_store().search(req)
    except ParamError as exc:
        error, status = exc.message, 400
    except QueryError as exc:
        error, status = f"Sökfrågan kunde inte tolkas: {exc}", 400
    if req is None:
        # Keep what can be kept so the form still shows the user's input.
        req = SearchRequest(query=raw_q, limit=int(config["PAGE_SIZE"]))
        try:
            req.query = parse_query(raw_q, int(config["MAX_QUERY_LENGTH"]))
        except ParamError:
            pass
    browsing = result is not None and _browsing(req.query)
    search_args = request_to_args(req, include_page=True)
    context = {
        "req": req,
        # The sort box shows the order the list is in: browsing is by date whatever the sort says.
        "form_req": replace(req, sort="oldest" if req.sort == "oldest" else "relevance") if browsing else req,
        "query": req.query if status == 200 else raw_q,
        "error": error,
        "result": result,
        "hits": [_hit_view(h, search_args) for h in result.hits] if result else [],
        "facet_groups": _facet_groups(result, req) if result else [],
        "active_filters": _active_filters(req) if result else [],
        "pagination": _pagination(req, result.total) if result else None,
        "sort_labels": BROWSE_SORT_LABELS if browsing else SORT_LABELS,
        "browsing": browsing,
        "first_index": (req.page - 1) * req.limit + 1,
        "first_page_url": url_for("ui.search", **request_to_args(req)),
        "area_for_title": [area_label(a) for a in req.areas],
        "suggestion_url": (url_for("ui.search", **{**request_to_args(req), "q": result.suggestion, "page": 1})
                           if result is not None and result.suggestion else None),
    }
    return render_template("search.html", **context), status


@bp.get("/dokument/<path:doc_id>")
def document(doc_id: str):
    store = get_store()
    doc = store.get_document(doc_id) if len(doc_id) <= 300 else None
    if doc is None:
        abort(404)
    query = parse_query(request.args.get("q", ""), int(current_app.config["MAX_QUERY_LENGTH"]))
    pages = build_pages(doc, make_highlighter(store, query))
    placed_items = {b.item.number: b.anchor for p in pages for b in p.blocks if b.kind == "item" and b.item}
    toc = [{"item": it, "anchor": placed_items.get(it.number) or page_anchor(it.page_start)} for it in doc.items]
    areas = [{"id": a, "label": area_label(a), "terms": doc.area_terms.get(a, [])} for a in doc.areas]
    pdf = is_pdf(doc.source_path, doc.format)
    use_copy_script()
    return render_template(
        "document.html", doc=doc, pages=pages, toc=toc, areas=areas, query=query, pdf=pdf,
        original=original_url(doc.doc_id),
        original_page_url=(lambda n: original_url(doc.doc_id, source_path=doc.source_path, fmt=doc.format, page=n)),
        back_url=_back_to_search(query),
        citation=document_citation(doc),
    )


def _back_to_search(query: str) -> str | None:
    """The search a document page was opened from: a hit's link carries that
    search's parameters (see _hit_view), so going back keeps its filters, sort
    and page. None when the page was not opened from a search."""
    if not any(name in request.args for name in SEARCH_PARAMS):
        return None
    try:
        req = parse_search_args(request.args, current_app.config, allow_limit=False)
    except ParamError:   # a hand-edited address: back to its words at least
        req = SearchRequest(query=query)
    return url_for("ui.search", **request_to_args(req, include_page=True))


@bp.get("/original/<path:doc_id>")
def original(doc_id: str):
    doc = get_store().get_document(doc_id) if len(doc_id) <= 300 else None
    if doc is None or not doc.source_root or not doc.source_path:
        abort(404)
    try:
        root = Path(doc.source_root).resolve(strict=True)
        path = _on_disk(root, doc.source_path).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        abort(404)
    if not path.is_relative_to(root) or not path.is_file():
        abort(404)
    name = Path(doc.source_path).name   # the readable name, also for a file named in Latin-1 on disk
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    # The content hash is the ETag (and Werkzeug would hash the path, which may not be UTF-8).
    response = send_file(path, mimetype=mimetype, download_name=name, conditional=True, etag=doc.sha256 or True)
    if mimetype == "application/pdf":
        # Browsers' built-in PDF viewers do not work under a sandbox policy.
        response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
    else:
        # An original (HTML in particular) is someone else's content: never let it run scripts here.
        response.headers["Content-Security-Policy"] = (
            "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
    return response


def _on_disk(root: Path, rel: str) -> Path:
    """The file a stored path names. A name that was not UTF-8 on disk (a Latin-1
    name from an old Windows share) is stored decoded as Windows-1252
    (indexer.extract.readable_path); its bytes are found again part by part."""
    path = root
    for part in rel.split("/"):
        candidate = path / part
        if not candidate.exists():
            try:
                legacy = path / os.fsdecode(part.encode("cp1252"))
            except UnicodeEncodeError:
                legacy = candidate
            candidate = legacy if legacy.exists() else candidate
        path = candidate
    return path


@bp.get("/fraga")
def ask():
    """"Ställ en fråga": an extractive answer quoted from the records, with its source."""
    from .qa import answer_question
    from .qa.web import link_query, mark_parts, passage_url, sentence_parts

    config = current_app.config
    max_len = int(config["MAX_QUERY_LENGTH"])
    raw_q = clean_text(request.args.get("q", ""))
    error = None
    status = 200
    answer = None
    question = ""
    try:
        question = parse_query(raw_q, max_len)
    except ParamError as exc:
        error, status = exc.message, 400
        question = raw_q[:max_len]
    context: dict[str, Any] = {"question": question, "error": error, "answer": None, "max_length": max_len}
    if question and error is None:
        store = get_store()
        try:
            answer = answer_question(store, question)
        except QueryError as exc:
            context["error"], status = f"Frågan kunde inte tolkas: {exc}", 400
    if answer is not None:
        lq = link_query(answer)
        src = answer.source
        answered = answer.answer is not None and src is not None
        if answered:
            use_copy_script()
        context.update({
            "answer": answer,
            "parts": sentence_parts(answer),
            "source_url": passage_url(src, lq, external=False) if src else None,
            "citation": passage_citation(src, answer.sentence) if answered else None,
            "disagreement": bool(answer.disagreement),
            "alternatives": [{
                "alt": alt,
                "parts": mark_parts(alt.sentence, alt.answer, alt.answer_start, alt.answer_end),
                "url": passage_url(alt.source, lq, external=False),
                "percent": int(round(float(alt.confidence) * 100)),
            } for alt in answer.alternatives],
            "passages": [{
                "hit": h,
                "url": passage_url(h, lq, external=False),
                "snippet": Markup(get_store().highlight_html(h.text, lq)),  # escaped by the store, <mark> only
            } for h in answer.passages],
        })
    return render_template("ask.html", **context), status
