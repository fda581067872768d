"""The benchmark queries and their judgments (queries.toml)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

QUERIES_FILE = Path(__file__).with_name("queries.toml")
STRATA = ("inflection", "compound", "abbreviation", "nodiacritics", "phrase", "area", "plain")
COMPOUND_SUBKINDS = ("query_compound", "text_compound")
STRATUM_LABELS = {
    "inflection": "inflection",
    "compound": "compound",
    "abbreviation": "abbreviation/synonym",
    "nodiacritics": "no diacritics/typo",
    "phrase": "phrase",
    "area": "area browsing",
    "plain": "plain",
}


@dataclass
class Query:
    id: str
    stratum: str
    query: str
    judgments: dict[str, int]
    rationale: str
    area: str | None = None
    subkind: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def areas(self) -> list[str]:
        return [self.area] if self.area else []


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = []
    for rec in data["queries"]:
        rec = dict(rec)
        known = {k: rec.pop(k) for k in ("id", "stratum", "query", "judgments", "rationale", "area", "subkind")
                 if k in rec}
        known["judgments"] = {str(k): int(v) for k, v in known.get("judgments", {}).items()}
        out.append(Query(**known, extra=rec))
    return out
