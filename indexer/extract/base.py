"""What a readable format declares, and the content tests its sniff shares.

Each format module (pdf.py, docx.py, doc.py, rtf.py, html.py, text.py)
declares a :class:`Format` next to its code; :mod:`.registry` lists them and
``sniff_format`` in the package holds the auction: every format bids a score
from 0 to 100 for the content (and the file's suffix), the highest bid wins
(as each ingestor's ``match`` score in Aleph's ingest-file). This module
imports no format module, so every format module can import it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..config import FileLimits

if TYPE_CHECKING:
    from .ocr import OcrEngine

#: Bids, highest first. The content decides over the file name: a signature or
#: a container member outbids anything a suffix can add.
SIGNATURE = 100  # the format's signature at the start of the content (%PDF-, {\rtf)
CONTAINER = 90   # a container (ZIP, OLE2) holding the format's own member or stream
MARKUP = 60      # text that is recognisably this format (HTML markup)
DECLARED = 40    # the suffix names this format and the content may be it (text, or a damaged container)
FALLBACK = 10    # nothing else to go by: text without a suffix
NO = 0           # not this format

#: How much of the content the sniffs look at (a container's directory excepted).
HEAD = 8192
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Sniff = Callable[[bytes, str], int]
Extract = Callable[..., tuple]


@dataclass(frozen=True)
class Format:
    """One readable format, declared by its module as ``FORMAT``."""

    name: str                         # ExtractedDocument.format ("pdf")
    suffixes: tuple[str, ...]         # extensions that declare it (lower case, with the dot)
    label: str                        # how reports name content of this format
    sniff: Sniff                      # (content, suffix) -> bid 0..100: how sure the content is this format
    extract: Extract                  # (content, *takes) -> (pages, title, date, metadata)
    takes: tuple[str, ...] = ()       # what extract takes after the bytes: "ocr", "format", "limits"
    count_pages: Callable[[bytes], int | None] | None = None  # cheap page count, checked before reading
    refuse: Callable[[str], str | None] | None = None
    # ^ the reason to give for a file with this suffix whose content (described as by
    #   sniff_format) no format reads, when the format words it better than the general one

    def read(self, data: bytes, ocr: "OcrEngine | None", limits: FileLimits):
        extra = {"ocr": ocr, "format": self.name, "limits": limits}
        return self.extract(data, *(extra[t] for t in self.takes))


# (magic prefix, description) of binary formats we do not read; None: only if the content is binary.
BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", None),  # BMP only if binary
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


def looks_binary(head: bytes) -> bool:
    from .common import looks_like_utf16

    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_like_utf16(head):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > 0.05 * len(head)


def binary_kind(head: bytes) -> str | None:
    """What binary content is ("PNG image", "binary file", "binary data"), None for text."""
    binary = looks_binary(head)
    for magic, what in BINARY_MAGIC:
        if head.startswith(magic) and (what is not None or binary):
            return what or "binary file"
    return "binary data" if binary else None


def is_text(data: bytes) -> bool:
    """Content a text format may bid on: no container and nothing binary at its start."""
    head = data[:HEAD]
    return not head.startswith(ZIP_MAGIC) and not head.startswith(OLE2_MAGIC) and binary_kind(head) is None


def default_limits() -> FileLimits:
    """The limits of indexer/config.py from the environment, read at call time.
    The command line refuses a bad value; here it falls back to the defaults."""
    from ..config import file_limits

    try:
        return file_limits()
    except ValueError:
        return FileLimits()
