"""deploy/: the systemd services and timer and the crontab line run the same,
valid harvest and then update commands nightly at 02:30 with a random delay,
and alert on failure."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from indexer.cli import _parser

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"


def _unit(name: str) -> dict[str, dict[str, list[str]]]:
    """systemd unit file -> {section: {key: [values]}} (keys may repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        assert current is not None, f"{name}: {line!r} outside a section"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def _update_args(argv: list[str]) -> list[str]:
    i = argv.index("-m")
    assert argv[i + 1] == "indexer"
    return argv[i + 2:]


def test_timer_runs_nightly_at_0230_with_a_random_delay():
    timer = _unit("council-search-update.timer")["Timer"]
    assert timer["OnCalendar"] == ["*-*-* 02:30:00"]
    assert re.fullmatch(r"\d+min", timer["RandomizedDelaySec"][0])
    assert timer["Persistent"] == ["true"]
    assert _unit("council-search-update.timer")["Install"]["WantedBy"] == ["timers.target"]


def test_service_runs_a_valid_update_and_alerts_on_failure():
    unit = _unit("council-search-update.service")
    service = unit["Service"]
    assert service["Type"] == ["oneshot"]
    args = _parser().parse_args(_update_args(shlex.split(service["ExecStart"][0])))
    assert args.command == "update" and len(args.source) == 3 and not args.quiet
    env = dict(e.split("=", 1) for e in service["Environment"])
    assert set(env) >= {"SEARCH_INDEX_DIR", "SEARCH_CACHE_DIR", "SEARCH_REPORT_DIR"}
    assert unit["Unit"]["OnFailure"] == ["council-search-alert@%n.service"]
    alert = _unit("council-search-alert@.service")["Service"]
    assert alert["ExecStart"][0].endswith("/deploy/alert.sh %i")


def test_the_harvest_runs_first_and_its_folder_is_a_source_of_the_update():
    harvest_unit = _unit("council-search-harvest.service")
    harvest = harvest_unit["Service"]
    assert harvest["Type"] == ["oneshot"]
    args = _parser().parse_args(_update_args(shlex.split(harvest["ExecStart"][0])))
    assert args.command == "harvest" and not args.dry_run and not args.forget_gone
    assert harvest_unit["Unit"]["OnFailure"] == ["council-search-alert@%n.service"]
    update_unit = _unit("council-search-update.service")
    # Wants=, not Requires=: a failed source must not stop the update of what is there.
    assert "council-search-harvest.service" in " ".join(update_unit["Unit"]["Wants"])
    assert "council-search-harvest.service" in " ".join(update_unit["Unit"]["After"])
    assert "Requires" not in update_unit["Unit"]
    update = _parser().parse_args(_update_args(shlex.split(update_unit["Service"]["ExecStart"][0])))
    assert str(args.into) in [str(s) for s in update.source]
    # The example sources file is a valid one.
    from indexer.harvest import load_sources
    assert [s.kind for s in load_sources(DEPLOY / "sources.example.toml").sources] == ["feed", "listing", "sitemap"]


def test_crontab_line_runs_the_same_command_at_0230():
    lines = [ln for ln in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    env = dict(ln.split("=", 1) for ln in lines if re.match(r"^[A-Z_]+=", ln))
    jobs = [ln for ln in lines if not re.match(r"^[A-Z_]+=", ln)]
    assert len(jobs) == 1
    fields = jobs[0].split(None, 6)
    assert fields[:5] == ["30", "2", "*", "*", "*"] and fields[5] == "council-search"
    assert "%" not in fields[6]  # cron would turn % into a newline
    command = fields[6]
    assert "sleep \"$(shuf -i 0-1200 -n 1)\"" in command
    # First the harvest (its failure alerts but does not stop the update), then the update.
    harvest_part, update_part = command.split("; }; ")
    harvest = harvest_part.split("{ ", 1)[1].split(" >>")[0]
    update = update_part.split(" >>")[0]
    for cron_command, unit in ((harvest, "council-search-harvest.service"), (update, "council-search-update.service")):
        service = _unit(unit)["Service"]
        assert _update_args(shlex.split(cron_command)) == _update_args(shlex.split(service["ExecStart"][0]))
    assert '|| deploy/alert.sh "indexer harvest' in harvest_part and '|| deploy/alert.sh "indexer update' in update_part
    service = _unit("council-search-update.service")["Service"]
    service_env = dict(e.split("=", 1) for e in service["Environment"])
    assert {k: env[k] for k in service_env} == service_env


def test_alert_script_reports_the_failure_and_the_index_status(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("dirname"), bin_dir / "dirname")  # no mail, no logger: the text goes to stderr
    if not (REPO / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv in the repository (make setup)")
    out = subprocess.run(["/bin/sh", str(DEPLOY / "alert.sh"), "indexer update (cron), slutstatus 2"],
                         env={"PATH": str(bin_dir), "SEARCH_INDEX_DIR": str(tmp_path / "index")},
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    assert "Den nattliga uppdateringen av sökindexet misslyckades: indexer update (cron), slutstatus 2" in out.stderr
    assert f"fel: inget index: no index in {tmp_path / 'index'}" in out.stderr  # `indexer status` output


def test_units_pass_systemd_analyze_verify(tmp_path):
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed here")
    for unit in DEPLOY.glob("*.service"):
        shutil.copy(unit, tmp_path)
    shutil.copy(DEPLOY / "council-search-update.timer", tmp_path)
    out = subprocess.run([tool, "verify", "council-search-update.timer", "council-search-update.service",
                          "council-search-harvest.service"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    problems = [ln for ln in (out.stdout + out.stderr).splitlines() if ln.strip()
                # this machine is not the server: the installed program is missing
                and "/opt/council-search/.venv/bin/python is not executable" not in ln]
    assert problems == []
