# make run   — set up .venv, build the index from corpus/ if needed, serve http://127.0.0.1:8000
# make test  — set up .venv, build the index if needed, run the whole test suite (browser tests included)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
INDEX  ?= data/index
CACHE  ?= data/cache
SOURCE ?= corpus
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup index run test corpus clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

index: setup
	$(PY) -m indexer build --source $(SOURCE) --index $(INDEX) --cache $(CACHE) --if-stale

run: index
	$(PY) -m search_app serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: index browser-deps
	$(PY) -m pytest -q

# axe-core for the browser tests (tests/browser: Debian's chromium and Python Playwright, no
# browser download), at the version in its package-lock.json; without npm those tests skip.
AXE_CORE := tests/browser/node_modules/axe-core/axe.min.js
.PHONY: browser-deps
browser-deps:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(AXE_CORE); \
	else echo "npm not found: the browser tests in tests/browser will skip"; fi
$(AXE_CORE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Regenerate the example PDFs, HTML and DOCX of corpus/ from corpus_tools/.
corpus: setup
	$(PY) corpus_tools/build_corpus.py

clean:
	rm -rf data

# Performance benchmarks (issue 6): synthetic corpora of 1,000 and 10,000 documents in
# data/bench/, ingestion, query latency against SQLite FTS5, web load; writes bench/RESULTS.md.
# Takes about 35 minutes on two cores; not part of `make test`.
.PHONY: bench
bench: setup
	$(PY) -m bench.perf

# Structure benchmark (issue 11 §7, §8): § items, metadata and clean passages on the real
# documents in ../shared/devdata/real (dev and check halves) and on corpus/; one to two minutes (most of it OCR of scanned pages).
.PHONY: bench-structure
bench-structure: setup
	$(PY) -m bench.structure

# Question answering (issue 12): train the answer model (ranker, confidence, threshold) from
# SweQUAD-MC train, unanswerable questions built from it and the corpus tuning half; writes
# search_app/qa/data/answer_model.json (commit it). About two minutes.
.PHONY: train-qa bench-qa
train-qa: setup
	$(PY) -m bench.qa.train

# The QA benchmark on held-out data: corpus check half, SweQUAD-MC dev, ../shared/devdata/real.
bench-qa: setup
	$(PY) -m bench.qa --cache data/bench-qa-cache
