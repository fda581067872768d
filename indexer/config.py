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
#: Lock and temporary files of office programs, skipped without a word: they
#: are not documents (Word's owner file ``~$rotokoll.docx``, LibreOffice's
#: ``.~lock.protokoll.odt#``, Word's autosave ``~WRL0001.tmp``). Matched
#: case-insensitively with fnmatch, since Windows shares do not keep case.
IGNORED_PATTERNS = ("~$*", ".~lock.*#", "~wr?*.tmp")
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
#: A PDF page whose text layer has a smaller share of words the Swedish lexicon
#: knows than this is garbled (lost or substituted glyphs): it is read with OCR
#: when Tesseract is there, and flagged as low quality when OCR does no better.
#: Chosen on the development half of the real documents (../shared/devdata/real):
#: midway between the highest-scoring page the gold lists as garbled (0.945) and
#: the lowest-scoring clean page (0.984), rounded down to a multiple of 0.05,
#: because a clean page flagged misleads readers more than a lightly garbled
#: page left unflagged.
TEXT_QUALITY_MIN_ENV, TEXT_QUALITY_MIN_DEFAULT = "SEARCH_TEXT_QUALITY_MIN", 0.95
#: Limits that keep one file from stalling or sinking a run (read at call time;
#: the flags of `indexer build|update` win). A zip container (DOCX) is refused,
#: from its directory and before anything is inflated, when its members add up
#: to more than MAX_UNZIPPED_MB, or when a member of over 1 MB inflates more than
#: MAX_ZIP_RATIO times: Word's XML inflates 5-20 times, while the 1.4 MB DOCX of
#: issue 11 inflated 285 times to 400 MB and kept a build busy for 10 minutes.
#: 300 MB leaves room for a 50 MB file (the size limit) full of pictures.
MAX_UNZIPPED_MB_ENV, MAX_UNZIPPED_MB_DEFAULT = "SEARCH_MAX_UNZIPPED_MB", 300.0
MAX_ZIP_RATIO_ENV, MAX_ZIP_RATIO_DEFAULT = "SEARCH_MAX_ZIP_RATIO", 100.0
#: Pages per file (a PDF's pages are counted with pdfium before any text is
#: read): four times the 500 pages of the longest real minutes with appendices.
MAX_PAGES_ENV, MAX_PAGES_DEFAULT = "SEARCH_MAX_PAGES", 2000
#: Seconds one file may take to be read (extraction, OCR included); a file that
#: takes longer is reported as timed out and the run goes on without it. OCR
#: sets the scale: Tesseract took 6.4-7.2 s per dense A4 page (5,900 characters)
#: at 300 dpi on one core of this 2-core machine (2026-12), so minutes of 500
#: scanned pages take up to an hour (pdfplumber's 6-12 pages/s add about a
#: minute). Two hours leave a slower server room; the zip and page limits above
#: stop the known pathological files long before this.
FILE_TIMEOUT_ENV, FILE_TIMEOUT_DEFAULT = "SEARCH_FILE_TIMEOUT", 7200.0
#: Test-only: a run pauses at this stage (pipeline.TEST_STAGES) by creating the
#: file named by SEARCH_TEST_PAUSE_FILE and waiting while it exists, so a test
#: can kill it at an exact moment. Not configuration, so not in env_doc().
TEST_PAUSE_ENV, TEST_PAUSE_FILE_ENV = "SEARCH_TEST_PAUSE_AT", "SEARCH_TEST_PAUSE_FILE"


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
class FileLimits:
    """What one file may cost (see the defaults above)."""

    max_unzipped_mb: float = MAX_UNZIPPED_MB_DEFAULT
    max_zip_ratio: float = MAX_ZIP_RATIO_DEFAULT
    max_pages: int = MAX_PAGES_DEFAULT
    file_timeout_s: float = FILE_TIMEOUT_DEFAULT


def file_limits(max_unzipped_mb: float | None = None, max_zip_ratio: float | None = None,
                max_pages: int | None = None, file_timeout_s: float | None = None) -> FileLimits:
    """From the environment, read at call time (worker processes inherit it);
    arguments that are not None (command-line flags) win. A bad value raises
    ValueError naming the variable."""
    def pick(given, env: str, default: float, minimum: float) -> float:
        return given if given is not None else _env_number(env, default, minimum)
    return FileLimits(
        max_unzipped_mb=pick(max_unzipped_mb, MAX_UNZIPPED_MB_ENV, MAX_UNZIPPED_MB_DEFAULT, 0.001),
        max_zip_ratio=pick(max_zip_ratio, MAX_ZIP_RATIO_ENV, MAX_ZIP_RATIO_DEFAULT, 1),
        max_pages=int(pick(max_pages, MAX_PAGES_ENV, MAX_PAGES_DEFAULT, 1)),
        file_timeout_s=pick(file_timeout_s, FILE_TIMEOUT_ENV, FILE_TIMEOUT_DEFAULT, 0.01),
    )


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


def text_quality_min() -> float:
    """SEARCH_TEXT_QUALITY_MIN (0..1), read at call time; 0 turns the check off."""
    value = _env_number(TEXT_QUALITY_MIN_ENV, TEXT_QUALITY_MIN_DEFAULT, 0)
    if value > 1:
        raise ValueError(f"{TEXT_QUALITY_MIN_ENV}={value:g} måste vara högst 1")
    return value


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
        "  SEARCH_TEXT_QUALITY_MIN  share of known words below which a PDF page's text layer\n"
        "                     counts as garbled: read with OCR, else flagged (default 0.95; 0: off)\n"
        "  SEARCH_MAX_UNZIPPED_MB a DOCX that unpacks to more is refused (default 300; --max-unzipped-mb)\n"
        "  SEARCH_MAX_ZIP_RATIO a DOCX part of over 1 MB compressed more than this many times is\n"
        "                     refused as a zip bomb (default 100; --max-zip-ratio)\n"
        "  SEARCH_MAX_PAGES   files with more pages are refused (default 2000; --max-pages)\n"
        "  SEARCH_FILE_TIMEOUT seconds one file may take to be read, OCR included; a slower file is\n"
        "                     reported as timed out (default 7200; --file-timeout)\n"
        "  SEARCH_AREAS_FILE  priority-area lexicon (default indexer/data/areas.toml)\n"
        "  SEARCH_SYNONYMS_FILE abbreviations and synonyms (default indexer/data/synonyms.toml)\n"
        "  SEARCH_ANALYSIS_CACHE  0 turns off the on-disk cache of the Swedish lexicons\n"
    )
