"""Synthetic council documents, one per (seed, number), rendered to file bytes.

Document ``i`` of seed ``s`` depends only on ``(s, i)`` (its own random
generator), so a corpus of 10,000 documents starts with the same 1,000 files as
a corpus of 1,000, and ``--first`` can add more later.

Kinds and what they look like (the layouts the ingester reads in `corpus/`):

* ``pdf``  minutes (protokoll), rendered with corpus_tools' reportlab layout:
  page 1 with participants and the § list, then items ``§ N Dnr …`` with
  Ärendebeskrivning/Sammanfattning av ärendet, Beslutsunderlag, Yrkanden,
  Beslutsgång, Beslut, Reservation and Beslutet skickas till.
* ``text`` minutes exported as plain text (same parts, page markers every
  few items), or Markdown notes from a working group.
* ``html`` news pages of the two municipalities' templates (corpus_tools'
  renderer): short press releases, and long follow-up reports published as
  web pages.
* ``docx`` tjänsteskrivelser (python-docx via corpus_tools' renderer).
"""
from __future__ import annotations

import datetime as dt
import random
import re
import sys

from .vocab import CORPUS_TOOLS, FIRST_NAMES, LAST_NAMES, PARTIES, PERSON, PLACE, PLACES, ROLES, TOPICS, vary_numbers, vocabulary

KINDS = ("pdf", "docx", "html", "text")
#: Share of each kind in a default corpus: mostly HTML and text, so a build of
#: 10,000 documents takes minutes; PDF extraction is measured on its own sample.
DEFAULT_MIX = {"pdf": 0.03, "docx": 0.05, "html": 0.55, "text": 0.37}
START = dt.date(2019, 1, 1)
END = dt.date(2026, 10, 31)
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]
WEEKDAYS = ["måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen"]


def _renderers():
    if str(CORPUS_TOOLS) not in sys.path:
        sys.path.insert(0, str(CORPUS_TOOLS))
    from render_docx import render_docx  # type: ignore[import-not-found]
    from render_html import render_press_release  # type: ignore[import-not-found]
    from render_pdf import render_minutes  # type: ignore[import-not-found]
    return render_minutes, render_press_release, render_docx


def doc_rng(seed: int, number: int) -> random.Random:
    # str seeds hash with SHA-512: the same on every machine and every run.
    return random.Random(f"council-synthetic:{seed}:{number}")


def choose_kind(rng: random.Random, mix: dict[str, float]) -> str:
    x = rng.random() * sum(mix.values())
    for kind in KINDS:
        x -= mix.get(kind, 0.0)
        if x < 0:
            return kind
    return next(k for k in reversed(KINDS) if mix.get(k))


class Writer:
    """Text of one document: fills placeholders with invented names and the
    document's own districts, and varies numbers."""

    def __init__(self, rng: random.Random, municipality: str):
        self.rng = rng
        self.municipality = municipality
        self.v = vocabulary()
        self.people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(8)]
        self.parties = [rng.choice(PARTIES) for _ in self.people]
        self.places = rng.sample(PLACES[municipality], 4)
        self.topic = rng.choice(TOPICS[:4]) if rng.random() < 0.9 else "allmänt"
        self.year = 0

    def person(self, party: bool = False) -> str:
        k = self.rng.randrange(len(self.people))
        return f"{self.people[k]} ({self.parties[k]})" if party else self.people[k]

    def fill(self, text: str, party: bool = False) -> str:
        text = vary_numbers(text, self.rng)
        while PERSON in text:
            text = text.replace(PERSON, self.person(party), 1)
        while PLACE in text:
            text = text.replace(PLACE, self.rng.choice(self.places), 1)
        return text

    def pick_topic(self) -> str:
        return self.topic if self.rng.random() < 0.75 else self.rng.choice(TOPICS)

    def sentences(self, pool: dict[str, list[str]], n: int, topic: str | None = None) -> list[str]:
        topic = topic or self.pick_topic()
        cands = pool.get(topic) or pool["allmänt"]
        return [self.fill(self.rng.choice(cands)) for _ in range(n)]

    def paragraph(self, lo: int = 2, hi: int = 5, topic: str | None = None) -> str:
        return " ".join(self.sentences(self.v.sentences, self.rng.randint(lo, hi), topic))

    def decision(self) -> str:
        return " ".join(self.sentences(self.v.decisions, self.rng.randint(1, 3)))

    def title(self, pool: dict[str, list[str]], topic: str | None = None) -> str:
        topic = topic or self.topic
        cands = pool.get(topic) or pool["allmänt"]
        return self.fill(self.rng.choice(cands)).rstrip(".")

    def heading(self) -> str:
        return self.title(self.v.headings, self.pick_topic())

    def list_items(self, n: int) -> list[str]:
        return [self.title(self.v.list_items, self.pick_topic()) + "." for _ in range(n)]

    def date(self) -> str:
        day = START + dt.timedelta(days=self.rng.randrange((END - START).days))
        self.year = day.year
        return day.isoformat()


def _muni(rng: random.Random) -> str:
    return "Luleå" if rng.random() < 0.55 else "Boden"


def _dnr(w: Writer, year: int) -> str:
    prefix = w.rng.choice(w.v.dnr_prefixes.get(w.municipality) or [""])
    if w.municipality == "Luleå" and not prefix:
        return f"Dnr {year}/{w.rng.randint(10, 1999)}-{w.rng.randint(1, 9)}.{w.rng.randint(1, 9)}.{w.rng.randint(1, 9)}"
    return f"Dnr {prefix} {year}/{w.rng.randint(1, 1999):04d}".replace("  ", " ")


def _items(w: Writer, first_nr: int, n: int, year: int) -> list[dict]:
    rng, v = w.rng, w.v
    items = []
    luleå = w.municipality == "Luleå"
    for k in range(n):
        topic = w.pick_topic()
        sections: list[tuple[str, object]] = []
        desc = "\n\n".join(w.paragraph(2, 5, topic) for _ in range(rng.randint(2, 4)))
        sections.append(("Ärendebeskrivning" if luleå else "Sammanfattning av ärendet", desc))
        sections.append(("Beslutsunderlag", [w.fill(x) for x in rng.sample(v.underlag, rng.randint(1, 4))]))
        if rng.random() < 0.35:
            sections.append(("Yrkanden", "\n\n".join(w.fill(x, party=True) for x in rng.sample(v.motions, rng.randint(1, 2)))))
            sections.append(("Beslutsgång", w.fill(rng.choice(v.procedure), party=True)))
        sections.append(("Beslut", "\n\n".join(w.decision() for _ in range(rng.randint(1, 3)))))
        if rng.random() < 0.15:
            sections.append(("Reservation", w.fill(rng.choice(v.reservations), party=True)))
        sections.append(("Beslutet skickas till", rng.sample(v.recipients, rng.randint(1, 3))))
        title = w.title(v.item_titles, topic)
        items.append(dict(nr=first_nr + k, dnr=_dnr(w, year), title=title, short=title, sections=sections))
    return items


def _participants(w: Writer, body: str) -> dict:
    rng = w.rng
    beslutande = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} ({rng.choice(PARTIES)})"
                  for _ in range(rng.randint(7, 13))]
    beslutande[0] += ", ordförande"
    ovriga = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, {rng.choice(ROLES)}"
              for _ in range(rng.randint(2, 5))]
    return dict(beslutande=beslutande, ovriga=ovriga, ordforande=beslutande[0].split(",")[0],
                justerare=beslutande[rng.randint(1, len(beslutande) - 1)],
                sekreterare=ovriga[-1].split(",")[0])


def _place_time(w: Writer, date: str) -> str:
    d = dt.date.fromisoformat(date)
    room = w.rng.choice(["Rådhussalen", "sammanträdesrum Lule älv", "sammanträdesrum Kronan",
                         "Sessionssalen", "sammanträdesrum Bodön"])
    return (f"Stadshuset, {room}, {WEEKDAYS[d.weekday()]} den {d.day} {MONTHS[d.month - 1]} {d.year} "
            f"kl. {w.rng.randint(8, 13):02d}.{w.rng.choice(['00', '15', '30'])}–{w.rng.randint(14, 16)}.{w.rng.choice(['00', '20', '45'])}")


def minutes_dict(w: Writer, number: int) -> dict:
    """A minutes document in the shape corpus_tools' render_minutes takes."""
    rng = w.rng
    if str(CORPUS_TOOLS) not in sys.path:
        sys.path.insert(0, str(CORPUS_TOOLS))
    from content._common import minutes  # type: ignore[import-not-found]
    date = w.date()
    body = rng.choice(w.v.bodies[w.municipality])
    first_nr = rng.randint(1, 250)
    items = _items(w, first_nr, rng.randint(4, 9), w.year)
    p = _participants(w, body)
    muni = "Luleå kommun" if w.municipality == "Luleå" else "Bodens kommun"
    slug = "lulea" if w.municipality == "Luleå" else "boden"
    return minutes(
        municipality=muni, file=f"pdf/{slug}-protokoll-{date}-{number:05d}.pdf", body=body, date=date,
        items=items, place_time=_place_time(w, date), what=f"Syntetiskt protokoll {body} {date}",
        keywords=f"protokoll, {body.lower()}, {w.municipality}, syntetiska testdata", **p)


def minutes_text(w: Writer, number: int) -> tuple[str, str]:
    """The same parts as a plain-text export, with page markers every few items."""
    m = minutes_dict(w, number)
    rng = w.rng
    lines: list[str] = []
    if rng.random() < 0.5:
        lines += ["---", "typ: protokoll", f"kommun: {w.municipality}", f"datum: {m['date']}",
                  f"organ: {m['body']}", "---", ""]
    lines += [m["header_left"], m["header_centre"], m["body"], f"Sammanträdesdatum {m['date']}", "",
              f"Plats och tid: {m['place_time']}", "", "Beslutande:"] + m["beslutande"] + \
             ["", "Övriga deltagande:"] + m["ovriga"] + \
             ["", f"Utses att justera: {m['justerare']}", f"Justeringens plats och tid: {m['justering']}",
              f"Paragrafer: §§ {m['items'][0]['nr']}–{m['items'][-1]['nr']}", ""]
    page = 1
    for k, it in enumerate(m["items"]):
        if k % 3 == 0:
            page += 1
            lines += [f"<!-- sida {page} -->", ""]
        lines += [f"§ {it['nr']} {it['dnr']}", it["title"], ""]
        for heading, content in it["sections"]:
            lines.append(heading)
            if isinstance(content, list):
                lines += content
            else:
                lines.append(content.strip())
            lines.append("")
    name = m["file"].replace("pdf/", "text/").replace(".pdf", ".txt")
    return name, "\n".join(lines) + "\n"


def notes_markdown(w: Writer, number: int) -> tuple[str, str]:
    rng = w.rng
    date = w.date()
    group = rng.choice(["Styrgruppen för samverkan Luleå–Boden", "Tjänstepersonsgruppen Luleå–Boden",
                        "Arbetsgruppen för kompetensförsörjning", "Arbetsgruppen för bostadsförsörjning",
                        "Infrastrukturgruppen Luleå–Boden", "Näringslivsrådet"])
    out = ["---", f"titel: Minnesanteckningar, {group.lower()} {date}", "typ: annat",
           f"kommun: Luleå, Boden", f"datum: {date}", "---", "",
           f"# Minnesanteckningar – {group}", "", f"Datum: {date}", "",
           "Närvarande: " + ", ".join(w.person() for _ in range(rng.randint(3, 7))) + ".", ""]
    for k in range(rng.randint(6, 16)):
        out += [f"## {k + 1}. {w.heading()}", ""]
        for _ in range(rng.randint(1, 4)):
            out += [w.paragraph(2, 4), ""]
        if rng.random() < 0.3:
            out += [f"- {x}" for x in w.list_items(rng.randint(2, 4))] + [""]
        if rng.random() < 0.4:
            out += ["Beslut: " + w.decision(), ""]
    slug = "lulea" if w.municipality == "Luleå" else "boden"
    return f"text/{slug}-minnesanteckningar-{date}-{number:05d}.md", "\n".join(out) + "\n"


def news_dict(w: Writer, number: int) -> dict:
    """A press release (short) or a follow-up report published as a web page (long)."""
    rng = w.rng
    date = w.date()
    long_page = rng.random() < 0.55
    topic = w.topic
    title = w.title(w.v.news_titles if rng.random() < 0.5 else w.v.item_titles, topic)
    if long_page:
        title = f"{rng.choice(['Uppföljning', 'Lägesrapport', 'Redovisning', 'Årsrapport'])} {w.year}: {title[:1].lower()}{title[1:]}"
    blocks: list[tuple] = []
    n_sections = rng.randint(6, 14) if long_page else rng.randint(1, 3)
    for s in range(n_sections):
        if s or long_page:
            blocks.append(("h2", w.heading()))
        for _ in range(rng.randint(3, 7) if long_page else rng.randint(3, 6)):
            blocks.append(("p", w.paragraph(2, 5)))
        if rng.random() < 0.3:
            blocks.append(("ul", w.list_items(rng.randint(2, 5))))
    contact = w.person()
    blocks.append(("contact", "Kontakt", [f"{contact}, {rng.choice(ROLES)}",
                                          "Telefon: 0920-45 30 00" if w.municipality == "Luleå" else "Telefon: 0921-620 00"]))
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower().translate(str.maketrans("åäöé", "aaoe")))[:60].strip("-")
    muni_slug = "lulea" if w.municipality == "Luleå" else "boden"
    d = dict(kind="html", template=muni_slug, file=f"html/{muni_slug}-{date}-{number:05d}.html", date=date,
             title=title, ingress=w.paragraph(1, 2, topic), blocks=blocks,
             dates=[("Publicerad", date, "long" if w.municipality == "Luleå" else "iso")],
             credits=[f"Text: {w.person()}"], slug=f"{date}-{slug}", what="syntetisk nyhet",
             page_id=f"{rng.getrandbits(64):016x}", updated=None)
    return d


def docx_dict(w: Writer, number: int) -> dict:
    rng = w.rng
    date = w.date()
    muni = "Luleå kommun" if w.municipality == "Luleå" else "Bodens kommun"
    title = w.title(w.v.item_titles)
    blocks: list[tuple] = [
        ("meta", [("Datum", date), ("Diarienummer", _dnr(w, w.year)),
                  ("Handläggare", f"{w.person()}, {rng.choice(ROLES)}"),
                  ("Mottagare", rng.choice(w.v.bodies[w.municipality]))]),
        ("title", title),
        ("h1", "Förslag till beslut"), ("p", w.decision()),
        ("h1", "Sammanfattning"), ("p", w.paragraph(3, 5)),
    ]
    for _ in range(rng.randint(3, 8)):
        blocks.append(("h1", w.heading()))
        for _ in range(rng.randint(2, 5)):
            blocks.append(("p", w.paragraph(2, 5)))
        if rng.random() < 0.3:
            blocks.append(("bullets", w.list_items(rng.randint(2, 4))))
    blocks += [("h1", "Beslutsunderlag"), ("bullets", [w.fill(x) for x in rng.sample(w.v.underlag, 2)]),
               ("lines", [w.person(), rng.choice(ROLES).capitalize()])]
    slug = "lulea" if w.municipality == "Luleå" else "boden"
    return dict(kind="docx", file=f"docx/{slug}-tjansteskrivelse-{date}-{number:05d}.docx", date=date,
                title=f"Tjänsteskrivelse: {title}", author=muni, subject="Syntetiska testdata",
                keywords="tjänsteskrivelse, syntetiska testdata", category="Tjänsteskrivelse",
                header_left=muni.upper(), header_centre="Tjänsteskrivelse", header_right=date, blocks=blocks)


def make_document(seed: int, number: int, mix: dict[str, float]) -> tuple[str, str, bytes]:
    """(kind, relative path, bytes) of synthetic document `number` of `seed`."""
    rng = doc_rng(seed, number)
    kind = choose_kind(rng, mix)
    w = Writer(rng, _muni(rng))
    render_minutes, render_press_release, render_docx = _renderers()
    if kind == "pdf":
        d = minutes_dict(w, number)
        return kind, d["file"], render_minutes(d)
    if kind == "docx":
        d = docx_dict(w, number)
        return kind, d["file"], render_docx(d)
    if kind == "html":
        d = news_dict(w, number)
        return kind, d["file"], render_press_release(d).encode("utf-8")
    name, text = minutes_text(w, number) if rng.random() < 0.75 else notes_markdown(w, number)
    return kind, name, text.encode("utf-8")
