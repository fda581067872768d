"""The Whoosh searchers of one generation, shared by a process's threads."""
from __future__ import annotations

import os
import threading
import weakref
from contextlib import contextmanager

class SearcherPool:
    """At most ``size`` Whoosh searchers of one generation, each lent to one
    thread at a time.

    A searcher reads the index through file handles with a position (seek, then
    read), so two threads must never use one at the same time; but since the
    GIL lets only one thread compute at a time, a few searchers serve many
    threads. ``borrow()`` is re-entrant: a thread that already holds a searcher
    gets the same one again, so nested calls never wait for a second searcher
    (and never deadlock). Searchers are opened on demand; after ``close()`` the
    idle ones are closed at once and borrowed ones when they come back. A
    forked child (a worker process of the server) drops the searchers it
    inherited and opens its own: the inherited file handles share their
    positions with the parent's.
    """

    def __init__(self, open_searcher, size: int):
        self._open = open_searcher
        self.size = max(1, int(size))
        self._idle: list = []
        self.opened = 0
        self._closed = False
        self._cond = threading.Condition()
        self._local = threading.local()
        self._pid = os.getpid()
        _POOLS.add(self)

    @contextmanager
    def borrow(self):
        held = getattr(self._local, "searcher", None)
        if held is not None:
            yield held
            return
        s = self._acquire()
        self._local.searcher = s
        try:
            yield s
        finally:
            self._local.searcher = None
            self._release(s)

    def held(self):
        """The searcher this thread holds, or None."""
        return getattr(self._local, "searcher", None)

    def _acquire(self):
        with self._cond:
            while True:
                if self._idle:
                    return self._idle.pop()
                if self.opened < self.size:
                    self.opened += 1
                    break
                self._cond.wait()
        try:
            return self._open()
        except BaseException:
            with self._cond:
                self.opened -= 1
                self._cond.notify()
            raise

    def _release(self, s) -> None:
        with self._cond:
            keep = not self._closed
            if keep:
                self._idle.append(s)
            else:
                self.opened -= 1
            self._cond.notify()
        if not keep:
            _close_quietly(s)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self.opened -= len(idle)
            self._cond.notify_all()
        for s in idle:
            _close_quietly(s)

    def _after_fork(self) -> None:
        # Runs in a forked child, which has only the forking thread: nothing is borrowed
        # elsewhere. The inherited searchers are closed (closing the child's copies of
        # the file descriptors does not affect the parent).
        if self._pid == os.getpid():
            return
        idle, self._idle = self._idle, []
        self._pid = os.getpid()
        self._cond = threading.Condition()
        self._local = threading.local()
        self.opened = 0
        for s in idle:
            _close_quietly(s)


def _close_quietly(searcher) -> None:
    try:
        searcher.close()
    except Exception:  # already closed, or its files are gone
        pass


_POOLS: "weakref.WeakSet[SearcherPool]" = weakref.WeakSet()


def _reset_pools_after_fork() -> None:
    for pool in list(_POOLS):
        pool._after_fork()  # noqa: SLF001


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_pools_after_fork)
