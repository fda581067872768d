"""The index lifecycle behind one interface (issue 13, point 2): pipeline.py
drives an IndexBackend and imports no Whoosh module; ``open_store`` /
``open_backend`` take a folder or ``whoosh:FOLDER`` and name an unknown backend."""
from __future__ import annotations

import ast
import importlib
import inspect
import json
import shutil
from pathlib import Path

import pytest

from indexer.pipeline import stale_reason, update_index
from indexer.store import (Expected, IndexNotFound, LiveGeneration, SCHEMA_VERSION, SearchRequest, UnknownBackend,
                           open_backend, open_store)

REPO = Path(__file__).resolve().parents[1]
PIPELINE = REPO / "indexer" / "pipeline.py"
WHOOSH_MODULES = tuple(f"indexer.store.whoosh.{m.stem}" for m in sorted((REPO / "indexer" / "store" / "whoosh").glob("*.py"))
                       if m.stem != "__init__") + ("indexer.store.whoosh",)


# -- the pipeline imports no Whoosh module --------------------------------------------

def _imports(source: str, package: str = "indexer") -> list[tuple[str, list[str]]]:
    """(absolute module, imported names) of every import in ``source``, a module
    of ``package``, function-level imports included."""
    out: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                module = ".".join(parts + ([node.module] if node.module else []))
            out.append((module, [a.name for a in node.names]))
    return out


def _whoosh_uses(source: str) -> list[str]:
    """What ``source`` (a module of the ``indexer`` package) takes from Whoosh:
    Whoosh modules imported, and names imported from indexer.store that are
    defined in one of its Whoosh modules (re-exports such as create_generation)."""
    whoosh_vars = [vars(importlib.import_module(m)) for m in WHOOSH_MODULES]
    bad = []
    for module, names in _imports(source):
        if "whoosh" in module.lower():
            bad.append(module)
            continue
        if not module.startswith("indexer.store") and not (module == "indexer" and "store" in names):
            continue
        mod = importlib.import_module(module)
        for name in names:
            obj = getattr(mod, name, None)
            if inspect.ismodule(obj):
                owner = obj.__name__
            elif inspect.isclass(obj) or inspect.isfunction(obj):
                owner = obj.__module__
            else:  # a constant: defined in a Whoosh module?
                owner = "whoosh" if any(name in v for v in whoosh_vars) else module
            if "whoosh" in owner:
                bad.append(f"{module}.{name}")
    for node in ast.walk(ast.parse(source)):
        ident = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        if "whoosh" in ident.lower():
            bad.append(ident)
    return bad


def test_the_whoosh_check_finds_whoosh():
    assert _whoosh_uses("from .store import create_generation, open_backend\n") == ["indexer.store.create_generation"]
    assert _whoosh_uses("from .store import SCHEMA_VERSION\n") == ["indexer.store.SCHEMA_VERSION"]
    assert _whoosh_uses("def f():\n    from .store.whoosh.staging import Stager\n") == ["indexer.store.whoosh.staging"]
    assert _whoosh_uses("import whoosh.index\n") == ["whoosh.index"]
    assert _whoosh_uses("from .store import whoosh\n") == ["indexer.store.whoosh"]
    assert _whoosh_uses("from . import store\nstore.whoosh.open_store('x')\n") == ["whoosh"]
    assert _whoosh_uses("from .store import Expected, IndexBackend, open_backend\nfrom .store.base import Staging\n") \
        == []


def test_pipeline_imports_no_whoosh_module():
    source = PIPELINE.read_text(encoding="utf-8")
    assert _whoosh_uses(source) == []
    assert ("indexer.store", ["Expected", "IndexBackend", "LiveGeneration", "NewGeneration", "open_backend"]) \
        in _imports(source)


# -- the lifecycle through the interface ----------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small index written by the pipeline through a ``whoosh:`` spec."""
    root = tmp_path_factory.mktemp("backend")
    src = root / "src"
    src.mkdir()
    (src / "bostader.txt").write_text("Kommunstyrelsen beslutar om nya bostäder i Boden.\n", encoding="utf-8")
    (src / "skolan.txt").write_text("Protokoll om skolans lokaler i Luleå.\n", encoding="utf-8")
    report = update_index([src], f"whoosh:{root / 'index'}", root / "cache", jobs=1, progress=False)
    assert report.exit_status == 0 and report.documents == 2
    assert report.index == str(root / "index")
    assert list((root / "index" / "reports").glob("run-*.json"))  # reports beside the index, not in "whoosh:…"
    return src, root / "index"


def _documents(index: Path) -> list:
    store = open_store(index)
    ids = sorted({h.doc_id for h in store.search(SearchRequest(query="", limit=10)).hits})
    return [store.get_document(i) for i in ids]


def _published(tmp_path: Path, index: Path):
    backend = open_backend(tmp_path / "idx")
    docs = _documents(index)
    gen = backend.begin(["källa"])
    assert gen.write_batch(docs) == 2
    manifest = {"version": 1, "documents": {d.doc_id: {"path": d.source_path} for d in docs}}
    name = backend.publish(gen, {"documents": 2, "extractor_version": "x"}, manifest)
    return backend, docs, name, manifest


def test_a_generation_built_through_the_backend_is_live_and_read_by_open_store(built, tmp_path):
    _src, index = built
    backend = open_backend(tmp_path / "idx")
    assert backend.live() is None
    docs = _documents(index)
    gen = backend.begin(["källa"])
    gen.write_batch(docs)
    assert backend.live() is None  # nothing is live before publish
    with pytest.raises(IndexNotFound):
        open_store(tmp_path / "idx")
    name = backend.publish(gen, {"documents": 2}, {"version": 1, "documents": {}})
    live = backend.live()
    assert live is not None and live.name == name and name.startswith("gen-")
    assert live.meta["documents"] == 2 and live.meta["complete"] and live.meta["sources"] == ["källa"]
    assert backend.manifest(live) == {"version": 1, "documents": {}}
    assert backend.rebuild_reason(live) is None
    store = open_store(tmp_path / "idx")
    assert store.stats().generation == name and store.stats().documents == 2
    assert store.search(SearchRequest(query="bostäder")).total == 1
    assert store.get_document(docs[0].doc_id).title == docs[0].title


def test_an_update_begins_from_the_live_generation(built, tmp_path):
    backend, docs, first, _manifest = _published(tmp_path, built[1])
    gen = backend.begin(["källa"], base=backend.live())
    gen.commit_staged([], delete=[docs[0].doc_id])
    second = backend.publish(gen, {"documents": 1}, {"version": 1, "documents": {}})
    assert second != first and backend.live().meta["previous"] == first
    store = open_store(tmp_path / "idx")
    assert store.stats().documents == 1 and store.get_document(docs[0].doc_id) is None
    assert store.get_document(docs[1].doc_id) is not None


def test_abandon_leaves_the_live_generation_untouched(built, tmp_path):
    backend, docs, name, manifest = _published(tmp_path, built[1])
    live = backend.live()
    files = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "idx").rglob("*") if p.is_file()}
    gen = backend.begin(["källa"], base=live)
    gen.commit_staged([], delete=[d.doc_id for d in docs])
    assert len(list((tmp_path / "idx").glob("gen-*"))) == 2
    backend.abandon(gen)
    assert backend.live() == live and backend.manifest(live) == manifest
    assert [p.name for p in (tmp_path / "idx").glob("gen-*")] == [name]
    assert {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "idx").rglob("*") if p.is_file()} == files
    assert open_store(tmp_path / "idx").stats().documents == 2


def test_prune_removes_what_a_killed_run_left_and_keeps_live_and_previous(built, tmp_path):
    backend, docs, first, _manifest = _published(tmp_path, built[1])
    gen = backend.begin(["källa"], base=backend.live())
    second = backend.publish(gen, {"documents": 2}, {"version": 1, "documents": {}})
    backend.begin(["källa"])  # never published nor abandoned: a killed run
    assert len(list((tmp_path / "idx").glob("gen-*"))) == 3
    backend.prune()
    assert sorted(p.name for p in (tmp_path / "idx").glob("gen-*")) == sorted([first, second])


def test_one_rebuild_check_for_the_update_and_for_make_index(built, tmp_path):
    from indexer import analysis
    backend = open_backend(built[1])
    meta = dict(backend.live().meta)
    live = LiveGeneration(name="gen-x", meta=meta, built_ts=0.0)
    assert backend.rebuild_reason(live) is None
    expected = [Expected("extractor_version", "ny", "textextraktionen har ändrats ({found} -> {expected})")]
    assert backend.rebuild_reason(live, expected) == f"textextraktionen har ändrats ({meta['extractor_version']} -> ny)"
    old_analyzer = LiveGeneration(name="gen-x", meta={**meta, "analyzer_version": "sv-0"}, built_ts=0.0)
    assert backend.rebuild_reason(old_analyzer, expected) == \
        f"den svenska analysen har ändrats (sv-0 -> {analysis.ANALYZER_VERSION})"
    old_schema = {**meta, "schema_version": 1, "analyzer_version": "sv-0"}
    reason = f"indexets schema 1 skiljer sig från {SCHEMA_VERSION}"
    assert backend.rebuild_reason(LiveGeneration(name="gen-x", meta=old_schema, built_ts=0.0), expected) == reason
    # make index (stale_reason) gives the same reason: it asks the same check
    src, index = built
    copy = tmp_path / "index"
    shutil.copytree(index, copy, symlinks=True)
    meta_file = open_backend(copy).live().location / "meta.json"
    meta_file.write_text(json.dumps({**json.loads(meta_file.read_text(encoding="utf-8")), "schema_version": 1}),
                         encoding="utf-8")
    assert stale_reason([src], copy) == reason
    assert stale_reason([src], f"whoosh:{copy}") == reason


# -- open_store / open_backend ----------------------------------------------------------

def test_whoosh_spec_and_plain_path_open_the_same_store(built, monkeypatch):
    _src, index = built
    specs = [index, str(index), f"whoosh:{index}", Path(f"whoosh:{index}"), f"WHOOSH:{index}"]
    assert {open_backend(s).root for s in specs} == {index}
    stats = {(st.generation, st.documents, st.passages) for st in (open_store(s).stats() for s in specs)}
    assert len(stats) == 1 and next(iter(stats))[1] == 2
    hits = {tuple(h.doc_id for h in open_store(s).search(SearchRequest(query="skolans lokaler")).hits)
            for s in specs}
    assert len(hits) == 1 and len(next(iter(hits))) == 1
    monkeypatch.chdir(index.parent)
    assert open_store(f"whoosh:{index.name}").stats().generation == open_store(index.name).stats().generation
    # a colon after a slash is part of a folder name, not a backend
    with pytest.raises(IndexNotFound):
        open_store(f"{index}/sub:dir")


def test_the_web_app_serves_a_whoosh_spec(built):
    from search_app import create_app
    app = create_app({"INDEX_DIR": f"whoosh:{built[1]}", "TESTING": True})
    r = app.test_client().get("/api/search", query_string={"q": "bostäder"})
    assert r.status_code == 200 and r.get_json()["total"] == 1


def test_an_unknown_backend_is_named(tmp_path, monkeypatch, capsys):
    for call in (open_store, open_backend):
        with pytest.raises(UnknownBackend, match=r"^unknown index backend 'pg' in SEARCH_INDEX_DIR"):
            call("pg://db.kommun.se/handlingar")
    assert issubclass(UnknownBackend, ValueError)
    with pytest.raises(UnknownBackend, match="no index folder after whoosh:"):
        open_backend("whoosh:")
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Bostäder i Boden.\n", encoding="utf-8")
    from indexer.cli import main as indexer_main
    from search_app.cli import main as app_main
    assert indexer_main(["update", "--source", str(src), "--index", "pg:/handlingar", "--quiet"]) == 2
    assert "unknown index backend 'pg'" in capsys.readouterr().err
    assert indexer_main(["status", "--index", "pg:/handlingar"]) == 2
    assert "unknown index backend 'pg'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        app_main(["search", "--index", "pg:/handlingar", "bostäder"])
    assert exit_.value.code == 2 and "unknown index backend 'pg'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [src]  # nothing was written anywhere


def test_the_web_app_refuses_an_unknown_backend_at_start(tmp_path):
    from indexer.store import UnknownBackend
    from search_app import create_app

    with pytest.raises(UnknownBackend, match="pg"):
        create_app({"INDEX_DIR": "pg://db/index", "TESTING": True})
