"""Speed of the organisation recogniser (indexer/organisations.py).

    .venv/bin/python bench/organisations_speed.py [--kb 300] [--repeat 5]

Prints the time to load the data file and build the matcher, and the time of
find_mentions() over a text of about --kb kilobytes of council prose (the size
of a 100-page document), median and best of --repeat runs. Target: well under
100 ms for 300 KB, so that reading the issuer never shows in an index build.
"""
from __future__ import annotations

import argparse
import statistics
import time

from indexer import organisations

PAGE = (
    "Kommunstyrelsen i Luleå kommun beslutade att godkänna avtalet med Bodens kommun. "
    "Ärendet har beretts av Trafikverket och Region Norrbotten. Marknadsföring av "
    "bostäder i Alen och Markområden diskuterades; Vara med i arbetet var Mark. "
    "Protokollet justerades och anslogs på kommunens anslagstavla. "
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=300, help="size of the text in kilobytes (default 300)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs (default 5)")
    args = ap.parse_args()
    t = time.perf_counter()
    organisations.find_mentions("Luleå kommun")
    load = time.perf_counter() - t
    n = args.kb * 1000
    text = (PAGE * (n // len(PAGE) + 1))[:n]
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        found = organisations.find_mentions(text)
        times.append(time.perf_counter() - t)
    print(f"load and build: {load * 1000:.0f} ms")
    print(f"find_mentions over {args.kb} KB ({len(found)} mentions): median {statistics.median(times) * 1000:.1f} ms, "
          f"best {min(times) * 1000:.1f} ms (target: under 100 ms)")


if __name__ == "__main__":
    main()
