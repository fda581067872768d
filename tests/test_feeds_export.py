"""Follow a search (Atom, /sok.atom) and export it (CSV, /sok.csv and /api/search.csv),
issue 15 points 4 and 5, against the corpus index."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

import feedparser
import pytest
from flask import render_template_string

from search_app import create_app
from search_app import export, feeds

PUBLIC = "https://sok.kommun.example/handlingar"
EVIL = "evil.example"
HEADERS = ["Titel", "Typ", "Kommun", "Utfärdare", "Organ", "Datum", "Sida", "§", "Rubrik (§)",
           "Beslut", "Områden", "Länk", "Originalfil", "Utdrag"]


@pytest.fixture(scope="module")
def public_app(corpus_index):
    """The app with a configured public address (PUBLIC_URL), as a server has it."""
    return create_app({"INDEX_DIR": str(corpus_index), "TESTING": True, "PUBLIC_URL": PUBLIC + "/"})


@pytest.fixture()
def public_client(public_app):
    return public_app.test_client()


def parse_atom(resp):
    """A feed response, checked: 200, Atom's type, well-formed Atom 1.0 for feedparser."""
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "application/atom+xml"
    feed = feedparser.parse(resp.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def get_feed(client, query: str = "", **kw):
    return parse_atom(client.get("/sok.atom" + (f"?{query}" if query else ""), **kw))


def api_hits(client, query: str) -> list[dict]:
    data = client.get(f"/api/search?{query}&limit=100").get_json()
    assert data["total"] <= 100  # the corpus is small: one API page holds the whole result
    return data["hits"]


def doc_id_of(url: str) -> str:
    return urlsplit(url).path.rsplit("/dokument/", 1)[1]


def read_csv(resp) -> list[list[str]]:
    body = resp.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


# --- the Atom feed of a search ------------------------------------------------------

def test_feed_newest_first_whatever_the_sort(client):
    feed = get_feed(client, "q=bost%C3%A4der&sort=relevance")
    entries = feed.entries
    assert len(entries) >= 3
    days = [e.updated_parsed[:3] for e in entries]
    assert days == sorted(days, reverse=True)
    # the same documents and order as the search sorted by date
    by_date = api_hits(client, "q=bost%C3%A4der&sort=date")
    assert [doc_id_of(e.id) for e in entries] == [h["doc_id"] for h in by_date][:feeds.FEED_MAX_ENTRIES]
    first = entries[0]
    assert first.title and first.summary and "<" not in first.summary   # the snippet as text
    assert first.author and first.link.startswith("http://127.0.0.1:8000/dokument/")
    assert feed.feed.title.startswith("Sökning: ”bostäder”")


def test_feed_at_most_50_newest(client, monkeypatch):
    # The corpus has fewer than 50 documents: a smaller cap shows that it cuts the oldest.
    monkeypatch.setattr(feeds, "FEED_MAX_ENTRIES", 5)
    entries = get_feed(client).entries
    newest = api_hits(client, "sort=date")[:5]
    assert [doc_id_of(e.id) for e in entries] == [h["doc_id"] for h in newest]


def test_feed_ids_are_stable_and_canonical(client):
    one = get_feed(client, "q=bost%C3%A4der&municipality=lulea")
    # other order, other spelling of the municipality, a sort and a page: the same search
    two = get_feed(client, "municipality=Lule%C3%A5&page=2&sort=relevance&q=bost%C3%A4der")
    assert [e.id for e in one.entries] == [e.id for e in two.entries]
    assert one.feed.id == two.feed.id
    assert one.feed.id == "http://127.0.0.1:8000/sok.atom?municipality=Lule%C3%A5&q=bost%C3%A4der"
    links = {link.rel: link.href for link in one.feed.links}
    assert links["self"] == one.feed.id
    assert dict(parse_qsl(urlsplit(links["alternate"]).query)) == {
        "municipality": "Luleå", "q": "bostäder", "sort": "date"}
    # an entry's id is the document's page, without the query or the anchor of its link
    for e in one.entries:
        assert "?" not in e.id and "#" not in e.id and e.link.startswith(e.id + "?q=")


def test_feed_links_on_public_url_despite_spoofed_host(public_client):
    feed = get_feed(public_client, "area=leva-och-bo", headers={"Host": EVIL, "X-Forwarded-Host": EVIL})
    urls = [feed.feed.id] + [link.href for link in feed.feed.links]
    urls += [u for e in feed.entries for u in (e.id, e.link)]
    assert feed.entries and all(u.startswith(PUBLIC + "/") for u in urls), urls
    assert not any(EVIL in u for u in urls)


def test_feed_filters_apply(client):
    feed = get_feed(client, "area=leva-och-bo&municipality=Boden")
    expected = api_hits(client, "area=leva-och-bo&municipality=Boden&sort=date")
    all_docs = api_hits(client, "sort=date")
    assert 0 < len(expected) < len(all_docs)
    assert [doc_id_of(e.id) for e in feed.entries] == [h["doc_id"] for h in expected]
    assert "Område: Leva och bo" in feed.feed.title and "Kommun: Boden" in feed.feed.title


def test_feed_without_hits_is_valid(client):
    feed = get_feed(client, "q=xyzzyqwertz")
    assert feed.entries == [] and feed.feed.updated_parsed


def test_atom_response_escapes_and_drops_characters_xml_forbids(app):
    naive = datetime(2024, 3, 12, 9, 30)
    entries = [feeds.FeedEntry(id="https://x.example/a?b=1&c=2", title="Tom & <Jerry>\x0c \"citat\"",
                               link="https://x.example/a?b=1&c=2", updated=naive,
                               summary="a\x00b < c", categories=("Beslut",))]
    with app.test_request_context("/"):
        resp = feeds.atom_response("Titel \x1b& mer", "https://x.example/feed?x=1&y=2", entries)
    feed = feedparser.parse(resp.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Titel & mer" and feed.feed.id == "https://x.example/feed?x=1&y=2"
    e = feed.entries[0]
    assert e.title == 'Tom & <Jerry> "citat"' and e.summary == "ab < c"
    assert e.id == "https://x.example/a?b=1&c=2" and e.tags[0].term == "Beslut"
    assert e.updated == "2024-03-12T09:30:00Z"   # a naive time is UTC


def test_record_without_date_gets_the_build_time():
    built = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
    assert feeds.day_updated(None, built) == built
    assert feeds.day_updated("okänt", built) == built
    assert feeds.day_updated("2023-03-14", built) == datetime(2023, 3, 14, tzinfo=timezone.utc)


# --- CSV export ---------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/sok.csv", "/api/search.csv"])
def test_csv_export(client, path):
    resp = client.get(f"{path}?q=bost%C3%A4der&sort=date")
    assert resp.status_code == 200
    assert resp.mimetype == "text/csv" and resp.mimetype_params.get("charset") == "utf-8"
    disposition = resp.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="sokresultat-') and disposition.endswith('.csv"')
    assert b"\r\n" in resp.get_data()
    rows = read_csv(resp)
    assert rows[0] == HEADERS
    hits = api_hits(client, "q=bost%C3%A4der&sort=date")
    assert len(rows) - 1 == min(len(hits), export.EXPORT_MAX_ROWS)
    # the page's order, from the first document whatever the page parameter
    assert [doc_id_of(r[HEADERS.index("Länk")].split("?")[0].split("#")[0]) for r in rows[1:]] == \
        [h["doc_id"] for h in hits]
    first = dict(zip(HEADERS, rows[1]))
    assert first["Titel"] == hits[0]["title"] and first["Datum"] == hits[0]["date"]
    assert first["Typ"][:1].isupper() and first["Kommun"] and first["Utdrag"]


def test_csv_follows_the_pages_sort_and_filters(client):
    query = "q=bost%C3%A4der&municipality=Lule%C3%A5&page=3"
    rows = read_csv(client.get(f"/sok.csv?{query}"))
    hits = api_hits(client, query.replace("&page=3", ""))
    assert [r[0] for r in rows[1:]] == [h["title"] for h in hits]
    assert all("Luleå" in r[HEADERS.index("Kommun")] for r in rows[1:])


def test_csv_stops_at_the_row_limit(client, monkeypatch):
    # The corpus has fewer than 1,000 documents: a smaller cap shows the cut.
    monkeypatch.setattr(export, "EXPORT_MAX_ROWS", 7)
    rows = read_csv(client.get("/sok.csv"))
    assert len(rows) == 1 + 7
    assert [r[0] for r in rows[1:]] == [h["title"] for h in api_hits(client, "sort=date")[:7]]


def test_csv_links_on_public_url_despite_spoofed_host(public_client):
    rows = read_csv(public_client.get("/sok.csv?area=infrastruktur", headers={"Host": EVIL}))
    for row in rows[1:]:
        assert row[HEADERS.index("Länk")].startswith(PUBLIC + "/dokument/")
        assert row[HEADERS.index("Originalfil")].startswith((PUBLIC + "/original/", "https://"))
        assert EVIL not in ";".join(row)


def test_csv_defuses_formulas():
    formulas = ['=HYPERLINK("https://evil.example","klicka")', "+46 70", "-2+3", "@SUMMA(A1)", "\tx", "\r=1"]
    resp = export.csv_response(["Titel", "Ok"], [[f, "vanlig; text"] for f in formulas] + [[12, None]],
                               "test.csv")
    rows = read_csv(resp)
    assert rows[0] == ["Titel", "Ok"]
    assert [r[0] for r in rows[1:-1]] == ["'" + f for f in formulas]
    assert rows[1][1] == "vanlig; text"   # the delimiter inside a cell is quoted, not split
    assert rows[-1] == ["12", ""]
    assert resp.headers["Content-Disposition"] == 'attachment; filename="test.csv"'


def test_csv_filename_beyond_ascii():
    resp = export.csv_response(["A"], [], "beslut-Luleå.csv")
    assert resp.headers["Content-Disposition"] == \
        "attachment; filename=\"beslut-Lulea.csv\"; filename*=UTF-8''beslut-Lule%C3%A5.csv"


# --- bad parameters: 400, never 500 -------------------------------------------------

@pytest.mark.parametrize("path", ["/sok.atom", "/sok.csv", "/api/search.csv"])
@pytest.mark.parametrize("query", ["type=foo", "year=20", "municipality=Atlantis", "page=x",
                                   "area=okant", "sort=popular", "q=datum%3A2022-13"])
def test_bad_parameters_answer_400(client, path, query):
    resp = client.get(f"{path}?{query}")
    assert resp.status_code == 400, (path, query, resp.status_code)
    if path.startswith("/api/"):
        assert resp.is_json and resp.get_json()["error"]


# --- discovery: the links a page shows ------------------------------------------------

PAGE = ('{% from "_subscribe.html" import subscribe_links, feed_link %}'
        '{% set s = search_subscribe_urls() %}'
        '{% if s %}{{ feed_link(s.feed_url) }}{{ subscribe_links(s.feed_url, s.csv_url) }}{% endif %}')


def test_subscribe_links_of_the_current_search(public_app):
    with public_app.test_request_context("/sok?q=bost%C3%A4der&municipality=lulea&sort=date&page=2",
                                         headers={"Host": EVIL}):
        urls = feeds.search_subscribe_urls()
        html = render_template_string(PAGE)
    assert urls.feed_url == PUBLIC + "/sok.atom?municipality=Lule%C3%A5&q=bost%C3%A4der"
    assert urls.csv_url == "/sok.csv?municipality=Lule%C3%A5&q=bost%C3%A4der&sort=date"
    feed_href = urls.feed_url.replace("&", "&amp;")
    assert f'<link rel="alternate" type="application/atom+xml" title="Bevaka sökningen" href="{feed_href}">' in html
    assert f'<a href="{feed_href}" type="application/atom+xml">Bevaka</a>' in html
    assert ">Ladda ner CSV</a>" in html and urls.csv_url.replace("&", "&amp;") in html


def test_no_subscribe_links_for_a_bad_search(app):
    with app.test_request_context("/sok?year=20"):
        assert feeds.search_subscribe_urls() is None
        assert render_template_string(PAGE).strip() == ""


def test_the_search_page_links_its_feed_and_export(client):
    html = client.get("/sok?q=bost%C3%A4der&area=leva-och-bo").get_data(as_text=True)
    head = html.split("</head>", 1)[0]
    assert 'rel="alternate" type="application/atom+xml"' in head and "/sok.atom?" in head
    body = html.split("</head>", 1)[1]
    assert ">Bevaka</a>" in body and ">Ladda ner CSV</a>" in body and "/sok.csv?" in body
    # The links carry the search: the feed answers with the same filter.
    import re
    feed_href = re.search(r'<link rel="alternate"[^>]*href="([^"]+)"', head).group(1).replace("&amp;", "&")
    assert "area=leva-och-bo" in feed_href and "q=bost" in feed_href
