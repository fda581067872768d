"""The QA benchmark (bench/qa): the questions file against the corpus, metrics on toy inputs."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bench.qa import metrics, swequad
from bench.qa.dataset import ANSWER_TYPES, DatasetError, Question, load_questions
from bench.qa.run import QAResult, score_result, summarize

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return load_questions()


@pytest.fixture(scope="session")
def corpus_pages(tmp_path_factory) -> dict[str, dict[int, str]]:
    """source_path -> page number -> extracted page text, read once per session."""
    from indexer.pipeline import load_documents
    docs, failures = load_documents([CORPUS], tmp_path_factory.mktemp("qa-cache"), jobs=2)
    assert not failures
    return {d.source_path: {p.number: p.text for p in d.pages} for d in docs}


# -- the questions file -----------------------------------------------------------------

def test_dataset_size_and_balance(questions):
    answerable = [q for q in questions if q.answerable]
    assert len(questions) >= 50
    assert len(answerable) >= 40
    assert len(questions) - len(answerable) >= 10
    types = Counter(q.answer_type for q in answerable)
    for t in ANSWER_TYPES:
        assert types[t] >= 3, f"too few {t} questions: {types[t]}"


def test_dataset_ids_and_questions_unique(questions):
    assert len({q.id for q in questions}) == len(questions)
    assert len({q.question for q in questions}) == len(questions)
    assert all(q.question.strip().endswith("?") for q in questions)


def test_gold_answer_in_gold_sentences(questions):
    for q in questions:
        if not q.answerable:
            assert not q.answers and not q.sources
            continue
        assert q.sources, q.id
        for s in q.sources:
            sent = metrics.normalize(s.sentence)
            assert any(metrics.normalize(a) in sent for a in q.answers), (q.id, s.source_path)


def test_gold_sentence_on_gold_page(questions, corpus_pages):
    for q in questions:
        for s in q.sources:
            assert s.source_path in corpus_pages, (q.id, s.source_path)
            pages = corpus_pages[s.source_path]
            assert s.page in pages, (q.id, s.source_path, s.page)
            assert metrics.sentence_in_text(s.sentence, pages[s.page]), (q.id, s.source_path, s.page)


def test_unanswerable_answers_absent(questions, corpus_pages):
    """Cheap guard for the unanswerable questions: the places they ask about that are
    outside the corpus (Piteå, Kalix) really are absent."""
    text = " ".join(t for pages in corpus_pages.values() for t in pages.values()).lower()
    for name in ("piteå", "kalix", "simhall"):
        assert name not in text


def test_loader_rejects_malformed(tmp_path):
    bad = tmp_path / "q.toml"
    bad.write_text('[[question]]\nid = "x"\nquestion = "Vem?"\nanswer_type = "person"\n', encoding="utf-8")
    with pytest.raises(DatasetError):
        load_questions(bad)
    bad.write_text('[[question]]\nid = "x"\nquestion = "Vem?"\nanswer_type = "colour"\nanswerable = false\n',
                   encoding="utf-8")
    with pytest.raises(DatasetError):
        load_questions(bad)
    ok = tmp_path / "ok.toml"
    ok.write_text('[[question]]\nid = "x"\nquestion = "Vem?"\nanswer_type = "person"\nanswer = ["A", "B"]\n'
                  'sentence = "A sa det."\nsources = [{source_path = "a.txt", page = 1}]\n', encoding="utf-8")
    (q,) = load_questions(ok)
    assert q.answers == ["A", "B"] and q.sources[0].sentence == "A sa det." and q.answerable


# -- normalisation and matching ---------------------------------------------------------

def test_normalize_whitespace_and_case():
    assert metrics.normalize("  Den 7\u00a0JUNI\n2022 ") == "den 7 juni 2022"
    assert metrics.normalize("100\u202f000 kronor") == "100 000 kronor"
    assert metrics.normalize_ws("a\t\r\n b") == "a b"


def test_contains_answer():
    assert metrics.contains_answer("Kommunstyrelsen beslutade den 22 augusti 2022.", ["22 augusti"])
    assert metrics.contains_answer("2,5  miljoner\nkronor per år", ["2,5 miljoner kronor"])
    assert metrics.contains_answer("TVÅ GÅNGER per år", ["två gånger per år"])
    assert metrics.contains_answer("inte juridiskt bindande", ["inte ett juridiskt bindande", "inte juridiskt bindande"])
    assert not metrics.contains_answer("2,5 miljoner", ["2,5 miljoner kronor"])
    assert not metrics.contains_answer(None, ["x"])
    assert not metrics.contains_answer("", ["x"])


def test_contains_choice_loose():
    assert metrics.contains_choice("Ta med ditt pass!", "ditt pass")
    assert metrics.contains_choice("...att du inte kan få behandlingen där.", "att du inte kan få behandlingen där")
    assert metrics.contains_choice("Se 'Migrationsverket', s. 3", "migrationsverket")
    assert not metrics.contains_choice("ditt beslut", "ditt pass")
    assert not metrics.contains_choice(None, "x")
    assert not metrics.contains_choice("något", "  ...  ")  # empty after normalisation


def test_sentence_in_text():
    page = "Avsiktsförklaringen gäller från september 2022 till och med\nseptember 2026. Senast under"
    assert metrics.sentence_in_text("Avsiktsförklaringen gäller från september 2022 till och med september 2026.", page)
    assert not metrics.sentence_in_text("Avsiktsförklaringen gäller till 2030.", page)


def test_percentiles():
    xs = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert metrics.median(xs) == 3.0
    assert metrics.median([1.0, 2.0]) == 1.5
    assert metrics.percentile(xs, 95) == pytest.approx(4.8)
    assert metrics.percentile(xs, 0) == 1.0 and metrics.percentile(xs, 100) == 5.0
    assert metrics.percentile([], 95) == 0.0
    assert metrics.share([True, False, True, True]) == 0.75 and metrics.share([]) == 0.0


# -- scoring a result -------------------------------------------------------------------

def _q(**kw) -> Question:
    from bench.qa.dataset import GoldSource
    base = dict(id="t", question="När?", answer_type="date", answers=["7 juni"], sentence="Den 7 juni.",
                sources=[GoldSource("a.html", 1, "Den 7 juni."), GoldSource("b.pdf", 2, "Den 7 juni 2022.")])
    base.update(kw)
    return Question(**base)


def test_score_result_cases():
    q = _q()
    r = score_result(QAResult(q, answer="den 7 juni 2022", source_path="b.pdf", page=2))
    assert r.correct and r.page_correct and not r.abstained
    r = score_result(QAResult(q, answer="den 7 juni 2022", source_path="b.pdf", page=1))
    assert r.correct and not r.page_correct
    r = score_result(QAResult(q, answer="den 7 juni 2022", source_path="c.pdf", page=2))
    assert not r.correct and not r.page_correct           # right words, wrong document
    r = score_result(QAResult(q, answer="den 8 juni", source_path="a.html", page=1))
    assert not r.correct and r.page_correct               # page counted on its own
    r = score_result(QAResult(q, answer=None, source_path=None, page=None))
    assert r.abstained and not r.correct
    u = _q(answerable=False, answers=[], sentence=None, sources=[])
    assert score_result(QAResult(u, answer=None, source_path=None, page=None)).correct
    assert not score_result(QAResult(u, answer="något", source_path="a.html", page=1)).correct


def test_summarize_toy():
    a, b = _q(id="a"), _q(id="b", answer_type="number")
    u1 = _q(id="u1", answerable=False, answers=[], sentence=None, sources=[])
    u2 = _q(id="u2", answerable=False, answers=[], sentence=None, sources=[])
    results = [score_result(x) for x in (
        QAResult(a, answer="7 juni", source_path="a.html", page=1, seconds=0.1),
        QAResult(b, answer=None, source_path=None, page=None, seconds=0.3),
        QAResult(u1, answer=None, source_path=None, page=None, seconds=0.2),
        QAResult(u2, answer="x", source_path="a.html", page=1, seconds=0.4),
    )]
    s = summarize(results)
    assert s["accuracy"] == 0.5 and s["page_correct"] == 0.5
    assert s["abstention_unanswerable"] == 0.5 and s["false_abstention"] == 0.5
    assert s["per_type"]["date"] == (1, 1) and s["per_type"]["number"] == (0, 1)
    assert s["median_ms"] == pytest.approx(250.0)


def test_threshold_rule_on_toy_confidences():
    """The abstention threshold: the lowest confidence at which the (weighted) precision of
    the answers given reaches the target, with at least min_answers of them."""
    from bench.qa.train import choose_threshold

    pairs = [(0.95, 1, 1.0)] * 40 + [(0.7, 1, 1.0)] * 10 + [(0.6, 0, 1.0)] * 20 + [(0.2, 0, 1.0)] * 30
    t, prec, n = choose_threshold(pairs, target=0.85, min_answers=30)
    assert 0.6 < t <= 0.7 and prec == 1.0 and n == 50
    # weighting the wrong answers down lets the threshold fall to where they start
    light = [(c, y, 0.1 if not y else 1.0) for c, y, _w in pairs]
    assert choose_threshold(light, target=0.85, min_answers=30)[0] <= 0.2
    # a target no threshold reaches with enough answers: the highest threshold, nothing vouched for
    assert choose_threshold([(0.9, 0, 1.0)] * 50, target=0.85, min_answers=30) == (0.99, 0.0, 0)


def test_corpus_split_is_by_document_and_fixed():
    from bench.qa.split import CHECK, TUNE, document_half, half, split

    questions = load_questions()
    tune, check = split(questions)
    assert tune and check and len(tune) + len(check) == len(questions)
    for q in questions:
        if q.sources and not q.written:
            assert half(q) == document_half(q.sources[0].source_path)
    # no document has questions on both sides (the split is by document)
    first_doc = {}
    for q in questions:
        if q.sources and not q.written:
            first_doc.setdefault(q.sources[0].source_path, set()).add(half(q))
    assert all(len(h) == 1 for h in first_doc.values())
    # questions written after the model are held out
    assert all(half(q) == CHECK for q in questions if q.written)
    assert sum(bool(q.written) for q in questions) >= 30
    assert {half(q) for q in questions} == {TUNE, CHECK}


# -- SweQUAD-MC file handling (format only; the benchmark run needs the real file) ------------

def test_swequad_load_and_baseline(tmp_path):
    data = {"data": [
        {"context": "Om pass\r\nNär du ska hämta ditt beslut ska du ta med ditt pass. Kortet skickas hem.",
         "question": "Vad ska du ta med när du hämtar ditt beslut?",
         "choices": [{"text": "ditt pass", "type": "Correct answer", "start": 0, "end": 0, "extra": None},
                     {"text": "beslutet", "type": "Distractor", "start": 0, "end": 0, "extra": None}]},
        {"context": "Om pass\r\nNär du ska hämta ditt beslut ska du ta med ditt pass. Kortet skickas hem.",
         "question": "Vart skickas kortet?",
         "choices": [{"text": "hem", "type": "Correct answer", "start": 0, "end": 0, "extra": None}]},
        {"context": "Avgifter\r\nAvgiften betalas med kort. Vuxna betalar 1 500 kronor.",
         "question": "Hur mycket betalar vuxna?",
         "choices": [{"text": "1 500 kronor", "type": "Correct answer", "start": 0, "end": 0, "extra": None}]},
    ]}
    path = tmp_path / "sq.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    contexts, items = swequad.load(path)
    assert len(contexts) == 2 and len(items) == 3
    assert items[0].correct == ["ditt pass"] and items[0].context_key == items[1].context_key
    folder = tmp_path / "ctx"
    swequad.write_contexts(contexts, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["c0000.txt", "c0001.txt"]
    base = swequad.SentenceBaseline([("p1", contexts[0]), ("p2", contexts[1])])
    assert "ta med ditt pass" in base.answer("Vad ska du ta med när du hämtar ditt beslut?")
    assert "1 500 kronor" in base.answer("Hur mycket betalar vuxna?")
    assert swequad.is_correct("Ta med ditt pass.", items[0])
