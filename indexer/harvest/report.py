"""What one harvest did, per source: the JSON report written for every run and
the summary line printed at its end.

Exit status (also in the report): 0 all well, 1 some sources or files failed
(the rest was harvested), 2 could not run (bad sources file, lock held, DIR not
writable, unreadable state). The report goes to ``--report FILE``, else
beside the update reports (``SEARCH_REPORT_DIR``, default ``<index>/reports``)
as ``harvest-<start time>-<pid>.json``: a name of its own, so that
``indexer status``, which reads the update's ``run-*.json``, still shows the
last update of the index.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..report import EXIT_FILES_FAILED, EXIT_NOT_RUN, EXIT_OK, now_iso

RESULTS = {EXIT_OK: "ok", EXIT_FILES_FAILED: "klar med fel", EXIT_NOT_RUN: "kunde inte köras"}
REPORT_PREFIX = "harvest-"


@dataclass
class SourceReport:
    name: str
    kind: str
    url: str
    status: str = "ok"                  # ok | partial (some pages unread) | failed (nothing read)
    reason: str | None = None           # why it failed
    discovered: int = 0                 # links it lists today
    complete: bool = True               # every page read: what it does not list counts as missing
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[dict] = field(default_factory=list)   # {"url", "same_as"}: content already fetched
    moved: list[dict] = field(default_factory=list)        # {"from", "to"}: the file now belongs to the new URL
    failed: list[dict] = field(default_factory=list)       # {"url", "reason"}
    disallowed: list[dict] = field(default_factory=list)   # {"url", "reason"}: robots.txt says no (no failure)
    gone: list[str] = field(default_factory=list)          # marked "no longer published" in this run
    returned: list[str] = field(default_factory=list)      # listed again after being marked gone
    problems: list[str] = field(default_factory=list)      # pages of the source that could not be read
    notes: list[str] = field(default_factory=list)
    bytes: int = 0
    would_fetch: list[dict] = field(default_factory=list)  # dry run: {"url", "known"}


@dataclass
class HarvestReport:
    sources_file: str
    into: str
    started: str = ""
    finished: str = ""
    seconds: float = 0.0
    dry_run: bool = False
    sources: list[SourceReport] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)    # removed with --forget-gone
    cleaned: list[str] = field(default_factory=list)      # temporary files of a killed run, deleted
    lock_taken_over: dict | None = None
    error: str | None = None
    exit_status: int = EXIT_OK
    report_path: str = ""

    def counts(self) -> dict:
        s = self.sources
        return {"sources": len(s), "sources_failed": sum(r.status != "ok" for r in s),
                "discovered": sum(r.discovered for r in s), "new": sum(len(r.new) for r in s),
                "changed": sum(len(r.changed) for r in s), "unchanged": sum(r.unchanged for r in s),
                "duplicates": sum(len(r.duplicates) for r in s), "moved": sum(len(r.moved) for r in s),
                "failed": sum(len(r.failed) for r in s), "disallowed": sum(len(r.disallowed) for r in s),
                "gone": sum(len(r.gone) for r in s),
                "returned": sum(len(r.returned) for r in s), "forgotten": len(self.forgotten),
                "bytes": sum(r.bytes for r in s)}

    def finish(self, exit_status: int | None = None) -> None:
        if exit_status is None:
            c = self.counts()
            exit_status = EXIT_FILES_FAILED if c["sources_failed"] or c["failed"] else EXIT_OK
        self.exit_status = exit_status
        self.finished = now_iso()

    def to_json(self) -> dict:
        data = asdict(self)
        data.update(command="harvest", result=RESULTS[self.exit_status], counts=self.counts(),
                    duration_s=round(data.pop("seconds"), 3))
        data.pop("report_path")
        return data

    def one_line(self) -> str:
        verb = "Provkörningen" if self.dry_run else "Hämtningen"
        if self.exit_status == EXIT_NOT_RUN:
            return f"{verb} kunde inte köras: {self.error}"
        c = self.counts()
        if self.dry_run:
            line = (f"{verb} {RESULTS[self.exit_status]}: {c['discovered']} länkar i {c['sources']} källor, "
                    f"{sum(not w['known'] for r in self.sources for w in r.would_fetch)} nya, "
                    f"{c['sources_failed']} källor med fel; {self.seconds:.1f} s")
        else:
            parts = [f"{c['new']} nya", f"{c['changed']} ändrade", f"{c['unchanged']} oförändrade",
                     f"{c['duplicates']} dubbletter", f"{c['gone']} inte längre publicerade",
                     f"{c['failed']} fel", f"{c['sources_failed']} av {c['sources']} källor med fel"]
            if c["disallowed"]:
                parts.insert(5, f"{c['disallowed']} förbjudna av robots.txt")
            if c["forgotten"]:
                parts.insert(5, f"{c['forgotten']} borttagna")
            line = (f"{verb} {RESULTS[self.exit_status]}: " + ", ".join(parts)
                    + f"; {c['bytes'] / 1024 / 1024:.1f} MB; {self.seconds:.1f} s")
        if self.report_path:
            line += f"; rapport {self.report_path}"
        return line


def write_report(report: HarvestReport, path: Path | None, report_dir: Path) -> Path:
    """The report to ``path``, or a file of its own in ``report_dir``; written whole or not at all."""
    if path is None:
        stamp = (report.started or now_iso()).replace("-", "").replace(":", "").replace(".", "")
        path = report_dir / f"{REPORT_PREFIX}{stamp.replace('+0000', 'Z')}-{os.getpid()}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    report.report_path = str(path)
    return path
