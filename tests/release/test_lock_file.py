"""CI and the release workflow install from one lock file that agrees with pyproject.toml (issue 20).

requirements/constraints.txt pins every package of the app and its dev and build extras, for Windows, macOS and Linux.
A dependency added to pyproject.toml without regenerating the file (its header says how) fails here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "constraints.txt"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins() -> dict[str, str]:
    """Package name → the one version pinned (environment markers aside)."""
    found: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            found[canonicalize_name(requirement.name)] = spec.version
    return found


def declared() -> list[Requirement]:
    extras = PROJECT["optional-dependencies"]
    return [Requirement(text) for text in [*PROJECT["dependencies"], *extras["dev"], *extras["build"]]]


def test_every_dependency_is_pinned_within_what_pyproject_allows() -> None:
    pinned = pins()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in the lock file: regenerate it (its header says how)"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (str(requirement), pinned[name])


def test_the_linters_are_pinned_exactly_in_pyproject_too() -> None:
    """A new ruff, mypy or vulture finds new things: they change on purpose, not with whatever pip finds that day."""
    exact: dict[str, str] = {canonicalize_name(r.name): str(r.specifier) for r in declared()}
    pinned = pins()
    for tool in ("ruff", "mypy", "vulture"):
        assert exact[tool] == f"=={pinned[tool]}", tool


def test_the_header_says_how_to_regenerate_it() -> None:
    header = LOCK.read_text(encoding="utf-8").split("\n", 3)
    assert "uv pip compile pyproject.toml --extra dev --extra build --universal --python-version 3.11 " \
           "-o requirements/constraints.txt" in header[1]


def test_ci_and_the_release_workflow_install_with_it() -> None:
    for path in (ROOT / ".ci" / "run", ROOT / ".github" / "workflows" / "release.yml"):
        installs = [line for line in path.read_text(encoding="utf-8").splitlines()
                    if re.search(r"pip install .*-e ", line)]
        assert installs and all("-c requirements/constraints.txt" in line for line in installs), path
