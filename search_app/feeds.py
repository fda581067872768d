"""Atom feeds (RFC 4287): follow a search in a feed reader.

``GET /sok.atom?<the parameters of /sok>`` lists the 50 newest documents of the
search. ``atom_response(title, self_url, entries)`` writes any feed, so the
decision, case and person pages can offer theirs with a list of ``FeedEntry``.

The XML comes from a Jinja template (Jinja is already Flask's; no new package):
autoescaping writes ``& < > " '`` as entities, which XML reads as it reads
HTML's, and a finalizer drops the characters XML 1.0 forbids (form feeds and
other control characters from PDF text layers), which no escaping can express.
feedgen was the other candidate; its last release (1.0.0, December 2023) drops
the rel and type of entry links (its issue #135, open since January 2024) and
would add python-dateutil and tzdata for what is one template here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any, Iterable, Mapping
from urllib.parse import urlencode

import jinja2
from flask import Blueprint, Response, current_app, g, request, url_for
from markupsafe import Markup

from indexer.store.base import Hit, SearchRequest, SearchResult

from .params import ParamError, parse_search_args, request_to_args
from .serialize import document_url, external_url
from .services import get_store
from .ui import SITE_NAME, doc_type_label, filter_chips, issuer_label

bp = Blueprint("feeds", __name__)

#: Entries of a search's feed: a feed reader polls it after each nightly run and
#: needs only what is new since then, not the whole result list.
FEED_MAX_ENTRIES = 50
ATOM_MIMETYPE = "application/atom+xml"

# Characters XML 1.0 does not allow even as a character reference.
_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (a feed with one is
    rejected whole by strict readers)."""
    return _XML_INVALID.sub("", value)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed. ``id`` must never change for the same record (a reader
    shows an entry with an unseen id as new); ``link`` and ``id`` are absolute."""

    id: str
    title: str
    link: str
    updated: datetime        # naive is taken as UTC
    summary: str = ""        # plain text
    author: str | None = None
    categories: tuple[str, ...] = field(default_factory=tuple)


def atom_date(value: datetime) -> str:
    """RFC 3339 in UTC, as Atom's date constructs want it."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _finalize(value: Any) -> Any:
    return xml_text(value) if isinstance(value, str) else value


_env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          finalize=_finalize, undefined=jinja2.StrictUndefined)
_ATOM = _env.from_string("""\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
  <id>{{ feed_id }}</id>
  <title>{{ title }}</title>
{% if subtitle %}
  <subtitle>{{ subtitle }}</subtitle>
{% endif %}
  <updated>{{ updated }}</updated>
  <author><name>{{ author }}</name></author>
  <link rel="self" type="application/atom+xml" href="{{ self_url }}"/>
{% if alternate_url %}
  <link rel="alternate" type="text/html" href="{{ alternate_url }}"/>
{% endif %}
{% for e in entries %}
  <entry>
    <id>{{ e.id }}</id>
    <title>{{ e.title }}</title>
    <updated>{{ e.updated }}</updated>
{% if e.author %}
    <author><name>{{ e.author }}</name></author>
{% endif %}
    <link rel="alternate" type="text/html" href="{{ e.link }}"/>
{% for c in e.categories %}
    <category term="{{ c }}"/>
{% endfor %}
{% if e.summary %}
    <summary type="text">{{ e.summary }}</summary>
{% endif %}
  </entry>
{% endfor %}
</feed>
""")


def atom_response(title: str, self_url: str, entries: Iterable[FeedEntry], *, feed_id: str | None = None,
                  alternate_url: str | None = None, subtitle: str | None = None,
                  updated: datetime | None = None) -> Response:
    """An Atom feed of ``entries`` in the order given (newest first, for readers).

    ``feed_id`` defaults to ``self_url``, so build that from canonical parameters
    (``canonical_query``). The feed's ``updated`` is its newest entry's, else
    ``updated``, else the index build time. The feed's author is the service, so
    that entries without an author of their own are valid Atom too."""
    entries = list(entries)
    newest = max((e.updated for e in entries), key=atom_date, default=None)
    body = _ATOM.render(
        feed_id=feed_id or self_url, title=title, subtitle=subtitle, self_url=self_url,
        alternate_url=alternate_url, author=SITE_NAME,
        updated=atom_date(newest or updated or index_built_at()),
        entries=[{"id": e.id, "title": e.title, "link": e.link, "updated": atom_date(e.updated),
                  "summary": e.summary, "author": e.author, "categories": e.categories} for e in entries],
    )
    return Response(body, mimetype=ATOM_MIMETYPE)


def index_built_at() -> datetime:
    """When the live index was published: the time of a record that has no date
    of its own (Atom requires one), and of an empty feed."""
    built = get_store().stats().built_at
    try:
        return datetime.fromisoformat(built) if built else datetime.now(timezone.utc)
    except ValueError:
        return datetime.now(timezone.utc)


def day_updated(value: str | None, fallback: datetime) -> datetime:
    """A record's ISO day as an Atom time: midnight UTC of that day (the records
    give no time, and in Sweden that instant falls on the same day), else
    ``fallback``."""
    try:
        d = date.fromisoformat((value or "")[:10])
    except ValueError:
        return fallback
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)


# --- canonical addresses of a search ------------------------------------------------

def canonical_query(args: Mapping[str, Any]) -> str:
    """A query string with the parameters and each one's values sorted: the same
    search always gets the same address, so the same feed id."""
    pairs = sorted((key, str(v)) for key, values in args.items()
                   for v in (values if isinstance(values, (list, tuple)) else [values]))
    return urlencode(pairs)


def with_query(url: str, args: Mapping[str, Any]) -> str:
    query = canonical_query(args)
    return f"{url}?{query}" if query else url


def feed_args(req: SearchRequest) -> dict[str, Any]:
    """The parameters that decide a search's feed: its words and filters, as the
    parser normalised them ("lulea" → "Luleå"); not the sort (a feed is newest
    first) nor the page."""
    args = request_to_args(req)
    args.pop("sort", None)
    return args


@dataclass(frozen=True)
class SubscribeUrls:
    feed_url: str   # absolute on PUBLIC_URL: it is copied into another program
    csv_url: str


def search_subscribe_urls() -> SubscribeUrls | None:
    """The feed and CSV addresses of the search the current request shows (its
    query-string parameters), or None when they are no valid search (the page
    shows that error instead). Remembered for the request, since a page asks in
    its head and in its body."""
    if "search_subscribe_urls" not in g:
        try:
            req = parse_search_args(request.args, current_app.config, allow_limit=False)
        except ParamError:
            g.search_subscribe_urls = None
        else:
            g.search_subscribe_urls = SubscribeUrls(
                feed_url=with_query(external_url("feeds.search_feed"), feed_args(req)),
                csv_url=with_query(url_for("export.search_csv"), request_to_args(req)))
    return g.search_subscribe_urls


@bp.app_context_processor
def _subscribe_helpers() -> dict[str, Any]:
    # A function, not its value: only the pages that show the links parse the parameters.
    return {"search_subscribe_urls": search_subscribe_urls}


# --- the search feed ------------------------------------------------------------------

def search_from_request(**overrides: Any) -> SearchResult:
    """The search of the current request's /sok parameters (ParamError and
    QueryError become 400 in create_app) with ``overrides`` (sort, page, limit)."""
    req = parse_search_args(request.args, current_app.config, allow_limit=False)
    return get_store().search(replace(req, **overrides))


def snippet_text(hit: Hit) -> str:
    """A hit's snippet as plain text (the store's HTML has only escaped text and <mark>)."""
    return Markup(hit.snippet_html).striptags()


def filter_labels(req: SearchRequest) -> list[str]:
    """The chosen filters of a search or decision list as "Kommun: Luleå" labels."""
    return [label for _param, _value, label in filter_chips(req)]


def search_title(req: SearchRequest) -> str:
    """What a feed of the search is called in a reader's list: its words and filters."""
    filters = filter_labels(req)
    words = f"Sökning: ”{req.query}”" if req.query else "Alla dokument"
    return f"{words}{' (' + '; '.join(filters) + ')' if filters else ''} – {SITE_NAME}"


def hit_entry(hit: Hit, query: str, built: datetime) -> FeedEntry:
    """A search hit as an entry. Its id is the document's own page, without the
    query or anchor: the same document has the same id in every feed and run."""
    return FeedEntry(
        id=document_url(hit.doc_id, external=True),
        title=hit.title,
        link=document_url(hit.doc_id, query=query, page=hit.page, section=hit.section, external=True),
        updated=day_updated(hit.date, built),
        summary=snippet_text(hit),
        author=issuer_label(hit),
        categories=(doc_type_label(hit.doc_type),),
    )


@bp.get("/sok.atom")
def search_feed():
    result = search_from_request(sort="date", page=1, limit=FEED_MAX_ENTRIES)
    req = result.request
    args = feed_args(req)
    built = index_built_at()
    return atom_response(
        search_title(req),
        with_query(external_url("feeds.search_feed"), args),
        [hit_entry(h, req.query, built) for h in result.hits],
        # the page of the same search, in the feed's order
        alternate_url=with_query(external_url("ui.search"), {**args, "sort": "date"}),
        subtitle=f"De {FEED_MAX_ENTRIES} nyaste dokumenten som matchar sökningen, nyast först.",
        updated=built,
    )
