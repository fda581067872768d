"""Incremental update on real files: adds, changes, removes, renames, no-op runs,
version changes, reports, exit status, and searching while updates run."""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from indexer import pipeline
from indexer.cli import main
from indexer.pipeline import build_index, update_index
from indexer.store import SearchRequest, index_root, open_store

from conftest import doc_ids_by_path, index_spec_at, live_generation

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _note(path: Path, title: str, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    return path


def _source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    _note(src / "bostader.md", "Bostäder i Boden", "Kommunen planerar 300 nya radhus vid Sävast.")
    _note(src / "vagar" / "vag97.md", "Väg 97", "Trafikverket bygger om väg 97 mellan Luleå och Boden.")
    _note(src / "skola.md", "Gymnasieskolan", "Kompetensförsörjning genom ett gemensamt gymnasieprogram.")
    shutil.copy(CORPUS / "pdf" / "lulea-ksau-protokoll-2022-06-07.pdf", src / "ksau.pdf")
    return src


def _spec(tmp_path: Path) -> str:
    """The test's index (the ``index_spec`` fixture's location)."""
    return index_spec_at(tmp_path / "index")


def _run(src: Path, tmp_path: Path, **kw):
    kw.setdefault("jobs", 1)
    kw.setdefault("progress", False)
    return update_index([src], _spec(tmp_path), tmp_path / "cache", **kw)


def _ids(tmp_path: Path, query: str) -> set[str]:
    store = open_store(_spec(tmp_path))
    return {h.doc_id for h in store.search(SearchRequest(query=query, limit=50)).hits}


def _doc_ids_by_path(tmp_path: Path) -> dict[str, str]:
    return doc_ids_by_path(_spec(tmp_path))


def test_first_update_builds_everything_and_a_second_does_nothing(tmp_path, monkeypatch, index_spec):
    src = _source(tmp_path)
    first = _run(src, tmp_path)
    assert first.exit_status == 0 and first.mode == "full"
    assert first.full_reason == "det finns inget index ännu"
    assert sorted(first.added) == ["bostader.md", "ksau.pdf", "skola.md", "vagar/vag97.md"]
    assert first.extracted == 4 and first.documents == 4
    generation = live_generation(index_spec).name

    # A run with nothing changed must not extract, structure or index anything.
    def no_processing(*_a, **_k):
        raise AssertionError("a no-op update processed a file")
    monkeypatch.setattr(pipeline, "index_files", no_processing)
    monkeypatch.setattr(pipeline, "extract_file", no_processing)
    second = _run(src, tmp_path)
    assert second.exit_status == 0 and second.mode == "none"
    assert (second.added, second.changed, second.removed, second.renamed) == ([], [], [], [])
    assert second.unchanged == 4 and second.extracted == 0 and second.from_cache == 0
    assert second.documents == 4 and second.passages == first.passages
    assert live_generation(index_spec).name == generation


def test_update_adds_changes_removes_and_renames(tmp_path, index_spec):
    src = _source(tmp_path)
    _run(src, tmp_path)
    before = _doc_ids_by_path(tmp_path)
    old_gen = live_generation(index_spec).name

    _note(src / "nytt.md", "Nytt pressmeddelande", "Vätgas och fossilfritt stål i Svartbyn.")
    _note(src / "bostader.md", "Bostäder i Boden", "Kommunen planerar 450 hyresrätter vid Sävast.")
    (src / "skola.md").unlink()
    (src / "arkiv").mkdir()
    (src / "vagar" / "vag97.md").rename(src / "arkiv" / "vag97-2022.md")

    report = _run(src, tmp_path)
    assert report.exit_status == 0 and report.mode == "incremental"
    assert report.added == ["nytt.md"]
    assert report.changed == ["bostader.md"]
    assert report.removed == ["skola.md"]
    assert report.renamed == [{"from": "vagar/vag97.md", "to": "arkiv/vag97-2022.md",
                               "doc_id": before["vagar/vag97.md"]}]
    assert report.unchanged == 1  # ksau.pdf
    # Only the new and the changed file were read; the moved one came from the cache.
    assert (report.extracted, report.from_cache) == (2, 1)
    assert report.documents == 4 and report.previous_generation == old_gen

    after = _doc_ids_by_path(tmp_path)
    assert after["bostader.md"] == before["bostader.md"]
    assert after["arkiv/vag97-2022.md"] == before["vagar/vag97.md"]  # links stay valid
    assert after["ksau.pdf"] == before["ksau.pdf"]
    assert set(after) == {"bostader.md", "arkiv/vag97-2022.md", "ksau.pdf", "nytt.md"}

    store = open_store(index_spec)
    assert _ids(tmp_path, "hyresrätter") == {before["bostader.md"]}
    assert _ids(tmp_path, "radhus") == set()               # the old text is gone
    assert _ids(tmp_path, "gymnasieprogram") == set()      # the removed file is gone
    assert _ids(tmp_path, "vätgas Svartbyn") == {after["nytt.md"]}
    moved = store.get_document(before["vagar/vag97.md"])
    assert moved is not None and moved.source_path == "arkiv/vag97-2022.md"
    assert all(p.passage_id.startswith(before["vagar/vag97.md"] + "-") for p in moved.passages)
    assert store.stats().documents == 4 and store.stats().passages == report.passages


def test_a_changed_file_that_cannot_be_read_keeps_its_previous_version(tmp_path, monkeypatch, index_spec):
    src = _source(tmp_path)
    shutil.copy(CORPUS / "docx" / "lulea-tjansteskrivelse-avsiktsforklaring-2022-05-24.docx", src / "ts.docx")
    _run(src, tmp_path)
    doc_id = _doc_ids_by_path(tmp_path)["ts.docx"]
    (src / "ts.docx").write_bytes(b"PK\x03\x04 this upload was cut off")

    report = _run(src, tmp_path)
    assert report.exit_status == 1
    assert [(f.path, f.reason) for f in report.failures] == [("ts.docx", "not a valid DOCX (zip) file")]
    assert report.changed == [] and report.removed == []
    assert open_store(index_spec).get_document(doc_id) is not None  # still searchable

    # Unchanged since it failed: reported again, not read again.
    monkeypatch.setattr(pipeline, "index_files", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    again = _run(src, tmp_path)
    assert again.exit_status == 1 and again.mode == "none"
    assert [(f.path, f.reason, f.known) for f in again.failures] == [
        ("ts.docx", "not a valid DOCX (zip) file", True)]


def test_copied_file_is_a_new_document_and_the_original_keeps_its_id(tmp_path):
    src = _source(tmp_path)
    _run(src, tmp_path)
    before = _doc_ids_by_path(tmp_path)
    shutil.copy(src / "skola.md", src / "skola-kopia.md")
    report = _run(src, tmp_path)
    assert report.added == ["skola-kopia.md"] and report.renamed == []
    after = _doc_ids_by_path(tmp_path)
    assert after["skola.md"] == before["skola.md"] and after["skola-kopia.md"] != before["skola.md"]


def test_a_new_file_where_a_moved_file_was_gets_its_own_id(tmp_path):
    src = _source(tmp_path)
    _run(src, tmp_path)
    before = _doc_ids_by_path(tmp_path)
    (src / "skola.md").rename(src / "skola-2021.md")
    _note(src / "skola.md", "Ny skola", "Ett helt nytt dokument om lärlingsutbildning.")
    report = _run(src, tmp_path)
    # Same path, new content: "changed", and the moved content is a rename.
    after = _doc_ids_by_path(tmp_path)
    assert report.changed == ["skola.md"] and report.renamed == []
    assert report.added == ["skola-2021.md"]
    assert after["skola.md"] == before["skola.md"]
    assert len(set(after.values())) == len(after)


def test_same_name_in_two_source_folders_gives_two_documents(tmp_path, index_spec):
    a, b = tmp_path / "a", tmp_path / "b"
    _note(a / "protokoll.md", "Protokoll Luleå", "Luleå kommunstyrelse beslutade om bredband.")
    _note(b / "protokoll.md", "Protokoll Boden", "Bodens kommunstyrelse beslutade om simhall.")
    report = update_index([a, b], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert report.documents == 2
    assert len(_ids(tmp_path, "bredband")) == 1 and len(_ids(tmp_path, "simhall")) == 1
    assert _ids(tmp_path, "bredband") != _ids(tmp_path, "simhall")


@pytest.mark.whoosh_only  # an older generation is made by editing its meta.json
def test_analyzer_or_schema_change_rebuilds_into_a_new_generation(tmp_path, index_spec):
    src = _source(tmp_path)
    _run(src, tmp_path)
    ids = _doc_ids_by_path(tmp_path)
    info = live_generation(index_spec)
    meta = json.loads((info.location / "meta.json").read_text(encoding="utf-8"))
    meta["analyzer_version"] = "sv-0"  # as if built by an older analyzer
    (info.location / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    report = _run(src, tmp_path)
    assert report.mode == "full" and report.full_reason.startswith("den svenska analysen har ändrats (sv-0 -> ")
    assert report.added == [] and report.unchanged == 4 and report.documents == 4
    new = live_generation(index_spec)
    assert new.name != info.name and new.meta["base"] is None  # built from empty
    assert info.location.is_dir()  # the old generation is kept as the previous one
    assert _doc_ids_by_path(tmp_path) == ids

    meta = json.loads((new.location / "meta.json").read_text(encoding="utf-8"))
    meta["schema_version"] = 1
    (new.location / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert _run(src, tmp_path).full_reason.startswith("indexets schema 1 skiljer sig från ")
    assert _run(src, tmp_path).mode == "none"


def test_area_lexicon_change_rebuilds(tmp_path, monkeypatch):
    src = _source(tmp_path)
    _run(src, tmp_path)
    areas = tmp_path / "areas.toml"
    text = (Path(__file__).resolve().parents[1] / "indexer" / "data" / "areas.toml").read_text(encoding="utf-8")
    areas.write_text(text + "\n# redigerad\n", encoding="utf-8")
    monkeypatch.setenv("SEARCH_AREAS_FILE", str(areas))
    report = _run(src, tmp_path)
    assert report.mode == "full"
    assert report.full_reason == \
        "listan över prioriterade områden, politiska organ, organisationer eller partier har ändrats"


@pytest.mark.whoosh_only
def test_update_never_changes_a_byte_of_the_generation_it_copies(tmp_path, index_spec):
    """The new generation hard-links the live one's files; Whoosh must never
    write into them (readers of the old generation would see it change)."""
    src = _source(tmp_path)
    for i in range(12):
        _note(src / f"serie{i}.md", f"Dokument {i}", f"Text nummer {i} om samverkan och bostäder.")
    _run(src, tmp_path)

    def snapshot(gen: Path) -> dict[str, tuple[int, str]]:
        return {f.name: (f.stat().st_ino, hashlib.sha256(f.read_bytes()).hexdigest())
                for f in gen.iterdir() if f.is_file()}

    seen: dict[Path, dict] = {}
    linked = 0
    for step in range(6):
        gen = live_generation(index_spec).location
        seen[gen] = snapshot(gen)
        # each step deletes, changes and adds documents, so segments are merged
        (src / f"serie{step}.md").unlink()
        _note(src / f"serie{step + 6}.md", "Ändrad", f"Ny text {step} om kompetensförsörjning.")
        _note(src / f"ny{step}.md", f"Ny {step}", "Infrastruktur och dubbelspår.")
        assert _run(src, tmp_path).exit_status == 0
        new_gen = live_generation(index_spec).location
        assert new_gen != gen
        new_inodes = {f.stat().st_ino for f in new_gen.iterdir() if f.is_file()}
        linked += len(new_inodes & {ino for ino, _ in seen[gen].values()})
        for old, files in seen.items():
            if old.is_dir():  # kept as previous (or within the grace period)
                assert snapshot(old) == files, f"{old.name} changed"
    assert linked > 0  # the test really exercised hard links
    assert open_store(index_spec).stats().documents == 4 + 12 - 6 + 6


def test_searches_during_updates_see_old_or_new_state_and_no_errors(tmp_path, index_spec):
    src = _source(tmp_path)
    _run(src, tmp_path)
    store = open_store(index_spec)  # one store shared by all threads, as in the web app
    stop = threading.Event()
    errors: list[BaseException] = []
    totals: list[int] = []
    searches = [0]

    def reader() -> None:
        while not stop.is_set():
            try:
                result = store.search(SearchRequest(query="Boden", limit=5))
                totals.append(result.total)
                for hit in result.hits:
                    doc = store.get_document(hit.doc_id)
                    # a document that disappeared with a switch is None, never an error
                    assert doc is None or doc.doc_id == hit.doc_id
                store.stats()
                searches[0] += 1
            except BaseException as exc:  # noqa: BLE001 - any error fails the test
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        allowed = {open_store(index_spec).search(SearchRequest(query="Boden", limit=1)).total}
        for i in range(6):
            if i % 2 == 0:
                _note(src / "extra.md", "Extra", "Ännu ett dokument om Boden och Luleå.")
            else:
                (src / "extra.md").unlink()
            assert _run(src, tmp_path).exit_status == 0
            allowed.add(open_store(index_spec).search(SearchRequest(query="Boden", limit=1)).total)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert errors == []
    assert searches[0] >= 20
    assert set(totals) <= allowed and len(allowed) == 2  # only ever the old or the new state


def test_web_app_picks_up_an_update_without_restart(tmp_path, index_spec):
    from search_app import create_app
    src = _source(tmp_path)
    _run(src, tmp_path)
    client = create_app({"INDEX_DIR": index_spec, "TESTING": True}).test_client()
    assert client.get("/api/search?q=simhall").get_json()["total"] == 0
    _note(src / "simhall.md", "Ny simhall", "Boden bygger en ny simhall.")
    _run(src, tmp_path)
    hits = client.get("/api/search?q=simhall").get_json()
    assert hits["total"] == 1 and hits["hits"][0]["source_path"] == "simhall.md"


def test_empty_source_folder_never_empties_the_index(tmp_path, index_spec):
    src = _source(tmp_path)
    _run(src, tmp_path)
    gen = live_generation(index_spec).name
    empty = tmp_path / "tom"
    empty.mkdir()  # e.g. a network share that failed to mount
    report = update_index([empty], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert report.exit_status == 2
    assert report.error == f"inga filer i {empty}; indexet lämnas orört"
    assert live_generation(index_spec).name == gen
    assert open_store(index_spec).stats().documents == 4


@pytest.mark.whoosh_only  # the index is broken by removing the generation folder CURRENT points at
def test_unreadable_index_exits_2_and_build_recovers(tmp_path, index_spec):
    src = _source(tmp_path)
    _run(src, tmp_path)
    root = index_root(index_spec)
    shutil.rmtree(live_generation(index_spec).location)  # CURRENT now points at nothing
    report = _run(src, tmp_path)
    assert report.exit_status == 2 and report.error.startswith(f"indexet i {root} kan inte läsas: CURRENT pekar på gen-")
    assert build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False).documents == 4
    assert _run(src, tmp_path).mode == "none"


def test_progress_bar_in_a_terminal_and_log_lines_otherwise(tmp_path, monkeypatch, caplog):
    src = _source(tmp_path)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr("sys.stderr", term)
    _run(src, tmp_path, progress=True)
    shown = term.getvalue()
    assert "Jämför" in shown and "Indexerar" in shown and "4/4" in shown

    monkeypatch.setattr("sys.stderr", io.StringIO())  # cron: not a terminal
    _note(src / "ny.md", "Ny", "Ny text om Luleå.")
    with caplog.at_level("INFO", logger="indexer"):
        _run(src, tmp_path, progress=True)
    messages = [r.getMessage() for r in caplog.records]
    assert "Indexerar: 1/1 filer (ny.md)" in messages
    assert "1 nya, 0 ändrade, 0 flyttade, 0 borttagna, 4 oförändrade, 0 att läsa om" in messages


def test_cli_update_report_summary_and_exit_status(tmp_path, capsys, index_spec):
    src = _source(tmp_path)
    args = ["update", "--source", str(src), "--index", index_spec, "--cache", str(tmp_path / "cache"),
            "--jobs", "1", "--quiet"]
    assert main(args) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Uppdateringen ok (helt ombyggt): 4 nya, 0 ändrade, 0 borttagna, "
                                                "0 flyttade, 0 oförändrade, 0 fel; 4 dokument, ")

    (src / "trasig.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (src / "skola.md").unlink()
    assert main(args) == 1
    captured = capsys.readouterr()
    line = captured.out.strip()
    assert line.startswith("Uppdateringen klar med fel i filer (stegvis): 0 nya, 0 ändrade, 1 borttagna, "
                           "0 flyttade, 3 oförändrade, 1 fel; 3 dokument, ")
    assert f"hoppade över {src.resolve() / 'trasig.pdf'}: not a valid PDF" in captured.err
    report_path = Path(line.rsplit("; rapport ", 1)[1])
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report_path.parent == index_root(index_spec) / "reports"
    assert report["exit_status"] == 1 and report["result"] == "klar med fel i filer"
    assert report["removed"] == ["skola.md"] and report["unchanged"] == 3
    assert report["failed"][0]["path"] == "trasig.pdf" and report["failed"][0]["reason"].startswith("not a valid PDF")
    assert report["counts"] == {"added": 0, "changed": 0, "removed": 1, "renamed": 0, "reprocessed": 0,
                                "unchanged": 3, "failed": 1, "warnings": 0}
    for key in ("started", "finished", "duration_s", "generation", "previous_generation", "sources", "mode"):
        assert report[key] not in (None, "")

    assert main(["update", "--source", str(tmp_path / "finns-inte"), "--index", index_spec]) == 2
    captured = capsys.readouterr()
    assert f"fel: källmappen finns inte: {tmp_path / 'finns-inte'}" in captured.err
    assert captured.out.startswith("Uppdateringen kunde inte köras: källmappen finns inte")
    assert main(args[:-3] + ["--jobs", "0"]) == 2
    assert "--jobs måste vara minst 1" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["update", "--index", index_spec])  # --source missing
    assert exc.value.code == 2
    reports = sorted((index_root(index_spec) / "reports").glob("run-*.json"))
    assert [json.loads(p.read_text(encoding="utf-8"))["exit_status"] for p in reports] == [0, 1, 2]


def test_status_shows_contents_version_and_last_run(tmp_path, capsys, index_spec):
    src = _source(tmp_path)
    idx = index_spec
    assert main(["status", "--index", idx]) == 2
    assert "fel: inget index" in capsys.readouterr().out
    main(["update", "--source", str(src), "--index", idx, "--cache", str(tmp_path / "c"), "--jobs", "1",
          "--quiet"])
    (src / "tom.txt").write_bytes(b"")
    main(["update", "--source", str(src), "--index", idx, "--cache", str(tmp_path / "c"), "--jobs", "1",
          "--quiet"])
    capsys.readouterr()
    assert main(["status", "--index", idx, "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    store_stats = open_store(idx).stats()
    assert status["documents"] == 4 and status["passages"] == store_stats.passages
    assert status["index_version"]["schema"] == store_stats.schema_version
    assert status["index_version"]["analyzer"] == store_stats.analyzer_version
    assert status["last_run"]["result"] == "klar med fel i filer" and status["last_run"]["exit_status"] == 1
    assert status["last_run"]["counts"]["failed"] == 1
    assert status["last_successful_run"]["exit_status"] == 0
    assert main(["status", "--index", idx]) == 0
    text = capsys.readouterr().out
    assert "dokument: 4" in text and f"passager: {store_stats.passages}" in text
    assert f"indexversion: schema {store_stats.schema_version}, analys {store_stats.analyzer_version}" in text
    assert "senaste körning: update " in text and "klar med fel i filer (status 1)" in text


def test_build_takes_the_lock_and_writes_a_report(tmp_path, index_spec):
    src = _source(tmp_path)
    report = build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert report.command == "build" and report.mode == "full" and report.exit_status == 0
    assert Path(report.report_path).is_file()
    assert (index_root(index_spec) / ".lock").read_bytes() == b""  # released
    # a build keeps doc_ids the index already has
    before = _doc_ids_by_path(tmp_path)
    build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False)
    assert _doc_ids_by_path(tmp_path) == before


@pytest.mark.whoosh_only
def test_a_build_publishes_its_generation_through_the_current_link(tmp_path, index_spec):
    src = _source(tmp_path)
    for _ in range(2):
        assert build_index([src], index_spec, tmp_path / "cache", jobs=1, progress=False).exit_status == 0
        assert os.path.islink(index_root(index_spec) / "CURRENT")


@pytest.mark.whoosh_only
def test_old_generations_are_removed_once_no_reader_can_need_them(tmp_path, monkeypatch, index_spec):
    from indexer.store.whoosh import generations
    src = _source(tmp_path)
    root = index_root(index_spec)
    gens = []
    for i in range(4):
        _note(src / f"ny{i}.md", f"Ny {i}", "Text om Luleå.")
        _run(src, tmp_path)
        gens.append(live_generation(index_spec).name)
    # within the grace period every replaced generation stays (a reader may be opening it)
    assert {g.name for g in root.glob("gen-*")} == set(gens)
    monkeypatch.setattr(generations, "SUPERSEDED_GRACE_S", 0.0)
    _note(src / "sista.md", "Sista", "Text om Boden.")
    _run(src, tmp_path)
    live = live_generation(index_spec)
    # the live one and the one before it (kept for readers that just switched)
    assert {g.name for g in root.glob("gen-*")} == {live.name, gens[-1]}
    assert live.meta["previous"] == gens[-1]


def test_update_full_rebuilds_everything_keeping_doc_ids(tmp_path, index_spec):
    src = _source(tmp_path)
    _run(src, tmp_path)
    ids = _doc_ids_by_path(tmp_path)
    report = _run(src, tmp_path, full=True)
    assert report.mode == "full" and report.full_reason is None and report.unchanged == 4
    assert report.from_cache == 4 and report.extracted == 0  # rebuilt from the extraction cache
    assert live_generation(index_spec).meta["base"] is None
    assert _doc_ids_by_path(tmp_path) == ids
