"""Writing a generation from several processes: staged segments.

Whoosh's posting writer is pure Python and costs several times more per
passage than the Swedish analysis; done in the parent process alone it was the
bottleneck of every build (bench/perf/FINDINGS.md). So each worker process
analyses and writes its documents into a *segment of its own*, in a private
folder under the generation (``.staging/``, invisible to Whoosh, which ignores
dot names), and hands back a small picklable ``StagedSegment``. The parent
then moves the finished segment files into the generation and adds them to
the table of contents in one commit, after marking the records they replace as
deleted. Nothing is merged again on the way: a build ends with a segment per
worker and SEGMENT_PASSAGES passages, which the search side reads as one index.

Segments are never visible before the commit, so a killed worker or parent
leaves at most an unreferenced ``.staging`` folder in a generation that is not
live (and is pruned by the next run).
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from whoosh import index
from whoosh.writing import SegmentWriter

from ...cases import document_dnrs
from ...models import Document
from ...search.decisions import item_records
from ...structure.people import document_fields
from .schema import make_schema

STAGING = ".staging"
#: Index-time weight of a contents-list passage ("Rekrytering av välfärdschef ... 9"):
#: it names the item in the same words as the item's heading, and must rank
#: below the item itself.
TOC_BOOST = 0.3
#: Passages per staged segment: about 500 MB of postings held in memory by a
#: worker before they are sorted and written.
SEGMENT_PASSAGES = 20_000


def add_records(writer, doc: Document) -> None:
    """The Whoosh records of one document: one for the document (metadata and
    full text, stored) and one per passage, in reading order. Record order is
    relied on by the search side (a document's passages follow it)."""
    meta = {"doc_id": doc.doc_id, "title": doc.title, "doc_type": doc.doc_type,
            "municipalities": doc.municipalities, "body": doc.body, "date": doc.date,
            "areas": doc.areas, "source_path": doc.source_path, "organisation": doc.organisation,
            "items": {str(i.number): i.title for i in doc.items},
            "low_quality_pages": [p.number for p in doc.pages if p.low_quality],
            "public_url": doc.public_url, "published_site": doc.published_site, "gone_since": doc.gone_since,
            "item_records": item_records(doc), "dnrs": document_dnrs(doc), **document_fields(doc)}
    writer.add_document(kind="document", doc_id=doc.doc_id, meta=json.dumps(meta, ensure_ascii=False),
                        payload=json.dumps(doc.to_json() | {"passages": []}, ensure_ascii=False))
    for p in doc.passages:
        extra = {"_boost": TOC_BOOST} if p.kind == "toc" else {}
        writer.add_document(
            kind="passage", passage_id=p.passage_id, doc_id=doc.doc_id, seq=p.seq, title=doc.title,
            text=p.text, text_folded=f"{doc.title}\n{p.text}", words=f"{doc.title}\n{p.text}", page=p.page,
            section=str(p.section) if p.section is not None else "", is_decision=p.is_decision,
            toc=p.kind == "toc", areas=",".join(p.areas), **extra)


@dataclass(frozen=True)
class StagedSegment:
    """A finished segment waiting in ``folder`` to be committed."""

    folder: str
    segment: Any          # whoosh.codec.base.Segment (picklable)
    doc_ids: tuple[str, ...]


@dataclass(frozen=True)
class Stager:
    """Where workers stage segments for one generation (picklable: pass it to
    worker processes and call ``writer()`` there)."""

    generation: str

    def writer(self, segment_passages: int = SEGMENT_PASSAGES) -> "StagedWriter":
        return StagedWriter(Path(self.generation), segment_passages)


class _LengthTable:
    """Field lengths of a segment being finished, read once per field.

    Whoosh asks for the length of the document of *every posting* while it
    writes the postings (for its per-block BM25 bounds), each time reading the
    length column through its file layer: the single biggest cost of finishing
    a segment. The values are the same; only the reading is done once."""

    def __init__(self, lengths, doccount: int):
        self._lengths, self._n, self._fields = lengths, doccount, {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        col = self._fields.get(fieldname)
        if col is None:
            read = self._lengths.doc_field_length
            col = self._fields[fieldname] = [read(d, fieldname, default) for d in range(self._n)]
        return col[docnum]


class _SegmentWriter(SegmentWriter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Postings stay in memory until the segment is closed (StagedWriter
        # bounds a segment by passages), so the pool's per-posting size
        # estimate and spill check are skipped: a plain list append.
        self.pool.add = self.pool.current.append

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = _LengthTable(pdr, self.docnum) if pdr is not None else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if pdr is not None:
            pdr.close()


class StagedWriter:
    """Writes documents into new segments; ``finish()`` returns them.

    A segment is closed after about ``segment_passages`` passages, so its
    postings are sorted in memory: past Whoosh's memory limit they would be
    pickled to disk and read back one by one, which doubled the cost of
    indexing."""

    def __init__(self, generation: Path, segment_passages: int = SEGMENT_PASSAGES):
        self.generation = generation
        self.segment_passages = segment_passages
        self._done: list[StagedSegment] = []
        self._writer: SegmentWriter | None = None
        self._doc_ids: list[str] = []
        self._passages = 0
        self.documents = 0

    def __len__(self) -> int:
        return self.documents

    def _open(self) -> SegmentWriter:
        self._folder = self.generation / STAGING / f"{os.getpid()}-{secrets.token_hex(4)}"
        self._folder.mkdir(parents=True)
        ix = index.create_in(str(self._folder), make_schema())
        # No lock: the folder is this writer's alone.
        self._writer = _SegmentWriter(ix, _lk=False)
        self._doc_ids, self._passages = [], 0
        return self._writer

    def add(self, doc: Document) -> None:
        writer = self._writer or self._open()
        add_records(writer, doc)
        self._doc_ids.append(doc.doc_id)
        self._passages += len(doc.passages)
        self.documents += 1
        if self._passages >= self.segment_passages:
            self._close()

    def _close(self) -> None:
        w = self._writer
        assert w is not None
        segment = w._finalize_segment()
        w._finish()
        self._done.append(StagedSegment(str(self._folder), segment, tuple(self._doc_ids)))
        self._writer = None

    def finish(self) -> list[StagedSegment]:
        """Close the last segment (sorting and writing its postings); the
        segments in the order written, none when nothing was added."""
        if self._writer is not None:
            self._close()
        return self._done

    def cancel(self) -> None:
        if self._writer is not None and not self._writer.is_closed:
            self._writer.cancel()
        for folder in [s.folder for s in self._done] + ([str(self._folder)] if self._writer else []):
            shutil.rmtree(folder, ignore_errors=True)
        self._writer, self._done = None, []


def commit_staged(generation: Path, staged: Iterable[StagedSegment | list[StagedSegment] | None],
                  delete: Iterable[str] = ()) -> int:
    """Add staged segments to the generation's index in one commit.

    First the records of ``delete`` and of every staged document id already in
    the index are marked deleted (a changed document replaces its old version);
    small existing segments are merged as Whoosh's default policy does (an
    index updated night after night would otherwise collect tiny segments);
    then the staged segments are appended as they are. Returns the number of
    records deleted."""
    generation = Path(generation)
    staged = [s for batch in staged if batch for s in (batch if isinstance(batch, list) else [batch])]
    ix = index.open_dir(str(generation))
    writer = ix.writer()
    deleted = 0
    try:
        if writer.segments:
            for doc_id in dict.fromkeys([*delete, *(d for s in staged for d in s.doc_ids)]):
                deleted += writer.delete_by_term("doc_id", doc_id)
        final = writer._merge_segments(None, False, True)
        for s in staged:
            _move_segment_files(Path(s.folder), generation, s.segment.segment_id())
            final.append(s.segment)
        if writer._added:
            final.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(final)
        writer._finish()
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        raise
    for s in staged:
        shutil.rmtree(s.folder, ignore_errors=True)
    return deleted


def _move_segment_files(folder: Path, generation: Path, segment_id: str) -> None:
    names = [f for f in os.listdir(folder) if f.startswith(segment_id)]
    if not names:
        raise FileNotFoundError(f"staged segment {segment_id} has no files in {folder}")
    for name in names:
        os.replace(folder / name, generation / name)


def remove_staging(generation: Path) -> None:
    """Leftover staging folders (of cancelled or killed writers)."""
    shutil.rmtree(Path(generation) / STAGING, ignore_errors=True)
