"""The index lifecycle behind one interface (issue 13, point 2): pipeline.py
drives an IndexBackend and imports no Whoosh module; ``open_store`` /
``open_backend`` take a folder or ``whoosh:FOLDER`` and name an unknown backend."""
from __future__ import annotations

import ast
import importlib
import inspect
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from indexer.pipeline import stale_reason, update_index
from indexer.store import (Expected, IndexNotFound, LiveGeneration, SCHEMA_VERSION, SearchRequest, UnknownBackend,
                           index_root, open_backend, open_store)

from conftest import TEST_BACKEND, index_spec_at

REPO = Path(__file__).resolve().parents[1]
PIPELINE = REPO / "indexer" / "pipeline.py"
TESTS = REPO / "tests"
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
    """A small index written by the pipeline through a spec (``<engine>:FOLDER``)."""
    root = tmp_path_factory.mktemp("backend")
    src = root / "src"
    src.mkdir()
    (src / "bostader.txt").write_text("Kommunstyrelsen beslutar om nya bostäder i Boden.\n", encoding="utf-8")
    (src / "skolan.txt").write_text("Protokoll om skolans lokaler i Luleå.\n", encoding="utf-8")
    spec = index_spec_at(root / "index")
    report = update_index([src], spec, root / "cache", jobs=1, progress=False)
    assert report.exit_status == 0 and report.documents == 2
    assert report.index == str(root / "index")
    assert list((root / "index" / "reports").glob("run-*.json"))  # reports beside the index, not in "whoosh:…"
    return src, spec


def _documents(index: str) -> list:
    store = open_store(index)
    ids = sorted({h.doc_id for h in store.search(SearchRequest(query="", limit=10)).hits})
    return [store.get_document(i) for i in ids]


def _published(idx: str, index: str):
    backend = open_backend(idx)
    docs = _documents(index)
    gen = backend.begin(["källa"])
    assert gen.write_batch(docs) == 2
    manifest = {"version": 1, "documents": {d.doc_id: {"path": d.source_path} for d in docs}}
    name = backend.publish(gen, {"documents": 2, "extractor_version": "x"}, manifest)
    return backend, docs, name, manifest


@pytest.fixture()
def idx(tmp_path) -> str:
    """A second, empty index location for this test."""
    return index_spec_at(tmp_path / "idx")


def test_a_generation_built_through_the_backend_is_live_and_read_by_open_store(built, idx):
    _src, index = built
    backend = open_backend(idx)
    assert backend.live() is None
    docs = _documents(index)
    gen = backend.begin(["källa"])
    gen.write_batch(docs)
    assert backend.live() is None  # nothing is live before publish
    with pytest.raises(IndexNotFound):
        open_store(idx)
    name = backend.publish(gen, {"documents": 2}, {"version": 1, "documents": {}})
    live = backend.live()
    assert live is not None and live.name == name and name
    assert live.meta["documents"] == 2 and live.meta["complete"] and live.meta["sources"] == ["källa"]
    assert backend.manifest(live) == {"version": 1, "documents": {}}
    assert backend.rebuild_reason(live) is None
    store = open_store(idx)
    assert store.stats().generation == name and store.stats().documents == 2
    assert store.search(SearchRequest(query="bostäder")).total == 1
    assert store.get_document(docs[0].doc_id).title == docs[0].title


@pytest.mark.whoosh_only
def test_a_whoosh_generation_is_a_gen_folder(built, idx):
    _backend, _docs, name, _manifest = _published(idx, built[1])
    assert name.startswith("gen-") and [p.name for p in index_root(idx).glob("gen-*")] == [name]


def test_an_update_begins_from_the_live_generation(built, idx):
    backend, docs, first, _manifest = _published(idx, built[1])
    gen = backend.begin(["källa"], base=backend.live())
    gen.commit_staged([], delete=[docs[0].doc_id])
    second = backend.publish(gen, {"documents": 1}, {"version": 1, "documents": {}})
    assert second != first and backend.live().meta["previous"] == first
    store = open_store(idx)
    assert store.stats().documents == 1 and store.get_document(docs[0].doc_id) is None
    assert store.get_document(docs[1].doc_id) is not None


def test_abandon_leaves_the_live_generation_untouched(built, idx):
    backend, docs, _name, manifest = _published(idx, built[1])
    live = backend.live()
    gen = backend.begin(["källa"], base=live)
    gen.commit_staged([], delete=[d.doc_id for d in docs])
    backend.abandon(gen)
    assert backend.live() == live and backend.manifest(live) == manifest
    assert open_store(idx).stats().documents == 2


@pytest.mark.whoosh_only
def test_abandon_removes_its_generation_folder_and_changes_no_byte_of_the_live_one(built, idx, tmp_path):
    backend, docs, name, manifest = _published(idx, built[1])
    root = index_root(idx)
    live = backend.live()
    files = {p.relative_to(tmp_path): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    gen = backend.begin(["källa"], base=live)
    gen.commit_staged([], delete=[d.doc_id for d in docs])
    assert len(list(root.glob("gen-*"))) == 2
    backend.abandon(gen)
    assert backend.live() == live and backend.manifest(live) == manifest
    assert [p.name for p in root.glob("gen-*")] == [name]
    assert {p.relative_to(tmp_path): p.read_bytes() for p in root.rglob("*") if p.is_file()} == files
    assert open_store(idx).stats().documents == 2


@pytest.mark.whoosh_only  # what a killed run leaves is a gen-* folder
def test_prune_removes_what_a_killed_run_left_and_keeps_live_and_previous(built, idx):
    backend, docs, first, _manifest = _published(idx, built[1])
    root = index_root(idx)
    gen = backend.begin(["källa"], base=backend.live())
    second = backend.publish(gen, {"documents": 2}, {"version": 1, "documents": {}})
    backend.begin(["källa"])  # never published nor abandoned: a killed run
    assert len(list(root.glob("gen-*"))) == 3
    backend.prune()
    assert sorted(p.name for p in root.glob("gen-*")) == sorted([first, second])


def test_one_rebuild_check_for_the_update_and_for_make_index(built):
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


@pytest.mark.whoosh_only  # an older index is made by copying the folder and editing its meta.json
def test_make_index_gives_the_same_rebuild_reason(built, tmp_path):
    # make index (stale_reason) gives the same reason: it asks the same check
    src, index = built
    reason = f"indexets schema 1 skiljer sig från {SCHEMA_VERSION}"
    copy = tmp_path / "index"
    shutil.copytree(index_root(index), copy, symlinks=True)
    meta_file = open_backend(copy).live().location / "meta.json"
    meta_file.write_text(json.dumps({**json.loads(meta_file.read_text(encoding="utf-8")), "schema_version": 1}),
                         encoding="utf-8")
    assert stale_reason([src], copy) == reason
    assert stale_reason([src], f"whoosh:{copy}") == reason


# -- open_store / open_backend ----------------------------------------------------------

@pytest.mark.whoosh_only  # a plain folder is a Whoosh index
def test_whoosh_spec_and_plain_path_open_the_same_store(built, monkeypatch):
    index = index_root(built[1])
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


def test_the_web_app_serves_a_backend_spec(built):
    from search_app import create_app
    app = create_app({"INDEX_DIR": built[1], "TESTING": True})
    r = app.test_client().get("/api/search", query_string={"q": "bostäder"})
    assert r.status_code == 200 and r.get_json()["total"] == 1


def test_an_unknown_backend_is_named(tmp_path, monkeypatch, capsys):
    for call in (open_store, open_backend):
        with pytest.raises(UnknownBackend, match=r"^unknown index backend 'pg' in SEARCH_INDEX_DIR"):
            call("pg://db.kommun.se/handlingar")
    assert issubclass(UnknownBackend, ValueError)
    with pytest.raises(UnknownBackend, match=f"no index folder after {TEST_BACKEND}:"):
        open_backend(f"{TEST_BACKEND}:")
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


# -- every test names the indexes it writes by a spec on the suite's engine ----------------

#: The functions that take an index spec, and the position of that argument.
SPEC_ARGS = {"build_index": 1, "update_index": 1, "run_index": 1, "stale_reason": 1,
             "open_store": 0, "open_backend": 0, "index_root": 0}
SPEC_KEYWORDS = {"index_root", "spec"}
#: Tests that point at an index that does not exist, to check what is said about it
#: (a deploy script is given a folder, as in production).
MISSING_INDEX = {("test_api.py", "test_health_without_index_is_503"), ("test_api.py", "test_cli_missing_index_exit_2"),
                 ("test_update_deploy.py", "test_alert_script_reports_the_failure_and_the_index_status")}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")
_PATH_CALLS = {"Path", "PurePath", "mktemp", "getbasetemp", "resolve", "absolute", "joinpath", "with_name"}


def _whoosh_only(node: ast.AST) -> bool:
    return "whoosh_only" in ast.unparse(node)


class _BareIndexes:
    """Where a module names an index by a bare folder (a Whoosh index whatever
    the suite runs on) or by a hard-coded ``whoosh:`` spec: the index argument of
    SPEC_ARGS, ``--index`` in a command line, INDEX_DIR / SEARCH_INDEX_DIR."""

    def __init__(self, tree: ast.Module):
        self.found: list[tuple[str, int, str]] = []
        self.module_names: dict[str, str] = {}
        self._names(tree.body, self.module_names)

    def why(self, e: ast.AST, names: dict[str, str]) -> str | None:
        """Why ``e`` is no spec of the suite's engine, or None."""
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Div):
            return "a path"
        if isinstance(e, ast.Name):
            return "a path" if e.id == "tmp_path" else names.get(e.id) or self.module_names.get(e.id)
        if isinstance(e, ast.Call):
            f = e.func
            called = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if called in _PATH_CALLS:
                return "a path"
            return self.why(e.args[0], names) if called in ("str", "fspath") and e.args else None
        if isinstance(e, ast.Attribute) and e.attr in ("parent", "name", "stem"):
            return self.why(e.value, names)
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            if not _SCHEME.match(e.value):
                return "a folder"
            return "a hard-coded engine" if e.value.lower().startswith("whoosh:") else None
        if isinstance(e, ast.JoinedStr) and e.values:
            first, rest = e.values[0], e.values[1:]
            if isinstance(first, ast.Constant):
                return self.why(first, names)
            if (isinstance(first.value, ast.Name) and first.value.id in ("TEST_BACKEND", "BACKEND") and rest
                    and isinstance(rest[0], ast.Constant) and str(rest[0].value).startswith(":")):
                return None
            return "a path"
        return None

    def _names(self, body, names: dict[str, str]) -> None:
        """Names bound to a bare folder (``idx = tmp_path / "index"``, ``src, idx = ...``)."""
        for node in (n for stmt in body for n in ast.walk(stmt)):
            if isinstance(node, ast.Assign):
                pairs = []
                for t in node.targets:
                    if isinstance(t, ast.Tuple) and isinstance(node.value, ast.Tuple) \
                            and len(t.elts) == len(node.value.elts):
                        pairs += zip(t.elts, node.value.elts)
                    else:
                        pairs.append((t, node.value))
                for target, value in pairs:
                    why = self.why(value, names) if isinstance(target, ast.Name) else None
                    if why:
                        names[target.id] = why

    def function(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        names: dict[str, str] = {}
        for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs:
            annotation = ast.unparse(a.annotation) if a.annotation is not None else ""
            if "Path" in annotation and "str" not in annotation:
                names[a.arg] = "a Path parameter"
        self._names(fn.body, names)
        for node in ast.walk(fn):
            for what, arg in self._index_args(node):
                why = self.why(arg, names)
                if why:
                    self.found.append((fn.name, node.lineno, f"{what} is {why}: {ast.unparse(arg)}"))

    @staticmethod
    def _index_args(node: ast.AST):
        if isinstance(node, ast.Call):
            f = node.func
            called = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if called in SPEC_ARGS:
                pos = SPEC_ARGS[called]
                if len(node.args) > pos and not isinstance(node.args[pos], ast.Starred):
                    yield called, node.args[pos]
                yield from ((called, k.value) for k in node.keywords if k.arg in SPEC_KEYWORDS)
        elif isinstance(node, (ast.List, ast.Tuple)):
            yield from (("--index", e) for p, e in zip(node.elts, node.elts[1:])
                        if isinstance(p, ast.Constant) and p.value == "--index")
        elif isinstance(node, ast.Dict):
            yield from ((k.value, v) for k, v in zip(node.keys, node.values)
                        if isinstance(k, ast.Constant) and k.value in ("INDEX_DIR", "SEARCH_INDEX_DIR"))


def _bare_indexes(source: str) -> list[tuple[str, int, str]]:
    """(function, line, what) of every index named by a bare folder in ``source``,
    a test module; tests marked whoosh_only (a function, or the module's pytestmark)
    may name a folder: a plain folder is a Whoosh index."""
    tree = ast.parse(source)
    if any(isinstance(n, ast.Assign) and "pytestmark" in ast.unparse(n.targets[0]) and _whoosh_only(n.value)
           for n in tree.body):
        return []
    check = _BareIndexes(tree)

    def functions(body):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if not any(_whoosh_only(d) for d in node.decorator_list):
                    yield node
            elif isinstance(node, ast.ClassDef):
                yield from functions(node.body)
    for fn in functions(tree.body):
        check.function(fn)
    return sorted(set(check.found))


def test_the_bare_index_check_finds_bare_folders():
    def found(source: str) -> list[str]:
        return sorted(what for _fn, _line, what in _bare_indexes(textwrap.dedent(source)))
    assert found("""
        def test_a(tmp_path):
            update_index([src], tmp_path / "index", tmp_path / "cache", jobs=1)
            open_store(str(tmp_path / "index"))
            build_index(sources=[src], index_root=root / "index", cache_dir=c)
        """) == ["build_index is a path: root / 'index'", "open_store is a path: str(tmp_path / 'index')",
                 "update_index is a path: tmp_path / 'index'"]
    assert found("""
        def test_b(tmp_path):
            src, idx = tmp_path / "src", tmp_path / "index"
            copy = Path("kopia")
            main(["update", "--source", str(src), "--index", str(idx)])
            create_app({"INDEX_DIR": copy, "TESTING": True})
            stale_reason([src], idx.parent)
        def _start(idx: Path):
            return open_backend(idx)
        """) == ["--index is a path: str(idx)", "INDEX_DIR is a path: copy", "open_backend is a Path parameter: idx",
                 "stale_reason is a path: idx.parent"]
    assert found("""
        def test_c(tmp_path):
            open_store("data/index")
            open_backend(f"whoosh:{tmp_path}")
            open_store(f"{tmp_path}/sub:dir")
        """) == ["open_backend is a hard-coded engine: f'whoosh:{tmp_path}'", "open_store is a folder: 'data/index'",
                 "open_store is a path: f'{tmp_path}/sub:dir'"]
    assert found("""
        INDEX = REPO / "data" / "index"
        def test_d():
            open_store(INDEX)
        """) == ["open_store is a path: INDEX"]
    # specs from the fixture, the helper or TEST_BACKEND; other schemes; whoosh_only tests
    assert found("""
        def test_e(tmp_path, index_spec, corpus_index):
            idx = index_spec_at(tmp_path / "i")
            build_index([src], idx, tmp_path / "cache")
            update_index([src], index_spec, tmp_path / "cache")
            open_store(f"{TEST_BACKEND}:{tmp_path / 'index'}")
            main(["search", "x", "--index", str(corpus_index)])
            create_app({"INDEX_DIR": _spec(root), "TESTING": True})
            open_backend("pg://db.kommun.se/handlingar")
        def _run(src: Path, idx: str):
            return update_index([src], idx, src.parent / "cache")
        @pytest.mark.whoosh_only
        def test_f(tmp_path):
            open_store(tmp_path / "index")
        """) == []
    assert found("""
        pytestmark = pytest.mark.whoosh_only
        def test_g(tmp_path):
            open_store(tmp_path / "index")
        """) == []


def test_no_test_names_an_index_it_writes_by_a_bare_folder():
    """Every index a test builds, updates or opens is a spec on the engine the
    suite runs on (conftest: index_spec, index_spec_at, corpus_index), so another
    engine runs the same tests; a test of Whoosh's own layout is marked whoosh_only."""
    modules = sorted(p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts)
    assert len(modules) > 40
    bare = [f"{path.relative_to(TESTS)}:{line} {fn}: {what}" for path in modules
            for fn, line, what in _bare_indexes(path.read_text(encoding="utf-8"))
            if (path.name, fn) not in MISSING_INDEX]
    assert bare == []
