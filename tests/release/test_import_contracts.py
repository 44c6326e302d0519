"""The import contracts (issue 20) hold: lint-imports, as `.ci/run` runs it, finds the rules core importing nothing of
the user's state, the sheet, the session or the front ends, and no cycle between the modules of a package; so a
helper's usual test run catches a broken layer first. The contracts are in pyproject.toml [tool.importlinter]."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"  # lint-imports, anywhere


def test_the_import_contracts_are_kept() -> None:
    done = subprocess.run([sys.executable, "-c", LINT_IMPORTS, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
