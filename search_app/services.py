"""Access to the store and the priority areas, shared by the UI, the API and the CLI.

The store is opened lazily, once per app (so once per process), and shared by
all request threads; Store implementations allow concurrent reads and reopen
by themselves when a rebuild switches in a new index generation.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app

EXTENSION_KEY = "search_app"


class IndexUnavailable(RuntimeError):
    """No index could be opened; the message says how to build one."""


def build_hint(index_dir: str | Path) -> str:
    return (
        f"Bygg indexet först: python -m indexer build --source corpus --index {index_dir} "
        "(eller make index)."
    )


@dataclass
class _State:
    lock: threading.Lock = field(default_factory=threading.Lock)
    store: Any = None
    areas: list | None = None
    #: (index generation, value) of per_generation(), by key
    per_generation: dict = field(default_factory=dict)


def init_app(app: Flask) -> None:
    state = _State()
    if app.config.get("STORE") is not None:  # an injected store (tests, embedding)
        state.store = app.config["STORE"]
    else:
        # a spec naming no known backend ("pg://…") is a configuration error at start,
        # not a server error at the first request
        from indexer.store import index_root
        index_root(app.config["INDEX_DIR"])
    app.extensions[EXTENSION_KEY] = state


def _state(app: Flask | None = None) -> _State:
    return (app or current_app).extensions[EXTENSION_KEY]


def get_store(app: Flask | None = None):
    """The app's store, opened on first use. Raises IndexUnavailable."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    state = _state(app)
    if state.store is not None:
        return state.store
    with state.lock:
        if state.store is None:
            from indexer.store import open_store  # imported lazily: the app loads without an index

            index_dir = Path(app.config["INDEX_DIR"])
            try:
                state.store = open_store(index_dir)
            except FileNotFoundError as exc:
                raise IndexUnavailable(f"Inget sökindex i {index_dir}: {exc}. {build_hint(index_dir)}") from exc
        return state.store


def per_generation(key: str, compute):
    """``compute()``, remembered until the index generation changes (per app, so
    per process). For what is the same for every visitor of one index, such as
    the start page's newest documents per area. A running app notices a new
    generation on its next request (stats() reads CURRENT), so this does too."""
    state = _state()
    generation = get_store().stats().generation
    cached = state.per_generation.get(key)
    if cached is not None and cached[0] == generation:
        return cached[1]
    value = compute()
    # Computed outside any lock: two threads may both compute it once; both values are right.
    state.per_generation[key] = (generation, value)
    return value


#: Newest documents per area on the start page.
NEWEST_PER_AREA = 3


def area_overview() -> list[tuple[Any, int, list]]:
    """(area, documents, newest documents) for each priority area, as the start
    page and /api/areas show them: the same for every visitor until the index
    generation changes, so searched once per generation.

    The newest documents are often joint ones (minutes of a whole council
    meeting, press releases about the collaboration) that address every area,
    so each area's newest by date alone were the same few everywhere. Each area
    lists its newest documents that no other area lists, taking turns, and
    repeats a shared one only when too few of its own are left."""
    def compute():
        from indexer.store.base import SearchRequest
        store = get_store()
        areas = get_areas()
        candidates = []
        for area in areas:
            result = store.search(SearchRequest(areas=[area.id], sort="date", limit=NEWEST_PER_AREA * len(areas)))
            candidates.append((area, result.total, result.hits))
        shown: set[str] = set()
        picked: list[list] = [[] for _ in candidates]
        for _turn in range(NEWEST_PER_AREA):
            for (_area, _total, hits), mine in zip(candidates, picked):
                fresh = next((h for h in hits if h.doc_id not in shown), None)
                if fresh is not None:
                    mine.append(fresh)
                    shown.add(fresh.doc_id)
        for (_area, _total, hits), mine in zip(candidates, picked):
            mine += [h for h in hits if h not in mine][:NEWEST_PER_AREA - len(mine)]
            mine.sort(key=hits.index)  # newest first, as searched
        return [(area, total, mine) for (area, total, _hits), mine in zip(candidates, picked)]
    return per_generation("area-overview", compute)


def get_areas(app: Flask | None = None) -> list:
    """All priority areas (PriorityArea records), loaded once per app."""
    state = _state(app)
    if state.areas is None:
        from indexer.areas import load_areas

        with state.lock:
            if state.areas is None:
                state.areas = list(load_areas())
    return state.areas


def find_area(id_or_label: str):
    """The PriorityArea named by id or label (case-insensitive), or None."""
    from indexer.areas import get_area

    value = (id_or_label or "").strip()
    if not value:
        return None
    area = get_area(value)
    if area is not None:
        return area
    folded = value.casefold()
    for a in get_areas():
        if folded in (a.id.casefold(), a.label.casefold()):
            return a
    return None


def facet_label(group: str, value: str) -> str:
    """The display label of a facet value (indexer/search/facets.py groups)."""
    if group == "area":
        return area_label(value)
    if group == "doc_type":
        from indexer.models import DOC_TYPE_LABELS

        return DOC_TYPE_LABELS.get(value, value)
    if group == "body":
        return value[:1].upper() + value[1:]
    if group == "party":
        from indexer.names import party_label

        return party_label(value)
    return value


def area_label(area_id: str) -> str:
    """The display label of an area id, from the app's areas (indexer.areas.area_label)."""
    from indexer.areas import area_label as _area_label

    return _area_label(area_id, get_areas())
