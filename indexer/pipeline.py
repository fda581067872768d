"""The build: find files, extract (cached), structure, tag areas, index.

Extraction, structuring and tagging run in a pool of worker processes; the
parent writes to the index as results arrive, so both cores are busy.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .areas import AreaTagger
from .cache import ExtractionCache, sha256_file
from .config import IGNORED_NAMES
from .extract import EXTRACTOR_VERSION, extract_file
from .models import Document, ExtractionError
from .store import create_generation, current_generation_info
from .structure import structure

log = logging.getLogger("indexer")
BATCH_SIZE = 100
NOTICE_FILE = ".notice"


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class BuildReport:
    documents: int = 0
    pages: int = 0
    passages: int = 0
    extracted: int = 0
    from_cache: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    generation: str = ""

    def summary(self) -> str:
        return (f"{self.documents} dokument, {self.pages} sidor, {self.passages} passager indexerade; "
                f"{len(self.failures)} fel; {self.extracted} extraherade, {self.from_cache} från cache; "
                f"{self.seconds:.1f} s")


class BuildError(Exception):
    pass


def discover(sources: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(source root, file) for every candidate file, in a stable order.

    Hidden files and folders and READMEs are skipped; everything else is
    offered to the extractors, which report what they cannot read.
    """
    for root in sources:
        root = root.resolve()
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or name in IGNORED_NAMES:
                    continue
                yield root, Path(dirpath) / name


# Per worker process: loaded once by _init_worker.
_tagger: AreaTagger | None = None
_cache: ExtractionCache | None = None


def _init_worker(cache_dir: str) -> None:
    global _tagger, _cache
    _tagger = AreaTagger()
    _cache = ExtractionCache(Path(cache_dir), EXTRACTOR_VERSION)


def process_file(job: tuple[str, str]) -> tuple[Document | None, Failure | None, bool]:
    """Extract (or reuse the cached extraction), structure and tag one file."""
    root, path = Path(job[0]), Path(job[1])
    rel = path.relative_to(root).as_posix()
    assert _tagger is not None and _cache is not None
    try:
        digest = sha256_file(path)
        ex = _cache.get(digest)
        cached = ex is not None
        if ex is None:
            ex = extract_file(path, root)
            _cache.put(ex)
        ex.source_path = rel  # the same content may now live under another name
        doc = structure(ex, str(root))
        if not doc.passages:
            return None, Failure(rel, "no text found in the file"), cached
        for p in doc.passages:
            tags = _tagger.tag(p.text)
            p.areas = sorted(tags)
            p.area_terms = tags
        doc.area_terms = _tagger.tag_document([p.text for p in doc.passages], doc.title)
        doc.areas = sorted(doc.area_terms)
        return doc, None, cached
    except ExtractionError as exc:
        return None, Failure(rel, str(exc)), False
    except OSError as exc:
        return None, Failure(rel, f"cannot read file: {exc.strerror or exc}"), False
    except Exception as exc:  # one bad document must never stop a run
        log.exception("unexpected error in %s", rel)
        return None, Failure(rel, f"internal error: {type(exc).__name__}: {exc}"), False


def _progress(total: int, enabled: bool) -> Callable[[str], None]:
    if enabled and sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(total=total, unit="fil", desc="Indexerar", file=sys.stderr)

        def step(_name: str) -> None:
            bar.update(1)
            if bar.n >= total:
                bar.close()
        return step
    done = [0]

    def step_log(name: str) -> None:
        done[0] += 1
        if enabled and (done[0] % 50 == 0 or done[0] == total):
            log.info("%d/%d filer: %s", done[0], total, name)
    return step_log


@contextmanager
def process_files(files: list[tuple[Path, Path]], cache_dir: Path, jobs: int = 2
                  ) -> Iterator[Iterator[tuple[Document | None, Failure | None, bool]]]:
    """process_file over (source root, file) pairs, in order, on `jobs` worker processes."""
    args = [(str(root), str(path)) for root, path in files]
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(str(cache_dir),)) as pool:
            yield pool.map(process_file, args, chunksize=1)
    else:
        _init_worker(str(cache_dir))
        yield map(process_file, args)


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


def build_index(sources: list[Path], index_root: Path, cache_dir: Path, jobs: int = 2,
                progress: bool = True) -> BuildReport:
    """Build a complete new index generation and switch it in when done.

    The previous generation keeps serving until the switch; if anything
    fails before it, the previous one stays live and untouched.
    """
    started = time.monotonic()
    for src in sources:
        if not src.is_dir():
            raise BuildError(f"source folder not found: {src}")
    files = list(discover(sources))
    report = BuildReport()
    store = create_generation(index_root, sources=[str(s.resolve()) for s in sources])
    step = _progress(len(files), progress)
    batch: list[Document] = []
    try:
        with process_files(files, cache_dir, jobs) as results:
            for (root, path), (doc, failure, cached) in zip(files, results):
                step(path.name)
                if failure:
                    report.failures.append(failure)
                    log.warning("hoppar över %s: %s", failure.path, failure.reason)
                    continue
                assert doc is not None
                report.documents += 1
                report.pages += len(doc.pages)
                report.passages += len(doc.passages)
                report.from_cache += cached
                report.extracted += not cached
                batch.append(doc)
                if len(batch) >= BATCH_SIZE:
                    store.write_batch(batch)
                    batch = []
            if batch:
                store.write_batch(batch)
        if report.documents == 0:
            raise BuildError(f"nothing could be indexed from {', '.join(map(str, sources))} "
                             f"({len(report.failures)} files failed)")
        report.seconds = time.monotonic() - started
        store.publish({"notices": source_notices(sources), "documents": report.documents,
                       "passages": report.passages, "pages": report.pages, "failures": [f.__dict__ for f in report.failures],
                       "extractor_version": EXTRACTOR_VERSION})
        report.generation = current_generation_info(index_root).get("generation", "")
    except BaseException:
        store.abandon()
        raise
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


def stale_reason(sources: list[Path], index_root: Path) -> str | None:
    """Why the index must be (re)built, or None when it is current."""
    from . import analysis
    from .store import SCHEMA_VERSION
    info = current_generation_info(index_root)
    if not info:
        return "no index yet"
    meta = info["meta"]
    if meta.get("schema_version") != SCHEMA_VERSION:
        return f"index schema {meta.get('schema_version')} differs from {SCHEMA_VERSION}"
    if meta.get("analyzer_version") != analysis.ANALYZER_VERSION:
        return "the Swedish analyzer changed"
    if meta.get("extractor_version") != EXTRACTOR_VERSION:
        return "the extractors changed"
    if sorted(meta.get("sources", [])) != sorted(str(s.resolve()) for s in sources):
        return "different source folders"
    if newest_mtime(sources) > info["built_ts"]:
        return "source files changed since the last build"
    from .areas import areas_file
    from .structure import DATA_DIR
    for data_file in (areas_file(), DATA_DIR / "bodies.txt"):
        if data_file.exists() and data_file.stat().st_mtime > info["built_ts"]:
            return f"{data_file.name} changed since the last build"
    return None
