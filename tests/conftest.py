"""Shared fixtures: an index built from the repository's corpus/ with the real pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DEVDATA = REPO.parent / "shared" / "devdata"


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    from indexer.pipeline import build_index
    root = tmp_path_factory.mktemp("corpus-index")
    report = build_index([CORPUS], root / "index", root / "cache", jobs=2, progress=False)
    assert report.documents > 0
    return root / "index"


@pytest.fixture(scope="session")
def corpus_store(corpus_index):
    from indexer.store import open_store
    return open_store(corpus_index)


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
