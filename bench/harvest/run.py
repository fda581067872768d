"""How fast the harvester is on its own: a listing of N small PDFs on a local
site, fetched with delay 0 (documents per second: the client's own cost, since
a real night is paced by ``delay_s``), then harvested again with nothing
changed (N conditional requests answered 304: seconds).

    .venv/bin/python -m bench.harvest [--docs 1000] [--rounds 3] [--per-page 100]

The site is generated under a temporary folder (pages labelled as written for
the benchmark) and served by bench/harvest/site.py in a process of its own,
so the server's Python does not share the harvester's interpreter. Printed:
the medians over --rounds, each round on a fresh folder.
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .site import SiteServer, render_pdf

NOTICE = "Fiktiv webbplats, skriven för prestandamätningen av skördaren."


def make_site(root: Path, docs: int, per_page: int) -> int:
    """A listing of ``docs`` distinct PDFs, ``per_page`` links a page; the number of pages."""
    files = root / "handlingar" / "filer"
    files.mkdir(parents=True)
    pages = (docs + per_page - 1) // per_page
    for page in range(pages):
        items = []
        for n in range(page * per_page, min(docs, (page + 1) * per_page)):
            name = f"protokoll-{n:05d}.pdf"
            (files / name).write_bytes(render_pdf(f"{NOTICE}\nProtokoll nr {n}\n§ {n % 97 + 1} Ärende {n}."))
            items.append(f'<li><a href="filer/{name}">Protokoll {n}</a></li>')
        following = f'<a rel="next" href="sida-{page + 2}.html">Nästa</a>' if page + 1 < pages else ""
        html = (f"<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>Handlingar</title></head>"
                f"<body><p>{NOTICE}</p><ul>{''.join(items)}</ul>{following}</body></html>")
        (root / "handlingar" / ("index.html" if page == 0 else f"sida-{page + 1}.html")).write_text(
            html, encoding="utf-8")
    (root / "robots.txt").write_text(f"# {NOTICE}\nUser-agent: *\nDisallow: /internt/\n", encoding="utf-8")
    return pages


def _serve(root: Path, conn) -> None:
    with SiteServer(root) as site:
        conn.send(site.base)
        conn.recv()   # until the benchmark says stop


def _sources(path: Path, base: str, pages: int) -> Path:
    path.write_text(f"""[defaults]
user_agent = "council-search-bench/1.0"
delay_s = 0
[[source]]
name = "handlingar"
municipality = "Boden"
kind = "listing"
url = "{base}/handlingar/"
links = "a[href$='.pdf']"
next = "a[rel=next]"
max_pages = {pages}
""", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.harvest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--per-page", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    from indexer.harvest import harvest, load_sources

    with tempfile.TemporaryDirectory(prefix="bench-harvest-") as tmp:
        work = Path(tmp)
        started = time.monotonic()
        pages = make_site(work / "www", args.docs, args.per_page)
        size = sum(p.stat().st_size for p in (work / "www").rglob("*.pdf"))
        print(f"site: {args.docs} PDFs ({size / args.docs / 1024:.1f} kB each), {pages} listing pages, "
              f"generated in {time.monotonic() - started:.1f} s")
        parent, child = multiprocessing.Pipe()
        server = multiprocessing.Process(target=_serve, args=(work / "www", child), daemon=True)
        server.start()
        try:
            sources = load_sources(_sources(work / "sources.toml", parent.recv(), pages))
            first, noop = [], []
            for round_no in range(args.rounds):
                into = work / f"into-{round_no}"
                for times, expect in ((first, "new"), (noop, "unchanged")):
                    clock = time.monotonic()
                    report = harvest(sources, into, report_file=work / "report.json", progress=False)
                    times.append(time.monotonic() - clock)
                    counts = report.counts()
                    if report.exit_status != 0 or counts[expect] != args.docs or (expect == "unchanged"
                                                                                  and counts["bytes"]):
                        print(f"unexpected run: {report.one_line()}", file=sys.stderr)
                        return 1
                print(f"round {round_no + 1}: first run {first[-1]:.2f} s, no-op run {noop[-1]:.2f} s")
        finally:
            parent.send("stop")
            server.join(timeout=10)
    first_s, noop_s = statistics.median(first), statistics.median(noop)
    print(f"first run, delay 0: {args.docs} documents in {first_s:.2f} s = {args.docs / first_s:.0f} documents/s "
          f"(median of {args.rounds}; {pages} listing pages included)")
    print(f"no-op run over {args.docs} known URLs (conditional requests, all 304): {noop_s:.2f} s "
          f"= {args.docs / noop_s:.0f} requests/s (median of {args.rounds})")
    return 0
