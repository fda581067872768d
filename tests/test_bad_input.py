"""Bad and difficult files in one source folder: each gets its exact outcome
(reported with path and reason, or read correctly), and none affects the others."""
from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
from pathlib import Path

import pytest

from indexer.cli import main
from indexer.pipeline import update_index
from indexer.store import SearchRequest, open_store

from conftest import doc_ids_by_path, live_generation

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOOD_PDF = CORPUS / "pdf" / "lulea-ksau-protokoll-2022-06-07.pdf"
DATA = Path(__file__).resolve().parent / "data"  # see README.md there

CP1252_PAGE = ("<html><head><meta charset='windows-1252'><title>Pressmeddelande</title></head><body><main>"
               "<h1>Bostäder i Luleå</h1><p>Kommunstyrelsen i Luleå och Bodens kommun – samverkan om "
               "bostäder och kompetensförsörjning.</p></main></body></html>")
LATIN1_PAGE = ("<html><head><title>Näringsliv</title></head><body><main><h1>Näringslivsutveckling i Boden</h1>"
               "<p>Företagen i Boden växer; Luleå hamn får ökad godsmängd och fler anställda.</p>"
               "</main></body></html>")


def _zip_bomb() -> bytes:
    """A DOCX whose document.xml inflates from about 10 KB to 10 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
                    '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", "<w:p><w:r><w:t>Bostäder i Boden.</w:t></w:r></w:p>" * 200_000)
    return buf.getvalue()


ZIP_BOMB = _zip_bomb()
_BOMB = zipfile.ZipFile(io.BytesIO(ZIP_BOMB)).getinfo("word/document.xml")


def _bad_folder(tmp_path: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    src = tmp_path / "src"
    src.mkdir()
    good = GOOD_PDF.read_bytes()
    shutil.copy(GOOD_PDF, src / "protokoll.pdf")
    (src / "notering.md").write_text("# Notering\n\nSamverkan om infrastruktur mellan Luleå och Boden.\n",
                                     encoding="utf-8")
    (src / "trasig.pdf").write_bytes(b"%PDF-1.4\n" + random.Random(5).randbytes(4000))
    (src / "avklippt.pdf").write_bytes(good[: len(good) // 2])
    c = canvas.Canvas(str(src / "hemlig.pdf"), encrypt=StandardEncryption("hemligt", ownerPassword="ägare"),
                      invariant=1)
    c.drawString(56, 780, "Hemligt protokoll")
    c.showPage()
    c.save()
    (src / "tom.txt").write_bytes(b"")
    (src / "bild.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (src / "webbsida.pdf").write_text(
        "<!DOCTYPE html><html><head><title>Nyhet</title></head><body><main><h1>Nyhet om Boden</h1>"
        "<p>Text om lärlingar i Boden.</p></main></body></html>", encoding="utf-8")
    shutil.copy(GOOD_PDF, src / "egentligen-pdf.docx")
    (src / "inte-zip.docx").write_bytes(b"Detta ar ingen docx-fil utan vanlig text.")
    (src / "cp1252.html").write_bytes(CP1252_PAGE.encode("cp1252"))
    (src / "latin1-utan-meta.html").write_bytes(LATIN1_PAGE.encode("iso-8859-1"))
    (src / "stor.txt").write_text("Stor fil om Boden. " * 5400, encoding="utf-8")  # 102,600 bytes
    shutil.copy(DATA / "hemligt-protokoll.doc", src / "hemlig.doc")
    shutil.copy(DATA / "budget.xls", src / "budget.xls")
    (src / "zipbomb.docx").write_bytes(ZIP_BOMB)
    (src / "~$otokoll.docx").write_bytes(b"\x0bAnna Berg" + bytes(150))  # Word's lock file: not reported
    return src


EXPECTED_FAILURES = {
    "trasig.pdf": "not a valid PDF: file is damaged (No /Root object! - Is this really a PDF?)",
    "avklippt.pdf": "not a valid PDF: file is truncated (it ends before the end-of-file marker; Unexpected EOF)",
    "hemlig.pdf": "PDF is password-protected",
    "tom.txt": "empty file (0 bytes)",
    "bild.pdf": "file has extension .pdf but content looks like PNG image; unsupported file type",
    "inte-zip.docx": "not a valid DOCX (zip) file",
    "stor.txt": "file is 100 KB, over the 51 KB limit",  # limit 0.05 MB
    "hemlig.doc": "document is password-protected (encrypted Word file)",
    "budget.xls": "unsupported file type .xls (Excel workbook (.xls))",
    "zipbomb.docx": (f"DOCX part word/document.xml is compressed {_BOMB.file_size / _BOMB.compress_size:.0f} times "
                     f"({_BOMB.compress_size / 1024:.0f} KB inflates to {_BOMB.file_size / 1024 / 1024:.1f} MB), "
                     f"over the limit of 100 times (a zip bomb?)"),
}


def test_each_bad_file_is_reported_with_path_and_reason_and_the_rest_indexed(tmp_path, index_spec):
    src = _bad_folder(tmp_path)
    report = update_index([src], index_spec, tmp_path / "cache", jobs=2, progress=False,
                          max_bytes=int(0.05 * 1024 * 1024))
    assert report.exit_status == 1
    assert {f.path: f.reason for f in report.failures} == EXPECTED_FAILURES
    assert all(f.source == str(src.resolve()) for f in report.failures)
    # Files whose extension lies are read by their content, with a warning.
    assert {w.path: w.reason for w in report.warnings} == {
        "webbsida.pdf": "file has extension .pdf but content looks like HTML",
        "egentligen-pdf.docx": "file has extension .docx but content looks like PDF"}
    # Legacy encodings are decoded, not reported.
    assert sorted(report.added) == ["cp1252.html", "egentligen-pdf.docx", "latin1-utan-meta.html",
                                    "notering.md", "protokoll.pdf", "webbsida.pdf"]
    assert report.documents == 6

    store = open_store(index_spec)
    by_path = doc_ids_by_path(index_spec)
    cp1252 = store.get_document(by_path["cp1252.html"])
    assert cp1252.title == "Bostäder i Luleå"
    assert "Kommunstyrelsen i Luleå och Bodens kommun – samverkan om bostäder och kompetensförsörjning." \
        in cp1252.pages[0].text
    latin1 = store.get_document(by_path["latin1-utan-meta.html"])
    assert latin1.title == "Näringslivsutveckling i Boden"
    assert "Företagen i Boden växer; Luleå hamn får ökad godsmängd och fler anställda." in latin1.pages[0].text
    hits = {h.source_path for h in store.search(SearchRequest(query="godsmängd", limit=5)).hits}
    assert hits == {"latin1-utan-meta.html"}
    assert store.get_document(by_path["protokoll.pdf"]).pages[0].text  # the good PDF is untouched by the bad ones

    # The run's report file says the same.
    data = json.loads(Path(report.report_path).read_text(encoding="utf-8"))
    assert {f["path"]: f["reason"] for f in data["failed"]} == EXPECTED_FAILURES


def test_bad_files_on_the_command_line_and_the_size_limit_setting(tmp_path, capsys, monkeypatch, index_spec):
    src = _bad_folder(tmp_path)
    args = ["update", "--source", str(src), "--index", index_spec, "--cache", str(tmp_path / "c"),
            "--jobs", "1", "--quiet"]
    assert main(args + ["--max-file-mb", "0.05"]) == 1
    err = capsys.readouterr().err
    for path, reason in EXPECTED_FAILURES.items():
        assert f"  hoppade över {src.resolve() / path}: {reason}\n" in err

    # The limit from the environment; a larger one lets the big file in.
    monkeypatch.setenv("SEARCH_MAX_FILE_MB", "1")
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "stor.txt" not in captured.err and "1 nya" in captured.out
    monkeypatch.setenv("SEARCH_MAX_FILE_MB", "mycket")
    assert main(args) == 2
    assert "fel: SEARCH_MAX_FILE_MB='mycket' är inget tal" in capsys.readouterr().err
    monkeypatch.delenv("SEARCH_MAX_FILE_MB")
    assert main(args + ["--max-file-mb", "0"]) == 2

    # The number of worker processes from the environment: a bad value is named, not a traceback.
    no_jobs = [a for a in args if a not in ("--jobs", "1")]
    for value, message in (("många", "är inget heltal"), ("0", "måste vara minst 1")):
        monkeypatch.setenv("SEARCH_JOBS", value)
        assert main(no_jobs) == 2
        assert f"fel: SEARCH_JOBS={value!r} {message}" in capsys.readouterr().err
    monkeypatch.setenv("SEARCH_JOBS", "1")
    assert main(no_jobs) == 1  # runs (the bad files are reported)

    # The text-quality threshold: a share between 0 and 1.
    for value, message in (("hög", "är inget tal"), ("2", "måste vara högst 1")):
        monkeypatch.setenv("SEARCH_TEXT_QUALITY_MIN", value)
        assert main(args) == 2
        assert "fel: SEARCH_TEXT_QUALITY_MIN=" in capsys.readouterr().err
    monkeypatch.delenv("SEARCH_TEXT_QUALITY_MIN")


@pytest.mark.parametrize("name,content,reason", [
    ("tom.pdf", b"", "empty file (0 bytes)"),
    ("text.pdf", b"Bara vanlig text, ingen PDF.", "not a valid PDF: no %PDF header (content is plain text)"),
    ("zip.docx", b"PK\x03\x04trasig", "not a valid DOCX (zip) file"),
    ("budget.xls", (DATA / "budget.xls").read_bytes(), "unsupported file type .xls (Excel workbook (.xls))"),
])
def test_a_folder_of_only_bad_files_never_replaces_a_good_index(tmp_path, name, content, reason, index_spec):
    src = tmp_path / "src"
    src.mkdir()
    (src / "bra.md").write_text("# Bra\n\nEn bra text om Boden.\n", encoding="utf-8")
    update_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    generation = live_generation(index_spec).name
    (src / "bra.md").unlink()
    (src / name).write_bytes(content)
    report = update_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert [(f.path, f.reason) for f in report.failures] == [(name, reason)]
    assert report.exit_status == 2 and report.error.startswith("inget kunde indexeras från ")
    assert live_generation(index_spec).name == generation
