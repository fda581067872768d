"""The learned answer model (search_app/qa/model.py, bench/qa/train.py) and what the
answers must respect whatever the weights: the answer type asked for, whole words,
the primary and latest source."""
from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.store.base import PassageHit
from search_app.qa import Resolved, answer_question, prefer_source
from search_app.qa.answer import Candidate, snap_to_words
from search_app.qa.entities import Entity
from search_app.qa.model import (
    MODEL_FILE, AnswerModel, Logistic, ModelFileError, default_model, load_model,
)

REPO = Path(__file__).resolve().parents[1]
SHARED_QA = REPO.parent / "shared" / "devdata" / "qa"


@pytest.fixture(scope="module")
def store(corpus_index):
    from indexer.store import open_store
    return open_store(corpus_index)


@pytest.fixture(scope="module")
def always():
    """The product's model with no abstention: which answer is chosen is under test."""
    return replace(default_model(), threshold=0.0)


# -- the model file -----------------------------------------------------------------------

def test_committed_model_is_readable_and_says_where_it_comes_from():
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model = load_model()
    assert 0.0 < model.threshold < 1.0
    info = model.info
    assert info["command"].startswith("python -m bench.qa.train")
    assert info["trained"][:4].isdigit()
    data = info["training_data"]
    assert len(data["swequad_mc_train"]["sha256"]) == 64 and data["swequad_mc_train"]["questions"] > 500
    assert data["swequad_mc_train"]["limit_contexts"] is None  # the product model saw the whole set
    assert "SweQUAD-MC dev" in " ".join(info["never_trained_on"])
    # readable weights: one coefficient per named feature
    assert len(raw["ranker"]["features"]) == len(raw["ranker"]["coef"]) > 10
    assert "overlap" in raw["ranker"]["features"] and "type" in raw["ranker"]["features"]
    assert "margin" in raw["confidence"]["features"]


def test_model_trained_only_on_the_tuning_half():
    from bench.qa.dataset import load_questions
    from bench.qa.split import split

    tune, check = split(load_questions())
    trained_ids = set(default_model().info["training_data"]["corpus_tuning_half"]["ids"])
    assert trained_ids and trained_ids <= {q.id for q in tune}
    assert not trained_ids & {q.id for q in check}


def test_logistic_arithmetic():
    lg = Logistic(("a", "b"), (1.0, 0.0), (2.0, 1.0), (1.0, -0.5), 0.25)
    z = 0.25 + 1.0 * (3.0 - 1.0) / 2.0 - 0.5 * 4.0
    assert lg.probability({"a": 3.0, "b": 4.0}) == pytest.approx(1 / (1 + math.exp(-z)))
    assert lg.probability({}) == pytest.approx(1 / (1 + math.exp(-(0.25 - 0.5))))  # missing -> 0
    assert 0.0 < lg.probability({"a": 1e6}) <= 1.0 and lg.probability({"a": -1e6}) >= 0.0


def test_model_file_errors_name_the_file(tmp_path):
    missing = tmp_path / "none.json"
    with pytest.raises(ModelFileError, match="none.json.*make train-qa"):
        load_model(missing)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelFileError, match="bad.json"):
        load_model(bad)
    wrong = tmp_path / "wrong.json"
    raw = default_model().to_json()
    raw["ranker"]["coef"] = raw["ranker"]["coef"][:-1]
    wrong.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ModelFileError, match="wrong.json.*differ in length"):
        load_model(wrong)


def test_model_round_trips(tmp_path):
    path = tmp_path / "m.json"
    default_model().save(path)
    again = load_model(path)
    assert again == AnswerModel.from_json(default_model().to_json())


@pytest.mark.skipif(not (SHARED_QA / "swequad_mc_train.json").is_file(),
                    reason="../shared/devdata/qa/swequad_mc_train.json is not present")
def test_training_command_on_a_small_sample(tmp_path, capsys):
    from bench.qa.train import main

    out = tmp_path / "model.json"
    assert main(["--limit-contexts", "12", "--out", str(out)]) == 0
    model = load_model(out)
    assert model.info["training_data"]["swequad_mc_train"]["limit_contexts"] == 12
    assert model.info["questions"] > 40  # the contexts' questions, built unanswerable ones, the tuning half
    assert set(model.ranker.features) == set(default_model().ranker.features)
    assert 0.0 <= model.threshold <= 0.99
    printed = capsys.readouterr().out
    assert '"ranker_C"' in printed


def test_training_command_reports_a_missing_file(tmp_path, capsys):
    from bench.qa.train import main

    assert main(["--train-file", str(tmp_path / "absent.json"), "--out", str(tmp_path / "m.json")]) == 2
    assert "absent.json" in capsys.readouterr().err


# -- the answer fits the question -----------------------------------------------------------

def test_who_with_a_role_is_answered_by_a_person_not_an_organisation(store, always):
    ans = answer_question(store, "Vem är kommundirektör i Luleå?", model=always)
    assert ans.answer_type == "person" and ans.answer is not None
    assert " AB" not in ans.answer and "kommundirektör" in ans.sentence
    assert any(w[:1].isupper() for w in ans.answer.split())


def test_how_many_is_answered_with_the_unit_asked(store, always):
    ans = answer_question(store, "Hur många yrkesvuxplatser utökas i Boden 2025?", model=always)
    assert ans.answer_type == "number"
    assert "platser" in ans.answer and "kronor" not in ans.answer


def test_spans_never_cut_a_word(store, always):
    from bench.qa.dataset import load_questions

    checked = 0
    for q in load_questions()[:60]:
        ans = answer_question(store, q.question, model=always)
        if ans.answer is None:
            continue
        s, e, sent = ans.answer_start, ans.answer_end, ans.sentence
        assert sent[s:e] == ans.answer
        assert s == 0 or not (sent[s - 1].isalnum() and sent[s].isalnum()), (q.id, ans.answer)
        assert e == len(sent) or not (sent[e - 1].isalnum() and sent[e].isalnum()), (q.id, ans.answer)
        checked += 1
    assert checked >= 30


def test_snap_to_words_widens_a_cut_entity():
    sentence = "Kommunen följer FN:s miljöprogram sedan 2019."
    cut = Entity("list", "s miljöprogram", sentence.index("s miljö"), sentence.index(" sedan"))
    assert snap_to_words(sentence, cut).text == "FN:s miljöprogram"
    inner = Entity("number", "01", sentence.index("2019") + 2, sentence.index("2019") + 4)
    assert snap_to_words(sentence, inner).text == "2019"
    whole = Entity("number", "2019", sentence.index("2019"), sentence.index("2019") + 4)
    assert snap_to_words(sentence, whole) is whole


# -- the primary and the latest source ------------------------------------------------------

def _answer(doc_type: str, date: str, p: float, text: str, doc: str) -> Resolved:
    hit = PassageHit(passage_id=f"{doc}#1", doc_id=doc, title=doc, doc_type=doc_type, municipalities=["Boden"],
                     date=date, page=1, section=None, section_title=None, text=text, source_path=f"{doc}.pdf",
                     score=1.0, is_decision=doc_type == "protokoll", coverage=1.0)
    cand = Candidate(hit, 0, len(text), p, 1.0, 1.0, None, probability=p)
    return Resolved(cand, hit, text, 0, len(text))


def test_primary_source_wins_over_press_release_among_near_equals():
    press = _answer("pressmeddelande", "2023-05-16", 0.90, "cirka 380 bostäder", "press")
    minutes = _answer("protokoll", "2024-11-25", 0.72, "350 bostäder", "ks")
    assert prefer_source([press, minutes]) is minutes
    # far below the best, the minutes do not win
    weak = _answer("protokoll", "2024-11-25", 0.40, "350 bostäder", "ks")
    assert prefer_source([press, weak]) is press


def test_later_decision_wins_within_the_same_tier():
    earlier = _answer("protokoll", "2023-04-17", 0.80, "samråd om 380 bostäder", "a")
    later = _answer("protokoll", "2024-11-25", 0.75, "antar planen för 350 bostäder", "b")
    assert prefer_source([earlier, later]) is later


def test_disagreeing_sources_are_shown_both(store, always):
    ans = answer_question(store, "Hur många bostäder ger detaljplanen i Sävast plats för?", model=always)
    assert ans.answer is not None
    assert ans.source.doc_type != "pressmeddelande"  # the minutes, not the news about the consultation
    # the consultation's figure is said to differ, and shown with its own source
    assert ans.disagreement
    assert any(a.source.doc_type == "pressmeddelande" and a.answer != ans.answer for a in ans.alternatives)
    assert all(a.answer in a.sentence for a in ans.alternatives)


def test_the_verb_asked_about_is_read_from_word_order():
    from search_app.qa.answer import _event_in
    from search_app.qa.question import analyze_question

    assert analyze_question("När undertecknades avsiktsförklaringen?").event[0].startswith("underteckna")
    assert analyze_question("Vem utsågs till ordförande i socialutskottet?").event == ("utse",)
    assert analyze_question("Hur många yrkesvuxplatser utökas i Boden 2025?").event == ("utöka",)
    assert analyze_question("När ska planen antas?").event == ()  # an auxiliary is not the event
    q = analyze_question("När undertecknades avsiktsförklaringen?")
    assert _event_in(q, "Avsiktsförklaringen undertecknades i september 2022.") == 1.0
    assert _event_in(q, "Kommunstyrelsen godkände avsiktsförklaringen den 22 augusti 2022.") == 0.0


def test_app_reads_the_model_at_start(corpus_index, monkeypatch, tmp_path):
    import search_app.qa.model as model_module
    from search_app import create_app

    monkeypatch.setattr(model_module, "MODEL_FILE", tmp_path / "gone.json")
    with pytest.raises(ModelFileError, match="gone.json"):
        create_app({"INDEX_DIR": str(corpus_index), "TESTING": True})
