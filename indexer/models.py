"""Domain records passed between the ingest steps.

Flow: source file -> ExtractedDocument (extract/) -> Document with MinutesItem
and Passage records (structure.py) -> areas tagged (areas.py) -> store.
Every record is a plain dataclass so it pickles across worker processes and
serialises to JSON for the extraction cache and the document store.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class PageText:
    """Text of one page after furniture (running headers/footers) is removed.

    ``text`` keeps line breaks; a blank line separates paragraphs.
    Formats without pages (HTML, DOCX, TXT) yield a single page numbered 1.
    """

    number: int
    text: str
    ocr: bool = False


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


@dataclass
class MinutesItem:
    """One numbered § of council minutes."""

    number: int
    title: str
    dnr: str | None
    decision: str | None      # the text under "Beslut", verbatim
    page_start: int
    page_end: int


@dataclass
class Passage:
    """About one paragraph; never spans a page or § boundary.

    Passages are what search hits and answers point to.
    """

    passage_id: str           # f"{doc_id}-{seq}"
    doc_id: str
    seq: int
    page: int
    section: int | None       # § number, when inside a minutes item
    text: str
    is_decision: bool = False
    areas: list[str] = field(default_factory=list)
    area_terms: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Document:
    doc_id: str
    title: str
    doc_type: str             # pressmeddelande | protokoll | avsiktsförklaring | annat
    municipalities: list[str]  # subset of ["Luleå", "Boden"]; may be empty for other municipalities
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
