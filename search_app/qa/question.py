"""Question analysis: which kind of answer a Swedish question wants, and its content words.

    analyze_question("När ställde sig kommunstyrelsens arbetsutskott bakom förslaget?")
    -> QuestionAnalysis(answer_type="date", terms={"ställd": 1.0, "kommunstyrelse": 1.0, …}, …)

Answer types: "date" | "period" | "person" | "list" | "number" | "amount" |
"place" | "reason" | "yesno" | "other".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.analysis import is_stopword, tokens, word_terms
from indexer.vocabulary import DNR_WORD_RE, QUESTION_FILLERS, QUESTION_WORDS as _INTERROGATIVES

ANSWER_TYPES = ("date", "period", "person", "list", "number", "amount", "place", "reason", "yesno", "other")

# Words that only shape the question; they are not looked for in the answer.
QUESTION_WORDS = _INTERROGATIVES | QUESTION_FILLERS

PERSON_NOUNS = re.compile(
    r"^(?:person|personer|personen|ledamot|ledamöter|ledamoten|politiker|politikern|ordförande|ordföranden"
    r"|ersättare|kommunalråd|kommunalrådet|\w*direktör\w*|\w*chef\w*|sekreterare\w*|\w*justerare|talesperson"
    r"|sammankallande|författare\w*|föredragande|handläggare\w*"
    r"|företrädare|representant\w*|undertecknare|ansvarig\w*)$", re.I)
TIME_NOUNS = re.compile(r"^(?:datum|dag|dagen|datumet|år|året|månad|månaden|tidpunkt|tid|sammanträde|vecka|veckan)$", re.I)
PERIOD_NOUNS = re.compile(r"^(?:period|perioden|tidsperiod|år|åren)$", re.I)
PLACE_NOUNS = re.compile(r"^(?:plats|platsen|ort|orten|stad|staden|område|området|stadsdel|adress|lokal|lokalen|kommun)$", re.I)
AMOUNT_WORDS = re.compile(r"^(?:kostar|kostade|kosta|\w*kostnad|\w*kostnaden|\w*kostnaderna|\w*belopp|\w*beloppet|\w*budget"
                          r"|\w*lån|\w*lånet|\w*anbud|\w*anbudet|\w*ersättning|\w*ersättningen|\w*lön|\w*lönen"
                          r"|\w*budgeten|summa|summan|\w*pris|\w*priset|kronor|procent|\w*bidrag|\w*bidraget|investering"
                          r"|investeringen|ram|ramen|anslag|anslaget|\w*avgift|\w*avgiften|\w*taxa|\w*taxan|hyra|hyran)$", re.I)
PERSON_VERBS = re.compile(r"^(?:reserverade|reserverar|yrkade|yrkar|deltog|deltar|närvarade|undertecknade|skrev|justerade"
                          r"|leder|ledde|valdes|utsågs|anmälde|röstade|sa|sade|säger|ansvarar|ansvarade)$", re.I)
PERIOD_VERBS = re.compile(r"^(?:gäller|gälla|gällde|pågår|pågick|löper|varar|varade|sträcker)$", re.I)
# Verb forms that open a yes/no question ("Har …?", "Ska …?", "Beslutade …?").
YESNO_START = re.compile(
    r"^(?:har|hade|ska|skall|skulle|kommer|kan|kunde|får|fick|bör|måste|är|blir|blev|finns|fanns|gäller|gällde"
    r"|beslutade|beslöt|godkände|godkänner|antog|antar|avslog|avslår|ingår|ingick|omfattar|innebär|innebar"
    r"|vill|ville|brukar|tänker|planerar|stödjer|stöder|tog|tar|fattades|fattade|skrev|undertecknade"
    r"|reserverade|yrkade|valde|utsågs|\w+(?:ade|de|te))$", re.I)
DIARY_WORDS = DNR_WORD_RE   # defined in indexer/vocabulary.py
DECISION_WORDS = re.compile(r"^(?:beslut\w*|besl[öu]t\w*|godkän\w*|antog|anta\w*|fastställ\w*|avslog|avslå\w*|bifall\w*|"
                            r"tillstyrk\w*|yrka\w*|reserv\w*|uppdra\w*|föreslog|föreslår)$", re.I)


@dataclass
class QuestionAnalysis:
    question: str
    answer_type: str                      # one of ANSWER_TYPES
    terms: dict[str, float] = field(default_factory=dict)   # content term -> weight (lemmas 1.0, parts 0.4)
    words: list[str] = field(default_factory=list)          # content words as typed
    focus: list[str] = field(default_factory=list)          # terms right after the question phrase ("jobb" in "hur många jobb")
    wants_decision: bool = False          # the question is about a decision ("beslutade", "godkände")
    search_text: str = ""                 # what to send to store.search_passages
    idf: dict[str, float] = field(default_factory=dict)      # term -> inverse document frequency (set by the caller)
    constraints: tuple | None = None      # (municipality, numbers, names), filled in by answer.question_constraints
    word_cache: dict = field(default_factory=dict)  # analysed word -> question terms it matches (answer._word_hits)
    bigrams: set | None = None            # word pairs of the question, filled in by answer._phrase_overlap
    heads: dict[str, str] = field(default_factory=dict)      # compound lemma -> its head ("leverantörsprogram" -> "program")
    roles: list[str] = field(default_factory=list)           # role nouns asked about ("kommundirektör" in "Vem är kommundirektör …")
    event: tuple[str, ...] = ()           # analysed forms of the verb asked about ("undertecknades" in "När undertecknades …")


def _words(question: str) -> list[str]:
    return [t for t, _s, _e in tokens(question)]


def classify(question: str) -> str:
    """The expected answer type of a Swedish question."""
    words = [w.lower() for w in _words(question)]
    if not words:
        return "other"
    joined = " ".join(words)
    # Find the first question word within the first few tokens ("I vilken kommun …", "Under vilken period …").
    for i, w in enumerate(words[:5]):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 1:i + 4]
        if w == "när":
            if i > 0 and words[i - 1] in ("till", "tills"):
                return "period"  # "Till när förlängs samverkan?"
            if any(PERIOD_VERBS.match(a) for a in words[i + 1:]) or re.search(r"\b(?:från och med|till och med)\b", joined):
                return "period"
            return "date"
        if w == "hur":
            if nxt == "länge" or nxt == "lång" and "tid" in after:
                return "period"
            if nxt == "många":
                if any(a in ("procent", "kronor", "miljoner", "kr") for a in words[i + 2:]):
                    return "amount"
                return "number"
            if nxt in ("mycket", "dyr", "dyrt"):
                return "amount"
            if nxt == "dags":  # "Hur dags börjar mötet?"
                return "date"
            if nxt in ("stor", "stort", "stora", "höga", "hög", "högt"):
                return "amount" if any(AMOUNT_WORDS.match(a) or a in ("andel", "del") for a in words[i + 2:]) else "number"
            return "other"
        if w in ("vem", "vems"):
            return "person"
        if w in ("varför",):
            return "reason"
        if w in ("var", "vart", "varifrån", "varest"):
            if i == 0 and nxt in ("det", "den", "detta", "de", "han", "hon", "beslutet", "ni", "man"):
                return "yesno"
            return "place"
        if w in ("vilka", "vilken", "vilket", "vilkas"):
            if PERSON_NOUNS.match(nxt) or nxt in ("personer",) or (w == "vilka" and PERSON_VERBS.match(nxt)):
                return "person"
            if nxt in ("datum", "dag", "dagen", "tidpunkt", "tid", "klockslag", "vecka", "månad") or (nxt == "år" and w == "vilket"):
                return "date"
            if PERIOD_NOUNS.match(nxt) and w != "vilket":
                return "period"
            if PLACE_NOUNS.match(nxt) and nxt != "område" and nxt != "området":
                return "place"
            if AMOUNT_WORDS.match(nxt):
                return "amount"
            if nxt in ("anledning", "skäl", "orsak", "motiv"):
                return "reason"
            if DIARY_WORDS.match(nxt):
                return "number"  # "Vilket diarienummer har ärendet?"
            return "list"
        if w == "vad":
            rest = words[i + 1:]
            if "exempel" in rest[:3]:  # "Vad är exempel på material …?" asks for an enumeration
                return "list"
            if rest[:1] and AMOUNT_WORDS.match(rest[0]):
                return "amount"
            if rest[:1] in (["heter"], ["hette"]) and any(PERSON_NOUNS.match(a) for a in rest[1:4]):
                return "person"
            if any(a in ("syftet", "syfte", "anledningen", "skälet", "orsaken", "motivet", "motiveringen") for a in rest[:3]):
                return "reason"
            if rest[:2] in (["är", "kostnaden"], ["blir", "kostnaden"]) or any(AMOUNT_WORDS.match(a) for a in rest):
                return "amount"
            if rest[:1] and rest[0] in ("datum",):
                return "date"
            return "other"
    # No question word: a verb-first question ("Har …?", "Medför …?", "Går …?") is yes/no.
    if YESNO_START.match(words[0]) or (words[0].endswith("r") and words[0].isalpha() and len(words) > 2):
        return "yesno"
    return "other"


_AUXILIARIES = frozenset("""
ska skall skulle kommer kan kunde får fick har hade är var blir blev bör måste vill ville brukar finns fanns
gör gjorde
""".split())


def _event_verb(lowered: list[str]) -> tuple[str, ...]:
    """The verb of a question word question: Swedish puts the finite verb second
    ("När undertecknades …", "Vem utsågs …", "Vad kostar …"); after "hur många"
    or "vilken tid" it follows the noun. An auxiliary ("ska", "har") is not the event."""
    for i, w in enumerate(lowered[:4]):
        if w in _INTERROGATIVES:
            j = i + 1
            while j < len(lowered) and lowered[j] in ("många", "mycket", "länge", "stor", "stort", "stora", "dags"):
                j += 1
            if j < len(lowered) and (lowered[i] in ("vilken", "vilket", "vilka") or j > i + 1) \
                    and lowered[j] not in _AUXILIARIES:
                j += 1  # "Vilken tid startar …", "Hur många bostäder ger …": skip the noun
            if j < len(lowered) and lowered[j] not in _AUXILIARIES and not is_stopword(lowered[j]):
                return word_terms(lowered[j])
            return ()
    return ()


def analyze_question(question: str) -> QuestionAnalysis:
    answer_type = classify(question)
    terms: dict[str, float] = {}
    heads: dict[str, str] = {}
    words: list[str] = []
    wants_decision = False
    toks = _words(question)
    lowered = [t.lower() for t in toks]
    for surface in toks:
        low = surface.lower()
        if DECISION_WORDS.match(low):
            wants_decision = True
        if low in QUESTION_WORDS or is_stopword(low):
            continue
        words.append(surface)
        forms = word_terms(surface)
        ends = [f for f in forms[1:] if len(f) >= 3 and forms[0].endswith(f) and f != forms[0]]
        if ends:
            heads[forms[0]] = min(ends, key=len)
        for j, term in enumerate(forms):
            if term in QUESTION_WORDS or is_stopword(term):
                continue
            weight = 1.0 if j == 0 else 0.4
            if terms.get(term, 0.0) < weight:
                terms[term] = weight
    focus: list[str] = []
    for i, w in enumerate(lowered):
        if w in ("många", "mycket", "vilka", "vilken", "vilket") and i + 1 < len(lowered):
            nxt = [x for x in lowered[i + 1:i + 3] if not is_stopword(x) and x not in ("per", "om", "av")]
            for x in nxt[:2]:
                forms = word_terms(x)
                focus.extend(forms[:1])
                # "yrkesvuxplatser" is counted in "60 platser": the compound's head is the unit too
                ends = [f for f in forms[1:] if len(f) >= 3 and forms[0].endswith(f) and f != forms[0]]
                if ends:
                    focus.append(min(ends, key=len))
            break
    search_words = [w for w in words]
    roles = [word_terms(w)[0] for w in words if PERSON_NOUNS.match(w)]
    event = _event_verb(lowered)
    return QuestionAnalysis(question=question, answer_type=answer_type, terms=terms, words=words,
                            focus=focus, wants_decision=wants_decision, heads=heads, roles=roles, event=event,
                            search_text=" ".join(search_words) or question)
