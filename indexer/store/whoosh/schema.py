"""The Whoosh schema of an index generation: one passage or document per record (see view.py),
Swedish lemmas and compound parts in "title" and "text", folded surface forms in "text_folded".

Used by the store (creating and opening a generation) and by the staging writers of the worker
processes (staging.py), which must write segments of the same schema.
"""
from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from ...vocabulary import PLAIN_WORD
from .analyzer import folding_analyzer, swedish_analyzer




#: Bump when the schema or the meaning of a stored field changes; a mismatch
#: with an index's meta.json means that index must be rebuilt.
#: 4: a document's stored meta carries its § items' decisions and Dnr and its own
#: Dnr (decision records and cases); an index of 3 would list no decisions until
#: every document was written again.
#: 5: a document's stored meta carries the persons and parties its minutes name,
#: the meeting's roles, and its § items' motions, reservations, votes and
#: conflicts of interest (indexer/structure/people.py); an index of 4 would show
#: no Person or Party facet and no person pages until rebuilt.
SCHEMA_VERSION = 5


def make_schema() -> Schema:
    sv = swedish_analyzer()
    fold = folding_analyzer()
    return Schema(
        kind=ID(stored=True),
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True, sortable=True),
        seq=NUMERIC(stored=True),
        title=TEXT(analyzer=sv, stored=True),
        text=TEXT(analyzer=sv, stored=True),
        text_folded=TEXT(analyzer=fold),
        # Plain lower-cased words, the vocabulary of "Menade du …?" suggestions.
        words=TEXT(analyzer=RegexTokenizer(PLAIN_WORD.pattern) | LowercaseFilter(), phrase=False),
        page=NUMERIC(stored=True),
        section=ID(stored=True),
        is_decision=BOOLEAN(stored=True),
        toc=BOOLEAN(stored=True),
        areas=KEYWORD(stored=True, commas=True),
        meta=STORED(),
        payload=STORED(),
    )
