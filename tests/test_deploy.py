"""deploy/chapterbot.service: a unit systemd accepts, with what an operator relies on."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parents[1] / "deploy" / "chapterbot.service"


def service_section() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # keys keep their case, as systemd reads them
    parser.read(UNIT)
    return parser["Service"]


def test_the_unit_restarts_on_failure_runs_unprivileged_and_keeps_its_state():
    service = service_section()
    assert service["Restart"] == "on-failure"
    assert service["User"] == "chapterbot"  # never root
    assert service["StateDirectory"] == "chapterbot"
    assert service["Environment"] == "DATABASE_PATH=/var/lib/chapterbot/chapterbot.db"
    assert service["EnvironmentFile"] == "/opt/chapterbot/.env"
    assert service["KillSignal"] == "SIGTERM" and int(service["TimeoutStopSec"]) <= 60
    assert service["ExecStart"].endswith("/.venv/bin/chapterbot run")


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze is not installed here: the unit file was not verified by systemd",
)
def test_systemd_analyze_verify_accepts_the_unit(tmp_path):
    """The unit as shipped, with its paths pointed at this checkout (verify checks they exist)."""
    checkout = UNIT.parents[1]
    text = (
        UNIT.read_text()
        .replace(
            "/opt/chapterbot/.venv/bin/chapterbot",
            str(Path(sys.executable).with_name("chapterbot")),
        )
        .replace("/opt/chapterbot/.env", str(checkout / ".env.example"))
        .replace("/opt/chapterbot", str(checkout))
    )
    unit = tmp_path / "chapterbot.service"
    unit.write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    complaints = [line for line in result.stderr.splitlines() if "chapterbot.service" in line]
    assert result.returncode == 0 and not complaints, result.stderr
