"""Noun readings the lemma table gets wrong, found with hunspell-sv.

Computed when the compound lexicon is built (``Lexicon.lemma_fixes``) and
applied by ``lemmas.lemma()``.
"""
from __future__ import annotations

from .hunspell import condition


def noun_lemma_fixes(table, flags, bound, sfx, maxadd) -> dict[str, str]:
    """Forms whose noun reading the lemma table misses, checked against hunspell.

    * "-ar" plurals that the table sends to an "-are" agent noun
      ("vägar" -> "vägare", "järnvägar" -> "järnvägare") -> the noun;
    * neuter definite "-et" that the table reads as a participle in "-en"
      ("beslutet" -> "besluten", "förslaget" -> "förslagen") -> the noun.
    The noun must be a free hunspell stem that may end a compound (flag Y)
    and that the table itself uses as a lemma.
    """
    values = set(table.values())

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
                rx = condition(cond)
                if rx is None or rx.search(st) is not None:
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
