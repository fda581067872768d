"""Word (.docx) text: body paragraphs and tables in document order,
including content controls and text boxes; headers/footers kept apart."""
from __future__ import annotations

import io
import zipfile

from ..config import FileLimits
from ..dates import DEFAULT_DATE_LABELS, find_dates, find_labelled_date
from ..models import ExtractionError, LimitExceeded, PageText
from .base import CONTAINER, DECLARED, HEAD, NO, ZIP_MAGIC, Format, default_limits
from .common import clean_line, join_paragraphs, meaningful_title

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{%s}" % W_NS
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (_W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _BR, _CR, _NBH, _SOFT = (_W + t for t in ("t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"))
_TXBX = _W + "txbxContent"
_FALLBACK = "{%s}Fallback" % MC_NS
_SKIP_IN_TEXT = {_W + t for t in ("delText", "instrText", "delInstrText", "footnoteReference",
                                  "endnoteReference", "commentReference")} | {_TXBX, _FALLBACK}
_DATE_LABELS = DEFAULT_DATE_LABELS + ("beslutsdatum", "daterad", "dag för beslut", "sammanträdesdag")


def _para_text(p) -> str:
    """Visible text of a w:p: runs, tabs, breaks; not deleted text, field codes or text boxes."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_IN_TEXT:
                continue
            if tag == _T:
                out.append(child.text or "")
            elif tag == _TAB:
                out.append("\t")
            elif tag in (_BR, _CR):
                out.append("\n")
            elif tag == _NBH:
                out.append("-")
            elif tag == _SOFT:
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _text_boxes(p) -> list:
    """w:p elements inside text boxes anchored in this paragraph (not the duplicate fallback copy)."""
    found = []
    for box in p.iter(_TXBX):
        anc = box.getparent()
        in_fallback = False
        while anc is not None and anc is not p:
            if anc.tag == _FALLBACK:
                in_fallback = True
                break
            anc = anc.getparent()
        if not in_fallback:
            found.extend(box.iter(_P))
    return found


class _Walker:
    def __init__(self, document):
        self.document = document
        self.paragraphs: list[str] = []
        self.headings: list[str] = []
        self.first_heading: str | None = None
        self._style_cache: dict[str, str] = {}

    def style_name(self, p) -> str:
        ppr = p.find(_W + "pPr")
        if ppr is None:
            return ""
        ps = ppr.find(_W + "pStyle")
        if ps is None:
            return ""
        style_id = ps.get(_W + "val") or ""
        if style_id not in self._style_cache:
            name = style_id
            try:
                style = self.document.styles.element.get_by_id(style_id)
                if style is not None and style.name_val:
                    name = style.name_val
            except Exception:
                pass
            self._style_cache[style_id] = name
        return self._style_cache[style_id]

    def paragraph(self, p) -> None:
        text = _para_text(p)
        lines = [clean_line(ln) for ln in text.split("\n")]
        text = "\n".join(ln for ln in lines if ln)
        style = self.style_name(p).lower().replace(" ", "")
        ppr = p.find(_W + "pPr")
        is_list = ppr is not None and ppr.find(_W + "numPr") is not None
        is_heading = style.startswith(("heading", "rubrik")) or style in ("title", "subtitle", "underrubrik")
        if ppr is not None and ppr.find(_W + "outlineLvl") is not None:
            is_heading = True
        if text:
            if is_heading:
                if self.first_heading is None:
                    self.first_heading = text.replace("\n", " ")
                self.headings.append(text)
            if (is_list or style.startswith(("listparagraph", "liststycke", "listbullet", "listnumber")))\
                    and not is_heading:
                text = "• " + text
            self.paragraphs.append(text)
        for inner in _text_boxes(p):
            inner_text = clean_line(_para_text(inner).replace("\n", " "))
            if inner_text:
                self.paragraphs.append(inner_text)

    def cell_text(self, tc) -> str:
        parts = []
        for el in tc:
            if el.tag == _P:
                parts.append(clean_line(_para_text(el).replace("\n", " ")))
            elif el.tag == _TBL:
                for tr in el.iter(_TR):
                    parts.append(" ".join(self.cell_text(c) for c in tr.findall(_TC)))
            elif el.tag == _SDT:
                content = el.find(_SDT_CONTENT)
                if content is not None:
                    parts.append(self.cell_text(content))
        return clean_line(" ".join(p for p in parts if p))

    def table(self, tbl) -> None:
        rows = tbl.findall(_TR)
        ncols = max((len(r.findall(_TC)) for r in rows), default=0)
        if ncols <= 1:
            # a one-column layout table: its paragraphs are ordinary paragraphs
            for tr in rows:
                for tc in tr.findall(_TC):
                    self.block(tc)
            return
        for tr in rows:
            cells = []
            for tc in tr.findall(_TC) + [c for sdt in tr.findall(_SDT) for c in sdt.iter(_TC)]:
                t = self.cell_text(tc)
                if t and (not cells or cells[-1] != t):
                    cells.append(t)
            if cells:
                self.paragraphs.append(" | ".join(cells))

    def block(self, container) -> None:
        for el in container:
            tag = el.tag
            if tag == _P:
                self.paragraph(el)
            elif tag == _TBL:
                self.table(el)
            elif tag == _SDT:
                content = el.find(_SDT_CONTENT)
                if content is not None:
                    self.block(content)
            elif isinstance(tag, str) and tag.startswith(_W) and tag not in (_W + "sectPr",):
                self.block(el)  # w:customXml, w:ins and similar wrappers


def _header_text(document) -> str:
    try:
        section = document.sections[0]
    except Exception:
        return ""
    texts = []
    for hdr_name in ("first_page_header", "header"):
        try:
            hdr = getattr(section, hdr_name)
            if hdr.is_linked_to_previous:
                continue
            walker = _Walker(document)
            walker.block(hdr._element)
            texts.extend(walker.paragraphs)
        except Exception:
            continue
        if texts:
            break
    return "\n".join(t for t in texts if t)


#: A member smaller than this is not checked for its compression ratio: a small
#: part of repeated XML compresses a hundredfold and costs nothing to read.
RATIO_FLOOR = 1024 * 1024


def zip_problem(zf: zipfile.ZipFile, limits: FileLimits) -> str | None:
    """Why a zip container is not opened, from its directory alone. The sizes
    there can be trusted as upper bounds: zipfile (which python-docx reads
    through) stops a member at its recorded size and fails its CRC check."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            return (f"DOCX part {info.filename} is compressed {ratio:.0f} times ({_mb(info.compress_size)} "
                    f"inflates to {_mb(info.file_size)}), over the limit of {limits.max_zip_ratio:g} times "
                    f"(a zip bomb?)")
    if total > limits.max_unzipped_mb * 1024 * 1024:
        return f"DOCX unpacks to {_mb(total)}, over the limit of {limits.max_unzipped_mb:g} MB"
    return None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def extract_docx(data: bytes, limits: FileLimits | None = None
                 ) -> tuple[list[PageText], str | None, str | None, dict[str, str]]:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractionError("not a valid DOCX (zip) file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            problem = zip_problem(zf, limits or default_limits())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExtractionError(f"not a valid DOCX (zip) file: {exc}") from None
    if problem:
        raise LimitExceeded(problem)
    if "word/document.xml" not in names:
        raise ExtractionError("not a valid DOCX: the zip file has no word/document.xml")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except PackageNotFoundError:
            raise ExtractionError("not a valid DOCX (zip) file") from None
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError(f"not a valid DOCX: {str(exc)[:200] or type(exc).__name__}") from None

    walker = _Walker(document)
    walker.block(document.element.body)
    body = join_paragraphs(walker.paragraphs)

    metadata: dict[str, str] = {}
    props_title = None
    try:
        cp = document.core_properties
        if cp.author:
            metadata["author"] = clean_line(cp.author)
        if cp.created:
            metadata["created"] = cp.created.date().isoformat()
        if cp.modified:
            metadata["modified"] = cp.modified.date().isoformat()
        if cp.title:
            metadata["docx_title"] = clean_line(cp.title)
            props_title = meaningful_title(cp.title)
        if cp.subject:
            metadata["docx_subject"] = clean_line(cp.subject)
        if cp.last_modified_by:
            metadata["last_modified_by"] = clean_line(cp.last_modified_by)
    except Exception:
        pass  # broken core properties do not lose the text
    header = _header_text(document)
    if header:
        metadata["header"] = header
    title = props_title or (meaningful_title(walker.first_heading) if walker.first_heading else None)

    # the document's own date: a labelled date near the top, else the first date there
    top = (header + "\n" if header else "") + body[:1500]
    d = find_labelled_date(top, _DATE_LABELS)
    if d is None:
        found = find_dates(body[:600])
        d = found[0][0] if found else None
    headings = list(dict.fromkeys(h for h in walker.headings if h in walker.paragraphs))
    return [PageText(number=1, text=body, headings=headings)], title, d.isoformat() if d else None, metadata


_MEMBER = "word/document.xml"


def sniff(data: bytes, suffix: str) -> int:
    """A ZIP archive holding word/document.xml; a damaged ZIP named .docx is
    left to :func:`extract_docx`, which says what is wrong with it."""
    if not data[:HEAD].startswith(ZIP_MAGIC):
        return NO
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return DECLARED if suffix in FORMAT.suffixes else NO
    return CONTAINER if _MEMBER in names else NO


def _refuse(what: str) -> str | None:
    if what == "ZIP archive":
        return "not a valid DOCX: the zip file has no word/document.xml"
    if what in ("binary data", "binary file", "plain text", "damaged ZIP archive"):
        return "not a valid DOCX (zip) file"
    return None


FORMAT = Format(name="docx", suffixes=(".docx",), label="DOCX", sniff=sniff, extract=extract_docx,
                takes=("limits",), refuse=_refuse)
