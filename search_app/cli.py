"""Command line: serve the web app (gunicorn worker processes, or waitress), or search from the terminal.

    python -m search_app serve --index data/index --port 8000
    python -m search_app search "bostäder" --area leva-och-bo --limit 5
    python -m search_app search "bostäder" --json
    python -m search_app ask "Vilka prioriterade områden omfattar avsiktsförklaringen?"

``search --json`` prints exactly what GET /api/search returns (it runs the
same view), so scripts can switch between the two freely.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import os
import sys
import textwrap
from typing import Any, Sequence
from urllib.parse import urlencode

from indexer.models import DOC_TYPES

from .config import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_THREADS, check_public_url, env_doc, load_config
from .services import build_hint

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with the message and a pointer to --help."""

    def error(self, message: str):  # noqa: D401
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fel: {message}\nSe '{self.prog} --help'.\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"inte ett heltal: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"måste vara minst 1: {value}")
    return value


def _port(text: str) -> int:
    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"portnumret måste vara 1–65535: {value}")
    return value


def _public_url(text: str) -> str:
    try:
        return check_public_url(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"inte en absolut http(s)-adress: {text!r} (t.ex. https://handlingar.kommun.se)") from None


def build_parser() -> argparse.ArgumentParser:
    default_index = load_config()["INDEX_DIR"]
    parser = _Parser(
        prog="python -m search_app",
        description="Webbgränssnitt, JSON-API och terminalsökning för Luleås och Bodens handlingar.",
        epilog=env_doc(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="{serve,search,ask}", parser_class=_Parser)
    sub.required = True

    serve = sub.add_parser(
        "serve", help="starta webbservern",
        description="Starta webbgränssnittet och API:t (produktionsserver, aldrig debug-läge): gunicorn med "
                    "flera arbetsprocesser, eller waitress i en process med --workers 1.",
        epilog=env_doc(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--index", metavar="DIR", default=default_index,
                       help=f"indexmappen (standard: {default_index}, eller SEARCH_INDEX_DIR)")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"adress att lyssna på (standard: {DEFAULT_HOST})")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port (standard: {DEFAULT_PORT})")
    serve.add_argument("--workers", type=_positive_int, default=None,
                       help="antal serverprocesser (standard: antalet kärnor, högst 4, eller SEARCH_WORKERS); "
                            "1 = en process med waitress")
    serve.add_argument("--threads", type=_positive_int, default=None,
                       help=f"antal trådar per serverprocess (standard: {DEFAULT_THREADS}, eller SEARCH_THREADS)")
    serve.add_argument("--url-prefix", default="", metavar="PREFIX",
                       help="sökvägsprefix när appen ligger bakom en proxy, t.ex. /handlingar (standard: inget)")
    serve.add_argument("--public-url", type=_public_url, default=None, metavar="URL",
                       help="den publika adressen till startsidan, med eventuellt prefix, t.ex. "
                            "https://handlingar.kommun.se; alla absoluta länkar (API:t, källhänvisningar) "
                            "byggs på den, aldrig på förfrågans Host-huvud (standard: SEARCH_PUBLIC_URL, "
                            "annars http://HOST:PORT/PREFIX som servern lyssnar på)")

    search = sub.add_parser(
        "search", help="sök från terminalen",
        description="Sök i indexet och skriv ut träffarna (eller samma JSON som GET /api/search).",
        epilog="exempel:\n  python -m search_app search bostäder --area leva-och-bo --municipality Boden\n"
               "  python -m search_app search \"avsiktsförklaring samverkan\" --json\n\n" + env_doc(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", metavar="QUERY", nargs="?", default="",
                        help="sökfrågan (tom: bläddra, nyast först)")
    search.add_argument("--area", action="append", default=[], metavar="AREA",
                        help="prioriterat område, id eller namn (kan upprepas; dokumentet måste ha alla)")
    search.add_argument("--municipality", action="append", default=[], metavar="M",
                        help="kommun: Luleå eller Boden (kan upprepas)")
    search.add_argument("--type", action="append", default=[], metavar="T", dest="type",
                        help=f"dokumenttyp: {', '.join(DOC_TYPES)} (kan upprepas)")
    search.add_argument("--year", action="append", default=[], metavar="Y", help="år, fyra siffror (kan upprepas)")
    search.add_argument("--body", action="append", default=[], metavar="ORGAN",
                        help="organ, t.ex. kommunstyrelsen (kan upprepas)")
    search.add_argument("--person", action="append", default=[], metavar="NAMN",
                        help="person som protokollen nämner, t.ex. \"Carina Sammeli\" (kan upprepas)")
    search.add_argument("--party", action="append", default=[], metavar="PARTI",
                        help="parti, förkortning eller namn, t.ex. S (kan upprepas)")
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance",
                        help="sortering (standard: relevance)")
    search.add_argument("--page", type=_positive_int, default=1, help="resultatsida (standard: 1)")
    search.add_argument("--limit", type=_positive_int, default=10, help="antal dokument, 1–100 (standard: 10)")
    search.add_argument("--index", metavar="DIR", default=default_index,
                        help=f"indexmappen (standard: {default_index}, eller SEARCH_INDEX_DIR)")
    search.add_argument("--json", action="store_true", help="skriv ut JSON (samma som /api/search)")
    search.add_argument("--public-url", "--base-url", type=_public_url, default=None, metavar="URL",
                        help="bas för länkarna i resultatet (standard: SEARCH_PUBLIC_URL, annars "
                             f"http://{DEFAULT_HOST}:{DEFAULT_PORT})")

    ask = sub.add_parser(
        "ask", help="ställ en fråga och få ett citerat svar",
        description="Besvara en fråga med ett ordagrant citat ur handlingarna, med källa "
                    "(eller samma JSON som GET /api/ask).",
        epilog="exempel:\n  python -m search_app ask \"Vilka prioriterade områden omfattar avsiktsförklaringen?\"\n"
               "  python -m search_app ask \"Hur många nya jobb kan industrisatsningarna skapa?\" --json\n\n" + env_doc(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ask.add_argument("question", metavar="FRÅGA", help="frågan, på svenska")
    ask.add_argument("--index", metavar="DIR", default=default_index,
                     help=f"indexmappen (standard: {default_index}, eller SEARCH_INDEX_DIR)")
    ask.add_argument("--json", action="store_true", help="skriv ut JSON (samma som /api/ask)")
    ask.add_argument("--public-url", "--base-url", type=_public_url, default=None, metavar="URL",
                     help="bas för länkarna i svaret (standard: SEARCH_PUBLIC_URL, annars "
                          f"http://{DEFAULT_HOST}:{DEFAULT_PORT})")
    return parser


def format_answer(data: dict[str, Any]) -> str:
    lines = [f"Fråga: {data['question']}"]
    if data.get("answer") is None:
        lines.append("Jag hittar inget säkert svar.")
        if data.get("passages"):
            lines.append("")
            lines.append("Stycken att läsa:")
    else:
        lines.append(f"Svar: {data['answer']}")
        if data.get("sentence") and data["sentence"] != data["answer"]:
            lines.extend(textwrap.wrap(f"”{data['sentence']}”", width=96, initial_indent="  ", subsequent_indent="  "))
        src = data["source"]
        where = [src["title"], " och ".join(src["municipality"]) or "kommun ej angiven", src["doc_type"],
                 src["date"] or "datum saknas", f"sida {src['page']}"]
        if src.get("section") is not None:
            where.append(f"§ {src['section']}")
        lines.append("Källa: " + " · ".join(where))
        lines.append(f"  {src['url']}")
        lines.append(f"Säkerhet: {data['confidence']:.2f}")
        if len(data.get("passages", [])) > 1:
            lines.append("")
            lines.append("Fler stycken:")
    if data.get("disagreement"):
        lines.append("Obs: källorna säger olika; se de möjliga svaren nedan.")
    alternatives = data.get("alternatives") or []
    if alternatives:
        lines.append("")
        lines.append("Andra möjliga svar:" if data.get("answer") is not None else "Möjliga svar (osäkra):")
        for alt in alternatives:
            src = alt["source"] or {}
            where = f"{src.get('title', '')} · {src.get('date') or 'datum saknas'} · sida {src.get('page')}"
            if src.get("section") is not None:
                where += f" · § {src['section']}"
            lines.append(f"- {alt['answer']}  ({where}; säkerhet {alt['confidence']:.2f})")
    shown = data.get("passages", []) if data.get("answer") is None else data.get("passages", [])[1:]
    for n, p in enumerate(shown, start=1):
        where = f"{p['title']} · {p['date'] or 'datum saknas'} · sida {p['page']}"
        if p.get("section") is not None:
            where += f" · § {p['section']}"
        lines.append(f"{n}. {where}")
        lines.extend(textwrap.wrap(snippet_to_text(p["snippet"]), width=96, initial_indent="   ",
                                   subsequent_indent="   "))
        lines.append(f"   {p['url']}")
    return "\n".join(lines)


def cmd_ask(args: argparse.Namespace) -> int:
    app = _open_app(args.index, args.public_url)
    return _print_api(app, "/api/ask", [("q", args.question)], args, format_answer)


def _print_api(app, path: str, params: list[tuple[str, str]], args: argparse.Namespace, fmt) -> int:
    """Call the JSON API in-process (so the CLI answers exactly as the API does) and print.
    Its links are built on the app's PUBLIC_URL (``--public-url``)."""
    response = app.test_client().get(f"{path}?{urlencode(params)}")
    data = response.get_json(silent=True) or {}
    if response.status_code != 200:
        print(f"fel: {data.get('error', response.status)}", file=sys.stderr)
        return EXIT_USAGE if response.status_code in (400, 404, 503) else 1
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else fmt(data))
    return 0


def _open_app(index: str, public_url: str | None = None):
    """The app with its store opened, or a message and exit 2."""
    from . import create_app
    from .services import IndexUnavailable, get_store

    config: dict[str, Any] = {"INDEX_DIR": index}
    if public_url:
        config["PUBLIC_URL"] = public_url
    try:
        app = create_app(config)
    except ValueError as exc:   # e.g. SEARCH_PUBLIC_URL is not an address
        print(f"fel: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    try:
        get_store(app)
    except IndexUnavailable:
        print(f"fel: inget sökindex i {index}.\n{build_hint(index)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    except ValueError as exc:  # UnknownBackend: SEARCH_INDEX_DIR/--index names no backend we have
        print(f"fel: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    return app


def snippet_to_text(snippet_html: str) -> str:
    """<mark>term</mark> -> [term]; other tags dropped; entities unescaped."""
    text = re.sub(r"<mark[^>]*>", "[", snippet_html)
    text = text.replace("</mark>", "]")
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


def format_hits(data: dict[str, Any]) -> str:
    lines = []
    total, page, limit = data["total"], data["page"], data["limit"]
    what = f" för ”{data['query']}”" if data["query"] else ""
    shown = len(data["hits"])
    first = (page - 1) * limit + 1
    lines.append(f"{total} dokument matchar{what}" + (f" (visar {first}–{first + shown - 1})" if shown else "") + ".")
    if data.get("suggestion"):
        s = data["suggestion"]
        lines.append(f"Menade du: {s['query']}? ({s['total']} dokument)")
    if data.get("relaxed"):
        lines.append("Inga dokument innehöll alla orden; visar dokument med något av orden.")
    for n, hit in enumerate(data["hits"], start=first):
        lines.append("")
        lines.append(f"{n}. {hit['title']}")
        where = [hit["doc_type"], " och ".join(hit["municipality"]) or "kommun ej angiven",
                 hit["date"] or "datum saknas", f"sida {hit['page']}"]
        if hit.get("section") is not None:
            where.append(f"§ {hit['section']}" + (f" {hit['section_title']}" if hit.get("section_title") else ""))
        lines.append("   " + " · ".join(where))
        snippet = snippet_to_text(hit["snippet"])
        lines.extend(textwrap.wrap(snippet, width=96, initial_indent="   ", subsequent_indent="   "))
        if hit.get("more_passages"):
            lines.append(f"   ({hit['more_passages']} fler träffar i dokumentet)")
        if hit["areas"]:
            lines.append("   Områden: " + ", ".join(a["label"] for a in hit["areas"]))
        lines.append(f"   {hit['url']}")
    if not data["hits"] and total == 0:
        lines.append("Inga träffar. Prova färre eller andra ord, eller ta bort filter.")
    return "\n".join(lines)


def cmd_search(args: argparse.Namespace) -> int:
    app = _open_app(args.index, args.public_url)
    params: list[tuple[str, str]] = [("q", args.query)]
    for name in ("area", "municipality", "type", "year", "body", "person", "party"):
        params.extend((name, str(v)) for v in getattr(args, name))
    params += [("sort", args.sort), ("page", str(args.page)), ("limit", str(args.limit))]
    return _print_api(app, "/api/search", params, args, format_hits)


def _serve_option(args: argparse.Namespace, option: str, default: int) -> int:
    """The flag, else its environment variable (SERVE_ENV), else the default."""
    value = getattr(args, option)
    if value is not None:
        return value
    from .config import serve_setting
    try:
        return serve_setting(option, default)
    except ValueError as exc:   # ConfigError: names the variable and its value
        print(f"fel: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def cmd_serve(args: argparse.Namespace) -> int:
    from indexer.store import index_root

    from . import server
    from .services import get_store

    workers = _serve_option(args, "workers", server.default_workers())
    threads = _serve_option(args, "threads", DEFAULT_THREADS)
    app = _open_app(args.index, args.public_url)
    stats = get_store(app).stats()
    prefix = args.url_prefix.rstrip("/")
    host_for_url = f"[{args.host}]" if ":" in args.host else args.host
    listening = f"http://{host_for_url}:{args.port}{prefix}"
    # Absolute links (API, citations) use the configured public address, else the one
    # the server listens on; never the Host header of a request.
    app.config["PUBLIC_URL"] = app.config.get("PUBLIC_URL") or listening

    def announce() -> None:
        print(f"Index {index_root(args.index).resolve()}: {stats.documents} dokument, {stats.passages} stycken "
              f"(generation {stats.generation}).", flush=True)
        print(f"Servern kör på {listening}/  (avsluta med Ctrl+C)", flush=True)
        if app.config["PUBLIC_URL"] != listening:
            print(f"Länkar i API:t och källhänvisningar byggs på {app.config['PUBLIC_URL']}/", flush=True)

    try:
        server.run(app, args.host, args.port, workers=workers, threads=threads, prefix=prefix, announce=announce)
    except server.BindError as exc:  # port taken, address not available, no permission
        print(f"fel: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
    except ValueError as exc:   # ConfigError: a setting in the environment is invalid (SEARCH_PAGE_SIZE …)
        print(f"fel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            return cmd_serve(args)
        if args.command == "ask":
            return cmd_ask(args)
        return cmd_search(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
