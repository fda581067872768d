"""Who was at a meeting and who did what in its § items, as the minutes write it.

Two readers, both rules over the text (the name rules are indexer/names.py's):

- ``read_attendance(lines)``: the lists on the first page(s) of minutes, before
  the first item: "Beslutande Carina Sammeli (S), ordförande", one name per line
  after it; "Övriga deltagande Anders Lidström, kommundirektör"; "Utses att
  justera Patrik Köhler och Nedzad Talovic"; the signature captions
  ("Ordförande" / "Carina Sammeli (S)"); lists with boxes ("[X] Lindvall Mikael,
  ordförande", an empty box is someone absent) and party first ("(C) Ewa Engdahl").
  Each person gets the roles the list and the words after the name say: the
  list's kind (member for Beslutande, substitute for Ersättare, present for
  Övriga deltagande, adjuster for Utses att justera …) and chair, vice chair,
  secretary, adjuster or substitute when the words after the name are that role.
  A list written surname first ("Lindvall Mikael") is turned round only when the
  document itself writes at least two of its names the other way round
  ("Mikael Lindvall" under a signature). Names under "Frånvarande" are skipped.
- ``read_item(lines)``: one § item's motions ("Carina Sammeli (S) yrkar bifall
  till …", "Anna Berg (M): Bifall till förslaget." under Yrkanden), reservations
  ("Henrik Åberg (M) och Roger Pettersson (M) reserverar sig mot beslutet …",
  "Mot beslutet reserverar sig …", "Moderaterna reserverar sig …", a name alone
  under the heading Reservation), votes ("Omröstning … med 7 ja-röster mot 4
  nej-röster, 2 avstår", ballots per person where they are listed as "Ja:
  names" or "name (P) Nej") and conflicts of interest (jäv).

Nothing is inferred beyond the words: a person is who the text names beside the
act, with the party written there; a reference by surname in the genitive
("till förmån för Henrik Åbergs yrkande") names no act of that person; a vote's
counts are kept only when both ja and nej are given, and its ballots only when
they agree with the counts. Precision goes before recall: what the rules cannot
place is left out.

``document_people(lines, spans)`` reads a whole minutes document; structure()
stores the result on the Document (``attendance``) and its items (``people``)
as JSON (``to_json``/``from_json`` of the records here).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from ..analysis.swedish import sentences
from ..names import (NAME_INITIAL, NAME_WORD, PARTIES, ROLE_RX, display_name, mentions, not_name, party_abbreviation,
                     party_of_group)
from ..vocabulary import DOT_LEADER_RE, is_section_heading, normalise_item_number

__all__ = [
    "Person", "Role", "Motion", "Reservation", "Ballot", "Vote", "Recusal", "ItemPeople",
    "ROLE_KINDS", "ROLE_LABELS", "read_attendance", "read_item", "document_people", "roles_for_item",
    "role_json", "role_from_json", "item_fields", "document_fields", "title_kinds",
]

#: The roles at a meeting: chair, vice chair, secretary, adjuster (justerare),
#: member (a deciding member: Beslutande), substitute (ersättare), present (anyone
#: else listed as present: officials, non-deciding members).
ROLE_KINDS = ("chair", "vice_chair", "secretary", "adjuster", "member", "substitute", "present")
ROLE_LABELS = {"chair": "ordförande", "vice_chair": "vice ordförande", "secretary": "sekreterare",
               "adjuster": "justerare", "member": "beslutande", "substitute": "ersättare", "present": "närvarande"}


@dataclass(frozen=True)
class Person:
    name: str                  # as written, spaces normalised: "Carina Sammeli"
    party: str | None = None   # the party's abbreviation (indexer/data/parties.toml), when written beside the name


@dataclass(frozen=True)
class Role:
    person: Person
    kind: str                  # one of ROLE_KINDS
    label: str                 # the list's caption as written: "Beslutande", "Övriga deltagande"
    title: str | None = None   # the words after the name: "1:e vice ordförande", "kommundirektör"
    sections: tuple[str, ...] = ()  # the § items the presence is limited to, when written ("§ 201")
    absent: tuple[str, ...] = ()    # the § items the person took no part in, when written ("deltar ej § 137")


@dataclass(frozen=True)
class Motion:
    persons: tuple[Person, ...]
    text: str                  # from the verb: "yrkar bifall till arbetsutskottets förslag."


@dataclass(frozen=True)
class Reservation:
    persons: tuple[Person, ...]
    parties: tuple[str, ...]   # parties reserving as a group ("Moderaterna reserverar sig")
    against: str               # as written: "mot beslutet till förmån för Henrik Åbergs yrkande"


@dataclass(frozen=True)
class Ballot:
    person: Person
    vote: str                  # "ja", "nej" or "avstår"


@dataclass(frozen=True)
class Vote:
    yes: int
    no: int
    abstained: int | None
    text: str                  # the sentence(s) with the counts, as written
    yes_means: str | None = None   # "för arbetsutskottets förslag", from the proposition order
    no_means: str | None = None
    ballots: tuple[Ballot, ...] = ()


@dataclass(frozen=True)
class Recusal:
    person: Person
    text: str                  # the sentence: "Thure Sandén (M) deltar inte … på grund av jäv."


def _person(d: dict) -> Person:
    return Person(d["name"], d.get("party"))


@dataclass
class ItemPeople:
    """What one § item records of persons."""

    motions: list[Motion] = field(default_factory=list)
    reservations: list[Reservation] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    recusals: list[Recusal] = field(default_factory=list)
    #: justerare appointed in the item ("Till protokolljusterare utsågs …"): roles of the meeting
    adjusters: list[Person] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.motions or self.reservations or self.votes or self.recusals or self.adjusters)

    def persons(self) -> list[Person]:
        """Everyone the item names in an act, in order, each name once (its first party)."""
        found: list[Person] = []
        for m in self.motions:
            found += m.persons
        for r in self.reservations:
            found += r.persons
        for v in self.votes:
            found += [b.person for b in v.ballots]
        found += [r.person for r in self.recusals]
        out: dict[str, Person] = {}
        for p in found:
            out.setdefault(p.name, p)
        return list(out.values())

    def parties(self) -> list[str]:
        """The parties the item names in an act: of its persons and of groups reserving."""
        found = [p.party for p in self.persons() if p.party]
        found += [party for r in self.reservations for party in r.parties]
        return list(dict.fromkeys(found))

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v}

    @classmethod
    def from_json(cls, data: dict | None) -> "ItemPeople":
        data = data or {}
        return cls(
            motions=[Motion(tuple(map(_person, m["persons"])), m["text"]) for m in data.get("motions", [])],
            reservations=[Reservation(tuple(map(_person, r["persons"])), tuple(r.get("parties", ())), r["against"])
                          for r in data.get("reservations", [])],
            votes=[Vote(v["yes"], v["no"], v.get("abstained"), v["text"], v.get("yes_means"), v.get("no_means"),
                        tuple(Ballot(_person(b["person"]), b["vote"]) for b in v.get("ballots", [])))
                   for v in data.get("votes", [])],
            recusals=[Recusal(_person(r["person"]), r["text"]) for r in data.get("recusals", [])],
            adjusters=[_person(p) for p in data.get("adjusters", [])],
        )


def role_json(role: Role) -> dict[str, Any]:
    return {k: v for k, v in asdict(role).items() if v not in (None, ())}


def role_from_json(d: dict) -> Role:
    return Role(_person(d["person"]), d["kind"], d.get("label", ""), d.get("title"), tuple(d.get("sections", ())),
                tuple(d.get("absent", ())))


def roles_for_item(attendance: Iterable[Role], number: str) -> list[Role]:
    """The meeting's roles that hold for § ``number``: all but those limited to other items."""
    return [r for r in attendance if (not r.sections or number in r.sections) and number not in r.absent]


# --- words -----------------------------------------------------------------------------

_PARTY_ALT = "|".join(sorted(map(re.escape, PARTIES), key=len, reverse=True))
#: Lower-case words inside a name ("Kerstin af Jochnick"), and initials ("Martin W. Johansson").
_PARTICLES = "af|von|van|de|der|den|du|da|di|la|le|zu"
_NAME = rf"{NAME_WORD}(?:\s+(?:(?:{_PARTICLES})\s+)?(?:{NAME_WORD}|{NAME_INITIAL})){{1,3}}"
_SEP = re.compile(r"^(?:\s|,|och|samt|&)*$")
#: Words that may stand before a name in a subject: "Ledamoten Eva Viklund (L)".
_SUBJECT_ROLE = re.compile(rf"^\s*(?:(?:tjänstgörande|1:e|2:e|vice)\s+)*{ROLE_RX}\s*$", re.I)

# List captions of the attendance part; the kind of each, None for a list of the absent.
_LABELS: list[tuple[str, str | None]] = [
    (r"beslutande\s+ledamöter|beslutande|närvarande\s+ledamöter|ordinarie\s+ledamöter|ledamöter", "member"),
    (r"tjänstgörande\s+ersättare", "member"),
    (r"ej\s+tjänstgörande\s+ersättare|icke\s+tjänstgörande\s+ersättare|närvarande\s+ersättare"
     r"|övriga\s+ersättare|ersättare", "substitute"),
    (r"ej\s+beslutande|icke\s+beslutande", "present"),
    (r"övriga\s+(?:deltagande|närvarande|deltagare)|närvarande\s+tjänstemän|tjänstemän|tjänstepersoner|övriga"
     r"|närvarande|deltagande|närvarande\s+övriga|personalföreträdare", "present"),
    (r"utses\s+att\s+justera|utsedda?\s+att\s+justera|protokolljusterare|justerare|justerande", "adjuster"),
    (r"sekreterare|protokollförare|mötessekreterare", "secretary"),
    (r"ordförande", "chair"),
    (r"frånvarande(?:\s+ledamöter|\s+ersättare)?|anmält\s+förhinder|förhinder|ej\s+närvarande", None),
]
_LABEL_RE = re.compile(
    r"^(?:underskrifter\s*:?\s*)?(?P<label>" + "|".join(f"(?:{rx})" for rx, _ in _LABELS) + r")(?![\wåäö])\s*:?\s*(?P<rest>.*)$",
    re.I)
_LABEL_KINDS = [(re.compile(rf"^(?:{rx})$", re.I), kind) for rx, kind in _LABELS]
#: A line of column headings in an attendance table ("ordinarie ersättare", "Namn Parti").
_HEADER_WORDS = frozenset("ordinarie ersättare ledamot ledamöter namn parti funktion närvarande frånvarande "
                          "tjänstgörande roll ja nej avstår x ersätter för tjänstepersoner tjänstemän övriga "
                          "personalföreträdare".split())
#: Words before a § list that make it the items someone took no part in ("deltar ej §§ 137, 163-164").
_NOT_PRESENT = re.compile(r"(?<![\wåäö])(?:ej|inte|utom|frånvarande|jäv)(?![\wåäö])", re.I)
_BOX = r"\[\s*(?P<box>[xX✓✔×]?)\s*\]|☒|☑|☐"
_ENTRY_RE = re.compile(
    rf"^(?:(?P<boxes>{_BOX})\s*)?"
    rf"(?:\((?P<party0>{_PARTY_ALT})\)\s+)?"
    rf"(?:(?P<title0>{ROLE_RX})\s+)?"
    rf"(?P<name>{_NAME})"
    rf"(?:\s*\((?P<party>{_PARTY_ALT})\))?"
    r"(?P<rest>(?:\s*[,(§].*)?)$")
_SECTIONS_RE = re.compile(r"§§?\s*(?P<n>\d{1,4}\s?[a-h]?(?:\s*(?:[-–]|,|och)\s*\d{1,4}\s?[a-h]?(?![\wåäö]))*)")
_PAREN_RE = re.compile(r"\([^)]*\)")


def _headings(text: str) -> bool:
    """A line of column headings of an attendance table ("ordinarie ersättare")."""
    return set(text.casefold().replace(",", " ").split()) <= _HEADER_WORDS


def _label_kind(label: str) -> str | None:
    label = " ".join(label.split())
    return next(kind for rx, kind in _LABEL_KINDS if rx.match(label))


def _sections(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the § numbers a presence is limited to, those the person took no part in):
    "§ 201", "§§ 42 och 43", "§§ 1-5"; "deltar ej §§ 137, 163-164"."""
    present: list[str] = []
    absent: list[str] = []
    end = 0
    for m in _SECTIONS_RE.finditer(text):
        numbers: list[str] = []
        for part in re.split(r"\s*(?:,|och)\s*", m.group("n")):
            bounds = [normalise_item_number(b) for b in re.split(r"\s*[-–]\s*", part) if b.strip()]
            if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit() and \
                    0 <= int(bounds[1]) - int(bounds[0]) <= 200:
                numbers += [str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1)]
            else:
                numbers += bounds
        (absent if _NOT_PRESENT.search(text[end:m.start()]) else present).extend(numbers)
        end = m.end()
    return tuple(dict.fromkeys(present)), tuple(dict.fromkeys(absent))


def title_kinds(title: str) -> list[str]:
    """Roles the words after a name say, when a piece of them is exactly a role
    ("ordförande", "1:e vice ordförande", "protokollförare", "tjänstgörande
    ersättare för …"); a job title ("kommunsekreterare", "ordförande i
    socialnämnden") is no role of the meeting."""
    kinds: list[str] = []
    for piece in title.split(","):
        words = " ".join(_PAREN_RE.sub(" ", _SECTIONS_RE.sub(" ", piece)).split()).casefold()
        if re.fullmatch(r"(?:tjänstgörande\s+)?(?:(?:1:e|2:e|förste|andre)\s+)?(?:vice\s*ordförande|vice\s+ordf\.?)", words):
            kinds.append("vice_chair")
        elif re.fullmatch(r"(?:tjänstgörande\s+)?(?:ordförande|ordf\.?)", words):
            kinds.append("chair")
        elif re.fullmatch(r"sekreterare|protokollförare|mötessekreterare", words):
            kinds.append("secretary")
        elif re.fullmatch(r"(?:protokoll)?justerare|justerande", words):
            kinds.append("adjuster")
        elif re.fullmatch(r"(?:tjänstgörande\s+)?ersättare(?:\s+för\s+.*)?", words):
            kinds.append("substitute")
    return kinds


# --- attendance --------------------------------------------------------------------------

@dataclass
class _Entry:
    name: str
    party: str | None
    kind: str
    label: str
    title0: str | None     # a title before the name ("Ekonomichef Anders Svensson")
    rest: str              # what follows the name, continuation lines included

    @property
    def title(self) -> str | None:
        rest = re.sub(r"\s+,", ",", " ".join(_SECTIONS_RE.sub("", self.rest).split()))
        return self.title0 or rest.strip(" ,") or None

    def role(self, kind: str) -> Role:
        sections, absent = _sections(self.rest)
        return Role(Person(self.name, self.party), kind, self.label, self.title, sections, absent)


def _entries(text: str, kind: str, label: str) -> list[_Entry] | None:
    """The persons of one line of a list ("Carina Sammeli (S), ordförande", "Patrik
    Köhler och Nedzad Talovic"), or None when the line is no list line."""
    text = DOT_LEADER_RE.sub(" ", text).strip(" .…_")
    # A signature caption's line goes on with the §§ signed for: "Sekreterare Anna Berg Paragrafer 1-12".
    text = re.sub(r"\s*\bParagrafer\b.*$", "", text)
    if not text:
        return []
    out: list[_Entry] = []
    for piece in re.split(r"\s+(?:och|samt)\s+(?=[(\[☒☑☐]|[^\W\d_])(?![a-zåäö])", text):
        m = _ENTRY_RE.match(piece.strip())
        if m is None:
            return None
        name = display_name(m.group("name"))
        words = [w for w in name.split() if w[:1].isupper()]
        if len(words) > 3 or any(not_name(w.rstrip(".")) for w in words):
            return None
        if m.group("boxes") is not None and not (m.group("box") or m.group("boxes") in "☒☑"):
            continue                                   # an empty box: absent
        party = m.group("party") or m.group("party0")
        out.append(_Entry(name, party_abbreviation(party) if party else None, kind, label, m.group("title0"),
                          m.group("rest").strip().lstrip(",").strip()))
    return out


def _lines_of(lines: Iterable[Any]) -> list[str]:
    return [getattr(ln, "text", ln) for ln in lines]


def read_attendance(lines: Iterable[Any], document_text: str = "") -> list[Role]:
    """The roles in the attendance part of minutes (its lines before the first
    item: ``structure.lines.Line`` or strings). ``document_text``: the whole
    document, for turning a surname-first list round (see the module docstring)."""
    entries: list[_Entry] = []
    current: tuple[str | None, str] | None = None   # (kind, label) of the open list
    last: list[_Entry] = []                          # the entries of the list's last line
    for raw in _lines_of(lines):
        text = " ".join(raw.split())
        if not re.search(r"\w", text):
            continue                                   # blank, or a rule ("---")
        m = _LABEL_RE.match(text)
        if m and m.group("label")[:1].isupper():
            label = " ".join(m.group("label").split())
            current = (_label_kind(label), label)
            found = _entries(m.group("rest"), current[0] or "present", label)
            if found is None and not _headings(m.group("rest")):
                # "Ordförande öppnar sammanträdet": a sentence, not a list.
                current, last = None, []
                continue
            # Names after the caption, or column headings ("Beslutande Ledamöter Tjänstgörande
            # ersättare") and the names on the lines below.
            last = found or []
            if current[0] is not None:
                entries += last
            continue
        if current is None:
            continue
        if _headings(text):
            continue                                   # column headings of a table
        if last and re.match(r"[^\W_A-ZÅÄÖÉÜ]|[§\-–]", text):
            last[-1].rest = f"{last[-1].rest} {text}".strip()   # the cell goes on: "kommunstyrelsens förvaltning"
            continue
        found = _entries(text, current[0] or "present", current[1])
        if found is None:
            current, last = None, []                   # the list has ended
            continue
        last = found
        if current[0] is not None:
            entries += found
    entries = _name_order(entries, document_text)
    roles: list[Role] = []
    for e in entries:
        for kind in [e.kind] + [k for k in title_kinds(e.title or "") if k != e.kind]:
            roles.append(e.role(kind))
    return _merge_parties(roles)


def _name_order(entries: list[_Entry], document_text: str) -> list[_Entry]:
    """Surname-first lists turned round, when the document writes two or more of
    their names given name first; otherwise as written."""
    text = " ".join(document_text.split())
    if not text:
        return entries

    def turned(name: str) -> str:
        words = name.split()
        return " ".join(words[-1:] + words[:-1])

    def written(name: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None

    names = {e.name for e in entries}
    evidence = sum(1 for n in names if turned(n) not in names and written(turned(n)))
    if evidence < 2:
        return entries
    return [_Entry(turned(e.name), e.party, e.kind, e.label, e.title0, e.rest) for e in entries]


def _merge_parties(roles: list[Role]) -> list[Role]:
    """A signature line often writes a name without the party its list gave it: one person."""
    party = {}
    for r in roles:
        if r.person.party:
            party.setdefault(r.person.name, r.person.party)
    out: dict[tuple, Role] = {}
    for r in roles:
        person = r.person if r.person.party else Person(r.person.name, party.get(r.person.name))
        # The same role written twice (in the list and under the signatures) is one.
        out.setdefault((person.name, r.kind, r.sections), Role(person, r.kind, r.label, r.title, r.sections, r.absent))
    return list(out.values())


# --- § items -----------------------------------------------------------------------------

_MOTION_VERB = re.compile(r"(?<![\wåäö])(?:\w*yrkar|\w*yrkade|instämmer|instämde)(?![\wåäö])")
_RESERVE_VERB = re.compile(
    r"(?<![\wåäö])(?:reserverar\s+sig|reserverade\s+sig|(?:anmäler|anmälde|lämnar|lämnade|inkommer\s+med|"
    r"inkom\s+med)\s+(?:en\s+)?(?:skriftlig\s+)?reservation)(?![\wåäö])")
_RECUSE_VERB = re.compile(r"(?<![\wåäö])(?:anmäler|anmälde|deltar|deltog|lämnar|lämnade|har|hade)(?![\wåäö])")
_JAV = re.compile(r"(?<![\wåäö])jäv(?![\wåäö])", re.I)
_AGREEING = re.compile(r",?\s*med\s+instämmande\s+(?:av|från)\s+(?P<w>[^,]+?(?:\([^)]*\))?)\s*(?:,|$)")
_ADJUSTER_RE = re.compile(
    r"(?<![\wåäö])(?:till\s+)?(?:protokoll)?justera(?:re|nde)\s+(?:utses|utsågs|valdes|väljs)\s+(?P<names>.+)$", re.I)

_NUMBER_WORDS = {w: n for n, w in enumerate(
    "noll en två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton arton "
    "nitton tjugo".split())} | {"ett": 1, "inga": 0, "ingen": 0}
_N = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_VOTE_WORD = {"ja": "ja", "nej": "nej", "avstår": "avstår", "avstod": "avstår", "avstående": "avstår",
              "avstar": "avstår"}
_COUNT_RES = {
    "ja": [re.compile(rf"(?<![\w-]){_N}\s+ja(?:-|\s)?röster?(?![\wåäö])", re.I),
           re.compile(rf"(?<![\w-])ja(?:-|\s)?röster\s*:?\s*{_N}(?![\w-])", re.I)],
    "nej": [re.compile(rf"(?<![\w-]){_N}\s+nej(?:-|\s)?röster?(?![\wåäö])", re.I),
            re.compile(rf"(?<![\w-])nej(?:-|\s)?röster\s*:?\s*{_N}(?![\w-])", re.I)],
    "avstår": [re.compile(rf"(?<![\w-]){_N}\s+(?:ledamöter\s+|ledamot\s+)?(?:som\s+)?(?:avstår|avstod|avstående|avstå)(?![\wåäö])",
                          re.I),
               re.compile(rf"(?<![\w-])(?:avstår|avstående|avstod|nedlagda\s+röster)\s*:?\s*{_N}(?![\w-])", re.I)],
}
_MEANS_RE = {
    "ja": re.compile(r"(?<![\wåäö])ja(?:-|\s)?röst\s+(?:för|innebär)\s+(?P<t>[^.;,\n]+)", re.I),
    "nej": re.compile(r"(?<![\wåäö])nej(?:-|\s)?röst\s+(?:för|innebär)\s+(?P<t>[^.;,\n]+)", re.I),
}
#: A line of ballots: "Ja: names", "Ja-röster: names", "Följande röstar nej: names".
_BALLOT_HEAD = re.compile(r"^(?:följande\s+(?:ledamöter\s+)?röstar\s+|ja|nej|avstår|avstående|avstod)"
                          r"(?P<w>ja|nej|avstår)?(?:-?röster|\s*röstar)?\s*(?:\(\d+\))?\s*:\s*(?P<names>.+)$", re.I)
_BALLOT_TAIL = re.compile(r"^(?P<names>.+?)\s+(?:röstar\s+)?(?P<w>ja|nej|avstår|avstod)(?:\s+från\s+att\s+rösta)?\s*[.]?$",
                          re.I)
_VOTE_HEADINGS = ("omröstning", "omröstningsresultat", "propositionsordning", "beslutsgång", "votering")


def _subject(text: str, *, bare: bool = True) -> tuple[list[Person], list[str]] | None:
    """The persons (and party groups) ``text`` consists of ("Henrik Åberg (M) och
    Roger Pettersson (M)", "Ledamoten Eva Viklund (L)", "Moderaterna"), or None
    when it holds anything else. ``bare``: a name without party or role counts
    ("Martin Flodén") when it is the whole of a piece."""
    if not text.strip():
        return None
    persons: list[Person] = []
    parties: list[str] = []
    pos = 0
    for m in mentions(text):
        between = text[pos:m.start]
        if not _pieces(between, persons, parties, bare):
            return None
        persons.append(Person(m.name, m.party))
        pos = m.end
    if not _pieces(text[pos:], persons, parties, bare):
        return None
    return (persons, parties) if persons or parties else None


def _pieces(text: str, persons: list[Person], parties: list[str], bare: bool) -> bool:
    for piece in re.split(r",|\s(?:och|samt|&)\s|^(?:och|samt)\s|\s(?:och|samt)$", f" {text} "):
        piece = piece.strip()
        if not piece or _SEP.match(piece) or _SUBJECT_ROLE.match(piece):
            continue
        group = _group(piece)
        if group:
            parties.append(group)
        elif bare and re.fullmatch(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}}", piece) and \
                not any(not_name(w) for w in piece.split()):
            persons.append(Person(display_name(piece)))
        else:
            return False
    return True


def _group(piece: str) -> str | None:
    """A party as a group: "Moderaterna", "M-gruppen", "Moderaternas ledamöter",
    "ledamöterna från Moderaterna"."""
    words = " ".join(piece.split())
    m = re.fullmatch(r"(?:(?:ledamöterna|ledamöter|gruppen)\s+(?:från|för)\s+)?(?P<g>.+?)(?:s\s+(?:ledamöter|grupp))?",
                     words, re.I)
    party = party_of_group(m.group("g")) if m else None
    if party is None and m and m.group("g") != words:
        party = party_of_group(words)
    if party is None:
        m = re.fullmatch(rf"\(?(?P<p>{_PARTY_ALT})\)?(?:-(?:gruppen|ledamöterna|ledamöter))", words)
        party = party_abbreviation(m.group("p")) if m else None
    return party


def _clean(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """(heading key, paragraph, its lines): lines joined within paragraphs (a
    blank line or a heading ends one), each under the item's last part heading."""
    out: list[tuple[str, str, list[str]]] = []
    heading = ""
    cur: list[str] = []

    def flush():
        if cur:
            out.append((heading, " ".join(cur), list(cur)))
            cur.clear()

    for raw in lines:
        line = _clean(raw)
        inline = re.match(r"^(?P<h>[^:]{3,40}):\s+(?P<rest>\S.*)$", line)
        if not line:
            flush()
        elif is_section_heading(line):
            flush()
            heading = line.rstrip(":").strip().casefold()
        elif inline and is_section_heading(inline.group("h")):
            flush()
            heading = inline.group("h").strip().casefold()
            cur.append(inline.group("rest"))
        else:
            cur.append(line)
    flush()
    return out


def read_item(lines: Iterable[Any]) -> ItemPeople:
    """What one § item (its lines, heading included) records of persons."""
    found = ItemPeople()
    paras = _paragraphs(_lines_of(lines))
    for heading, para, _lines in paras:
        for s, e in sentences(para):
            _read_sentence(para[s:e], heading, found)
    _read_votes(paras, found)
    return found


def _read_sentence(sentence: str, heading: str, found: ItemPeople) -> None:
    m = _RESERVE_VERB.search(sentence)
    if m:
        reservation = _reservation(sentence, m)
        if reservation is not None:
            found.reservations.append(reservation)
        return
    if heading.startswith("reservation"):
        # Under the heading, a name alone or before "till förmån för …", "mot …", ":".
        head = re.match(r"^(?P<who>.+?)(?:\s*:\s*|\s+(?=(?:till\s+förmån|mot|för)\s)|\s*\.?$)(?P<rest>.*)$", sentence)
        who = _subject(head.group("who").rstrip("."), bare=False) if head else None
        if who:
            found.reservations.append(Reservation(tuple(who[0]), tuple(who[1]), _clean(head.group("rest")).rstrip(".")))
        return
    m = _MOTION_VERB.search(sentence)
    if m:
        # "Per Olsson (M), med instämmande av Lena Ek (KD), yrkar …": both move it.
        subject, persons = sentence[:m.start()], []
        for agreed in _AGREEING.finditer(subject):
            extra = _subject(agreed.group("w"), bare=False)
            if extra is None:
                return
            persons += extra[0]
        who = _subject(_AGREEING.sub(" ", subject), bare=False)
        if who and who[0]:
            rest = sentence[m.start():]
            for agreed in _AGREEING.finditer(rest):
                extra = _subject(agreed.group("w"), bare=False)
                persons += extra[0] if extra else []
            found.motions.append(Motion(tuple(list(who[0]) + persons), _clean(rest)))
        return
    if heading.startswith("yrkande"):
        head = re.match(r"^(?P<who>[^:]+?)\s*:\s*(?P<rest>\S.*)$", sentence)
        who = _subject(head.group("who"), bare=False) if head else None
        if who and who[0]:
            found.motions.append(Motion(tuple(who[0]), _clean(head.group("rest"))))
        return
    if _JAV.search(sentence) or heading == "jäv":
        _recusals(sentence, heading, found)
        return
    m = _ADJUSTER_RE.search(sentence)
    if m:
        names = re.sub(r"\s*\(.*$|[.;]+$", "", m.group("names").strip())
        who = _subject(names)
        if who:
            found.adjusters += who[0]


def _reservation(sentence: str, verb: re.Match) -> Reservation | None:
    before, after = sentence[:verb.start()].strip(), sentence[verb.end():].strip()
    who = _subject(before)
    if who:
        return Reservation(tuple(who[0]), tuple(who[1]), _clean(after).rstrip("."))
    # "Mot beslutet reserverar sig Anna Berg (M) och Per Olsson (S) till förmån för …"
    if mentions(before):
        return None
    cut = re.search(r"\s(?:till\s+förmån|mot|med\s+hänvisning|skriftligt|genom|för\s+egen)\b|[.:;]", after)
    who = _subject(after[:cut.start()] if cut else after)
    if who is None:
        return None
    against = _clean(" ".join(p for p in (before, after[cut.start():] if cut else "") if p)).rstrip(".")
    return Reservation(tuple(who[0]), tuple(who[1]), against[:1].lower() + against[1:])


def _recusals(sentence: str, heading: str, found: ItemPeople) -> None:
    m = _RECUSE_VERB.search(sentence)
    who = _subject(sentence[:m.start()]) if m else None
    if who is None and heading == "jäv":
        who = _subject(sentence.rstrip("."), bare=False)
    if who:
        found.recusals += [Recusal(p, _clean(sentence)) for p in who[0]]


def _count(text: str, which: str) -> int | None:
    for rx in _COUNT_RES[which]:
        m = rx.search(text)
        if m:
            n = m.group("n").lower()
            return int(n) if n.isdigit() else _NUMBER_WORDS[n]
    return None


def _read_votes(paras: list[tuple[str, str, list[str]]], found: ItemPeople) -> None:
    """A vote per paragraph that gives both ja and nej counts; the proposition
    order and the ballots of the item's vote parts go with it."""
    ballots: list[Ballot] = []
    means: dict[str, str] = {}
    for heading, para, lines in paras:
        if heading not in _VOTE_HEADINGS:
            continue
        for which, rx in _MEANS_RE.items():
            m = rx.search(para)
            if m:
                means.setdefault(which, _clean(m.group("t")))
        ballots += _ballots(lines)
    counted = []
    for _heading, para, _lines in paras:
        yes, no = _count(para, "ja"), _count(para, "nej")
        if yes is None or no is None:
            continue
        text = " ".join(para[s:e] for s, e in sentences(para)
                        if _count(para[s:e], "ja") is not None or _count(para[s:e], "nej") is not None)
        counted.append(Vote(yes, no, _count(para, "avstår"), _clean(text or para),
                            means.get("ja"), means.get("nej")))
    for vote in counted:
        tally = {w: sum(1 for b in ballots if b.vote == w) for w in ("ja", "nej", "avstår")}
        agree = len(counted) == 1 and ballots and tally["ja"] == vote.yes and tally["nej"] == vote.no and (
            vote.abstained is None or tally["avstår"] == vote.abstained)
        found.votes.append(Vote(vote.yes, vote.no, vote.abstained, vote.text, vote.yes_means, vote.no_means,
                                tuple(ballots) if agree else ()))


def _ballots(lines: list[str]) -> list[Ballot]:
    """Ballots listed line by line: "Ja: names" (names may go on over the next
    lines), "names röstar nej", "name (P) Avstår"."""
    out: list[Ballot] = []
    vote, names = None, ""

    def flush():
        who = _subject(names.rstrip(" .,"), bare=False) if vote and names.strip() else None
        if who:
            out.extend(Ballot(p, vote) for p in who[0])

    for line in lines:
        head = _BALLOT_HEAD.match(line)
        if head:
            flush()
            word = (head.group("w") or line.split(":")[0].split()[-1].split("-")[0]).lower()
            vote, names = _VOTE_WORD.get(word), head.group("names")
            continue
        if vote and names.rstrip().endswith(",") and _subject(line.rstrip(" .,"), bare=False):
            names += " " + line
            continue
        flush()
        vote, names = None, ""
        tail = _BALLOT_TAIL.match(line)
        who = _subject(tail.group("names"), bare=False) if tail else None
        if who:
            out += [Ballot(p, _VOTE_WORD[tail.group("w").lower()]) for p in who[0]]
    flush()
    return out


# --- a whole document ----------------------------------------------------------------------

def document_people(lines: list[Any], spans: list[Any]) -> tuple[list[Role], dict[str, ItemPeople]]:
    """(the meeting's roles, what each § item records of persons) of minutes read
    into ``lines`` (structure.lines) and item ``spans`` (structure.items). A
    justerare appointed in an item is a role of the meeting too."""
    if not spans:
        return [], {}
    text = "\n".join(_lines_of(lines))
    attendance = read_attendance(lines[:spans[0].start], text)
    items: dict[str, ItemPeople] = {}
    for span in spans:
        body = [ln if getattr(ln, "role", "text") == "text" else "" for ln in lines[span.start:span.end]]
        found = read_item(_lines_of(body))
        if found:
            items[span.heading.number] = found
        for person in found.adjusters:
            role = Role(person, "adjuster", "Justerare", None, ())
            if role not in attendance:
                attendance.append(role)
    return _merge_parties(attendance), items


# --- what the index keeps ------------------------------------------------------------------

def item_fields(item: Any) -> dict[str, Any]:
    """A § item's persons for its decision record (indexer/search/decisions.py
    ``item_records``): its acts as JSON, and the names and parties in them (the
    record's Person and Party facet values)."""
    if not item.people:
        return {}
    found = ItemPeople.from_json(item.people)
    return {"people": item.people, "persons": [p.name for p in found.persons()], "parties": found.parties()}


def document_fields(doc: Any) -> dict[str, Any]:
    """A document's persons for its metadata (DocMeta): everyone its attendance
    lists and its items' acts name, the parties beside them, and the roles (as
    JSON text: a document's metadata is read at every start, the roles only by
    the person pages)."""
    roles = [role_from_json(r) for r in doc.attendance]
    acts = [ItemPeople.from_json(i.people) for i in doc.items if i.people]
    persons = [r.person for r in roles] + [p for found in acts for p in found.persons()]
    parties = [p.party for p in persons if p.party] + [party for found in acts for party in found.parties()]
    return {"persons": list(dict.fromkeys(p.name for p in persons)), "parties": list(dict.fromkeys(parties)),
            "attendance": json.dumps(doc.attendance, ensure_ascii=False) if doc.attendance else ""}
