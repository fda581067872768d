"""The facet groups, each its own class: which values a document has, whether
choosing several narrows (all) or widens (any), and the order values are shown in.

Display labels are the web app's (search_app.services.facet_label); the order
here uses the values only.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..areas import load_areas
from ..names import name_key

if TYPE_CHECKING:
    from .documents import DocMeta


class Facet:
    group = ""
    #: Choosing several values narrows (a document must have all of them)
    #: instead of offering alternatives (any of them).
    narrows = False

    def values(self, meta: "DocMeta") -> list[str]:
        raise NotImplementedError

    #: Values are listed by their counts first (most documents first), then
    #: by ``value_order``; False: by ``value_order`` alone.
    counts_first = True

    def value_order(self, value: str) -> tuple:
        """The part of a value's sort key that depends on the value alone: by name."""
        return (value.casefold(),)

    def order(self, value: str, count: int) -> tuple:
        """Sort key of a value in the facet list: most documents first, then by name
        (the search core sorts by the same key in arrays: counts_first, value_order)."""
        return ((-count,) if self.counts_first else ()) + self.value_order(value)

    def key(self, value: str) -> str:
        """What a chosen value and a stored one must share to be the same (as written by default)."""
        return value


class AreaFacet(Facet):
    group = "area"
    # A document addressing two chosen areas is what a person ticking both wants.
    narrows = True

    def __init__(self):
        self._order = [a.id for a in load_areas()]

    def values(self, meta):
        return meta.areas

    # The areas in the agreement's order, whatever their counts.
    counts_first = False

    def value_order(self, value):
        return (self._order.index(value) if value in self._order else len(self._order), value)


class MunicipalityFacet(Facet):
    group = "municipality"

    def values(self, meta):
        return meta.municipalities


class DocTypeFacet(Facet):
    group = "doc_type"

    def values(self, meta):
        return [meta.doc_type]


class YearFacet(Facet):
    group = "year"

    def values(self, meta):
        return [meta.year] if meta.year else []

    counts_first = False

    def value_order(self, value):
        return (-int(value) if value.isdigit() else 0,)  # newest first


class BodyFacet(Facet):
    group = "body"

    def values(self, meta):
        return [meta.body] if meta.body else []


class PersonFacet(Facet):
    """Persons the minutes name (indexer/structure/people.py): a document's
    attendance lists and acts, a decision record's acts (motions, reservations,
    votes, conflicts of interest)."""

    group = "person"

    def values(self, meta):
        return meta.persons

    def key(self, value):
        return name_key(value)


class PartyFacet(Facet):
    """Parties written beside those persons, and parties reserving as a group."""

    group = "party"

    def values(self, meta):
        return meta.parties


def facets() -> tuple[Facet, ...]:
    """The facet groups in display order (the keys of SearchResult.facets)."""
    return (AreaFacet(), MunicipalityFacet(), DocTypeFacet(), YearFacet(), BodyFacet(), PersonFacet(), PartyFacet())

