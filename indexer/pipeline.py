"""The runs of the ingester: a full build and the incremental (nightly) update.

Both compare the source folders with the live index generation (inventory.py),
extract what must be read (cached by content hash), structure and tag it in a
pool of worker processes, and write a *new* generation that is switched in
atomically when complete (store/). An update starts its generation as a
hard-linked copy of the live one and applies only the differences; a build,
or an update after a schema, analyzer, extractor or lexicon change, starts
from an empty one. The live generation is never written to, so searches see
the old or the new state and a killed run leaves the last good index live.

Each file is read (extracted) in a child process of the process that indexes
it (``_Reader``), so a file that takes longer than the time limit is stopped
without touching the index segments written so far.

One run at a time per index (lock.py); every run writes a report (report.py).
"""
from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import queue
import signal
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

from .areas import AreaTagger
from .cache import ExtractionCache, sha256_file
from .config import FileLimits
from .extract import (EXTRACTOR_VERSION, LimitExceeded, NeedsProgram, default_limits, default_max_bytes,
                      extract_file, for_file_name, readable_path)
from .inventory import (MANIFEST_VERSION, Job, Plan, discover, failure_entry, manifest_entry,
                        plan_changes, scan)
from .lock import IndexLock, IndexLocked
from .models import Document, ExtractedDocument, ExtractionError, NeedsOcr, OcrError
from .provenance import Provenance, ProvenanceError, read_sidecar, sidecar_path
from .report import (EXIT_FILES_FAILED, EXIT_NOT_RUN, EXIT_OK, Failure, RunReport, finished_on_error, now_iso,
                     write_report)
from .store import Expected, IndexBackend, LiveGeneration, NewGeneration, open_backend
from .store.base import Staging
from .structure import structure

__all__ = ["BuildError", "BuildReport", "Failure", "RunReport", "build_index", "update_index", "run_index",
           "discover", "process_file", "process_files", "load_documents", "stale_reason", "source_notices"]

log = logging.getLogger("indexer")
NOTICE_FILE = ".notice"
BuildReport = RunReport  # the build's report is a run report


class BuildError(Exception):
    """The run could not be carried out; the message says why (in Swedish)."""


class FileTimedOut(ExtractionError):
    """Reading the file took longer than the time limit; its reader was stopped."""


class ReaderDied(ExtractionError):
    """The process reading the file ended without an answer (a crash in a
    native library, the out-of-memory killer)."""


class ReaderError(Exception):
    """An unexpected error while reading a file in a reader process, as text
    (the exception itself need not survive pickling)."""


#: Moments of a run a test can pause it at (see _pause_for_test).
TEST_STAGES = ("locked", "generation", "indexing", "indexed", "committed")


def _pause_for_test(stage: str) -> None:
    """Test-only (tests/test_update_kill.py kills runs at exact moments): with
    SEARCH_TEST_PAUSE_AT=<stage> the run creates the file named by
    SEARCH_TEST_PAUSE_FILE, holding its process id, when it reaches ``stage``
    and waits while that file exists. Without the variable this is one
    environment lookup per stage."""
    from .config import test_pause_marker
    marker = test_pause_marker(stage)
    if marker is None:
        return
    tmp = marker.with_name(f".{marker.name}.{os.getpid()}")
    tmp.write_text(str(os.getpid()), encoding="utf-8")
    os.replace(tmp, marker)  # the test never sees an empty marker
    while marker.exists():
        time.sleep(0.02)


# -- one file -------------------------------------------------------------------------

# Per worker process: loaded once by _init_worker.
_tagger: AreaTagger | None = None
_cache: ExtractionCache | None = None
_ocr = None
_max_bytes: int | None = None
_limits: FileLimits | None = None
_reader: "_Reader | None" = None  # set while an IndexingPool runs in this process


def _init_worker(cache_dir: str, max_bytes: int | None = None, limits: FileLimits | None = None) -> None:
    global _tagger, _cache, _ocr, _max_bytes, _limits
    from .extract.ocr import OcrEngine
    _tagger = AreaTagger()
    _cache = ExtractionCache(Path(cache_dir), EXTRACTOR_VERSION)
    _ocr = OcrEngine(Path(cache_dir) / "ocr")
    _max_bytes = max_bytes
    _limits = limits


def _extract(path: Path, root: Path) -> ExtractedDocument:
    if _reader is not None:
        return _reader.extract(path, root)
    return extract_file(path, root, max_bytes=_max_bytes, ocr=_ocr, limits=_limits)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent ends (prctl
    PR_SET_PDEATHSIG), so a reader never outlives a killed run."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the closed pipe still ends the reader after its file
    if os.getppid() != parent:
        os._exit(0)  # the parent ended before the request took effect


def _reader_main(conn, parent: int) -> None:
    """The reader process: (path, root) from ``conn`` until None or the pipe
    closes; answers ("ok", ExtractedDocument), ("error", exception) or
    ("internal", text)."""
    os.setpgid(0, 0)  # its own group, so a timeout kills the programs it started too
    _die_with_parent(parent)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        path, root = Path(item[0]), Path(item[1])
        try:
            reply: tuple = ("ok", extract_file(path, root, max_bytes=_max_bytes, ocr=_ocr, limits=_limits))
        except (ExtractionError, OSError) as exc:
            reply = ("error", exc)
        except Exception as exc:
            log.exception("unexpected error in %s", readable_path(str(path)))
            reply = ("internal", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except Exception as exc:  # an answer that does not pickle
            conn.send(("internal", f"the result could not be passed on: {type(exc).__name__}: {exc}"))


class _Reader:
    """Reads files (extract_file) in a child process of this one, one at a
    time, so that a file that takes longer than ``timeout_s`` can be stopped:
    the child is killed together with the programs it started (antiword,
    Tesseract) and a new one reads the next file. The process that holds the
    index segments being written never runs extraction code, so stopping a
    file loses nothing else. The child is forked when first needed (it
    inherits the loaded extractors, OCR engine and limits) and ends with its
    parent. ``keep_waiting`` is asked every second while a file is read."""

    def __init__(self, timeout_s: float, keep_waiting: Callable[[], bool] = lambda: True):
        self.timeout_s = timeout_s
        self.keep_waiting = keep_waiting
        self.pid = 0
        self.conn = None

    def _start(self) -> None:
        parent_end, child_end = multiprocessing.Pipe()
        me = os.getpid()
        # The child would otherwise touch (and so copy) every inherited object
        # in its first garbage collection.
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:
            gc.unfreeze()
            raise
        if pid == 0:
            code = 0
            try:
                parent_end.close()
                _reader_main(child_end, me)
            except BaseException:
                code = 1
            finally:
                os._exit(code)  # never return into the parent's code
        gc.unfreeze()
        try:
            os.setpgid(pid, pid)  # also here: a kill right after the fork must reach the group
        except OSError:
            pass  # the child did it first (or has already ended)
        child_end.close()
        self.pid, self.conn = pid, parent_end

    def extract(self, path: Path, root: Path) -> ExtractedDocument:
        if not self.pid:
            self._start()
        try:
            self.conn.send((str(path), str(root)))
        except OSError:  # it died after its last file: a new one takes this one
            self._reap()
            self._start()
            self.conn.send((str(path), str(root)))
        deadline = time.monotonic() + self.timeout_s
        while not self.conn.poll(min(1.0, max(0.0, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                self.stop(kill=True)
                raise FileTimedOut(f"timed out after {self.timeout_s:g} s")
            if not self.keep_waiting():
                self.stop(kill=True)
                raise SystemExit(1)
        try:
            reply = self.conn.recv()
        except (EOFError, OSError):
            how = self._reap()
            raise ReaderDied(f"the process reading the file ended unexpectedly ({how})") from None
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "error":
            raise reply[1]
        raise ReaderError(reply[1])

    def _reap(self) -> str:
        """Wait for the ended child; how it ended."""
        pid, self.pid = self.pid, 0
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        try:
            _pid, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return "gone"
        code = os.waitstatus_to_exitcode(status)
        if code < 0:
            return f"killed by signal {-code} ({signal.Signals(-code).name})"
        return f"exit status {code}"

    def stop(self, kill: bool = False) -> None:
        """End the child: at once (``kill``), or after it has finished its file."""
        if not self.pid:
            return
        if kill:
            self._kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    ended = os.waitpid(self.pid, os.WNOHANG)[0]
                except ChildProcessError:
                    ended = self.pid
                if ended:
                    self.pid = 0
                    self.conn.close()
                    self.conn = None
                    return
                time.sleep(0.01)
            self._kill()  # it did not end within 10 s
        self._reap()

    def _kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)  # with the programs it started
        except OSError:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass  # already ended; _reap collects it


def _with_doc_id(doc: Document, doc_id: str) -> Document:
    """The document under an id it already had in the index (a moved file keeps its links)."""
    if doc.doc_id == doc_id:
        return doc
    doc.doc_id = doc_id
    for p in doc.passages:
        p.doc_id = doc_id
        p.passage_id = f"{doc_id}-{p.seq}"
    return doc


#: Document.metadata key of the reason a file's sidecar record was not used (a warning of the run).
SIDECAR_ERROR = "sidecar_error"


def _read_provenance(path: Path) -> tuple[Provenance | None, str]:
    """The sidecar record of ``path`` (None when it has none), or why it cannot be used."""
    try:
        record = read_sidecar(path)
    except ProvenanceError as exc:
        return None, str(exc)
    if record is not None and urlsplit(record.public_url).scheme not in ("http", "https"):
        # The address becomes a link on the document page: only a web address may.
        return None, f"{sidecar_path(path)}: the public address is not a web address: {record.public_url}"
    return record, ""


def process_file(job: tuple) -> tuple[Document | None, Failure | None, bool]:
    """Extract (or reuse the cached extraction), structure and tag one file,
    with its sidecar record when it was harvested (a record that cannot be
    used is a warning, the file is indexed without it).

    ``job`` is (source root, file) or (source root, file, doc_id, sha256):
    the doc_id to use and the content hash the caller already computed."""
    root, path = Path(job[0]), Path(job[1])
    doc_id = job[2] if len(job) > 2 else ""
    digest = job[3] if len(job) > 3 else ""
    rel = readable_path(path.relative_to(root).as_posix())
    src = str(root)
    assert _tagger is not None and _cache is not None
    try:
        digest = digest or sha256_file(path)
        ex = _cache.get(digest)
        cached = ex is not None
        if ex is None:
            ex = _extract(path, root)
            if not awaits_ocr(ex.metadata):
                # Pages that wait for Tesseract are read again once it is installed.
                _cache.put(ex)
        else:
            ex = for_file_name(ex, path, root)  # the same content may now live under another name
        provenance, sidecar_error = _read_provenance(path)
        doc = structure(ex, src, provenance)
        if sidecar_error:
            doc.metadata[SIDECAR_ERROR] = sidecar_error
        if doc_id:
            doc = _with_doc_id(doc, doc_id)
        if not doc.passages:
            return None, Failure(rel, "no text found in the file", src), cached
        for p in doc.passages:
            tags = _tagger.tag(p.text)
            p.areas = sorted(tags)
            p.area_terms = tags
        doc.area_terms = _tagger.tag_document([p.text for p in doc.passages], doc.title)
        doc.areas = sorted(doc.area_terms)
        return doc, None, cached
    except NeedsOcr as exc:
        return None, Failure(rel, str(exc), src, "needs_ocr"), False
    except NeedsProgram as exc:
        return None, Failure(rel, str(exc), src, "needs_program"), False
    except (OcrError, ReaderDied) as exc:
        return None, Failure(rel, str(exc), src, "io" if isinstance(exc, OcrError) else "internal"), False
    except LimitExceeded as exc:
        return None, Failure(rel, str(exc), src, "size"), False
    except FileTimedOut as exc:
        return None, Failure(rel, str(exc), src, "timeout"), False
    except ExtractionError as exc:
        return None, Failure(rel, str(exc), src, "content"), False
    except OSError as exc:
        return None, Failure(rel, f"cannot read file: {exc.strerror or exc}", src, "io"), False
    except ReaderError as exc:  # logged with its traceback by the reader
        return None, Failure(rel, f"internal error: {exc}", src, "internal"), False
    except Exception as exc:  # one bad document must never stop a run
        log.exception("unexpected error in %s", rel)
        return None, Failure(rel, f"internal error: {type(exc).__name__}: {exc}", src, "internal"), False


@contextmanager
def process_files(files: list[tuple], cache_dir: Path, jobs: int = 2, max_bytes: int | None = None
                  ) -> Iterator[Iterator[tuple[Document | None, Failure | None, bool]]]:
    """process_file over jobs ((source root, file[, doc_id, sha256]) tuples), in
    order, on `jobs` worker processes. For benchmarks: files are read in the
    workers themselves, without the time limit of an IndexingPool."""
    args = [tuple(str(x) for x in f) for f in files]
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(str(cache_dir), max_bytes)) as pool:
            yield pool.map(process_file, args, chunksize=1)
    else:
        _init_worker(str(cache_dir), max_bytes)
        yield map(process_file, args)


@dataclass
class Indexed:
    """What the parent needs to know of a document a worker has indexed."""

    sha256: str
    pages: int
    passages: int
    ocr_pages: int
    needs_ocr: bool
    warnings: list[Failure]
    sidecar_error: str = ""  # why the file's sidecar record was not used


FileResult = tuple[int, "Indexed | None", "Failure | None", bool]  # (job number, indexed, failure, cached)


def _index_file(job: tuple, staging: Staging, writer: list) -> tuple[Indexed | None, Failure | None, bool]:
    """process_file, then add the document to this process's batch writer
    (``writer`` holds it once opened)."""
    doc, failure, cached = process_file(job)
    if doc is None:
        return None, failure, cached
    if not writer:
        writer.append(staging.writer())
    writer[0].add(doc)
    indexed = Indexed(doc.sha256, len(doc.pages), len(doc.passages), sum(1 for p in doc.pages if p.ocr),
                      awaits_ocr(doc.metadata), _warnings(doc, str(job[0])), doc.metadata.get(SIDECAR_ERROR, ""))
    return indexed, None, cached


def _index_worker(k: int, inq, outq, staging: Staging, parent: int) -> None:
    """A worker process (forked after _init_worker): files from ``inq`` until
    None, results to ``outq``, then its finished segments (or the error that
    stopped it). Files are read by its own reader process (time limit)."""
    global _reader
    writer: list = []
    _reader = _Reader((_limits or default_limits()).file_timeout_s, lambda: os.getppid() == parent)
    try:
        while True:
            try:
                item = inq.get(timeout=1.0)
            except queue.Empty:
                if os.getppid() != parent:  # the run was killed: stop, do not linger
                    raise SystemExit(1) from None
                continue
            if item is None:
                break
            i, job = item
            outq.put(("file", k, i, *_index_file(job, staging, writer)))
        _reader.stop()
        outq.put(("done", k, writer[0].finish() if writer else None))
    except BaseException as exc:
        _reader.stop(kill=True)
        if writer:
            writer[0].cancel()
        if os.getppid() == parent:
            outq.put(("error", k, f"{type(exc).__name__}: {exc}", traceback.format_exc()))


def index_files(staging: Staging, cache_dir: Path, jobs: int = 2, max_bytes: int | None = None,
                limits: FileLimits | None = None) -> "IndexingPool":
    """The pool that processes and indexes a run's files (tests replace it to prove a run reads nothing)."""
    return IndexingPool(staging, cache_dir, jobs, max_bytes, limits)


class IndexingPool:
    """Extract, structure, tag *and index* files on ``jobs`` worker processes.

    Each worker writes the documents it processed into a batch of its own
    (``Store.staging()``), so the costly posting writing runs on every core
    instead of in this process alone; ``staged`` holds the finished batches for
    ``Store.commit_staged`` once ``run`` is exhausted. At most two files per
    worker are queued at a time, so memory does not grow with the corpus.
    Results come in the order the workers finish them; the index's record
    order depends only on the input and ``jobs``.

    A file that takes longer to read than the time limit
    (``limits.file_timeout_s``) is reported as timed out, and its reader
    process is replaced; the worker that indexes goes on with the next file,
    its segments untouched. With ``jobs`` 1 this process indexes and forks the
    reader itself."""

    def __init__(self, staging: Staging, cache_dir: Path, jobs: int = 2, max_bytes: int | None = None,
                 limits: FileLimits | None = None):
        self.staging = staging
        self.cache_dir = str(cache_dir)
        self.jobs = max(1, jobs)
        self.max_bytes = max_bytes
        self.limits = limits or default_limits()
        self.staged: list = []

    def run(self, files: list[tuple]) -> Iterator[FileResult]:
        args = [tuple(str(x) for x in f) for f in files]
        if self.jobs == 1 or len(args) <= 1:
            yield from self._run_here(args)
        else:
            yield from self._run_workers(args)

    def _run_here(self, args: list[tuple]) -> Iterator[FileResult]:
        global _reader
        _init_worker(self.cache_dir, self.max_bytes, self.limits)
        writer: list = []
        _reader = _Reader(self.limits.file_timeout_s)
        try:
            for i, job in enumerate(args):
                yield (i, *_index_file(job, self.staging, writer))
            _reader.stop()
            self.staged = [writer[0].finish()] if writer else []
        except BaseException:
            if writer:
                writer[0].cancel()
            raise
        finally:
            _reader.stop(kill=True)
            _reader = None

    def _run_workers(self, args: list[tuple]) -> Iterator[FileResult]:
        ctx = multiprocessing.get_context("fork")
        n = min(self.jobs, len(args))
        # Loaded once here, inherited by the forked workers (the area lexicon's
        # base forms take seconds to compute).
        _init_worker(self.cache_dir, self.max_bytes, self.limits)
        # Worker k takes files k, k+n, k+2n …: the same input gives the same
        # segments in the same order, so a rebuild ranks ties the same way.
        inqs = [ctx.Queue() for _ in range(n)]
        outq = ctx.Queue()
        procs = [ctx.Process(target=_index_worker, name=f"indexer-worker-{k + 1}", daemon=True,
                             args=(k, inqs[k], outq, self.staging, os.getpid()))
                 for k in range(n)]
        for p in procs:
            p.start()
        try:
            todo = [list(enumerate(args))[k::n][::-1] for k in range(n)]
            in_flight = [0] * n
            while any(todo) or any(in_flight):
                for k in range(n):
                    while todo[k] and in_flight[k] < 2:
                        inqs[k].put(todo[k].pop())
                        in_flight[k] += 1
                msg = self._next(outq, procs)
                if msg[0] != "file":
                    raise self._failed(msg)
                in_flight[msg[1]] -= 1
                yield msg[2], msg[3], msg[4], msg[5]
            for q in inqs:
                q.put(None)
            staged: list = [None] * n
            for _ in range(n):
                msg = self._next(outq, procs, finishing=True)
                if msg[0] != "done":
                    raise self._failed(msg)
                staged[msg[1]] = msg[2]
            self.staged = [s for s in staged if s is not None]
            for p in procs:
                p.join(timeout=30)
        finally:
            for p in procs:
                if p.is_alive():
                    p.terminate()
                    p.join(timeout=10)
            for q in (*inqs, outq):
                q.close()

    @staticmethod
    def _failed(msg: tuple) -> BuildError:
        if msg[0] == "error":
            log.error("arbetsprocess %d: %s", msg[1] + 1, msg[3])
            return BuildError(f"en arbetsprocess avbröts: {msg[2]}")
        return BuildError(f"oväntat besked från en arbetsprocess: {msg[0]}")

    @staticmethod
    def _next(outq, procs, finishing: bool = False):
        while True:
            try:
                return outq.get(timeout=1.0)
            except queue.Empty:
                pass
            # A worker that died without a word (killed, out of memory, a crash
            # in a native library): its batch is lost, so the run cannot finish.
            dead = [p for p in procs if p.exitcode is not None and (p.exitcode != 0 or not finishing)]
            if dead:
                try:
                    return outq.get(timeout=1.0)  # its last message may still be on the way
                except queue.Empty:
                    raise BuildError(f"arbetsprocessen {dead[0].name} avslutades oväntat "
                                     f"(slutstatus {dead[0].exitcode}); indexet lämnas orört") from None


def load_documents(sources: list[Path], cache_dir: Path, jobs: int = 2) -> tuple[list[Document], list[Failure]]:
    """Every readable document of the sources, structured and tagged, without indexing
    (benchmarks index the same documents several ways)."""
    files = list(discover(sources))
    docs, failures = [], []
    with process_files(files, cache_dir, jobs) as results:
        for doc, failure, _cached in results:
            if doc is not None:
                docs.append(doc)
            elif failure is not None:
                failures.append(failure)
    return docs, failures


# -- progress -------------------------------------------------------------------------

def _progress(total: int, enabled: bool, desc: str = "Indexerar") -> Callable[[str], None]:
    """A progress bar in a terminal; under cron or systemd a log line every 50 files."""
    if enabled and sys.stderr.isatty() and total:
        from tqdm import tqdm
        bar = tqdm(total=total, unit="fil", desc=desc, file=sys.stderr)

        def step(_name: str) -> None:
            bar.update(1)
            if bar.n >= total:
                bar.close()
        return step
    done = [0]

    def step_log(name: str) -> None:
        done[0] += 1
        if enabled and (done[0] % 50 == 0 or done[0] == total):
            log.info("%s: %d/%d filer (%s)", desc, done[0], total, name)
    return step_log


# -- a run ----------------------------------------------------------------------------

def lexicon_fingerprint() -> str:
    """sha256 of the area, body, organisation and party lists: the tags, body,
    issuer and persons of every document depend on them."""
    from .areas import areas_file
    from .names import PARTIES_FILE
    from .organisations import organisations_file
    from .structure import DATA_DIR
    h = hashlib.sha256()
    for f in (areas_file(), DATA_DIR / "bodies.txt", organisations_file(), PARTIES_FILE):
        h.update(f.name.encode("utf-8") + b"\0")
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    return h.hexdigest()


def _expected_versions(lexicon: bool = True) -> list[Expected]:
    """What the ingester records in a generation (see _write) and a live one
    must still match to be updated in place; the backend checks its own
    schema and analyzer versions first (IndexBackend.rebuild_reason)."""
    out = [Expected("extractor_version", EXTRACTOR_VERSION, "textextraktionen har ändrats ({found} -> {expected})")]
    if lexicon:
        out.append(Expected("lexicon_sha256", lexicon_fingerprint(),
                            "listan över prioriterade områden, politiska organ, organisationer eller partier har ändrats"))
    return out


def _full_rebuild_reason(backend: IndexBackend, live: LiveGeneration, manifest: dict | None) -> str | None:
    """Why the live index cannot be updated in place, or None."""
    reason = backend.rebuild_reason(live, _expected_versions())
    if reason:
        return reason
    if manifest is None or manifest.get("version") != MANIFEST_VERSION:
        return "indexet saknar förteckning över filerna (byggt av en äldre version)"
    return None


def awaits_ocr(metadata: dict[str, str]) -> bool:
    """Pages were left unread or garbled because OCR was not available: the
    extraction is not cached and the file is read again once Tesseract is installed."""
    return bool(metadata.get("pages_need_ocr") or (metadata.get("low_quality_pages")
                                                   and metadata.get("ocr_unavailable")))


def _warnings(doc: Document, src: str) -> list[Failure]:
    out = []
    m = doc.metadata
    if m.get("pages_need_ocr"):
        out.append(Failure(doc.source_path, f"needs OCR: page {m['pages_need_ocr']} has no text layer; "
                                            f"{m.get('ocr_unavailable', 'OCR not available')}", src, "needs_ocr"))
    if m.get("low_quality_pages"):
        # indexed, but searches may miss words there; OCR could not read it better, or is not installed
        why = (f"; {m['ocr_unavailable']}" if m.get("ocr_unavailable") else "; OCR did not read it better")
        out.append(Failure(doc.source_path, f"low-quality text: page {m['low_quality_pages']} has a garbled "
                                            f"text layer (lost or substituted characters){why}", src, "content"))
    if m.get("ocr_errors"):
        out.append(Failure(doc.source_path, f"OCR failed: {m['ocr_errors']}", src, "io"))
    if m.get("pages_failed"):
        out.append(Failure(doc.source_path, f"page {m['pages_failed']} could not be read", src, "content"))
    if m.get("warning"):
        out.append(Failure(doc.source_path, m["warning"], src, "content"))
    if m.get(SIDECAR_ERROR):
        out.append(Failure(doc.source_path, _sidecar_warning(m[SIDECAR_ERROR]), src, "content"))
    return out


def run_index(sources: list[Path], index_root: Path | str, cache_dir: Path, *, command: str = "update",
              full: bool = False, jobs: int = 2, progress: bool = True, max_bytes: int | None = None,
              report_dir: Path | None = None, limits: FileLimits | None = None) -> RunReport:
    """One run (``command`` "update" or "build"; a build is always full).

    Never raises for what can go wrong with the data or the environment: the
    report says what happened and carries the exit status (0/1/2). The report
    is written to ``report_dir`` (default: ``<index>/reports``). ``limits``:
    what one file may cost (default: indexer/config.py and the environment).
    ``index_root``: a folder or a backend spec (``whoosh:FOLDER``, see
    indexer.store.open_backend); an unknown backend raises UnknownBackend."""
    from .config import default_report_dir
    started = time.monotonic()
    backend = open_backend(index_root)  # UnknownBackend (a ValueError) for a scheme that does not exist
    index_root = backend.root
    report = RunReport(command=command, index=str(index_root), sources=[str(s) for s in sources], started=now_iso())
    with finished_on_error(report, (IndexLocked, BuildError)):
        _run(report, sources, backend, Path(cache_dir), full=full or command == "build", jobs=jobs,
             progress=progress, max_bytes=default_max_bytes() if max_bytes is None else max_bytes,
             limits=limits or default_limits())
        report.finish(EXIT_OK if command == "build" or not report.failures else EXIT_FILES_FAILED)
    report.seconds = time.monotonic() - started
    try:
        write_report(report, report_dir or default_report_dir(index_root))
    except OSError as exc:
        log.warning("kunde inte skriva körrapporten i %s: %s", report_dir or default_report_dir(index_root),
                    exc.strerror or exc)
    return report


def _run(report: RunReport, sources: list[Path], backend: IndexBackend, cache_dir: Path, *, full: bool, jobs: int,
         progress: bool, max_bytes: int, limits: FileLimits) -> None:
    index_root = backend.root
    for src in sources:
        if not src.is_dir():
            raise BuildError(f"källmappen finns inte: {src}")
    unique: dict[str, Path] = {}
    for s in sources:
        unique.setdefault(str(s.resolve()), s)  # the same folder given twice is one folder
    sources = list(unique.values())
    resolved = list(unique)
    report.sources = resolved
    lock = IndexLock(index_root, command=report.command)
    try:
        lock.acquire()
    except OSError as exc:
        raise BuildError(f"kan inte låsa indexmappen {index_root}: {exc.strerror or exc}") from None
    with lock:
        _pause_for_test("locked")
        if lock.taken_over is not None:
            report.lock_taken_over = dict(lock.taken_over.__dict__)
        live = backend.live()
        problem = backend.live_problem() if live is None and not full else None
        if problem:
            raise BuildError(f"indexet i {index_root} kan inte läsas: {problem}; "
                             f"bygg om det med `python -m indexer build`")
        report.previous_generation = live.name if live else ""
        # Leftovers of killed runs (we hold the lock, so nobody else is writing).
        backend.prune()

        manifest = backend.manifest(live) if live else None
        if not full:
            reason = "det finns inget index ännu" if not live else _full_rebuild_reason(backend, live, manifest)
            if reason:
                full = True
                report.full_reason = reason
                log.info("bygger om hela indexet: %s", reason)
        report.mode = "full" if full else "incremental"

        log.info("jämför filerna i %s med indexet", ", ".join(resolved))
        from .extract.doc import readers_available
        from .extract.ocr import probe
        skipped: list[Failure] = []
        files = scan(sources, max_bytes, jobs, lambda total: _progress(total, progress, "Jämför"), skipped)
        skipped.sort(key=lambda w: (w.source, w.path))
        for w in skipped:
            log.warning("hoppar över %s: %s", w.shown(), w.reason)
        if not files:
            raise BuildError(f"inga filer i {', '.join(resolved)}; indexet lämnas orört"
                             if live else f"inga filer att indexera i {', '.join(resolved)}")
        plan = plan_changes(files, manifest, full=full, retry_ocr=probe().ok,
                            retry_programs=bool(readers_available()))
        plan.skipped = skipped
        log.info("%d nya, %d ändrade, %d flyttade, %d borttagna, %d oförändrade, %d att läsa om",
                 plan.count("added"), plan.count("changed"), plan.count("renamed"), len(plan.removed),
                 plan.unchanged, plan.count("reprocessed"))

        notices = source_notices(sources)
        meta = live.meta if live else {}
        if not full and not plan.jobs and not plan.removed and meta.get("notices", []) == notices \
                and sorted(meta.get("sources", [])) == sorted(resolved):
            assert live is not None  # not full: there is a live generation
            report.mode = "none"
            _finish_unchanged(report, plan, manifest or {})
            report.generation = live.name
            return
        _write(report, plan, manifest or {}, backend, live if not full else None, resolved, notices,
               cache_dir, jobs, progress, max_bytes, limits)


def _finish_unchanged(report: RunReport, plan: Plan, manifest: dict) -> None:
    docs = manifest.get("documents", {})
    report.unchanged = plan.unchanged
    report.failures = plan.problems + [f for f, _sha in plan.known_failures]
    report.warnings = plan.skipped + _kept_warnings(plan.keep)
    report.documents = len(docs)
    report.pages = sum(e.get("pages", 0) for e in docs.values())
    report.passages = sum(e.get("passages", 0) for e in docs.values())


def _kept_warnings(keep: dict[str, dict]) -> list[Failure]:
    out = [Failure(e["path"], "needs OCR: the document was indexed without the pages that have no text "
                              "layer, and OCR is still not available", e["source"], "needs_ocr", known=True)
           for e in keep.values() if e.get("needs_ocr")]
    return out + [Failure(e["path"], _sidecar_warning(e["sidecar_error"]), e["source"], "content", known=True)
                  for e in keep.values() if e.get("sidecar_error")]


def _sidecar_warning(error: str) -> str:
    return f"sidecar record not used, indexed without its public address: {error}"


def _write(report: RunReport, plan: Plan, manifest: dict, backend: IndexBackend, base: LiveGeneration | None,
           sources: list[str], notices: list[str], cache_dir: Path, jobs: int, progress: bool,
           max_bytes: int, limits: FileLimits) -> None:
    """Build the new generation (from ``base`` or empty) and publish it."""
    docs: dict[str, dict] = dict(plan.keep)
    failed: list[dict] = [failure_entry(f, sha) for f, sha in plan.known_failures]
    report.unchanged = plan.unchanged
    report.failures = list(plan.problems) + [f for f, _sha in plan.known_failures]
    report.warnings = plan.skipped + _kept_warnings(plan.keep)
    store: NewGeneration = backend.begin(sources, base=base)
    try:
        _pause_for_test("generation")
        doomed = list(plan.removed)
        report.removed = [plan.removed[d]["path"] for d in doomed]
        failures_before, warnings_before = len(report.failures), len(report.warnings)
        step = _progress(len(plan.jobs), progress)
        gone_after_all: list[str] = []
        jobs_args = [(j.file.root, j.file.path, j.doc_id, j.file.sha256) for j in plan.jobs]
        pool = index_files(store.staging(), cache_dir, jobs, max_bytes, limits)
        for n, (i, indexed, failure, cached) in enumerate(pool.run(jobs_args)):
            if n == 0:
                _pause_for_test("indexing")  # the first file is in a worker's segment, the rest to come
            job = plan.jobs[i]
            step(job.file.rel)
            if failure is not None:
                _failed(report, job, failure, docs, failed, gone_after_all, base is not None)
                continue
            assert indexed is not None
            report.from_cache += cached
            report.extracted += not cached
            report.ocr_pages += indexed.ocr_pages
            report.warnings += indexed.warnings
            docs[job.doc_id] = manifest_entry(job.file, indexed.sha256, indexed.pages, indexed.passages,
                                              needs_ocr=indexed.needs_ocr, ocr=indexed.ocr_pages > 0,
                                              sidecar_error=indexed.sidecar_error)
            _record(report, job)
        _pause_for_test("indexed")
        # One commit: the workers' segments in, the replaced and removed documents out.
        store.commit_staged(pool.staged, delete=(doomed if base is not None else []) + gone_after_all)
        _pause_for_test("committed")
        # Workers finish files in any order; reports list them in a stable one.
        for names in (report.added, report.changed, report.reprocessed):
            names.sort()
        report.renamed.sort(key=lambda r: r["to"])
        report.failures[failures_before:] = sorted(report.failures[failures_before:], key=lambda f: f.path)
        report.warnings[warnings_before:] = sorted(report.warnings[warnings_before:], key=lambda f: f.path)
        if not docs:
            n = len(report.failures)
            raise BuildError(f"inget kunde indexeras från {', '.join(sources)} "
                             f"({n} {'fil' if n == 1 else 'filer'} kunde inte läsas); indexet lämnas orört")
        report.documents = len(docs)
        report.pages = sum(e.get("pages", 0) for e in docs.values())
        report.passages = sum(e.get("passages", 0) for e in docs.values())
        new_manifest = {"version": MANIFEST_VERSION, "documents": docs, "failed": failed}
        # The versions recorded here are what _expected_versions checks on the next run.
        stats = {"notices": notices, "documents": report.documents, "passages": report.passages,
                 "pages": report.pages, "failures": [f.__dict__ for f in report.failures],
                 "extractor_version": EXTRACTOR_VERSION, "lexicon_sha256": lexicon_fingerprint(),
                 "run": {"command": report.command, "mode": report.mode, "started": report.started}}
        report.generation = backend.publish(store, stats, manifest=new_manifest)
        log.info("ny generation %s är live (%d dokument)", report.generation, report.documents)
    except BaseException:
        backend.abandon(store)
        raise


def _record(report: RunReport, job: Job) -> None:
    if job.status == "added":
        report.added.append(job.file.rel)
    elif job.status == "changed":
        report.changed.append(job.file.rel)
    elif job.status == "renamed":
        assert job.old is not None
        report.renamed.append({"from": job.old["path"], "to": job.file.rel, "doc_id": job.doc_id})
    elif job.status == "reprocessed":
        report.reprocessed.append(job.file.rel)


def _failed(report: RunReport, job: Job, failure: Failure, docs: dict[str, dict], failed: list[dict],
            gone_after_all: list[str], incremental: bool) -> None:
    """A file that could not be read this time. A changed file's previous
    version stays searchable (never lose data); a moved file's old record
    goes, since its old path no longer exists."""
    log.warning("hoppar över %s: %s", failure.shown(), failure.reason)
    report.failures.append(failure)
    failed.append(failure_entry(failure, job.file.sha256))
    if job.old is None:
        return
    if not incremental:
        return  # a full rebuild starts empty: the old version is not in it
    if job.status in ("changed", "reprocessed"):
        docs[job.doc_id] = job.old  # still in the copied generation, untouched
    elif job.status == "renamed":
        gone_after_all.append(job.doc_id)
        report.removed.append(job.old["path"])


def update_index(sources: list[Path], index_root: Path, cache_dir: Path, *, jobs: int = 2,
                 progress: bool = True, full: bool = False, max_bytes: int | None = None,
                 report_dir: Path | None = None, limits: FileLimits | None = None) -> RunReport:
    """Bring the index in line with the source folders (see run_index)."""
    return run_index(sources, index_root, cache_dir, command="update", full=full, jobs=jobs,
                     progress=progress, max_bytes=max_bytes, report_dir=report_dir, limits=limits)


def build_index(sources: list[Path], index_root: Path, cache_dir: Path, jobs: int = 2,
                progress: bool = True, max_bytes: int | None = None,
                report_dir: Path | None = None, limits: FileLimits | None = None) -> RunReport:
    """Build a complete new index generation and switch it in when done.

    The previous generation keeps serving until the switch; if anything
    fails before it, the previous one stays live and untouched. Raises
    BuildError (or IndexLocked) when the build could not run."""
    report = run_index(sources, index_root, cache_dir, command="build", full=True, jobs=jobs,
                       progress=progress, max_bytes=max_bytes, report_dir=report_dir, limits=limits)
    if report.exit_status == EXIT_NOT_RUN:
        raise BuildError(report.error)
    return report


def source_notices(sources: list[Path]) -> list[str]:
    """Text of each source folder's `.notice` file: what users must be told about
    its documents (the example corpus says it is fictional)."""
    out = []
    for src in sources:
        try:
            text = (src / NOTICE_FILE).read_text(encoding="utf-8").strip()
        except OSError:
            continue
        if text:
            out.append(text)
    return out


def newest_mtime(sources: list[Path]) -> float:
    newest = 0.0
    for src in sources:
        if not src.is_dir():
            continue
        newest = max(newest, src.stat().st_mtime)
        for dirpath, dirnames, filenames in os.walk(src):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in dirnames + filenames:
                try:
                    newest = max(newest, os.stat(os.path.join(dirpath, name)).st_mtime)
                except OSError:
                    pass
    return newest


def stale_reason(sources: list[Path], index_root: Path | str) -> str | None:
    """Why the index must be (re)built, or None when it is current."""
    backend = open_backend(index_root)
    live = backend.live()
    if live is None:
        return "no index yet"
    # The data files' change is told below by their times (the lexicon fingerprint is the update's check).
    reason = backend.rebuild_reason(live, _expected_versions(lexicon=False))
    if reason:
        return reason
    meta = live.meta
    if sorted(meta.get("sources", [])) != sorted(str(s.resolve()) for s in sources):
        return "different source folders"
    if newest_mtime(sources) > live.built_ts:
        return "source files changed since the last build"
    from .areas import areas_file
    from .structure import DATA_DIR
    from .organisations import organisations_file
    for data_file in (areas_file(), DATA_DIR / "bodies.txt", organisations_file()):
        if data_file.exists() and data_file.stat().st_mtime > live.built_ts:
            return f"{data_file.name} changed since the last build"
    return None
