"""Plain text (.txt) and Markdown (.md), with front matter and page markers.

Markdown converted from PDFs marks page starts with ``<!-- sida N -->``; those
become pages, and running headers/footers repeated at the page edges are
removed as in PDFs, page numbers, § numbers and dates in them allowed to
differ (page 1's go to metadata["header"], the distinct ones of the document
to metadata["running_lines"]).
"""
from __future__ import annotations

import re

from ..dates import find_labelled_date, parse_swedish_date
from ..models import PageText
from .base import DECLARED, FALLBACK, NO, Format, is_text
from .common import (
    WebFurniture, clean_line, decode_bytes, join_paragraphs, meaningful_title, strip_repeated_lines,
    strip_web_furniture,
)

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_KEY_VALUE_RE = re.compile(r"^([A-Za-z_åäöÅÄÖ][\w\-åäöÅÄÖ]*)\s*:\s*(.*?)\s*$")
_PAGE_MARK_RE = re.compile(r"^[ \t]*<!--\s*(?:sida|page|sid)\s+(\d+)\s*-->[ \t]*$", re.IGNORECASE | re.MULTILINE)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BULLET_RE = re.compile(r"^(\s*)(?:[-*+])\s+(?!\[[ xX]\]\s)")
_TASK_RE = re.compile(r"^(\s*)[-*+]\s+\[[ xX]\]\s+")
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^)(]|\([^)]*\))*\)")
_REF_LINK_RE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_BOLD_RE = re.compile(r"(\*\*|__)(?=\S)((?:(?!\n[ \t]*\n).)+?)(?<=\S)\1", re.DOTALL)
_EM_STAR_RE = re.compile(r"(?<![\w*])\*(?=[^\s*])((?:(?!\n[ \t]*\n)[^*])+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE_RE = re.compile(r"(?<![\w_])_(?=[^\s_])((?:(?!\n[ \t]*\n)[^_])+?)(?<=\S)_(?![\w_])")
_CODE_RE = re.compile(r"`([^`\n]+)`")
_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HR_RE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_BR_HYPHEN_RE = re.compile(r"(?<=[a-zåäöé])-<br\s*/?>\s*(?!(?:och|eller|samt)\b)(?=[a-zåäöé])", re.IGNORECASE)
_HTML_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG_RE = re.compile(r"</?(?:span|div|p|b|i|em|strong|u|sup|sub|small|a)(?:\s[^>]*)?>", re.IGNORECASE)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple "key: value" front matter between --- lines; (pairs, rest of text)."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if not line.strip() or line[:1].isspace() or line.lstrip().startswith("#"):
            continue  # nested values and comments are not "simple pairs"
        km = _KEY_VALUE_RE.match(line)
        if not km:
            continue
        key, value = km.group(1).lower(), km.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value.lower() in ("", "null", "~", "none", "[]", "{}"):
            continue
        meta[key] = value
    return meta, text[m.end():]


def _strip_markdown_line(line: str) -> tuple[str, bool]:
    """(line without Markdown markers, is_heading)."""
    hm = _HEADING_RE.match(line)
    is_heading = bool(hm)
    if hm:
        line = hm.group(2)
    if _TABLE_RULE_RE.match(line) or (_HR_RE.match(line) and not is_heading):
        return "", False
    line = _TASK_RE.sub(r"\1• ", line)
    line = _BULLET_RE.sub(r"\1• ", line)
    line = re.sub(r"^\s{0,3}>\s?", "", line)
    line = _IMAGE_RE.sub(r"\1", line)
    line = _LINK_RE.sub(r"\1", line)
    line = _REF_LINK_RE.sub(r"\1", line)
    line = _BR_HYPHEN_RE.sub("", line)  # "infrastruktur-<br>planering" -> "infrastrukturplanering"
    line = _HTML_BR_RE.sub(" ", line)
    line = _HTML_TAG_RE.sub("", line)
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [c.strip() for c in stripped[1:-1].split("|")]
        line = " | ".join(c for c in cells if c)
    return line, is_heading


def _markdown_to_text(text: str) -> tuple[str, str | None]:
    """Light Markdown stripping; headings become their own paragraphs.
    Returns (text, first heading)."""
    out: list[str] = []
    first_heading: str | None = None
    in_code = False
    lines = text.split("\n")
    for i, raw in enumerate(lines):
        if raw.strip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            out.append(raw)
            continue
        if _SETEXT_RE.match(raw) and out and out[-1].strip() and i > 0 and lines[i - 1].strip() \
                and not lines[i - 1].lstrip().startswith("|"):
            out.append("")  # setext underline: the line above was a heading
            continue
        line, is_heading = _strip_markdown_line(raw)
        if is_heading:
            heading = clean_line(line)
            if first_heading is None and heading:
                first_heading = heading
            out.extend(["", line, ""])
        else:
            out.append(line)
    text = "\n".join(out)
    # emphasis may span line breaks inside a paragraph (not across a blank line)
    text = _BOLD_RE.sub(r"\2", text)
    text = _EM_STAR_RE.sub(r"\1", text)
    text = _EM_UNDERSCORE_RE.sub(r"\1", text)
    text = _CODE_RE.sub(r"\1", text)
    return text, first_heading


def _split_pages(body: str) -> list[tuple[int, str]]:
    marks = list(_PAGE_MARK_RE.finditer(body))
    if not marks:
        return [(1, body)]
    pages: list[tuple[int, str]] = []
    before = body[:marks[0].start()]
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        chunk = body[m.end():end]
        if i == 0 and before.strip():
            chunk = before + "\n\n" + chunk
        pages.append((int(m.group(1)), chunk))
    # page numbers must be usable as 1-based, increasing page numbers
    numbers = [n for n, _ in pages]
    if numbers != sorted(set(numbers)) or numbers[0] < 1:
        pages = [(i + 1, chunk) for i, (_n, chunk) in enumerate(pages)]
    return pages


def extract_text(data: bytes, fmt: str) -> tuple[list[PageText], str | None, str | None, dict[str, str]]:
    """``fmt`` is "txt" or "md"."""
    text, encoding = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    metadata: dict[str, str] = {}
    if encoding not in ("utf-8", "ascii"):
        metadata["encoding"] = encoding
    front: dict[str, str] = {}
    if fmt == "md":
        front, text = parse_front_matter(text)
        metadata.update(front)

    raw_pages = _split_pages(text)
    first_heading = None
    page_lines: list[list[str]] = []
    for _n, chunk in raw_pages:
        chunk = _COMMENT_RE.sub("", chunk)
        if fmt == "md":
            chunk, heading = _markdown_to_text(chunk)
            first_heading = first_heading or heading
        page_lines.append(chunk.split("\n"))

    header = ""
    if len(page_lines) > 1:
        repeated = strip_repeated_lines(page_lines)
        page_lines = repeated.bodies
        header = "\n".join(clean_line(t) for t in repeated.tops[0])
        if repeated.bottoms[0]:
            metadata["footer"] = "\n".join(clean_line(b) for b in repeated.bottoms[0])
        if repeated.running:
            metadata["running_lines"] = "\n".join(clean_line(r) for r in repeated.running)
    if header:
        metadata["header"] = header

    info = WebFurniture()
    pages: list[PageText] = []
    for (number, _chunk), lines in zip(raw_pages, page_lines):
        paragraphs = re.split(r"\n[ \t]*\n", "\n".join(lines))
        paragraphs = strip_web_furniture(paragraphs, info)
        pages.append(PageText(number=number, text=join_paragraphs(paragraphs)))
    if info.credits:
        metadata["credits"] = "; ".join(info.credits)
    if info.author and "author" not in metadata:
        metadata["author"] = info.author
    if info.published:
        metadata["published"] = info.published
    if info.updated:
        metadata["updated"] = info.updated

    title = None
    for key in ("titel", "title", "rubrik"):
        if front.get(key):
            title = meaningful_title(front[key])
            if title:
                break
    if title is None and first_heading:
        title = meaningful_title(first_heading)

    date = None
    for key in ("datum", "date", "publicerad", "published"):
        if front.get(key):
            d = parse_swedish_date(front[key])
            if d:
                date = d.isoformat()
                break
    if date is None:
        date = info.published or info.updated
    if date is None:
        top = header + "\n" + (pages[0].text[:3000] if pages else "")
        d = find_labelled_date(top)
        date = d.isoformat() if d else None
    return pages, title, date, metadata


def _sniff_txt(data: bytes, suffix: str) -> int:
    """Text named .txt; text without a suffix when nothing else bids."""
    if suffix not in (".txt", "") or not is_text(data):
        return NO
    return DECLARED if suffix == ".txt" else FALLBACK


def _sniff_md(data: bytes, suffix: str) -> int:
    """Text named .md."""
    return DECLARED if suffix == ".md" and is_text(data) else NO


FORMAT = Format(name="txt", suffixes=(".txt",), label="text", sniff=_sniff_txt, extract=extract_text,
                takes=("format",))
MARKDOWN = Format(name="md", suffixes=(".md",), label="text", sniff=_sniff_md, extract=extract_text,
                  takes=("format",))
#: Both formats of this module, for the registry.
FORMATS = (FORMAT, MARKDOWN)
