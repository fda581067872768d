"""Synthetic Swedish council documents for benchmarks, deterministic by seed.

    .venv/bin/python -m bench.synthetic --docs 1000 --seed 1 --out data/bench/synthetic-1k
    .venv/bin/python -m bench.synthetic --docs 40 --seed 1 --formats pdf --out data/bench/pdf-sample

The documents are made from the vocabulary of the example corpus (see
vocab.py) in the layouts the ingester reads there (see documents.py). They
are synthetic test data: the output folder gets a ``.notice`` that the indexer
records and the web app shows on every page, and a ``.synthetic.json``
manifest (file, kind, size). Generate them into a scratch folder such as
``data/bench/`` (ignored by git); never commit them.
"""
from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .documents import DEFAULT_MIX, KINDS, make_document

NOTICE = ("Syntetiska testdata: dokumenten i den här samlingen är maskinellt genererade för "
          "prestandamätning (bench/synthetic, seed {seed}) ur ordförrådet i exempelkorpusen. "
          "Personer, beslut, belopp och diarienummer är påhittade. Det är inte verkliga "
          "kommunala handlingar.\n")
MANIFEST = ".synthetic.json"


@dataclass
class GenerationReport:
    out: Path
    seed: int
    files: list[dict] = field(default_factory=list)   # {"path", "kind", "bytes"}

    def counts(self) -> dict[str, int]:
        c = {k: 0 for k in KINDS}
        for f in self.files:
            c[f["kind"]] += 1
        return c

    def summary(self) -> str:
        total = sum(f["bytes"] for f in self.files)
        kinds = ", ".join(f"{k} {n}" for k, n in self.counts().items() if n)
        return f"{len(self.files)} synthetic documents ({kinds}), {total / 1e6:.1f} MB in {self.out}"


def _one(args: tuple[int, int, dict[str, float]]) -> tuple[str, str, bytes]:
    seed, number, mix = args
    return make_document(seed, number, mix)


def parse_mix(formats: str | None) -> dict[str, float]:
    """"pdf" -> only PDFs; "html,text" -> those in their default proportions;
    "pdf=0.5,html=0.5" -> explicit shares; None -> DEFAULT_MIX."""
    if not formats:
        return dict(DEFAULT_MIX)
    mix: dict[str, float] = {}
    for part in formats.split(","):
        name, _, share = part.strip().partition("=")
        if name not in KINDS:
            raise ValueError(f"unknown format {name!r} (choose from {', '.join(KINDS)})")
        mix[name] = float(share) if share else DEFAULT_MIX[name]
    if sum(mix.values()) <= 0:
        raise ValueError("the format shares add up to zero")
    return mix


def generate(n_docs: int, seed: int, out: Path, *, first: int = 0, formats: str | None = None,
             jobs: int = 1, clean: bool = True) -> GenerationReport:
    """Write synthetic documents number first .. first+n_docs-1 of `seed` into `out`.

    With `clean`, synthetic files a previous run listed in the manifest and this
    run does not write are removed, so the folder holds exactly this corpus.
    """
    mix = parse_mix(formats)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    previous: set[str] = set()
    manifest_path = out / MANIFEST
    if manifest_path.exists():
        try:
            previous = {f["path"] for f in json.loads(manifest_path.read_text(encoding="utf-8"))["files"]}
        except (ValueError, KeyError, TypeError):
            previous = set()
    report = GenerationReport(out=out, seed=seed)
    args = [(seed, i, mix) for i in range(first, first + n_docs)]
    if jobs > 1 and n_docs > 1:
        pool = ProcessPoolExecutor(max_workers=jobs)
        results = pool.map(_one, args, chunksize=8)
    else:
        pool = None
        results = map(_one, args)
    try:
        for kind, rel, data in results:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.stat().st_size != len(data) or target.read_bytes() != data:
                target.write_bytes(data)
            report.files.append({"path": rel, "kind": kind, "bytes": len(data)})
    finally:
        if pool is not None:
            pool.shutdown()
    if clean:
        for rel in sorted(previous - {f["path"] for f in report.files}):
            try:
                (out / rel).unlink()
            except FileNotFoundError:
                pass
    (out / ".notice").write_text(NOTICE.format(seed=seed), encoding="utf-8")
    manifest_path.write_text(json.dumps({
        "synthetic": True, "generator": "bench.synthetic", "seed": seed, "first": first,
        "docs": n_docs, "mix": mix, "files": report.files,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def default_jobs() -> int:
    return min(2, os.cpu_count() or 1)
