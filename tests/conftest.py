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
#: suite with SEARCH_TEST_BACKEND=<its scheme>. An index a test writes itself is
#: named the same way: the ``index_spec`` fixture, or ``index_spec_at(folder)``
#: when a test needs several (test_backend_interface checks that no test module
#: passes a bare folder). Tests of the Whoosh engine's own parts take the
#: ``whoosh_store`` fixture or the ``whoosh_only`` marker and are skipped for
#: another engine.
TEST_BACKEND = os.environ.get("SEARCH_TEST_BACKEND", "whoosh")
#: Why a ``whoosh_only`` test does not run on another engine.
WHOOSH_ONLY = (f"tests a mechanism of the Whoosh engine (generation folders, the CURRENT link, segment files); "
               f"the suite runs on {TEST_BACKEND}")


def pytest_configure(config):
    config.addinivalue_line("markers", "whoosh_only: the test checks a mechanism of the Whoosh engine itself "
                                       "(gen-* folders, CURRENT, segment files); skipped on another engine")


def pytest_collection_modifyitems(config, items):
    if TEST_BACKEND == "whoosh":
        return
    for item in items:
        if item.get_closest_marker("whoosh_only"):
            item.add_marker(pytest.mark.skip(reason=WHOOSH_ONLY))


# -- an index of a test's own: always a spec on the suite's engine ---------------------------

def index_spec_at(folder: str | os.PathLike) -> str:
    """The spec (``<engine>:<folder>``) of an index kept in ``folder`` on the
    engine the suite runs on: the one way a test names an index it writes, for
    build_index/update_index/open_store/open_backend, --index and INDEX_DIR.
    (The index's own folder, for its run lock and reports, is index_root(spec).)"""
    return f"{TEST_BACKEND}:{os.fspath(folder)}"


@pytest.fixture()
def index_spec(tmp_path) -> str:
    """A fresh index location for this test: ``<engine>:<tmp_path>/index``."""
    return index_spec_at(tmp_path / "index")


def live_generation(spec: str):
    """The live generation of the index ``spec`` names (backend interface), or None."""
    from indexer.store import open_backend
    return open_backend(spec).live()


def live_manifest(spec: str) -> dict:
    """The ingester's record of the files in the live generation (backend interface)."""
    from indexer.store import open_backend
    backend = open_backend(spec)
    live = backend.live()
    assert live is not None, f"no live generation in {spec}"
    manifest = backend.manifest(live)
    assert manifest is not None, f"the live generation of {spec} has no manifest"
    return manifest


def doc_ids_by_path(spec: str) -> dict[str, str]:
    """{source path: doc_id} of the live generation, from its manifest."""
    return {e["path"]: doc_id for doc_id, e in live_manifest(spec)["documents"].items()}


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> str:
    """The spec of an index built from corpus/ by the real pipeline."""
    from indexer.pipeline import build_index
    root = tmp_path_factory.mktemp("corpus-index")
    spec = index_spec_at(root / "index")
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
