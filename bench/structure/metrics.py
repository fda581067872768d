"""Metric functions of the structure benchmark: pure functions over a product
``Document`` (or anything with the same attributes) and a :class:`~bench.structure.gold.GoldDoc`.

§ items
    A predicted item matches the gold item with the same normalised number (``str()``,
    casefold, "§", spaces and a trailing "." removed: "KS § 3 a" -> "3a"); each gold item
    matches at most once, so a repeated predicted number is a false positive. Precision,
    recall and F1 per document; a document with no gold items and no predicted items
    counts as perfect (1.0), predicted items where the gold has none are false positives.
    Over a set, P/R/F1 are micro-averaged (summed matches and counts); the mean of the
    per-document F1 is shown beside it. Among matched items: title and Dnr exact after
    :func:`norm_text` (gold None and predicted None is right for the Dnr), has_decision
    (``decision is not None``), first and last page (``page_start``/``page_end``).

Metadata
    doc_type exact; municipality: the set of predicted names equals the gold set,
    case-insensitively — exactly [gold] for a single issuer, both for a joint document,
    [] for an agency (gold null); organisation and body: :func:`norm_text` equality, None
    equals None (``organisation`` is read with getattr, None when the product lacks it);
    date exact ISO; title keywords strict = every gold keyword occurs in the title
    (case-insensitive substring, so "penningpolitisk" finds "Penningpolitiskt"), lenient
    = at least one; title_any exact (informational) = the normalised title equals one
    of the acceptable titles.

Clean passages (counts of passages; kind "toc" passages are left out of the TOC count only)
    (a) running header/footer: the passage holds a gold ``repeated_lines`` entry, where
        "N" stands for a page number: ``\\d+`` not followed by a digit, "." "," or "/"
        (so "Stadsstyrelsen N" does not take "Stadsstyrelsen 26.9.2022"), except where
        the gold line itself continues with that character ("N/19" matches "3/19").
        On page 1, a passage that is part of the document's title is not counted: a guide
        titled "Samsynsguiden – …" whose running header is "Samsynsguiden" shows its title there.
    (b) signature/justification: the passage holds a gold ``boilerplate`` phrase (passages
        the product marked as contents entries are left out: an entry that names the appeal
        instructions is a contents line, not the instructions).
    Phrase rule for (a) and (b): whole words, case-insensitive, whitespace-normalised. A
    phrase of three words or more counts anywhere in the passage. A phrase of one or two
    words ("Kommunstyrelsen", "Datum", "ordförande", "Sveriges Riksbank" are ordinary
    words too) counts only when the passage has at most 12 words and the phrase is at its
    start or its end (punctuation aside) where a signature or letterhead would put it:
    at the start, followed by nothing or by a capitalised word, a number or a leader
    ("HÖGSBY KOMMUN PROTOKOLL 2", not "Högsby kommun är positiv till …"); at the end,
    preceded by nothing or by a capitalised word ("SIW FROSTDAHL-BLOMQVIST ordförande",
    not "… väljs en ordförande,") — or when the match makes up at least half of the
    passage's characters. A phrase that ends with a colon is a caption ("Stadsstyrelsens
    beslut:"): it counts only where the passage is the caption alone (an empty heading),
    not where the caption introduces text. ``--verbose`` lists every matched passage per phrase.
    (c) TOC line: a dot leader anywhere (four or more dots, or two or more ellipses,
        followed by a page number), or, on a gold ``toc_pages`` page, a contents entry
        (after the running header/footer lines are cut out of the passage): the passage
        ends in a 1–3 digit page number that follows a word and has no other digits (an
        address such as "Topeliusesplanaden 7" after a date is not an entry), or it starts (optionally
        after a contents heading such as "Innehåll", "Paragrafer", "Ärenden") with an item
        reference "§ N Title" / "N § Title".
    (d) crossing a page: the passage's word tokens (casefolded runs of letters and
        digits, so a heading joined with ": " adds no token) are not all among the tokens
        of ``doc.pages[page-1].text`` (tokens of the page also include the two halves of
        a word hyphenated at a line end joined together, and soft hyphens are dropped),
        and every missing token is found on the page before or after. The running header/
        footer lines a passage was counted for under (a) are cut out first (furniture the
        page text may have dropped; it repeats on the neighbours), so one leak is not
        counted twice. Passages whose missing tokens are on neither neighbour are counted
        apart as "unexplained".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from .gold import GoldDoc, GoldItem, is_known

# -- normalisation --------------------------------------------------------------------------

_TRAIL_PUNCT = re.compile(r"[\s.,:;!?…\-–—]+$")
_TOKEN = re.compile(r"[^\W_]+")


def norm_ws(text: str | None) -> str:
    return " ".join((text or "").split())


def norm_text(text: str | None) -> str | None:
    """Casefold, whitespace collapsed, trailing punctuation stripped; None stays None."""
    if text is None:
        return None
    return _TRAIL_PUNCT.sub("", norm_ws(str(text)).casefold())


def norm_number(number: Any) -> str:
    s = str(number).casefold().replace("§", "")
    return re.sub(r"\s+", "", s).rstrip(".")


def tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.replace("\u00ad", "").casefold()))


def page_tokens(text: str) -> set[str]:
    """Tokens of a page, plus words hyphenated at a line end joined, so a passage with the
    rejoined word is not taken for text from elsewhere."""
    text = text.replace("\u00ad", "")
    out = tokens(text)
    for m in re.finditer(r"([^\W_]+)[-‐]\s*\n\s*([^\W_]+)", text):
        out.add((m.group(1) + m.group(2)).casefold())
    return out


def word_count(text: str) -> int:
    return len(text.split())


# -- § items ----------------------------------------------------------------------------------

@dataclass
class FieldTally:
    right: int = 0
    measured: int = 0

    def add(self, ok: bool) -> None:
        self.measured += 1
        self.right += bool(ok)

    def merge(self, other: "FieldTally") -> None:
        self.right += other.right
        self.measured += other.measured

    @property
    def rate(self) -> float | None:
        return self.right / self.measured if self.measured else None


ITEM_FIELDS = ("title", "dnr", "has_decision", "first_page", "last_page")


@dataclass
class ItemScore:
    n_gold: int = 0
    n_pred: int = 0
    tp: int = 0
    missing: list[str] = field(default_factory=list)   # gold numbers not predicted
    extra: list[str] = field(default_factory=list)     # predicted numbers not in the gold (repeats included)
    fields: dict[str, FieldTally] = field(default_factory=lambda: {f: FieldTally() for f in ITEM_FIELDS})
    mismatches: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # (number, field, predicted, gold)

    @property
    def precision(self) -> float:
        if self.n_pred == 0:
            return 1.0 if self.n_gold == 0 else 0.0
        return self.tp / self.n_pred

    @property
    def recall(self) -> float:
        if self.n_gold == 0:
            return 1.0 if self.n_pred == 0 else 0.0
        return self.tp / self.n_gold

    @property
    def f1(self) -> float:
        if self.n_gold == 0 and self.n_pred == 0:
            return 1.0   # nothing to find and nothing found: perfect by convention
        return f1(self.tp, self.n_pred, self.n_gold)


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    if n_pred == 0 and n_gold == 0:
        return 1.0
    denom = n_pred + n_gold
    return 2.0 * tp / denom if denom else 0.0


def predicted_item(it: Any) -> dict[str, Any]:
    return {
        "number": norm_number(getattr(it, "number", "")),
        "title": getattr(it, "title", None),
        "dnr": getattr(it, "dnr", None),
        "has_decision": getattr(it, "decision", None) is not None,
        "first_page": getattr(it, "page_start", None),
        "last_page": getattr(it, "page_end", None),
    }


def _same(field_name: str, pred: Any, gold: Any) -> bool:
    if field_name in ("title", "dnr"):
        return same_optional_text(pred, gold)
    if field_name in ("first_page", "last_page"):
        try:
            return pred is not None and int(pred) == int(gold)
        except (TypeError, ValueError):
            return False
    return bool(pred) == bool(gold)


def score_items(gold_items: list[GoldItem], pred_items: Iterable[Any]) -> ItemScore:
    s = ItemScore()
    gold_by_nr: dict[str, GoldItem] = {}
    for g in gold_items:
        gold_by_nr.setdefault(norm_number(g.number), g)
    s.n_gold = len(gold_by_nr)
    matched: set[str] = set()
    for it in pred_items:
        p = predicted_item(it)
        s.n_pred += 1
        nr = p["number"]
        g = gold_by_nr.get(nr)
        if g is None or nr in matched:
            s.extra.append(nr)
            continue
        matched.add(nr)
        s.tp += 1
        for f in ITEM_FIELDS:
            gv = getattr(g, f)
            if not is_known(gv):
                continue
            ok = _same(f, p[f], gv)
            s.fields[f].add(ok)
            if not ok:
                s.mismatches.append((g.number, f, p[f], gv))
    s.missing = [g.number for nr, g in gold_by_nr.items() if nr not in matched]
    return s


# -- metadata ---------------------------------------------------------------------------------

META_FIELDS = ("doc_type", "municipality", "organisation", "body", "date", "title_kw_strict",
               "title_kw_lenient", "title_any")


def same_municipality(pred: Iterable[str] | None, gold: tuple[str, ...]) -> bool:
    p = {norm_ws(x).casefold() for x in (pred or [])}
    g = {norm_ws(x).casefold() for x in gold}
    return p == g


def same_optional_text(pred: str | None, gold: str | None) -> bool:
    if pred is not None and not norm_ws(pred):
        pred = None   # an empty string says no more than None
    return norm_text(pred) == norm_text(gold)


def title_keywords_found(title: str | None, keywords: list[str]) -> tuple[bool, bool]:
    """(strict: all keywords in the title, lenient: at least one)."""
    t = norm_ws(title).casefold()
    found = [norm_ws(k).casefold() in t for k in keywords]
    return all(found), any(found)


def title_matches_any(title: str | None, titles: list[str]) -> bool:
    return norm_text(title) in {norm_text(x) for x in titles}


@dataclass
class MetaResult:
    field: str
    ok: bool
    predicted: Any
    gold: Any


def score_metadata(doc: Any, gold: GoldDoc) -> dict[str, MetaResult]:
    out: dict[str, MetaResult] = {}
    if is_known(gold.doc_type):
        out["doc_type"] = MetaResult("doc_type", getattr(doc, "doc_type", None) == gold.doc_type,
                                     getattr(doc, "doc_type", None), gold.doc_type)
    if is_known(gold.municipality):
        pred = list(getattr(doc, "municipalities", None) or [])
        out["municipality"] = MetaResult("municipality", same_municipality(pred, gold.municipality), pred,
                                         list(gold.municipality))
    if is_known(gold.organisation):
        pred = getattr(doc, "organisation", None)
        out["organisation"] = MetaResult("organisation", same_optional_text(pred, gold.organisation), pred,
                                         gold.organisation)
    if is_known(gold.body):
        pred = getattr(doc, "body", None)
        out["body"] = MetaResult("body", same_optional_text(pred, gold.body), pred, gold.body)
    if is_known(gold.date):
        pred = getattr(doc, "date", None)
        out["date"] = MetaResult("date", pred == gold.date, pred, gold.date)
    title = getattr(doc, "title", None)
    if is_known(gold.title_keywords) and gold.title_keywords:
        strict, lenient = title_keywords_found(title, gold.title_keywords)
        out["title_kw_strict"] = MetaResult("title_kw_strict", strict, title, list(gold.title_keywords))
        out["title_kw_lenient"] = MetaResult("title_kw_lenient", lenient, title, list(gold.title_keywords))
    if is_known(gold.title_any) and gold.title_any:
        out["title_any"] = MetaResult("title_any", title_matches_any(title, gold.title_any), title,
                                      list(gold.title_any))
    return out


# -- phrases (running headers/footers, boilerplate) ----------------------------------------------

_PLACEHOLDER = re.compile(r"(?<![^\W\d_])N(?![^\W\d_])")


def phrase_regex(phrase: str, numbered: bool) -> re.Pattern[str]:
    """Regex for a gold phrase over casefolded, whitespace-normalised text. With
    ``numbered`` a standalone capital N is a page number."""
    phrase = norm_ws(phrase)
    parts = _PLACEHOLDER.split(phrase) if numbered else [phrase]
    out: list[str] = []
    for i, lit in enumerate(parts):
        if i > 0:
            nxt = lit[:1]
            # The number must end where the page number ends, unless the gold line itself
            # goes on with ".", "," or "/" ("N/19").
            out.append(r"(?<!\d)\d+(?!\d)" if nxt and nxt in ".,/" else r"(?<!\d)\d+(?![\d.,/])")
        out.append(r"\s+".join(re.escape(w.casefold()) for w in lit.split(" ")) if lit.strip() else
                   (r"\s+" if lit else ""))
    body = "".join(out)
    # Whole words at the edges: only where the phrase starts/ends with a word character.
    if re.match(r"\w", phrase):
        body = r"(?<!\w)" + body
    if re.search(r"\w$", phrase):
        body = body + r"(?!\w)"
    return re.compile(body)


@dataclass
class PhraseHit:
    phrase: str
    seq: int
    page: int
    text: str


class PhraseSet:
    def __init__(self, phrases: Iterable[str], numbered: bool) -> None:
        self.items = [(p, phrase_regex(p, numbered), word_count(norm_ws(p))) for p in phrases if norm_ws(p)]

    def hits(self, text: str) -> list[str]:
        """The phrases this passage holds under the phrase rule."""
        orig = norm_ws(text)
        t = orig.casefold()
        if len(orig) != len(t):
            orig = t   # casefolding changed the length: no capitalisation to go by
        n_words = word_count(t)
        out = []
        for phrase, rx, n in self.items:
            caption = phrase.rstrip().endswith(":")
            for m in rx.finditer(t):
                if caption:
                    if re.fullmatch(r"[\W_]*", t[:m.start()] + t[m.end():]):
                        out.append(phrase)
                        break
                    continue
                if n >= 3 or _short_phrase_counts(t, m, n_words, orig):
                    out.append(phrase)
                    break
        return out

    def cut(self, text: str, only: Iterable[str] | None = None) -> str:
        """The passage (casefolded) with the phrases removed: all of them, or ``only`` these."""
        keep = set(only) if only is not None else None
        t = norm_ws(text).casefold()
        for phrase, rx, _n in self.items:
            if keep is None or phrase in keep:
                t = rx.sub(" ", t)
        return norm_ws(t)


def _short_phrase_counts(t: str, m: re.Match[str], n_words: int, orig: str | None = None) -> bool:
    orig = orig if orig is not None else t
    if n_words <= 12:
        at_start = re.fullmatch(r"[\W_]*", t[:m.start()]) is not None
        at_end = re.fullmatch(r"[\W_]*", t[m.end():]) is not None
        after = orig[m.end():].lstrip(" ,;:")
        before = orig[:m.start()].rstrip(" ,;:")
        next_ok = not after or not after[0].isalpha() or after[0].isupper()
        prev_word = before.split(" ")[-1] if before else ""
        prev_ok = not prev_word or not prev_word[0].isalpha() or prev_word[0].isupper()
        if (at_start and next_ok) or (at_end and prev_ok):
            return True
    compact = len(re.sub(r"\s", "", t))
    return compact > 0 and len(re.sub(r"\s", "", m.group())) * 2 >= compact


def short_phrase_counts(passage: str, phrase: str, numbered: bool = False) -> bool:
    """True when ``phrase`` counts in ``passage`` under the phrase rule (test helper and API)."""
    return bool(PhraseSet([phrase], numbered).hits(passage))


# -- TOC lines --------------------------------------------------------------------------------

DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}(?!\d)|(?:…\s?){2,}\s*\d{1,4}(?!\d)")
_ENTRY_END = re.compile(r"(?:^|\s)[^\W\d_][^\s]*\s+\d{1,3}$")
_ENTRY_START = re.compile(
    r"^(?:(?:innehåll(?:sförteckning)?|paragrafer|ärendelista|ärenden|dagordning|föredragningslista)\b[^§\d]{0,60}?)?"
    r"(?:§§?\s*\d{1,4}\s?[a-z]?|\d{1,4}\s?[a-z]?\s*§)\s+[^\W\d_]")


def is_toc_line(text: str, on_toc_page: bool, furniture: PhraseSet | None = None) -> bool:
    t = norm_ws(text)
    if DOT_LEADER.search(t):
        return True
    if not on_toc_page:
        return False
    cut = furniture.cut(t) if furniture is not None else t.casefold()
    cut = cut.rstrip(" .")
    ends_in_page = bool(_ENTRY_END.search(cut)) and not re.search(r"\d", cut[:_ENTRY_END.search(cut).start()] + " "
                                                                  + " ".join(cut.split()[-2:-1]))
    return bool(ends_in_page or _ENTRY_START.search(cut.casefold()))


# -- page crossing ----------------------------------------------------------------------------

def crossing_status(passage_text: str, page: int, page_token_sets: dict[int, set[str]]) -> tuple[str, list[str]]:
    """("ok" | "crossing" | "unexplained" | "bad_page", missing tokens)."""
    own = page_token_sets.get(page)
    if own is None:
        return "bad_page", []
    missing = sorted(tokens(passage_text) - own)
    if not missing:
        return "ok", []
    around = page_token_sets.get(page - 1, set()) | page_token_sets.get(page + 1, set())
    if all(t in around for t in missing):
        return "crossing", missing
    return "unexplained", missing


def page_token_map(pages: Iterable[Any]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for i, p in enumerate(pages):
        number = getattr(p, "number", None) or i + 1
        out[int(number)] = page_tokens(getattr(p, "text", "") or "")
    return out


@dataclass
class CleanResult:
    header: int | None = 0          # None = not measured (no gold repeated_lines)
    signature: int | None = 0
    toc: int = 0
    crossing: int = 0
    unexplained: int = 0
    bad_page: int = 0
    passages: int = 0
    header_hits: list[PhraseHit] = field(default_factory=list)
    signature_hits: list[PhraseHit] = field(default_factory=list)
    toc_hits: list[PhraseHit] = field(default_factory=list)
    crossing_hits: list[tuple[int, int, list[str], str]] = field(default_factory=list)  # seq, page, tokens, text
    unexplained_hits: list[tuple[int, int, list[str], str]] = field(default_factory=list)


def _part_of_title(text: str, title: str | None) -> bool:
    t = norm_text(text) or ""
    return bool(title) and len(t) >= 4 and t in (norm_text(title) or "")


def score_passages(doc: Any, gold: GoldDoc) -> CleanResult:
    passages = list(getattr(doc, "passages", None) or [])
    res = CleanResult(passages=len(passages))
    rep = PhraseSet(gold.repeated_lines, numbered=True) if is_known(gold.repeated_lines) else None
    boil = PhraseSet(gold.boilerplate, numbered=False) if is_known(gold.boilerplate) else None
    if rep is None:
        res.header = None
    if boil is None:
        res.signature = None
    toc_pages = set(gold.toc_pages) if is_known(gold.toc_pages) else set()
    ptoks = page_token_map(getattr(doc, "pages", None) or [])
    for p in passages:
        text = getattr(p, "text", "") or ""
        page = getattr(p, "page", None)
        seq = getattr(p, "seq", -1)
        cross_text = text
        if rep is not None:
            hits = rep.hits(text)
            if hits and page == 1 and _part_of_title(text, getattr(doc, "title", None)):
                hits = []   # the document's own title on its first page, which the running header repeats
            if hits:
                res.header += 1
                res.header_hits += [PhraseHit(h, seq, page, text) for h in hits]
                # A running header is furniture the page text may have lost, and it repeats on
                # the neighbouring pages: counted once, as a header, not again as a crossing.
                cross_text = rep.cut(text, only=hits)
        if boil is not None and getattr(p, "kind", "text") != "toc":
            # A contents entry that names a section ("Anvisning för begäran om omprövning
            # … 22") is a contents line, measured under (c), not a signature block.
            hits = boil.hits(text)
            if hits:
                res.signature += 1
                res.signature_hits += [PhraseHit(h, seq, page, text) for h in hits]
        if getattr(p, "kind", "text") != "toc" and is_toc_line(text, page in toc_pages, rep):
            res.toc += 1
            res.toc_hits.append(PhraseHit("dot leader" if DOT_LEADER.search(norm_ws(text)) else "contents entry",
                                          seq, page, text))
        status, missing = crossing_status(cross_text, page, ptoks) if isinstance(page, int) else ("bad_page", [])
        if status == "crossing":
            res.crossing += 1
            res.crossing_hits.append((seq, page, missing, text))
        elif status == "unexplained":
            res.unexplained += 1
            res.unexplained_hits.append((seq, page, missing, text))
        elif status == "bad_page":
            res.bad_page += 1
    return res


# -- page quality (informational) ----------------------------------------------------------------

def low_quality_pages(doc: Any) -> tuple[list[int], list[int], float | None]:
    """(pages flagged low_quality, pages read with OCR, lowest quality score)."""
    low, ocr, q = [], [], []
    for i, p in enumerate(getattr(doc, "pages", None) or []):
        n = getattr(p, "number", i + 1)
        if getattr(p, "low_quality", False):
            low.append(n)
        if getattr(p, "ocr", False):
            ocr.append(n)
        if isinstance(getattr(p, "quality", None), (int, float)):
            q.append(float(p.quality))
    return low, ocr, (min(q) if q else None)


def page_ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] -> "3-5, 9"."""
    if not numbers:
        return "–"
    nums = sorted(set(numbers))
    out, start, prev = [], nums[0], nums[0]
    for n in nums[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}-{prev}" if prev != start else f"{start}")
        if n is not None:
            start = prev = n
    return ", ".join(out)
