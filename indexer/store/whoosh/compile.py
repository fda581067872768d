"""The query tree (indexer/search/query.py) as Whoosh queries.

Words and phrases go through Whoosh's parser one at a time, so they are
analysed exactly as the indexed text was (lemmas, compound parts, stop words
dropped) and searched in the title and the text with the title's weight;
AND, OR and NOT are built as Whoosh query objects and normalised as the
parser normalises them.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from whoosh import qparser, query
from whoosh.fields import Schema

from ...search.query import FOLDED, PLAIN, TITLE, AnyOf, Node, Not, Phrase, Term
from ...search.results import QueryError
from . import highlighting

FIELD_BOOSTS = {"title": 2.0, "text": 1.0}
#: Compiled nodes kept per process (the same words come back).
_CACHE_SIZE = 20_000


def _make_parser(schema: Schema, fields: list[str]) -> qparser.QueryParser:
    p = qparser.MultifieldParser(fields, schema, fieldboosts=FIELD_BOOSTS, group=qparser.AndGroup)
    # Colons are common in council text ("kl. 13:00", "Dnr KS:2022"): a colon is
    # text, except for the diacritic-insensitive field the compiler names.
    p.remove_plugin_class(qparser.FieldsPlugin)
    p.add_plugin(qparser.FieldsPlugin(expr=r"(?P<text>text_folded):"))
    # Operators and +/- are the query language's (search/syntax.py), not Whoosh's:
    # a word reaches this parser alone, and "-" or "OR" in it is text.
    p.remove_plugin_class(qparser.OperatorsPlugin)
    p.remove_plugin_class(qparser.PlusMinusPlugin)
    p.remove_plugin_class(qparser.GroupPlugin)
    return p


def _boost(boost: float) -> str:
    return "" if boost == 1.0 else f"^{boost}"


class WhooshCompiler:
    def __init__(self, schema: Schema):
        self._text = _make_parser(schema, list(FIELD_BOOSTS))
        self._title = _make_parser(schema, ["title"])
        self._sv_tokens = highlighting.TermTokens(schema["text"].analyzer)
        self._fold = schema["text_folded"].analyzer
        self._cache: dict[Node, query.Query | None] = {}

    def compile(self, node: Node) -> query.Query | None:
        """The node as a Whoosh query; None when analysis leaves nothing of it."""
        try:
            return self._cache[node]
        except KeyError:
            pass
        q = self._build(node)
        q = None if q is None else q.normalize()
        if q is None or q is query.NullQuery or isinstance(q, type(query.NullQuery)):
            q = None
        else:
            q = union_matchers(q)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache = {}
        self._cache[node] = q
        return q

    def _parse(self, text: str, parser: qparser.QueryParser) -> query.Query:
        try:
            return parser.parse(text)
        except Exception as exc:  # whoosh raises assorted errors on odd input
            raise QueryError(f"kunde inte tolka sökfrågan: {exc}") from exc

    def _build(self, node: Node) -> query.Query | None:
        if isinstance(node, Term):
            if node.field == PLAIN:
                return query.Term("words", node.text.lower(), boost=node.boost)
            prefix = "text_folded:" if node.field == FOLDED else ""
            return self._leaf(prefix + node.text + _boost(node.boost), node.field)
        if isinstance(node, Phrase):
            if not node.words:
                return None
            words = " ".join(w.replace('"', "") for w in node.words)
            return self._leaf(f'"{words}"' + _boost(node.boost), node.field)
        if isinstance(node, Not):
            inner = self._build(node.part)
            return None if inner is None else query.Not(inner)
        parts = [q for q in map(self._build, node.parts) if q is not None]
        if isinstance(node, AnyOf):
            return query.Or(parts, boost=node.boost) if parts else None
        # AllOf: the excluded parts subtract from the required ones.
        required = [q for q in parts if not isinstance(q, query.Not)]
        excluded = [q.query for q in parts if isinstance(q, query.Not)]
        if not required:
            return None
        q = query.And(required, boost=node.boost)
        return query.AndNot(q, query.Or(excluded)) if excluded else q

    def _leaf(self, text: str, field: str) -> query.Query | None:
        q = self._parse(text, self._title if field == TITLE else self._text)
        return None if q is query.NullQuery else q

    def any_of(self, clauses: Sequence[query.Query]) -> query.Query:
        return union_matchers(query.Or(list(clauses)))

    # -- highlighting -----------------------------------------------------------------

    @staticmethod
    def marks(clauses: Iterable[query.Query]) -> tuple[set[str], set[str]]:
        """The analysed terms (text and title) and folded terms the clauses look for."""
        sv, fold = set(), set()
        for q in clauses:
            for fieldname, t in q.iter_all_terms(phrases=True):
                t = t.decode("utf-8") if isinstance(t, bytes) else t
                if fieldname in ("text", "title"):
                    sv.add(t)
                elif fieldname == "text_folded":
                    fold.add(t)
        return sv, fold

    def spans(self, text: str, marks: tuple[set[str], set[str]]) -> list[tuple[int, int]]:
        sv_terms, fold_terms = marks
        # Words matched only without diacritics ("Lulea") are marked from the folded field.
        return highlighting.merge(self._sv_tokens.spans(text, sv_terms)
                                  + highlighting.term_spans(text, fold_terms, self._fold))


def union_matchers(q: query.Query) -> query.Query:
    """Use Whoosh's streaming union for every OR.

    Below 5,000 index documents Whoosh preloads each OR into arrays the size
    of the index, which made a query with a few expanded words spend most of
    its time allocating (measured with bench/relevance)."""
    if isinstance(q, query.Or):
        q.matcher_type = query.Or.DEFAULT_MATCHER
    for sub in getattr(q, "subqueries", ()):
        union_matchers(sub)
    for attr in ("a", "b", "query"):
        child = getattr(q, attr, None)
        if isinstance(child, query.Query):
            union_matchers(child)
    return q
