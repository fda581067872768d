"""The material synthetic documents are made of, harvested from the example corpus.

Everything comes from the content modules that generate `corpus/`
(`corpus_tools/content/`): item titles, Dnr prefixes, the sentences of
descriptions, decisions, motions and press releases, headings, list items,
documents in a Beslutsunderlag, recipients.  The one real document of the corpus
(Luleå kommun's press release of 7 June 2022) is left out, and every person's
name is replaced by a placeholder so that generated text never puts words in a
real person's mouth; the generator fills placeholders with invented names.

Sentences are grouped by priority area (a small keyword map, independent of the
indexer's lexicon) so a generated paragraph stays on one subject.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS_TOOLS = REPO / "corpus_tools"

PERSON = "\x00P\x00"     # placeholder for an invented person's name
PLACE = "\x00O\x00"      # placeholder for a district or village of the same municipality

TOPICS = ("kompetensförsörjning", "leva och bo", "infrastruktur", "näringslivsutveckling", "allmänt")
_TOPIC_CUES = {
    "kompetensförsörjning": re.compile(
        r"kompetens|utbildning|yrkes|vux|skola|lärare|rekryter|arbetsmarknad|praktik|student|"
        r"medarbetare|arbetsgivare|undersköterskor|förskola", re.I),
    "leva och bo": re.compile(
        r"bostad|bostäder|detaljplan|planbesked|bygglov|hyresrätt|markanvisning|byggherr|kvarter|"
        r"stadsdel|boende|planering", re.I),
    "infrastruktur": re.compile(
        r"spår|järnväg|norrbotniabanan|buss|kollektivtrafik|stomlinje|elförsörjning|elnät|energi|"
        r"bredband|väg|transport|trafik|laddinfrastruktur", re.I),
    "näringslivsutveckling": re.compile(
        r"företag|näringsliv|etablering|leverantör|industri|stål|green steel|stegra|hybrit|"
        r"investering|landsbygd|besöksnäring", re.I),
}

# Districts and villages, per municipality, that the corpus already names or
# that exist in the two municipalities.
PLACES = {
    "Luleå": ["Kronan", "Bergnäset", "Skurholmen", "Porsön", "Hägern", "Svartöstaden", "Gammelstad",
              "Björkskatan", "Örnäset", "Lulsundet", "Kallax", "Råneå", "Antnäs", "Sunderbyn",
              "Notviken", "Malmudden", "Mjölkudden", "Hertsön", "Karlsvik", "Storheden"],
    "Boden": ["Sävast", "Svartbyn", "Harads", "Gunnarsbyn", "Heden", "Sörbyn", "Unbyn", "Buddbyn",
              "Torpgärdan", "Björn", "Fågelberget", "Erikslund", "Norra Svartbyn", "Skogså", "Gültzau",
              "Kusön", "Hedenbrovägen", "Vittjärv"],
}
_ALL_PLACES = sorted({p for ps in PLACES.values() for p in ps}, key=len, reverse=True)
_PLACE_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in _ALL_PLACES) + r")\b")

FIRST_NAMES = ["Anna", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Eva", "Ingrid", "Emma", "Malin",
               "Sofia", "Linnea", "Johanna", "Elin", "Ida", "Frida", "Helena", "Camilla", "Åsa", "Annika",
               "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Jan", "Hans",
               "Peter", "Olof", "Magnus", "Fredrik", "Jonas", "Mattias", "Henrik", "Tobias", "Oskar",
               "Viktor", "Gustav", "Ulf", "Göran", "Stefan", "Björn", "Kent", "Roger", "Tomas", "Linus"]
LAST_NAMES = ["Lundström", "Nilsson", "Lindberg", "Öhman", "Holmgren", "Sundqvist", "Bergström",
              "Johansson", "Lindqvist", "Forsberg", "Nyström", "Åström", "Wikström", "Marklund",
              "Lundgren", "Granlund", "Sjöberg", "Engström", "Lindgren", "Backman", "Nordin", "Hedman",
              "Strömberg", "Viklund", "Burman", "Sandström", "Lidström", "Häggström", "Ek", "Berglund",
              "Wallin", "Pettersson", "Eriksson", "Sjölund", "Nordlund", "Larsson", "Öhlund",
              "Sehlstedt", "Lundmark", "Rönnbäck", "Isaksson", "Renström", "Hietala", "Nikula",
              "Stenlund", "Fors", "Lindmark", "Vesterlund", "Karlsson", "Brännström"]
PARTIES = ["S", "S", "S", "M", "M", "V", "C", "L", "SD", "KD", "MP", "SJV"]
ROLES = ["planchef", "näringslivschef", "utvecklingsstrateg", "samordnare", "kommundirektör",
         "ekonomichef", "förvaltningschef", "nämndsekreterare", "trafikplanerare", "planarkitekt",
         "bygglovschef", "utbildningschef", "HR-strateg", "projektledare", "mark- och exploateringschef"]

_PERSON_LIST_RE = re.compile(r"^\s*([A-ZÅÄÖ][\w-]+)\s+([A-ZÅÄÖ][\w-]+)")
_NUM_RE = re.compile(r"(?<![\d/.:-])(?<!§ )(?<!§§ )(?<!–)(\d{1,3}(?: \d{3})+|\d+)(?:,(\d+))?(?![\d/:-]|\.\d|:e)"
                     r"(?! (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b)")
_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9–\"”])")


@dataclass
class Vocabulary:
    sentences: dict[str, list[str]] = field(default_factory=dict)   # topic -> sentences (descriptions, news)
    decisions: dict[str, list[str]] = field(default_factory=dict)   # topic -> decision sentences
    motions: list[str] = field(default_factory=list)               # Yrkanden sentences
    procedure: list[str] = field(default_factory=list)             # Beslutsgång sentences
    reservations: list[str] = field(default_factory=list)
    item_titles: dict[str, list[str]] = field(default_factory=dict)
    news_titles: dict[str, list[str]] = field(default_factory=dict)
    headings: dict[str, list[str]] = field(default_factory=dict)   # h2 / docx headings
    list_items: dict[str, list[str]] = field(default_factory=dict)
    underlag: list[str] = field(default_factory=list)              # Beslutsunderlag lines
    recipients: list[str] = field(default_factory=list)
    dnr_prefixes: dict[str, list[str]] = field(default_factory=dict)  # municipality -> "KS", "SBN", ""
    bodies: dict[str, list[str]] = field(default_factory=dict)       # municipality -> bodies

    def size(self) -> dict[str, int]:
        return {
            "sentences": sum(map(len, self.sentences.values())),
            "decisions": sum(map(len, self.decisions.values())),
            "item_titles": sum(map(len, self.item_titles.values())),
            "news_titles": sum(map(len, self.news_titles.values())),
            "headings": sum(map(len, self.headings.values())),
            "list_items": sum(map(len, self.list_items.values())),
            "underlag": len(self.underlag), "recipients": len(self.recipients),
        }


def topic_of(text: str) -> str:
    best, best_n = "allmänt", 0
    for topic, rx in _TOPIC_CUES.items():
        n = len(rx.findall(text))
        if n > best_n:
            best, best_n = topic, n
    return best


def _clean(text: str) -> str:
    return " ".join(text.replace("^", "").split())


def sentences_of(text: str) -> list[str]:
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        block = _clean(block)
        if not block:
            continue
        if block.startswith("• "):
            block = block[2:]
        out.extend(s for s in _SENT_RE.split(block) if len(s) >= 25)
    return out


def _add(pool: dict[str, list[str]], text: str, topic: str | None = None) -> None:
    pool.setdefault(topic or topic_of(text), []).append(text)


def _load_content() -> list[dict]:
    if str(CORPUS_TOOLS) not in sys.path:
        sys.path.insert(0, str(CORPUS_TOOLS))
    from content import all_documents  # type: ignore[import-not-found]
    return [d for d in all_documents() if not d.get("real")]


def _person_names(docs: list[dict]) -> set[str]:
    names = {"Carina Sammeli", "Claes Nordmark"}
    for d in docs:
        if d["kind"] != "minutes":
            continue
        for entry in d["beslutande"] + d["ovriga"] + [d["justerare"], d["sekreterare"], d["ordforande"]]:
            m = _PERSON_LIST_RE.match(entry)
            if m:
                names.add(f"{m.group(1)} {m.group(2)}")
    return names


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    docs = _load_content()
    names = _person_names(docs)
    first_names = {n.split()[0] for n in names} | set(FIRST_NAMES)
    # "Göran Nilsson (S)" and "Johanna Sjölund, näringslivschef" alike: a known
    # first name followed by a capitalised word is a person.
    person_re = re.compile(
        r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b(?: \([A-ZÅÄÖ]{1,3}\))?"
        r"|\b(?:" + "|".join(sorted(map(re.escape, first_names))) + r")(?:-[A-ZÅÄÖ][a-zåäö]+)? [A-ZÅÄÖ][a-zåäöé]+\b(?: \([A-ZÅÄÖ]{1,3}\))?")
    last_names = {n.split()[1] for n in names}
    lone_last_re = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, last_names))) + r")s?\b")

    def person(m: re.Match) -> str:
        found = m.group(0)
        bare = re.sub(r" \([A-ZÅÄÖ]{1,3}\)$", "", found)
        # "Karin Lindgrens tilläggsyrkande": keep the genitive.
        return PERSON + "s" if bare.endswith("s") and (bare[:-1] in names or bare[:-1] in last_names) else PERSON

    def anon(text: str) -> str:
        text = person_re.sub(person, _clean(text))
        text = lone_last_re.sub(person, text)
        return _PLACE_RE.sub(PLACE, text)

    v = Vocabulary()
    for d in docs:
        kind = d["kind"]
        muni = "Boden" if d.get("municipality_label", "").startswith("Boden") else "Luleå"
        if kind == "minutes":
            v.bodies.setdefault(muni, [])
            if d["body"] not in v.bodies[muni]:
                v.bodies[muni].append(d["body"])
            for it in d["items"]:
                title = anon(it["title"])
                _add(v.item_titles, title)
                prefix = re.match(r"Dnr\s+([A-ZÅÄÖ]+)?", it["dnr"])
                v.dnr_prefixes.setdefault(muni, [])
                p = (prefix.group(1) or "") if prefix else ""
                if p not in v.dnr_prefixes[muni]:
                    v.dnr_prefixes[muni].append(p)
                for heading, content in it["sections"]:
                    h = heading.lower()
                    if isinstance(content, list):
                        target = v.underlag if h == "beslutsunderlag" else v.recipients
                        for line in content:
                            line = anon(line)
                            if line and line not in target:
                                target.append(line)
                        continue
                    sents = [anon(s) for s in sentences_of(content)]
                    if h == "beslut":
                        topic = topic_of(it["title"] + " " + content)
                        for s in sents:
                            _add(v.decisions, s, topic)
                    elif h == "yrkanden":
                        v.motions.extend(sents)
                    elif h == "beslutsgång":
                        v.procedure.extend(sents)
                    elif h in ("reservation", "protokollsanteckning"):
                        v.reservations.extend(sents)
                    else:
                        topic = topic_of(it["title"] + " " + content)
                        for s in sents:
                            _add(v.sentences, s, topic)
        elif kind in ("html", "docx"):
            doc_topic = topic_of(d["title"] + " " + d.get("ingress", ""))
            _add(v.news_titles, anon(d["title"]), doc_topic)
            if d.get("ingress"):
                for s in sentences_of(d["ingress"]):
                    _add(v.sentences, anon(s), doc_topic)
            for block in d["blocks"]:
                k = block[0]
                if k == "p":
                    for s in sentences_of(block[1]):
                        _add(v.sentences, anon(s), topic_of(s) if topic_of(s) != "allmänt" else doc_topic)
                elif k in ("h1", "h2", "h3"):
                    _add(v.headings, anon(block[1]), doc_topic)
                elif k in ("ul", "bullets", "numbered"):
                    for x in block[1]:
                        _add(v.list_items, anon(x), doc_topic)
        elif kind == "agreement":
            for block in d["blocks"]:
                if block[0] == "text":
                    for s in sentences_of(block[1]):
                        _add(v.sentences, anon(s))
                elif block[0] == "h2":
                    _add(v.headings, anon(re.sub(r"^\d+\.\s*", "", block[1])))
        elif kind == "text":
            for s in sentences_of(d["text"]):
                if s.count(" ") >= 5 and not s.lstrip().startswith("#"):
                    _add(v.sentences, anon(s))
    # Short "sentences" from note lists and headings do not make paragraphs.
    for pool in (v.sentences, v.decisions):
        for topic in list(pool):
            pool[topic] = [s for s in dict.fromkeys(pool[topic]) if len(s) >= 40 and s.endswith((".", "!", "?", "”"))]
    for topic in TOPICS:
        for pool in (v.sentences, v.decisions, v.item_titles, v.news_titles, v.headings, v.list_items):
            pool.setdefault(topic, [])
    v.motions = list(dict.fromkeys(v.motions))
    v.procedure = list(dict.fromkeys(v.procedure))
    v.reservations = list(dict.fromkeys(v.reservations))
    return v


def vary_numbers(text: str, rng) -> str:
    """Numbers (not years, dates or Dnr) change by up to ±40%, keeping their form."""
    def sub(m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2)
        n = int(whole.replace(" ", ""))
        if 1900 <= n <= 2100 and " " not in whole and not frac:
            return m.group(0)   # a year
        if n < 3 and not frac:
            return m.group(0)
        k = max(1, round(n * rng.uniform(0.6, 1.4)))
        if n >= 100:
            k = max(1, round(k, -1 if n < 1000 else -2))
        s = f"{k:,}".replace(",", " ") if k >= 10000 or " " in whole else str(k)
        if frac:
            s += "," + str(rng.randint(0, 9))
        return s
    return _NUM_RE.sub(sub, text)
