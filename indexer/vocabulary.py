"""Words and patterns of Swedish council documents, defined once.

How a § item is headed, how a diary number (Dnr) is written, which lines head a
decision, a proposal or another part of an item. The extractors (running
headers must never swallow an item heading), structure.py (items, decisions,
passages) and the web app's document view all read them from here.

The forms come from minutes of many systems and decades: Word templates
("KS § 3 a   DNR:KU/2007.9"), Ciceron and Meetings Plus ("§ 137   Dnr BN-2023-00211"),
Finnish-Swedish municipalities ("39 § Sammanträdets laglighet", the diary
number "NKBY/497/12.03.01/2022" on the line above), agencies ("§1. Sammanträdet öppnas").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ItemHeading", "parse_item_heading", "normalise_item_number", "DNR_LABEL", "find_dnr", "bare_dnr",
    "trailing_bare_dnr", "DNR_SPAN_RE", "strip_dnr_label", "DNR_WORD_RE", "CASE_CODE_RE", "is_dnr_label_word",
    "NUMBER_LABEL_BEFORE_RE",
    "DECISION_HEAD_RE", "is_decision_heading", "PROPOSAL_HEAD_RE", "is_proposal_heading",
    "SECTION_HEADINGS", "is_section_heading", "DOT_LEADER_RE",
]

# --- § item headings ---------------------------------------------------------------

# One item number: digits and an optional lower-case letter written with or
# without a space ("3a", "3 b"); the letter must end there ("§ 5 i kommunallagen"
# is rejected later because its rest starts in lower case).
_NUM = r"\d{1,4}(?:\s?[a-h](?![\wåäö]))?"
_RANGE = rf"(?P<range>{_NUM}(?:\s*(?:[-–—]|,|och)\s*{_NUM})*)"
# A body abbreviation before the § sign: KS, KSAU, BUN, KS-AU, SBN (letters, maybe digits/hyphen).
_PREFIX = r"(?P<prefix>[A-ZÅÄÖ][A-ZÅÄÖ0-9]{0,7}(?:-[A-ZÅÄÖ0-9]{1,6})?)"
_ITEM_HEADING_RE = re.compile(
    rf"^(?:{_PREFIX}\s*)?"
    rf"(?:§§\s*{_RANGE}"                          # §§ 12–14
    rf"|§\s*(?P<num1>{_NUM})(?![\d§])"             # § 12, §12, § 3 a, §3a
    rf"|(?P<num2>{_NUM})\s*§(?!§))"                # 12 §
    r"(?P<rest>.*)$"
)


@dataclass(frozen=True)
class ItemHeading:
    """A line that may open a § item; structure.py decides whether it does."""

    number: str          # normalised ("12", "3a", "12-14")
    form: str            # how it is written, for consistency checks: "§ N", "N §", "§§", with prefix "KS § N"
    prefix: str | None   # "KS", "KSAU" … or None
    rest: str            # the rest of the line after the number, stripped of leading ". : –"


def normalise_item_number(raw: str) -> str:
    """'3 a' -> '3a', '12 – 14' -> '12-14', '012' -> '12'."""
    parts = re.split(r"\s*[-–—]\s*", raw.strip())
    out = []
    for part in parts:
        m = re.match(r"^(\d+)\s?([a-h])?$", part.strip())
        out.append(f"{int(m.group(1))}{m.group(2) or ''}" if m else re.sub(r"\s+", "", part))
    return "-".join(out)


def parse_item_heading(line: str) -> ItemHeading | None:
    """The § number at the start of ``line`` in any of the forms minutes use,
    or None. Does not judge context (cross-references, contents lists)."""
    text = line.strip()
    m = _ITEM_HEADING_RE.match(text)
    if not m:
        return None
    prefix = m.group("prefix")
    if m.group("range"):
        raw = m.group("range")
        if "," in raw or " och " in raw:
            return None   # "§§ 131-136, 138-162, 165": a list of §§ (attendance, justification), not a heading
        number, form = normalise_item_number(raw), "§§"
    elif m.group("num1"):
        number, form = normalise_item_number(m.group("num1")), "§ N"
    else:
        number, form = normalise_item_number(m.group("num2")), "N §"
    if prefix:
        if prefix.isdigit():
            return None
        form = f"{prefix} {form}"
    rest = m.group("rest").strip()
    rest = re.sub(r"^[.:;,)\-–—]+\s*", "", rest).strip()
    return ItemHeading(number=number, form=form, prefix=prefix, rest=rest)


# --- diary numbers ----------------------------------------------------------------

#: Labels a diary number is written after.
DNR_LABEL = r"(?:Dnr|DNR|Diarienr|Diarienummer|Diarie\s?nr|Ärendenr|Ärendenummer|Ärende\s?nr|Beteckning)"
# The number itself: an optional letter code ("KS ", "KLK ", "BN-", "KU/") and a
# token with digits and separators ("2022/123", "2007.9", "2023-00211",
# "528/00.02.07/2022", "20014197").
_DNR_VALUE = (r"(?:[A-ZÅÄÖ]{1,8}(?:\s|[/.:-]\s?)?)?"
              r"\d[\w]*(?:[/.:\-]\s?[\wÅÄÖåäö]+)*(?<=\w)")
_DNR_RE = re.compile(rf"(?<![\wåäö]){DNR_LABEL}\.?\s*[:.]?\s*(?P<value>{_DNR_VALUE})", re.IGNORECASE)
# A diary number alone on its line, without a label: a letter code, then groups
# with a four-digit year ("NKBY/497/12.03.01/2022", "KS 2022/451", "BN-2023-00211").
_BARE_DNR_RE = re.compile(
    r"^(?P<value>[A-ZÅÄÖ]{2,8}(?:[/\-]|\s)(?:[\d.]+[/\-])*(?:19|20)\d{2}(?:[/.\-][\d.]+)*"
    r"|[A-ZÅÄÖ]{2,8}[/\-]\d+(?:[/.][\d.]+)*[/\-](?:19|20)\d{2})$")


def find_dnr(text: str) -> tuple[str, int, int] | None:
    """(diary number as written, start, end of the whole labelled span) of the
    first labelled diary number in ``text``."""
    m = _DNR_RE.search(text)
    if not m:
        return None
    value = m.group("value").strip().rstrip(".,;:")
    if not re.search(r"\d", value) or (not re.search(r"[/.:\-]", value) and len(re.sub(r"\D", "", value)) < 4):
        return None
    return value, m.start(), m.end()


def bare_dnr(line: str) -> str | None:
    """A line that is only an unlabelled diary number ("NKBY/497/12.03.01/2022")."""
    m = _BARE_DNR_RE.match(line.strip())
    return m.group("value") if m else None


# An unlabelled diary number ending an item heading's rest ("Budget 2023 KS 2022/123").
_BARE_DNR_AT_END_RE = re.compile(r"(?:^|\s)([A-ZÅÄÖ]{2,8}(?:\s|[/\-])(?:19|20)\d{2}[/.\-]\d+[\w./\-]*)$")


def trailing_bare_dnr(text: str) -> tuple[str, int] | None:
    """(diary number, where its span starts) when ``text`` ends with an
    unlabelled diary number ("Budget 2023 KS 2022/123" -> ("KS 2022/123", 11))."""
    m = _BARE_DNR_AT_END_RE.search(text)
    return (m.group(1), m.start()) if m else None


#: A labelled diary number as the document view strips it from a heading line
#: ("Dnr KS 2022/123", "Diarienummer: 2023.456").
DNR_SPAN_RE = re.compile(rf"\b{DNR_LABEL}[\s.:]*\S+(?:\s\d{{4}}[/.\-]\S+)?", re.I)


def strip_dnr_label(text: str) -> str:
    """The diary number without its label: "Dnr: KS 2022/123" -> "KS 2022/123"."""
    return re.sub(rf"^\s*{DNR_LABEL}[\s.:]*", "", text, flags=re.I).strip()


#: A diary number written without a label, as a case code in running text
#: ("KS 2022/123", "BN-2023-00211").
CASE_CODE_RE = re.compile(r"(?<![\w/])[A-ZÅÄÖ]{2,8}[ /-](?:19|20)\d{2}[/.-]\d{1,6}(?:[-.]\d{1,4})*(?![\w/])")
#: The label word of a diary number when it looks like a case code's letters ("DNR 2022/12").
_DNR_LABEL_WORD_RE = re.compile(r"(?i)dnr|diarienr|ärendenr")
#: A label just before a number that makes it a reference, not an amount ("nr 12", "dnr 45", "kl. 13").
NUMBER_LABEL_BEFORE_RE = re.compile(r"(?:nr|dnr|kl)\.?\s*$", re.I)


def is_dnr_label_word(word: str) -> bool:
    """"Dnr", "DIARIENR", "ärendenr": a diary-number label word."""
    return _DNR_LABEL_WORD_RE.fullmatch(word) is not None


#: A question's word for a diary number ("Vilket diarienummer har ärendet?").
DNR_WORD_RE = re.compile(r"^(?:diarienummer|diarienumret|diarienr|dnr|ärendenummer|ärendenumret|ärendenr)$", re.I)


# --- headings inside an item ------------------------------------------------------

# "Beslut", "Beslut:", "Kommunstyrelsens beslut", "Välfärdsnämndens beslut:",
# "Direktionens beslut", "Kommunstyrelsens arbetsutskotts beslut", "Beslut i korthet".
# A garbled text layer may add a stray letter after the colon ("beslut:i").
DECISION_HEAD_RE = re.compile(
    r"^(?:(?:[\wåäöé\-]+s\s+){0,2}beslut|beslutet|beslut i korthet|beslut i ärendet)\s*(?::\s*\w?)?$",
    re.IGNORECASE,
)
# "Förslag till beslut", "Förslag:", "Stadsdirektör Martin Norrgårds förslag:",
# "Kommunledningsutskottets förslag", "Beslutsförslag", "Förvaltningens förslag till beslut".
PROPOSAL_HEAD_RE = re.compile(
    r"^(?:(?:[\wåäöé/\-.]+\s+){0,5}[\wåäöé\-]+s\s+förslag(?:\s+till\s+beslut)?|förslag(?:\s+till\s+beslut)?"
    r"(?:\s+på\s+sammanträdet)?|beslutsförslag)\s*(?::\s*\w?)?$",
    re.IGNORECASE,
)

#: Headings that open a part of an item other than the decision (they end a
#: decision or proposal block). Lower case, without a trailing colon.
SECTION_HEADINGS: frozenset[str] = frozenset({
    "ärendebeskrivning", "sammanfattning av ärendet", "sammanfattning", "bakgrund", "beskrivning av ärendet",
    "beslutsunderlag", "beslutsgång", "yrkanden", "yrkande", "reservation", "reservationer",
    "protokollsanteckning", "protokollsanteckningar", "jäv", "propositionsordning",
    "beslutet skickas till", "beslutet ska skickas till", "skickas till", "expedieras till", "expediering",
    "ärendet", "omröstning", "omröstningsresultat", "särskilt yttrande", "motivering",
    "bedömning", "ekonomiska konsekvenser", "underlag", "deltar inte i beslutet", "tidigare behandling",
    "beredning", "handlingar", "innehåll", "paragrafer", "närvarande", "beslutande", "information",
    "yttrande", "förvaltningens bedömning", "ärendets beredning", "finansiering", "konsekvenser",
})


def _heading_key(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip().rstrip(":").strip()).casefold()


def is_decision_heading(line: str) -> bool:
    return bool(DECISION_HEAD_RE.match(line.strip()))


def is_proposal_heading(line: str) -> bool:
    return bool(PROPOSAL_HEAD_RE.match(line.strip()))


def is_section_heading(line: str) -> bool:
    """Any heading inside an item: decision, proposal or another part."""
    key = _heading_key(line)
    return key in SECTION_HEADINGS or is_decision_heading(line) or is_proposal_heading(line)


# --- contents lists -----------------------------------------------------------------

#: A dot (or underscore) leader before a page number: "Rekrytering av välfärdschef ……… 9".
DOT_LEADER_RE = re.compile(r"(?:\.\s?){4,}\s*\d{0,4}\s*$|…{2,}\s*\d{0,4}\s*$|(?:\.{2,}\s*…|…\s*\.{2,})")


# --- question words -------------------------------------------------------------------

#: Words that only shape a Swedish question ("När …", "Hur många …", "Vad heter …"):
#: an answer or a relevant document does not repeat them. Search does not count
#: them among the words a query must match (indexer/search/syntax.py), and
#: question answering does not look for them in the answer. Lower case.
QUESTION_WORDS = frozenset("""
när vem vems vilka vilken vilket vad hur var vart varifrån varför mycket många länge
""".split())
#: Verbs and fillers that only shape a question ("Vad heter …", "När äger … rum"):
#: question answering leaves them out of what it looks for; search does not, since
#: in a keyword query they may be the subject ("rum", "stora").
QUESTION_FILLERS = frozenset("""
stor stort stora ja nej vara är finns fanns gör göra gjorde kallas heter hette ske sker skedde äga äger rum ägde
""".split())
__all__ += ["QUESTION_WORDS", "QUESTION_FILLERS"]


#: A word as written, for the plain word field of an index: letters only, two or
#: more; the vocabulary of "Menade du …?" and where a query of stop words only is
#: looked for (indexer/search/core.py).
PLAIN_WORD = re.compile(r"[^\W\d_]{2,}")
