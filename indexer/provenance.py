"""Where a harvested document was published: the sidecar record beside it.

The harvester (indexer/harvest/) writes one record per fetched file; the
ingester reads it, so that the index knows the public address of a document
(a citation points to lulea.se, not to a local copy), and so that the
municipality and publication date the source states win over guesses from
the text. The record is a hidden file next to the document
(``.<name>.source.json``): the inventory skips hidden files, so a record is
never indexed as a document of its own, and it moves with the folder.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

#: Bump when a field changes meaning; a reader ignores records of a newer version.
PROVENANCE_VERSION = 1
SIDECAR_SUFFIX = ".source.json"


class ProvenanceError(ValueError):
    """A sidecar record that cannot be read; the message names the file."""


@dataclass
class Provenance:
    source: str                       # the source's name in the sources file
    url: str                          # the link that was followed
    final_url: str                    # where it led, after redirects
    fetched_at: str                   # ISO 8601, UTC
    sha256: str                       # of the file as fetched
    content_type: str | None = None   # as served (Content-Type), e.g. "application/pdf"
    canonical_url: str | None = None  # <link rel="canonical"> of an HTML page
    last_modified: str | None = None  # the Last-Modified header, as sent
    etag: str | None = None           # the ETag header, as sent
    municipality: str | None = None   # the source's municipality (sources file)
    published: str | None = None      # ISO date the source gives (feed entry, page metadata)
    title: str | None = None          # the title the source gives (feed entry, link text)
    gone_since: str | None = None     # ISO date from which the source no longer lists it
    version: int = PROVENANCE_VERSION

    @property
    def public_url(self) -> str:
        """The address to cite: the page's canonical address, else where the link led."""
        return self.canonical_url or self.final_url or self.url

    @property
    def site(self) -> str:
        """The host of the public address without "www." ("lulea.se"), for "Publicerad på …"."""
        host = (urlsplit(self.public_url).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict, where: str = "sidecar") -> "Provenance":
        if not isinstance(data, dict):
            raise ProvenanceError(f"{where}: not a JSON object")
        known = {f.name for f in fields(cls)}
        missing = [k for k in ("source", "url", "final_url", "fetched_at", "sha256") if not data.get(k)]
        if missing:
            raise ProvenanceError(f"{where}: missing {', '.join(missing)}")
        # Fields added by a later version are ignored rather than refused.
        return cls(**{k: v for k, v in data.items() if k in known})


def sidecar_path(document: Path) -> Path:
    """Where the record of ``document`` lives: a hidden file beside it."""
    document = Path(document)
    return document.with_name(f".{document.name}{SIDECAR_SUFFIX}")


def read_sidecar(document: Path) -> Provenance | None:
    """The record of ``document``, None when it has none (a file not harvested).

    Raises ProvenanceError naming the record when it exists but cannot be read;
    the caller reports it and indexes the document without it."""
    path = sidecar_path(document)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ProvenanceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ProvenanceError(f"{path}: not valid JSON: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("version"), int) and data["version"] > PROVENANCE_VERSION:
        raise ProvenanceError(f"{path}: written by a newer version ({data['version']})")
    return Provenance.from_json(data, str(path))


def write_sidecar(document: Path, record: Provenance) -> Path:
    """Write the record of ``document`` whole or not at all (a new file renamed over the old)."""
    path = sidecar_path(document)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
