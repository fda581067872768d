"""CSV export: a search's documents as a spreadsheet.

``GET /sok.csv`` and ``GET /api/search.csv`` take the parameters of /sok and give
the first 1,000 matching documents in the page's order. ``csv_response(headers,
rows, filename)`` writes any such file, for the decision lists too.

The file is what Excel with Swedish settings opens into columns on a double
click: UTF-8 with a byte order mark (without it Excel reads the file as
Windows-1252 and garbles å, ä and ö) and ``;`` between fields (Excel splits on
the list separator of the regional settings, which in Swedish is ``;`` because
``,`` is the decimal comma). No ``sep=;`` line: with one, Excel ignores the byte
order mark. LibreOffice and Python's csv module read the same file.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date
from typing import Any, Iterable, Sequence
from urllib.parse import quote

from flask import Blueprint, Response

from indexer.store.base import Hit

from .feeds import search_from_request, snippet_text
from .serialize import document_url, original_url
from .services import area_label
from .ui import body_label, doc_type_label

bp = Blueprint("export", __name__)

#: Rows of an export (issue 15): enough for a list to work through, few enough
#: to build in one request.
EXPORT_MAX_ROWS = 1000
DELIMITER = ";"
#: A spreadsheet runs a cell that starts with one of these as a formula (or, for
#: tab and carriage return, after its own trimming): "=HYPERLINK(…)" in a title
#: would be a live link or command in the reader's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

SEARCH_HEADERS = ("Titel", "Typ", "Kommun", "Utfärdare", "Organ", "Datum", "Sida", "§", "Rubrik (§)",
                  "Beslut", "Områden", "Länk", "Originalfil", "Utdrag")


def defuse(value: Any) -> str:
    """A cell's text, with a leading ' when a spreadsheet would read it as a
    formula (the OWASP advice for CSV injection); Excel shows the text as written."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _content_disposition(filename: str) -> str:
    """attachment with the name quoted; a name beyond ASCII also as filename*
    (RFC 6266), with an ASCII fallback for older clients."""
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    plain = plain.replace("\\", "_").replace('"', "_") or "export.csv"
    value = f'attachment; filename="{plain}"'
    if plain != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return value


def csv_response(headers: Sequence[str], rows: Iterable[Sequence[Any]], filename: str) -> Response:
    """A CSV download: UTF-8 with BOM, ``;`` between fields, CRLF line ends
    (RFC 4180), every cell defused against formulas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([defuse(h) for h in headers])
    for row in rows:
        writer.writerow([defuse(cell) for cell in row])
    response = Response(out.getvalue().encode("utf-8-sig"), mimetype="text/csv")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = _content_disposition(filename)
    return response


def export_filename(stem: str) -> str:
    """``<stem>-<today>.csv``: several exports of a day sort together in a downloads folder."""
    return f"{stem}-{date.today().isoformat()}.csv"


def hit_row(hit: Hit, query: str) -> list[Any]:
    """A search hit as a row of SEARCH_HEADERS; links absolute on PUBLIC_URL."""
    local_original = original_url(hit.doc_id, source_path=hit.source_path, page=hit.page, external=True)
    return [
        hit.title,
        doc_type_label(hit.doc_type),
        ", ".join(hit.municipalities),
        hit.organisation or "",
        body_label(hit.body),
        hit.date or "",
        hit.page,
        hit.section or "",
        hit.section_title or "",
        # The § item's decision on one line (issue 15 point 1, built alongside: absent before it lands).
        getattr(hit, "decision", None) or "",
        ", ".join(area_label(a) for a in hit.areas),
        document_url(hit.doc_id, query=query, page=hit.page, section=hit.section, external=True),
        hit.public_url or local_original,   # where the source publishes it, as the API's original_url
        snippet_text(hit),
    ]


@bp.get("/sok.csv")
@bp.get("/api/search.csv", endpoint="api_search_csv")  # its own name: url_for("export.search_csv") is /sok.csv
def search_csv():
    # The page's order (its sort), from the first document: the page parameter
    # is checked like everywhere but does not move the window.
    result = search_from_request(page=1, limit=EXPORT_MAX_ROWS)
    query = result.request.query
    return csv_response(SEARCH_HEADERS, (hit_row(h, query) for h in result.hits), export_filename("sokresultat"))
