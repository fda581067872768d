"""Swedish and Finland-Swedish public organisations, and finding them in text.

The organisations (all 290 Swedish municipalities, the 21 regions, the Swedish-
and bilingual municipalities of Finland, and government agencies) live in
``indexer/data/organisations.tsv``, a file council staff can edit; its header
explains the columns in Swedish. The environment variable
``SEARCH_ORGANISATIONS_FILE`` points to another file of the same format.

``find_mentions(text)`` returns every mention in text order. A mention is
"official" when the organisation's own name form is written ("Luleå kommun",
"LULEÅ KOMMUN", "Bodens kommuns", "Region Norrbotten", "Sveriges riksbank",
"SKR:s"), "name" for a bare municipality name ("Luleå", "Luleås", "Lule") and
"generic" for an "Xs kommun" / "X stad" / "Region X" whose X is not in the file
(``org`` is None then). Which mention names the issuer of a document is decided
by the caller; this module only finds them.

Matching rules:

* Case does not matter for name forms, except for abbreviations with several
  capitals (SKR, HaV), which must be written exactly so that "skr" (kronor) or
  "hav" (the sea) is not taken for an agency.
* A bare name must start with a capital letter. Proper names are always
  capitalised in Swedish, while "boden" (the shed) or "mark" (ground) are not.
  Names that are also ordinary words or common personal names ("Mark", "Vara",
  "Lund") are marked ``ambiguous`` in the file and never count when bare.
* Whole words only; any run of whitespace (line breaks included) or a hyphen
  between the words of a name counts as one separator.
* Where two mentions overlap, the one that starts first wins, and at one start
  the longest.
* Official forms are also found written without diacritics ("Lulea kommun"),
  bare names are not: "Ange" (state!) must not become Ånge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .folding import fold

DEFAULT_ORGANISATIONS_FILE = Path(__file__).resolve().parent / "data" / "organisations.tsv"
ORGANISATIONS_FILE_ENV = "SEARCH_ORGANISATIONS_FILE"

KINDS = ("kommun", "kommun-fi", "region", "myndighet")
MUNICIPALITY_KINDS = ("kommun", "kommun-fi")
COLUMNS = ("kind", "code", "name", "official", "county", "municipality", "ambiguous", "forms")

OFFICIAL = "official"
NAME = "name"
GENERIC = "generic"


@dataclass(frozen=True)
class Organisation:
    """One row of the organisations file."""
    name: str
    official: str
    kind: str  # "kommun" | "kommun-fi" | "region" | "myndighet"
    municipality: str | None  # facet name for municipalities ("Luleå"); None for regions and agencies
    county: str | None
    code: str | None
    forms: tuple[str, ...] = ()
    ambiguous: bool = False


@dataclass(frozen=True)
class Mention:
    org: Organisation | None  # None for a generic "X kommun" / "X stad" / "Region X" not in the file
    surface: str  # as written in the text
    start: int
    end: int
    strength: str  # "official" | "name" | "generic"


class OrganisationsFileError(ValueError):
    """The organisations file is missing or invalid; the message names file and line."""


def organisations_file() -> Path:
    from .config import env_path
    return env_path(ORGANISATIONS_FILE_ENV, DEFAULT_ORGANISATIONS_FILE)


# --- normalisation ----------------------------------------------------------

_DASHES = "-\u2010\u2011\u2012\u2013"
_SEPARATOR_RE = re.compile(rf"\s*[{_DASHES}]\s*|\s+")
# In a compiled pattern a separator between two words of a name.
_SEPARATOR_PATTERN = rf"(?:\s*[{_DASHES}]\s*|\s+)"
_VOWELS = set("aeiouyåäöéèüæø")
_ORG_WORDS = {"kommun", "kommuns", "stad", "stads"}


def _key(text: str) -> str:
    """Lower case with every separator run as one space: the lookup key of a surface."""
    return _SEPARATOR_RE.sub(" ", text.strip().lower())


def _fold(text: str) -> str:
    return fold(_key(text))


def _is_abbreviation(form: str) -> bool:
    # "SKR", "HaV", "UKÄ": one word with several capitals ("Malung-Sälen" is two words).
    form = form.strip()
    return not _SEPARATOR_RE.search(form) and sum(ch.isupper() for ch in form) >= 2


def _genitive(form: str) -> str:
    if _is_abbreviation(form):
        return form + ":s"
    return form if form[-1].lower() in "sxz" else form + "s"


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters ("İ") lower-case to two; keep them so offsets stay valid.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# --- loading ------------------------------------------------------------------

def load_organisations(path: Path | str | None = None) -> tuple[Organisation, ...]:
    """Read and validate the organisations file (default: SEARCH_ORGANISATIONS_FILE or
    indexer/data/organisations.tsv). Raises OrganisationsFileError naming file and line."""
    return _read(Path(path) if path is not None else organisations_file())[0]


def _read(path: Path) -> tuple[tuple[Organisation, ...], tuple[int, ...]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OrganisationsFileError(
            f"{path}: cannot read the organisations file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OrganisationsFileError(f"{path}: the file is not UTF-8 text ({exc})") from exc

    orgs: list[Organisation] = []
    lines: list[int] = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header_seen:
            if tuple(c.lower() for c in cells) != COLUMNS:
                raise OrganisationsFileError(
                    f"{path}:{lineno}: expected the column headings {' / '.join(COLUMNS)} "
                    f"separated by TAB, found {line!r}")
            header_seen = True
            continue
        orgs.append(_row(path, lineno, cells))
        lines.append(lineno)
    if not header_seen:
        raise OrganisationsFileError(f"{path}: no column headings and no organisations")

    names = {o.name for o in orgs if o.kind in MUNICIPALITY_KINDS}
    for org, lineno in zip(orgs, lines):
        if org.kind not in MUNICIPALITY_KINDS and org.municipality and org.municipality not in names:
            raise OrganisationsFileError(
                f"{path}:{lineno}: municipality {org.municipality!r} is not the name of a "
                f"kommun row")
    return tuple(orgs), tuple(lines)


def _row(path: Path, lineno: int, cells: list[str]) -> Organisation:
    where = f"{path}:{lineno}"
    if len(cells) > len(COLUMNS):
        raise OrganisationsFileError(
            f"{where}: {len(cells)} columns, at most {len(COLUMNS)} expected (TAB inside a name?)")
    cells += [""] * (len(COLUMNS) - len(cells))
    kind, code, name, official, county, municipality, ambiguous, forms = cells
    if kind not in KINDS:
        raise OrganisationsFileError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if not name or not official:
        raise OrganisationsFileError(f"{where}: name and official must not be empty")
    if ambiguous not in ("", "0", "1"):
        raise OrganisationsFileError(f"{where}: ambiguous must be 1 or empty, not {ambiguous!r}")
    digits = {"kommun": 4, "kommun-fi": 3, "region": 2}.get(kind)
    if digits and not re.fullmatch(rf"\d{{{digits}}}", code):
        raise OrganisationsFileError(f"{where}: a {kind} code has {digits} digits, not {code!r}")
    if kind in MUNICIPALITY_KINDS:
        if municipality and municipality != name:
            raise OrganisationsFileError(
                f"{where}: municipality must be empty or the same as name ({name!r})")
        municipality = name
    elif kind == "myndighet" and municipality:
        raise OrganisationsFileError(f"{where}: an agency has no municipality")
    return Organisation(
        name=name, official=official, kind=kind, municipality=municipality or None,
        county=county or None, code=code or None,
        forms=tuple(f.strip() for f in forms.split("|") if f.strip()),
        ambiguous=ambiguous == "1")


# --- the matcher --------------------------------------------------------------

# Priorities: what a row states outright beats what is derived from it.
_WRITTEN, _DERIVED, _FOLDED = 0, 1, 2


@dataclass(frozen=True)
class _Entry:
    org: Organisation
    strength: str


class _Catalogue:
    def __init__(self, path: Path) -> None:
        self.orgs, lines = _read(path)
        line_of = {id(o): n for o, n in zip(self.orgs, lines)}
        insensitive: dict[str, tuple[_Entry, int]] = {}
        sensitive: dict[str, tuple[_Entry, int]] = {}
        dropped: set[str] = set()

        def add(surface: str, org: Organisation, strength: str, priority: int) -> None:
            exact = _is_abbreviation(surface)
            table = sensitive if exact else insensitive
            key = surface.strip() if exact else _key(surface)
            if not key or key in dropped:
                return
            old = table.get(key)
            if old is None or priority < old[1]:
                table[key] = (_Entry(org, strength), priority)
                return
            if old[0].org is org or priority > old[1]:
                return
            if priority == _WRITTEN:
                raise OrganisationsFileError(
                    f"{path}: {surface!r} is written for two organisations, on lines "
                    f"{line_of[id(old[0].org)]} and {line_of[id(org)]}")
            # Two rows derive the same form: it names neither of them for sure.
            del table[key]
            dropped.add(key)

        for org in self.orgs:
            for surface, strength in _written_surfaces(org):
                add(surface, org, strength, _WRITTEN)
        for org in self.orgs:
            for surface, strength in _derived_surfaces(org):
                add(surface, org, strength, _DERIVED)
        for key, (entry, _) in list(insensitive.items()):
            folded = fold(key)
            if entry.strength == OFFICIAL and folded != key:
                add(folded, entry.org, OFFICIAL, _FOLDED)

        self.insensitive = {k: e for k, (e, _) in insensitive.items()}
        self.sensitive = {k: e for k, (e, _) in sensitive.items()}
        self.insensitive_re = re.compile(
            _trie_pattern(self.insensitive) + r"(?!\w)") if self.insensitive else None
        self.sensitive_re = re.compile(
            _trie_pattern(self.sensitive) + r"(?!\w)") if self.sensitive else None

        # Exact spelling first: "Habo" and "Håbo" are two municipalities that fold alike.
        self.by_key: dict[str, Organisation | None] = {}
        self.by_fold: dict[str, Organisation | None] = {}
        municipalities = {o.name: o for o in self.orgs if o.kind in MUNICIPALITY_KINDS}
        for org in self.orgs:
            target = municipalities.get(org.municipality or "")
            if target is None:
                continue
            for surface in (org.name, org.official, *org.forms):
                for table, key in ((self.by_key, _key(surface)), (self.by_fold, _fold(surface))):
                    # Where two municipalities share a key, it names neither.
                    table[key] = target if table.get(key, target) is target else None


def _is_official_form(org: Organisation, form: str) -> bool:
    if org.kind not in MUNICIPALITY_KINDS:
        return True
    words = _key(form).split()
    return bool(words) and (words[0] == "region" or any(w in _ORG_WORDS for w in words))


def _written_surfaces(org: Organisation) -> list[tuple[str, str]]:
    out = [(org.official, OFFICIAL)]
    if org.kind == "myndighet":
        out.append((org.name, OFFICIAL))
    elif org.kind in MUNICIPALITY_KINDS and not org.ambiguous:
        out.append((org.name, NAME))
    for form in org.forms:
        out.append((form, OFFICIAL if _is_official_form(org, form) else NAME))
    return out


def _derived_surfaces(org: Organisation) -> list[tuple[str, str]]:
    out = []
    for surface, strength in _written_surfaces(org):
        genitive = _genitive(surface)
        if genitive != surface:
            out.append((genitive, strength))
    if org.kind in MUNICIPALITY_KINDS:
        # Loose spellings of the official name ("Boden kommun", "Luleå stad").
        for stem in {org.name, _genitive(org.name)}:
            for word in ("kommun", "stad"):
                out.append((f"{stem} {word}", OFFICIAL))
                out.append((f"{stem} {word}s", OFFICIAL))
    return out


def _trie_pattern(keys) -> str:
    """One regular expression for all keys, shaped as a trie so that the engine
    branches once per character instead of trying every name at every word."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def unit(ch: str) -> str:
        return _SEPARATOR_PATTERN if ch == " " else re.escape(ch)

    def build(node: dict, top: bool = False) -> str:
        ends = "" in node
        # The word-start test sits after the first character, not before it: a pattern
        # that begins with a literal lets the engine skip ahead to candidate positions.
        guard = r"(?<!\w.)" if top else ""
        alternatives = [unit(ch) + guard + build(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        # Greedy "?": the longer name is tried first, the shorter on backtracking.
        return "(?:" + body + ")?" if ends else body

    return "(?:" + build(trie, top=True) + ")"


@lru_cache(maxsize=4)
def _catalogue(path: str) -> _Catalogue:
    return _Catalogue(Path(path))


# --- generic pattern ------------------------------------------------------------

_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
# Found in two steps, the keyword first, because a pattern that starts with "any
# word" is tried at every word of the text. Same line only: in a letterhead a line
# break often separates unrelated words.
_PLACE_KEYWORD_RE = re.compile(r"(?:[kK](?i:ommuns?)|[sS](?i:tads?))(?!\w)")
_WORD_BEFORE_RE = re.compile(rf"(?<![\w-])(?P<x>{_WORD})[ \t\xa0]+\Z")
_REGION_KEYWORD_RE = re.compile(r"[rR](?i:egion)(?!\w)")
_WORD_AFTER_RE = re.compile(rf"[ \t\xa0]+(?P<x>{_WORD})(?!\w)")
# Capitalised words before "kommun"/"stad" that are not names: sentence openers,
# determiners, adjectives, and genitives of words like "Sveriges bästa kommun".
_NOT_NAMES = frozenset("""
    den denna detta dessa de det en ett vår våran vårt våra er ert era min mitt mina din ditt
    dina sin sitt sina hans hennes deras dess vars varje varenda varannan hela annan annat
    andra egen eget egna samma berörd berörda aktuell aktuella respektive vilken vilket vilka
    någon något några ingen inget inga alla samtliga båda bägge övriga enda ny nya stor stora
    större största liten lilla små mindre minsta gamla gammal bästa bättre sista första nästa
    förra förutvarande tidigare nuvarande näst nära hemma per i och eller som om att från
    till för med av mot vid inom utanför under över på åt efter före mellan genom utan hos
    enligt samt även också men så då när där här var vem vad hur varför inte ej ja nej
    årets landets länets rikets statens sveriges finlands norges danmarks europas världens
    nordens dagens framtidens morgondagens veckans månadens kommunens regionens stadens
    kommun kommuns kommunen stad stads staden region regionen regionens landsting landstinget
    län länet svensk svenska finsk finska norsk dansk inre yttre västra östra norra södra
    mellersta övre nedre centrala fri fria enskild enskilda ansvarig ansvariga hållbar
    trygg smart grön attraktiv öppen modern digital social
""".split())
# Endings of adjectives and of plural genitives ("Möjligheternas kommun", a slogan).
_NOT_NAME_ENDINGS = ("ande", "ende", "are", "iska", "liga", "iga", "ade", "nas")


def _generic_name_ok(word: str, place: bool) -> bool:
    if not word[0].isupper() or len(word) < 2:
        return False
    low = word.lower()
    if low in _NOT_NAMES or low.endswith(_NOT_NAME_ENDINGS):
        return False
    # Swedish place names before "kommun"/"stad" end in a vowel or the genitive s
    # ("Luleå kommun", "Bodens kommun"); adjectives like "Hållbar" do not.
    return not place or low[-1] in _VOWELS or low[-1] in "sxz"


def _word_char_before(text: str, index: int, extra: str = "") -> bool:
    if index == 0:
        return False
    ch = text[index - 1]
    return ch.isalnum() or ch == "_" or ch in extra


def _generic_mentions(text: str) -> list[Mention]:
    out = []
    for m in _PLACE_KEYWORD_RE.finditer(text):
        if _word_char_before(text, m.start()):
            continue
        # A name is rarely longer than 40 characters; the window keeps this cheap.
        before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        if before and _generic_name_ok(before.group("x"), place=True):
            out.append(Mention(None, text[before.start():m.end()], before.start(), m.end(), GENERIC))
    for m in _REGION_KEYWORD_RE.finditer(text):
        if _word_char_before(text, m.start(), "-"):
            continue
        after = _WORD_AFTER_RE.match(text, m.end())
        if after and _generic_name_ok(after.group("x"), place=False):
            out.append(Mention(None, text[m.start():after.end()], m.start(), after.end(), GENERIC))
    return out


# --- public API -----------------------------------------------------------------

def organisations() -> tuple[Organisation, ...]:
    """All organisations, in file order. The file (SEARCH_ORGANISATIONS_FILE or
    indexer/data/organisations.tsv) is read once per path and cached."""
    return _catalogue(str(organisations_file())).orgs


def find_mentions(text: str) -> list[Mention]:
    """Every mention of an organisation in ``text``, in text order; overlapping
    candidates resolve to the one that starts first, then the longest."""
    if not text:
        return []
    cat = _catalogue(str(organisations_file()))
    found: list[Mention] = []
    if cat.insensitive_re is not None:
        low = _lower_same_length(text)
        for m in cat.insensitive_re.finditer(low):
            entry = cat.insensitive.get(_key(m.group()))
            if entry is None:
                continue
            if entry.strength == NAME and not text[m.start()].isupper():
                continue
            found.append(Mention(entry.org, text[m.start():m.end()], m.start(), m.end(), entry.strength))
    if cat.sensitive_re is not None:
        for m in cat.sensitive_re.finditer(text):
            entry = cat.sensitive[m.group()]
            found.append(Mention(entry.org, m.group(), m.start(), m.end(), entry.strength))
    found.extend(_generic_mentions(text))

    found.sort(key=lambda mention: (mention.start, -(mention.end - mention.start), mention.org is None))
    result: list[Mention] = []
    end = -1
    for mention in found:
        if mention.start >= end:
            result.append(mention)
            end = mention.end
    return result


def by_municipality(name: str) -> Organisation | None:
    """The municipality row for a facet name or official form, ignoring case and
    diacritics: "Luleå", "lulea", "LULEÅ", "Bodens kommun" -> the row; else None.
    A spelling with diacritics decides where folding would not ("Håbo", "Habo")."""
    cat = _catalogue(str(organisations_file()))
    key = _key(name)
    if key in cat.by_key:
        return cat.by_key[key]
    return cat.by_fold.get(_fold(name))


def municipality_named(value: str) -> str | None:
    """The facet name of the municipality a user typed ("Luleå", "lulea", "Luleås",
    "Bodens kommun", "Stockholms stad"), or None. For filters in URLs and queries."""
    value = " ".join(value.split())
    for candidate in (value, value[:-1] if value.lower().endswith("s") else None):
        if candidate:
            org = by_municipality(candidate)
            if org is not None and org.municipality:
                return org.municipality
    return None


def municipality_names() -> tuple[str, ...]:
    """Facet names of all municipalities (Swedish and Finnish), in file order."""
    return tuple(o.name for o in organisations() if o.kind in MUNICIPALITY_KINDS)


__all__ = [
    "DEFAULT_ORGANISATIONS_FILE",
    "Mention",
    "ORGANISATIONS_FILE_ENV",
    "Organisation",
    "OrganisationsFileError",
    "by_municipality",
    "find_mentions",
    "load_organisations",
    "municipality_named",
    "municipality_names",
    "organisations",
]
