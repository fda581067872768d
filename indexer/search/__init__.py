"""The product's search, apart from any engine.

- query.py: the query tree (terms with weighted alternatives, phrases, not, and
  the filters typed in a query);
- syntax.py: the query language people type, parsed into that tree;
- results.py: what a search is asked and answers (SearchRequest, Hit, …);
- documents.py: the documents of an index as arrays (filters, facets, order);
- facets.py: the facet groups, each its own class;
- engine.py: the narrow interface an engine adapter offers the core;
- core.py: matching (all / most / any words), filters, facet counts, ranking,
  the "Menade du" trigger and hit assembly, written against engine.py.

The Whoosh adapter (indexer/store/whoosh/: compile.py, view.py) compiles the tree and
answers engine.py's calls; another engine implements the same calls.
"""
