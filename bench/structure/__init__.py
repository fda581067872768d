"""Structure benchmark (issue 11 §7, §8): how well the ingester reads documents.

``python -m bench.structure`` reads the real documents with hand-checked gold in
``../shared/devdata/real`` (split into a fixed dev and check half) and the example
corpus ``corpus/`` (gold generated from ``corpus_tools/content``) with the product's
``extract_file`` + ``structure`` and reports § items (precision/recall/F1 by number;
title, Dnr, decision and page rates), metadata accuracy (doc_type, municipality,
organisation, body, date, title) and clean passages (running headers/footers,
signature blocks, TOC lines, passages crossing a page) against the targets of issue 11.

* ``gold.py``: the gold records, the half rule, and the corpus mapping (docstring).
* ``metrics.py``: every comparison and the phrase rule (docstring).
* ``run.py``: reading, summaries, the Markdown/JSON report and the command line.
"""
