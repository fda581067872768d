"""Every setting is read through the config modules with one checked reader (issue 13, point 4).

A bad value raises ConfigError naming the variable and the value, and both command lines turn it
into ``fel: …`` and exit status 2; good values are honoured; nothing reads a setting at import;
only indexer/config.py reads the environment; README.md's configuration table lists every
variable once, with the defaults the code has.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import config
from indexer.config import ConfigError

from conftest import index_spec_at

ROOT = Path(__file__).resolve().parent.parent
#: Test hooks of pipeline.py (read through indexer/config.py too), not configuration.
NOT_SETTINGS = {config.TEST_PAUSE_ENV, config.TEST_PAUSE_FILE_ENV}


def _load_config():
    from search_app.config import load_config
    return load_config()


def _serve(option):
    from search_app.config import serve_setting
    return lambda: serve_setting(option, 99)


#: variable -> what reads it (a bad value must raise ConfigError from there)
NUMERIC_READERS = {
    "SEARCH_JOBS": config.default_jobs,
    "SEARCH_MAX_FILE_MB": config.max_file_mb,
    "SEARCH_MAX_UNZIPPED_MB": config.file_limits,
    "SEARCH_MAX_ZIP_RATIO": config.file_limits,
    "SEARCH_MAX_PAGES": config.file_limits,
    "SEARCH_FILE_TIMEOUT": config.file_limits,
    "SEARCH_OCR_DPI": config.ocr_settings,
    "SEARCH_OCR_TIMEOUT": config.ocr_settings,
    "SEARCH_TEXT_QUALITY_MIN": config.text_quality_min,
    "SEARCH_SEARCHERS": config.searchers,
    "SEARCH_TERM_CACHE_MB": config.term_cache_mb,
    "SEARCH_PAGE_SIZE": _load_config,
    "SEARCH_MAX_QUERY_LENGTH": _load_config,
    "SEARCH_MAX_LIMIT": _load_config,
    "SEARCH_WORKERS": _serve("workers"),
    "SEARCH_THREADS": _serve("threads"),
}
#: variables the ingester checks before a run
INDEXER_NUMERIC = ["SEARCH_JOBS", "SEARCH_MAX_FILE_MB", "SEARCH_MAX_UNZIPPED_MB", "SEARCH_MAX_ZIP_RATIO",
                   "SEARCH_MAX_PAGES", "SEARCH_FILE_TIMEOUT", "SEARCH_OCR_DPI", "SEARCH_OCR_TIMEOUT",
                   "SEARCH_TEXT_QUALITY_MIN"]
#: variables the web app checks when it is created
APP_NUMERIC = ["SEARCH_PAGE_SIZE", "SEARCH_MAX_QUERY_LENGTH", "SEARCH_MAX_LIMIT", "SEARCH_SEARCHERS",
               "SEARCH_TERM_CACHE_MB"]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    for name in list(os.environ):
        if name.startswith("SEARCH_"):
            monkeypatch.delenv(name)


@pytest.mark.parametrize("name", sorted(NUMERIC_READERS))
@pytest.mark.parametrize("bad", ["zz", "-5", "nan"])
def test_a_bad_number_raises_config_error_naming_variable_and_value(monkeypatch, name, bad):
    monkeypatch.setenv(name, bad)
    with pytest.raises(ConfigError) as exc:
        NUMERIC_READERS[name]()
    assert f"{name}={bad!r}" in str(exc.value)
    assert isinstance(exc.value, ValueError)   # callers that catch ValueError still do


def test_out_of_range_and_whole_numbers(monkeypatch):
    cases = [("SEARCH_TEXT_QUALITY_MIN", "1.5", config.text_quality_min, "måste vara högst 1"),
             ("SEARCH_SEARCHERS", "0", config.searchers, "måste vara minst 1"),
             ("SEARCH_SEARCHERS", "2.5", config.searchers, "är inget heltal"),
             ("SEARCH_OCR_DPI", "71", config.ocr_settings, "måste vara minst 72"),
             ("SEARCH_MAX_PAGES", "10.5", config.file_limits, "är inget heltal"),
             ("SEARCH_OCR_TIMEOUT", "inf", config.ocr_settings, "är inget tal"),
             ("SEARCH_PAGE_SIZE", "0", _load_config, "måste vara minst 1")]
    for name, value, reader, message in cases:
        monkeypatch.setenv(name, value)
        with pytest.raises(ConfigError, match=re.escape(f"{name}={value!r} {message}")):
            reader()
        monkeypatch.delenv(name)


def test_a_bad_public_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("SEARCH_PUBLIC_URL", "javascript:alert(1)")
    with pytest.raises(ConfigError, match=re.escape("SEARCH_PUBLIC_URL='javascript:alert(1)'")):
        _load_config()


def test_good_numbers_are_honoured(monkeypatch):
    from search_app.config import load_config, serve_setting
    for name, value in [("SEARCH_JOBS", "3"), ("SEARCH_MAX_FILE_MB", "7.5"), ("SEARCH_MAX_UNZIPPED_MB", "9"),
                        ("SEARCH_MAX_ZIP_RATIO", "20"), ("SEARCH_MAX_PAGES", " 40 "), ("SEARCH_FILE_TIMEOUT", "60"),
                        ("SEARCH_OCR_DPI", "150"), ("SEARCH_OCR_TIMEOUT", "30"), ("SEARCH_TEXT_QUALITY_MIN", "0"),
                        ("SEARCH_SEARCHERS", "5"), ("SEARCH_TERM_CACHE_MB", "0"), ("SEARCH_PAGE_SIZE", "7"),
                        ("SEARCH_MAX_QUERY_LENGTH", "80"), ("SEARCH_MAX_LIMIT", "33"), ("SEARCH_WORKERS", "6"),
                        ("SEARCH_THREADS", "8"), ("SEARCH_OCR_LANG", "swe+eng"), ("SEARCH_TESSERACT", "/opt/tess"),
                        ("SEARCH_PUBLIC_URL", "https://sok.example/h/")]:
        monkeypatch.setenv(name, value)
    assert config.default_jobs() == 3
    assert config.max_file_mb() == 7.5
    assert config.file_limits() == config.FileLimits(max_unzipped_mb=9, max_zip_ratio=20, max_pages=40,
                                                     file_timeout_s=60)
    # command-line flags win over the environment
    assert config.file_limits(max_pages=2).max_pages == 2
    assert config.ocr_settings() == config.OcrSettings(tesseract="/opt/tess", lang="swe+eng", dpi=150, timeout_s=30)
    assert config.text_quality_min() == 0
    assert (config.searchers(), config.term_cache_mb()) == (5, 0)
    loaded = load_config()
    assert (loaded["PAGE_SIZE"], loaded["MAX_QUERY_LENGTH"], loaded["MAX_LIMIT"]) == (7, 80, 33)
    assert loaded["PUBLIC_URL"] == "https://sok.example/h"
    assert (serve_setting("workers", 1), serve_setting("threads", 1)) == (6, 8)
    # create_app's overrides win, without the variable being consulted
    monkeypatch.setenv("SEARCH_PAGE_SIZE", "bad")
    assert load_config({"PAGE_SIZE": 4})["PAGE_SIZE"] == 4


def test_defaults_when_unset_or_empty(monkeypatch):
    from search_app.config import load_config, serve_setting
    assert config.default_jobs() == config.CORE_JOBS
    assert config.file_limits() == config.FileLimits()
    assert config.ocr_settings() == config.OcrSettings()
    assert (config.searchers(), config.term_cache_mb()) == (config.SEARCHERS_DEFAULT, config.TERM_CACHE_MB_DEFAULT)
    assert serve_setting("threads", 4) == 4
    loaded = load_config()
    assert (loaded["PAGE_SIZE"], loaded["MAX_QUERY_LENGTH"], loaded["MAX_LIMIT"], loaded["PUBLIC_URL"]) == (10, 500, 100, "")
    monkeypatch.setenv("SEARCH_JOBS", "  ")
    monkeypatch.setenv("SEARCH_OCR_LANG", "")
    assert config.default_jobs() == config.CORE_JOBS and config.ocr_settings().lang == "swe"
    # ... except where empty means "off"
    monkeypatch.setenv("SEARCH_TESSERACT", "")
    assert config.ocr_settings().tesseract == ""


def test_paths_are_honoured(monkeypatch, tmp_path):
    from indexer.analysis import compounds, swedish
    from indexer.areas import DEFAULT_AREAS_FILE, areas_file
    from indexer.organisations import DEFAULT_ORGANISATIONS_FILE, organisations_file
    from indexer.search.syntax import DATA_DIR, synonyms_file

    assert config.default_index_dir() == Path("data/index") and config.default_cache_dir() == Path("data/cache")
    assert config.default_report_dir(tmp_path) == tmp_path / "reports"
    assert areas_file() == DEFAULT_AREAS_FILE and organisations_file() == DEFAULT_ORGANISATIONS_FILE
    assert synonyms_file() == DATA_DIR / "synonyms.toml" and synonyms_file().is_file()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert swedish.cache_dir() == tmp_path / "xdg" / "council-search"

    for name in ("SEARCH_INDEX_DIR", "SEARCH_CACHE_DIR", "SEARCH_REPORT_DIR", "SEARCH_AREAS_FILE",
                 "SEARCH_ORGANISATIONS_FILE", "SEARCH_SYNONYMS_FILE", "SEARCH_HUNSPELL_DIR", "SEARCH_ANALYSIS_CACHE"):
        monkeypatch.setenv(name, str(tmp_path / name))
    assert config.default_index_dir() == tmp_path / "SEARCH_INDEX_DIR"
    assert config.DEFAULT_INDEX_DIR == tmp_path / "SEARCH_INDEX_DIR"   # the old name, read when asked for
    assert config.default_cache_dir() == tmp_path / "SEARCH_CACHE_DIR"
    assert config.default_report_dir(tmp_path) == tmp_path / "SEARCH_REPORT_DIR"
    assert areas_file() == tmp_path / "SEARCH_AREAS_FILE"
    assert organisations_file() == tmp_path / "SEARCH_ORGANISATIONS_FILE"
    assert synonyms_file() == tmp_path / "SEARCH_SYNONYMS_FILE"
    assert compounds.hunspell_candidates()[0] == tmp_path / "SEARCH_HUNSPELL_DIR"
    assert swedish.cache_dir() == tmp_path / "SEARCH_ANALYSIS_CACHE"
    for off in ("0", "off", ""):
        monkeypatch.setenv("SEARCH_ANALYSIS_CACHE", off)
        assert swedish.cache_dir() is None


def test_the_store_reads_searchers_and_term_cache_when_it_opens(corpus_index, whoosh_store, monkeypatch):
    from indexer.store import open_store
    monkeypatch.setenv("SEARCH_SEARCHERS", "3")
    monkeypatch.setenv("SEARCH_TERM_CACHE_MB", "5")
    view = open_store(corpus_index)._current()
    assert view.pool.size == 3 and view.terms.budget == 5 << 20
    monkeypatch.setenv("SEARCH_SEARCHERS", "många")
    with pytest.raises(ConfigError, match="SEARCH_SEARCHERS='många'"):
        open_store(corpus_index)._current()


# --- the command lines ---------------------------------------------------------------------------


def _run_indexer(args, capsys):
    from indexer.cli import main
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().err


def _run_search_app(args, capsys):
    from search_app.cli import main
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize("name", INDEXER_NUMERIC)
def test_indexer_cli_exits_2_naming_a_bad_variable(name, monkeypatch, capsys, tmp_path):
    from indexer.store import open_backend
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("Kommunstyrelsen beslutar.", encoding="utf-8")
    monkeypatch.setenv(name, "fel-värde")
    idx = index_spec_at(tmp_path / "idx")
    for command in ("build", "update"):
        code, err = _run_indexer([command, "--source", str(tmp_path / "src"), "--index", idx,
                                  "--cache", str(tmp_path / "cache"), "--quiet"], capsys)
        assert code == 2 and f"fel: {name}='fel-värde'" in err and "Traceback" not in err
    assert open_backend(idx).live() is None  # nothing was published


def test_indexer_status_exits_2_on_a_bad_store_setting(corpus_index, monkeypatch, capsys):
    assert _run_indexer(["status", "--index", str(corpus_index)], capsys)[0] == 0
    monkeypatch.setenv("SEARCH_TERM_CACHE_MB", "-1")
    code, err = _run_indexer(["status", "--index", str(corpus_index)], capsys)
    assert code == 2 and "fel: SEARCH_TERM_CACHE_MB='-1' måste vara minst 0" in err


@pytest.mark.parametrize("name", APP_NUMERIC + ["SEARCH_PUBLIC_URL"])
def test_search_app_cli_exits_2_naming_a_bad_variable(name, corpus_index, monkeypatch, capsys):
    monkeypatch.setenv(name, "0.5x")
    for args in (["search", "bostäder", "--index", str(corpus_index)], ["serve", "--index", str(corpus_index)]):
        code, err = _run_search_app(args, capsys)
        assert code == 2 and f"fel: {name}='0.5x'" in err


@pytest.mark.parametrize("name", ["SEARCH_WORKERS", "SEARCH_THREADS"])
def test_serve_exits_2_naming_a_bad_variable(name, corpus_index, monkeypatch, capsys):
    from search_app import server
    monkeypatch.setattr(server, "run", lambda *a, **kw: pytest.fail("served despite a bad setting"))
    monkeypatch.setenv(name, "0")
    code, err = _run_search_app(["serve", "--index", str(corpus_index)], capsys)
    assert code == 2 and f"fel: {name}='0' måste vara minst 1" in err


def _subprocess_env(**settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCH_")}
    env.update(settings)
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_real_command_lines_exit_2_without_a_traceback(tmp_path):
    idx = index_spec_at(tmp_path / "i")
    for module, args, name in [("indexer", ["build", "--source", str(tmp_path), "--index", idx], "SEARCH_JOBS"),
                               ("search_app", ["search", "x", "--index", idx], "SEARCH_SEARCHERS")]:
        proc = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
                              env=_subprocess_env(**{name: "två"}), timeout=300)
        assert proc.returncode == 2, proc.stderr
        assert f"fel: {name}='två'" in proc.stderr and "Traceback" not in proc.stderr


def test_nothing_reads_a_setting_at_import():
    bad = {name: "inget-tal" for name in NUMERIC_READERS}
    bad["SEARCH_PUBLIC_URL"] = "inte-en-adress"
    code = ("import importlib, pkgutil, indexer, search_app\n"
            "for pkg in (indexer, search_app):\n"
            "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
            "        if m.name.endswith('__main__'): continue\n"
            "        importlib.import_module(m.name)\n"
            "print('imported')\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env=_subprocess_env(**bad), timeout=300)
    assert proc.returncode == 0 and "imported" in proc.stdout, proc.stderr


# --- one place, one list -------------------------------------------------------------------------

#: os.environ read outside indexer/config.py, on purpose: OCR passes the whole environment on to
#: the Tesseract subprocess (that is not reading a setting).
ALLOWED_ENVIRON = {("indexer/extract/ocr.py", "env = dict(os.environ)")}
ENV_ACCESS = re.compile(r"\bos\.environ\b|\bgetenv\b|\bputenv\b|from\s+os\s+import\s+[^\n]*\benviron\b")


def _sources():
    for package in ("indexer", "search_app"):
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def test_only_the_config_module_reads_the_environment():
    stray = []
    for rel, text in _sources():
        if rel == "indexer/config.py":
            continue
        for line in text.splitlines():
            if ENV_ACCESS.search(line) and (rel, line.strip()) not in ALLOWED_ENVIRON:
                stray.append(f"{rel}: {line.strip()}")
    assert stray == []
    # and the config module reads it in exactly one place, the checked readers' _raw
    reads = [ln for ln in (ROOT / "indexer/config.py").read_text(encoding="utf-8").splitlines()
             if ENV_ACCESS.search(ln)]
    assert reads == ["    value = os.environ.get(name)"]


def _code_variables() -> set[str]:
    names = set()
    for _rel, text in _sources():
        names.update(re.findall(r"""["'](SEARCH_[A-Z0-9_]+)["']""", text))
    return names - NOT_SETTINGS


def _readme_table() -> list[tuple[str, str]]:
    """(variables cell, default cell) of each row of README.md's configuration table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        separator = all(c and set(c) <= {"-"} for c in cells)
        if line.startswith("|") and len(cells) == 3 and cells[0] != "flag" and not separator:
            rows.append((cells[1], cells[2]))
    return rows


def test_readme_table_lists_every_variable_once():
    listed = [name for cell, _ in _readme_table() for name in re.findall(r"SEARCH_[A-Z0-9_]+", cell)]
    assert len(listed) == len(set(listed)), "a variable is listed twice"
    code = _code_variables()
    assert len(code) > 20
    assert sorted(code - set(listed)) == [], "variables the code reads that README.md does not list"
    assert sorted(set(listed) - code) == [], "variables README.md lists that the code does not read"


def test_help_epilogues_name_every_variable():
    from search_app.config import env_doc as app_doc
    documented = set(re.findall(r"SEARCH_[A-Z0-9_]+", config.env_doc() + app_doc()))
    assert sorted(_code_variables() - documented) == []
    assert f"SEARCH_SEARCHERS         Whoosh searchers per serving process (default {config.SEARCHERS_DEFAULT})" \
        in app_doc()


def test_readme_defaults_match_the_code():
    from search_app.config import SERVE_ENV, SETTINGS
    defaults = {}
    for attr in dir(config):
        if attr.endswith("_ENV") and hasattr(config, attr[:-4] + "_DEFAULT"):
            defaults[getattr(config, attr)] = getattr(config, attr[:-4] + "_DEFAULT")
    defaults.update({env: default for env, default, _typ in SETTINGS.values()})
    defaults["SEARCH_JOBS"] = 2
    defaults["SEARCH_THREADS"] = int(SERVE_ENV["threads"][1])
    checked = 0
    for cell, default in _readme_table():
        names = re.findall(r"SEARCH_[A-Z0-9_]+", cell)
        values = [v.strip(" `") for v in re.split(r",\s*", default)] if len(names) > 1 else [default]
        for name, value in zip(names, values):
            expected = defaults.get(name)
            if isinstance(expected, (int, float)) and not isinstance(expected, bool):
                number = re.match(r"`?(\d+(?:\.\d+)?)", value)
                assert number and float(number.group(1)) == float(expected), (name, value, expected)
                checked += 1
            elif isinstance(expected, (str, Path)) and str(expected):
                assert str(expected).replace(str(ROOT) + "/", "") in value, (name, value, expected)
                checked += 1
    assert checked >= 15
