"""What a fetched file is: its format, decided from the content first, as the
extractor does (indexer/extract: every format bids for the bytes), and checked
against what the link and the Content-Type promised; and, for an HTML page,
its canonical address.

A PDF served as application/octet-stream is a PDF (the content says so). An
HTML page served for a ``.pdf`` link is refused: it is the site's error or
login page, and saving it would index that page as the minutes.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..extract import registry, sniff_format

#: Content-Type (without parameters) -> the format it announces.
MEDIA_TYPES = {
    "application/pdf": "pdf", "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc", "application/rtf": "rtf", "text/rtf": "rtf",
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt", "text/markdown": "md",
}
#: Formats that are never served as a readable page: text in their place is an error page.
DOCUMENT_FORMATS = frozenset({"pdf", "docx", "doc", "rtf"})
TEXT_FORMATS = frozenset({"html", "txt", "md"})
HTML_SUFFIXES = frozenset(registry.by_name("html").suffixes)
#: How much of an HTML page is searched for <link rel="canonical"> (it is in <head>).
CANONICAL_HEAD_BYTES = 256 * 1024


class RefusedContent(Exception):
    """A download that is not saved; the message says why (for the report)."""


def url_suffix(url: str) -> str:
    """The extension of the URL's last path segment, lower case with the dot ("" if none)."""
    name = unquote(urlsplit(url).path).rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem and ext else ""


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def file_suffix(path: Path, url: str, content_type: str | None) -> str:
    """The extension the fetched file at ``path`` is saved with (".pdf"), from its content;
    RefusedContent when it is empty, unreadable for the indexer, or text where the link or
    the Content-Type promised a document."""
    data = path.read_bytes()
    if not data:
        raise RefusedContent("tomt svar (0 byte)")
    suffix = url_suffix(url)
    detected, what = sniff_format(data, suffix)
    if detected is None:
        raise RefusedContent(f"innehållet ({what}) är inget format som indexet läser")
    by_link = registry.for_suffix(suffix)
    promised = {f for f in (by_link.name if by_link else None, MEDIA_TYPES.get(media_type(content_type))) if f}
    expected = sorted(promised & DOCUMENT_FORMATS)
    if detected in TEXT_FORMATS and expected:
        label = registry.by_name(expected[0]).label
        served = "en HTML-sida" if detected == "html" else "text"
        raise RefusedContent(f"länken lovar {label} men svaret är {served} (troligen en felsida); sparas inte")
    spec = registry.by_name(detected)
    # A suffix the format owns is kept (".htm" stays ".htm"), else the format's first one.
    return suffix if suffix in spec.suffixes else spec.suffixes[0]


def canonical_url(path: Path, base_url: str) -> str | None:
    """The absolute http(s) address of the page's ``<link rel="canonical">``, None when it has none."""
    import lxml.html
    from lxml import etree

    with open(path, "rb") as fh:
        head = fh.read(CANONICAL_HEAD_BYTES)
    try:
        tree = lxml.html.fromstring(head)
    except (etree.ParserError, ValueError):
        return None
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            url = urljoin(base_url, href)
            return url if urlsplit(url).scheme in ("http", "https") else None
    return None
