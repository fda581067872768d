"""Extraction results on disk, keyed by file content, so an unchanged file is
never extracted twice (pdfplumber reads about six pages a second)."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .models import ExtractedDocument


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class ExtractionCache:
    def __init__(self, root: Path, extractor_version: str):
        self.dir = Path(root) / "extract" / extractor_version

    def _path(self, sha256: str) -> Path:
        return self.dir / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> ExtractedDocument | None:
        try:
            data = json.loads(self._path(sha256).read_text(encoding="utf-8"))
            return ExtractedDocument.from_json(data)
        except (OSError, ValueError, TypeError):
            return None  # missing or unreadable entries are simply re-extracted

    def put(self, doc: ExtractedDocument) -> None:
        path = self._path(doc.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(doc.to_json(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)  # readers never see a half-written entry
