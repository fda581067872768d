"""bench/qa: the real-document QA set (bench/qa/real.py) and the calibration measures in
metrics.py (reliability table, ECE, precision at a threshold), on hand-made inputs."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from bench.qa import metrics, real
from bench.qa.real import RealQuestion, load_real, score_real, summarize_real

REAL = real.DEFAULT_DIR


# -- reliability table, ECE, precision_at ----------------------------------------------------

def test_reliability_bins_are_half_open_and_the_last_closed():
    pairs = [(0.0, False), (0.49, True), (0.5, True), (0.59, False), (0.6, True),
             (0.9, True), (0.95, False), (1.0, True)]
    bins = metrics.reliability_table(pairs)
    assert [(b.lo, b.hi) for b in bins] == [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8),
                                             (0.8, 0.9), (0.9, 1.0)]
    assert [b.count for b in bins] == [2, 2, 1, 0, 0, 3]   # 0.5 opens [.5,.6); 1.0 stays in [.9, 1.0]
    assert [b.n_right for b in bins] == [1, 1, 1, 0, 0, 2]
    assert bins[0].accuracy == pytest.approx(0.5)
    assert bins[0].mean_confidence == pytest.approx(0.245)
    assert bins[5].accuracy == pytest.approx(2 / 3)
    assert bins[5].mean_confidence == pytest.approx((0.9 + 0.95 + 1.0) / 3)
    assert bins[3].count == 0 and bins[3].accuracy is None and bins[3].mean_confidence is None
    assert [b.closed for b in bins] == [False] * 5 + [True]
    assert sum(b.count for b in bins) == len(pairs)


def test_reliability_custom_edges_and_out_of_range_values():
    bins = metrics.reliability_table([(0.2, True), (0.25, False), (0.8, True), (1.0000001, True), (-0.01, False)],
                                     edges=(0.0, 0.25, 1.0))
    assert [b.count for b in bins] == [2, 3]          # -0.01 -> first bin, 1.0000001 -> last bin
    assert [b.n_right for b in bins] == [1, 2]
    with pytest.raises(ValueError):
        metrics.reliability_table([(0.5, True)], edges=(0.0, 0.5, 0.5, 1.0))
    with pytest.raises(ValueError):
        metrics.reliability_table([(0.5, True)], edges=(0.0,))
    assert all(b.count == 0 for b in metrics.reliability_table([]))


def test_expected_calibration_error():
    # Two bins: [0,.5) 2 answers, conf .3/.3, 1 right -> |.5-.3| = .2 ;
    # [.9,1] 2 answers, conf 1.0/0.9, both right -> |1-.95| = .05. ECE = (2*.2 + 2*.05)/4 = .125
    pairs = [(0.3, True), (0.3, False), (1.0, True), (0.9, True)]
    assert metrics.expected_calibration_error(pairs) == pytest.approx(0.125)
    # perfectly calibrated within bins
    assert metrics.expected_calibration_error([(0.95, True)] * 19 + [(0.95, False)]) == pytest.approx(0.0)
    # over-confident everywhere
    assert metrics.expected_calibration_error([(0.85, False)] * 4) == pytest.approx(0.85)
    assert metrics.expected_calibration_error([]) == 0.0
    # count-weighted, not a plain mean over bins: 9 calibrated answers dilute one bad one
    assert metrics.expected_calibration_error([(0.55, True), (0.55, False)] * 4 + [(0.95, True), (0.95, False)]) \
        == pytest.approx((8 * 0.05 + 2 * 0.45) / 10)


def test_precision_at():
    pairs = [(0.95, True), (0.9, False), (0.8, True), (0.7, True), (0.5, False)]
    assert metrics.precision_at(pairs, 0.9) == (pytest.approx(0.5), 2)     # >= threshold counts
    assert metrics.precision_at(pairs, 0.8) == (pytest.approx(2 / 3), 3)
    assert metrics.precision_at(pairs, 0.0) == (pytest.approx(0.6), 5)
    assert metrics.precision_at(pairs, 0.96) == (0.0, 0)
    assert metrics.precision_at([], 0.5) == (0.0, 0)


def test_format_reliability():
    bins = metrics.reliability_table([(0.55, True), (0.55, False), (1.0, True)])
    text = metrics.format_reliability(bins, "Kalibrering")
    lines = text.splitlines()
    assert lines[0] == "### Kalibrering"
    assert "Konfidens-intervall" in lines[2]
    assert "| [0.50, 0.60) | 2 | 1 | 50.0 % | 0.55 |" in lines
    assert "| [0.90, 1.00] | 1 | 1 | 100.0 % | 1.00 |" in lines
    assert "| [0.00, 0.50) | 0 | 0 | – | – |" in lines
    assert "0.033" in text   # ECE: (2*|.5-.55| + 1*|1-1|)/3


# -- score_real and summarize_real on hand-made answers -----------------------------------

@dataclass
class _Src:
    source_path: str
    page: int | None = None
    section: str | None = None


@dataclass
class _Ans:
    answer: str | None
    confidence: float = 0.8
    sentence: str | None = None
    source: _Src | None = None


def _q(answerable=True, **kw) -> RealQuestion:
    base = dict(id="a.pdf#qa1", question="Vem förde protokollet?", answers=["Kerstin Haglund"],
                gold_file="a.pdf", page=3, section=None, answerable=True, half="dev")
    if not answerable:
        base.update(id="a.pdf#un1", answers=[], page=None, answerable=False)
    base.update(kw)
    return RealQuestion(**base)


def test_score_right_answer_right_document():
    r = score_real(_q(), _Ans("  kerstin\u00a0Haglund ", 0.9, "Vid protokollet: Kerstin Haglund.",
                              _Src("a.pdf", 3, "4")))
    assert r.correct and r.right_document and r.page_correct and r.sentence_correct and not r.abstained
    assert (r.source_file, r.page, r.section, r.confidence) == ("a.pdf", 3, "4", 0.9)


def test_score_right_answer_from_the_wrong_document_is_wrong():
    r = score_real(_q(), _Ans("Kerstin Haglund", 0.9, "Kerstin Haglund", _Src("b.pdf", 3)))
    assert not r.correct and not r.right_document and not r.sentence_correct and r.page_correct is False
    # compared by file name: a folder in source_path does not matter
    r = score_real(_q(), _Ans("Kerstin Haglund", 0.9, "Kerstin Haglund", _Src("pdf/a.pdf", 2)))
    assert r.correct and r.right_document and r.page_correct is False


def test_score_wrong_answer_and_abstention_on_answerable():
    r = score_real(_q(), _Ans("Martin Flodén", 0.9, "Vid protokollet: Kerstin Haglund.", _Src("a.pdf", 3)))
    assert not r.correct and r.right_document and r.sentence_correct     # diagnostic only
    r = score_real(_q(), _Ans(None, 0.3))
    assert r.abstained and not r.correct and r.source_file is None and r.confidence == 0.3
    r = score_real(_q(page=None), _Ans("Kerstin Haglund", 0.9, None, _Src("a.pdf", 1)))
    assert r.correct and r.page_correct is None            # the DOCX has no gold page


def test_score_unanswerable():
    assert score_real(_q(answerable=False), _Ans(None, 0.2)).correct
    assert score_real(_q(answerable=False), None).correct
    assert not score_real(_q(answerable=False), _Ans("2 procent", 0.7, "2 procent", _Src("a.pdf", 1))).correct
    # a crash is not an abstention to credit
    assert not score_real(_q(answerable=False), None, error="RuntimeError: boom").correct


def test_summarize_real():
    rs = [score_real(_q(), _Ans("Kerstin Haglund", 0.9, None, _Src("a.pdf", 3))),
          score_real(_q(id="a.pdf#qa2"), _Ans("Kerstin Haglund", 0.85, None, _Src("b.pdf", 1))),
          score_real(_q(id="a.pdf#qa3"), _Ans(None, 0.2)),
          score_real(_q(id="b.pdf#qa1", gold_file="b.pdf", half="check"),
                     _Ans("Kerstin Haglund", 0.6, None, _Src("b.pdf", 3))),
          score_real(_q(answerable=False), _Ans(None, 0.1)),
          score_real(_q(answerable=False, id="a.pdf#un2"), _Ans("något", 0.7, None, _Src("a.pdf", 1)))]
    s = summarize_real(rs)
    assert (s["n"], s["n_answerable"], s["n_unanswerable"], s["documents"]) == (6, 4, 2, 2)
    assert (s["n_correct"], s["accuracy"]) == (2, 0.5)
    assert s["n_right_document"] == 2
    assert (s["n_false_abstention"], s["n_abstained_unanswerable"]) == (1, 1)
    assert s["per_document"]["a.pdf"] == {"half": "dev", "answerable": 3, "correct": 1, "right_document": 1,
                                          "false_abstention": 1, "unanswerable": 2, "abstained": 1}
    assert s["per_document"]["b.pdf"]["correct"] == 1
    assert s["per_half"]["dev"]["n_correct"] == 1 and s["per_half"]["check"]["n_correct"] == 1
    # given answers: .9 right, .85 wrong (wrong document), .6 right, .7 wrong (unanswerable)
    assert real.confidence_pairs(rs) == [(0.9, True), (0.85, False), (0.6, True), (0.7, False)]
    text = real.format_real(rs, s)
    assert "| accuracy with right source document | 50.0 % (2/4) | ≥ 70.0 % | MISSED |" in text
    assert "**a.pdf#qa2**" in text and "not the gold document" in text
    assert "**a.pdf#qa1**" not in text


# -- the real folder -----------------------------------------------------------------------

def test_load_real_on_a_made_up_folder(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "x.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "gold" / "x.pdf.json").write_text(json.dumps({
        "file": "pdf/x.pdf",
        "qa": [{"q": "A?", "answer": "a", "page": 2, "section": "3a"},
               {"q": "B?", "answer": "b", "page": None, "section": None}],
        "unanswerable": ["C?"]}), encoding="utf-8")
    (tmp_path / "gold" / "missing.pdf.json").write_text(json.dumps({
        "file": "pdf/missing.pdf", "qa": [{"q": "D?", "answer": "d", "page": 1, "section": None}]}),
        encoding="utf-8")
    docs, qs = load_real(tmp_path)
    assert docs == [tmp_path / "pdf" / "x.pdf"]
    assert [q.id for q in qs] == ["x.pdf#qa1", "x.pdf#qa2", "x.pdf#un1"]
    assert (qs[0].page, qs[0].section, qs[0].answers, qs[0].gold_file) == (2, "3a", ["a"], "x.pdf")
    assert qs[1].page is None and not qs[2].answerable and qs[2].answers == []
    assert real.available(tmp_path)
    assert not real.available(tmp_path / "nothing")


def test_load_real_counts():
    if not real.available(REAL):
        pytest.skip(f"{REAL} is not present")
    docs, qs = load_real(REAL)
    assert len(docs) == 9
    assert {d.suffix for d in docs} == {".pdf", ".docx", ".md"}
    assert all(d.is_file() for d in docs)
    ans = [q for q in qs if q.answerable]
    una = [q for q in qs if not q.answerable]
    assert (len(ans), len(una)) == (45, 18)
    assert len({q.id for q in qs}) == len(qs) == 63
    assert {q.gold_file for q in qs} == {d.name for d in docs}
    assert all(q.answers and all(a.strip() for a in q.answers) for q in ans)
    assert all(q.question.strip().endswith("?") for q in qs)
    docx = [q for q in ans if q.gold_file.endswith(".docx")]
    assert len(docx) == 5 and all(q.page is None for q in docx)
    assert all(q.page is not None for q in ans if not q.gold_file.endswith(".docx"))
    assert {q.half for q in qs} <= {"dev", "check"}
