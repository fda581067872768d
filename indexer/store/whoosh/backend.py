"""The index lifecycle (base.IndexBackend) on Whoosh generations.

A thin wrapper around the generation functions of generations.py: what
happens on disk (gen-* folders, CURRENT switched atomically, hard-linked
copies, pruning) is theirs; this class only gives the ingester one interface
to them, so pipeline.py never imports a Whoosh module.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Sequence

from ... import analysis
from ..base import Expected, LiveGeneration
from . import derived
from .generations import CURRENT, current_generation_info, prune_generations, read_manifest
from .schema import SCHEMA_VERSION
from .store import WhooshStore, create_generation, open_store

log = logging.getLogger(__name__)


class WhooshBackend:
    scheme = "whoosh"

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"WhooshBackend({str(self.root)!r})"

    def live(self) -> LiveGeneration | None:
        info = current_generation_info(self.root)
        if not info:
            return None
        return LiveGeneration(name=info["generation"], meta=info["meta"], built_ts=info["built_ts"],
                              location=info["path"])

    def live_problem(self) -> str | None:
        link = self.root / CURRENT
        if self.live() is not None or not link.is_symlink():
            return None
        return f"{CURRENT} pekar på {os.readlink(link)}, som saknas eller är ofullständig"

    def manifest(self, live: LiveGeneration) -> dict | None:
        return read_manifest(Path(str(live.location)))

    def rebuild_reason(self, live: LiveGeneration, expected: Sequence[Expected] = ()) -> str | None:
        meta = live.meta
        if meta.get("schema_version") != SCHEMA_VERSION:
            return f"indexets schema {meta.get('schema_version')} skiljer sig från {SCHEMA_VERSION}"
        if meta.get("analyzer_version") != analysis.ANALYZER_VERSION:
            return (f"den svenska analysen har ändrats ({meta.get('analyzer_version')} -> "
                    f"{analysis.ANALYZER_VERSION})")
        for e in expected:
            if meta.get(e.key) != e.value:
                return e.reason.format(found=meta.get(e.key), expected=e.value)
        return None

    def prune(self) -> None:
        """Remove leftovers and old generations, and give a live generation
        written before searches' structures were stored (derived.py) its files:
        the ingester calls this under the update lock on every run, so even a
        run that finds nothing to change ends the slow first search."""
        live = self.live()
        keep = {live.meta.get("previous")} - {None} if live else set()
        prune_generations(self.root, keep=keep, exclusive=True)
        if live is not None:
            try:
                if derived.ensure(Path(str(live.location))):
                    log.info("stored the search structures of %s", live.name)
            except Exception as exc:  # noqa: BLE001
                # Housekeeping must not stop the run (which may be about to rebuild
                # this very index); searching works without them (built in memory).
                log.warning("could not store the search structures of %s: %s", live.name, exc)

    def begin(self, sources: list[str], base: LiveGeneration | None = None) -> WhooshStore:
        return create_generation(self.root, sources=sources,
                                 base=Path(str(base.location)) if base is not None else None)

    def publish(self, generation: WhooshStore, stats: dict, manifest: dict) -> str:
        generation.publish(stats, manifest=manifest, exclusive=True)
        live = self.live()
        return live.name if live else ""

    def abandon(self, generation: WhooshStore) -> None:
        generation.abandon()

    def open_store(self) -> WhooshStore:
        return open_store(self.root)
