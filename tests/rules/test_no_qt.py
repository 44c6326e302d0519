"""The rules core never imports Qt: the CLI, tests and other front ends must run without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import yibao.rules

RULES = Path(yibao.rules.__file__).parent
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def test_no_module_under_rules_imports_qt() -> None:
    offenders = []
    for path in RULES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in QT]
    assert offenders == []


def test_calculating_loads_no_qt_module() -> None:
    request = {"city": "yantai", "on": "2024-06-01", "contribution": {"monthly_base": "6000"},
               "person": {"employment": "enterprise", "sex": "male", "age": 40}}
    code = (
        "import sys, json\n"
        "from yibao.rules import Request, calculate\n"
        f"calculate(Request.model_validate({request!r}))\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {QT!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
