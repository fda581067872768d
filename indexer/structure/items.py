"""§ items of minutes and agendas: where each starts and ends, its number,
title, diary number, decision and proposal.

An item heading is recognised in the forms of indexer/vocabulary.py. What
makes a heading line an item rather than a reference is context, decided here
by rules that hold across systems:
- a cross-reference runs on in lower case ("§ 107 ska ändras"), a contents line
  has a dot leader, an earlier occurrence of the same number is a contents list;
- one document writes its items one way ("KS § 12", "39 §", "§1."): headings
  in another form ("KU § 317" in a margin) are earlier handling, not items;
- item numbers grow through a meeting: a number out of order is a reference.
An item runs to the next item or to end matter (appeal instructions), and its
page range covers attachment pages that carry no text of their own.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..models import MinutesItem
from ..vocabulary import (DOT_LEADER_RE, ItemHeading, bare_dnr, find_dnr, is_decision_heading,
                          is_proposal_heading, is_section_heading, parse_item_heading, trailing_bare_dnr)
from .lines import (ROLE_BLANK, ROLE_BOILERPLATE, ROLE_DISPATCH, ROLE_RULE, ROLE_TEXT, ROLE_TOC, Line,
                    clean_toc_text)

__all__ = ["ItemSpan", "find_item_spans", "build_items", "ItemBlocks", "item_blocks"]

_DANGLING_RE = re.compile(r"(?:\s(?:och|eller|samt|för|av|i|om|med|till|mellan|på|inom|vid|från|över|under|mot|"
                          r"enligt|inför|efter|the|of)|[,\-–])$", re.IGNORECASE)
_HAS_LETTERS_RE = re.compile(r"[A-Za-zÅÄÖåäöÉé]{2}")


@dataclass
class ItemSpan:
    heading: ItemHeading
    line: int                 # index of the heading line
    start: int                # first line of the item (a diary-number line above the heading belongs to it)
    end: int = 0              # end of the item (exclusive)
    title: str = ""
    title_lines: list[int] = field(default_factory=list)  # heading, title and Dnr lines
    dnr: str | None = None
    guessed: bool = False     # read through an OCR misreading of "§"; kept only where the sequence expects it


def _prev_text(lines: list[Line], i: int, limit: int = 3) -> list[int]:
    out = []
    k = i - 1
    while k >= 0 and len(out) < limit and lines[k].page == lines[i].page:
        if lines[k].role in (ROLE_TEXT, ROLE_TOC):
            out.append(k)
        elif lines[k].role != ROLE_BLANK:
            break
        k -= 1
    return out


def _typical_widths(lines: list[Line]) -> dict[int, int]:
    """The length of a full line on each page (90th percentile), in one pass."""
    per_page: dict[int, list[int]] = {}
    for ln in lines:
        if ln.role == ROLE_TEXT:
            per_page.setdefault(ln.page, []).append(len(ln.text))
    out = {}
    for page, lengths in per_page.items():
        lengths.sort()
        out[page] = lengths[int(0.9 * (len(lengths) - 1))]
    return out


# OCR reads "§" as "8", "$" or "S": "189 8 Val av …", "1988 Ändring …" (198 §), "$ 12 …".
_OCR_AFTER_RE = re.compile(r"^(\d{1,4}?)\s?[8$S]\s+(?=[A-ZÅÄÖ])")
_OCR_BEFORE_RE = re.compile(r"^(?:([A-ZÅÄÖ]{2,6})\s+)?[8$S]\s?(\d{1,4})\b(?=\.?\s+[A-ZÅÄÖ]|\.?$)")


def _ocr_reading(text: str) -> str | None:
    """The heading an OCR misreading of "§" hides, to be confirmed by the item sequence."""
    m = _OCR_AFTER_RE.match(text)
    if m and m.group(1):
        return f"{m.group(1)} § {text[m.end():]}"
    m = _OCR_BEFORE_RE.match(text)
    if m:
        prefix = f"{m.group(1)} " if m.group(1) else ""
        return f"{prefix}§ {m.group(2)}{text[m.end():]}"
    return None


def _candidate(lines: list[Line], i: int, width_of, text: str | None = None) -> ItemSpan | None:
    ln = lines[i]
    text = ln.text if text is None else text
    h = parse_item_heading(text)
    if h is None or DOT_LEADER_RE.search(text):
        return None
    rest = h.rest
    dnr = None
    found = find_dnr(rest)
    if found:
        dnr = found[0]
        rest = (rest[:found[1]] + " " + rest[found[2]:]).strip(" -–,;")
    else:
        trailing = trailing_bare_dnr(rest)
        if trailing:
            dnr = trailing[0]
            rest = rest[:trailing[1]].strip(" -–,;")
    rest = rest.strip(" -–,;:")
    if rest[:1].islower():
        return None          # "§ 5 i kommunallagen", "§ 107 ska ändras": running text
    if rest and not _HAS_LETTERS_RE.search(rest) and dnr is None:
        return None          # "KU § 317 06-12-05", "§§ 131-136, 138-162": a reference or attendance note
    span = ItemSpan(heading=h, line=i, start=i, dnr=dnr, title_lines=[i], guessed=text is not ln.text)
    title_parts = [rest] if rest else []
    # Title and Dnr on the lines below the heading.
    j = i + 1
    width = width_of(ln.page)
    while j < len(lines) and len(title_parts) < 3:
        cur = lines[j]
        if cur.role == ROLE_BLANK:
            if title_parts:
                break
            j += 1
            continue
        if cur.role not in (ROLE_TEXT,) or cur.page != ln.page and title_parts:
            break
        text = cur.text
        if is_section_heading(text) or parse_item_heading(text):
            break
        if span.dnr is None:
            d = find_dnr(text)
            if d and d[1] == 0:
                span.dnr = d[0]
                span.title_lines.append(j)
                tail = text[d[2]:].strip(" -–,;:")
                if tail and not title_parts:
                    title_parts.append(tail)
                j += 1
                continue
            b = bare_dnr(text)
            if b:
                span.dnr = b
                span.title_lines.append(j)
                j += 1
                continue
        if title_parts:
            # a title that wraps: the line before is (nearly) as long as a full line,
            # or stops at a word no title ends with ("… mellan Luleå och")
            prev = title_parts[-1]
            dangling = bool(_DANGLING_RE.search(prev))
            if not dangling and (len(prev) < 0.75 * width or prev.endswith((".", ":", "?", "!"))
                                 or len(text) > width + 5):
                break
        if text.endswith(":") and not title_parts:
            break
        title_parts.append(text)
        span.title_lines.append(j)
        j += 1
    span.title = re.sub(r"\s+", " ", " ".join(title_parts)).strip()
    if span.dnr is None:
        # a diary number on its own line just below the heading block
        seen = 0
        while j < len(lines) and seen < 2 and lines[j].page == ln.page:
            if lines[j].role == ROLE_TEXT:
                seen += 1
                d = find_dnr(lines[j].text)
                b = d[0] if d and d[1] == 0 else bare_dnr(lines[j].text)
                if b:
                    span.dnr = b
                    span.title_lines.append(j)
                    break
            j += 1
    if span.dnr is None:
        for k in _prev_text(lines, i, limit=2):
            b = bare_dnr(lines[k].text)
            if b:
                span.dnr = b
                span.start = k
                span.title_lines.insert(0, k)
                break
    if not span.title and span.dnr is None:
        return None
    if DOT_LEADER_RE.search(span.title):
        return None
    return span


def _family(h: ItemHeading) -> tuple[str, str]:
    return (h.prefix or "", "N §" if h.form.endswith("N §") else "§")


def _key(number: str) -> tuple[int, str]:
    m = re.match(r"(\d+)([a-z]?)", number)
    return (int(m.group(1)), m.group(2)) if m else (0, "")


def _increasing(spans: list[ItemSpan]) -> list[ItemSpan]:
    """The longest run of spans whose numbers grow (a longest increasing
    subsequence); a range "§§ 12–14" must be followed by a number above 14."""
    n = len(spans)
    if n <= 1:
        return spans
    firsts = [_key(s.heading.number) for s in spans]
    lasts = [_key(s.heading.number.split("-")[-1]) for s in spans]
    # A range weighs less than a single item: "§§ 131-160" in an attendance
    # list must not outweigh the "§ 137" it overlaps.
    weight = [0.5 if "-" in s.heading.number else 1.0 for s in spans]
    best = list(weight)
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if lasts[j] < firsts[i] and best[j] + weight[i] > best[i]:
                best[i], prev[i] = best[j] + weight[i], j
    i = max(range(n), key=lambda k: (best[k], k))
    out = []
    while i >= 0:
        out.append(spans[i])
        i = prev[i]
    return out[::-1]


def _fill_guesses(spans: list[ItemSpan], guesses: list[ItemSpan]) -> list[ItemSpan]:
    """Headings read through an OCR misreading, kept where the numbers of the
    certain headings around them leave exactly their number free."""
    if not guesses:
        return spans
    taken = {s.heading.number for s in spans}
    out = list(spans)
    for g in guesses:
        if g.heading.number in taken:
            continue
        before = [s for s in out if s.line < g.line]
        after = [s for s in out if s.line > g.line]
        lo = _key(before[-1].heading.number) if before else None
        hi = _key(after[0].heading.number) if after else None
        k = _key(g.heading.number)
        between = (lo is None or k > lo) and (hi is None or k < hi)
        next_to = (lo is not None and k[0] - lo[0] <= 1) or (hi is not None and hi[0] - k[0] <= 1)
        if between and next_to:
            out.append(g)
            out.sort(key=lambda s: s.line)
            taken.add(g.heading.number)
    return out


def find_item_spans(lines: list[Line]) -> list[ItemSpan]:
    """The § items of a document, in order, with their line ranges. Marks the
    lines of earlier occurrences (contents lists) as contents entries."""
    widths = _typical_widths(lines)

    def width_of(page: int) -> int:
        return widths.get(page, 80)

    cands: list[ItemSpan] = []
    guesses: list[ItemSpan] = []
    for i, ln in enumerate(lines):
        if ln.role not in (ROLE_TEXT, ROLE_TOC) or not ln.text[:1] in "§$0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ":
            continue
        span = _candidate(lines, i, width_of)
        if span is not None:
            cands.append(span)
        elif ln.ocr:
            reading = _ocr_reading(ln.text)
            span = _candidate(lines, i, width_of, reading) if reading else None
            if span is not None:
                guesses.append(span)
    if not cands:
        return []
    # The last occurrence of a number is the item; earlier ones are a contents list.
    last = {s.heading.number: k for k, s in enumerate(cands)}
    superseded = [s for k, s in enumerate(cands) if last[s.heading.number] != k]
    cands = [s for k, s in enumerate(cands) if last[s.heading.number] == k]
    # One document, one way of writing its items.
    counts: dict[tuple[str, str], int] = {}
    for s in cands:
        counts[_family(s.heading)] = counts.get(_family(s.heading), 0) + 1
    family = max(counts, key=lambda f: (counts[f], -min(k for k, s in enumerate(cands) if _family(s.heading) == f)))
    cands = [s for s in cands if _family(s.heading) == family]
    spans = _fill_guesses(_increasing(cands), [g for g in guesses if _family(g.heading) == family])
    for s in superseded:
        if _family(s.heading) == family:
            for k in s.title_lines:
                if lines[k].role == ROLE_TEXT:
                    lines[k].role = ROLE_TOC
    # The heading of an item is text even where it follows a contents list on the
    # same page (or where the agenda list is all an agenda has).
    for s in spans:
        for k in s.title_lines:
            if lines[k].role == ROLE_TOC and not DOT_LEADER_RE.search(lines[k].text):
                lines[k].role = ROLE_TEXT
    # An item runs to the next one; end matter after it (appeal instructions, a
    # back cover) is boilerplate, which neither passages nor page ranges count.
    for k, s in enumerate(spans):
        s.end = spans[k + 1].start if k + 1 < len(spans) else len(lines)
    return spans


# --- the parts of an item ------------------------------------------------------------

@dataclass
class ItemBlocks:
    decisions: list[tuple[str, str]]   # (owner word of the heading, text) in order
    proposals: list[str]
    decision_lines: set[int]           # lines under an own decision heading


_DECISION_VERB_RE = re.compile(
    r"\b(?:beslutade|beslöt|beslutar|beslutat|godkändes|godkännes|fastställdes|antogs|bifölls|avslogs"
    r"|utsågs|valdes|beviljades|antecknades|återremitterades|bordlades)\b", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]?")
_INLINE_HEAD_RE = re.compile(r"^(?P<head>[^:]{3,80}?)\s*:\s*(?P<text>\S.*)$")
_BODY_SUFFIX_RE = re.compile(r"(?:nämnd|styrelse|fullmäktige|utskott|direktion|råd|beredning|kommitté|presidium)",
                             re.IGNORECASE)


def _owner(heading: str) -> str:
    words = heading.strip().rstrip(":").split()
    low = [w.lower() for w in words]
    if "beslut" in low:
        return " ".join(words[:low.index("beslut")]).lower()
    return ""


def _own(owner: str, body: str | None) -> bool:
    """Whether a decision heading ("Stadsstyrelsens beslut") is the meeting's own."""
    if not owner or not body:
        return True
    base = owner[:-1] if owner.endswith("s") else owner
    body = body.lower()
    if base == body or base in body or body.startswith(base) or owner in ("nämndens", "utskottets",
                                                                           "arbetsutskottets", "styrelsens"):
        return True
    if difflib.SequenceMatcher(None, base, body).ratio() >= 0.6:
        return True   # a garbled text layer: "Välfärdsnärndens" is the välfärdsnämnd
    if not _BODY_SUFFIX_RE.search(base):
        return True   # not a body's name at all
    from ..analysis.compounds import is_known_word, split_compound
    known = is_known_word(base) or len(split_compound(base)) > 1
    return not known  # a readable name of another body: quoted earlier handling


def _split_inline(text: str):
    """("Beslut", "Godkänna rapporten.") for "Beslut: Godkänna rapporten."."""
    m = _INLINE_HEAD_RE.match(text)
    if m and (is_decision_heading(m.group("head")) or is_proposal_heading(m.group("head"))):
        tail = m.group("text").strip()
        if len(tail) > 2:
            return m.group("head"), tail
    return None


def item_blocks(lines: list[Line], span: ItemSpan, body: str | None) -> ItemBlocks:
    decisions: list[tuple[str, str]] = []
    proposals: list[str] = []
    decision_lines: set[int] = set()
    kind = None          # "decision" | "proposal" | None
    owner = ""
    own = True
    paras: list[str] = []
    cur: list[str] = []
    cur_lines: list[int] = []

    def close():
        nonlocal kind, paras, cur, cur_lines
        if cur:
            paras.append(" ".join(cur))
        text = "\n\n".join(re.sub(r"\s+", " ", p).strip() for p in paras).strip()
        if kind == "decision" and text:
            decisions.append((owner if own else "\0" + owner, text))
            if own:
                decision_lines.update(cur_lines)
        elif kind == "proposal" and text:
            proposals.append(text)
        kind, paras, cur, cur_lines = None, [], [], []

    skip = set(span.title_lines)
    for i in range(span.start, span.end):
        if i in skip:
            continue
        ln = lines[i]
        if ln.role == ROLE_BLANK:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        if ln.role in (ROLE_RULE, ROLE_BOILERPLATE, ROLE_DISPATCH, ROLE_TOC):
            close()
            continue
        text = ln.text
        inline = _split_inline(text)
        head = inline[0] if inline else text
        if is_decision_heading(head):
            close()
            kind, owner = "decision", _owner(head)
            own = _own(owner, body)
            if inline:
                cur.append(inline[1])
                cur_lines.append(i)
            else:
                cur_lines.append(i)
            continue
        if is_proposal_heading(head):
            close()
            kind = "proposal"
            if inline:
                cur.append(inline[1])
            continue
        if is_section_heading(text):
            close()
            continue
        if kind:
            cur.append(text)
            cur_lines.append(i)
    close()
    return ItemBlocks(decisions=decisions, proposals=proposals, decision_lines=decision_lines)


def _verb_decision(lines: list[Line], span: ItemSpan) -> str | None:
    """A decision written as a sentence ("Direktionen beslutade enligt protokollsbilaga A.",
    "Dagordningen för dagens sammanträde godkändes.")."""
    skip = set(span.title_lines)
    text = " ".join(lines[i].text for i in range(span.start, span.end)
                    if i not in skip and lines[i].role == ROLE_TEXT and not is_section_heading(lines[i].text))
    for m in _SENTENCE_RE.finditer(text):
        sent = m.group(0).strip()
        if _DECISION_VERB_RE.search(sent) and not re.search(r"\b(?:föreslår|förslag|föreslås|ska|skall)\b", sent,
                                                              re.IGNORECASE):
            return sent
    return None


def _page_end(lines: list[Line], span: ItemSpan) -> int:
    page = lines[span.line].page
    end = span.end
    # A few short lines at the top of the next item's page, above its heading,
    # are a running header the extractor did not recognise, not this item's text.
    if end < len(lines) and lines[end].page > page:
        k = end - 1
        top: list[Line] = []
        while k > span.line and lines[k].page == lines[end].page:
            if lines[k].role == ROLE_TEXT:
                top.append(lines[k])
            k -= 1
        if top and len(top) <= 4 and all(len(t.text) <= 60 and not t.text.endswith((".", ":")) for t in top):
            end = k + 1
    for i in range(span.line, end):
        ln = lines[i]
        if ln.role in (ROLE_TEXT, ROLE_TOC, ROLE_RULE, ROLE_DISPATCH) or ln.page_marker:
            page = max(page, ln.page)
    return page


def _toc_titles(lines: list[Line]) -> dict[str, str]:
    """Titles of the document's own contents list, by item number."""
    out: dict[str, str] = {}
    for i, ln in enumerate(lines):
        if ln.role != ROLE_TOC:
            continue
        h = parse_item_heading(ln.text)
        if h is None:
            continue
        title = clean_toc_text(h.rest)
        title = re.sub(r"\s*… \d+$", "", title)
        found = find_dnr(title)
        if found:
            title = (title[:found[1]] + title[found[2]:]).strip(" -–,;:")
        if not title:
            # the title is on the next contents line
            nxt = next((k for k in range(i + 1, min(len(lines), i + 3)) if lines[k].role == ROLE_TOC), None)
            if nxt is not None and parse_item_heading(lines[nxt].text) is None:
                title = re.sub(r"\s*… \d+$", "", clean_toc_text(lines[nxt].text))
        if title and _HAS_LETTERS_RE.search(title):
            out.setdefault(h.number, title.strip())
    return out


def _unknown_words(text: str) -> int:
    from ..analysis.compounds import is_known_word, split_compound
    words = re.findall(r"[A-Za-zÅÄÖåäöÉé]{3,}", text)
    return sum(1 for w in words
               if not (w[:1].isupper() or is_known_word(w.lower()) or len(split_compound(w.lower())) > 1))


def _better_title(heading_title: str, toc_title: str | None) -> str:
    """The heading wins, unless the text layer garbled it and the document's own
    contents list has the same entry readable."""
    if not toc_title or not heading_title or toc_title.casefold() == heading_title.casefold():
        return heading_title or (toc_title or "")
    similar = difflib.SequenceMatcher(None, heading_title.casefold(), toc_title.casefold()).ratio()
    if similar >= 0.6 and _unknown_words(toc_title) < _unknown_words(heading_title):
        return toc_title
    return heading_title


def build_items(lines: list[Line], spans: list[ItemSpan], *, agenda: bool, body: str | None) -> list[MinutesItem]:
    toc = _toc_titles(lines)
    items = []
    for s in spans:
        blocks = item_blocks(lines, s, body)
        own = [text for owner, text in blocks.decisions if not owner.startswith("\0")]
        decision = None
        if not agenda:
            decision = own[-1] if own else (_verb_decision(lines, s) if not blocks.decisions else None)
        proposal = blocks.proposals[-1] if blocks.proposals else None
        title = _better_title(s.title, toc.get(s.heading.number))
        items.append(MinutesItem(number=s.heading.number, title=title or f"§ {s.heading.number}", dnr=s.dnr,
                                 decision=decision, page_start=lines[s.line].page, page_end=_page_end(lines, s),
                                 proposal=proposal))
    return items
