"""The document page's body: pages of paragraphs, § headings, sub-headings and decisions.

The page text (as extracted, with its line breaks) is split into paragraphs at
blank lines. A paragraph that opens a § item of the minutes (on the item's
first page) becomes the item's heading; a known sub-heading of minutes
("Sammanfattning av ärendet", "Beslutsunderlag", "Beslut" …) on a paragraph's
first line becomes a sub-heading; the paragraphs after "Beslut" up to the next
sub-heading or § form the decision block. A paragraph that the source marks as a
heading (Word heading styles, HTML h1-h6: ``PageText.headings``) is a sub-heading
too, and two or more paragraphs in a row that are table rows (cells joined by
" | ", as the Word and HTML extractors write them) form a table.

Every piece of text is escaped, or highlighted by the store (which escapes
too); nothing from a document is ever trusted as HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup, escape

from indexer.models import Document, MinutesItem
from indexer.vocabulary import DNR_SPAN_RE as _DNR_RE, is_decision_heading, is_section_heading, parse_item_heading

Highlighter = Callable[[str], Markup]



@dataclass
class Block:
    kind: str                       # "item" (§ heading), "item_cont" (§ goes on), "subheading", "para", "decision", "table"
    item: MinutesItem | None = None
    anchor: str | None = None
    html: Markup | None = None      # item heading, sub-heading or paragraph
    paras: list[Markup] = field(default_factory=list)  # for "decision"
    continued: bool = False         # a decision carried over from the previous page
    rows: list[list[Markup]] = field(default_factory=list)  # for "table": the first row is its header


@dataclass
class PageView:
    number: int
    blocks: list[Block]
    ocr: bool = False
    low_quality: bool = False   # the text layer was garbled and OCR did not read it better


def item_anchor(number: str) -> str:
    """The id of a § item's heading on the document page: "paragraf-12", "paragraf-3a",
    "paragraf-12-14" (anything but letters and digits becomes "-", so the id is valid
    HTML and safe in a URL fragment)."""
    slug = re.sub(r"[^0-9a-z]+", "-", str(number).casefold()).strip("-")
    return f"paragraf-{slug or 'x'}"


def page_anchor(number: int) -> str:
    """The id of a page's section on the document page."""
    return f"sida-{number}"


def _norm(text: str) -> str:
    return " ".join(text.replace("-\n", "").split()).casefold()


def _paragraph_lines(text: str) -> list[list[str]]:
    """Paragraphs (lists of non-blank lines) of a page text."""
    paras: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


#: How the extractors join the cells of a table row (indexer/extract/docx.py, html.py).
CELL_SEPARATOR = " | "


def table_row(lines: list[str]) -> list[str] | None:
    """The cells of a paragraph that is one table row, else None."""
    if len(lines) != 1 or CELL_SEPARATOR not in lines[0]:
        return None
    cells = [c.strip() for c in lines[0].split(CELL_SEPARATOR)]
    return cells if len(cells) >= 2 else None


def _grouped(paragraphs: list[list[str]]) -> list:
    """The paragraphs (lists of lines), with each run of two or more table rows
    replaced by one ("table", rows) tuple; a lone row stays a paragraph."""
    out: list = []
    run: list[list[str]] = []

    def close() -> None:
        if len(run) >= 2:
            width = max(len(r) for r in run)
            out.append(("table", [r + [""] * (width - len(r)) for r in run]))
        else:
            out.extend([[CELL_SEPARATOR.join(r)] for r in run])
        run.clear()

    for lines in paragraphs:
        row = table_row(lines)
        if row is not None:
            run.append(row)
            continue
        close()
        out.append(lines)
    close()
    return out


_LIST_START_RE = re.compile(r"^\s*(?:[•\-–*▪◦]|\d{1,2}[.)]\s|[a-zåäö][.)]\s|§)")


def line_width(text: str) -> int:
    """The typical length of a full line on a page (for telling wrapped prose from lists)."""
    lengths = sorted(len(ln.strip()) for ln in text.split("\n") if ln.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def reflow(lines: list[str], width: int) -> str:
    """Join lines that the source wrapped at the page margin; keep other line breaks.

    A line at least ~3/4 of the page's full line width was most likely wrapped,
    unless the next line starts a list item. Lists of names, addresses and the
    like keep their lines.
    """
    if not lines:
        return ""
    out = lines[0].strip()
    for prev, line in zip(lines, lines[1:]):
        wrapped = width >= 50 and len(prev.strip()) >= 0.75 * width and not _LIST_START_RE.match(line)
        out += (" " if wrapped else "\n") + line.strip()
    return out


def heading_kind(line: str) -> str | None:
    """"decision" or "sub" when the line is a sub-heading of minutes, else None."""
    s = line.strip()
    if len(s) > 60:
        return None
    if is_decision_heading(s):
        return "decision"
    if is_section_heading(s):
        return "sub"
    return None


def _consume_item_heading(lines: list[str], item: MinutesItem) -> list[str]:
    """The paragraph's lines after the "§ N Dnr … Title" heading lines."""
    h = parse_item_heading(lines[0])
    rest_of_first = _DNR_RE.sub("", h.rest).strip(" -–,:") if h else lines[0]
    title = _norm(item.title)
    consumed = _norm(rest_of_first)
    if consumed and not title.startswith(consumed):
        # The first line carries more than the title (unusual): keep what follows it.
        return [rest_of_first] + lines[1:] if not consumed.startswith(title) else lines[1:]
    i = 1
    while i < len(lines) and consumed != title:
        line = lines[i]
        if _DNR_RE.match(line.strip()):
            i += 1
            continue
        candidate = f"{consumed} {_norm(line)}".strip()
        if not title.startswith(candidate):
            break
        consumed = candidate
        i += 1
    return lines[i:]


def strip_item_heading(text: str, item: MinutesItem) -> str:
    """Text without a leading "§ N [Dnr …] Title" that the page heading already shows."""
    rest = _consume_item_heading(text.split("\n"), item)
    return "\n".join(rest).strip()


def build_pages(doc: Document, highlight: Highlighter) -> list[PageView]:
    items: dict[str, MinutesItem] = {}
    for it in doc.items:
        items.setdefault(str(it.number), it)
    placed: set[str] = set()
    views: list[PageView] = []
    anchors: dict[str, str] = {}    # § number -> id of its heading, unique on the page

    def anchor_of(number: str) -> str:
        if number not in anchors:
            anchor, n = item_anchor(number), 1
            while anchor in anchors.values():   # two numbers with the same id ("3 a", "3a")
                n += 1
                anchor = f"{item_anchor(number)}-{n}"
            anchors[number] = anchor
        return anchors[number]

    current: str | None = None      # § being read
    in_decision = False

    for page in doc.pages:
        blocks: list[Block] = []
        width = line_width(page.text)

        def add_para(text: str) -> None:
            html = highlight(text)
            if in_decision:
                if blocks and blocks[-1].kind == "decision":
                    blocks[-1].paras.append(html)
                else:
                    blocks.append(Block(kind="decision", paras=[html]))
            else:
                blocks.append(Block(kind="para", html=html))

        marked = {_norm(h) for h in page.headings}
        for lines in _grouped(_paragraph_lines(page.text)):
            if isinstance(lines, tuple):
                if not blocks and current is not None:
                    blocks.append(Block(kind="item_cont", item=items[current]))
                blocks.append(Block(kind="table", rows=[[highlight(c) for c in row] for row in lines[1]]))
                continue
            if marked and _norm(" ".join(lines)) in marked and not heading_kind(lines[0]) \
                    and parse_item_heading(lines[0]) is None:
                in_decision = False
                blocks.append(Block(kind="subheading", html=highlight(" ".join(ln.strip() for ln in lines))))
                continue
            h = parse_item_heading(lines[0])
            number = h.number if h else None
            if (number is not None and number in items and number not in placed
                    and items[number].page_start == page.number):
                it = items[number]
                placed.add(number)
                current, in_decision = number, False
                blocks.append(Block(kind="item", item=it, anchor=anchor_of(number),
                                    html=highlight(f"§ {it.number} {it.title}")))
                lines = _consume_item_heading(lines, it)
                if not lines:
                    continue
            elif not blocks and current is not None:
                blocks.append(Block(kind="item_cont", item=items[current]))
            # Sub-headings may stand alone or open a paragraph.
            while lines and (kind := heading_kind(lines[0])):
                if kind == "decision":
                    in_decision = True
                    if not (blocks and blocks[-1].kind == "decision" and not blocks[-1].paras):
                        blocks.append(Block(kind="decision"))
                else:
                    in_decision = False
                    blocks.append(Block(kind="subheading", html=highlight(lines[0].strip().rstrip(":"))))
                lines = lines[1:]
            if lines:
                add_para(reflow(lines, width))
        views.append(PageView(page.number, blocks, page.ocr, page.low_quality))

    for prev, view in zip(views, views[1:]):
        first = next((b for b in view.blocks if b.kind != "item_cont"), None)
        if first is not None and first.kind == "decision" and prev.blocks and prev.blocks[-1].kind == "decision":
            first.continued = True

    # Items whose start could not be found in the text still get their heading (and anchor).
    for number, it in items.items():
        if number not in placed:
            for view in views:
                if view.number == it.page_start:
                    placed.add(number)
                    view.blocks.insert(0, Block(kind="item", item=it, anchor=anchor_of(number),
                                                html=highlight(f"§ {it.number} {it.title}")))
                    break
    return views


def make_highlighter(store, query: str) -> Highlighter:
    """Store highlighting when there is a query, else plain escaping."""
    if not query:
        return lambda text: escape(text)

    from indexer.store.base import QueryError

    state = {"ok": True}

    def hl(text: str) -> Markup:
        if state["ok"]:
            try:
                return Markup(store.highlight_html(text, query))
            except QueryError:
                state["ok"] = False
        return escape(text)

    return hl
