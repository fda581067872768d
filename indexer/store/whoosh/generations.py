"""Index generations on disk: the live one, new ones, publishing, pruning.

Layout of an index folder::

    <root>/CURRENT            symlink to the live generation (switched atomically)
    <root>/gen-<stamp>/       a complete Whoosh index plus meta.json (and manifest.json),
                              and derived/: what searches need of it, built at publishing (derived.py)

A build writes a new generation and switches CURRENT only when it is
complete, so readers always see either the old or the new state. Readers
notice the switch on their next search and reopen; no restart is needed.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

from whoosh import index

from ... import analysis
from . import derived
from .schema import SCHEMA_VERSION, make_schema
from .staging import remove_staging

CURRENT = "CURRENT"
META = "meta.json"
MANIFEST = "manifest.json"
#: A generation replaced less than this long ago is kept even when it is not
#: the live one or the one before: a reader may have read CURRENT just before
#: the switch and still be opening it.
SUPERSEDED_GRACE_S = 600.0


class IndexNotFound(FileNotFoundError):
    pass


def read_meta(gen_dir: Path) -> dict:
    try:
        return json.loads((gen_dir / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def current_generation(root: Path) -> Path | None:
    link = root / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    gen = root / target
    return gen if (gen / META).exists() else None


def current_generation_info(root: Path) -> dict:
    """{"generation", "path", "meta", "built_ts"} of the live generation, or {}."""
    gen = current_generation(Path(root))
    if gen is None:
        return {}
    meta = read_meta(gen)
    built_ts = (gen / META).stat().st_mtime
    return {"generation": gen.name, "path": gen, "meta": meta, "built_ts": built_ts}


def read_manifest(gen_dir: Path) -> dict | None:
    """The generation's record of the files it holds (written by the ingester at
    publish time), or None when it has none or it cannot be read."""
    try:
        data = json.loads((Path(gen_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def new_generation(root: Path, sources: list[str] | None = None, base: Path | None = None) -> Path:
    """The folder of a new, not yet live generation to build into: empty, or
    (``base``) a copy of an existing generation to update.

    The copy hard-links the base's index files. That is safe because Whoosh
    never writes into an existing file: every segment file is new and named by
    a fresh random segment id, the table of contents is written under a
    temporary name and renamed, and merges write new segments and unlink the
    old names (which only drops this generation's link). Readers of the base
    generation therefore never see a byte change (tests/test_update.py checks
    the base's files byte for byte after updates). Where hard links are not
    possible the files are copied. Only files are copied: the base's ``derived/``
    folder describes the base's records, and the new generation gets its own
    when it is published.
    """
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    gen = root / f"gen-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
    gen.mkdir()
    if base is None:
        index.create_in(str(gen), make_schema())
    else:
        for src in Path(base).iterdir():
            if src.name in (META, MANIFEST) or not src.is_file() or "WRITELOCK" in src.name \
                    or src.name.endswith(".tmp") or src.name.startswith("."):
                continue
            try:
                os.link(src, gen / src.name)
            except OSError:
                shutil.copy2(src, gen / src.name)
    meta = {"schema_version": SCHEMA_VERSION, "analyzer_version": analysis.ANALYZER_VERSION,
            "created_at": _now(), "built_at": None, "sources": sources or [], "complete": False,
            "base": Path(base).name if base is not None else None}
    (gen / META).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return gen


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def make_live(root: Path, gen: Path, stats: dict, manifest: dict | None = None, exclusive: bool = False) -> None:
    """Mark a generation complete and make it the live one, atomically.

    ``manifest`` (the ingester's record of the files indexed) is stored
    inside the generation, so it always describes exactly that index.
    Everything is flushed to disk before CURRENT is switched, so even a
    power cut leaves either the old or the complete new generation live.
    ``exclusive``: the caller holds the index's update lock (see prune_generations).
    """
    previous = current_generation(root)
    if manifest is not None:
        _write_json(gen / MANIFEST, manifest)
    meta = read_meta(gen)
    meta.update(stats, built_at=_now(), complete=True,
                previous=previous.name if previous is not None and previous != gen else None)
    _write_json(gen / META, meta)
    remove_staging(gen)  # leftovers of cancelled writers; nothing in it is referenced
    # Built here, from the finished index, so that no searching process builds them
    # on its first search (issue 16); flushed with the rest before the switch.
    derived.write(gen)
    _fsync_tree(gen)
    tmp_link = root / f".{CURRENT}.{os.getpid()}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    os.symlink(gen.name, tmp_link)
    os.replace(tmp_link, root / CURRENT)
    _fsync_dir(root)
    prune_generations(root, keep={gen.name} | ({previous.name} if previous else set()), exclusive=exclusive)


def prune_generations(root: Path, keep: set[str], min_age_s: float = 3600.0, exclusive: bool = False,
                      grace_s: float | None = None) -> None:
    """Remove generations that are neither live nor the one before it.

    A generation replaced less than grace_s ago stays (a reader may still be
    opening it). Unfinished generations younger than min_age_s may belong to a
    build still running in another process and are left alone, unless
    ``exclusive``: the caller holds the update lock, so an unfinished
    generation can only be what a killed run left behind.
    """
    now = time.time()
    grace = SUPERSEDED_GRACE_S if grace_s is None else grace_s
    root = Path(root)
    live = current_generation(root)
    metas = {g.name: read_meta(g) for g in root.glob("gen-*") if g.is_dir()}
    superseded_at: dict[str, float] = {}
    for m in metas.values():
        if m.get("complete") and m.get("previous") and m.get("built_at"):
            try:
                superseded_at[m["previous"]] = datetime.fromisoformat(m["built_at"]).timestamp()
            except (TypeError, ValueError):
                pass
    for name, m in metas.items():
        if name in keep or (live is not None and name == live.name):
            continue
        gen = root / name
        if not m.get("complete"):
            try:
                young = now - gen.stat().st_mtime < min_age_s
            except OSError:
                continue
            if young and not exclusive:
                continue
        elif now - superseded_at.get(name, 0.0) < grace:
            continue
        shutil.rmtree(gen, ignore_errors=True)
    if exclusive:
        for tmp_link in root.glob(f".{CURRENT}.*"):  # left by a run killed while switching
            if tmp_link.is_symlink():
                tmp_link.unlink(missing_ok=True)


def _write_json(path: Path, data: dict) -> None:
    """Whole or not at all: a new file renamed over the old name (never written
    in place, so a hard-linked copy elsewhere is never touched)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def _fsync(path: Path, flags: int = os.O_RDONLY) -> None:
    """Flush one file or directory to disk; a file that vanished or cannot be
    flushed (some file systems) is skipped: durability is best effort here."""
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    _fsync(path, os.O_RDONLY | os.O_DIRECTORY)


def _fsync_tree(gen: Path) -> None:
    """Flush a generation's files and directory to disk (Whoosh does not)."""
    for f in gen.iterdir():
        if f.is_file():
            _fsync(f)
    _fsync_dir(gen)
