"""PDF text with pdfplumber, page by page, without running headers and footers.

One pass over each page (words -> lines with positions); everything after
that (line spacing, repeated header/footer lines, paragraph breaks, hyphen
rejoining) works on those lines in memory.
"""
from __future__ import annotations

import io
import logging
import re
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..dates import find_labelled_date
from ..models import ExtractionError, NeedsOcr, OcrError, PageText
from .common import clean_line, furniture_key, may_be_furniture, meaningful_title, repetition_threshold

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


def _words_to_lines(words: list[dict]) -> list[_Line]:
    """Group words into visual lines (vertical overlap), left to right."""
    words = sorted(words, key=lambda w: (w["top"], w["x0"]))
    groups: list[list[dict]] = []
    g_top = g_bottom = 0.0
    for w in words:
        h = max(0.1, w["bottom"] - w["top"])
        if groups:
            overlap = min(g_bottom, w["bottom"]) - max(g_top, w["top"])
            ref_h = max(0.1, min(h, g_bottom - g_top))
            if overlap >= 0.5 * ref_h:
                groups[-1].append(w)
                g_top, g_bottom = min(g_top, w["top"]), max(g_bottom, w["bottom"])
                continue
        groups.append([w])
        g_top, g_bottom = w["top"], w["bottom"]
    lines = []
    for group in groups:
        group.sort(key=lambda w: w["x0"])
        parts = [w["text"] for w in group]
        if _BULLET_GLYPH_RE.match(parts[0]) and len(parts) > 1:
            parts[0] = "•"  # a bullet from a symbol font without a Unicode mapping
        text = clean_line(_PUA_RE.sub("", _CID_RE.sub("", " ".join(parts))))
        if not text:
            continue
        heights = sorted(w["bottom"] - w["top"] for w in group)
        lines.append(_Line(
            text=text,
            x0=group[0]["x0"],
            x1=max(w["x1"] for w in group),
            top=min(w["top"] for w in group),
            bottom=max(w["bottom"] for w in group),
            size=max(1.0, heights[len(heights) // 2]),
        ))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _read_page(page) -> list[_Line]:
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
    return _words_to_lines(words)


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


def _band_keys(pages: list[_RawPage]) -> tuple[set[str], set[str]]:
    """Normalised lines that recur in the header band / footer band on enough pages."""
    threshold = repetition_threshold(len(pages))
    top: dict[str, set[int]] = {}
    bottom: dict[str, set[int]] = {}
    top_pos: dict[str, list[float]] = {}
    bottom_pos: dict[str, list[float]] = {}
    for p in pages:
        for ln in p.lines:
            rel_top = (ln.top - p.page_top) / p.height
            rel_bottom = (ln.bottom - p.page_top) / p.height
            if rel_top <= HEADER_BAND:
                key = furniture_key(ln.text)
                top.setdefault(key, set()).add(p.number)
                top_pos.setdefault(key, []).append(ln.top - p.page_top)
            if rel_bottom >= 1.0 - FOOTER_BAND:
                key = furniture_key(ln.text)
                bottom.setdefault(key, set()).add(p.number)
                bottom_pos.setdefault(key, []).append(ln.top - p.page_top)

    def repeated(counts: dict[str, set[int]], positions: dict[str, list[float]]) -> set[str]:
        out = {"#page#"}
        for key, where in counts.items():
            n = len(where)
            if n >= threshold:
                out.add(key)
            elif len(pages) > 4 and n >= max(3, 0.15 * len(pages)):
                # fewer pages, but always at the same height: a section's running header
                pos = positions[key]
                med = statistics.median(pos)
                if sum(1 for y in pos if abs(y - med) <= 3) >= 0.8 * len(pos):
                    out.add(key)
        return out

    return repeated(top, top_pos), repeated(bottom, bottom_pos)


def _is_edge_furniture(ln: _Line, p: _RawPage, keys: set[str], top: bool) -> bool:
    if not may_be_furniture(ln.text):
        return False
    if top:
        if (ln.top - p.page_top) / p.height > HEADER_BAND:
            return False
    elif (ln.bottom - p.page_top) / p.height < 1.0 - FOOTER_BAND:
        return False
    return furniture_key(ln.text) in keys


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
                lines = _read_page(page)
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
    top_keys, bottom_keys = _band_keys(raw)
    pages: list[PageText] = []
    empty: list[str] = []
    header_lines: list[str] = []
    footer_lines: list[str] = []
    for p in raw:
        # running headers/footers: an unbroken run of repeated lines from the page edge
        n_lines = len(p.lines)
        first, last = 0, n_lines
        while first < n_lines and _is_edge_furniture(p.lines[first], p, top_keys, top=True):
            first += 1
        while last > first and _is_edge_furniture(p.lines[last - 1], p, bottom_keys, top=False):
            last -= 1
        if p.number == 1:
            header_lines = [ln.text for ln in p.lines[:first]]
            footer_lines = [ln.text for ln in p.lines[last:]]
        body = p.lines[first:last]
        text = _render(body, spacing)
        if not text.strip():
            empty.append(str(p.number))
            text = ""
        pages.append(PageText(number=p.number, text=text))

    scanned = [p.number for p in raw if not p.lines and not p.failed]
    ocr_done: list[str] = []
    need_ocr: list[str] = []
    ocr_errors: list[str] = []
    why_not = ""
    if scanned:
        ocr_done, need_ocr, ocr_errors, why_not = _ocr_pages(data, pages, scanned, ocr)
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
        "header": "\n".join(header_lines),
    }
    if footer_lines:
        metadata["footer"] = "\n".join(footer_lines)
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
        metadata["ocr_unavailable"] = why_not
    if ocr_errors:
        metadata["ocr_errors"] = "; ".join(ocr_errors)
    failed = [str(p.number) for p in raw if p.failed]
    if failed:
        metadata["pages_failed"] = ",".join(failed)
    if truncated:
        metadata["warning"] = "PDF looks truncated (no %EOF marker); text may be incomplete"

    title = meaningful_title(info.get("Title"))
    head_text = metadata["header"] + "\n" + (pages[0].text[:2000] if pages else "")
    d = find_labelled_date(head_text)
    return pages, title, d.isoformat() if d else None, metadata


def _ocr_pages(data: bytes, pages: list[PageText], numbers: list[int], ocr: "OcrEngine | None"
               ) -> tuple[list[str], list[str], list[str], str]:
    """OCR the pages without a text layer, in place.

    Returns (pages read by OCR, pages that need OCR because it is unavailable,
    "page N: reason" for pages OCR failed on, why OCR is unavailable)."""
    from .ocr import OcrEngine, OcrFailed, OcrUnavailable

    engine = ocr or OcrEngine()
    done: list[str] = []
    need: list[str] = []
    errors: list[str] = []
    why_not = ""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium refuses a file pdfminer could read: cannot render it
        reason = str(exc).strip()[:200] or type(exc).__name__
        return [], [], [f"pages {','.join(map(str, numbers))}: cannot render the PDF: {reason}"], ""
    try:
        by_number = {p.number: p for p in pages}
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
                need.append(str(number))
                why_not = str(exc)
                continue
            except OcrFailed as exc:
                errors.append(f"page {number}: {exc}")
                continue
            lines = [clean_line(ln) for ln in text.replace("\f", "\n").split("\n")]
            paragraphs: list[list[str]] = [[]]
            for ln in lines:
                if ln:
                    paragraphs[-1].append(ln)
                elif paragraphs[-1]:
                    paragraphs.append([])
            text = "\n\n".join("\n".join(_rejoin_hyphens(p)) for p in paragraphs if p)
            if text.strip():
                by_number[number].text = text
                by_number[number].ocr = True
                done.append(str(number))
    finally:
        pdf.close()
    return done, need, errors, why_not
