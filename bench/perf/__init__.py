"""Performance benchmarks of issue 6: ingestion, index, queries and web load.

``python -m bench.perf`` runs them all and writes bench/RESULTS.md; see run.py.
"""
