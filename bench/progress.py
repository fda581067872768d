"""Progress lines of the benchmarks on stderr: "[  12.3 s] message"."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, stream=sys.stderr) -> None:
        self.t0 = time.monotonic()
        self.stream = stream

    def __call__(self, msg: str) -> None:
        print(f"[{time.monotonic() - self.t0:6.1f} s] {msg}", file=self.stream, flush=True)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.t0
