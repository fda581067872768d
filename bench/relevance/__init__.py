"""Search-relevance benchmark: graded judgments over corpus/ and SweFAQ.

    .venv/bin/python -m bench.relevance [--help]

Compares three systems over exactly the same passages:
(a) Whoosh StandardAnalyzer, (b) Whoosh LanguageAnalyzer("sv") (Snowball),
(c) the product (indexer.pipeline.build_index + indexer.store search).
See __main__.py for the options and the printed report.
"""
