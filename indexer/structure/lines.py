"""The lines of a document, each with the role it plays.

Everything after extraction reads the pages as one list of lines. Before items
and passages are built, each line gets a role: ordinary text, a blank, a rule
("______"), a table-of-contents or agenda-list entry, or boilerplate
(signatures, justification and posting notes, appeal instructions, address
blocks) that is kept out of the passages. A page without any text still gets
one blank line, so an item's page range can cover a scanned attachment page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import PageText
from ..vocabulary import DOT_LEADER_RE, bare_dnr, is_section_heading, parse_item_heading

__all__ = ["Line", "page_lines", "classify", "ROLE_TEXT", "ROLE_BLANK", "ROLE_RULE", "ROLE_TOC",
           "ROLE_BOILERPLATE", "ROLE_DISPATCH", "is_name_line", "clean_toc_text"]

ROLE_TEXT, ROLE_BLANK, ROLE_RULE, ROLE_TOC, ROLE_BOILERPLATE = "text", "blank", "rule", "toc", "boilerplate"
#: "Beslutet skickas till" and its recipients: part of the item (its pages), not a passage.
ROLE_DISPATCH = "dispatch"


@dataclass
class Line:
    page: int
    text: str            # stripped
    role: str = ROLE_TEXT
    page_marker: bool = False   # the blank line standing for a page without text
    ocr: bool = False           # read from the page image (OCR may misread "§" as "8", "$" or "S")


def page_lines(pages: list[PageText]) -> list[Line]:
    out: list[Line] = []
    for p in pages:
        raw = [ln.strip() for ln in p.text.split("\n")] if p.text.strip() else []
        if not raw:
            out.append(Line(p.number, "", ROLE_BLANK, page_marker=True, ocr=p.ocr))
            continue
        for text in raw:
            out.append(Line(p.number, text, ROLE_BLANK if not text else ROLE_TEXT, ocr=p.ocr))
    return out


# --- boilerplate -----------------------------------------------------------------------

# A line that is boilerplate whatever follows it on the line: signature and
# justification captions, posting notes (anslag), e-signature stamps.
_STRONG_BOILERPLATE_RE = re.compile(
    r"^(?:justerandes\s+sign(?:atur)?|utdragsbestyrkande|underskrifter|anslag\s*/\s*bevis|anslagsbevis"
    r"|bevis\s+om\s+anslag|protokollet\s+är\s+justerat|justeringen\s+har\s+(?:tillkännagivits|anslagits)"
    r"|datum\s+för\s+anslag|datum\s+då\s+anslaget|anslags\s+(?:uppsättande|nedtagande)|anslaget\s+(?:sätts|tas)"
    r"|förvaringsplats\s+för\s+protokollet|justeringens\s+plats\s+och\s+tid|plats\s+och\s+tid\s+för\s+justering"
    r"|utses\s+att\s+justera|justerare\s*:|elektroniska?\s+underskrift|elektronisk\s+(?:protokoll)?justering"
    r"|dokumentet\s+har\s+undertecknats|det\s+här\s+dokumentet\s+är\s+(?:digitalt|elektroniskt)\s+signerat"
    r"|detta\s+dokument\s+är\s+(?:digitalt|elektroniskt)\s+signerat|transaktionsidentitet|verifikat\b"
    r"|intygar\s*:|vid\s+protokollet\b|justeras\s*:?\s*$|justerat\s*:?\s*$|protokollet\s+publiceras"
    r"|det\s+justerade\s+protokollet\b.*\bpubliceras|sammanträdeskallelse,?\s+daterad"
    r"|paragrafer\s*:?\s*(?:§§?\s*)?[\d\s,–\-och]+$|underskrift\b)",
    re.IGNORECASE,
)
# Captions that are boilerplate when alone, before a leader of dots or
# underscores, or before names only ("Ordförande Ewa Engdahl (C)"); not when a
# sentence follows ("Ordförande öppnar sammanträdet").
_ROLE_WORD = (r"(?:vice\s+|1:e\s+vice\s+|2:e\s+vice\s+)?(?:ordförande|sekreterare|kommunsekreterare|nämndsekreterare"
              r"|protokollförare|protokolljusterare|justerare|justerande|kanslist|mötessekreterare|registrator"
              r"|avdelningssekreterare)")
_CAPTION_RE = re.compile(rf"^{_ROLE_WORD}\b[\s:]*(?P<rest>.*)$", re.IGNORECASE)
_ROLES_ONLY_RE = re.compile(rf"^(?:{_ROLE_WORD}[\s,/]*)+$", re.IGNORECASE)
_LEADER_ONLY_RE = re.compile(r"^[\s.…_·\-–—]{3,}$")
_RULE_RE = re.compile(r"^[_\-–—=*·]{3,}$")

_DISPATCH_RE = re.compile(r"^(?:beslutet\s+(?:ska\s+)?skickas\s+till|expedieras\s+till|expediering|sändlista"
                          r"|beslutet\s+expedieras\s+till)\s*:?\s*$", re.IGNORECASE)

_INLINE_DISPATCH_RE = re.compile(r"^(?:beslutet\s+(?:ska\s+)?skickas\s+till|expedieras\s+till|beslutet\s+expedieras"
                                 r"\s+till|sändlista)\s*:?\s*", re.IGNORECASE)


def _recipients(rest: str) -> bool:
    """"Kommunstyrelsen, Ekonomikontoret": names of recipients, not a sentence
    ("Beslutet skickas till den ambassad som du valde i webbansökan.")."""
    rest = rest.strip()
    if not rest or rest.endswith((".", "!", "?")) and len(rest.split()) > 3:
        return False
    parts = [x.strip() for x in re.split(r"[,;]| och ", rest) if x.strip()]
    return all(x[:1].isupper() and len(x.split()) <= 4 for x in parts)

# Address and contact lines (back covers, letterheads).
_CONTACT_RE = re.compile(
    r"^(?:besöksadress|postadress|leveransadress|gatuadress|adress|telefon|tel\.?|tfn|fax|telefax|e-?post|e-?mail"
    r"|mejl|webb(?:plats)?|hemsida|internet|org(?:anisations)?\.?\s*-?nr|organisationsnummer|bankgiro|plusgiro"
    r"|växel|swish|www\.|https?://)\b"
    r"|^\S+@\S+\.\w{2,}$|^(?:www\.)?[\w-]+\.(?:se|fi|nu|com|org)(?:/\S*)?$"
    r"|^(?:SE-|S-|FI-)?\d{3}\s?\d{2}\s+[A-ZÅÄÖ][\wåäö]+(?:\s[A-ZÅÄÖ][\wåäö]+)?$"
    r"|^(?:pb|box)\s+\d+",
    re.IGNORECASE,
)
# Appeal instructions and similar legal end matter: from such a heading to the
# next § item (or the end), everything is boilerplate.
_END_MATTER_RE = re.compile(
    r"^(?:anvisning(?:ar)?\s+(?:för|om)\s+(?:begäran\s+om\s+omprövning|hur\s+man|besvär|överklagande|rättelse)"
    r"|besvärsanvisning|överklagandeanvisning|hur\s+(?:man|du)\s+överklagar|så\s+här\s+överklagar"
    r"|information\s+om\s+hur\s+man\s+överklagar|besvärsförbud|omprövningsanvisning)",
    re.IGNORECASE,
)

_NAME_TOKEN_RE = re.compile(
    r"^(?:[A-ZÅÄÖÉÜ][\wåäöéüÅÄÖ'’.\-]*|af|von|van|de|der|den|la|le|och|\([A-ZÅÄÖa-zåäö]{1,4}\)|[A-ZÅÄÖ]\.|,|/|&"
    r"|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})[,;]?$")


def is_name_line(text: str, max_tokens: int = 12) -> bool:
    """Names only ("Kerstin af Jochnick Henry Ohlsson", "Tomas Kero (M)",
    "Johanna Norrbygård, 22.09.2022"): the text of a signature block."""
    tokens = text.replace(",", " , ").split()
    if not tokens or len(tokens) > max_tokens:
        return False
    words = [t for t in tokens if t not in (",", "/", "&", "och")]
    if not words or not any(t[:1].isupper() for t in words):
        return False
    return all(_NAME_TOKEN_RE.match(t) for t in tokens)


def _strip_leaders(text: str) -> str:
    return re.sub(r"[.…_·]{3,}", " ", text).strip()


def _caption(text: str) -> bool:
    m = _CAPTION_RE.match(text)
    if not m:
        return False
    rest = m.group("rest").strip()
    if not rest or _LEADER_ONLY_RE.match(rest) or rest.startswith(("...", "…", "___")):
        return True
    rest = re.split(r"\s*[.…_]{3,}\s*", rest)[0].strip() or rest
    rest = re.sub(r"\s*\bParagrafer\b.*$", "", rest, flags=re.IGNORECASE).strip()
    return not rest or is_name_line(rest) or bool(_STRONG_BOILERPLATE_RE.match(rest))


def _is_contact(text: str) -> bool:
    return bool(_CONTACT_RE.match(text))


def _mark_boilerplate(lines: list[Line]) -> None:
    n = len(lines)
    i = 0
    while i < n:
        ln = lines[i]
        # A signature line has a leader of dots like a contents line ("Ordförande ........").
        if ln.role == ROLE_TOC and (_STRONG_BOILERPLATE_RE.match(ln.text) or _caption(ln.text)):
            ln.role = ROLE_TEXT
        if ln.role != ROLE_TEXT:
            i += 1
            continue
        text = ln.text
        if _END_MATTER_RE.match(text):
            j = i
            while j < n and not (j > i and lines[j].role == ROLE_TEXT and opens_item(lines[j].text)):
                if lines[j].role in (ROLE_TEXT, ROLE_TOC):
                    lines[j].role = ROLE_BOILERPLATE
                j += 1
            i = j
            continue
        if re.match(r"^(?:anslag\s*/\s*bevis|anslagsbevis|bevis\s+om\s+anslag)\b", text, re.IGNORECASE):
            # The posting note of a cover page ("ANSLAG/BEVIS …") runs to the end of its page.
            j = i
            while j < n and lines[j].page == ln.page:
                if lines[j].role in (ROLE_TEXT, ROLE_TOC):
                    lines[j].role = ROLE_BOILERPLATE
                j += 1
            i = j
            continue
        if _DISPATCH_RE.match(text):
            # "Beslutet skickas till" and the recipients under it, one per line
            ln.role = ROLE_DISPATCH
            j = i + 1
            while j < n and lines[j].role == ROLE_TEXT and len(lines[j].text.split()) <= 6 \
                    and not lines[j].text.endswith((".", ":")) and not is_section_heading(lines[j].text) \
                    and not opens_item(lines[j].text):
                lines[j].role = ROLE_DISPATCH
                j += 1
            i = j
            continue
        m = _INLINE_DISPATCH_RE.match(text)
        if m and _recipients(text[m.end():]):
            ln.role = ROLE_DISPATCH
            i += 1
            continue
        if _STRONG_BOILERPLATE_RE.match(text) or _caption(text) or _LEADER_ONLY_RE.match(text) \
                or _ROLES_ONLY_RE.match(text):
            ln.role = ROLE_BOILERPLATE
            if _ROLES_ONLY_RE.match(text):
                # "Mikael Lindvall  Solveig Rif" above "ordförande  protokollförare"
                k = i - 1
                while k >= 0 and lines[k].role == ROLE_BLANK and not lines[k].page_marker and i - k < 3:
                    k -= 1
                if k >= 0 and lines[k].page == ln.page and lines[k].role == ROLE_TEXT and is_name_line(lines[k].text):
                    lines[k].role = ROLE_BOILERPLATE
            # Names that follow a signature caption are the signatures.
            j = i + 1
            while j < n and lines[j].page == ln.page:
                nxt = lines[j]
                if nxt.role == ROLE_BLANK:
                    j += 1
                    continue
                if nxt.role in (ROLE_TEXT, ROLE_TOC) and (is_name_line(nxt.text) or _LEADER_ONLY_RE.match(nxt.text)
                                                          or is_name_line(_strip_leaders(nxt.text))):
                    nxt.role = ROLE_BOILERPLATE
                    j += 1
                    continue
                break
            i = j
            continue
        i += 1
    _mark_contact_blocks(lines)


def _mark_contact_blocks(lines: list[Line]) -> None:
    """Two or more contact lines close together (with short lines between them,
    such as the organisation's name or a street) are an address block."""
    n = len(lines)
    i = 0
    while i < n:
        if lines[i].role != ROLE_TEXT or not _is_contact(lines[i].text):
            i += 1
            continue
        block = [i]
        j = i + 1
        gap = 0
        while j < n and lines[j].page == lines[i].page and gap <= 2:
            ln = lines[j]
            if ln.role == ROLE_BLANK:
                j += 1
                continue
            if ln.role in (ROLE_TEXT, ROLE_BOILERPLATE) and _is_contact(ln.text):
                block.append(j)
                gap = 0
            elif ln.role == ROLE_TEXT and len(ln.text.split()) <= 5 and not ln.text.endswith((".", ":")):
                block.append(j)
                gap += 1
            else:
                break
            j += 1
        while block and not _is_contact(lines[block[-1]].text):
            block.pop()
        contacts = sum(1 for k in block if _is_contact(lines[k].text))
        if contacts >= 2:
            # the organisation's name right above the address belongs to it
            k = block[0] - 1
            while k >= 0 and lines[k].role == ROLE_BLANK and not lines[k].page_marker:
                k -= 1
            if k >= 0 and lines[k].page == lines[block[0]].page and lines[k].role == ROLE_TEXT \
                    and len(lines[k].text.split()) <= 4 and not lines[k].text.endswith((".", ":")):
                block.insert(0, k)
            for k in block:
                if lines[k].role == ROLE_TEXT:
                    lines[k].role = ROLE_BOILERPLATE
            i = block[-1] + 1
        else:
            i += 1


def opens_item(text: str) -> bool:
    """The line opens a § item (not a contents line, not a reference in running text)."""
    h = parse_item_heading(text)
    return h is not None and not h.rest[:1].islower() and not DOT_LEADER_RE.search(text)


# --- contents lists ----------------------------------------------------------------------

_TOC_HEADING_RE = re.compile(
    r"^(?:innehåll|innehållsförteckning|ärenden(?:\s+som\s+(?:skall|ska)\s+behandlas)?|ärendeförteckning"
    r"|ärendelista|paragrafer|föredragningslista|dagordning|förteckning\s+över\s+ärenden|bilagor)"
    r"(?:\s+sida|\s+sid\.?)?\s*:?$",
    re.IGNORECASE,
)
_TRAILING_PAGE_RE = re.compile(r"\s(\d{1,4})$")


def _is_toc_entry(text: str, n_pages: int) -> bool:
    if DOT_LEADER_RE.search(text):
        return True
    if opens_item(text) or bare_dnr(text):
        return True
    m = _TRAILING_PAGE_RE.search(text)
    return bool(m and int(m.group(1)) <= n_pages + 2 and not text.endswith((".", ":")) and len(text) < 160)


def _mark_toc(lines: list[Line], n_pages: int) -> None:
    n = len(lines)
    for ln in lines:
        if ln.role == ROLE_TEXT and DOT_LEADER_RE.search(ln.text):
            ln.role = ROLE_TOC
    # A contents heading and the entries under it.
    i = 0
    while i < n:
        ln = lines[i]
        if ln.role in (ROLE_TEXT, ROLE_TOC) and _TOC_HEADING_RE.match(ln.text):
            entries = []
            j = i + 1
            while j < n and lines[j].page == ln.page:
                cur = lines[j]
                if cur.role in (ROLE_BLANK, ROLE_RULE):
                    j += 1
                    continue
                if cur.role == ROLE_TOC or (cur.role == ROLE_TEXT and _is_toc_entry(cur.text, n_pages)):
                    entries.append(j)
                    j += 1
                    continue
                # a wrapped entry: its last line has the leader
                nxt = next((k for k in range(j + 1, min(n, j + 3)) if lines[k].role != ROLE_BLANK), None)
                if cur.role == ROLE_TEXT and nxt is not None and lines[nxt].role == ROLE_TOC \
                        and lines[nxt].page == cur.page and not cur.text.endswith("."):
                    entries.append(j)
                    j += 1
                    continue
                break
            if entries:
                ln.role = ROLE_TOC
                for k in entries:
                    lines[k].role = ROLE_TOC
            i = j
            continue
        i += 1
    # A line between two contents lines (an entry that wraps, "- Bil. …") is one too.
    for i in range(1, n - 1):
        ln = lines[i]
        if ln.role != ROLE_TEXT or ln.text.endswith("."):
            continue
        prev = next((k for k in range(i - 1, -1, -1) if lines[k].role != ROLE_BLANK), None)
        nxt = next((k for k in range(i + 1, n) if lines[k].role != ROLE_BLANK), None)
        if prev is not None and nxt is not None and lines[prev].role == ROLE_TOC and lines[nxt].role == ROLE_TOC \
                and lines[prev].page == ln.page == lines[nxt].page and DOT_LEADER_RE.search(lines[nxt].text):
            ln.role = ROLE_TOC


def clean_toc_text(text: str) -> str:
    """"Altan ........ 10" -> "Altan … 10": a contents line with its leader
    shortened (the words and the page number stay as printed)."""
    m = re.search(r"\s*(?:[.…_·]\s?){3,}\s*(\d{1,4})?\s*$", text)
    if not m:
        return text
    head = text[:m.start()].rstrip(" .…")
    return f"{head} … {m.group(1)}" if m.group(1) else head


def classify(pages: list[PageText]) -> list[Line]:
    lines = page_lines(pages)
    for ln in lines:
        if ln.role == ROLE_TEXT and _RULE_RE.match(ln.text.replace(" ", "")):
            ln.role = ROLE_RULE
    _mark_toc(lines, len(pages))
    _mark_boilerplate(lines)
    return lines

