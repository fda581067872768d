"""OCR of PDF pages that have no text layer (scans) or a garbled one, with Tesseract.

A page is rendered with pdfium (pypdfium2, already used by pdfplumber) to a
grey-scale PNG and handed to the ``tesseract`` program on stdin; its Swedish
model (Debian package ``tesseract-ocr-swe``) reads it. Results are cached by
the hash of the rendered image, so a page is read once however often the file
is renamed, re-extracted after an extractor change or copied into another PDF.

When Tesseract or its language model is missing the engine says so
(:class:`OcrUnavailable`) and the PDF extractor indexes the rest of the
document and reports the page as needing OCR.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from ..config import OcrSettings, ocr_settings

#: Bump when the way pages are rendered or read changes: it keys the OCR cache.
OCR_VERSION = "1"
#: A page whose rendering has no pixel darker than this (0 black .. 255 white) is blank.
_BLANK_LEVEL = 200


class OcrUnavailable(RuntimeError):
    """Tesseract or its language model is not installed; the message says which."""


class OcrFailed(RuntimeError):
    """Tesseract ran but could not read the page; the message says why."""


@dataclass
class _Probe:
    ok: bool
    reason: str


_probes: dict[tuple[str, str], _Probe] = {}
_probe_lock = threading.Lock()


def probe(settings: OcrSettings | None = None) -> _Probe:
    """Whether OCR can run with these settings (checked once per process)."""
    s = settings or ocr_settings()
    key = (s.tesseract, s.lang)
    with _probe_lock:
        if key not in _probes:
            _probes[key] = _check(s)
        return _probes[key]


def _check(s: OcrSettings) -> _Probe:
    if not s.tesseract:
        return _Probe(False, "OCR is turned off (SEARCH_TESSERACT is empty)")
    exe = shutil.which(s.tesseract)
    if exe is None:
        return _Probe(False, f"Tesseract is not installed ({s.tesseract} not found; "
                             "install tesseract-ocr and tesseract-ocr-swe)")
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30, env=_env())
    except (OSError, subprocess.SubprocessError) as exc:
        return _Probe(False, f"Tesseract cannot be run: {exc}")
    langs = {ln.strip() for ln in out.stdout.decode("utf-8", "replace").splitlines()[1:]}
    missing = [lang for lang in s.lang.split("+") if lang not in langs]
    if missing:
        return _Probe(False, f"Tesseract has no language model {'+'.join(missing)} "
                             f"(install tesseract-ocr-{missing[0]})")
    return _Probe(True, "")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # One thread per page: the ingester already runs one worker per core.
    env["OMP_THREAD_LIMIT"] = "1"
    return env


class OcrEngine:
    """Reads rendered pages with Tesseract; ``cache_dir`` (optional) keeps results."""

    def __init__(self, cache_dir: Path | None = None, settings: OcrSettings | None = None):
        self.settings = settings or ocr_settings()
        self.cache_dir = Path(cache_dir) / OCR_VERSION / self.settings.lang if cache_dir else None

    @property
    def available(self) -> bool:
        return probe(self.settings).ok

    @property
    def unavailable_reason(self) -> str:
        return probe(self.settings).reason

    def render(self, pdf, page_index: int) -> bytes | None:
        """PNG of one page of an open pypdfium2 document, or None when the page is blank."""
        page = pdf[page_index]
        try:
            bitmap = page.render(scale=self.settings.dpi / 72, grayscale=True)
            image = bitmap.to_pil()
        finally:
            page.close()
        lo, _hi = image.convert("L").getextrema()
        if lo > _BLANK_LEVEL:
            return None  # nothing printed on the page: nothing to read
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue()

    def read(self, png: bytes) -> str:
        """Text of a rendered page: from the cache, else from Tesseract."""
        key = hashlib.sha256(png).hexdigest()
        cached = self._cache_get(key)
        if cached is not None:
            return cached
        if not self.available:
            raise OcrUnavailable(self.unavailable_reason)
        exe = shutil.which(self.settings.tesseract) or self.settings.tesseract
        try:
            out = subprocess.run(
                [exe, "stdin", "stdout", "-l", self.settings.lang, "--dpi", str(self.settings.dpi), "--psm", "3"],
                input=png, capture_output=True, timeout=self.settings.timeout_s, env=_env())
        except subprocess.TimeoutExpired:
            raise OcrFailed(f"OCR took longer than {self.settings.timeout_s:g} s") from None
        except OSError as exc:
            raise OcrFailed(f"Tesseract could not be run: {exc.strerror or exc}") from None
        if out.returncode != 0:
            detail = out.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrFailed(f"Tesseract failed: {detail[-1] if detail else f'exit status {out.returncode}'}")
        text = out.stdout.decode("utf-8", "replace")
        self._cache_put(key, text)
        return text

    def _cache_path(self, key: str) -> Path | None:
        return self.cache_dir / key[:2] / f"{key}.txt" if self.cache_dir else None

    def _cache_get(self, key: str) -> str | None:
        path = self._cache_path(key)
        if path is None:
            return None
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return None

    def _cache_put(self, key: str, text: str) -> None:
        path = self._cache_path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)  # readers never see half an entry
        except OSError:
            pass  # a read-only cache only costs time
