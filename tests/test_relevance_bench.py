"""The relevance benchmark (bench/relevance): metrics, judgments file, baseline mechanics."""
from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from bench.relevance import metrics, swefaq
from bench.relevance.queries import COMPOUND_SUBKINDS, STRATA, load_queries

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
AREA_IDS = {"kompetensforsorjning", "leva-och-bo", "infrastruktur", "naringslivsutveckling"}


# -- metrics on hand-computed toy rankings ------------------------------------------

J = {"A": 2, "B": 1}  # C, X, Y … are unjudged = grade 0


def test_ndcg_hand_computed():
    # ranking C, A, B: gains 0, 3, 1 at ranks 1..3; ideal A, B: gains 3, 1
    dcg = 0 / math.log2(2) + 3 / math.log2(3) + 1 / math.log2(4)
    idcg = 3 / math.log2(2) + 1 / math.log2(3)
    assert metrics.ndcg_at_k(["C", "A", "B"], J) == pytest.approx(dcg / idcg)
    assert metrics.ndcg_at_k(["C", "A", "B"], J) == pytest.approx(0.65900, abs=1e-5)


def test_ndcg_perfect_empty_and_irrelevant():
    assert metrics.ndcg_at_k(["A", "B"], J) == pytest.approx(1.0)
    assert metrics.ndcg_at_k(["A", "B", "X", "Y"], J) == pytest.approx(1.0)
    assert metrics.ndcg_at_k([], J) == 0.0
    assert metrics.ndcg_at_k(["X", "Y"], J) == 0.0
    assert metrics.ndcg_at_k(["A"], {"A": 0}) == 0.0  # nothing relevant: defined as 0


def test_ndcg_swapped_grades_and_cutoff():
    # B (grade 1) before A (grade 2): (1 + 3/log2 3) / (3 + 1/log2 3)
    expected = (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))
    assert metrics.ndcg_at_k(["B", "A"], J) == pytest.approx(expected)
    # A beyond the cutoff does not count
    ranking = [f"X{i}" for i in range(10)] + ["A"]
    assert metrics.ndcg_at_k(ranking, J, k=10) == 0.0
    assert metrics.ndcg_at_k(["A", "B"], J, k=1) == pytest.approx(1.0)  # ideal is cut at k too


def test_reciprocal_rank():
    assert metrics.reciprocal_rank(["A", "B"], J) == 1.0
    assert metrics.reciprocal_rank(["C", "A"], J) == 0.5
    assert metrics.reciprocal_rank(["C", "X", "B"], J) == pytest.approx(1 / 3)  # grade 1 counts
    assert metrics.reciprocal_rank(["C", "X"], J) == 0.0
    assert metrics.reciprocal_rank([f"X{i}" for i in range(10)] + ["A"], J, k=10) == 0.0


def test_recall():
    assert metrics.recall_at_k(["A", "C", "B"], J) == 1.0
    assert metrics.recall_at_k(["C", "A"], J) == 0.5
    assert metrics.recall_at_k(["A", "B"], J, k=1) == 0.5
    assert metrics.recall_at_k(["B", "X"], {"A": 2, "B": 1, "D": 1}) == pytest.approx(1 / 3)
    assert metrics.recall_at_k(["X"], {"A": 0}) == 0.0


def test_mean_median_percentile_dedupe():
    assert metrics.mean([]) == 0.0
    assert metrics.mean([1, 2, 3]) == 2.0
    assert metrics.median([3, 1, 2]) == 2.0
    assert metrics.median([1, 2, 3, 4]) == 2.5
    assert metrics.percentile(list(range(101)), 95) == 95.0
    assert metrics.percentile([1.0, 2.0], 95) == pytest.approx(1.95)
    assert metrics.dedupe(["a", "b", "a", "c", "b"]) == ["a", "b", "c"]


# -- the judgments file ---------------------------------------------------------------

@pytest.fixture(scope="module")
def queries():
    return load_queries()


def test_at_least_60_queries_with_unique_ids(queries):
    assert len(queries) >= 60
    ids = [q.id for q in queries]
    assert len(ids) == len(set(ids))


def test_at_least_8_per_stratum(queries):
    counts = Counter(q.stratum for q in queries)
    assert set(counts) == set(STRATA), counts
    for st in STRATA:
        assert counts[st] >= 8, (st, counts[st])
    sub = Counter(q.subkind for q in queries if q.stratum == "compound")
    for kind in COMPOUND_SUBKINDS:
        assert sub[kind] >= 4, sub
    assert all(q.subkind is None for q in queries if q.stratum != "compound")


def test_every_judged_path_exists(queries):
    missing = {(q.id, p) for q in queries for p in q.judgments if not (CORPUS / p).is_file()}
    assert not missing


def test_grades_rationales_and_relevant_documents(queries):
    for q in queries:
        assert q.rationale and q.rationale.strip(), q.id
        assert q.judgments, q.id
        assert set(q.judgments.values()) <= {0, 1, 2}, q.id
        if q.stratum == "area":
            assert max(q.judgments.values()) >= 1, q.id
        else:
            assert 2 in q.judgments.values(), q.id


def test_area_queries(queries):
    for q in queries:
        if q.area is not None:
            assert q.area in AREA_IDS, q.id
        if q.stratum == "area":
            assert q.area, q.id  # browsing means an area filter
        else:
            assert q.query.strip(), q.id
    assert any(q.stratum == "area" and not q.query for q in queries)       # empty query + area
    assert any(q.stratum == "area" and q.query.strip() for q in queries)   # general word + area


# -- mechanics of the Whoosh baselines (tiny synthetic documents, no pipeline) ----------

def _doc(doc_id, source_path, title, texts, date, areas):
    from indexer.models import Document, Passage
    passages = [Passage(passage_id=f"{doc_id}-{i}", doc_id=doc_id, seq=i, page=1, section=None, text=t)
                for i, t in enumerate(texts)]
    return Document(doc_id=doc_id, title=title, doc_type="annat", municipalities=["Luleå"], body=None,
                    date=date, source_path=source_path, source_root="/x", sha256="0", format="txt",
                    pages=[], passages=passages, areas=areas)


@pytest.fixture(scope="module")
def baseline():
    from bench.relevance.systems import WhooshBaseline, swedish_snowball_analyzer
    docs = [
        _doc("d1", "one.txt", "Bostäder i Sävast", ["Nya bostäder byggs i Sävast.", "Sävast har en skola."],
             "2023-05-16", ["leva-och-bo"]),
        _doc("d2", "two.txt", "Busslinje", ["En ny busslinje mellan Luleå och Boden.", "Bostäder nära bussen."],
             "2024-08-19", ["infrastruktur"]),
        _doc("d3", "three.txt", "Elförsörjning", ["Elnätet behöver byggas ut."], "2021-09-14", ["infrastruktur"]),
    ]
    b = WhooshBaseline("b", "test", swedish_snowball_analyzer(), docs)
    yield b
    b.close()


def test_baseline_dedupes_passages_to_documents(baseline):
    r = baseline.rank("Sävast")
    assert r.keys == ["one.txt"]  # two passages, one document
    assert not r.relaxed
    assert baseline.rank("bostäder").keys[0] == "one.txt"  # title boost on top of the text match
    assert sorted(baseline.rank("bostäder").keys) == ["one.txt", "two.txt"]


def test_baseline_or_fallback_and_area_filter(baseline):
    r = baseline.rank("Sävast elnätet")  # no passage has both
    assert r.relaxed
    assert sorted(r.keys) == ["one.txt", "three.txt"]
    assert baseline.rank("bostäder", ["infrastruktur"]).keys == ["two.txt"]
    assert baseline.rank("finns inte").keys == []


def test_baseline_empty_query_lists_by_date(baseline):
    assert baseline.rank("").keys == ["two.txt", "one.txt", "three.txt"]
    assert baseline.rank("", ["infrastruktur"]).keys == ["two.txt", "three.txt"]
    served = baseline.serve("bostäder")
    assert served["facets"]["area"] == {"leva-och-bo": 1, "infrastruktur": 1}
    assert any("<" in s for s in served["snippets"])  # highlighted


# -- SweFAQ loading ---------------------------------------------------------------------

def test_swefaq_distinct_answers_and_labels(tmp_path):
    rows = [
        {"category_id": 1, "question": "Q1?", "candidate_answers": ["x", "y"], "label": 1, "meta": {"category": "c1"}},
        {"category_id": 1, "question": "Q2?", "candidate_answers": ["x", "y"], "label": 0, "meta": {"category": "c1"}},
        {"category_id": 2, "question": "Q3?", "candidate_answers": ["z", "x"], "label": 0, "meta": {"category": "c2"}},
    ]
    path = tmp_path / "faq.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    answers, questions = swefaq.load(path)
    assert answers == ["x", "y", "z"]
    assert [q.answer_key for q in questions] == [swefaq.answer_key(1), swefaq.answer_key(0), swefaq.answer_key(2)]
    swefaq.write_answers(answers, tmp_path / "answers")
    assert (tmp_path / "answers" / swefaq.answer_key(2)).read_text(encoding="utf-8") == "z\n"
