"""Link forms: the strings that may begin or continue a compound, each with
the word it stands for and how strongly it is licensed.

Licensed by hunspell (strength 2): stems flagged ``X`` (may begin a
compound) or ``U`` (middle) and the linking forms the .aff compound
suffixes generate (``försörjning`` -> ``försörjnings-``, ``kyrka`` ->
``kyrko-``, ``ränta`` -> ``ränte-``); also the old -a- forms ("barna-",
"bya-"). Generic Swedish linking (strength 1): the bare stem, ``-s-`` and
``-e-`` for nouns, for words in -a ``-o-``, ``-u-``, ``-e-`` or a dropped
vowel, a dropped vowel with a simplified double consonant ("timme" ->
"tim-"), and link forms the lemma table lists ("dricks" -> dricka).
"""
from __future__ import annotations

from .hunspell import NOUN_FLAGS, VERB_FLAGS, WORD_RE, Dictionary, condition, has_noun, is_nominal
from .parts import PARTICLES, SHORT_STEMS

# Old -a- linking forms (not productive, so listed): barnavård, byalag.
A_LINKS = {"barna": "barn", "bya": "by", "gästa": "gäst"}


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


def link_forms(dic: Dictionary, rules: dict[str, list[tuple[str, str, str, str]]], table: dict[str, str],
               values) -> dict[str, tuple[str, int]]:
    """form -> (base word, strength) from the dictionary, its suffix rules
    (``hunspell.parse_aff``), the lemma table and its lemmas."""
    entries, flags, bound, proper = dic
    # every (base, strength) candidate of a form, chosen from below
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
                rx = condition(cond)
                if rx is not None and not rx.search(lw):
                    continue
                form = lw[: len(lw) - len(strip)] + add_
                if WORD_RE.match(form):
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
            form in values or not (form[-1] == "s" and form[:-1] in values and has_noun(flags.get(form[:-1], "")))
        )
        return (
            selfish,
            base in values or base not in table,  # a lemma, not an inflected form
            # -s- links nouns, not verbs ("samråds" -> samråd, not samråda)
            form == base + "s" and has_noun(f) and not base.endswith("a"),
            base == form + "e" and form.endswith("ar"),  # agent nouns: "brytar-" -> brytare
            table.get(form) == base,              # the lemma table reads the form so ("bygg" -> bygga)
            is_nominal(f),                       # a noun rather than a verb ("besluts" -> beslut)
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
        # parts that segmentation.segment() would reject anyway are left out (speed)
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
    return link
