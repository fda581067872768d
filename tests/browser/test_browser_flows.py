"""What a person does in the browser (issue 15 point 7): search, filter, open a document
and go back with the filters kept; from a decision to its case; ask a question and copy
the citation; the search page on a phone (390×844); the same path with the keyboard
only. axe-core checks each state reached on the way (0 WCAG 2.1 A/AA violations)."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

QUERY = "bostäder"
QUESTION = "Hur många nya jobb kan industrisatsningarna skapa?"
#: Answered from a § of a protocol: its citation names the page and the §.
SECTION_QUESTION = "När ställde sig kommunstyrelsens arbetsutskott i Luleå bakom förslaget till avsiktsförklaring?"


def result_total(page) -> int:
    return int(page.locator(".result-count strong").inner_text())


def hit_titles(page) -> list[str]:
    return page.locator(".hits .hit h3 a").all_inner_texts()


def query_args(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def filter_checkbox(page, legend: str, label_start: str):
    """The checkbox of a facet value in the filter form: its fieldset's legend, its label's start."""
    group = page.locator("#filter fieldset", has=page.locator("legend", has_text=re.compile(f"^{legend}$")))
    label = group.locator("label", has_text=re.compile("^" + re.escape(label_start))).first
    return group.locator(f"#{label.get_attribute('for')}")


def focus_info(page) -> dict:
    """The focused element and whether its focus is visible (a :focus-visible outline of 2px or more)."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', cls: el.className || '',
                text: (el.innerText || el.value || '').trim().slice(0, 300),
                // a date field's calendar button is inside the field (its shadow tree): :focus-within there
                focusVisible: el.matches(':focus-visible') || (!el.matches(':focus') && el.matches(':focus-within')),
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                outlineStyle: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor,
                onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight};
    }""")


def tab_until(page, predicate, what: str, limit: int = 40) -> dict:
    """Press Tab until predicate(focus_info) holds; every element passed on the way must show its focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focus_info(page)
        seen.append(f"{info['tag']}#{info['id']}.{info['cls']} {info['text'][:50]!r}")
        if info["tag"] != "body":
            assert info["focusVisible"] and info["outline"], f"focus not visible on {seen[-1]}: {info['outlineStyle']}"
            assert info["onScreen"], f"focused element not scrolled into view: {seen[-1]}"
        if predicate(info):
            return info
    raise AssertionError(f"{what} not reached in {limit} Tab presses; focus went: " + " → ".join(seen))


# --- search → filter → document → back ---------------------------------------------------

def test_search_filter_document_and_back_keeps_filters(pages, axe):
    page = pages.new()
    page.goto("/")
    axe(page, "start page")
    page.fill("#q", QUERY)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/sok\?"))
    assert query_args(page)["q"] == [QUERY]
    total = result_total(page)
    assert total > 3 and hit_titles(page)
    axe(page, "search page with hits")

    # Filter: Kommun = Luleå, sent with the filter form's button.
    box = filter_checkbox(page, "Kommun", "Luleå")
    box.check()
    page.locator("#filter button[type=submit]").click()
    page.wait_for_url(re.compile(r"municipality=Lule"))
    assert query_args(page)["municipality"] == ["Luleå"] and query_args(page)["q"] == [QUERY]
    filtered_total = result_total(page)
    assert 0 < filtered_total < total
    assert page.locator(".active-filters li", has_text="Kommun: Luleå").count() == 1
    assert page.locator(".filter-button").inner_text().startswith("Filter (1)")
    metas = page.locator(".hits .hit .meta").all_inner_texts()
    assert metas and all("Luleå" in m for m in metas), metas
    assert filter_checkbox(page, "Kommun", "Luleå").is_checked()
    filtered_titles = hit_titles(page)
    axe(page, "search page with a filter")

    # The first hit's document: its title, the search words marked, and a way back.
    page.locator(".hits .hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/dokument/"))
    assert page.locator("h1").inner_text() == filtered_titles[0]
    assert page.locator(".doc-text mark").count() > 0
    axe(page, "document page")

    back = page.get_by_role("link", name=re.compile("^Tillbaka till sökresultatet"))
    back.click()
    page.wait_for_url(re.compile(r"/sok\?"))
    assert query_args(page)["municipality"] == ["Luleå"] and query_args(page)["q"] == [QUERY]
    assert result_total(page) == filtered_total
    assert hit_titles(page) == filtered_titles
    assert filter_checkbox(page, "Kommun", "Luleå").is_checked()
    assert page.locator(".active-filters li", has_text="Kommun: Luleå").count() == 1

    # The browser's own Back button from the document page keeps them too.
    page.locator(".hits .hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/dokument/"))
    page.go_back()
    page.wait_for_url(re.compile(r"/sok\?"))
    assert query_args(page)["municipality"] == ["Luleå"]
    assert hit_titles(page) == filtered_titles


# --- a decision → its case -------------------------------------------------------------

def test_decision_links_to_its_case(pages, axe):
    page = pages.new()
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Beslut").click()
    page.wait_for_url(re.compile(r"/beslut$"))
    assert result_total(page) > 0
    axe(page, "decisions page")

    record = page.locator(".hits .hit", has=page.locator("a", has_text="Följ ärendet")).first
    title = record.locator("h3 a").inner_text()          # "§ 12 Title"
    where = record.locator(".where").inner_text()        # "Dnr KS 2022/318 · Följ ärendet …"
    dnr = re.match(r"Dnr (.+?) ·", where).group(1)
    record.locator("a", has_text="Följ ärendet").click()
    page.wait_for_url(re.compile(r"/arende/[^/]+/.+"))
    assert page.locator("h1").inner_text().startswith("Ärende ")
    steps = page.locator(".hits .hit h3 a").all_inner_texts()
    assert title in steps, (title, steps)
    assert any(dnr in w for w in page.locator(".hits .hit .where").all_inner_texts())
    axe(page, "case page")


def _case_with_people(page) -> str:
    """The case page of a decision in which someone moved, reserved or voted."""
    for d in page.request.get("/api/decisions", params={"limit": "100"}).json()["decisions"]:
        if d.get("case") and d.get("people"):
            return urlsplit(d["case"]["url"]).path
    pytest.fail("no decision with a case and named people in the corpus")


def test_a_case_links_to_a_person_who_acted_in_it(pages, axe):
    page = pages.new()
    page.goto(_case_with_people(page))
    person = page.locator(".persons a").first
    name = person.inner_text()
    case_url = page.url
    person.click()
    page.wait_for_url(re.compile(r"/person/.+"))
    assert name in page.locator("h1").inner_text()
    # the person page lists what the minutes say the person did, each linked to its § and its case
    assert page.locator("a[href*='/dokument/']").count() > 0
    assert page.locator(f"a[href='{urlsplit(case_url).path}']").count() > 0 or \
        page.locator("a[href*='/arende/']").count() > 0
    axe(page, "person page")


def _person_link(page) -> str:
    page.goto(_case_with_people(page))
    return page.locator(".persons a").first.get_attribute("href")


# --- ask → copy the citation ------------------------------------------------------------

def test_ask_and_copy_the_citation(pages, axe):
    page = pages.new(permissions=["clipboard-read", "clipboard-write"])
    page.goto("/")
    page.fill("#fraga", SECTION_QUESTION)
    page.press("#fraga", "Enter")
    page.wait_for_url(re.compile(r"/fraga\?"))
    assert page.locator("#svar-rubrik").inner_text() == "Svar"
    quote = page.locator(".answer-quote blockquote").inner_text().strip()
    source_title = page.locator(".answer-source a").evaluate("a => a.firstChild.textContent.trim()")
    source_meta = page.locator(".answer-quote .meta").inner_text()    # "… · Sida 2 · § 45 Title"
    assert quote and page.locator(".answer-quote mark").count() == 1

    field = page.locator("textarea#kallhanvisning")
    citation = field.input_value()
    assert field.get_attribute("readonly") is not None
    # The citation quotes the answer sentence and names the document, its page (and § when it has one).
    assert citation.startswith("«") and source_title in citation
    page_no = re.search(r"Sida (\d+)", source_meta).group(1)
    assert f"sida {page_no}" in citation, citation
    section = re.search(r"§ \d+", source_meta)
    assert section and section.group(0) in citation, (source_meta, citation)
    assert " ".join(quote.split()) in citation

    # "Kopiera" is hidden without JavaScript; copy.js shows it (under the page's real CSP).
    button = page.get_by_role("button", name="Kopiera källhänvisningen")
    assert button.is_visible()
    button.click()
    status = page.locator("#kallhanvisning-status")
    page.wait_for_function("() => document.getElementById('kallhanvisning-status').textContent.length > 0")
    assert status.inner_text() == "Källhänvisningen är kopierad."
    assert status.get_attribute("role") == "status"
    assert page.evaluate("() => navigator.clipboard.readText()") == citation
    axe(page, "ask page with an answer, after copying")

    # The source link opens the document at that §, on screen.
    page.locator(".answer-source a").click()
    page.wait_for_url(re.compile(r"/dokument/.*#paragraf-\d+$"))
    anchor = urlsplit(page.url).fragment
    assert page.locator(f"[id='{anchor}']").inner_text().startswith(section.group(0))
    assert page.locator(f"[id='{anchor}']").is_visible()
    assert page.evaluate(f"() => {{ const r = document.getElementById('{anchor}').getBoundingClientRect();"
                         " return r.top >= 0 && r.top < innerHeight; }")


# --- a phone: 390×844 -------------------------------------------------------------------

def test_phone_first_hit_and_filter_button_on_first_screen(pages, axe):
    page = pages.new(phone=True)
    page.goto(f"/sok?q={QUERY}")
    assert page.viewport_size == {"width": 390, "height": 844}
    height = 844
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, "page scrolls sideways"

    count = page.locator(".result-count").bounding_box()
    button = page.locator(".filter-button")
    box = button.bounding_box()
    assert button.is_visible() and box["y"] >= 0 and box["y"] + box["height"] <= height, box
    # Beside the result count: on the same row, to its right.
    assert box["y"] < count["y"] + count["height"] and count["y"] < box["y"] + box["height"], (count, box)
    assert box["x"] >= count["x"] + count["width"], (count, box)
    # The count's words fit in its box (nothing squeezed over the neighbouring text).
    assert page.evaluate("() => { const e = document.querySelector('.result-count');"
                         " return e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1; }")
    # The first hit's title is on the first screen, without scrolling.
    first = page.locator(".hits .hit h3 a").first.bounding_box()
    assert first["y"] >= 0 and first["y"] + first["height"] <= height, f"first hit at {first}, screen {height}px"
    axe(page, "search page on a phone")

    # "Filter (0)" opens the filters: they come into view, and one can be chosen.
    button.tap()
    page.wait_for_url(re.compile(r"#filter$"))
    heading = page.locator("#filter-rubrik").bounding_box()
    assert 0 <= heading["y"] < height, heading
    assert page.locator("#filter").get_by_role("link", name="Till träffarna").is_visible()
    box = filter_checkbox(page, "Prioriterat område", "Leva och bo")
    box.tap()
    assert box.is_checked()
    page.locator("#filter button[type=submit]").tap()
    page.wait_for_url(re.compile(r"area=leva-och-bo"))
    assert page.locator(".filter-button").inner_text().startswith("Filter (1)")
    box = page.locator(".filter-button").bounding_box()
    assert box["y"] + box["height"] <= height, box


def test_phone_decisions_filter_button_opens_the_filters(pages, axe):
    page = pages.new(phone=True)
    page.goto("/beslut")
    button = page.locator(".filter-button")
    box = button.bounding_box()
    assert button.is_visible() and box["y"] + box["height"] <= 844, box
    axe(page, "decisions page on a phone")
    button.tap()
    page.wait_for_url(re.compile(r"#filter$"))
    assert 0 <= page.locator("#filter-rubrik").bounding_box()["y"] < 844


# --- the keyboard only ------------------------------------------------------------------

def test_keyboard_only_search_and_filter(pages, axe):
    page = pages.new()
    page.goto("/")

    # The first Tab reaches "Hoppa till innehållet", shown on screen when focused.
    page.keyboard.press("Tab")
    info = focus_info(page)
    assert info["text"] == "Hoppa till innehållet" and info["onScreen"] and info["focusVisible"], info
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "innehall"

    # Tab to the search box, type, Enter.
    tab_until(page, lambda i: i["id"] == "q", "the search box")
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sok\?q="))
    total = result_total(page)
    titles = hit_titles(page)
    assert total > 3

    # Tab to "Filter (0)" beside the count; Enter moves on to the filters.
    tab_until(page, lambda i: "filter-button" in i["cls"], "the Filter (0) button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#filter$"))
    tab_until(page, lambda i: i["type"] == "checkbox", "a filter checkbox", limit=3)
    label = page.evaluate("() => document.querySelector(`label[for='${document.activeElement.id}']`).innerText")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), "Space did not check the filter"
    assert focus_info(page)["focusVisible"]

    # On to the form's "Filtrera" button and Enter: the list updates.
    tab_until(page, lambda i: i["tag"] == "button" and i["text"] == "Filtrera", "the Filtrera button", limit=60)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sok\?.*area="))
    chosen, count = re.match(r"(.+?) \((\d+)", label).groups()   # "Kompetensförsörjning (11 dokument)"
    assert page.locator(".active-filters li", has_text=chosen).count() == 1
    assert result_total(page) == int(count) and (int(count) < total or hit_titles(page) != titles)
    axe(page, "search page filtered with the keyboard")

    # A hit opens with Enter, and the back link with Enter returns to the filtered list.
    filtered = hit_titles(page)
    tab_until(page, lambda i: i["tag"] == "a" and i["text"] == filtered[0], "the first hit", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dokument/"))
    tab_until(page, lambda i: i["text"].startswith("Tillbaka till sökresultatet"), "the back link", limit=15)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sok\?.*area="))
    assert hit_titles(page) == filtered


# --- axe-core on every page type ---------------------------------------------------------

def _first_document(page) -> str:
    hit = page.request.get("/api/search", params={"q": QUERY, "limit": "1"}).json()["hits"][0]
    return f"/dokument/{hit['doc_id']}"


def _word_document_with_a_table(page) -> str:
    """A Word document's page: its tables and headings (docview) are checked too."""
    for hit in page.request.get("/api/search", params={"q": "lägesrapport samverkan", "limit": "20"}).json()["hits"]:
        if hit["source_path"].endswith(".docx"):
            return f"/dokument/{hit['doc_id']}"
    pytest.fail("no Word document in the corpus for 'lägesrapport samverkan'")


def _first_case(page) -> str:
    for d in page.request.get("/api/decisions", params={"limit": "50"}).json()["decisions"]:
        if d.get("case"):
            return urlsplit(d["case"]["url"]).path
    pytest.fail("no decision with a case in the corpus")


PAGE_TYPES = {
    "start": "/",
    "all documents": "/sok",
    "search with hits": f"/sok?q={QUERY}",
    "search with filters": f"/sok?q={QUERY}&area=leva-och-bo&municipality=Luleå&sort=date",
    "search without hits": "/sok?q=xyzzyqq",
    "search error": "/sok?q=bost%C3%A4der&from=inte-ett-datum",
    "document": _first_document,
    "document from a search": lambda page: _first_document(page) + f"?q={QUERY}&municipality=Luleå",
    "Word document with a table": _word_document_with_a_table,
    "ask (empty)": "/fraga",
    "ask with an answer": f"/fraga?q={QUESTION}",
    "ask without an answer": "/fraga?q=Vem vann fotbolls-VM 2018?",
    "decisions": "/beslut",
    "decisions with filters": "/beslut?q=bygglov&municipality=Boden",
    "case": _first_case,
    "person": _person_link,
    "help": "/hjalp",
    "error 404": "/finns-inte",
    "case 404": "/arende/Boden/XX-0000-1",
}
EXPECTED_STATUS = {"search error": 400, "error 404": 404, "case 404": 404}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_axe_every_page_type(pages, axe, viewport):
    page = pages.new(phone=viewport == "phone")
    for name, where in PAGE_TYPES.items():
        url = where(page) if callable(where) else where
        response = page.goto(url)
        assert response.status == EXPECTED_STATUS.get(name, 200), (name, url, response.status)
        assert page.locator("h1").count() == 1, f"{name}: one h1"
        axe(page, f"{name} [{viewport}]")
