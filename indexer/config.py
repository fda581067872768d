"""Every setting of the ingester in one place: defaults, environment variables, flags.

Precedence: command-line flag > environment variable > default below.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: Where the index generations live (``<root>/CURRENT`` names the live one);
#: the web app uses the same default.
INDEX_DIR_DEFAULT = "data/index"
DEFAULT_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", INDEX_DIR_DEFAULT))
#: Extraction results keyed by file content hash, so unchanged files are never re-read.
DEFAULT_CACHE_DIR = Path(os.environ.get("SEARCH_CACHE_DIR", "data/cache"))
#: Worker processes that extract, analyse and index: one per core, at most 2
#: unless SEARCH_JOBS says otherwise (read at call time, see default_jobs).
JOBS_ENV = "SEARCH_JOBS"
CORE_JOBS = min(2, os.cpu_count() or 1)
#: File names never indexed even when their suffix is supported.
IGNORED_NAMES = frozenset({"README.md", "readme.md", "README.txt"})
#: Run reports (one JSON file per run); empty means ``<index>/reports``.
REPORT_DIR_ENV = "SEARCH_REPORT_DIR"
#: Files larger than this many MB are skipped and reported (read at call time).
MAX_FILE_MB_ENV, MAX_FILE_MB_DEFAULT = "SEARCH_MAX_FILE_MB", 50.0
#: OCR of PDF pages without a text layer: the Tesseract program, its language
#: model, the resolution pages are rendered at and the time allowed per page.
TESSERACT_ENV, TESSERACT_DEFAULT = "SEARCH_TESSERACT", "tesseract"
OCR_LANG_ENV, OCR_LANG_DEFAULT = "SEARCH_OCR_LANG", "swe"
OCR_DPI_ENV, OCR_DPI_DEFAULT = "SEARCH_OCR_DPI", 300
OCR_TIMEOUT_ENV, OCR_TIMEOUT_DEFAULT = "SEARCH_OCR_TIMEOUT", 120.0


def default_report_dir(index_dir: Path) -> Path:
    raw = os.environ.get(REPORT_DIR_ENV, "").strip()
    return Path(raw) if raw else Path(index_dir) / "reports"


def _env_number(name: str, default: float, minimum: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name}={raw!r} är inget tal") from None
    if value < minimum:
        raise ValueError(f"{name}={raw!r} måste vara minst {minimum:g}")
    return value


def default_jobs() -> int:
    """SEARCH_JOBS, or CORE_JOBS when it is unset; a bad value raises
    ValueError naming the variable (never a traceback at import)."""
    raw = os.environ.get(JOBS_ENV, "").strip()
    if not raw:
        return CORE_JOBS
    try:
        jobs = int(raw)
    except ValueError:
        raise ValueError(f"{JOBS_ENV}={raw!r} är inget heltal") from None
    if jobs < 1:
        raise ValueError(f"{JOBS_ENV}={raw!r} måste vara minst 1")
    return jobs


def max_file_mb() -> float:
    return _env_number(MAX_FILE_MB_ENV, MAX_FILE_MB_DEFAULT, 0.001)


@dataclass(frozen=True)
class OcrSettings:
    tesseract: str = TESSERACT_DEFAULT   # program name or path; "" turns OCR off
    lang: str = OCR_LANG_DEFAULT
    dpi: int = OCR_DPI_DEFAULT
    timeout_s: float = OCR_TIMEOUT_DEFAULT


def ocr_settings() -> OcrSettings:
    """From the environment, read at call time (worker processes inherit it)."""
    return OcrSettings(
        tesseract=os.environ.get(TESSERACT_ENV, TESSERACT_DEFAULT).strip(),
        lang=os.environ.get(OCR_LANG_ENV, "").strip() or OCR_LANG_DEFAULT,
        dpi=int(_env_number(OCR_DPI_ENV, OCR_DPI_DEFAULT, 72)),
        timeout_s=_env_number(OCR_TIMEOUT_ENV, OCR_TIMEOUT_DEFAULT, 1),
    )


def env_doc() -> str:
    """The environment variables, for --help epilogues."""
    return (
        "environment variables:\n"
        "  SEARCH_INDEX_DIR   index folder (default data/index)\n"
        "  SEARCH_CACHE_DIR   extraction cache folder (default data/cache)\n"
        "  SEARCH_JOBS        worker processes (default: 2, or 1 on a one-core machine)\n"
        "  SEARCH_MAX_FILE_MB files larger than this are skipped and reported (default 50; --max-file-mb)\n"
        "  SEARCH_REPORT_DIR  run reports, one JSON file per run (default <index>/reports; --reports)\n"
        "  SEARCH_TESSERACT   Tesseract program for OCR of scanned PDF pages (default tesseract;\n"
        "                     empty turns OCR off: such pages are reported as needing OCR)\n"
        "  SEARCH_OCR_LANG    Tesseract language model (default swe)\n"
        "  SEARCH_OCR_DPI     resolution pages are rendered at for OCR (default 300)\n"
        "  SEARCH_OCR_TIMEOUT seconds allowed for OCR of one page (default 120)\n"
        "  SEARCH_AREAS_FILE  priority-area lexicon (default indexer/data/areas.toml)\n"
        "  SEARCH_SYNONYMS_FILE abbreviations and synonyms (default indexer/data/synonyms.toml)\n"
        "  SEARCH_ANALYSIS_CACHE  0 turns off the on-disk cache of the Swedish lexicons\n"
    )
