"""The files in deploy/ agree with the code: commands exist, paths exist, settings are read.

No container runtime runs here, so Compose and systemd are checked as data; what they start
(gunicorn, the worker, backups) is tested for real in test_gunicorn.py and test_backup.py.
"""

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SETTINGS = ROOT / "site" / "portal" / "settings"
FILES_RUNNING_COMMANDS = [
    "compose.yaml",
    "daily.sh",
    "systemd/shafaf-web.service",
    "systemd/shafaf-worker.service",
]


def manage_commands(text):
    """The management commands a deploy file runs (``manage.py <name>`` or the daily list)."""
    named = re.findall(r"manage\.py (\w+)", text)
    listed = re.findall(r'^\s+"(\w+)[^"]*" \\?$', text, flags=re.MULTILINE)
    return set(named) | set(listed)


@pytest.mark.parametrize("name", FILES_RUNNING_COMMANDS)
def test_every_command_a_deploy_file_runs_exists(name):
    commands = manage_commands((DEPLOY / name).read_text())

    assert commands
    assert commands <= set(get_commands()), commands - set(get_commands())


def test_compose_runs_web_worker_and_the_services_production_needs():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]

    assert {"web", "worker", "scheduler", "postgres", "redis", "elasticsearch"} <= set(services)
    for name in ("web", "worker", "scheduler"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")
        assert environment["SHAFAF_TASKS"] == "database"
    assert "db_worker" in services["worker"]["command"]


def test_systemd_units_point_at_files_in_the_repository():
    for unit in (DEPLOY / "systemd").glob("*.service"):
        for path in re.findall(r"\b(deploy/[\w./-]+)", unit.read_text()):
            assert (ROOT / path).is_file(), f"{unit.name} names {path}"


def test_every_variable_in_the_environment_example_is_read_by_the_settings():
    settings_text = "".join(path.read_text() for path in SETTINGS.glob("*.py"))
    names = re.findall(r"^#? ?([A-Z_]+)=", (DEPLOY / "env.example").read_text(), re.MULTILINE)
    compose_only = {"POSTGRES_PASSWORD"}

    assert names
    for name in set(names) - compose_only:
        assert f'"{name}"' in settings_text, f"{name} is not read by any settings module"


def test_every_demo_command_run_sh_loads_exists():
    demos = set(re.findall(r"\bload_demo\w*", (ROOT / "run.sh").read_text()))

    assert {"load_demo", "load_demo_polls"} <= demos
    assert demos <= set(get_commands()), demos - set(get_commands())
