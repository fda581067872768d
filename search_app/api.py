"""JSON API under /api."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from .params import parse_search_args
from .serialize import document_json, external_url, result_json
from .services import IndexUnavailable, area_overview, get_store

bp = Blueprint("api", __name__)


@bp.get("/search")
def search():
    req = parse_search_args(request.args, current_app.config)
    result = get_store().search(req)
    return jsonify(result_json(result))


@bp.get("/documents/<path:doc_id>")
def document(doc_id: str):
    doc = get_store().get_document(doc_id) if len(doc_id) <= 300 else None
    if doc is None:
        return jsonify({"error": f"Dokumentet {doc_id[:100]!r} finns inte.", "status": 404}), 404
    return jsonify(document_json(doc))


def area_counts() -> list[dict]:
    return [{
        "id": area.id,
        "label": area.label,
        "description": area.description,
        "terms": list(area.terms),
        "documents": total,
        "url": external_url("ui.search", area=area.id),
    } for area, total, _newest in area_overview()]


@bp.get("/areas")
def areas():
    return jsonify({"areas": area_counts()})


@bp.get("/health")
def health():
    try:
        stats = get_store().stats()
    except (IndexUnavailable, FileNotFoundError) as exc:
        return jsonify({"status": "unavailable", "error": str(exc)}), 503
    return jsonify({
        "status": "ok",
        "documents": stats.documents,
        "passages": stats.passages,
        "generation": stats.generation,
        "built_at": stats.built_at,
        "schema_version": stats.schema_version,
        "analyzer_version": stats.analyzer_version,
        "notices": stats.notices,
    })


@bp.get("/ask")
def ask():
    """Extractive question answering: GET /api/ask?q=<fråga>."""
    from .params import ParamError, parse_query
    from .qa import answer_question
    from .qa.web import answer_json

    if "q" not in request.args or not request.args.get("q", "").strip():
        raise ParamError("q", "Parametern 'q' (frågan) saknas eller är tom.")
    question = parse_query(request.args.get("q", ""), int(current_app.config["MAX_QUERY_LENGTH"]))
    if not question:
        raise ParamError("q", "Parametern 'q' (frågan) saknas eller är tom.")
    store = get_store()
    return jsonify(answer_json(answer_question(store, question), store))
