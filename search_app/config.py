"""Every setting of the web app and its command line in one place.

Precedence: ``create_app(config)`` argument / command-line flag >
environment variable > default below. The environment is read when an app is
created (not at import), so tests and the CLI can set it late, and always
through indexer/config.py's checked readers: a bad value raises ConfigError
naming the variable (the CLI prints ``fel: …`` and exits 2).
"""
from __future__ import annotations

from typing import Any

from indexer import config as _ic
from indexer.config import INDEX_DIR_DEFAULT, ConfigError

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


def read_setting(name: str) -> Any:
    """SETTINGS[name] from the environment (its default when unset or empty);
    ConfigError naming the variable when the value is bad. Whole numbers must
    be at least 1."""
    env, default, typ = SETTINGS[name]
    if typ is int:
        return _ic.env_int(env, default, minimum=1)
    return _ic.env_str(env, default)


def serve_setting(option: str, default: int) -> int:
    """A ``serve`` option from its environment variable (SERVE_ENV), else
    ``default``; at least 1, or ConfigError naming the variable."""
    return _ic.env_int(SERVE_ENV[option][0], default, minimum=1)


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then environment variables, then ``overrides``. Also checks the
    store's settings (SEARCH_SEARCHERS, SEARCH_TERM_CACHE_MB, read again by the
    store when it opens a generation), so a bad value stops the app at start-up."""
    overrides = overrides or {}
    config: dict[str, Any] = {}
    for name in SETTINGS:
        # An override wins without its variable being read (nor rejected).
        config[name] = overrides[name] if name in overrides else read_setting(name)
    config.update(overrides)
    _ic.searchers()
    _ic.term_cache_mb()
    public_url = config.get("PUBLIC_URL") or ""
    try:
        config["PUBLIC_URL"] = check_public_url(public_url)
    except ValueError:
        if "PUBLIC_URL" in overrides:
            raise
        raise ConfigError(f"SEARCH_PUBLIC_URL={public_url!r} är ingen absolut http(s)-adress "
                          "(t.ex. https://handlingar.kommun.se)") from None
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
    lines.append(f"  {_ic.SEARCHERS_ENV:<24} Whoosh searchers per serving process (default {_ic.SEARCHERS_DEFAULT})")
    lines.append(f"  {_ic.TERM_CACHE_MB_ENV:<24} cache of decoded postings per serving process, MB "
                 f"(default {_ic.TERM_CACHE_MB_DEFAULT})")
    return "\n".join(lines) + "\n"
