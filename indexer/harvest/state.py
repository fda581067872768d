"""What the harvester has fetched into a folder, and where the files go.

The state is ``DIR/.harvest/state.json`` (hidden, so ``indexer update`` never
reads it), written whole or not at all: per URL the file it was saved as, the
validators for the next conditional request (ETag, Last-Modified), the sha256,
the source, what the sidecar record says, and in how many runs in a row its
source no longer listed it. A URL whose content another URL already brought is
recorded with ``duplicate_of`` and no file of its own.

Files go to ``DIR/<source name>/<name from the URL>-<hash of the URL>.<ext>``:
stable (the same URL always gets the same name), short, unique, and plain
ASCII whatever the address holds ("Protokoll §12 Kommunstyrelsen.pdf" →
``protokoll-12-kommunstyrelsen-3f2a1b9c0d.pdf``).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..provenance import SIDECAR_SUFFIX, Provenance
from .client import TEMP_PREFIX, TEMP_SUFFIX

STATE_DIR = ".harvest"
STATE_FILE = "state.json"
STATE_VERSION = 1
#: Characters of the URL's own name kept in a file name, before the hash.
NAME_CHARS = 60


class StateError(Exception):
    """The state file exists but cannot be used; the message names it."""


@dataclass
class Entry:
    url: str
    source: str
    sha256: str
    fetched_at: str
    final_url: str
    file: str | None = None           # relative to DIR (POSIX); None for a duplicate
    duplicate_of: str | None = None   # the URL whose file holds the same content
    content_type: str | None = None
    canonical_url: str | None = None
    etag: str | None = None           # the validators sent with the content (the sidecar's)
    last_modified: str | None = None
    # The validators the next conditional request sends: the latest the server gave. Kept apart
    # from the sidecar's, because a changed sidecar makes `indexer update` read the file again,
    # and some servers send a new ETag for the same bytes every time.
    request_etag: str | None = None
    request_last_modified: str | None = None
    title: str | None = None
    published: str | None = None
    missing_runs: int = 0             # runs in a row its (working) source did not list it
    gone_since: str | None = None

    def provenance(self, municipality: str | None) -> Provenance:
        return Provenance(source=self.source, url=self.url, final_url=self.final_url, fetched_at=self.fetched_at,
                          sha256=self.sha256, content_type=self.content_type, canonical_url=self.canonical_url,
                          last_modified=self.last_modified, etag=self.etag, municipality=municipality,
                          published=self.published, title=self.title, gone_since=self.gone_since)


class HarvestState:
    def __init__(self, root: Path, entries: dict[str, Entry] | None = None):
        self.root = Path(root)
        self.entries: dict[str, Entry] = entries or {}

    @property
    def path(self) -> Path:
        return self.root / STATE_DIR / STATE_FILE

    @classmethod
    def load(cls, root: Path) -> "HarvestState":
        state = cls(root)
        try:
            data = json.loads(state.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return state
        except OSError as exc:
            raise StateError(f"{state.path}: kan inte läsas: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise StateError(f"{state.path}: är inte giltig JSON ({exc}); flytta undan filen för att börja om "
                             "(allt hämtas då på nytt)") from None
        if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
            raise StateError(f"{state.path}: saknar entries")
        if data.get("version", 0) > STATE_VERSION:
            raise StateError(f"{state.path}: skriven av en nyare version ({data['version']})")
        known = {f.name for f in fields(Entry)}
        try:
            state.entries = {url: Entry(**{k: v for k, v in raw.items() if k in known})
                             for url, raw in data["entries"].items()}
        except TypeError as exc:
            raise StateError(f"{state.path}: en post är ofullständig: {exc}") from None
        return state

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{STATE_FILE}.{os.getpid()}.tmp")
        data = {"version": STATE_VERSION, "entries": {url: asdict(e) for url, e in sorted(self.entries.items())}}
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def file_of(self, entry: Entry) -> Path | None:
        """The entry's own file (None for a duplicate)."""
        return self.root / entry.file if entry.file else None

    def has_content(self, entry: Entry) -> bool:
        """Whether what the entry fetched is on disk (its own file, or its original's), so a
        conditional request may be sent: a 304 for a file deleted by hand would never bring it back."""
        if entry.duplicate_of:
            original = self.entries.get(entry.duplicate_of)
            return original is not None and original.duplicate_of is None and self.has_content(original)
        path = self.file_of(entry)
        return path is not None and path.is_file()

    def holder_of(self, sha256: str, other_than: str) -> Entry | None:
        """An entry other than ``other_than`` whose own file, on disk, has this content."""
        for entry in self.entries.values():
            if entry.sha256 == sha256 and entry.url != other_than and entry.file and self.has_content(entry):
                return entry
        return None

    def of_source(self, name: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.source == name]


def file_name(url: str, suffix: str) -> str:
    """The file name of ``url`` with ``suffix`` (".pdf"); see the module's docstring."""
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    if segments:
        stem = segments[-1]
        if "." in stem[1:]:
            stem = stem.rsplit(".", 1)[0]  # the content decides the extension, not the address
    else:
        stem = parts.hostname or ""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:NAME_CHARS].strip("-") or "dokument"
    return f"{slug}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:10]}{suffix}"


def clean_leftovers(root: Path) -> list[Path]:
    """Delete the temporary files a killed run left in DIR's source folders and state folder
    (call only while holding the harvest lock); the deleted paths."""
    removed = []
    for folder in [p for p in Path(root).iterdir() if p.is_dir()]:
        for path in folder.iterdir():
            name = path.name
            if path.is_file() and (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)
                                   or _is_temp_of(name, SIDECAR_SUFFIX) or _is_temp_of(name, STATE_FILE)):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _is_temp_of(name: str, what: str) -> bool:
    """A temporary file of write_sidecar or HarvestState.save: ``.<…><what>.<pid>.tmp``."""
    return name.startswith(".") and name.endswith(".tmp") and f"{what}." in name
