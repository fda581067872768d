"""Building the compound lexicon from the hunspell-sv dictionary and the lemma table.

The compound dictionary (``Lexicon.compounds`` and ``simple``: the splits of
the dictionary words) needs the splitter, so compounds.py adds it.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .hunspell import NOUN_FLAGS, VERB_FLAGS, parse_aff, read_dic
from .lemma_fixes import noun_lemma_fixes
from .lemmas import lemma_table, lemma_values
from .lexicon import Lexicon, link_lengths, stem_endings, word_starts
from .linking import link_forms
from .parts import PARTICLES, SUFFIX_WORDS

# a short (3-letter) noun is a productive compound head when the dictionary
# holds at least this many compounds ending in it ("råd", "del", "fas")
PRODUCTIVE_HEAD_MIN = 60


def build_lexicon(dic: Path, aff: Path) -> Lexicon:
    """The lexicon of the dictionary files and the lemma table, without the compound dictionary."""
    rules = parse_aff(aff)
    table = dict(lemma_table().items())  # plain dicts while building (speed)
    values = frozenset(lemma_values())
    entries = read_dic(dic)
    flags, bound, proper = entries.flags, entries.bound, entries.proper
    link = link_forms(entries, rules, table, values)
    heads = _productive_heads(link, flags, bound, proper)
    sfx, maxadd = _inflections(rules)
    return Lexicon(
        flags=flags,
        bound=frozenset(bound),
        proper=proper,
        link=link,
        sfx=sfx,
        maxadd=maxadd,
        lemma_fixes=noun_lemma_fixes(table, flags, bound, sfx, maxadd),
        heads=heads,
        starts=word_starts(flags, bound),
        stem_ends=stem_endings(flags),
        link_lens=link_lengths(link),
        table=table,
        lemmas=values,
    )


def _productive_heads(link: dict[str, tuple[str, int]], flags: dict[str, str], bound, proper) -> frozenset[str]:
    """3-letter nouns that end many dictionary compounds after a licensed
    first part ("råd", "del", "fas")."""
    strong = {f for f, (_b, s) in link.items() if s == 2 and len(f) >= 3}
    counts: Counter[str] = Counter()
    for w in flags:
        if len(w) >= 6 and w not in bound and w not in proper:
            tail = w[-3:]
            if w[:-3] in strong:
                counts[tail] += 1
    return frozenset(
        t for t, c in counts.items()
        if c >= PRODUCTIVE_HEAD_MIN and t in flags and t not in SUFFIX_WORDS
        and any(f in flags[t] for f in NOUN_FLAGS) and not any(f in flags[t] for f in VERB_FLAGS)
        and t not in PARTICLES
    )


def _inflections(rules: dict[str, list[tuple[str, str, str, str]]]
                 ) -> tuple[dict[str, tuple[tuple[str, str, str], ...]], int]:
    """The suffix index (suffix text -> ((flag, strip, condition), ...)) of
    the rules that do not create compound parts, and the longest suffix."""
    sfx: dict[str, list[tuple[str, str, str]]] = {}
    for f, rs in rules.items():
        for strip, add_, cont, cond in rs:
            if any(c in cont for c in "XUZW"):
                continue
            sfx.setdefault(add_, []).append((f, strip, cond))
    maxadd = max((len(a) for a in sfx), default=0)
    return {k: tuple(v) for k, v in sfx.items()}, maxadd
