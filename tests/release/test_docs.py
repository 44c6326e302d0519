"""The README is short and the docs it leads to hold together: every link and path they name exists in the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]


def test_the_readme_is_read_in_five_minutes() -> None:
    """Issue 20: at most 120 lines; the detail lives in docs/."""
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 120


def test_the_readme_leads_to_every_guide() -> None:
    text = README.read_text(encoding="utf-8")
    for guide in ("docs/操作手册.md", "docs/数据包编写指南.md", "docs/developers.md", "docs/building-and-releasing.md",
                  "docs/command-line.md", "CHANGELOG.md"):
        assert f"]({guide})" in text, guide


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_it_refers_to_nothing_outside_the_repository(doc: Path) -> None:
    """A newcomer has only the repository: the policy documents are cited by number and title, not by a path."""
    text = doc.read_text(encoding="utf-8")
    assert not re.search(r"\.\./\.\.|shared/|/work/|policy-docs", text)
    for target in re.findall(r"\]\(([^)#\s]+)", text):
        if not re.match(r"[a-z]+://", target):
            assert (doc.parent / target).resolve().is_relative_to(ROOT), target
            assert (doc.parent / target).exists(), target


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_repository_path_it_names_exists(doc: Path) -> None:
    named = set(re.findall(r"`((?:build_scripts|tests|resources|docs|desktop|requirements|\.github|\.ci)/[\w./-]*)`",
                           doc.read_text(encoding="utf-8")))
    missing = sorted(path for path in named if "*" not in path and not (ROOT / path).exists())
    assert not missing
