"""Indexes written by earlier versions keep opening: their table of contents
holds the analyzers pickled under the module name they had when written."""
from __future__ import annotations

import pickle

import pytest

from indexer.store.whoosh.analyzer import FoldingAnalyzer, SwedishAnalyzer, folding_analyzer, swedish_analyzer


@pytest.mark.parametrize("old_module", ["indexer.analysis.whoosh_analyzer", "indexer.store.whoosh_analyzer"])
@pytest.mark.parametrize("make, cls", [(swedish_analyzer, SwedishAnalyzer), (folding_analyzer, FoldingAnalyzer)])
def test_analyzers_pickled_under_an_earlier_module_name_load(old_module, make, cls):
    # Protocol 0 names classes as text lines ("c<module>\n<name>\n"), so the name can be swapped.
    data = pickle.dumps(make(), protocol=0)
    assert cls.__module__.encode() in data
    old = data.replace(cls.__module__.encode(), old_module.encode())
    assert old != data
    analyzer = pickle.loads(old)
    assert type(analyzer) is cls
    assert [t.text for t in analyzer("Bostäder i Luleå")]
