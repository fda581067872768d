"""Swedish language processing for indexing and querying council records.

Public API (others code against these names):

* ``ANALYZER_VERSION`` - changes whenever the produced terms change.
* ``lemma(word)`` - spaCy lookup-table lemma, lower-cased.
* ``split_compound(word)`` - compound parts as lemmas, [] if not a compound.
* ``sentences(text)`` / ``tokens(text)`` - spaCy sentencizer / tokenizer spans.
* ``FUNCTION_WORDS`` - the words matching leaves out (indexer/data/function_words.txt).
* ``is_stopword(word)`` - spaCy's longer Swedish stop list (question answering).
* ``analyze_terms(text)`` - the index terms of a text.

The Whoosh analyzers built on these terms (``swedish_analyzer()``,
``folding_analyzer()``) live with the Whoosh store, in
indexer/store/whoosh/analyzer.py: nothing in this package imports Whoosh.

Extra helpers: ``base_form`` (lemma with compound fallback), ``fold``
(diacritic folding), ``compound_terms``, ``word_terms``.
"""
from .compounds import LexiconMissingError, base_form, compound_terms, split_compound
from .lemmas import lemma
from .swedish import FUNCTION_WORDS, STOP_WORDS, is_stopword, sentences, tokens
from .terms import ANALYZER_VERSION, analyze_terms, fold, term_positions, word_terms

__all__ = [
    "ANALYZER_VERSION",
    "LexiconMissingError",
    "FUNCTION_WORDS",
    "STOP_WORDS",
    "analyze_terms",
    "base_form",
    "compound_terms",
    "fold",
    "is_stopword",
    "lemma",
    "sentences",
    "split_compound",
    "term_positions",
    "tokens",
    "word_terms",
]
