"""The four priority areas and tagging text with them.

Areas and their weighted term lists live in ``indexer/data/areas.toml`` (for
council staff to edit; the format is explained in Swedish in the file). The
environment variable ``SEARCH_AREAS_FILE`` points to another file.

Matching runs on the analyzer's terms (``analyze_terms``), so inflections and
compound parts match: the entry "bostad" matches "bostäder" and
"bostadsbyggande", "kompetensförsörjning" matches
"kompetensförsörjningsprocess". Entries are analysed the same way when
loaded, so staff may write "bostäder" or "bostadsbyggande". An entry of
several words ("grön omställning") matches when their base forms stand in a
row (function words skipped).

Passage rule: an area is tagged when the summed weight of the distinct
entries found reaches the area's threshold.

Document rule (``tag_document``): an area is tagged when the title is tagged
with it, when at least two passages are (one, for a one-passage document), or
when a single passage reaches twice the threshold. The terms reported are
those of the title and of the tagged passages.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .analysis import fold, term_positions, word_terms
from .analysis.swedish import FUNCTION_WORDS, tokens

DEFAULT_AREAS_FILE = Path(__file__).resolve().parent / "data" / "areas.toml"
AREAS_FILE_ENV = "SEARCH_AREAS_FILE"

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class PriorityArea:
    id: str
    label: str
    description: str
    terms: dict[str, float]
    threshold: float


class AreaConfigError(ValueError):
    """The areas file is missing or invalid; the message names file and entry."""


def areas_file() -> Path:
    from .config import env_path
    return env_path(AREAS_FILE_ENV, DEFAULT_AREAS_FILE)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def load_areas(path: Path | None = None) -> list[PriorityArea]:
    """Read the priority areas from ``path`` (default: SEARCH_AREAS_FILE or
    indexer/data/areas.toml). Raises AreaConfigError naming the file and the
    bad entry."""
    path = Path(path) if path is not None else areas_file()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AreaConfigError(f"{path}: cannot read the areas file ({exc.strerror or exc})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise AreaConfigError(f"{path}: the file is not UTF-8 text ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise AreaConfigError(f"{path}: invalid TOML: {exc}") from exc

    entries = data.get("omrade")
    if not isinstance(entries, list) or not entries:
        raise AreaConfigError(f"{path}: no areas found; each area starts with a line [[omrade]]")
    unknown_top = sorted(k for k in data if k != "omrade")
    if unknown_top:
        raise AreaConfigError(f"{path}: unknown top-level key(s) {unknown_top}; only [[omrade]] sections are allowed")

    areas: list[PriorityArea] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        where = f"{path}: area #{n}"
        if not isinstance(entry, dict):
            raise AreaConfigError(f"{where}: expected a table")
        area_id = entry.get("id")
        if isinstance(area_id, str):
            where = f"{path}: area #{n} (id {area_id!r})"
        allowed = {"id", "namn", "beskrivning", "troskel", "termer"}
        extra = sorted(set(entry) - allowed)
        if extra:
            raise AreaConfigError(f"{where}: unknown key(s) {extra}; allowed: {sorted(allowed)}")
        if not isinstance(area_id, str) or not _ID_RE.match(area_id):
            raise AreaConfigError(f"{where}: 'id' must be lower-case letters a-z, digits and hyphens, got {area_id!r}")
        if area_id in seen:
            raise AreaConfigError(f"{where}: duplicate id {area_id!r}")
        seen.add(area_id)
        label = entry.get("namn")
        if not isinstance(label, str) or not label.strip():
            raise AreaConfigError(f"{where}: 'namn' must be a non-empty text")
        description = entry.get("beskrivning", "")
        if not isinstance(description, str):
            raise AreaConfigError(f"{where}: 'beskrivning' must be a text")
        threshold = _number(entry.get("troskel"))
        if threshold is None or threshold <= 0:
            raise AreaConfigError(f"{where}: 'troskel' must be a number greater than 0, got {entry.get('troskel')!r}")
        terms_raw = entry.get("termer")
        if not isinstance(terms_raw, dict) or not terms_raw:
            raise AreaConfigError(f"{where}: needs a non-empty [omrade.termer] section")
        terms: dict[str, float] = {}
        for term, weight in terms_raw.items():
            w = _number(weight)
            if not term.strip():
                raise AreaConfigError(f"{where}: empty term in [omrade.termer]")
            if w is None or w <= 0:
                raise AreaConfigError(f"{where}: term {term!r}: weight must be a number greater than 0, got {weight!r}")
            if not _entry_key(term):
                raise AreaConfigError(f"{where}: term {term!r} has no searchable word (only function words such as 'och', 'i', 'att' or punctuation)")
            terms[term.strip()] = w
        areas.append(PriorityArea(area_id, label.strip(), description.strip(), terms, threshold))
    return areas


def _entry_key(term: str) -> tuple[str, ...]:
    """The base forms an entry must match, one per word (function words dropped)."""
    words = [s for s, _a, _b in tokens(term) if s.lower() not in FUNCTION_WORDS]
    return tuple(word_terms(w)[0] for w in words)


def _norm(s: str) -> str:
    return fold(s.strip()).replace(" ", "-").replace("_", "-")


def get_area(id_or_label: str, areas: list[PriorityArea] | None = None) -> PriorityArea | None:
    """The area with this id or label, case- and diacritics-insensitive
    ("naringslivsutveckling", "Näringslivsutveckling", "leva och bo")."""
    if not id_or_label:
        return None
    key = _norm(id_or_label)
    for area in areas if areas is not None else _default_areas():
        if key in (_norm(area.id), _norm(area.label)):
            return area
    return None


def area_label(area_id: str, areas: list[PriorityArea] | None = None) -> str:
    """The display label for an id (the id itself when unknown)."""
    area = get_area(area_id, areas)
    return area.label if area else area_id


_DEFAULT: list[PriorityArea] | None = None
_DEFAULT_PATH: Path | None = None


def _default_areas() -> list[PriorityArea]:
    global _DEFAULT, _DEFAULT_PATH
    path = areas_file()
    if _DEFAULT is None or _DEFAULT_PATH != path:
        _DEFAULT = load_areas(path)
        _DEFAULT_PATH = path
    return _DEFAULT


class AreaTagger:
    """Tags passages and documents with priority areas."""

    def __init__(self, areas: list[PriorityArea] | None = None):
        self.areas = list(areas) if areas is not None else load_areas()
        # per area: [(entry as written, weight, key)]; key = base forms in a row
        self._entries: dict[str, list[tuple[str, float, tuple[str, ...]]]] = {}
        for area in self.areas:
            entries = []
            for term, weight in area.terms.items():
                key = _entry_key(term)
                if key:
                    entries.append((term, weight, key))
            self._entries[area.id] = entries
        self._memo: dict[str, dict[str, tuple[float, list[tuple[str, float]]]]] = {}

    # -- passages ---------------------------------------------------------

    def _scores(self, text: str) -> dict[str, tuple[float, list[tuple[str, float]]]]:
        # The ingester tags each passage, then the document from the same
        # passages: remember recent texts instead of analysing them twice.
        memo = self._memo.get(text)
        if memo is not None:
            return memo
        out = self._score_text(text)
        if len(self._memo) >= 4096:
            self._memo.clear()
        self._memo[text] = out
        return out

    def _score_text(self, text: str) -> dict[str, tuple[float, list[tuple[str, float]]]]:
        positions = term_positions(text)
        all_terms: set[str] = set()
        for terms in positions:
            all_terms.update(terms)
        mains = [terms[0] for terms in positions]
        out: dict[str, tuple[float, list[tuple[str, float]]]] = {}
        for area in self.areas:
            matched: list[tuple[str, float]] = []
            for term, weight, key in self._entries[area.id]:
                if len(key) == 1:
                    hit = key[0] in all_terms
                else:
                    hit = _contains_run(mains, key)
                if hit:
                    matched.append((term, weight))
            out[area.id] = (sum(w for _t, w in matched), matched)
        return out

    def tag(self, text: str) -> dict[str, list[str]]:
        """area id -> matched entries (highest weight first), for each area
        whose summed weight reaches its threshold."""
        result: dict[str, list[str]] = {}
        scores = self._scores(text)
        for area in self.areas:
            score, matched = scores[area.id]
            if matched and score >= area.threshold:
                result[area.id] = _sorted_terms(matched)
        return result

    def score(self, text: str) -> dict[str, float]:
        """Summed weight per area id (0 when nothing matched)."""
        return {aid: s for aid, (s, _m) in self._scores(text).items()}

    # -- documents --------------------------------------------------------

    def tag_document(self, passage_texts: list[str], title: str) -> dict[str, list[str]]:
        """Areas of a whole document; see the module docstring for the rule."""
        title_scores = self._scores(title or "")
        passage_scores = [self._scores(t) for t in passage_texts if t and t.strip()]
        result: dict[str, list[str]] = {}
        for area in self.areas:
            th = area.threshold
            t_score, t_matched = title_scores[area.id]
            tagged = [(s, m) for ps in passage_scores for s, m in [ps[area.id]] if m and s >= th]
            need = 1 if len(passage_scores) <= 1 else 2
            title_hit = bool(t_matched) and t_score >= th
            if title_hit or len(tagged) >= need or any(s >= 2 * th for s, _m in tagged):
                weights: dict[str, float] = {}
                for term, w in (t_matched if title_hit else []) + [x for _s, m in tagged for x in m]:
                    weights[term] = w
                result[area.id] = _sorted_terms(list(weights.items()))
        return result


def _contains_run(seq: list[str], key: tuple[str, ...]) -> bool:
    n = len(key)
    first = key[0]
    for i in range(len(seq) - n + 1):
        if seq[i] == first and tuple(seq[i:i + n]) == key:
            return True
    return False


def _sorted_terms(matched: list[tuple[str, float]]) -> list[str]:
    seen: dict[str, float] = {}
    for term, w in matched:
        seen[term] = max(w, seen.get(term, 0.0))
    return [t for t, _w in sorted(seen.items(), key=lambda x: (-x[1], x[0]))]


__all__ = [
    "AreaConfigError",
    "AreaTagger",
    "PriorityArea",
    "area_label",
    "areas_file",
    "get_area",
    "load_areas",
]
