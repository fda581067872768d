"""Document metadata from content: type, issuer (organisation and municipality),
body, date and title.

Every field is decided from where a reader would look, strongest first: what
the file declares (front matter, web page metadata), the letterhead and the
running header, the first lines of the first page (the second page when the
first is a cover), labelled values ("Sammanträdesdatum", "Organ", "Antagen"),
and only then mentions in the text. A mention never beats the issuer. Where the
file was harvested, what its source states (the sidecar record, provenance.py:
the source's municipality, the publication date) comes before all of them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import organisations
from ..dates import find_dates, parse_swedish_date
from ..models import DOC_TYPE_ALIASES, DOC_TYPES, ExtractedDocument
from ..provenance import Provenance
from ..vocabulary import is_decision_heading
from .lines import ROLE_TEXT, ROLE_TOC, Line, opens_item

__all__ = ["Metadata", "read_metadata", "detect_body", "normalise_body", "DATA_DIR"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class Metadata:
    doc_type: str
    organisation: str | None
    municipalities: list[str]
    body: str | None
    date: str | None
    title: str


# --- the places a reader looks first ---------------------------------------------------

@dataclass
class _Context:
    ex: ExtractedDocument
    lines: list[Line]
    source: Provenance | None   # what the source the file was harvested from states about it
    running: list[str]          # running header/footer lines and the first page's header
    top: list[str]              # first lines of the first page (and of the second after a cover)
    head: list[str]             # the head block: the short lines before the first prose
    title_lines: list[str]      # largest type on page 1 (PDF), largest first
    first_pages: list[Line]     # every line of the first two pages, any role


def _context(ex: ExtractedDocument, lines: list[Line], source: Provenance | None) -> _Context:
    m = ex.metadata
    running: list[str] = []
    for key in ("header", "running_lines", "footer"):
        for ln in m.get(key, "").splitlines():
            ln = ln.strip()
            if ln and ln not in running:
                running.append(ln)
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        pages.setdefault(ln.page, []).append(ln)
    numbers = sorted(pages)
    top: list[str] = []
    if numbers:
        first = [ln for ln in pages[numbers[0]] if ln.role in (ROLE_TEXT, ROLE_TOC)]
        top = [ln.text for ln in first[:12]]
        words = sum(len(ln.text.split()) for ln in first)
        if words < 60 and len(numbers) > 1:  # a cover page: the minutes begin on the next page
            top += [ln.text for ln in pages[numbers[1]] if ln.role in (ROLE_TEXT, ROLE_TOC)][:12]
    first_pages = [ln for p in numbers[:2] for ln in pages[p]]
    title_lines = [t.strip() for t in m.get("title_lines", "").split("\n") if t.strip()]
    head = []
    for t in top:
        if not _heading_like(t) or opens_item(t):
            break   # prose, or the first § item: what follows is not the document's own head
        head.append(t)
    return _Context(ex=ex, lines=lines, source=source, running=running, top=top, head=head, title_lines=title_lines,
                    first_pages=first_pages)


# --- document type -------------------------------------------------------------------

_TYPE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("kallelse", re.compile(r"\b(?:kallelse|sammanträdeskallelse|föredragningslista|dagordning|kungörelse)\b", re.I)),
    ("protokoll", re.compile(r"\b(?:[\wåäö]*protokoll|protokollsutdrag|protokollsbilaga|protokollsanteckning)\b", re.I)),
    ("pressmeddelande", re.compile(r"\bpressmeddelande\b", re.I)),
    ("avtal", re.compile(r"\b(?:avsiktsförklaring(?:en)?|[\wåäö]*avtal(?:et)?|[\wåäö]*överenskommelse(?:n)?)\b", re.I)),
    ("tjänsteskrivelse", re.compile(r"\b(?:tjänsteskrivelse|tjänsteutlåtande|tjänsteyttrande|missiv)\b", re.I)),
    ("styrdokument", re.compile(
        r"\b(?:[\wåäö]*policy(?:n)?|[\wåäö]*riktlinje(?:r|rna|n)?|[\wåäö]*program(?:met)?|[\wåäö]*strategi(?:n)?"
        r"|[\wåäö]*plan(?:en)?|[\wåäö]*reglemente(?:t)?|[\wåäö]*taxa(?:n)?|författningssamling(?:en)?"
        r"|[\wåäö]*handbok(?:en)?|[\wåäö]*guide(?:n)?|[\wåäö]*vägledning(?:en)?|[\wåäö]*rutin(?:er|en)?"
        r"|[\wåäö]*instruktion(?:er|en)?|[\wåäö]*föreskrift(?:er|erna)?|[\wåäö]*ordning(?:en)?"
        r"|[\wåäö]*stadga(?:n)?|[\wåäö]*bestämmelser)\b", re.I)),
)
# Words that end like a steering document but are not one ("beställning", "planering").
_NOT_STYR = re.compile(r"^(?:ordning|ordningen|plan|planen|program|programmet|rutin|rutiner|guide|guiden)$", re.I)
_PRESS_CUES = re.compile(r"pressmeddelande|nyhet|publicerad|uppdaterat", re.I)


def _heading_like(text: str) -> bool:
    """A line that names the document rather than a sentence of its prose or a table row."""
    t = text.strip()
    return len(t.split()) <= 12 and not re.search(r"[.!?]$|[.!?]\s+[A-ZÅÄÖ]", t) and " | " not in t


def _cue(text: str) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for kind, rx in _TYPE_CUES:
        for m in rx.finditer(text):
            if kind == "styrdokument" and _NOT_STYR.match(m.group(0)) and len(text.split()) > 3:
                continue   # "plan" alone in a sentence is not a title word
            if best is None or m.start() < best[0]:
                best = (m.start(), kind)
            break
    return best


def detect_doc_type(c: _Context, n_items: int) -> str:
    ex = c.ex
    declared = (ex.metadata.get("typ") or ex.metadata.get("doc_type") or "").strip().lower()
    declared = DOC_TYPE_ALIASES.get(declared, declared)
    if declared in DOC_TYPES:
        return declared
    first_page = ex.pages[0].text if ex.pages else ""
    if ex.format == "html" and (_PRESS_CUES.search(first_page) or ex.date or ex.metadata.get("published")):
        return "pressmeddelande"
    # The document's own words for itself, in reading order: largest type, the
    # first lines, the running header, then its declared title.
    declared_title = ex.title if ex.format != "pdf" else None   # a web page's or Word file's own title
    candidates = ([declared_title] if declared_title else []) + list(c.title_lines[:2]) + c.head[:8] + c.running
    pdf_title = ex.metadata.get("pdf_title", "")
    if pdf_title and _agrees(pdf_title, c):
        candidates.append(pdf_title)
    for text in candidates:
        found = _cue(text)
        if found:
            return found[1]
    if n_items >= 2:
        return "protokoll"
    if "pressmeddelande" in first_page[:300].lower():
        return "pressmeddelande"
    return "annat"


# --- organisation and municipality ------------------------------------------------------

_DOMAIN_RE = re.compile(r"(?:www\.|@|https?://)([a-z0-9åäö\-]+)\.(?:se|fi)\b", re.I)


def detect_issuer(c: _Context) -> tuple[str | None, list[str]]:
    """(organisation as named in the data file, municipalities) of the issuer.

    Evidence in tiers: (A) an official name ("Högsby kommun", "SVERIGES
    RIKSBANK") in the letterhead, running header, head block of page 1 or the
    file's author/publisher; (B) a place name in the head block or the
    municipality's web address; (C) how often the text names each one. The
    first tier with evidence decides; two municipalities come out only when
    both stand in the same tier (a joint agreement, a joint working group)."""
    ex = c.ex
    stated = (c.source.municipality if c.source else None, ex.metadata.get("kommun"), ex.metadata.get("municipality"))
    for declared in stated:
        found = []
        for part in re.split(r"[,;]| och ", declared or ""):
            org = organisations.by_municipality(part.strip())
            if org is not None:
                found.append(org)
        if found:
            return _result(found)

    def key_of(mt):
        return mt.org if mt.org is not None else ("generic", _generic_name(mt.surface))

    head_text = "\n".join(c.running + c.title_lines + c.head)
    meta_text = "\n".join(ex.metadata.get(k, "") for k in ("publisher", "author", "pdf_author", "organ"))
    # Mentions in the text, leaving out address blocks and signatures ("103 37 Stockholm").
    body = "\n".join(ln.text for ln in c.lines if ln.role in (ROLE_TEXT, ROLE_TOC))[:300_000]
    counts: Counter = Counter()
    first: dict = {}
    for mt in organisations.find_mentions(body):
        if mt.org is None:
            continue   # an unknown "X kommun" counts only in the letterhead
        k = key_of(mt)
        counts[k] += 1.0 if mt.strength == "official" else 0.5
        first.setdefault(k, mt.start)
    tier_a: dict = {}
    tier_b: dict = {}
    for text, generic_ok in ((head_text, True), (meta_text, False)):
        for pos, mt in enumerate(organisations.find_mentions(text)):
            if mt.org is None and not generic_ok:
                continue
            k = key_of(mt)
            if mt.strength in ("official", "generic"):
                tier_a.setdefault(k, pos)
            elif text is head_text:
                tier_b.setdefault(k, pos)
    for m in _DOMAIN_RE.finditer(body + "\n" + meta_text + "\n" + head_text):
        org = organisations.by_municipality(m.group(1).replace("-", " "))
        if org is not None:
            tier_b.setdefault(org, 10_000 + m.start())
    for tier in (tier_a, tier_b):
        if not tier:
            continue
        ranked = sorted(tier, key=lambda k: (-counts.get(k, 0), tier[k]))
        top = ranked[0]
        chosen = [top]
        for other in ranked[1:3]:
            if counts.get(other, 0) >= 0.5 * counts.get(top, 0):
                chosen.append(other)
        return _result(sorted(chosen, key=lambda k: tier[k]))
    if not counts:
        return None, []
    candidates = list(counts)
    # A document that speaks of "kommunen", "staden" and their offices is a
    # municipality's own: the national agencies it cites (Boverket, Lantmäteriet)
    # did not issue it.
    if len(_MUNICIPAL_SELF_RE.findall(body)) >= 3:
        municipal = [k for k in candidates if _is_municipality(k)]
        candidates = municipal or candidates
    top = max(candidates, key=lambda k: (counts[k], -first[k]))
    # One mention is enough when it is the only organisation the text names.
    return _result([top]) if counts[top] >= 1.0 or len(counts) == 1 else (None, [])


_MUNICIPAL_SELF_RE = re.compile(
    r"\b(?:kommunen|kommunens|staden|stadens|[\wåäö]*förvaltningen|[\wåäö]*förvaltningens|[\wåäö]*nämnden"
    r"|[\wåäö]*nämndens|kommunstyrelsen|kommunfullmäktige|stadsfullmäktige|[\wåäö]*enheten)\b", re.I)


def _is_municipality(key) -> bool:
    if isinstance(key, tuple):
        return bool(re.search(r"\b(?:kommun|stad)$", key[1], re.I))
    return bool(key.municipality)


def _generic_name(surface: str) -> str:
    """"ANKEBORGS KOMMUN" -> "Ankeborgs kommun"."""
    words = surface.split()
    return " ".join([w[:1].upper() + w[1:].lower() if "-" not in w else
                     "-".join(x[:1].upper() + x[1:].lower() for x in w.split("-")) for w in words[:-1]]
                    + [words[-1].lower()])


def _result(chosen) -> tuple[str | None, list[str]]:
    names, munis = [], []
    for key in chosen:
        if isinstance(key, tuple):         # an organisation missing from the data file
            names.append(key[1])
            m = re.match(r"^(.+?)s?\s+(?:kommun|stad)$", key[1], re.I)
            if m:
                munis.append(m.group(1))
            continue
        names.append(key.official)
        if key.municipality and key.municipality not in munis:
            munis.append(key.municipality)
    return (" och ".join(names) if names else None), munis


# --- body ----------------------------------------------------------------------------

_BODY_SUFFIX = (r"(?:nämnd|nämnden|styrelse|styrelsen|fullmäktige|utskott|utskottet|direktion|direktionen"
                r"|beredning|beredningen|rådet|kommitté|kommittén|presidium|presidiet|delegation|delegationen)")
_BODY_RE = re.compile(
    rf"(?<![\wåäö])(?P<body>(?:[a-zåäöé][\wåäöé\-]*?)?{_BODY_SUFFIX}s?"
    r"(?:\s+(?:arbetsutskott(?:et)?|[\wåäö]*utskott(?:et)?|presidium|presidiet|beredning(?:en)?|planeringsutskott))?)"
    r"(?![\wåäö])",
    re.I,
)
_NOT_BODIES = frozenset({"område", "styrelseledamot", "delegationen för", "förrådet", "samrådet"})
_BODY_LABEL_RE = re.compile(
    r"^(?:organ|nämnd\s*/\s*styrelse|nämnd|sammanträdande\s+organ|beslutande\s+organ|beslutsinstans|instans"
    r"|mottagare|till)\s*[:|]?\s+(?P<value>.+)$", re.I)
_ADOPTED_RE = re.compile(
    r"\b(?:antagen|antagna|antaget|antogs|fastställd|fastställt|fastställda|beslutad|beslutat|beslutade|godkänd)"
    r"(?:\s+av)?\s*[:|]?\s*(?P<value>[^\n]{3,80})", re.I)
_DEFINITE = (("nämnd", "nämnden"), ("styrelse", "styrelsen"), ("utskott", "utskottet"), ("direktion", "direktionen"),
             ("beredning", "beredningen"), ("kommitté", "kommittén"), ("presidium", "presidiet"),
             ("delegation", "delegationen"))


@lru_cache(maxsize=1)
def _known_bodies() -> tuple[str, ...]:
    path = DATA_DIR / "bodies.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    names = [ln.strip().lower() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(sorted(set(names), key=len, reverse=True))


def normalise_body(name: str) -> str:
    """"Kommunstyrelsens" -> "kommunstyrelsen", "Välfärdsnämnd" -> "välfärdsnämnden",
    "Byggnadsnämndens arbetsutskott" stays as it is (lower case)."""
    words = name.lower().split()
    if len(words) > 1:
        return " ".join(words)
    w = words[0]
    for suffix in ("nämndens", "styrelsens", "fullmäktiges", "utskottets", "direktionens", "rådets",
                   "beredningens", "kommitténs", "presidiets", "delegationens"):
        if w.endswith(suffix):
            w = w[:-1]
            break
    for indefinite, definite in _DEFINITE:
        if w.endswith(indefinite):
            return w[: -len(indefinite)] + definite
    return w


def detect_body(text: str) -> str | None:
    """The first political body named in ``text`` (the data file's names first
    where they start at the same place)."""
    low = text.lower()
    best: tuple[int, str] | None = None
    for name in _known_bodies():
        pos = low.find(name)
        if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and len(name) > len(best[1]))):
            best = (pos, name)
    for m in _BODY_RE.finditer(text):
        word = m.group("body")
        if word.lower() in _NOT_BODIES or word.lower().split()[0] in _NOT_BODIES:
            continue
        if best is None or m.start() < best[0] or (m.start() == best[0] and len(word) > len(best[1])):
            best = (m.start(), word)
        break
    if best is None:
        return None
    return normalise_body(best[1])


def _body_from_decisions(lines: list[Line]) -> str | None:
    owners = Counter()
    for ln in lines:
        if ln.role == ROLE_TEXT:
            head = ln.text.split(":")[0]
            if is_decision_heading(head):
                words = head.split()
                if len(words) >= 2 and words[0].lower().endswith("s"):
                    found = detect_body(" ".join(words[:-1]))
                    if found:
                        owners[found] += 1
    return owners.most_common(1)[0][0] if owners else None


def detect_document_body(c: _Context, doc_type: str) -> str | None:
    ex = c.ex
    if ex.metadata.get("organ"):
        found = detect_body(ex.metadata["organ"])
        if found:
            return found
    for ln in c.first_pages:
        m = _BODY_LABEL_RE.match(ln.text)
        if m and (not re.match(r"(?:mottagare|till)\b", m.group(0), re.I) or doc_type == "tjänsteskrivelse"):
            found = detect_body(m.group("value"))
            if found:
                return found
    if doc_type == "styrdokument":
        for ln in c.first_pages:
            m = _ADOPTED_RE.search(ln.text)
            if m:
                found = detect_body(m.group("value"))
                if found:
                    return found
        return None
    if doc_type not in ("protokoll", "kallelse"):
        return None
    for text in c.running:
        found = detect_body(text)
        if found:
            return found
    for text in c.title_lines[:2] + c.top:
        found = detect_body(text)
        if found:
            return found
    found = _body_from_decisions(c.lines)
    if found:
        return found
    first = "\n".join(ln.text for ln in c.first_pages if ln.role == ROLE_TEXT)[:1500]
    return detect_body(first)


# --- date ------------------------------------------------------------------------------

_MEETING_LABEL = re.compile(r"(?:sammanträde\w*|mötes(?:datum|tid)|möte|plats\s+och\s+tid|tid\s+och\s+plats"
                            r"|^tid|datum|dag)\W*$", re.I)
_ADOPTION_LABEL = re.compile(r"(?:antagen|antagna|antaget|antogs|fastställd|fastställt|fastställda|beslutad|beslutat"
                             r"|beslutsdatum|godkänd|godkänt)\b", re.I)
_VERSION_LABEL = re.compile(r"(?:version|reviderad|revision|datum|daterad)\W*$", re.I)
_NEGATIVE = re.compile(
    r"(?:justering\w*|justera\w*|justerat|anslag\w*|uppsättande|nedtagande|sätts\s+upp|tas\s+ned|gäller|giltig\w*"
    r"|senast|publicera\w*|daterad|inkom\w*|ankom\w*|utskri\w*|uppdaterad|inlagd|införd|\bdom\b|född|från\s+och\s+med"
    r"|till\s+och\s+med|t\.?\s?o\.?\s?m\.?|fr\.?\s?o\.?\s?m\.?|revideras|skickat|expedierat|undertecknat|signerat)",
    re.I,
)


def _dates_in(text: str) -> list[tuple[str, str]]:
    """(iso date, the text before it on its line) for every date in ``text``."""
    out = []
    for d, s, _e in find_dates(text):
        line_start = text.rfind("\n", 0, s) + 1
        before = text[line_start:s]
        if not before.strip() and line_start > 0:
            prev_start = text.rfind("\n", 0, line_start - 1) + 1
            before = text[prev_start:line_start - 1] + " "
        out.append((d.isoformat(), before))
    return out


def _best_date(candidates: list[tuple[int, int, str]]) -> str | None:
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], -c[1]))[2]


#: Score of a date the text labels as the meeting's or the adoption's (detect_date).
LABELLED_DATE = 10


def detect_date(c: _Context, doc_type: str) -> str | None:
    ex = c.ex
    for declared in (ex.metadata.get("datum"), ex.metadata.get("date")):
        d = parse_swedish_date(declared)
        if d:
            return d.isoformat()
    # The date the source publishes it under (sidecar) is a news item's date, and
    # beats guesses from the text; but not a labelled meeting or adoption date:
    # minutes are put on the web days after the meeting, and the meeting is their date.
    published = parse_swedish_date(c.source.published) if c.source and c.source.published else None
    if doc_type == "pressmeddelande":
        if published:
            return published.isoformat()
        if ex.date:
            return ex.date
        if ex.metadata.get("published"):
            d = parse_swedish_date(ex.metadata["published"])
            if d:
                return d.isoformat()
    cands: list[tuple[int, int, str]] = []
    order = 0
    running_text = "\n".join(c.running)
    running_dates = Counter(iso for iso, _b in _dates_in(running_text))
    areas = [running_text, "\n".join(ln.text for ln in c.first_pages)]
    for area in areas:
        for iso, before in _dates_in(area):
            order += 1
            tail = before[-60:]
            if _NEGATIVE.search(tail):
                continue
            score = 3
            if doc_type in ("protokoll", "kallelse"):
                if _MEETING_LABEL.search(tail.strip()) or re.search(r"(?:plats\s+och\s+tid|sammanträde\w*)",
                                                                     tail, re.I):
                    score = LABELLED_DATE
                elif running_dates.get(iso):
                    score = 9
            elif doc_type == "styrdokument":
                if _ADOPTION_LABEL.search(tail):
                    score = LABELLED_DATE
                elif _VERSION_LABEL.search(tail.strip()):
                    score = 7
                elif running_dates.get(iso):
                    score = 6
            else:
                if re.search(r"datum\W*$", tail.strip(), re.I):
                    score = 8
                elif running_dates.get(iso):
                    score = 6
            cands.append((score, order, iso))
    best = _best_date(cands)
    if best and max(cands)[0] >= LABELLED_DATE:
        return best
    if published:
        return published.isoformat()
    if best and max(cands)[0] >= 6:
        return best
    if ex.date:
        return ex.date
    if best:
        return best
    # Agreements and reports are dated where they are signed, at the end.
    if len(ex.pages) > 1 and doc_type in ("avtal", "annat", "styrdokument"):
        found = [(d, s) for d, s, _e in find_dates(ex.pages[-1].text[-1500:])]
        if found:
            return found[-1][0].isoformat()
    return None


# --- title ---------------------------------------------------------------------------

_KIND_WORD_RE = re.compile(
    r"(?:(?P<adj>[A-Za-zÅÄÖåäö]+(?:iskt|igt|ellt|elt)|extra|ordinarie)\s+)?"
    r"(?P<kind>[\wåäö]*protokoll(?:sutdrag|sbilaga(?:\s+[A-ZÅÄÖ0-9]{1,3}\b)?)?|föredragningslista|kallelse"
    r"|dagordning)\b",
    re.I,
)
_KIND_ONLY_RE = re.compile(r"^[\W\d_]*(?:[\wåäö]*protokoll\w*|kallelse|föredragningslista|dagordning|underrättelse"
                           r"|sammanträde)(?:[\s/,&-]+(?:[\wåäö]*protokoll\w*|kallelse|föredragningslista|dagordning"
                           r"|underrättelse|sammanträde))*[\W\d_]*$", re.I)
_NUMBER_RE = re.compile(r"\b(?:nr\.?\s*(\d{1,3})|(\d{1,3}\s*/\s*(?:19|20)\d{2}))\b", re.I)
_LABEL_TITLES = re.compile(r"^(?:författningssamling|tjänsteskrivelse|pressmeddelande|protokoll|sammanträdesprotokoll"
                           r"|kallelse|föredragningslista|promemoria|pm|beslut|yttrande|rapport"
                           r"|(?:protokolls)?bilaga(?:\s+[A-ZÅÄÖ0-9]{1,3})?)$", re.I)
_WORD_RE = re.compile(r"[\wåäöÅÄÖ]{3,}")


def _agrees(title: str, c: _Context) -> bool:
    """The PDF's Title field is trusted only when page 1 says it too."""
    words = {w.casefold() for w in _WORD_RE.findall(title)}
    if not words:
        return False
    page1 = " ".join(c.running + c.top + c.title_lines).casefold()
    if c.ex.pages:
        page1 += " " + c.ex.pages[0].text[:3000].casefold()
    present = sum(1 for w in words if w in page1)
    return present >= max(1, 0.7 * len(words))


def _clean_title(text: str) -> str:
    text = re.sub(r"^microsoft\s+(?:word|powerpoint|excel)\s*-\s*", "", text.strip(), flags=re.I)
    text = re.sub(r"^\d+(?:\.\d+)+\s+", "", text)           # "7.54 IT-och …": a collection number
    text = re.sub(r"\.(?:docx?|pdf|odt|rtf)$", "", text, flags=re.I)
    return " ".join(text.split())


def _kind_phrase(c: _Context) -> tuple[str, str | None]:
    """How the document names itself ("protokoll", "penningpolitiskt protokoll",
    "föredragningslista") and its number ("5/2022", "nr 1": on its line or the next)."""
    for group in (c.title_lines[:2], c.top[:6], c.running):
        for k, text in enumerate(group):
            m = _KIND_WORD_RE.search(text)
            if not m:
                continue
            word = m.group("kind").lower()
            if word.endswith("protokoll"):
                word = "protokoll"   # "sammanträdesprotokoll": minutes are called "protokoll"
            kind = f"{m.group('adj').lower()} {word}" if m.group("adj") else word
            rest = text[m.end():]
            n = _NUMBER_RE.search(rest) or (_NUMBER_RE.search(group[k + 1][:40]) if k + 1 < len(group) else None)
            number = None
            if n:
                number = f"nr {n.group(1)}" if n.group(1) else re.sub(r"\s+", "", n.group(2))
            return kind, number
    return "protokoll", None


def _minutes_title(c: _Context, doc_type: str, body: str | None, date: str | None,
                   organisation: str | None) -> str:
    kind, number = _kind_phrase(c)
    if doc_type == "kallelse" and not re.search(r"kallelse|föredragningslista|dagordning", kind):
        kind = "kallelse"
    head = body[:1].upper() + body[1:] if body else ""
    name = kind if head else kind[:1].upper() + kind[1:]
    if number:
        name += f" {number}"
    if date:
        name += f", {date}" if number else f" {date}"
    title = f"{head}, {name}" if head else name
    return f"{title}, {organisation}" if organisation else title


def detect_title(c: _Context, doc_type: str, body: str | None, date: str | None, organisation: str | None,
                 n_items: int) -> str:
    ex = c.ex
    minutes_title = _minutes_title(c, doc_type, body, date, organisation) if doc_type in ("protokoll", "kallelse") \
        and (body or date) else None
    if minutes_title and (n_items or doc_type == "kallelse"):
        return minutes_title
    declared = ex.title or ex.metadata.get("titel") or ex.metadata.get("title")
    if declared and declared.strip() and ex.format != "pdf":
        return _clean_title(declared)
    pdf_title = _clean_title(ex.metadata.get("pdf_title") or ex.title or "")
    candidates = []
    if pdf_title and _agrees(pdf_title, c):
        candidates.append(pdf_title)
    for t in c.title_lines:
        if not _LABEL_TITLES.match(t.strip()) and len(_WORD_RE.findall(t)) >= 1:
            candidates.append(" ".join(t.split()))
    if minutes_title:
        # A decision annex or minutes without § items: its own heading, unless the
        # heading only names the kind of document ("KALLELSE/UNDERRÄTTELSE", "Protokoll").
        candidates = [t for t in candidates if not _KIND_ONLY_RE.match(t)]
        if not candidates:
            return minutes_title
    for t in candidates:
        if len(t) >= 4:
            title = t[:200]
            m = re.match(r"^(protokollsbilaga\s+[A-ZÅÄÖ0-9]{1,3})\b", " ".join(c.top[:2]), re.I)
            if m and not title.lower().startswith("protokollsbilaga"):
                title = f"{m.group(1)}: {title}"
            return title
    for text in c.top:
        if len(text) >= 4 and not _LABEL_TITLES.match(text.strip()):
            return text[:160]
    for ln in c.lines:
        if ln.role == ROLE_TEXT and len(ln.text) >= 4:
            return ln.text[:160]
    return Path(ex.source_path).stem


# --- entry point -----------------------------------------------------------------------

def read_metadata(ex: ExtractedDocument, lines: list[Line], n_items: int, source: Provenance | None = None) -> Metadata:
    """``source``: the record of where the file was harvested from, when it was."""
    c = _context(ex, lines, source)
    doc_type = detect_doc_type(c, n_items)
    organisation, municipalities = detect_issuer(c)
    body = detect_document_body(c, doc_type)
    date = detect_date(c, doc_type)
    items_for_title = n_items if doc_type in ("protokoll", "kallelse") else 0
    title = detect_title(c, doc_type, body, date, organisation, items_for_title)
    return Metadata(doc_type=doc_type, organisation=organisation, municipalities=municipalities, body=body,
                    date=date, title=title)

