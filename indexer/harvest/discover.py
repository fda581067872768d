"""The document links a source lists today: from an RSS/Atom feed (feedparser),
an HTML listing with CSS selectors (lxml + cssselect) or a sitemap (lxml).

A source that cannot be read, or whose pages yield no links (the site was
rebuilt and the selectors find nothing), raises :class:`DiscoveryError`: the
run reports the source as failed and changes nothing it harvested before. A
source read only in part (a later listing page failed, the listing has more
pages than ``max_pages``, a feed, which shows only its latest entries) is not
``complete``: what it lists is fetched, but nothing it does not list is
counted as removed.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin, urlsplit

from .client import FetchError, Page, PoliteClient
from .sources import Source

#: Sitemaps read per source (an index and its children), so a runaway index cannot stall a run.
MAX_SITEMAPS = 200
#: A gzipped sitemap may hold at most this much XML (the sitemaps.org limit is 50 MB).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


class DiscoveryError(Exception):
    """The source as a whole could not be read; the message says why (for the report)."""


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    published: str | None = None   # ISO date the source gives


@dataclass
class Discovery:
    links: list[Link]
    complete: bool = True
    problems: list[str] = field(default_factory=list)   # pages of the source that could not be read
    notes: list[str] = field(default_factory=list)


def discover(source: Source, client: PoliteClient) -> Discovery:
    readers = {"feed": _feed, "listing": _listing, "sitemap": _sitemap}
    found = readers[source.kind](source, client)
    if found.problems:
        found.complete = False
    return found


class _Links:
    """Links in the order found, each once (the first title and date win)."""

    def __init__(self) -> None:
        self.by_url: dict[str, Link] = {}

    def add(self, url: str | None, base: str, title: str | None = None, published: str | None = None) -> None:
        absolute = _absolute(url, base)
        if absolute and absolute not in self.by_url:
            self.by_url[absolute] = Link(absolute, " ".join((title or "").split()) or None, published)

    def __len__(self) -> int:
        return len(self.by_url)

    def list(self) -> list[Link]:
        return list(self.by_url.values())


def _absolute(url: str | None, base: str) -> str | None:
    """``url`` resolved against ``base``, without its fragment; None unless http(s)."""
    if not url or not url.strip():
        return None
    absolute = urldefrag(urljoin(base, url.strip())).url
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _first_page(client: PoliteClient, url: str, what: str) -> Page:
    try:
        return client.get_page(url)
    except FetchError as exc:
        raise DiscoveryError(f"{what} {url} kunde inte hämtas: {exc.reason}") from None


# -- feeds ------------------------------------------------------------------------------------

def _feed(source: Source, client: PoliteClient) -> Discovery:
    import feedparser

    page = _first_page(client, source.url, "flödet")
    parsed = feedparser.parse(page.content, response_headers={
        "content-location": page.final_url, "content-type": page.content_type or "application/xml"})
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise DiscoveryError(f"{page.final_url} är inget RSS- eller Atom-flöde: "
                                 f"{parsed.get('bozo_exception') or 'okänt format'}")
        raise DiscoveryError(f"flödet {page.final_url} har inga poster")
    links = _Links()
    for entry in parsed.entries:
        title, published = entry.get("title"), _entry_date(entry)
        links.add(entry.get("link"), page.final_url, title, published)
        for enclosure in entry.get("enclosures", []):
            links.add(enclosure.get("href"), page.final_url, title, published)
    if not links:
        raise DiscoveryError(f"flödet {page.final_url} har {len(parsed.entries)} poster men inga länkar")
    # A feed shows its latest entries only: leaving it is no sign that a document was withdrawn.
    return Discovery(links.list(), complete=False)


def _entry_date(entry) -> str | None:
    """The entry's publication date as written in the feed (its own time zone, not UTC)."""
    for key in ("published", "updated"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        try:
            return parsedate_to_datetime(raw).date().isoformat()        # RSS: RFC 822
        except (TypeError, ValueError):
            pass
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()   # Atom: RFC 3339
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(*parsed[:3]).isoformat()
    return None


# -- HTML listings ----------------------------------------------------------------------------

def _html(page: Page):
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(page.content, base_url=page.final_url)
    except (etree.ParserError, ValueError) as exc:
        raise FetchError(f"kan inte läsas som HTML: {exc}") from None


def _selected(tree, selector: str, base: str) -> list[tuple[str, str]]:
    """(href, text) of every element ``selector`` picks that has an href (or an <a href> inside)."""
    from lxml.cssselect import CSSSelector

    out = []
    for element in CSSSelector(selector, translator="html")(tree):
        href = element.get("href")
        if href is None:
            inner = element.xpath(".//a[@href]")
            if not inner:
                continue
            href = inner[0].get("href")
        text = element.text_content() or element.get("title") or ""
        url = _absolute(href, base)
        if url:
            out.append((url, text))
    return out


def _listing(source: Source, client: PoliteClient) -> Discovery:
    assert source.links is not None  # sources.py requires it of a listing
    links = _Links()
    found = Discovery(links=[])
    followed: set[str] = set()
    seen_pages: set[str] = set()
    page_url: str | None = source.url
    pages = 0
    while page_url is not None and pages < source.max_pages:
        seen_pages.add(page_url)
        if pages == 0:
            page = _first_page(client, page_url, "listsidan")
        else:
            try:
                page = client.get_page(page_url)
            except FetchError as exc:
                found.problems.append(f"listsidan {page_url}: {exc.reason}")
                break
        pages += 1
        try:
            tree = _html(page)
        except FetchError as exc:
            if pages == 1:
                raise DiscoveryError(f"listsidan {page.final_url} {exc.reason}") from None
            found.problems.append(f"listsidan {page.final_url}: {exc.reason}")
            break
        if source.follow:
            for target, _text in _selected(tree, source.follow, page.final_url):
                if target not in followed:
                    followed.add(target)
                    _collect_followed(client, target, source.links, links, found)
        else:
            for url, text in _selected(tree, source.links, page.final_url):
                links.add(url, page.final_url, text)
        following = _selected(tree, source.next, page.final_url) if source.next else []
        page_url = following[0][0] if following and following[0][0] not in seen_pages else None
    if page_url is not None:
        found.complete = False
        found.notes.append(f"listan har fler än max_pages = {source.max_pages} sidor; det som står på "
                           "senare sidor hämtas inte och räknas inte som borttaget")
    if source.follow and not followed:
        raise DiscoveryError(f"inga sidor att följa med follow = {source.follow!r} på {source.url} "
                             "(har sidans uppbyggnad ändrats?)")
    if not links:
        why = f"; {len(found.problems)} sidor kunde inte läsas, först {found.problems[0]}" if found.problems else ""
        raise DiscoveryError(f"inga dokumentlänkar med links = {source.links!r} på {source.url} "
                             f"(har sidans uppbyggnad ändrats?){why}")
    found.links = links.list()
    return found


def _collect_followed(client: PoliteClient, url: str, selector: str, links: _Links, found: Discovery) -> None:
    try:
        page = client.get_page(url)
        tree = _html(page)
    except FetchError as exc:
        found.problems.append(f"sidan {url}: {exc.reason}")
        return
    for link, text in _selected(tree, selector, page.final_url):
        links.add(link, page.final_url, text)


# -- sitemaps ---------------------------------------------------------------------------------

def _sitemap(source: Source, client: PoliteClient) -> Discovery:
    include = re.compile(source.include) if source.include else None
    links = _Links()
    found = Discovery(links=[])
    pending = [source.url]
    seen: set[str] = set()
    listed = 0
    while pending and len(seen) < MAX_SITEMAPS:
        url = pending.pop(0)
        seen.add(url)
        try:
            page = _first_page(client, url, "sitemapen") if url == source.url else client.get_page(url)
            root = _xml(page)
        except FetchError as exc:
            if url == source.url:
                raise DiscoveryError(f"sitemapen {url} {exc.reason}") from None
            found.problems.append(f"sitemapen {url}: {exc.reason}")
            continue
        kind = root.tag.rpartition("}")[2] if isinstance(root.tag, str) else ""
        if kind == "sitemapindex":
            for loc in root.iterfind("{*}sitemap/{*}loc"):
                child = _absolute(loc.text, page.final_url)
                if child and child not in seen and child not in pending:
                    pending.append(child)
        elif kind == "urlset":
            for loc in root.iterfind("{*}url/{*}loc"):
                address = _absolute(loc.text, page.final_url)
                listed += address is not None
                if address and (include is None or include.search(address)):
                    links.add(address, page.final_url)
        elif url == source.url:
            raise DiscoveryError(f"{page.final_url} är ingen sitemap (rotelementet är <{kind or root.tag}>)")
        else:
            found.problems.append(f"sitemapen {url}: ingen sitemap (rotelementet är <{kind or root.tag}>)")
    if pending:
        found.complete = False
        found.notes.append(f"sitemap-indexet har fler än {MAX_SITEMAPS} sitemaps; resten lästes inte")
    if not links:
        what = (f"ingen av {listed} adresser i sitemapen matchar include = {source.include!r}"
                if listed and include else "sitemapen har inga adresser")
        raise DiscoveryError(f"{what} ({source.url})")
    found.links = links.list()
    return found


def _xml(page: Page):
    from lxml import etree

    content = page.content
    if content[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file, not as Content-Encoding
        try:
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            content = inflater.decompress(content, MAX_SITEMAP_BYTES)
        except zlib.error as exc:
            raise FetchError(f"kan inte packas upp (gzip): {exc}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FetchError(f"är inte giltig XML: {exc}") from None
