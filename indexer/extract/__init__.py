"""Text extraction: one file -> ExtractedDocument.

The format is decided by the content first and the file name second (as in
Aleph's ingest-file): ``%PDF-`` -> PDF, a zip with ``word/document.xml`` ->
DOCX, markup starting like HTML -> HTML, other text -> by suffix (.md/.txt).
When the suffix disagrees with the content, the content wins if we can read
it (``metadata["detected_format"]``, ``metadata["warning"]``); otherwise the
file is refused with a plain reason. Every problem with a file surfaces as
:class:`~indexer.models.ExtractionError`; no library exception escapes.
"""
from __future__ import annotations

import hashlib
import os
import zipfile
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import ExtractedDocument, ExtractionError

if TYPE_CHECKING:
    from .ocr import OcrEngine

__all__ = ["SUPPORTED_SUFFIXES", "EXTRACTOR_VERSION", "extract_file", "for_file_name", "sniff_format",
           "default_max_bytes", "size_problem"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".pdf", ".html", ".htm", ".docx", ".txt", ".md"})

#: Bump whenever extracted output changes: it keys the extraction cache.
#: 2: pages without a text layer are read with OCR.
EXTRACTOR_VERSION: str = "2"

_SUFFIX_FORMAT = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx", ".txt": "txt", ".md": "md"}
_MB = 1024 * 1024

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
    (b"{\\rtf", "RTF document"),
    (b"%!PS", "PostScript document"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"OggS", "Ogg media"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office file (.doc/.xls/.ppt)"),
)
_ZIP_KINDS = (
    ("xl/", "Excel workbook (.xlsx)"),
    ("ppt/", "PowerPoint presentation (.pptx)"),
    ("content.xml", "OpenDocument file"),
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


def sniff_format(data: bytes, suffix: str) -> tuple[str | None, str]:
    """(format or None, description of the content) from the bytes, then the suffix."""
    head = data[:8192]
    if b"%PDF-" in data[:1024]:
        return "pdf", "PDF"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return ("docx", "damaged ZIP archive") if suffix == ".docx" else (None, "damaged ZIP archive")
        if "word/document.xml" in names:
            return "docx", "DOCX"
        for prefix, what in _ZIP_KINDS:
            if any(n.startswith(prefix) for n in names):
                return None, what
        return None, "ZIP archive"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptedPackage".encode("utf-16-le") in data[:200_000]:
            return None, "password-protected (encrypted) Office document"
        return None, "legacy Microsoft Office file (.doc/.xls/.ppt)"
    binary = _looks_binary(head)
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic) and (what is not None or binary):
            return None, what or "binary file"
    if binary:
        return None, "binary data"
    if _looks_html(head):
        return "html", "HTML"
    fmt = _SUFFIX_FORMAT.get(suffix)
    if fmt in ("html", "txt", "md"):
        return fmt, "HTML" if fmt == "html" else "text"
    if fmt in ("pdf", "docx"):
        return None, "plain text"  # a broken file more likely than a text file with a wrong name
    if suffix == "":
        return "txt", "plain text"
    return None, "text"


def _relative(path: Path, source_root: Path) -> str:
    try:
        return path.relative_to(source_root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(source_root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(os.path.relpath(path, source_root)).as_posix()


def _run_extractor(fmt: str, data: bytes, ocr=None):
    if fmt == "pdf":
        from .pdf import extract_pdf

        return extract_pdf(data, ocr)
    if fmt == "html":
        from .html import extract_html

        return extract_html(data)
    if fmt == "docx":
        from .docx import extract_docx

        return extract_docx(data)
    from .text import extract_text

    return extract_text(data, fmt)


def extract_file(path: Path, source_root: Path, *, max_bytes: int | None = None,
                 ocr: "OcrEngine | None" = None) -> ExtractedDocument:
    """Read one file. Raises ExtractionError with a short, plain reason.

    ``ocr`` reads PDF pages without a text layer (default: Tesseract as
    configured in the environment, without a cache)."""
    path = Path(path)
    source_root = Path(source_root)
    limit = default_max_bytes() if max_bytes is None else int(max_bytes)
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
    declared = _SUFFIX_FORMAT.get(suffix)
    fmt, what = sniff_format(data, suffix)
    if fmt is None:
        if what.startswith("password-protected"):
            raise ExtractionError("document is password-protected (encrypted Office file)")
        if declared == "pdf" and what in ("binary data", "binary file", "plain text"):
            raise ExtractionError(f"not a valid PDF: no %PDF header (content is {what})")
        if declared == "docx" and what in ("binary data", "binary file", "plain text", "damaged ZIP archive",
                                           "ZIP archive"):
            raise ExtractionError("not a valid DOCX (zip) file" if what != "ZIP archive"
                                  else "not a valid DOCX: the zip file has no word/document.xml")
        if declared and what != "text":
            raise ExtractionError(f"file has extension {suffix} but content looks like {what}; "
                                  f"unsupported file type")
        shown = suffix or "(no extension)"
        raise ExtractionError(f"unsupported file type {shown} ({what})")

    try:
        pages, title, date, metadata = _run_extractor(fmt, data, ocr)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(f"could not read {fmt.upper()}: structure too deeply nested") from None
    except MemoryError:
        raise ExtractionError(f"could not read {fmt.upper()}: out of memory") from None
    except Exception as exc:  # a library choked on a bad file
        detail = str(exc).strip()[:200] or type(exc).__name__
        raise ExtractionError(f"could not read {fmt.upper()}: {type(exc).__name__}: {detail}") from None

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


_FORMAT_LABEL = {"pdf": "PDF", "html": "HTML", "docx": "DOCX", "txt": "text", "md": "text"}
_NAME_NOTE = "extension_note"


def for_file_name(ex: ExtractedDocument, path: Path, source_root: Path) -> ExtractedDocument:
    """The extraction as read from ``path``: its relative path, and the notes that
    depend on the file's name (an extension that disagrees with the content)
    made for this name. The cache keys extractions by content, so the same
    content found under another name must not keep the other name's notes."""
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
    if declared and fmt != declared and not (declared in ("txt", "md") and fmt in ("txt", "md")):
        m["detected_format"] = fmt
        note = f"file has extension {suffix} but content looks like {_FORMAT_LABEL.get(fmt, fmt)}"
        m["warning"] = f"{note}; {m['warning']}" if m.get("warning") else note
        m[_NAME_NOTE] = note
    elif declared is None:
        m["detected_format"] = fmt
    ex.source_path = _relative(Path(path), Path(source_root))
    return ex
