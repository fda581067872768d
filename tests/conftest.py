"""Shared fixtures: an index built from the repository's corpus/ with the real pipeline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DEVDATA = REPO.parent / "shared" / "devdata"
#: The index engine the suite runs against, a scheme of indexer.store.BACKENDS:
#: every test reaches the corpus index through the spec ``<scheme>:<folder>``
#: (open_store, open_backend, --index, INDEX_DIR), so another engine runs the same
#: suite with SEARCH_TEST_BACKEND=<its scheme>. Tests of the Whoosh engine's own
#: parts take the ``whoosh_store`` fixture and are skipped for another engine.
TEST_BACKEND = os.environ.get("SEARCH_TEST_BACKEND", "whoosh")


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> str:
    """The spec of an index built from corpus/ by the real pipeline."""
    from indexer.pipeline import build_index
    root = tmp_path_factory.mktemp("corpus-index")
    spec = f"{TEST_BACKEND}:{root / 'index'}"
    report = build_index([CORPUS], spec, root / "cache", jobs=2, progress=False)
    assert report.documents > 0
    return spec


@pytest.fixture(scope="session")
def corpus_store(corpus_index):
    """The one store fixture: the corpus index through the Store interface."""
    from indexer.store import open_store
    return open_store(corpus_index)


@pytest.fixture(scope="session")
def whoosh_store(corpus_store):
    """The corpus store when the suite runs on Whoosh, for tests of its own parts."""
    if TEST_BACKEND != "whoosh":
        pytest.skip(f"tests a part of the Whoosh engine; the suite runs on {TEST_BACKEND}")
    return corpus_store


@pytest.fixture(scope="session")
def devdata() -> Path:
    if not DEVDATA.is_dir():
        pytest.skip("../shared/devdata is not present on this machine")
    return DEVDATA


@pytest.fixture(scope="module")
def app(corpus_index):
    """The web app over the corpus index (API, pages and the /fraga answers)."""
    from search_app import create_app
    return create_app({"INDEX_DIR": str(corpus_index), "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()
