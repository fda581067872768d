"""PDF text with pdfplumber, page by page, without running headers and footers.

One pass over each page (words -> lines with positions); everything after
that works on those lines in memory: running headers and footers (repeated
in the header/footer band, page numbers, § numbers and dates allowed to
differ), two-column regions put in reading order, line spacing, paragraph
breaks, hyphen rejoining, the largest lines of page 1 as title candidates.
Then each page's text is scored against the Swedish lexicon: pages without a
text layer and pages whose text layer is garbled are read with OCR, and a
garbled page OCR cannot read better is flagged ``low_quality``.
"""
from __future__ import annotations

import io
import logging
import math
import re
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..dates import find_labelled_date
from ..models import ExtractionError, NeedsOcr, OcrError, PageText
from ..config import TEXT_QUALITY_MIN_DEFAULT, text_quality_min
from ..vocabulary import bare_dnr, find_dnr, parse_item_heading
from .base import NO, SIGNATURE, Format
from .common import (
    BandLine, clean_line, collect_running_lines, is_common_word, is_page_number_line, loose_furniture_key,
    may_be_furniture, meaningful_title, removed_text,
    running_furniture, text_quality,
)

#: Fraction of the page height searched for running headers (top) and footers (bottom).
HEADER_BAND = 0.16
FOOTER_BAND = 0.12

_CID_RE = re.compile(r"\(cid:\d+\)")
_PUA_RE = re.compile("[\ue000-\uf8ff]")
_BULLET_GLYPH_RE = re.compile("^(?:\\(cid:\\d+\\)|[\ue000-\uf8ff]|[▪■□◦●○‣⁃])$")
_HYPHEN_END_RE = re.compile(r"(?<=[^\W\d_])[-\u2010\u00ad]$")
_KEEP_HYPHEN_WORDS = {"och", "eller", "samt", "resp", "resp.", "respektive", "till", "and", "or", "som"}


if TYPE_CHECKING:
    from .ocr import OcrEngine


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    words: list[dict] = field(default_factory=list, repr=False)  # left to right


@dataclass
class _RawPage:
    number: int
    height: float
    page_top: float
    lines: list[_Line]
    failed: bool = False


def _pdfplumber():
    import pdfplumber  # imported lazily: only PDF work pays for it

    # pdfminer logs a warning for every damaged object it works around; in an
    # index build that is noise. Leave it alone if the application set a level.
    miner_log = logging.getLogger("pdfminer")
    if miner_log.level == logging.NOTSET:
        miner_log.setLevel(logging.ERROR)
    return pdfplumber


_TEXT_PAGE_CLASS = None


def _text_page_class():
    """A pdfplumber Page that turns only characters into objects, with just the
    attributes word extraction needs. pdfplumber's generic object conversion
    (colours, fonts, every graphic object) is about two thirds of its run
    time; text extraction needs none of it."""
    global _TEXT_PAGE_CLASS
    if _TEXT_PAGE_CLASS is not None:
        return _TEXT_PAGE_CLASS
    from pdfminer.layout import LTChar, LTContainer
    from pdfplumber.page import Page

    class TextOnlyPage(Page):
        def iter_layout_objects(self, layout_objects):
            mb_x0, mb_top = self.mediabox[:2]
            height = self.height
            doctop0 = self.initial_doctop
            page_number = self.page_number
            stack = [iter(layout_objects)]
            while stack:
                for obj in stack[-1]:
                    if isinstance(obj, LTChar):
                        top = (height - obj.y1) + mb_top
                        yield {
                            "object_type": "char",
                            "page_number": page_number,
                            "text": obj.get_text(),
                            "fontname": obj.fontname,
                            "size": obj.size,
                            "upright": obj.upright,
                            "x0": obj.x0 + mb_x0,
                            "x1": obj.x1 + mb_x0,
                            "y0": obj.y0,
                            "y1": obj.y1,
                            "width": obj.width,
                            "height": obj.height,
                            "top": top,
                            "bottom": (height - obj.y0) + mb_top,
                            "doctop": doctop0 + top,
                        }
                    elif isinstance(obj, LTContainer):
                        stack.append(iter(obj._objs))
                        break
                else:
                    stack.pop()

    _TEXT_PAGE_CLASS = TextOnlyPage
    return TextOnlyPage


def _iter_pages(pdf):
    """(page number, pdfplumber page) one at a time, created lazily."""
    from pdfminer.pdfpage import PDFPage

    page_cls = _text_page_class()
    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        try:
            page = page_cls(pdf, page_obj, page_number=number, initial_doctop=doctop)
        except TypeError:  # a pdfplumber whose Page takes other arguments: use its own pages
            yield from ((i, p) for i, p in enumerate(pdf.pages, start=1) if i >= number)
            return
        doctop += page.height
        yield number, page


def _make_line(group: list[dict]) -> _Line | None:
    group = sorted(group, key=lambda w: w["x0"])
    parts = [w["text"] for w in group]
    if _BULLET_GLYPH_RE.match(parts[0]) and len(parts) > 1:
        parts[0] = "•"  # a bullet from a symbol font without a Unicode mapping
    text = clean_line(_PUA_RE.sub("", _CID_RE.sub("", " ".join(parts))))
    if not text:
        return None
    heights = sorted(w["bottom"] - w["top"] for w in group)
    return _Line(
        text=text,
        x0=group[0]["x0"],
        x1=max(w["x1"] for w in group),
        top=min(w["top"] for w in group),
        bottom=max(w["bottom"] for w in group),
        size=max(1.0, heights[len(heights) // 2]),
        words=group,
    )


#: Words whose heights differ more than this are different lines even where
#: they overlap (a heading printed over a list); shorter words (superscripts,
#: footnote marks) join the line they stand on.
LINE_SIZE_RATIO = 1.8


def _words_to_lines(words: list[dict]) -> list[_Line]:
    """Group words into visual lines (vertical overlap, similar size), left to right."""
    words = sorted(words, key=lambda w: (w["top"], w["x0"]))
    groups: list[tuple[list[dict], list[float]]] = []  # words, [top, bottom, word height]
    for w in words:
        h = max(0.1, w["bottom"] - w["top"])
        for group, box in reversed(groups[-3:]):
            overlap = min(box[1], w["bottom"]) - max(box[0], w["top"])
            ratio = max(h, box[2]) / min(h, box[2])
            if overlap >= 0.5 * min(h, box[1] - box[0]) and (ratio <= LINE_SIZE_RATIO or len(w["text"]) <= 2):
                group.append(w)
                box[0], box[1] = min(box[0], w["top"]), max(box[1], w["bottom"])
                break
        else:
            groups.append(([w], [w["top"], w["bottom"], h]))
    lines = [ln for ln in (_make_line(g) for g, _box in groups) if ln is not None]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


#: A gap between words wider than this many times the line's height separates
#: the boxes of a line (the left, centre and right parts of a page header).
SEGMENT_GAP = 1.5


def _segments(line: _Line) -> list[list[dict]]:
    """The line's words in groups set apart by wide gaps."""
    out: list[list[dict]] = []
    for w in line.words:
        if out and w["x0"] - out[-1][-1]["x1"] <= SEGMENT_GAP * line.size:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _read_page(page) -> list[dict]:
    """The page's words (text, box, size), or [] when it has no usable text layer."""
    chars = page.chars
    if not chars:
        return []
    cid = sum(1 for c in chars if c.get("text", "").startswith("(cid:"))
    if cid > 0.3 * len(chars):
        return []  # glyphs without a Unicode mapping: as good as no text layer
    if any(not c.get("upright", True) for c in chars) and any(c.get("upright", True) for c in chars):
        # vertical text in the margin (signature stamps, file references)
        page = page.filter(lambda o: o.get("object_type") != "char" or o.get("upright", True))
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=3, y_tolerance=3)
    return [w for w in words if clean_line(_PUA_RE.sub("", _CID_RE.sub("", w["text"])))]


def _normal_spacing(pages: list[_RawPage]) -> float:
    """Typical baseline-to-baseline distance as a multiple of the font size."""
    ratios = []
    for p in pages:
        for a, b in zip(p.lines, p.lines[1:]):
            size = max(a.size, b.size)
            r = (b.bottom - a.bottom) / size
            if 0.8 <= r <= 3.0:
                ratios.append(r)
    if len(ratios) < 3:
        return 1.2
    return statistics.median(ratios)


#: Two lines at most this many points apart (from the page edge) are in the same place.
PLACE_TOLERANCE = 3.0


def _segment_text(words: list[dict]) -> str:
    return clean_line(_PUA_RE.sub("", _CID_RE.sub("", " ".join(w["text"] for w in words))))


def _band_line(ln: _Line, pos: float) -> tuple[BandLine, list[list[dict]]]:
    groups = [g for g in _segments(ln) if _segment_text(g)]
    if not groups:
        return BandLine(text=ln.text, segments=[ln.text], pos=pos), [ln.words]
    return (BandLine(text=ln.text, segments=[_segment_text(g) for g in groups], pos=pos,
                     xs=[g[0]["x0"] for g in groups]), groups)


@dataclass
class _Furniture:
    bodies: list[list[_Line]]   # per page, the lines left after the furniture went
    tops: list[list[str]]       # per page, what was removed at the top
    bottoms: list[list[str]]    # per page, what was removed at the bottom
    running: list[str]          # the document's distinct running lines, as first seen


def _strip_furniture(pages: list[_RawPage]) -> _Furniture:
    """Running headers and footers (see :func:`running_furniture`): lines, or
    boxes of a line, in the header or footer band that recur on many pages,
    exactly or with other numbers (page numbers, §, dates), or that recur in
    the same place on a few pages (a part of the document with a header of its own)."""
    n = len(pages)
    bands: dict[str, list] = {"top": [], "bottom": []}
    for p in pages:
        top, bottom = [], []
        for i, ln in enumerate(p.lines):
            if (ln.top - p.page_top) / p.height <= HEADER_BAND:
                top.append(i)
            if (ln.bottom - p.page_top) / p.height >= 1.0 - FOOTER_BAND:
                bottom.append(i)
        top.sort(key=lambda i: p.lines[i].top)
        bottom.sort(key=lambda i: -p.lines[i].bottom)
        bands["top"].append([(i, *_band_line(p.lines[i], p.lines[i].top - p.page_top)) for i in top])
        bands["bottom"].append([(i, *_band_line(p.lines[i], p.page_top + p.height - p.lines[i].bottom))
                                for i in bottom])
    flags = {edge: running_furniture([[bl for _i, bl, _g in band] for band in bands[edge]], n, PLACE_TOLERANCE)
             for edge in bands}

    out = _Furniture([], [], [], [])
    seen: set[str] = set()
    for k, p in enumerate(pages):
        replaced: dict[int, _Line | None] = {}
        removed: dict[str, list[str]] = {"top": [], "bottom": []}
        for edge in ("top", "bottom"):
            for (i, bl, groups), fl in zip(bands[edge][k], flags[edge][k]):
                if not any(fl) or i in replaced:
                    continue
                removed[edge].append(removed_text(bl, fl))
                kept = [w for g, f in zip(groups, fl) if not f for w in g]
                replaced[i] = _make_line(kept) if kept else None
        removed["bottom"].reverse()  # top to bottom, as on the page
        lines = [replaced.get(i, ln) for i, ln in enumerate(p.lines)]
        out.bodies.append([ln for ln in lines if ln is not None])
        out.tops.append(removed["top"])
        out.bottoms.append(removed["bottom"])
        collect_running_lines(removed["top"] + removed["bottom"], out.running, seen)
    return out


# --- columns ---------------------------------------------------------------------

#: A vertical band free of words, at least this many times the text height wide
#: over a run of lines, separates two columns.
GUTTER_MIN = 1.2


def _cut(intervals: list[tuple[float, float]], words: list[dict], min_width: float) -> list[tuple[float, float]]:
    """The parts of the free intervals that no word of a line covers, at least min_width wide."""
    out = []
    for a, b in intervals:
        pieces = [(a, b)]
        for w in words:
            nxt = []
            for lo, hi in pieces:
                if w["x1"] <= lo or w["x0"] >= hi:
                    nxt.append((lo, hi))
                    continue
                if w["x0"] - lo >= min_width:
                    nxt.append((lo, w["x0"]))
                if hi - w["x1"] >= min_width:
                    nxt.append((w["x1"], hi))
            pieces = nxt
        out.extend(pieces)
    return out


def _gaps(line: _Line, min_width: float) -> list[tuple[float, float]]:
    return [(a["x1"], b["x0"]) for a, b in zip(line.words, line.words[1:]) if b["x0"] - a["x1"] >= min_width]


def _side_text(line: _Line, cut: float, left: bool) -> str:
    return " ".join(w["text"] for w in line.words if ((w["x0"] + w["x1"]) / 2 < cut) == left)


_TWO_LETTERS_RE = re.compile(r"[^\W\d_]{2}")
_WORD_RE = re.compile(r"[^\W\d_]+")
_WORD3_RE = re.compile(r"[^\W\d_]{3}")


def _label_column(left: list[str], right: list[str], left_width: float, right_width: float) -> bool:
    """The left side is a column of labels or terms whose values or definitions
    stand to the right ("Organ  Välfärdsnämnden", "Plats och tid  Kommunhuset …",
    "IT-system  System som används …"): short entries in a column narrower than
    the values, that head blocks of values (fewer entries than value lines),
    end in a colon, are single words, or are ordinary words rather than names.
    Such a form (or a table of terms) is read line by line; a column of names
    or of prose beside another is not a form."""
    entries = [e for e in left if e]
    if not entries or left_width >= right_width:
        return False
    if sum(1 for e in entries if len(e.split()) <= 4 and len(e) <= 32) < 0.8 * len(entries):
        return False
    sparse = len(entries) <= 0.6 * sum(1 for e in right if e)
    colons = sum(1 for e in entries if e.endswith(":")) >= 0.5 * len(entries)
    single = sum(1 for e in entries if len(e.split()) == 1) >= 0.6 * len(entries)
    words = [w for e in entries for w in _WORD_RE.findall(e) if len(w) >= 3]
    lexical = bool(words) and sum(1 for w in words if is_common_word(w)) >= 0.6 * len(words)
    return sparse or colons or single or lexical


def _columns_split(block: list[_Line], gutter: tuple[float, float]) -> bool:
    """Whether the block is two text columns at this gutter."""
    cut = (gutter[0] + gutter[1]) / 2
    left = [_side_text(ln, cut, True) for ln in block]
    right = [_side_text(ln, cut, False) for ln in block]
    for side in (left, right):
        entries = [t for t in side if t]
        worded = sum(1 for t in entries if _WORD3_RE.search(t))
        if worded < 2 or worded < 0.5 * len(entries):
            return False  # a column of numbers (amounts under a heading, page numbers) belongs to its rows
    lw = [w for ln in block for w in ln.words if (w["x0"] + w["x1"]) / 2 < cut]
    rw = [w for ln in block for w in ln.words if (w["x0"] + w["x1"]) / 2 >= cut]
    left_width = max(w["x1"] for w in lw) - min(w["x0"] for w in lw)
    right_width = max(w["x1"] for w in rw) - min(w["x0"] for w in rw)
    return not _label_column(left, right, left_width, right_width)


def _column_region(lines: list[_Line], i: int, size: float
                   ) -> tuple[int, tuple[float, float] | None] | None:
    """A run of lines from ``i`` with a gutter (a band free of words): (end,
    gutter) when it reads as two columns, (end, None) when it is a form or a
    table read line by line, None when there is no such run."""
    min_width = GUTTER_MIN * size
    intervals = _gaps(lines[i], min_width)
    if not intervals:
        return None
    j = i + 1
    while j < len(lines):
        nxt = _cut(intervals, lines[j].words, min_width)
        if not nxt:
            break
        intervals = nxt
        j += 1
    if j - i < 3:
        return None
    # the region ends with the shorter column; what follows is read as before
    candidates = []
    rejected = 0
    for a, b in intervals:
        cut = (a + b) / 2
        last_left = max(k for k in range(i, j) if any((w["x0"] + w["x1"]) / 2 < cut for w in lines[k].words))
        last_right = max(k for k in range(i, j) if any((w["x0"] + w["x1"]) / 2 >= cut for w in lines[k].words))
        end = min(last_left, last_right) + 1
        if end - i < 3:
            continue
        free = _gaps(lines[i], min_width)
        for k in range(i + 1, end):  # the gutter of the shorter run is wider
            free = _cut(free, lines[k].words, min_width)
        gutter = next(((lo, hi) for lo, hi in free if lo <= cut <= hi), (a, b))
        if _columns_split(lines[i:end], gutter):
            candidates.append((gutter[1] - gutter[0], end, gutter))
        else:
            rejected = max(rejected, end)
    if candidates:
        _width, end, gutter = max(candidates)
        return end, gutter
    return (rejected, None) if rejected else None


def _layout_columns(lines: list[_Line], size: float | None = None, depth: int = 0) -> list[_Line]:
    """Lines in reading order: where a run of lines is two columns (a gutter
    free of words with text on both sides), the left column's lines come
    before the right column's, so words of two columns never share a line."""
    if len(lines) < 3:
        return lines
    if size is None:
        size = statistics.median(ln.size for ln in lines)
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        region = _column_region(lines, i, size) if depth < 3 else None
        if region is None:
            out.append(lines[i])
            i += 1
            continue
        end, gutter = region
        if gutter is None:  # a form: its lines stay whole, and no part of it is columns either
            out.extend(lines[i:end])
            i = end
            continue
        cut = (gutter[0] + gutter[1]) / 2
        words = [w for ln in lines[i:end] for w in ln.words]
        left = _words_to_lines([w for w in words if (w["x0"] + w["x1"]) / 2 < cut])
        right = _words_to_lines([w for w in words if (w["x0"] + w["x1"]) / 2 >= cut])
        out.extend(_layout_columns(left, size, depth + 1))
        out.extend(_layout_columns(right, size, depth + 1))
        i = end
    return out


# --- titles ------------------------------------------------------------------------

#: Lines at least this many times the document's body text size are headings.
TITLE_SIZE_RATIO = 1.15
#: Pages with fewer words than this are covers: the next page's headings count too.
COVER_WORDS = 40


def _title_lines(bodies: list[list[_Line]], body_size: float) -> list[str]:
    """The largest lines of page 1 (and page 2 after a cover with little text),
    largest first, at most 5; a heading wrapped over lines is one entry."""
    pages = bodies[:1]
    if len(bodies) > 1 and sum(len(ln.text.split()) for ln in bodies[0]) < COVER_WORDS:
        pages = bodies[:2]
    entries: list[tuple[float, int, str]] = []
    order = 0
    for lines in pages:
        current: list[_Line] = []
        large = [ln for ln in lines if ln.size >= TITLE_SIZE_RATIO * body_size]
        for ln in sorted(large, key=lambda x: (x.top, x.x0)) + [None]:
            if current and (ln is None or abs(ln.size - current[-1].size) > 0.5
                            or ln.top - current[-1].bottom > 0.8 * ln.size or len(current) >= 3):
                size = statistics.median(x.size for x in current)
                text = clean_line(" ".join(x.text for x in current))
                if _TWO_LETTERS_RE.search(text):
                    entries.append((size, order, text))
                    order += 1
                current = []
            if ln is not None:
                current.append(ln)
    entries.sort(key=lambda e: (-e[0], e[1]))
    out: list[str] = []
    for _size, _order, text in entries:
        if text not in out:
            out.append(text)
    return out[:5]


def _body_size(pages: list[list[_Line]]) -> float:
    """The size of most of the document's text (by characters)."""
    weights: dict[float, int] = {}
    for lines in pages:
        for ln in lines:
            key = round(ln.size * 2) / 2
            weights[key] = weights.get(key, 0) + len(ln.text)
    return max(weights, key=lambda s: weights[s]) if weights else 10.0


def _rejoin_hyphens(lines: list[str]) -> list[str]:
    """Join words hyphenated at a line end: "kompetens-" + "försörjning i" ->
    "kompetensförsörjning" + "i"; keep "el-" + "och vätgas" and "EU-" + "fonden"
    hyphens."""
    out = list(lines)
    i = 0
    while i < len(out) - 1:
        line, nxt = out[i], out[i + 1]
        m = _HYPHEN_END_RE.search(line)
        if not m or not nxt:
            i += 1
            continue
        first, _, rest = nxt.partition(" ")
        soft = line.endswith("\u00ad")
        if not soft and (not first[:1].islower() or first.lower().rstrip(",.") in _KEEP_HYPHEN_WORDS):
            i += 1
            continue
        stem = line[:-1].rsplit(" ", 1)[-1]
        if soft:
            joined = line[:-1] + first
        elif len(stem) == 1 or stem.isupper() or any(ch.isdigit() for ch in stem):
            joined = line + first           # "EU-fonden", "e-post", "2-årig"
        else:
            joined = line[:-1] + first      # "kompetens-försörjning" -> "kompetensförsörjning"
        out[i] = joined
        if rest.strip():
            out[i + 1] = rest.strip()
        else:
            del out[i + 1]
            continue  # the joined line may end in a hyphen again
        i += 1
    return out


def _render(lines: list[_Line], spacing: float) -> str:
    """Lines with a blank line where the vertical gap is clearly larger than
    normal line spacing; hyphenated words rejoined inside a paragraph."""
    paragraphs: list[list[str]] = []
    prev: _Line | None = None
    for ln in lines:
        if prev is None:
            paragraphs.append([ln.text])
        else:
            delta = ln.bottom - prev.bottom
            expected = spacing * ln.size
            if delta > expected + max(0.4 * ln.size, 0.25 * expected) or delta < -ln.size:
                paragraphs.append([ln.text])
            else:
                paragraphs[-1].append(ln.text)
        prev = ln
    texts = []
    for para in paragraphs:
        joined = _rejoin_hyphens(para)
        joined = [t.replace("\u00ad", "") for t in joined]
        texts.append("\n".join(t for t in joined if t))
    return "\n\n".join(t for t in texts if t)


_JUNK_INFO = {"unspecified", "untitled", "anonymous", "(anonymous)", "unknown", "none", "null", "-"}


def _decode_info(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        try:
            from pdfminer.utils import decode_text

            value = decode_text(value)
        except Exception:
            value = value.decode("latin-1", errors="replace")
    if isinstance(value, list):
        value = " ".join(_decode_info(v) for v in value)
    text = str(value)
    if text.startswith("/"):  # a PDF name (PSLiteral rendered)
        text = text[1:]
    text = clean_line(text)
    return "" if text.lower() in _JUNK_INFO else text


def _pdf_date(value: str) -> str:
    m = re.match(r"^(?:D:)?((?:19|20)\d{2})(\d{2})(\d{2})", value.strip())
    if not m:
        return ""
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def _is_password_error(exc: BaseException) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        name = type(exc).__name__
        if name in ("PDFPasswordIncorrect", "PDFEncryptionError") or "password" in str(exc).lower():
            return True
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


def _reason(exc: BaseException) -> str:
    while type(exc).__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    text = str(exc).strip() or type(exc).__name__
    return text[:200]


def _invalid(exc: BaseException, truncated: bool, data: bytes) -> str:
    """A plain reason for a PDF that cannot be opened: cut off (a copy or
    download that stopped: objects but no end marker) or otherwise damaged."""
    if truncated and b"endobj" in data:
        return f"not a valid PDF: file is truncated (it ends before the end-of-file marker; {_reason(exc)})"
    return f"not a valid PDF: file is damaged ({_reason(exc)})"


def extract_pdf(data: bytes, ocr: "OcrEngine | None" = None
                ) -> tuple[list[PageText], str | None, str | None, dict[str, str]]:
    """(pages, title, date, metadata) of a PDF given as bytes.

    Pages without a text layer are read with OCR (``ocr``, default: Tesseract
    as configured, without a cache); pages OCR could not read are listed in
    metadata["pages_need_ocr"] and the rest of the document is kept."""
    if b"%PDF-" not in data[:1024]:
        raise ExtractionError("not a valid PDF: no %PDF header")
    truncated = b"%%EOF" not in data[-2048:]
    pdfplumber = _pdfplumber()
    try:
        pdf = pdfplumber.open(io.BytesIO(data), raise_unicode_errors=False)
    except Exception as exc:
        if _is_password_error(exc):
            raise ExtractionError("PDF is password-protected") from None
        raise ExtractionError(_invalid(exc, truncated, data)) from None
    raw: list[_RawPage] = []
    first_error: BaseException | None = None
    try:
        info = {}
        try:
            info = {k: _decode_info(v) for k, v in (pdf.metadata or {}).items()}
        except Exception:
            pass  # unreadable document info does not lose the text
        pages_iter = _iter_pages(pdf)
        while True:
            try:
                item = next(pages_iter)
            except StopIteration:
                break
            except Exception as exc:  # a broken page tree: keep the pages read so far
                if _is_password_error(exc):
                    raise ExtractionError("PDF is password-protected") from None
                first_error = first_error or exc
                break
            idx, page = item
            try:
                x0, top, x1, bottom = page.bbox
                lines = _words_to_lines(_read_page(page))
                raw.append(_RawPage(idx, max(1.0, bottom - top), top, lines))
            except Exception as exc:  # one broken page does not lose the document
                first_error = first_error or exc
                raw.append(_RawPage(idx, 1.0, 0.0, [], failed=True))
            finally:
                try:
                    page.close()  # frees the parsed objects: one pass, bounded memory
                except Exception:
                    pass
    finally:
        try:
            pdf.close()
        except Exception:
            pass

    if not raw:
        if first_error is not None:
            raise ExtractionError(_invalid(first_error, truncated, data))
        raise ExtractionError("not a valid PDF: " + ("file is truncated" if truncated else "it has no pages"))
    if all(p.failed for p in raw):
        assert first_error is not None
        if _is_password_error(first_error):
            raise ExtractionError("PDF is password-protected")
        raise ExtractionError(_invalid(first_error, truncated, data))

    spacing = _normal_spacing(raw)
    furniture = _strip_furniture(raw)
    body_size = _body_size(furniture.bodies)
    pages: list[PageText] = []
    for p, body in zip(raw, furniture.bodies):
        text = _render(_layout_columns(body), spacing)
        pages.append(PageText(number=p.number, text=text if text.strip() else ""))

    # No text layer, or one that held only the running header stamped on a
    # scanned page ("Bilaga Stadsstyrelsen, 26.09.2022 § 191"): read the image.
    scanned = [p.number for p, page in zip(raw, pages) if not p.failed and not page.text]
    try:
        minimum = text_quality_min()
    except ValueError:  # a bad SEARCH_TEXT_QUALITY_MIN is the command line's to refuse; here the default holds
        minimum = TEXT_QUALITY_MIN_DEFAULT
    for page in pages:
        page.quality = text_quality(page.text) if page.text else None
    garbled = [page.number for page in pages
               if page.quality is not None and page.quality < minimum]
    ocr_done: list[str] = []
    need_ocr: list[str] = []
    ocr_errors: list[str] = []
    why_not = ""
    confirmed: list[int] = []
    if scanned or garbled:
        ocr_done, need_ocr, ocr_errors, why_not, confirmed = _ocr_pages(
            data, pages, scanned, garbled, ocr, furniture.running, minimum)
    # A garbled text layer that OCR read clearly better is not flagged any more,
    # nor one that OCR read word for word (rare words, not garbled ones); a
    # scanned page is flagged when even OCR reads it badly.
    trusted = set(confirmed) | {int(n) for n in ocr_done if int(n) not in scanned}
    for page in pages:
        page.low_quality = page.quality is not None and page.quality < minimum and page.number not in trusted
    empty = [str(p.number) for p in pages if not p.text]
    if len(empty) == len(pages):
        if need_ocr:
            raise NeedsOcr(f"needs OCR: no text layer (scanned PDF?); OCR not available: {why_not}")
        if ocr_errors:
            raise OcrError(f"no text layer (scanned PDF?) and OCR failed: {ocr_errors[0]}")
        raise ExtractionError("no text layer (scanned PDF?) and nothing on the pages for OCR to read")

    metadata: dict[str, str] = {
        "pages": str(len(pages)),
        "pdf_title": info.get("Title", ""),
        "pdf_author": info.get("Author", ""),
        "pdf_subject": info.get("Subject", ""),
        "header": "\n".join(furniture.tops[0]),
    }
    if furniture.bottoms[0]:
        metadata["footer"] = "\n".join(furniture.bottoms[0])
    if furniture.running:
        metadata["running_lines"] = "\n".join(furniture.running)
    title_lines = _title_lines(furniture.bodies, body_size)
    if title_lines:
        metadata["title_lines"] = "\n".join(title_lines)
    created = _pdf_date(info.get("CreationDate", ""))
    if created:
        metadata["pdf_created"] = created
    if info.get("Producer") or info.get("Creator"):
        metadata["pdf_producer"] = info.get("Producer") or info.get("Creator", "")
    if empty:
        metadata["pages_without_text"] = ",".join(empty)
    if ocr_done:
        metadata["ocr_pages"] = ",".join(ocr_done)
    if need_ocr:
        metadata["pages_need_ocr"] = ",".join(need_ocr)
    if why_not:
        # also when only garbled pages wanted OCR: the run reads them again once it is installed
        metadata["ocr_unavailable"] = why_not
    if ocr_errors:
        metadata["ocr_errors"] = "; ".join(ocr_errors)
    low = [str(p.number) for p in pages if p.low_quality]
    if low:
        metadata["low_quality_pages"] = ",".join(low)
    failed = [str(p.number) for p in raw if p.failed]
    if failed:
        metadata["pages_failed"] = ",".join(failed)
    if truncated:
        metadata["warning"] = "PDF looks truncated (no %EOF marker); text may be incomplete"

    title = meaningful_title(info.get("Title"))
    head_text = metadata["header"] + "\n" + (pages[0].text[:2000] if pages else "")
    d = find_labelled_date(head_text)
    return pages, title, d.isoformat() if d else None, metadata


#: OCR text replaces a garbled text layer only when it has at most this share
#: of the text layer's unknown words (it must clearly read better, not merely differently).
OCR_UNKNOWN_SHARE = 0.5
_OCR_EDGE_LINES = 6
_ALNUM_RUN_RE = re.compile(r"\w{2}")
_OCR_WORD_RE = re.compile(r"[^\W\d_]{3}|\d{2}")
_DIGIT_RE = re.compile(r"\d")
_DIGIT_RUN_RE = re.compile(r"\d+")
# Tesseract reads "§" as 8, $, S, 5 or &
_SECTION_SIGN_MISREAD = "[§$8S5&]"


def _ocr_text(raw_text: str) -> str:
    """Tesseract's text as paragraphs; lines of stray marks (a logo, a rule) dropped."""
    lines = [clean_line(ln) for ln in raw_text.replace("\f", "\n").split("\n")]
    paragraphs: list[list[str]] = [[]]
    for ln in lines:
        if ln and _ALNUM_RUN_RE.search(ln):
            paragraphs[-1].append(ln)
        elif not ln and paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(_rejoin_hyphens(p)) for p in paragraphs if p)


def _similar(a: str, b: str, at_least: float, digits: bool = False) -> bool:
    """Whether two lines read alike (difflib ratio at least ``at_least``),
    numbers counting as equal when ``digits``; cheap bounds first."""
    import difflib

    a, b = a.casefold(), b.casefold()
    if digits:
        a, b = _DIGIT_RUN_RE.sub("#", a), _DIGIT_RUN_RE.sub("#", b)
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return m.real_quick_ratio() >= at_least and m.quick_ratio() >= at_least and m.ratio() >= at_least



def _is_running(line: str, running: list[str], near_edge: bool) -> bool:
    """The OCR line reads like one of the document's running lines: the same
    apart from numbers, or (OCR misreads a letter or a §) much the same: a long
    line anywhere near the edge, a short one ("Välfärdshämnden 13") only at it."""
    key = loose_furniture_key(line)
    lone = near_edge and len(line.split()) == 1 and line.casefold()
    for r in running:
        words = r.casefold().split()
        if lone and words and lone in (words[0], words[-1]):
            return True  # OCR read a box of the header on a line of its own ("Protokoll", "Sida")
        other = loose_furniture_key(r)
        if key is not None and key == other:
            return True
        if min(len(line), len(r)) >= 20 and _similar(line, r, 0.8, digits=True):
            return True
        if near_edge and key and other and min(len(key), len(other)) >= 8 and _similar(key, other, 0.85):
            return True
    return False


def _cut_running(line: str, running: list[str]) -> str:
    """The line without a running line that OCR read into it together with
    something else beside it (a stamp "Bilaga Stadsstyrelsen, 26.09.2022 § 191"
    on the print header of a scanned e-mail)."""
    import difflib

    for r in running:
        if len(r) < 20 or len(line) <= len(r):
            continue
        a, b = _DIGIT_RE.sub("0", line.casefold()), _DIGIT_RE.sub("0", r.casefold())
        blocks = [bl for bl in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
                  if bl.size >= 3]
        if not blocks or sum(bl.size for bl in blocks) < 0.85 * len(b):
            continue
        start, end = blocks[0].a, blocks[-1].a + blocks[-1].size
        if end - start <= 1.2 * len(b):
            return clean_line(line[:start] + " " + line[end:])
    return line


def _drop_ocr_furniture(text: str, running: list[str]) -> str:
    """OCR reads what the text layer's running header and footer detection
    removed, printed on the page: drop lines near the page edges that are
    page numbers or read like a running line of the document, and marks at
    the very edges without a word (specks, the lines of a logo)."""
    lines = text.split("\n")
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    drop = set()
    for edge in (content, content[::-1]):
        for i in edge:
            line = lines[i].strip()
            if _OCR_WORD_RE.search(line) or not may_be_furniture(line):
                break
            drop.add(i)
    window = set(content[:2 * _OCR_EDGE_LINES]) | set(content[-_OCR_EDGE_LINES:])
    edge = set(content[:3]) | set(content[-2:])
    for i in window - drop:
        line = lines[i].strip()
        if not may_be_furniture(line):
            continue
        if is_page_number_line(line) or _is_running(line, running, i in edge):
            drop.add(i)
            continue
        rest = _cut_running(line, running)
        if rest != line:
            if _OCR_WORD_RE.search(rest):
                lines[i] = rest
            else:
                drop.add(i)
    kept = [ln for i, ln in enumerate(lines) if i not in drop]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _drop_repeated_ocr_lines(texts: dict[int, str], layers: dict[int, str]) -> dict[int, str]:
    """Lines at the edges of OCR'd pages that recur, read slightly differently,
    on other OCR'd pages, and that the page's text layer (if any) does not
    have: a logo or letterhead that is an image, which the running header
    detection of the text layer never saw ("SE NYKARLEBY", "SD NYKARLEBY").
    Item headings, diary numbers and lines the text layer has are content."""
    if len(texts) < 3:
        return texts
    need = max(2, math.ceil(0.3 * (len(texts) - 1)))
    edges: dict[int, list[tuple[int, str]]] = {}
    split = {n: t.split("\n") for n, t in texts.items()}
    for n, lines in split.items():
        content = [i for i, ln in enumerate(lines) if ln.strip()]
        picked = content[:_OCR_EDGE_LINES] + content[-_OCR_EDGE_LINES:]
        edges[n] = [(i, lines[i].strip()) for i in dict.fromkeys(picked)]
    out = {}
    for n, lines in split.items():
        layer = [ln.strip() for ln in layers.get(n, "").split("\n") if ln.strip()]
        drop = set()
        for i, line in edges[n]:
            if not may_be_furniture(line) or bare_dnr(line) or find_dnr(line):
                continue
            if any(_similar(line, own, 0.6) for own in layer):
                continue
            others = sum(1 for m, e in edges.items()
                         if m != n and any(_similar(line, other, 0.7, digits=True) for _j, other in e))
            if others >= need:
                drop.add(i)
        kept = [ln for i, ln in enumerate(lines) if i not in drop]
        out[n] = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return out


_NUMERIC_RE = re.compile(r"[\d§]")
_WORD_CHAR_RE = re.compile(r"[\w§]")
_TOKEN_RE = re.compile(r"\S+")


def _skeleton(token: str) -> str:
    return re.sub(r"[\d§]", "", token).casefold()


def _numbers_from_layer(ocr_text: str, layer_text: str) -> str:
    """The OCR text with the numbers and § signs of the text layer where the
    two line up word for word. A garbled text layer loses and swaps letters
    but keeps its digits; Tesseract reads the letters right but now and then
    a digit wrong ("19.38.2021, 382 8" for "19.8.2021, 82 §")."""
    import difflib

    lines = ocr_text.split("\n")
    ocr_tokens = [(li, m.start(), m.end(), m.group()) for li, ln in enumerate(lines)
                  for m in _TOKEN_RE.finditer(ln) if _WORD_CHAR_RE.search(m.group())]
    layer_tokens = [t for t in _TOKEN_RE.findall(layer_text) if _WORD_CHAR_RE.search(t)]

    def shape(token: str) -> str:  # a § read as 8, $ or S has the shape of a §
        return "§" if re.fullmatch(f"{_SECTION_SIGN_MISREAD}{{1,2}}", token) else _skeleton(token)

    fixes: dict[int, list[tuple[int, int, str]]] = {}
    matcher = difflib.SequenceMatcher(None, [t.casefold() for t in layer_tokens],
                                      [t[3].casefold() for t in ocr_tokens], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        # within a stretch that differs, pair the words of the same shape (digits aside)
        mine, theirs = layer_tokens[i1:i2], ocr_tokens[j1:j2]
        inner = difflib.SequenceMatcher(None, [shape(t) if _NUMERIC_RE.search(t) else t.casefold() for t in mine],
                                        [shape(t[3]) for t in theirs], autojunk=False)
        for block in inner.get_matching_blocks():
            for k in range(block.size):
                token, (li, start, end, _) = mine[block.a + k], theirs[block.b + k]
                if _NUMERIC_RE.search(token):
                    fixes.setdefault(li, []).append((start, end, token))
    for li, spans in fixes.items():
        line = lines[li]
        for start, end, token in sorted(spans, reverse=True):
            line = line[:start] + token + line[end:]
        lines[li] = line
    return "\n".join(lines)


_NUMBER_SECTION_RE = re.compile(r"(?<![\d.,/])(\d{1,4})\s*§|§\s*(\d{1,4})(?![\d.,/])")


def _keep_anchors(ocr_text: str, layer_text: str) -> str | None:
    """The OCR text with the § headings and diary numbers of the text layer
    put back: a garbled text layer loses letters, not the "189 §" and
    "NKBY/528/00.02.07/2022" that items are found by, while Tesseract reads
    "§" as 8 or $ and may misread a digit. None when a § heading of the text
    layer is nowhere in the OCR text: then OCR would lose an item."""
    lines = ocr_text.split("\n")
    for anchor in (ln.strip() for ln in layer_text.split("\n")):
        heading = parse_item_heading(anchor) if anchor else None
        if heading is not None and not heading.rest[:1].islower():
            head = anchor[:len(anchor) - len(heading.rest)].rstrip() if heading.rest else anchor
            pattern = "".join(_SECTION_SIGN_MISREAD if ch == "§" else r"\s*" if ch.isspace() else re.escape(ch)
                              for ch in head)
            head_re = re.compile(rf"^\s*{pattern}(?=\s|[.:]|$)")
            for i, ln in enumerate(lines):
                m = head_re.match(ln)
                if m:
                    lines[i] = head + ln[m.end():]
                    break
            else:
                return None
        elif anchor and bare_dnr(anchor):
            for i, ln in enumerate(lines):
                if ln.strip() and _similar(ln.strip(), anchor, 0.7):
                    lines[i] = anchor
                    break
    text = "\n".join(lines)
    # the text layer's own references ("Stadsstyrelsen 5.9.2022, 184 §") where OCR wrote "184 8"
    for m in _NUMBER_SECTION_RE.finditer(layer_text):
        if m.group(1):
            text = re.sub(rf"(?<![\d.,/]){m.group(1)}\s?{_SECTION_SIGN_MISREAD}(?=[\s.,;:)]|$)",
                          f"{m.group(1)} §", text, flags=re.MULTILINE)
        else:
            text = re.sub(rf"{_SECTION_SIGN_MISREAD}\s?{m.group(2)}(?![\d.,/])", f"§ {m.group(2)}", text)
    return text


def _confirms(ocr_text: str, layer_text: str, minimum: float) -> bool:
    """OCR reads at least ``minimum`` of the text layer's words as they are
    (in any order): the layer's unknown words are rare words ("lovpliktigt",
    a name, a web address without its å), not glyphs lost or swapped, which
    OCR reads otherwise ("tll" / "till")."""
    from collections import Counter

    mine = Counter(w.casefold() for w in _WORD_RE.findall(layer_text))
    theirs = Counter(w.casefold() for w in _WORD_RE.findall(ocr_text))
    total = sum(mine.values())
    return total > 0 and sum((mine & theirs).values()) >= minimum * total


def _ocr_pages(data: bytes, pages: list[PageText], scanned: list[int], garbled: list[int],
               ocr: "OcrEngine | None", running: list[str], minimum: float
               ) -> tuple[list[str], list[str], list[str], str, list[int]]:
    """OCR, in place, the pages without a text layer (``scanned``) and the pages
    whose text layer scored below ``minimum`` (``garbled``: its text is
    replaced only when OCR reads clearly better, see OCR_UNKNOWN_SHARE, and
    keeps its § headings, see :func:`_keep_anchors`).

    Returns (pages read by OCR, pages that need OCR because it is unavailable,
    "page N: reason" for pages OCR failed on, why OCR is unavailable, garbled
    pages whose text layer OCR confirmed: see :func:`_confirms`)."""
    from .ocr import OcrEngine, OcrFailed, OcrUnavailable

    engine = ocr or OcrEngine()
    done: list[str] = []
    need: list[str] = []
    errors: list[str] = []
    why_not = ""
    if garbled and not engine.available:
        why_not = engine.unavailable_reason   # they stay flagged, and are read again once OCR is installed
        if not engine.cache_dir:
            garbled = []
    numbers = sorted(set(scanned) | set(garbled))
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium refuses a file pdfminer could read: cannot render it
        reason = str(exc).strip()[:200] or type(exc).__name__
        return [], [], [f"pages {','.join(map(str, numbers))}: cannot render the PDF: {reason}"], "", []
    read: dict[int, str] = {}
    confirmed: list[int] = []
    try:
        for number in numbers:
            try:
                png = engine.render(pdf, number - 1)
            except Exception as exc:
                errors.append(f"page {number}: cannot render: {str(exc)[:200] or type(exc).__name__}")
                continue
            if png is None:
                continue  # a blank page: nothing to read
            try:
                text = engine.read(png)
            except OcrUnavailable as exc:
                why_not = str(exc)
                if number in scanned:
                    need.append(str(number))
                continue
            except OcrFailed as exc:
                errors.append(f"page {number}: {exc}")
                continue
            read[number] = _ocr_text(text)
    finally:
        pdf.close()
    by_number = {p.number: p for p in pages}
    read = _drop_repeated_ocr_lines(read, {n: by_number[n].text for n in read if n not in scanned})
    read = {n: _drop_ocr_furniture(text, running) for n, text in read.items()}
    for number, text in read.items():
        page = by_number[number]
        if not text.strip():
            continue
        if number not in scanned:
            if _confirms(text, page.text, minimum):
                confirmed.append(number)  # rare words, not garbled ones: OCR reads them the same
                continue
            text = _keep_anchors(text, page.text)
            if text is None:
                continue  # OCR lost a § heading: the garbled text layer keeps the item
            text = _numbers_from_layer(text, page.text)
        quality = text_quality(text)
        if number not in scanned:
            old_unknown = 1.0 - (page.quality or 0.0)
            if quality is None or 1.0 - quality > OCR_UNKNOWN_SHARE * old_unknown:
                continue  # OCR reads no clearly better than the text layer: keep the text layer
        page.text = text
        page.quality = quality
        page.ocr = True
        done.append(str(number))
    return done, need, errors, why_not, confirmed


def _page_count(data: bytes) -> int | None:
    """Pages of a PDF from its page tree, without reading any page (pdfium);
    None when pdfium cannot open it (damaged, encrypted): the extractor then
    reports what is wrong."""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
    except Exception:
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def sniff(data: bytes, suffix: str) -> int:
    """``%PDF-`` at the start, or within the first KB after a junk prefix (PDF
    readers accept one): a PDF whatever the name, and over an RTF signature."""
    return SIGNATURE if b"%PDF-" in data[:1024] else NO


def _refuse(what: str) -> str | None:
    if what in ("binary data", "binary file", "plain text"):
        return f"not a valid PDF: no %PDF header (content is {what})"
    return None


FORMAT = Format(name="pdf", suffixes=(".pdf",), label="PDF", sniff=sniff, extract=extract_pdf, takes=("ocr",),
                count_pages=_page_count, refuse=_refuse)
