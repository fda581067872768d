"""What a search is asked and what it answers, whatever engine answers it."""
from __future__ import annotations

from dataclasses import dataclass, field

SORTS = ("relevance", "date", "oldest")  # "date": newest first; undated documents last in both


@dataclass
class SearchRequest:
    query: str = ""
    areas: list[str] = field(default_factory=list)          # area ids; a document must have all
    municipalities: list[str] = field(default_factory=list)  # "Luleå" / "Boden"; any of them
    doc_types: list[str] = field(default_factory=list)       # any of them
    years: list[int] = field(default_factory=list)           # any of them
    bodies: list[str] = field(default_factory=list)          # any of them
    persons: list[str] = field(default_factory=list)         # display names ("Carina Sammeli"); any of them
    parties: list[str] = field(default_factory=list)         # party abbreviations ("S"); any of them
    sort: str = "relevance"                                  # one of SORTS; empty query sorts by date
    page: int = 1                                            # 1-based
    limit: int = 10                                          # documents per page
    date_from: str | None = None                             # ISO date; with a typed datum: the narrower bound wins
    date_to: str | None = None                               # ISO date, inclusive


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
    decision: str | None = None        # the decision of the § item (section) on one line, when it has one


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
    facets: dict[str, list[FacetValue]]  # keys in display order: area, municipality, doc_type, year, body, person, party
    relaxed: bool = False    # True when no document matched all terms and OR semantics were used
    suggestion: str | None = None  # "Menade du …?": a respelt query that finds more documents
    suggestion_total: int = 0      # documents the suggestion finds


@dataclass
class DecisionRequest(SearchRequest):
    """A search of decision records: what a search is asked; newest first unless
    another order (relevance) is asked for."""

    sort: str = "date"


@dataclass
class DecisionRecord:
    """A § item with its body's decision (search.decisions), or, among the records
    of a case, also a whole document of it (``section`` None, no decision)."""

    doc_id: str
    section: str | None        # MinutesItem.number
    title: str                 # the item's title (the document's for a whole document)
    document_title: str
    doc_type: str
    municipalities: list[str]
    body: str | None
    date: str | None
    dnr: str | None            # as written, without its label
    decision: str | None       # verbatim
    proposal: str | None       # an agenda item's proposal
    areas: list[str]
    page_start: int
    page_end: int
    #: the case: its municipality, id in addresses ("KS-2022-451") and normalised
    #: number ("KS 2022/451"); None when the Dnr cannot be placed (indexer/cases.py)
    case_municipality: str | None = None
    case_id: str | None = None
    case_label: str | None = None
    source_path: str = ""
    page: int = 1              # the page of the passage the snippet is from
    snippet_html: str = ""     # a matching passage, HTML-escaped, query terms in <mark>
    score: float = 0.0
    low_quality: bool = False
    organisation: str | None = None
    public_url: str | None = None      # as on Hit
    published_site: str | None = None
    gone_since: str | None = None
    #: the item's motions, reservations, votes, conflicts of interest as JSON
    #: (indexer/structure/people.py ``ItemPeople.to_json``), when it names any
    people: dict | None = None


@dataclass
class DecisionResult:
    request: DecisionRequest
    total: int                 # matching decision records
    records: list[DecisionRecord]
    facets: dict[str, list[FacetValue]]  # as SearchResult's, counting records
    relaxed: bool = False
    suggestion: str | None = None
    suggestion_total: int = 0


@dataclass
class Case:
    """Every record of one case, in the order it went through the bodies."""

    municipality: str
    case_id: str               # "KS-2022-451"
    label: str                 # "KS 2022/451"
    records: list[DecisionRecord]
    forms: list[str]           # the diary number as its records write it

    @property
    def bodies(self) -> list[str]:
        return list(dict.fromkeys(r.body for r in self.records if r.body))


@dataclass
class PersonMeeting:
    """A meeting whose minutes list a person: the minutes as a record (``section`` None)."""

    record: DecisionRecord
    kinds: list[str]           # indexer/structure/people.py ROLE_KINDS, in the order written
    titles: list[str]          # the captions and words after the name as written ("Beslutande", "ordförande")
    party: str | None
    sections: list[str]        # the § items a presence was limited to, when written


@dataclass
class PersonAct:
    """What a person did in one § item, as the minutes write it."""

    record: DecisionRecord     # the item
    kind: str                  # "motion", "reservation", "vote", "recusal"
    text: str                  # the motion from its verb, what the reservation was against, the vote's result
    party: str | None
    ballot: str | None = None  # "ja", "nej", "avstår": the person's vote, when the minutes list it
    others: list[str] = field(default_factory=list)  # the others named in the same motion or reservation


@dataclass
class PersonRecord:
    """Everything the index holds under one name; the same name may be several
    persons (the municipalities and bodies tell them apart), nothing more is inferred."""

    name: str
    parties: list[str]         # the parties written beside the name, most recent first
    meetings: list[PersonMeeting]  # newest first
    acts: list[PersonAct]          # newest first

    @property
    def municipalities(self) -> list[str]:
        records = [m.record for m in self.meetings] + [a.record for a in self.acts]
        return list(dict.fromkeys(m for r in records for m in r.municipalities))


class QueryError(ValueError):
    """The query text cannot be parsed; the message is shown to the user."""
