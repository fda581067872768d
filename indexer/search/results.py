"""What a search is asked and what it answers, whatever engine answers it."""
from __future__ import annotations

from dataclasses import dataclass, field

SORTS = ("relevance", "date")


@dataclass
class SearchRequest:
    query: str = ""
    areas: list[str] = field(default_factory=list)          # area ids; a document must have all
    municipalities: list[str] = field(default_factory=list)  # "Luleå" / "Boden"; any of them
    doc_types: list[str] = field(default_factory=list)       # any of them
    years: list[int] = field(default_factory=list)           # any of them
    bodies: list[str] = field(default_factory=list)          # any of them
    sort: str = "relevance"                                  # one of SORTS; empty query sorts by date
    page: int = 1                                            # 1-based
    limit: int = 10                                          # documents per page


@dataclass
class Hit:
    """One document in a result list, represented by its best passage."""

    doc_id: str
    passage_id: str
    title: str
    doc_type: str
    municipalities: list[str]
    body: str | None
    date: str | None
    page: int
    section: str | None
    section_title: str | None
    source_path: str
    snippet_html: str        # passage text, HTML-escaped, query terms in <mark>
    score: float
    areas: list[str]         # area ids of the passage (falls back to the document's)
    more_passages: int = 0   # further matching passages in the same document
    low_quality: bool = False  # the passage's page has a garbled text layer (PageText.low_quality)
    organisation: str | None = None  # the issuer as written ("Luleå kommun"; Document.organisation)
    public_url: str | None = None      # where the source publishes it, when harvested (Document.public_url)
    published_site: str | None = None  # that address's site ("lulea.se")
    gone_since: str | None = None      # ISO date from which the source no longer publishes it


@dataclass
class PassageHit:
    """One passage, for question answering and other passage-level readers."""

    passage_id: str
    doc_id: str
    title: str
    doc_type: str
    municipalities: list[str]
    date: str | None
    page: int
    section: str | None
    section_title: str | None
    source_path: str
    text: str
    is_decision: bool
    score: float
    coverage: float          # share of the query's words the passage contains (0..1)
    low_quality: bool = False  # the passage's page has a garbled text layer
    organisation: str | None = None  # the issuer as written ("Luleå kommun"; Document.organisation)
    public_url: str | None = None      # as on Hit
    published_site: str | None = None
    gone_since: str | None = None


@dataclass
class FacetValue:
    value: str               # as stored; the web app gives it a label (search_app.services.facet_label)
    count: int               # matching documents
    selected: bool = False


@dataclass
class SearchResult:
    request: SearchRequest
    total: int               # matching documents
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]  # keys in display order: area, municipality, doc_type, year, body
    relaxed: bool = False    # True when no document matched all terms and OR semantics were used
    suggestion: str | None = None  # "Menade du …?": a respelt query that finds more documents
    suggestion_total: int = 0      # documents the suggestion finds


class QueryError(ValueError):
    """The query text cannot be parsed; the message is shown to the user."""
