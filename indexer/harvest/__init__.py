"""The harvester: fetches new and changed documents from where the
municipalities publish them into a source folder of ``indexer update``.

``python -m indexer harvest --sources sources.toml --into DIR``. The modules,
in the order a run uses them: :mod:`.sources` reads the sources file,
:mod:`.discover` lists the document links of each source (RSS/Atom feed, HTML
listing, sitemap), :mod:`.client` fetches them politely (robots.txt, delay per
host, retries, conditional requests, size limit, temporary files),
:mod:`.content` decides what a fetched file is, :mod:`.state` remembers what
was fetched (``DIR/.harvest/state.json``) and names the files, :mod:`.report`
is the run report and :mod:`.run` puts them together.
"""
from __future__ import annotations

from .run import harvest
from .sources import SourcesError, load_sources

__all__ = ["SourcesError", "harvest", "load_sources"]
