"""The sidecar record of a harvested document (indexer/provenance.py)."""
from __future__ import annotations

import json

import pytest

from indexer.inventory import discover
from indexer.provenance import Provenance, ProvenanceError, read_sidecar, sidecar_path, write_sidecar


def _record(**kw) -> Provenance:
    base = dict(source="lulea-nyheter", url="https://www.lulea.se/a?x=1", final_url="https://www.lulea.se/a",
                fetched_at="2026-12-05T02:00:00+00:00", sha256="0" * 64, content_type="text/html",
                municipality="Luleå")
    return Provenance(**{**base, **kw})


def test_written_whole_read_back_and_skipped_by_the_inventory(tmp_path):
    doc = tmp_path / "nyhet.html"
    doc.write_text("<html><body><p>Text</p></body></html>", encoding="utf-8")
    path = write_sidecar(doc, _record(canonical_url="https://www.lulea.se/nyheter/a"))
    assert path == sidecar_path(doc) and path.name == ".nyhet.html.source.json"
    assert {p.name for p in tmp_path.iterdir()} == {"nyhet.html", ".nyhet.html.source.json"}  # no temp file left
    got = read_sidecar(doc)
    assert got == _record(canonical_url="https://www.lulea.se/nyheter/a")
    assert got.public_url == "https://www.lulea.se/nyheter/a" and got.site == "lulea.se"
    # The record is no document of its own.
    assert [f.name for _root, f in discover([tmp_path])] == ["nyhet.html"]


def test_without_canonical_the_address_after_redirects_is_public(tmp_path):
    assert _record().public_url == "https://www.lulea.se/a"
    assert read_sidecar(tmp_path / "none.pdf") is None


@pytest.mark.parametrize("content, message", [
    ("{", "not valid JSON"), ("[]", "not a JSON object"), ('{"source": "x"}', "missing url"),
    (json.dumps({**_record().to_json(), "version": 99}), "newer version"),
])
def test_a_bad_record_is_named(tmp_path, content, message):
    doc = tmp_path / "a.pdf"
    sidecar_path(doc).write_text(content, encoding="utf-8")
    with pytest.raises(ProvenanceError, match=message) as err:
        read_sidecar(doc)
    assert ".a.pdf.source.json" in str(err.value)


def test_fields_of_a_later_version_are_ignored(tmp_path):
    doc = tmp_path / "a.pdf"
    sidecar_path(doc).write_text(json.dumps({**_record().to_json(), "new_field": 1}), encoding="utf-8")
    assert read_sidecar(doc) == _record()
