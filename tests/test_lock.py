"""One update at a time: a second one exits 2 naming the first; a lock left by a
killed process is taken over; worker processes never keep the lock alive."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from indexer.cli import main
from indexer.lock import IndexLock, IndexLocked, lock_record
from indexer.pipeline import update_index
from indexer.store import index_root

REPO = Path(__file__).resolve().parents[1]


def _holder(idx: Path, fork_child: bool = False) -> tuple[subprocess.Popen, dict]:
    """A separate process holding the lock on idx (optionally with a forked child),
    started and ready: returns the process and what it printed about itself."""
    code = textwrap.dedent(f"""
        import json, os, sys, time
        from pathlib import Path
        from indexer.lock import IndexLock
        lock = IndexLock(Path({str(idx)!r}), command="update (test)").acquire()
        child = 0
        if {fork_child!r}:
            ready = Path({str(idx)!r}) / ".child-ready"
            child = os.fork()
            if child == 0:
                # the at-fork hook that closes the lock has run before this line
                ready.write_text("ready")
                time.sleep(60)
                os._exit(0)
            while not ready.exists():  # on a busy machine the child may start late
                time.sleep(0.01)
        print(json.dumps({{"pid": os.getpid(), "started_at": lock.holder.started_at, "child": child}}), flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, text=True)
    info = json.loads(proc.stdout.readline())
    return proc, info


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()


def _source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text("# Avtal\n\nLuleå och Boden samverkar om bostäder.\n", encoding="utf-8")
    return src


def test_second_update_exits_2_naming_the_running_one(tmp_path, capsys, index_spec):
    src, idx = _source(tmp_path), index_root(index_spec)  # the lock is kept in the index's own folder
    proc, info = _holder(idx)
    try:
        code = main(["update", "--source", str(src), "--index", index_spec, "--cache", str(tmp_path / "c"),
                     "--quiet"])
        captured = capsys.readouterr()
        assert code == 2
        expected = (f"en annan uppdatering av indexet {idx} pågår redan: process {info['pid']} på "
                    f"{os.uname().nodename}, startad {info['started_at']} (update (test))")
        assert f"fel: {expected}" in captured.err
        assert captured.out.strip().startswith(f"Uppdateringen kunde inte köras: {expected}")
        holder, running = lock_record(idx)
        assert running and holder.pid == info["pid"]
        status_code = main(["status", "--index", index_spec])
        assert status_code == 2  # no index yet, but the running update is shown
        assert f"pågår nu: process {info['pid']}, startad {info['started_at']}" in capsys.readouterr().out
    finally:
        _kill(proc)
    report = json.loads(sorted((idx / "reports").glob("run-*.json"))[-1].read_text(encoding="utf-8"))
    assert report["exit_status"] == 2 and str(info["pid"]) in report["error"]


def test_two_locks_in_one_process_also_exclude_each_other(tmp_path):
    with IndexLock(tmp_path, "första"):
        with pytest.raises(IndexLocked, match=rf"process {os.getpid()} .*\(första\)$"):
            IndexLock(tmp_path, "andra").acquire()
    with IndexLock(tmp_path, "tredje") as lock:  # released: free again, nothing to take over
        assert lock.taken_over is None


def test_stale_lock_from_a_killed_process_is_taken_over(tmp_path, index_spec):
    src, idx = _source(tmp_path), index_root(index_spec)
    proc, info = _holder(idx)
    _kill(proc)
    holder, running = lock_record(idx)
    assert holder.pid == info["pid"] and not running
    report = update_index([src], index_spec, tmp_path / "c", jobs=1, progress=False)
    assert report.exit_status == 0 and report.documents == 1
    assert report.lock_taken_over["pid"] == info["pid"]
    assert report.lock_taken_over["started_at"] == info["started_at"]
    assert lock_record(idx) == (None, False)


def test_a_lock_record_without_a_holder_is_taken_over(tmp_path):
    (tmp_path / ".lock").write_text('{"pid": 999999999, "started_at": "2026-01-01T02:30:00+00:00"}')
    with IndexLock(tmp_path) as lock:
        assert lock.taken_over.pid == 999999999
    (tmp_path / ".lock").write_text("skräp")
    with IndexLock(tmp_path) as lock:
        assert lock.taken_over.pid == 0


def test_worker_processes_do_not_keep_a_dead_runs_lock(tmp_path):
    """A run forks worker processes; if the run is killed they may live on for
    a while, and they must not hold the index lock."""
    proc, info = _holder(tmp_path, fork_child=True)
    child = info["child"]
    try:
        _kill(proc)
        assert os.path.exists(f"/proc/{child}")  # the forked child is still alive
        with IndexLock(tmp_path) as lock:
            assert lock.taken_over.pid == info["pid"]
    finally:
        try:
            os.kill(child, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_a_reused_process_id_is_not_taken_for_the_running_update(tmp_path):
    """A killed run's pid may later belong to another process: the recorded
    start time tells them apart, so `status` does not report a run in progress."""
    record = {"pid": os.getpid(), "started_at": "2026-01-01T02:30:00+00:00", "proc_start": 1}
    (tmp_path / ".lock").write_text(json.dumps(record))
    holder, running = lock_record(tmp_path)
    assert holder.pid == os.getpid() and not running
    with IndexLock(tmp_path, "test") as lock:
        assert lock.taken_over.pid == os.getpid()
        holder, running = lock_record(tmp_path)  # our own record: running
        assert running and holder.proc_start == lock.holder.proc_start > 0
