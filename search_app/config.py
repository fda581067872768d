"""Every setting of the web app and its command line in one place.

Precedence: ``create_app(config)`` argument / command-line flag >
environment variable > default below. The environment is read when an app is
created (not at import), so tests and the CLI can set it late.
"""
from __future__ import annotations

import os
from typing import Any

from indexer.config import INDEX_DIR_DEFAULT

#: name -> (environment variable, default, type)
SETTINGS: dict[str, tuple[str, Any, type]] = {
    # Folder with the index generations written by ``python -m indexer build``.
    "INDEX_DIR": ("SEARCH_INDEX_DIR", INDEX_DIR_DEFAULT, str),
    # Documents per result page in the HTML UI and default ``limit`` of the API.
    "PAGE_SIZE": ("SEARCH_PAGE_SIZE", 10, int),
    # Longest accepted query text (characters); longer queries get a 400.
    "MAX_QUERY_LENGTH": ("SEARCH_MAX_QUERY_LENGTH", 500, int),
    # Largest ``limit`` the API accepts.
    "MAX_LIMIT": ("SEARCH_MAX_LIMIT", 100, int),
    # Public address of the start page, path prefix included ("https://handlingar.lulea.se",
    # "https://kommun.se/handlingar"): every absolute link (API ``url``/``original_url``,
    # citations) is built on it, never on the request's Host header. Empty: the address
    # ``serve`` listens on (http://HOST:PORT/PREFIX; http://127.0.0.1:8000 outside ``serve``).
    "PUBLIC_URL": ("SEARCH_PUBLIC_URL", "", str),
}

#: How --help describes a default that is not a plain value.
SETTING_DEFAULT_DOC = {
    "PUBLIC_URL": "empty: http://HOST:PORT/PREFIX of serve;\n"
                  + " " * 27 + "the public address for absolute links, e.g. https://handlingar.example.se",
}

#: Defaults of the ``serve`` command.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Threads per serving process. The GIL lets one thread compute at a time, so a
#: few are enough to overlap network waits; more processes (--workers) add cores.
DEFAULT_THREADS = 4

#: ``serve`` options that an environment variable can set (the flag wins):
#: option -> (environment variable, meaning of the default).
SERVE_ENV = {
    "workers": ("SEARCH_WORKERS", "the number of cores, at most 4"),
    "threads": ("SEARCH_THREADS", str(DEFAULT_THREADS)),
}


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then environment variables, then ``overrides``."""
    config: dict[str, Any] = {}
    for name, (env, default, typ) in SETTINGS.items():
        raw = os.environ.get(env)
        if raw is None or raw == "":
            config[name] = default
            continue
        try:
            config[name] = typ(raw)
        except ValueError as exc:  # a misconfiguration, reported at start-up
            raise ValueError(f"environment variable {env}={raw!r} is not a valid {typ.__name__}") from exc
    if overrides:
        config.update(overrides)
    config["PUBLIC_URL"] = check_public_url(config.get("PUBLIC_URL") or "")
    return config


def check_public_url(value: str) -> str:
    """``value`` without a trailing slash, or ValueError when it is not an
    absolute http(s) address without query or fragment ("" stays "")."""
    from urllib.parse import urlsplit

    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment \
            or any(c.isspace() for c in value):
        raise ValueError(f"PUBLIC_URL (SEARCH_PUBLIC_URL, --public-url) {value!r} is not an absolute "
                         "http(s) address such as https://handlingar.example.se")
    return value.rstrip("/")


def env_doc() -> str:
    """The environment variables, for --help epilogues."""
    lines = ["environment variables:"]
    for name, (env, default, _typ) in SETTINGS.items():
        lines.append(f"  {env:<24} {name} (default {SETTING_DEFAULT_DOC.get(name, default)})")
    for option, (env, default) in SERVE_ENV.items():
        lines.append(f"  {env:<24} serve --{option} (default {default})")
    lines.append(f"  {'SEARCH_SEARCHERS':<24} Whoosh searchers per serving process (default 2)")
    lines.append(f"  {'SEARCH_TERM_CACHE_MB':<24} cache of decoded postings per serving process (default 512)")
    return "\n".join(lines) + "\n"
