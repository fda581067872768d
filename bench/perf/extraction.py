"""Extraction rates: the product's extractors and bare PDF libraries, 1 and 2 processes.

* ``product``: ``indexer.extract.extract_file`` (for PDFs: pdfplumber page by page,
  running headers/footers removed, hyphenation rejoined), what a build runs;
* ``pdfplumber``: bare ``page.extract_text()`` for every page;
* ``pypdfium2``: bare ``textpage.get_text_bounded()`` for every page, the
  reference of what text extraction could cost.
"""
from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _product(args: tuple[str, str]) -> tuple[int, int]:
    from indexer.extract import extract_file
    from indexer.models import ExtractionError
    path, root = args
    try:
        ex = extract_file(Path(path), Path(root))
    except ExtractionError:
        return 0, 0
    return len(ex.pages), sum(len(p.text) for p in ex.pages)


def _pdfplumber(args: tuple[str, str]) -> tuple[int, int]:
    import pdfplumber
    n = chars = 0
    with pdfplumber.open(args[0]) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            n += 1
            page.close()
    return n, chars


def _pypdfium2(args: tuple[str, str]) -> tuple[int, int]:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(args[0])
    n = chars = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            chars += len(tp.get_text_bounded())
            tp.close()
            page.close()
            n += 1
    finally:
        pdf.close()
    return n, chars


METHODS = {"product": _product, "pdfplumber": _pdfplumber, "pypdfium2": _pypdfium2}


def _warm(_x: int) -> int:
    # Import the libraries in the worker before the clock starts.
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401

    import indexer.extract  # noqa: F401
    return 0


def rate(method: str, files: list[Path], root: Path, workers: int) -> dict:
    """Extract every file once with `workers` processes; wall time excludes pool start-up."""
    fn = METHODS[method]
    args = [(str(f), str(root)) for f in files]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_warm, range(workers * 2)))
        t = time.perf_counter()
        results = list(pool.map(fn, args, chunksize=1))
        wall = time.perf_counter() - t
    pages = sum(r[0] for r in results)
    return {"method": method, "workers": workers, "files": len(files), "pages": pages,
            "chars": sum(r[1] for r in results), "seconds": wall, "pages_per_s": pages / wall if wall else 0.0,
            "files_per_s": len(files) / wall if wall else 0.0}
