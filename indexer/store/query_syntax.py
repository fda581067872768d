"""What a person types into the search box, turned into index terms and filters.

Supported (documented on the UI's help page):
- words: all must occur (AND) in a short query; in a longer one (a question)
  most of them (see ``min_should_match``), question words and stop words not
  counted; inflections and compound parts count;
- "a phrase", -exclusion, OR between words, parentheses (operators in capitals:
  AND OR NOT OCH ELLER INTE);
- field prefixes: titel:, typ:, kommun:, område:, organ:, datum:2022 / 2022-06 /
  2022-06-07 / 2021..2023 / ..2023 / 2023..;
- abbreviations and synonyms from indexer/data/synonyms.toml;
- a compound query word also matches its parts written apart ("bostadsbyggande"
  finds "bygga bostäder").

The output is query text for Whoosh's parser plus filters for SearchRequest.
"""
from __future__ import annotations

import calendar
import math
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol
from pathlib import Path

from .. import analysis
from ..areas import get_area
from ..folding import fold as _fold
from ..models import DOC_TYPES, normalise_doc_type
from ..organisations import municipality_named
from ..vocabulary import QUESTION_FILLERS, QUESTION_WORDS
from .base import QueryError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
PREFIXES = {"titel": "title", "title": "title", "typ": "type", "kommun": "municipality",
            "område": "area", "omrade": "area", "organ": "body", "datum": "date", "år": "date", "ar": "date"}
OPERATORS = {"AND", "OR", "NOT", "OCH", "ELLER", "INTE"}
_TOKEN_RE = re.compile(
    r'(?P<prefix>(?P<neg>-?)(?P<key>[^\W\d_]+):(?P<value>"[^"]*"?|[^\s()"]*))'
    r'|(?P<phrase>-?"[^"]*"?)'
    r'|(?P<paren>[()])'
    r'|(?P<word>[^\s()"]+)'
)
_DERIVATIONS = (("ande", "a"), ("ende", ""), ("ering", "era"), ("ning", "a"))

#: A query of at most this many content words (words that are neither stop words
#: nor question words) needs every one of them in a document: short queries are
#: keywords a person chose on purpose, and a search for three words that shows
#: documents with two would throw their choice away.
ALL_WORDS_UP_TO = 3
#: A longer query (a question typed into the search box, "Hur många bostäder
#: planeras i Sävast enligt detaljplanen?") needs this share of its content
#: words, rounded down: one word in four may be missing. A question carries words
#: about the asking and paraphrases that the document it is about words
#: differently ("planeras" / "byggs"); requiring all of them dropped the
#: relevant document whenever one such word was absent. A quarter is the
#: tolerance of the usual "most words" settings of Lucene-based engines (75 %),
#: and with rounding down it joins the short-query rule without a step back:
#: 3 words need 3, 4 words need 3, 5 need 3, 6 need 4, 8 need 6, 12 need 9.
#: Documents with more of the words still rank above those with fewer.
MOST_WORDS_SHARE = 0.75


def min_should_match(content_words: int) -> int:
    """How many of a query's content words a document must contain."""
    if content_words <= ALL_WORDS_UP_TO:
        return content_words
    return max(ALL_WORDS_UP_TO, math.floor(MOST_WORDS_SHARE * content_words))


class SynonymConfigError(ValueError):
    pass


@dataclass
class UserQuery:
    text: str                                   # for Whoosh's parser (body and title)
    title_text: str = ""                        # titel: words, title field only
    words: list[str] = field(default_factory=list)  # the bare words as typed (for suggestions)
    # Bare words outside operators and parentheses, as Whoosh query text (each
    # also in ``text``): content words count towards min_should_match, question
    # words (indexer.vocabulary.QUESTION_WORDS) only rank. Stop words may be in
    # ``content`` but the analyzer leaves nothing of them.
    content: list[str] = field(default_factory=list)
    question: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None


@dataclass(frozen=True)
class Synonyms:
    abbreviations: dict[str, tuple[str, ...]]   # folded lowercase key -> expansions
    groups: dict[str, tuple[str, ...]]          # lemma -> other members of its group


def synonyms_file() -> Path:
    from ..config import env_path
    return env_path("SEARCH_SYNONYMS_FILE", DATA_DIR / "synonyms.toml")


@lru_cache(maxsize=4)
def load_synonyms(path: Path | None = None) -> Synonyms:
    path = path or synonyms_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SynonymConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SynonymConfigError(f"{path}: not valid TOML: {exc}") from exc
    abbreviations: dict[str, tuple[str, ...]] = {}
    for key, value in (data.get("forkortningar") or {}).items():
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise SynonymConfigError(f"{path}: förkortningen {key!r} ska ha en lista med text, t.ex. {key} = [\"…\"]")
        abbreviations[_fold(key)] = tuple(v.strip() for v in value)
    groups: dict[str, tuple[str, ...]] = {}
    for i, group in enumerate((data.get("synonymer") or {}).get("grupper", []), 1):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) and w.strip() for w in group):
            raise SynonymConfigError(f"{path}: synonymgrupp {i} ska vara en lista med minst två ord")
        words = [w.strip() for w in group]
        for w in words:
            key = analysis.lemma(w) if " " not in w else w.lower()
            others = tuple(o for o in words if o != w)
            groups[key] = tuple(dict.fromkeys(groups.get(key, ()) + others))
    return Synonyms(abbreviations, groups)


def _quote(term: str) -> str:
    return f'"{term}"' if " " in term else term


#: Weight of a compound's parts written apart, and of a word with its å/ä/ö
#: restored, relative to the word as typed: such matches rank below exact ones.
PARTS_BOOST = 0.5
RESTORED_BOOST = 0.5
FOLDED_BOOST = 0.3


class Vocabulary(Protocol):
    """What the index knows of words, for query rewriting."""

    def frequency(self, word: str) -> int: ...
    def restore_diacritics(self, word: str) -> str | None: ...


def _expand_word(word: str, synonyms: Synonyms, vocabulary: Vocabulary | None) -> str:
    """One bare query word as Whoosh query text, with its alternatives ORed in."""
    if not re.search(r"[^\W\d_]", word) or word.startswith(("-", "+")) or "*" in word:
        return word
    alternatives: list[str] = []
    if vocabulary is not None and _fold(word) == word.lower():
        restored = vocabulary.restore_diacritics(word)
        # "lulea" occurs (in web addresses) but "luleå" is what was meant.
        if restored and vocabulary.frequency(restored) > vocabulary.frequency(word):
            # "avsiktsforklaring" typed without å/ä/ö: search the real word too, so
            # inflections and compound parts work, but below literal matches.
            alternatives.append(f"{_expand_word(restored, synonyms, None)}^{RESTORED_BOOST}")
        # The diacritic-insensitive field, as the last resort and ranked lowest.
        if restored or not vocabulary.frequency(word):
            alternatives.append(f"text_folded:{_fold(word)}^{FOLDED_BOOST}")
    alternatives += synonyms.abbreviations.get(_fold(word), ())
    lem = analysis.lemma(word)
    alternatives += synonyms.groups.get(lem, ())
    parts = analysis.split_compound(word)
    if len(parts) >= 2:
        # The same idea written apart: "bostadsbyggande" ~ "bygga bostäder".
        alternatives.append("(" + " ".join(_part_alternatives(p) for p in parts) + f")^{PARTS_BOOST}")
    if not alternatives:
        return word
    alts = [a if a.startswith(("(", "text_folded:")) or a.endswith(f"^{RESTORED_BOOST}") else _quote(a)
            for a in dict.fromkeys(alternatives)]
    return "(" + " OR ".join([word] + alts) + ")"


def _part_alternatives(part: str) -> str:
    # Verbal nouns match their verb: byggande ~ bygga, planering ~ planera.
    for suffix, repl in _DERIVATIONS:
        if part.endswith(suffix) and len(part) > len(suffix) + 2:
            return f"({part} OR {part[: -len(suffix)] + repl})"
    return part


def _date_bounds(value: str) -> tuple[str | None, str | None]:
    def bound(text: str, end: bool) -> str:
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
        if not m:
            raise QueryError(f"datum: förstår inte {text!r}; skriv t.ex. datum:2022, datum:2022-06 eller datum:2021..2023")
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if mo is None:
            return f"{y:04d}-12-31" if end else f"{y:04d}-01-01"
        mo_i = int(mo)
        if not 1 <= mo_i <= 12:
            raise QueryError(f"datum: månaden i {text!r} finns inte")
        if d is None:
            last = calendar.monthrange(y, mo_i)[1]
            return f"{y:04d}-{mo_i:02d}-{last if end else 1:02d}"
        d_i = int(d)
        if not 1 <= d_i <= calendar.monthrange(y, mo_i)[1]:
            raise QueryError(f"datum: dagen i {text!r} finns inte")
        return f"{y:04d}-{mo_i:02d}-{d_i:02d}"

    if ".." in value:
        lo, hi = value.split("..", 1)
        start = bound(lo, False) if lo else None
        end = bound(hi, True) if hi else None
        if start is None and end is None:
            raise QueryError("datum: ange minst ett år, t.ex. datum:2021..2023")
        return start, end
    return bound(value, False), bound(value, True)


def _filter_value(kind: str, value: str) -> str:
    if kind == "type":
        doc_type = normalise_doc_type(value)
        if doc_type is None:
            raise QueryError(f"typ: okänd dokumenttyp {value!r}; välj {', '.join(DOC_TYPES)}")
        return doc_type
    if kind == "municipality":
        name = municipality_named(value)
        if name is None:
            raise QueryError(f"kommun: okänd kommun {value!r}; skriv kommunens namn, t.ex. kommun:Luleå")
        return name
    if kind == "area":
        area = get_area(value) or get_area(value.replace("-", " "))
        if area is None:
            raise QueryError(f"område: okänt prioriterat område {value!r}")
        return area.id
    return value.lower()  # body


def parse_user_query(raw: str, synonyms: Synonyms | None = None,
                     vocabulary: Vocabulary | None = None) -> UserQuery:
    """`vocabulary` lets words typed without å/ä/ö reach the index's spelling."""
    synonyms = synonyms or load_synonyms()
    out: list[str] = []
    title: list[str] = []
    uq = UserQuery(text="")
    depth = 0
    bare: list[tuple[int, str, int]] = []  # (index in out, the word, parenthesis depth)
    for m in _TOKEN_RE.finditer(raw):
        if m.group("prefix"):
            key = m.group("key").lower()
            kind = PREFIXES.get(key)
            value = m.group("value").strip('"').strip()
            if kind is None:
                # Not a field we know ("kl:13", "Dnr:2022/0456"): search it as text.
                out.append(_quote_plain(m.group(0)))
                continue
            if not value:
                raise QueryError(f"{key}: saknar värde; skriv t.ex. {key}:…")
            if m.group("neg") and kind != "title":
                raise QueryError(f"-{key}: går inte att utesluta; använd filtren i stället")
            if kind == "title":
                phrase = f'"{value}"' if " " in value else value
                title.append(("-" if m.group("neg") else "") + phrase)
            elif kind == "date":
                uq.date_from, uq.date_to = _date_bounds(value)
            else:
                target = {"type": uq.doc_types, "municipality": uq.municipalities, "area": uq.areas,
                          "body": uq.bodies}[kind]
                target.append(_filter_value(kind, value))
        elif m.group("phrase"):
            phrase = m.group("phrase")
            out.append(phrase if phrase.rstrip().endswith('"') and len(phrase.strip('-')) > 1 else phrase + '"')
        elif m.group("paren"):
            out.append(m.group("paren"))
            depth = max(0, depth + (1 if m.group("paren") == "(" else -1))
        else:
            # Sentence punctuation is not query syntax ("…covidbevis?" is no wildcard).
            word = m.group("word").strip("?!.,;:")
            if not word:
                continue
            # Operators only in capitals: "inte", "eller", "och" in a question
            # ("Varför byggs inte dubbelspåret?") are words, not NOT/OR/AND.
            if word in OPERATORS:
                out.append({"OCH": "AND", "ELLER": "OR", "INTE": "NOT"}.get(word, word))
                continue
            if not word.startswith("-"):
                uq.words.append(word)
                if not word.startswith("+"):
                    bare.append((len(out), word, depth))
            out.append(_expand_word(word, synonyms, vocabulary))
    # In a question ("Vad heter ordföranden …?") the fillers only shape it; in a
    # keyword query ("rum skola") they are what is looked for.
    asked = bool(bare) and (bare[0][1].lower() in QUESTION_WORDS or raw.rstrip().endswith("?"))
    for i, word, at_depth in bare:
        # A word inside parentheses or next to an operator belongs to that
        # expression, which keeps its meaning (required as a whole).
        neighbours = {out[i - 1] if i > 0 else "", out[i + 1] if i + 1 < len(out) else ""}
        if at_depth or neighbours & {"AND", "OR", "NOT"}:
            continue
        low = word.lower()
        only_shapes = low in QUESTION_WORDS or (asked and low in QUESTION_FILLERS)
        (uq.question if only_shapes else uq.content).append(out[i])
    uq.text = " ".join(out).strip()
    uq.title_text = " ".join(title)
    return uq


def _quote_plain(text: str) -> str:
    return '"' + text.replace('"', "") + '"'
