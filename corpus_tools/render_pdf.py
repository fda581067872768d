"""PDF rendering (reportlab) for minutes (protokoll) and the avsiktsförklaring.

Only the PDF standard fonts are used (Helvetica, Times); they are drawn with
WinAnsi encoding, which covers å ä ö Å Ä Ö é, § – • and the other characters
the content uses.  ``check_text`` refuses anything outside cp1252 so a stray
character cannot silently turn into a black box.

Output is deterministic: ``invariant=1`` fixes the creation date and the
document id, and the total page count is found with a first dry-run build.
"""
from __future__ import annotations

import io
from typing import Callable
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

rl_config.invariant = 1

PAGE_W, PAGE_H = A4
HYPHEN_MARK = "^"   # in content: "kompetens^försörjning" = allowed break point
HYPHEN_LOG: list[tuple[str, bool]] = []   # (paragraph start + marked word, was it broken at the mark?)
BULLET = "–"        # "•" comes out of pdfminer as (cid:127) with the standard fonts


def check_text(text: str, where: str) -> None:
    if "\u2022" in text:
        raise ValueError(f"{where}: use '• ' only as a paragraph prefix (rendered as {BULLET!r})")
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as exc:  # pragma: no cover - content error
        raise ValueError(f"{where}: character outside WinAnsi/cp1252: {text[exc.start:exc.end]!r}") from exc


# --------------------------------------------------------------------------- text helpers

def wrap_with_hyphens(text: str, font: str, size: float, width: float) -> str:
    """Greedy line wrap that may break a word at a HYPHEN_MARK.

    Returns Paragraph markup with explicit <br/> line breaks, so reportlab
    renders exactly the lines computed here (every line fits ``width``).
    Without a mark the text is returned escaped, and reportlab wraps it.
    """
    if HYPHEN_MARK not in text:
        return escape(text)
    space = stringWidth(" ", font, size)
    where = text[:30].replace(HYPHEN_MARK, "") + "…: "
    lines: list[str] = []
    cur: list[str] = []
    cur_w = 0.0
    for word in text.split():
        plain = word.replace(HYPHEN_MARK, "")
        w = stringWidth(plain, font, size)
        need = w if not cur else cur_w + space + w
        if need <= width:
            if HYPHEN_MARK in word:
                HYPHEN_LOG.append((where + plain, False))
            cur.append(plain)
            cur_w = need
            continue
        if HYPHEN_MARK in word:
            head, tail = word.split(HYPHEN_MARK, 1)
            head_w = stringWidth(head + "-", font, size)
            need_head = head_w if not cur else cur_w + space + head_w
            if need_head <= width:
                HYPHEN_LOG.append((where + plain, True))
                cur.append(head + "-")
                lines.append(" ".join(cur))
                tail = tail.replace(HYPHEN_MARK, "")
                cur, cur_w = [tail], stringWidth(tail, font, size)
                continue
        if HYPHEN_MARK in word:
            HYPHEN_LOG.append((where + plain, False))
        lines.append(" ".join(cur))
        cur, cur_w = [plain], w
    if cur:
        lines.append(" ".join(cur))
    return "<br/>".join(escape(line) for line in lines)


def _para_text(text: str, style: ParagraphStyle, width: float) -> str:
    check_text(text, text[:40])
    return wrap_with_hyphens(text, style.fontName, style.fontSize, width)


# --------------------------------------------------------------------------- styles

def make_styles(body_font: str = "Times-Roman", body_size: float = 11.5) -> dict[str, ParagraphStyle]:
    lead = body_size * 1.3
    s: dict[str, ParagraphStyle] = {}
    s["body"] = ParagraphStyle("body", fontName=body_font, fontSize=body_size, leading=lead,
                               spaceAfter=lead * 0.6, alignment=TA_LEFT)
    s["line"] = ParagraphStyle("line", parent=s["body"], spaceAfter=1)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=14, bulletIndent=2,
                                 spaceAfter=3)
    s["sect"] = ParagraphStyle("sect", fontName="Helvetica-Bold", fontSize=10.5, leading=14,
                               spaceBefore=6, spaceAfter=3, keepWithNext=1)
    s["par"] = ParagraphStyle("par", fontName="Helvetica-Bold", fontSize=11.5, leading=15,
                              spaceBefore=0, spaceAfter=2, keepWithNext=1)
    s["title"] = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=12, leading=15.5,
                                spaceAfter=8, keepWithNext=1)
    s["small"] = ParagraphStyle("small", fontName="Helvetica", fontSize=9, leading=11.5)
    s["smallb"] = ParagraphStyle("smallb", parent=s["small"], fontName="Helvetica-Bold")
    s["label"] = ParagraphStyle("label", fontName="Helvetica-Bold", fontSize=9.5, leading=12.5)
    s["cell"] = ParagraphStyle("cell", fontName=body_font, fontSize=body_size - 1, leading=(body_size - 1) * 1.28)
    s["h1"] = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=10,
                             keepWithNext=1)
    s["h2"] = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=12.5, leading=16, spaceBefore=10,
                             spaceAfter=4, keepWithNext=1)
    s["h3"] = ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6,
                             spaceAfter=3, keepWithNext=1)
    return s


def body_flowables(content, styles: dict[str, ParagraphStyle], width: float) -> list:
    """Content: str (paragraphs split on blank lines; '• ' starts a bullet) or
    list[str] (one short line each, e.g. Beslutsunderlag)."""
    out: list = []
    if isinstance(content, str):
        for block in [b.strip() for b in content.strip().split("\n\n") if b.strip()]:
            text = " ".join(line.strip() for line in block.splitlines())
            if text.startswith("• "):
                st = styles["bullet"]
                text = text[2:]
                out.append(Paragraph(_para_text(text, st, width - st.leftIndent), st, bulletText=BULLET))
            else:
                out.append(Paragraph(_para_text(text, styles["body"], width), styles["body"]))
    else:
        st = styles["line"]
        for line in content:
            out.append(Paragraph(_para_text(line, st, width), st))
        out.append(Spacer(1, styles["body"].spaceAfter))
    return out


# --------------------------------------------------------------------------- generic two-pass build

def _build(story_factory: Callable[[], list], decorate: Callable, meta: dict, margins: dict) -> bytes:
    """Build twice: the first pass counts pages, the second draws 'Sida N (M)'."""

    def run(total_pages: int) -> tuple[bytes, int]:
        buf = io.BytesIO()
        doc = BaseDocTemplate(
            buf, pagesize=A4, invariant=1, pageCompression=0,
            title=meta["title"], author=meta["author"], subject=meta.get("subject", ""),
            creator=meta.get("creator", "Microsoft Word"), keywords=meta.get("keywords", ""),
            producer=meta.get("producer", "corpus_tools/build_corpus.py (reportlab)"),
            lang="sv-SE", **margins)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        def on_page(canv, d):
            decorate(canv, d, canv.getPageNumber(), total_pages)

        doc.addPageTemplates([PageTemplate(id="p", frames=[frame], onPage=on_page)])
        doc.build(story_factory())
        return buf.getvalue(), doc.page

    _, pages = run(0)
    data, pages2 = run(pages)
    if pages2 != pages:  # pragma: no cover - header width never changes flow
        data, pages2 = run(pages2)
    return data


# --------------------------------------------------------------------------- minutes

MINUTES_MARGINS = dict(leftMargin=25 * mm, rightMargin=20 * mm, topMargin=33 * mm, bottomMargin=34 * mm)


def _minutes_decorator(m: dict):
    left_label = m["header_left"]          # "LULEÅ KOMMUN" / "BODENS KOMMUN"
    centre = m.get("header_centre", "PROTOKOLL")
    body = m["body"]
    date = m["date"]

    def decorate(canv, doc, page, total):
        canv.saveState()
        x0 = MINUTES_MARGINS["leftMargin"]
        x1 = PAGE_W - MINUTES_MARGINS["rightMargin"]
        y = PAGE_H - 15 * mm
        canv.setFont("Helvetica-Bold", 11)
        canv.drawString(x0, y, left_label)
        canv.drawCentredString(PAGE_W / 2, y, centre)
        canv.setFont("Helvetica", 10)
        canv.drawRightString(x1, y, f"Sida {page} ({total})")
        y2 = y - 14
        canv.setFont("Helvetica", 10)
        canv.drawString(x0, y2, body)
        canv.drawRightString(x1, y2, f"Sammanträdesdatum {date}")
        canv.setLineWidth(0.6)
        canv.line(x0, y2 - 6, x1, y2 - 6)
        # footer: signature boxes
        bw, bh, by = 45 * mm, 15 * mm, 12 * mm
        canv.setLineWidth(0.5)
        canv.rect(x0, by, bw, bh)
        canv.rect(x1 - bw, by, bw, bh)
        canv.setFont("Helvetica", 7)
        canv.drawString(x0 + 2, by + bh - 8, "Justerandes signatur")
        canv.drawString(x1 - bw + 2, by + bh - 8, "Utdragsbestyrkande")
        canv.restoreState()

    return decorate


def _page_one(m: dict, st: dict, width: float) -> list:
    out: list = []
    label_w = 48 * mm
    val_w = width - label_w
    items = m["items"]
    first, last = items[0]["nr"], items[-1]["nr"]
    para_range = f"§§ {first}–{last}"

    def cell(text):
        check_text(text, "page1")
        return Paragraph(escape(text).replace("\n", "<br/>"), st["cell"])

    rows = [
        [Paragraph("Plats och tid", st["label"]), cell(m["place_time"])],
        [Paragraph("Beslutande", st["label"]), cell("\n".join(m["beslutande"]))],
        [Paragraph("Övriga deltagande", st["label"]), cell("\n".join(m["ovriga"]))],
        [Paragraph("Utses att justera", st["label"]), cell(m["justerare"])],
        [Paragraph("Justeringens plats och tid", st["label"]), cell(m["justering"])],
    ]
    t = Table(rows, colWidths=[label_w, val_w])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    out += [t, Spacer(1, 8)]

    sig_rows = [
        [Paragraph("Underskrifter", st["label"]), Paragraph("Sekreterare", st["small"]), "",
         Paragraph(f"Paragrafer {para_range}", st["small"])],
        ["", "", cell(m["sekreterare"]), ""],
        ["", Paragraph("Ordförande", st["small"]), "", ""],
        ["", "", cell(m["ordforande"]), ""],
        ["", Paragraph("Justerande", st["small"]), "", ""],
        ["", "", cell(m["justerare"]), ""],
    ]
    sig = Table(sig_rows, colWidths=[label_w, 22 * mm, 55 * mm, width - label_w - 77 * mm],
                rowHeights=[20, 14, 20, 14, 20, 14])
    sig.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (3, 0), (3, 0), 10),
        ("LINEBELOW", (2, 0), (2, 0), 0.5, colors.black),
        ("LINEBELOW", (2, 2), (2, 2), 0.5, colors.black),
        ("LINEBELOW", (2, 4), (2, 4), 0.5, colors.black),
    ]))
    out += [sig, Spacer(1, 10)]

    out.append(Paragraph("Paragrafer", st["label"]))
    prow = [[Paragraph(f"§ {it['nr']}", st["small"]), Paragraph(escape(it["short"]), st["small"])] for it in items]
    pt = Table(prow, colWidths=[14 * mm, width - 14 * mm])
    pt.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out += [pt, Spacer(1, 10)]

    a = m["anslag"]
    arows = [
        [Paragraph("ANSLAG/BEVIS", st["smallb"]), ""],
        [Paragraph("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.", st["small"]), ""],
        [Paragraph("Organ", st["small"]), Paragraph(escape(m["body"]), st["small"])],
        [Paragraph("Sammanträdesdatum", st["small"]), Paragraph(m["date"], st["small"])],
        [Paragraph("Datum då anslaget sätts upp", st["small"]), Paragraph(a["upp"], st["small"])],
        [Paragraph("Datum då anslaget tas ned", st["small"]), Paragraph(a["ned"], st["small"])],
        [Paragraph("Förvaringsplats för protokollet", st["small"]), Paragraph(escape(a["plats"]), st["small"])],
    ]
    at = Table(arows, colWidths=[55 * mm, width - 55 * mm])
    at.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 0), (1, 0)), ("SPAN", (0, 1), (1, 1)),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    out += [at, PageBreak()]
    return out


def _item_flowables(it: dict, st: dict, width: float) -> list:
    head = Table([[Paragraph(f"§ {it['nr']}", st["par"]), Paragraph(escape(it["dnr"]), st["par"])]],
                 colWidths=[35 * mm, width - 35 * mm])
    head.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    check_text(it["title"], "title")
    first: list = [head, Paragraph(escape(it["title"]), st["title"])]
    rest: list = []
    for heading, content in it["sections"]:
        check_text(heading, "heading")
        flow = body_flowables(content, st, width)
        block = [Paragraph(escape(heading), st["sect"])] + flow
        if not rest and not first[2:]:
            first += block[:2]
            rest += block[2:]
        else:
            rest += block
    return [CondPageBreak(40 * mm), Spacer(1, 6), KeepTogether(first)] + rest + [Spacer(1, 14)]


def render_minutes(m: dict) -> bytes:
    margins = MINUTES_MARGINS
    width = PAGE_W - margins["leftMargin"] - margins["rightMargin"]
    st = make_styles(m.get("body_font", "Times-Roman"), m.get("body_size", 11.5))

    def story():
        s = _page_one(m, st, width)
        for it in m["items"]:
            s += _item_flowables(it, st, width)
        return s

    meta = dict(title=m["pdf_title"], author=m["municipality"],
                subject=f"Protokoll {m['body']} {m['date']}",
                keywords=m.get("keywords", "protokoll"))
    return _build(story, _minutes_decorator(m), meta, margins)


# --------------------------------------------------------------------------- agreement (avsiktsförklaring)

AGREEMENT_MARGINS = dict(leftMargin=25 * mm, rightMargin=25 * mm, topMargin=30 * mm, bottomMargin=28 * mm)


def render_agreement(a: dict) -> bytes:
    margins = AGREEMENT_MARGINS
    width = PAGE_W - margins["leftMargin"] - margins["rightMargin"]
    st = make_styles("Times-Roman", 11.5)

    def decorate(canv, doc, page, total):
        canv.saveState()
        x0 = margins["leftMargin"]
        x1 = PAGE_W - margins["rightMargin"]
        y = PAGE_H - 15 * mm
        canv.setFont("Helvetica-Bold", 10)
        canv.drawString(x0, y, a["header_left"])
        canv.setFont("Helvetica", 10)
        canv.drawRightString(x1, y, f"Sida {page} ({total})")
        canv.setFont("Helvetica", 9)
        canv.drawString(x0, y - 12, a["header_left2"])
        canv.drawRightString(x1, y - 12, a["header_right2"])
        canv.setLineWidth(0.5)
        canv.line(x0, y - 18, x1, y - 18)
        canv.setFont("Helvetica", 8)
        canv.line(x0, 18 * mm, x1, 18 * mm)
        canv.drawString(x0, 14 * mm, a["footer_left"])
        canv.drawRightString(x1, 14 * mm, a["footer_right"])
        canv.restoreState()

    def story():
        s: list = [Paragraph(escape(a["title"]), st["h1"])]
        for block in a["blocks"]:
            kind = block[0]
            if kind == "h2":
                check_text(block[1], "h2")
                s.append(Paragraph(escape(block[1]), st["h2"]))
            elif kind == "h3":
                s.append(Paragraph(escape(block[1]), st["h3"]))
            elif kind == "text":
                s += body_flowables(block[1], st, width)
            elif kind == "lines":
                s += body_flowables(block[1], st, width)
            elif kind == "signatures":
                s.append(CondPageBreak(75 * mm))
                cols = block[1]
                rows = [[Paragraph(escape(c["place_date"]), st["cell"]) for c in cols],
                        [Paragraph(escape(c["org"]), st["label"]) for c in cols],
                        ["" for _ in cols],
                        [Paragraph(escape(c["name"]), st["cell"]) for c in cols],
                        [Paragraph(escape(c["role"]), st["cell"]) for c in cols]]
                t = Table(rows, colWidths=[width / 2] * 2, rowHeights=[18, 16, 36, 16, 16])
                t.setStyle(TableStyle([
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 18),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LINEBELOW", (0, 2), (0, 2), 0.5, colors.black),
                    ("LINEBELOW", (1, 2), (1, 2), 0.5, colors.black),
                ]))
                s.append(t)
            elif kind == "pagebreak":
                s.append(PageBreak())
            else:  # pragma: no cover
                raise ValueError(kind)
        return s

    meta = dict(title=a["title"], author=a["author"], subject=a.get("subject", ""),
                keywords=a.get("keywords", ""))
    return _build(story, decorate, meta, margins)
