"""The learned part of question answering: which candidate answer is right, and
how sure to be of it.

Two logistic models, trained by ``python -m bench.qa.train`` (``make train-qa``)
and stored as readable JSON in ``data/answer_model.json`` with the training
data's provenance, the command and the date:

- the *ranker* scores each candidate sentence (features from answer.py:
  overlap, proximity, answer type, coverage, context …) with the probability
  that its answer is right; the best one is the answer;
- the *confidence* model reads the question as a whole (the best and the
  runner-up's probabilities, the margin between them, unknown names …) and
  estimates the probability that the answer given is right. That is the
  confidence shown to users; below ``threshold`` no answer is given.

Only arithmetic runs here (no scikit-learn at serving time): standardise,
dot product, logistic function.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent / "data" / "answer_model.json"
MODEL_FORMAT = 1


class ModelFileError(ValueError):
    """The answer model file is missing or unreadable (names the file)."""


@dataclass(frozen=True)
class Logistic:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logit(self, values: dict[str, float]) -> float:
        z = self.intercept
        for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef):
            z += c * ((values.get(name, 0.0) - m) / s)
        return z

    def probability(self, values: dict[str, float]) -> float:
        z = self.logit(values)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        ez = math.exp(z)
        return ez / (1.0 + ez)

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept}

    @classmethod
    def from_json(cls, raw: dict) -> "Logistic":
        feats = tuple(raw["features"])
        mean, scale, coef = (tuple(float(x) for x in raw[k]) for k in ("mean", "scale", "coef"))
        if not (len(feats) == len(mean) == len(scale) == len(coef)):
            raise ValueError("features, mean, scale and coef differ in length")
        if any(s <= 0 for s in scale):
            raise ValueError("a scale is not positive")
        return cls(feats, mean, scale, coef, float(raw["intercept"]))


@dataclass(frozen=True)
class AnswerModel:
    ranker: Logistic
    confidence: Logistic
    threshold: float                 # no answer below this confidence
    info: dict = field(default_factory=dict)  # provenance, command, date, figures on its training data

    def to_json(self) -> dict:
        return {"format": MODEL_FORMAT, "ranker": self.ranker.to_json(), "confidence": self.confidence.to_json(),
                "threshold": self.threshold, "info": self.info}

    @classmethod
    def from_json(cls, raw: dict) -> "AnswerModel":
        if raw.get("format") != MODEL_FORMAT:
            raise ValueError(f"format {raw.get('format')!r}, expected {MODEL_FORMAT}")
        return cls(Logistic.from_json(raw["ranker"]), Logistic.from_json(raw["confidence"]),
                   float(raw["threshold"]), dict(raw.get("info", {})))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)


def load_model(path: Path = MODEL_FILE) -> AnswerModel:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"{path}: the answer model file is missing; create it with `make train-qa`") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"{path}: cannot read the answer model: {exc}") from None
    try:
        return AnswerModel.from_json(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path}: not a valid answer model ({exc}); re-create it with `make train-qa`") from None


@lru_cache(maxsize=4)
def _cached(path: str) -> AnswerModel:
    return load_model(Path(path))


def default_model() -> AnswerModel:
    return _cached(str(MODEL_FILE))


# -- the confidence model's inputs ---------------------------------------------------

def answer_features(best_p: float, runner_up_p: float, probabilities: list[float], *, strict_type: bool,
                    unknown_names: int, best_coverage: float, question_terms: int,
                    best_features: dict[str, float]) -> dict[str, float]:
    """What the confidence model reads about one question and its best answer."""
    clipped = min(max(best_p, 1e-6), 1 - 1e-6)
    return {
        "best": best_p,
        "best_logit": math.log(clipped / (1 - clipped)),
        "runner_up": runner_up_p,
        "margin": best_p - runner_up_p,
        "strong_candidates": math.log1p(sum(p >= 0.5 for p in probabilities)),
        "strict_type": 1.0 if strict_type else 0.0,
        "unknown_names": min(2.0, float(unknown_names)),
        "coverage": best_coverage,
        "question_terms": math.log1p(question_terms),
        "best_overlap": best_features.get("overlap", 0.0),
        "best_own_overlap": best_features.get("own_overlap", 0.0),
        "best_type": best_features.get("type", 0.0),
        "best_missing_key_terms": best_features.get("missing_key_terms", 0.0),
    }
