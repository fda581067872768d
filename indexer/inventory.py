"""What is in the source folders and what the index holds, and the difference.

``scan`` lists the candidate files with size and sha256 (never extracting
anything); ``plan_changes`` compares them with the manifest of the live index
generation (doc_id -> source folder, path, sha256) and decides, per file, what
an update must do. Files are identified by (source folder, relative path);
content by sha256, so a file moved or renamed with the same content keeps its
doc_id and is not read again. A harvested file's sidecar record (provenance.py)
is part of what the index shows of it (public address, "no longer published"),
so a changed record makes the file changed too, while moves are still told by
the file's content alone.
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .cache import sha256_file
from .config import IGNORED_NAMES, IGNORED_PATTERNS
from .extract import readable_path, size_problem
from .provenance import sidecar_path
from .report import Failure
from .structure import make_doc_id

MANIFEST_VERSION = 1
#: Failure kinds a later run tries again even when the file is unchanged.
#: "timeout" is not among them: reading the file again would cost the whole
#: time limit again every night.
RETRIED_KINDS = frozenset({"io", "internal", "size"})
OUTSIDE_LINK = "symlink points outside the source folder"


def _ignored(name: str) -> bool:
    if name.startswith(".") or name in IGNORED_NAMES:
        return True
    low = name.lower()
    return any(fnmatch.fnmatchcase(low, pattern) for pattern in IGNORED_PATTERNS)


def _outside(link: str, root: Path) -> Failure | None:
    """A warning when the symlink ``link`` leads out of ``root`` (resolved)."""
    rel = readable_path(Path(link).relative_to(root).as_posix())
    try:
        target = Path(link).resolve()
    except (OSError, RuntimeError):
        return Failure(rel, "symlink loops (it leads back to itself); not indexed", str(root), "skipped")
    if target.is_relative_to(root):
        return None
    shown = readable_path(os.readlink(link))
    return Failure(rel, f"{OUTSIDE_LINK} (to {shown}); not indexed", str(root), "skipped")


def discover(sources: list[Path], skipped: list[Failure] | None = None) -> Iterator[tuple[Path, Path]]:
    """(source root, file) for every candidate file, in a stable order.

    Hidden files and folders, READMEs and office lock and temporary files
    are skipped; everything else is offered to the extractors, which report
    what they cannot read. A symlink that leads out of its source folder is
    never followed (it would publish what is not in the folder): it goes to
    ``skipped`` as a warning. Links to files inside the folder are read like
    files; links to folders are not descended (their files are found under
    their own path, or are outside).
    """
    for root in sources:
        root = root.resolve()
        for dirpath, dirnames, filenames in os.walk(root):
            keep = []
            for d in sorted(dirnames):
                if d.startswith("."):
                    continue
                full = os.path.join(dirpath, d)
                if os.path.islink(full):
                    problem = _outside(full, root)
                    if problem is not None and skipped is not None:
                        skipped.append(problem)
                    continue
                keep.append(d)
            dirnames[:] = keep
            for name in sorted(filenames):
                if _ignored(name):
                    continue
                full = os.path.join(dirpath, name)
                if os.path.islink(full):
                    problem = _outside(full, root)
                    if problem is not None:
                        if skipped is not None:
                            skipped.append(problem)
                        continue
                yield root, Path(full)


@dataclass
class SourceFile:
    root: Path                  # the source folder, resolved
    path: Path                  # the file, as the file system names it (read with this)
    rel: str                    # path inside the source folder, POSIX separators, readable (readable_path)
    size: int = 0
    sha256: str = ""
    sidecar: str = ""           # sidecar_fingerprint: "" when the file has no sidecar record
    problem: Failure | None = None  # found without reading the content (size, unreadable)

    @property
    def key(self) -> tuple[str, str]:
        return str(self.root), self.rel


def scan(sources: list[Path], max_bytes: int, jobs: int = 2,
         progress: Callable[[int], Callable[[str], None]] | None = None,
         skipped: list[Failure] | None = None) -> list[SourceFile]:
    """Every candidate file with its size and sha256; files that are empty, too
    large or unreadable carry a ``problem`` instead of a hash. ``progress(total)``
    returns the function called after each file; ``skipped`` receives the
    warnings for files left out (see discover)."""
    files: list[SourceFile] = []
    for root, path in discover(sources, skipped):
        rel = readable_path(path.relative_to(root).as_posix())
        f = SourceFile(root=root, path=path, rel=rel)
        try:
            f.size = path.stat().st_size
        except OSError as exc:
            f.problem = Failure(rel, f"cannot read file: {exc.strerror or exc}", str(root), "io")
        else:
            reason = size_problem(f.size, max_bytes)
            if reason:
                f.problem = Failure(rel, reason, str(root), "size")
        files.append(f)
    _name_clashes(files)

    def digest(f: SourceFile) -> SourceFile:
        if f.problem is None:
            try:
                f.sha256 = sha256_file(f.path)
            except OSError as exc:
                f.problem = Failure(f.rel, f"cannot read file: {exc.strerror or exc}", str(f.root), "io")
            f.sidecar = sidecar_fingerprint(f.path)
        return f

    step = progress(len(files)) if progress else None
    # hashlib releases the GIL on large buffers, so threads use both cores.
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for f in pool.map(digest, files):
            if step:
                step(f.rel)
    return files


def sidecar_fingerprint(path: Path) -> str:
    """sha256 of the sidecar record beside ``path``, "" when there is none. A
    record that cannot be read counts as it is, so mending it is a change."""
    try:
        raw = sidecar_path(path).read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"unreadable: {exc.errno}"
    try:
        record = json.loads(raw)
    except ValueError:
        record = None
    if isinstance(record, dict):
        # The harvester renews the fetch time on every visit, also when nothing
        # else changed: counting it would index every harvested file again each night.
        raw = json.dumps({k: v for k, v in record.items() if k != "fetched_at"}, sort_keys=True).encode()
    return hashlib.sha256(raw).hexdigest()


def _name_clashes(files: list[SourceFile]) -> None:
    """A file whose name is not UTF-8 is known by its decoded name; when another
    file has that name too (the same name written both ways), it is left out
    rather than taking the other file's place in the index."""
    count: dict[tuple[str, str], int] = defaultdict(int)
    for f in files:
        count[f.key] += 1
    for f in files:
        if count[f.key] > 1 and f.rel != f.path.relative_to(f.root).as_posix():
            f.problem = Failure(f.rel, "file name is not valid UTF-8 and, decoded, is the name of another "
                                       "file in the folder; rename it", str(f.root), "io")


@dataclass
class Job:
    """A file to extract (or take from the cache), structure, tag and index."""

    file: SourceFile
    doc_id: str
    status: str                 # added | changed | renamed | reprocessed | unchanged (full rebuild)
    old: dict | None = None     # the manifest entry it replaces


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    keep: dict[str, dict] = field(default_factory=dict)       # doc_id -> entry, left as it is
    removed: dict[str, dict] = field(default_factory=dict)    # doc_id -> entry whose file is gone
    known_failures: list[tuple[Failure, str]] = field(default_factory=list)  # (failure, sha256) not read again
    problems: list[Failure] = field(default_factory=list)     # found by scan (size, unreadable)
    skipped: list[Failure] = field(default_factory=list)      # left out by scan on purpose (warnings)
    unchanged: int = 0

    def count(self, status: str) -> int:
        return sum(1 for j in self.jobs if j.status == status)


def _retried(failure: dict, retry_ocr: bool, retry_programs: bool) -> bool:
    kind = failure.get("kind", "content")
    return kind in RETRIED_KINDS or (kind == "needs_ocr" and retry_ocr) or \
        (kind == "needs_program" and retry_programs)


def plan_changes(files: list[SourceFile], manifest: dict | None, *, full: bool, retry_ocr: bool,
                 retry_programs: bool = False) -> Plan:
    """What a run must do to make the index match the files.

    ``full``: every readable file is processed (a rebuild), but doc_ids are
    still kept for files the index already holds. ``retry_ocr``: OCR works now,
    so documents indexed while it did not are read again. ``retry_programs``:
    the programs a format needs (antiword/catdoc for .doc) are installed now,
    so files refused for want of them are read again.
    """
    docs: dict[str, dict] = (manifest or {}).get("documents", {})
    by_key = {(e["source"], e["path"]): doc_id for doc_id, e in docs.items()}
    failed = {(f["source"], f["path"]): f for f in (manifest or {}).get("failed", [])}
    plan = Plan()
    taken: set[str] = set()
    new_files: list[SourceFile] = []

    for f in files:
        doc_id = by_key.get(f.key)
        if f.problem is not None:
            plan.problems.append(f.problem)
            if doc_id is not None and not full:
                # e.g. a copy that failed half way left an empty file: the last
                # good version stays searchable until a readable one arrives.
                plan.keep[doc_id] = docs[doc_id]
                taken.add(doc_id)
            continue
        before = failed.get(f.key)
        known_bad = (before is not None and before.get("sha256") == f.sha256 and not full
                     and not _retried(before, retry_ocr, retry_programs))
        if doc_id is not None:
            entry = docs[doc_id]
            taken.add(doc_id)
            # Entries written before sidecars were read have none: a harvested
            # file is then read once more, any other file stays as it is.
            if entry["sha256"] == f.sha256 and entry.get("sidecar", "") != f.sidecar and not full:
                plan.jobs.append(Job(f, doc_id, "changed", entry))
            elif entry["sha256"] == f.sha256:
                plan.unchanged += 1
                if full:
                    plan.jobs.append(Job(f, doc_id, "unchanged", entry))
                elif entry.get("needs_ocr") and retry_ocr:
                    plan.jobs.append(Job(f, doc_id, "reprocessed", entry))
                else:
                    plan.keep[doc_id] = entry
            elif known_bad:
                plan.keep[doc_id] = entry  # replaced by a file that could not be read: keep the old one
                plan.known_failures.append((_failure(before, known=True), f.sha256))
            else:
                plan.jobs.append(Job(f, doc_id, "changed", entry))
        elif known_bad:
            plan.known_failures.append((_failure(before, known=True), f.sha256))
        else:
            new_files.append(f)

    gone = {doc_id: e for doc_id, e in docs.items() if doc_id not in taken}
    gone_by_sha: dict[str, list[str]] = defaultdict(list)
    for doc_id, e in sorted(gone.items(), key=lambda kv: (kv[1]["source"], kv[1]["path"])):
        gone_by_sha[e["sha256"]].append(doc_id)
    added: list[SourceFile] = []
    for f in new_files:
        candidates = gone_by_sha.get(f.sha256)
        if candidates:
            doc_id = candidates.pop(0)
            plan.jobs.append(Job(f, doc_id, "renamed", gone.pop(doc_id)))
            taken.add(doc_id)
        else:
            added.append(f)
    for f in added:
        doc_id = _unique_doc_id(f, taken)
        taken.add(doc_id)
        plan.jobs.append(Job(f, doc_id, "added"))
    plan.removed = gone
    return plan


def _failure(entry: dict, known: bool = False) -> Failure:
    return Failure(path=entry["path"], reason=entry["reason"], source=entry["source"],
                   kind=entry.get("kind", "content"), known=known)


def _unique_doc_id(f: SourceFile, taken: set[str]) -> str:
    """The usual id from the path; another one when a different file already has
    it (same name in two source folders, or a new file where a moved one was)."""
    doc_id = make_doc_id(f.rel)
    if doc_id not in taken:
        return doc_id
    doc_id = make_doc_id(f"{f.root}/{f.rel}")
    n = 2
    base = doc_id
    while doc_id in taken:
        doc_id = f"{base}-{n}"
        n += 1
    return doc_id


def manifest_entry(f: SourceFile, sha256: str, pages: int, passages: int, needs_ocr: bool, ocr: bool,
                   sidecar_error: str = "") -> dict:
    """``sidecar_error``: why the file's sidecar record was not used, repeated by
    the runs that keep the document as it is."""
    entry = {"source": str(f.root), "path": f.rel, "sha256": sha256, "size": f.size, "pages": pages,
             "passages": passages, "needs_ocr": needs_ocr, "ocr": ocr}
    if f.sidecar:
        entry["sidecar"] = f.sidecar
    if sidecar_error:
        entry["sidecar_error"] = sidecar_error
    return entry


def failure_entry(failure: Failure, sha256: str) -> dict:
    return {"source": failure.source, "path": failure.path, "sha256": sha256, "reason": failure.reason,
            "kind": failure.kind}
