"""DOCX rendering (python-docx) with fixed core properties and a normalised zip.

python-docx writes zip members with the current time, so the saved package is
re-packed with a fixed timestamp per member; together with fixed core
properties this makes the file byte-identical on every run.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt


def _field(run, code: str) -> None:
    """Append a simple field (PAGE / NUMPAGES) to a run."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    txt = OxmlElement("w:t")
    txt.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, sep, txt, end):
        run._r.append(el)


def _set_lang(doc) -> None:
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    rpr.append(lang)


def _repack(data: bytes, when: tuple[int, int, int]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(*when, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render_docx(d: dict) -> bytes:
    doc = Document()
    _set_lang(doc)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)

    sec = doc.sections[0]
    sec.page_height, sec.page_width = Mm(297), Mm(210)
    sec.left_margin = sec.right_margin = Mm(25)
    sec.top_margin, sec.bottom_margin = Mm(25), Mm(22)

    hp = sec.header.paragraphs[0]
    hp.text = ""
    r = hp.add_run(d["header_left"])
    r.bold = True
    hp.add_run("\t" + d.get("header_centre", "") + "\t" + d.get("header_right", ""))
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fp.add_run("Sida ")
    _field(fp.add_run(), "PAGE")
    fp.add_run(" (")
    _field(fp.add_run(), "NUMPAGES")
    fp.add_run(")")

    for block in d["blocks"]:
        kind = block[0]
        if kind == "meta":
            rows = block[1]
            t = doc.add_table(rows=len(rows), cols=2)
            for i, (k, v) in enumerate(rows):
                t.cell(i, 0).text = k
                t.cell(i, 1).text = v
                for run in t.cell(i, 0).paragraphs[0].runs:
                    run.bold = True
            doc.add_paragraph()
        elif kind == "title":
            doc.add_heading(block[1], level=0)
        elif kind == "h1":
            doc.add_heading(block[1], level=1)
        elif kind == "h2":
            doc.add_heading(block[1], level=2)
        elif kind == "p":
            doc.add_paragraph(block[1])
        elif kind == "bullets":
            for x in block[1]:
                doc.add_paragraph(x, style="List Bullet")
        elif kind == "numbered":
            for x in block[1]:
                doc.add_paragraph(x, style="List Number")
        elif kind == "table":
            header, rows = block[1], block[2]
            t = doc.add_table(rows=1 + len(rows), cols=len(header))
            t.style = "Table Grid"
            for j, h in enumerate(header):
                cell = t.cell(0, j)
                cell.text = h
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for i, row in enumerate(rows, start=1):
                for j, v in enumerate(row):
                    t.cell(i, j).text = v
            doc.add_paragraph()
        elif kind == "lines":
            p = doc.add_paragraph()
            for i, line in enumerate(block[1]):
                if i:
                    p.add_run().add_break()
                p.add_run(line)
        else:  # pragma: no cover
            raise ValueError(kind)

    cp = doc.core_properties
    when = dt.datetime.fromisoformat(d["date"] + "T09:00:00")
    cp.title = d["title"]
    cp.author = d["author"]
    cp.last_modified_by = d["author"]
    cp.subject = d.get("subject", "")
    cp.keywords = d.get("keywords", "")
    cp.comments = ""
    cp.category = d.get("category", "")
    cp.language = "sv-SE"
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    cp.revision = 1

    buf = io.BytesIO()
    doc.save(buf)
    y, m, dd = (int(x) for x in d["date"].split("-"))
    return _repack(buf.getvalue(), (y, m, dd))
