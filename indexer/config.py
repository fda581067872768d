"""Every setting of the ingester in one place: defaults, environment variables, flags.

Precedence: command-line flag > environment variable > default below.
"""
from __future__ import annotations

import os
from pathlib import Path

#: Where the index generations live (``<root>/CURRENT`` names the live one);
#: the web app uses the same default.
INDEX_DIR_DEFAULT = "data/index"
DEFAULT_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", INDEX_DIR_DEFAULT))
#: Extraction results keyed by file content hash, so unchanged files are never re-read.
DEFAULT_CACHE_DIR = Path(os.environ.get("SEARCH_CACHE_DIR", "data/cache"))
#: Worker processes for extraction and analysis (the machine has two cores).
DEFAULT_JOBS = int(os.environ.get("SEARCH_JOBS", str(min(2, os.cpu_count() or 1))))
#: File names never indexed even when their suffix is supported.
IGNORED_NAMES = frozenset({"README.md", "readme.md", "README.txt"})


def env_doc() -> str:
    """The environment variables, for --help epilogues."""
    return (
        "environment variables:\n"
        "  SEARCH_INDEX_DIR   index folder (default data/index)\n"
        "  SEARCH_CACHE_DIR   extraction cache folder (default data/cache)\n"
        "  SEARCH_JOBS        worker processes (default: 2, or 1 on a one-core machine)\n"
        "  SEARCH_MAX_FILE_MB files larger than this are skipped (default 50)\n"
        "  SEARCH_AREAS_FILE  priority-area lexicon (default indexer/data/areas.toml)\n"
        "  SEARCH_SYNONYMS_FILE abbreviations and synonyms (default indexer/data/synonyms.toml)\n"
        "  SEARCH_ANALYSIS_CACHE  0 turns off the on-disk cache of the Swedish lexicons\n"
    )
