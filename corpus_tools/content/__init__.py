"""Content of the example corpus, as data.

Every module exports DOCUMENTS: a list of dicts.  Common keys:

    kind                minutes | agreement | html | docx | text
    file                output path relative to corpus/
    date                ISO date shown in README
    municipality_label  "Luleå kommun", "Bodens kommun" or "Luleå kommun och Bodens kommun"
    what                one-line description for README
    real                True only for the real press release (a)
"""
from __future__ import annotations

from . import (agreement, docx_documents, minutes_2022, minutes_boden, minutes_lulea, notes,
               press_releases, real_press_release)

MODULES = [real_press_release, agreement, minutes_2022, minutes_lulea, minutes_boden,
           press_releases, docx_documents, notes]


def all_documents() -> list[dict]:
    docs: list[dict] = []
    for mod in MODULES:
        docs.extend(mod.DOCUMENTS)
    return docs
