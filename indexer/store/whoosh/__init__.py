"""The Whoosh engine: one folder of index generations on this machine.

Public: ``WhooshBackend`` (the index lifecycle, store/base.py's IndexBackend)
and ``WhooshStore`` (the Store, searching through indexer/search/core.py),
plus the generation helpers the CLI and the tests use. The modules:

- schema.py: fields and SCHEMA_VERSION; analyzer.py: the Swedish and folded analyzers;
- generations.py: CURRENT, new generations, publishing, pruning, fsync;
- staging.py: segments written by worker processes, committed at once;
- pool.py: searchers shared by threads; view.py: one generation as the core's Engine;
- compile.py: the query tree as Whoosh queries; fastsearch.py: block-wise evaluation;
- highlighting.py: which words a query marks; store.py and backend.py: the two interfaces.
"""
from .backend import WhooshBackend
from .generations import (IndexNotFound, current_generation, current_generation_info, prune_generations,
                          read_manifest, read_meta)
from .schema import SCHEMA_VERSION
from .store import WhooshStore, create_generation, open_store

__all__ = ["IndexNotFound", "SCHEMA_VERSION", "WhooshBackend", "WhooshStore", "create_generation",
           "current_generation", "current_generation_info", "open_store", "prune_generations", "read_manifest",
           "read_meta"]
