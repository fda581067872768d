"""The compound lexicon: what the splitter knows of Swedish words, and how it is stored.

Built from hunspell-sv and the lemma table by lexicon_build.py (and the
compound dictionary by compounds.py); kept as a memory-mapped word store
(wordstore.py), of which ``Lexicon(**parts)`` is the view the splitter uses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .hunspell import DERIVATIONAL_FLAGS, condition
from .lemmas import lemma_table, lemma_values
from .wordstore import TrieMap


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
    stem_ends: frozenset[str] = frozenset()   # last 5 letters of every stem (stem_of() skips others)
    # the compound dictionary: flat split of every dictionary word that can be
    # a part (the bases of the link forms), and those that do not split
    compounds: dict[str, tuple[tuple[str, str], ...]] | None = None
    simple: frozenset[str] = frozenset()
    # the lemma table the lexicon was built from and its lemmas, bound by
    # whoever loads or builds it (they are kept in the lemma store, not here)
    table: Any = field(default=None, repr=False, compare=False)
    lemmas: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # suffix text -> ((strip, ((flag, condition regex or None), ...)), ...):
        # one stem lookup per distinct strip instead of one per rule, and no
        # derivational rules (an end part is an inflected word, not a derivation)
        grouped: dict[str, dict[str, list]] = {}
        for add, rules in self.sfx.items():
            g = grouped.setdefault(add, {})
            for flag, strip, c in rules:
                if flag in DERIVATIONAL_FLAGS:
                    continue
                g.setdefault(strip, []).append((flag, condition(c)))
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
            self.link_lens = link_lengths(self.link)
        if not self.starts:
            self.starts = word_starts(self.flags, self.bound)
        if not self.stem_ends:
            self.stem_ends = stem_endings(self.flags)
        # stem_of()'s lookup in the stem map inlined: (stem -> value id, flag
        # strings by id) of a stored map, or (dict.get, None) while building
        fast = self.flags.fast_parts() if isinstance(self.flags, TrieMap) else None
        self._stem_lookup = fast[:2] if fast is not None and fast[2] is None else (self.flags.get, None)

    def stem_of(self, form: str, need: str = "") -> str | None:
        """A stem that hunspell's inflectional suffix rules turn into ``form``;
        one with the flag ``need`` if there is one, else any."""
        vget, vals = self._stem_lookup
        bound = self.bound
        ends = self.stem_ends
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
                if stem[-STEM_END:] not in ends:
                    continue  # no stem ends so: spares a lookup in the large stem map
                try:
                    f = vget(stem)
                except UnicodeEncodeError:  # a lone surrogate: no stem
                    return None
                if f is None or stem in bound:
                    continue
                if vals is not None:
                    f = vals[f]
                for flag, cond in rules:
                    if flag in f and (cond is None or cond.search(stem)):
                        if not need or need in f:
                            return stem
                        if fallback is None:
                            fallback = stem
                        break
        return fallback


def link_lengths(link: dict[str, tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    """First eight letters -> sorted lengths of the link forms of 8 or 9
    letters that begin so, and first ten letters -> lengths of those of 10+
    letters: segmentation._links_at() looks up only substrings that can be link forms
    (shorter ones directly)."""
    by: dict[str, set[int]] = {}
    for f in link:
        n = len(f)
        if n >= 10:
            by.setdefault(f[:10], set()).add(n)
        elif n >= 8:
            by.setdefault(f[:8], set()).add(n)
    return {k: tuple(sorted(v)) for k, v in by.items()}


STEM_END = 5


def stem_endings(flags) -> frozenset[str]:
    """The last ``STEM_END`` letters of every stem (a shorter stem whole):
    most strings that stem_of() tries are no stem, and three in four of them
    end otherwise (~55,000 endings; a set lookup is several times cheaper
    than one in the stem map)."""
    return frozenset(w[-STEM_END:] for w in flags)


def word_starts(flags: dict[str, str], bound) -> frozenset[str]:
    """The first three and four letters of every free stem, lemma-table form
    and lemma: a last part must begin like some word."""
    out = set()
    for src in (flags, lemma_table(), lemma_values()):
        for w in src:
            if w not in bound:
                out.add(w[:3])
                out.add(w[:4])
    return frozenset(out)


# The large parts are stored as marisa tries (wordstore.cached_store),
# memory-mapped from the analysis cache and shared by worker processes: the
# large maps (flags, link, link_lens) with their values encoded as strings
# (below); the parts under wordstore.SMALL_SET / SMALL_MAP entries (starts,
# stem_ends, simple, proper, the compound dictionary, sfx, lemma_fixes, bound,
# heads) are pickled and held by each process, where lookups are faster;
# flags, with its few distinct values, also gets a per-process lookup DAWG.
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


ENCODERS = {"flags": None, "link": _link_encode, "link_lens": _lens_encode,
            "compounds": _pairs_encode}
DECODERS = {"link": _link_decode, "link_lens": _lens_decode, "compounds": _pairs_decode}


def lexicon_parts(lex: Lexicon) -> dict:
    """The fields of a built Lexicon, as cached_store() stores them."""
    return {
        "flags": lex.flags, "bound": frozenset(lex.bound), "proper": frozenset(lex.proper), "link": lex.link,
        "sfx": lex.sfx, "maxadd": lex.maxadd, "lemma_fixes": lex.lemma_fixes, "heads": frozenset(lex.heads),
        "starts": frozenset(lex.starts), "stem_ends": frozenset(lex.stem_ends), "link_lens": lex.link_lens,
        "compounds": lex.compounds or {}, "simple": frozenset(lex.simple),
    }
