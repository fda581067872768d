"""What new users tripped on (issue 15, point 6), each asserted on the pages and
the API over the corpus index: the back link keeps the search, the sort box says
the real order (with oldest first and from/to dates), the filters are one link
away on a phone, each area's newest documents on the start page are its own, a
bare "?" is an empty query, and the example-data notice is inside a landmark."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from search_app import create_app
from test_web import Page, assert_accessible_basics, get_ok

AREAS = ("kompetensforsorjning", "leva-och-bo", "infrastruktur", "naringslivsutveckling")


def _hit_links(html: str) -> list[str]:
    return [a.replace("&amp;", "&") for a in re.findall(r'<h3 id="traff-\d+"><a href="([^"]+)"', html)]


def _hit_dates(html: str) -> list[str]:
    return re.findall(r'<li class="hit">.*?<time datetime="([\d-]+)"', html, flags=re.S)


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _selected_sort(html: str) -> str:
    return re.search(r'<option value="[^"]+" selected>([^<]+)</option>', html).group(1)


def _chips(html: str) -> list[tuple[str, str]]:
    """(label, removal link) of each chosen filter."""
    return [(label.strip(), url.replace("&amp;", "&")) for label, url in
            re.findall(r'<li>([^<]+) <a href="([^"]+)">Ta bort filter', html)]


# --- "Tillbaka till sökresultatet" keeps the search -----------------------------------------

#: Every filter at once, oldest first, on the second page (one hit per page).
FULL_SEARCH = {
    "q": ["kommun"], "area": ["infrastruktur"], "municipality": ["Luleå"], "type": ["protokoll"],
    "year": ["2022", "2023"], "body": ["kommunstyrelsen", "kommunstyrelsens arbetsutskott"],
    "from": ["2022-01-01"], "to": ["2023-12-31"], "sort": ["oldest"], "page": ["2"],
}


@pytest.fixture(scope="module")
def one_per_page(corpus_index):
    return create_app({"INDEX_DIR": str(corpus_index), "TESTING": True, "PAGE_SIZE": 1}).test_client()


def test_back_link_keeps_query_filters_sort_and_page(one_per_page):
    resp = one_per_page.get("/sok", query_string=FULL_SEARCH)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert re.search(r'<a href="[^"]*page=2" aria-current="page">', html)
    links = _hit_links(html)
    assert len(links) == 1
    # The hit's link carries the whole search …
    assert _params(links[0]) == FULL_SEARCH
    doc_html, page = get_ok(one_per_page, links[0])
    assert_accessible_basics(doc_html, page)
    back = re.search(r'<p class="back"><a href="([^"]+)">Tillbaka till sökresultatet för ”kommun”</a>', doc_html)
    assert back, "no back link"
    # … and the document page's back link returns to it: same words, filters, sort and page.
    back_url = back.group(1).replace("&amp;", "&")
    assert _params(back_url) == FULL_SEARCH
    again = one_per_page.get(back_url).get_data(as_text=True)
    assert _hit_links(again) == links


def test_back_link_of_an_area_browse(client):
    html, _ = get_ok(client, "/sok?area=leva-och-bo&sort=oldest")
    doc_html, _ = get_ok(client, _hit_links(html)[0])
    back = re.search(r'<p class="back"><a href="([^"]+)">Tillbaka till sökresultatet</a></p>', doc_html)
    assert back and _params(back.group(1).replace("&amp;", "&")) == {"area": ["leva-och-bo"], "sort": ["oldest"]}
    assert "”" not in back.group(0)   # no "för ””" without words


def test_back_link_only_when_opened_from_a_search(client):
    html, _ = get_ok(client, "/sok?q=bost%C3%A4der")
    doc_id = urlsplit(_hit_links(html)[0]).path.removeprefix("/dokument/")
    plain, _ = get_ok(client, f"/dokument/{doc_id}")
    assert 'class="back"' not in plain
    # A hand-edited bad filter still leads back to the words.
    odd, _ = get_ok(client, f"/dokument/{doc_id}?q=bost%C3%A4der&year=22")
    assert re.search(r'<p class="back"><a href="/sok\?q=bost%C3%A4der">', odd)


# --- the sort box says the real order; oldest first; from/to dates ----------------------------

def test_browse_sort_box_says_newest_first(client):
    html, _ = get_ok(client, "/sok?area=leva-och-bo")
    assert _selected_sort(html) == "Nyast först"
    assert "Relevans" not in html          # there are no words to rank by
    assert "Nyaste först." in html
    dates = _hit_dates(html)
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True)
    # With words, the same box offers relevance again (selected by default).
    html, _ = get_ok(client, "/sok?q=bost%C3%A4der&area=leva-och-bo")
    assert _selected_sort(html) == "Relevans"
    assert re.findall(r"<option [^>]*>([^<]+)</option>", html) == ["Relevans", "Nyast först", "Äldst först"]


@pytest.mark.parametrize("url", ["/sok?area=leva-och-bo&sort=oldest", "/sok?q=kommun&sort=oldest"])
def test_oldest_first_in_ui(client, url):
    html, page = get_ok(client, url)
    assert_accessible_basics(html, page)
    assert _selected_sort(html) == "Äldst först"
    dates = _hit_dates(html)
    assert len(dates) >= 2 and dates == sorted(dates)


def test_oldest_first_in_api(client):
    data = client.get("/api/search?q=kommun&sort=oldest&limit=100").get_json()
    assert data["sort"] == "oldest"
    dates = [h["date"] for h in data["hits"]]
    dated = [d for d in dates if d]
    assert len(dated) >= 2 and dated == sorted(dated)
    assert dates == dated + [None] * (len(dates) - len(dated))   # undated last, as with newest first
    newest = client.get("/api/search?q=kommun&sort=date&limit=100").get_json()
    assert newest["total"] == data["total"]
    resp = client.get("/api/search?q=kommun&sort=aldst")
    assert resp.status_code == 400 and "oldest" in resp.get_json()["error"]


def test_date_fields_filter_and_show_as_chips(client):
    html, page = get_ok(client, "/sok?from=2023-01-01&to=2023-12-31")
    assert_accessible_basics(html, page)
    for fid, name, label, value in (("f-from", "from", "Från", "2023-01-01"), ("f-to", "to", "Till", "2023-12-31")):
        field = page.find("input", id=fid)[0]
        assert (field["type"], field["name"], field["value"]) == ("date", name, value)
        assert page.label_texts[fid] == label
    dates = _hit_dates(html)
    assert dates and all("2023-01-01" <= d <= "2023-12-31" for d in dates)
    chips = dict(_chips(html))
    assert _params(chips["Från: 1 januari 2023"]) == {"to": ["2023-12-31"]}
    assert _params(chips["Till: 31 december 2023"]) == {"from": ["2023-01-01"]}
    assert "Filter (2)" in html
    # A year or a month is read as its first (from) or last (to) day; the API takes the same.
    same = client.get("/api/search?from=2023&to=2023&limit=100").get_json()
    typed = client.get("/api/search", query_string={"q": "datum:2023", "limit": 100}).get_json()
    assert same["total"] == typed["total"] == len(dates) > 0
    assert {h["doc_id"] for h in same["hits"]} == {h["doc_id"] for h in typed["hits"]}


def test_typed_date_and_date_fields_combine_narrowest_wins(client):
    both = client.get("/api/search", query_string={"q": "datum:2022..2024", "from": "2023-06-01",
                                                    "limit": 100}).get_json()
    narrow = client.get("/api/search", query_string={"q": "datum:2023-06-01..2024", "limit": 100}).get_json()
    assert both["total"] == narrow["total"] > 0
    assert all("2023-06-01" <= h["date"] <= "2024-12-31" for h in both["hits"])
    wide = client.get("/api/search", query_string={"q": "datum:2024", "from": "2020-01-01",
                                                    "limit": 100}).get_json()
    assert all(h["date"].startswith("2024") for h in wide["hits"]) and wide["total"] > 0


def test_typed_date_filter_has_a_removable_chip(client):
    html, _ = get_ok(client, "/sok?" + "q=bost%C3%A4der+datum%3A2022..2024&municipality=Boden&sort=date")
    chips = dict(_chips(html))
    remove = chips["Datum i sökfrågan: 2022–2024"]
    assert _params(remove) == {"q": ["bostäder"], "municipality": ["Boden"], "sort": ["date"]}
    assert "Filter (2)" in html
    # Only a date typed in the query, no words: the chip takes the query away altogether.
    html, _ = get_ok(client, "/sok?q=datum%3A..2022")
    label, remove = _chips(html)[0]
    assert label == "Datum i sökfrågan: till och med 2022" and _params(remove) == {}
    # A date typed inside a quoted phrase is words, not a filter.
    html, _ = get_ok(client, "/sok?q=%22datum%3A2022%22")
    assert "Datum i sökfrågan" not in html


def test_inverted_date_range_says_why_nothing_matches(client):
    html, _ = get_ok(client, "/sok?from=2024-01-01&to=2023-01-01")
    assert "<strong>0</strong> dokument" in html
    assert "Från-datumet är senare än till-datumet" in html


@pytest.mark.parametrize("args", [{"from": "2023-02-30"}, {"to": "2023-13"}, {"from": "i går"}, {"from": "0000"},
                                  {"to": "20231"}, {"from": "2023-1-1"}])
def test_bad_dates_are_swedish_400(client, args):
    resp = client.get("/sok", query_string=args)
    assert resp.status_code == 400
    assert "Sökningen kunde inte göras" in resp.get_data(as_text=True)
    api = client.get("/api/search", query_string=args)
    assert api.status_code == 400 and "datum" in api.get_json()["error"]


def test_empty_date_fields_are_no_filter(client):
    # The filter form sends its date fields even when they are left empty.
    html, _ = get_ok(client, "/sok?q=kommun&from=&to=")
    plain, _ = get_ok(client, "/sok?q=kommun")
    count = re.compile(r"<strong>(\d+)</strong> dokument")
    assert count.search(html).group(1) == count.search(plain).group(1)
    assert "Filter (0)" in html


# --- phones: a "Filter (n)" link beside the count; compact header and notice -------------------

def test_filter_button_beside_result_count(client):
    html, page = get_ok(client, "/sok?q=bost%C3%A4der&area=leva-och-bo&municipality=Boden&year=2023")
    bar = re.search(r'<div class="result-bar">(.*?)</div>', html, flags=re.S).group(1)
    assert 'class="result-count"' in bar
    button = re.search(r'<a class="filter-button" href="#filter">(.*?)</a>', bar)
    assert button, "no Filter link beside the count"
    assert button.group(1).startswith("Filter (3)")   # the visible text starts its accessible name
    assert "3 valda" in button.group(1)
    assert page.find("aside", id="filter")            # a plain link to an id: no JavaScript needed
    assert "<script" not in html.lower()
    # Even with no hits the filters (and the way back out of them) are there.
    html, page = get_ok(client, "/sok?q=xqzvwyyqq&municipality=Boden")
    assert "Filter (1)" in html and page.find("aside", id="filter")
    assert 'href="#traffar-rubrik"' in html and "traffar-rubrik" in page.ids


def test_stylesheet_compacts_header_and_notice_on_phones(client):
    css = client.get("/static/style.css").get_data(as_text=True)
    phone = re.search(r"@media \(max-width: 40rem\) \{(.*?)\n\}", css, flags=re.S)
    assert phone, "no small-screen rules"
    rules = phone.group(1)
    for selector in (".header-inner", ".site-name", ".source-notice", ".search-form", "h1"):
        assert re.search(rf"^\s*{re.escape(selector)}\s*\{{", rules, flags=re.M), selector
    assert ".filter-button" in css and ":focus-visible" in css


# --- the start page: each area's own newest documents --------------------------------------

def _start_cards(html: str) -> dict[str, list[str]]:
    cards = {}
    for area, body in re.findall(r'<h3 id="omrade-([^"]+)">(.*?)</section>', html, flags=re.S):
        cards[area] = re.findall(r'<a href="/dokument/([^"]+)">', body)
    return cards


def test_start_page_newest_differ_per_area(client):
    html, _ = get_ok(client, "/")
    cards = _start_cards(html)
    assert set(cards) == set(AREAS)
    assert all(len(ids) == 3 for ids in cards.values())
    # The corpus's newest documents address every area; still no two areas list the same.
    shown = [d for ids in cards.values() for d in ids]
    assert len(shown) == len(set(shown)), cards
    for area, ids in cards.items():
        dates = []
        for doc_id in ids:
            doc = client.get(f"/api/documents/{doc_id}").get_json()
            assert area in [a["id"] for a in doc["areas"]], (area, doc_id)
            dates.append(doc["date"])
        assert dates == sorted(dates, reverse=True)
    # Browsing an area lists that area's documents only (the filter was never the cause).
    for area in AREAS:
        data = client.get(f"/api/search?area={area}&limit=100").get_json()
        assert data["total"] and all(
            area in [a["id"] for a in client.get(f"/api/documents/{h['doc_id']}").get_json()["areas"]]
            for h in data["hits"])


# --- a bare "?" is the empty query ----------------------------------------------------------

@pytest.mark.parametrize("q", ["?", "  ?  ", "??", "…", "?!.", "-", '"', "§"])
def test_punctuation_only_query_is_the_empty_query(client, q):
    empty, _ = get_ok(client, "/sok?q=")
    html, page = get_ok(client, "/sok?" + "q=" + "".join(f"%{b:02X}" for b in q.encode()))
    assert page.h1 == ["Alla dokument"]
    count = re.compile(r"<strong>(\d+)</strong> dokument finns")
    assert count.search(html) and count.search(html).group(1) == count.search(empty).group(1)
    assert page.find("input", id="q")[0]["value"] == ""
    assert _hit_links(html) == _hit_links(empty)
    data = client.get("/api/search", query_string={"q": q}).get_json()
    assert data["query"] == ""
    assert [h["doc_id"] for h in data["hits"]] == [h["doc_id"] for h in client.get("/api/search").get_json()["hits"]]


def test_words_with_punctuation_still_search(client):
    data = client.get("/api/search", query_string={"q": "bostäder?"}).get_json()
    assert data["query"] == "bostäder?" and 0 < data["total"] < client.get("/api/search").get_json()["total"]


# --- the example-data notice inside a landmark, on every page ---------------------------------

LANDMARKS = {"main", "header", "footer", "nav", "aside"}


class _NoticeAncestry(HTMLParser):
    """The open elements around each example-data notice."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "col", "area", "base", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.notices: list[list[tuple[str, dict]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "source-notice" in (a.get("class") or "").split():
            self.notices.append(list(self.stack))
        if tag not in self.VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def _in_landmark(ancestors: list[tuple[str, dict]]) -> bool:
    return any(tag in LANDMARKS or (tag == "section" and (a.get("aria-label") or a.get("aria-labelledby")))
               or a.get("role") in {"main", "banner", "contentinfo", "region", "complementary", "navigation"}
               for tag, a in ancestors)


def test_notice_is_inside_a_landmark_on_every_page(client):
    doc_id = client.get("/api/search?limit=1").get_json()["hits"][0]["doc_id"]
    for url, status in (("/", 200), ("/sok", 200), ("/sok?q=bost%C3%A4der", 200), ("/sok?q=xqzvwyyqq", 200),
                        ("/sok?page=0", 400), ("/hjalp", 200), ("/fraga", 200),
                        ("/fraga?q=Vilka+prioriterade+omr%C3%A5den+finns%3F", 200),
                        (f"/dokument/{doc_id}", 200), ("/finns-inte", 404)):
        resp = client.get(url)
        assert resp.status_code == status, url
        html = resp.get_data(as_text=True)
        found = _NoticeAncestry(html).notices
        assert found, f"no notice on {url}"
        assert all(_in_landmark(anc) for anc in found), url
        # It comes first in main, so "Hoppa till innehållet" does not skip it.
        main = html[html.index('<main id="innehall"'):]
        assert main.index("source-notice") < main.index("<h1")
        assert len(Page(html).h1) == 1


def test_a_new_query_keeps_the_date_fields(client):
    # The search box's form carries the chosen dates, as it carries the other filters.
    html = client.get("/sok?q=bost%C3%A4der&from=2023-01-01&to=2024-12-31").get_data(as_text=True)
    form = html.split('class="search-form"', 1)[1].split("</form>", 1)[0]
    assert '<input type="hidden" name="from" value="2023-01-01">' in form
    assert '<input type="hidden" name="to" value="2024-12-31">' in form
