"""The search for the best split of a word into compound parts.

A word is split into the fewest parts; ties go to a linking -s- after a
complex first part ("vindkrafts|parken", not "vindkraft|sparken"), then to
fewer generic parts, then to the split whose shortest part is longest, then
to the longer first part. Parts are at least 3 letters (a few two-letter
stems such as "el", "år", "ny" excepted), and a three-letter part must be
licensed by hunspell. A linking triple consonant is restored
("press|sekreterare").

Link forms are looked up only for substring lengths that occur
(``Lexicon.link_lens``), and the search goes level by level (2 parts, then
3 ...) and stops at the first level with a split.
"""
from __future__ import annotations

import re
from typing import Callable

from .hunspell import has_noun
from .lexicon import Lexicon
from .parts import SHORT_STEMS, STRICT_SHORT_ANY, STRICT_SHORT_FIRST, SUFFIX_WORDS, needs_s, strict_generic_ok
from .wordstore import TrieMap

# A piece: (surface text, base stem, strength)
Piece = tuple[str, str, int]
# A last part's reading: (base stem, strength, ok in an unknown word, ok in a known word)
End = tuple[str, int, bool, bool]
_VOWELS = frozenset("aeiouyåäöé")
_DOUBLE = re.compile(r"([^aeiouyåäöé])\1")  # a doubled consonant

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


def segment(w: str, strict: bool, cut: int, lex: Lexicon,
            end: Callable[[str], End | None]) -> tuple[Piece, ...] | None:
    """Best split of ``w`` into >= 2 pieces, or None.

    Cost, compared in order: number of pieces, linking -s- missing where it
    belongs ("vindkraft|sparken"), number of generic (not hunspell-licensed)
    pieces, restored triple consonants, minus the shortest piece's length,
    minus the sum of squared piece lengths, minus the first piece's length
    (compounds branch to the left: "byggherre|möte", not "bygg|herremöte").
    In strict mode at most one piece may be generic. With ``cut``, the last
    part begins at or before that position. ``end`` reads a possible last
    part (compounds.py caches it per string).

    The search goes level by level - all splits into 2 pieces, then 3 ... -
    and stops at the first level that has a split, so a typical compound
    costs a few end-form lookups.
    """
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
            elif strength < 2 and not strict_generic_ok(piece, base, rest, lex):
                continue
        gen = int(strength < 2)
        spen = int(w[j] == "s" and w[j - 1] != "s" and not tri and needs_s(base))
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
                e = end(tail) if w[pos:pos + 4] in starts else None
                ends[pos] = e
            if e is not None and e[3 if strict else 2]:
                base, strength = e[0], e[1]
                gen = cost[1] + (strength < 2)
            elif level == 1 and strict and first[2] == 2 and w[:pos] in lex.bound:
                entry = _after_bound(w[pos:], lex, end)  # "bygg|lov"
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


def _after_bound(tail: str, lex: Lexicon, end: Callable[[str], End | None]):
    """A short noun without hunspell's compound-end licence after a form that
    occurs only in compounds ("bygg|lov"): the bound form shows it is a
    compound. As a DP entry for segment(), or None."""
    e = end(tail)
    if e is None or e[1] == 2 or len(e[0]) != 3 or not tail.startswith(e[0]) or not e[2]:
        return None
    base = e[0]
    f = lex.flags.get(base)
    if f is None or not has_noun(f) or base not in lex.lemmas or base in SUFFIX_WORDS:
        return None
    ln = len(tail)
    return ((1, 0, 1, 0, -ln, -ln * ln), ((tail, base, 1),))
