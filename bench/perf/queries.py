"""The 200 mixed queries of the latency and load benchmarks, deterministic by seed.

Kinds (counts of the default set):

* ``plain`` (60): words as typed; 25 taken from the relevance benchmark's queries
  (inflections, compounds, abbreviations, missing å/ä/ö, plain), the rest two or
  three words that occur together in a sentence of the corpus vocabulary, or one word;
* ``phrase`` (30): a quoted run of two or three words from a sentence, 10 of them
  the relevance benchmark's phrase queries;
* ``facets`` (40): a plain query with one or two filters (kommun, år, dokumenttyp,
  prioriterat område), as when a facet is ticked;
* ``highlight`` (40): a plain query, then the best document's page opened with the
  query terms highlighted on every page (what /dokument/<id>?q= does);
* ``browse`` (30): an empty query with a priority area (sometimes also a kommun),
  newest first, as the start page's area links do.

Every search returns the first 10 documents, facet counts and highlighted snippets.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

KIND_COUNTS = {"plain": 60, "phrase": 30, "facets": 40, "highlight": 40, "browse": 30}
AREAS = ("kompetensforsorjning", "leva-och-bo", "infrastruktur", "naringslivsutveckling")
#: The types the benchmark filters on (a subset of indexer.models.DOC_TYPES).
FILTER_DOC_TYPES = ("pressmeddelande", "protokoll", "annat")
YEARS = tuple(range(2019, 2027))
_WORD_RE = re.compile(r"[A-Za-zÅÄÖåäöé]+")
_STOP = set("""och att som för med den det har till inte ett från under eller även kan ska
skall vara var finns kommer efter samt sina sitt sin dess deras också andra mellan inom genom
vilket vilka detta dessa denna där när hur alla mot utan enligt redan bara mycket både sedan
samma varje blir blev fått göra gör kunna måste bör""".split())


@dataclass
class BenchQuery:
    kind: str
    text: str = ""
    areas: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "BenchQuery":
        return cls(**d)

    def api_params(self) -> str:
        """The query string of GET /api/search for this query."""
        params: list[tuple[str, str]] = [("q", self.text)]
        params += [("area", a) for a in self.areas]
        params += [("municipality", m) for m in self.municipalities]
        params += [("type", t) for t in self.doc_types]
        params += [("year", str(y)) for y in self.years]
        return urlencode(params)

    def label(self) -> str:
        filters = self.areas + self.municipalities + self.doc_types + [str(y) for y in self.years]
        return f"{self.kind}: {self.text!r}" + (f" [{', '.join(filters)}]" if filters else "")


def _relevance_queries() -> list:
    try:
        from bench.relevance.queries import load_queries
    except ImportError:  # pragma: no cover - the relevance benchmark ships with the repo
        return []
    return load_queries()


def _sentences() -> list[str]:
    from bench.synthetic.vocab import PERSON, PLACE, vocabulary
    v = vocabulary()
    out = []
    for pool in (v.sentences, v.decisions):
        for sents in pool.values():
            out += [s.replace(PERSON, " ").replace(PLACE, " ") for s in sents]
    return sorted(set(out))


def _content_words(sentence: str) -> list[str]:
    return [w for w in _WORD_RE.findall(sentence) if len(w) >= 5 and w.lower() not in _STOP]


def make_queries(seed: int = 1, counts: dict[str, int] | None = None) -> list[BenchQuery]:
    counts = counts or KIND_COUNTS
    rng = random.Random(f"perf-queries:{seed}")
    sentences = _sentences()
    freq = Counter(w.lower() for s in sentences for w in _content_words(s))
    common = sorted(w for w, n in freq.items() if n >= 2)
    rel = _relevance_queries()

    def lower_first(w: str) -> str:
        return w if w.isupper() or (w[:1].isupper() and w.lower() not in freq) else w.lower()

    def words_query() -> str:
        r = rng.random()
        if r < 0.3:
            return rng.choice(common)
        words = []
        while len(words) < 2:
            words = list(dict.fromkeys(_content_words(rng.choice(sentences))))
        n = 2 if r < 0.8 or len(words) < 3 else 3
        return " ".join(lower_first(w) for w in rng.sample(words, n))

    def phrase_query() -> str:
        while True:
            tokens = _WORD_RE.findall(rng.choice(sentences))
            if len(tokens) < 4:
                continue
            n = rng.choice((2, 2, 3))
            start = rng.randrange(len(tokens) - n)
            run = tokens[start:start + n]
            if all(len(t) >= 3 for t in run) and any(t.lower() not in _STOP and len(t) >= 5 for t in run):
                return '"' + " ".join(lower_first(t) for t in run) + '"'

    out: list[BenchQuery] = []
    # plain
    rel_plain = [q for q in rel if q.stratum in ("inflection", "compound", "abbreviation", "nodiacritics", "plain")
                 and q.query.strip() and not q.area]
    picked = rng.sample(rel_plain, min(25, len(rel_plain), counts["plain"]))
    out += [BenchQuery("plain", q.query) for q in picked]
    out += [BenchQuery("plain", words_query()) for _ in range(counts["plain"] - len(picked))]
    # phrase
    rel_phrase = [q for q in rel if q.stratum == "phrase" and q.query.strip()]
    picked = rel_phrase[: min(10, counts["phrase"])]
    out += [BenchQuery("phrase", q.query) for q in picked]
    out += [BenchQuery("phrase", phrase_query()) for _ in range(counts["phrase"] - len(picked))]
    # facets
    for _ in range(counts["facets"]):
        q = BenchQuery("facets", words_query())
        for group in rng.sample(("municipality", "year", "type", "area"), rng.choice((1, 1, 2))):
            if group == "municipality":
                q.municipalities.append(rng.choice(("Luleå", "Boden")))
            elif group == "year":
                q.years.append(rng.choice(YEARS))
            elif group == "type":
                q.doc_types.append(rng.choice(FILTER_DOC_TYPES))
            else:
                q.areas.append(rng.choice(AREAS))
        out.append(q)
    # highlight
    out += [BenchQuery("highlight", words_query()) for _ in range(counts["highlight"])]
    # browse
    rel_browse = [q for q in rel if q.stratum == "area" and q.area and not q.query.strip()]
    picked = rel_browse[: min(5, counts["browse"])]
    out += [BenchQuery("browse", "", areas=[q.area]) for q in picked]
    for _ in range(counts["browse"] - len(picked)):
        q = BenchQuery("browse", "", areas=[rng.choice(AREAS)])
        if rng.random() < 0.4:
            q.municipalities.append(rng.choice(("Luleå", "Boden")))
        out.append(q)
    rng.shuffle(out)
    return out
