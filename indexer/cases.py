"""Cases by diary number (Dnr): the many ways one number is written, as one key per municipality.

A case's number is written differently by each system and person: "KS 2022/451",
"KS-2022-451", "Dnr 2022.451", "Dnr KS 2022/0451", and with the number of one
document of the case after it ("KS 2022/451-109") or a filing code ("2022/456-1.1.1").
All are the case 451 of 2022. Finnish-Swedish registers put the year last
("NKBY/497/12.03.01/2022"), old Word templates a dot ("KU/2007.9"). A joint
document names whose number it is ("Dnr Luleå 2022/456-1.1.1, Dnr Boden KS 2022/0318").

Finding a diary number in text is indexer/vocabulary.py's (its label and forms);
this module only reads one that was found: which register code, year and
number it has. Numbers are per municipality: 2022/451 of Luleå and of Boden
are different cases, so a case is (municipality, number).

Register codes: a number written without one ("2022/451", Luleå's own
board writes its numbers so) is the same case as one with a code ("KS 2022/451");
two different codes ("KS 2022/451", "SBN 2022/451") are two registers, two cases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Document
from .organisations import municipality_named
from .vocabulary import DNR_SPAN_RE, strip_dnr_label

# A recognised diary number split into its letter and digit runs; what
# separates them is checked below (the recognising is vocabulary.py's).
_RUNS = re.compile(r"[^\W\d_]+|\d+")
#: Characters between the digit groups of one number ("2022/451-109", "2007.9").
_GROUP_SEPARATORS = "/.-–:"
#: A register code: capitals, as registers write them ("KS", "SBN", "NKBY").
_MAX_CODE = 8

#: Where a record stands in a case's path through the bodies, for records of the
#: same day: the officials' report, a working committee, the board or a
#: committee (nämnd), the council.
PREPARATION, COMMITTEE, BOARD, COUNCIL = range(4)


@dataclass(frozen=True)
class CaseNumber:
    """One diary number read: its register code, year and number."""

    code: str | None          # "KS", "SBN", "NKBY"; None when written without one
    year: int | None          # None for a number without a year ("KNSLI/20014197")
    number: str               # digits without leading zeros ("451")
    written: str              # as written, without its label ("KS 2022/0451-109")
    municipality: str | None = None  # named inside the number ("Dnr Boden KS 2022/0318")

    @property
    def slug(self) -> str:
        """The case's id in addresses: "KS-2022-451", "2022-456", "KNSLI-20014197"."""
        return "-".join(p for p in (self.code, str(self.year) if self.year else None, self.number) if p)

    @property
    def label(self) -> str:
        """The normalised form people read: "KS 2022/451", "2022/456"."""
        digits = f"{self.year}/{self.number}" if self.year else self.number
        return f"{self.code} {digits}" if self.code else digits

    def same_case(self, other: "CaseNumber") -> bool:
        """Same year and number, and no two different register codes."""
        return (self.year, self.number) == (other.year, other.number) and (
            self.code is None or other.code is None or self.code == other.code)


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2099


def _joins_groups(gap: str) -> bool:
    # "/", ".", "-" between digit groups, maybe with a space after ("2022/ 451").
    return 1 <= len(gap) <= 2 and gap[0] in _GROUP_SEPARATORS and gap[1:] in ("", " ")


def _strip_labels(text: str) -> str:
    # "Diarienummer Dnr 2022/456" carries two labels.
    while (stripped := strip_dnr_label(text)) != text:
        text = stripped
    return text.strip()


def parse_dnr(text: str) -> CaseNumber | None:
    """The case number of a diary number as written, with or without its label;
    None when ``text`` does not start with one. What follows the number
    ("KS 2022/451, Dnr …", "2022/451 Handläggare …") is not read."""
    value = _strip_labels(text)
    names: list[str] = []
    codes: list[str] = []
    groups: list[str] = []
    end = 0
    for m in _RUNS.finditer(value):
        gap = value[end:m.start()]
        run = m.group()
        if not end and gap.strip():
            return None                      # something else comes first
        if run.isdigit():
            if groups and not _joins_groups(gap):
                break                        # the number has ended
            if not groups and end and not (gap.isspace() or _joins_groups(gap)):
                return None
            groups.append(run)
        elif groups:
            break                            # words after the number
        elif gap and not (gap.isspace() or gap == "-"):
            return None
        elif run.isupper() and len(run) <= _MAX_CODE:
            codes.append(run)
        elif not codes:
            names.append(run)                # a municipality before the code ("Boden KS 2022/0318")
        else:
            return None
        end = m.end()
    if not groups:
        return None
    municipality = None
    if names:
        municipality = municipality_named(" ".join(names))
        if municipality is None:
            return None
    if _is_year(groups[0]) and len(groups) > 1:
        year, number = int(groups[0]), groups[1]
    elif len(groups) > 1 and _is_year(groups[-1]):
        year, number = int(groups[-1]), groups[0]   # the year last: "NKBY/497/12.03.01/2022"
    elif len(groups) == 1 and len(groups[0]) >= 4:
        year, number = None, groups[0]              # one long number: "KNSLI/20014197"
    else:
        return None                                  # "12", "3.4": too little to be a case number
    return CaseNumber(code="".join(codes) or None, year=year, number=str(int(number)),
                      written=value[:end], municipality=municipality)


def case_of(dnr: str | None, municipalities: list[str]) -> tuple[str, CaseNumber] | None:
    """(municipality, number) of a diary number in a document of ``municipalities``:
    the municipality the number names, else the document's only one. A joint
    document's number that names none cannot be placed, nor an agency's."""
    number = parse_dnr(dnr) if dnr else None
    if number is None:
        return None
    if number.municipality:
        return number.municipality, number
    if len(municipalities) == 1:
        return municipalities[0], number
    return None


def stated_dnrs(text: str) -> list[str]:
    """The labelled diary numbers in a text, as written (without the label), in order."""
    out: list[str] = []
    for line in text.splitlines():
        # A table row of a DOCX arrives as "Diarienummer | KS 2022/0277".
        line = line.replace(" | ", " ")
        for m in DNR_SPAN_RE.finditer(line):
            number = parse_dnr(line[m.start():])
            if number is not None and number.written not in out:
                out.append(number.written)
    return out


def document_dnrs(doc: Document) -> list[str]:
    """The diary numbers a document without § items states as its own: labelled
    ones on its first page and in its running header (a tjänsteskrivelse's
    "Diarienummer", an agreement's "Dnr Luleå 2022/456-1.1.1, Dnr Boden KS 2022/0318").
    Minutes and agendas have their numbers on their § items instead; later pages
    cite other cases' numbers more often than their own."""
    if doc.items or not doc.pages:
        return []
    found = stated_dnrs(doc.metadata.get("header", "")) + stated_dnrs(doc.pages[0].text)
    return list(dict.fromkeys(found))


def stage(doc_type: str, body: str | None) -> int:
    """PREPARATION … COUNCIL: a record's place in a case's path, for ordering records of one day."""
    if doc_type == "tjänsteskrivelse":
        return PREPARATION
    name = (body or "").casefold()
    if "fullmäktige" in name:
        return COUNCIL
    if "utskott" in name:
        return COMMITTEE
    return BOARD


def section_key(number: str | None) -> tuple[int, str]:
    """Sort key of a § number ("9" before "12", "3a" after "3"); a whole document first."""
    if not number:
        return (-1, "")
    digits = number[:len(number) - len(number.lstrip("0123456789"))]
    return (int(digits) if digits else 0, number[len(digits):])
