"""What a person types into the search box, turned into index terms and filters.

Supported (documented on the UI's help page):
- words: all must occur (AND) in a short query; in a longer one (a question)
  most of them (see ``min_should_match``), question words and stop words not
  counted; inflections and compound parts count;
- "a phrase", -exclusion, OR between words, parentheses (operators in capitals:
  AND OR NOT OCH ELLER INTE);
- field prefixes: titel:, typ:, kommun:, område:, organ:, person:"Carina Sammeli",
  parti:S, datum:2022 / 2022-06 / 2022-06-07 / 2021..2023 / ..2023 / 2023..;
- abbreviations and synonyms from indexer/data/synonyms.toml;
- a compound query word also matches its parts written apart ("bostadsbyggande"
  finds "bygga bostäder").

The output is a query tree (query.py) with each clause's role, plus the
filters typed in it; no engine's syntax.
"""
from __future__ import annotations

import calendar
import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol
from pathlib import Path

from .. import analysis
from ..areas import get_area
from ..folding import drop_invisible, fold as _fold
from ..models import DOC_TYPES, normalise_doc_type
from ..names import display_name, party_named
from ..organisations import municipality_named
from ..vocabulary import QUESTION_FILLERS, QUESTION_WORDS
from .query import FOLDED, TITLE, AllOf, AnyOf, Node, Not, Phrase, Term, UserQuery, weighted
from .results import QueryError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
PREFIXES = {"titel": "title", "title": "title", "typ": "type", "kommun": "municipality",
            "område": "area", "omrade": "area", "organ": "body", "datum": "date", "år": "date", "ar": "date",
            "person": "person", "parti": "party"}
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


#: Weight of a compound's parts written apart, and of a word with its å/ä/ö
#: restored, relative to the word as typed: such matches rank below exact ones.
PARTS_BOOST = 0.5
RESTORED_BOOST = 0.5
FOLDED_BOOST = 0.3


class Vocabulary(Protocol):
    """What the index knows of words, for query rewriting."""

    def frequency(self, word: str) -> int: ...
    def restore_diacritics(self, word: str) -> str | None: ...


def _alternative(text: str) -> Node:
    """An abbreviation's expansion or a synonym: a word, or a phrase when it has spaces."""
    return Phrase(tuple(text.split())) if " " in text else Term(text)


def _expand_word(word: str, synonyms: Synonyms, vocabulary: Vocabulary | None) -> Node:
    """One bare query word with its alternatives (any of them matches)."""
    if not re.search(r"[^\W\d_]", word) or "*" in word:
        return Term(word)
    alternatives: list[Node] = []
    if vocabulary is not None and _fold(word) == word.lower():
        restored = vocabulary.restore_diacritics(word)
        # "lulea" occurs (in web addresses) but "luleå" is what was meant.
        if restored and vocabulary.frequency(restored) > vocabulary.frequency(word):
            # "avsiktsforklaring" typed without å/ä/ö: search the real word too, so
            # inflections and compound parts work, but below literal matches.
            alternatives.append(weighted(_expand_word(restored, synonyms, None), RESTORED_BOOST))
        # The diacritic-insensitive field, as the last resort and ranked lowest.
        if restored or not vocabulary.frequency(word):
            alternatives.append(Term(_fold(word), FOLDED, FOLDED_BOOST))
    alternatives += [_alternative(a) for a in synonyms.abbreviations.get(_fold(word), ())]
    lem = analysis.lemma(word)
    alternatives += [_alternative(a) for a in synonyms.groups.get(lem, ())]
    parts = analysis.split_compound(word)
    if len(parts) >= 2:
        # The same idea written apart: "bostadsbyggande" ~ "bygga bostäder".
        alternatives.append(AllOf(tuple(_part_alternatives(p) for p in parts), PARTS_BOOST))
    if not alternatives:
        return Term(word)
    return AnyOf(tuple(dict.fromkeys([Term(word)] + alternatives)))


def _part_alternatives(part: str) -> Node:
    # Verbal nouns match their verb: byggande ~ bygga, planering ~ planera.
    for suffix, repl in _DERIVATIONS:
        if part.endswith(suffix) and len(part) > len(suffix) + 2:
            return AnyOf((Term(part), Term(part[: -len(suffix)] + repl)))
    return Term(part)


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
    if kind == "person":
        return display_name(value)
    if kind == "party":
        party = party_named(value)
        if party is None:
            raise QueryError(f"parti: okänt parti {value!r}; skriv partiets förkortning, t.ex. parti:S")
        return party
    return value.lower()  # body


@dataclass
class _Token:
    kind: str                 # "node", "op" (AND OR NOT), "open", "close", "minus" (a lone -)
    node: Node | None = None
    op: str = ""
    negated: bool = False     # -word, -"phrase", -titel:…
    required: bool = False    # +word, "phrase", titel:…, an unknown prefix searched as text
    bare: str | None = None   # the word as typed, when it is a bare word


def _tokens(raw: str, uq: UserQuery, synonyms: Synonyms, vocabulary: Vocabulary | None) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN_RE.finditer(raw):
        if m.group("prefix"):
            key = m.group("key").lower()
            kind = PREFIXES.get(key)
            value = m.group("value").strip('"').strip()
            if kind is None:
                # Not a field we know ("kl:13", "Dnr:2022/0456"): search it as text.
                out.append(_Token("node", Phrase((m.group(0).replace('"', ""),)), required=True))
                continue
            if not value:
                raise QueryError(f"{key}: saknar värde; skriv t.ex. {key}:…")
            if m.group("neg") and kind != "title":
                raise QueryError(f"-{key}: går inte att utesluta; använd filtren i stället")
            if kind == "title":
                node = Phrase(tuple(value.split()), TITLE) if " " in value else Term(value, TITLE)
                out.append(_Token("node", node, negated=bool(m.group("neg")), required=True))
            elif kind == "date":
                uq.date_from, uq.date_to = _date_bounds(value)
            else:
                target = {"type": uq.doc_types, "municipality": uq.municipalities, "area": uq.areas,
                          "body": uq.bodies, "person": uq.persons, "party": uq.parties}[kind]
                target.append(_filter_value(kind, value))
        elif m.group("phrase"):
            phrase = m.group("phrase")
            negated = phrase.startswith("-")
            words = tuple(phrase.lstrip("-").strip('"').split())
            uq.phrase_words += words
            out.append(_Token("node", Phrase(words), negated=negated, required=True))
        elif m.group("paren"):
            out.append(_Token("open" if m.group("paren") == "(" else "close"))
        else:
            # Sentence punctuation is not query syntax ("…covidbevis?" is no wildcard).
            word = m.group("word").strip("?!.,;:")
            if not word:
                continue
            # Operators only in capitals: "inte", "eller", "och" in a question
            # ("Varför byggs inte dubbelspåret?") are words, not NOT/OR/AND.
            if word in OPERATORS:
                out.append(_Token("op", op={"OCH": "AND", "ELLER": "OR", "INTE": "NOT"}.get(word, word)))
                continue
            if word == "-":
                out.append(_Token("minus"))  # -(a OR b)
                continue
            if word.startswith("-"):
                out.append(_Token("node", Term(word[1:]), negated=True))
                continue
            uq.words.append(word)
            if word.startswith("+") and len(word) > 1:
                out.append(_Token("node", Term(word[1:]), required=True))
                continue
            out.append(_Token("node", _expand_word(word, synonyms, vocabulary), bare=word))
    return out


class _Parser:
    """Operators over the tokens: NOT binds tightest, then AND, then OR; words
    side by side (the implicit AND) bind loosest, so ``a b OR c`` is a and (b
    or c), as in the search engines people know."""

    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def sequence(self, nested: bool) -> list[tuple[Node, bool, _Token | None]]:
        """Items side by side until ``)`` or the end: (node, excluded, the token when it is one word)."""
        items: list[tuple[Node, bool, _Token | None]] = []
        while (tok := self.peek()) is not None:
            if tok.kind == "close":
                self.take()
                if nested:
                    break
                continue  # a stray ")"
            if tok.kind == "op" and tok.op in ("AND", "OR"):
                self.take()  # an operator with nothing on its left
                continue
            negated = False
            if tok.kind == "minus" or (tok.kind == "op" and tok.op == "NOT"):
                self.take()
                negated = True
            start = self.i
            node = self.either()
            if node is None:
                continue
            single = self.tokens[start] if self.i == start + 1 and self.tokens[start].kind == "node" else None
            if isinstance(node, Not):
                node, negated = node.part, True
            items.append((node, negated, single))
        return items

    def operator(self, op: str) -> bool:
        """True when the next token is ``op`` with something after it to apply to."""
        tok = self.peek()
        if tok is None or tok.kind != "op" or tok.op != op:
            return False
        after = self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else None
        return after is not None and (after.kind in ("node", "open", "minus") or after.op == "NOT")

    def either(self) -> Node | None:
        return self.joined("OR", self.both, AnyOf)

    def both(self) -> Node | None:
        return self.joined("AND", self.unary, AllOf)

    def joined(self, op: str, operand, kind) -> Node | None:
        """Operands joined by ``op``: one alone, or ``kind`` of them all."""
        parts = [p for p in [operand()] if p is not None]
        while self.operator(op):
            self.take()
            right = operand()
            if right is not None:
                parts.append(right)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else kind(tuple(parts))

    def unary(self) -> Node | None:
        tok = self.peek()
        if tok is None or tok.kind == "close" or (tok.kind == "op" and tok.op in ("AND", "OR")):
            return None
        self.take()
        if tok.kind in ("minus", "op"):  # NOT inside an expression
            inner = self.unary()
            return Not(inner) if inner is not None else None
        if tok.kind == "open":
            items = self.sequence(nested=True)
            parts = tuple(Not(n) if neg else n for n, neg, _t in items)
            if not parts:
                return None
            return parts[0] if len(parts) == 1 else AllOf(parts)
        assert tok.node is not None
        return Not(tok.node) if tok.negated else tok.node


def parse_user_query(raw: str, synonyms: Synonyms | None = None,
                     vocabulary: Vocabulary | None = None) -> UserQuery:
    """The query tree of what was typed (see the module's docstring).

    `vocabulary` lets words typed without å/ä/ö reach the index's spelling."""
    synonyms = synonyms or load_synonyms()
    raw = drop_invisible(raw)  # text pasted from a web page or Word may carry soft hyphens
    uq = UserQuery()
    items = _Parser(_tokens(raw, uq, synonyms, vocabulary)).sequence(nested=False)
    bare = [tok.bare for _n, neg, tok in items if tok is not None and tok.bare and not neg]
    # In a question ("Vad heter ordföranden …?") the fillers only shape it; in a
    # keyword query ("rum skola") they are what is looked for.
    asked = bool(bare) and (bare[0].lower() in QUESTION_WORDS or raw.rstrip().endswith("?"))
    seen: set[Node] = set()

    def add(role: list[Node], node: Node) -> None:
        # A word typed twice is one clause: it counts once towards most-words.
        if node not in seen:
            seen.add(node)
            role.append(node)

    for node, negated, tok in items:
        if negated:
            add(uq.excluded, node)
        elif isinstance(node, AllOf) and node.boost == 1.0:
            # "a AND b", "(a b -c)": each part is a clause of its own, looked for in
            # the whole document (not necessarily in one passage), as side by side.
            for part in node.parts:
                add(uq.excluded, part.part) if isinstance(part, Not) else add(uq.required, part)
        elif tok is None or tok.bare is None:
            # An expression, a phrase, a +word or a titel: word: needed as typed.
            add(uq.required, node)
        else:
            low = tok.bare.lower()
            only_shapes = low in QUESTION_WORDS or (asked and low in QUESTION_FILLERS)
            add(uq.question if only_shapes else uq.content, node)
    return uq
