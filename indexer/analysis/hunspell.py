"""The hunspell-sv dictionary files (``sv_SE.dic``, ``sv_SE.aff``) as the compound lexicon reads them.

``read_dic`` gives the stems with their flags, ``parse_aff`` the suffix rules;
the rest says what the flags of hunspell-sv mean. Where the files are
installed is the lexicon loader's business (compounds.hunspell_files).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import NamedTuple

# hunspell-sv suffix flags by paradigm (see sv_SE.aff)
NOUN_FLAGS = "BCDEFGHIJ"
VERB_FLAGS = "KLMN"
# suffix rules that derive new words rather than inflect: -isk adjectives and
# -are agent nouns (T), inhabitant names -bo/-sbo (e, d), numerals (1, 7)
DERIVATIONAL_FLAGS = frozenset("Ted17")
FORBIDDEN_FLAG = "%"

NOUN_SET = frozenset(NOUN_FLAGS)
VERB_SET = frozenset(VERB_FLAGS)
_COMMON_SET = frozenset("EFGHIJ")
_NEUTER_SET = frozenset("BCD")

WORD_RE = re.compile(r"^[^\W\d_]+$")


def has_noun(fl: str) -> bool:
    """Some noun paradigm (or the compound-end flag) among hunspell flags,
    whatever else the spelling is ("skola", "fråga" are verbs as well)."""
    return "Y" in fl or not NOUN_SET.isdisjoint(fl)


def is_nominal(fl: str) -> bool:
    """A noun among hunspell flags: a common-gender noun paradigm (E-J), or a
    neuter one (B-D, which adjectives use as well) with the compound-end flag
    Y; and no verb paradigm."""
    if not VERB_SET.isdisjoint(fl):
        return False
    return not _COMMON_SET.isdisjoint(fl) or ("Y" in fl and not _NEUTER_SET.isdisjoint(fl))


@functools.lru_cache(maxsize=None)
def condition(src: str) -> re.Pattern[str] | None:
    """An .aff rule condition as a regex on the end of the stem; None for "." (any stem)."""
    if src == ".":
        return None
    return re.compile("(?:" + src + ")$")


def parse_aff(path: Path) -> dict[str, list[tuple[str, str, str, str]]]:
    """flag -> [(strip, add, continuation flags, condition)] for SFX rules."""
    rules: dict[str, list[tuple[str, str, str, str]]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] != "SFX":
            continue
        if len(parts) == 4:  # header: SFX flag cross count
            continue
        flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
        strip = "" if strip == "0" else strip
        add, _, cont = add.partition("/")
        add = "" if add == "0" else add
        rules.setdefault(flag, []).append((strip, add, cont, cond))
    return rules


class Dictionary(NamedTuple):
    entries: list[tuple[str, str]]  # (lower-case stem, flags) per .dic entry
    flags: dict[str, str]           # lower-case stem -> flags of all its entries merged
    bound: frozenset[str]           # stems that occur only in compounds (flag Z)
    proper: frozenset[str]          # stems that are only proper names


def read_dic(path: Path) -> Dictionary:
    """The entries of the .dic file, lower-cased, without FORBIDDENWORD entries."""
    entries: list[tuple[str, str]] = []
    flags: dict[str, str] = {}
    lower_z: dict[str, list[int]] = {}       # lower-case entries: [count, count with Z]
    has_lower: set[str] = set()
    with open(path, encoding="utf-8", errors="replace") as fh:
        next(fh, None)  # entry count
        for line in fh:
            line = line.strip()
            if not line:
                continue
            entry = line.split()[0] if ("\t" in line or " " in line) else line
            word, _, fl = entry.partition("/")
            if FORBIDDEN_FLAG in fl or not WORD_RE.match(word):
                # FORBIDDENWORD entries are misspellings ("bäckström" for
                # "Bäckström", "antikkropp"): not words at all
                continue
            lw = word.lower()
            old = flags.get(lw, "")
            flags[lw] = old + "".join(ch for ch in fl if ch not in old)
            entries.append((lw, fl))
            if word[0].isupper():
                continue  # a proper name: says nothing about the common word
            has_lower.add(lw)
            zc = lower_z.setdefault(lw, [0, 0])
            zc[0] += 1
            zc[1] += "Z" in fl
    bound = frozenset(w for w, (n, z) in lower_z.items() if n == z)
    proper = frozenset(w for w in flags if w not in has_lower)
    return Dictionary(entries, flags, bound, proper)
