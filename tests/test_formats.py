"""Formats and sources (issue 11): Word 97-2003 (.doc) and RTF; other OLE2
Office files refused; symlinks out of a source folder, office lock files and
file names that are not UTF-8; limits that keep one file from stalling or
sinking a run (zip bombs, page counts, a time limit per file).

The .doc and .xls files are in tests/data (see README.md there: made with
LibreOffice from the texts in make_office_files.py)."""
from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from bench.perf.procmem import children
from indexer.cli import main
from indexer.extract import LimitExceeded, NeedsProgram, extract_file, readable_path
from indexer.models import ExtractionError
from indexer.pipeline import update_index
from indexer.store import SearchRequest, open_store

from conftest import doc_ids_by_path, live_manifest

DATA = Path(__file__).resolve().parent / "data"
DOC = DATA / "protokoll-ksau.doc"            # antiword reads it
SHORT_DOC = DATA / "kort-anteckning.doc"     # antiword refuses it ("text stream too small"); catdoc reads it
ENCRYPTED_DOC = DATA / "hemligt-protokoll.doc"  # saved with the password "hemligt"
XLS = DATA / "budget.xls"

DOC_TEXT = ("Protokoll från kommunstyrelsens arbetsutskott\n\n"
            "Bodens kommun, sammanträdesdatum 2023-03-14.\n\n"
            "§ 12 Särskilt boende i Öjebyn\n\n"
            "Arbetsutskottet föreslår att förvaltningen utreder ett särskilt boende för äldre i Öjebyn, med "
            "gemensamma lokaler för anhöriga.\n\n"
            "§ 13 Kompetensförsörjning i Överluleå\n\n"
            "Beslut: Arbetsutskottet godkänner rapporten om yrkesutbildning och lärlingsplatser i Överluleå.")
NO_READER = ("needs antiword or catdoc to read Word 97-2003 (.doc) files, and neither is installed "
             "(install the Debian packages antiword and catdoc)")

# CI installs both (.ci/run) and sets CI_REQUIRE_DOC_READERS, so there these tests never skip.
_MISSING = [name for name in ("antiword", "catdoc") if shutil.which(name) is None]
requires_doc_readers = pytest.mark.skipif(
    bool(_MISSING) and not os.environ.get("CI_REQUIRE_DOC_READERS"),
    reason=f"not installed here: {', '.join(_MISSING)} (apt-get install antiword catdoc)")


def _only(tmp_path: Path, *programs: str) -> str:
    """A PATH with only these programs on it."""
    bin_dir = tmp_path / ("bin-" + "-".join(programs) if programs else "bin-empty")
    bin_dir.mkdir()
    for name in programs:
        (bin_dir / name).symlink_to(shutil.which(name))
    return str(bin_dir)


# --- Word 97-2003 and RTF --------------------------------------------------------------

@requires_doc_readers
def test_doc_is_read_with_antiword_in_paragraphs_with_swedish_letters(tmp_path):
    doc = extract_file(DOC, DATA)
    assert doc.format == "doc" and doc.source_path == "protokoll-ksau.doc"
    assert [p.number for p in doc.pages] == [1]
    assert doc.pages[0].text == DOC_TEXT
    assert doc.title == "Protokoll från arbetsutskottet"  # from the file's summary information
    assert doc.date == "2023-03-14"
    assert doc.metadata["doc_reader"] == "antiword" and "doc_reader_note" not in doc.metadata


@requires_doc_readers
def test_doc_antiword_cannot_read_is_read_with_catdoc(tmp_path):
    doc = extract_file(SHORT_DOC, DATA)
    assert doc.pages[0].text == "Kort anteckning om snöröjning på Älvgatan.\n\nGäller från måndag."
    assert doc.metadata["doc_reader"] == "catdoc"
    assert doc.metadata["doc_reader_note"] == \
        "antiword: I'm afraid the text stream of this file is too small to handle."


@requires_doc_readers
@pytest.mark.parametrize("program", ["antiword", "catdoc"])
def test_doc_each_reader_alone_gives_the_same_text(tmp_path, monkeypatch, program):
    monkeypatch.setenv("PATH", _only(tmp_path, program))
    doc = extract_file(DOC, DATA)
    assert doc.metadata["doc_reader"] == program
    assert doc.pages[0].text == DOC_TEXT  # catdoc is told to write UTF-8 (its default is ISO-8859-1)


def test_encrypted_doc_is_refused_with_a_clear_reason():
    with pytest.raises(ExtractionError, match=r"^document is password-protected \(encrypted Word file\)$"):
        extract_file(ENCRYPTED_DOC, DATA)


def test_excel_file_is_still_refused_also_when_named_doc(tmp_path):
    with pytest.raises(ExtractionError, match=r"^unsupported file type \.xls \(Excel workbook \(\.xls\)\)$"):
        extract_file(XLS, DATA)
    shutil.copy(XLS, tmp_path / "budget.doc")
    with pytest.raises(ExtractionError) as exc:
        extract_file(tmp_path / "budget.doc", tmp_path)
    assert str(exc.value) == ("file has extension .doc but content looks like Excel workbook (.xls); "
                              "unsupported file type")


def test_damaged_doc_is_refused_with_a_clear_reason(tmp_path):
    (tmp_path / "avklippt.doc").write_bytes(DOC.read_bytes()[:3000])
    with pytest.raises(ExtractionError) as exc:
        extract_file(tmp_path / "avklippt.doc", tmp_path)
    assert str(exc.value) == "not a valid Word (.doc) file: the file is truncated (a sector lies past its end)"


def test_doc_without_antiword_and_catdoc_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _only(tmp_path))
    with pytest.raises(NeedsProgram) as exc:
        extract_file(DOC, DATA)
    assert str(exc.value) == NO_READER


def test_doc_reported_without_readers_is_read_once_they_are_installed(tmp_path, monkeypatch, index_spec):
    src, idx, cache = tmp_path / "src", index_spec, tmp_path / "cache"
    src.mkdir()
    shutil.copy(DOC, src / "protokoll.doc")
    (src / "notering.md").write_text("# Notering\n\nSamverkan om vägar i Boden.\n", encoding="utf-8")
    real_path = os.environ["PATH"]
    monkeypatch.setenv("PATH", _only(tmp_path))
    first = update_index([src], idx, cache, jobs=1, progress=False)
    assert first.exit_status == 1 and first.added == ["notering.md"]
    assert [(f.path, f.reason, f.kind) for f in first.failures] == [("protokoll.doc", NO_READER, "needs_program")]

    # Still not installed: reported again, not read again.
    again = update_index([src], idx, cache, jobs=1, progress=False)
    assert again.mode == "none" and again.extracted == 0
    assert [(f.path, f.known) for f in again.failures] == [("protokoll.doc", True)]

    monkeypatch.setenv("PATH", real_path)
    if _MISSING and not os.environ.get("CI_REQUIRE_DOC_READERS"):
        pytest.skip(f"not installed here to check the re-read: {', '.join(_MISSING)}")
    fixed = update_index([src], idx, cache, jobs=1, progress=False)
    assert fixed.exit_status == 0 and fixed.added == ["protokoll.doc"] and fixed.failures == []
    hits = open_store(idx).search(SearchRequest(query="Öjebyn", limit=5)).hits
    assert [h.source_path for h in hits] == ["protokoll.doc"]


RTF = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}"
       r"{\info{\title Pressmeddelande fr\'e5n Lule\'e5 kommun}{\author Anna \'d6berg}}" "\n"
       r"\f0\fs22 Lule\'e5 och Boden samverkar om bost\'e4der i \u214?jebyn.\par" "\n"
       r"\par" "\n"
       r"N\'e4ringslivsutveckling i \u214?verlule\u229?, publicerad 2022-06-07.\par" "\n"
       r"{\b Beslut:} kommunstyrelsen godk\'e4nner avtalet\u8212?utan \'e4ndringar.\par" "\n"
       "}\n")


def test_rtf_is_read_in_paragraphs_with_swedish_letters(tmp_path):
    (tmp_path / "press.rtf").write_text(RTF, encoding="ascii")
    doc = extract_file(tmp_path / "press.rtf", tmp_path)
    assert doc.format == "rtf" and [p.number for p in doc.pages] == [1]
    assert doc.pages[0].text == ("Luleå och Boden samverkar om bostäder i Öjebyn.\n\n"
                                 "Näringslivsutveckling i Överluleå, publicerad 2022-06-07.\n\n"
                                 "Beslut: kommunstyrelsen godkänner avtalet—utan ändringar.")
    assert doc.title == "Pressmeddelande från Luleå kommun"
    assert doc.metadata["author"] == "Anna Öberg"
    assert doc.date == "2022-06-07"


def test_rtf_saved_as_doc_is_read_as_rtf_with_a_warning(tmp_path):
    (tmp_path / "press.doc").write_text(RTF, encoding="ascii")
    doc = extract_file(tmp_path / "press.doc", tmp_path)
    assert doc.format == "rtf" and "Öjebyn" in doc.pages[0].text
    assert doc.metadata["warning"] == "file has extension .doc but content looks like RTF"


@requires_doc_readers
def test_doc_and_rtf_are_indexed_and_other_office_files_reported(tmp_path, index_spec):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DOC, src / "protokoll.doc")
    shutil.copy(ENCRYPTED_DOC, src / "hemligt.doc")
    shutil.copy(XLS, src / "budget.xls")
    (src / "press.rtf").write_text(RTF, encoding="ascii")
    report = update_index([src], index_spec, tmp_path / "cache", jobs=2, progress=False)
    assert report.exit_status == 1 and report.added == ["press.rtf", "protokoll.doc"]
    assert {f.path: f.reason for f in report.failures} == {
        "hemligt.doc": "document is password-protected (encrypted Word file)",
        "budget.xls": "unsupported file type .xls (Excel workbook (.xls))"}
    store = open_store(index_spec)
    assert [h.source_path for h in store.search(SearchRequest(query="lärlingsplatser", limit=5)).hits] == \
        ["protokoll.doc"]
    assert [h.source_path for h in store.search(SearchRequest(query="Näringslivsutveckling", limit=5)).hits] == \
        ["press.rtf"]


# --- what is in a source folder ----------------------------------------------------------

def test_symlinks_out_of_the_source_folder_are_skipped_and_reported_inside_ones_indexed(tmp_path, capsys,
                                                                                          index_spec):
    src, outside = tmp_path / "src", tmp_path / "privat"
    (src / "arkiv").mkdir(parents=True)
    outside.mkdir()
    (outside / "lon.md").write_text("# Löner\n\nHemlig lönelista för personalen.\n", encoding="utf-8")
    (outside / "mapp").mkdir()
    (outside / "mapp" / "anteckning.md").write_text("# Anteckning\n\nHemlig anteckning.\n", encoding="utf-8")
    (src / "arkiv" / "beslut.md").write_text("# Beslut\n\nBeslut om cykelvägar i Luleå.\n", encoding="utf-8")
    (src / "senaste-beslut.md").symlink_to(src / "arkiv" / "beslut.md")   # inside: indexed
    (src / "lon.md").symlink_to(outside / "lon.md")                       # outside: skipped
    (src / "arkiv" / "privat").symlink_to(outside / "mapp")               # a folder outside: skipped
    (src / "relativ.md").symlink_to(Path("..") / "privat" / "lon.md")     # relative, still outside

    args = ["update", "--source", str(src), "--index", index_spec, "--cache", str(tmp_path / "c"),
            "--jobs", "1", "--quiet", "--json"]
    assert main(args) == 0  # warnings only
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["added"] == ["arkiv/beslut.md", "senaste-beslut.md"] and report["failed"] == []
    shown = str(outside)
    assert [(w["path"], w["reason"]) for w in report["warnings"]] == [
        ("arkiv/privat", f"symlink points outside the source folder (to {shown}/mapp); not indexed"),
        ("lon.md", f"symlink points outside the source folder (to {shown}/lon.md); not indexed"),
        ("relativ.md", "symlink points outside the source folder (to ../privat/lon.md); not indexed")]
    assert f"varning {src.resolve() / 'lon.md'}: symlink points outside the source folder" in captured.err
    store = open_store(index_spec)
    assert store.search(SearchRequest(query="hemlig", limit=5)).total == 0
    assert store.search(SearchRequest(query="cykelvägar", limit=5)).total == 2

    # Reported again by a run with nothing else to do.
    again = update_index([src], index_spec, tmp_path / "c", jobs=1, progress=False)
    assert again.mode == "none" and [w.path for w in again.warnings] == ["arkiv/privat", "lon.md", "relativ.md"]


def test_office_lock_and_temporary_files_are_skipped_silently(tmp_path, index_spec):
    src = tmp_path / "src"
    src.mkdir()
    (src / "protokoll.md").write_text("# Protokoll\n\nOm hamnen i Luleå.\n", encoding="utf-8")
    # What Word and LibreOffice leave beside an open document: not documents.
    (src / "~$rotokoll.docx").write_bytes(b"\x0bAnna Berg" + bytes(150))
    (src / ".~lock.protokoll.odt#").write_text("Anna Berg,vm,27.11.2026 10:15,file:///home/anna;",
                                               encoding="utf-8")
    (src / "~WRL0003.tmp").write_bytes(os.urandom(2000))
    (src / "~$Budget.XLSX").write_bytes(bytes(165))
    report = update_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert report.exit_status == 0
    assert report.added == ["protokoll.md"] and report.failures == [] and report.warnings == []


def test_file_name_that_is_not_utf8_is_indexed_under_a_readable_name(tmp_path, capsys, index_spec):
    src, idx = tmp_path / "src", index_spec
    src.mkdir()
    (src / "notering.md").write_text("# Notering\n\nOm vägar i Boden.\n", encoding="utf-8")
    latin1 = os.fsencode(src) + b"/latin1-" + "åäö".encode("iso-8859-1") + b".txt"
    with open(latin1, "wb") as fh:
        fh.write("Protokollet om snöskotrar på Ormberget.\n".encode("utf-8"))
    assert readable_path(os.fsdecode(latin1)).endswith("/latin1-åäö.txt")
    args = ["update", "--source", str(src), "--index", idx, "--cache", str(tmp_path / "c"), "--jobs", "1",
            "--quiet"]

    # It used to stop every run with exit status 2 ("surrogates not allowed").
    assert main(args) == 0
    out = capsys.readouterr()
    assert "2 nya" in out.out
    assert "varning " + str(src.resolve() / "latin1-åäö.txt") + \
        ": file name is not valid UTF-8; shown decoded as Windows-1252" in out.err
    by_path = doc_ids_by_path(idx)
    assert set(by_path) == {"notering.md", "latin1-åäö.txt"}
    report = json.loads(Path(out.out.split("rapport ")[1].strip()).read_text(encoding="utf-8"))
    assert report["added"] == ["latin1-åäö.txt", "notering.md"]
    store = open_store(idx)
    hits = store.search(SearchRequest(query="snöskotrar", limit=5)).hits
    assert [h.source_path for h in hits] == ["latin1-åäö.txt"]

    # The next nights: nothing to do, and a change is picked up under the same name and id.
    assert main(args) == 0 and "inget att göra" in capsys.readouterr().out
    with open(latin1, "ab") as fh:
        fh.write("Skoterleden flyttas.\n".encode("utf-8"))
    again = update_index([src], idx, tmp_path / "c", jobs=2, progress=False)
    assert again.exit_status == 0 and again.changed == ["latin1-åäö.txt"]
    assert live_manifest(idx)["documents"][by_path["latin1-åäö.txt"]]["path"] == "latin1-åäö.txt"

    # The web app shows the document; the link to the original does not fail.
    from search_app import create_app
    client = create_app({"INDEX_DIR": idx, "TESTING": True}).test_client()
    doc_id = by_path["latin1-åäö.txt"]
    page = client.get(f"/dokument/{doc_id}")
    assert page.status_code == 200 and "Skoterleden flyttas." in page.get_data(as_text=True)
    original = client.get(f"/original/{doc_id}")
    assert original.status_code == 200
    assert original.data == Path(os.fsdecode(latin1)).read_bytes()


def test_a_non_utf8_name_that_reads_as_another_files_name_is_reported(tmp_path, index_spec):
    src = tmp_path / "src"
    src.mkdir()
    (src / "möte.txt").write_text("Mötet om Boden.\n", encoding="utf-8")
    with open(os.fsencode(src) + b"/m" + "ö".encode("iso-8859-1") + b"te.txt", "wb") as fh:
        fh.write(b"Ett annat m\xf6te.\n")
    report = update_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert report.exit_status == 1 and report.added == ["möte.txt"]
    assert [(f.path, f.reason) for f in report.failures] == [
        ("möte.txt", "file name is not valid UTF-8 and, decoded, is the name of another file in the folder; "
                     "rename it")]


# --- limits ------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, paragraphs: list[str]) -> Path:
    """A DOCX made by python-docx whose body is ``paragraphs``."""
    import docx
    buf = io.BytesIO()
    docx.Document().save(buf)
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
           f"<w:body>{body}</w:body></w:document>").encode("utf-8")
    with zipfile.ZipFile(buf) as template, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in template.namelist():
            out.writestr(name, xml if name == "word/document.xml" else template.read(name))
    return path


def test_zip_bomb_docx_is_refused_from_its_directory(tmp_path, monkeypatch):
    # 30 MB of one repeated paragraph, a few dozen KB on disk.
    bomb = _docx(tmp_path / "bomb.docx", ["Kommunstyrelsen beslutade om bostäder i Boden."] * 500_000)
    info = zipfile.ZipFile(bomb).getinfo("word/document.xml")
    assert bomb.stat().st_size < 200_000 and info.file_size > 30_000_000
    with pytest.raises(LimitExceeded) as exc:
        extract_file(bomb, tmp_path)
    assert re.fullmatch(r"DOCX part word/document\.xml is compressed \d+ times \(\d+ KB inflates to 3\d\.\d MB\), "
                        r"over the limit of 100 times \(a zip bomb\?\)", str(exc.value)), str(exc.value)

    # The total size limit, from the environment.
    words = "bostäder skola vägar hamn näringsliv kompetens Boden Luleå samverkan beslut".split()
    rng = random.Random(11)
    big = _docx(tmp_path / "stor.docx", [" ".join(rng.choice(words) for _ in range(40)) for _ in range(6000)])
    total = sum(i.file_size for i in zipfile.ZipFile(big).infolist())
    monkeypatch.setenv("SEARCH_MAX_UNZIPPED_MB", "1")
    with pytest.raises(LimitExceeded) as exc:
        extract_file(big, tmp_path)
    assert str(exc.value) == f"DOCX unpacks to {total / 1024 / 1024:.1f} MB, over the limit of 1 MB"
    monkeypatch.setenv("SEARCH_MAX_UNZIPPED_MB", "10")
    assert len(extract_file(big, tmp_path).pages[0].text) > 1_000_000  # within the limits it is read

    # A lower ratio limit refuses what the default lets through; a higher one reads the repeated text.
    monkeypatch.setenv("SEARCH_MAX_ZIP_RATIO", "2")
    with pytest.raises(LimitExceeded, match=r"over the limit of 2 times"):
        extract_file(big, tmp_path)
    small_bomb = _docx(tmp_path / "upprepad.docx", ["Samma mening om hamnen i Luleå."] * 40_000)
    monkeypatch.setenv("SEARCH_MAX_ZIP_RATIO", "100000")
    assert extract_file(small_bomb, tmp_path).pages[0].text.count("hamnen i Luleå") == 40_000


def _pdf(path: Path, pages: int, lines: int = 3) -> Path:
    """Lines from mid-page down (lines repeated at the top would be taken for running headers)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 9)
        top = 500 if lines <= 40 else 780
        for k in range(lines):
            c.drawString(40, top - 11 * k, f"Sida {n} rad {k}: Kommunfullmäktige i Boden behandlade bostäder, "
                                           f"skolor och näringsliv vid sammanträdet.")
        c.showPage()
    c.save()
    return path


def test_too_many_pages_are_refused_before_reading(tmp_path, monkeypatch, capsys, index_spec):
    src = tmp_path / "src"
    src.mkdir()
    _pdf(src / "bilagor.pdf", 6)
    topics = ["hamnen i Luleå", "skolan i Boden", "vägen till Sävast", "badhuset i Gammelstad", "järnvägen"]
    (src / "protokoll.md").write_text("\n\n".join(f"<!-- sida {n} -->\nKommunen beslutade om {topic}."
                                                  for n, topic in enumerate(topics, start=1)), encoding="utf-8")
    monkeypatch.setenv("SEARCH_MAX_PAGES", "4")
    with pytest.raises(LimitExceeded) as exc:
        extract_file(src / "bilagor.pdf", src)
    assert str(exc.value) == "PDF has 6 pages, over the limit of 4 pages"
    with pytest.raises(ExtractionError, match=r"^text has 5 pages, over the limit of 4 pages$"):
        extract_file(src / "protokoll.md", src)
    monkeypatch.setenv("SEARCH_MAX_PAGES", "6")
    assert len(extract_file(src / "bilagor.pdf", src).pages) == 6

    # The flag wins over the environment.
    args = ["update", "--source", str(src), "--index", index_spec, "--cache", str(tmp_path / "c"),
            "--jobs", "1", "--quiet"]
    assert main(args + ["--max-pages", "5"]) == 1
    err = capsys.readouterr().err
    assert f"  hoppade över {src.resolve() / 'bilagor.pdf'}: PDF has 6 pages, over the limit of 5 pages\n" in err
    assert main(args + ["--max-pages", "0"]) == 2
    assert "fel: --max-pages måste vara minst 1" in capsys.readouterr().err
    monkeypatch.setenv("SEARCH_FILE_TIMEOUT", "snart")
    assert main(args) == 2
    assert "fel: SEARCH_FILE_TIMEOUT='snart' är inget tal" in capsys.readouterr().err


def _cmdlines(pids) -> dict[int, str]:
    out = {}
    for pid in pids:
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
        except OSError:
            raw, state = b"", "gone"
        out[pid] = f"[{state}] " + raw.replace(b"\0", b" ").decode(errors="replace").strip()
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_is_reported_and_the_run_goes_on(tmp_path, monkeypatch, jobs, index_spec):
    """A real slow file: 200 pages of dense text take pdfplumber 20 s here (a
    machine three times faster: 7 s), against a limit of 3 s; a small text
    file takes milliseconds."""
    src, idx = tmp_path / "src", index_spec
    src.mkdir()
    names = ["a.md", "b.md", "c.md", "e.md", "f.md"]
    for name in names:
        (src / name).write_text(f"# Notis {name}\n\nOm färjeläget, notis {name[0]}.\n", encoding="utf-8")
    # Sorted in the middle: with two workers, the worker that gets it has
    # indexed b.md before it and indexes f.md after it.
    _pdf(src / "d-lang.pdf", 200, lines=70)
    monkeypatch.setenv("SEARCH_FILE_TIMEOUT", "3")
    before = set(children(os.getpid()))
    report = update_index([src], idx, tmp_path / "cache", jobs=jobs, progress=False)
    assert report.exit_status == 1
    assert [(f.path, f.reason, f.kind) for f in report.failures] == [("d-lang.pdf", "timed out after 3 s", "timeout")]
    assert report.added == names and report.documents == 5
    store = open_store(idx)
    assert sorted(h.source_path for h in store.search(SearchRequest(query="färjeläget", limit=10)).hits) == names
    left = set(children(os.getpid())) - before
    assert not left, f"left behind: {_cmdlines(left)}"  # no reader (or program it started)

    # Unchanged: reported again the next night without being read again.
    again = update_index([src], idx, tmp_path / "cache", jobs=jobs, progress=False)
    assert again.mode == "none" and again.extracted == 0
    assert [(f.path, f.reason, f.known) for f in again.failures] == [("d-lang.pdf", "timed out after 3 s", True)]
