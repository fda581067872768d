"""Writes the legacy Office files of tests/data with LibreOffice (see README.md there).

Run with the system Python, which has LibreOffice's UNO bridge (not the project's venv):

    apt-get install libreoffice-writer-nogui libreoffice-calc-nogui python3-uno
    /usr/bin/python3 tests/data/make_office_files.py

The texts are written for the tests and are fictional.
"""
from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

HERE = Path(__file__).resolve().parent
PORT = 2083

MINUTES = [
    "Protokoll från kommunstyrelsens arbetsutskott",
    "Bodens kommun, sammanträdesdatum 2023-03-14.",
    "§ 12 Särskilt boende i Öjebyn",
    "Arbetsutskottet föreslår att förvaltningen utreder ett särskilt boende för äldre i Öjebyn, "
    "med gemensamma lokaler för anhöriga.",
    "§ 13 Kompetensförsörjning i Överluleå",
    "Beslut: Arbetsutskottet godkänner rapporten om yrkesutbildning och lärlingsplatser i Överluleå.",
]
SHORT_NOTE = ["Kort anteckning om snöröjning på Älvgatan.", "Gäller från måndag."]


def _props(**kw) -> tuple:
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def _connect():
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(100):
        try:
            ctx = resolver.resolve(f"uno:socket,host=localhost,port={PORT};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(0.2)
    raise SystemExit("LibreOffice did not start")


def _writer(desktop, paragraphs: list[str], title: str | None = None):
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, _props(Hidden=True))
    text = doc.getText()
    cursor = text.createTextCursor()
    for i, para in enumerate(paragraphs):
        if i:
            text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, para, False)
    if title:
        doc.getDocumentProperties().Title = title
    return doc


def _save(doc, name: str, filter_name: str, **extra) -> None:
    doc.storeToURL(uno.systemPathToFileUrl(str(HERE / name)), _props(FilterName=filter_name, **extra))
    doc.close(True)
    print("wrote", HERE / name)


def main() -> None:
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", f"-env:UserInstallation=file://{profile}",
             f"--accept=socket,host=localhost,port={PORT};urp;"])
        try:
            desktop = _connect()
            _save(_writer(desktop, MINUTES, "Protokoll från arbetsutskottet"), "protokoll-ksau.doc", "MS Word 97")
            _save(_writer(desktop, MINUTES), "hemligt-protokoll.doc", "MS Word 97", Password="hemligt")
            _save(_writer(desktop, SHORT_NOTE), "kort-anteckning.doc", "MS Word 97")

            calc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, _props(Hidden=True))
            sheet = calc.getSheets().getByIndex(0)
            for row, (item, amount) in enumerate([("Budget för snöröjning", 1200000), ("Gång- och cykelvägar", 450000)]):
                sheet.getCellByPosition(0, row).setString(item)
                sheet.getCellByPosition(1, row).setValue(amount)
            _save(calc, "budget.xls", "MS Excel 97")

            desktop.terminate()
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main()
