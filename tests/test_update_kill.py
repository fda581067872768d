"""kill -9 of an update at different moments: the last good index stays
searchable, and the next run takes over the lock, cleans up and completes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from indexer.lock import lock_record
from indexer.pipeline import update_index
from indexer.store import SearchRequest, current_generation_info, open_store, read_meta

REPO = Path(__file__).resolve().parents[1]


def _notes(folder: Path, prefix: str, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{prefix}{i:04d}.md").write_text(
            f"# {prefix.capitalize()} {i}\n\nStycke {i} om bostäder i Boden och samverkan med Luleå.\n\n"
            f"Ett andra stycke om kompetensförsörjning, nummer {i}.\n", encoding="utf-8")


def _start(src: Path, idx: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "indexer", "update", "--source", str(src), "--index", str(idx),
         "--cache", str(cache), "--jobs", "1", "--quiet"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _existing(idx: Path) -> set[Path]:
    return set(idx.glob("gen-*"))


def _new_generation(idx: Path, before: set[Path]) -> Path | None:
    """The generation the running update started (not one a killed run left)."""
    gens = [g for g in idx.glob("gen-*") if g not in before and not read_meta(g).get("complete")]
    return gens[0] if gens else None


def _wait_for(cond, proc: subprocess.Popen, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        if proc.poll() is not None:
            raise AssertionError(f"the update finished before the moment to kill it: {proc.communicate()}")
        time.sleep(0.005)
    raise AssertionError("timed out waiting for the moment to kill the update")


def _kill(proc: subprocess.Popen) -> int:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    proc.stdout.close()
    proc.stderr.close()
    return proc.pid


def _assert_last_good_index(idx: Path, generation: str, documents: int) -> None:
    assert current_generation_info(idx)["generation"] == generation
    store = open_store(idx)
    assert store.stats().documents == documents
    result = store.search(SearchRequest(query="bostäder Boden", limit=3))
    assert result.total == documents and store.get_document(result.hits[0].doc_id) is not None


def test_update_killed_at_any_moment_leaves_the_last_good_index_and_the_next_run_completes(tmp_path):
    src, idx, cache = tmp_path / "src", tmp_path / "index", tmp_path / "cache"
    _notes(src, "gammal", 30)
    assert update_index([src], idx, cache, jobs=1, progress=False).exit_status == 0
    live = current_generation_info(idx)
    good = live["generation"]
    _notes(src, "ny", 320)  # several write batches, so there is time to kill mid-write
    for old in range(10):
        (src / f"gammal{old:04d}.md").unlink()

    killed = []
    # 1: while it compares files (holds the lock, nothing written yet)
    proc = _start(src, idx, cache)
    _wait_for(lambda: (idx / ".lock").read_bytes().strip(), proc)
    killed.append(_kill(proc))
    _assert_last_good_index(idx, good, 30)
    holder, running = lock_record(idx)
    assert holder.pid == killed[-1] and not running  # `status` shows an interrupted run

    # 2: right after the new generation appeared (hard links being made, deletions)
    before = _existing(idx)
    proc = _start(src, idx, cache)
    _wait_for(lambda: _new_generation(idx, before), proc)
    killed.append(_kill(proc))
    _assert_last_good_index(idx, good, 30)

    # 3: mid-write, after Whoosh committed a first change into the new generation
    before = _existing(idx)
    proc = _start(src, idx, cache)

    def committed_segment():
        gen = _new_generation(idx, before)
        base = {f.name for f in live["path"].iterdir()}
        return gen and any(f.suffix == ".toc" and f.name not in base for f in gen.iterdir())
    _wait_for(committed_segment, proc)
    killed.append(_kill(proc))
    _assert_last_good_index(idx, good, 30)

    # 4: at a series of moments, whatever it is doing then
    for delay in (0.4, 1.5, 3.0):
        proc = _start(src, idx, cache)
        time.sleep(delay)
        if proc.poll() is not None:
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


def test_first_build_killed_leaves_no_half_index_and_the_next_run_builds(tmp_path):
    src, idx, cache = tmp_path / "src", tmp_path / "index", tmp_path / "cache"
    _notes(src, "dok", 250)
    proc = _start(src, idx, cache)
    _wait_for(lambda: next((g for g in idx.glob("gen-*") if any(f.suffix == ".toc" for f in g.iterdir())
                            and any(f.suffix == ".seg" for f in g.iterdir())), None), proc)
    pid = _kill(proc)
    assert current_generation_info(idx) == {}  # no CURRENT: the web app says "no index", never a broken one
    report = update_index([src], idx, cache, jobs=1, progress=False)
    assert report.exit_status == 0 and report.documents == 250
    assert report.lock_taken_over["pid"] == pid
    assert len(list(idx.glob("gen-*"))) == 1
