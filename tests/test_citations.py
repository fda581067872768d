"""Citations that hold (issue 12, point 7) and the answer page's other answers (point 4).

Links from hits and answers go to the § heading of the document page (#paragraf-N),
else to the page (#sida-N), and the document page carries those ids; the citation
to copy names the quoted sentence, the issuing organisation, type, date, page and §
and links on the configured public address (PUBLIC_URL), never on the request's
Host header; the answer page lists other possible answers and says when the
sources disagree. Answers are built here from real passages of the corpus index
and put in place of answer_question, so nothing depends on what the QA model answers.
"""
from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from indexer.store.base import PassageHit, SearchRequest
from search_app import create_app

EVIL = "evil.example"
PUBLIC = "https://handlingar.example.se/arkiv"


# --- helpers -------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _textarea(html: str) -> str:
    import html as html_mod

    m = re.search(r'<textarea id="kallhanvisning"[^>]*readonly[^>]*>(.*?)</textarea>', html, re.S)
    assert m, "no citation textarea"
    return html_mod.unescape(m.group(1))


def _doc_ids(store) -> list[str]:
    """Every document of the index, in a fixed order (browsing with no query lists them all)."""
    r = store.search(SearchRequest(limit=10_000))
    assert r.total == len(r.hits) > 0
    return sorted(h.doc_id for h in r.hits)


def _minutes_item(store) -> tuple[str, str]:
    """(doc_id, § number) of the first minutes document with § items whose issuer is known."""
    for doc_id in _doc_ids(store):
        doc = store.get_document(doc_id)
        if doc.doc_type == "protokoll" and doc.items and doc.organisation:
            return doc_id, str(doc.items[1 if len(doc.items) > 1 else 0].number)
    pytest.fail("no minutes with § items in the corpus index")


def _section_hit(store) -> PassageHit:
    doc_id, number = _minutes_item(store)
    hits = [h for h in store.section_passages(doc_id, number) if len(h.text.split()) >= 4]
    assert hits, (doc_id, number)
    return hits[0]


def _page_hit(store, organisation: str | None = "from-doc") -> PassageHit:
    """A passage of a press release (no §), as the store would return it."""
    for doc_id in _doc_ids(store):
        doc = store.get_document(doc_id)
        if doc.doc_type == "pressmeddelande" and doc.passages:
            p = next(p for p in doc.passages if len(p.text.split()) >= 6)
            return PassageHit(
                passage_id=p.passage_id, doc_id=doc.doc_id, title=doc.title, doc_type=doc.doc_type,
                municipalities=list(doc.municipalities), date=doc.date, page=p.page, section=None,
                section_title=None, source_path=doc.source_path, text=p.text, is_decision=False,
                score=1.0, coverage=1.0,
                organisation=doc.organisation if organisation == "from-doc" else organisation)
    pytest.fail("no press release in the corpus index")


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", " ".join(text.split()))
    return m.group(1) if m else " ".join(text.split())


def _answer(hit: PassageHit, alternatives=(), disagreement: bool = False, question: str = "Vad beslutades?"):
    from search_app.qa import Answer

    sentence = _first_sentence(hit.text)
    words = sentence.split()
    answer = " ".join(words[1:3])
    start = sentence.index(answer)
    return Answer(question=question, answer=answer, answer_type="other", confidence=0.87, sentence=sentence,
                  source=hit, passages=[hit], answer_start=start, answer_end=start + len(answer),
                  alternatives=list(alternatives), disagreement=disagreement)


def _alternative(hit: PassageHit, confidence: float = 0.62):
    from search_app.qa import AlternativeAnswer

    sentence = _first_sentence(hit.text)
    answer = sentence.split()[-1].rstrip(".!?")
    start = sentence.rindex(answer)
    return AlternativeAnswer(answer=answer, sentence=sentence, answer_start=start, answer_end=start + len(answer),
                             confidence=confidence, source=hit)


@pytest.fixture()
def fake_answer(monkeypatch):
    """Put an Answer in place of answer_question (both /fraga and /api/ask import it when called)."""
    import search_app.qa

    def install(answer):
        monkeypatch.setattr(search_app.qa, "answer_question", lambda store, question: answer)
        return answer
    return install


@pytest.fixture(scope="module")
def public_app(corpus_index):
    return create_app({"INDEX_DIR": str(corpus_index), "TESTING": True, "PUBLIC_URL": PUBLIC + "/"})


# --- § anchors -------------------------------------------------------------------------------

def test_item_anchor_is_a_valid_id():
    from search_app.docview import item_anchor

    assert item_anchor("52") == "paragraf-52"
    assert item_anchor("3a") == "paragraf-3a"
    assert item_anchor("12-14") == "paragraf-12-14"
    assert item_anchor("3 B") == "paragraf-3-b"
    for number in ("12–14", "§ 7", "3 a", "<x>"):
        assert re.fullmatch(r"paragraf-[0-9a-z-]+", item_anchor(number)), number


def test_item_anchors_are_unique_on_the_page():
    from markupsafe import escape

    from indexer.models import Document, MinutesItem, PageText
    from search_app.docview import build_pages

    # "3-a" and "3 a" (not the ingester's normalised form, but possible in a Store) share
    # one slug; the headings are not found in the text, so they are placed at page_start.
    pages = ["Första ärendet.", "Andra ärendet.", "§ 4 Tredje ärendet\nText."]
    items = [MinutesItem("3-a", "Första ärendet", None, None, 1, 1),
             MinutesItem("3 a", "Andra ärendet", None, None, 2, 2),
             MinutesItem("4", "Tredje ärendet", None, None, 3, 3)]
    doc = Document(doc_id="d", title="T", doc_type="protokoll", municipalities=["Luleå"], body=None,
                   date="2024-01-01", source_path="x.pdf", source_root="/nonexistent", sha256="0" * 64,
                   format="pdf", pages=[PageText(n, t) for n, t in enumerate(pages, 1)], items=items)
    anchors = [b.anchor for v in build_pages(doc, escape) for b in v.blocks if b.kind == "item"]
    assert anchors == ["paragraf-3-a", "paragraf-3-a-2", "paragraf-4"]


def test_api_hits_link_to_their_section_else_their_page(client):
    hits = client.get("/api/search", query_string={"q": "kommunstyrelsen", "limit": 50}).get_json()["hits"]
    with_section = [h for h in hits if h["section"]]
    assert with_section, "the query should find minutes"
    for h in hits:
        anchor = f"#paragraf-{h['section']}" if h["section"] else f"#sida-{h['page']}"
        assert h["url"].endswith(anchor), (h["url"], h["section"], h["page"])


def test_search_page_links_to_section_anchor(client):
    data = client.get("/api/search", query_string={"q": "kommunstyrelsen"}).get_json()
    hit = next(h for h in data["hits"] if h["section"])
    html = client.get("/sok", query_string={"q": "kommunstyrelsen"}).get_data(as_text=True)
    assert re.search(rf'href="/dokument/{re.escape(hit["doc_id"])}\?q=kommunstyrelsen#paragraf-{hit["section"]}"', html)


def test_document_page_carries_the_section_anchor_once(client):
    hits = client.get("/api/search", query_string={"q": "kommunstyrelsen", "limit": 50}).get_json()["hits"]
    checked = 0
    for h in hits:
        if not h["section"]:
            continue
        html = client.get(f"/dokument/{h['doc_id']}").get_data(as_text=True)
        ids = Counter(a["id"] for _t, a in _Tags(html).tags if "id" in a)
        assert ids[f"paragraf-{h['section']}"] == 1, (h["doc_id"], h["section"])
        assert all(n == 1 for n in ids.values()), [i for i, n in ids.items() if n > 1]
        # the id sits on the § heading, on the page where the item starts
        m = re.search(rf'<h3 class="item-heading" id="paragraf-{re.escape(h["section"])}">(.*?)</h3>', html, re.S)
        assert m and f"§ {h['section']}" in m.group(1)
        checked += 1
    assert checked


def test_answer_links_go_to_the_section(app, client, corpus_store, fake_answer):
    hit = _section_hit(corpus_store)
    fake_answer(_answer(hit))
    data = client.get("/api/ask", query_string={"q": "Vad beslutades?"}).get_json()
    assert data["source"]["url"].endswith(f"#paragraf-{hit.section}")
    assert all(p["url"].endswith(f"#paragraf-{hit.section}") for p in data["passages"])
    html = client.get("/fraga", query_string={"q": "Vad beslutades?"}).get_data(as_text=True)
    assert f'href="/dokument/{hit.doc_id}?q=Vad+beslutades?#paragraf-{hit.section}"' in html


def test_answer_without_section_links_to_the_page(client, corpus_store, fake_answer):
    hit = _page_hit(corpus_store)
    fake_answer(_answer(hit))
    data = client.get("/api/ask", query_string={"q": "Vad hände?"}).get_json()
    assert data["source"]["url"].endswith(f"#sida-{hit.page}")
    assert f"#sida-{hit.page}" in _textarea(client.get("/fraga", query_string={"q": "Vad hände?"}).get_data(as_text=True))


# --- the citation -----------------------------------------------------------------------------

def test_store_hits_know_their_organisation(client, corpus_store):
    hit = _section_hit(corpus_store)
    assert hit.organisation and hit.organisation == corpus_store.get_document(hit.doc_id).organisation
    for h in client.get("/api/search", query_string={"q": "bostäder"}).get_json()["hits"]:
        doc = client.get(f"/api/documents/{h['doc_id']}").get_json()
        assert h["organisation"] == doc["organisation"]


def test_citation_names_sentence_organisation_page_and_section(client, corpus_store, fake_answer):
    hit = _section_hit(corpus_store)
    ans = fake_answer(_answer(hit))
    html = client.get("/fraga", query_string={"q": "Vad beslutades?"}).get_data(as_text=True)
    text = _textarea(html)
    assert text.startswith(f"«{ans.sentence}» ")
    assert hit.title in text
    assert f", {hit.organisation}, " in text            # "Bodens kommun", not the municipality "Boden"
    assert "protokoll" in text
    assert f"sida {hit.page}" in text
    assert f"§ {hit.section} {hit.section_title}" in text
    assert text.endswith(f"http://127.0.0.1:8000/dokument/{hit.doc_id}#paragraf-{hit.section}")


def test_citation_prefers_the_organisation_to_the_municipalities(app, corpus_store):
    from search_app.ui import passage_citation

    hit = _page_hit(corpus_store, organisation="Luleå kommun")
    hit.municipalities = ["Luleå", "Boden"]
    with app.test_request_context("/fraga"):
        assert ", Luleå kommun, pressmeddelande, " in passage_citation(hit, "En mening.")
        assert "Luleå och Boden" not in passage_citation(hit, "En mening.")
        hit.organisation = None   # unknown issuer: the municipalities
        assert ", Luleå och Boden, " in passage_citation(hit, "En mening.")


def test_citation_does_not_repeat_what_the_title_says():
    from search_app.qa.web import without_repeats

    title = "Kommunstyrelsen, protokoll 2022-08-22, Bodens kommun"
    assert without_repeats(title, "Bodens kommun", "protokoll") == []
    assert without_repeats(title, "Luleå kommun", "kallelse och föredragningslista") == \
        ["Luleå kommun", "kallelse och föredragningslista"]
    assert without_repeats("Protokollsutdrag", "protokoll") == ["protokoll"]


def test_copy_button_is_an_enhancement_with_a_live_region(client, corpus_store, fake_answer):
    fake_answer(_answer(_section_hit(corpus_store)))
    resp = client.get("/fraga", query_string={"q": "Vad beslutades?"})
    html = resp.get_data(as_text=True)
    tags = _Tags(html).tags
    buttons = [a for t, a in tags if t == "button" and a.get("data-copy-from") == "kallhanvisning"]
    assert len(buttons) == 1 and buttons[0].get("type") == "button" and "hidden" in buttons[0]
    assert re.search(r'<button[^>]*data-copy-from="kallhanvisning"[^>]*>Kopiera<span class="visually-hidden">', html)
    status = [a for t, a in tags if a.get("id") == buttons[0]["data-copy-status"]]
    assert status and status[0].get("role") == "status" and status[0].get("aria-live") == "polite"
    scripts = [a for t, a in tags if t == "script"]
    assert scripts == [{"src": "/static/copy.js", "defer": None}]          # no inline script
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in resp.headers["Content-Security-Policy"]
    js = client.get("/static/copy.js")
    assert js.status_code == 200
    body = js.get_data(as_text=True)
    assert "navigator.clipboard" in body and "Källhänvisningen är kopierad" in body and "hidden = false" in body


def test_pages_without_a_citation_load_no_script(client, fake_answer):
    from search_app.qa import Answer

    fake_answer(Answer("Vem vann?", None, "person", 0.1, None, None, []))
    for url in ("/fraga?q=Vem+vann%3F", "/fraga", "/sok?q=bost%C3%A4der"):
        resp = client.get(url)
        assert "<script" not in resp.get_data(as_text=True)
        assert "script-src 'none'" in resp.headers["Content-Security-Policy"]


def test_document_page_citation(client, corpus_store):
    doc_id, _number = _minutes_item(corpus_store)
    doc = corpus_store.get_document(doc_id)
    resp = client.get(f"/dokument/{doc_id}")
    text = _textarea(resp.get_data(as_text=True))
    assert doc.title in text and f", {doc.organisation}, " in text
    assert text.endswith(f"http://127.0.0.1:8000/dokument/{doc_id}")
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]


# --- the public base URL -----------------------------------------------------------------------

def _all_urls(data) -> list[str]:
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            if k in ("url", "original_url") and isinstance(v, str):
                out.append(v)
            else:
                out.extend(_all_urls(v))
    elif isinstance(data, list):
        for v in data:
            out.extend(_all_urls(v))
    return out


def test_spoofed_host_never_reaches_api_json(public_app, corpus_store, fake_answer):
    client = public_app.test_client()
    hit = _section_hit(corpus_store)
    fake_answer(_answer(hit, alternatives=[_alternative(_page_hit(corpus_store))], disagreement=True))
    headers = {"Host": EVIL, "X-Forwarded-Host": EVIL}
    for url in ("/api/search?q=kommunstyrelsen", f"/api/documents/{hit.doc_id}", "/api/areas",
                "/api/ask?q=Vad+beslutades%3F"):
        resp = client.get(url, headers=headers)
        assert resp.status_code == 200, url
        assert EVIL not in resp.get_data(as_text=True), url
        urls = _all_urls(resp.get_json())
        assert urls, url
        assert all(u.startswith(PUBLIC + "/") and "/arkiv/arkiv/" not in u for u in urls), (url, urls)


def test_spoofed_host_never_reaches_the_citation(public_app, corpus_store, fake_answer):
    client = public_app.test_client()
    hit = _section_hit(corpus_store)
    fake_answer(_answer(hit))
    html = client.get("/fraga?q=Vad+beslutades%3F", headers={"Host": EVIL}).get_data(as_text=True)
    assert EVIL not in html
    assert _textarea(html).endswith(f" {PUBLIC}/dokument/{hit.doc_id}#paragraf-{hit.section}")
    html = client.get(f"/dokument/{hit.doc_id}", headers={"Host": EVIL}).get_data(as_text=True)
    assert EVIL not in html and _textarea(html).endswith(f" {PUBLIC}/dokument/{hit.doc_id}")


def test_default_public_url_is_the_serve_address_not_the_host_header(client):
    resp = client.get("/api/search?q=bost%C3%A4der", headers={"Host": EVIL})
    assert EVIL not in resp.get_data(as_text=True)
    assert all(u.startswith("http://127.0.0.1:8000/") for u in _all_urls(resp.get_json()))


def test_public_url_behind_a_path_prefix(public_app):
    """PUBLIC_URL holds the prefix; the prefix the server strips (SCRIPT_NAME) is not added twice."""
    data = public_app.test_client().get("/api/search?q=bost%C3%A4der",
                                        environ_overrides={"SCRIPT_NAME": "/arkiv"}).get_json()
    assert all(u.startswith(PUBLIC + "/dokument/") or u.startswith(PUBLIC + "/original/")
               for u in _all_urls(data["hits"]))


def test_public_url_from_the_environment_and_validated(corpus_index, monkeypatch):
    monkeypatch.setenv("SEARCH_PUBLIC_URL", "https://sok.kommun.example")
    app = create_app({"INDEX_DIR": str(corpus_index), "TESTING": True})
    data = app.test_client().get("/api/search?q=bost%C3%A4der", headers={"Host": EVIL}).get_json()
    assert all(u.startswith("https://sok.kommun.example/") for u in _all_urls(data))
    monkeypatch.setenv("SEARCH_PUBLIC_URL", "javascript:alert(1)")
    with pytest.raises(ValueError):
        create_app({"INDEX_DIR": str(corpus_index)})


def test_serve_sets_public_url(corpus_index, monkeypatch, capsys):
    from search_app import cli, server

    seen = {}
    monkeypatch.setattr(server, "run", lambda app, host, port, **kw: seen.setdefault("app", app))
    assert cli.main(["serve", "--index", str(corpus_index), "--port", "8123", "--url-prefix", "/h"]) == 0
    assert seen.pop("app").config["PUBLIC_URL"] == "http://127.0.0.1:8123/h"
    assert cli.main(["serve", "--index", str(corpus_index), "--public-url", "https://sok.example/h/"]) == 0
    assert seen.pop("app").config["PUBLIC_URL"] == "https://sok.example/h"
    with pytest.raises(SystemExit) as exc:
        cli.main(["serve", "--index", str(corpus_index), "--public-url", "sok.example"])
    assert exc.value.code == 2
    capsys.readouterr()
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--public-url" in out and "SEARCH_PUBLIC_URL" in out


# --- other possible answers and disagreeing sources ----------------------------------------------

def test_alternatives_and_disagreement_on_the_answer_page(client, corpus_store, fake_answer):
    main, other = _section_hit(corpus_store), _page_hit(corpus_store)
    alt = _alternative(other, confidence=0.734)
    fake_answer(_answer(main, alternatives=[alt], disagreement=True))
    html = client.get("/fraga", query_string={"q": "Vad beslutades?"}).get_data(as_text=True)
    notice = html.find("Källorna säger olika")
    assert notice != -1 and notice < html.find('<figure class="answer-quote">')
    assert 'href="#andra-svar-rubrik"' in html
    assert '<h2 id="andra-svar-rubrik">Andra möjliga svar</h2>' in html
    section = html[html.find('<section class="alternatives"'):]
    section = section[:section.find("</section>")]
    before, after = alt.sentence[:alt.answer_start], alt.sentence[alt.answer_end:]
    from markupsafe import escape
    assert f"{escape(before)}<mark>{escape(alt.answer)}</mark>{escape(after)}" in section
    assert f'href="/dokument/{other.doc_id}?q=Vad+beslutades?#sida-{other.page}"' in section
    assert str(escape(other.title)) in section and "Säkerhet: 73 %" in section
    assert other.organisation in section


def test_no_disagreement_notice_when_sources_agree(client, corpus_store, fake_answer):
    fake_answer(_answer(_section_hit(corpus_store), alternatives=[_alternative(_page_hit(corpus_store))]))
    html = client.get("/fraga", query_string={"q": "Vad beslutades?"}).get_data(as_text=True)
    assert "Källorna säger olika" not in html and "Andra möjliga svar" in html
    fake_answer(_answer(_section_hit(corpus_store)))
    html = client.get("/fraga", query_string={"q": "Vad beslutades?"}).get_data(as_text=True)
    assert "Andra möjliga svar" not in html


def test_alternatives_in_answer_json(client, corpus_store, fake_answer):
    main, other = _section_hit(corpus_store), _page_hit(corpus_store)
    alt = _alternative(other, confidence=0.61234)
    fake_answer(_answer(main, alternatives=[alt], disagreement=True))
    data = client.get("/api/ask", query_string={"q": "Vad beslutades?"}).get_json()
    assert data["disagreement"] is True
    assert [set(a) for a in data["alternatives"]] == [{"answer", "sentence", "confidence", "source"}]
    a = data["alternatives"][0]
    assert a["answer"] == alt.answer and a["sentence"] == alt.sentence and a["confidence"] == 0.6123
    assert a["source"]["doc_id"] == other.doc_id and a["source"]["url"].endswith(f"#sida-{other.page}")
    assert a["source"]["organisation"] == other.organisation
    fake_answer(_answer(main))
    data = client.get("/api/ask", query_string={"q": "Vad beslutades?"}).get_json()
    assert data["disagreement"] is False and data["alternatives"] == []
