"""Domain records passed between the ingest steps.

Flow: source file -> ExtractedDocument (extract/) -> Document with MinutesItem
and Passage records (structure.py) -> areas tagged (areas.py) -> store.
Every record is a plain dataclass so it pickles across worker processes and
serialises to JSON for the extraction cache and the document store.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .provenance import Provenance


@dataclass
class PageText:
    """Text of one page after furniture (running headers/footers) is removed.

    ``text`` keeps line breaks; a blank line separates paragraphs.
    Formats without pages (HTML, DOCX, TXT) yield a single page numbered 1.
    """

    number: int
    text: str
    ocr: bool = False
    #: Share of the page's words that the Swedish lexicon knows (0..1); None
    #: when the page has too few words to tell. A garbled text layer (lost
    #: ligatures, substituted glyphs) scores low.
    quality: float | None = None
    #: The text could not be trusted: quality below the threshold and OCR did
    #: not give better text (or was not available). Indexed, but flagged.
    low_quality: bool = False
    #: Paragraphs of ``text`` that the source marks as headings (Word heading
    #: styles and outline levels, HTML h1-h6), as they stand in ``text``: the
    #: document page shows them as headings. Formats that do not mark headings
    #: (PDF, plain text) leave it empty.
    headings: list[str] = field(default_factory=list)


@dataclass
class ExtractedDocument:
    """What an extractor can read from a file, before any interpretation."""

    source_path: str          # relative to the source folder, POSIX separators
    sha256: str
    format: str               # pdf | html | docx | txt | md
    pages: list[PageText]
    title: str | None = None
    date: str | None = None   # ISO yyyy-mm-dd when the file states one
    metadata: dict[str, str] = field(default_factory=dict)  # author, credits, publisher, pdf info …

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ExtractedDocument":
        pages = [PageText(**p) for p in data.get("pages", [])]
        rest = {k: v for k, v in data.items() if k != "pages"}
        return cls(pages=pages, **rest)


#: Document types, decided from content (structure/metadata.py), with the
#: Swedish names shown in the UI facet.
DOC_TYPES: tuple[str, ...] = ("protokoll", "kallelse", "pressmeddelande", "avtal", "styrdokument",
                              "tjänsteskrivelse", "annat")
DOC_TYPE_LABELS: dict[str, str] = {
    "protokoll": "Protokoll", "kallelse": "Kallelse och föredragningslista", "pressmeddelande": "Pressmeddelande",
    "avtal": "Avtal och avsiktsförklaring", "styrdokument": "Styrdokument (policy, riktlinje, plan)",
    "tjänsteskrivelse": "Tjänsteskrivelse", "annat": "Annat",
}
#: How near a type is to the record itself, for question answering: the decision,
#: minutes or agreement (3), papers preparing a decision (2), news about it (1).
DOC_TYPE_SOURCE_TIERS: dict[str, int] = {
    "protokoll": 3, "avtal": 3, "styrdokument": 3, "tjänsteskrivelse": 2, "kallelse": 2,
    "pressmeddelande": 1, "annat": 1,
}
#: Other words people use for a type (in typ: filters, links made before a type
#: was renamed): compared case- and diacritic-insensitively by the callers.
DOC_TYPE_ALIASES: dict[str, str] = {
    "avsiktsförklaring": "avtal", "avsiktsforklaring": "avtal", "samverkansavtal": "avtal",
    "överenskommelse": "avtal", "föredragningslista": "kallelse", "dagordning": "kallelse",
    "protokollsutdrag": "protokoll", "policy": "styrdokument", "riktlinje": "styrdokument",
    "riktlinjer": "styrdokument", "plan": "styrdokument", "press": "pressmeddelande",
    "pressrelease": "pressmeddelande", "nyhet": "pressmeddelande", "tjansteskrivelse": "tjänsteskrivelse",
}


def normalise_doc_type(value: str) -> str | None:
    """The document type a user's word names ("Protokoll", "avsiktsförklaring",
    "tjansteskrivelse"), or None."""
    from .folding import fold

    key = fold(value.strip())
    for t in DOC_TYPES:
        if fold(t) == key:
            return t
    for alias, t in DOC_TYPE_ALIASES.items():
        if fold(alias) == key:
            return t
    return None

#: Kinds of passage. "toc" is a table-of-contents or agenda-list line: indexed,
#: but ranked below the text it points to.
PASSAGE_KINDS: tuple[str, ...] = ("text", "toc")


@dataclass
class MinutesItem:
    """One numbered § of minutes or an agenda."""

    number: str               # normalised: digits plus an optional lower-case letter ("12", "3a"), or a range "12-14"
    title: str
    dnr: str | None           # as written, without its label ("KS 2022/123", "KU/2007.9")
    decision: str | None      # the body's own decision, verbatim; None when the item records none
    page_start: int
    page_end: int
    proposal: str | None = None  # "Förslag till beslut" of an agenda item: a proposal, not a decision
    #: who moved, reserved, voted or declared a conflict of interest in the item
    #: (indexer/structure/people.py ``ItemPeople.to_json``); None when it names none
    people: dict[str, Any] | None = None


@dataclass
class Passage:
    """About one paragraph; never spans a page or § boundary.

    Passages are what search hits and answers point to.
    """

    passage_id: str           # f"{doc_id}-{seq}"
    doc_id: str
    seq: int
    page: int
    section: str | None       # § number (MinutesItem.number), when inside a minutes item
    text: str
    is_decision: bool = False
    kind: str = "text"        # one of PASSAGE_KINDS
    areas: list[str] = field(default_factory=list)
    area_terms: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Document:
    doc_id: str
    title: str
    doc_type: str             # one of DOC_TYPES
    municipalities: list[str]  # the issuing municipalities ("Luleå"); both parties of a joint document; [] for an agency
    body: str | None          # e.g. "kommunstyrelsen", "kommunstyrelsens arbetsutskott"
    date: str | None          # ISO yyyy-mm-dd
    source_path: str
    source_root: str          # absolute folder the file was found in
    sha256: str
    format: str
    pages: list[PageText]
    items: list[MinutesItem] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    area_terms: dict[str, list[str]] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    organisation: str | None = None  # the issuer as written: "Högsby kommun", "Nykarleby stad", "Sveriges riksbank"
    #: the roles at the meeting of minutes: the attendance lists, signatures and
    #: appointed justerare (indexer/structure/people.py ``role_json`` each)
    attendance: list[dict[str, Any]] = field(default_factory=list)
    #: Where the file was published, when it was harvested: the sidecar record
    #: (indexer/provenance.py, ``Provenance.to_json``); None for a file put in the folder by hand.
    provenance: dict[str, Any] | None = None

    @property
    def origin(self) -> Provenance | None:
        return Provenance.from_json(self.provenance) if self.provenance else None

    # The same three names as on search hits (indexer/search/results.py), so the
    # web app links and cites a document and a hit alike.
    @property
    def public_url(self) -> str | None:
        """The address to cite, where the source publishes the document."""
        origin = self.origin
        return origin.public_url if origin else None

    @property
    def published_site(self) -> str | None:
        """The public address's site ("lulea.se")."""
        origin = self.origin
        return origin.site if origin else None

    @property
    def gone_since(self) -> str | None:
        """The date from which the source no longer publishes the document."""
        origin = self.origin
        return origin.gone_since if origin else None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Document":
        d = dict(data)
        d["pages"] = [PageText(**p) for p in d.get("pages", [])]
        d["items"] = [MinutesItem(**i) for i in d.get("items", [])]
        d["passages"] = [Passage(**p) for p in d.get("passages", [])]
        return cls(**d)


class ExtractionError(Exception):
    """A file could not be read; the message is a plain reason for the report."""


class NeedsOcr(ExtractionError):
    """No page has a text layer and OCR is not available (Tesseract or its
    Swedish model missing): worth trying again once it is installed."""


class OcrError(ExtractionError):
    """No page has a text layer and OCR failed (timeout, crash): worth trying again."""


class LimitExceeded(ExtractionError):
    """The file is over a configured limit, found before reading its text (zip
    directory, page count): cheap to check again, so a later run with a higher
    limit reads it."""


class NeedsProgram(ExtractionError):
    """A program the format needs is not installed (antiword/catdoc for .doc);
    the message says what to install. Tried again once it is."""
