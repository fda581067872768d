"""`python -m bench.perf --corpus DIR` end to end on tiny folders (issue 16 point 3).

Two runs of a few documents each, with few queries and one warm round: one on
files of corpus/ (every facet present; also the web server's memory), one on plain notes without
kommun, date, type or area (the kinds that need them must be replaced, and
said so). Plus the bookkeeping that copies a run's block into RESULTS.md.
"""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from bench.perf import corpus as perf_corpus
from bench.perf.corpus_queries import WORD_RE
from bench.perf.run import main

REPO = Path(__file__).resolve().parents[1]
FILES = ["html/boden-2022-09-13-avsiktsforklaring-undertecknad.html",
         "html/lulea-2021-10-19-bostadsforsorjningsprogram.html",
         "html/lulea-2023-04-20-yrkeshogskola-drifttekniker.html",
         "text/minnesanteckningar-styrgrupp-lulea-boden-2023-02-14.txt",
         "text/sammanstallning-infrastruktur-lulea-boden-2025-01-28.md",
         "html/lulea-2025-03-04-farre-nya-bostader.html"]  # in sorted order the last (a .md) is left out by --limit 5

NOTES = {
    "skog.md": "# Skogen i november\n\nGranarna står tysta längs stigen och mossan lyser grön under snön. "
               "Fåglarna letar efter frön bland grenarna medan vinden drar genom dalen.\n\n"
               "Älven fryser sakta från stränderna och isen sjunger om natten.\n",
    "kok.md": "# Att baka bröd\n\nDegen behöver vila länge innan den formas till limpor. "
              "Mjölet blandas med vatten, salt och jäst i en stor skål.\n\n"
              "Ugnen ska vara riktigt varm när bröden skjuts in, och skorpan blir knaprig.\n",
    "fiske.txt": "Gäddan simmar nära vassen där vattnet är grunt och varmt.\n\n"
                 "Fiskaren kastar draget långt ut och vevar långsamt tillbaka mot båten.\n",
}


def _words(folder: Path) -> set[str]:
    out: set[str] = set()
    for f in folder.rglob("*"):
        if f.is_file():
            text = html.unescape(f.read_text(encoding="utf-8", errors="replace")).replace("\u00ad", "")
            out.update(w.lower() for w in WORD_RE.findall(text))
    return out


def _run(tmp_path: Path, capsys, folder: Path, name: str, *extra: str) -> tuple[str, dict]:
    out = tmp_path / f"{name}.json"
    rc = main(["--corpus", str(folder), "--corpus-name", name, "--queries", "15", "--repeats", "1",
               "--clients", "", "--no-record", "--work", str(tmp_path / "work"), "--json", str(out), *extra])
    assert rc == 0
    return capsys.readouterr().out, json.loads(out.read_text(encoding="utf-8"))


def test_corpus_run_on_files_of_corpus(tmp_path, capsys):
    folder = tmp_path / "docs"
    for rel in FILES:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "corpus" / rel, folder / rel)
    (folder / "README.md").write_text("# not a document\n", encoding="utf-8")
    (folder / "data.json").write_text("{}", encoding="utf-8")
    report, res = _run(tmp_path, capsys, folder, "tiny", "--limit", "5", "--no-coldstart")

    assert res["corpus"]["files"] == 5 and res["corpus"]["available"] == 6
    assert "### tiny: 5 documents (" in report
    assert "the first 5 in sorted path order of the 6 documents there" in report
    assert res["build"]["documents"] == 5 and res["build"]["failures"] == 0
    assert res["fts5"]["passages"] == res["build"]["passages"] > 0
    # the rows: build, latency of both systems, memory (the first query after a start or a switch is
    # skipped here: three update runs of the indexer take long on a busy machine)
    assert f"| 5 | {res['build']['pages']:,} | {res['build']['passages']:,} |" in report
    assert "| product |" in report and "| SQLite FTS5 |" in report and "| ratio product / FTS5 |" in report
    assert "first query after start" not in report
    for row in ("build: peak RSS of the parent", "query process, product", "query process, SQLite FTS5",
                "web server (", "web server: at rest"):
        assert row in report, row
    assert res["build"]["peak_rss_tree"] > 0 and res["load"]["rss_rest"] > 0
    # every kind of the synthetic set, made from the corpus's own words
    assert set(res["queries"]["counts"]) == {"plain", "phrase", "facets", "highlight", "browse"}
    queries = json.loads((tmp_path / "work" / "corpus-tiny-5" / "queries.json").read_text(encoding="utf-8"))
    assert len(queries) == sum(res["queries"]["counts"].values())
    source = tmp_path / "work" / "corpus-tiny-5" / "source"
    assert sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()) == sorted(FILES)[:5]
    words = _words(source)
    missing = [w for q in queries for w in WORD_RE.findall(q["text"]) if w.lower() not in words]
    assert not missing
    assert any(q["kind"] == "facets" and (q["areas"] or q["municipalities"] or q["years"] or q["doc_types"])
               for q in queries)
    assert sum(res["latency"]["totals_product"][i] > 0 for i in range(len(queries))) >= len(queries) // 2


def test_corpus_without_facets_replaces_kinds(tmp_path, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    for name, text in NOTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    report, res = _run(tmp_path, capsys, folder, "anteckningar", "--no-coldstart", "--no-server")

    assert "### anteckningar: 3 documents (" in report
    assert res["queries"]["facets"] == {"municipality": 0, "year": 0, "type": 0, "area": 0}
    notes = res["queries"]["notes"]
    assert any(n.startswith("kind facets replaced by plain: the corpus has no kommun") for n in notes), notes
    assert any(n.startswith("kind browse replaced by highlight: the corpus has no") for n in notes), notes
    for n in notes:
        assert f"Replaced or reduced: {n}." in report
    assert set(res["queries"]["counts"]) == {"plain", "phrase", "highlight"}
    words = _words(folder)
    assert all(w in words for w in res["queries"]["words"])
    assert "| product |" in report and "| SQLite FTS5 |" in report and "query process, product" in report
    assert "first query after start" not in report and "web server" not in report


def test_record_replaces_the_block_and_results_keep_a_copy(tmp_path):
    corpora, results = tmp_path / "CORPORA.md", tmp_path / "RESULTS.md"
    results.write_text("# Performance results\n\n## Web load\n\nx\n\n## Profiles and optimisations\n\nhand\n",
                       encoding="utf-8")
    perf_corpus.record("### a: 10 documents\n\nfirst\n", "a 10", corpora, results)
    perf_corpus.record("### b: 5 documents\n\nother\n", "b 5", corpora, results)
    perf_corpus.record("### a: 10 documents\n\nsecond\n", "a 10", corpora, results)
    text = corpora.read_text(encoding="utf-8")
    assert text.startswith("## Real corpora") and text.count("### a: 10") == 1 and "second" in text
    assert text.index("### a: 10") < text.index("### b: 5") and "first" not in text
    res = results.read_text(encoding="utf-8")
    assert res.count(perf_corpus.BEGIN) == 1 and "second" in res and "first" not in res
    assert res.index("## Web load") < res.index("## Real corpora") < res.index("## Profiles and optimisations")
    assert res.rstrip().endswith("hand")


@pytest.mark.parametrize("limit,expect", [(None, 3), (2, 2)])
def test_selection_is_sorted_and_skips_what_the_product_skips(tmp_path, limit, expect):
    for name in ("b.md", "a/c.txt", "a/b.html", ".hidden.md", "README.md", "x.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text", encoding="utf-8")
    files, available = perf_corpus.select_files(tmp_path, limit)
    assert available == 3 and files == ["a/b.html", "a/c.txt", "b.md"][:expect]
