"""Swedish dates in free text: "7 juni 2022", "den 7 jun. 2022", "2022-06-07", "7/6 2022",
and the day.month.year form of Finland-Swedish minutes: "15.9.2022", "15.09.2022".

Everything returns ``datetime.date``; impossible dates ("2022-13-45",
"31 juni 2022") are not dates and are skipped.
"""
from __future__ import annotations

import re
from datetime import date

__all__ = [
    "MONTHS", "parse_swedish_date", "find_dates", "find_labelled_date", "find_labelled_dates",
    "DEFAULT_DATE_LABELS",
]

#: Month names and abbreviations (Swedish, plus the English forms that differ)
#: mapped to month numbers. Matching is case-insensitive; a dot after an
#: abbreviation is allowed ("7 sept. 2022").
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "febr": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augusti": 8, "aug": 8, "august": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"

# "7 juni 2022", "7:e juni 2022", "7 jun. 2022", "7 juni, 2022"
_DMY_NAME = rf"(?P<d1>\d{{1,2}})(?::[ae])?\.?\s+(?P<m1>{_MONTH_ALT})\.?,?\s+(?P<y1>{_YEAR})"
# "juni 7, 2022" (English order, occasionally in metadata)
_MDY_NAME = rf"(?P<m4>{_MONTH_ALT})\.?\s+(?P<d4>\d{{1,2}}),\s*(?P<y4>{_YEAR})"
# "2022-06-07", also the date part of "2022-06-07T10:00:00+02:00"
_ISO = rf"(?P<y2>{_YEAR})-(?P<m2>\d{{1,2}})-(?P<d2>\d{{1,2}})"
# "7/6 2022", "7/6-2022", "7/6/2022" (day first, as written in Sweden)
_SLASH = rf"(?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})(?:\s+|-|/)(?P<y3>{_YEAR})"
# "15.9.2022", "15.09.2022" (day first: Finland, and older Swedish minutes)
_DOTTED = rf"(?P<d5>\d{{1,2}})\.(?P<m5>\d{{1,2}})\.(?P<y5>{_YEAR})"

_DATE_RE = re.compile(
    rf"(?<![\w/.])(?:{_DMY_NAME}|{_MDY_NAME}|{_ISO}|{_SLASH}|{_DOTTED})(?!(?!T\d)[\w/]|\.\d)",
    re.IGNORECASE,
)
_COMPACT_RE = re.compile(rf"^\s*(?P<y>{_YEAR})(?P<m>\d{{2}})(?P<d>\d{{2}})\s*$")

DEFAULT_DATE_LABELS = ("publicerad", "publicerat", "uppdaterad", "uppdaterat", "datum",
                       "sammanträdesdatum")

_WEEKDAYS = r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?"


def _make_date(year: str, month: str | int, day: str) -> date | None:
    try:
        m = month if isinstance(month, int) else int(month)
        return date(int(year), m, int(day))
    except (ValueError, TypeError):
        return None


def _match_to_date(m: re.Match[str]) -> date | None:
    g = m.groupdict()
    if g["y1"]:
        return _make_date(g["y1"], MONTHS[g["m1"].lower()], g["d1"])
    if g["y4"]:
        return _make_date(g["y4"], MONTHS[g["m4"].lower()], g["d4"])
    if g["y2"]:
        return _make_date(g["y2"], g["m2"], g["d2"])
    if g["y3"]:
        return _make_date(g["y3"], g["m3"], g["d3"])
    if g["y5"]:
        return _make_date(g["y5"], g["m5"], g["d5"])
    return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every valid date in ``text`` as (date, start, end) character spans, in order.

    Compact "20220607" is not searched for in running text (too many numbers
    look like it); ``parse_swedish_date`` accepts it as a whole string.
    """
    if not text:
        return []
    out: list[tuple[date, int, int]] = []
    for m in _DATE_RE.finditer(text):
        d = _match_to_date(m)
        if d is not None:
            out.append((d, m.start(), m.end()))
    return out


def parse_swedish_date(text: str | None) -> date | None:
    """The date in a short string such as "7 juni 2022", "den 7 jun 2022",
    "2022-06-07", "20220607" or "7/6 2022"; None when there is no valid date.

    For longer text the first date found is returned.
    """
    if not text:
        return None
    m = _COMPACT_RE.match(text)
    if m:
        return _make_date(m["y"], m["m"], m["d"])
    found = find_dates(text)
    return found[0][0] if found else None


def find_labelled_dates(
    text: str, labels: tuple[str, ...] | list[str] = DEFAULT_DATE_LABELS, max_gap: int = 40,
) -> list[tuple[str, date, int, int]]:
    """Dates that directly follow one of ``labels`` ("Publicerad: 7 juni 2022",
    "Datum\\n2024-05-23", "Uppdaterat den 3 maj 2023 kl. 10.15").

    Returns (label as given in ``labels``, date, start of label, end of date)
    in text order. Between label and date only a colon, "den", a weekday and
    whitespace (up to ``max_gap`` characters, line breaks allowed) may occur.
    """
    if not text or not labels:
        return []
    by_lower = {lab.lower(): lab for lab in labels}
    alt = "|".join(re.escape(lab) for lab in sorted(by_lower, key=len, reverse=True))
    label_re = re.compile(
        rf"(?<![\wåäöÅÄÖ])(?P<label>{alt})(?![\wåäöÅÄÖ])"
        rf"(?P<gap>[\s:.\-–]*(?:\s*(?:{_WEEKDAYS}|den)\b[\s,]*)*)",
        re.IGNORECASE,
    )
    out: list[tuple[str, date, int, int]] = []
    for m in label_re.finditer(text):
        if len(m.group("gap")) > max_gap:
            continue
        start = m.end()
        dm = _DATE_RE.match(text, start)
        if dm is None:
            # the date may be in compact form right after a label
            cm = re.match(rf"(?P<y>{_YEAR})(?P<m>\d{{2}})(?P<d>\d{{2}})(?!\d)", text[start:start + 8])
            if cm:
                d = _make_date(cm["y"], cm["m"], cm["d"])
                if d:
                    out.append((by_lower[m.group("label").lower()], d, m.start(), start + 8))
            continue
        d = _match_to_date(dm)
        if d is not None:
            out.append((by_lower[m.group("label").lower()], d, m.start(), dm.end()))
    return out


def find_labelled_date(
    text: str, labels: tuple[str, ...] | list[str] = DEFAULT_DATE_LABELS,
) -> date | None:
    """The date after the first label in ``labels`` order that has one.

    Label order is priority: with the default labels a "Publicerad" date wins
    over an "Uppdaterat" date wherever they stand in the text.
    """
    found = find_labelled_dates(text, labels)
    if not found:
        return None
    for lab in labels:
        for label, d, _s, _e in found:
            if label == lab:
                return d
    return found[0][1]
