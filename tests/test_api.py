"""The JSON API (/api/...) and the command line of search_app, against an index of corpus/."""
from __future__ import annotations

import json

import pytest

from indexer.models import DOC_TYPES

from search_app import create_app

AREA_IDS = {"kompetensforsorjning", "leva-och-bo", "infrastruktur", "naringslivsutveckling"}
HIT_KEYS = {
    "doc_id": str, "title": str, "doc_type": str, "municipality": list, "page": int, "source_path": str,
    "url": str, "original_url": str, "snippet": str, "score": float, "areas": list, "low_quality": bool,
}
NULLABLE_HIT_KEYS = {"body": str, "date": str, "section": str, "section_title": str}


def search(client, **params):
    resp = client.get("/api/search", query_string=params)
    assert resp.status_code == 200, resp.get_json()
    assert resp.is_json
    return resp.get_json()


def error_of(client, params) -> tuple[int, str]:
    resp = client.get("/api/search", query_string=params)
    assert resp.is_json, resp.data[:200]
    body = resp.get_json()
    assert set(body) >= {"error"} and isinstance(body["error"], str) and body["error"]
    return resp.status_code, body["error"]


# --- /api/search: schema ----------------------------------------------------------

def test_search_schema(client):
    data = search(client, q="bostäder")
    assert {"query", "total", "page", "limit", "relaxed", "hits", "facets"} <= set(data)
    assert data["query"] == "bostäder"
    assert isinstance(data["total"], int) and data["total"] >= 1
    assert data["page"] == 1 and data["limit"] == 10
    assert isinstance(data["relaxed"], bool)
    assert 1 <= len(data["hits"]) <= 10
    for hit in data["hits"]:
        for key, typ in HIT_KEYS.items():
            assert isinstance(hit[key], typ), (key, hit[key])
        for key, typ in NULLABLE_HIT_KEYS.items():
            assert key in hit
            assert hit[key] is None or isinstance(hit[key], typ), (key, hit[key])
        assert hit["doc_type"] in DOC_TYPES
        assert all(isinstance(m, str) for m in hit["municipality"])
        assert hit["page"] >= 1
        # absolute on PUBLIC_URL (here the default serve address), never the request's host
        assert hit["url"].startswith("http://127.0.0.1:8000/dokument/")
        anchor = f"#paragraf-{hit['section']}" if hit["section"] else f"#sida-{hit['page']}"
        assert hit["url"].endswith(anchor) and "q=" in hit["url"]
        assert hit["original_url"].startswith("http://127.0.0.1:8000/original/")
        for area in hit["areas"]:
            assert set(area) == {"id", "label"} and area["id"] in AREA_IDS
        if hit["date"] is not None:
            assert len(hit["date"]) == 10 and hit["date"][4] == "-"


def test_facets_present_and_consistent(client):
    data = search(client, q="kommun")
    facets = data["facets"]
    assert list(facets)[:5] == ["area", "municipality", "doc_type", "year", "body"]
    for values in facets.values():
        for fv in values:
            assert set(fv) >= {"value", "label", "count", "selected"}
            assert isinstance(fv["value"], str) and isinstance(fv["label"], str)
            assert isinstance(fv["count"], int) and 0 <= fv["count"] <= data["total"]
            assert fv["selected"] is False
    # Every document has exactly one type, so the type counts add up to the total.
    assert sum(fv["count"] for fv in facets["doc_type"]) == data["total"]
    years_total = sum(fv["count"] for fv in facets["year"])
    assert years_total <= data["total"]
    area_labels = {fv["value"]: fv["label"] for fv in facets["area"]}
    assert set(area_labels) <= AREA_IDS
    if "leva-och-bo" in area_labels:
        assert area_labels["leva-och-bo"] == "Leva och bo"


def test_selected_facet_is_marked(client):
    data = search(client, q="kommun", type="protokoll")
    selected = [fv for fv in data["facets"]["doc_type"] if fv["selected"]]
    assert [fv["value"] for fv in selected] == ["protokoll"]
    assert selected[0]["count"] == data["total"]


# --- /api/search: real expectations ------------------------------------------------

def test_bostader_in_leva_och_bo(client):
    data = search(client, q="bostäder", area="leva-och-bo")
    assert data["total"] >= 2
    doc_ids = {h["doc_id"] for h in data["hits"]}
    assert len(doc_ids) >= 2
    for hit in data["hits"]:
        assert isinstance(hit["page"], int) and hit["page"] >= 1
    assert all("<mark" in h["snippet"] for h in data["hits"])
    selected = [fv["value"] for fv in data["facets"]["area"] if fv["selected"]]
    assert selected == ["leva-och-bo"]


def test_avsiktsforklaring_ranks_first(client):
    data = search(client, q="avsiktsförklaring samverkan Boden")
    assert data["hits"], data
    assert data["hits"][0]["doc_type"] == "avtal"


def test_area_accepts_label(client):
    by_id = search(client, q="bostäder", area="leva-och-bo")
    by_label = search(client, q="bostäder", area="Leva och bo")
    assert by_label["total"] == by_id["total"]
    assert [h["doc_id"] for h in by_label["hits"]] == [h["doc_id"] for h in by_id["hits"]]


def test_filters_combine_and_narrow(client):
    area_only = search(client, area="leva-och-bo", limit=100)
    both = search(client, area="leva-och-bo", municipality="Boden", limit=100)
    assert both["total"] <= area_only["total"]
    assert {h["doc_id"] for h in both["hits"]} <= {h["doc_id"] for h in area_only["hits"]}
    for hit in both["hits"]:
        assert "Boden" in hit["municipality"]
        doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
        assert "leva-och-bo" in [a["id"] for a in doc["areas"]]
    # Alternatives within one group widen again.
    either = search(client, area="leva-och-bo", municipality=["Boden", "Luleå"], limit=100)
    assert either["total"] >= both["total"]


def test_type_filter(client):
    data = search(client, type="protokoll", limit=100)
    assert data["total"] >= 1
    assert all(h["doc_type"] == "protokoll" for h in data["hits"])
    both = search(client, type=["protokoll", "pressmeddelande"], limit=100)
    assert both["total"] >= data["total"]
    assert {h["doc_type"] for h in both["hits"]} <= {"protokoll", "pressmeddelande"}


def test_year_filter(client):
    everything = search(client, limit=1)
    years = [fv for fv in everything["facets"]["year"] if fv["count"] > 0]
    assert years
    year = years[0]
    data = search(client, year=year["value"], limit=100)
    assert data["total"] == year["count"]
    assert all(h["date"] and h["date"].startswith(year["value"]) for h in data["hits"])


def test_empty_query_with_area_browses_newest_first(client):
    data = search(client, area="leva-och-bo", limit=100)
    assert data["total"] >= 2
    dates = [h["date"] or "" for h in data["hits"]]
    assert dates == sorted(dates, reverse=True)


def test_sort_by_date(client):
    data = search(client, q="kommun", sort="date", limit=50)
    dates = [h["date"] or "" for h in data["hits"]]
    assert len(dates) >= 2
    assert dates == sorted(dates, reverse=True)
    relevance = search(client, q="kommun", limit=50)
    assert relevance["total"] == data["total"]
    assert {h["doc_id"] for h in relevance["hits"]} == {h["doc_id"] for h in data["hits"]}


def test_pagination(client):
    everything = search(client, limit=100)
    assert everything["total"] >= 4
    first = search(client, limit=2, page=1)
    second = search(client, limit=2, page=2)
    assert first["total"] == second["total"] == everything["total"]
    assert first["page"] == 1 and second["page"] == 2 and second["limit"] == 2
    assert len(first["hits"]) == len(second["hits"]) == 2
    ids1 = [h["doc_id"] for h in first["hits"]]
    ids2 = [h["doc_id"] for h in second["hits"]]
    assert not set(ids1) & set(ids2)
    assert ids1 + ids2 == [h["doc_id"] for h in everything["hits"]][:4]
    beyond = search(client, limit=10, page=500)
    assert beyond["hits"] == [] and beyond["total"] == everything["total"]


# --- /api/search: validation -------------------------------------------------------

@pytest.mark.parametrize("params, name", [
    ({"q": "a", "limit": "0"}, "limit"),
    ({"q": "a", "limit": "101"}, "limit"),
    ({"q": "a", "limit": "tio"}, "limit"),
    ({"q": "a", "limit": "-5"}, "limit"),
    ({"q": "a", "page": "0"}, "page"),
    ({"q": "a", "page": "x"}, "page"),
    ({"q": "a", "page": "1.5"}, "page"),
    ({"q": "a", "sort": "popularity"}, "sort"),
    ({"q": "a", "year": "24"}, "year"),
    ({"q": "a", "year": "tjugo"}, "year"),
    ({"q": "a", "year": "20245"}, "year"),
    ({"q": "a", "area": "fiske"}, "area"),
    ({"q": "a", "municipality": "Ankeborg"}, "municipality"),
    ({"q": "a", "type": "roman"}, "type"),
    ({"q": "x" * 501}, "q"),
])
def test_bad_parameters_give_400_naming_the_parameter(client, params, name):
    status, message = error_of(client, params)
    assert status == 400
    assert f"'{name}'" in message


def test_query_at_max_length_is_accepted(client):
    resp = client.get("/api/search", query_string={"q": ("bostad " * 100)[:500]})
    assert resp.status_code == 200


# --- /api/documents ------------------------------------------------------------------

def _a_minutes_document(client) -> dict:
    data = search(client, type="protokoll", limit=100)
    for hit in data["hits"]:
        doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
        if doc["items"]:
            return doc
    pytest.fail("no minutes document with § items in the corpus index")


def test_document_schema(client):
    hit = search(client, q="bostäder", area="leva-och-bo")["hits"][0]
    resp = client.get(f"/api/documents/{hit['doc_id']}")
    assert resp.status_code == 200
    doc = resp.get_json()
    for key in ("doc_id", "title", "doc_type", "municipality", "body", "date", "source_path", "sha256",
                "areas", "pages", "items"):
        assert key in doc
    assert doc["doc_id"] == hit["doc_id"]
    assert len(doc["sha256"]) == 64
    assert doc["pages"] and all(set(p) >= {"number", "text"} for p in doc["pages"])
    assert [p["number"] for p in doc["pages"]] == sorted(p["number"] for p in doc["pages"])
    assert "leva-och-bo" in [a["id"] for a in doc["areas"]]
    for area in doc["areas"]:
        assert set(area) >= {"id", "label", "terms"}
        assert area["id"] in AREA_IDS and isinstance(area["terms"], list)
    leva = next(a for a in doc["areas"] if a["id"] == "leva-och-bo")
    assert leva["label"] == "Leva och bo" and leva["terms"]


def test_minutes_document_items(client):
    doc = _a_minutes_document(client)
    assert doc["doc_type"] == "protokoll"
    for item in doc["items"]:
        assert set(item) >= {"number", "title", "dnr", "decision", "page_start", "page_end"}
        assert isinstance(item["number"], str) and item["number"][:1].isdigit()
        assert 1 <= item["page_start"] <= item["page_end"]
    assert any(item["decision"] for item in doc["items"])


def test_unknown_document_is_404_json(client):
    resp = client.get("/api/documents/finns-inte-000000")
    assert resp.status_code == 404
    assert resp.is_json and "error" in resp.get_json()


# --- /api/areas, /api/health, errors --------------------------------------------------

def test_areas(client):
    data = client.get("/api/areas").get_json()
    areas = data["areas"]
    assert {a["id"] for a in areas} == AREA_IDS
    labels = {a["label"] for a in areas}
    assert labels == {"Kompetensförsörjning", "Leva och bo", "Infrastruktur", "Näringslivsutveckling"}
    for a in areas:
        assert isinstance(a["documents"], int) and a["documents"] >= 1
        assert a["documents"] == search(client, area=a["id"], limit=1)["total"]


def test_health(client):
    resp = client.get("/api/health")
    assert resp.status_code == 200
    data = resp.get_json()
    assert data["status"] == "ok"
    assert data["documents"] >= 1 and data["passages"] >= data["documents"]
    assert isinstance(data["generation"], str) and data["generation"]
    assert "built_at" in data


def test_health_without_index_is_503(tmp_path):
    app = create_app({"INDEX_DIR": str(tmp_path / "inget-index"), "TESTING": True})
    client = app.test_client()
    resp = client.get("/api/health")
    assert resp.status_code == 503
    assert resp.get_json()["status"] != "ok"
    resp = client.get("/api/search?q=bostad")
    assert resp.status_code == 503 and "error" in resp.get_json()
    resp = client.get("/")
    assert resp.status_code == 503 and "lang=\"sv\"" in resp.get_data(as_text=True)


def test_unknown_api_path_is_json_404(client):
    resp = client.get("/api/finns-inte")
    assert resp.status_code == 404
    assert resp.is_json and resp.get_json()["error"]


def test_wrong_method_is_json_405(client):
    resp = client.post("/api/search")
    assert resp.status_code == 405 and resp.is_json


# --- command line -----------------------------------------------------------------------

def test_cli_search_json_matches_api(client, corpus_index, capsys):
    from search_app.cli import main

    code = main(["search", "bostäder", "--area", "leva-och-bo", "--limit", "3", "--index", str(corpus_index),
                 "--json"])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    api = search(client, q="bostäder", area="leva-och-bo", limit=3)
    assert printed == api


def test_cli_search_text(corpus_index, capsys):
    from search_app.cli import main

    code = main(["search", "bostäder", "--area", "Leva och bo", "--index", str(corpus_index)])
    assert code == 0
    out = capsys.readouterr().out
    assert "dokument matchar" in out
    assert "[" in out and "]" in out and "<mark" not in out
    assert "sida " in out


def test_cli_bad_arguments_exit_2(corpus_index, capsys):
    from search_app.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["search", "x", "--limit", "noll", "--index", str(corpus_index)])
    assert exc.value.code == 2
    assert main(["search", "x", "--area", "fiske", "--index", str(corpus_index)]) == 2
    assert "area" in capsys.readouterr().err
    assert main(["search", "x", "--limit", "500", "--index", str(corpus_index)]) == 2


def test_cli_missing_index_exit_2(tmp_path, capsys):
    from search_app.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["search", "bostäder", "--index", str(tmp_path / "saknas")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "python -m indexer build" in err


def test_cli_help(capsys):
    from search_app.cli import main

    for argv in (["--help"], ["serve", "--help"], ["search", "--help"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--port" in out and "8000" in out and "--json" in out
