"""Today's HTML extractor against trafilatura on real public-sector web pages (issue 14, point 8).

    python -m bench.html_extract --pages data/html-pages [--repeat 3] [--show FILE]

The pages folder holds whole saved pages (navigation, footer, cookie notices)
and a ``gold.json`` written by hand for this comparison: for each page the first
and the last sentence of its main text and the publication date the page shows
(or null). The pages are public material and are never committed (``data/`` is
git-ignored); without the folder the benchmark says so and exits 0.

For each page and each extractor it reports:

* main text found: the gold first sentence and the gold last sentence both occur
  in the output (compared on letters and digits only, lower case, so spacing,
  quotes and line breaks do not count);
* boilerplate kept: output lines *outside* the gold span (before the line holding
  the first sentence, after the line holding the last) that look like page
  furniture. The rule: a line of at most 6 words that does not end in ``.``,
  ``!``, ``?`` or ``:`` (menu items, share and print links, "Zur Liste"), or any
  line mentioning cookies. Also the characters outside the span;
* date right: the extractor's date equals the gold date (null = null counts);
* time per page: median of ``--repeat`` runs, the date included.

Today's extractor is called through the project's own ``extract_file`` (as the
ingester reads an .html file); trafilatura with ``extract`` (precision settings,
no comments) for the text and ``extract_metadata`` (htmldate inside) for the date.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import importlib.util
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PAGES = Path("data/html-pages")
MENU_MAX_WORDS = 6
_SENTENCE_END = (".", "!", "?", ":")
_COOKIE_RE = re.compile(r"cookie|kakor", re.IGNORECASE)
_NORM_RE = re.compile(r"[^0-9a-zåäöüßéàèç]+")


def norm(text: str) -> str:
    """Letters and digits only, lower case: what "contains the sentence" compares."""
    return _NORM_RE.sub("", text.lower())


def is_menu_like(line: str) -> bool:
    line = line.strip().lstrip("•-–* ").strip()
    if not line:
        return False
    if _COOKIE_RE.search(line):
        return True
    return len(line.split()) <= MENU_MAX_WORDS and not line.endswith(_SENTENCE_END)


@dataclass
class Score:
    first: bool
    last: bool
    date_right: bool
    date: str | None
    menu_lines: list[str]
    extra_chars: int
    seconds: float
    chars: int

    @property
    def complete(self) -> bool:
        return self.first and self.last


def _line_of(lines_norm: list[str], offsets: list[int], needle: str, *, last: bool) -> int | None:
    """Index of the output line where ``needle`` (normalised) starts, or ends when ``last``."""
    joined = "".join(lines_norm)
    pos = joined.rfind(needle) if last else joined.find(needle)
    if pos < 0 or not needle:
        return None
    target = pos + len(needle) - 1 if last else pos
    for i in range(len(offsets) - 1, -1, -1):
        if offsets[i] <= target:
            return i
    return 0


def score(text: str, date: str | None, gold: dict, seconds: float) -> Score:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    lines_norm = [norm(ln) for ln in lines]
    offsets, total = [], 0
    for ln in lines_norm:
        offsets.append(total)
        total += len(ln)
    g_first, g_last = norm(gold["first"]), norm(gold["last"])
    start = _line_of(lines_norm, offsets, g_first, last=False)
    end = _line_of(lines_norm, offsets, g_last, last=True)
    # A sentence not found gives no edge on its side: the span runs to the end of
    # the output there, so only furniture around found text is counted.
    lo = start if start is not None else 0
    hi = end if end is not None else len(lines) - 1
    if hi < lo:
        lo, hi = 0, len(lines) - 1
    outside = lines[:lo] + lines[hi + 1:]
    return Score(
        first=start is not None,
        last=end is not None,
        date_right=(date or None) == (gold.get("date") or None),
        date=date,
        menu_lines=[ln for ln in outside if is_menu_like(ln)],
        extra_chars=sum(len(ln) for ln in outside),
        seconds=seconds,
        chars=len(text),
    )


def run_today(path: Path) -> tuple[str, str | None]:
    from indexer.extract import extract_file

    ex = extract_file(path, path.parent)
    return "\n\n".join(p.text for p in ex.pages), ex.date


def run_trafilatura(path: Path) -> tuple[str, str | None]:
    import trafilatura

    data = path.read_bytes()
    # Precision over recall (a search index suffers more from menus than from a
    # lost sentence), no comment sections, tables kept (minutes have tables).
    # No deduplicate: it keeps a cache across calls and drops text it has seen
    # before, so repeated timing runs (or sibling pages) would lose real text.
    text = trafilatura.extract(data, output_format="txt", include_comments=False, include_tables=True,
                               favor_precision=True, deduplicate=False) or ""
    meta = trafilatura.extract_metadata(data)
    return text, (meta.date if meta is not None else None)


EXTRACTORS = {"today": run_today, "trafilatura": run_trafilatura}


def timed(fn, path: Path, repeat: int) -> tuple[str, str | None, float]:
    """The first run's output (no run can profit from an earlier one) and the median time."""
    runs = []
    first = None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        out = fn(path)
        runs.append(time.perf_counter() - t0)
        first = first or out
    return first[0], first[1], statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.html_extract", description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="folder of saved pages with gold.json")
    ap.add_argument("--repeat", type=int, default=3, help="runs per page and extractor; the median time is shown")
    ap.add_argument("--show", metavar="FILE", help="print both extractors' output for one page and stop")
    args = ap.parse_args(argv)

    gold_path = args.pages / "gold.json"
    if not args.pages.is_dir() or not gold_path.is_file():
        print(f"html_extract: no pages with hand-written gold at {gold_path}; nothing to compare "
              "(the pages are public material kept outside git, see the module docstring)")
        return 0
    if importlib.util.find_spec("trafilatura") is None:  # installed only for this comparison
        print("html_extract: trafilatura is not installed; `pip install trafilatura==2.3.1` (the version measured) to run the comparison")
        return 0

    gold = json.loads(gold_path.read_text(encoding="utf-8"))["pages"]
    names = sorted(n for n in gold if (args.pages / n).is_file())
    if args.show:
        for name, fn in EXTRACTORS.items():
            text, date = fn(args.pages / args.show)
            print(f"===== {name}  date={date}\n{text}\n")
        return 0

    totals = {name: Counter() for name in EXTRACTORS}
    seconds: dict[str, list[float]] = {name: [] for name in EXTRACTORS}
    sites = {gold[n].get("site", n) for n in names}
    print(f"{'page':46} {'extractor':11} {'first':>5} {'last':>5} {'menu':>4} {'extra':>6} "
          f"{'date':>10} {'ok':>3} {'ms':>7}")
    for name in names:
        path = args.pages / name
        for ext, fn in EXTRACTORS.items():
            try:
                text, date, secs = timed(fn, path, args.repeat)
            except Exception as exc:  # one page failing is a result, not the end of the run
                print(f"{name[:46]:46} {ext:11} failed: {type(exc).__name__}: {exc}")
                text, date, secs = "", None, 0.0
            s = score(text, date, gold[name], secs)
            totals[ext].update(complete=s.complete, first=s.first, last=s.last, dates=s.date_right,
                               menu=len(s.menu_lines), extra=s.extra_chars)
            seconds[ext].append(secs)
            print(f"{name[:46]:46} {ext:11} {'yes' if s.first else 'NO':>5} {'yes' if s.last else 'NO':>5} "
                  f"{len(s.menu_lines):4d} {s.extra_chars:6d} {str(s.date):>10} "
                  f"{'yes' if s.date_right else 'NO':>3} {secs * 1000:7.1f}")

    n = len(names)
    print()
    print(f"Figures on {n} pages of {len(sites)} sites (public-sector pages saved from public repositories, "
          f"see {args.pages}/SOURCES.md); the gold (first and last sentence of the main text, the date the "
          "page shows) was written by hand for this comparison, before either extractor was run.")
    print(f"Boilerplate rule: lines outside the gold span of at most {MENU_MAX_WORDS} words not ending in "
          "sentence punctuation, or mentioning cookies.")
    print()
    print("| extractor | main text complete | first sentence | last sentence | menu-like lines kept | "
          "chars outside span | date right | median ms/page | total ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ext, t in totals.items():
        secs = seconds[ext]
        print(f"| {ext} | {t['complete']}/{n} | {t['first']}/{n} | {t['last']}/{n} | {t['menu']} | {t['extra']} | "
              f"{t['dates']}/{n} | {statistics.median(secs) * 1000:.1f} | {sum(secs) * 1000:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
