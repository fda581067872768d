"""Text extraction: one file -> ExtractedDocument.

The format is decided by the content first and the file name second (as in
Aleph's ingest-file): every format bids for the content (``%PDF-`` -> PDF, a
zip with ``word/document.xml`` -> DOCX, an OLE2 compound file with a
``WordDocument`` stream -> Word 97-2003, ``{\\rtf`` -> RTF, markup starting
like HTML -> HTML, other text -> by suffix (.md/.txt)) and the highest bid
wins. When the suffix disagrees with the content, the content wins if we can
read it (``metadata["detected_format"]``, ``metadata["warning"]``); otherwise
the file is refused with a plain reason. Every problem with a file surfaces as
:class:`~indexer.models.ExtractionError`; no library exception escapes.

Every format is declared by its own module as a :class:`~.base.Format`: its
suffixes, how reports name it, its sniff (the bid) and its extractor;
:mod:`.registry` lists the modules. Supporting a new format means adding a
module and its line in the registry; nothing here changes. The extractors'
libraries are imported on first use, so a run without PDFs never loads
pdfplumber.
"""
from __future__ import annotations

import hashlib
import os
import zipfile
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import FileLimits
from ..models import ExtractedDocument, ExtractionError, LimitExceeded, NeedsProgram
from . import registry
from .base import HEAD, OLE2_MAGIC, ZIP_MAGIC, Format, binary_kind, default_limits

if TYPE_CHECKING:
    from .ocr import OcrEngine

__all__ = ["FORMATS", "Format", "SUPPORTED_SUFFIXES", "EXTRACTOR_VERSION", "LimitExceeded", "NeedsProgram",
           "extract_file", "for_file_name", "sniff_format", "default_max_bytes", "default_limits", "size_problem",
           "readable_path"]

#: Bump whenever extracted output changes: it keys the extraction cache.
#: 2: pages without a text layer are read with OCR.
#: 3: Word 97-2003 (.doc) and RTF are read; file names that are not UTF-8 are decoded.
#: 4: Word and HTML headings are marked (PageText.headings) for the document page.
#: 5: soft hyphens inside words are dropped ("sekre\u00adtesskyddet" is one word).
EXTRACTOR_VERSION: str = "5"

_MB = 1024 * 1024

#: The registered formats when the package was imported (the dispatch reads :data:`registry.FORMATS`).
FORMATS: tuple[Format, ...] = registry.FORMATS
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(s for f in FORMATS for s in f.suffixes)

# Contents of ZIP archives and OLE2 files that no format reads, for the reason a file is refused.
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


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "damaged ZIP archive"
    for prefix, what in _ZIP_KINDS:
        if any(n.startswith(prefix) for n in names):
            return what
    return "ZIP archive"


def _ole_kind(data: bytes) -> str:
    from .doc import ole_streams

    try:
        streams = {name.lower() for name in ole_streams(data)}
    except ValueError:
        return "damaged legacy Microsoft Office file"
    for stream, what in _OLE_KINDS:
        if stream in streams:
            return what
    if any(s.startswith("__substg1.0_") for s in streams):
        return "Outlook message (.msg)"
    return "OLE2 compound file (not a Word document)"


def _unreadable(data: bytes, suffix: str) -> str:
    """What content that no format bid for is, for the reason it is refused."""
    head = data[:HEAD]
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if head.startswith(OLE2_MAGIC):
        return _ole_kind(data)
    what = binary_kind(head)
    if what is not None:
        return what
    if registry.for_suffix(suffix) is not None:
        return "plain text"  # a broken file more likely than a text file with a wrong name
    return "text"


def sniff_format(data: bytes, suffix: str) -> tuple[str | None, str]:
    """(format or None, description of the content): every registered format bids
    for the content (0 to 100), the highest bid wins; of equal bids the format the
    suffix declares, then the first in the registry. No bid: None and what the
    content is."""
    best: Format | None = None
    best_key: tuple[int, bool, int] = (0, False, 0)
    for i, f in enumerate(registry.FORMATS):
        score = f.sniff(data, suffix)
        if not 0 <= score <= 100:
            raise ValueError(f"format {f.name}: sniff bid {score!r}, not 0..100")
        key = (score, suffix in f.suffixes, -i)
        if score > 0 and (best is None or key > best_key):
            best, best_key = f, key
    if best is not None:
        return best.name, best.label
    return None, _unreadable(data, suffix)


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


def _refusal(declared: Format | None, suffix: str, what: str) -> str:
    """Why content that no extractor reads is refused."""
    if what.startswith("password-protected"):
        return "document is password-protected (encrypted Office file)"
    own = declared.refuse(what) if declared is not None and declared.refuse is not None else None
    if own:
        return own
    if declared and what != "text":
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
        raise ExtractionError(_refusal(registry.for_suffix(suffix), suffix, what))
    spec = registry.by_name(fmt)
    if spec.count_pages is not None:
        n = spec.count_pages(data)
        if n is not None and n > limits.max_pages:
            raise LimitExceeded(f"{spec.label} has {n} pages, over the limit of {limits.max_pages} pages")

    try:
        pages, title, date, metadata = spec.read(data, ocr, limits)
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
    declared = registry.for_suffix(suffix)
    fmt = ex.format
    detected = registry.by_name(fmt)
    label = detected.label if detected is not None else fmt
    notes = []
    if declared and fmt != declared.name and label != declared.label:  # .md read as txt is no news
        m["detected_format"] = fmt
        notes.append(f"file has extension {suffix} but content looks like {label}")
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
