"""The synthetic corpus generator of bench/synthetic: deterministic, labelled, readable by the ingester."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.synthetic import MANIFEST, generate, parse_mix
from bench.synthetic.documents import make_document
from bench.synthetic.vocab import PERSON, PLACE, vocabulary


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_and_documents_depend_only_on_their_number(tmp_path):
    a = generate(14, 5, tmp_path / "a", formats="html,text,docx")
    b = generate(14, 5, tmp_path / "b", formats="html,text,docx", jobs=2)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert len(a.files) == 14 and a.files == b.files
    # documents 10..13 alone are the same files as in the full run
    generate(4, 5, tmp_path / "c", first=10, formats="html,text,docx")
    tail = {k: v for k, v in _tree(tmp_path / "c").items() if not k.startswith(".")}
    assert tail and all(_tree(tmp_path / "a")[k] == v for k, v in tail.items())
    other = generate(14, 6, tmp_path / "d", formats="html,text,docx")
    assert {f["path"] for f in other.files} != {f["path"] for f in a.files}


def test_output_is_labelled_synthetic_and_a_smaller_rerun_removes_stale_files(tmp_path):
    out = tmp_path / "syn"
    generate(10, 1, out, formats="html,text")
    notice = (out / ".notice").read_text(encoding="utf-8")
    assert "Syntetiska testdata" in notice and "inte verkliga" in notice
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True and manifest["seed"] == 1 and len(manifest["files"]) == 10
    generate(4, 1, out, formats="html,text")
    assert len([p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]) == 4


def test_formats_option():
    assert parse_mix("pdf") == {"pdf": 0.03}
    assert parse_mix("pdf=1,html=3") == {"pdf": 1.0, "html": 3.0}
    with pytest.raises(ValueError):
        parse_mix("odt")


def test_vocabulary_comes_from_the_corpus_without_real_names():
    v = vocabulary()
    sizes = v.size()
    assert sizes["sentences"] > 300 and sizes["item_titles"] >= 50 and sizes["decisions"] > 40
    everything = " ".join(s for pool in (v.sentences, v.decisions, v.item_titles) for ss in pool.values() for s in ss)
    everything += " ".join(v.motions + v.procedure + v.reservations)
    assert "Sammeli" not in everything and "Nordmark" not in everything
    assert PERSON in everything and PLACE in everything


@pytest.mark.parametrize("kind", ["pdf", "text", "html", "docx"])
def test_ingester_reads_each_kind(tmp_path, kind):
    from indexer.extract import extract_file
    from indexer.structure import structure

    got, rel, data = make_document(3, 0, {kind: 1.0})
    assert got == kind
    path = tmp_path / rel
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    doc = structure(extract_file(path, tmp_path), str(tmp_path))
    text = " ".join(p.text for p in doc.passages)
    assert PERSON not in text and PLACE not in text
    assert len(doc.passages) >= 10 and doc.date and doc.municipalities
    if kind == "pdf" or rel.endswith(".txt"):
        assert doc.doc_type == "protokoll"
        assert len(doc.items) >= 4 and all(it.dnr for it in doc.items)
        assert any(it.decision for it in doc.items)
    if kind == "html":
        assert doc.doc_type == "pressmeddelande"
