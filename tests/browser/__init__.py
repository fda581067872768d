"""End-to-end browser tests (a package, so that its conftest.py is not the `conftest` module that tests/*.py import from)."""
