"""Serving: the searcher pool, the start page cache, and `python -m search_app serve`
with worker processes (health, URL prefix, Ctrl+C/SIGTERM, port taken, new generations)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench.perf.load import free_port, get, serving_memory
from bench.perf.procmem import alive, children, tree_rss
from indexer.store.base import SearchRequest
from indexer.store.whoosh.pool import SearcherPool

from conftest import index_spec_at

REPO = Path(__file__).resolve().parents[1]


# --- the searcher pool ------------------------------------------------------------------

class _FakeSearcher:
    def __init__(self, n: int):
        self.n = n
        self.closed = False

    def close(self):
        self.closed = True


def _pool(size: int) -> tuple[SearcherPool, list[_FakeSearcher]]:
    made: list[_FakeSearcher] = []

    def open_one():
        made.append(_FakeSearcher(len(made)))
        return made[-1]
    return SearcherPool(open_one, size), made


def test_pool_never_lends_one_searcher_to_two_threads_at_once():
    pool, made = _pool(2)
    in_use: set[int] = set()
    guard = threading.Lock()
    clashes: list[int] = []
    start = threading.Barrier(8)

    def worker():
        start.wait()
        for _ in range(300):
            with pool.borrow() as s:
                with guard:
                    if s.n in in_use:
                        clashes.append(s.n)
                    in_use.add(s.n)
                time.sleep(0)  # let the other threads run while this one holds it
                with guard:
                    in_use.discard(s.n)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert clashes == []
    assert len(made) <= 2 and pool.opened <= 2


def test_pool_borrow_is_reentrant_and_a_thread_never_waits_for_itself():
    pool, made = _pool(1)
    with pool.borrow() as outer:
        with pool.borrow() as inner:  # would deadlock with a pool of 1 if not re-entrant
            assert inner is outer
        assert pool.held() is outer  # the inner block did not give it back
    assert pool.held() is None
    with pool.borrow() as again:
        assert again is outer  # reused, not reopened
    assert len(made) == 1


def test_pool_close_closes_idle_searchers_now_and_borrowed_ones_when_returned():
    pool, made = _pool(2)
    ready, release = threading.Event(), threading.Event()

    def hold():
        with pool.borrow():
            ready.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    ready.wait(10)
    with pool.borrow():
        pass  # a second searcher, now idle
    pool.close()
    held, idle = made
    assert idle.closed and not held.closed
    release.set()
    t.join()
    assert held.closed and pool.opened == 0


def test_store_serves_concurrent_searches_from_a_small_pool(corpus_index, whoosh_store):
    from indexer.store import open_store

    store = open_store(corpus_index)
    queries = ["bostäder", "avsiktsförklaring samverkan", "kompetensförsörjning", "Norrbotniabanan",
               "näringslivet", "detaljplan Sävast"]
    expected = {q: [(h.doc_id, h.score, h.snippet_html) for h in store.search(SearchRequest(query=q)).hits]
                for q in queries}
    got: dict[str, list] = {}
    errors: list[BaseException] = []

    def run(q: str):
        try:
            for _ in range(5):
                got[q] = [(h.doc_id, h.score, h.snippet_html) for h in store.search(SearchRequest(query=q)).hits]
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(q,)) for q in queries * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and got == expected
    view = store._current()
    assert view.pool.opened <= view.pool.size
    with pytest.raises(RuntimeError):
        view.searcher  # noqa: B018 - only inside `with view.borrow()`


# --- the start page, cached per index generation ------------------------------------------

def _note(path: Path, title: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")


def _small_source(root: Path) -> Path:
    src = root / "src"
    _note(src / "bostader.md", "Bostäder i Boden",
          "Kommunen planerar 300 nya bostäder och hyresrätter vid Sävast. Bostadsbyggandet ökar.")
    _note(src / "skola.md", "Gymnasieskolan",
          "Kompetensförsörjning genom ett gemensamt gymnasieprogram och yrkesutbildning.")
    return src


def _update(src: Path, root: Path):
    from indexer.pipeline import update_index
    report = update_index([src], index_spec_at(root / "index"), root / "cache", jobs=1, progress=False)
    assert report.exit_status == 0
    return report


def test_start_page_is_computed_once_per_generation(tmp_path, monkeypatch, index_spec):
    from search_app import create_app
    from search_app.services import get_store

    src = _small_source(tmp_path)
    _update(src, tmp_path)
    app = create_app({"INDEX_DIR": index_spec, "TESTING": True})
    client = app.test_client()
    store = get_store(app)
    searches = []
    real_search = store.search
    monkeypatch.setattr(store, "search", lambda req, **kw: searches.append(req) or real_search(req, **kw))

    first = client.get("/").get_data(as_text=True)
    assert "Bostäder i Boden" in first and searches
    n = len(searches)
    assert client.get("/").get_data(as_text=True) == first
    assert client.get("/api/areas").status_code == 200
    assert len(searches) == n  # the second start page and /api/areas searched nothing

    # A new generation (the nightly update) shows on the next request, without a restart.
    _note(src / "nytt.md", "Nya bostäder i Luleå", "Luleå bygger 200 nya bostäder och hyresrätter i Kronan.")
    _update(src, tmp_path)
    after = client.get("/").get_data(as_text=True)
    assert "Nya bostäder i Luleå" in after and len(searches) > n
    areas = {a["id"]: a["documents"] for a in client.get("/api/areas").get_json()["areas"]}
    assert areas["leva-och-bo"] == store.search(SearchRequest(areas=["leva-och-bo"])).total


# --- python -m search_app serve ------------------------------------------------------------

class _Serve:
    """`python -m search_app serve` in its own session (so Ctrl+C can go to its whole group)."""

    def __init__(self, index: str, *args: str, port: int | None = None):
        self.port = port or free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "search_app", "serve", "--index", str(index), "--port", str(self.port), *args],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)

    def wait_ready(self, path: str = "/api/health") -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.proc.communicate()
            try:
                if get(self.port, path)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("the server did not answer")

    def stop(self, sig=signal.SIGTERM, group: bool = False) -> tuple[int, str, str]:
        if group:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=60)
        return self.proc.returncode, out, err

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.communicate()


def test_serve_with_two_workers_answers_and_stops_on_sigterm(corpus_index):
    server = _Serve(corpus_index, "--workers", "2", "--threads", "2", "--url-prefix", "/handlingar")
    try:
        server.wait_ready("/handlingar/api/health")
        # The first worker may answer before the master has forked the second.
        deadline = time.monotonic() + 60
        workers = children(server.proc.pid)
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = children(server.proc.pid)
        assert len(workers) == 2
        status, body = get(server.port, "/handlingar/")
        assert status == 200 and 'href="/handlingar/sok' in body.decode("utf-8")
        status, body = get(server.port, "/handlingar/api/search?q=bost%C3%A4der")
        assert status == 200 and b'"hits"' in body
        # the benchmark's "one serving process" is a worker by itself, not the tree's sum
        mem = serving_memory(server.proc.pid)
        assert 0 < mem["one"] <= mem["one_peak"] and mem["master"] > 0
        assert mem["one"] < tree_rss(server.proc.pid)
        code, out, err = server.stop(signal.SIGTERM)
    finally:
        server.kill()
    assert code == 0
    assert "dokument" in out and f"Servern kör på http://127.0.0.1:{server.port}/handlingar/" in out
    assert "Traceback" not in err
    assert not any(alive(pid) for pid in workers)


def test_serve_port_taken_gives_a_clear_error(corpus_index):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        for workers in ("1", "2"):
            server = _Serve(corpus_index, "--workers", workers, port=port)
            try:
                out, err = server.proc.communicate(timeout=120)
            finally:
                server.kill()
            assert server.proc.returncode == 1
            assert f"porten {port} används redan" in err and "--port" in err
            assert "Traceback" not in err and "Servern kör" not in out


def test_serve_bad_workers_environment_variable_exits_2(corpus_index, monkeypatch, capsys):
    from search_app.cli import main

    monkeypatch.setenv("SEARCH_WORKERS", "noll")
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--index", str(corpus_index)])
    assert exc.value.code == 2 and "SEARCH_WORKERS" in capsys.readouterr().err


def test_running_workers_pick_up_a_new_generation_and_stop_on_ctrl_c(tmp_path, index_spec):
    src = _small_source(tmp_path)
    _update(src, tmp_path)
    server = _Serve(index_spec, "--workers", "2")
    try:
        server.wait_ready()
        import json
        before = json.loads(get(server.port, "/api/health")[1])["generation"]
        _note(src / "nytt.md", "Nya bostäder i Luleå", "Luleå bygger 200 nya bostäder i Kronan.")
        report = _update(src, tmp_path)
        assert report.generation != before
        # Every answer now comes from the new generation, whichever worker gives it
        # (new connections are spread over the workers).
        seen = {json.loads(get(server.port, "/api/health")[1])["generation"] for _ in range(20)}
        assert seen == {report.generation}
        status, body = get(server.port, "/api/search?q=Kronan")
        assert status == 200 and "Nya bostäder i Luleå" in body.decode("utf-8")
        workers = children(server.proc.pid)
        code, _out, err = server.stop(signal.SIGINT, group=True)  # Ctrl+C in a terminal
    finally:
        server.kill()
    assert code == 0 and "Traceback" not in err
    assert not any(alive(pid) for pid in workers)


def test_the_master_freezes_what_it_loaded_before_forking_the_workers(monkeypatch):
    # Workers then do not walk the inherited heap in their full collections
    # (the tail latency under load, bench/perf/FINDINGS.md).
    import gc

    from gunicorn.app.base import BaseApplication

    from search_app import server

    seen = {}

    def run(self):
        seen["frozen"] = gc.get_freeze_count()
        seen["app"] = self.load()

    monkeypatch.setattr(BaseApplication, "run", run)
    loaded = [{"held": [n]} for n in range(1000)]  # objects the app holds
    try:
        server.serve_gunicorn(lambda environ, start: loaded, "127.0.0.1", free_port(), 2, 2, "")
    finally:
        gc.unfreeze()
    assert seen["frozen"] >= len(loaded)
    assert callable(seen["app"])
