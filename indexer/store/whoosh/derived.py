"""What a search needs of one generation besides the Whoosh index, built once
when the generation is published and stored inside it (``<gen>/derived/``).

Built on first use in every process instead, these structures made the first
search after a start or an index switch slow (issue 16: 12.7 s at 44,000
documents): the document metadata (every document record's stored fields,
full text included, read and parsed), which document each record belongs to
(a postings read per document), and the map that restores å/ä/ö (every term
of the ``words`` field with its document frequency), and the document arrays
(a loop over every document per facet group). Stored, a process opens them
as memory-mapped numpy arrays, and parses only the metadata of documents it
does not already hold from the generation it had open before (after a switch,
nearly all of them are unchanged; see ``Derived.documents``).

The folder::

    derived.json        format, the fingerprint of the index it describes, counts
    documents.npy       each document's stored metadata (JSON, as the index stores it), in record order
    document_offsets.npy where each document's starts (one more than there are documents)
    document_keys.npy   a digest of each document's metadata (16 bytes)
    record_doc.npy      record -> document position (-1: a document record, deleted)
    doc_record.npy      document position -> its document record
    restore.npy         the restore map: "folded\\0spelling" records sorted by the folded word
    restore_offsets.npy where each record starts (one more than there are records)
    tables.json         the facet values per group, and the signature of the code that computed
    by_doc.npy, starts.npy, date_rank.npy, date_key.npy, member-<group>.npy
                        the rest of DocArrays (DocArrays.stored / from_stored); member-<group>
                        holds (document, value) pairs, one row each

Everything in it is a function of the index alone, so it can be built again
at any time: ``load`` accepts the folder only when its format and the
fingerprint of the index (table of contents generation, segments and their
deletions) match, and the view falls back on building in memory otherwise
(a generation written before these files existed, or one still being written).
The document arrays also depend on code (the facet groups and how DocArrays
computes them), so they are used only while the source of
indexer/search/documents.py and facets.py is what computed them.
The folder is written under a temporary name and renamed, so a reader sees
all of it or none. It lives inside the generation: pruning removes it with
the generation, and ``new_generation`` (which copies only files) never
carries it into the next one.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import inspect
import json
import logging
import os
import secrets
import shutil
import threading
import weakref
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from whoosh import index

from ... import analysis
from ...search import documents as search_documents
from ...search import facets as search_facets
from ...search.documents import DocArrays, DocMeta

log = logging.getLogger(__name__)

DERIVED = "derived"
HEAD = "derived.json"
TABLES = "tables.json"
#: Bump when what is stored or how it is computed changes: older folders are then ignored
#: (and replaced by the next update run, see ``ensure``).
FORMAT = 4  # 4: the facet membership as (document, value) pairs, not a matrix
_ARRAYS = ("record_doc", "doc_record", "restore", "restore_offsets", "documents", "document_offsets",
           "document_keys")
_TABLE_ARRAYS = ("by_doc", "starts", "date_rank", "date_key")


def open_index(gen: Path):
    """The generation's Whoosh index for reading, without mmap.

    With mmap, Whoosh (whoosh-reloaded 2.7.5, ``BufferFile``) copies each
    segment's posting and term-index files into a private BytesIO for every
    searcher it opens: about 520 MB of anonymous memory per searcher at 10,000
    documents, on top of the mapped file. Without mmap a searcher reads the
    same bytes with seek/read through the OS page cache and costs a few MB;
    the warm search path is as fast (the term cache holds decoded postings)."""
    from whoosh.filedb.filestore import FileStorage
    return index.FileIndex(FileStorage(str(gen), supports_mmap=False, readonly=True), indexname="MAIN")


def fingerprint(reader) -> dict:
    """What identifies the index contents a reader sees: Whoosh never changes a
    segment in place, and every commit (deletions included) writes a new table
    of contents, so equal fingerprints mean equal records."""
    return {"toc": reader.generation(),
            "segments": [[s.segment_id(), s.doc_count_all(), s.deleted_count()] for s in reader.segments() or []]}


@functools.lru_cache(maxsize=1)
def tables_signature() -> str:
    """sha256 of the code the document arrays are computed by; "" (matching
    nothing, so they are always computed) when its source cannot be read."""
    h = hashlib.sha256()
    try:
        for module in (search_documents, search_facets):
            h.update(inspect.getsource(module).encode("utf-8"))
    except (OSError, TypeError):
        return ""
    return h.hexdigest()


# -- the builders (at publish time, and in memory for a generation without the folder) -----

def stored_metas(searcher) -> list[str]:
    """Each document record's stored metadata (JSON text), in record order."""
    return [stored["meta"] for stored in searcher.documents(kind="document")]


def _doc_meta(text: str | bytes) -> DocMeta:
    m = json.loads(text)
    m["items"] = {str(k): v for k, v in m.get("items", {}).items()}
    return DocMeta(**m)


def documents(metas: Iterable[str]) -> dict[str, DocMeta]:
    """The documents as the search core has them, by id in record order."""
    with _gc_paused():
        docs = [_doc_meta(text) for text in metas]
    return {d.doc_id: d for d in docs}


@contextmanager
def _gc_paused():
    """Parsing tens of thousands of documents' metadata creates so many
    containers that the cyclic garbage collector runs again and again over
    every object of the process (a third of the time at 10,000 documents);
    what is parsed holds no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def record_docs(doc_ids: Sequence[str], reader) -> tuple[np.ndarray, np.ndarray]:
    """For DocArrays: index record -> document position (-1 for the document
    records themselves), and document position -> its document record.

    Segment by segment: asking the whole index for a document's postings looks
    the term up in every segment, which made this quadratic in practice (a
    build leaves a segment per worker and per 20,000 passages)."""
    pos = {d: i for i, d in enumerate(doc_ids)}
    record_doc = np.full(reader.doc_count_all(), -1, dtype=np.int64)
    for seg, offset in reader.leaf_readers():
        for term in seg.lexicon("doc_id"):
            i = pos.get(term.decode("utf-8"))
            if i is not None:
                # A segment's postings leave out its deleted records, as the whole reader's do.
                ids = np.fromiter(seg.postings("doc_id", term).all_ids(), dtype=np.int64)
                record_doc[ids + offset] = i
    doc_record = np.full(len(pos), -1, dtype=np.int64)
    if ("kind", b"document") in reader:
        records = np.fromiter(reader.postings("kind", b"document").all_ids(), dtype=np.int64)
        owner = record_doc[records]
        doc_record[owner[owner >= 0]] = records[owner >= 0]
        record_doc[records] = -1
    return record_doc, doc_record


def restore_map(reader) -> dict[str, str]:
    """Folded word -> the index's most frequent spelling of it with diacritics
    (the first in term order among equals), over the ``words`` field.

    The frequencies are summed segment by segment (a segment's term counts
    include its deleted records, as ``reader.doc_frequency`` does), and only
    for terms that folding changes: an ASCII term folds to its lower case."""
    freq: dict[str, int] = {}
    for seg, _offset in reader.leaf_readers():
        if "words" not in seg.indexed_field_names():
            continue
        for btext in seg.lexicon("words"):
            term = btext.decode("utf-8")
            if term.isascii() and term.lower() == term:
                continue
            freq[term] = freq.get(term, 0) + seg.doc_frequency("words", btext)
    best: dict[str, tuple[int, str]] = {}
    for term in sorted(freq):
        folded = analysis.fold(term)
        if folded != term:
            n = freq[term]
            if folded not in best or n > best[folded][0]:
                best[folded] = (n, term)
    return {k: t for k, (_n, t) in best.items()}


class RestoreMap:
    """The stored restore map, looked up by binary search in the memory-mapped
    records: nothing is read into memory when a generation is opened (at real
    scale the map has hundreds of thousands of words)."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray):
        self._blob = memoryview(blob) if len(blob) else memoryview(b"")
        self._offsets = offsets
        self._n = len(offsets) - 1

    def __len__(self) -> int:
        return self._n

    def get(self, word: str) -> str | None:
        # Records sort by their folded word: "\0" sorts before any letter, so a
        # record sorts where its key does, and the first record >= "key\0" is
        # the key's own if there is one.
        key = word.encode("utf-8") + b"\0"
        blob, off = self._blob, self._offsets
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            if bytes(blob[int(off[mid]):int(off[mid + 1])]) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._n:
            record = bytes(blob[int(off[lo]):int(off[lo + 1])])
            if record.startswith(key):
                return record[len(key):].decode("utf-8")
        return None


def _restore_arrays(restore: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    records = [f"{k}\0{v}".encode("utf-8") for k, v in sorted(restore.items())]
    return np.frombuffer(b"".join(records), dtype=np.uint8), _offsets(records)


#: The documents' metadata this process holds, by the digest of its stored JSON:
#: a generation opened after a switch takes the unchanged documents' DocMeta from
#: the one before instead of parsing them again (nothing changes a DocMeta).
#: Weak: gone with the last generation that has them.
_known: "weakref.WeakValueDictionary[bytes, DocMeta]" = weakref.WeakValueDictionary()


def _digest(text: bytes) -> bytes:
    return hashlib.blake2b(text, digest_size=16).digest()


@dataclass
class Derived:
    """One generation's stored structures (see the module docstring)."""

    record_doc: np.ndarray
    doc_record: np.ndarray
    restore: RestoreMap | dict[str, str]
    #: DocArrays.from_stored's arrays; None when the code that computes them has changed since
    tables: dict | None
    #: each document's stored metadata, concatenated; where each starts; the digest of each
    meta_blob: np.ndarray
    meta_offsets: np.ndarray
    meta_keys: np.ndarray

    def documents(self) -> dict[str, DocMeta]:
        """The documents as the search core has them, by id in record order;
        only those this process does not hold already are parsed."""
        blob = memoryview(self.meta_blob)
        offsets = self.meta_offsets.tolist()
        keys = self.meta_keys.tobytes()
        docs: dict[str, DocMeta] = {}
        with _gc_paused():
            for i in range(len(offsets) - 1):
                key = keys[16 * i:16 * i + 16]
                meta = _known.get(key)
                if meta is None:
                    meta = _known[key] = _doc_meta(bytes(blob[offsets[i]:offsets[i + 1]]))
                docs[meta.doc_id] = meta
        return docs

    def arrays(self, docs: dict[str, DocMeta]) -> DocArrays:
        """The document arrays of ``docs`` (``self.documents()``)."""
        if self.tables is None:
            return DocArrays(docs, self.record_doc, self.doc_record)
        return DocArrays.from_stored(docs, self.record_doc, self.doc_record, self.tables)


# -- writing and reading the folder ---------------------------------------------------------

def write(gen: Path) -> None:
    """Build the generation's structures from its finished index and store them in it."""
    gen = Path(gen)
    ix = open_index(gen)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        metas = stored_metas(searcher)
        docs = documents(metas)
        record_doc, doc_record = record_docs(list(docs), reader)
        blob, offsets = _restore_arrays(restore_map(reader))
        head = {"format": FORMAT, "fingerprint": fingerprint(reader), "documents": len(docs),
                "records": len(record_doc), "restore_words": len(offsets) - 1}
    texts = [m.encode("utf-8") for m in metas]
    arrays = {"record_doc": record_doc, "doc_record": doc_record, "restore": blob, "restore_offsets": offsets,
              "documents": np.frombuffer(b"".join(texts), dtype=np.uint8), "document_offsets": _offsets(texts),
              "document_keys": np.frombuffer(b"".join(map(_digest, texts)), dtype=np.uint8).reshape(-1, 16)}
    # Computed by DocArrays itself, so that from_stored gives what it would.
    tables = DocArrays(docs, record_doc, doc_record).stored()
    arrays |= {name: tables[name] for name in _TABLE_ARRAYS}
    arrays |= {f"member-{group}": member for group, member in tables["member"].items()}
    _save(gen, head, {"signature": tables_signature(), "values": tables["values"]}, arrays)


def _offsets(records: list[bytes]) -> np.ndarray:
    """Where each of the concatenated records starts, and where the last ends."""
    offsets = np.zeros(len(records) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in records], out=offsets[1:])
    return offsets


def _save(gen: Path, head: dict, tables: dict, arrays: dict[str, np.ndarray]) -> None:
    for leftover in gen.glob(f".{DERIVED}-*"):  # of a run killed while writing
        shutil.rmtree(leftover, ignore_errors=True)
    tmp = gen / f".{DERIVED}-{os.getpid()}-{secrets.token_hex(3)}"
    tmp.mkdir()
    try:
        for name, arr in arrays.items():
            _write_file(tmp / f"{name}.npy", lambda f, a=arr: np.save(f, a, allow_pickle=False))
        _write_file(tmp / TABLES, lambda f: f.write(json.dumps(tables, ensure_ascii=False).encode("utf-8")))
        # The head last: it names the counts the arrays are checked against.
        _write_file(tmp / HEAD, lambda f: f.write(json.dumps(head).encode("utf-8")))
        _sync_dir(tmp)
        final = gen / DERIVED
        if final.exists():  # an older format, or an index changed since: replaced whole
            old = gen / f".{DERIVED}-old-{secrets.token_hex(3)}"
            os.replace(final, old)
            shutil.rmtree(old, ignore_errors=True)
        os.replace(tmp, final)
        _sync_dir(gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_file(path: Path, fill) -> None:
    with open(path, "wb") as f:
        fill(f)
        f.flush()
        # On disk before the folder is renamed into place (make_live flushes the
        # generation's own files, not those of a subfolder).
        os.fsync(f.fileno())


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot; durability is best effort here, as in generations.py
    finally:
        os.close(fd)


def load(gen: Path, reader) -> Derived | None:
    """The generation's stored structures if they describe the index ``reader``
    reads, else None (absent, another format, a changed index, or unreadable)."""
    folder = Path(gen) / DERIVED
    try:
        head = json.loads((folder / HEAD).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("%s: cannot read %s (%s); built in memory instead", folder, HEAD, exc)
        return None
    if head.get("format") != FORMAT or head.get("fingerprint") != fingerprint(reader):
        return None
    try:
        a = {name: _load_array(folder / f"{name}.npy") for name in _ARRAYS}
    except (OSError, ValueError) as exc:
        log.warning("%s: unreadable (%s); built in memory instead", folder, exc)
        return None
    n = head.get("documents")
    if (len(a["record_doc"]), len(a["restore_offsets"]) - 1) != (head.get("records"), head.get("restore_words")) \
            or (len(a["doc_record"]), len(a["document_offsets"]) - 1, len(a["document_keys"])) != (n, n, n) \
            or a["document_keys"].shape[1:] != (16,) or a["document_offsets"][-1] != len(a["documents"]):
        log.warning("%s: its files do not agree with %s; built in memory instead", folder, HEAD)
        return None
    return Derived(a["record_doc"], a["doc_record"], RestoreMap(a["restore"], a["restore_offsets"]),
                   _load_tables(folder, n), a["documents"], a["document_offsets"], a["document_keys"])


def _load_tables(folder: Path, n_docs: int) -> dict | None:
    """DocArrays.from_stored's arrays, if computed by the code running now."""
    try:
        tables = json.loads((folder / TABLES).read_text(encoding="utf-8"))
        if not tables_signature() or tables.get("signature") != tables_signature():
            return None
        out = {name: _load_array(folder / f"{name}.npy") for name in _TABLE_ARRAYS}
        out["values"] = tables["values"]
        out["member"] = {group: _load_array(folder / f"member-{group}.npy") for group in tables["values"]}
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        log.warning("%s: unreadable document arrays (%s); computed instead", folder, exc)
        return None
    if any(len(out[name]) != n_docs for name in ("date_rank", "date_key")) or len(out["starts"]) != n_docs + 1 \
            or any(m.ndim != 2 or m.shape[1] != 2 or (len(m) and not (m[:, 0].max() < n_docs
                                                                  and m[:, 1].max() < len(out["values"][g])))
                   for g, m in out["member"].items()):
        log.warning("%s: the document arrays do not agree with the documents; computed instead", folder)
        return None
    return out


# numpy reads a .npy header with ast.literal_eval, and Python 3.11 keeps the AST
# builder's recursion depth per interpreter, not per thread: request threads
# opening a new generation at once could fail a search with "SystemError: AST
# constructor recursion depth mismatch" (CPython gh-106905; seen in
# tests/test_update.py). Loads are rare and quick, so they take turns.
_NPY_LOAD = threading.Lock()


def _load_array(path: Path) -> np.ndarray:
    # Memory-mapped: the pages are the OS's, shared by the serving processes and
    # read only where a search looks. np.asarray drops the memmap subclass, so
    # results computed from them are plain arrays.
    with _NPY_LOAD:
        arr = np.load(path, mmap_mode="r", allow_pickle=False)
    return np.asarray(arr)


def ensure(gen: Path) -> bool:
    """Store the structures in a complete generation that lacks them (written
    before they existed, in an older format, or by other facet code); True when
    it wrote them.
    Run by the ingester under the index's update lock (WhooshBackend.prune), so
    a live generation from an earlier version gets them at the next update run,
    even one that finds nothing to change."""
    gen = Path(gen)
    ix = open_index(gen)
    with ix.reader() as reader:
        stored = load(gen, reader)
        if stored is not None and stored.tables is not None:
            return False
    write(gen)
    return True
