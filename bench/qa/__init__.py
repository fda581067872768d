"""Extractive question-answering benchmark (``python -m bench.qa``).

* ``questions.toml`` - hand-written questions over ``corpus/`` with gold answers, gold
  sentences and gold sources (document + page), plus questions the corpus cannot answer.
* ``dataset`` - loads and validates the questions file.
* ``metrics`` - answer normalisation, matching and the aggregate measures.
* ``swequad`` - SweQUAD-MC (dev) as open-domain QA, product vs. a BM25 sentence baseline.
* ``run`` - indexes the corpus with the product pipeline, asks every question through
  ``search_app.qa.answer_question`` and prints the report with targets.
"""
