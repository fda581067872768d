"""The sources file of the harvester: where each municipality publishes, and how politely to ask.

A TOML file with one ``[defaults]`` table and a ``[[source]]`` table per source::

    [defaults]
    user_agent = "council-search/1.0 (+https://example.org/kontakt)"
    delay_s = 1.0          # seconds between two requests to the same host
    max_file_mb = 50       # larger files are refused while streaming
    timeout_s = 30         # seconds without an answer before a request times out
    retries = 3            # further tries after a timeout, 429 or 5xx
    backoff_s = 1.0        # the first wait before a retry, doubled for each next one
    gone_after_runs = 3    # runs in a row a document must be missing before it counts as gone

    [[source]]
    name = "boden-protokoll"   # also the folder its files go to: a-z, 0-9, - and _
    municipality = "Boden"     # optional; a municipality organisations.tsv knows
    kind = "listing"           # feed | listing | sitemap
    url = "https://…/protokoll"
    follow = "a.meeting"       # listing: optional CSS selector of pages to follow one level
    links = "a[href$='.pdf']"  # listing: CSS selector of the document links (on the followed pages
                               #   when there is a follow, else on the listing pages)
    next = "a[rel=next]"       # listing: optional CSS selector of the next listing page
    max_pages = 20             # listing: at most this many listing pages
    # sitemap: include = "/kommun-och-politik/"  (a regular expression searched in each URL;
    #   a sitemap index is followed to its sitemaps)

Every error is a :class:`SourcesError` whose message names the file, the
source and the key, and says what is wrong (in Swedish: the operator reads it).
"""
from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

KINDS = ("feed", "listing", "sitemap")
#: The keys a source of each kind may have besides the common ones.
KIND_KEYS = {"feed": (), "listing": ("follow", "links", "next", "max_pages"), "sitemap": ("include",)}
COMMON_KEYS = ("name", "municipality", "kind", "url")
#: A source's name is its folder under DIR, so it is kept to what every file system takes.
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
MAX_PAGES_DEFAULT = 20


class SourcesError(ValueError):
    """The sources file cannot be used; the message names the file, the source and the key."""


@dataclass(frozen=True)
class Defaults:
    user_agent: str = "council-search/1.0"
    delay_s: float = 1.0
    max_file_mb: float = 50.0
    timeout_s: float = 30.0
    retries: int = 3
    backoff_s: float = 1.0
    gone_after_runs: int = 3

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


#: key -> (type, smallest value, whether the smallest value itself is allowed)
_DEFAULT_KEYS: dict[str, tuple[type, float, bool]] = {
    "delay_s": (float, 0, True), "max_file_mb": (float, 0, False), "timeout_s": (float, 0, False),
    "retries": (int, 0, True), "backoff_s": (float, 0, True), "gone_after_runs": (int, 1, True),
}


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    url: str
    municipality: str | None = None
    follow: str | None = None
    links: str | None = None
    next: str | None = None
    max_pages: int = MAX_PAGES_DEFAULT
    include: str | None = None


@dataclass(frozen=True)
class SourcesFile:
    path: Path
    defaults: Defaults
    sources: tuple[Source, ...]


def load_sources(path: Path) -> SourcesFile:
    """The sources file at ``path``, checked; SourcesError for anything wrong in it."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: filen finns inte") from None
    except OSError as exc:
        raise SourcesError(f"{path}: kan inte läsas: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise SourcesError(f"{path}: är inte UTF-8-text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: inte giltig TOML: {exc}") from None
    unknown = sorted(set(data) - {"defaults", "source"})
    if unknown:
        raise SourcesError(f"{path}: okänd nyckel {unknown[0]!r} (tillåtna: [defaults] och [[source]])")
    defaults = _defaults(path, data.get("defaults", {}))
    raw_sources = data.get("source")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise SourcesError(f"{path}: inga källor; lägg till minst en [[source]]-tabell")
    sources: list[Source] = []
    for number, raw in enumerate(raw_sources, 1):
        source = _source(path, number, raw)
        if any(s.name == source.name for s in sources):
            raise SourcesError(f"{path}: [[source]] nr {number} ({source.name!r}): name: namnet används redan "
                               "av en annan källa")
        sources.append(source)
    return SourcesFile(path=path, defaults=defaults, sources=tuple(sources))


def _defaults(path: Path, raw) -> Defaults:
    where = f"{path}: [defaults]"
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: ska vara en tabell")
    unknown = sorted(set(raw) - {"user_agent", *_DEFAULT_KEYS})
    if unknown:
        raise SourcesError(f"{where}: okänd nyckel {unknown[0]!r} "
                           f"(tillåtna: user_agent, {', '.join(_DEFAULT_KEYS)})")
    values: dict = {}
    if "user_agent" in raw:
        values["user_agent"] = _text(where, "user_agent", raw["user_agent"])
    for key, (kind, minimum, inclusive) in _DEFAULT_KEYS.items():
        if key in raw:
            values[key] = _number(where, key, raw[key], kind, minimum, inclusive)
    return Defaults(**values)


def _source(path: Path, number: int, raw) -> Source:
    where = f"{path}: [[source]] nr {number}"
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: ska vara en tabell")
    name = _text(where, "name", raw.get("name"))
    if not NAME_PATTERN.fullmatch(name):
        raise SourcesError(f"{where}: name: {name!r} duger inte som mappnamn; använd a–z, 0–9, - och _ "
                           "(högst 64 tecken, först en bokstav eller siffra)")
    where = f"{where} ({name!r})"
    kind = _text(where, "kind", raw.get("kind"))
    if kind not in KINDS:
        raise SourcesError(f"{where}: kind: {kind!r} är inget känt slag; använd {', '.join(KINDS)}")
    for key in raw:
        if key in COMMON_KEYS or key in KIND_KEYS[kind]:
            continue
        owners = [k for k, keys in KIND_KEYS.items() if key in keys]
        raise SourcesError(f"{where}: {key}: " + (f"gäller bara källor av slaget {' och '.join(owners)}"
                                                   if owners else "okänd nyckel"))
    url = _text(where, "url", raw.get("url"))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: url: {url!r} är ingen http- eller https-adress")
    values: dict = {"name": name, "kind": kind, "url": url}
    if "municipality" in raw:
        from ..organisations import municipality_named
        given = _text(where, "municipality", raw["municipality"])
        municipality = municipality_named(given)
        if municipality is None:
            raise SourcesError(f"{where}: municipality: {given!r} är ingen kommun som "
                               "indexer/data/organisations.tsv känner")
        values["municipality"] = municipality
    if kind == "listing":
        if "links" not in raw:
            raise SourcesError(f"{where}: links: saknas; en källa av slaget listing behöver en CSS-väljare "
                               "för dokumentlänkarna")
        for key in ("follow", "links", "next"):
            if key in raw:
                values[key] = _selector(where, key, raw[key])
        if "max_pages" in raw:
            values["max_pages"] = _number(where, "max_pages", raw["max_pages"], int, 1, True)
    if kind == "sitemap" and "include" in raw:
        pattern = _text(where, "include", raw["include"])
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SourcesError(f"{where}: include: {pattern!r} är inget giltigt reguljärt uttryck: {exc}") from None
        values["include"] = pattern
    return Source(**values)


def _text(where: str, key: str, value) -> str:
    if value is None:
        raise SourcesError(f"{where}: {key}: saknas")
    if not isinstance(value, str) or not value.strip():
        raise SourcesError(f"{where}: {key}: ska vara en text som inte är tom, inte {value!r}")
    return value.strip()


def _number(where: str, key: str, value, kind: type, minimum: float, inclusive: bool):
    # TOML's booleans are ints to Python; "true" is no number of seconds.
    ok_type = isinstance(value, int) if kind is int else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type:
        what = "ett heltal" if kind is int else "ett tal"
        raise SourcesError(f"{where}: {key}: ska vara {what}, inte {value!r}")
    if not math.isfinite(value) or value < minimum or (value == minimum and not inclusive):
        bound = f"minst {minimum:g}" if inclusive else f"större än {minimum:g}"
        raise SourcesError(f"{where}: {key}: ska vara {bound}, inte {value!r}")
    return kind(value)


def _selector(where: str, key: str, value) -> str:
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    text = _text(where, key, value)
    try:
        CSSSelector(text, translator="html")
    except SelectorError as exc:
        raise SourcesError(f"{where}: {key}: {text!r} är ingen giltig CSS-väljare: {exc}") from None
    return text
