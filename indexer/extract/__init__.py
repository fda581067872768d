"""Text extraction: one file -> ExtractedDocument.

The format is decided by the content first and the file name second (as in
Aleph's ingest-file): ``%PDF-`` -> PDF, a zip with ``word/document.xml`` ->
DOCX, an OLE2 compound file with a ``WordDocument`` stream -> Word 97-2003,
``{\\rtf`` -> RTF, markup starting like HTML -> HTML, other text -> by suffix
(.md/.txt). When the suffix disagrees with the content, the content wins if we
can read it (``metadata["detected_format"]``, ``metadata["warning"]``);
otherwise the file is refused with a plain reason. Every problem with a file
surfaces as :class:`~indexer.models.ExtractionError`; no library exception
escapes.

Every format is one entry of :data:`FORMATS`: its suffixes, how reports name
it, how its content is recognised and the extractor (imported on first use,
so a run without PDFs never loads pdfplumber). Supporting a new format means
adding an entry and its extractor module.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..config import FileLimits
from ..models import ExtractedDocument, ExtractionError, LimitExceeded, NeedsProgram

if TYPE_CHECKING:
    from .ocr import OcrEngine

__all__ = ["FORMATS", "Format", "SUPPORTED_SUFFIXES", "EXTRACTOR_VERSION", "LimitExceeded", "NeedsProgram",
           "extract_file", "for_file_name", "sniff_format", "default_max_bytes", "default_limits", "size_problem",
           "readable_path"]

#: Bump whenever extracted output changes: it keys the extraction cache.
#: 2: pages without a text layer are read with OCR.
#: 3: Word 97-2003 (.doc) and RTF are read; file names that are not UTF-8 are decoded.
EXTRACTOR_VERSION: str = "3"

_MB = 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _pdf_page_count(data: bytes) -> int | None:
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


@dataclass(frozen=True)
class Format:
    """One readable format."""

    name: str                         # ExtractedDocument.format ("pdf")
    suffixes: tuple[str, ...]         # extensions that declare it
    label: str                        # how reports name content of this format
    extractor: str                    # "module:function" in indexer.extract, imported on first use
    takes: tuple[str, ...] = ()       # what the extractor takes after the bytes: "ocr", "format", "limits"
    magic: tuple[bytes, ...] = ()     # the content starts with one of these …
    magic_within: int = 0             # … or has one in its first N bytes (PDFs after a junk prefix)
    zip_member: str = ""              # a zip archive holding this member
    ole_stream: str = ""              # an OLE2 compound file holding this stream
    markup: bool = False              # recognised by HTML markup at the start
    text: bool = False                # text content with this suffix is this format
    count_pages: Callable[[bytes], int | None] | None = None  # cheap page count, checked before reading

    def extract(self, data: bytes, ocr: "OcrEngine | None", limits: FileLimits):
        module, _, function = self.extractor.partition(":")
        fn = getattr(importlib.import_module(f".{module}", __name__), function)
        extra = {"ocr": ocr, "format": self.name, "limits": limits}
        return fn(data, *(extra[t] for t in self.takes))


FORMATS: tuple[Format, ...] = (
    Format("pdf", (".pdf",), "PDF", "pdf:extract_pdf", takes=("ocr",), magic=(b"%PDF-",), magic_within=1024,
           count_pages=_pdf_page_count),
    Format("docx", (".docx",), "DOCX", "docx:extract_docx", takes=("limits",), zip_member="word/document.xml"),
    Format("doc", (".doc",), "Word 97-2003 document", "doc:extract_doc", takes=("limits",),
           ole_stream="WordDocument"),
    Format("rtf", (".rtf",), "RTF", "rtf:extract_rtf", magic=(b"{\\rtf",)),
    Format("html", (".html", ".htm"), "HTML", "html:extract_html", markup=True, text=True),
    Format("txt", (".txt",), "text", "text:extract_text", takes=("format",), text=True),
    Format("md", (".md",), "text", "text:extract_text", takes=("format",), text=True),
)
_BY_NAME = {f.name: f for f in FORMATS}
_SUFFIX_FORMAT = {s: f.name for f in FORMATS for s in f.suffixes}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_SUFFIX_FORMAT)

# (magic prefix, description) of binary formats we do not read.
_BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", None),  # BMP only if binary, checked below
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"BZh", None),
    (b"\x7fELF", "executable"),
    (b"MZ", None),
    (b"%!PS", "PostScript document"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"OggS", "Ogg media"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_ZIP_KINDS = (
    ("xl/", "Excel workbook (.xlsx)"),
    ("ppt/", "PowerPoint presentation (.pptx)"),
    ("content.xml", "OpenDocument file"),
)
# OLE2 streams of the Office formats we do not read, lower case (stream names are case-insensitive).
_OLE_KINDS = (
    ("encryptedpackage", "password-protected (encrypted) Office document"),
    ("workbook", "Excel workbook (.xls)"),
    ("book", "Excel workbook (.xls)"),
    ("powerpoint document", "PowerPoint presentation (.ppt)"),
    ("visiodocument", "Visio drawing (.vsd)"),
)


def default_max_bytes() -> int:
    """SEARCH_MAX_FILE_MB (default in indexer/config.py) in bytes, read at call time.
    The command line refuses a bad value; here it falls back to the default."""
    from ..config import MAX_FILE_MB_DEFAULT, max_file_mb

    try:
        mb = max_file_mb()
    except ValueError:
        mb = MAX_FILE_MB_DEFAULT
    return int(mb * _MB)


def default_limits() -> FileLimits:
    """The limits of indexer/config.py from the environment, read at call time.
    The command line refuses a bad value; here it falls back to the defaults."""
    from ..config import file_limits

    try:
        return file_limits()
    except ValueError:
        return FileLimits()


def size_problem(size: int, limit: int) -> str | None:
    """The reason a file of `size` bytes is not read, or None. Checked from the
    file's size alone, before reading or hashing it."""
    if size == 0:
        return "empty file (0 bytes)"
    if size > limit:
        return f"file is {_fmt_size(size)}, over the {_fmt_size(limit, limit=True)} limit"
    return None


def _fmt_mb(n_bytes: float) -> str:
    mb = n_bytes / _MB
    return f"{mb:.0f}" if abs(mb - round(mb)) < 0.05 else f"{mb:.1f}"


def _fmt_size(n_bytes: float, limit: bool = False) -> str:
    """"73.2 MB" (a limit: "50 MB"); below 1 MB in KB, so a small limit is not shown as "0 MB"."""
    if n_bytes < _MB:
        return f"{n_bytes / 1024:.0f} KB"
    return f"{_fmt_mb(n_bytes)} MB" if limit else f"{n_bytes / _MB:.1f} MB"


def _looks_binary(head: bytes) -> bool:
    from .common import looks_like_utf16

    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_like_utf16(head):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > 0.05 * len(head)


def _looks_html(head: bytes) -> bool:
    from .common import looks_like_utf16

    head = head[:4096]
    enc = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be" if head.startswith(b"\xfe\xff") \
        else looks_like_utf16(head) or "latin-1"  # markup is ASCII; the rest does not matter here
    text = head.decode(enc, errors="replace").lstrip("\ufeff\ufffe \t\r\n").lower()
    if text.startswith(("<!doctype html", "<html")):
        return True
    if text.startswith("<?xml") and "<html" in text[:1024]:
        return True
    if text.startswith("<!--") or text.startswith("<head") or text.startswith("<meta"):
        return "<html" in text or "<head" in text or "<body" in text
    return "<html" in text[:1024] and ("<body" in text or "<head" in text)


def _sniff_zip(data: bytes, declared: Format | None) -> tuple[str | None, str]:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # A declared zip format reports the damage in its own words.
        return (declared.name if declared and declared.zip_member else None), "damaged ZIP archive"
    for f in FORMATS:
        if f.zip_member and f.zip_member in names:
            return f.name, f.label
    for prefix, what in _ZIP_KINDS:
        if any(n.startswith(prefix) for n in names):
            return None, what
    return None, "ZIP archive"


def _sniff_ole(data: bytes, declared: Format | None) -> tuple[str | None, str]:
    from .doc import ole_streams

    try:
        streams = {name.lower() for name in ole_streams(data)}
    except ValueError:
        return (declared.name if declared and declared.ole_stream else None), \
            "damaged legacy Microsoft Office file"
    if "encryptedpackage" in streams:
        return None, "password-protected (encrypted) Office document"
    for f in FORMATS:
        if f.ole_stream and f.ole_stream.lower() in streams:
            return f.name, f.label
    for stream, what in _OLE_KINDS:
        if stream in streams:
            return None, what
    if any(s.startswith("__substg1.0_") for s in streams):
        return None, "Outlook message (.msg)"
    return None, "OLE2 compound file (not a Word document)"


def sniff_format(data: bytes, suffix: str) -> tuple[str | None, str]:
    """(format or None, description of the content) from the bytes, then the suffix."""
    head = data[:8192]
    declared = _BY_NAME.get(_SUFFIX_FORMAT.get(suffix, ""))
    for f in FORMATS:
        if f.magic and (head.startswith(f.magic) or
                        (f.magic_within and any(m in data[:f.magic_within] for m in f.magic))):
            return f.name, f.label
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, declared)
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole(data, declared)
    binary = _looks_binary(head)
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic) and (what is not None or binary):
            return None, what or "binary file"
    if binary:
        return None, "binary data"
    for f in FORMATS:
        if f.markup and _looks_html(head):
            return f.name, f.label
    if declared is not None and declared.text:
        return declared.name, declared.label
    if declared is not None:
        return None, "plain text"  # a broken file more likely than a text file with a wrong name
    if suffix == "":
        return "txt", "plain text"
    return None, "text"


def readable_path(rel: str) -> str:
    """A relative path as text that can be stored and shown.

    A file name that is not valid UTF-8 (a Latin-1 name from an old Windows
    share) reaches Python with its bytes kept as surrogate escapes, which
    cannot be written to JSON, the index or a log in UTF-8. Each such part is
    decoded as Windows-1252, what those shares wrote (bytes 1252 leaves
    undefined as Latin-1); the real path stays with the caller for reading."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        pass
    parts = []
    for part in rel.split("/"):
        raw = os.fsencode(part)
        try:
            parts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                parts.append(raw.decode("cp1252"))
            except UnicodeDecodeError:
                parts.append("".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw))
    return "/".join(parts)


def _relative(path: Path, source_root: Path) -> str:
    try:
        return readable_path(path.relative_to(source_root).as_posix())
    except ValueError:
        pass
    try:
        return readable_path(path.resolve().relative_to(source_root.resolve()).as_posix())
    except (ValueError, OSError):
        return readable_path(Path(os.path.relpath(path, source_root)).as_posix())


def _refusal(fmt_declared: str | None, suffix: str, what: str) -> str:
    """Why content that no extractor reads is refused."""
    if what.startswith("password-protected"):
        return "document is password-protected (encrypted Office file)"
    if fmt_declared == "pdf" and what in ("binary data", "binary file", "plain text"):
        return f"not a valid PDF: no %PDF header (content is {what})"
    if fmt_declared == "docx" and what in ("binary data", "binary file", "plain text", "damaged ZIP archive",
                                           "ZIP archive"):
        return ("not a valid DOCX (zip) file" if what != "ZIP archive"
                else "not a valid DOCX: the zip file has no word/document.xml")
    if fmt_declared and what != "text":
        return f"file has extension {suffix} but content looks like {what}; unsupported file type"
    shown = suffix or "(no extension)"
    return f"unsupported file type {shown} ({what})"


def extract_file(path: Path, source_root: Path, *, max_bytes: int | None = None,
                 ocr: "OcrEngine | None" = None, limits: FileLimits | None = None) -> ExtractedDocument:
    """Read one file. Raises ExtractionError with a short, plain reason.

    ``ocr`` reads PDF pages without a text layer (default: Tesseract as
    configured in the environment, without a cache); ``limits`` are what the
    file may cost (default: indexer/config.py and the environment). The time
    limit is kept by the caller (pipeline.py runs extraction in a child
    process); here it only bounds the external programs."""
    path = Path(path)
    source_root = Path(source_root)
    limit = default_max_bytes() if max_bytes is None else int(max_bytes)
    limits = limits or default_limits()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExtractionError(f"cannot read file: {exc.strerror or exc}") from None
    problem = size_problem(size, limit)
    if problem:
        raise ExtractionError(problem)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"cannot read file: {exc.strerror or exc}") from None
    if not data:
        raise ExtractionError("empty file (0 bytes)")

    suffix = path.suffix.lower()
    fmt, what = sniff_format(data, suffix)
    if fmt is None:
        raise ExtractionError(_refusal(_SUFFIX_FORMAT.get(suffix), suffix, what))
    spec = _BY_NAME[fmt]
    if spec.count_pages is not None:
        n = spec.count_pages(data)
        if n is not None and n > limits.max_pages:
            raise LimitExceeded(f"{spec.label} has {n} pages, over the limit of {limits.max_pages} pages")

    try:
        pages, title, date, metadata = spec.extract(data, ocr, limits)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(f"could not read {fmt.upper()}: structure too deeply nested") from None
    except MemoryError:
        raise ExtractionError(f"could not read {fmt.upper()}: out of memory") from None
    except Exception as exc:  # a library choked on a bad file
        detail = str(exc).strip()[:200] or type(exc).__name__
        raise ExtractionError(f"could not read {fmt.upper()}: {type(exc).__name__}: {detail}") from None
    if len(pages) > limits.max_pages:
        # Formats whose pages are only known once read (page markers in text):
        # the text is bounded by the size limit, so reading it was not the risk.
        raise ExtractionError(f"{spec.label} has {len(pages)} pages, over the limit of {limits.max_pages} pages")

    metadata = {str(k): str(v) for k, v in metadata.items() if v is not None}
    ex = ExtractedDocument(
        source_path=_relative(path, source_root),
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        pages=pages,
        title=title,
        date=date,
        metadata=metadata,
    )
    return for_file_name(ex, path, source_root)


_NAME_NOTE = "extension_note"


def for_file_name(ex: ExtractedDocument, path: Path, source_root: Path) -> ExtractedDocument:
    """The extraction as read from ``path``: its relative path, and the notes that
    depend on the file's name (an extension that disagrees with the content, a
    name that is not UTF-8) made for this name. The cache keys extractions by
    content, so the same content found under another name must not keep the
    other name's notes."""
    m = ex.metadata
    old_note = m.pop(_NAME_NOTE, None)
    if old_note:
        warning = m.get("warning", "")
        if warning == old_note:
            m.pop("warning")
        elif warning.startswith(old_note + "; "):
            m["warning"] = warning[len(old_note) + 2:]
    m.pop("detected_format", None)
    suffix = Path(path).suffix.lower()
    declared = _SUFFIX_FORMAT.get(suffix)
    fmt = ex.format
    notes = []
    if declared and fmt != declared and not (declared in ("txt", "md") and fmt in ("txt", "md")):
        m["detected_format"] = fmt
        notes.append(f"file has extension {suffix} but content looks like {_BY_NAME[fmt].label}")
    elif declared is None:
        m["detected_format"] = fmt
    ex.source_path = _relative(Path(path), Path(source_root))
    try:
        os.fsdecode(Path(path).relative_to(source_root).as_posix()).encode("utf-8")
    except UnicodeEncodeError:
        notes.append("file name is not valid UTF-8; shown decoded as Windows-1252")
    except ValueError:
        pass
    if notes:
        note = "; ".join(notes)
        m["warning"] = f"{note}; {m['warning']}" if m.get("warning") else note
        m[_NAME_NOTE] = note
    return ex
