"""The build end to end on real files: caching, bad files, generations, devdata."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.pipeline import BuildError, build_index, stale_reason
from indexer.store import SearchRequest, index_root, open_store

from conftest import index_spec_at, live_generation

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _small_source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for rel in ("pdf/lulea-ksau-protokoll-2022-06-07.pdf", "html/lulea-boden-samverkar-2022-06-07.html",
                "docx/lulea-tjansteskrivelse-avsiktsforklaring-2022-05-24.docx"):
        shutil.copy(CORPUS / rel, src / Path(rel).name)
    return src


def test_bad_files_are_reported_and_skipped_and_the_rest_indexed(tmp_path, index_spec):
    src = _small_source(tmp_path)
    good = (src / "lulea-ksau-protokoll-2022-06-07.pdf").read_bytes()
    (src / "trasig.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    (src / "avklippt.pdf").write_bytes(good[: len(good) // 2])
    (src / "tom.docx").write_bytes(b"")
    (src / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    report = build_index([src], index_spec, tmp_path / "cache", jobs=2, progress=False)
    failed = {f.path: f.reason for f in report.failures}
    assert set(failed) == {"trasig.pdf", "avklippt.pdf", "tom.docx", "bild.png"}
    assert "empty" in failed["tom.docx"]
    assert "PDF" in failed["trasig.pdf"]
    assert report.documents == 3
    assert report.pages >= 7
    stats = open_store(index_spec).stats()
    assert stats.documents == 3 and stats.passages == report.passages


def test_unchanged_files_are_never_extracted_twice(tmp_path, index_spec):
    src = _small_source(tmp_path)
    first = build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert (first.extracted, first.from_cache) == (3, 0)
    # A renamed file has the same content, so its extraction is reused too.
    (src / "lulea-ksau-protokoll-2022-06-07.pdf").rename(src / "ksau-omdopt.pdf")
    second = build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert (second.extracted, second.from_cache) == (0, 3)
    doc_paths = {h.source_path for h in open_store(index_spec).search(
        SearchRequest(limit=10)).hits}
    assert "ksau-omdopt.pdf" in doc_paths


def _failed_build(tmp_path: Path, spec: str) -> str:
    """A build, then a build of a folder with nothing readable; the live generation's name."""
    src = _small_source(tmp_path)
    build_index([src], spec, tmp_path / "cache", jobs=1, progress=False)
    before = live_generation(spec).name
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "trasig.pdf").write_bytes(b"%PDF-1.4 nonsense")
    with pytest.raises(BuildError, match=r"inget kunde indexeras från .*empty \(1 fil kunde inte läsas\); "
                                         r"indexet lämnas orört"):
        build_index([empty], spec, tmp_path / "cache", jobs=1, progress=False)
    return before


def test_a_failed_build_leaves_the_live_index_untouched(tmp_path, index_spec):
    before = _failed_build(tmp_path, index_spec)
    assert live_generation(index_spec).name == before
    assert open_store(index_spec).stats().documents == 3


@pytest.mark.whoosh_only
def test_a_failed_build_leaves_no_generation_folder_behind(tmp_path, index_spec):
    before = _failed_build(tmp_path, index_spec)
    # the failed generation is gone
    assert [g.name for g in index_root(index_spec).glob("gen-*")] == [before]


def test_stale_reason(tmp_path, monkeypatch, index_spec):
    src = _small_source(tmp_path)
    assert stale_reason([src], index_spec) == "no index yet"
    build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert stale_reason([src], index_spec) is None
    (src / "ny.txt").write_text("Ny anteckning om bostäder i Boden.", encoding="utf-8")
    assert stale_reason([src], index_spec) == "source files changed since the last build"
    build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    areas = tmp_path / "areas.toml"
    areas.write_bytes((Path(__file__).resolve().parents[1] / "indexer" / "data" / "areas.toml").read_bytes())
    monkeypatch.setenv("SEARCH_AREAS_FILE", str(areas))
    assert stale_reason([src], index_spec) == "areas.toml changed since the last build"


def test_cli_build_reports_summary_and_failures(tmp_path, capsys):
    from indexer.cli import main
    src = _small_source(tmp_path)
    (src / "tom.pdf").write_bytes(b"")
    code = main(["build", "--source", str(src), "--index", index_spec_at(tmp_path / "i"),
                 "--cache", str(tmp_path / "c"), "--quiet", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "3 dokument" in out and "1 fel" in out
    assert "tom.pdf: empty file" in err
    assert main(["build", "--source", str(tmp_path / "finns-inte"), "--index", index_spec_at(tmp_path / "i")]) == 2
    assert "finns inte" in capsys.readouterr().err


def test_devdata_every_file_indexed_and_real_minutes_have_items(devdata, tmp_path, monkeypatch, index_spec):
    monkeypatch.setenv("SEARCH_TESSERACT", "")   # OCR of the garbled real pages is tested in test_pdf_layout
    report = build_index([devdata], index_spec, tmp_path / "cache", jobs=2, progress=False)
    files = [p for p in devdata.rglob("*") if p.is_file() and p.name != "README.md"]
    data_files = [p for p in files if p.suffix in (".json", ".jsonl", ".tsv")]  # question sets, not documents
    assert sorted(f.path for f in report.failures) == sorted(p.relative_to(devdata).as_posix() for p in data_files)
    assert all("unsupported file type" in f.reason for f in report.failures)
    assert report.documents == len(files) - len(data_files)
    store = open_store(index_spec)
    doc = next(store.get_document(h.doc_id) for h in store.search(
        SearchRequest(query="Skörvalla", limit=5)).hits)
    assert [i.number for i in doc.items] == ["137", "163", "164"]
    assert doc.doc_type == "protokoll"
