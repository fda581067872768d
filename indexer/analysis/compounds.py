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

How a split is found. The lexicon (lexicon.py) is built by lexicon_build.py
from ``sv_SE.dic``/``sv_SE.aff`` of the hunspell-sv package (installed under
``<sys.prefix>/share/hunspell``) and spaCy's Swedish lemma table, and cached
on disk. It holds the link forms (linking.py): strings that may begin or
continue a compound, each with the word it stands for. The last part is an
inflected noun or adjective (parts.py), of strength 2 when hunspell flags
the stem ``Y`` (may end a compound), 1 otherwise. segmentation.py searches
for the split with the fewest parts. ``lexicon()`` here finds the dictionary
files and builds or opens the stored lexicon.

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

Speed (bench/compounds_speed.py): end forms and splits are cached per word
(``functools.lru_cache``), and the lexicon stores, computed when it is
built, the split of every dictionary word that can be a compound part
(``Lexicon.compounds``; ``Lexicon.simple`` lists those that do not split),
so the parts of a long compound and the inflected forms of dictionary words
need no search of their own. The lexicon cache is keyed on the dictionary,
the lemma table, the overrides, the exceptions and the code of this package,
so editing any of them rebuilds it.
"""
from __future__ import annotations

import functools
import os
import sys
import sysconfig
import threading
from pathlib import Path

from .lemmas import lemma, lemma_sources, lemma_table, lemma_values, use_lemma_fixes
from .lexicon import DECODERS, ENCODERS, Lexicon, lexicon_parts
from .lexicon_build import build_lexicon
from .parts import end_base, ok_end
from .segmentation import End, Piece, segment
from .wordstore import TrieMap, cached_store

LEXICON_VERSION = "14"
DICTIONARY = "sv_SE"
HUNSPELL_DIR_ENV = "SEARCH_HUNSPELL_DIR"
# Last parts that make a proper name a place name, which is never split
# ("Bottenviken", "Svartbyn"); other definite-form proper names are
# organisations ("Trafikverket") and are split.
GEO_HEADS = frozenset(
    """by vik sjö stad backe berg näs holm holme dal lund hav fjärd ö å älv ström
    bäck sund udde myr träsk hed skog mark land botten gård torp vall hamn bro
    fors strand ås kulle höjd vägen väg gata torg park äng slätt ed vattnet
    fjäll klint""".split()
)
MIN_COMPOUND_LEN = 5
EXCEPTIONS_FILE = Path(__file__).resolve().parent / "compound_exceptions.txt"

_lock = threading.RLock()
_lexicon: Lexicon | None = None


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


def lexicon() -> Lexicon:
    """The compound lexicon, built once per process (and cached on disk)."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                dic, aff = hunspell_files()
                # the compound dictionary depends on the splitting code and the
                # exceptions as well: editing them rebuilds the lexicon (any
                # module of the package, so none that it depends on is missed)
                code = [*sorted(Path(__file__).parent.glob("*.py")), EXCEPTIONS_FILE]
                parts = cached_store(
                    "sv-compound-lexicon", LEXICON_VERSION,
                    [dic, aff, *lemma_sources(), *[p for p in code if p.exists()]],
                    lambda: _build(dic, aff), encoders=ENCODERS, decoders=DECODERS,
                )
                _lexicon = Lexicon(**parts, table=lemma_table(), lemmas=lemma_values())
    return _lexicon


def _build(dic: Path, aff: Path) -> dict:
    """The stored parts of a lexicon built from the sources, with its compound dictionary."""
    lex = build_lexicon(dic, aff)
    lex.compounds, lex.simple = _compound_dictionary(lex)
    return lexicon_parts(lex)


def _compound_dictionary(lex: Lexicon) -> tuple[dict[str, tuple[tuple[str, str], ...]], frozenset[str]]:
    """The flat split of every word that can be a compound part (the base of a
    link form), computed once with ``lex`` and stored with it: a long
    compound then costs one search, not one per part. Returns (splits of the
    words that split, the words that do not)."""
    global _lexicon
    saved = _lexicon
    _lexicon = lex
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
        _lexicon = saved
        _clear_caches()
    return compounds, frozenset(simple)


def _clear_caches() -> None:
    for fn in (_split_pieces, compound_pieces, _end, is_known_word, base_form):
        fn.cache_clear()


# lemma() corrects the lemma table with the noun readings found here
use_lemma_fixes(lambda: lexicon().lemma_fixes)


@functools.lru_cache(maxsize=200_000)
def _end(s: str) -> End | None:
    """(base stem, strength, ok in an unknown word, ok in a known word) when
    ``s`` can be the last part of a compound."""
    lex = _lexicon if _lexicon is not None else lexicon()
    if s[:4] not in lex.starts:
        return None  # no word begins like this
    base = end_base(s, lex)
    if base is None or base in lex.proper or base in lex.bound:
        return None
    f = lex.flags.get(base)
    strength = 2 if (f is not None and "Y" in f) or base in lex.heads else 1
    loose = ok_end(s, base, strength, False, lex)
    strict = ok_end(s, base, strength, True, lex)
    if not (loose or strict):
        return None
    return base, strength, loose, strict


@functools.lru_cache(maxsize=200_000)
def is_known_word(word: str) -> bool:
    """True when ``word`` (lower case) is in the lexicon as a whole word form."""
    lex = lexicon()
    if word in lex.lemmas:
        return True
    flags, table = lex.flags, lex.table
    try:
        if (flags.contains(word) if type(flags) is TrieMap else word in flags) and word not in lex.bound:
            return True
        if table.contains(word) if type(table) is TrieMap else word in table:
            return True
    except UnicodeEncodeError:  # a lone surrogate: no word
        return False
    return lex.stem_of(word) is not None


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
    inflected = lem != w and lem in lex.lemmas and lemma(lem) == lem
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
    seg = segment(w, strict, cut, lex, _end)
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
