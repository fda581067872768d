"""Swedish compound splitting backed by the hunspell-sv lexicon.

Splitting policy (search oriented; the annotated test list
tests/data/compounds_sv.tsv follows it):

1. **Finest split.** A compound is split at every boundary where both sides
   are free content words used in their ordinary sense, and lexicalised
   compounds among the parts are split as well ("kollektivtrafikförsörjning"
   -> kollektiv + trafik + försörjning, "yrkeshögskola" -> yrke + hög + skola).
   The index also emits every run of adjacent parts (``compound_terms``:
   "kollektivtrafik", "trafikförsörjning"), so nothing searchable is lost.
   ``flat=False`` gives the top-level split into the largest lexicon words.
2. **Parts are lemmas**: linking -s-, -e-, -a-, -o-, -u- removed and a dropped
   vowel restored ("skol-" -> skola, "stom-" -> stomme, "gatu-" -> gata),
   verb stems as the infinitive ("bygg-" -> bygga), each part reported as
   ``lemma(base form)`` - what ``lemma()`` gives for the base word typed as a
   query, so "bostäder" (-> bostad) matches a part of "bostadsbyggande".
3. **Prefixes and particles are never parts** ("förskola", "samverkan",
   "medfinansiering", "undersköterska" stay whole).
4. **Names of places and people are never split** (hunspell proper names:
   "Västerbotten", "Svartbyn", "Holmström"); they may begin a compound
   ("göteborgsregionen" -> göteborg + region). A proper name that is the
   definite form of an ordinary compound ("Trafikverket", "Skolverket") is an
   organisation name and is split, unless its last part is a geographic word
   ("Bottenviken", "Östersjön").
5. **Lexicalised words whose parts would mislead a search stay whole**, also
   inside longer words: compound_exceptions.txt ("bostad", "näringsliv",
   "järnväg", "fullmäktige", "läkemedel" ...).

How a split is found. The lexicon is built from ``sv_SE.dic``/``sv_SE.aff``
of the hunspell-sv package (installed under ``<sys.prefix>/share/hunspell``)
and spaCy's Swedish lemma table, and cached on disk:

* **link forms** - strings that may begin or continue a compound, each with
  the word it stands for. Licensed by hunspell (strength 2): stems flagged
  ``X`` (may begin a compound) or ``U`` (middle) and the linking forms the
  .aff compound suffixes generate (``försörjning`` -> ``försörjnings-``,
  ``kyrka`` -> ``kyrko-``, ``ränta`` -> ``ränte-``); also the old -a- forms
  ("barna-", "bya-"). Generic Swedish linking (strength 1): the bare stem,
  ``-s-`` and ``-e-`` for nouns, for words in -a ``-o-``, ``-u-``, ``-e-`` or
  a dropped vowel, a dropped vowel with a simplified double consonant
  ("timme" -> "tim-"), and link forms the lemma table lists ("dricks" ->
  dricka). Hunspell entries flagged FORBIDDENWORD are ignored.
* **end forms** - the last part: any inflected form of a noun or adjective,
  read as its noun reading where the lemma table prefers a verb ("träffar" ->
  träff) and never through derivational suffix rules ("ekonomiskt" is not
  "ekonom"). Strength 2 when hunspell flags the stem ``Y`` (may end a
  compound), 1 otherwise.

A word is split into the fewest parts; ties go to a linking -s- after a
complex first part ("vindkrafts|parken", not "vindkraft|sparken"), then to
fewer generic parts, then to the split whose shortest part is longest, then
to the longer first part. Parts are at least 3 letters (a few two-letter
stems such as "el", "år", "ny" excepted), and a three-letter part must be
licensed by hunspell. A linking triple consonant is restored
("press|sekreterare").

Words that are themselves in the lexicon ("bostadsbyggande", "stadshuset")
are split only under stricter rules: every middle part licensed by hunspell,
at most one generic part (a long stem, a noun of 4 letters, or a
vowel-changing link), short parts (3 letters) only when hunspell licenses
them in that position or they are productive compound heads in the
dictionary ("råd", "del"). That keeps "bostad" (bo+stad), "kommun"
(kom+mun), "person" and "handel" whole while "stadshuset" -> stad + hus. The
same strict rules are applied to the parts of a split (the flat split). An
inflected form of a dictionary word splits like its lemma ("stadsdelar" like
"stadsdel"; "moderaterna" not at all, as "moderat" does not split).

Speed (bench/compounds_speed.py): link forms are looked up only for
substring lengths that occur (``Lexicon.link_lens``); the search goes level
by level (2 parts, then 3 ...) and stops at the first level with a split;
end forms and splits are cached per word (``functools.lru_cache``); and the
lexicon stores, computed when it is built, the split of every dictionary word
that can be a compound part (``Lexicon.compounds``; ``Lexicon.simple`` lists
those that do not split), so the parts of a long compound and the inflected
forms of dictionary words need no search of their own. The lexicon cache is
keyed on the dictionary, the lemma table, the overrides, the exceptions and
this code, so editing any of them rebuilds it.
"""
from __future__ import annotations

import functools
import os
import re
import sys
import sysconfig
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .swedish import (TrieMap, _lookup_sources, cached_store, lemma, lemma_table, lemma_values,
                      read_lemma_overrides, use_lemma_fixes)

LEXICON_VERSION = "12"
DICTIONARY = "sv_SE"
HUNSPELL_DIR_ENV = "SEARCH_HUNSPELL_DIR"

# Two-letter parts that are real, frequent compound members (unknown words).
SHORT_STEMS = frozenset({"el", "år", "bo", "by", "is", "tv", "it", "ny", "kö"})
# Two-letter parts accepted in words that are in the lexicon as a whole
# ("elnätet", "nyproduktion", "bostadskö"); "bo" is not among them, or
# "bostad" would be bo + stad, nor "by" ("bysten").
STRICT_SHORT_FIRST = frozenset({"el", "tv", "it", "år", "ny", "is"})
STRICT_SHORT_ANY = frozenset({"el", "tv", "it", "år"})  # also before a short part ("elnät")
STRICT_SHORT_END = frozenset({"år", "kö", "tv"})
# Particles and prefixes: never a compound part on their own.
PARTICLES = frozenset(
    """an av be bi er ge in om på ut upp för till med mot ned ner hit dit fram bort
    åter över under efter genom mellan kring emot bakom inom utom utan före
    förut ihop isär sönder samman tillbaka omkring sam miss van icke
    all o des fort multi""".split()
)
# Derivational endings that are also words ("ande" = spirit, "het" = hot,
# "vis" = manner); never accepted as the last part.
SUFFIX_WORDS = frozenset(
    """ande ende are het else ning ring ling skap dom ism ist itet tion lig ig
    isk ad ing ör ur ans ens vis bar era ska aktig logi logisk grafi grafisk""".split()
)
# Old -a- linking forms (not productive, so listed): barnavård, byalag.
A_LINKS = {"barna": "barn", "bya": "by", "gästa": "gäst"}
# Last parts that make a proper name a place name, which is never split
# ("Bottenviken", "Svartbyn"); other definite-form proper names are
# organisations ("Trafikverket") and are split.
GEO_HEADS = frozenset(
    """by vik sjö stad backe berg näs holm holme dal lund hav fjärd ö å älv ström
    bäck sund udde myr träsk hed skog mark land botten gård torp vall hamn bro
    fors strand ås kulle höjd vägen väg gata torg park äng slätt ed vattnet
    fjäll klint""".split()
)
# hunspell-sv suffix flags by paradigm (see sv_SE.aff)
NOUN_FLAGS = "BCDEFGHIJ"
VERB_FLAGS = "KLMN"
# suffix rules that derive new words rather than inflect: -isk adjectives and
# -are agent nouns (T), inhabitant names -bo/-sbo (e, d), numerals (1, 7)
DERIVATIONAL_FLAGS = frozenset("Ted17")
# a short (3-letter) noun is a productive compound head when the dictionary
# holds at least this many compounds ending in it ("råd", "del", "fas")
PRODUCTIVE_HEAD_MIN = 60
FORBIDDEN_FLAG = "%"

_lock = threading.RLock()


class LexiconMissingError(RuntimeError):
    """The hunspell-sv dictionary files cannot be found."""


def hunspell_candidates() -> list[Path]:
    """Folders searched for sv_SE.dic/sv_SE.aff, in order."""
    out: list[Path] = []
    from ..config import env_path
    env = env_path(HUNSPELL_DIR_ENV)
    if env:
        out.append(env)
    out.append(Path(sys.prefix) / "share" / "hunspell")
    try:
        out.append(Path(sysconfig.get_path("data")) / "share" / "hunspell")
    except Exception:  # pragma: no cover
        pass
    try:
        user = sysconfig.get_path("data", f"{os.name}_user")
        if user:
            out.append(Path(user) / "share" / "hunspell")
    except Exception:  # pragma: no cover
        pass
    seen: list[Path] = []
    for p in out:
        if p not in seen:
            seen.append(p)
    return seen


def hunspell_files() -> tuple[Path, Path]:
    """(dic, aff) paths of the hunspell-sv dictionary; LexiconMissingError if absent."""
    for folder in hunspell_candidates():
        dic, aff = folder / f"{DICTIONARY}.dic", folder / f"{DICTIONARY}.aff"
        if dic.is_file() and aff.is_file():
            return dic, aff
    looked = ", ".join(str(p) for p in hunspell_candidates())
    raise LexiconMissingError(
        f"Swedish hunspell dictionary ({DICTIONARY}.dic and {DICTIONARY}.aff) not found; "
        f"looked in: {looked}. Install it into this Python environment with "
        f"'pip install hunspell-sv', or set {HUNSPELL_DIR_ENV} to the folder holding the files."
    )


# ---------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------


@dataclass
class Lexicon:
    flags: dict[str, str]                     # lower-case stem -> hunspell flags (all entries merged)
    bound: frozenset[str]                     # stems that occur only in compounds (flag Z)
    proper: frozenset[str]                    # stems that are only proper names
    link: dict[str, tuple[str, int]]          # first/middle form -> (base stem, strength)
    sfx: dict[str, tuple[tuple[str, str, str], ...]]  # suffix text -> ((flag, strip, condition), ...)
    maxadd: int
    lemma_fixes: dict[str, str]               # noun readings the lemma table gets wrong
    heads: frozenset[str] = frozenset()       # productive short compound heads ("råd", "del")
    starts: frozenset[str] = frozenset()      # first 3 and 4 letters of every word and stem
    link_lens: dict[str, tuple[int, ...]] | None = None  # first 8 / 10 letters -> lengths of long link forms
    # the compound dictionary: flat split of every dictionary word that can be
    # a part (the bases of the link forms), and those that do not split
    compounds: dict[str, tuple[tuple[str, str], ...]] | None = None
    simple: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._init_caches()

    def _init_caches(self) -> None:
        # suffix text -> ((strip, ((flag, condition regex or None), ...)), ...):
        # one stem lookup per distinct strip instead of one per rule, and no
        # derivational rules (an end part is an inflected word, not a derivation)
        compiled: dict[str, re.Pattern[str]] = {}

        def cond(src: str):
            if src == ".":
                return None
            c = compiled.get(src)
            if c is None:
                c = compiled[src] = re.compile("(?:" + src + ")$")
            return c

        grouped: dict[str, dict[str, list]] = {}
        for add, rules in self.sfx.items():
            g = grouped.setdefault(add, {})
            for flag, strip, c in rules:
                if flag in DERIVATIONAL_FLAGS:
                    continue
                g.setdefault(strip, []).append((flag, cond(c)))
        self._sfx_grouped = {
            add: tuple((strip, tuple(fc)) for strip, fc in g.items()) for add, g in grouped.items() if g
        }
        # the suffixes by their last two letters (one-letter and empty
        # suffixes under their own keys), longest first: stem_of() does one
        # lookup per key instead of one per suffix length
        by_tail: dict[str, list] = {}
        for add in sorted(self._sfx_grouped, key=len, reverse=True):
            by_tail.setdefault(add[-2:], []).append((add, len(add), self._sfx_grouped[add]))
        self._sfx_by_tail = {k: tuple(v) for k, v in by_tail.items()}
        self._sfx_cands: dict[str, tuple] = {}  # last two letters -> all candidate suffixes
        if self.link_lens is None:
            self.link_lens = _link_lengths(self.link)
        if not self.starts:
            self.starts = _word_starts(self.flags, self.bound)

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._init_caches()

    def __getstate__(self) -> dict:
        d = dict(self.__dict__)
        for k in ("_sfx_grouped", "_sfx_by_tail", "_sfx_cands"):
            d.pop(k, None)
        return d

    def stem_of(self, form: str, need: str = "") -> str | None:
        """A stem that hunspell's inflectional suffix rules turn into ``form``;
        one with the flag ``need`` if there is one, else any."""
        flags = self.flags
        bound = self.bound
        n = len(form)
        fallback = None
        key = form[-2:]
        cands = self._sfx_cands.get(key)
        if cands is None:
            by_tail = self._sfx_by_tail
            cands = by_tail.get(key, ()) + by_tail.get(key[-1:], ()) + by_tail.get("", ())
            self._sfx_cands[key] = cands
        for add, k, groups in cands:
            if k > n - 2 or (k > 2 and not form.endswith(add)):
                continue
            head = form[: n - k]
            for strip, rules in groups:
                stem = head + strip if strip else head
                f = flags.get(stem)
                if f is None or stem in bound:
                    continue
                for flag, cond in rules:
                    if flag in f and (cond is None or cond.search(stem)):
                        if not need or need in f:
                            return stem
                        if fallback is None:
                            fallback = stem
                        break
        return fallback


def _link_lengths(link: dict[str, tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    """First eight letters -> sorted lengths of the link forms of 8 or 9
    letters that begin so, and first ten letters -> lengths of those of 10+
    letters: _links_at() looks up only substrings that can be link forms
    (shorter ones directly)."""
    by: dict[str, set[int]] = {}
    for f in link:
        n = len(f)
        if n >= 10:
            by.setdefault(f[:10], set()).add(n)
        elif n >= 8:
            by.setdefault(f[:8], set()).add(n)
    return {k: tuple(sorted(v)) for k, v in by.items()}


def _word_starts(flags: dict[str, str], bound) -> frozenset[str]:
    """The first three and four letters of every free stem, lemma-table form
    and lemma: a last part must begin like some word."""
    out = set()
    for src in (flags, lemma_table(), lemma_values()):
        for w in src:
            if w not in bound:
                out.add(w[:3])
                out.add(w[:4])
    return frozenset(out)


def _parse_aff(path: Path) -> dict[str, list[tuple[str, str, str, str]]]:
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


_WORD_RE = re.compile(r"^[^\W\d_]+$")


def _resolve_bound(form: str, free, table: dict[str, str], values) -> str | None:
    """The free word behind a compound-only form: samhälls -> samhälle, kyrk -> kyrka."""
    t = table.get(form)
    if t and t != form and (free(t) or t in values):
        return t
    cands = []
    if form.endswith("s"):
        x = form[:-1]
        cands += [x + "e", x, x + "a"]
        if form.endswith("es"):
            cands += [form[:-2] + "a", form[:-2]]
    if form[-1:] in ("o", "u", "e"):
        cands += [form[:-1] + "a", form[:-1] + "e", form[:-1]]
    if form.endswith("a"):
        cands += [form[:-1]]
    cands += [form + "a", form + "e", form + "el", form + "er"]
    for c in cands:
        if free(c):
            return c
    return None


_NOUN_SET = frozenset(NOUN_FLAGS)
_VERB_SET = frozenset(VERB_FLAGS)
_COMMON_SET = frozenset("EFGHIJ")
_NEUTER_SET = frozenset("BCD")


def _has_noun(fl: str) -> bool:
    """Some noun paradigm (or the compound-end flag) among hunspell flags,
    whatever else the spelling is ("skola", "fråga" are verbs as well)."""
    return "Y" in fl or not _NOUN_SET.isdisjoint(fl)


def _is_nominal(fl: str) -> bool:
    """A noun among hunspell flags: a common-gender noun paradigm (E-J), or a
    neuter one (B-D, which adjectives use as well) with the compound-end flag
    Y; and no verb paradigm."""
    if not _VERB_SET.isdisjoint(fl):
        return False
    return not _COMMON_SET.isdisjoint(fl) or ("Y" in fl and not _NEUTER_SET.isdisjoint(fl))


def _noun_lemma_fixes(table, flags, bound, sfx, maxadd) -> dict[str, str]:
    """Forms whose noun reading the lemma table misses, checked against hunspell.

    * "-ar" plurals that the table sends to an "-are" agent noun
      ("vägar" -> "vägare", "järnvägar" -> "järnvägare") -> the noun;
    * neuter definite "-et" that the table reads as a participle in "-en"
      ("beslutet" -> "besluten", "förslaget" -> "förslagen") -> the noun.
    The noun must be a free hunspell stem that may end a compound (flag Y)
    and that the table itself uses as a lemma.
    """
    values = set(table.values())
    conds: dict[str, re.Pattern[str]] = {}

    def cond_ok(cond: str, st: str) -> bool:
        if cond == ".":
            return True
        c = conds.get(cond)
        if c is None:
            c = conds[cond] = re.compile("(?:" + cond + ")$")
        return c.search(st) is not None

    def noun_stem(k: str, allowed: str) -> str | None:
        n = len(k)
        for size in range(min(maxadd, n - 2), 0, -1):
            for flag, strip, cond in sfx.get(k[n - size:], ()):
                if flag not in allowed:
                    continue
                st = k[: n - size] + strip
                f = flags.get(st)
                if not f or flag not in f or "Y" not in f or st in bound or st not in values:
                    continue
                if cond_ok(cond, st):
                    return st
        return None

    fixes: dict[str, str] = {}
    for k, v in table.items():
        if k.endswith("ar") and v not in (k[:-1], k[:-2]) and len(k) > 4:
            # neither the verb (arbetar -> arbeta) nor the noun (dagar -> dag)
            # reading: "arbetar" -> "arbetare", "visar" -> "vise", "vägar" -> "vägare"
            st = noun_stem(k, "G")
            verb = k[:-1]
            if st is None and verb in values and verb in flags and verb not in bound:
                st = verb
            if st and st != v:
                fixes[k] = st
            continue
        elif k.endswith("et") and v == k[:-2] + "en":
            allowed = "BC"
        elif k.endswith("ets") and v == k[:-3] + "en":
            allowed = "BC"
        else:
            continue
        st = noun_stem(k, allowed)
        if st and st != v:
            fixes[k] = st
    return fixes


def _build_lexicon() -> Lexicon:
    dic, aff = hunspell_files()
    rules = _parse_aff(aff)
    table = dict(lemma_table().items())  # plain dicts while building (speed)
    values = frozenset(lemma_values())

    entries: list[tuple[str, str]] = []
    flags: dict[str, str] = {}
    lower_z: dict[str, list[int]] = {}       # lower-case entries: [count, count with Z]
    has_lower: set[str] = set()
    with open(dic, encoding="utf-8", errors="replace") as fh:
        next(fh, None)  # entry count
        for line in fh:
            line = line.strip()
            if not line:
                continue
            entry = line.split()[0] if ("\t" in line or " " in line) else line
            word, _, fl = entry.partition("/")
            if FORBIDDEN_FLAG in fl or not _WORD_RE.match(word):
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
    bound = {w for w, (n, z) in lower_z.items() if n == z}
    proper = frozenset(w for w in flags if w not in has_lower)

    # --- link forms: collect every (base, strength) candidate, choose below
    cands: dict[str, set[tuple[str, int]]] = {}
    resolved: dict[str, str | None] = {}

    def free(w: str) -> bool:
        return w in flags and w not in bound and w not in proper

    def base_of(stem: str) -> str | None:
        if stem not in bound:
            return stem
        if stem not in resolved:
            resolved[stem] = _resolve_bound(stem, free, table, values)
        return resolved[stem]

    def add(form: str, base: str | None, strength: int) -> None:
        if base and len(form) >= 2:
            cands.setdefault(form, set()).add((base, strength))

    conds: dict[str, re.Pattern[str]] = {}
    # hunspell-licensed (strength 2): X/U stems and the .aff linking forms
    for lw, fl in entries:
        if "X" in fl or "U" in fl:
            add(lw, base_of(lw), 2)
            # an X entry that is itself a linking form ("företags/XY")
            if lw.endswith("s") and free(lw[:-1]):
                add(lw, lw[:-1], 2)
        for f in fl:
            for strip, add_, cont, cond in rules.get(f, ()):
                if "X" not in cont and "U" not in cont:
                    continue
                if strip and not lw.endswith(strip):
                    continue
                if cond != ".":
                    rx = conds.get(cond)
                    if rx is None:
                        rx = conds[cond] = re.compile("(?:" + cond + ")$")
                    if not rx.search(lw):
                        continue
                form = lw[: len(lw) - len(strip)] + add_
                if _WORD_RE.match(form):
                    add(form, base_of(lw), 2)
    for form, base in A_LINKS.items():
        add(form, base, 2)

    # generic Swedish linking (strength 1) for free, non-proper stems
    for lw, fl in flags.items():
        if lw in bound or lw in proper:
            continue
        if len(lw) < 3 and lw not in SHORT_STEMS:
            continue
        nominal = any(c in fl for c in "EFGHIJ") or lw in SHORT_STEMS
        adjective = any(c in fl for c in "OPQ") and not any(c in fl for c in VERB_FLAGS)
        if not nominal and "Y" not in fl:
            if adjective:
                add(lw, lw, 1)  # adjectives compound bare: "kall-", "stor-" (no -s-)
            elif lw.endswith("a") and any(c in fl for c in "KLM"):
                # a verb stem without its -a ("bygga" -> "bygg-lov")
                add(lw[:-1], lw, 1)
                if len(lw) >= 5 and lw[-2] == lw[-3] and lw[-2] in "mn":
                    add(lw[:-2], lw, 1)  # "simma" -> "sim-"
            continue
        add(lw, lw, 1)
        if not adjective or any(c in fl for c in NOUN_FLAGS):
            add(lw + "s", lw, 1)  # no -s- after an adjective ("stor-stad", "social-tjänst")
        last = lw[-1]
        if last == "a":
            head = lw[:-1]
            for suffix in ("", "o", "u", "e"):
                add(head + suffix, lw, 1)
        elif last == "e":
            add(lw[:-1], lw, 1)
        elif last not in "aeiouyåäö":
            add(lw + "e", lw, 1)
        if last in "ae" and len(lw) >= 5 and lw[-2] == lw[-3] and lw[-2] in "mn":
            add(lw[:-2], lw, 1)  # "timme" -> "tim-", "stomme" -> "stom-" (not "samhäl-")
    # link forms the lemma table lists for a word ("grundskole" -> grundskola,
    # "dricks" -> dricka, "stom" -> stomme)
    for form, base in table.items():
        if not free(base):
            continue
        if (
            form == base + "s"
            or (base.endswith("a") and form in (base[:-1], base[:-1] + "o", base[:-1] + "u", base[:-1] + "e"))
            or (base.endswith("a") and len(base) >= 5 and form == base[:-1] + "s")
            or (base.endswith("e") and form == base[:-1])
            or (base[-1:] in ("a", "e") and len(base) >= 5 and form == base[:-2] and base[-2] == base[-3]
                and base[-2] in "mn")
        ):
            add(form, base, 1)

    def rank(form: str, c: tuple[str, int]) -> tuple:
        base, strength = c
        f = flags.get(base, "")
        # hunspell attaches linking forms to verbs as well ("besluts" from
        # "besluta"), so the licence says little about which word is meant
        # a word as it is ("plan", not the verb "plana"), unless it is only
        # the genitive of a noun ("försöks/XY" -> försök)
        selfish = form == base and (
            form in values or not (form[-1] == "s" and form[:-1] in values and _has_noun(flags.get(form[:-1], "")))
        )
        return (
            selfish,
            base in values or base not in table,  # a lemma, not an inflected form
            # -s- links nouns, not verbs ("samråds" -> samråd, not samråda)
            form == base + "s" and _has_noun(f) and not base.endswith("a"),
            base == form + "e" and form.endswith("ar"),  # agent nouns: "brytar-" -> brytare
            table.get(form) == base,              # the lemma table reads the form so ("bygg" -> bygga)
            _is_nominal(f),                       # a noun rather than a verb ("besluts" -> beslut)
            "X" in f or "U" in f,                 # the base itself compounds
            strength,
            form.startswith(base) or base.startswith(form),
            "Y" in f,
            -abs(len(form) - len(base)),
            base,
        )

    link: dict[str, tuple[str, int]] = {}
    for form, cs in cands.items():
        if form in PARTICLES or (form[-1] == "s" and form[:-1] in PARTICLES):
            continue  # "för-", "mot-", "upp-", "övers-" are prefixes, never parts
        # parts that _segment() would reject anyway are left out (speed)
        cs = {c for c in cs if (len(c[0]) >= 3 or c[0] in SHORT_STEMS) and c[0] not in PARTICLES}
        if not cs:
            continue
        if len(cs) == 1:
            link[form] = next(iter(cs))
        else:
            # the form is licensed if any reading is; the base is the most
            # plausible reading ("besluts" -> beslut, not the verb besluta)
            base = max(cs, key=lambda c: rank(form, c))[0]
            link[form] = (base, max(st for _b, st in cs))
    cands.clear()  # free the candidates (large)

    # --- productive short heads: 3-letter nouns that end many dictionary
    # compounds after a licensed first part ("råd", "del", "fas")
    strong = {f for f, (_b, s) in link.items() if s == 2 and len(f) >= 3}
    counts: Counter[str] = Counter()
    for w in flags:
        if len(w) >= 6 and w not in bound and w not in proper:
            tail = w[-3:]
            if w[:-3] in strong:
                counts[tail] += 1
    heads = frozenset(
        t for t, c in counts.items()
        if c >= PRODUCTIVE_HEAD_MIN and t in flags and t not in SUFFIX_WORDS
        and any(f in flags[t] for f in NOUN_FLAGS) and not any(f in flags[t] for f in VERB_FLAGS)
        and t not in PARTICLES
    )

    # --- inflectional suffix index (rules that do not create compound parts)
    sfx: dict[str, list[tuple[str, str, str]]] = {}
    for f, rs in rules.items():
        for strip, add_, cont, cond in rs:
            if any(c in cont for c in "XUZW"):
                continue
            sfx.setdefault(add_, []).append((f, strip, cond))
    maxadd = max((len(a) for a in sfx), default=0)
    sfx_t = {k: tuple(v) for k, v in sfx.items()}
    lemma_fixes = _noun_lemma_fixes(table, flags, bound, sfx_t, maxadd)
    lex = Lexicon(
        flags=flags,
        bound=frozenset(bound),
        proper=proper,
        link=link,
        sfx=sfx_t,
        maxadd=maxadd,
        lemma_fixes=lemma_fixes,
        heads=heads,
        starts=_word_starts(flags, bound),
        link_lens=_link_lengths(link),
    )
    lex.compounds, lex.simple = _compound_dictionary(lex)
    return lex


def _clear_caches() -> None:
    for fn in (_split_pieces, compound_pieces, _end, is_known_word, base_form):
        fn.cache_clear()


def _compound_dictionary(lex: Lexicon) -> tuple[dict[str, tuple[tuple[str, str], ...]], frozenset[str]]:
    """The flat split of every word that can be a compound part (the base of a
    link form), computed once with ``lex`` and stored with it: a long
    compound then costs one search, not one per part. Returns (splits of the
    words that split, the words that do not)."""
    global _lexicon, _table, _values
    saved = (_lexicon, _table, _values)
    _lexicon, _table, _values = lex, dict(lemma_table().items()), frozenset(lemma_values())
    _clear_caches()
    try:
        compounds: dict[str, tuple[tuple[str, str], ...]] = {}
        simple = set()
        for b in sorted({b for b, _s in lex.link.values()}):
            if len(b) < MIN_COMPOUND_LEN or b in lex.proper or not b.isalpha():
                continue
            if _split_pieces(b, True):
                compounds[b] = compound_pieces(b, True)
            else:
                simple.add(b)
    finally:
        _lexicon, _table, _values = saved
        _clear_caches()
    return compounds, frozenset(simple)


_lexicon: Lexicon | None = None
# the lemma table and its lemmas, bound when the lexicon is loaded (speed)
_table: dict[str, str] = {}
_values: frozenset[str] = frozenset()


def lexicon() -> Lexicon:
    """The compound lexicon, built once per process (and cached on disk)."""
    global _lexicon, _table, _values
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                dic, aff = hunspell_files()
                # the compound dictionary depends on the splitting code and the
                # exceptions as well: editing them rebuilds the lexicon
                code = [Path(__file__), Path(__file__).with_name("swedish.py"), EXCEPTIONS_FILE]
                parts = cached_store(
                    "sv-compound-lexicon", LEXICON_VERSION,
                    [dic, aff, *_lookup_sources(), *[p for p in code if p.exists()]],
                    lambda: _lexicon_parts(_build_lexicon()), encoders=_ENCODERS, decoders=_DECODERS,
                )
                lex = Lexicon(**parts)
                _table = lemma_table()
                _values = lemma_values()
                _lexicon = lex
    return _lexicon


# The lexicon's large parts are stored as marisa tries (swedish.cached_store),
# memory-mapped from the analysis cache and shared by worker processes: the
# large sets (proper, starts, simple) as tries, the large maps (flags, link,
# link_lens, compounds) as tries with their values encoded as strings (below);
# the small parts (sfx, maxadd, lemma_fixes, bound, heads) are pickled.
_STRENGTH = {"1": 1, "2": 2}


def _link_encode(v: tuple[str, int]) -> str:
    return f"{v[1]}{v[0]}"


def _link_decode(s: str) -> tuple[str, int]:
    return s[1:], _STRENGTH[s[0]]


def _lens_encode(v: tuple[int, ...]) -> str:
    return "".join(map(chr, v))


def _lens_decode(s: str) -> tuple[int, ...]:
    return tuple(map(ord, s))


def _pairs_encode(v: tuple[tuple[str, str], ...]) -> str:
    return "\t".join(x for pair in v for x in pair)


def _pairs_decode(s: str) -> tuple[tuple[str, str], ...]:
    p = s.split("\t")
    return tuple(zip(p[0::2], p[1::2]))


_ENCODERS = {"flags": None, "link": _link_encode, "link_lens": _lens_encode,
             "compounds": _pairs_encode}
_DECODERS = {"link": _link_decode, "link_lens": _lens_decode, "compounds": _pairs_decode}


def _lexicon_parts(lex: Lexicon) -> dict:
    """The fields of a built Lexicon, as cached_store() stores them."""
    return {
        "flags": lex.flags, "bound": frozenset(lex.bound), "proper": frozenset(lex.proper), "link": lex.link,
        "sfx": lex.sfx, "maxadd": lex.maxadd, "lemma_fixes": lex.lemma_fixes, "heads": frozenset(lex.heads),
        "starts": frozenset(lex.starts), "link_lens": lex.link_lens, "compounds": lex.compounds or {},
        "simple": frozenset(lex.simple),
    }


# lemma() corrects the lemma table with the noun readings found here
use_lemma_fixes(lambda: lexicon().lemma_fixes)


# ---------------------------------------------------------------------------
# Splitting
# ---------------------------------------------------------------------------

# inflectional endings of nouns: "fasen" is a form of "fas" although the
# lemma table also lists "fasen" as a lemma (of "fasens")
_NOUN_ENDINGS = frozenset(
    "en et n t na ar er or arna erna orna ens ets ns na s ars ers ors".split()
)


@functools.lru_cache(maxsize=1)
def _override_map() -> dict[str, str]:
    return read_lemma_overrides()


def _end_base(s: str, lex: Lexicon) -> str | None:
    """The noun/adjective lemma behind a last part, or None."""
    table = _table
    values = _values
    flags = lex.flags
    t = lex.lemma_fixes.get(s) or _override_map().get(s) or table.get(s)
    if t is None or t == s:
        if s in values or (s in flags and s not in lex.bound):
            return s
        return lex.stem_of(s, "Y")
    if s in values and _own_paradigm(s, table):
        return s  # "tekniker" (teknikern), "gas" (gasen), not "teknik", "ga"
    if t[-1] == "a" and s[len(t) - 1:] in _NOT_A_NOUN_ENDINGS and s.startswith(t[:-1]):
        # "viken" is no form of a noun "vika" (vikan, vikor): the noun "vik"
        n = t[:-1]
        fn = flags.get(n)
        if fn is not None and n in values and _has_noun(fn) and n not in lex.bound:
            return n
    f = flags.get(t)
    if f is not None and not _VERB_SET.isdisjoint(f) or t.endswith("are") and s.endswith("ar"):
        # the table reads a verb ("träffar" -> träffa, "viken" -> vika) or an
        # agent noun ("fördelar" -> fördelare): a compound ends in a noun
        for e in _NOUN_SUFFIXES:
            if s.endswith(e) and len(s) - len(e) >= 3:
                n = s[: len(s) - len(e)]
                fn = flags.get(n)
                if fn is not None and n in values and _has_noun(fn) and n not in lex.bound and n not in lex.proper:
                    return n
                break
    if s in values and not (s.startswith(t) and s[len(t):] in _NOUN_ENDINGS):
        return s  # a lemma itself ("nämnd", not the verb "nämna")
    return t


# endings that no noun in -a takes after dropping the -a (skola: skolan, skolor)
_NOT_A_NOUN_ENDINGS = frozenset(("en", "ens", "et", "ets", "er", "erna", "ernas", "ar", "arna", "arnas"))
# noun inflections checked against the table's verb readings, longest first
_NOUN_SUFFIXES = ("arnas", "ernas", "arna", "erna", "ar", "er", "en", "et")


def _own_paradigm(s: str, table: dict[str, str]) -> bool:
    """``s`` has inflected forms of its own in the lemma table ("tekniker" <-
    "teknikern"), so it is a word, not only a form of a shorter one ("fasen")."""
    for e in ("en", "et", "n", "t", "na", "er", "ar", "or", "e"):
        if table.get(s + e) == s:
            return True
    return False


@functools.lru_cache(maxsize=200_000)
def _end(s: str) -> tuple[str, int, bool, bool] | None:
    """(base stem, strength, ok in an unknown word, ok in a known word) when
    ``s`` can be the last part of a compound."""
    lex = _lexicon if _lexicon is not None else lexicon()
    if s[:4] not in lex.starts:
        return None  # no word begins like this
    base = _end_base(s, lex)
    if base is None or base in lex.proper or base in lex.bound:
        return None
    f = lex.flags.get(base)
    strength = 2 if (f is not None and "Y" in f) or base in lex.heads else 1
    loose = _ok_end(s, base, strength, False, lex)
    strict = _ok_end(s, base, strength, True, lex)
    if not (loose or strict):
        return None
    return base, strength, loose, strict


@functools.lru_cache(maxsize=200_000)
def is_known_word(word: str) -> bool:
    """True when ``word`` (lower case) is in the lexicon as a whole word form."""
    lex = lexicon()
    if word in lex.flags and word not in lex.bound:
        return True
    if word in _table or word in _values:
        return True
    return lex.stem_of(word) is not None


def _strict_generic_ok(surface: str, base: str, rest: int, lex: Lexicon) -> bool:
    """A generic (not hunspell-licensed) first part inside a known word, before
    licensed parts of ``rest`` letters: a stem of 5+ letters as it is or with
    -s ("ekonomi-avdelning"), a vowel-changing link ("gatu-belysning"), a
    noun of 4 letters as it is or with -s before a part of 4+ letters
    ("tall-skog", "gods-trafik"; not "rapp|ort"), or a noun of 6+ letters with
    a dropped vowel before a part of 5+ letters ("förskol-lärare",
    "stom-linjen"; not "trans|mission")."""
    lb = len(base)
    if lb >= 5 and surface in (base, base + "s"):
        return True
    if base.endswith("a") and surface[-1:] in ("u", "o") and surface[:-1] == base[:-1]:
        return True
    if rest < 4:
        return False
    if lb == 4:
        if surface != base and surface != base + "s":
            return False
    elif lb < 6 or rest < 5 or lb - len(surface) > 2 or not base.startswith(surface):
        return False
    f = lex.flags.get(base)
    if f is None or not _is_nominal(f):
        return False  # nouns only: not "rapp|ort", "trans|mission"
    return lb == 4 or not _verbish(base)  # not "tran|sport" (trana), "erfar|enhet" (erfara)


def _verbish(base: str) -> bool:
    """The lemma table lists a present tense for ``base`` ("erfar", "halkar")."""
    table = _table
    if not base.endswith("a"):
        return False
    for form in (base + "r", base[:-1], base[:-1] + "er"):
        if table.get(form) == base:
            return True
    return False


_SUFFIX_TAIL = re.compile(
    r"^(?:(?:r|n|l)ing(?:ar|en|ens|arna|arnas|ars|are|aren|arna|s)?"
    r"|bo(?:n|r|rna|rnas|s|ns|rs)?)$"  # -bo inhabitants: "kungsbackaborna"
)
# verb forms that may end a compound: participles ("tidsbegränsad", "nyanställda")
_PARTICIPLE_ENDINGS = ("d", "t", "de", "da", "dd", "tt", "nde", "ndes")
# first parts that take a linking -s- in Swedish: derivations in these endings
_S_LINK_ENDINGS = ("ning", "het", "tion", "sion", "else", "dom", "skap", "nad", "itet", "ism", "ande", "ende")

# A piece: (surface text, base stem, strength)
Piece = tuple[str, str, int]
_VOWELS = frozenset("aeiouyåäöé")
_DOUBLE = re.compile(r"([^aeiouyåäöé])\1")  # a doubled consonant


def _ok_end(tail: str, base: str, strength: int, strict: bool, lex: Lexicon) -> bool:
    if base in SUFFIX_WORDS or tail in SUFFIX_WORDS or base in PARTICLES or _SUFFIX_TAIL.match(tail):
        return False
    f = lex.flags.get(base)
    if (
        f is not None and not _VERB_SET.isdisjoint(f) and not _has_noun(f)
        and not tail.endswith(_PARTICIPLE_ENDINGS)
    ):
        return False  # a verb form is no compound head ("hem|ställa", "snö|rens")
    if len(base) < 3 or len(tail) < 3:
        return base in (STRICT_SHORT_END if strict else SHORT_STEMS)
    if len(tail) == 3 and strength < 2 and (base not in _values or not _has_noun(f or "")):
        return False  # a short last part is licensed or a noun ("hybrid|hot"; not "kronanda|len")
    if strict and strength < 2:
        # a long word, or a dictionary word with its inflection ("skydds|masker");
        # not "mode|raterna" (rate, a lemma-table loan word)
        values = _values
        if base not in values and not (base.endswith("are") and base[:-2] in values):
            return False  # an odd dictionary entry ("sko|lorna"); agent nouns are fine ("utvecklare")
        if len(tail) < 4 or len(base) < 4:
            return False  # "förde|las"
        # a long word, or a dictionary noun ("skydds|mask")
        return len(base) >= 5 or _has_noun(lex.flags.get(base, ""))
    return True


def _needs_s(base: str) -> bool:
    """Whether a first part would normally take a linking -s-: a long part
    (likely a compound itself) or a derivation in -ning, -het ... (middle
    parts are compounds by position, see _segment())."""
    return len(base) >= 8 or base.endswith(_S_LINK_ENDINGS)


MAX_PIECES = 6  # top-level pieces searched (flat splitting splits them further)


def _links_at(w: str, i: int, n: int, strict: bool, lex: Lexicon, doubles: list[int], cut: int) -> list:
    """Link pieces that may start at ``i`` and end by ``cut``: (end, base,
    strength, triple)."""
    link = lex.link
    get = link.get
    lim = (n - 2 if n - 2 < cut else cut) - i  # the longest piece from i that leaves a last part
    if lim < 2:
        return []
    need2 = strict and i > 0  # a later part of a known word must be licensed
    short2 = STRICT_SHORT_FIRST if strict else SHORT_STEMS  # two-letter parts allowed
    out = []
    if type(link) is TrieMap:
        # the stored lexicon: every link form that begins at i, in one trie
        # walk (the same forms, in the same order, as the lookups below)
        restore, ids = link._restore, link.ids
        for form, kid in link.keys_trie.iter_prefixes_with_ids(w[i:i + lim]):
            ln = len(form)
            if ln < 2:
                continue
            v = restore(ids[kid])
            strength = 2 if v[0] == "2" else 1
            if ln == 2:
                if v[1:] not in short2 or (strength != 2 and need2):
                    continue
            elif ln == 3:
                if strength != 2 and (need2 or v[1:] not in short2):
                    continue
            elif strength != 2 and need2:
                continue
            out.append((i + ln, v[1:], strength, 0))
    else:
        _links_by_lookup(w, i, lim, need2, short2, get, lex, out)
    if doubles:
        trimin = 8 if strict else 6  # a restored triple consonant needs a long rest
        for j in doubles:
            if i + 2 <= j <= i + lim and n - j >= trimin:
                # "pres|sekreterare": press + sekreterare, triple s reduced
                lk = get(w[i:j] + w[j])
                if lk is not None and (lk[1] == 2 or not need2):
                    out.append((j, lk[0], lk[1], 1))
    if i and out:
        # a middle part: no proper name, no derivational ending
        proper = lex.proper
        out = [h for h in out if h[1] not in proper and h[1] not in SUFFIX_WORDS]
    return out


def _links_by_lookup(w: str, i: int, lim: int, need2: bool, short2, get, lex: Lexicon, out: list) -> None:
    """_links_at() over a lexicon held in dicts (while it is being built):
    one lookup per substring length that link forms have."""
    lk = get(w[i:i + 2])
    if lk is not None and lk[0] in short2 and (lk[1] == 2 or not need2):
        out.append((i + 2, lk[0], lk[1], 0))
    if lim >= 3:
        lk = get(w[i:i + 3])
        # a three-letter part must be licensed by hunspell ("kom|mun", "an|da"
        # are not parts), or be "års-" and the like
        if lk is not None and (lk[1] == 2 or (not need2 and lk[0] in short2)):
            out.append((i + 3, lk[0], lk[1], 0))
        for ln in range(4, (lim if lim < 7 else 7) + 1):
            lk = get(w[i:i + ln])
            if lk is not None and (lk[1] == 2 or not need2):
                out.append((i + ln, lk[0], lk[1], 0))
        if lim >= 8:
            lens_by = lex.link_lens
            lens = lens_by.get(w[i:i + 8], ())
            if lim >= 10:
                lens += lens_by.get(w[i:i + 10], ())
            for ln in lens:
                if ln > lim:
                    break
                lk = get(w[i:i + ln])
                if lk is not None and (lk[1] == 2 or not need2):
                    out.append((i + ln, lk[0], lk[1], 0))


def _segment(w: str, strict: bool, cut: int = 0) -> tuple[Piece, ...] | None:
    """Best split of ``w`` into >= 2 pieces, or None.

    Cost, compared in order: number of pieces, linking -s- missing where it
    belongs ("vindkraft|sparken"), number of generic (not hunspell-licensed)
    pieces, restored triple consonants, minus the shortest piece's length,
    minus the sum of squared piece lengths, minus the first piece's length
    (compounds branch to the left: "byggherre|möte", not "bygg|herremöte").
    In strict mode at most one piece may be generic. With ``cut``, the last
    part begins at or before that position.

    The search goes level by level - all splits into 2 pieces, then 3 ... -
    and stops at the first level that has a split, so a typical compound
    costs a few end-form lookups.
    """
    lex = _lexicon if _lexicon is not None else lexicon()
    n = len(w)
    cut = cut or n
    maxgen = 1 if strict else n
    starts = lex.starts
    doubles = (
        [j for j in range(2, n - 1) if w[j] == w[j - 1] and w[j] not in _VOWELS] if _DOUBLE.search(w) else ()
    )
    # level 1: first pieces. A partial split of w[:pos] is
    # ((spen, gen, tri, -min length, -sum of squared lengths, -first length),
    #  pieces, first piece info, last piece surface)
    frontier: dict[int, tuple] = {}
    for j, base, strength, tri in _links_at(w, 0, n, strict, lex, doubles, cut):
        piece = w[:j]
        rest = n - j
        if strict:
            if base in STRICT_SHORT_FIRST:
                # two letters: "el-nät", "års-redovisning", "ny-produktion", "is-hall"
                if piece not in (base, base + "s") or (base not in STRICT_SHORT_ANY and rest < 4):
                    continue
            elif strength < 2 and not _strict_generic_ok(piece, base, rest, lex):
                continue
        gen = int(strength < 2)
        spen = int(w[j] == "s" and w[j - 1] != "s" and not tri and _needs_s(base))
        cost = (spen, gen, tri, -j, -j * j, -j)
        old = frontier.get(j)
        if old is None or cost < old[0]:
            frontier[j] = (cost, ((piece, base, strength),), (j, base, strength), piece)
    ends: dict[int, tuple | None] = {}
    level = 1
    while frontier and level < MAX_PIECES:
        # complete every partial split with a last part; partial splits in
        # order of (missing -s-, generic parts), which a last part can only
        # add to: once a split is found, those that cannot beat it are skipped
        result = None
        items = sorted(frontier.items(), key=_partial_key) if len(frontier) > 1 else frontier.items()
        for pos, (cost, pieces, first, prev) in items:
            if result is not None and result[0][1:3] < cost[:2]:
                break
            e = ends.get(pos, 0)
            if e == 0:
                tail = w[pos:]
                e = _end(tail) if w[pos:pos + 4] in starts else None
                ends[pos] = e
            if e is not None and e[3 if strict else 2]:
                base, strength = e[0], e[1]
                gen = cost[1] + (strength < 2)
            elif level == 1 and strict and first[2] == 2 and w[:pos] in lex.bound:
                entry = _after_bound(w[pos:], lex)  # "bygg|lov"
                if entry is None:
                    continue
                base, strength = entry[1][0][1], 1
                gen = cost[1] + 1
            else:
                continue
            if gen > maxgen:
                continue
            if base == "tur" and prev[-1] in _VOWELS:
                continue  # Latin -tur: "kul|tur", "tempera|tur", "na|tur"
            ln = n - pos
            if level == 1 and strict and not _second_ok(first, base, True, lex):
                continue
            if strict and first[0] in STRICT_SHORT_FIRST and first[1] not in STRICT_SHORT_ANY and gen > (first[2] < 2):
                continue  # "is-", "ny-" only before licensed parts
            total = (level + 1, cost[0], gen, cost[2], max(cost[3], -ln), cost[4] - ln * ln, cost[5])
            if result is None or total < result[0]:
                result = (total, pieces + ((w[pos:], base, strength),))
        if result is not None:
            return result[1]
        # add a middle piece to every partial split
        nxt: dict[int, tuple] = {}
        for pos, (cost, pieces, first, prev) in frontier.items():
            for j, base, strength, tri in _links_at(w, pos, n, strict, lex, doubles, cut):
                if strict and strength < 2:
                    continue
                gen = cost[1] + (strength < 2)
                if gen > maxgen:
                    continue
                piece = w[pos:j]
                if base == "tur" and prev[-1] in _VOWELS:
                    continue
                if level == 1 and strict and not _second_ok(first, base, False, lex):
                    continue
                ln = j - pos
                spen = cost[0] + (w[j] == "s" and w[j - 1] != "s" and not tri)
                new = (spen, gen, cost[2] + tri, max(cost[3], -ln), cost[4] - ln * ln, cost[5])
                old = nxt.get(j)
                if old is None or new < old[0]:
                    nxt[j] = (new, pieces + ((piece, base, strength),), first, piece)
        frontier = nxt
        level += 1
    return None


def _partial_key(item: tuple) -> tuple[int, int]:
    return item[1][0][:2]


def _second_ok(first: tuple[int, str, int], base: str, is_end: bool, lex: Lexicon) -> bool:
    """Strict rules on a three-letter first part, given the next part's base:
    a shortened stem needs a long next part ("kul|tur" with kul = kula), and
    two short stems need hunspell's licence for the end ("del|tid", "bad|hus";
    not "kul|tur")."""
    j, fbase, _strength = first
    if j != 3 or len(base) >= 5 or fbase in STRICT_SHORT_FIRST:
        return True
    if len(fbase) > 3:
        return False
    if is_end and len(base) == 3 and "Y" not in lex.flags.get(base, ""):
        return False
    return True


def _after_bound(tail: str, lex: Lexicon):
    """A short noun without hunspell's compound-end licence after a form that
    occurs only in compounds ("bygg|lov"): the bound form shows it is a
    compound. As a DP entry for _segment(), or None."""
    e = _end(tail)
    if e is None or e[1] == 2 or len(e[0]) != 3 or not tail.startswith(e[0]) or not e[2]:
        return None
    base = e[0]
    f = lex.flags.get(base)
    if f is None or not _has_noun(f) or base not in _values or base in SUFFIX_WORDS:
        return None
    ln = len(tail)
    return ((1, 0, 1, 0, -ln, -ln * ln), ((tail, base, 1),))


MIN_COMPOUND_LEN = 5
EXCEPTIONS_FILE = Path(__file__).resolve().parent / "compound_exceptions.txt"


@functools.lru_cache(maxsize=1)
def never_split() -> frozenset[str]:
    """Lexicalised words that are never split (compound_exceptions.txt)."""
    out = set()
    if EXCEPTIONS_FILE.exists():
        for line in EXCEPTIONS_FILE.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip().lower()
            if line:
                out.add(line)
    return frozenset(out)


def _organisation_name(pieces: tuple[Piece, ...]) -> bool:
    """A proper name that is the definite form of an ordinary compound
    ("Trafikverket") rather than a place name ("Bottenviken")."""
    surface, base, _strength = pieces[-1]
    return surface != base and not surface.startswith(base + "s") and lemma(base) not in GEO_HEADS


@functools.lru_cache(maxsize=300_000)
def _split_pieces(w: str, strict: bool) -> tuple[Piece, ...]:
    if len(w) < MIN_COMPOUND_LEN or not w.isalpha() or w.endswith(("sson", "ssons")):
        return ()  # "-sson" is a surname: "Toresson", "Andersson"
    lex = _lexicon if _lexicon is not None else lexicon()
    proper = w in lex.proper or (w[-1] == "s" and w[:-1] in lex.proper)
    if not strict and (proper or is_known_word(w)):
        return _split_pieces(w, True)  # words in the lexicon split strictly
    exceptions = never_split()
    lem = lemma(w)
    if w in exceptions or lem in exceptions:
        return ()
    inflected = lem != w and lem in _values and lemma(lem) == lem
    if inflected:
        # an inflected form of a dictionary word splits like it: "stadsdelar"
        # like "stadsdel", "studentbostäder" like "studentbostad"
        lp = () if lem in lex.simple or len(lem) < MIN_COMPOUND_LEN else _split_pieces(lem, True)
        if lp:
            offset = sum(len(p[0]) for p in lp[:-1])
            if offset < len(w) and w[:offset] == lem[:offset]:
                return lp[:-1] + ((w[offset:],) + lp[-1][1:],)
            # first parts written otherwise than in the lemma: search the form
    cut = 0
    if inflected and not lp:
        # the lemma does not split: the form only with the lemma's first parts
        # and a licensed last part ("parkerings|böter", lemma parkeringsbot);
        # not "mode|raterna" (moderat), "grupp|pen" (grupp)
        cut = len(lem) - 3
        if cut < 2:
            return ()
        if w[:cut] != lem[:cut]:
            for k in range(min(cut, len(w))):
                if w[k] != lem[k]:
                    cut = k
                    break
            if cut < 2:
                return ()
    seg = _segment(w, strict, cut)
    if not seg or (proper and not _organisation_name(seg)):
        return ()
    if cut and seg[-1][2] < 2:
        return ()
    return seg


@functools.lru_cache(maxsize=300_000)
def compound_pieces(word: str, flat: bool = True) -> tuple[tuple[str, str], ...]:
    """Pieces of a compound as (surface text, part lemma); () if not a compound.

    The surfaces concatenate to the lower-cased word ("samhälls", "byggnads",
    "nämnden"); the lemmas are ("samhälle", "byggnad", "nämnd"). With ``flat``
    (default) lexicalised compounds among the parts are split as well.
    """
    w = word.lower()
    lex = _lexicon if _lexicon is not None else lexicon()
    comp = lex.compounds if lex.compounds is not None else {}
    simple = lex.simple
    if w in simple:
        return ()  # a dictionary word that does not split
    if flat:
        known = comp.get(w)
        if known is not None:
            return known
        lem = lemma(w)
        if lem != w:
            # an inflected form splits like its lemma: "studentbostäder" like
            # "studentbostad", "stadsdelar" like "stadsdel" (see _split_pieces)
            known = comp.get(lem)
            if known is not None and w not in never_split():
                offset = sum(len(s) for s, _l in known[:-1])
                if offset < len(w) and w[:offset] == lem[:offset]:
                    return known[:-1] + ((w[offset:], known[-1][1]),)
    top = _split_pieces(w, False)
    if not top:
        return ()
    out: list[tuple[str, str]] = []
    last = len(top) - 1
    for k, (surface, base, _strength) in enumerate(top):
        sub: tuple[tuple[str, str], ...] | None = ()
        if flat:
            if k == last:
                sub = comp.get(surface)
                if sub is None:
                    sub = ()
                    if surface not in simple and _split_pieces(surface, True):
                        sub = compound_pieces(surface, True)
            else:
                inner = comp.get(base)
                if inner is None and base not in simple and _split_pieces(base, True):
                    inner = compound_pieces(base, True)
                if inner:
                    # the inner pieces of the base, the last one re-cut to the
                    # surface ("yrkeshögskole" = yrkes + hög + skole)
                    offset = sum(len(s) for s, _l in inner[:-1])
                    if offset < len(surface) and surface[:offset] == base[:offset]:
                        sub = inner[:-1] + ((surface[offset:], inner[-1][1]),)
        if sub:
            out.extend(sub)
        else:
            out.append((surface, lemma(base)))
    return tuple(out)


def split_compound(word: str, *, flat: bool = True) -> list[str]:
    """The parts of a Swedish compound as lemmas, or [] when ``word`` is not one.

    >>> split_compound("kompetensförsörjningsprocess")
    ['kompetens', 'försörjning', 'process']
    >>> split_compound("kommunstyrelsens")
    ['kommun', 'styrelse']

    ``flat=False`` returns the top-level split only, keeping lexicalised
    compounds among the parts whole ("kollektivtrafik" + "försörjning").
    """
    if not word:
        return []
    return [lem for _s, lem in compound_pieces(word.lower(), flat)]


@functools.lru_cache(maxsize=500_000)
def base_form(word: str) -> str:
    """Lemma of a word, falling back to the compound's last part.

    ``lemma()`` when the lemma table knows the word; otherwise, for a compound,
    the surface of all but the last part plus the last part's lemma
    ("näringslivsutvecklingen" -> "näringslivsutveckling"); otherwise the
    lower-cased word.
    """
    w = word.lower()
    if w in lemma_table():
        return lemma(w)
    pieces = compound_pieces(w, False)
    if pieces:
        return "".join(s for s, _ in pieces[:-1]) + pieces[-1][1]
    return w


def compound_terms(word: str) -> tuple[str, ...]:
    """Index terms for a compound besides its base form: the part lemmas and,
    for three or more parts, every run of adjacent parts written as a compound
    ("samhällsbyggnadsnämnden" -> samhälle, byggnad, nämnd, samhällsbyggnad,
    byggnadsnämnd)."""
    pieces = compound_pieces(word.lower(), True)
    if not pieces:
        return ()
    out: list[str] = []
    for _s, lem in pieces:
        if lem not in out:
            out.append(lem)
    n = len(pieces)
    if n >= 3:
        for i in range(n):
            prefix = pieces[i][0]
            for j in range(i + 1, n):
                if j - i + 1 == n:
                    break
                term = lemma(prefix + pieces[j][1])
                if term not in out:
                    out.append(term)
                prefix += pieces[j][0]
    return tuple(out)


__all__ = [
    "LexiconMissingError",
    "base_form",
    "compound_pieces",
    "compound_terms",
    "hunspell_files",
    "is_known_word",
    "lexicon",
    "split_compound",
]
