"""No cold start (issue 16 point 1): what a search needs of a generation is
built when the generation is published and stored inside it
(indexer/store/whoosh/derived.py), so a new process, and a running one after
an index switch, answers its first search without building anything; a
generation written without the files answers the same."""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from indexer.pipeline import update_index
from indexer.search.documents import DocArrays
from indexer.search.facets import facets
from indexer.store import SearchRequest, index_root, open_backend, open_store
from indexer.store.whoosh import derived
from indexer.store.whoosh.generations import prune_generations

from conftest import index_spec_at, live_generation

#: What is stored with a generation, and the store's view of it, are the Whoosh engine's.
pytestmark = pytest.mark.whoosh_only

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
#: typed without å/ä/ö (restored from the index's words), with facets, a phrase,
#: a filter, a misspelling, browsing
QUERIES = [
    SearchRequest(query="bostader"), SearchRequest(query="kompetensforsorjning gymnasieprogram"),
    SearchRequest(query="Lulea"), SearchRequest(query='"väg 97"'), SearchRequest(query="trafikverket"),
    SearchRequest(query="bostäder", municipalities=["Boden"]), SearchRequest(query="radhuss"),
    SearchRequest(query=""), SearchRequest(query="protokoll", sort="date"),
]


def _note(path: Path, title: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")


def _source(root: Path) -> Path:
    src = root / "src"
    _note(src / "bostader.md", "Bostäder i Boden", "Kommunen planerar 300 nya radhus vid Sävast i Boden.")
    _note(src / "vag97.md", "Väg 97", "Trafikverket bygger om väg 97 mellan Luleå och Boden.")
    _note(src / "skola.md", "Gymnasieskolan", "Kompetensförsörjning genom ett gemensamt gymnasieprogram i Luleå.")
    shutil.copy(CORPUS / "pdf" / "lulea-ksau-protokoll-2022-06-07.pdf", src / "ksau.pdf")
    return src


def _spec(root: Path) -> str:
    return index_spec_at(root / "index")


def _update(src: Path, root: Path):
    report = update_index([src], _spec(root), root / "cache", jobs=1, progress=False)
    assert report.exit_status == 0
    return report


def _live(root: Path) -> Path:
    return live_generation(_spec(root)).location


def _copy(root: Path, tmp_path: Path) -> None:
    """A copy of the index of ``root`` as the test's own (its folder, symlinks kept)."""
    shutil.copytree(index_root(_spec(root)), index_root(_spec(tmp_path)), symlinks=True)


def _answers(store) -> list:
    """Everything the searches return, and a document page's passages."""
    out = [dataclasses.asdict(store.search(r)) for r in QUERIES]
    out.append([dataclasses.asdict(p) for p in store.search_passages("nya radhus i Boden")])
    doc_id = out[0]["hits"][0]["doc_id"]
    out.append(dataclasses.asdict(store.get_document(doc_id)))
    return out


def _forbid_building(monkeypatch) -> None:
    """From now on any use of the builders fails the test: the structures must come from the files."""
    def fail(*_a, **_k):
        raise AssertionError("a search structure was built instead of read from the generation")
    for name in ("stored_metas", "record_docs", "restore_map"):
        monkeypatch.setattr(derived, name, fail)


@pytest.fixture()
def no_building(monkeypatch):
    _forbid_building(monkeypatch)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("cold")
    src = _source(root)
    _update(src, root)
    return root, src


def test_a_published_generation_stores_what_searches_need(built):
    root, _src = built
    gen = _live(root)
    folder = gen / derived.DERIVED
    groups = [f.group for f in facets()]
    assert {f.name for f in folder.iterdir()} == {
        derived.HEAD, derived.TABLES, "record_doc.npy", "doc_record.npy", "restore.npy", "restore_offsets.npy",
        "documents.npy", "document_offsets.npy", "document_keys.npy", "by_doc.npy", "starts.npy",
        "date_rank.npy", "date_key.npy", *(f"member-{g}.npy" for g in groups)}
    ix = derived.open_index(gen)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        stored = derived.load(gen, reader)
        assert stored is not None and stored.tables is not None
        # The same as what is built in memory from the index.
        docs = derived.documents(derived.stored_metas(searcher))
        assert stored.documents() == docs and list(stored.documents()) == list(docs)
        record_doc, doc_record = derived.record_docs(list(docs), reader)
        for have, want in ((stored.record_doc, record_doc), (stored.doc_record, doc_record)):
            assert have.dtype == want.dtype and np.array_equal(have, want)
        restore = derived.restore_map(reader)
    have, want = stored.arrays(docs), DocArrays(docs, record_doc, doc_record)
    assert (have.ids, have.metas, have.pos, have.values) == (want.ids, want.metas, want.pos, want.values)
    for name in ("record_doc", "doc_record", "_by_doc", "_starts", "dates", "date_rank", "date_key"):
        assert getattr(have, name).dtype == getattr(want, name).dtype
        assert np.array_equal(getattr(have, name), getattr(want, name)), name
    for g in groups:
        assert have.member[g].dtype == want.member[g].dtype and np.array_equal(have.member[g], want.member[g])
    assert len(stored.restore) == len(restore) > 0
    assert all(stored.restore.get(k) == v for k, v in restore.items())
    assert stored.restore.get("bostader") == "bostäder"
    for absent in ("", "a", "bostade", "bostaderx", "zzzz", "ö"):
        assert stored.restore.get(absent) is None


def test_a_new_process_answers_without_building_anything(built, no_building):
    root, _src = built
    store = open_store(_spec(root))
    result = store.search(SearchRequest(query="bostader"))
    view = store._current()  # noqa: SLF001
    assert view.from_stored and isinstance(view._restore, derived.RestoreMap)  # noqa: SLF001
    assert result.total >= 1 and result.hits[0].title == "Bostäder i Boden"
    assert {f.value for f in result.facets["municipality"]} >= {"Boden"}
    assert _answers(store)


def test_a_generation_without_the_files_answers_the_same(built, tmp_path):
    root, _src = built
    stored_answers = _answers(open_store(_spec(root)))
    # A copy of the index whose generation lacks the folder, as one written
    # before this version: it builds in memory, with the same results.
    _copy(root, tmp_path)
    shutil.rmtree(_live(tmp_path) / derived.DERIVED)
    old = open_store(_spec(tmp_path))
    assert _answers(old) == stored_answers
    assert not old._current().from_stored  # noqa: SLF001


def test_files_that_do_not_describe_the_index_are_ignored(built, tmp_path):
    root, _src = built
    _copy(root, tmp_path)
    head_file = _live(tmp_path) / derived.DERIVED / derived.HEAD
    head = json.loads(head_file.read_text(encoding="utf-8"))
    # Another index's fingerprint (a later commit), then another format.
    head["fingerprint"]["toc"] += 1
    head_file.write_text(json.dumps(head), encoding="utf-8")
    store = open_store(_spec(tmp_path))
    assert not store._current().from_stored  # noqa: SLF001
    assert _answers(store) == _answers(open_store(_spec(root)))
    head["fingerprint"]["toc"] -= 1
    head["format"] = derived.FORMAT + 1
    head_file.write_text(json.dumps(head), encoding="utf-8")
    assert not open_store(_spec(tmp_path))._current().from_stored  # noqa: SLF001


def test_document_arrays_computed_by_other_facet_code_are_computed_again(built, tmp_path, monkeypatch):
    root, _src = built
    _copy(root, tmp_path)
    monkeypatch.setattr(derived, "tables_signature", lambda: "the facet code has changed")
    store = open_store(_spec(tmp_path))
    view = store._current()  # noqa: SLF001
    # The rest still comes from the files; the arrays are computed, as without them.
    assert view.from_stored and isinstance(view._restore, derived.RestoreMap)  # noqa: SLF001
    assert _answers(store) == _answers(open_store(_spec(root)))
    # The next update run stores them again for the code now running.
    backend = open_backend(_spec(tmp_path))
    backend.prune()
    with derived.open_index(_live(tmp_path)).reader() as reader:
        assert derived.load(_live(tmp_path), reader).tables is not None


def test_after_an_index_switch_the_running_store_answers_from_the_new_files(tmp_path, monkeypatch):
    src = _source(tmp_path)
    _update(src, tmp_path)
    store = open_store(_spec(tmp_path))
    before = {h.title for h in store.search(SearchRequest(query="bostader")).hits}
    assert "Bostäder i Boden" in before
    first = _live(tmp_path)
    _note(src / "nya.md", "Fler bostäder", "Ytterligare bostäder planeras i Älvsbyn.")
    _update(src, tmp_path)
    second = _live(tmp_path)
    assert second != first and (second / derived.DERIVED / derived.HEAD).exists()

    _forbid_building(monkeypatch)
    old_docs = store._current().docs  # noqa: SLF001
    result = store.search(SearchRequest(query="bostader"))
    view = store._current()  # noqa: SLF001
    assert view.gen == second and view.from_stored
    assert {h.title for h in result.hits} == before | {"Fler bostäder"}
    # The unchanged documents' metadata was not parsed again: the same objects.
    assert all(view.docs[d] is meta for d, meta in old_docs.items())


def test_an_update_run_stores_them_for_a_generation_written_before(tmp_path):
    src = _source(tmp_path)
    _update(src, tmp_path)
    gen = _live(tmp_path)
    shutil.rmtree(gen / derived.DERIVED)
    assert not open_store(_spec(tmp_path))._current().from_stored  # noqa: SLF001
    # Nothing changed: the run publishes nothing, but gives the live generation its files.
    assert _update(src, tmp_path).mode == "none"
    assert _live(tmp_path) == gen
    assert open_store(_spec(tmp_path))._current().from_stored  # noqa: SLF001


def test_the_files_go_with_their_generation(tmp_path):
    src = _source(tmp_path)
    _update(src, tmp_path)
    first = _live(tmp_path)
    for i in range(2):
        _note(src / f"ny{i}.md", f"Ny {i}", "Text om Luleå.")
        _update(src, tmp_path)
    assert (first / derived.DERIVED).is_dir()
    prune_generations(index_root(_spec(tmp_path)), keep=set(), grace_s=0.0)
    assert not first.exists()
    assert (_live(tmp_path) / derived.DERIVED).is_dir()


def test_threads_opening_stored_arrays_at_once_do_not_fail(tmp_path, monkeypatch):
    """Request threads load a new generation's arrays at the same time; numpy
    parses each header with the AST builder, which Python 3.11 does not keep
    per thread: without derived._NPY_LOAD some loads raised SystemError
    ("AST constructor recursion depth mismatch") when a garbage collection
    with finalizers switched threads inside it."""
    import gc
    import sys
    import threading

    path = tmp_path / "record_doc.npy"
    np.save(path, np.arange(100, dtype=np.int32))

    class Garbage:  # a cycle with a finalizer: collections run Python code mid-load
        def __del__(self):
            [i for i in range(20)]

    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(2000):
                junk = Garbage()
                junk.cycle = junk
                assert derived._load_array(path)[99] == 99
        except BaseException as exc:  # noqa: BLE001 - any error fails the test
            errors.append(exc)

    old_interval, old_threshold = sys.getswitchinterval(), gc.get_threshold()
    sys.setswitchinterval(1e-6)
    gc.set_threshold(50, 2, 2)
    try:
        threads = [threading.Thread(target=reader) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        sys.setswitchinterval(old_interval)
        gc.set_threshold(*old_threshold)
    assert errors == []
