"""Helpers shared by the extractors: text clean-up, decoding of legacy
encodings, web-page furniture lines (share links, credits, date lines) and
running headers/footers that repeat from page to page."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from ..dates import find_labelled_dates
from ..folding import drop_invisible
from ..vocabulary import bare_dnr, find_dnr, is_section_heading, parse_item_heading

# --- characters and whitespace ----------------------------------------------------

_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(text: str) -> str:
    """NFC, ligatures expanded, invisible characters (and soft hyphens inside words)
    dropped, spaces collapsed."""
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    text = drop_invisible(text)
    text = _CONTROL_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs (each possibly several lines) separated by one blank line."""
    out = []
    for para in paragraphs:
        lines = [clean_line(ln) for ln in para.split("\n")]
        lines = [ln for ln in lines if ln]
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)


def tidy_page_text(text: str) -> str:
    """Clean each line, keep single line breaks, at most one blank line in a row."""
    paragraphs = re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return join_paragraphs(paragraphs)


# --- decoding ----------------------------------------------------------------------

_SWEDISH_NON_ASCII = set("åäöÅÄÖéÉüÜèÈáÁæÆøØ–—‘’“”„…€§°½«»·•´¨")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Legacy single-byte labels browsers treat as windows-1252 (WHATWG Encoding).
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
              "iso_8859-1", "windows-1252", "cp1252", "x-cp1252", "iso-8859-15", "latin-9"}


def _swedish_score(text: str) -> float:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 1.0
    good = sum(1 for c in non_ascii if c in _SWEDISH_NON_ASCII)
    bad = sum(1 for c in non_ascii if c == "\ufffd" or unicodedata.category(c) in ("Cc", "Co", "Cn"))
    return (good - 3 * bad) / len(non_ascii)


def _norm_encoding(name: str) -> str | None:
    name = name.strip().strip("\"'").lower()
    if not name:
        return None
    if name in _AS_CP1252:
        return "iso-8859-15" if name in ("iso-8859-15", "latin-9") else "cp1252"
    import codecs
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_like_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for BOM-less UTF-16 text (every other byte NUL)."""
    sample = data[:4000]
    if len(sample) < 8:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.6 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Text and the encoding used: BOM, then UTF-8 if the bytes are valid UTF-8,
    then a declared charset if it decodes, then the best of windows-1252 and
    charset-normalizer's guess (scored by how Swedish the non-ASCII letters look)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc
    utf16 = looks_like_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    # Valid UTF-8 with non-ASCII bytes is practically never legacy text by
    # accident, so it wins even over a (wrong) declared legacy charset.
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        enc = _norm_encoding(declared)
        if enc and enc not in ("utf-8", "utf_8"):
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                pass
    candidates: list[tuple[str, str]] = []
    try:
        candidates.append((data.decode("cp1252"), "cp1252"))
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            enc = best.encoding
            try:
                candidates.append((data.decode(enc), enc))
            except (UnicodeDecodeError, LookupError):
                candidates.append((data.decode(enc, errors="replace"), enc))
    except Exception:  # charset-normalizer trouble must not stop extraction
        pass
    if candidates:
        text, enc = max(candidates, key=lambda c: _swedish_score(c[0]))
        return text, enc
    return data.decode("latin-1"), "latin-1"


# --- titles ------------------------------------------------------------------------

_JUNK_TITLE_RE = re.compile(
    r"^(?:untitled|namnlös|dokument\d*|document\d*|microsoft word\b.*|title|rubrik|"
    r"pdf|powerpoint.*|new document|ny?tt? dokument)$"
    r"|\.(?:docx?|pdf|odt|rtf|txt|xlsx?|pptx?|indd|tmp)$"
    r"|^[\W\d_]*$",
    re.IGNORECASE,
)


def meaningful_title(value: object) -> str | None:
    """A cleaned title, or None for empty, file-name-like or generator junk."""
    if value is None:
        return None
    text = clean_line(str(value))
    if len(text) < 3 or _JUNK_TITLE_RE.search(text):
        return None
    if not re.search(r"[A-Za-zÅÄÖåäöÉé]{2}", text):
        return None
    return text


# --- web furniture (HTML and scraped text) -----------------------------------------

_SHARE_LINE_RE = re.compile(
    r"^(?:"
    r"dela(?:\s+(?:via|på|i|med|sidan|artikeln|nyheten|detta|denna sida)(?:\s.*)?)?"
    r"|share(?:\s.*)?|tweeta?|gilla|följ oss(?:\s.*)?"
    r"|facebook|twitter|linkedin|instagram|youtube|x|e-?post|mejla|skicka som e-?post|kopiera länk(?:en)?"
    r"|skriv ut(?:\s+sidan)?|utskriftsvänlig version|lyssna|läs upp|talande webb|lyssna på sidan"
    r"|(?:.{0,40}\s)?logotyp(?:en)?|logo(?:type)?|till toppen|tillbaka till toppen|upp till toppen|upp"
    r"|hoppa till (?:huvud)?innehåll(?:et)?|gå (?:direkt )?till (?:huvud)?innehåll(?:et)?"
    r"|till startsidan|tillbaka|meny|stäng|sök|visa mer|läs mer|cookies?"
    r")[\s.:!]*$",
    re.IGNORECASE,
)
_CREDIT_LABELS = (
    r"text\s*(?:och|&)\s*foto|foto\s*(?:och|&)\s*text|text|foto|fotograf|fotocollage|fotomontage"
    r"|bild|bilder|illustration|grafik|film|video|redaktör|skribent|författare"
)
_CREDIT_RE = re.compile(rf"^(?P<label>{_CREDIT_LABELS})\s*:\s*(?P<name>\S.{{0,100}})$", re.IGNORECASE)
_CREDIT_SPLIT_RE = re.compile(rf"\s+(?=(?:{_CREDIT_LABELS})\s*:)", re.IGNORECASE)
WEB_DATE_LABELS = ("publicerad", "publicerat", "publicerades", "uppdaterad", "uppdaterat",
                   "uppdaterades", "senast uppdaterad", "senast uppdaterat", "senast ändrad",
                   "senast ändrat", "ändrad", "granskad", "skapad")
_PUBLISHED_LABELS = {"publicerad", "publicerat", "publicerades", "skapad"}
_TIME_TAIL_RE = re.compile(r"^[\s,|·•\-–]*(?:kl\.?|klockan)?\s*(?:\d{1,2}[:.]\d{2})?[\s,|·•\-–]*$",
                           re.IGNORECASE)


def is_share_line(line: str) -> bool:
    return len(line) <= 60 and bool(_SHARE_LINE_RE.match(line.strip()))


@dataclass
class WebFurniture:
    """What :func:`strip_web_furniture` took out of the text."""

    credits: list[str] = field(default_factory=list)
    author: str | None = None
    published: str | None = None   # ISO
    updated: str | None = None     # ISO


def credit_parts(line: str) -> list[tuple[str, str]] | None:
    """[(label, name)] when the line is only credits ("Text: A Foto: B"), else None."""
    line = clean_line(line)
    if not line or len(line) > 160:
        return None
    out = []
    for part in _CREDIT_SPLIT_RE.split(line):
        m = _CREDIT_RE.match(part.strip())
        if not m:
            return None
        out.append((m["label"].strip(), m["name"].strip().rstrip(".")))
    return out


def add_credit(info: "WebFurniture", label: str, name: str) -> None:
    label = re.sub(r"\s+", " ", label)
    credit = f"{label[:1].upper()}{label[1:].lower()}: {name}"
    if credit not in info.credits:
        info.credits.append(credit)
    if "text" in label.lower() and not info.author:
        info.author = name


def _date_line(line: str) -> list[tuple[str, str]] | None:
    """[(label, iso)] when the line is only labelled dates ("Uppdaterat: 7 juni 2022")."""
    found = find_labelled_dates(line, WEB_DATE_LABELS)
    if not found:
        return None
    rest, pos = [], 0
    for _label, _d, start, end in found:
        rest.append(line[pos:start])
        pos = end
    rest.append(line[pos:])
    if all(_TIME_TAIL_RE.match(part) for part in rest):
        return [(label, d.isoformat()) for label, d, _s, _e in found]
    return None


def strip_web_furniture(paragraphs: list[str], info: WebFurniture | None = None) -> list[str]:
    """Drop share/logo/back-to-top lines, credit lines and date lines; record
    credits, author and dates in ``info``. Paragraphs stay in order."""
    info = info if info is not None else WebFurniture()
    out: list[str] = []
    for para in paragraphs:
        kept: list[str] = []
        for raw in para.split("\n"):
            line = clean_line(raw)
            if not line:
                continue
            if is_share_line(line):
                continue
            if len(line) <= 160:
                credits = credit_parts(line)
                if credits:
                    for label, name in credits:
                        add_credit(info, label, name)
                    continue
                dated = _date_line(line)
                if dated:
                    for label, iso in dated:
                        if label in _PUBLISHED_LABELS:
                            info.published = info.published or iso
                        else:
                            info.updated = info.updated or iso
                    continue
            kept.append(line)
        if kept:
            out.append("\n".join(kept))
    return out


# --- running headers and footers ---------------------------------------------------

_HEX_RUN_RE = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b", re.IGNORECASE)
_PAGE_WORD = r"(?:sida|sid\.?|s\.|page|p\.)"
# "sida 2 (6)", "sida 2 av 6", "page 2 of 6", "sida 2", "2 (6)", "2 [6]", "2/6"
_PAGE_REF = (rf"(?:{_PAGE_WORD}\s*\d{{1,4}}(?:\s*(?:\(\s*\d{{1,4}}\s*\)|(?:av|of|/)\s*\d{{1,4}}))?"
             rf"|\d{{1,4}}\s*\(\s*\d{{1,4}}\s*\)|\d{{1,4}}\s*\[\s*\d{{1,4}}\s*\]|\d{{1,4}}\s*(?:av|of)\s*\d{{1,4}})")
_PAGE_REF_RE = re.compile(rf"(?<![\w/.-]){_PAGE_REF}(?![\w/])")
# "3", "3/19", "- 3 -", "sida 3"; not "5/2022" (a meeting or diary number over a year)
_PAGE_NUMBER_LINE_RE = re.compile(rf"^[-–(\[]?\s*(?:{_PAGE_REF}|(?:{_PAGE_WORD}\s*\d{{1,4}}|\d{{1,3}})"
                                  rf"(?:\s*/\s*(?!(?:19|20)\d\d\b)\d{{1,4}})?)\s*[-–)\]]?$")
_DIGIT_RUN_RE = re.compile(r"\d+")
# page numbers standing alone at the end of a loose key: "protokoll #", "stadsstyrelsen #", "sida # (#)";
# not a date or a reference ("stadsstyrelsen #.#.#", "§ #")
_TRAILING_NUMBER_RE = re.compile(r"(?:\s+[(\[]?#[)\]]?)+$")
_LETTER_RE = re.compile(r"[^\W\d_]")


def furniture_key(line: str) -> str:
    """Line normalised so running headers match from page to page: case folded,
    page references removed ("LULEÅ KOMMUN PROTOKOLL Sida 2 (6)" -> "luleå kommun
    protokoll"), long hex ids (signature transaction ids) replaced by '#'. Other
    numbers are kept, so "§ 12 Dnr 2022/0456" lines never match each other.
    A line that is only a page number gives "#page#"."""
    key = re.sub(r"\s+", " ", clean_line(line).casefold()).strip()
    if _PAGE_NUMBER_LINE_RE.match(key):
        return "#page#"
    key = _PAGE_REF_RE.sub(" ", key)
    key = _HEX_RUN_RE.sub("#", key)
    return re.sub(r"\s+", " ", key).strip() or "#page#"


def loose_furniture_key(line: str) -> str | None:
    """:func:`furniture_key` with every run of digits replaced by '#' and the
    numbers at the end dropped, so that headers carrying a page number, a § or
    a date match from page to page ("PROTOKOLL 2" / "Protokoll 1(14)",
    "Protokoll 39 § 15.09.2022 Sida" / "Protokoll 44 § 15.09.2022 Sida").
    None for numbers alone and for diary numbers: amounts, table cells and the
    "NKBY/528/00.02.07/2022" above an item are never matched this loosely."""
    key = furniture_key(line)
    if key == "#page#" or not (_LETTER_RE.search(key) or "§" in key) or bare_dnr(line) or find_dnr(line):
        return None
    key = _TRAILING_NUMBER_RE.sub("", _DIGIT_RUN_RE.sub("#", key)).strip()
    return key or None


def is_item_heading_line(line: str) -> bool:
    """The line opens a § item ("KS § 3 a DNR:KU/2007.9", "189 § Val av
    protokolljusterare"); "§ 5 i kommunallagen" (a reference) does not."""
    heading = parse_item_heading(line)
    return heading is not None and not heading.rest[:1].islower()


def may_be_furniture(line: str) -> bool:
    """Lines that open a minutes item ("§ 12 ...") or name a part of one
    ("Beslut", "Kommunstyrelsens beslut") are never running headers, however
    often they recur: one item per page repeats them in the same place."""
    return not (is_item_heading_line(line) or is_section_heading(line))


def is_page_number_line(line: str) -> bool:
    return furniture_key(line) == "#page#"


def repetition_threshold(n_pages: int) -> int:
    """Pages a line must recur on (in the same band) to count as a running header."""
    if n_pages <= 1:
        return 10 ** 9
    if n_pages <= 3:
        return 2
    if n_pages == 4:
        return 3
    return max(3, math.ceil(0.4 * n_pages))


def section_repetition(n_pages: int) -> int:
    """Pages a line must recur on *in the same place* to count as the running
    header of a part of the document (an attached report with its own header,
    attachment pages stamped "Bilaga Stadsstyrelsen, 26.09.2022 § 191")."""
    return repetition_threshold(n_pages) if n_pages <= 4 else 3


@dataclass
class BandLine:
    """A line near a page edge (header or footer band), as the detector sees it."""

    text: str
    segments: list[str]   # parts set apart by wide gaps: the left, centre and right boxes of a header
    pos: float            # distance from the page edge: points in a PDF, lines in text without positions
    xs: list[float] = field(default_factory=list)  # where each segment starts (points, or characters)


def _consistent(occurrences: list[tuple[int, float]], tolerance: float) -> set[tuple[int, float]]:
    """The occurrences that have a twin on another page at the same distance from the edge."""
    ordered = sorted(occurrences, key=lambda o: o[1])
    out: set[tuple[int, float]] = set()
    for i, (page, pos) in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            other_page, other_pos = ordered[j]
            if other_pos - pos > tolerance:
                break
            if other_page != page:
                out.add((page, pos))
                out.add((other_page, other_pos))
    return out


def running_furniture(bands: list[list[BandLine]], n_pages: int, tolerance: float) -> list[list[list[bool]]]:
    """Which segments of each band line are running header/footer furniture.

    ``bands`` holds, per page, the lines of one band (header or footer) ordered
    from the page edge inwards. A segment is furniture when

    * its exact key (:func:`furniture_key`) recurs on enough pages
      (:func:`repetition_threshold`) and every line between it and the edge is
      furniture too, or
    * its exact or digit-normalised key (:func:`loose_furniture_key`) recurs on
      :func:`section_repetition` pages at the same distance from the edge
      (within ``tolerance``): headers stay put while the text moves; or on
      two pages in the same place in the margin, further out than any text of
      the other pages (an attachment stamp on a two-page attachment).

    A line that opens a § item or a part of one, or an item's diary number that
    does not recur exactly, ends the band: what follows it is content.
    """
    threshold = repetition_threshold(n_pages)
    section_min = section_repetition(n_pages)
    exact_pages: dict[str, set[int]] = {}
    exact_occ: dict[str, list[tuple[int, float]]] = {}
    loose_occ: dict[str, list[tuple[int, float]]] = {}
    columns: dict[str, list[tuple[int, float]]] = {}   # key -> (page, where the segment starts)
    for page, band in enumerate(bands):
        for ln in band:
            for k, seg in enumerate(ln.segments):
                ek = furniture_key(seg)
                exact_pages.setdefault(ek, set()).add(page)
                exact_occ.setdefault(ek, []).append((page, ln.pos))
                lk = loose_furniture_key(seg)
                if lk:
                    loose_occ.setdefault(lk, []).append((page, ln.pos))
                if k < len(ln.xs):
                    columns.setdefault(ek, []).append((page, ln.xs[k]))
                    if lk:
                        columns.setdefault("~" + lk, []).append((page, ln.xs[k]))

    def same_column(seg: str, page: int, x: float) -> bool:
        keys = [furniture_key(seg)]
        lk = loose_furniture_key(seg)
        if lk:
            keys.append("~" + lk)
        return any(other != page and abs(ox - x) <= tolerance for key in keys for other, ox in columns.get(key, ()))

    # where each page's text begins: a line standing further out than any text
    # of the other pages is in the margin, where stamps and headers go
    outermost = {page: min(ln.pos for ln in band) for page, band in enumerate(bands) if band}

    def in_margin(same: set[tuple[int, float]]) -> bool:
        pages = {p for p, _ in same}
        others = [pos for page, pos in outermost.items() if page not in pages]
        return bool(others) and max(pos for _, pos in same) < min(others) - tolerance

    def placed(occ: dict[str, list[tuple[int, float]]]) -> dict[str, set[tuple[int, float]]]:
        out = {}
        for key, where in occ.items():
            if len({p for p, _ in where}) < 2:
                continue
            same = _consistent(where, tolerance)
            n = len({p for p, _ in same})
            if n >= section_min or (n >= 2 and in_margin(same)):
                out[key] = same
        return out

    exact_placed = placed(exact_occ)
    loose_placed = placed(loose_occ)
    frequent = {k for k, pages in exact_pages.items() if len(pages) >= threshold}

    result: list[list[list[bool]]] = []
    for page, band in enumerate(bands):
        flags_of_page: list[list[bool]] = []
        unbroken = True
        for ln in band:
            if not may_be_furniture(ln.text):
                break
            diary = bool(bare_dnr(ln.text) or find_dnr(ln.text))
            flags: list[bool] = []
            for seg in ln.segments:
                ek = furniture_key(seg)
                here = (page, ln.pos)
                if ek == "#page#":
                    flags.append(unbroken or here in exact_placed.get(ek, ()))
                elif (ek in frequent and unbroken) or here in exact_placed.get(ek, ()):
                    flags.append(True)
                elif not diary:
                    # diary numbers are content: "NKBY/528/00.02.07/2022" above every item heading
                    lk = loose_furniture_key(seg)
                    flags.append(lk is not None and here in loose_placed.get(lk, ()))
                else:
                    flags.append(False)
            if not all(flags):
                # Part of a line: a box of the header in its usual place, not a value
                # beside a label that happens to read like the header ("Organ
                # Välfärdsnämnden" under a header "Välfärdsnämnden 1"), nor a page
                # number beside content ("Mötesuppgifter ..... 1").
                flags = [f and (not ln.xs or same_column(s, page, ln.xs[k]))
                         and (furniture_key(s) != "#page#" or (page, ln.pos) in exact_placed.get("#page#", ()))
                         for k, (f, s) in enumerate(zip(flags, ln.segments))]
            if unbroken and flags and flags[0] and not diary:
                # the header's first box in its place, at the top of a run of header
                # lines: the rest of the line is this page's variant of the header
                # ("Protokoll 5/2022" on page 1 where later pages say "Protokoll 39 § …")
                flags = [True] * len(flags)
            flags_of_page.append(flags)
            if not all(flags):
                if diary:
                    break
                unbroken = False
        result.append(flags_of_page)
    _rewrapped_furniture(bands, result)
    return result


def _wrap_key(text: str) -> str:
    return re.sub(r"\s+", " ", _DIGIT_RUN_RE.sub("#", re.sub(r"[‐-―−]", "-", clean_line(text).casefold()))).strip()


#: A line must be this long to be taken for a piece of a running header wrapped otherwise.
_REWRAP_MIN_CHARS = 15


def _rewrapped_furniture(bands: list[list[BandLine]], result: list[list[list[bool]]]) -> None:
    """Mark, in place, lines at the page edge that are a running header broken
    into lines at other places than on most pages ("Ramboll - KONDITIONS-
    GRANSKNING OCH" / "REPARATIONSSKULD FÖR NYKARLEBYS GATUNÄTVERK" where the
    other pages break after "NYKARLEBYS"): their text is part of the furniture
    run at the same edge of another page."""
    runs: list[tuple[int, str]] = []
    for page, band in enumerate(bands):
        run = []
        for ln, flags in zip(band, result[page]):
            if not all(flags):
                break
            run.append(_wrap_key(ln.text))
        if run:
            runs.append((page, " ".join(run)))
    if not runs:
        return
    for page, band in enumerate(bands):
        flags_of_page = result[page]
        for k, ln in enumerate(band):
            if k < len(flags_of_page) and all(flags_of_page[k]):
                continue
            key = _wrap_key(ln.text)
            if (len(key) < _REWRAP_MIN_CHARS or not may_be_furniture(ln.text)
                    or not any(key in run for other, run in runs if other != page)):
                break
            if k < len(flags_of_page):
                flags_of_page[k] = [True] * len(ln.segments)
            else:
                flags_of_page.append([True] * len(ln.segments))


def removed_text(line: BandLine, flags: list[bool]) -> str:
    """What of a band line was furniture: the whole line, or the furniture segments."""
    if all(flags):
        return line.text
    return " ".join(seg for seg, f in zip(line.segments, flags) if f)


def kept_segments(line: BandLine, flags: list[bool]) -> list[str]:
    return [seg for seg, f in zip(line.segments, flags) if not f]


def collect_running_lines(removed: list[str], into: list[str], seen: set[str]) -> None:
    """Add the removed lines not seen before (by digit-normalised key); page numbers alone are left out."""
    for text in removed:
        key = loose_furniture_key(text) or furniture_key(text)
        if key == "#page#" or key in seen or not _LETTER_RE.search(text):
            continue
        seen.add(key)
        into.append(text)


class RepeatedLines(NamedTuple):
    bodies: list[list[str]]    # per page, the lines that are not furniture
    tops: list[list[str]]      # per page, what was removed at the top
    bottoms: list[list[str]]   # per page, what was removed at the bottom
    running: list[str]         # distinct running lines of the document, as first seen


def strip_repeated_lines(pages: list[list[str]], max_edge_lines: int = 8) -> RepeatedLines:
    """Running headers/footers in text without positions (e.g. Markdown made
    from PDFs with ``<!-- sida N -->`` markers): lines among the first or last
    ``max_edge_lines`` of a page that recur there on many pages, matched as
    :func:`running_furniture` does, with the line's place counted from the
    page edge standing in for its position. Parts of a line set apart by three
    or more spaces (the boxes of a header laid out in columns) are matched on
    their own."""
    n = len(pages)
    tops_idx: list[list[int]] = []
    bottoms_idx: list[list[int]] = []
    top_bands: list[list[BandLine]] = []
    bottom_bands: list[list[BandLine]] = []

    def band_line(text: str, pos: int) -> BandLine:
        parts = [(m.start(), m.group()) for m in re.finditer(r"\S+(?:[ ]{1,2}\S+)*", text.expandtabs())]
        if not parts:
            return BandLine(text=clean_line(text), segments=[text.strip()], pos=pos)
        return BandLine(text=clean_line(text), segments=[p for _x, p in parts], pos=pos,
                        xs=[float(x) for x, _p in parts])

    for lines in pages:
        content = [i for i, ln in enumerate(lines) if ln.strip()]
        top = content[:max_edge_lines]
        bottom = list(reversed(content[-max_edge_lines:]))
        tops_idx.append(top)
        bottoms_idx.append(bottom)
        top_bands.append([band_line(lines[i], k) for k, i in enumerate(top)])
        bottom_bands.append([band_line(lines[i], k) for k, i in enumerate(bottom)])

    top_flags = running_furniture(top_bands, n, tolerance=0)
    bottom_flags = running_furniture(bottom_bands, n, tolerance=0)

    bodies, tops, bottoms, running = [], [], [], []
    seen: set[str] = set()
    for p, lines in enumerate(pages):
        out = list(lines)
        removed_top: list[str] = []
        removed_bottom: list[str] = []
        done: set[int] = set()
        for k, flags in enumerate(top_flags[p]):
            if any(flags):
                i = tops_idx[p][k]
                line = top_bands[p][k]
                removed_top.append(removed_text(line, flags))
                out[i] = "   ".join(kept_segments(line, flags))
                done.add(i)
        for k, flags in enumerate(bottom_flags[p]):
            i = bottoms_idx[p][k]
            if any(flags) and i not in done:
                line = bottom_bands[p][k]
                removed_bottom.insert(0, removed_text(line, flags))
                out[i] = "   ".join(kept_segments(line, flags))
        collect_running_lines(removed_top + removed_bottom, running, seen)
        # lines emptied at the page edges go; blank lines inside the text stay
        start, end = 0, len(out)
        while start < end and not out[start].strip():
            start += 1
        while end > start and not out[end - 1].strip():
            end -= 1
        bodies.append(out[start:end])
        tops.append(removed_top)
        bottoms.append(removed_bottom)
    return RepeatedLines(bodies, tops, bottoms, running)


# --- text quality ------------------------------------------------------------------

#: A page with fewer words that can be judged than this gets no quality score.
QUALITY_MIN_WORDS = 15
_TOKEN_RE = re.compile(r"[^\W\d_]+")
_FI_VOWELS = "aeiouyäö"
_FI_LETTERS = frozenset("abdeghijklmnoprstuvyäö")
_FI_NOT_RE = re.compile(
    rf"^[^{_FI_VOWELS}]{{2}}"                       # no consonant cluster at the start
    rf"|[^{_FI_VOWELS}]{{4}}"                       # at most three consonants in a row (compounds)
    rf"|[{_FI_VOWELS}]{{4}}"                        # at most three vowels in a row
    r"|([^aeiouyäökptslmnr])\1"                     # only k p t s l m n r are doubled
    rf"|(?:[^{_FI_VOWELS}]{{2}}|[^{_FI_VOWELS}nstlr])$"  # ends in a vowel or a vowel and one of n s t l r
)


def finnish_like(word: str) -> bool:
    """The (lower-case) word could be Finnish by its letters and syllables.

    Finnish is the other language of bilingual Swedish-language documents in
    Finland; its words are not in the Swedish lexicon but must not make a
    clean page look garbled. A garbled Swedish word ("protokojjet", "besftt",
    "saakoaaunstäaaor") breaks these rules; Finnish words keep them."""
    return set(word) <= _FI_LETTERS and not _FI_NOT_RE.search(word)


def _known(word: str) -> bool:
    from ..analysis.compounds import compound_pieces, is_known_word

    return is_known_word(word) or bool(compound_pieces(word))


_english: frozenset[str] | None = None


def english_word(word: str) -> bool:
    """The (lower-case) word is English (spaCy's English lemma table, which the
    Swedish analysis already installs): English passages in Swedish documents
    are not garbled text."""
    global _english
    if _english is None:
        words: set[str] = set()
        try:
            import gzip
            import json
            from pathlib import Path

            import spacy_lookups_data

            path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                table = json.load(fh)
            words = {w for pair in table.items() for w in pair if w.isalpha()}
        except Exception:  # without the table English words count as unknown
            pass
        _english = frozenset(words)
    return word in _english


def is_common_word(word: str) -> bool:
    """An ordinary Swedish word (in any case), not a name: the lexicon knows it
    and does not list it as a proper noun."""
    from ..analysis.compounds import lexicon

    lower = word.lower()
    return _known(lower) and lower not in lexicon().proper


def text_quality(text: str) -> float | None:
    """Share of the words that the Swedish lexicon knows (0..1), or None when
    fewer than QUALITY_MIN_WORDS words can be judged, or when the text is
    mostly in another language.

    Judged are words of three or more letters: a lower-case word counts as
    known when the lexicon has it or the compound splitter can split it, and
    as unknown otherwise, unless it is English or could be Finnish
    (:func:`finnish_like`): foreign words are left out. A capitalised word
    counts only when the lexicon knows it (names are not in the lexicon: they
    are left out, not held against the page); abbreviations and words in
    capitals that the lexicon does not know are left out too. A text layer
    with lost or substituted glyphs ("protokojjet", "besftt", "tll") scores
    far below clean text."""
    known = unknown = foreign = 0
    for token in _TOKEN_RE.findall(text):
        if len(token) < 3:
            continue
        lower = token.lower()
        if token.isupper():
            if len(token) > 5 and _known(lower):
                known += 1
            continue
        if token[0].isupper() and token[1:].islower():
            if _known(lower):
                known += 1
            continue
        if _known(lower):
            known += 1
        elif token.islower() and (finnish_like(lower) or english_word(lower)):
            foreign += 1
        else:
            unknown += 1
    total = known + unknown
    if total < QUALITY_MIN_WORDS or foreign > total:
        return None
    return known / total
