"""The GitHub release workflow cannot run here: check what can be (it parses; every command and path it uses exists)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
KNOWN_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/download-artifact"}
# Programs the runners have; anything else a step runs must be a file of this repository.
RUNNER_PROGRAMS = {"python", "sudo", "apt-get", "cd", "sha256sum", "gh"}


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps() -> list[dict[str, Any]]:
    return [step for job in workflow()["jobs"].values() for step in job["steps"]]


def commands() -> list[list[str]]:
    """Each simple command of each `run:` (split at && and |), as words, with ${{ ... }} expressions as one word."""
    found = []
    for step in steps():
        if "run" in step:
            text = re.sub(r"\$\{\{[^}]*\}\}", "EXPR", step["run"])
            for part in re.split(r"&&|\|\||\||;|\n", text):
                words = re.findall(r'"[^"]*"|\S+', part.replace(">", " > "))
                if words:
                    found.append([w.strip('"') for w in words])
    return found


def test_runs_on_a_version_tag_on_windows_macos_and_linux() -> None:
    data = workflow()
    on = data.get("on", data.get(True))  # YAML 1.1 reads the key `on` as true
    assert on == {"push": {"tags": ["v*"]}}
    assert data["jobs"]["build"]["strategy"]["matrix"]["os"] == ["windows-latest", "macos-latest", "ubuntu-latest"]
    assert data["jobs"]["publish"]["needs"] == "build"


def test_actions_are_the_official_ones_at_a_major_version() -> None:
    used = [step["uses"] for step in steps() if "uses" in step]
    assert used and all(re.fullmatch(r"[\w-]+/[\w-]+@v\d+", u) and u.split("@")[0] in KNOWN_ACTIONS for u in used)


def test_every_program_it_runs_exists_on_a_runner_or_in_the_repository() -> None:
    for words in commands():
        program = words[0]
        assert program in RUNNER_PROGRAMS or (ROOT / program).is_file(), words
        if program == "python" and words[1].endswith(".py"):
            assert (ROOT / words[1]).is_file(), words
        if program == "python" and words[1] == "-m":
            assert words[2] in {"pip", "pytest"}, words


def test_every_repository_path_it_names_exists() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    paths = set(re.findall(r"\b(?:build_scripts|tests|resources|desktop)/[\w./-]+", text))
    assert paths >= {"build_scripts/build.py", "build_scripts/release_notes.py", "tests/build"}
    for path in paths:
        assert (ROOT / path).exists(), path


def test_script_options_it_passes_exist() -> None:
    for words in commands():
        if words[0] == "python" and words[1].endswith(".py"):
            helptext = subprocess.run([sys.executable, str(ROOT / words[1]), "--help"], capture_output=True, text=True,
                                      timeout=60).stdout
            for option in (w for w in words[2:] if w.startswith("--")):
                assert option in helptext, (words[1], option)


def test_the_extras_it_installs_exist() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    installs = [w for words in commands() if words[:4] == ["python", "-m", "pip", "install"] for w in words]
    named = {extra for w in installs if w.startswith(".[") for extra in w[2:-1].split(",")}
    assert named == {"dev", "build"} and named <= set(extras)


def test_linux_packages_are_those_ci_installs() -> None:
    """The Linux runner gets the system packages `.ci/run` installs on a fresh Debian machine (and no others)."""
    step = next(s for s in steps() if s.get("name") == "System packages (Linux)")
    wanted = set(step["run"].split("--no-install-recommends", 1)[1].split())
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_packages = set(ci.split("--no-install-recommends", 1)[1].split(">/dev/null", 1)[0].replace("\\", " ").split())
    assert wanted <= ci_packages
