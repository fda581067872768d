"""The query tree: what a person asked for, with no engine's syntax in it.

The query language (syntax.py) builds it; an engine adapter compiles it (the
Whoosh one in indexer/store/whoosh/compile.py); the search core (core.py) only
reads which clause is which. Words are kept as typed: analysis (lemmas,
compound parts, stop words) is the engine's, done with the same analyzers
that indexed the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

#: Where a word is looked for. TEXT: the analysed text and title (title ranks
#: higher); TITLE: the title only; FOLDED: the text with å/ä/ö/é folded away
#: (the diacritic-insensitive last resort); PLAIN: words as written, nothing
#: dropped (for queries made only of stop words).
TEXT, TITLE, FOLDED, PLAIN = "text", "title", "folded", "plain"
FIELDS = (TEXT, TITLE, FOLDED, PLAIN)


@dataclass(frozen=True)
class Term:
    """One word as typed (may end in * for any ending)."""

    text: str
    field: str = TEXT
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Words that must occur in this order, next to each other."""

    words: tuple[str, ...]
    field: str = TEXT
    boost: float = 1.0


@dataclass(frozen=True)
class AnyOf:
    """Any of the parts (OR); a document with more of them scores higher."""

    parts: tuple["Node", ...]
    boost: float = 1.0


@dataclass(frozen=True)
class AllOf:
    """All of the parts (AND); ``Not`` parts exclude."""

    parts: tuple["Node", ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Not:
    """Excluded: a document (or passage) matching this does not match."""

    part: "Node"


Node = Union[Term, Phrase, AnyOf, AllOf, Not]


def weighted(node: Node, boost: float) -> Node:
    """The node with its weight multiplied by ``boost``."""
    if boost == 1.0 or isinstance(node, Not):
        return node
    return type(node)(**{**node.__dict__, "boost": node.boost * boost})


@dataclass
class UserQuery:
    """A parsed query: its clauses by role, and the filters typed in it."""

    #: content words, each with its alternatives (synonyms, inflections, å/ä/ö,
    #: compound parts): a document needs min_should_match of them
    content: list[Node] = field(default_factory=list)
    #: question words and, in a question, its fillers: they only rank
    question: list[Node] = field(default_factory=list)
    #: phrases, operator expressions, parenthesised groups, +words, titel:
    #: words: each needed as typed
    required: list[Node] = field(default_factory=list)
    #: -words, NOT …, -titel: words
    excluded: list[Node] = field(default_factory=list)
    #: the bare words as typed (for "Menade du", and for the stop-word fallback)
    words: list[str] = field(default_factory=list)
    #: words of quoted phrases as typed (for the stop-word fallback)
    phrase_words: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None

    @property
    def searching(self) -> bool:
        """True when the query asks for words (not only filters)."""
        return bool(self.content or self.question or self.required or self.excluded)

    @property
    def positive(self) -> list[Node]:
        return self.required + self.content + self.question

    @property
    def title_words(self) -> list[Node]:
        """The titel: clauses (for tests and the help page's examples)."""
        return [n for n in self.required if getattr(n, "field", None) == TITLE]
