"""The harvester measured against a local fictional site (``python -m bench.harvest``)."""
