"""Run the QA benchmark: index the corpus with the product pipeline, ask every question
through search_app.qa.answer_question, score, time, and print the report with targets."""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from bench.progress import Progress

from . import metrics, swequad
from .dataset import ANSWER_TYPES, QUESTIONS_FILE, Question, load_questions

REPO = Path(__file__).resolve().parents[2]

# Targets.
T_ACCURACY = 0.85            # accuracy@1 on answerable questions, at least
T_ABSTAIN = 0.75             # share of unanswerable questions with answer None, at least
T_FALSE_ABSTAIN = 0.10       # share of answerable questions with answer None, at most
T_MEDIAN_MS = 300.0          # warm median latency, at most
T_SWEQUAD_GAIN = 0.10        # product - baseline accuracy on SweQUAD-MC, at least


@dataclass
class QAResult:
    question: Question
    answer: str | None
    source_path: str | None
    page: int | None
    seconds: float = 0.0
    sentence: str | None = None
    confidence: float | None = None
    returned_type: str | None = None
    error: str | None = None
    # set by score_result
    abstained: bool = False
    correct: bool = False
    page_correct: bool = False
    sentence_correct: bool = False   # diagnostic: the returned *sentence* contains the gold answer


def score_result(r: QAResult) -> QAResult:
    q = r.question
    r.abstained = r.answer is None
    if not q.answerable:
        r.correct = r.abstained
        r.page_correct = False
        return r
    in_gold_doc = r.source_path is not None and r.source_path in q.source_paths
    r.correct = (not r.abstained) and in_gold_doc and metrics.contains_answer(r.answer, q.answers)
    r.page_correct = in_gold_doc and r.page in q.pages_of(r.source_path)
    r.sentence_correct = (not r.abstained) and in_gold_doc and metrics.contains_answer(r.sentence, q.answers)
    return r


def summarize(results: list[QAResult]) -> dict:
    ans = [r for r in results if r.question.answerable]
    una = [r for r in results if not r.question.answerable]
    per_type: dict[str, tuple[int, int]] = {}
    for t in ANSWER_TYPES:
        sub = [r for r in ans if r.question.answer_type == t]
        if sub:
            per_type[t] = (sum(r.correct for r in sub), len(sub))
    ms = [r.seconds * 1000.0 for r in results]
    return {
        "n": len(results), "n_answerable": len(ans), "n_unanswerable": len(una),
        "accuracy": metrics.share([r.correct for r in ans]),
        "n_correct": sum(r.correct for r in ans),
        "page_correct": metrics.share([r.page_correct for r in ans]),
        "n_page_correct": sum(r.page_correct for r in ans),
        "sentence_correct": metrics.share([r.sentence_correct for r in ans]),
        "n_sentence_correct": sum(r.sentence_correct for r in ans),
        "abstention_unanswerable": metrics.share([r.abstained for r in una]),
        "n_abstained_unanswerable": sum(r.abstained for r in una),
        "false_abstention": metrics.share([r.abstained for r in ans]),
        "n_false_abstention": sum(r.abstained for r in ans),
        "per_type": per_type,
        "median_ms": metrics.median(ms),
        "p95_ms": metrics.percentile(ms, 95.0),
        "errors": sum(r.error is not None for r in results),
    }


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def pct(x: float) -> str:
    return f"{100.0 * x:.1f} %"


# -- asking ------------------------------------------------------------------------------

def ask(answer_question, store, q: Question) -> QAResult:
    t0 = time.perf_counter()
    try:
        a = answer_question(store, q.question)
    except Exception as exc:  # a crash counts as no answer, and is listed
        return QAResult(q, None, None, None, seconds=time.perf_counter() - t0,
                        error=f"{type(exc).__name__}: {exc}")
    dt = time.perf_counter() - t0
    src = getattr(a, "source", None)
    return QAResult(q, getattr(a, "answer", None),
                    getattr(src, "source_path", None) if src is not None else None,
                    getattr(src, "page", None) if src is not None else None,
                    seconds=dt, sentence=getattr(a, "sentence", None),
                    confidence=getattr(a, "confidence", None), returned_type=getattr(a, "answer_type", None))


def run_corpus(corpus: Path, questions: list[Question], jobs: int, log: Progress) -> tuple[list[QAResult], dict]:
    from indexer.pipeline import build_index
    from indexer.store import open_store
    from search_app.qa import answer_question

    info: dict = {}
    with tempfile.TemporaryDirectory(prefix="qa-bench-") as tmp:
        tmp_path = Path(tmp)
        log(f"indexing {corpus}")
        t0 = time.monotonic()
        report = build_index([corpus], tmp_path / "index", tmp_path / "cache", jobs=jobs, progress=False)
        info.update(documents=report.documents, passages=report.passages, index_seconds=time.monotonic() - t0,
                    failures=len(report.failures))
        store = open_store(tmp_path / "index")
        try:
            log(f"warm-up round: {len(questions)} questions")
            first = [ask(answer_question, store, q) for q in questions]
            log("timed round")
            second = [ask(answer_question, store, q) for q in questions]
        finally:
            close = getattr(store, "close", None)
            if callable(close):
                close()
    info["unstable"] = [a.question.id for a, b in zip(first, second)
                        if (a.answer, a.source_path, a.page) != (b.answer, b.source_path, b.page)]
    return [score_result(r) for r in second], info


def run_swequad(path: Path, jobs: int, log: Progress) -> dict:
    from indexer.pipeline import build_index, load_documents
    from indexer.store import open_store
    from search_app.qa import answer_question

    contexts, items = swequad.load(path)
    with tempfile.TemporaryDirectory(prefix="qa-swequad-") as tmp:
        tmp_path = Path(tmp)
        folder = tmp_path / "contexts"
        swequad.write_contexts(contexts, folder)
        log(f"SweQUAD-MC: indexing {len(contexts)} contexts")
        report = build_index([folder], tmp_path / "index", tmp_path / "cache", jobs=jobs, progress=False)
        docs, _ = load_documents([folder], tmp_path / "cache", jobs=jobs)   # from the cache: same passages
        passages = [(p.passage_id, p.text) for d in docs for p in d.passages]
        store = open_store(tmp_path / "index")
        baseline = swequad.SentenceBaseline(passages)
        rows = []
        sentences: list[str | None] = []
        try:
            log(f"SweQUAD-MC: {len(items)} questions")
            for it in items:
                try:
                    a = answer_question(store, it.question)
                    prod, src = a.answer, getattr(getattr(a, "source", None), "source_path", None)
                    sent = getattr(a, "sentence", None) if prod is not None else None
                except Exception as exc:
                    prod, src, sent = None, f"error: {type(exc).__name__}: {exc}", None
                base = baseline.answer(it.question)
                rows.append((it, prod, src, base))
                sentences.append(sent)
        finally:
            baseline.close()
            close = getattr(store, "close", None)
            if callable(close):
                close()
    n = len(rows)
    prod_ok = [swequad.is_correct(p, it) for it, p, _, _ in rows]
    base_ok = [swequad.is_correct(b, it) for it, _, _, b in rows]
    sent_ok = [swequad.is_correct(x, it) for (it, _, _, _), x in zip(rows, sentences)]
    return {
        "n": n, "contexts": len(contexts), "documents": report.documents, "passages": report.passages,
        "product": metrics.share(prod_ok), "n_product": sum(prod_ok),
        "baseline": metrics.share(base_ok), "n_baseline": sum(base_ok),
        "product_sentence": metrics.share(sent_ok), "n_product_sentence": sum(sent_ok),
        "product_abstained": sum(p is None for _, p, _, _ in rows),
        "product_right_doc": sum(s == it.context_key for it, _, s, _ in rows),
        "both": sum(p and b for p, b in zip(prod_ok, base_ok)),
        "only_product": sum(p and not b for p, b in zip(prod_ok, base_ok)),
        "only_baseline": sum(b and not p for p, b in zip(prod_ok, base_ok)),
        "examples": [(it, p, s, b) for (it, p, s, b), ok in zip(rows, prod_ok) if not ok][:10],
    }


# -- report ------------------------------------------------------------------------------

def _gold_sources(q: Question) -> str:
    return "; ".join(f"{s.source_path} s. {s.page}" for s in q.sources)


def format_report(results: list[QAResult], info: dict, s: dict, sq: dict | None, sq_note: str | None,
                  corpus: Path) -> str:
    out: list[str] = []
    w = out.append
    w("# QA benchmark (bench/qa)")
    w("")
    w(f"Corpus: `{corpus}`: {info['documents']} documents, {info['passages']} passages, "
      f"indexed in {info['index_seconds']:.1f} s ({info['failures']} files failed).")
    w(f"Questions: {s['n']} ({s['n_answerable']} answerable, {s['n_unanswerable']} unanswerable).")
    if s["errors"]:
        w(f"**{s['errors']} questions raised an exception in answer_question (counted as no answer).**")
    if info.get("unstable"):
        w(f"Answers differing between warm-up and timed round: {', '.join(info['unstable'])}.")
    w("")
    w("| Measure | Value | Target | |")
    w("|---|---|---|---|")
    w(f"| accuracy@1 (answer contains gold, source is a gold document) | {pct(s['accuracy'])} "
      f"({s['n_correct']}/{s['n_answerable']}) | ≥ {pct(T_ACCURACY)} | {verdict(s['accuracy'] >= T_ACCURACY)} |")
    w(f"| source page correct | {pct(s['page_correct'])} ({s['n_page_correct']}/{s['n_answerable']}) | – | |")
    w(f"| (diagnostic) returned sentence contains gold, gold document | {pct(s['sentence_correct'])} "
      f"({s['n_sentence_correct']}/{s['n_answerable']}) | – | |")
    w(f"| correct abstention on unanswerable | {pct(s['abstention_unanswerable'])} "
      f"({s['n_abstained_unanswerable']}/{s['n_unanswerable']}) | ≥ {pct(T_ABSTAIN)} | "
      f"{verdict(s['abstention_unanswerable'] >= T_ABSTAIN)} |")
    w(f"| false abstention on answerable | {pct(s['false_abstention'])} "
      f"({s['n_false_abstention']}/{s['n_answerable']}) | ≤ {pct(T_FALSE_ABSTAIN)} | "
      f"{verdict(s['false_abstention'] <= T_FALSE_ABSTAIN)} |")
    w(f"| latency median (warm, second round) | {s['median_ms']:.1f} ms | ≤ {T_MEDIAN_MS:.0f} ms | "
      f"{verdict(s['median_ms'] <= T_MEDIAN_MS)} |")
    w(f"| latency 95th percentile (warm) | {s['p95_ms']:.1f} ms | – | |")
    w("")
    w("## Accuracy per answer type")
    w("")
    w("| Type | Correct | Questions | Accuracy |")
    w("|---|---|---|---|")
    for t, (c, n) in s["per_type"].items():
        w(f"| {t} | {c} | {n} | {pct(c / n)} |")
    w("")
    failures = [r for r in results if not r.correct]
    w(f"## Failures ({len(failures)})")
    w("")
    for r in failures:
        q = r.question
        w(f"- **{q.id}** ({q.answer_type}) {q.question}")
        if q.answerable:
            gold = " | ".join(q.answers)
            w(f"  - gold: «{gold}» in {_gold_sources(q)}")
        else:
            w("  - gold: no answer in the corpus (should abstain)")
        if r.error:
            w(f"  - returned: ERROR {r.error}")
        elif r.answer is None:
            w("  - returned: None (abstained)"
              + (f", confidence {r.confidence:.2f}" if isinstance(r.confidence, (int, float)) else ""))
        else:
            conf = f"{r.confidence:.2f}" if isinstance(r.confidence, (int, float)) else "?"
            w(f"  - returned: «{metrics.normalize_ws(r.answer)}» from {r.source_path} s. {r.page} "
              f"(type {r.returned_type}, confidence {conf})")
            why = []
            if q.answerable:
                if r.source_path not in q.source_paths:
                    why.append("not a gold document")
                if not metrics.contains_answer(r.answer, q.answers):
                    why.append("gold answer not in the returned answer")
            if why:
                w(f"  - why: {', '.join(why)}")
    w("")
    w("## SweQUAD-MC (dev), open-domain")
    w("")
    if sq is None:
        w(sq_note or "skipped")
    else:
        gain = sq["product"] - sq["baseline"]
        w(f"{sq['n']} questions over {sq['contexts']} contexts ({sq['documents']} documents, "
          f"{sq['passages']} passages). Correct = the returned answer contains the correct choice "
          f"(lowercase, punctuation stripped, whitespace collapsed).")
        w("")
        w("| System | Accuracy |")
        w("|---|---|")
        w(f"| product (answer_question) | {pct(sq['product'])} ({sq['n_product']}/{sq['n']}) |")
        w(f"| baseline: best BM25 sentence of the top Whoosh LanguageAnalyzer(\"sv\") passage | "
          f"{pct(sq['baseline'])} ({sq['n_baseline']}/{sq['n']}) |")
        w(f"| (diagnostic, not the target) product's returned sentence instead of its answer | "
          f"{pct(sq['product_sentence'])} ({sq['n_product_sentence']}/{sq['n']}) |")
        w("")
        w(f"Difference product − baseline: {100 * gain:+.1f} points; target ≥ +{100 * T_SWEQUAD_GAIN:.0f} points: "
          f"{verdict(gain >= T_SWEQUAD_GAIN - 1e-9)}.")
        w(f"Product abstained on {sq['product_abstained']} questions; its source was the question's own context "
          f"for {sq['product_right_doc']}/{sq['n']}. Both correct: {sq['both']}, only product: "
          f"{sq['only_product']}, only baseline: {sq['only_baseline']}.")
        if sq["examples"]:
            w("")
            w("Product misses (first 10):")
            for it, p, src, b in sq["examples"]:
                prod = f"«{metrics.normalize_ws(p)[:160]}» ({src})" if p else "None (abstained)"
                base = f"«{metrics.normalize_ws(b)[:160]}»" if b else "None"
                w(f"- {it.question} — correct «{' | '.join(it.correct)}» ({it.context_key}); "
                  f"product {prod}; baseline {base}")
    w("")
    return "\n".join(out)


def sweep(answer_question, store, questions: list[Question]) -> tuple[list[tuple[float, int, int, int]], float | None]:
    """Every question answered with no abstention, then the threshold swept over
    0.00..1.00: rows of (threshold, correct answers, unanswerable abstained,
    answerable abstained), and the threshold the calibration rule picks: the most
    questions handled right (correct answers plus correct abstentions) with false
    abstention at most 10 %; among equals the fewest false abstentions; of the
    thresholds still tied, the middle one (furthest from both edges)."""
    import search_app.qa as qa

    saved = qa.ABSTAIN_THRESHOLD
    qa.ABSTAIN_THRESHOLD = 0.0
    try:
        raw = [score_result(ask(answer_question, store, q)) for q in questions]
    finally:
        qa.ABSTAIN_THRESHOLD = saved
    n_ans = sum(r.question.answerable for r in raw)
    rows, keyed = [], []
    for i in range(101):
        t = i / 100.0
        kept = [(r, (r.confidence or 0.0) >= t) for r in raw]
        correct = sum(r.correct and k for r, k in kept if r.question.answerable)
        un_abst = sum(not k for r, k in kept if not r.question.answerable)
        false_abst = sum(not k for r, k in kept if r.question.answerable)
        rows.append((t, correct, un_abst, false_abst))
        if n_ans and false_abst / n_ans <= 0.10:
            keyed.append(((correct + un_abst, -false_abst), t))
    if not keyed:
        return rows, None
    top = max(k for k, _t in keyed)
    tied = [t for k, t in keyed if k == top]
    return rows, tied[(len(tied) - 1) // 2]


def format_sweep(rows, best: float | None, n_ans: int, n_una: int, current: float) -> str:
    out = ["## Abstention threshold sweep (corpus set, answers at threshold 0)", "",
           "| threshold | accuracy@1 | correct abstention | false abstention |", "|---|---|---|---|"]
    for t, correct, un_abst, false_abst in rows:
        if round(t * 100) % 5 == 0 or (best is not None and abs(t - best) < 1e-9) or abs(t - current) < 1e-9:
            mark = " ← rule" if best is not None and abs(t - best) < 1e-9 else ""
            mark += " ← current" if abs(t - current) < 1e-9 else ""
            out.append(f"| {t:.2f}{mark} | {correct}/{n_ans} | {un_abst}/{n_una} | {false_abst}/{n_ans} |")
    out += ["", f"Rule: most questions handled right (answers + abstentions) with false abstention ≤ 10 %, "
                f"then fewest false abstentions, then the middle of the tied range → "
                f"{best if best is not None else 'none'}; "
                f"search_app.qa.ABSTAIN_THRESHOLD is {current}."]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.qa",
        description="Extractive QA benchmark: accuracy@1, source page, abstention, latency over corpus/ "
                    "(bench/qa/questions.toml), and SweQUAD-MC dev vs. a BM25 sentence baseline.")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus", help="document folder (default: corpus/)")
    ap.add_argument("--questions", type=Path, default=QUESTIONS_FILE, help="questions file (default: %(default)s)")
    ap.add_argument("--no-swequad", action="store_true", help="skip the SweQUAD-MC part")
    ap.add_argument("--swequad-file", type=Path, default=swequad.DEFAULT_PATH,
                    help="SweQUAD-MC dev file (default: ../shared/devdata/qa/swequad_mc_dev.json)")
    ap.add_argument("--jobs", type=int, default=2, help="extraction worker processes (default: 2)")
    ap.add_argument("--out", type=Path, help="also write the report (Markdown) to this file")
    ap.add_argument("--sweep", action="store_true",
                    help="only print the abstention threshold sweep over the corpus set (for recalibration)")
    args = ap.parse_args(argv)

    log = Progress()
    try:
        import search_app.qa  # noqa: F401
    except ImportError as exc:
        print(f"search_app.qa is not available ({exc}); nothing to benchmark.", file=sys.stderr)
        return 2
    questions = load_questions(args.questions)
    if args.sweep:
        return _run_sweep(args, questions, log)
    results, info = run_corpus(args.corpus, questions, args.jobs, log)
    s = summarize(results)

    sq, sq_note = None, None
    if args.no_swequad:
        sq_note = "Skipped (--no-swequad)."
    elif not args.swequad_file.is_file():
        sq_note = f"Skipped: {args.swequad_file} is not present."
        print(f"note: SweQUAD-MC file not found at {args.swequad_file}; skipping that part.", file=sys.stderr)
    else:
        try:
            sq = run_swequad(args.swequad_file, args.jobs, log)
        except Exception:
            sq_note = "Failed:\n\n```\n" + traceback.format_exc() + "```"
    report = format_report(results, info, s, sq, sq_note, args.corpus)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
        log(f"report written to {args.out}")
    return 0


def _run_sweep(args, questions: list[Question], log: Progress) -> int:
    from indexer.pipeline import build_index
    from indexer.store import open_store
    import search_app.qa as qa

    with tempfile.TemporaryDirectory(prefix="qa-sweep-") as tmp:
        tmp_path = Path(tmp)
        log(f"indexing {args.corpus}")
        build_index([args.corpus], tmp_path / "index", tmp_path / "cache", jobs=args.jobs, progress=False)
        store = open_store(tmp_path / "index")
        rows, best = sweep(qa.answer_question, store, questions)
    n_ans = sum(q.answerable for q in questions)
    print(format_sweep(rows, best, n_ans, len(questions) - n_ans, qa.ABSTAIN_THRESHOLD))
    return 0
