"""Web UI and JSON API over the council-records index.

    from search_app import create_app
    app = create_app({"INDEX_DIR": "data/index"})

Run it with ``python -m search_app serve`` (gunicorn worker processes, or waitress with
``--workers 1``) — never Flask's debug server.
"""
from __future__ import annotations

from typing import Any

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from .config import load_config

# Swedish texts of the error pages, by status code.
ERROR_TEXTS = {
    400: ("Felaktig förfrågan", "Förfrågan kunde inte tolkas."),
    404: ("Sidan finns inte", "Sidan eller dokumentet du sökte finns inte."),
    405: ("Metoden stöds inte", "Den här adressen stöds inte för den metoden."),
    413: ("För stor förfrågan", "Förfrågan är för stor."),
    414: ("För lång adress", "Adressen är för lång."),
    500: ("Något gick fel", "Ett oväntat fel inträffade. Försök igen om en stund."),
    503: ("Tjänsten är inte tillgänglig", "Sökindexet är inte tillgängligt just nu."),
}


def _wants_json() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def error_response(status: int, message: str | None = None):
    """A JSON error under /api, a Swedish HTML page elsewhere."""
    title, default_text = ERROR_TEXTS.get(status, ("Fel", "Ett fel inträffade."))
    text = message or default_text
    if _wants_json():
        return jsonify({"error": text, "status": status}), status
    return render_template("error.html", status=status, title=title, message=text), status


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(load_config(config))
    app.config["DEBUG"] = False  # never debug mode, whatever the config says
    app.debug = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from . import services
    from .api import bp as api_bp
    from .params import ParamError
    from .ui import bp as ui_bp, register_template_helpers

    services.init_app(app)
    # the answer model is read at start: a missing or broken file is an error now, not at the first question
    from .qa.model import default_model
    default_model()
    register_template_helpers(app)
    app.register_blueprint(ui_bp)
    app.register_blueprint(api_bp, url_prefix="/api")
    from . import export, feeds
    app.register_blueprint(feeds.bp)   # /sok.atom: Atom feed of a search
    app.register_blueprint(export.bp)  # /sok.csv, /api/search.csv: CSV export of a search
    from .decisions import bp as decisions_bp
    app.register_blueprint(decisions_bp)  # /beslut, /arende/<kommun>/<dnr>, /api/decisions, /api/cases/…
    from .decision_feeds import bp as decision_feeds_bp
    app.register_blueprint(decision_feeds_bp)  # /beslut.atom, /beslut.csv, /arende/<kommun>/<dnr>.atom and .csv
    from .people import bp as people_bp
    app.register_blueprint(people_bp)  # /person/<namn> (.atom, .csv), /api/persons/<namn>

    from indexer.store.base import QueryError

    @app.errorhandler(ParamError)
    def _param_error(exc: ParamError):
        return error_response(400, exc.message)

    @app.errorhandler(QueryError)
    def _query_error(exc: QueryError):
        return error_response(400, f"Sökfrågan kunde inte tolkas: {exc}")

    try:  # the Whoosh store raises this when an index vanishes while the app runs
        from indexer.store import IndexNotFound as _IndexNotFound
    except ImportError:  # another Store implementation
        _IndexNotFound = services.IndexUnavailable

    @app.errorhandler(services.IndexUnavailable)
    @app.errorhandler(_IndexNotFound)
    def _no_index(exc: Exception):
        if _wants_json():
            return error_response(503, str(exc))
        return error_response(503, "Sökindexet är inte byggt ännu eller kunde inte öppnas. Försök igen senare.")

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        status = exc.code or 500
        message = None
        if status == 400 and exc.description and _wants_json():
            message = exc.description
        return error_response(status, message)

    @app.errorhandler(InternalServerError)
    def _internal(exc: InternalServerError):
        return error_response(500)

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        # No page runs inline script; the pages with a "Kopiera" button load static/copy.js
        # from this site (ui.use_copy_script), every other page allows no script at all.
        script_src = "'self'" if g.get("page_scripts") else "'none'"
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; script-src {script_src}; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'self'; form-action 'self'",
        )
        return response

    return app
