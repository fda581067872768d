"""The HTML UI of search_app against an index of corpus/: pages, escaping, accessibility basics."""
from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from indexer.store.base import SearchRequest
from search_app import create_app

AREA_LABELS = ("Kompetensförsörjning", "Leva och bo", "Infrastruktur", "Näringslivsutveckling")


class Page(HTMLParser):
    """Just enough of an HTML page to check structure."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.h1: list[str] = []
        self.labels_for: set[str] = set()
        self.label_texts: dict[str, str] = {}
        self.ids: list[str] = []
        self._in: list[str] = []
        self._text: dict[str, list[str]] = {}
        self._label_for: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "h1":
            self._text["h1"] = []
            self._in.append("h1")
        if tag == "label" and a.get("for"):
            self.labels_for.add(a["for"])
            self._label_for = a["for"]
            self._text["label"] = []

    def handle_endtag(self, tag):
        if tag == "h1" and "h1" in self._in:
            self._in.remove("h1")
            self.h1.append(" ".join("".join(self._text["h1"]).split()))
        if tag == "label" and self._label_for:
            self.label_texts[self._label_for] = " ".join("".join(self._text["label"]).split())
            self._label_for = None

    def handle_data(self, data):
        if "h1" in self._in:
            self._text["h1"].append(data)
        if self._label_for:
            self._text["label"].append(data)

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def get_ok(client, url) -> tuple[str, Page]:
    resp = client.get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    assert resp.mimetype == "text/html"
    html = resp.get_data(as_text=True)
    return html, Page(html)


def assert_accessible_basics(html: str, page: Page) -> None:
    assert '<html lang="sv">' in html
    skip = page.find("a", **{"class": "skip-link"})
    assert skip and skip[0]["href"] == "#innehall"
    assert "Hoppa till innehållet" in html
    assert "innehall" in page.ids and page.find("main")
    assert page.find("header") and page.find("nav") and page.find("footer")
    assert len(page.h1) == 1 and page.h1[0]
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    for tag, attrs in page.tags:
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            assert attrs.get("id") in page.labels_for, f"unlabelled {tag} {attrs}"
            assert page.label_texts.get(attrs["id"]), f"empty label for {attrs}"
    assert re.search(r"<title>[^<]+</title>", html)


# --- start page ------------------------------------------------------------------------

def test_start_page(client):
    html, page = get_ok(client, "/")
    assert_accessible_basics(html, page)
    for label in AREA_LABELS:
        assert label in html
    assert html.count("Visa alla") == 4
    assert 'href="/sok?area=leva-och-bo"' in html
    assert page.find("input", name="q", type="search")
    assert 'href="/hjalp"' in html
    # The newest documents of each area link to document pages.
    assert len(re.findall(r'href="/dokument/[^"]+"', html)) >= 4
    assert "<title>Start – " in html


def test_help_page(client):
    html, page = get_ok(client, "/hjalp")
    assert_accessible_basics(html, page)
    for words in ("citattecken", "minus", "Filtrera", "alla"):
        assert words in html


# --- search page ------------------------------------------------------------------------

def test_search_page_shows_hits_with_marks(client):
    html, page = get_ok(client, "/sok?q=bost%C3%A4der")
    assert_accessible_basics(html, page)
    assert re.search(r"<strong>\d+</strong> dokument matchar", html)
    assert "<mark" in html
    assert "Sida " in html
    assert re.search(r'href="/dokument/[^"?]+\?q=bost%C3%A4der#sida-\d+"', html)
    assert "Sökresultat för ”bostäder”" in page.h1[0]
    assert "<title>Sökresultat för ”bostäder”" in html
    # facet groups in order, as fieldsets with legends
    legends = re.findall(r"<legend>([^<]+)</legend>", html)
    assert legends[:3] == ["Prioriterat område", "Kommun", "Dokumenttyp"]
    assert page.find("fieldset")
    assert "Filtrera" in html
    assert page.find("select", name="sort")
    assert "Relevans" in html and "Nyast först" in html and "Äldst först" in html


def test_search_page_filters_combine(client):
    html, page = get_ok(client, "/sok?q=bost%C3%A4der&area=leva-och-bo&municipality=Boden")
    assert re.search(r'name="area" value="leva-och-bo" checked', html)
    assert re.search(r'name="municipality" value="Boden" checked', html)
    assert html.count("Ta bort filter") >= 2
    # Removing the area keeps the query and the municipality.
    assert 'href="/sok?q=bost%C3%A4der&amp;municipality=Boden"' in html
    # The search box keeps the chosen filters as hidden fields.
    assert page.find("input", type="hidden", name="area", value="leva-och-bo")


def test_browse_area_newest_first(client):
    html, page = get_ok(client, "/sok?area=leva-och-bo")
    assert "Leva och bo" in page.h1[0]
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', html)
    assert len(dates) >= 2
    assert dates == sorted(dates, reverse=True)
    assert "Nyaste först" in html


def test_relaxed_message(client):
    html, _ = get_ok(client, "/sok?q=bost%C3%A4der+xqzvwyy")
    assert "Inga dokument innehöll alla orden; visar dokument med något av orden." in html


def test_no_results_message(client):
    html, page = get_ok(client, "/sok?q=xqzvwyyqq")
    assert "<strong>0</strong> dokument matchar" in html
    assert "Inga dokument matchar din sökning" in html
    assert_accessible_basics(html, page)


def test_pagination_nav(client, app):
    html, page = get_ok(client, "/sok")
    total = int(re.search(r"<strong>(\d+)</strong> dokument", html).group(1))
    size = app.config["PAGE_SIZE"]
    if total <= size:
        pytest.skip("corpus too small for two result pages")
    navs = page.find("nav", **{"aria-label": "Sidnavigering för sökresultatet"})
    assert navs
    assert re.search(r'<a href="/sok" aria-current="page">', html)
    html2, _ = get_ok(client, "/sok?page=2")
    assert re.search(r'<a href="/sok\?page=2" aria-current="page">', html2)
    assert "Föregående" in html2


def test_sort_by_date_in_ui(client):
    html, _ = get_ok(client, "/sok?q=kommun&sort=date")
    assert re.search(r'<option value="date" selected>', html)
    dates = re.findall(r'<li class="hit">.*?<time datetime="([\d-]+)"', html, flags=re.S)
    assert dates == sorted(dates, reverse=True)


def test_search_escapes_query(client):
    evil = '<script>alert("x")</script>'
    resp = client.get("/sok", query_string={"q": evil})
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("url", [
    "/sok?page=0", "/sok?page=abc", "/sok?sort=xyz", "/sok?year=99", "/sok?area=okänt",
    "/sok?type=roman", "/sok?municipality=Ankeborg",
])
def test_bad_parameters_give_swedish_400_page(client, url):
    resp = client.get(url)
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert "Sökningen kunde inte göras" in html


def test_too_long_query_is_400(client, app):
    resp = client.get("/sok", query_string={"q": "ord " * 200})
    assert resp.status_code == 400
    assert "högst 500 tecken" in resp.get_data(as_text=True)


# --- document page ------------------------------------------------------------------------

def _minutes_doc_id(client) -> str:
    data = client.get("/api/search?type=protokoll&limit=100").get_json()
    for hit in data["hits"]:
        doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
        if doc["items"]:
            return hit["doc_id"]
    pytest.fail("no minutes with § items")


def test_document_page_minutes(client):
    doc_id = _minutes_doc_id(client)
    doc = client.get(f"/api/documents/{doc_id}").get_json()
    html, page = get_ok(client, f"/dokument/{doc_id}")
    assert_accessible_basics(html, page)
    assert doc["title"] in html.replace("&#34;", '"').replace("&#39;", "'")
    assert 'id="sida-1"' in html
    for p in doc["pages"]:
        assert f'id="sida-{p["number"]}"' in html
        assert f"Sida {p['number']}" in html
    for item in doc["items"]:
        assert f'id="paragraf-{item["number"]}"' in html
        assert f'href="#paragraf-{item["number"]}"' in html
        assert f"§ {item['number']}" in html
    if any(item["decision"] for item in doc["items"]):
        assert 'class="decision-heading">Beslut' in html
    assert "Öppna originalfilen" in html and f'href="/original/{doc_id}"' in html
    if doc["format"] == "pdf":
        assert f'/original/{doc_id}#page=1"' in html
    assert "<mark" not in html


def test_document_page_highlights_query(client):
    hit = client.get("/api/search?q=bost%C3%A4der&area=leva-och-bo").get_json()["hits"][0]
    html, page = get_ok(client, f"/dokument/{hit['doc_id']}?q=bost%C3%A4der")
    assert "<mark" in html
    assert f'id="sida-{hit["page"]}"' in html
    assert "Taggad som <strong>Leva och bo</strong> på grund av:" in html
    assert_accessible_basics(html, page)


def test_unknown_document_is_swedish_404(client):
    resp = client.get("/dokument/finns-inte-123")
    assert resp.status_code == 404
    html = resp.get_data(as_text=True)
    assert '<html lang="sv">' in html and "finns inte" in html


class _EvilStore:
    """Wraps the real store; one document's text is replaced by markup."""

    EVIL = '<script>alert("doc")</script> <img src=x onerror=alert(1)> bostäder & "citat"'

    def __init__(self, store, doc_id, source_path=None):
        self._store, self._doc_id, self._source_path = store, doc_id, source_path

    def __getattr__(self, name):
        return getattr(self._store, name)

    def get_document(self, doc_id):
        doc = self._store.get_document(doc_id)
        if doc is None or doc_id != self._doc_id:
            return doc
        doc = copy.deepcopy(doc)
        doc.title = self.EVIL
        doc.body = self.EVIL
        for p in doc.pages:
            p.text = self.EVIL + "\n\n" + p.text
        for p in doc.passages:
            p.text = self.EVIL + " " + p.text
        for it in doc.items:
            it.title = self.EVIL
        if self._source_path is not None:
            doc.source_path = self._source_path
        return doc


def test_document_text_is_escaped(corpus_store, corpus_index):
    doc_id = create_app({"INDEX_DIR": str(corpus_index), "TESTING": True}).test_client() \
        .get("/api/search?type=protokoll&limit=1").get_json()["hits"][0]["doc_id"]
    app = create_app({"INDEX_DIR": str(corpus_index), "TESTING": True,
                      "STORE": _EvilStore(corpus_store, doc_id)})
    client = app.test_client()
    for url in (f"/dokument/{doc_id}", f"/dokument/{doc_id}?q=bost%C3%A4der"):
        resp = client.get(url)
        assert resp.status_code == 200
        html = resp.get_data(as_text=True).replace('<script src="/static/copy.js" defer></script>', "")
        assert "<script" not in html.lower()   # nothing but the page's own "Kopiera" script
        assert "<img" not in html.lower()
        assert "&lt;script&gt;" in html


# --- originals ------------------------------------------------------------------------------

def test_original_is_served(client):
    hit = client.get("/api/search?q=bost%C3%A4der").get_json()["hits"][0]
    doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
    resp = client.get(f"/original/{hit['doc_id']}")
    assert resp.status_code == 200
    assert len(resp.data) > 0
    expected = {"pdf": "application/pdf", "html": "text/html", "txt": "text/plain", "md": "text/markdown",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    if doc["format"] in expected:
        assert resp.mimetype == expected[doc["format"]]
    resp.close()


def test_original_of_every_format(client):
    data = client.get("/api/search?limit=100").get_json()
    seen = set()
    for hit in data["hits"]:
        suffix = Path(hit["source_path"]).suffix.lower()
        if suffix in seen:
            continue
        seen.add(suffix)
        resp = client.get(f"/original/{hit['doc_id']}")
        assert resp.status_code == 200, hit["source_path"]
        resp.close()
    assert seen


def test_original_outside_source_root_is_404(corpus_store, corpus_index):
    doc_id = corpus_store.search(SearchRequest(limit=1)).hits[0].doc_id
    for bad in ("../../../../etc/passwd", "/etc/passwd", "finns-inte.pdf"):
        app = create_app({"INDEX_DIR": str(corpus_index), "TESTING": True,
                          "STORE": _EvilStore(corpus_store, doc_id, source_path=bad)})
        resp = app.test_client().get(f"/original/{doc_id}")
        assert resp.status_code == 404, bad


def test_original_unknown_is_404(client):
    assert client.get("/original/finns-inte").status_code == 404


# --- robustness ------------------------------------------------------------------------------

ODD_QUERIES = [
    '"', '""', '"""', "(", ")", "()", "((a", "a)", "AND", "OR", "NOT", "AND OR NOT", "a AND", "OR b",
    "*", "**", "a*", "*a", "?", "titel:", "title:bostad", ":", "::", "-", "--", "- -", "-bostad", "+",
    "+bostad", "~", "bostad~2", "^", "a^2", "[", "]", "[a TO b]", "{", "}", "\\", "/", "&", "|", "!",
    "'", "`", "%", "%00", "\x00", "\u200b", "😀", "ÅÄÖ åäö", "Ελληνικά", "中文", "‮", "é" * 40,
    "§", "§ 12", "a" * 500, "ord " * 120, "<script>", "&amp;", "NEAR/3", "a -", '"leva och bo',
    "kommun OR", "kommun AND NOT", "-kommun", "- kommun", "x" * 499 + "*",
]


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_never_500_on_odd_queries(client, q):
    for url in ("/sok", "/api/search"):
        resp = client.get(url, query_string={"q": q})
        assert resp.status_code in (200, 400), (url, q, resp.status_code)
        if url == "/api/search":
            assert resp.is_json
        else:
            assert "<script" not in resp.get_data(as_text=True).lower()


@pytest.mark.parametrize("url", [
    "/sok?q=kommun&page=999999999999999999999", "/sok?limit=5", "/sok?q=%ff%fe", "/sok?area=",
    "/sok?year=2024&year=2023&year=2022", "/api/search?limit=%20", "/api/search?page=",
    "/api/search?year=%00", "/dokument/%00", "/dokument/../../etc/passwd", "/original/%2e%2e%2fx",
    "/dokument/" + "a" * 2000, "/api/documents/%ff", "/sok?sort=", "/sok?q=a&body=" + "x" * 300,
    "/dokument/x?q=" + "a" * 600,
])
def test_never_500_on_odd_urls(client, url):
    resp = client.get(url)
    assert resp.status_code in (200, 400, 404), (url, resp.status_code)


def test_not_found_page(client):
    resp = client.get("/finns-inte")
    assert resp.status_code == 404
    html = resp.get_data(as_text=True)
    assert '<html lang="sv">' in html and "Sidan finns inte" in html


def test_security_headers(client):
    resp = client.get("/")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'none'" in resp.headers["Content-Security-Policy"]


def test_no_javascript_anywhere(client):
    for url in ("/", "/sok?q=bost%C3%A4der", "/hjalp"):
        html = client.get(url).get_data(as_text=True)
        assert "<script" not in html.lower()


# --- document rendering helpers (no index needed) ----------------------------------------------

def _doc(pages, items=(), passages=()):
    from indexer.models import Document, PageText

    return Document(doc_id="d", title="T", doc_type="protokoll", municipalities=["Luleå"], body=None,
                    date="2024-01-01", source_path="x.pdf", source_root="/nonexistent", sha256="0" * 64,
                    format="pdf", pages=[PageText(n, t) for n, t in enumerate(pages, 1)], items=list(items),
                    passages=list(passages))


def test_strip_item_heading():
    from indexer.models import MinutesItem
    from search_app.docview import strip_item_heading

    item = MinutesItem(12, "Nya bostäder i stadsdelen Kronan", "KS 2024/12", None, 1, 2)
    assert strip_item_heading("§ 12 Dnr KS 2024/12\nNya bostäder i stadsdelen\nKronan\nÄrendet gäller x.", item) \
        == "Ärendet gäller x."
    assert strip_item_heading("§ 12 Nya bostäder i stadsdelen Kronan", item) == ""
    assert strip_item_heading("§ 12 Helt annan rubrik", item) == "Helt annan rubrik"


def test_build_pages_headings_and_decisions():
    from markupsafe import escape

    from indexer.models import MinutesItem
    from search_app.docview import build_pages

    pages = [
        "Protokoll <b>\n\n§ 5 Dnr KS 2024/1\nBostäder i\nKronan\n\nSammanfattning av ärendet\nText om bostäder.",
        "Beslut\nKommunen beslutar att bygga.\n\nDet gäller genast.\n\nBeslutet skickas till\nByggnadsnämnden",
    ]
    items = [MinutesItem(5, "Bostäder i Kronan", "KS 2024/1", "Kommunen beslutar att bygga.", 1, 2)]
    views = build_pages(_doc(pages, items), lambda t: escape(t))
    assert [v.number for v in views] == [1, 2]
    assert [b.kind for b in views[0].blocks] == ["para", "item", "subheading", "para"]
    assert str(views[0].blocks[0].html) == "Protokoll &lt;b&gt;"
    assert views[0].blocks[1].anchor == "paragraf-5"
    assert str(views[0].blocks[2].html) == "Sammanfattning av ärendet"
    assert [b.kind for b in views[1].blocks] == ["item_cont", "decision", "subheading", "para"]
    decision = views[1].blocks[1]
    assert [str(p) for p in decision.paras] == ["Kommunen beslutar att bygga.", "Det gäller genast."]


def test_reflow_joins_wrapped_prose_and_keeps_lists():
    from search_app.docview import line_width, reflow

    prose = ["Avsiktsförklaringen om samverkan mellan Bodens kommun och Luleå kommun gäller från september",
             "2022 till och med september 2026. Kommunerna har gemensamt utvärderat samverkan under våren",
             "2026."]
    names = ["Beslutande Claes Nordmark (S), ordförande", "Malin Öberg (S)", "Kjell Rönnbäck (S)"]
    width = line_width("\n".join(prose + names))
    assert reflow(prose, width).count("\n") == 0
    assert reflow(names, width).count("\n") == 2
    assert reflow([prose[0], "• en punkt"], width) == prose[0] + "\n• en punkt"


def test_example_corpus_is_labelled_as_fictional_on_every_page(client):
    for url in ("/", "/sok?q=bostäder", "/hjalp"):
        html = client.get(url).get_data(as_text=True)
        assert 'class="source-notice"' in html
        assert "inte verkliga kommunala handlingar" in html
    assert "inte verkliga" in client.get("/api/health").get_json()["notices"][0]
