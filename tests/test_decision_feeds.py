"""Follow and export decision lists and cases (issue 15 points 4 and 5):
/beslut.atom, /beslut.csv, /arende/<kommun>/<dnr>.atom and .csv, against the corpus index."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from test_feeds_export import parse_atom, read_csv

from search_app import create_app

PUBLIC = "https://sok.kommun.example/handlingar"
LULEA_CASE = "2022-456"


@pytest.fixture(scope="module")
def public_client(corpus_index):
    return create_app({"INDEX_DIR": str(corpus_index), "TESTING": True, "PUBLIC_URL": PUBLIC + "/"}).test_client()


def feed_of(client, path: str, **kw):
    return parse_atom(client.get(path, **kw))


def rows_of(resp) -> list[list[str]]:
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    return read_csv(resp)


def test_the_decision_feed_has_the_newest_decisions_of_the_list(client):
    listed = client.get("/api/decisions", query_string={"municipality": "Luleå", "limit": 100}).get_json()
    feed = feed_of(client, "/beslut.atom?municipality=Luleå&sort=relevance")
    assert 0 < len(feed.entries) == min(50, listed["total"])
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first, whatever the page's order
    wanted = {(d["doc_id"], d["section"]) for d in listed["decisions"]}
    for e in feed.entries:
        path = urlsplit(e.id)
        assert path.path.startswith("/dokument/") and path.fragment.startswith("paragraf-")
        assert e.id == e.link
    assert {(urlsplit(e.id).path.rsplit("/", 1)[1]) for e in feed.entries} <= {doc for doc, _s in wanted}
    assert "Kommun: Luleå" in feed.feed.title


def test_decision_feed_ids_do_not_change_between_requests(client):
    first = [e.id for e in feed_of(client, "/beslut.atom?q=avsiktsförklaring").entries]
    again = [e.id for e in feed_of(client, "/beslut.atom?q=avsiktsf%C3%B6rklaring&page=3").entries]
    assert first and first == again and len(set(first)) == len(first)


def test_the_decision_list_downloads_as_csv_in_the_pages_order(client):
    api = client.get("/api/decisions", query_string={"q": "avsiktsförklaring", "sort": "oldest", "limit": 100}).get_json()
    rows = rows_of(client.get("/beslut.csv?q=avsiktsförklaring&sort=oldest"))
    assert rows[0][:4] == ["Paragraf", "Rubrik", "Organ", "Kommun"]
    assert len(rows) - 1 == api["total"] > 0
    assert [r[0] for r in rows[1:]] == [d["section"] for d in api["decisions"]]
    assert all(r[7] for r in rows[1:])  # every decision's text


def test_a_case_feed_and_csv(public_client):
    case = public_client.get(f"/api/cases/Luleå/{LULEA_CASE}").get_json()
    feed = feed_of(public_client, f"/arende/Luleå/{LULEA_CASE}.atom", headers={"Host": "evil.example"})
    assert len(feed.entries) == len(case["records"])
    assert all(e.link.startswith(PUBLIC + "/dokument/") for e in feed.entries)  # the public address, not Host
    assert feed.feed.link == f"{PUBLIC}/arende/Lule%C3%A5/{LULEA_CASE}"
    rows = rows_of(public_client.get(f"/arende/Luleå/{LULEA_CASE}.csv"))
    assert [r[0] for r in rows[1:]] == [r["section"] or "" for r in case["records"]]  # the case's own order
    # written another way, the same case
    again = feed_of(public_client, "/arende/Luleå/2022%2F456.atom")
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]


@pytest.mark.parametrize("path", ["/arende/Luleå/1999-1.atom", "/arende/Ingenstans/2022-456.csv",
                                  "/arende/Luleå/" + "9" * 300 + ".atom"])
def test_an_unknown_case_has_no_feed(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/beslut.atom", "/beslut.csv"])
def test_bad_list_parameters_answer_400(client, path):
    resp = client.get(f"{path}?from=inte-ett-datum")
    assert resp.status_code == 400


def test_the_pages_link_their_feeds_and_exports(client):
    html = client.get("/beslut?municipality=Boden").get_data(as_text=True)
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert "/beslut.atom?municipality=Boden" in html and "/beslut.csv?municipality=Boden" in html
    html = client.get(f"/arende/Luleå/{LULEA_CASE}").get_data(as_text=True)
    assert f"/arende/Lule%C3%A5/{LULEA_CASE}.atom" in html and f"/arende/Lule%C3%A5/{LULEA_CASE}.csv" in html
    assert "Bevaka</a> ärendet" in html
