"""Resident memory of a process and its children, read from /proc (Linux)."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path


def _status(pid: int) -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, value = line.split(":", 1)
                    out[key] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return out


def rss(pid: int) -> int:
    """Current resident set size in bytes (0 when the process is gone)."""
    return _status(pid).get("VmRSS", 0)


def hwm(pid: int) -> int:
    """Peak resident set size so far, in bytes."""
    return _status(pid).get("VmHWM", 0)


def tree(pid: int) -> list[int]:
    """pid and all its descendants (a server's parent and its worker processes)."""
    return [pid] + children(pid)


def tree_rss(pid: int) -> int:
    """Sum of the current RSS of pid and its descendants, in bytes. Pages shared
    between the processes (index files mapped by each, memory inherited from the
    parent) count once per process, so this is an upper bound; see tree_pss."""
    return sum(rss(p) for p in tree(pid))


def tree_hwm(pid: int) -> int:
    """Sum of the peak RSS of pid and its descendants (each process's own
    peak; they need not have peaked at the same moment, so an upper bound)."""
    return sum(hwm(p) for p in tree(pid))


def pss(pid: int) -> int:
    """Proportional set size in bytes (shared pages divided among the processes
    sharing them), from /proc/<pid>/smaps_rollup; 0 when unavailable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_pss(pid: int) -> int:
    """Sum of PSS over pid and its descendants: the memory the process tree
    really holds, shared pages counted once."""
    return sum(pss(p) for p in tree(pid))


def children(pid: int) -> list[int]:
    """All descendants of pid."""
    found: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        kids: list[int] = []
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                try:
                    kids += [int(x) for x in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
                except OSError:
                    pass
        except OSError:
            continue
        found += kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


class TreeSampler:
    """Samples RSS of a process tree in a background thread.

    peak_tree: the largest sum of RSS over the process and its descendants;
    peak_root: the root process's own peak (VmHWM, so short spikes count too);
    peak_child: the largest peak of any single descendant.
    """

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid = pid
        self.interval = interval
        self.peak_tree = 0
        self.peak_root = 0
        self.peak_child = 0
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        root = _status(self.pid)
        if not root:
            return
        self.peak_root = max(self.peak_root, root.get("VmHWM", 0), root.get("VmRSS", 0))
        total = root.get("VmRSS", 0)
        for kid in children(self.pid):
            st = _status(kid)
            total += st.get("VmRSS", 0)
            self.peak_child = max(self.peak_child, st.get("VmHWM", 0))
        self.peak_tree = max(self.peak_tree, total)
        self.samples.append((time.monotonic(), total))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def drop_file_cache(paths) -> int:
    """Ask the kernel to evict these files from the page cache (posix_fadvise
    DONTNEED; no privileges needed, clean pages only). Returns bytes advised."""
    total = 0
    for path in paths:
        path = Path(path)
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for f in files:
            try:
                fd = os.open(f, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                total += f.stat().st_size
            except OSError:
                pass
            finally:
                os.close(fd)
    return total


def loadavg() -> str:
    a, b, c = os.getloadavg()
    return f"{a:.2f} / {b:.2f} / {c:.2f}"


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())
