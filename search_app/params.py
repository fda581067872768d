"""Validation of search parameters, shared by the HTML UI, the JSON API and the CLI.

Every problem raises ParamError naming the parameter, which the app turns into
a 400 response; nothing a user types may reach the store unchecked.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from typing import Any, Iterable, Mapping

from indexer.models import DOC_TYPES, normalise_doc_type
from indexer.names import display_name, load_parties, party_named
from indexer.organisations import municipality_named
from indexer.store.base import SORTS, SearchRequest

from .services import find_area

SORT_LABELS = {"relevance": "Relevans", "date": "Nyast först", "oldest": "Äldst först"}
#: The sort box while browsing (no words to rank by): relevance then means
#: newest first, and says so, yet stays relevance when words are typed next.
BROWSE_SORT_LABELS = {"relevance": "Nyast först", "oldest": "Äldst först"}
_YEAR_RE = re.compile(r"^\d{4}$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_INT_RE = re.compile(r"^\+?\d{1,9}$")
MAX_PAGE = 10_000
MAX_FILTER_VALUES = 20
MAX_BODY_LENGTH = 200

#: The query-string parameters of a search, in the order they appear in URLs.
SEARCH_PARAMS = ("q", "area", "municipality", "type", "year", "body", "person", "party", "from", "to", "sort", "page",
                 "limit")
FILTER_PARAMS = ("area", "municipality", "type", "year", "body", "person", "party", "from", "to")
#: Longer person names than this are no name of the minutes.
MAX_PERSON_LENGTH = 120


class ParamError(ValueError):
    """A request parameter has a value that cannot be used."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


def clean_text(value: str) -> str:
    """Drop control characters (keeping ordinary whitespace) and trim."""
    value = unicodedata.normalize("NFC", value)
    out = "".join(" " if ch in "\t\r\n\v\f" else ch for ch in value
                  if ch in "\t\r\n\v\f" or unicodedata.category(ch)[0] != "C")
    return out.strip()


def _getlist(args: Any, name: str) -> list[str]:
    if hasattr(args, "getlist"):
        values = args.getlist(name)
    else:
        raw = args.get(name) if isinstance(args, Mapping) else None
        if raw is None:
            values = []
        elif isinstance(raw, (list, tuple)):
            values = list(raw)
        else:
            values = [raw]
    out: list[str] = []
    for v in values:
        v = clean_text(str(v))
        if v and v not in out:
            out.append(v)
    if len(out) > MAX_FILTER_VALUES:
        raise ParamError(name, f"Parametern '{name}' får anges högst {MAX_FILTER_VALUES} gånger.")
    return out


def _single(args: Any, name: str) -> str | None:
    values = _getlist(args, name)
    if not values:
        return None
    return values[-1]


def parse_int(value: str | None, name: str, *, default: int, minimum: int, maximum: int) -> int:
    if value is None or value == "":
        return default
    if not _INT_RE.match(value):
        raise ParamError(name, f"Parametern '{name}' måste vara ett heltal, inte {value[:40]!r}.")
    number = int(value)
    if number < minimum or number > maximum:
        raise ParamError(name, f"Parametern '{name}' måste vara mellan {minimum} och {maximum}.")
    return number


def parse_query(value: str | None, max_length: int) -> str:
    q = clean_text(value or "")
    if len(q) > max_length:
        raise ParamError("q", f"Parametern 'q' (sökfrågan) får vara högst {max_length} tecken lång.")
    return q


def parse_search_query(value: str | None, max_length: int) -> str:
    """The search box's text; only punctuation ("?", "…", "--") asks for no
    word, so it is the empty query (browsing), not a match of every document."""
    q = parse_query(value, max_length)
    return q if any(ch.isalnum() for ch in q) else ""


def parse_date(value: str | None, name: str, *, end: bool) -> str | None:
    """An ISO date (2023-05-17), or a year or month as its first day (``end``:
    its last day), as a date filter's bound."""
    if not value:
        return None
    m = _DATE_RE.match(value)
    label = "från" if name == "from" else "till"
    if m is None:
        raise ParamError(name, f"Parametern '{name}' ({label}-datum) måste vara ett datum som 2023-05-17, "
                               f"inte {value[:40]!r}.")
    year, month, day = int(m.group(1)), int(m.group(2) or (12 if end else 1)), m.group(3)
    if not 1 <= month <= 12 or year < 1:
        raise ParamError(name, f"Parametern '{name}' ({label}-datum): {value[:40]!r} är inget giltigt datum.")
    last = calendar.monthrange(year, month)[1]
    day_n = int(day) if day else (last if end else 1)
    if not 1 <= day_n <= last:
        raise ParamError(name, f"Parametern '{name}' ({label}-datum): {value[:40]!r} är inget giltigt datum.")
    return f"{year:04d}-{month:02d}-{day_n:02d}"


def normalize_municipality(value: str) -> str:
    name = municipality_named(value)
    if name is not None:
        return name
    raise ParamError(
        "municipality",
        f"Okänd kommun i parametern 'municipality': {value[:60]!r}. Ange en svensk kommun (t.ex. Luleå) "
        "eller en svenskspråkig kommun i Finland.",
    )


def normalize_doc_type(value: str) -> str:
    doc_type = normalise_doc_type(value)
    if doc_type is not None:
        return doc_type
    raise ParamError(
        "type",
        f"Okänd dokumenttyp i parametern 'type': {value[:60]!r}. Giltiga värden: {', '.join(DOC_TYPES)}.",
    )


def normalize_area(value: str) -> str:
    area = find_area(value)
    if area is None:
        from .services import get_areas

        known = ", ".join(a.id for a in get_areas())
        raise ParamError("area", f"Okänt prioriterat område i parametern 'area': {value[:60]!r}. Giltiga värden: {known}.")
    return area.id


def normalize_person(value: str) -> str:
    if len(value) > MAX_PERSON_LENGTH:
        raise ParamError("person", f"Parametern 'person' får vara högst {MAX_PERSON_LENGTH} tecken lång.")
    return display_name(value)


def normalize_party(value: str) -> str:
    party = party_named(value)
    if party is not None:
        return party
    known = ", ".join(p.abbreviation for p in load_parties())
    raise ParamError("party", f"Okänt parti i parametern 'party': {value[:60]!r}. Giltiga värden: {known}.")


def parse_year(value: str) -> int:
    if not _YEAR_RE.match(value):
        raise ParamError("year", f"Parametern 'year' måste vara ett årtal med fyra siffror, inte {value[:40]!r}.")
    return int(value)


def _dedupe(values: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def parse_search_args(args: Any, config: Mapping[str, Any], *, allow_limit: bool = True) -> SearchRequest:
    """A SearchRequest from query-string style arguments (MultiDict or dict).

    Raises ParamError for the first unusable parameter.
    """
    q = parse_search_query(_single(args, "q"), int(config["MAX_QUERY_LENGTH"]))
    areas = _dedupe(normalize_area(v) for v in _getlist(args, "area"))
    municipalities = _dedupe(normalize_municipality(v) for v in _getlist(args, "municipality"))
    doc_types = _dedupe(normalize_doc_type(v) for v in _getlist(args, "type"))
    years = _dedupe(parse_year(v) for v in _getlist(args, "year"))
    bodies = []
    for v in _getlist(args, "body"):
        if len(v) > MAX_BODY_LENGTH:
            raise ParamError("body", f"Parametern 'body' får vara högst {MAX_BODY_LENGTH} tecken lång.")
        bodies.append(" ".join(v.split()).lower())
    bodies = _dedupe(bodies)
    persons = _dedupe(normalize_person(v) for v in _getlist(args, "person"))
    parties = _dedupe(normalize_party(v) for v in _getlist(args, "party"))
    date_from = parse_date(_single(args, "from"), "from", end=False)
    date_to = parse_date(_single(args, "to"), "to", end=True)
    sort = (_single(args, "sort") or "relevance").lower()
    if sort not in SORTS:
        raise ParamError("sort", f"Parametern 'sort' måste vara en av: {', '.join(SORTS)}.")
    page = parse_int(_single(args, "page"), "page", default=1, minimum=1, maximum=MAX_PAGE)
    page_size = int(config["PAGE_SIZE"])
    if allow_limit:
        limit = parse_int(_single(args, "limit"), "limit", default=page_size, minimum=1,
                          maximum=int(config.get("MAX_LIMIT", 100)))
    else:
        limit = page_size
    return SearchRequest(query=q, areas=areas, municipalities=municipalities, doc_types=doc_types,
                         years=years, bodies=bodies, persons=persons, parties=parties, sort=sort, page=page,
                         limit=limit,
                         date_from=date_from, date_to=date_to)


def request_to_args(req: SearchRequest, *, include_page: bool = False, include_limit: bool = False,
                    default_limit: int | None = None) -> dict[str, Any]:
    """Query-string arguments (for url_for) that reproduce a SearchRequest."""
    args: dict[str, Any] = {}
    if req.query:
        args["q"] = req.query
    if req.areas:
        args["area"] = list(req.areas)
    if req.municipalities:
        args["municipality"] = list(req.municipalities)
    if req.doc_types:
        args["type"] = list(req.doc_types)
    if req.years:
        args["year"] = [str(y) for y in req.years]
    if req.bodies:
        args["body"] = list(req.bodies)
    if req.persons:
        args["person"] = list(req.persons)
    if req.parties:
        args["party"] = list(req.parties)
    if req.date_from:
        args["from"] = req.date_from
    if req.date_to:
        args["to"] = req.date_to
    if req.sort != "relevance":
        args["sort"] = req.sort
    if include_page and req.page != 1:
        args["page"] = req.page
    if include_limit and req.limit != default_limit:
        args["limit"] = req.limit
    return args
