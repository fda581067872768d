"""Helpers shared by the extractors: text clean-up, decoding of legacy
encodings, web-page furniture lines (share links, credits, date lines) and
running headers/footers that repeat from page to page."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from ..dates import find_labelled_dates

# --- characters and whitespace ----------------------------------------------------

_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(text: str) -> str:
    """NFC, ligatures expanded, invisible characters dropped, spaces collapsed."""
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    text = _ZERO_WIDTH_RE.sub("", text)
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
# "sida 2 (6)", "sida 2 av 6", "page 2 of 6", "sida 2", "2 (6)", "2/6"
_PAGE_REF = (rf"(?:{_PAGE_WORD}\s*\d{{1,4}}(?:\s*(?:\(\s*\d{{1,4}}\s*\)|(?:av|of|/)\s*\d{{1,4}}))?"
             rf"|\d{{1,4}}\s*\(\s*\d{{1,4}}\s*\)|\d{{1,4}}\s*(?:av|of)\s*\d{{1,4}})")
_PAGE_REF_RE = re.compile(rf"(?<![\w/.-]){_PAGE_REF}(?![\w/])")
_PAGE_NUMBER_LINE_RE = re.compile(rf"^[-–(\[]?\s*(?:{_PAGE_REF}|(?:{_PAGE_WORD}\s*\d{{1,4}}|\d{{1,3}})(?:\s*/\s*\d{{1,4}})?)\s*[-–)\]]?$")


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


_SECTION_HEADINGS = frozenset({
    "beslut", "förslag till beslut", "ärendebeskrivning", "ärendet", "sammanfattning",
    "sammanfattning av ärendet", "bakgrund", "beslutsunderlag", "beslutsgång", "yrkanden", "yrkande",
    "reservation", "reservationer", "jäv", "protokollsanteckning", "beslutet skickas till",
    "propositionsordning", "omröstning", "bedömning", "motivering", "ekonomiska konsekvenser",
    "särskilt yttrande", "innehåll", "paragrafer", "närvarande", "beslutande",
})


def may_be_furniture(line: str) -> bool:
    """Lines that open a minutes item ("§ 12 ...") or name a section of one
    ("Beslut") are never running headers, however often they recur."""
    text = line.strip()
    if text.startswith("§"):
        return False
    return text.rstrip(":").casefold() not in _SECTION_HEADINGS


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


def strip_repeated_lines(pages: list[list[str]], max_edge_lines: int = 8
                         ) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Running headers/footers in text without positions (e.g. Markdown made
    from PDFs): lines at the top or bottom edge of a page that recur at that edge
    on most pages. Only an unbroken run from the edge is removed.

    Returns (body lines, removed top lines, removed bottom lines) per page.
    """
    n = len(pages)
    threshold = repetition_threshold(n)
    top_counts: dict[str, int] = {}
    bottom_counts: dict[str, int] = {}
    for lines in pages:
        content = [ln for ln in lines if ln.strip()]
        for key in {furniture_key(ln) for ln in content[:max_edge_lines]}:
            top_counts[key] = top_counts.get(key, 0) + 1
        for key in {furniture_key(ln) for ln in content[-max_edge_lines:]}:
            bottom_counts[key] = bottom_counts.get(key, 0) + 1

    def is_top(line: str) -> bool:
        if not may_be_furniture(line):
            return False
        key = furniture_key(line)
        return key == "#page#" or top_counts.get(key, 0) >= threshold

    def is_bottom(line: str) -> bool:
        if not may_be_furniture(line):
            return False
        key = furniture_key(line)
        return key == "#page#" or bottom_counts.get(key, 0) >= threshold

    bodies, tops, bottoms = [], [], []
    for lines in pages:
        start, end = 0, len(lines)
        removed_top: list[str] = []
        removed_bottom: list[str] = []
        seen = 0
        while start < end and seen < max_edge_lines:
            ln = lines[start]
            if not ln.strip():
                start += 1
                continue
            if not is_top(ln):
                break
            removed_top.append(ln.strip())
            start += 1
            seen += 1
        seen = 0
        while end > start and seen < max_edge_lines:
            ln = lines[end - 1]
            if not ln.strip():
                end -= 1
                continue
            if not is_bottom(ln):
                break
            removed_bottom.insert(0, ln.strip())
            end -= 1
            seen += 1
        bodies.append(lines[start:end])
        tops.append(removed_top)
        bottoms.append(removed_bottom)
    return bodies, tops, bottoms
