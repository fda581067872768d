"""kill -9 of an update at different moments: the last good index stays
searchable, and the next run takes over the lock, cleans up and completes.

The moments are exact: the run is told (test-only, SEARCH_TEST_PAUSE_AT, see
pipeline._pause_for_test) to stop at a stage and say so with a marker file,
and is killed there. Waiting for a moment to show on disk instead made the
test depend on the machine's speed: a moment that lasts milliseconds is missed
on a busy machine."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.perf.procmem import alive, children
from indexer.config import TEST_PAUSE_ENV, TEST_PAUSE_FILE_ENV
from indexer.lock import lock_record
from indexer.pipeline import TEST_STAGES, update_index
from indexer.store import SearchRequest, index_root, open_store, read_meta

from conftest import live_generation

REPO = Path(__file__).resolve().parents[1]


def _notes(folder: Path, prefix: str, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{prefix}{i:04d}.md").write_text(
            f"# {prefix.capitalize()} {i}\n\nStycke {i} om bostäder i Boden och samverkan med Luleå.\n\n"
            f"Ett andra stycke om kompetensförsörjning, nummer {i}.\n", encoding="utf-8")


def _start(src: Path, idx: str, cache: Path, pause_at: str | None = None, marker: Path | None = None
           ) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in (TEST_PAUSE_ENV, TEST_PAUSE_FILE_ENV)}
    if pause_at:
        assert pause_at in TEST_STAGES and marker is not None
        env.update({TEST_PAUSE_ENV: pause_at, TEST_PAUSE_FILE_ENV: str(marker)})
    return subprocess.Popen(
        [sys.executable, "-m", "indexer", "update", "--source", str(src), "--index", idx,
         "--cache", str(cache), "--jobs", "1", "--quiet"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _paused(proc: subprocess.Popen, marker: Path, timeout: float = 300.0) -> None:
    """Wait until the run stands still at its stage (it wrote its pid to the marker)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists():
            assert int(marker.read_text(encoding="utf-8")) == proc.pid
            return
        if proc.poll() is not None:
            raise AssertionError(f"the update ended before it reached its stage: {proc.communicate()}")
        time.sleep(0.01)
    raise AssertionError("the update did not reach its stage")


def _kill(proc: subprocess.Popen, marker: Path | None = None) -> int:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    proc.stdout.close()
    proc.stderr.close()
    if marker is not None:
        marker.unlink()
    return proc.pid


def _existing(idx: str) -> set[Path]:
    """The Whoosh generation folders of the index ``idx`` names."""
    return set(index_root(idx).glob("gen-*"))


def _new_generation(idx: str, before: set[Path]) -> Path | None:
    """The generation the running update started (not one a killed run left)."""
    gens = [g for g in _existing(idx) if g not in before and not read_meta(g).get("complete")]
    return gens[0] if gens else None


def _assert_last_good_index(idx: str, generation: str, documents: int) -> None:
    assert live_generation(idx).name == generation
    store = open_store(idx)
    assert store.stats().documents == documents
    result = store.search(SearchRequest(query="bostäder Boden", limit=3))
    assert result.total == documents and store.get_document(result.hits[0].doc_id) is not None


class _GenerationFolders:
    """What each stage has done in the Whoosh generation folders when the run
    stands still there; checked before the kill, so the test proves it killed
    the run at that moment."""

    def __init__(self, idx: str):
        self.idx = idx
        self.base_files = {f.name for f in live_generation(idx).location.iterdir()}
        self.before: set[Path] = set()

    def before_run(self) -> None:
        self.before = _existing(self.idx)

    def staging(self, gen: Path) -> bool:
        return (gen / ".staging").is_dir()

    def committed(self, gen: Path) -> bool:
        return any(f.suffix == ".toc" and f.name not in self.base_files for f in gen.iterdir())

    def check(self, stage: str) -> None:
        gen = _new_generation(self.idx, self.before)
        if stage == "locked":   # holds the lock, compares files, has written nothing
            assert gen is None
        elif stage == "generation":  # the new generation exists (hard links made), nothing indexed
            assert gen is not None and not self.staging(gen)
        elif stage in ("indexing", "indexed"):  # files being indexed / every file staged, nothing committed
            assert gen is not None and self.staging(gen) and not self.committed(gen)
        elif stage == "committed":  # segments committed into the new generation, not yet switched in
            assert gen is not None and self.committed(gen)

    def after_all(self) -> None:
        # No unfinished generation is left behind.
        assert all(read_meta(g).get("complete") for g in _existing(self.idx))


def _killed_at_every_stage_and_moment(tmp_path: Path, idx: str, whoosh_folders: bool = False) -> None:
    """The run killed at each stage (TEST_STAGES), then at a series of moments;
    after each kill the last good index answers; the next run completes."""
    src, cache = tmp_path / "src", tmp_path / "cache"
    marker = tmp_path / "paused"
    _notes(src, "gammal", 30)
    assert update_index([src], idx, cache, jobs=1, progress=False).exit_status == 0
    good = live_generation(idx).name
    folders = _GenerationFolders(idx) if whoosh_folders else None
    _notes(src, "ny", 320)
    for old in range(10):
        (src / f"gammal{old:04d}.md").unlink()

    killed = []
    for stage in TEST_STAGES:
        if folders:
            folders.before_run()
        proc = _start(src, idx, cache, stage, marker)
        _paused(proc, marker)
        if folders:
            folders.check(stage)
        if stage == "locked":   # holds the lock
            assert lock_record(index_root(idx))[1]
        elif stage == "indexing":  # files being indexed, a reader process reading them
            readers = children(proc.pid)
            assert readers, "no reader process at work"
        killed.append(_kill(proc, marker))
        _assert_last_good_index(idx, good, 30)
        holder, running = lock_record(index_root(idx))
        assert holder.pid == killed[-1] and not running  # `status` shows an interrupted run
        if stage == "indexing":
            deadline = time.monotonic() + 30
            while any(alive(r) for r in readers) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not any(alive(r) for r in readers), "a reader process outlived the killed run"

    # At a series of moments, whatever it is doing then.
    for delay in (0.4, 1.5, 3.0):
        proc = _start(src, idx, cache)
        time.sleep(delay)
        if proc.poll() is not None:
            proc.communicate()
            break  # this run completed: fine, it is a good index too
        killed.append(_kill(proc))
        expected = 30 if live_generation(idx).name == good else 20 + 320  # the old or the complete new state
        assert open_store(idx).stats().documents == expected
        assert open_store(idx).search(SearchRequest(query="bostäder", limit=1)).total == expected

    # The next run needs no manual lock removal and completes normally.
    proc = subprocess.run(
        [sys.executable, "-m", "indexer", "update", "--source", str(src), "--index", idx, "--cache",
         str(cache), "--jobs", "1", "--quiet", "--json"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["exit_status"] == 0 and report["documents"] == 340
    if live_generation(idx).name != good and report["mode"] == "none":
        pass  # a killed run had already switched in the complete new state
    else:
        assert report["lock_taken_over"]["pid"] == killed[-1]
    assert open_store(idx).stats().documents == 340
    assert open_store(idx).search(SearchRequest(query="Stycke 300", limit=1)).total >= 1
    if folders:
        folders.after_all()
    assert lock_record(index_root(idx)) == (None, False)  # the lock is free
    assert update_index([src], idx, cache, jobs=1, progress=False).mode == "none"


def test_update_killed_at_any_moment_leaves_the_last_good_index_and_the_next_run_completes(tmp_path, index_spec):
    _killed_at_every_stage_and_moment(tmp_path, index_spec)


@pytest.mark.whoosh_only  # each stage is also proven by what is in the new generation's folder before the kill
def test_update_killed_at_each_stage_as_its_generation_folder_shows(tmp_path, index_spec):
    _killed_at_every_stage_and_moment(tmp_path, index_spec, whoosh_folders=True)


def test_a_paused_run_goes_on_when_the_marker_is_removed(tmp_path, index_spec):
    """The pause hook only holds a run; it changes nothing else."""
    src, idx, cache, marker = tmp_path / "src", index_spec, tmp_path / "cache", tmp_path / "paused"
    _notes(src, "dok", 5)
    proc = _start(src, idx, cache, "committed", marker)
    _paused(proc, marker)
    assert live_generation(idx) is None
    marker.unlink()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert open_store(idx).stats().documents == 5


def _first_build_killed_then_built(tmp_path: Path, idx: str, while_paused=lambda: None) -> None:
    src, cache, marker = tmp_path / "src", tmp_path / "cache", tmp_path / "paused"
    _notes(src, "dok", 250)
    proc = _start(src, idx, cache, "committed", marker)
    _paused(proc, marker)
    while_paused()
    pid = _kill(proc, marker)
    assert live_generation(idx) is None  # no CURRENT: the web app says "no index", never a broken one
    report = update_index([src], idx, cache, jobs=1, progress=False)
    assert report.exit_status == 0 and report.documents == 250
    assert report.lock_taken_over["pid"] == pid


def test_first_build_killed_leaves_no_half_index_and_the_next_run_builds(tmp_path, index_spec):
    _first_build_killed_then_built(tmp_path, index_spec)


@pytest.mark.whoosh_only  # the stage is proven by the segment files in the generation folder before the kill
def test_first_build_killed_leaves_one_generation_folder_after_the_next_run(tmp_path, index_spec):
    def segments_committed():
        gens = list(_existing(index_spec))
        assert len(gens) == 1 and any(f.suffix == ".seg" for f in gens[0].iterdir())  # segments committed

    _first_build_killed_then_built(tmp_path, index_spec, segments_committed)
    assert len(_existing(index_spec)) == 1
