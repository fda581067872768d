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

from bench.perf.procmem import alive, children
from indexer.config import TEST_PAUSE_ENV, TEST_PAUSE_FILE_ENV
from indexer.lock import lock_record
from indexer.pipeline import TEST_STAGES, update_index
from indexer.store import SearchRequest, current_generation_info, open_store, read_meta

REPO = Path(__file__).resolve().parents[1]


def _notes(folder: Path, prefix: str, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{prefix}{i:04d}.md").write_text(
            f"# {prefix.capitalize()} {i}\n\nStycke {i} om bostäder i Boden och samverkan med Luleå.\n\n"
            f"Ett andra stycke om kompetensförsörjning, nummer {i}.\n", encoding="utf-8")


def _start(src: Path, idx: Path, cache: Path, pause_at: str | None = None, marker: Path | None = None
           ) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in (TEST_PAUSE_ENV, TEST_PAUSE_FILE_ENV)}
    if pause_at:
        assert pause_at in TEST_STAGES and marker is not None
        env.update({TEST_PAUSE_ENV: pause_at, TEST_PAUSE_FILE_ENV: str(marker)})
    return subprocess.Popen(
        [sys.executable, "-m", "indexer", "update", "--source", str(src), "--index", str(idx),
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


def _existing(idx: Path) -> set[Path]:
    return set(idx.glob("gen-*"))


def _new_generation(idx: Path, before: set[Path]) -> Path | None:
    """The generation the running update started (not one a killed run left)."""
    gens = [g for g in idx.glob("gen-*") if g not in before and not read_meta(g).get("complete")]
    return gens[0] if gens else None


def _assert_last_good_index(idx: Path, generation: str, documents: int) -> None:
    assert current_generation_info(idx)["generation"] == generation
    store = open_store(idx)
    assert store.stats().documents == documents
    result = store.search(SearchRequest(query="bostäder Boden", limit=3))
    assert result.total == documents and store.get_document(result.hits[0].doc_id) is not None


def test_update_killed_at_any_moment_leaves_the_last_good_index_and_the_next_run_completes(tmp_path):
    src, idx, cache = tmp_path / "src", tmp_path / "index", tmp_path / "cache"
    marker = tmp_path / "paused"
    _notes(src, "gammal", 30)
    assert update_index([src], idx, cache, jobs=1, progress=False).exit_status == 0
    live = current_generation_info(idx)
    good = live["generation"]
    base_files = {f.name for f in live["path"].iterdir()}
    _notes(src, "ny", 320)
    for old in range(10):
        (src / f"gammal{old:04d}.md").unlink()

    killed = []
    # What each stage has done when the run stands still there; checked before
    # the kill, so the test proves it killed the run at that moment.
    def staging(gen: Path) -> bool:
        return (gen / ".staging").is_dir()

    def committed(gen: Path) -> bool:
        return any(f.suffix == ".toc" and f.name not in base_files for f in gen.iterdir())

    for stage in TEST_STAGES:
        before = _existing(idx)
        proc = _start(src, idx, cache, stage, marker)
        _paused(proc, marker)
        gen = _new_generation(idx, before)
        if stage == "locked":   # holds the lock, compares files, has written nothing
            assert gen is None and lock_record(idx)[1]
        elif stage == "generation":  # the new generation exists (hard links made), nothing indexed
            assert gen is not None and not staging(gen)
        elif stage == "indexing":  # files being indexed, a reader process reading them
            assert gen is not None and staging(gen) and not committed(gen)
            readers = children(proc.pid)
            assert readers, "no reader process at work"
        elif stage == "indexed":  # every file staged, nothing committed
            assert gen is not None and staging(gen) and not committed(gen)
        elif stage == "committed":  # segments committed into the new generation, not yet switched in
            assert gen is not None and committed(gen)
        killed.append(_kill(proc, marker))
        _assert_last_good_index(idx, good, 30)
        holder, running = lock_record(idx)
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
        info = current_generation_info(idx)
        expected = 30 if info["generation"] == good else 20 + 320  # the old or the complete new state
        assert open_store(idx).stats().documents == expected
        assert open_store(idx).search(SearchRequest(query="bostäder", limit=1)).total == expected

    # The next run needs no manual lock removal and completes normally.
    proc = subprocess.run(
        [sys.executable, "-m", "indexer", "update", "--source", str(src), "--index", str(idx), "--cache",
         str(cache), "--jobs", "1", "--quiet", "--json"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["exit_status"] == 0 and report["documents"] == 340
    if current_generation_info(idx)["generation"] != good and report["mode"] == "none":
        pass  # a killed run had already switched in the complete new state
    else:
        assert report["lock_taken_over"]["pid"] == killed[-1]
    assert open_store(idx).stats().documents == 340
    assert open_store(idx).search(SearchRequest(query="Stycke 300", limit=1)).total >= 1
    # No unfinished generation is left behind, and the lock is free.
    assert all(read_meta(g).get("complete") for g in idx.glob("gen-*"))
    assert lock_record(idx) == (None, False)
    assert update_index([src], idx, cache, jobs=1, progress=False).mode == "none"


def test_a_paused_run_goes_on_when_the_marker_is_removed(tmp_path):
    """The pause hook only holds a run; it changes nothing else."""
    src, idx, cache, marker = tmp_path / "src", tmp_path / "index", tmp_path / "cache", tmp_path / "paused"
    _notes(src, "dok", 5)
    proc = _start(src, idx, cache, "committed", marker)
    _paused(proc, marker)
    assert current_generation_info(idx) == {}
    marker.unlink()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert open_store(idx).stats().documents == 5


def test_first_build_killed_leaves_no_half_index_and_the_next_run_builds(tmp_path):
    src, idx, cache, marker = tmp_path / "src", tmp_path / "index", tmp_path / "cache", tmp_path / "paused"
    _notes(src, "dok", 250)
    proc = _start(src, idx, cache, "committed", marker)
    _paused(proc, marker)
    gens = list(idx.glob("gen-*"))
    assert len(gens) == 1 and any(f.suffix == ".seg" for f in gens[0].iterdir())  # segments committed
    pid = _kill(proc, marker)
    assert current_generation_info(idx) == {}  # no CURRENT: the web app says "no index", never a broken one
    report = update_index([src], idx, cache, jobs=1, progress=False)
    assert report.exit_status == 0 and report.documents == 250
    assert report.lock_taken_over["pid"] == pid
    assert len(list(idx.glob("gen-*"))) == 1
