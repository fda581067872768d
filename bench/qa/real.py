"""QA on real documents nobody on the project wrote: ``../shared/devdata/real``.

The folder (see its README.md) holds PDFs, a DOCX and a Markdown file, and for each one a
hand-checked ``gold/<file name>.json`` whose ``qa`` lists questions with a short verbatim
answer, the physical page and the § (``section``), and whose ``unanswerable`` lists
questions the document does not answer.

All documents are indexed TOGETHER, in one index, by the product's own pipeline
(``indexer.pipeline.build_index`` on one folder holding copies of them, OCR as the
pipeline does it), and every question is asked over the whole index through
``answer_question(store, text)``. An answerable question is right when the product did
not abstain, its source is the gold document (by file name) and its answer contains a
gold answer (``metrics.contains_answer``: whitespace-normalised, lowercased); an
unanswerable one is right when the product abstained (``answer is None``). An exception
in answer_question counts as no answer, and is never credited as a correct abstention.

Nothing is written into the repository: the index lives in a temporary folder (or the
``workdir`` given); ``cache_dir`` keeps the pipeline's extraction and OCR cache between
runs (the same cache ``indexer build --cache`` uses, keyed by content hash and extractor
version).
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import metrics

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DIR = REPO.parent / "shared" / "devdata" / "real"

# Targets.
T_ACCURACY = 0.70      # answerable: answer contains gold AND source is the gold document, at least
T_ABSTAIN = 0.60       # unanswerable: abstained, at least


@dataclass(frozen=True)
class RealQuestion:
    id: str                    # "<file name>#qa3" (1-based) / "<file name>#un1"
    question: str
    answers: list[str]         # accepted gold answers (short verbatim spans); [] when unanswerable
    gold_file: str             # the document's file name, e.g. "hogsby_ks_protokoll_2007-01-08.pdf"
    page: int | None           # physical page (None for the DOCX and for unanswerable questions)
    section: str | None        # § number for minutes, else None
    answerable: bool
    half: str = ""             # "dev" | "check": bench.structure's fixed split of the real set


@dataclass
class RealResult:
    question: RealQuestion
    answer: str | None
    confidence: float | None = None
    sentence: str | None = None
    source_file: str | None = None      # file name of answer.source.source_path
    page: int | None = None
    section: str | None = None
    seconds: float = 0.0
    error: str | None = None            # answer_question raised (counted as an abstention)
    # scores
    abstained: bool = True
    correct: bool = False
    right_document: bool = False        # the source is the gold document (answerable only)
    page_correct: bool | None = None    # right document and gold page (None: no gold page)
    sentence_correct: bool = False      # diagnostic: the returned *sentence* contains gold, right document


# -- the gold -------------------------------------------------------------------------------

def _gold_files(path: Path) -> list[Path]:
    gold = Path(path) / "gold"
    return sorted(gold.glob("*.json")) if gold.is_dir() else []


def available(path: Path = DEFAULT_DIR) -> bool:
    """True when ``path`` holds gold files with at least one of their documents."""
    try:
        return bool(load_real(path)[0])
    except (OSError, ValueError):
        return False


def _half(name: str) -> str:
    try:
        from bench.structure.gold import half_of
    except ImportError:  # the split is a convenience, not a requirement
        return ""
    return half_of(name)


def load_real(path: Path = DEFAULT_DIR) -> tuple[list[Path], list[RealQuestion]]:
    """The documents that have a gold file (in gold-file order) and their questions.

    A gold file whose document is missing is skipped with its questions; a gold file that
    is not valid JSON or lacks ``file`` raises ValueError."""
    path = Path(path)
    docs: list[Path] = []
    questions: list[RealQuestion] = []
    seen: dict[str, Path] = {}
    for gf in _gold_files(path):
        try:
            data = json.loads(gf.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{gf}: not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("file"), str):
            raise ValueError(f"{gf}: no 'file'")
        doc = path / data["file"]
        if not doc.is_file():
            continue
        name = doc.name
        if name in seen:   # they are indexed side by side in one folder
            raise ValueError(f"two documents named {name}: {seen[name]} and {doc}")
        seen[name] = doc
        docs.append(doc)
        half = _half(name)
        for i, qa in enumerate(data.get("qa") or [], 1):
            ans = qa["answer"]
            answers = [ans] if isinstance(ans, str) else [a for a in ans if isinstance(a, str)]
            if not answers or not all(a.strip() for a in answers):
                raise ValueError(f"{gf}: qa {i} has an empty answer")
            page = qa.get("page")
            section = qa.get("section")
            questions.append(RealQuestion(
                id=f"{name}#qa{i}", question=qa["q"], answers=answers, gold_file=name,
                page=int(page) if page is not None else None,
                section=str(section) if section is not None else None, answerable=True, half=half))
        for i, q in enumerate(data.get("unanswerable") or [], 1):
            text = q if isinstance(q, str) else q.get("q")
            questions.append(RealQuestion(id=f"{name}#un{i}", question=text, answers=[], gold_file=name,
                                          page=None, section=None, answerable=False, half=half))
    return docs, questions


# -- the index ------------------------------------------------------------------------------

def _place(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` unless an identical copy is already there (the pipeline skips
    symlinks that lead out of its source folder, so the documents are copied)."""
    try:
        st, dt = src.stat(), dst.stat()
        if st.st_size == dt.st_size and int(st.st_mtime) == int(dt.st_mtime):
            return
    except OSError:
        pass
    shutil.copy2(src, dst)
    dst.chmod(0o644)


def build_real_index(path: Path, workdir: Path, jobs: int = 2, progress: Callable[[str], None] | None = None,
                     cache_dir: Path | None = None, info: dict | None = None):
    """Index every real document together in ``workdir/index`` with the product's pipeline
    and return the opened store (close it when done).

    The documents are copied flat into ``workdir/documents`` (their ``source_path`` in the
    index is then the bare file name). ``cache_dir`` is the pipeline's cache (extraction by
    content hash, and OCR of pages in ``cache_dir/ocr``); default ``workdir/cache``, so only a
    cache_dir outside workdir speeds up later runs. ``progress`` gets log lines; ``info``, when
    given, is filled with documents, passages, failures and warnings (lists of "path: reason")
    and index_seconds."""
    from indexer.pipeline import build_index
    from indexer.store import open_store

    log = progress or (lambda _msg: None)
    docs, _ = load_real(path)
    if not docs:
        raise FileNotFoundError(f"no real documents with gold in {path}")
    workdir = Path(workdir)
    folder = workdir / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    names = {d.name for d in docs}
    for stale in folder.iterdir():   # a reused workdir must not index leftovers
        if stale.name not in names:
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale)
            else:
                stale.unlink()
    for d in docs:
        _place(d, folder / d.name)
    cache = Path(cache_dir) if cache_dir is not None else workdir / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    log(f"real set: indexing {len(docs)} documents from {path} (cache {cache})")
    t0 = time.monotonic()
    report = build_index([folder], workdir / "index", cache, jobs=jobs, progress=False)
    dt = time.monotonic() - t0
    failures = [f"{f.path}: {f.reason}" for f in report.failures]
    warnings = [f"{f.path}: {f.reason}" for f in getattr(report, "warnings", [])]
    log(f"real set: {report.documents} documents, {report.passages} passages in {dt:.1f} s, "
        f"{len(failures)} failures, {len(warnings)} warnings")
    for line in failures + warnings:
        log(f"  {line}")
    if info is not None:
        info.update(documents=report.documents, passages=report.passages, failures=failures,
                    warnings=warnings, index_seconds=dt)
    return open_store(workdir / "index")


# -- scoring --------------------------------------------------------------------------------

def _file_name(source_path: str | None) -> str | None:
    if not source_path:
        return None
    return Path(str(source_path).replace("\\", "/")).name


def score_real(question: RealQuestion, answer_obj, seconds: float = 0.0, error: str | None = None) -> RealResult:
    """Score one answer object (.answer, .confidence, .sentence, .source with .source_path,
    .page, .section; None counts as an abstention) against the question's gold."""
    ans = getattr(answer_obj, "answer", None) if answer_obj is not None else None
    src = getattr(answer_obj, "source", None) if answer_obj is not None else None
    conf = getattr(answer_obj, "confidence", None) if answer_obj is not None else None
    r = RealResult(
        question=question, answer=ans,
        confidence=float(conf) if isinstance(conf, (int, float)) else None,
        sentence=getattr(answer_obj, "sentence", None) if answer_obj is not None else None,
        source_file=_file_name(getattr(src, "source_path", None)) if src is not None else None,
        page=getattr(src, "page", None) if src is not None else None,
        section=getattr(src, "section", None) if src is not None else None,
        seconds=seconds, error=error)
    r.abstained = ans is None
    if not question.answerable:
        r.correct = r.abstained and error is None   # a crash is no abstention to credit
        return r
    r.right_document = r.source_file == question.gold_file
    r.correct = (not r.abstained) and r.right_document and metrics.contains_answer(ans, question.answers)
    r.sentence_correct = (not r.abstained) and r.right_document and metrics.contains_answer(r.sentence,
                                                                                              question.answers)
    if question.page is not None:
        r.page_correct = (not r.abstained) and r.right_document and r.page == question.page
    return r


def confidence_pairs(results: list[RealResult]) -> list[tuple[float, bool]]:
    """(confidence, right) of every GIVEN answer: answerable questions right when correct,
    an answer to an unanswerable question always wrong."""
    return [(r.confidence if r.confidence is not None else 0.0, r.correct and r.question.answerable)
            for r in results if not r.abstained]


def summarize_real(results: list[RealResult]) -> dict:
    ans = [r for r in results if r.question.answerable]
    una = [r for r in results if not r.question.answerable]
    paged = [r for r in ans if r.question.page is not None]
    per_doc: dict[str, dict] = {}
    for r in results:
        d = per_doc.setdefault(r.question.gold_file, {
            "half": r.question.half, "answerable": 0, "correct": 0, "right_document": 0,
            "false_abstention": 0, "unanswerable": 0, "abstained": 0})
        if r.question.answerable:
            d["answerable"] += 1
            d["correct"] += r.correct
            d["right_document"] += (not r.abstained) and r.right_document
            d["false_abstention"] += r.abstained
        else:
            d["unanswerable"] += 1
            d["abstained"] += r.correct
    per_half: dict[str, dict] = {}
    for half in sorted({r.question.half for r in results if r.question.half}):
        a = [r for r in ans if r.question.half == half]
        u = [r for r in una if r.question.half == half]
        per_half[half] = {"documents": sum(1 for d in per_doc.values() if d["half"] == half),
                          "n_answerable": len(a), "n_correct": sum(r.correct for r in a),
                          "n_unanswerable": len(u), "n_abstained_unanswerable": sum(r.correct for r in u)}
    pairs = confidence_pairs(results)
    ms = [r.seconds * 1000.0 for r in results]
    return {
        "n": len(results), "n_answerable": len(ans), "n_unanswerable": len(una),
        "documents": len(per_doc),
        "accuracy": metrics.share([r.correct for r in ans]),
        "n_correct": sum(r.correct for r in ans),
        "right_document": metrics.share([(not r.abstained) and r.right_document for r in ans]),
        "n_right_document": sum((not r.abstained) and r.right_document for r in ans),
        "n_paged": len(paged),
        "page_correct": metrics.share([bool(r.page_correct) for r in paged]),
        "n_page_correct": sum(bool(r.page_correct) for r in paged),
        "sentence_correct": metrics.share([r.sentence_correct for r in ans]),
        "n_sentence_correct": sum(r.sentence_correct for r in ans),
        "abstention_unanswerable": metrics.share([r.correct for r in una]),
        "n_abstained_unanswerable": sum(r.correct for r in una),
        "false_abstention": metrics.share([r.abstained for r in ans]),
        "n_false_abstention": sum(r.abstained for r in ans),
        "per_document": per_doc,
        "per_half": per_half,
        "ece": metrics.expected_calibration_error(pairs),
        "n_given": len(pairs),
        "median_ms": metrics.median(ms),
        "errors": sum(r.error is not None for r in results),
    }


# -- running --------------------------------------------------------------------------------

def ask_all(answer_question, store, questions: list[RealQuestion]) -> list[RealResult]:
    out = []
    for q in questions:
        t0 = time.perf_counter()
        try:
            a = answer_question(store, q.question)
        except Exception as exc:  # a crash counts as no answer, and is listed
            out.append(score_real(q, None, time.perf_counter() - t0, f"{type(exc).__name__}: {exc}"))
            continue
        out.append(score_real(q, a, time.perf_counter() - t0))
    return out


def run_real(answer_question, path: Path = DEFAULT_DIR, jobs: int = 2, log: Callable[[str], None] | None = None,
             cache_dir: Path | None = None, info: dict | None = None) -> tuple[list[RealResult], dict]:
    """Index the real documents in a temporary folder, ask every question once, score.
    Returns the results and summarize_real's summary (with the index figures under "index")."""
    log = log or (lambda _msg: None)
    _, questions = load_real(path)
    idx: dict = {}
    with tempfile.TemporaryDirectory(prefix="qa-real-") as tmp:
        store = build_real_index(path, Path(tmp), jobs=jobs, progress=log, cache_dir=cache_dir, info=idx)
        try:
            log(f"real set: {len(questions)} questions")
            results = ask_all(answer_question, store, questions)
        finally:
            close = getattr(store, "close", None)
            if callable(close):
                close()
    summary = summarize_real(results)
    summary["index"] = idx
    if info is not None:
        info.update(idx)
    return results, summary


# -- report ---------------------------------------------------------------------------------

_pct, _verdict = metrics.pct, metrics.verdict


def _conf(x: float | None) -> str:
    return f"{x:.2f}" if isinstance(x, (int, float)) else "?"


def _where(r: RealResult) -> str:
    s = f"{r.source_file} s. {r.page}"
    return s + (f" § {r.section}" if r.section else "")


def format_real(results: list[RealResult], summary: dict, path: Path | None = None) -> str:
    s = summary
    out: list[str] = []
    w = out.append
    w("## Real documents (../shared/devdata/real)")
    w("")
    idx = s.get("index") or {}
    head = f"{s['documents']} documents"
    if idx:
        head += f" indexed together ({idx.get('passages', '?')} passages, {idx.get('index_seconds', 0.0):.1f} s"
        head += (f", {len(idx.get('failures') or [])} files failed, "
                 f"{len(idx.get('warnings') or [])} warnings)")
    w(f"{head}; {s['n']} questions ({s['n_answerable']} answerable, {s['n_unanswerable']} unanswerable), "
      f"asked over the whole index. Right = not abstained, source is the gold document, answer contains "
      f"the gold span (whitespace-normalised, lowercased).")
    if s["errors"]:
        w("")
        w(f"**{s['errors']} questions raised an exception in answer_question (counted as no answer, "
          f"never as a correct abstention).**")
    w("")
    w("| Measure | Value | Target | |")
    w("|---|---|---|---|")
    w(f"| accuracy with right source document | {_pct(s['accuracy'])} ({s['n_correct']}/{s['n_answerable']}) "
      f"| ≥ {_pct(T_ACCURACY)} | {_verdict(s['accuracy'] >= T_ACCURACY)} |")
    w(f"| correct abstention on unanswerable | {_pct(s['abstention_unanswerable'])} "
      f"({s['n_abstained_unanswerable']}/{s['n_unanswerable']}) | ≥ {_pct(T_ABSTAIN)} | "
      f"{_verdict(s['abstention_unanswerable'] >= T_ABSTAIN)} |")
    w(f"| false abstention on answerable | {_pct(s['false_abstention'])} "
      f"({s['n_false_abstention']}/{s['n_answerable']}) | – | |")
    w(f"| (diagnostic) answered from the gold document | {_pct(s['right_document'])} "
      f"({s['n_right_document']}/{s['n_answerable']}) | – | |")
    w(f"| (diagnostic) gold page, of questions with one | {_pct(s['page_correct'])} "
      f"({s['n_page_correct']}/{s['n_paged']}) | – | |")
    w(f"| (diagnostic) returned sentence contains gold, gold document | {_pct(s['sentence_correct'])} "
      f"({s['n_sentence_correct']}/{s['n_answerable']}) | – | |")
    w(f"| expected calibration error of the {s['n_given']} given answers | {s['ece']:.3f} | – | |")
    w(f"| latency median (one round, cold caches) | {s['median_ms']:.1f} ms | – | |")
    if s.get("per_half"):
        w("")
        w("| Half | Documents | Accuracy | Correct abstention |")
        w("|---|---|---|---|")
        for half, h in s["per_half"].items():
            acc = h["n_correct"] / h["n_answerable"] if h["n_answerable"] else 0.0
            ab = h["n_abstained_unanswerable"] / h["n_unanswerable"] if h["n_unanswerable"] else 0.0
            w(f"| {half} | {h['documents']} | {_pct(acc)} ({h['n_correct']}/{h['n_answerable']}) | "
              f"{_pct(ab)} ({h['n_abstained_unanswerable']}/{h['n_unanswerable']}) |")
    w("")
    w("### Per document")
    w("")
    w("| Document | Half | Right | From gold document | False abstention | Correct abstention |")
    w("|---|---|---|---|---|---|")
    for name, d in s["per_document"].items():
        w(f"| {name} | {d['half'] or '–'} | {d['correct']}/{d['answerable']} | {d['right_document']}/{d['answerable']} "
          f"| {d['false_abstention']}/{d['answerable']} | {d['abstained']}/{d['unanswerable']} |")
    w("")
    w(metrics.format_reliability(metrics.reliability_table(confidence_pairs(results)),
                                 "Reliability of the given answers (real set)"))
    w("")
    failures = [r for r in results if not r.correct]
    w(f"### Failures ({len(failures)})")
    w("")
    for r in failures:
        q = r.question
        w(f"- **{q.id}** {q.question}")
        if q.answerable:
            where = f"s. {q.page}" if q.page is not None else "no pages"
            where += f" § {q.section}" if q.section else ""
            w(f"  - gold: «{' | '.join(q.answers)}» ({where})")
        else:
            w("  - gold: not in the document (should abstain)")
        if r.error:
            w(f"  - returned: ERROR {r.error}")
        elif r.abstained:
            w(f"  - returned: None (abstained), confidence {_conf(r.confidence)}")
        else:
            w(f"  - returned: «{metrics.normalize_ws(r.answer)[:200]}» from {_where(r)}, "
              f"confidence {_conf(r.confidence)}")
            if q.answerable:
                why = []
                if not r.right_document:
                    why.append("not the gold document")
                if not metrics.contains_answer(r.answer, q.answers):
                    why.append("gold not in the answer" + (" (but in the returned sentence)"
                                                           if metrics.contains_answer(r.sentence, q.answers)
                                                           else ""))
                w(f"  - why: {', '.join(why)}")
    w("")
    return "\n".join(out)
