"""What one run of the ingester did: the record returned to callers, written
as one JSON file per run in the report folder and summarised on one line.

Exit status of a run (also in the report):
0 all good, 1 finished but some files failed, 2 could not run (bad arguments,
index locked by another run, index unreadable, nothing to index).
"""
from __future__ import annotations

import json
import logging
import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

EXIT_OK, EXIT_FILES_FAILED, EXIT_NOT_RUN = 0, 1, 2
RESULTS = {EXIT_OK: "ok", EXIT_FILES_FAILED: "klar med fel i filer", EXIT_NOT_RUN: "kunde inte köras"}
REPORT_GLOB = "run-*.json"

log = logging.getLogger("indexer")


@dataclass
class Failure:
    """A file that is not (or not completely) in the index, and why."""

    path: str                # relative to its source folder
    reason: str
    source: str = ""         # the source folder (absolute)
    # content | needs_ocr | needs_program | io | internal | size | timeout (what retrying could change);
    # "skipped" for a warning about a file left out on purpose (a symlink out of the folder)
    kind: str = "content"
    known: bool = False      # unchanged since an earlier run reported it (not read again)

    def shown(self) -> str:
        return str(Path(self.source) / self.path) if self.source else self.path


@dataclass
class RunReport:
    command: str = "update"              # update | build
    index: str = ""
    sources: list[str] = field(default_factory=list)
    started: str = ""
    finished: str = ""
    seconds: float = 0.0
    mode: str = "incremental"            # incremental | full | none
    full_reason: str | None = None       # why everything was rebuilt
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[dict] = field(default_factory=list)     # {"from", "to", "doc_id"}
    reprocessed: list[str] = field(default_factory=list)  # unchanged files read again (OCR now available)
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)  # indexed, but e.g. a page needs OCR
    documents: int = 0
    pages: int = 0
    passages: int = 0
    extracted: int = 0
    from_cache: int = 0
    ocr_pages: int = 0
    generation: str = ""
    previous_generation: str = ""
    lock_taken_over: dict | None = None  # holder of a lock left by a killed run
    error: str | None = None
    exit_status: int = EXIT_OK
    report_path: str = ""

    @property
    def result(self) -> str:
        return RESULTS[self.exit_status]

    def finish(self, exit_status: int | None = None) -> None:
        if exit_status is None:
            exit_status = EXIT_FILES_FAILED if self.failures else EXIT_OK
        self.exit_status = exit_status
        self.finished = now_iso()

    def summary(self) -> str:
        """The build's summary line (kept as it was for `indexer build`)."""
        return (f"{self.documents} dokument, {self.pages} sidor, {self.passages} passager indexerade; "
                f"{len(self.failures)} fel; {self.extracted} extraherade, {self.from_cache} från cache; "
                f"{self.seconds:.1f} s")

    def one_line(self) -> str:
        """One line for stdout (cron mail, journal)."""
        if self.exit_status == EXIT_NOT_RUN:
            return f"{self._verb()} kunde inte köras: {self.error}"
        parts = [f"{len(self.added)} nya", f"{len(self.changed)} ändrade", f"{len(self.removed)} borttagna",
                 f"{len(self.renamed)} flyttade", f"{self.unchanged} oförändrade", f"{len(self.failures)} fel"]
        if self.reprocessed:
            parts.insert(4, f"{len(self.reprocessed)} omlästa")
        if self.warnings:
            parts.append(f"{len(self.warnings)} varningar")
        how = {"full": "helt ombyggt", "none": "inget att göra", "incremental": "stegvis"}[self.mode]
        line = (f"{self._verb()} {RESULTS[self.exit_status]} ({how}): " + ", ".join(parts)
                + f"; {self.documents} dokument, {self.passages} passager; {self.seconds:.1f} s")
        if self.report_path:
            line += f"; rapport {self.report_path}"
        return line

    def _verb(self) -> str:
        return "Bygget" if self.command == "build" else "Uppdateringen"

    def to_json(self) -> dict:
        data = asdict(self)
        data["result"] = self.result
        data["counts"] = {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed),
                          "renamed": len(self.renamed), "reprocessed": len(self.reprocessed),
                          "unchanged": self.unchanged, "failed": len(self.failures),
                          "warnings": len(self.warnings)}
        data["failed"] = data.pop("failures")
        data["duration_s"] = round(data.pop("seconds"), 3)
        data.pop("report_path")
        return data


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def write_report(report: RunReport, report_dir: Path) -> Path:
    """One file per run, named by its start time (sorts in run order); written
    whole or not at all."""
    report_dir.mkdir(parents=True, exist_ok=True)
    stamp = (report.started or now_iso()).replace("-", "").replace(":", "").replace("+0000", "Z")
    stamp = stamp.replace(".", "")
    path = report_dir / f"run-{stamp}-{report.command}-{os.getpid()}.json"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    report.report_path = str(path)
    return path


def read_reports(report_dir: Path, limit: int = 50) -> list[dict]:
    """The newest reports first (unreadable files are skipped)."""
    out = []
    for path in sorted(Path(report_dir).glob(REPORT_GLOB), reverse=True)[:limit]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        data["report_path"] = str(path)
        out.append(data)
    return out


@contextmanager
def finished_on_error(report, expected: tuple[type[BaseException], ...]):
    """``with finished_on_error(report, (LockHeld, …)):`` the run's work.

    An expected error (the run could not go ahead) becomes the report's error
    and exit status 2; any other is an internal error, logged with its
    traceback, also status 2: a run always ends with a report, never a trace
    alone (the report is what cron mails and the status command reads)."""
    try:
        yield
    except expected as exc:
        report.error = str(exc)
        report.finish(EXIT_NOT_RUN)
    except Exception as exc:
        log.exception("internt fel")
        report.error = f"internt fel: {type(exc).__name__}: {exc}"
        report.finish(EXIT_NOT_RUN)
