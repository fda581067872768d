"""Indexing in the worker processes (pipeline.IndexingPool, store/whoosh/staging.py):
each worker writes its own segment, the parent commits them once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from bench.perf.procmem import alive, children
from indexer import pipeline
from indexer.pipeline import BuildError, build_index, update_index
from indexer.store import SearchRequest, index_root, open_store
from indexer.store.whoosh import staging as whoosh_staging

from conftest import index_spec_at, live_generation

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
QUERIES = ["avsiktsförklaring", "bostäder i Boden", "kompetensförsörjning", "\"Norrbotniabanan\"", "detaljplan"]


def _records(idx: str) -> list[str]:
    """Every record of the live (Whoosh) generation in index order (document and passage ids)."""
    ix = whoosh_index.open_dir(str(live_generation(idx).location))
    with ix.searcher() as s:
        return [f"{f['kind']}:{f.get('passage_id') or f['doc_id']}" for _n, f in s.iter_docs()]


def _ranking(idx: str) -> list[list[tuple[str, float]]]:
    store = open_store(idx)
    return [[(h.doc_id, h.score) for h in store.search(SearchRequest(query=q, limit=20)).hits] for q in QUERIES]


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("extraction-cache")


@pytest.mark.whoosh_only  # compares the Whoosh records and segment files the workers wrote
def test_two_workers_index_what_one_process_does(tmp_path, cache):
    one_idx, two_idx = index_spec_at(tmp_path / "one"), index_spec_at(tmp_path / "two")
    one = build_index([CORPUS], one_idx, cache, jobs=1, progress=False)
    two = build_index([CORPUS], two_idx, cache, jobs=2, progress=False)
    assert (one.documents, one.passages) == (two.documents, two.passages) and one.documents >= 30
    assert sorted(_records(one_idx)) == sorted(_records(two_idx))
    # The same statistics, so the same scores; ties may only be ordered differently.
    for a, b in zip(_ranking(one_idx), _ranking(two_idx)):
        assert a and sorted(a) == sorted(b)
    gen = live_generation(two_idx).location
    assert len(list(gen.glob("*.seg"))) == 2  # one segment per worker, no merging
    assert not (gen / whoosh_staging.STAGING).exists()
    assert sorted(two.added) == two.added  # reports list files in a stable order


@pytest.mark.whoosh_only  # compares the Whoosh records in index order
def test_a_rebuild_with_the_same_input_writes_the_same_records_in_the_same_order(tmp_path, cache):
    a, b = index_spec_at(tmp_path / "a"), index_spec_at(tmp_path / "b")
    build_index([CORPUS], a, cache, jobs=2, progress=False)
    build_index([CORPUS], b, cache, jobs=2, progress=False)
    assert _records(a) == _records(b)
    assert _ranking(a) == _ranking(b)


def _source(tmp_path: Path, n: int = 12) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(n):
        (src / f"not{i:02d}.md").write_text(f"# Notis {i}\n\nOm bostäder i Boden, notis nummer {i}.\n",
                                            encoding="utf-8")
    return src


def _a_worker_dies_then_the_next_run_completes(tmp_path: Path, cache: Path, monkeypatch, idx: str) -> None:
    src = _source(tmp_path)
    assert update_index([src], idx, cache, jobs=2, progress=False).exit_status == 0
    live = live_generation(idx).name
    (src / "not03.md").write_text("# Notis 3\n\nÄndrad text om skolor i Luleå.\n", encoding="utf-8")
    (src / "ny.md").write_text("# Ny\n\nEn ny notis om vägar.\n", encoding="utf-8")
    real = pipeline.process_file

    def dies_on_the_new_file(job):
        if job[1].endswith("ny.md"):
            os._exit(3)  # as a crash in a native library or the OOM killer would end it
        return real(job)
    monkeypatch.setattr(pipeline, "process_file", dies_on_the_new_file)  # inherited by the forked workers
    report = update_index([src], idx, cache, jobs=2, progress=False)
    assert report.exit_status == 2
    assert "avslutades oväntat" in report.error and "slutstatus 3" in report.error
    assert live_generation(idx).name == live
    store = open_store(idx)
    assert store.stats().documents == 12 and store.search(SearchRequest(query="skolor")).total == 0

    monkeypatch.setattr(pipeline, "process_file", real)
    again = update_index([src], idx, cache, jobs=2, progress=False)
    assert again.exit_status == 0 and again.added == ["ny.md"] and again.changed == ["not03.md"]
    store = open_store(idx)
    assert store.stats().documents == 13
    assert store.search(SearchRequest(query="skolor")).total == 1  # the new version replaced the old
    assert store.search(SearchRequest(query="bostäder")).total == 11  # and the old version is gone


def test_a_worker_that_dies_fails_the_run_and_the_live_index_stays(tmp_path, cache, monkeypatch, index_spec):
    _a_worker_dies_then_the_next_run_completes(tmp_path, cache, monkeypatch, index_spec)


@pytest.mark.whoosh_only
def test_a_worker_that_dies_leaves_no_generation_or_staging_folder_behind(tmp_path, cache, monkeypatch, index_spec):
    _a_worker_dies_then_the_next_run_completes(tmp_path, cache, monkeypatch, index_spec)
    root = index_root(index_spec)
    assert len(list(root.glob("gen-*"))) <= 2 and not list(root.glob("gen-*/.staging"))


@pytest.mark.whoosh_only  # the error is made in the Whoosh staging code
def test_an_error_while_indexing_in_a_worker_names_it_and_nothing_is_published(tmp_path, cache, monkeypatch,
                                                                                index_spec):
    src = _source(tmp_path, 6)

    def broken(writer, doc):
        raise RuntimeError(f"kan inte skriva {doc.doc_id}")
    monkeypatch.setattr(whoosh_staging, "add_records", broken)
    report = update_index([src], index_spec, cache, jobs=2, progress=False)
    assert report.exit_status == 2
    assert report.error.startswith("en arbetsprocess avbröts: RuntimeError: kan inte skriva ")
    assert live_generation(index_spec) is None


def test_an_error_in_the_engines_batch_writer_names_it_and_nothing_is_published(tmp_path, cache, monkeypatch,
                                                                                 index_spec):
    """As above on any engine: the batch writer (base.BatchWriter) a worker opens fails to add."""
    src = _source(tmp_path, 6)
    real = pipeline._index_file  # noqa: SLF001

    class Broken:
        def __init__(self, writer):
            self.writer = writer

        def add(self, doc):
            raise RuntimeError(f"kan inte skriva {doc.doc_id}")

        def finish(self):
            return self.writer.finish()

        def cancel(self):
            self.writer.cancel()

    def with_a_broken_writer(job, staging, writer):
        if not writer:
            writer.append(Broken(staging.writer()))
        return real(job, staging, writer)
    monkeypatch.setattr(pipeline, "_index_file", with_a_broken_writer)  # inherited by the forked workers
    report = update_index([src], index_spec, cache, jobs=2, progress=False)
    assert report.exit_status == 2
    assert report.error.startswith("en arbetsprocess avbröts: RuntimeError: kan inte skriva ")
    assert live_generation(index_spec) is None


def test_workers_stop_when_the_run_is_killed(tmp_path, index_spec):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(400):
        (src / f"n{i:04d}.md").write_text(f"# Notis {i}\n\nBostäder i Boden, stycke {i}.\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "indexer", "update", "--source", str(src), "--index", index_spec,
         "--cache", str(tmp_path / "cache"), "--jobs", "2", "--quiet"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        time.sleep(0.02)
    assert len(workers) >= 2, "the run did not start its workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers), "worker processes outlived the killed run"
    # They held no lock: the next run starts and completes.
    report = update_index([src], index_spec, tmp_path / "cache", jobs=2, progress=False)
    assert report.exit_status == 0 and report.documents == 400
