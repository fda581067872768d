"""Which strings may be parts of a compound: the word lists of the splitting
policy and the rules for last parts and for generic (not hunspell-licensed)
first parts.

A last part ("end form") is any inflected form of a noun or adjective, read
as its noun reading where the lemma table prefers a verb ("träffar" ->
träff) and never through derivational suffix rules ("ekonomiskt" is not
"ekonom"). The rules take the lexicon in use; compounds.py caches their
results per string.
"""
from __future__ import annotations

import re

from .hunspell import VERB_SET, has_noun, is_nominal
from .lemmas import lemma_overrides
from .lexicon import Lexicon

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

# inflectional endings of nouns: "fasen" is a form of "fas" although the
# lemma table also lists "fasen" as a lemma (of "fasens")
_NOUN_ENDINGS = frozenset(
    "en et n t na ar er or arna erna orna ens ets ns na s ars ers ors".split()
)


def end_base(s: str, lex: Lexicon) -> str | None:
    """The noun/adjective lemma behind a last part, or None."""
    table = lex.table
    values = lex.lemmas
    flags = lex.flags
    t = lex.lemma_fixes.get(s) or lemma_overrides().get(s) or table.get(s)
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
        if fn is not None and n in values and has_noun(fn) and n not in lex.bound:
            return n
    f = flags.get(t)
    if f is not None and not VERB_SET.isdisjoint(f) or t.endswith("are") and s.endswith("ar"):
        # the table reads a verb ("träffar" -> träffa, "viken" -> vika) or an
        # agent noun ("fördelar" -> fördelare): a compound ends in a noun
        for e in _NOUN_SUFFIXES:
            if s.endswith(e) and len(s) - len(e) >= 3:
                n = s[: len(s) - len(e)]
                fn = flags.get(n)
                if fn is not None and n in values and has_noun(fn) and n not in lex.bound and n not in lex.proper:
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


def strict_generic_ok(surface: str, base: str, rest: int, lex: Lexicon) -> bool:
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
    if f is None or not is_nominal(f):
        return False  # nouns only: not "rapp|ort", "trans|mission"
    return lb == 4 or not _verbish(base, lex.table)  # not "tran|sport" (trana), "erfar|enhet" (erfara)


def _verbish(base: str, table) -> bool:
    """The lemma table lists a present tense for ``base`` ("erfar", "halkar")."""
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


def ok_end(tail: str, base: str, strength: int, strict: bool, lex: Lexicon) -> bool:
    """Whether ``tail``, read as ``base`` with the given strength, may end a
    compound (``strict``: a word that is in the lexicon as a whole)."""
    if base in SUFFIX_WORDS or tail in SUFFIX_WORDS or base in PARTICLES or _SUFFIX_TAIL.match(tail):
        return False
    f = lex.flags.get(base)
    if (
        f is not None and not VERB_SET.isdisjoint(f) and not has_noun(f)
        and not tail.endswith(_PARTICIPLE_ENDINGS)
    ):
        return False  # a verb form is no compound head ("hem|ställa", "snö|rens")
    if len(base) < 3 or len(tail) < 3:
        return base in (STRICT_SHORT_END if strict else SHORT_STEMS)
    if len(tail) == 3 and strength < 2 and (base not in lex.lemmas or not has_noun(f or "")):
        return False  # a short last part is licensed or a noun ("hybrid|hot"; not "kronanda|len")
    if strict and strength < 2:
        # a long word, or a dictionary word with its inflection ("skydds|masker");
        # not "mode|raterna" (rate, a lemma-table loan word)
        values = lex.lemmas
        if base not in values and not (base.endswith("are") and base[:-2] in values):
            return False  # an odd dictionary entry ("sko|lorna"); agent nouns are fine ("utvecklare")
        if len(tail) < 4 or len(base) < 4:
            return False  # "förde|las"
        # a long word, or a dictionary noun ("skydds|mask")
        return len(base) >= 5 or has_noun(lex.flags.get(base, ""))
    return True


def needs_s(base: str) -> bool:
    """Whether a first part would normally take a linking -s-: a long part
    (likely a compound itself) or a derivation in -ning, -het ... (middle
    parts are compounds by position, see segmentation.segment())."""
    return len(base) >= 8 or base.endswith(_S_LINK_ENDINGS)
