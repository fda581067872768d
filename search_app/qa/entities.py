"""Rule-based recognisers for Swedish answer expressions.

Everything here works on plain text and returns ``Entity`` records whose
``start``/``end`` are character offsets into that text, so an answer can
always be cut verbatim out of a passage. No trained model is used: regular
expressions for dates, periods and amounts, and spaCy ``Matcher`` patterns
over ``spacy.blank("sv")`` tokens for person names with party and role.

    find_dates(text)    -> dates: "7 juni 2022", "2022-06-07", "september 2022", "hösten 2024"
    find_periods(text)  -> periods: "från september 2022 till och med september 2026", "2022–2026"
    find_amounts(text)  -> amounts and counts: "2,5 miljoner kronor", "100 000", "12 procent", "fyra"
    find_persons(text)  -> "Carina Sammeli (S), kommunstyrelsens ordförande", "Ledamoten Anna Berg (M)"
    find_places(text)   -> "Stadshuset, sammanträdesrum Rådhussalen", "i Svartbyn"
    find_lists(text)    -> the enumeration after "omfattar"/":" ("kompetensförsörjning, leva och bo, …")
    find_entities(text, kind)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.dates import MONTHS, find_dates as _find_iso_dates
from indexer.names import NAME_WORD, PARTIES, ROLE_RX, ROLE_WORDS, mentions  # noqa: F401 (PARTIES, ROLE_WORDS: __all__)
from indexer.vocabulary import CASE_CODE_RE, NUMBER_LABEL_BEFORE_RE, is_dnr_label_word

__all__ = [
    "Entity", "ENTITY_KINDS", "PARTIES", "ROLE_WORDS",
    "find_dates", "find_periods", "find_amounts", "find_persons", "find_places", "find_lists",
    "find_entities",
]

ENTITY_KINDS = ("date", "period", "amount", "number", "person", "place", "list")


@dataclass(frozen=True)
class Entity:
    kind: str            # one of ENTITY_KINDS
    text: str            # verbatim text[start:end]
    start: int
    end: int
    strength: float = 1.0  # how specific: a full date 1.0, a month 0.6, a bare year 0.3 …
    value: str | None = None  # normalised value when known (ISO date, number)

    def overlaps(self, other: "Entity") -> bool:
        return self.start < other.end and other.start < self.end


def _ent(kind: str, text: str, start: int, end: int, strength: float = 1.0, value: str | None = None) -> Entity:
    return Entity(kind, text[start:end], start, end, strength, value)


# --- dates and periods ---------------------------------------------------------------

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_SEASON = r"(?:våren|hösten|sommaren|vintern|vårvintern|försommaren|sensommaren|senhösten|början\s+av|slutet\s+av|mitten\s+av)"
_MONTH_YEAR_RE = re.compile(rf"(?<![\w])(?:(?:{_SEASON})\s+)?(?:{_MONTH_ALT})\.?\s+{_YEAR}(?![\w])", re.I)
_SEASON_YEAR_RE = re.compile(rf"(?<![\w]){_SEASON}\s+(?:år\s+)?{_YEAR}(?:/{_YEAR}|/\d{{2}})?(?![\w])", re.I)
_QUARTER_RE = re.compile(rf"(?<![\w])(?:första|andra|tredje|fjärde|[1-4]:[ae])\s+kvartalet\s+{_YEAR}(?![\w])", re.I)
_WEEK_RE = re.compile(rf"(?<![\w])vecka\s+\d{{1,2}}(?:\s+{_YEAR})?(?![\w])", re.I)
_DAY_MONTH_RE = re.compile(rf"(?<![\w/.])\d{{1,2}}(?::[ae])?\s+(?:{_MONTH_ALT})(?![\w])(?!\.?,?\s+{_YEAR})", re.I)
_YEAR_RE = re.compile(rf"(?<![\w/§.\-–]){_YEAR}(?![\w/\-–])")
_RELATIVE_RE = re.compile(r"(?<![\w])(?:i\s?dag|idag|i\s?går|igår)(?![\w])", re.I)


def _month_date(text: str) -> list[Entity]:
    return [_ent("date", text, m.start(), m.end(), 0.6) for m in _MONTH_YEAR_RE.finditer(text)]


def find_dates(text: str) -> list[Entity]:
    """Dates in ``text``, most specific first where they overlap, then in text order.

    strength: full date 1.0, day + month 0.8, month/quarter/season + year 0.6,
    week 0.5, bare year 0.3, "idag" 0.2 (its date is the document's date).
    """
    if not text:
        return []
    found: list[Entity] = []
    for d, s, e in _find_iso_dates(text):
        # numeric dates ("2022-06-07") are mostly headers and references; prose dates read better
        strength = 0.9 if text[s:e][:1].isdigit() and not re.search(r"[A-Za-zåäö]", text[s:e]) else 1.0
        found.append(_ent("date", text, s, e, strength, d.isoformat()))
    for m in _DAY_MONTH_RE.finditer(text):
        found.append(_ent("date", text, m.start(), m.end(), 0.8))
    found.extend(_month_date(text))
    for rx, strength in ((_SEASON_YEAR_RE, 0.6), (_QUARTER_RE, 0.6), (_WEEK_RE, 0.5), (_YEAR_RE, 0.3),
                         (_RELATIVE_RE, 0.2)):
        found.extend(_ent("date", text, m.start(), m.end(), strength) for m in rx.finditer(text))
    return _dedupe(found)


def _dedupe(found: list[Entity]) -> list[Entity]:
    """Drop entities inside a longer (or equally long, stronger) one."""
    found.sort(key=lambda e: (-(e.end - e.start), -e.strength, e.start))
    kept: list[Entity] = []
    for e in found:
        if not any(e.overlaps(k) for k in kept):
            kept.append(e)
    kept.sort(key=lambda e: e.start)
    return kept


_DATEISH = (rf"(?:(?:den\s+)?\d{{1,2}}(?::[ae])?\s+(?:{_MONTH_ALT})\.?(?:\s+{_YEAR})?"
            rf"|(?:{_SEASON}\s+)?(?:{_MONTH_ALT})\.?\s+{_YEAR}|{_SEASON}\s+{_YEAR}"
            rf"|{_YEAR}-\d{{2}}-\d{{2}}|(?:årsskiftet\s+)?{_YEAR}(?:/\d{{2,4}})?|(?:{_MONTH_ALT}))")
_PERIOD_RES = [
    re.compile(rf"(?<![\w])(?:från\s+(?:och\s+med\s+)?|fr\.?o\.?m\.?\s+){_DATEISH}"
               rf"(?:\s+(?:till\s+och\s+med|till|t\.?o\.?m\.?|fram\s+till)\s+|\s*[–-]\s*){_DATEISH}(?![\w])", re.I),
    re.compile(rf"(?<![\w])(?:under\s+)?(?:perioden|åren|tiden)\s+{_DATEISH}"
               rf"(?:\s+(?:till\s+och\s+med|till|t\.?o\.?m\.?|fram\s+till)\s+|\s*[–-]\s*){_DATEISH}(?![\w])", re.I),
    re.compile(rf"(?<![\w])mellan\s+{_DATEISH}\s+och\s+{_DATEISH}(?![\w])", re.I),
    re.compile(rf"(?<![\w/§\d-]){_YEAR}\s*[–-]\s*(?:{_YEAR}|\d{{2}})(?![\w/\d-])"),
    re.compile(rf"(?<![\w])(?:under\s+|åren\s+)?{_YEAR}(?:,\s*{_YEAR})*\s+och\s+{_YEAR}(?![\w/\d-])", re.I),
    re.compile(rf"(?<![\w])(?:till\s+och\s+med|t\.?o\.?m\.?|fram\s+till|senast|från\s+och\s+med|fr\.?o\.?m\.?)\s+{_DATEISH}(?![\w])", re.I),
    re.compile(r"(?<![\w])(?:i|under)\s+(?:ytterligare\s+|minst\s+|högst\s+)?(?:\d+|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+(?:år|månader|veckor)(?![\w])", re.I),
    # a duration: "upp till ett år", "högst sex månader", "tio år"
    re.compile(r"(?<![\w])(?:(?:upp\s+till|högst|minst|max(?:imalt)?|längst|cirka|ca\.?)\s+)?"
               r"(?:\d+|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo)\s+"
               r"(?:år|månader|månad|veckor|vecka|dagar|dygn|timmar)(?![\w])", re.I),
    # a deadline: "öppen till den 5 april 2024", "före den 1 maj"
    re.compile(rf"(?<![\w])(?:till|före|innan)\s+(?:den\s+)?\d{{1,2}}\s+(?:{_MONTH_ALT})(?:\s+{_YEAR})?(?![\w])", re.I),
]


def find_periods(text: str) -> list[Entity]:
    """Periods: "från september 2022 till och med september 2026", "perioden 2022–2026",
    "2023–2026", "under 2024 och 2025", "till och med september 2026", "i fyra år",
    "öppen till den 5 april 2024". Strength 1.0 for a
    from–to period, 0.6 for an open one ("till och med …", "i fyra år")."""
    if not text:
        return []
    found = []
    for i, rx in enumerate(_PERIOD_RES):
        for m in rx.finditer(text):
            found.append(_ent("period", text, m.start(), m.end(), 1.0 if i < 5 else 0.6))
    return _dedupe(found)


_TIME_RE = re.compile(r"(?<![\w])(?:kl\.?|klockan)\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?)?(?![\w])",
                      re.I)


def find_times(text: str) -> list[Entity]:
    """Times of day as written: "kl. 9.00", "kl 13.00–15.30", "klockan 18"."""
    return [_ent("date", text, m.start(), m.end(), 1.0) for m in _TIME_RE.finditer(text or "")]


def find_diary_numbers(text: str) -> list[Entity]:
    """Diary (case) numbers: labelled ("Dnr KS 2022/123", "DNR 2016-00041") or a bare
    code with a year ("KS 2022/451"); the entity is the number, without its label."""
    from indexer.vocabulary import find_dnr

    out = []
    pos = 0
    while pos < len(text or ""):
        found = find_dnr(text[pos:])
        if not found:
            break
        value, _s, e = found
        start = text.index(value, pos + _s)
        out.append(_ent("number", text, start, start + len(value), 1.0, value))
        pos += e
    for m in _CASE_CODE_RE.finditer(text or ""):
        if is_dnr_label_word(m.group(0).split()[0].rstrip("/-")):
            continue  # the label with its number, found above
        if not any(o.start < m.end() and m.start() < o.end for o in out):
            out.append(_ent("number", text, m.start(), m.end(), 0.8, m.group(0)))
    return out


_CASE_CODE_RE = CASE_CODE_RE   # indexer/vocabulary.py


# --- amounts and numbers -------------------------------------------------------------

_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_SCALE = r"(?:miljoner|miljon|miljarder|miljard|mnkr|mkr|mdkr|msek|tkr|tusen)"
_UNIT = r"(?:kronor|kr|sek|procent|procentenheter|%|euro)"
_NUMBER_WORDS = ("två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton "
                 "arton nitton tjugo trettio fyrtio femtio hundra tusen").split()
_AMOUNT_RE = re.compile(
    rf"(?<![\w,./§:-])(?:(?:ca|cirka|drygt|knappt|omkring|nästan|runt|över|under|upp\s+till|totalt|minst|högst"
    rf"|max|maximalt|minimalt|färre\s+än|fler\s+än|mer\s+än|mindre\s+än|lägre\s+än|högre\s+än)\.?\s+)?"
    rf"(?P<num>{_NUM}|en|ett|{'|'.join(_NUMBER_WORDS)})"
    rf"(?P<scale>\s+{_SCALE})?(?P<unit>\s*{_UNIT})?(?![\w])", re.I)


def find_amounts(text: str) -> list[Entity]:
    """Amounts of money and percentages (kind "amount": "2,5 miljoner kronor",
    "500 000 kr", "12 procent") and plain counts (kind "number": "100 000", "fyra").

    Numbers that are part of a date, a paragraph (§ 112), a case number
    (2022/456) or a bare year are skipped.
    """
    if not text:
        return []
    blocked = find_dates(text) + find_periods(text)
    out = []
    for m in _AMOUNT_RE.finditer(text):
        num = m.group("num")
        s, e = m.start(), m.end()
        if m.group("scale") is None and m.group("unit") is None:
            if num.lower() in ("en", "ett"):
                continue
            if re.fullmatch(_YEAR, num) or any(b.start <= m.start("num") < b.end for b in blocked):
                continue
            before = text[max(0, s - 4):s]
            if "§" in before or NUMBER_LABEL_BEFORE_RE.search(text[max(0, s - 6):s]):
                continue
            if re.match(r"\s?§", text[e:e + 2]):  # "196 §": a paragraph written number first
                continue
            if num.isalpha() and num.lower() == "tusen":
                continue
            if re.match(r"[:/]\d", text[e:e + 2]):  # property designations ("Sävast 17:1"), fractions
                continue
            out.append(_ent("number", text, s, e, 0.8 if num[0].isdigit() else 0.6, num))
        else:
            if num.lower() in ("en", "ett") and m.group("scale") is None:
                continue
            out.append(_ent("amount", text, s, e, 1.0, num))
    return out


# --- persons -------------------------------------------------------------------------
# The name rules (parties, role words, the Matcher patterns) are indexer/names.py's,
# shared with the indexer's recogniser of who did what in minutes.

_MORE_NAMES = re.compile(rf"^(?:\s*(?:,|och|samt)\s+{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})+")
_ROLE_AFTER = re.compile(
    rf"^,\s*(?:(?:\d:[ae]|vice|\w+s|biträdande|tillförordnad|t\.f\.)\s+){{0,3}}{ROLE_RX}(?![\w])", re.I)


def find_persons(text: str) -> list[Entity]:
    """Person mentions with party and/or role, e.g. "Carina Sammeli (S), ordförande",
    "Ledamoten Anna Berg (M)", "Anders Lidström, kommundirektör", "kommundirektör Anders Lidström".

    A capitalised name alone is not enough (too many place and organ names are
    capitalised); it needs a party in parentheses, an adjacent role word or a verb
    of appointment before it ("Till ordförande utses Ingemar Svanström").
    """
    if not text:
        return []
    out = []
    for m in mentions(text):
        e = m.end
        after = _ROLE_AFTER.match(text[e:])
        if after:
            e += after.end()
        if m.rule == "APPOINTED_NAME":
            more = _MORE_NAMES.match(text[e:])
            if more:  # "Till justerare utses Johanna Norrbygård och Tua Backman": both
                e += more.end()
        out.append(_ent("person", text, m.start, e, 1.0))
    # companies and associations answer "vem fick …" as well: "Norrsken Bostad AB"
    out += [_ent("person", text, m.start(), m.end(), 0.8) for m in _ORGANISATION.finditer(text)]
    return _join_enumerations(text, _dedupe(out))


_ORGANISATION = re.compile(r"(?<![\w])(?:[A-ZÅÄÖ][\wåäöé&-]*\s+){1,3}(?:AB|HB|KB|ek\.\s?för\.|ekonomisk\s+förening)(?![\w])")


_ENUM_GAP = re.compile(r"^\s*(?:,|och|samt|,\s*och)\s*$")


def _join_enumerations(text: str, ents: list[Entity]) -> list[Entity]:
    """"Tomas Kero (M) och Maria Lindbäck (KD)": persons named one after the other
    answer a "vilka" question together, so they also form one entity."""
    out = list(ents)
    i = 0
    while i < len(ents):
        j = i
        while j + 1 < len(ents) and _ENUM_GAP.match(text[ents[j].end:ents[j + 1].start]):
            j += 1
        if j > i:
            out.append(_ent(ents[i].kind, text, ents[i].start, ents[j].end, 1.0))
        i = j + 1
    return out


# --- places --------------------------------------------------------------------------

_PLACE_LABEL = re.compile(r"(?:Plats och tid|Plats|Lokal|Sammanträdesplats)\s*:?\s+(?P<p>[^\n]+?)(?=,\s*(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)|\s+(?:den\s+)?\d|\n|$)")
_PLACE_PREP = re.compile(
    r"(?<![\w])(?:i|på|vid|utanför|norr om|söder om|öster om|väster om|längs)\s+"
    r"(?P<p>[A-ZÅÄÖ][\wåäöé-]+(?:(?:\s+|\s+och\s+|,\s+)[A-ZÅÄÖ][\wåäöé-]+){0,3})")
_PLACE_NOUN = (r"[a-zåäö]*(?:området|hamnen|arenan|arena|centrum|torget|parken|skolan|skolans\s+matsal|hallen|huset"
               r"|stationen|resecentrum|sjukhus|sjukhuset|universitet|matsal|matsalen|aulan|stadsdelen)")
_PLACE_COMMON = re.compile(
    rf"(?<![\w])(?:i|på|vid|till|utanför|från)\s+(?P<p>(?:[A-ZÅÄÖ][\wåäöé-]+\s+)?{_PLACE_NOUN}"
    rf"(?:\s+(?:i|vid|på)\s+[A-ZÅÄÖ][\wåäöé-]+)?)(?![\w])")
_NOT_PLACE = frozenset({"Kommunstyrelsen", "Kommunfullmäktige", "Beslut", "Förslag", "Samverkan"})


def find_places(text: str) -> list[Entity]:
    """Places: the value after "Plats och tid"/"Plats:", and capitalised names after
    a locative preposition ("i Svartbyn", "vid Stadshuset"); the preposition is kept
    out of the span."""
    if not text:
        return []
    out = [_ent("place", text, m.start("p"), m.end("p"), 1.0) for m in _PLACE_LABEL.finditer(text)]
    for m in _PLACE_PREP.finditer(text):
        word = m.group("p").split()[0].rstrip(",")
        if word in _NOT_PLACE:
            continue
        out.append(_ent("place", text, m.start("p"), m.end("p"), 0.7))
    for m in _PLACE_COMMON.finditer(text):
        out.append(_ent("place", text, m.start("p"), m.end("p"), 0.8))
    return _dedupe(out)


# --- lists ---------------------------------------------------------------------------

_LIST_LEAD = re.compile(r"(?:\bomfattar|\binnefattar|\binnehåller|\bföljande|\bbland annat|\bsåsom|\bnämligen|:)\s*", re.I)


def find_lists(text: str) -> list[Entity]:
    """Enumerations: the part after "omfattar …:", "följande", ":" etc. that holds at
    least two items separated by commas and/or "och"/"samt", up to the sentence end."""
    if not text:
        return []
    out = []
    for m in _LIST_LEAD.finditer(text):
        start = m.end()
        rest = text[start:]
        stop = re.search(r"[.;!?](?:\s|$)|\n\s*\n", rest)
        end = start + (stop.start() if stop else len(rest.rstrip()))
        seg = text[start:end]
        # skip a leading "fyra prioriterade områden:" — the list proper follows the colon
        if ":" in seg and m.group(0).strip() != ":":
            continue
        commas = seg.count(",") + len(re.findall(r"\s(?:och|samt)\s", seg)) + seg.count("\n")
        if commas >= 2 and len(seg.strip()) >= 5:
            # trim surrounding whitespace
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            out.append(_ent("list", text, start, end, 1.0 if commas >= 3 else 0.7))
    return _dedupe(out)


_FINDERS = {
    "date": find_dates, "period": find_periods, "amount": find_amounts, "number": find_amounts,
    "person": find_persons, "place": find_places, "list": find_lists,
}


def find_entities(text: str, kind: str) -> list[Entity]:
    """Entities of one kind ("date", "period", "amount", "number", "person", "place",
    "list"). For "amount" and "number" both amounts and counts are returned."""
    finder = _FINDERS.get(kind)
    return finder(text) if finder else []
