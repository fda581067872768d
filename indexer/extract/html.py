"""Main text of a (municipal) web page, without navigation and page furniture."""
from __future__ import annotations

import re

from ..dates import find_labelled_dates, parse_swedish_date
from ..models import ExtractionError, PageText
from .base import DECLARED, HEAD, MARKUP, NO, Format, is_text
from .common import (
    WEB_DATE_LABELS, WebFurniture, add_credit, clean_line, credit_parts, decode_bytes, join_paragraphs,
    meaningful_title, strip_web_furniture,
)

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
              "button", "input", "select", "textarea", "nav", "aside", "dialog", "map", "video",
              "audio", "picture", "meta", "link", "head", "title")
# dropped only when they are not a wrapper around most of the page (ASP.NET
# sites put the whole page inside one <form>)
_DROP_IF_SMALL = ("form",)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog",
               "menu", "menubar", "toolbar"}
# class/id tokens that mark furniture; "nav" and "dela" must start a token
# ("avdelning" is not furniture), the others may occur anywhere in it.
_FURNITURE_ANYWHERE = ("share", "social", "cookie", "breadcrumb", "menu", "skiplink", "skip-link",
                       "consent", "gdpr", "sharing", "addthis", "related-links", "print-button",
                       "readspeaker", "listen")
_FURNITURE_PREFIX = ("nav", "dela", "sidebar", "footer", "topbar", "sitemap")
_TOKEN_SPLIT_RE = re.compile(r"[\s_]+")
_BLOCK_TAGS = {
    "address", "article", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "caption",
}
_OWN_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
                  "figcaption", "address", "caption", "summary"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SITE_WORDS_RE = re.compile(
    r"\b(kommun|stad|region|regeringen|regeringskansliet|länsstyrelsen|myndighet|\.se)\b", re.IGNORECASE)
_ORG_RE = re.compile(
    r"\b((?:[A-ZÅÄÖ][\wåäöé\-]+\s){0,2}[A-ZÅÄÖ][\wåäöé\-]+s?\s(?:kommun|[Ss]tad)|[Rr]egion\s[A-ZÅÄÖ][\wåäö]+"
    r"|Länsstyrelsen\s(?:i\s)?[A-ZÅÄÖ][\wåäö]+(?:\s(?:län|läns))?|Regeringskansliet)\b"
)
_TITLE_SPLIT_RE = re.compile(r"\s+[-|–—:·•]\s+")


def _bs4():
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    return BeautifulSoup, (Comment, Declaration, Doctype, ProcessingInstruction), NavigableString, Tag


def decode_html(data: bytes) -> tuple[str, str]:
    head = data[:4096]
    declared = None
    m = _META_CHARSET_RE.search(head) or _XML_DECL_RE.search(head)
    if m:
        declared = m.group(1).decode("ascii", errors="ignore")
    return decode_bytes(data, declared)


def _class_id_tokens(tag) -> list[str]:
    tokens: list[str] = []
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    for value in list(classes) + [tag.get("id") or ""]:
        tokens.extend(t for t in _TOKEN_SPLIT_RE.split(str(value).lower()) if t)
    return tokens


def _is_furniture(tag) -> bool:
    role = (tag.get("role") or "").lower()
    if role in _DROP_ROLES:
        return True
    if tag.has_attr("hidden") or (tag.get("aria-hidden") or "").lower() == "true":
        return True
    style = (tag.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    for tok in _class_id_tokens(tag):
        if any(word in tok for word in _FURNITURE_ANYWHERE):
            return True
        if tok.startswith(("main", "content")):
            continue
        for part in tok.split("-"):
            if part.startswith(_FURNITURE_PREFIX):
                return True
            # a page header is furniture; an article's own header is not
            if part.startswith(("header", "masthead")) and tag.find_parent("article") is None:
                return True
    return False


def _text_len(tag) -> int:
    return len(tag.get_text(" ", strip=True))


class _Collector:
    """Walks an element tree and collects paragraphs in document order."""

    def __init__(self, NavigableString, Tag, skip_types):
        self.NavigableString = NavigableString
        self.Tag = Tag
        self.skip_types = skip_types
        self.blocks: list[str] = []
        self.headings: list[str] = []   # blocks from h1-h6
        self.buf: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        lines = [clean_line(ln) for ln in text.split("\n")]
        lines = [ln for ln in lines if ln]
        if lines:
            if self.prefix:
                lines[0] = self.prefix + lines[0]
            self.blocks.append("\n".join(lines))
        self.prefix = ""

    def walk(self, node) -> None:
        for child in node.children:
            if isinstance(child, self.skip_types):
                continue
            if isinstance(child, self.NavigableString):
                self.buf.append(re.sub(r"\s+", " ", str(child)))
                continue
            if not isinstance(child, self.Tag):
                continue
            name = child.name.lower() if child.name else ""
            if name == "br":
                self.buf.append("\n")
            elif name == "img":
                continue
            elif name == "tr":
                self.flush()
                cells = [clean_line(c.get_text(" ", strip=True)) for c in child.find_all(["td", "th"], recursive=False)]
                cells = [c for c in cells if c]
                if cells:
                    self.blocks.append(" | ".join(cells))
            elif name in _OWN_PARAGRAPH:
                self.flush()
                if name == "li":
                    self.prefix = "• "
                before = len(self.blocks)
                self.walk(child)
                self.flush()
                if name in _HEADINGS:
                    self.headings.extend(self.blocks[before:])
            elif name in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def _choose_root(soup):
    for selector in ("main", "[role=main]", "article", "#main-content", "#maincontent", "#content",
                     ".main-content", "#main"):
        found = soup.select(selector)
        found = [f for f in found if _text_len(f) > 0]
        if found:
            if selector == "article" and len(found) > 1:
                return max(found, key=_text_len)
            return found[0]
    return soup.body or soup


def _meta(soup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            return clean_line(str(tag["content"]))
    return ""


def _site_from_title(title: str) -> tuple[str, str | None]:
    """("Luleå och Boden samverkar", "Luleå kommun") from "Luleå och Boden samverkar - Luleå kommun"."""
    parts = _TITLE_SPLIT_RE.split(title)
    if len(parts) > 1 and _SITE_WORDS_RE.search(parts[-1]):
        return " - ".join(parts[:-1]), parts[-1].strip()
    return title, None


def extract_html(data: bytes) -> tuple[list[PageText], str | None, str | None, dict[str, str]]:
    text, encoding = decode_html(data)
    BeautifulSoup, skip_types, NavigableString, Tag = _bs4()
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception:
        soup = BeautifulSoup(text, "html.parser")
    if soup is None or not soup.find(True):
        raise ExtractionError("HTML file has no elements")

    metadata: dict[str, str] = {"encoding": encoding}

    # --- what the page says about itself, before anything is dropped
    title_tag = soup.find("title")
    raw_title = clean_line(title_tag.get_text(" ")) if title_tag else ""
    page_title, title_site = _site_from_title(raw_title) if raw_title else ("", None)
    site_name = _meta(soup, "og:site_name", "application-name")
    publisher = site_name or (title_site or "")
    if not publisher:
        for area in soup.find_all(["footer", "header"]) + soup.select("[role=contentinfo], [role=banner]"):
            texts = [area.get_text(" ", strip=True)]
            texts += [img.get("alt", "") for img in area.find_all("img")]
            for t in texts:
                m = _ORG_RE.search(t or "")
                if m:
                    publisher = m.group(1)
                    break
            if publisher:
                break
    if publisher:
        metadata["publisher"] = publisher
    meta_author = _meta(soup, "author", "article:author", "dc.creator", "DC.creator")

    root = _choose_root(soup)
    h1 = root.find("h1")
    title = meaningful_title(h1.get_text(" ", strip=True)) if h1 else None
    if not title and page_title:
        title = meaningful_title(page_title)
    if not title and soup.find("h1"):
        title = meaningful_title(soup.find("h1").get_text(" ", strip=True))

    # credits anywhere in the main part (also in blocks dropped below)
    info = WebFurniture()
    for line in root.get_text("\n").split("\n"):
        for label, name in credit_parts(line) or ():
            add_credit(info, label, name)

    # dates: labelled dates in the main text win over markup
    dates_info = WebFurniture()
    root_text = root.get_text("\n")
    for label, d, _s, _e in find_labelled_dates(root_text, WEB_DATE_LABELS) or \
            find_labelled_dates(soup.get_text("\n"), WEB_DATE_LABELS):
        if label.startswith(("publicer", "skapad")):
            dates_info.published = dates_info.published or d.isoformat()
        else:
            dates_info.updated = dates_info.updated or d.isoformat()
    meta_pub = parse_swedish_date(_meta(soup, "article:published_time", "datePublished", "dcterms.created",
                                        "DC.date", "DC.Date", "date", "pubdate", "publishdate"))
    meta_mod = parse_swedish_date(_meta(soup, "article:modified_time", "dateModified", "dcterms.modified",
                                        "last-modified"))
    if not dates_info.published and meta_pub:
        dates_info.published = meta_pub.isoformat()
    if not dates_info.updated and meta_mod:
        dates_info.updated = meta_mod.isoformat()
    if not dates_info.published:
        for t in root.find_all("time") or soup.find_all("time"):
            d = parse_swedish_date(t.get("datetime") or t.get_text(" ", strip=True))
            if d:
                context = (t.parent.get_text(" ", strip=True) if t.parent else "").lower()
                if "uppdater" in context or "ändrad" in context:
                    dates_info.updated = dates_info.updated or d.isoformat()
                else:
                    dates_info.published = d.isoformat()
                    break

    # --- drop furniture inside the chosen root
    protected = set()
    node = root
    while node is not None:
        protected.add(id(node))
        node = node.parent
    if h1 is not None:
        node = h1
        while node is not None:
            protected.add(id(node))
            node = node.parent
    root_len = max(1, _text_len(root))
    for tag in list(root.find_all(True)):
        if getattr(tag, "decomposed", False) or id(tag) in protected or tag.name is None:
            continue
        name = tag.name.lower()
        drop = name in _DROP_TAGS
        if name in ("header", "footer") and tag.find_parent("article") is None:
            drop = True
        if not drop and (name in _DROP_IF_SMALL or _is_furniture(tag)):
            # never let a wrapper (<form>, class "page-with-menu") take the article along
            drop = _text_len(tag) < 0.6 * root_len
        if drop:
            tag.decompose()

    collector = _Collector(NavigableString, Tag, skip_types)
    collector.walk(root)
    collector.flush()

    paragraphs = strip_web_furniture(collector.blocks, info)
    deduped: list[str] = []
    for para in paragraphs:
        if not deduped or deduped[-1] != para:
            deduped.append(para)
    body = join_paragraphs(deduped)

    if info.credits:
        metadata["credits"] = "; ".join(info.credits)
    author = info.author or meta_author
    if author:
        metadata["author"] = author
    published = dates_info.published or info.published
    updated = dates_info.updated or info.updated
    if published:
        metadata["published"] = published
    if updated:
        metadata["updated"] = updated
    if raw_title:
        metadata["html_title"] = raw_title
    date = published or updated
    kept = set(deduped)
    headings = list(dict.fromkeys(h for h in collector.headings if h in kept))
    return [PageText(number=1, text=body, headings=headings)], title, date, metadata


def looks_html(head: bytes) -> bool:
    """Markup that starts like an HTML page (in any encoding markup is ASCII)."""
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


def sniff(data: bytes, suffix: str) -> int:
    """Text that starts like an HTML page, whatever the name (an error page saved
    as .pdf is HTML); other text named .html/.htm."""
    if not is_text(data):
        return NO
    if looks_html(data[:HEAD]):
        return MARKUP
    return DECLARED if suffix in FORMAT.suffixes else NO


FORMAT = Format(name="html", suffixes=(".html", ".htm"), label="HTML", sniff=sniff, extract=extract_html)
