"""Gold for the structure benchmark: the real documents' hand-checked JSON and the
example corpus's gold generated from the code that wrote it.

Both end up as :class:`GoldDoc` records with the schema of
``../shared/devdata/real/README.md``. A field is either a value (``None`` included:
"the document does not have it", e.g. no Dnr, no body, an agency without a
municipality) or :data:`UNKNOWN` ("not annotated": the field is not measured for that
document and is left out of every rate).

Real documents (``--real``, default ``../shared/devdata/real``)
    ``gold/<file name>.json`` as written by the annotators; a key the JSON lacks is
    UNKNOWN. Nothing is copied into the repository. The half is fixed by a rule nobody
    chooses per document: ``check`` when ``int(sha1(file name).hexdigest(), 16) % 2 == 1``,
    else ``dev`` (file name without its folder, UTF-8).

Example corpus (``--corpus``, default ``corpus/``), gold generated at bench time from
``corpus_tools/content/*.py``. Mapping to the gold schema:

* ``kind == "minutes"`` (``pdf/*-protokoll-*.pdf``): doc_type ``protokoll``; municipality
  from ``municipality`` ("Luleå kommun" -> Luleå, "Bodens kommun" -> Boden); organisation =
  that string; body = ``body``; date = ``date``; title_any = the PDF title the generator
  writes ("Protokoll <body> <date>"), title_keywords = ["protokoll", <body>] (the real
  gold's convention for minutes). Items: every ``item()`` with number ``nr``, its
  ``title``, Dnr = ``dnr`` without the leading "Dnr " label, has_decision = the item has a
  non-empty ``Beslut`` section. Item pages are read while re-rendering the PDF with
  ``corpus_tools/render_pdf.render_minutes`` (the page each "§ N" heading and the item's
  last paragraph are drawn on); they are used only when the re-rendered bytes equal the
  file in ``corpus/``, otherwise pages are UNKNOWN and the report says so.
  repeated_lines = the running header and footer lines as the corpus README documents
  them ("LULEÅ KOMMUN PROTOKOLL Sida N (N)", "<body> Sammanträdesdatum <date>",
  "Justerandes signatur Utdragsbestyrkande") and their drawn pieces, keeping only those
  the document's own text never contains: a line that is also content (the body name;
  "<body> Sammanträdesdatum <date>", which page 1's notice box prints as "Organ <body>
  Sammanträdesdatum <date>") cannot tell furniture from text. boilerplate = the signature, justification and
  notice labels page 1 draws (``render_pdf._page_one``). toc_pages = [1]: page 1 carries
  the ``Paragrafer`` list of "§ N title" lines.
* ``kind == "agreement"`` (the avsiktsförklaring PDF): ``avtal``; municipality both
  Luleå and Boden (a joint document: both issuers); organisation UNKNOWN (two issuers,
  ``Document.organisation`` holds one); body UNKNOWN (no meeting body; the parties act
  through their kommunstyrelser, so "none" would be arguable); date, title from the
  content; no items; repeated_lines its header/footer lines and pieces as above;
  boilerplate [] (the signature block says who signed: content); toc_pages []. The same
  content filter applies to the header/footer lines here and for DOCX.
* ``kind == "html"``: ``pressmeddelande`` (Luleå's press releases and Boden's news pages
  alike); municipality/organisation = the issuing site (``municipality_label``); body
  ``None`` (a press release has no meeting body); date = publication date; title = h1;
  no items; repeated_lines/boilerplate UNKNOWN (web-page furniture is not a running
  header); toc_pages [].
* ``kind == "docx"``: ``tjänsteskrivelse`` when its ``category`` is "Tjänsteskrivelse",
  otherwise ``annat`` (the lägesrapport); municipality/organisation from
  ``municipality_label`` (organisation UNKNOWN for the joint lägesrapport); body UNKNOWN
  (the addressee is not the author); date = ``date``; title_any = the core-properties
  title and the title paragraph; repeated_lines = the Word header line and "Sida N (N)";
  boilerplate []; toc_pages [].
* ``kind == "text"`` (the styrgrupp notes .txt and the infrastructure summary .md):
  ``annat``; municipality both; organisation and body UNKNOWN; date = ``date``;
  title_any = the first line (without "# "); pages None (no pagination);
  repeated_lines/boilerplate [] (plain text has no furniture); toc_pages [].
* title_keywords for everything but minutes: the words of four letters or more that all
  title_any entries share.
* text_layer: "generated (reportlab)" / "generated" — informational only.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.vocabulary import strip_dnr_label

REPO = Path(__file__).resolve().parents[2]
DEFAULT_REAL = REPO.parent / "shared" / "devdata" / "real"
DEFAULT_CORPUS = REPO / "corpus"
CORPUS_TOOLS = REPO / "corpus_tools"
REAL_SUFFIXES = (".pdf", ".docx", ".md", ".txt", ".html", ".htm")


class _Unknown:
    """Sentinel: the gold does not annotate this field (not measured)."""

    _instance: "_Unknown | None" = None

    def __new__(cls) -> "_Unknown":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        # Truth-testing UNKNOWN is always a bug in the caller (it would read as "null").
        raise TypeError("test gold fields with is_known(), not truthiness")


UNKNOWN: Any = _Unknown()


def is_known(value: Any) -> bool:
    return value is not UNKNOWN


@dataclass
class GoldItem:
    number: str
    title: Any = UNKNOWN            # str
    dnr: Any = UNKNOWN              # str | None
    has_decision: Any = UNKNOWN     # bool
    first_page: Any = UNKNOWN       # int
    last_page: Any = UNKNOWN        # int


@dataclass
class GoldDoc:
    name: str                       # shown in the report: file name (real) or path below corpus/
    set: str                        # "real" | "corpus"
    half: str                       # "dev" | "check" | "corpus"
    path: Path                      # the file
    root: Path                      # its source folder (passed to structure())
    pages: Any = UNKNOWN            # int | None (DOCX)
    doc_type: Any = UNKNOWN
    municipality: Any = UNKNOWN     # tuple[str, ...]; () = none (an agency)
    organisation: Any = UNKNOWN
    body: Any = UNKNOWN
    date: Any = UNKNOWN
    title_any: Any = UNKNOWN        # list[str]
    title_keywords: Any = UNKNOWN   # list[str]
    items: Any = UNKNOWN            # list[GoldItem]
    repeated_lines: Any = UNKNOWN   # list[str], "N" = a page number
    boilerplate: Any = UNKNOWN      # list[str]
    toc_pages: Any = UNKNOWN        # list[int]
    text_layer: Any = UNKNOWN       # str (informational)
    notes: list[str] = field(default_factory=list)


class GoldError(Exception):
    """A gold file cannot be read; the message names the file."""


# -- halves -------------------------------------------------------------------------------

def half_of(file_name: str) -> str:
    """The fixed split of the real set: nobody picks a document's half."""
    name = Path(file_name).name
    return "check" if int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2 == 1 else "dev"


# -- real documents -----------------------------------------------------------------------

def _get(data: dict, key: str) -> Any:
    return data[key] if key in data else UNKNOWN


def _municipality(value: Any) -> Any:
    if not is_known(value):
        return UNKNOWN
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def real_doc_from_json(data: dict, root: Path, source: str = "gold") -> GoldDoc:
    if not isinstance(data, dict) or not isinstance(data.get("file"), str):
        raise GoldError(f"{source}: no 'file' entry")
    rel = data["file"]
    items: Any = UNKNOWN
    if "items" in data:
        items = []
        for i, it in enumerate(data["items"] or []):
            if "number" not in it:
                raise GoldError(f"{source}: item {i + 1} has no number")
            items.append(GoldItem(number=str(it["number"]), title=_get(it, "title"), dnr=_get(it, "dnr"),
                                  has_decision=_get(it, "has_decision"), first_page=_get(it, "first_page"),
                                  last_page=_get(it, "last_page")))
    name = Path(rel).name
    return GoldDoc(
        name=name, set="real", half=half_of(name), path=root / rel, root=root,
        pages=_get(data, "pages"), doc_type=_get(data, "doc_type"),
        municipality=_municipality(_get(data, "municipality")), organisation=_get(data, "organisation"),
        body=_get(data, "body"), date=_get(data, "date"), title_any=_get(data, "title_any"),
        title_keywords=_get(data, "title_keywords"), items=items, repeated_lines=_get(data, "repeated_lines"),
        boilerplate=_get(data, "boilerplate"), toc_pages=_get(data, "toc_pages"),
        text_layer=_get(data, "text_layer"),
    )


def load_real(root: Path) -> tuple[list[GoldDoc], list[str]]:
    """Gold documents of the real set, sorted by file name, and notes (documents without
    gold, gold without a document)."""
    root = Path(root)
    notes: list[str] = []
    docs: list[GoldDoc] = []
    gold_dir = root / "gold"
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GoldError(f"{path}: {exc}") from None
        doc = real_doc_from_json(data, root, source=str(path))
        if not doc.path.is_file():
            notes.append(f"{path.name}: the document {doc.path} is missing; left out")
            continue
        docs.append(doc)
    annotated = {d.path.resolve() for d in docs}
    for f in sorted(root.rglob("*")):
        if (f.is_file() and f.suffix.lower() in REAL_SUFFIXES and gold_dir not in f.parents
                and f.resolve() not in annotated and f.name != "README.md"):
            notes.append(f"{f.relative_to(root)}: no gold file; left out")
    docs.sort(key=lambda d: d.name)
    return docs, notes


# -- example corpus -----------------------------------------------------------------------

def _content_modules():
    if str(CORPUS_TOOLS) not in sys.path:
        sys.path.insert(0, str(CORPUS_TOOLS))
    from content import all_documents  # type: ignore[import-not-found]
    return all_documents


def _official_municipalities(label: str) -> list[tuple[str, str]]:
    """(official form as written, facet name) of every municipality the label names
    in its official form ("Luleå kommun", "Bodens kommun"), from the organisations file."""
    from indexer.organisations import MUNICIPALITY_KINDS, find_mentions

    return [(m.surface, m.org.municipality) for m in find_mentions(label)
            if m.org is not None and m.org.kind in MUNICIPALITY_KINDS and m.org.municipality
            and m.strength == "official" and m.surface == m.org.official]


def _municipalities_of(label: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(name for _surface, name in _official_municipalities(label)))
    if not names:
        raise GoldError(f"unknown municipality label {label!r} in corpus_tools content")
    return names


def _single_issuer(label: str) -> Any:
    found = _official_municipalities(label)
    return label if len(found) == 1 and found[0][0] == label else UNKNOWN


def shared_words(titles: list[str]) -> list[str]:
    """Words of four letters or more (as written in the first title) found in every title."""
    if not titles:
        return []
    word_sets = [set(re.findall(r"[^\W_]+", t.casefold())) for t in titles]
    out: list[str] = []
    for w in re.findall(r"[^\W_]+", titles[0]):
        if len(w) >= 4 and all(w.casefold() in s for s in word_sets) and w not in out:
            out.append(w)
    return out


def _strip_dnr_label(dnr: str) -> str:
    return strip_dnr_label(dnr)


def _has_text(content: Any) -> bool:
    if isinstance(content, str):
        return bool(content.strip())
    return any(_has_text(c) for c in content or [])


#: Keys of a content dict that only feed furniture or file metadata, never the page text.
_FURNITURE_KEYS = frozenset({
    "kind", "file", "what", "real", "template", "slug", "page_id", "pdf_title", "keywords", "subject",
    "author", "category", "body_font", "body_size", "header_left", "header_centre", "header_right",
    "header_left2", "header_right2", "footer_left", "footer_right", "municipality_label", "municipality",
})


def _content_text(d: Any) -> str:
    """Every string the generator puts into the document's text flow (casefolded, spaces
    collapsed), to tell which header pieces are also ordinary text."""
    out: list[str] = []

    def walk(x: Any) -> None:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                if k not in _FURNITURE_KEYS:
                    walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)

    walk(d)
    return " ".join(" ".join(out).split()).casefold()


def _not_in_content(pieces: list[str], content: str) -> list[str]:
    from .metrics import phrase_regex   # metrics imports this module

    return [p for p in pieces if p.strip() and not phrase_regex(p, numbered=True).search(content)]


# Labels page 1 of a corpus minutes PDF draws in its signature, justification and notice
# blocks (corpus_tools/render_pdf.py, _page_one): the signature/justification boilerplate.
_MINUTES_SIGNATURE_LABELS = (
    "Utses att justera", "Justeringens plats och tid", "Underskrifter", "Sekreterare", "Ordförande",
    "Justerande", "ANSLAG/BEVIS", "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
    "Datum då anslaget sätts upp", "Datum då anslaget tas ned", "Förvaringsplats för protokollet",
)


@dataclass
class _Rendered:
    pages: int
    items: dict[str, tuple[int, int]]   # number -> (first page, last page)


def render_item_pages(m: dict) -> tuple[bytes, _Rendered]:
    """Re-render a minutes dict with corpus_tools' renderer, recording on which page each
    paragraph is drawn. Returns the PDF bytes (to compare with the committed file) and the
    page of every item's "§ N" heading and of its last paragraph."""
    _content_modules()
    import render_pdf  # type: ignore[import-not-found]

    log: list[tuple[int, str, str]] = []   # (page, style name, text) in drawing order, last pass only

    base_para = render_pdf.Paragraph
    base_doc = render_pdf.BaseDocTemplate

    class RecordingParagraph(base_para):  # type: ignore[misc, valid-type]
        def draw(self) -> None:
            raw = getattr(self, "text", None)
            text = " ".join(raw.split()) if isinstance(raw, str) else ""
            log.append((self.canv.getPageNumber(), self.style.name, text))
            super().draw()

    class ResettingDoc(base_doc):  # type: ignore[misc, valid-type]
        def build(self, *args, **kwargs):
            log.clear()   # the renderer builds twice (page count first); keep the last pass
            return super().build(*args, **kwargs)

    render_pdf.Paragraph, render_pdf.BaseDocTemplate = RecordingParagraph, ResettingDoc
    try:
        data = render_pdf.render_minutes(m)
    finally:
        render_pdf.Paragraph, render_pdf.BaseDocTemplate = base_para, base_doc

    heads = {f"§ {it['nr']}": str(it["nr"]) for it in m["items"]}
    items: dict[str, tuple[int, int]] = {}
    current: str | None = None
    for page, style, text in log:
        if style == "par" and text in heads:
            current = heads[text]
            items[current] = (page, page)
        elif current is not None:
            items[current] = (items[current][0], page)
    pages = max((p for p, _s, _t in log), default=0)
    return data, _Rendered(pages=pages, items=items)


def _minutes_gold(d: dict, corpus: Path) -> GoldDoc:
    path = corpus / d["file"]
    content = _content_text(d) + " " + " ".join(_MINUTES_SIGNATURE_LABELS).casefold()
    body, date = d["body"], d["date"]
    joined = [f"{d['header_left']} {d['header_centre']} Sida N (N)", f"{body} Sammanträdesdatum {date}",
              "Justerandes signatur Utdragsbestyrkande"]
    pieces = [d["header_left"], d["header_centre"], "Sida N (N)", body, f"Sammanträdesdatum {date}",
              "Justerandes signatur", "Utdragsbestyrkande"]
    # The notice box on page 1 lists "Organ <body>" and "Sammanträdesdatum <date>": content too.
    content += f" organ {body} sammanträdesdatum {date}".casefold()
    nrs = [it["nr"] for it in d["items"]]
    boiler = list(_MINUTES_SIGNATURE_LABELS) + [f"Paragrafer §§ {nrs[0]}–{nrs[-1]}"]
    notes: list[str] = []
    rendered: _Rendered | None = None
    try:
        data, rendered = render_item_pages(d)
        if not path.is_file() or path.read_bytes() != data:
            notes.append("the file differs from what corpus_tools renders now: item pages not measured")
            rendered = None
    except Exception as exc:  # a renderer change must not stop the bench: pages stay unmeasured
        notes.append(f"re-rendering failed ({type(exc).__name__}: {exc}): item pages not measured")
        rendered = None
    items = []
    for it in d["items"]:
        nr = str(it["nr"])
        decision = any(h == "Beslut" and _has_text(c) for h, c in it["sections"])
        first, last = (rendered.items.get(nr, (UNKNOWN, UNKNOWN)) if rendered else (UNKNOWN, UNKNOWN))
        items.append(GoldItem(number=nr, title=it["title"], dnr=_strip_dnr_label(it["dnr"]),
                              has_decision=decision, first_page=first, last_page=last))
    label = d["municipality"]
    return GoldDoc(
        name=d["file"], set="corpus", half="corpus", path=path, root=corpus,
        pages=rendered.pages if rendered else UNKNOWN, doc_type="protokoll",
        municipality=_municipalities_of(label), organisation=_single_issuer(label), body=body, date=date,
        title_any=[d["pdf_title"]], title_keywords=["protokoll", body], items=items,
        repeated_lines=_not_in_content(joined + pieces, content), boilerplate=boiler, toc_pages=[1],
        text_layer="generated (reportlab)", notes=notes,
    )


def _agreement_gold(d: dict, corpus: Path) -> GoldDoc:
    content = _content_text(d)
    joined = [f"{d['header_left']} Sida N (N)", f"{d['header_left2']} {d['header_right2']}",
              f"{d['footer_left']} {d['footer_right']}"]
    pieces = [d["header_left"], "Sida N (N)", d["header_left2"], d["header_right2"], d["footer_left"],
              d["footer_right"]]
    titles = [d["title"]]
    label = d["municipality_label"]
    return GoldDoc(
        name=d["file"], set="corpus", half="corpus", path=corpus / d["file"], root=corpus,
        doc_type="avtal", municipality=_municipalities_of(label), organisation=_single_issuer(label),
        body=UNKNOWN, date=d["date"], title_any=titles, title_keywords=shared_words(titles), items=[],
        repeated_lines=_not_in_content(joined + pieces, content), boilerplate=[], toc_pages=[],
        text_layer="generated (reportlab)",
    )


def _html_gold(d: dict, corpus: Path) -> GoldDoc:
    titles = [d["title"]]
    label = d["municipality_label"]
    return GoldDoc(
        name=d["file"], set="corpus", half="corpus", path=corpus / d["file"], root=corpus,
        doc_type="pressmeddelande", municipality=_municipalities_of(label), organisation=_single_issuer(label),
        body=None, date=d["date"], title_any=titles, title_keywords=shared_words(titles), items=[],
        repeated_lines=UNKNOWN, boilerplate=UNKNOWN, toc_pages=[], text_layer="generated (HTML)",
    )


def _docx_gold(d: dict, corpus: Path) -> GoldDoc:
    titles = [d["title"]] + [b[1] for b in d["blocks"] if b[0] == "title"]
    content = _content_text(d)
    header = " ".join(filter(None, [d.get("header_left"), d.get("header_centre"), d.get("header_right")]))
    pieces = [p for p in (d.get("header_left"), d.get("header_centre"), d.get("header_right")) if p]
    label = d["municipality_label"]
    doc_type = "tjänsteskrivelse" if d.get("category") == "Tjänsteskrivelse" else "annat"
    return GoldDoc(
        name=d["file"], set="corpus", half="corpus", path=corpus / d["file"], root=corpus,
        pages=None, doc_type=doc_type, municipality=_municipalities_of(label),
        organisation=_single_issuer(label), body=UNKNOWN, date=d["date"], title_any=titles,
        title_keywords=shared_words(titles), items=[],
        repeated_lines=_not_in_content([header, "Sida N (N)"] + pieces, content), boilerplate=[],
        toc_pages=[], text_layer="generated (DOCX)",
    )


def _text_gold(d: dict, corpus: Path) -> GoldDoc:
    first = next((ln.strip() for ln in d["text"].splitlines() if ln.strip()), "")
    titles = [re.sub(r"^#+\s*", "", first)] if first else []
    label = d["municipality_label"]
    return GoldDoc(
        name=d["file"], set="corpus", half="corpus", path=corpus / d["file"], root=corpus,
        pages=None, doc_type="annat", municipality=_municipalities_of(label), organisation=_single_issuer(label),
        body=UNKNOWN, date=d["date"], title_any=titles if titles else UNKNOWN,
        title_keywords=shared_words(titles) if titles else UNKNOWN, items=[],
        repeated_lines=[], boilerplate=[], toc_pages=[], text_layer="generated (plain text)",
    )


_BY_KIND = {"minutes": _minutes_gold, "agreement": _agreement_gold, "html": _html_gold, "docx": _docx_gold,
            "text": _text_gold}


def corpus_gold(corpus: Path) -> tuple[list[GoldDoc], list[str]]:
    """Gold for every document corpus_tools writes, sorted by path; notes name files of the
    corpus folder that the generator does not know (left out) and generated files missing."""
    corpus = Path(corpus)
    all_documents = _content_modules()
    docs: list[GoldDoc] = []
    notes: list[str] = []
    for d in all_documents():
        make = _BY_KIND.get(d["kind"])
        if make is None:
            raise GoldError(f"corpus_tools content kind {d['kind']!r} has no gold mapping")
        g = make(d, corpus)
        if not g.path.is_file():
            notes.append(f"{d['file']}: generated by corpus_tools but missing in {corpus}; left out")
            continue
        docs.append(g)
    known = {g.path.resolve() for g in docs}
    for sub in ("pdf", "html", "docx", "text"):
        for f in sorted((corpus / sub).rglob("*")) if (corpus / sub).is_dir() else []:
            if f.is_file() and f.resolve() not in known:
                notes.append(f"{f.relative_to(corpus)}: not generated by corpus_tools, no gold; left out")
    docs.sort(key=lambda g: g.name)
    return docs, notes
