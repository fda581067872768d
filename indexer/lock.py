"""One writer per index: an exclusive lock on ``<index>/.lock``.

The lock is ``fcntl.flock`` on an open file, so the kernel releases it when
the holding process dies in any way (kill -9 included): there is never a lock
to remove by hand. The file also records who holds it (pid, start time,
command) so a second run can name the running one, and a run that finds a
record but a free lock knows the previous holder died and says it took over.

The file is never deleted: deleting it would let two processes lock two
different files of the same name.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger("indexer")
LOCK_FILE = ".lock"

# Lock descriptors held by this process. Worker processes forked while we hold
# the lock share its open file description; if they outlived a killed parent
# they would keep the index locked, so each child closes them right after fork.
_HELD: set[int] = set()


def _close_held_in_child() -> None:
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


os.register_at_fork(after_in_child=_close_held_in_child)


@dataclass
class LockHolder:
    pid: int
    started_at: str          # ISO 8601, UTC
    command: str = ""
    host: str = ""
    proc_start: int = 0      # start of the process in clock ticks after boot (Linux), to tell a reused pid

    def describe(self) -> str:
        return f"process {self.pid} på {self.host or 'okänd dator'}, startad {self.started_at}" + (
            f" ({self.command})" if self.command else "")


class IndexLocked(RuntimeError):
    """Another process holds the lock; the message names it."""

    def __init__(self, index_root: Path, holder: LockHolder | None):
        self.holder = holder
        who = holder.describe() if holder else "okänd process (låsfilen saknar uppgifter)"
        super().__init__(f"en annan uppdatering av indexet {index_root} pågår redan: {who}")


def _parse(raw: bytes) -> LockHolder | None:
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockHolder(pid=int(data["pid"]), started_at=str(data["started_at"]),
                          command=str(data.get("command", "")), host=str(data.get("host", "")),
                          proc_start=int(data.get("proc_start", 0)))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def _read(fd: int) -> bytes:
    return os.pread(fd, 4096, 0)


def _proc_start(pid: int) -> int:
    """Start time of a process in clock ticks after boot, 0 when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat[stat.rindex(")") + 2:].split()[19])
    except (OSError, ValueError, IndexError):
        return 0


def _pid_alive(pid: int, proc_start: int = 0) -> bool:
    """Whether the process still runs (and, when its start time was recorded,
    is the same process and not a later one that got the same pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    now = _proc_start(pid) if proc_start else 0
    return not (proc_start and now and now != proc_start)


class IndexLock:
    """``with IndexLock(root, "update"):`` — raises IndexLocked when taken.

    ``taken_over`` is the holder recorded by a process that died while holding
    the lock (None when the lock was released normally)."""

    def __init__(self, index_root: Path, command: str = ""):
        self.root = Path(index_root)
        self.path = self.root / LOCK_FILE
        self.command = command
        self.fd: int | None = None
        self.taken_over: LockHolder | None = None
        self.holder: LockHolder | None = None

    def acquire(self) -> "IndexLock":
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = None
            # The holder writes its record right after locking; give it a moment.
            for _ in range(20):
                holder = _parse(_read(fd))
                if holder is not None:
                    break
                time.sleep(0.05)
            os.close(fd)
            raise IndexLocked(self.root, holder) from None
        except BaseException:
            os.close(fd)
            raise
        left = _read(fd)
        if left.strip():
            # A record without a lock: its process ended without releasing (killed).
            self.taken_over = _parse(left) or LockHolder(pid=0, started_at="okänd tid")
            log.warning("tar över låset %s efter %s som inte längre kör%s", self.path,
                        self.taken_over.describe(),
                        "" if self.taken_over.pid == 0
                        or not _pid_alive(self.taken_over.pid, self.taken_over.proc_start)
                        else " (processnumret används nu av en annan process)")
        self.holder = LockHolder(pid=os.getpid(), started_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                 command=self.command or " ".join(sys.argv), host=socket.gethostname(),
                                 proc_start=_proc_start(os.getpid()))
        record = json.dumps(self.holder.__dict__, ensure_ascii=False).encode("utf-8")
        os.ftruncate(fd, 0)
        os.pwrite(fd, record, 0)
        os.fsync(fd)
        self.fd = fd
        _HELD.add(fd)
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        _HELD.discard(self.fd)
        try:
            os.ftruncate(self.fd, 0)  # an empty record: released normally, nothing to take over
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> "IndexLock":
        return self if self.fd is not None else self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def lock_record(index_root: Path) -> tuple[LockHolder | None, bool]:
    """(the recorded holder, whether it is still running) without taking the
    lock (for `status`: even a shared lock could make a starting update think
    the index is busy). A record whose process is gone is a run that was killed."""
    try:
        raw = (Path(index_root) / LOCK_FILE).read_bytes()
    except OSError:
        return None, False
    if not raw.strip():
        return None, False
    holder = _parse(raw) or LockHolder(pid=0, started_at="okänd tid")
    running = holder.pid > 0 and holder.host in ("", socket.gethostname()) and \
        _pid_alive(holder.pid, holder.proc_start)
    return holder, running
