"""Index storage behind one small interface (see base.py)."""
from .base import (FacetValue, Hit, PassageHit, QueryError, SearchRequest, SearchResult, SORTS, Store,
                   StoreStats)
from .whoosh_store import (IndexNotFound, SCHEMA_VERSION, WhooshStore, create_generation,
                           current_generation, current_generation_info,
                           open_store, prune_generations, read_manifest, read_meta)

__all__ = [
    "FacetValue", "Hit", "PassageHit", "QueryError", "SearchRequest", "SearchResult", "SORTS", "Store",
    "StoreStats", "IndexNotFound", "SCHEMA_VERSION", "WhooshStore", "create_generation", "current_generation_info",
    "open_store", "read_meta", "read_manifest", "current_generation", "prune_generations",
]
