"""Index storage behind one small interface (see base.py).

``open_store(spec)`` (searching: the web app, the CLIs, the benchmarks) and
``open_backend(spec)`` (the index lifecycle: the ingester) are the one way in.
``spec`` is SEARCH_INDEX_DIR / --index: a folder (a Whoosh index, as always)
or ``whoosh:FOLDER``; another ``scheme:`` names a backend that does not exist
and raises UnknownBackend naming it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .base import (Expected, FacetValue, Hit, IndexBackend, LiveGeneration, NewGeneration, PassageHit, QueryError,
                   SearchRequest, SearchResult, SORTS, Store, StoreStats, UnknownBackend)
from .whoosh import (IndexNotFound, SCHEMA_VERSION, WhooshBackend, WhooshStore, create_generation,
                     current_generation, current_generation_info, prune_generations, read_manifest, read_meta)

#: scheme -> backend class; a spec without a scheme is a Whoosh folder.
BACKENDS: dict[str, type] = {"whoosh": WhooshBackend}
# Two characters at least before the colon (never a drive letter) and no slash
# (``data/index:old`` is a folder).
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):(.*)", re.DOTALL)


def open_backend(spec: str | os.PathLike) -> IndexBackend:
    """The backend ``spec`` names (see the module's docstring)."""
    text = os.fspath(spec)
    m = _SCHEME.fullmatch(text)
    if m is None:
        return WhooshBackend(Path(text))
    scheme, rest = m.group(1).lower(), m.group(2)
    backend = BACKENDS.get(scheme)
    if backend is None:
        known = ", ".join(f"{k}:PATH" for k in BACKENDS)
        raise UnknownBackend(f"unknown index backend {m.group(1)!r} in SEARCH_INDEX_DIR/--index {text!r} "
                             f"(known: {known}, or a plain folder path)")
    if not rest:
        raise UnknownBackend(f"no index folder after {m.group(1)}: in SEARCH_INDEX_DIR/--index {text!r}")
    return backend(Path(rest))


def index_root(spec: str | os.PathLike) -> Path:
    """The local folder of the index ``spec`` names (its run lock and reports)."""
    return open_backend(spec).root


def open_store(spec: str | os.PathLike) -> Store:
    """The live index ``spec`` names, for searching; IndexNotFound when there is none."""
    return open_backend(spec).open_store()

__all__ = [
    "BACKENDS", "Expected", "IndexBackend", "LiveGeneration", "NewGeneration", "UnknownBackend", "WhooshBackend",
    "index_root", "open_backend",
    "FacetValue", "Hit", "PassageHit", "QueryError", "SearchRequest", "SearchResult", "SORTS", "Store",
    "StoreStats", "IndexNotFound", "SCHEMA_VERSION", "WhooshStore", "create_generation", "current_generation_info",
    "open_store", "read_meta", "read_manifest", "current_generation", "prune_generations",
]
