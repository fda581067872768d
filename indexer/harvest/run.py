"""One harvest: every source of the sources file, fetched into DIR under the harvest lock.

Per source: list its links (discover.py), fetch each (conditionally when its
file is there), decide what it is (content.py), rename it into place as
``DIR/<source>/<name>.<ext>`` and write its sidecar record
(indexer/provenance.py). Then, for each source read completely, count the
runs a known document has been missing; after ``gone_after_runs`` its record
gets ``gone_since`` ("inte längre publicerad"), and only ``--forget-gone``
deletes it. A source that fails changes nothing harvested from it before.

The lock is indexer/lock.py's, on ``DIR/.harvest/.lock``: one harvester per
folder, released by the kernel when a run dies, so the next run takes over
and deletes the temporary files the dead one left.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from datetime import date
from pathlib import Path

from ..lock import IndexLock, IndexLocked
from ..provenance import ProvenanceError, read_sidecar, sidecar_path, write_sidecar
from ..report import finished_on_error, now_iso
from .client import Disallowed, Download, FetchError, PoliteClient
from .content import HTML_SUFFIXES, RefusedContent, canonical_url, file_suffix
from .discover import DiscoveryError, Link, discover
from .report import HarvestReport, SourceReport, write_report
from .sources import Source, SourcesFile
from .state import STATE_DIR, Entry, HarvestState, StateError, clean_leftovers, file_name

log = logging.getLogger("indexer")


class HarvestError(Exception):
    """The run cannot go ahead (exit status 2); the message says why."""


def harvest(sources: SourcesFile, into: Path, *, report_file: Path | None = None, dry_run: bool = False,
            forget_gone: bool = False, progress: bool = True) -> HarvestReport:
    """Run the harvest and return its report (never raises for what the web or the folder does).

    The report is written to ``report_file``, else beside the update reports; a dry run
    (discovery only: nothing downloaded, nothing written) writes one only to ``report_file``."""
    into = Path(into)
    report = HarvestReport(sources_file=str(sources.path), into=str(into), started=now_iso(), dry_run=dry_run)
    clock = time.monotonic()
    with finished_on_error(report, (HarvestError,)):
        if dry_run:
            _dry_run(report, sources, into)
        else:
            _harvest(report, sources, into, forget_gone=forget_gone, progress=progress)
        report.finish()
    report.seconds = time.monotonic() - clock
    if not dry_run or report_file is not None:
        try:
            write_report(report, report_file, _report_dir())
        except (OSError, ValueError) as exc:
            log.warning("kunde inte skriva hämtningsrapporten: %s", getattr(exc, "strerror", None) or exc)
    return report


def _report_dir() -> Path:
    """Where `indexer update` writes its reports: SEARCH_REPORT_DIR, else ``<index>/reports``."""
    from ..config import default_index_dir, default_report_dir
    from ..store import index_root

    return default_report_dir(index_root(default_index_dir()))


def _harvest(report: HarvestReport, sources: SourcesFile, into: Path, *, forget_gone: bool, progress: bool) -> None:
    try:
        into.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HarvestError(f"kan inte skapa mappen {into}: {exc.strerror or exc}") from None
    lock = IndexLock(into / STATE_DIR, command="harvest")
    try:
        lock.acquire()
    except IndexLocked as exc:
        who = exc.holder.describe() if exc.holder else "okänd process"
        raise HarvestError(f"en annan hämtning till {into} pågår redan: {who}") from None
    except OSError as exc:
        raise HarvestError(f"kan inte skriva i {into}: {exc.strerror or exc}") from None
    with lock:
        if lock.taken_over is not None:
            report.lock_taken_over = dict(lock.taken_over.__dict__)
        report.cleaned = [str(p) for p in clean_leftovers(into)]
        if report.cleaned:
            log.info("tog bort %d tillfälliga filer efter en avbruten körning", len(report.cleaned))
        try:
            state = HarvestState.load(into)
        except StateError as exc:
            raise HarvestError(str(exc)) from None
        run = _Run(report, sources, state, progress)
        with PoliteClient(sources.defaults) as client:
            for source in sources.sources:
                run.source(source, client)
                state.save()  # a run killed later keeps what this source brought
        run.settle_missing()
        if forget_gone:
            run.forget_gone()
        state.save()


def _dry_run(report: HarvestReport, sources: SourcesFile, into: Path) -> None:
    try:
        state = HarvestState.load(into)
    except StateError as exc:
        raise HarvestError(str(exc)) from None
    with PoliteClient(sources.defaults) as client:
        for source in sources.sources:
            sr, links = _discover(report, source, client)
            sr.would_fetch = [{"url": link.url, "known": link.url in state.entries} for link in links]


def _discover(report: HarvestReport, source: Source, client: PoliteClient) -> tuple[SourceReport, list[Link]]:
    """The source's report, begun, and the links it lists (none when it failed)."""
    sr = SourceReport(name=source.name, kind=source.kind, url=source.url)
    report.sources.append(sr)
    try:
        found = discover(source, client)
    except DiscoveryError as exc:
        sr.status, sr.reason, sr.complete = "failed", str(exc), False
        log.warning("källan %s misslyckades: %s", source.name, exc)
        return sr, []
    sr.discovered, sr.complete, sr.problems, sr.notes = len(found.links), found.complete, found.problems, found.notes
    if found.problems:
        sr.status = "partial"
        for problem in found.problems:
            log.warning("källan %s: %s", source.name, problem)
    return sr, found.links


class _Run:
    """The fetching part of one run, source by source, over one state."""

    def __init__(self, report: HarvestReport, sources: SourcesFile, state: HarvestState, progress: bool):
        self.report = report
        self.state = state
        self.progress = progress and sys.stderr.isatty()
        self.gone_after = sources.defaults.gone_after_runs
        self.municipality = {s.name: s.municipality for s in sources.sources}
        self.seen: set[str] = set()   # URLs some source lists in this run
        self.complete: list[tuple[Source, SourceReport]] = []

    def source(self, source: Source, client: PoliteClient) -> None:
        from tqdm import tqdm

        sr, links = _discover(self.report, source, client)
        if sr.status == "failed":
            return
        folder = self.state.root / source.name
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            sr.status, sr.reason = "failed", f"kan inte skapa mappen {folder}: {exc.strerror or exc}"
            return
        with tqdm(total=len(links), unit="dok", desc=source.name, file=sys.stderr,
                  disable=not self.progress) as bar:
            for link in links:
                if link.url not in self.seen:
                    self.seen.add(link.url)
                    self._fetch(link, source, folder, client, sr)
                else:  # fetched once, for the source that listed it first; this one may know its date
                    self._complete_description(link)
                bar.update(1)
        if sr.complete:
            self.complete.append((source, sr))
        log.info("källa %s: %d länkar; %d nya, %d ändrade, %d oförändrade, %d dubbletter, %d fel", source.name,
                 sr.discovered, len(sr.new), len(sr.changed), sr.unchanged, len(sr.duplicates), len(sr.failed))

    def _fetch(self, link: Link, source: Source, folder: Path, client: PoliteClient, sr: SourceReport) -> None:
        entry = self.state.entries.get(link.url)
        if entry is not None:
            entry.missing_runs = 0
            if entry.gone_since is not None:
                entry.gone_since = None
                sr.returned.append(link.url)
        conditional = entry is not None and self.state.has_content(entry)
        try:
            got = client.download(link.url, folder, etag=entry.request_etag if conditional else None,
                                  last_modified=entry.request_last_modified if conditional else None)
        except Disallowed as exc:
            sr.disallowed.append({"url": link.url, "reason": exc.reason})
            return
        except FetchError as exc:
            sr.failed.append({"url": link.url, "reason": exc.reason})
            if entry is not None:
                self._sync(entry)
            return
        if got.not_modified:
            assert entry is not None  # only a conditional request gets a 304
            entry.request_etag, entry.request_last_modified = got.etag, got.last_modified
            _describe(entry, link)
            sr.unchanged += 1
            self._sync(entry)
            return
        try:
            self._store(got, link, source, folder, entry, sr)
        finally:
            assert got.temp_path is not None
            got.temp_path.unlink(missing_ok=True)  # still there unless it was renamed into place

    def _store(self, got: Download, link: Link, source: Source, folder: Path, entry: Entry | None,
               sr: SourceReport) -> None:
        assert got.temp_path is not None
        try:
            suffix = file_suffix(got.temp_path, link.url, got.content_type)
        except RefusedContent as exc:
            sr.failed.append({"url": link.url, "reason": str(exc)})
            return
        sr.bytes += got.size
        if entry is not None and entry.sha256 == got.sha256 and self.state.has_content(entry):
            # Same bytes again: the server ignored (or could not use) the conditional request.
            entry.request_etag, entry.request_last_modified = got.etag, got.last_modified
            entry.final_url = got.final_url
            _describe(entry, link)
            sr.unchanged += 1
            self._sync(entry)
            return
        fields = dict(url=link.url, source=source.name, sha256=got.sha256, fetched_at=now_iso(),
                      final_url=got.final_url, content_type=got.content_type, etag=got.etag,
                      last_modified=got.last_modified, request_etag=got.etag, request_last_modified=got.last_modified,
                      title=link.title, published=link.published)
        holder = self.state.holder_of(got.sha256, link.url)
        if holder is not None and (entry is None or entry.file is None):
            self.state.entries[link.url] = Entry(**fields, duplicate_of=holder.url)
            sr.duplicates.append({"url": link.url, "same_as": holder.url})
            return
        target = folder / file_name(link.url, suffix)
        canonical = canonical_url(got.temp_path, got.final_url) if suffix in HTML_SUFFIXES else None
        os.replace(got.temp_path, target)
        new = Entry(**fields, file=target.relative_to(self.state.root).as_posix(), canonical_url=canonical)
        self.state.entries[link.url] = new
        old_file = self.state.file_of(entry) if entry is not None else None
        if old_file is not None and old_file != target:  # the content is now of another type
            old_file.unlink(missing_ok=True)
            sidecar_path(old_file).unlink(missing_ok=True)
        (sr.new if entry is None else sr.changed).append(link.url)
        self._sync(new)

    def _complete_description(self, link: Link) -> None:
        entry = self.state.entries.get(link.url)
        if entry is not None and (entry.title is None and link.title or entry.published is None and link.published):
            entry.title, entry.published = entry.title or link.title, entry.published or link.published
            self._sync(entry)

    def _sync(self, entry: Entry) -> None:
        """Bring the sidecar record of the entry's file in line with the state (written only when it differs)."""
        path = self.state.file_of(entry)
        if path is None or not path.is_file():
            return
        wanted = entry.provenance(self.municipality.get(entry.source))
        try:
            current = read_sidecar(path)
        except ProvenanceError:
            current = None
        if current != wanted:
            write_sidecar(path, wanted)

    def settle_missing(self) -> None:
        """Count a run missing for every document its completely read source no longer lists."""
        for source, sr in self.complete:
            for entry in self.state.of_source(source.name):
                if entry.url in self.seen:
                    continue
                if entry.file:
                    self._hand_over(entry, sr)
                entry.missing_runs += 1
                if entry.missing_runs >= self.gone_after and entry.gone_since is None:
                    entry.gone_since = date.today().isoformat()
                    sr.gone.append(entry.url)
                    self._sync(entry)

    def _hand_over(self, entry: Entry, sr: SourceReport) -> None:
        """A document moved: its old URL is missing, and a new URL of the same source, listed in
        this run, brought the same content. The file (and its record) now belongs to the new URL."""
        heir = next((e for e in self.state.entries.values() if e.duplicate_of == entry.url
                     and e.source == entry.source and e.url in self.seen), None)
        if heir is None:
            return
        for other in self.state.entries.values():
            if other.duplicate_of == entry.url:
                other.duplicate_of = heir.url
        heir.file, heir.duplicate_of, heir.canonical_url = entry.file, None, entry.canonical_url
        entry.file, entry.duplicate_of = None, heir.url
        sr.moved.append({"from": entry.url, "to": heir.url})
        self._sync(heir)

    def forget_gone(self) -> None:
        """Delete what is marked gone (--forget-gone): file, record and state."""
        for url, entry in list(self.state.entries.items()):
            if entry.gone_since is None:
                continue
            path = self.state.file_of(entry)
            if path is not None:
                path.unlink(missing_ok=True)
                sidecar_path(path).unlink(missing_ok=True)
            del self.state.entries[url]
            self.report.forgotten.append(url)


def _describe(entry: Entry, link: Link) -> None:
    """What the source says of the document today (title, date) wins over what it said before."""
    entry.title = link.title or entry.title
    entry.published = link.published or entry.published
