"""Persons and parties as minutes write them, defined once.

The rules that find a person's name in council text: a capitalised name of two or
three words is a person only beside a party in parentheses ("Carina Sammeli (S)"),
a role word ("ordförande Claes Nordmark (S)", "Anders Lidström, kommundirektör")
or a verb of appointment ("Till ordförande utses Ingemar Svanström"). A
capitalised name alone is not enough: too many places and organs are capitalised.
The rules are spaCy ``Matcher`` patterns over ``spacy.blank("sv")`` tokens; no
trained model is used.

The parties are the data file ``indexer/data/parties.toml`` (staff may edit it):
each party's abbreviation as stored and shown, its name, the other ways minutes
write the abbreviation ("(c)", "(Kd)") and how they name the party as a group.

Used by question answering (search_app/qa/entities.py ``find_persons``) and by the
indexer's recogniser of who did what in minutes (indexer/structure/people.py).

    mentions(text)          -> Mention records: the name, its party, where they stand
    party_abbreviation("c") -> "C";  party_label("C") -> "Centerpartiet (C)"
    display_name(" Carina  Sammeli ") -> "Carina Sammeli";  name_key(name) for lookups
"""
from __future__ import annotations

import functools
import re
import threading
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Party", "load_parties", "PARTIES", "party_abbreviation", "party_label", "party_of_group", "party_named",
    "APPOINTED", "ROLE_WORDS", "ROLE_RX", "ROLE_TOKEN", "NAME_WORD", "NAME_INITIAL", "not_name",
    "Mention", "mentions", "display_name", "name_key", "NameConfigError",
]

PARTIES_FILE = Path(__file__).resolve().parent / "data" / "parties.toml"


class NameConfigError(ValueError):
    """The parties file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Party:
    abbreviation: str                 # as stored and shown: "KD"
    name: str | None                  # "Kristdemokraterna"
    forms: tuple[str, ...]            # every written form, the abbreviation first: ("KD", "Kd", "kd")
    group_names: tuple[str, ...]      # "Kristdemokraterna" (reserving as a group)


@functools.lru_cache(maxsize=4)
def load_parties(path: Path = PARTIES_FILE) -> tuple[Party, ...]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NameConfigError(f"{path}: {exc}") from exc
    out: list[Party] = []
    seen: dict[str, str] = {}
    for n, entry in enumerate(data.get("parti") or [], 1):
        abbr = entry.get("forkortning") if isinstance(entry, dict) else None
        if not isinstance(abbr, str) or not re.fullmatch(r"[^\W\d_]{1,6}", abbr):
            raise NameConfigError(f"{path}: parti nr {n} saknar en förkortning av bokstäver (forkortning = \"S\")")
        forms = (abbr, *entry.get("skrivsatt", []))
        for form in forms:
            if form in seen:
                raise NameConfigError(f"{path}: {form!r} står både under {seen[form]} och {abbr}")
            seen[form] = abbr
        out.append(Party(abbr, entry.get("namn"), tuple(forms), tuple(entry.get("gruppnamn", []))))
    if not out:
        raise NameConfigError(f"{path}: inga partier; varje parti börjar med en rad [[parti]]")
    return tuple(out)


def _forms() -> dict[str, Party]:
    return {form: p for p in load_parties() for form in p.forms}


#: Every way minutes write a party in parentheses ("S", "s", "Kd" …), from the parties file.
PARTIES: tuple[str, ...] = tuple(_forms())


def party_abbreviation(written: str) -> str | None:
    """The party's abbreviation as stored ("C") for a form minutes write ("c"), or None."""
    party = _forms().get(written.strip())
    return party.abbreviation if party else None


def party_named(value: str) -> str | None:
    """The party a person types: its abbreviation in any case ("kd", "KD"), a
    written form, or its name or group name ("Moderaterna"); None when unknown."""
    value = " ".join(value.split())
    found = party_abbreviation(value) or party_of_group(value)
    if found is None:
        by_case = {p.abbreviation.casefold(): p.abbreviation for p in load_parties()}
        by_case |= {p.name.casefold(): p.abbreviation for p in load_parties() if p.name}
        found = by_case.get(value.casefold())
    return found


def party_label(abbreviation: str) -> str:
    """"Centerpartiet (C)"; the abbreviation alone for a party without a name in the file."""
    party = next((p for p in load_parties() if p.abbreviation == abbreviation), None)
    return f"{party.name} ({abbreviation})" if party and party.name else abbreviation


@functools.lru_cache(maxsize=1)
def _group_names() -> dict[str, str]:
    return {g.casefold(): p.abbreviation for p in load_parties() for g in p.group_names}


def party_of_group(words: str) -> str | None:
    """The party a group name stands for ("Moderaterna" -> "M"), or None."""
    return _group_names().get(" ".join(words.split()).casefold())


# --- roles and words that are no names ------------------------------------------------

#: Verbs of appointment: the name after "Till ordförande utses …" is a person.
APPOINTED = ("utses", "utsågs", "väljs", "valdes", "utnämns", "utnämndes", "förordnas", "förordnades",
             "anställs", "anställdes", "nomineras", "nominerades", "entledigas", "entledigades")
ROLE_WORDS = (
    "ordförande", "ordföranden", "vice ordförande", "kommunalråd", "kommunalrådet", "oppositionsråd",
    "oppositionsrådet", "kommundirektör", "kommundirektören", "förvaltningschef", "förvaltningschefen",
    "direktör", "direktören", "chef", "chefen", "sekreterare", "sekreteraren", "ledamot", "ledamoten",
    "ersättare", "ersättaren", "handläggare", "samordnare", "strateg", "utredare", "projektledare",
    "ekonom", "jurist", "rektor", "verksamhetschef", "enhetschef", "avdelningschef", "justerare",
)
ROLE_RX = (r"(?:\w*(?:ordförande|ordföranden|råd|rådet|direktör|direktören|chef|chefen|sekreterare|sekreteraren"
           r"|ledamot|ledamoten|ledamöterna|ersättare|ersättaren|handläggare|samordnare|strateg|strategen|utredare"
           r"|projektledare|ekonom|jurist|rektor|justerare|talesperson|ansvarig|minister|ministern|statsråd|statsrådet"
           r"|landshövding|landshövdingen|riksdagsledamot|riksdagsledamoten|vd|pressekreterare|ombudsman"
           r"|sammankallande|författare|författaren|undertecknare|föredragande|handläggare|tjänsteman"
           r"|protokollförare|kanslist))")
ROLE_TOKEN = re.compile(rf"^{ROLE_RX}$", re.I)

_UPPER = "A-ZÅÄÖÉÜÆØÁÀÍÓÚÇČŠŽ"
_LOWER = "a-zåäöéüëæøáàâíóúçćčšžñ"
#: One word of a person's name: "Carina", "Per-Olof", "Lundqvist-Eklund", "Kühne".
NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
#: An initial inside a name: the "W." of "Martin W. Johansson".
NAME_INITIAL = rf"[{_UPPER}]\."
_NAME_TOKEN = re.compile(rf"^{NAME_WORD}$")

#: Capitalised words that are not part of a person's name: words of minutes that
#: head a line or a sentence, and the adverbs a sentence starts with before a name
#: ("Därefter Carina Sammeli (S) …"). Municipality names ("Luleå", "Bodens") are
#: not listed: ``not_name`` asks the organisations catalogue.
_NOT_NAME_WORDS = frozenset("""
Kommunstyrelsen Kommunstyrelsens Kommunfullmäktige Stadshuset Norrbotten
Västerbotten Sverige Beslut Beslutet Beslutande Ordförande Justerande Sekreterare Ärendet Ärendebeskrivning
Förslag Yrkanden Yrkande Reservation Reservationer Protokoll Paragrafer Underskrifter Organ Plats Datum
Det Den De Vi Han Hon Samverkan Avsiktsförklaringen Region Regionen Trafikverket Länstrafiken Kulturens Hus
Svartbyn Sävast Övriga Utses Närvarande Ersättare Ledamöter Ledamot Ledamoten Kommundirektör Jäv Bilaga
Omröstning Beslutsgång Propositionsordning Ja Nej Avstår Avstod Tjänstgörande Ordinarie Ej Protokollförare
Därefter Dessutom Även Också Sedan Då När Enligt Vidare Slutligen Här Där Mot Till För Med Av Om Att Och
Samt Efter Under Vid Ordföranden Justering Justeringens Sammanträde Sammanträdet Tid Sida Nämnden
""".split())


@functools.lru_cache(maxsize=4096)
def _is_municipality_name(word: str) -> bool:
    """A municipality's bare name, or its genitive ("Luleå", "Bodens"), that is not also
    an ordinary word or surname (those are marked ambiguous in the organisations file)."""
    from .organisations import by_municipality, municipality_named

    name = municipality_named(word)
    if name is None:
        return False
    org = by_municipality(name)
    return org is not None and not org.ambiguous


def not_name(word: str) -> bool:
    """A capitalised word that is no part of a person's name."""
    return word in _NOT_NAME_WORDS or _is_municipality_name(word)


# --- the matcher ------------------------------------------------------------------------

_lock = threading.Lock()
_matcher = None
_nlp = None


def _get_matcher():
    global _matcher, _nlp
    if _matcher is None:
        with _lock:
            if _matcher is None:
                import spacy
                from spacy.matcher import Matcher

                nlp = spacy.blank("sv")
                matcher = Matcher(nlp.vocab)
                # IS_ALPHA would be False for "Anna-Karin": the regex alone decides.
                name = {"IS_TITLE": True, "TEXT": {"REGEX": _NAME_TOKEN.pattern}, "OP": "{2,3}"}
                party = [{"ORTH": "("}, {"ORTH": {"IN": list(PARTIES)}}, {"ORTH": ")"}]
                role = {"LOWER": {"REGEX": ROLE_TOKEN.pattern}}
                matcher.add("NAME_PARTY", [[name, *party]])
                matcher.add("ROLE_NAME", [[role, name, *party], [role, name]])
                matcher.add("APPOINTED_NAME", [[{"LOWER": {"IN": list(APPOINTED)}}, name]])
                matcher.add("NAME_ROLE", [
                    [name, {"ORTH": ","}, {"LOWER": {"REGEX": r"^(?:\d:[ae]|vice|\w+s)$"}, "OP": "*"}, role],
                ])
                _nlp, _matcher = nlp, matcher
    return _nlp, _matcher


@dataclass(frozen=True)
class Mention:
    """A person named in a text. ``start``/``end`` span what the rule matched (the
    role word before the name included, the appointing verb not); ``name_start``/
    ``name_end`` the name alone."""

    start: int
    end: int
    name: str                # as written, spaces normalised: "Carina Sammeli"
    name_start: int
    name_end: int
    party: str | None        # the party's abbreviation as stored ("C" for "(c)"), when written
    rule: str                # NAME_PARTY, ROLE_NAME, APPOINTED_NAME, NAME_ROLE


def mentions(text: str) -> list[Mention]:
    """The persons named in ``text`` by the rules above, in text order; where two
    matches overlap, the longer one."""
    if not text:
        return []
    nlp, matcher = _get_matcher()
    doc = nlp.make_doc(text)
    found: list[Mention] = []
    for match_id, s, e in matcher(doc):
        span = doc[s:e]
        rule = nlp.vocab.strings[match_id]
        words = [t for t in span if _NAME_TOKEN.match(t.text) and not ROLE_TOKEN.match(t.text)
                 and t.text not in PARTIES]
        if len(words) < 2 or any(not_name(t.text) for t in words):
            continue
        if any(not_name(t.text) for t in span if t.text[:1].isupper() and not ROLE_TOKEN.match(t.text)):
            continue
        party_tok = next((t for t in span if t.text in PARTIES and t.i > 0 and doc[t.i - 1].text == "("), None)
        start = span[1].idx if rule == "APPOINTED_NAME" else span.start_char
        name_start, name_end = words[0].idx, words[-1].idx + len(words[-1].text)
        found.append(Mention(start, span.end_char, display_name(text[name_start:name_end]), name_start, name_end,
                             party_abbreviation(party_tok.text) if party_tok is not None else None, rule))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in found:
        if not any(m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def display_name(name: str) -> str:
    """A name as shown and stored: NFC, single spaces ("Carina  Sammeli" -> "Carina Sammeli")."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def name_key(name: str) -> str:
    """What two spellings of one name share: case and spacing aside ("carina sammeli")."""
    return display_name(name).casefold()
