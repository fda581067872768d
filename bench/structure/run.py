"""Run the structure benchmark: read every gold document with the product
(``extract_file`` + ``structure``), score it (metrics.py) and print a Markdown report.

    python -m bench.structure [--real DIR] [--corpus DIR] [--only real|corpus]
                              [--half dev|check|all] [--json FILE] [--verbose] [--doc SUBSTRING]

Progress and per-document timing go to stderr, the report to stdout. Exit status 0 when
it ran (missed targets are results, not errors), 1 when the product cannot be imported,
2 on bad arguments (including an explicit --real/--corpus folder that does not exist, or
a --doc that selects nothing). Nothing is written into the repository; with
``--ocr-cache DIR`` OCR results of scanned pages are kept in DIR between runs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.progress import Progress

from . import metrics as M
from .gold import DEFAULT_CORPUS, DEFAULT_REAL, REPO, GoldDoc, GoldError, corpus_gold, is_known, load_real

# Targets, issue 11 §8.
T_ITEM_F1 = 0.95
T_META = 0.90
TARGET_META_FIELDS = ("doc_type", "municipality", "body", "date", "title_kw_strict")
TARGET_GROUPS = ("real/dev", "real/check", "corpus")
GROUPS = ("real/dev", "real/check", "real/all", "corpus")
#: How each set is shown: every figure says whether it is in-sample (see the report's preamble).
GROUP_LABELS = {"real/dev": "real/dev (development half)", "real/check": "real/check (kept aside)",
                "real/all": "real/all (both halves)", "corpus": "corpus (in-sample)"}
META_LABELS = {"doc_type": "doc_type", "municipality": "municipality", "organisation": "organisation",
               "body": "body", "date": "date", "title_kw_strict": "title keywords (strict)",
               "title_kw_lenient": "title keywords (lenient)", "title_any": "title = a title_any (info)"}


@dataclass
class DocResult:
    gold: GoldDoc
    seconds: float = 0.0
    error: str | None = None
    items: M.ItemScore | None = None
    meta: dict[str, M.MetaResult] = field(default_factory=dict)
    clean: M.CleanResult | None = None
    n_pages: int | None = None
    n_passages: int = 0
    n_toc_kind: int = 0
    title: str | None = None
    low_pages: list[int] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    min_quality: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def group(self) -> str:
        return "corpus" if self.gold.set == "corpus" else f"real/{self.gold.half}"


# -- running ----------------------------------------------------------------------------------

def score_document(doc: Any, gold: GoldDoc) -> DocResult:
    """All metrics of one product Document against its gold (no I/O)."""
    r = DocResult(gold=gold, notes=list(gold.notes))
    items = list(getattr(doc, "items", None) or [])
    r.items = M.score_items(gold.items, items) if is_known(gold.items) else None
    r.meta = M.score_metadata(doc, gold)
    r.clean = M.score_passages(doc, gold)
    pages = list(getattr(doc, "pages", None) or [])
    r.n_pages = len(pages)
    passages = list(getattr(doc, "passages", None) or [])
    r.n_passages = len(passages)
    r.n_toc_kind = sum(1 for p in passages if getattr(p, "kind", "text") == "toc")
    r.title = getattr(doc, "title", None)
    r.low_pages, r.ocr_pages, r.min_quality = M.low_quality_pages(doc)
    if is_known(gold.pages) and isinstance(gold.pages, int) and gold.pages != len(pages):
        r.notes.append(f"the product has {len(pages)} pages, the gold {gold.pages}")
    if not hasattr(doc, "organisation"):
        r.notes.append("the product's Document has no organisation field (read as None)")
    return r


def failed_document(gold: GoldDoc, error: str, seconds: float) -> DocResult:
    """A document the product could not read counts as read with nothing found: every gold
    item missed and every measured metadata field wrong; passage counts are not measured."""
    r = DocResult(gold=gold, seconds=seconds, error=error, notes=list(gold.notes))
    if is_known(gold.items):
        r.items = M.score_items(gold.items, [])
    empty = type("Nothing", (), {"doc_type": None, "municipalities": ["(error)"], "organisation": "(error)",
                                 "body": "(error)", "date": None, "title": None})()
    r.meta = {k: M.MetaResult(k, False, "(error)", v.gold) for k, v in M.score_metadata(empty, gold).items()}
    return r


def _origin(exc: BaseException) -> str:
    """Where the innermost exception of a chain was raised (the product wraps its causes)."""
    seen = {id(exc)}
    while True:
        nxt = exc.__cause__ or exc.__context__
        if nxt is None or id(nxt) in seen:
            break
        seen.add(id(nxt))
        exc = nxt
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return f"{type(exc).__name__} (no traceback)"
    f = frames[-1]
    try:
        where = Path(f.filename).resolve().relative_to(REPO)
    except ValueError:
        where = Path(f.filename)
    return f"{where}:{f.lineno} in {f.name} ({type(exc).__name__}: {exc})"


def run_documents(golds: list[GoldDoc], log: Progress, ocr_cache: Path | None = None) -> list[DocResult]:
    from indexer.extract import extract_file
    from indexer.structure import structure

    ocr = None
    if ocr_cache is not None:
        from indexer.extract.ocr import OcrEngine
        ocr = OcrEngine(ocr_cache)
    out: list[DocResult] = []
    for i, g in enumerate(golds, 1):
        t0 = time.perf_counter()
        try:
            ex = extract_file(g.path, g.root, ocr=ocr) if ocr is not None else extract_file(g.path, g.root)
            t_ex = time.perf_counter() - t0
            doc = structure(ex, str(g.root))
        except Exception as exc:  # the product failing on a document is a result, not a crash
            dt = time.perf_counter() - t0
            err = f"{type(exc).__name__}: {exc}"
            log(f"{i}/{len(golds)} {g.name}: ERROR {err} ({dt:.1f} s)")
            r = failed_document(g, err, dt)
            r.notes.append(f"raised at {_origin(exc)}")
            out.append(r)
            continue
        dt = time.perf_counter() - t0
        r = score_document(doc, g)
        r.seconds = dt
        out.append(r)
        log(f"{i}/{len(golds)} {g.name} [{r.group}]: {dt:.1f} s (extract {t_ex:.1f} s), "
            f"{r.n_pages} pages, {r.n_passages} passages, {len(getattr(doc, 'items', []) or [])} items")
    return out


# -- summaries --------------------------------------------------------------------------------

def summarize(results: list[DocResult]) -> dict[str, Any]:
    s: dict[str, Any] = {"docs": len(results), "errors": sum(r.error is not None for r in results)}
    scored = [r.items for r in results if r.items is not None]
    tp = sum(x.tp for x in scored)
    n_pred = sum(x.n_pred for x in scored)
    n_gold = sum(x.n_gold for x in scored)
    fields = {f: M.FieldTally() for f in M.ITEM_FIELDS}
    for x in scored:
        for f in M.ITEM_FIELDS:
            fields[f].merge(x.fields[f])
    s["items"] = {
        "docs": len(scored), "gold": n_gold, "predicted": n_pred, "matched": tp,
        "precision": (tp / n_pred) if n_pred else (1.0 if n_gold == 0 else 0.0),
        "recall": (tp / n_gold) if n_gold else (1.0 if n_pred == 0 else 0.0),
        "f1": M.f1(tp, n_pred, n_gold) if scored else None,
        "mean_doc_f1": (sum(x.f1 for x in scored) / len(scored)) if scored else None,
        "fields": {f: {"right": t.right, "measured": t.measured, "rate": t.rate} for f, t in fields.items()},
    }
    meta: dict[str, dict[str, Any]] = {}
    for f in M.META_FIELDS:
        t = M.FieldTally()
        for r in results:
            if f in r.meta:
                t.add(r.meta[f].ok)
        meta[f] = {"right": t.right, "measured": t.measured, "rate": t.rate}
    s["meta"] = meta
    measured = [r for r in results if r.clean is not None]

    def total(attr: str) -> tuple[int | None, int]:
        vals = [getattr(r.clean, attr) for r in measured if getattr(r.clean, attr) is not None]
        return (sum(vals) if vals else None), len(vals)

    clean: dict[str, Any] = {"passages": sum(r.clean.passages for r in measured), "docs": len(measured)}
    for attr in ("header", "signature", "toc", "crossing", "unexplained", "bad_page"):
        n, docs = total(attr)
        clean[attr] = n
        clean[f"{attr}_docs"] = docs
    s["clean"] = clean
    s["low_quality_pages"] = sum(len(r.low_pages) for r in results)
    s["seconds"] = sum(r.seconds for r in results)
    return s


def targets(summaries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of (target, per group: value, MET/MISSED/n/a)."""
    rows: list[dict[str, Any]] = []

    def row(label: str, getter, test) -> None:
        cells = {}
        for g in TARGET_GROUPS:
            s = summaries.get(g)
            if not s or not s["docs"]:
                cells[g] = {"value": None, "verdict": "n/a (no documents)"}
                continue
            v = getter(s)
            cells[g] = {"value": v, "verdict": "n/a (not measured)" if v is None else
                        ("MET" if test(v) else "MISSED")}
        rows.append({"target": label, "cells": cells})

    row(f"§ items F1 (micro) ≥ {T_ITEM_F1:.2f}", lambda s: s["items"]["f1"], lambda v: v >= T_ITEM_F1 - 1e-12)
    for f in TARGET_META_FIELDS:
        row(f"{META_LABELS[f]} ≥ {100 * T_META:.0f} %", lambda s, f=f: s["meta"][f]["rate"],
            lambda v: v >= T_META - 1e-12)
    for attr, label in (("header", "passages with a running header/footer line = 0"),
                        ("signature", "passages with a signature/justification block = 0"),
                        ("toc", "passages with a TOC line (not marked toc) = 0"),
                        ("crossing", "passages crossing a page = 0")):
        row(label, lambda s, a=attr: s["clean"][a], lambda v: v == 0)
    return rows


# -- formatting -------------------------------------------------------------------------------

def _short(v: Any, n: int = 40) -> str:
    if v is None:
        return "null"
    if isinstance(v, (list, tuple)):
        v = "[" + ", ".join(str(x) for x in v) + "]"
    s = " ".join(str(v).split()).replace("|", "\\|")
    return s if len(s) <= n else s[: n - 1] + "…"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def _frac(right: int, measured: int) -> str:
    return "–" if not measured else f"{right}/{measured} ({100 * right / measured:.0f} %)"


def _num(x: float | None, d: int = 3) -> str:
    return "–" if x is None else f"{x:.{d}f}"


def _meta_cell(r: DocResult, f: str) -> str:
    m = r.meta.get(f)
    if m is None:
        return "·"
    if m.ok:
        return "✓"
    if f.startswith("title"):
        return f"✗ «{_short(m.predicted)}»"
    return f"✗ {_short(m.predicted, 30)} ≠ {_short(m.gold, 30)}"


def _count(v: int | None) -> str:
    return "·" if v is None else str(v)


def _items_cell(r: DocResult) -> str:
    x = r.items
    if x is None:
        return "·"
    perfect = " (none, none)" if x.n_gold == 0 and x.n_pred == 0 else ""
    return f"{x.precision:.2f}/{x.recall:.2f}/{x.f1:.2f} ({x.n_gold}/{x.n_pred}){perfect}"


def format_doc_tables(results: list[DocResult], title: str, verbose: bool) -> list[str]:
    out: list[str] = [f"## Per document: {title}", ""]
    if not results:
        return out + ["No documents.", ""]
    out += ["`§ P/R/F1 (gold/predicted)`; metadata ✓ right, ✗ predicted ≠ gold, · not annotated; "
            "counts are passages (header/footer, signature, TOC, crossing a page).", "",
            "| file | half | s | § P/R/F1 | doc_type | municipality | organisation | body | date | title kw | "
            "header | sign. | TOC | cross |",
            "|---|---|---:|---|---|---|---|---|---|---|---:|---:|---:|---:|"]
    for r in results:
        c = r.clean
        name = r.gold.name + (" **ERROR**" if r.error else "")
        out.append(f"| {name} | {r.gold.half} | {r.seconds:.1f} | {_items_cell(r)} | "
                   + " | ".join(_meta_cell(r, f) for f in ("doc_type", "municipality", "organisation", "body",
                                                           "date", "title_kw_strict"))
                   + f" | {_count(c.header) if c else '·'} | {_count(c.signature) if c else '·'} | "
                     f"{c.toc if c else '·'} | {c.crossing if c else '·'} |")
    out += ["", "Items among matched § (right/measured), missing and extra numbers; the product's title:", "",
            "| file | title | Dnr | has_decision | first page | last page | missing | extra | product title |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        x = r.items
        if x is None:
            continue
        cells = [_frac(x.fields[f].right, x.fields[f].measured) for f in M.ITEM_FIELDS]
        out.append(f"| {r.gold.name} | " + " | ".join(cells)
                   + f" | {_short(', '.join(x.missing) or '–', 50)} | {_short(', '.join(x.extra) or '–', 50)} | "
                     f"{_short(r.title, 60)} |")
    out += ["", "Pages and text quality (informational): pages flagged `low_quality`, pages read with OCR, "
            "lowest quality score, next to the gold's note on the text layer; passages the product marked "
            "`toc`; passages whose tokens are on no neighbouring page either (unexplained).", "",
            "| file | pages | low quality | OCR | min quality | gold text_layer | toc-marked | unexplained |",
            "|---|---:|---|---|---:|---|---:|---:|"]
    for r in results:
        tl = r.gold.text_layer if is_known(r.gold.text_layer) else "·"
        out.append(f"| {r.gold.name} | {r.n_pages if r.n_pages is not None else '·'} | {M.page_ranges(r.low_pages)} | "
                   f"{M.page_ranges(r.ocr_pages)} | {_num(r.min_quality, 2)} | {_short(tl, 90)} | "
                   f"{r.n_toc_kind} | {r.clean.unexplained if r.clean else '·'} |")
    notes = [(r.gold.name, n) for r in results for n in ([f"ERROR: {r.error}"] if r.error else []) + r.notes]
    if notes:
        out += ["", "Notes:", ""] + [f"- {name}: {n}" for name, n in notes]
    out.append("")
    if verbose:
        out += format_details(results)
    return out


def format_details(results: list[DocResult]) -> list[str]:
    out: list[str] = ["### Details", ""]
    for r in results:
        out.append(f"#### {r.gold.name}")
        out.append("")
        if r.items and r.items.mismatches:
            out.append("Item fields that differ (§, field: product ≠ gold):")
            out += [f"- § {nr} {f}: {_short(p, 90)} ≠ {_short(g, 90)}" for nr, f, p, g in r.items.mismatches]
            out.append("")
        wrong = [m for m in r.meta.values() if not m.ok]
        if wrong:
            out.append("Metadata wrong (product ≠ gold):")
            out += [f"- {m.field}: {_short(m.predicted, 120)} ≠ {_short(m.gold, 120)}" for m in wrong]
            out.append("")
        c = r.clean
        if c is None:
            out += ["(no passages: the document failed)", ""]
            continue
        for label, hits in (("Running header/footer", c.header_hits), ("Signature/justification", c.signature_hits),
                            ("TOC lines", c.toc_hits)):
            if not hits:
                continue
            out.append(f"{label}, per phrase (passage seq, page: text):")
            by_phrase: dict[str, list[M.PhraseHit]] = {}
            for h in hits:
                by_phrase.setdefault(h.phrase, []).append(h)
            for phrase, hs in by_phrase.items():
                out.append(f"- «{phrase}» ({len(hs)}):")
                out += [f"  - #{h.seq} p{h.page}: {_short(h.text, 160)}" for h in hs]
            out.append("")
        for label, hits in (("Crossing a page", c.crossing_hits), ("Unexplained tokens", c.unexplained_hits)):
            if hits:
                out.append(f"{label} (passage seq, page, tokens not on the page: text):")
                out += [f"- #{seq} p{page} [{_short(' '.join(toks), 60)}]: {_short(text, 140)}"
                        for seq, page, toks, text in hits]
                out.append("")
    return out


def format_overall(summaries: dict[str, dict[str, Any]]) -> list[str]:
    groups = [g for g in GROUPS if g in summaries]
    out = ["## Overall", "",
           "Micro-averaged over the set's § items; a document without gold items and without predicted items "
           "counts as perfect in the mean of per-document F1. Field rates are over matched items whose gold "
           "annotates the field.", "",
           "| set | docs | errors | gold § | predicted § | matched | P | R | F1 | mean doc F1 | title | Dnr | "
           "has_decision | first page | last page |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|"]
    for g in groups:
        s = summaries[g]
        it = s["items"]
        fl = it["fields"]
        out.append(f"| {GROUP_LABELS[g]} | {s['docs']} | {s['errors']} | {it['gold']} | {it['predicted']} | {it['matched']} | "
                   f"{_num(it['precision'])} | {_num(it['recall'])} | {_num(it['f1'])} | {_num(it['mean_doc_f1'])} | "
                   + " | ".join(_frac(fl[f]["right"], fl[f]["measured"]) for f in M.ITEM_FIELDS) + " |")
    out += ["", "Metadata (right/annotated documents):", "",
            "| set | " + " | ".join(META_LABELS[f] for f in M.META_FIELDS) + " |",
            "|---|" + "---|" * len(M.META_FIELDS)]
    for g in groups:
        m = summaries[g]["meta"]
        out.append(f"| {GROUP_LABELS[g]} | "
                   + " | ".join(_frac(m[f]["right"], m[f]["measured"]) for f in M.META_FIELDS) + " |")
    out += ["", "Clean passages (number of passages; in brackets the documents measured — header/footer and "
            "signature need gold phrases):", "",
            "| set | passages | header/footer | signature | TOC line | crossing a page | unexplained tokens | "
            "low-quality pages |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for g in groups:
        c = summaries[g]["clean"]

        def cell(a: str) -> str:
            return "–" if c[a] is None else f"{c[a]} ({c[a + '_docs']})"

        out.append(f"| {GROUP_LABELS[g]} | {c['passages']} | {cell('header')} | {cell('signature')} | {cell('toc')} | "
                   f"{cell('crossing')} | {cell('unexplained')} | {summaries[g]['low_quality_pages']} |")
    out.append("")
    return out


def format_targets(rows: list[dict[str, Any]]) -> list[str]:
    out = ["## Targets (issue 11 §8)", "",
           "| target | " + " | ".join(GROUP_LABELS[g] for g in TARGET_GROUPS) + " |",
           "|---|" + "---|" * len(TARGET_GROUPS)]
    for row in rows:
        cells = []
        for g in TARGET_GROUPS:
            c = row["cells"][g]
            v = c["value"]
            if v is None:
                cells.append(c["verdict"])
            elif isinstance(v, float):
                shown = f"{100 * v:.1f} %" if "%" in row["target"] else f"{v:.3f}"
                cells.append(f"{shown} {c['verdict']}")
            else:
                cells.append(f"{v} {c['verdict']}")
        out.append(f"| {row['target']} | " + " | ".join(cells) + " |")
    out += ["", "Organisation, title_any and the item title/Dnr/decision/page rates are reported without a target.",
            ""]
    return out


def format_report(results: list[DocResult], summaries: dict[str, dict[str, Any]], info: dict[str, Any],
                  verbose: bool = False) -> str:
    out: list[str] = ["# Structure benchmark (bench/structure)", ""]
    out += [f"Product: `indexer.extract.extract_file` + `indexer.structure.structure` as checked out at run time; "
            f"{info['started']}.", ""]
    for line in info["sources"]:
        out.append(f"- {line}")
    out += ["",
            "**In-sample or not.** real/dev: the half the developers may look at while working — in-sample once "
            "anyone has tuned on it. real/check: kept aside; out-of-sample only as long as nobody develops "
            "against it (every run prints it, so read it as a check, not as a target to tune). corpus: "
            "in-sample — written by this team in one layout, with its gold generated by the same code that "
            "wrote it; it says whether the product reads its own examples, not whether it reads real "
            "documents.", "",
            "Rules: `bench/structure/metrics.py` (matching, the short-phrase rule, TOC and page-crossing "
            "tests), `bench/structure/gold.py` (the corpus gold mapping, the half rule). `--verbose` lists "
            "every matched passage so false alarms can be judged.", ""]
    if info.get("halves"):
        out += ["## Halves of the real set", "",
                "Fixed rule: `check` if int(sha1(file name).hexdigest(), 16) % 2 == 1, else `dev`.", "",
                "| file | half |", "|---|---|"]
        out += [f"| {name} | {half} |" for name, half in info["halves"]]
        out.append("")
    out += format_targets(targets(summaries))
    out += format_overall(summaries)
    real = [r for r in results if r.gold.set == "real"]
    corpus = [r for r in results if r.gold.set == "corpus"]
    if info.get("real_ran"):
        out += format_doc_tables(real, "real documents", verbose)
    if info.get("corpus_ran"):
        out += format_doc_tables(corpus, "example corpus (in-sample)", verbose)
    return "\n".join(out).rstrip() + "\n"


def to_json(results: list[DocResult], summaries: dict[str, dict[str, Any]], info: dict[str, Any]) -> dict:
    def gold_value(v: Any) -> Any:
        return v if is_known(v) else "not annotated"

    docs = []
    for r in results:
        d: dict[str, Any] = {"file": r.gold.name, "set": r.gold.set, "half": r.gold.half, "group": r.group,
                             "seconds": round(r.seconds, 3), "error": r.error, "pages": r.n_pages,
                             "passages": r.n_passages, "toc_marked_passages": r.n_toc_kind, "title": r.title,
                             "notes": r.notes, "low_quality_pages": r.low_pages, "ocr_pages": r.ocr_pages,
                             "min_quality": r.min_quality, "gold_text_layer": gold_value(r.gold.text_layer)}
        if r.items is not None:
            x = r.items
            d["items"] = {"gold": x.n_gold, "predicted": x.n_pred, "matched": x.tp, "precision": x.precision,
                          "recall": x.recall, "f1": x.f1, "missing": x.missing, "extra": x.extra,
                          "fields": {f: {"right": t.right, "measured": t.measured} for f, t in x.fields.items()},
                          "mismatches": [{"number": n, "field": f, "predicted": p, "gold": g}
                                         for n, f, p, g in x.mismatches]}
        d["metadata"] = {k: {"ok": m.ok, "predicted": m.predicted, "gold": m.gold} for k, m in r.meta.items()}
        if r.clean is not None:
            c = r.clean
            d["clean"] = {"header": c.header, "signature": c.signature, "toc": c.toc, "crossing": c.crossing,
                          "unexplained": c.unexplained, "bad_page": c.bad_page,
                          "header_hits": [asdict(h) for h in c.header_hits],
                          "signature_hits": [asdict(h) for h in c.signature_hits],
                          "toc_hits": [asdict(h) for h in c.toc_hits],
                          "crossing_hits": [{"seq": s, "page": p, "tokens": t, "text": x}
                                            for s, p, t, x in c.crossing_hits]}
        docs.append(d)
    return {"info": info, "summaries": summaries, "targets": targets(summaries), "documents": docs}


# -- command line -----------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m bench.structure",
        description="How well the ingester reads documents: § items, metadata and clean passages, on the real "
                    "documents with hand-checked gold (../shared/devdata/real, two fixed halves) and on corpus/ "
                    "(gold generated from corpus_tools). OCR of scanned pages follows SEARCH_TESSERACT "
                    "(empty: no OCR).")
    ap.add_argument("--real", type=Path, default=None,
                    help=f"real documents with gold/ (default: {DEFAULT_REAL}; skipped when absent)")
    ap.add_argument("--corpus", type=Path, default=None, help=f"example corpus (default: {DEFAULT_CORPUS})")
    ap.add_argument("--only", choices=("real", "corpus"), help="run one set only")
    ap.add_argument("--half", choices=("dev", "check", "all"), default="all",
                    help="which half of the real set to run (default: all)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--verbose", action="store_true",
                    help="list item mismatches and every passage matched per phrase, TOC rule and page crossing")
    ap.add_argument("--doc", metavar="SUBSTRING", help="only documents whose file name or path contains this")
    ap.add_argument("--ocr-cache", type=Path, metavar="DIR",
                    help="keep OCR results of scanned pages in DIR (default: none, OCR runs every time)")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    log = Progress()
    for opt, value in (("--real", args.real), ("--corpus", args.corpus)):
        if value is not None and not value.is_dir():
            print(f"{opt}: {value} is not a folder", file=sys.stderr)
            return 2
    real_dir = args.real or DEFAULT_REAL
    corpus_dir = args.corpus or DEFAULT_CORPUS
    try:
        import indexer.extract  # noqa: F401
        import indexer.structure  # noqa: F401
    except Exception as exc:
        print(f"the product cannot be imported ({type(exc).__name__}: {exc}); nothing to measure", file=sys.stderr)
        return 1

    info: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M"), "sources": [], "halves": [],
                            "real_ran": False, "corpus_ran": False}
    golds: list[GoldDoc] = []
    if args.only != "corpus":
        if not (real_dir / "gold").is_dir():
            msg = f"real set skipped: {real_dir} (with gold/) is not present"
            print(f"note: {msg}", file=sys.stderr)
            info["sources"].append(msg)
        else:
            try:
                real, notes = load_real(real_dir)
            except GoldError as exc:
                print(f"real set skipped: {exc}", file=sys.stderr)
                info["sources"].append(f"real set skipped: {exc}")
                real, notes = [], []
            else:
                info["real_ran"] = True
            info["halves"] = [(g.name, g.half) for g in real]
            if args.half != "all":
                real = [g for g in real if g.half == args.half]
            info["sources"].append(f"real: `{real_dir}`, {len(real)} documents (half: {args.half})")
            info["sources"] += [f"real: {n}" for n in notes]
            golds += real
    if args.only != "real":
        try:
            corpus, notes = corpus_gold(corpus_dir)
        except Exception as exc:  # corpus_tools being edited must not hide the real-set figures
            print(f"corpus skipped: gold could not be generated ({type(exc).__name__}: {exc})", file=sys.stderr)
            info["sources"].append(f"corpus skipped: gold could not be generated ({type(exc).__name__}: {exc})")
            corpus, notes = [], []
        else:
            info["corpus_ran"] = True
            info["sources"].append(f"corpus: `{corpus_dir}`, {len(corpus)} documents, gold generated from "
                                   f"corpus_tools/content (in-sample)")
            info["sources"] += [f"corpus: {n}" for n in notes]
        golds += corpus
    if args.doc:
        golds = [g for g in golds if args.doc in g.name or args.doc in str(g.path)]
        if not golds:
            print(f"--doc {args.doc!r} selects no document", file=sys.stderr)
            return 2
    log(f"{len(golds)} documents to read")
    results = run_documents(golds, log, args.ocr_cache)
    groups: dict[str, list[DocResult]] = {
        "real/dev": [r for r in results if r.group == "real/dev"],
        "real/check": [r for r in results if r.group == "real/check"],
        # Only a run over both halves has a "both halves" figure.
        "real/all": [r for r in results if r.gold.set == "real"] if args.half == "all" else [],
        "corpus": [r for r in results if r.group == "corpus"],
    }
    summaries = {g: summarize(rs) for g, rs in groups.items() if rs}
    report = format_report(results, summaries, info, verbose=args.verbose)
    print(report, end="")
    if args.json:
        args.json.write_text(json.dumps(to_json(results, summaries, info), ensure_ascii=False, indent=1,
                                        default=str) + "\n", encoding="utf-8")
        log(f"JSON written to {args.json}")
    log(f"done: {len(results)} documents in {sum(r.seconds for r in results):.1f} s of reading")
    return 0
