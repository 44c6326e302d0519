"""Running the command line in-process, for the tests of bad input and damaged policy data."""

from __future__ import annotations

import contextlib
import io
import sys

from yibao.cli import main


def calc(text: str) -> tuple[int, str, str]:
    """Run ``yibao calc -`` in-process on ``text``: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    stdin, sys.stdin = sys.stdin, io.TextIOWrapper(io.BytesIO(text.encode("utf-8", "surrogatepass")), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["calc", "-"])
    finally:
        sys.stdin = stdin
    return code, out.getvalue(), err.getvalue()
