"""Every setting of the ingester in one place: defaults, environment variables, flags.

Precedence: command-line flag > environment variable > default below.

This module is the only one that reads the environment for settings (the web
app's search_app/config.py reads through it too): always with the checked
readers env_str/env_int/env_float/env_path below and at call time, never at
import. A bad value raises ConfigError, whose message names the variable and
the value; both command lines print it as ``fel: …`` and exit with status 2.
README.md's configuration table lists every variable.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

#: Where the index generations live (``<root>/CURRENT`` names the live one);
#: the web app uses the same default.
INDEX_DIR_ENV, INDEX_DIR_DEFAULT = "SEARCH_INDEX_DIR", "data/index"
#: Extraction results keyed by file content hash, so unchanged files are never re-read.
CACHE_DIR_ENV, CACHE_DIR_DEFAULT = "SEARCH_CACHE_DIR", "data/cache"
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
#: Data files staff edit are named by SEARCH_AREAS_FILE (areas.py),
#: SEARCH_ORGANISATIONS_FILE (organisations.py) and SEARCH_SYNONYMS_FILE
#: (search/syntax.py), and the hunspell-sv folder by SEARCH_HUNSPELL_DIR
#: (analysis/compounds.py); those modules keep their defaults and read the
#: variables with env_path.
#: Folder for the pickled Swedish lexicons; 0/off/no/false or empty turns the
#: cache off. Default $XDG_CACHE_HOME/council-search (~/.cache/council-search).
ANALYSIS_CACHE_ENV, ANALYSIS_CACHE_NAME = "SEARCH_ANALYSIS_CACHE", "council-search"
#: Search side, per serving process: Whoosh searchers per index generation,
#: shared by the request threads (SearcherPool; the GIL lets one thread compute
#: at a time, so a few suffice), and memory for decoded, scored posting lists
#: of recently searched terms (fastsearch.TermCache).
SEARCHERS_ENV, SEARCHERS_DEFAULT = "SEARCH_SEARCHERS", 2
TERM_CACHE_MB_ENV, TERM_CACHE_MB_DEFAULT = "SEARCH_TERM_CACHE_MB", 512


class ConfigError(ValueError):
    """A setting in the environment has a bad value; the message names the
    variable and the value (``SEARCH_JOBS='många' är inget heltal``)."""


def _raw(name: str) -> str | None:
    """The variable's value stripped of surrounding white space, None when unset."""
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None, *, empty_means_default: bool = True) -> str | None:
    """The variable as text; ``default`` when it is unset (or empty, unless
    ``empty_means_default`` is false: then an empty value is returned as "")."""
    raw = _raw(name)
    if raw is None or (raw == "" and empty_means_default):
        return default
    return raw


def env_path(name: str, default: Path | str | None = None) -> Path | None:
    """The variable as a path; ``default`` (as a Path, or None) when it is unset or empty."""
    raw = _raw(name)
    if raw:
        return Path(raw)
    return None if default is None else Path(default)


def _check_range(name: str, raw: str, value: float, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={raw!r} måste vara minst {minimum:g}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name}={raw!r} måste vara högst {maximum:g}")


def env_int(name: str, default: int, minimum: int | None = None, maximum: int | None = None) -> int:
    """The variable as a whole number, ``default`` when it is unset or empty;
    ConfigError naming the variable when it is not one or out of range."""
    raw = _raw(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} är inget heltal") from None
    _check_range(name, raw, value, minimum, maximum)
    return value


def env_float(name: str, default: float, minimum: float | None = None, maximum: float | None = None) -> float:
    """The variable as a (finite) number, ``default`` when it is unset or empty;
    ConfigError naming the variable when it is not one or out of range."""
    raw = _raw(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} är inget tal") from None
    if not math.isfinite(value):
        raise ConfigError(f"{name}={raw!r} är inget tal")
    _check_range(name, raw, value, minimum, maximum)
    return value


def default_index_dir() -> Path:
    return env_path(INDEX_DIR_ENV, INDEX_DIR_DEFAULT)


def default_cache_dir() -> Path:
    return env_path(CACHE_DIR_ENV, CACHE_DIR_DEFAULT)


def __getattr__(name: str):
    # DEFAULT_INDEX_DIR / DEFAULT_CACHE_DIR of old, read when asked for rather than at import.
    if name == "DEFAULT_INDEX_DIR":
        return default_index_dir()
    if name == "DEFAULT_CACHE_DIR":
        return default_cache_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_report_dir(index_dir: Path) -> Path:
    return env_path(REPORT_DIR_ENV) or Path(index_dir) / "reports"


def analysis_cache_dir() -> Path | None:
    """Folder for parsed-resource pickles, or None when caching is switched off."""
    raw = env_str(ANALYSIS_CACHE_ENV, None, empty_means_default=False)
    if raw is not None:
        return None if raw.lower() in {"", "0", "off", "no", "false"} else Path(raw)
    base = env_path("XDG_CACHE_HOME") or Path.home() / ".cache"
    return base / ANALYSIS_CACHE_NAME


def searchers() -> int:
    return env_int(SEARCHERS_ENV, SEARCHERS_DEFAULT, minimum=1)


def term_cache_mb() -> int:
    return env_int(TERM_CACHE_MB_ENV, TERM_CACHE_MB_DEFAULT, minimum=0)


def test_pause_marker(stage: str) -> Path | None:
    """Test-only (see TEST_PAUSE_ENV): the marker file when a run is to pause at ``stage``."""
    if env_str(TEST_PAUSE_ENV) != stage:
        return None
    return env_path(TEST_PAUSE_FILE_ENV)


def default_jobs() -> int:
    """SEARCH_JOBS, or CORE_JOBS when it is unset; a bad value raises
    ConfigError naming the variable (never a traceback at import)."""
    return env_int(JOBS_ENV, CORE_JOBS, minimum=1)


def max_file_mb() -> float:
    return env_float(MAX_FILE_MB_ENV, MAX_FILE_MB_DEFAULT, 0.001)


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
    ConfigError naming the variable."""
    return FileLimits(
        max_unzipped_mb=(max_unzipped_mb if max_unzipped_mb is not None
                         else env_float(MAX_UNZIPPED_MB_ENV, MAX_UNZIPPED_MB_DEFAULT, 0.001)),
        max_zip_ratio=(max_zip_ratio if max_zip_ratio is not None
                       else env_float(MAX_ZIP_RATIO_ENV, MAX_ZIP_RATIO_DEFAULT, 1)),
        max_pages=max_pages if max_pages is not None else env_int(MAX_PAGES_ENV, MAX_PAGES_DEFAULT, 1),
        file_timeout_s=(file_timeout_s if file_timeout_s is not None
                        else env_float(FILE_TIMEOUT_ENV, FILE_TIMEOUT_DEFAULT, 0.01)),
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
        # Set but empty turns OCR off.
        tesseract=env_str(TESSERACT_ENV, TESSERACT_DEFAULT, empty_means_default=False),
        lang=env_str(OCR_LANG_ENV, OCR_LANG_DEFAULT),
        dpi=env_int(OCR_DPI_ENV, OCR_DPI_DEFAULT, 72),
        timeout_s=env_float(OCR_TIMEOUT_ENV, OCR_TIMEOUT_DEFAULT, 1),
    )


def text_quality_min() -> float:
    """SEARCH_TEXT_QUALITY_MIN (0..1), read at call time; 0 turns the check off."""
    return env_float(TEXT_QUALITY_MIN_ENV, TEXT_QUALITY_MIN_DEFAULT, 0, 1)


def env_doc() -> str:
    """The environment variables, for --help epilogues."""
    return (
        "environment variables:\n"
        "  SEARCH_INDEX_DIR   index folder, or whoosh:FOLDER (default data/index)\n"
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
        "  SEARCH_ORGANISATIONS_FILE municipalities, regions and agencies recognised in documents\n"
        "                     (default indexer/data/organisations.tsv)\n"
        "  SEARCH_SYNONYMS_FILE abbreviations and synonyms (default indexer/data/synonyms.toml)\n"
        "  SEARCH_HUNSPELL_DIR folder with the hunspell-sv dictionary sv_SE.dic/.aff (default: the\n"
        "                     Python environment's share/hunspell)\n"
        "  SEARCH_ANALYSIS_CACHE  folder for the on-disk cache of the Swedish lexicons (default\n"
        "                     $XDG_CACHE_HOME/council-search, ~/.cache/council-search); 0 turns it off\n"
    )
