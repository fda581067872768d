#!/usr/bin/env python3
"""Build the example document corpus (corpus/) from the content in corpus_tools/content/.

    .venv/bin/python corpus_tools/build_corpus.py              # (re)write corpus/
    .venv/bin/python corpus_tools/build_corpus.py --out /tmp/x # write elsewhere
    .venv/bin/python corpus_tools/build_corpus.py --list       # list documents

Output is deterministic: running twice gives byte-identical files (reportlab
invariant mode, fixed DOCX core properties and zip timestamps, plain templates).
corpus/README.md is generated too and lists every file with its origin.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from content import all_documents  # noqa: E402
from render_docx import render_docx  # noqa: E402
from render_html import render_press_release  # noqa: E402
from render_pdf import HYPHEN_LOG, render_agreement, render_minutes  # noqa: E402

MANAGED_DIRS = ("pdf", "html", "docx", "text")

ORIGIN_REAL = ("real press release text, Luleå kommun 2022-06-07, page furniture "
               "reconstructed for this project")
ORIGIN_FICTIONAL = ("written for this project (fictional example document based on the press "
                    "release's facts and general knowledge; not a real municipal document)")


NOTICE = 'Exempeldata: utom pressmeddelandet ”Luleå och Boden samverkar för att stärka regionen” (Luleå kommun, 7 juni 2022) är dokumenten i den här samlingen påhittade för att visa tjänsten. De är inte verkliga kommunala handlingar och beslut. Se corpus/README.md.\n'

def render(doc: dict) -> bytes:
    kind = doc["kind"]
    if kind == "minutes":
        return render_minutes(doc)
    if kind == "agreement":
        return render_agreement(doc)
    if kind == "html":
        return render_press_release(doc).encode("utf-8")
    if kind == "docx":
        return render_docx(doc)
    if kind == "text":
        return doc["text"].encode("utf-8")
    raise ValueError(f"unknown kind {kind!r}")  # pragma: no cover


def readme(docs: list[dict]) -> str:
    rows = []
    for d in sorted(docs, key=lambda d: d["file"]):
        origin = ORIGIN_REAL if d.get("real") else ORIGIN_FICTIONAL
        rows.append(f"| `{d['file']}` | {d['what']} | {d['date']} | {d['municipality_label']} | {origin} |")
    table = "\n".join(rows)
    n_real = sum(1 for d in docs if d.get("real"))
    return f"""# Example document corpus: Luleå kommun and Bodens kommun

Documents for trying the search and question-answering service: press releases (HTML),
minutes (protokoll, PDF), the avsiktsförklaring between Luleå kommun and Bodens kommun (PDF),
tjänsteskrivelser and a lägesrapport (DOCX) and two notes (TXT/MD), dated 2021–2026 and spread
over the four priority areas of the avsiktsförklaring (kompetensförsörjning, leva och bo,
infrastruktur, näringslivsutveckling).

**Only {n_real} file is a real document**: `html/lulea-boden-samverkar-2022-06-07.html` carries the
verbatim text of Luleå kommun's press release of 7 June 2022; the page around it (header,
navigation, footer, cookie notice) is reconstructed. Every other file was written for this
project. They are fictional example documents built on the facts of that press release and on
general public knowledge (for example Stegra/H2 Green Steel in Boden, HYBRIT, Norrbotniabanan,
the debated double track Luleå–Boden). Apart from Carina Sammeli and Claes Nordmark, all persons
are invented, and so are all decisions, amounts, diary numbers (Dnr) and quotes in those files.
Do not cite them as municipal decisions.

This README and `.notice` are the only files in `corpus/` that are not documents; the indexer
skips both. `.notice` holds the sentence the web app shows on every page while this corpus is
indexed: that these are example documents, not real municipal records.

## Files

| File | What it is | Date | Municipality | Origin |
|---|---|---|---|---|
{table}

## How to regenerate

The files are generated from the content in `corpus_tools/content/` by

    .venv/bin/python corpus_tools/build_corpus.py            # rewrites corpus/ (and this README)
    .venv/bin/python corpus_tools/build_corpus.py --out DIR  # writes the same tree elsewhere

The output is byte-identical on every run (reportlab invariant mode; fixed DOCX core
properties and zip timestamps). `tests/test_corpus_files.py` checks this, that every PDF
opens and that this table lists every file. Edit the content modules, never the generated files.

## Layout notes for the ingester

* Minutes PDFs (`pdf/*-protokoll-*.pdf`): every page starts with two header lines, e.g.
  `LULEÅ KOMMUN PROTOKOLL Sida 2 (5)` / `Kommunstyrelsens arbetsutskott Sammanträdesdatum 2022-06-07`
  (Boden: `BODENS KOMMUN SAMMANTRÄDESPROTOKOLL Sida 2 (5)`), and ends with the footer line
  `Justerandes signatur Utdragsbestyrkande` (two boxes). Page 1 holds Plats och tid, Beslutande,
  Övriga deltagande, Utses att justera, Justeringens plats och tid, Underskrifter (with
  `Paragrafer §§ N–M`), a `Paragrafer` list with lines `§ N title` (no Dnr) and the ANSLAG/BEVIS
  box. Items start on page 2. An item starts with the line `§ N Dnr …` (Dnr forms:
  `Dnr 2022/456-1.1.1`, `Dnr KS 2022/0318`, `Dnr SBN 2019/0734`, `Dnr AMN 2023/0118`, `Dnr UN 2025/0033`),
  the title on the next line(s), then headings on lines of their own: `Ärendebeskrivning` (Luleå) or
  `Sammanfattning av ärendet` (Boden), `Beslutsunderlag` (one document per line), optionally
  `Yrkanden` and `Beslutsgång`, then `Beslut` followed by the decision text, optionally
  `Reservation` or `Protokollsanteckning`, and last `Beslutet skickas till` (one recipient per line).
  The decision text under `Beslut` ends at the next of these headings. Items run on without page
  breaks, so several span two pages (the running header/footer then sits inside the item).
  Bulleted paragraphs in PDFs use `–` as the bullet.
* The avsiktsförklaring PDF has the header lines `Luleå kommun och Bodens kommun Sida N (3)` /
  `Avsiktsförklaring om samverkan Dnr Luleå 2022/456-1.1.1, Dnr Boden KS 2022/0318` and the footer
  line `Luleå kommun, 971 85 Luleå, tfn 0920-45 30 00 Bodens kommun, 961 86 Boden, tfn 0921-620 00`.
* Two words are hyphenated across a line end in PDFs (`kompetens-` / `försörjningsprocess` in
  `pdf/lulea-ksau-protokoll-2022-06-07.pdf`, `kompetens-` / `försörjning` in the avsiktsförklaring).
* HTML, Luleå template (`html/lulea-*.html`): the news text is `<main>` > `<article>`: `<h1>`,
  `<p class="lk-ingress">`, paragraphs, `<h2>`, `<ul>`, a `<figure>`/`<figcaption>`, then an article
  `<footer>` with `DELA VIA SOCIALA MEDIER`, credits (`Text: …`) and `Publicerad: 7 juni 2022` /
  `Uppdaterat: 2024-08-19` in `<time datetime="…">`. Cookie banner first in `<body>`, site header,
  `<nav>` menus, breadcrumbs and the site `<footer>` are furniture.
* HTML, Boden template (`html/boden-*.html`): no `<article>`; the text is in `<main>` >
  `div.bk-news`: `<h1>`, date line `p.bk-date`, ingress in `div.bk-preamble`, body in `div.bk-text`,
  credits, optionally `Senast uppdaterad: YYYY-MM-DD`, then `Dela sidan:` links. Cookie dialog last.
* DOCX: Word header (`LULEÅ KOMMUN<TAB>Tjänsteskrivelse<TAB>2022-05-24`) and footer (`Sida PAGE (NUMPAGES)`
  fields) are furniture; the tjänsteskrivelser open with a two-column metadata table (Datum,
  Diarienummer, Handläggare, …); the lägesrapport has a status table. Core properties carry title,
  author (the municipality) and the date.
* TXT/MD: plain UTF-8 text; the Markdown file has headings, lists and a table.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "corpus",
                    help="output folder (default: corpus/ in the repository)")
    ap.add_argument("--list", action="store_true", help="list the documents and exit")
    ap.add_argument("--keep-stale", action="store_true",
                    help="do not delete files in pdf/html/docx/text that the build no longer produces")
    args = ap.parse_args(argv)

    docs = all_documents()
    files = [d["file"] for d in docs]
    if len(set(files)) != len(files):
        raise SystemExit("duplicate output file names in content")
    if args.list:
        for d in sorted(docs, key=lambda d: d["file"]):
            print(f"{d['file']:70s} {d['date']}  {d['municipality_label']}")
        return 0

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    written = set()
    for d in docs:
        target = out / d["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        data = render(d)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        written.add(target.resolve())
    (out / "README.md").write_text(readme(docs), encoding="utf-8")
    # The indexer records a source folder's .notice and the web app shows it on
    # every page, so nobody mistakes these examples for real decisions.
    (out / ".notice").write_text(NOTICE, encoding="utf-8")

    if not args.keep_stale:
        for sub in MANAGED_DIRS:
            folder = out / sub
            if not folder.is_dir():
                continue
            for f in sorted(folder.rglob("*")):
                if f.is_file() and f.resolve() not in written:
                    print(f"removing stale file {f}")
                    f.unlink()
    broken = {w for w, ok in HYPHEN_LOG if ok}
    for word in sorted({w for w, _ in HYPHEN_LOG} - broken):
        print(f"note: marked word {word!r} did not fall at a line end; no hyphen was set")
    print(f"wrote {len(docs)} documents and README.md to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
