"""Interpretation of extracted text: metadata, § items of minutes, passages.

ExtractedDocument -> Document (without priority areas; areas.py adds those).
Everything here is rules over text that extract/ produced; nothing reads files
except the small data file of body names.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dates import find_dates, find_labelled_date, parse_swedish_date
from .models import Document, ExtractedDocument, MinutesItem, PageText, Passage

DATA_DIR = Path(__file__).parent / "data"
DOC_TYPES = ("pressmeddelande", "protokoll", "avsiktsförklaring", "annat")

# A paragraph is split into passages of at most this many characters, at
# sentence ends, so a hit points to something a reader can take in at once.
MAX_PASSAGE_CHARS = 900

ITEM_RE = re.compile(r"^§\s*(\d{1,4})(?![\d§])\s*(.*)$")
_DNR_RE = re.compile(r"\b(?:Dnr|Diarienr|Diarienummer)[\s.:]*([A-ZÅÄÖ]{0,6}[\s-]?\d{2,4}[/.\-][\w./:\-]*\d)", re.I)
_DOT_LEADER_RE = re.compile(r"\.{4,}\s*\d*\s*$|…{2,}")
DECISION_HEAD_RE = re.compile(
    r"^(?:(?:[a-zåäö]+s\s+)?(?:arbetsutskottets\s+|utskottets\s+|nämndens\s+)?beslut|beslut i korthet)\s*:?$",
    re.I,
)
# Headings that end the "Beslut" block or start another part of an item
# (the web app's document view uses them too).
SECTION_HEADINGS = (
    "ärendebeskrivning", "sammanfattning av ärendet", "sammanfattning", "bakgrund",
    "beslutsunderlag", "beslutsgång", "yrkanden", "yrkande", "reservation", "reservationer",
    "protokollsanteckning", "protokollsanteckningar", "jäv", "propositionsordning",
    "beslutet skickas till", "beslutet ska skickas till", "skickas till", "expedieras till",
    "ärendet", "förslag till beslut", "omröstning", "särskilt yttrande", "motivering",
    "bedömning", "ekonomiska konsekvenser", "underlag", "deltar inte i beslutet",
)
_MUNICIPALITIES = {
    "Luleå": re.compile(r"\blule[åa]\b", re.I),
    "Boden": re.compile(r"\bbodens?\b", re.I),
}
_PROTOCOL_CUES = re.compile(
    r"sammanträdesprotokoll|\bprotokoll\b|justerandes signatur|protokolljusterare|utses att justera|justering",
    re.I,
)
_PRESS_CUES = re.compile(r"pressmeddelande|nyhet|publicerad|uppdaterat", re.I)


@lru_cache(maxsize=1)
def _known_bodies() -> tuple[str, ...]:
    path = DATA_DIR / "bodies.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    names = [ln.strip().lower() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(sorted(set(names), key=len, reverse=True))


_GENERIC_BODY_RE = re.compile(r"\b([a-zåäö]{3,}nämnden?s?(?:\s+arbetsutskott)?)\b", re.I)


def slugify(text: str, max_len: int = 60) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_ = "".join(c for c in folded if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    return slug[:max_len].rstrip("-") or "dokument"


def make_doc_id(source_path: str) -> str:
    """Readable and stable for a given path: the file stem plus a short path hash."""
    stem = Path(source_path).stem
    digest = hashlib.sha1(source_path.encode("utf-8")).hexdigest()[:6]
    return f"{slugify(stem)}-{digest}"


# --- metadata -------------------------------------------------------------------

def detect_body(text: str) -> str | None:
    low = text.lower()
    best: tuple[int, str] | None = None
    for name in _known_bodies():
        pos = low.find(name)
        if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and len(name) > len(best[1]))):
            best = (pos, name)
    m = _GENERIC_BODY_RE.search(low)
    if m and (best is None or m.start() < best[0]):
        name = m.group(1)
        if name.endswith("nämnds"):
            name = name[:-1] + "en"
        best = (m.start(), name if " " in name or name.endswith("en") else name + "en")
    if best is None:
        return None
    name = best[1]
    # "kommunstyrelse" (Boden's usage) and "kommunstyrelsen" are the same body.
    if name == "kommunstyrelse":
        name = "kommunstyrelsen"
    return name


def detect_municipalities(strong: str, title: str, body_text: str) -> list[str]:
    """Municipalities a document concerns: its publisher/header and its title,
    or failing those, the ones it mentions repeatedly."""
    found = [m for m, rx in _MUNICIPALITIES.items() if rx.search(strong) or rx.search(title)]
    if not found:
        found = [m for m, rx in _MUNICIPALITIES.items() if len(rx.findall(body_text)) >= 2]
    return found


def _front_matter_municipality(meta: dict[str, str]) -> list[str]:
    value = meta.get("kommun") or meta.get("municipality") or ""
    out = []
    for part in re.split(r"[,;]| och ", value):
        part = part.strip()
        if part:
            out.append(part[:1].upper() + part[1:])
    return out


def detect_doc_type(ex: ExtractedDocument, title: str, first_page: str, n_items: int) -> str:
    declared = (ex.metadata.get("typ") or ex.metadata.get("doc_type") or "").lower()
    if declared in DOC_TYPES:
        return declared
    if declared == "pressrelease":
        return "pressmeddelande"
    header = ex.metadata.get("header", "")
    is_protocol = bool(_PROTOCOL_CUES.search(header) or _PROTOCOL_CUES.search(first_page[:1500])) and n_items > 0
    # The agreement itself is titled "Avsiktsförklaring …"; news and memos
    # about it mention the word later in their titles.
    if title.lower().lstrip().startswith("avsiktsförklaring") and ex.format != "html" and not is_protocol:
        return "avsiktsförklaring"
    if is_protocol or declared == "protokoll":
        return "protokoll"
    if declared in ("kallelse", "föredragningslista"):
        return "annat"
    if ex.format == "html" and (_PRESS_CUES.search(first_page) or ex.date or ex.metadata.get("published")):
        return "pressmeddelande"
    if "pressmeddelande" in first_page[:300].lower():
        return "pressmeddelande"
    return "annat"


def detect_date(ex: ExtractedDocument) -> str | None:
    if ex.date:
        return ex.date
    for key in ("datum", "date", "published"):
        if ex.metadata.get(key):
            d = parse_swedish_date(ex.metadata[key])
            if d:
                return d.isoformat()
    head = ex.metadata.get("header", "")
    first = ex.pages[0].text if ex.pages else ""
    for text in (head, first[:2000]):
        d = find_labelled_date(text)
        if d:
            return d.isoformat()
    for text in (head, first[:2000]):
        found = find_dates(text)
        if found:
            return found[0][0].isoformat()
    # Agreements and reports are dated where they are signed, at the end.
    if len(ex.pages) > 1:
        found = find_dates(ex.pages[-1].text[-1500:])
        if found:
            return found[-1][0].isoformat()
    return None


def _municipality_name(municipality: str) -> str:
    return "Bodens kommun" if municipality == "Boden" else f"{municipality} kommun"


def detect_title(ex: ExtractedDocument, doc_type: str, body: str | None, date: str | None,
                 municipalities: list[str]) -> str:
    meta_title = ex.title or ex.metadata.get("titel") or ex.metadata.get("title")
    if meta_title and meta_title.strip():
        title = " ".join(meta_title.split())
        # "Protokoll Kommunstyrelsen 2022-08-22" says nothing of whose: both
        # municipalities have a kommunstyrelse.
        if doc_type == "protokoll" and municipalities and not any(
                m.lower() in title.lower() for m in municipalities):
            title += ", " + " och ".join(_municipality_name(m) for m in municipalities)
        return title
    if doc_type == "protokoll" and body:
        where = f", {' och '.join(_municipality_name(m) for m in municipalities)}" if municipalities else ""
        return f"Protokoll {body} {date or ''}{where}".replace("  ", " ").strip()
    for page in ex.pages:
        for line in page.text.splitlines():
            line = line.strip()
            if len(line) >= 4:
                return line[:160]
    return Path(ex.source_path).stem


# --- § items ----------------------------------------------------------------------

@dataclass
class _Line:
    page: int
    text: str


def _is_heading(line: str) -> bool:
    low = line.strip().rstrip(":").lower()
    return low in SECTION_HEADINGS or bool(DECISION_HEAD_RE.match(line.strip()))


def _item_starts(lines: list[_Line]) -> list[tuple[int, int, str, str | None, str]]:
    """(line index, § number, title, dnr, rest) for each line that opens an item.

    A § line in a table of contents (its title ends in a dot leader) is not an item.
    """
    starts = []
    for i, ln in enumerate(lines):
        m = ITEM_RE.match(ln.text.strip())
        if not m:
            continue
        number, rest = int(m.group(1)), m.group(2).strip()
        if rest[:1].islower():
            continue  # "§ 107 ska ändras": a reference inside running text
        dnr_m = _DNR_RE.search(rest)
        dnr = dnr_m.group(1).strip() if dnr_m else None
        title_part = _DNR_RE.sub("", rest).strip(" -–,") if dnr_m else rest
        title_lines = [title_part] if title_part else []
        j = i + 1
        while j < len(lines) and len(title_lines) < 3:
            nxt = lines[j].text.strip()
            if not nxt or _is_heading(nxt) or ITEM_RE.match(nxt):
                break
            if dnr is None:
                dm = _DNR_RE.search(nxt)
                if dm and dm.start() == 0:
                    dnr = dm.group(1).strip()
                    j += 1
                    continue
            if title_lines and title_lines[-1].endswith((".", ":")):
                break
            title_lines.append(nxt)
            j += 1
            if title_part:
                break  # title stood on the § line; one more line at most
        title = " ".join(title_lines).strip()
        if _DOT_LEADER_RE.search(title) or _DOT_LEADER_RE.search(rest):
            continue
        # A reference such as "§ 107" at line start inside running text has
        # neither a Dnr nor a title-like continuation.
        if not title and dnr is None:
            continue
        starts.append((i, number, title, dnr, rest))
    # A list of paragraphs on the first page (or any index) repeats numbers
    # that open real items later; the last occurrence is the item itself.
    last = {number: k for k, (_i, number, *_r) in enumerate(starts)}
    return [s for k, s in enumerate(starts) if last[s[1]] == k]


def _page_lines(pages: list[PageText]) -> list[_Line]:
    out = []
    for p in pages:
        for line in p.text.split("\n"):
            out.append(_Line(p.number, line))
    return out


def split_items(pages: list[PageText]) -> tuple[list[MinutesItem], list[tuple[int, int]]]:
    """Items and, for each, its (first line, end line) range in _page_lines(pages)."""
    lines = _page_lines(pages)
    starts = _item_starts(lines)
    items: list[MinutesItem] = []
    ranges: list[tuple[int, int]] = []
    for k, (i, number, title, dnr, _rest) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        block = lines[i:end]
        decision = _decision_text(block)
        last_page = max((ln.page for ln in block if ln.text.strip()), default=lines[i].page)
        items.append(MinutesItem(number=number, title=title or f"§ {number}", dnr=dnr,
                                 decision=decision, page_start=lines[i].page, page_end=last_page))
        ranges.append((i, end))
    return items, ranges


def _decision_text(block: list[_Line]) -> str | None:
    collecting = False
    paras: list[str] = []
    current: list[str] = []
    for ln in block[1:]:
        s = ln.text.strip()
        if not collecting:
            if DECISION_HEAD_RE.match(s):
                collecting = True
            continue
        if _is_heading(s) and not DECISION_HEAD_RE.match(s):
            break
        if not s:
            if current:
                paras.append(" ".join(current))
                current = []
            continue
        current.append(s)
    if current:
        paras.append(" ".join(current))
    text = "\n\n".join(_normalize_space(p) for p in paras).strip()
    return text or None


# --- passages ---------------------------------------------------------------------

_SENT_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9–\"”])")


def _normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    out, cur = [], ""
    for sent in _SENT_END_RE.split(text):
        if cur and len(cur) + 1 + len(sent) > MAX_PASSAGE_CHARS:
            out.append(cur)
            cur = sent
        else:
            cur = f"{cur} {sent}".strip()
    if cur:
        out.append(cur)
    return out


def _paragraphs(lines: list[_Line]) -> list[tuple[int, str, bool]]:
    """(page, paragraph text, is heading-only) from consecutive lines of one page."""
    out = []
    cur: list[str] = []
    page = lines[0].page if lines else 1

    def flush():
        if cur:
            text = _normalize_space(" ".join(cur))
            is_head = len(cur) == 1 and (_is_heading(cur[0]) or (len(text) < 60 and not text.endswith((".", "!", "?", ":"))))
            out.append((page, text, is_head))
            cur.clear()

    for ln in lines:
        if ln.page != page:
            flush()
            page = ln.page
        s = ln.text.strip()
        if not s:
            flush()
            continue
        # Bullet items are paragraphs of their own even without blank lines between.
        if s.startswith(("•", "- ", "* ", "– ")) and cur:
            flush()
        if cur and _is_heading(s):
            flush()
        cur.append(s)
        if _is_heading(s):
            flush()
    flush()
    return out


def build_passages(doc_id: str, pages: list[PageText], ranges: list[tuple[int, int]],
                   items: list[MinutesItem]) -> list[Passage]:
    lines = _page_lines(pages)
    # Segments: text before the first item, then each item's lines.
    segments: list[tuple[int | None, list[_Line]]] = []
    first = ranges[0][0] if ranges else len(lines)
    segments.append((None, lines[:first]))
    for (start, end), item in zip(ranges, items):
        segments.append((item.number, lines[start:end]))

    passages: list[Passage] = []
    for section, seg_lines in segments:
        if not seg_lines:
            continue
        pending_head: str | None = None
        in_decision = False
        for page, text, is_head in _paragraphs(seg_lines):
            if is_head:
                if DECISION_HEAD_RE.match(text):
                    in_decision = True
                elif _is_heading(text):
                    in_decision = False
                pending_head = f"{pending_head} {text}" if pending_head else text
                continue
            if pending_head:
                text = f"{pending_head}: {text}" if not pending_head.endswith(":") else f"{pending_head} {text}"
                pending_head = None
            for chunk in _split_long(text):
                seq = len(passages)
                passages.append(Passage(passage_id=f"{doc_id}-{seq}", doc_id=doc_id, seq=seq, page=page,
                                        section=section, text=chunk, is_decision=in_decision))
        if pending_head:  # a trailing heading with nothing after it still carries words
            seq = len(passages)
            passages.append(Passage(passage_id=f"{doc_id}-{seq}", doc_id=doc_id, seq=seq,
                                    page=seg_lines[-1].page, section=section, text=pending_head))
    return passages


# --- entry point --------------------------------------------------------------------

def structure(ex: ExtractedDocument, source_root: str) -> Document:
    doc_id = make_doc_id(ex.source_path)
    items, ranges = split_items(ex.pages)
    first_page = ex.pages[0].text if ex.pages else ""
    header = ex.metadata.get("header", "")
    provisional_title = ex.title or ex.metadata.get("titel") or ex.metadata.get("title") or ""
    doc_type = detect_doc_type(ex, provisional_title, first_page, len(items))
    if doc_type != "protokoll":
        # § signs in agreements or press releases are references, not minutes items.
        items, ranges = [], []
    body = detect_body(header + "\n" + first_page[:1500]) if doc_type in ("protokoll", "annat") else None
    if body is None and ex.metadata.get("organ"):
        body = detect_body(ex.metadata["organ"])
    strong = " ".join(filter(None, [header, ex.metadata.get("publisher", ""), ex.metadata.get("author", ""),
                                    ex.metadata.get("pdf_author", "")]))
    municipalities = _front_matter_municipality(ex.metadata) or detect_municipalities(
        strong, provisional_title, " ".join(p.text for p in ex.pages)[:20000])
    date = detect_date(ex)
    title = detect_title(ex, doc_type, body, date, municipalities)
    passages = build_passages(doc_id, ex.pages, ranges, items)
    return Document(
        doc_id=doc_id, title=title, doc_type=doc_type, municipalities=municipalities, body=body,
        date=date, source_path=ex.source_path, source_root=source_root, sha256=ex.sha256,
        format=ex.format, pages=ex.pages, items=items, passages=passages, metadata=dict(ex.metadata),
    )
