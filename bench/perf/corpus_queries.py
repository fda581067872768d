"""The benchmark's query set made from any corpus's own text (``python -m bench.perf --corpus DIR``).

The synthetic run takes its 200 queries from the synthetic vocabulary and the
relevance benchmark (``queries.py``); a real corpus has neither, so here every
query is made from the passages of the built index, read back through the
store (the same passages the FTS5 baseline gets), with a fixed seed:

* which passages: the ``SAMPLE`` passages with the smallest hash of
  (seed, document id, passage number), so the sample does not depend on the
  order the build's worker processes wrote the segments in; soft hyphens and
  zero-width spaces are removed from their text first (nobody types them);
* ``plain`` and ``highlight``: one word of a sampled
  sentence (25 %), a rare word (in at most 3 passages of the whole corpus,
  10 %), a long compound (>= 13 letters, in at least 2 passages, 10 %), two
  (40 %) or three (15 %) words of one sentence;
* ``phrase``: a quoted run of two or three words of one sentence;
* ``facets``: two or three words of a sampled sentence plus one or two
  filters whose values come from that sentence's document (kommun, år, dokumenttyp,
  prioriterat område), so a filtered search usually has results;
* ``browse``: an empty query with a document's priority area (sometimes also
  its kommun), newest first.

Facet groups a corpus lacks (no document has a municipality, a date, a type
other than "annat", a priority area) are left out of ``facets``; a kind that
then has nothing to filter or browse on is replaced by another kind, and
:class:`CorpusQueries.notes` says which and why (the report prints them).
"""
from __future__ import annotations

import hashlib
import heapq
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .queries import KIND_COUNTS, BenchQuery

SAMPLE = 4000
WORD_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_RE = re.compile(r"(?<=[.!?…:;])\s+|\n+")
_STOP = set("""och att som för med den det har till inte ett från under eller även kan ska
skall vara var finns kommer efter samt sina sitt sin dess deras också andra mellan inom genom
vilket vilka detta dessa denna där när hur alla mot utan enligt redan bara mycket både sedan
samma varje blir blev fått göra gör kunna måste bör the and for with that this from have which
their will been were they about under""".split())
_INVISIBLE = {0x00AD: None, 0x200B: None}
GROUPS = ("municipality", "year", "type", "area")
GROUP_LABELS = {"municipality": "kommun", "year": "year (a dated document)", "type": "document type other than \"annat\"",
                "area": "priority area"}
RARE_MAX = 3
COMPOUND_MIN = 13


@dataclass
class CorpusQueries:
    queries: list[BenchQuery]
    counts: dict[str, int]                     # kind -> queries made (after replacements)
    notes: list[str] = field(default_factory=list)       # replacements and facet groups left out
    facets: dict[str, int] = field(default_factory=dict)  # group -> documents that have it
    documents: int = 0
    passages: int = 0
    sampled: int = 0
    origins: Counter = field(default_factory=Counter)      # how the words of the queries were chosen


def scaled_counts(total: int) -> dict[str, int]:
    """KIND_COUNTS scaled to about ``total`` queries (each kind at least one)."""
    base = sum(KIND_COUNTS.values())
    exact = {k: v * total / base for k, v in KIND_COUNTS.items()}
    out = {k: int(x) for k, x in exact.items()}
    # the largest remainders get the queries rounding down left over
    for k in sorted(exact, key=lambda k: (out[k] - exact[k], list(exact).index(k)))[:total - sum(out.values())]:
        out[k] += 1
    return {k: max(1, n) for k, n in out.items()}


def content_words(sentence: str) -> list[str]:
    return [w for w in WORD_RE.findall(sentence) if len(w) >= 5 and w.lower() not in _STOP]


def query_words(q: BenchQuery) -> list[str]:
    """The words of a query's text (quotes dropped)."""
    return WORD_RE.findall(q.text)


def has_group(m, group: str) -> bool:
    """Whether a document (DocMeta) has a value to filter on in this facet group."""
    if group == "municipality":
        return bool(m.municipalities)
    if group == "year":
        return bool(m.year and m.year.isdigit())
    if group == "type":
        return bool(m.doc_type and m.doc_type != "annat")
    return bool(m.areas)


def facet_inventory(docs: dict) -> dict[str, list]:
    """group -> the documents (ids, sorted) that have a value for it."""
    return {g: [d for d in sorted(docs) if has_group(docs[d], g)] for g in GROUPS}


def _key(seed: int, doc_id: str, seq) -> bytes:
    return hashlib.sha1(f"{seed}\x00{doc_id}\x00{seq}".encode()).digest()


def read_passages(index: Path, seed: int, sample: int = SAMPLE) -> tuple[dict, list[tuple[str, str]], Counter, int]:
    """(document metadata, the sampled passages as (doc_id, text) in sample order,
    passage frequency of every lower-cased word of the corpus, passages read)."""
    from indexer.store import open_store
    store = open_store(index)
    v = store._current()  # noqa: SLF001 - the benchmark reads the stored fields directly, as fts5.build does
    heap: list = []
    pf: Counter = Counter()
    n = 0
    with v.borrow() as searcher:
        for stored in searcher.documents(kind="passage"):
            # Soft hyphens and zero-width spaces (regeringen.se writes "bestäm\u00admelser") are not typed.
            text = (stored.get("text") or "").translate(_INVISIBLE)
            n += 1
            pf.update({w.lower() for w in WORD_RE.findall(text)})
            item = (_key(seed, stored["doc_id"], stored.get("seq")), stored["doc_id"], text)
            # Keep the `sample` smallest keys: heapq is a min-heap, so it holds the keys with their bytes inverted.
            inv = bytes(255 - b for b in item[0])
            if len(heap) < sample:
                heapq.heappush(heap, (inv, item[1], item[2]))
            elif inv > heap[0][0]:
                heapq.heapreplace(heap, (inv, item[1], item[2]))
    picked = sorted(heap, reverse=True)  # smallest original key first
    return dict(v.docs), [(d, t) for _, d, t in picked], pf, n


def make_corpus_queries(index: Path, seed: int = 1, counts: dict[str, int] | None = None,
                        sample: int = SAMPLE) -> CorpusQueries:
    counts = dict(counts or KIND_COUNTS)
    rng = random.Random(f"perf-corpus-queries:{seed}")
    docs, passages, pf, n_passages = read_passages(index, seed, sample)
    inventory = facet_inventory(docs)
    have = [g for g in GROUPS if inventory[g]]
    lacking = [g for g in GROUPS if not inventory[g]]

    # Sentences of the sample with at least two content words, with their document.
    sentences: list[tuple[str, str]] = []
    by_doc: dict[str, list[str]] = {}
    lower_seen: set[str] = set()
    for doc_id, text in passages:
        for s in _SENTENCE_RE.split(text):
            s = s.strip()
            if len(content_words(s)) >= 2:
                sentences.append((doc_id, s))
                by_doc.setdefault(doc_id, []).append(s)
            lower_seen.update(w for w in WORD_RE.findall(s) if w.islower())
    words_in_sample = sorted({w for _, s in sentences for w in content_words(s)})
    rare = sorted({w.lower() for w in words_in_sample if pf[w.lower()] <= RARE_MAX})
    compounds = sorted({w.lower() for w in words_in_sample if len(w) >= COMPOUND_MIN and pf[w.lower()] >= 2})
    out = CorpusQueries(queries=[], counts={}, facets={g: len(inventory[g]) for g in GROUPS},
                        documents=len(docs), passages=n_passages, sampled=len(passages))
    if not sentences:
        raise ValueError(f"no sentence of the corpus has two words of five letters or more ({len(passages)} "
                         "passages read): nothing to make queries from")

    def shown(w: str) -> str:
        # As a user types it: lower case, except a name the corpus never writes in lower case.
        return w if (w.isupper() or (w[:1].isupper() and w.lower() not in lower_seen)) else w.lower()

    def words_from(sentence: str) -> str:
        words = list(dict.fromkeys(content_words(sentence)))
        n = 3 if len(words) >= 3 and rng.random() < 0.27 else 2
        out.origins["two words" if n == 2 else "three words"] += 1
        return " ".join(shown(w) for w in rng.sample(words, n))

    def words_query(sentence: str | None = None) -> str:
        if sentence is not None:
            return words_from(sentence)
        r = rng.random()
        if r < 0.25:
            for _ in range(100):
                cands = [w for w in content_words(rng.choice(sentences)[1]) if pf[w.lower()] >= 2]
                if cands:
                    out.origins["one word"] += 1
                    return shown(rng.choice(cands))
        elif r < 0.35 and rare:
            out.origins["rare word"] += 1
            return rng.choice(rare)
        elif r < 0.45 and compounds:
            out.origins["compound"] += 1
            return rng.choice(compounds)
        return words_from(rng.choice(sentences)[1])

    def phrase_query() -> str | None:
        for _ in range(2000):
            tokens = rng.choice(sentences)[1].split()
            if len(tokens) < 3:
                continue
            n = rng.choice((2, 2, 3))
            start = rng.randrange(len(tokens) - n + 1)
            run = tokens[start:start + n]
            if all(WORD_RE.fullmatch(t) and len(t) >= 3 for t in run) and \
                    any(t.lower() not in _STOP and len(t) >= 5 for t in run):
                return '"' + " ".join(shown(t) for t in run) + '"'
        return None

    def replace(kind: str, by: str, why: str) -> None:
        out.notes.append(f"kind {kind} replaced by {by}: {why}")
        counts[by] = counts.get(by, 0) + counts.pop(kind)

    def no(groups: list[str]) -> str:
        return "the corpus has no " + " and no ".join(GROUP_LABELS[g] for g in groups)

    # -- replacements ---------------------------------------------------------------------
    if "facets" in counts and not have:
        replace("facets", "plain", no(GROUPS) + " to filter on")
    elif "facets" in counts and lacking:
        out.notes.append(f"facets: filters on {', '.join(have)} only; {no(lacking)}")
    if "browse" in counts and not inventory["area"]:
        others = [g for g in have if g != "area"]
        if others:
            out.notes.append(f"browse: by {', '.join(others)} instead of a priority area; {no(['area'])}")
        else:
            replace("browse", "highlight", no(GROUPS) + " to browse by")
    phrases: list[str] = []
    if "phrase" in counts:
        for _ in range(counts["phrase"]):
            p = phrase_query()
            if p is None:
                break
            phrases.append(p)
        if len(phrases) < counts["phrase"]:
            phrases = []
            replace("phrase", "plain", "no sentence of the corpus has a run of two or three words of letters")

    # -- the queries ----------------------------------------------------------------------
    qs: list[BenchQuery] = []
    qs += [BenchQuery("plain", words_query()) for _ in range(counts.get("plain", 0))]
    qs += [BenchQuery("phrase", p) for p in phrases]
    faceted = {g: set(inventory[g]) for g in have}
    with_facet = sorted(d for d in by_doc if any(d in faceted[g] for g in have))

    def add_filter(q: BenchQuery, group: str, m) -> None:
        if group == "municipality":
            q.municipalities.append(rng.choice(sorted(m.municipalities)))
        elif group == "year":
            q.years.append(int(m.year))
        elif group == "type":
            q.doc_types.append(m.doc_type)
        else:
            q.areas.append(rng.choice(sorted(m.areas)))

    for _ in range(counts.get("facets", 0)):
        if with_facet:  # words and filter values from the same document
            doc_id = rng.choice(with_facet)
            q = BenchQuery("facets", words_query(rng.choice(by_doc[doc_id])))
        else:  # no sampled passage is of a document with a facet: values from any document
            doc_id = rng.choice(sorted({d for g in have for d in inventory[g]}))
            q = BenchQuery("facets", words_query())
        m = docs[doc_id]
        own = [g for g in have if doc_id in faceted[g]]
        for group in rng.sample(own, min(len(own), rng.choice((1, 1, 2)))):
            add_filter(q, group, m)
        qs.append(q)
    qs += [BenchQuery("highlight", words_query()) for _ in range(counts.get("highlight", 0))]
    if counts.get("browse"):
        by = ["area"] if inventory["area"] else [g for g in have]
        pool = sorted({d for g in by for d in inventory[g]})
        for _ in range(counts["browse"]):
            m = docs[rng.choice(pool)]
            q = BenchQuery("browse", "")
            if inventory["area"]:
                add_filter(q, "area", m)
                if m.municipalities and rng.random() < 0.4:
                    add_filter(q, "municipality", m)
            else:
                own = [g for g in by if has_group(m, g)]
                add_filter(q, rng.choice(own), m)
            qs.append(q)
    rng.shuffle(qs)
    out.queries = qs
    out.counts = {k: sum(1 for q in qs if q.kind == k) for k in KIND_COUNTS if any(q.kind == k for q in qs)}
    return out
