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

from . import metrics, real, swequad
from .dataset import ANSWER_TYPES, QUESTIONS_FILE, Question, load_questions
from .split import CHECK, TUNE, half

REPO = Path(__file__).resolve().parents[2]

# Targets (issue 12), all on held-out data.
T_ACCURACY = 0.80            # corpus check half: accuracy@1 on answerable questions, at least
T_ABSTAIN = 0.70             # corpus check half: unanswerable questions with answer None, at least
T_FALSE_ABSTAIN = 0.10       # corpus check half: answerable questions with answer None, at most
T_MEDIAN_MS = 300.0          # warm median latency, at most
T_SWEQUAD_GAIN = 0.10        # product - baseline accuracy on SweQUAD-MC dev (abstentions wrong), at least
T_HIGH_CONFIDENCE = 0.80     # answers given with at least this confidence …
T_HIGH_PRECISION = 0.95      # … are right at least this often (corpus check half, SweQUAD-MC dev)


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
    # the best answer even when it was withheld for low confidence (diagnostic)
    best_answer: str | None = None
    best_source_path: str | None = None
    best_correct: bool = False


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
    r.best_correct = (r.best_source_path in q.source_paths) and metrics.contains_answer(r.best_answer, q.answers)
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
        "n_best_correct": sum(r.best_correct for r in ans),
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
        "pairs": confidence_pairs(results),
    }


def confidence_pairs(results: list[QAResult]) -> list[tuple[float, bool]]:
    """(confidence, right) of every answer given (abstentions have no place here)."""
    return [(float(r.confidence or 0.0), r.correct) for r in results if not r.abstained and r.error is None]


def high_confidence_line(pairs: list[tuple[float, bool]], what: str) -> str:
    prec, n = metrics.precision_at(pairs, T_HIGH_CONFIDENCE)
    if not n:
        return (f"| {what}: answers with confidence ≥ {T_HIGH_CONFIDENCE:.1f} that are right | none given | "
                f"≥ {pct(T_HIGH_PRECISION)} | (no such answers) |")
    right = round(prec * n)
    return (f"| {what}: answers with confidence ≥ {T_HIGH_CONFIDENCE:.1f} that are right | {pct(prec)} ({right}/{n}) | "
            f"≥ {pct(T_HIGH_PRECISION)} | {verdict(prec >= T_HIGH_PRECISION)} |")


pct, verdict = metrics.pct, metrics.verdict


# -- asking ------------------------------------------------------------------------------

def ask(answer_question, store, q: Question, threshold: float = 0.0) -> QAResult:
    """Ask one question; ``answer_question`` answers everything (threshold 0), and
    the answer counts as given only when its confidence reaches ``threshold``."""
    t0 = time.perf_counter()
    try:
        a = answer_question(store, q.question)
    except Exception as exc:  # a crash counts as no answer, and is listed
        return QAResult(q, None, None, None, seconds=time.perf_counter() - t0,
                        error=f"{type(exc).__name__}: {exc}")
    dt = time.perf_counter() - t0
    src = getattr(a, "source", None)
    conf = getattr(a, "confidence", None)
    if getattr(a, "answer", None) is None or (conf or 0.0) < threshold:
        return QAResult(q, None, None, None, seconds=dt, confidence=conf, returned_type=getattr(a, "answer_type", None),
                        best_answer=getattr(a, "answer", None),
                        best_source_path=getattr(src, "source_path", None) if src is not None else None)
    return QAResult(q, getattr(a, "answer", None),
                    getattr(src, "source_path", None) if src is not None else None,
                    getattr(src, "page", None) if src is not None else None,
                    seconds=dt, sentence=getattr(a, "sentence", None),
                    confidence=conf, returned_type=getattr(a, "answer_type", None),
                    best_answer=getattr(a, "answer", None),
                    best_source_path=getattr(src, "source_path", None) if src is not None else None)


def answerer(model):
    """(answer_question with the model at threshold 0, the model's threshold)."""
    from dataclasses import replace
    from functools import partial

    from search_app.qa import answer_question

    return partial(answer_question, model=replace(model, threshold=0.0)), model.threshold


def run_corpus(corpus: Path, questions: list[Question], jobs: int, log: Progress, model) -> tuple[list[QAResult], dict]:
    from indexer.pipeline import build_index
    from indexer.store import open_store

    answer_question, threshold = answerer(model)

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
            first = [ask(answer_question, store, q, threshold) for q in questions]
            log("timed round")
            second = [ask(answer_question, store, q, threshold) for q in questions]
        finally:
            close = getattr(store, "close", None)
            if callable(close):
                close()
    info["unstable"] = [a.question.id for a, b in zip(first, second)
                        if (a.answer, a.source_path, a.page) != (b.answer, b.source_path, b.page)]
    return [score_result(r) for r in second], info


def run_swequad(path: Path, jobs: int, log: Progress, model) -> dict:
    from indexer.pipeline import build_index, load_documents
    from indexer.store import open_store

    answer_question, threshold = answerer(model)

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
        alls: list[str | None] = []
        confs: list[float] = []
        try:
            log(f"SweQUAD-MC: {len(items)} questions")
            for it in items:
                try:
                    a = answer_question(store, it.question)
                    every, src = a.answer, getattr(getattr(a, "source", None), "source_path", None)
                    conf = float(a.confidence or 0.0)
                    prod = every if conf >= threshold else None
                    sent = getattr(a, "sentence", None) if prod is not None else None
                except Exception as exc:
                    every, prod, src, sent, conf = None, None, f"error: {type(exc).__name__}: {exc}", None, 0.0
                base = baseline.answer(it.question)
                rows.append((it, prod, src, base))
                sentences.append(sent)
                alls.append(every)
                confs.append(conf)
        finally:
            baseline.close()
            close = getattr(store, "close", None)
            if callable(close):
                close()
    n = len(rows)
    prod_ok = [swequad.is_correct(p, it) for it, p, _, _ in rows]
    base_ok = [swequad.is_correct(b, it) for it, _, _, b in rows]
    sent_ok = [swequad.is_correct(x, it) for (it, _, _, _), x in zip(rows, sentences)]
    all_ok = [swequad.is_correct(x, it) for (it, _, _, _), x in zip(rows, alls)]
    return {
        "product_all": metrics.share(all_ok), "n_product_all": sum(all_ok),
        "pairs": [(c, ok) for (_it, p, _s, _b), c, ok in zip(rows, confs, prod_ok) if p is not None],
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


def format_corpus(results: list[QAResult], s: dict, title: str, held_out: bool) -> str:
    out: list[str] = []
    w = out.append
    w(f"## {title}")
    w("")
    w(f"Questions: {s['n']} ({s['n_answerable']} answerable, {s['n_unanswerable']} unanswerable).")
    if s["errors"]:
        w(f"**{s['errors']} questions raised an exception in answer_question (counted as no answer).**")
    w("")
    tgt = (lambda text: text) if held_out else (lambda text: "– (in-sample)")
    ok = (lambda cond: verdict(cond)) if held_out else (lambda cond: "")
    w("| Measure | Value | Target | |")
    w("|---|---|---|---|")
    w(f"| accuracy@1 (answer contains gold, source is a gold document) | {pct(s['accuracy'])} "
      f"({s['n_correct']}/{s['n_answerable']}) | {tgt(f'≥ {pct(T_ACCURACY)}')} | {ok(s['accuracy'] >= T_ACCURACY)} |")
    w(f"| (diagnostic) accuracy without abstaining (the best answer to every answerable question) | "
      f"{pct(s['n_best_correct'] / max(1, s['n_answerable']))} ({s['n_best_correct']}/{s['n_answerable']}) | – | |")
    w(f"| source page correct | {pct(s['page_correct'])} ({s['n_page_correct']}/{s['n_answerable']}) | – | |")
    w(f"| (diagnostic) returned sentence contains gold, gold document | {pct(s['sentence_correct'])} "
      f"({s['n_sentence_correct']}/{s['n_answerable']}) | – | |")
    w(f"| correct abstention on unanswerable | {pct(s['abstention_unanswerable'])} "
      f"({s['n_abstained_unanswerable']}/{s['n_unanswerable']}) | {tgt(f'≥ {pct(T_ABSTAIN)}')} | "
      f"{ok(s['abstention_unanswerable'] >= T_ABSTAIN)} |")
    w(f"| false abstention on answerable | {pct(s['false_abstention'])} "
      f"({s['n_false_abstention']}/{s['n_answerable']}) | {tgt(f'≤ {pct(T_FALSE_ABSTAIN)}')} | "
      f"{ok(s['false_abstention'] <= T_FALSE_ABSTAIN)} |")
    if held_out:
        w(high_confidence_line(s["pairs"], "corpus check half"))
    w(f"| latency median (warm, second round) | {s['median_ms']:.1f} ms | ≤ {T_MEDIAN_MS:.0f} ms | "
      f"{verdict(s['median_ms'] <= T_MEDIAN_MS)} |")
    w(f"| latency 95th percentile (warm) | {s['p95_ms']:.1f} ms | – | |")
    w("")
    w("| Type | Correct | Questions | Accuracy |")
    w("|---|---|---|---|")
    for t, (c, n) in s["per_type"].items():
        w(f"| {t} | {c} | {n} | {pct(c / n)} |")
    w("")
    if held_out:
        w(metrics.format_reliability(metrics.reliability_table(s["pairs"]),
                                     "Reliability of the given answers (corpus check half)"))
        w("")
    failures = [r for r in results if not r.correct]
    w(f"### Failures ({len(failures)})")
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
    return "\n".join(out)


def format_swequad(sq: dict | None, sq_note: str | None) -> str:
    out: list[str] = []
    w = out.append
    w("## SweQUAD-MC dev, open-domain (held out: never trained on)")
    w("")
    if sq is None:
        w(sq_note or "skipped")
        return "\n".join(out)
    gain = sq["product"] - sq["baseline"]
    w(f"{sq['n']} questions over {sq['contexts']} contexts ({sq['documents']} documents, "
      f"{sq['passages']} passages), every question asked over all contexts. Correct = the returned answer "
      f"contains the correct choice (lowercase, punctuation stripped, whitespace collapsed); an abstention "
      f"counts as wrong. The dev set was used to compare model variants while the features were developed "
      f"(validation), never to fit weights or the threshold.")
    w("")
    w("| System | Accuracy |")
    w("|---|---|")
    w(f"| product (answer_question) | {pct(sq['product'])} ({sq['n_product']}/{sq['n']}) |")
    w(f"| product without abstaining (its best answer to every question) | "
      f"{pct(sq['product_all'])} ({sq['n_product_all']}/{sq['n']}) |")
    w(f"| baseline: best BM25 sentence of the top Whoosh LanguageAnalyzer(\"sv\") passage | "
      f"{pct(sq['baseline'])} ({sq['n_baseline']}/{sq['n']}) |")
    w(f"| (diagnostic) product's returned sentence instead of its answer | "
      f"{pct(sq['product_sentence'])} ({sq['n_product_sentence']}/{sq['n']}) |")
    w("")
    w("| Measure | Value | Target | |")
    w("|---|---|---|---|")
    w(f"| product − baseline (abstentions wrong) | {100 * gain:+.1f} points | ≥ +{100 * T_SWEQUAD_GAIN:.0f} points | "
      f"{verdict(gain >= T_SWEQUAD_GAIN - 1e-9)} |")
    w(high_confidence_line(sq["pairs"], "SweQUAD-MC dev"))
    prec, n = metrics.precision_at(sq["pairs"], 0.0)
    w(f"| precision of the {n} answers given | {pct(prec)} | – | |")
    w("")
    w(f"Product abstained on {sq['product_abstained']} questions; its source was the question's own context "
      f"for {sq['product_right_doc']}/{sq['n']}. Both correct: {sq['both']}, only product: "
      f"{sq['only_product']}, only baseline: {sq['only_baseline']}.")
    w("")
    w(metrics.format_reliability(metrics.reliability_table(sq["pairs"]), "Reliability of the given answers (SweQUAD-MC dev)"))
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


def format_report(results: list[QAResult], info: dict, sq: dict | None, sq_note: str | None,
                  corpus: Path, real_part: str | None, model_info: dict) -> str:
    out: list[str] = []
    w = out.append
    w("# QA benchmark (bench/qa)")
    w("")
    w(f"Model: `{model_info.get('path')}`, trained {model_info.get('trained', '?')} with "
      f"`{model_info.get('command', '?')}`; threshold {model_info.get('threshold')}.")
    w("What is held out: the corpus check half (bench/qa/split.py), SweQUAD-MC dev and the real documents were "
      "never trained on, and the threshold was chosen on out-of-fold training predictions. The corpus tuning "
      "half is training data: its figures are in-sample.")
    w("")
    w(f"Corpus: `{corpus}`: {info['documents']} documents, {info['passages']} passages, "
      f"indexed in {info['index_seconds']:.1f} s ({info['failures']} files failed).")
    if info.get("unstable"):
        w(f"Answers differing between warm-up and timed round: {', '.join(info['unstable'])}.")
    w("")
    check = [r for r in results if half(r.question) == CHECK]
    tune = [r for r in results if half(r.question) == TUNE]
    w(format_corpus(check, summarize(check), "Corpus check half (held out)", held_out=True))
    w(format_swequad(sq, sq_note))
    if real_part:
        w(real_part)
    w(format_corpus(tune, summarize(tune), "Corpus tuning half (in-sample: trained on)", held_out=False))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.qa",
        description="Extractive QA benchmark on held-out data: the corpus check half (bench/qa/split.py), "
                    "SweQUAD-MC dev against a BM25 sentence baseline, and the real documents of "
                    "../shared/devdata/real; the corpus tuning half is reported as in-sample.")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus", help="document folder (default: corpus/)")
    ap.add_argument("--questions", type=Path, default=QUESTIONS_FILE, help="questions file (default: %(default)s)")
    ap.add_argument("--model", type=Path, default=None,
                    help="answer model file (default: search_app/qa/data/answer_model.json)")
    ap.add_argument("--no-swequad", action="store_true", help="skip the SweQUAD-MC part")
    ap.add_argument("--swequad-file", type=Path, default=swequad.DEFAULT_PATH,
                    help="SweQUAD-MC dev file (default: ../shared/devdata/qa/swequad_mc_dev.json)")
    ap.add_argument("--no-real", action="store_true", help="skip the real-documents part")
    ap.add_argument("--real-dir", type=Path, default=real.DEFAULT_DIR,
                    help="real documents with gold questions (default: ../shared/devdata/real)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="extraction cache for the real documents (OCR is slow; reuse between runs)")
    ap.add_argument("--jobs", type=int, default=2, help="extraction worker processes (default: 2)")
    ap.add_argument("--out", type=Path, help="also write the report (Markdown) to this file")
    args = ap.parse_args(argv)

    log = Progress()
    from search_app.qa.model import MODEL_FILE, ModelFileError, load_model

    model_path = args.model or MODEL_FILE
    try:
        model = load_model(model_path)
    except ModelFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    questions = load_questions(args.questions)
    results, info = run_corpus(args.corpus, questions, args.jobs, log, model)

    sq, sq_note = None, None
    if args.no_swequad:
        sq_note = "Skipped (--no-swequad)."
    elif not args.swequad_file.is_file():
        sq_note = f"Skipped: {args.swequad_file} is not present."
        print(f"note: SweQUAD-MC file not found at {args.swequad_file}; skipping that part.", file=sys.stderr)
    else:
        try:
            sq = run_swequad(args.swequad_file, args.jobs, log, model)
        except Exception:
            sq_note = "Failed:\n\n```\n" + traceback.format_exc() + "```"
    real_part = None
    if args.no_real:
        real_part = "## Real documents\n\nSkipped (--no-real).\n"
    elif not real.available(args.real_dir):
        real_part = f"## Real documents\n\nSkipped: {args.real_dir} is not present.\n"
    else:
        from search_app.qa import answer_question
        from functools import partial

        rr, rs = real.run_real(partial(answer_question, model=model), args.real_dir, args.jobs, log,
                               cache_dir=args.cache)
        real_part = real.format_real(rr, rs, args.real_dir)
    model_info = {"path": model_path, "threshold": model.threshold, **model.info}
    report = format_report(results, info, sq, sq_note, args.corpus, real_part, model_info)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
        log(f"report written to {args.out}")
    return 0
