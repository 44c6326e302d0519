"""The code and the catalogue (resources/policy/parameters.json) name the same parameters.

Names are written out whole in the code (never assembled with f-strings), so this test can read them all.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from yibao.rules import bundled_policy
from yibao.wording import FIELD_LABELS, FIGURE_NAMES

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "yibao"


def _groups() -> set[str]:
    return {name.split(".", 1)[0] for name in bundled_policy().catalogue}


def _trees() -> list[tuple[Path, ast.AST]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def _names_in_code() -> dict[str, Path]:
    pattern = re.compile(rf"({'|'.join(sorted(_groups()))})\.[a-z_]+(\.[a-z_]+)*")
    found: dict[str, Path] = {}
    for path, tree in _trees():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and pattern.fullmatch(node.value)
                    and node.value not in FIELD_LABELS and node.value not in FIGURE_NAMES):
                # request fields (fund.deficit) and result figures (contribution.employer_monthly) share prefixes
                found.setdefault(node.value, path)
    return found


def test_every_name_in_the_code_is_in_the_catalogue() -> None:
    catalogue = bundled_policy().catalogue
    unknown = {name: str(path.relative_to(PACKAGE)) for name, path in _names_in_code().items() if name not in catalogue}
    assert unknown == {}


def test_every_catalogue_parameter_is_read_by_the_code() -> None:
    assert sorted(set(bundled_policy().catalogue) - set(_names_in_code())) == []


def test_no_parameter_name_is_assembled() -> None:
    """f"coverage.{kind}" would hide a name from the two tests above."""
    prefixes = tuple(f"{group}." for group in _groups())
    assembled = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and str(head.value).startswith(prefixes):
                    assembled.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert assembled == []
