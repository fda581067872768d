"""The harvester (indexer/harvest/) against a fictional municipal site served on 127.0.0.1.

The site is tests/harvest_site/www, served by bench/harvest/site.py with ETag,
Last-Modified and 304, and with misbehaviour scripted per test (errors, delays,
redirects, error pages, oversized and slow answers). Nothing is mocked: the
harvester's real HTTP client talks to a real server, and the assertions read
the files, the sidecar records, the report and the server's request log.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from bench.harvest.site import SiteServer, build_site, render_pdf
from indexer.harvest import harvest, load_sources
from indexer.harvest.client import retry_after
from indexer.harvest.state import STATE_DIR, HarvestState, file_name
from indexer.lock import IndexLock
from indexer.provenance import read_sidecar, sidecar_path

REPO = Path(__file__).resolve().parents[1]

SOURCES = {
    "nyheter": ('kind = "listing"\nmunicipality = "Luleå"\nurl = "{base}/nyheter/"\n'
                'links = "a.nyhet"\nnext = "a[rel=next]"'),
    "protokoll": ('kind = "listing"\nmunicipality = "Bodens kommun"\nurl = "{base}/protokoll/"\n'
                  'follow = "a.mote"\nlinks = "a[href$=\'.pdf\']"\nnext = "a.nasta"\nmax_pages = 5'),
    "flode": 'kind = "feed"\nmunicipality = "Luleå"\nurl = "{base}/nyheter.rss"',
    "karta": 'kind = "sitemap"\nurl = "{base}/sitemap.xml"\ninclude = "/protokoll/ks-"',
}
FILER = "/protokoll/filer/"
MINUTES = [FILER + n for n in ("ks-2026-02-17-protokoll.pdf", "ks-2026-02-17-kallelse.pdf",
                               "ks-2026-01-20-protokoll.pdf", "ks-2025-12-09-protokoll.pdf")]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("harvest-site") / "www")


@pytest.fixture()
def site(built_site, tmp_path):
    root = shutil.copytree(built_site, tmp_path / "www")
    with SiteServer(root) as server:
        yield server


def write_sources(site: SiteServer, path: Path, names=("protokoll",), templates=SOURCES, **defaults) -> Path:
    settings = {"delay_s": 0, "backoff_s": 0.01, "timeout_s": 5, "retries": 2, **defaults}
    lines = ["[defaults]"] + [f"{k} = {json.dumps(v)}" for k, v in settings.items()]
    for name in names:
        lines += ["", "[[source]]", f'name = "{name}"', templates[name].format(base=site.base)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(site, tmp_path, names=("protokoll",), *, into=None, dry_run=False, forget_gone=False, templates=SOURCES,
        **defaults):
    sources = load_sources(write_sources(site, tmp_path / "sources.toml", names, templates, **defaults))
    return harvest(sources, into or tmp_path / "into", report_file=tmp_path / "rapport.json", dry_run=dry_run,
                   forget_gone=forget_gone, progress=False)


def cli(args, capsys) -> tuple[int, str, str]:
    from indexer.cli import main
    code = main(["harvest", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def documents(folder: Path) -> dict[str, bytes]:
    """name -> content of the documents in a source folder (no records, no temporary files)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def snapshot(into: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``into`` but the state and the lock: content and modification time."""
    return {str(p.relative_to(into)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(into.rglob("*"))
            if p.is_file() and STATE_DIR not in p.parts}


def saved_as(into: Path, site: SiteServer, path: str) -> Path | None:
    entry = HarvestState.load(into).entries.get(site.url(path))
    return into / entry.file if entry is not None and entry.file else None


def leftovers(into: Path) -> list[Path]:
    return [p for p in into.rglob("*") if p.name.endswith((".part", ".tmp"))]


def failures(report) -> dict[str, str]:
    return {f["url"]: f["reason"] for s in report.sources for f in s.failed}


# -- a normal night ---------------------------------------------------------------------------

def test_first_run_fetches_every_source_with_its_record(site, tmp_path):
    report = run(site, tmp_path, ("nyheter", "protokoll", "flode", "karta"))
    into = tmp_path / "into"
    assert report.exit_status == 0, report.to_json()
    assert report.counts()["new"] == 11 and report.counts()["failed"] == 0
    by_source = {name: documents(into / name) for name in ("nyheter", "protokoll", "flode", "karta")}
    assert len(by_source["protokoll"]) == 4 and all(n.endswith(".pdf") and c.startswith(b"%PDF-")
                                                    for n, c in by_source["protokoll"].items())
    assert len(by_source["nyheter"]) == 3 and all(n.endswith(".html") for n in by_source["nyheter"])
    assert list(by_source["flode"]) == [file_name(site.url("/dokument/budget-2026.pdf"), ".pdf")]
    # the sitemap index was followed and filtered by include: the three meeting pages only
    assert sorted(by_source["karta"]) == sorted(file_name(site.url(f"/protokoll/ks-{d}.html"), ".html")
                                                for d in ("2026-02-17", "2026-01-20", "2025-12-09"))

    minutes = saved_as(into, site, MINUTES[2])
    record = read_sidecar(minutes)
    assert (record.source, record.url, record.final_url) == ("protokoll", site.url(MINUTES[2]), site.url(MINUTES[2]))
    assert record.municipality == "Boden" and record.content_type == "application/pdf"
    assert record.sha256 == hashlib.sha256(minutes.read_bytes()).hexdigest()
    assert record.etag and record.last_modified and record.title == "Protokoll" and record.gone_since is None
    assert minutes.read_bytes() == (site.root / MINUTES[2].lstrip("/")).read_bytes()

    page = read_sidecar(saved_as(into, site, "/nyheter/budget-2026.html"))
    assert page.canonical_url == site.url("/nyheter/budget-2026") and page.public_url == page.canonical_url
    assert page.municipality == "Luleå" and page.title == "Kommunfullmäktige antog budgeten för 2026"
    assert page.published == "2026-01-12"   # from the feed, which lists it too; its own time zone, not UTC
    enclosure = read_sidecar(saved_as(into, site, "/dokument/budget-2026.pdf"))
    assert (enclosure.source, enclosure.published) == ("flode", "2026-01-12")

    saved = json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))
    assert saved["counts"]["new"] == 11 and saved["exit_status"] == 0 and saved["result"] == "ok"
    assert {s["name"]: len(s["new"]) for s in saved["sources"]} == {"nyheter": 3, "protokoll": 4, "flode": 1,
                                                                    "karta": 3}
    assert len(site.requested("/robots.txt")) == 1   # once per host and run
    assert not leftovers(into)


def test_a_second_run_asks_only_conditionally_and_downloads_nothing(site, tmp_path):
    run(site, tmp_path, ("nyheter", "protokoll", "flode"))
    before = snapshot(tmp_path / "into")
    site.clear()
    report = run(site, tmp_path, ("nyheter", "protokoll", "flode"))
    assert report.exit_status == 0
    c = report.counts()
    assert (c["new"], c["changed"], c["unchanged"], c["bytes"]) == (0, 0, 8, 0)
    documents_asked = [r for r in site.requests if r.path.startswith(("/protokoll/filer/", "/dokument/"))
                       or r.path.startswith("/nyheter/") and r.path.endswith(".html") and "sida" not in r.path]
    assert len(documents_asked) == 8
    assert all(r.conditional and r.status == 304 and r.body_bytes == 0 for r in documents_asked)
    assert snapshot(tmp_path / "into") == before   # not a byte, not a record rewritten


def test_a_changed_and_a_new_document(site, tmp_path):
    run(site, tmp_path)
    changed = site.root / MINUTES[2].lstrip("/")
    changed.write_bytes(render_pdf("EXEMPELBY KOMMUN (fiktivt)\nProtokoll 2026-01-20, justerat\n§ 3 Ändrad text."))
    (site.root / "protokoll/filer/ks-2026-01-20-bilaga.pdf").write_bytes(render_pdf("Bilaga 1 (fiktiv)"))
    meeting = site.root / "protokoll/ks-2026-01-20.html"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "</ul>", '<li><a href="filer/ks-2026-01-20-bilaga.pdf">Bilaga</a></li>\n</ul>'), encoding="utf-8")
    report = run(site, tmp_path)
    (protokoll,) = report.sources
    assert protokoll.changed == [site.url(MINUTES[2])]
    assert protokoll.new == [site.url(FILER + "ks-2026-01-20-bilaga.pdf")]
    assert protokoll.unchanged == 3
    path = saved_as(tmp_path / "into", site, MINUTES[2])
    assert path.read_bytes() == changed.read_bytes()
    assert read_sidecar(path).sha256 == hashlib.sha256(changed.read_bytes()).hexdigest()
    assert saved_as(tmp_path / "into", site, FILER + "ks-2026-01-20-bilaga.pdf").read_bytes().startswith(b"%PDF")


def test_a_new_etag_for_the_same_bytes_rewrites_nothing(site, tmp_path):
    into = tmp_path / "into"
    run(site, tmp_path)
    before = snapshot(into)
    site.clear()
    site.script(MINUTES[0], headers={"ETag": '"ny-etikett"'})
    report = run(site, tmp_path)
    assert report.sources[0].unchanged == 4 and [r.status for r in site.requested(MINUTES[0])] == [200]
    assert snapshot(into) == before   # the record is what `indexer update` reads: no reason to read it again
    run(site, tmp_path)
    assert [r.status for r in site.requested(MINUTES[0])] == [200, 304]   # asked with the new ETag


# -- what the web does wrong -------------------------------------------------------------------

def test_404_fails_the_document_and_keeps_what_was_fetched(site, tmp_path):
    run(site, tmp_path)
    kept = saved_as(tmp_path / "into", site, MINUTES[1])
    before = (kept.read_bytes(), sidecar_path(kept).read_bytes())
    site.script(MINUTES[1], status=404)
    report = run(site, tmp_path)
    assert report.exit_status == 1
    assert failures(report) == {site.url(MINUTES[1]): "HTTP 404 Not Found"}
    assert (kept.read_bytes(), sidecar_path(kept).read_bytes()) == before
    assert report.sources[0].unchanged == 3


def test_500_and_429_are_retried(site, tmp_path):
    site.script(MINUTES[0], status=500, times=1)
    site.script(MINUTES[1], status=429, times=1, headers={"Retry-After": "0"})
    report = run(site, tmp_path)
    assert report.exit_status == 0 and len(report.sources[0].new) == 4
    assert [r.status for r in site.requested(MINUTES[0])] == [500, 200]
    assert [r.status for r in site.requested(MINUTES[1])] == [429, 200]


def test_a_timeout_is_retried_then_reported(site, tmp_path):
    site.script(MINUTES[3], delay_s=1.5)
    report = run(site, tmp_path, timeout_s=0.3, retries=1)
    assert report.exit_status == 1
    assert failures(report) == {site.url(MINUTES[3]): "inget svar inom 0.3 s (efter 2 försök)"}
    assert len(site.requested(MINUTES[3])) == 2 and len(report.sources[0].new) == 3


def test_redirects_are_followed_and_a_loop_is_an_error_naming_it(site, tmp_path):
    site.script(MINUTES[0], location="/dokument/budget-2026.pdf")
    site.script(MINUTES[1], location="/slinga")
    site.script("/slinga", location=MINUTES[1])
    report = run(site, tmp_path)
    record = read_sidecar(saved_as(tmp_path / "into", site, MINUTES[0]))
    assert (record.url, record.final_url) == (site.url(MINUTES[0]), site.url("/dokument/budget-2026.pdf"))
    reason = failures(report)[site.url(MINUTES[1])]
    assert reason == (f"omdirigeringsslinga: {site.url(MINUTES[1])} → {site.url('/slinga')} → "
                      f"{site.url(MINUTES[1])}")


def test_an_html_error_page_behind_a_pdf_link_is_not_saved(site, tmp_path):
    error_page = b"<!DOCTYPE html><html><head><title>Fel</title></head><body>Sidan kunde inte visas</body></html>"
    site.script(MINUTES[2], body=error_page, content_type="text/html; charset=utf-8")
    site.script(MINUTES[3], content_type="application/octet-stream")
    report = run(site, tmp_path)
    assert report.exit_status == 1
    assert failures(report) == {site.url(MINUTES[2]): "länken lovar PDF men svaret är en HTML-sida "
                                                      "(troligen en felsida); sparas inte"}
    folder = documents(tmp_path / "into" / "protokoll")
    assert file_name(site.url(MINUTES[2]), ".pdf") not in folder and len(folder) == 3
    # A PDF served as application/octet-stream is a PDF all the same.
    octet = saved_as(tmp_path / "into", site, MINUTES[3])
    assert octet.suffix == ".pdf" and read_sidecar(octet).content_type == "application/octet-stream"
    assert not leftovers(tmp_path / "into")


def test_an_oversized_file_is_refused_while_streaming(site, tmp_path):
    big = b"%PDF-1.4\n" + os.urandom(40_000)
    site.script(MINUTES[0], body=big)                  # with Content-Length: refused before reading
    site.script(MINUTES[1], body=big, no_length=True)  # without: refused as the bytes pass the limit
    report = run(site, tmp_path, max_file_mb=0.02)
    assert failures(report) == {site.url(MINUTES[0]): "filen är 39 kB, över gränsen 20 kB",
                                site.url(MINUTES[1]): "filen är större än gränsen 20 kB"}
    assert len(documents(tmp_path / "into" / "protokoll")) == 2 and not leftovers(tmp_path / "into")


def test_robots_txt_is_obeyed(site, tmp_path):
    robots = site.root / "robots.txt"
    robots.write_text(robots.read_text(encoding="utf-8") + "Disallow: /protokoll/filer/ks-2025\n", encoding="utf-8")
    report = run(site, tmp_path)
    assert report.exit_status == 0   # the site's wish is no failure
    assert report.sources[0].disallowed == [{"url": site.url(MINUTES[3]), "reason": f"robots.txt på {site.base} "
                                             "tillåter inte /protokoll/filer/ks-2025-12-09-protokoll.pdf"}]
    assert site.requested(MINUTES[3]) == [] and len(report.sources[0].new) == 3


def test_a_robots_txt_answering_5xx_skips_the_host_for_the_run(site, tmp_path):
    site.script("/robots.txt", status=503)
    report = run(site, tmp_path, retries=1)
    (protokoll,) = report.sources
    assert report.exit_status == 1 and protokoll.status == "failed"
    assert "robots.txt svarade HTTP 503" in protokoll.reason and "hoppas över" in protokoll.reason
    assert [r.path for r in site.requests] == ["/robots.txt", "/robots.txt"]


# -- never lose ---------------------------------------------------------------------------------

def _closed_port_url() -> str:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/protokoll/"


@pytest.mark.parametrize("breakage, reason", [
    ("500", "HTTP 500 Internal Server Error (efter 3 försök)"),
    ("timeout", "inget svar inom 0.3 s"),
    ("no meetings", "inga sidor att följa med follow = 'a.mote'"),
    ("no documents", "inga dokumentlänkar med links = \"a[href$='.pdf']\""),
    ("refused", "kan inte ansluta till 127.0.0.1"),
])
def test_a_failing_source_changes_nothing_already_harvested(site, tmp_path, breakage, reason):
    first = run(site, tmp_path, gone_after_runs=1, timeout_s=0.3)
    assert first.exit_status == 0
    into = tmp_path / "into"
    before = snapshot(into)
    if breakage == "500":
        site.script("/protokoll/", status=500)
    elif breakage == "timeout":
        site.script("/protokoll/", delay_s=1.0)
    elif breakage == "no meetings":
        (site.root / "protokoll/index.html").write_text("<html><body><p>Vi har fått en ny webbplats!</p>"
                                                        "</body></html>", encoding="utf-8")
    elif breakage == "no documents":
        for meeting in (site.root / "protokoll").glob("ks-*.html"):
            meeting.write_text("<html><body><p>Handlingarna finns nu i e-arkivet.</p></body></html>",
                               encoding="utf-8")
    templates = dict(SOURCES)
    if breakage == "refused":
        templates["protokoll"] = SOURCES["protokoll"].replace("{base}/protokoll/", _closed_port_url())
    for _ in range(2):   # two runs: with gone_after_runs = 1 a miscounted run would mark everything gone
        report = run(site, tmp_path, templates=templates, gone_after_runs=1, timeout_s=0.3)
        (source,) = report.sources
        assert report.exit_status == 1 and source.status == "failed" and reason in source.reason
    assert snapshot(into) == before
    assert all(e.missing_runs == 0 and e.gone_since is None for e in HarvestState.load(into).entries.values())


def test_a_removed_document_is_kept_marked_gone_and_deleted_only_on_request(site, tmp_path):
    into = tmp_path / "into"
    run(site, tmp_path, gone_after_runs=2)
    kallelse = saved_as(into, site, MINUTES[1])
    meeting = site.root / "protokoll/ks-2026-02-17.html"
    listed = meeting.read_text(encoding="utf-8")
    meeting.write_text(listed.replace('<li><a href="filer/ks-2026-02-17-kallelse.pdf">Kallelse</a></li>', ""),
                       encoding="utf-8")

    first_missing = run(site, tmp_path, gone_after_runs=2)
    assert first_missing.sources[0].gone == [] and read_sidecar(kallelse).gone_since is None
    second_missing = run(site, tmp_path, gone_after_runs=2)
    assert second_missing.sources[0].gone == [site.url(MINUTES[1])]
    assert kallelse.is_file() and read_sidecar(kallelse).gone_since == date.today().isoformat()
    assert run(site, tmp_path, gone_after_runs=2).sources[0].gone == []   # marked once
    assert kallelse.is_file()

    meeting.write_text(listed, encoding="utf-8")   # published again
    back = run(site, tmp_path, gone_after_runs=2)
    assert back.sources[0].returned == [site.url(MINUTES[1])] and read_sidecar(kallelse).gone_since is None

    meeting.write_text(listed.replace("filer/ks-2026-02-17-kallelse.pdf", "filer/borta.pdf"), encoding="utf-8")
    site.script(FILER + "borta.pdf", status=404)
    for _ in range(2):
        run(site, tmp_path, gone_after_runs=2)
    assert kallelse.is_file() and read_sidecar(kallelse).gone_since
    forgotten = run(site, tmp_path, gone_after_runs=2, forget_gone=True)
    assert forgotten.forgotten == [site.url(MINUTES[1])]
    assert not kallelse.exists() and not sidecar_path(kallelse).exists()
    assert site.url(MINUTES[1]) not in HarvestState.load(into).entries
    assert len(documents(into / "protokoll")) == 3


def test_same_content_under_a_new_address_is_not_saved_twice(site, tmp_path):
    into = tmp_path / "into"
    run(site, tmp_path)
    original = saved_as(into, site, MINUTES[2])
    copy = FILER + "kopia-av-protokollet.pdf"
    shutil.copy(site.root / MINUTES[2].lstrip("/"), site.root / copy.lstrip("/"))
    meeting = site.root / "protokoll/ks-2026-01-20.html"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("</ul>", f'<li><a href="{copy}">Kopia</a></li>\n</ul>'), encoding="utf-8")
    report = run(site, tmp_path)
    assert report.sources[0].duplicates == [{"url": site.url(copy), "same_as": site.url(MINUTES[2])}]
    assert report.sources[0].new == [] and len(documents(into / "protokoll")) == 4

    # The site moves the minutes to the new address: the file stays, its record follows the address.
    meeting.write_text(text.replace("filer/ks-2026-01-20-protokoll.pdf", copy), encoding="utf-8")
    moved = run(site, tmp_path)
    assert moved.sources[0].moved == [{"from": site.url(MINUTES[2]), "to": site.url(copy)}]
    assert original.is_file() and read_sidecar(original).url == site.url(copy)
    assert len(documents(into / "protokoll")) == 4


def _partial_files(folder: Path) -> list[Path]:
    """Temporary download files that have begun to fill."""
    found = []
    for path in folder.glob(".harvest-*.part") if folder.is_dir() else ():
        try:
            if path.stat().st_size > 0:
                found.append(path)
        except FileNotFoundError:  # finished and renamed meanwhile
            pass
    return found


def test_a_killed_run_leaves_no_partial_file_and_the_next_run_completes(site, tmp_path):
    slow = MINUTES[3]   # fetched last
    site.script(slow, body=b"%PDF-1.4\n" + os.urandom(400_000), drip=(4096, 0.05))
    sources = write_sources(site, tmp_path / "sources.toml")
    into = tmp_path / "into"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCH_")}
    proc = subprocess.Popen([sys.executable, "-m", "indexer", "harvest", "--sources", str(sources), "--into",
                             str(into), "--report", str(tmp_path / "killed.json"), "--quiet"],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not _partial_files(into / "protokoll"):
            assert proc.poll() is None and time.monotonic() < deadline, "the harvest ended before the kill"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    folder = into / "protokoll"
    assert [p.name for p in folder.glob(".harvest-*.part")]                   # the partial file is a temporary one
    assert file_name(site.url(slow), ".pdf") not in documents(folder)         # nothing under the final name
    for name, content in documents(folder).items():                           # what is there is whole
        assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF"), name

    site.clear()
    report = run(site, tmp_path)
    assert report.exit_status == 0 and report.lock_taken_over is not None
    assert any(".harvest-" in p for p in report.cleaned) and not leftovers(into)
    assert len(documents(folder)) == 4
    final = saved_as(into, site, slow)
    assert final.read_bytes() == (site.root / slow.lstrip("/")).read_bytes()


# -- could not run ------------------------------------------------------------------------------

def test_one_harvest_at_a_time(site, tmp_path, capsys):
    sources = write_sources(site, tmp_path / "sources.toml")
    into = tmp_path / "into"
    with IndexLock(into / STATE_DIR, command="en annan hämtning"):
        code, out, err = cli(["--sources", sources, "--into", into, "--report", tmp_path / "r.json"], capsys)
    assert code == 2
    assert f"fel: en annan hämtning till {into} pågår redan: process {os.getpid()}" in err
    assert "kunde inte köras" in out and site.requests == []
    code, out, err = cli(["--sources", sources, "--into", into, "--report", tmp_path / "r.json"], capsys)
    assert code == 0 and "Hämtningen ok: 4 nya" in out


@pytest.mark.parametrize("text, message", [
    ('[[source]]\nname = "a"\nkind = "listing"\nurl = "https://x.se/"\n', "[[source]] nr 1 ('a'): links: saknas"),
    ('[[source]]\nname = "a"\nkind = "webb"\nurl = "https://x.se/"\n', "('a'): kind: 'webb' är inget känt slag"),
    ('[[source]]\nname = "a"\nkind = "feed"\nmunicipality = "Gotham"\nurl = "https://x.se/"\n',
     "('a'): municipality: 'Gotham' är ingen kommun"),
    ('[[source]]\nname = "a"\nkind = "listing"\nurl = "https://x.se/"\nlinks = "a["\n',
     "('a'): links: 'a[' är ingen giltig CSS-väljare"),
    ('[[source]]\nname = "a"\nkind = "listing"\nurl = "https://x.se/"\nlinks = "a"\ninclude = "x"\n',
     "('a'): include: gäller bara källor av slaget sitemap"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurll = "https://x.se/"\n', "('a'): urll: okänd nyckel"),
    ('[[source]]\nname = "a"\nkind = "sitemap"\nurl = "https://x.se/"\ninclude = "(["\n',
     "('a'): include: '([' är inget giltigt reguljärt uttryck"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "ftp://x.se/"\n', "('a'): url: 'ftp://x.se/' är ingen http"),
    ('[[source]]\nname = "Luleå nyheter"\nkind = "feed"\nurl = "https://x.se/"\n',
     "[[source]] nr 1: name: 'Luleå nyheter' duger inte som mappnamn"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x.se/"\n[[source]]\nname = "a"\nkind = "feed"\n'
     'url = "https://y.se/"\n', "[[source]] nr 2 ('a'): name: namnet används redan"),
    ('[defaults]\ndelay_s = -1\n', "[defaults]: delay_s: ska vara minst 0, inte -1"),
    ('[defaults]\nretries = "tre"\n', "[defaults]: retries: ska vara ett heltal, inte 'tre'"),
    ('[defaults]\nspeed = 1\n', "[defaults]: okänd nyckel 'speed'"),
    ('[defaults]\n', "inga källor"),
    ('[[source]\n', "inte giltig TOML"),
])
def test_a_bad_sources_file_is_refused_naming_the_file_the_source_and_the_key(tmp_path, capsys, text, message):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    code, _out, err = cli(["--sources", path, "--into", tmp_path / "into"], capsys)
    assert code == 2 and err.startswith(f"fel: {path}: ") and message in err, err
    assert not (tmp_path / "into").exists()


def test_a_missing_sources_file_and_an_unwritable_folder_exit_2(site, tmp_path, capsys):
    code, _out, err = cli(["--sources", tmp_path / "saknas.toml", "--into", tmp_path / "into"], capsys)
    assert code == 2 and f"fel: {tmp_path / 'saknas.toml'}: filen finns inte" in err
    blocker = tmp_path / "fil"
    blocker.write_text("inte en mapp", encoding="utf-8")
    sources = write_sources(site, tmp_path / "sources.toml")
    code, _out, err = cli(["--sources", sources, "--into", blocker / "into", "--report", tmp_path / "r.json"], capsys)
    assert code == 2 and f"fel: kan inte skapa mappen {blocker / 'into'}" in err


def test_an_unreadable_state_file_stops_the_run_naming_it(site, tmp_path, capsys):
    state = tmp_path / "into" / STATE_DIR / "state.json"
    state.parent.mkdir(parents=True)
    state.write_text("{trasig", encoding="utf-8")
    sources = write_sources(site, tmp_path / "sources.toml")
    code, _out, err = cli(["--sources", sources, "--into", tmp_path / "into", "--report", tmp_path / "r.json"],
                          capsys)
    assert code == 2 and f"fel: {state}: är inte giltig JSON" in err
    assert not any(p.startswith("/protokoll/filer") for p in (r.path for r in site.requests))


def test_a_dry_run_lists_what_would_be_fetched_and_writes_nothing(site, tmp_path, capsys):
    sources = write_sources(site, tmp_path / "sources.toml", ("protokoll", "flode"))
    into = tmp_path / "into"
    code, out, _err = cli(["--sources", sources, "--into", into, "--dry-run"], capsys)
    assert code == 0 and not into.exists()
    assert f"  ny   {site.url(MINUTES[0])}" in out and "källa protokoll (listing): 4 länkar, 4 nya" in out
    assert f"  ny   {site.url('/dokument/budget-2026.pdf')}" in out
    assert not [r for r in site.requests if r.path.startswith(("/protokoll/filer/", "/dokument/"))]
    run(site, tmp_path, ("protokoll",))
    code, out, _err = cli(["--sources", sources, "--into", into, "--dry-run"], capsys)
    assert f"  känd {site.url(MINUTES[0])}" in out and "4 länkar, 0 nya" in out


# -- small parts ---------------------------------------------------------------------------------

def test_file_names_are_stable_short_ascii_and_unique():
    url = "https://www.lulea.se/download/Protokoll%20%C2%A712%20Kommunstyrelsen%20%C3%A5r%202026.pdf"
    name = file_name(url, ".pdf")
    assert name == file_name(url, ".pdf") and name.isascii()
    assert name.startswith("protokoll-12-kommunstyrelsen-ar-2026-") and name.endswith(".pdf")
    assert file_name("https://x.se/a/protokoll.pdf", ".pdf") != file_name("https://x.se/b/protokoll.pdf", ".pdf")
    assert len(file_name("https://x.se/" + "å" * 300 + ".pdf", ".pdf")) <= 75
    assert file_name("https://x.se/", ".html").startswith("x-se-")


def test_retry_after_is_read_and_capped():
    assert retry_after("5") == 5 and retry_after("999") == 60
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0   # in the past
    assert retry_after("snart") is None and retry_after(None) is None


# -- harvest, then update: the documents appear with their public addresses --------------------

def test_a_harvest_then_an_update_shows_the_documents_with_their_public_links(site, tmp_path, index_spec):
    from indexer.pipeline import update_index
    from search_app import create_app

    report = run(site, tmp_path, ("nyheter", "protokoll"))
    assert report.exit_status == 0, report.to_json()
    into = tmp_path / "into"
    spec = index_spec
    update = update_index([into], spec, tmp_path / "cache", jobs=1, progress=False)
    fetched = [p for p in into.rglob("*") if p.is_file() and not p.name.startswith(".") and STATE_DIR not in p.parts]
    assert update.exit_status == 0 and update.documents == len(fetched) > 0, update.failures
    client = create_app({"INDEX_DIR": spec, "TESTING": True, "PUBLIC_URL": "https://sok.example"}).test_client()
    hits = client.get("/api/search?limit=100").get_json()["hits"]
    assert len(hits) == len(fetched)
    for hit in hits:
        # Where the site publishes it, and this service's copy beside it.
        assert hit["original_url"].startswith(site.base + "/") and hit["published_site"] == "127.0.0.1"
        assert hit["source_url"].startswith("https://sok.example/")
    minutes = next(h for h in hits if h["original_url"] == site.url(MINUTES[0]))
    assert minutes["municipality"] == ["Boden"]  # the source's municipality, not the fictional one in the text
    page = client.get(f"/dokument/{minutes['doc_id']}").get_data(as_text=True)
    assert f'href="{site.url(MINUTES[0])}"' in page and "Publicerad på 127.0.0.1" in page
