"""Train the answer model: ``python -m bench.qa.train`` (``make train-qa``).

Writes ``search_app/qa/data/answer_model.json`` (see search_app/qa/model.py):
a logistic *ranker* over candidate sentences and a logistic *confidence* model
over the chosen answer, with the abstention threshold.

Training data (never SweQUAD-MC dev, never the corpus check half, never
../shared/devdata/real — those are for evaluation):
- SweQUAD-MC train (../shared/devdata/qa/swequad_mc_train.json): every context
  indexed as one document, every question asked open-domain over all of them;
  a candidate is right when its answer contains the correct choice (as SweQUAD-MC
  is scored: its texts share sentences, so another text's copy counts too);
- unanswerable questions built from it: a fixed third of the questions (sha1
  of the question) asked again with their own context's passages hidden, so
  only other contexts' passages can answer (right only where another text says
  the same);
- the tuning half of the corpus questions (bench/qa/questions.toml, bench/qa/split.py)
  over an index of corpus/.

Council-records questions carry CORPUS_SHARE of the weight. Procedure: features
for every candidate (answer.py); 5-fold cross-validation
grouped by context/document gives every training question out-of-fold ranker
probabilities, so the confidence model learns from rankers that did not see
that question — as in use. The ranker's regularisation is chosen by that
cross-validation's log-loss; the threshold is the lowest confidence at which
the out-of-fold precision of given answers reaches TARGET_PRECISION. The final
ranker is fitted on all training candidates.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.progress import Progress

from . import metrics, swequad
from .dataset import QUESTIONS_FILE, Question, load_questions
from .split import split

REPO = Path(__file__).resolve().parents[2]
TRAIN_FILE = swequad.DEFAULT_PATH.with_name("swequad_mc_train.json")
#: Precision of given answers the threshold is chosen for (out-of-fold, training data).
TARGET_PRECISION = 0.85
#: Share of SweQUAD train questions also asked with their own context hidden.
UNANSWERABLE_SHARE = 3   # one in three
FOLDS = 5
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
#: Share of the training weight of the corpus tuning half (see example_weights).
CORPUS_SHARE = 0.5


@dataclass
class Example:
    """One training question: its gathered candidates and how to judge an answer."""
    group: str                       # context / document: folds never split one
    origin: str                      # "swequad" | "swequad-unanswerable" | "corpus"
    gathered: object                 # search_app.qa.Gathered
    store: object                    # the store to resolve answers against
    judge: object                    # callable(Resolved) -> bool
    answerable: bool


class HidingStore:
    """A store that hides one document's passages: the question's own context
    is gone, so the question has no answer there."""

    def __init__(self, store, hidden_source: str) -> None:
        self._store, self._hidden = store, hidden_source

    def search_passages(self, query, limit=20, **kw):
        return [h for h in self._store.search_passages(query, limit=limit + 10, **kw)
                if h.source_path != self._hidden][:limit]

    def section_passages(self, doc_id, section):
        return [h for h in self._store.section_passages(doc_id, section) if h.source_path != self._hidden]

    def term_frequencies(self, terms):
        return self._store.term_frequencies(terms)


def _sha_int(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _index(folder: Path, work: Path, jobs: int, log: Progress):
    from indexer.pipeline import build_index
    from indexer.store import open_store

    log(f"indexing {folder}")
    build_index([folder], work / "index", work / "cache", jobs=jobs, progress=False)
    return open_store(work / "index")


def swequad_examples(path: Path, work: Path, jobs: int, log: Progress, limit: int | None = None) -> tuple[list[Example], list]:
    from search_app.qa import gather

    contexts, items = swequad.load(path)
    if limit:
        keep = sorted({it.context_key for it in items})[: max(1, limit)]
        items = [it for it in items if it.context_key in keep]
    folder = work / "contexts"
    swequad.write_contexts(contexts, folder)
    store = _index(folder, work, jobs, log)
    out: list[Example] = []
    for n, it in enumerate(items):
        def judge(r, it=it):
            # as SweQUAD-MC is scored: the answer holds the correct choice (contexts share
            # sentences, so another context's copy of the sentence is as right)
            return swequad.is_correct(r.text, it)
        out.append(Example(it.context_key, "swequad", gather(store, it.question), store, judge, True))
        if _sha_int(it.question) % UNANSWERABLE_SHARE == 0:
            # with its own context hidden the question is unanswerable, unless another
            # context states the answer too: the same judge decides
            hiding = HidingStore(store, it.context_key)
            out.append(Example(it.context_key, "swequad-unanswerable", gather(hiding, it.question), hiding,
                               judge, True))
        if (n + 1) % 100 == 0:
            log(f"  {n + 1}/{len(items)} questions gathered")
    return out, [store]


def corpus_examples(questions: list[Question], corpus: Path, work: Path, jobs: int, log: Progress) -> tuple[list[Example], list]:
    from search_app.qa import gather

    store = _index(corpus, work, jobs, log)
    out: list[Example] = []
    for q in questions:
        def judge(r, q=q):
            return r.hit.source_path in q.source_paths and metrics.contains_answer(r.text, q.answers)
        group = "corpus:" + (q.sources[0].source_path if q.sources else q.id)
        out.append(Example(group, "corpus", gather(store, q.question), store, judge, q.answerable))
    return out, [store]


# -- learning -------------------------------------------------------------------------

def _matrix(rows: list[dict[str, float]], names: list[str]):
    import numpy as np

    return np.array([[r.get(n, 0.0) for n in names] for r in rows], dtype=float)


def _fit(X, y, C: float, weight=None):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    scale = scaler.scale_.copy()
    scale[scale == 0] = 1.0
    Z = (X - scaler.mean_) / scale
    lr = LogisticRegression(C=C, max_iter=2000)
    lr.fit(Z, y, sample_weight=weight)
    return scaler.mean_, scale, lr


def _to_logistic(names, mean, scale, lr):
    from search_app.qa.model import Logistic

    return Logistic(tuple(names), tuple(float(x) for x in mean), tuple(float(x) for x in scale),
                    tuple(float(x) for x in lr.coef_[0]), float(lr.intercept_[0]))


def _folds(groups: list[str]) -> list[int]:
    """Fold of each example, by a hash of its group (stable across runs)."""
    return [_sha_int(g) % FOLDS for g in groups]


@dataclass
class Labelled:
    example: Example
    labels: list[int]                # per candidate


def label_candidates(examples: list[Example], log: Progress) -> list[Labelled]:
    from search_app.qa import resolve

    out = []
    for ex in examples:
        cache: dict = {}
        labels = []
        for c in ex.gathered.candidates:
            r = resolve(ex.store, ex.gathered, c, cache)
            labels.append(1 if (r is not None and ex.answerable and ex.judge(r)) else 0)
        out.append(Labelled(ex, labels))
    return out


def _answer_rows(labelled: list[Labelled], probs_per_example: list[list[float]]):
    """For each question, the chosen answer under the given ranker probabilities:
    (confidence features, right?)."""
    from search_app.qa import confidence_features, prefer_source, select

    feats, ys, which = [], [], []
    for i, (lab, probs) in enumerate(zip(labelled, probs_per_example)):
        g = lab.example.gathered
        for c, p in zip(g.candidates, probs):
            c.probability = p
        ranked = sorted(g.candidates, key=lambda c: (-(c.probability or 0.0), -c.score))
        answers = select(lab.example.store, g, ranked, {})
        if not answers:
            continue
        chosen = prefer_source(answers)
        feats.append(confidence_features(g, chosen, answers))
        ys.append(1 if (lab.example.answerable and lab.example.judge(chosen)) else 0)
        which.append(i)
    return feats, ys, which


def example_weights(labelled: list[Labelled], corpus_share: float) -> list[float]:
    """Per-question weights: the council-records questions (corpus tuning half) carry
    ``corpus_share`` of the total, SweQUAD-MC the rest. The product answers over council
    records; SweQUAD-MC's agency web texts teach the general skill but differ in kind."""
    n_corpus = sum(lab.example.origin == "corpus" for lab in labelled)
    n_other = len(labelled) - n_corpus
    if not n_corpus or not n_other or corpus_share <= 0:
        return [1.0] * len(labelled)
    w_corpus = corpus_share * len(labelled) / n_corpus
    w_other = (1 - corpus_share) * len(labelled) / n_other
    return [w_corpus if lab.example.origin == "corpus" else w_other for lab in labelled]


def train(labelled: list[Labelled], log: Progress, corpus_share: float = 0.0) -> tuple[object, dict]:
    import numpy as np

    from search_app.qa.model import AnswerModel

    names = sorted({k for lab in labelled for c in lab.example.gathered.candidates for k in c.features})
    rows, y, owner = [], [], []
    for i, lab in enumerate(labelled):
        for c, lb in zip(lab.example.gathered.candidates, lab.labels):
            rows.append(c.features)
            y.append(lb)
            owner.append(i)
    X = _matrix(rows, names)
    y = np.array(y)
    owner = np.array(owner)
    qweight = np.array(example_weights(labelled, corpus_share))
    weight = qweight[owner]
    fold_of_example = np.array(_folds([lab.example.group for lab in labelled]))
    fold = fold_of_example[owner]
    log(f"ranker: {len(rows)} candidates ({int(y.sum())} right) from {len(labelled)} questions, {len(names)} features")

    best_c, best_loss, oof_best = None, math.inf, None
    for C in C_GRID:
        oof = np.zeros(len(y))
        for k in range(FOLDS):
            tr, te = fold != k, fold == k
            if not te.any():
                continue
            mean, scale, lr = _fit(X[tr], y[tr], C, weight[tr])
            oof[te] = lr.predict_proba((X[te] - mean) / scale)[:, 1]
        eps = 1e-9
        loss = float(-np.average(y * np.log(oof + eps) + (1 - y) * np.log(1 - oof + eps), weights=weight))
        top1 = _top1(labelled, oof, owner)
        log(f"  C={C}: out-of-fold log-loss {loss:.4f}, top-1 right {top1:.3f}")
        if loss < best_loss:
            best_c, best_loss, oof_best = C, loss, oof
    mean, scale, lr = _fit(X, y, best_c, weight)
    ranker = _to_logistic(names, mean, scale, lr)

    # confidence model on out-of-fold ranker probabilities
    per_example: list[list[float]] = [[] for _ in labelled]
    for p, i in zip(oof_best, owner):
        per_example[i].append(float(p))
    cfeats, cy, which = _answer_rows(labelled, per_example)
    cnames = sorted(cfeats[0])
    CX = _matrix(cfeats, cnames)
    cy = np.array(cy)
    cw = qweight[np.array(which)]
    cfold = fold_of_example[np.array(which)]
    coof = np.zeros(len(cy))
    for k in range(FOLDS):
        tr, te = cfold != k, cfold == k
        m, s, clr = _fit(CX[tr], cy[tr], 1.0, cw[tr])
        coof[te] = clr.predict_proba((CX[te] - m) / s)[:, 1]
    m, s, clr = _fit(CX, cy, 1.0, cw)
    confidence = _to_logistic(cnames, m, s, clr)
    pairs = list(zip(coof.tolist(), cy.tolist(), cw.tolist()))
    origins = [labelled[i].example.origin for i in which]
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        line = []
        for name in ("swequad", "swequad-unanswerable", "corpus"):
            kept = [v for (p, v, _w), o in zip(pairs, origins) if o == name and p >= t]
            n = sum(o == name for o in origins)
            line.append(f"{name} {len(kept)}/{n} given, precision {sum(kept) / max(1, len(kept)):.3f}")
        log(f"  out-of-fold, confidence ≥ {t:.1f}: " + "; ".join(line))
    threshold, prec, given = choose_threshold(pairs)
    log(f"confidence: {len(cy)} questions, {int(cy.sum())} answered right at threshold 0; "
        f"threshold {threshold:.2f} (out-of-fold weighted precision {prec:.3f} on {given} answers)")
    info = {
        "ranker_C": best_c, "ranker_oof_logloss": round(best_loss, 4),
        "ranker_oof_top1": round(_top1(labelled, oof_best, owner), 4),
        "candidates": len(rows), "questions": len(labelled),
        "threshold_rule": f"lowest confidence whose out-of-fold precision of given answers is >= {TARGET_PRECISION}",
        "threshold_oof_precision": round(prec, 4), "threshold_oof_answers": given,
        "reliability_oof": [dict(lo=b.lo, hi=b.hi, count=b.count, accuracy=round(b.accuracy, 3))
                            for b in metrics.reliability_table(list(zip(coof.tolist(), [bool(v) for v in cy])))],
        "corpus_share": corpus_share,
    }
    return AnswerModel(ranker, confidence, threshold, info), info


def _top1(labelled: list[Labelled], probs, owner) -> float:
    """Share of answerable questions whose highest-probability candidate is right."""
    best: dict[int, tuple[float, int]] = {}
    pos: dict[int, int] = {}
    for p, i in zip(probs, owner):
        j = pos.get(i, 0)
        pos[i] = j + 1
        lb = labelled[i].labels[j]
        if i not in best or p > best[i][0]:
            best[i] = (float(p), lb)
    ans = [i for i, lab in enumerate(labelled) if lab.example.answerable]
    return sum(best.get(i, (0, 0))[1] for i in ans) / max(1, len(ans))


def choose_threshold(pairs: list[tuple[float, int, float]], target: float = TARGET_PRECISION,
                     min_answers: int = 30) -> tuple[float, float, int]:
    """The lowest threshold (0.00..0.99) whose given answers reach ``target``
    (weighted) precision; pairs are (confidence, right, weight)."""
    for i in range(100):
        t = i / 100.0
        given = [(y, w) for p, y, w in pairs if p >= t]
        if len(given) < min_answers:
            break
        prec = sum(y * w for y, w in given) / sum(w for _y, w in given)
        if prec >= target:
            return t, prec, len(given)
    return 0.99, 0.0, 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.qa.train",
        description="Train the question-answering model (ranker, confidence, threshold) from SweQUAD-MC train, "
                    "unanswerable questions built from it, and the tuning half of bench/qa/questions.toml; "
                    "write it as JSON.")
    ap.add_argument("--train-file", type=Path, default=TRAIN_FILE,
                    help="SweQUAD-MC train file (default: ../shared/devdata/qa/swequad_mc_train.json)")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus", help="corpus folder (default: corpus/)")
    ap.add_argument("--questions", type=Path, default=QUESTIONS_FILE, help="corpus questions (tuning half used)")
    ap.add_argument("--out", type=Path, default=None,
                    help="model file to write (default: search_app/qa/data/answer_model.json)")
    ap.add_argument("--limit-contexts", type=int, default=None,
                    help="use only the first N SweQUAD contexts (a quick run for tests; not for the product model)")
    ap.add_argument("--corpus-share", type=float, default=CORPUS_SHARE,
                    help="share of the training weight carried by the council-records questions (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=2, help="extraction worker processes (default: 2)")
    args = ap.parse_args(argv)
    from search_app.qa.model import MODEL_FILE

    out_path = args.out or MODEL_FILE
    log = Progress()
    if not args.train_file.is_file():
        print(f"error: {args.train_file}: SweQUAD-MC train file not found (see ../shared/devdata/README.md)",
              file=sys.stderr)
        return 2
    if not args.corpus.is_dir():
        print(f"error: {args.corpus}: corpus folder not found", file=sys.stderr)
        return 2
    t0 = time.monotonic()
    tune, _check = split(load_questions(args.questions))
    stores = []
    with tempfile.TemporaryDirectory(prefix="qa-train-") as tmp:
        tmp_path = Path(tmp)
        try:
            sq, s1 = swequad_examples(args.train_file, tmp_path / "swequad", args.jobs, log, args.limit_contexts)
            stores += s1
            log(f"SweQUAD-MC train: {sum(e.origin == 'swequad' for e in sq)} questions, "
                f"{sum(e.origin != 'swequad' for e in sq)} built unanswerable")
            co, s2 = corpus_examples(tune, args.corpus, tmp_path / "corpus", args.jobs, log)
            stores += s2
            log(f"corpus tuning half: {len(co)} questions")
            labelled = label_candidates(sq + co, log)
            model, info = train(labelled, log, args.corpus_share)
        finally:
            for st in stores:
                close = getattr(st, "close", None)
                if callable(close):
                    close()
    import sklearn

    model.info.update({
        "command": "python -m bench.qa.train" + (" " + " ".join(argv) if argv else " ".join([""] + sys.argv[1:])).rstrip(),
        "trained": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "library": f"scikit-learn {sklearn.__version__} LogisticRegression (lbfgs, L2)",
        "training_data": {
            "swequad_mc_train": {"file": "../shared/devdata/qa/swequad_mc_train.json",
                                 "sha256": _file_digest(args.train_file), "licence": "CC BY 4.0",
                                 "source": "github: dkalpakchi/SweQUAD-MC",
                                 "questions": sum(e.origin == "swequad" for e in sq),
                                 "built_unanswerable": sum(e.origin == "swequad-unanswerable" for e in sq),
                                 "limit_contexts": args.limit_contexts},
            "corpus_tuning_half": {"file": "bench/qa/questions.toml", "sha256": _file_digest(args.questions),
                                   "questions": len(co), "ids": [q.id for q in tune]},
        },
        "never_trained_on": ["SweQUAD-MC dev", "corpus check half (bench/qa/split.py)",
                             "../shared/devdata/real gold questions"],
        "seconds": round(time.monotonic() - t0, 1),
    })
    model.save(out_path)
    log(f"model written to {out_path}")
    print(json.dumps({k: v for k, v in model.info.items() if k not in ("training_data", "reliability_oof")},
                     ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
