"""The one reading of a request: a JSON text (``yibao calc``, a request saved in the history) or the window's form
data. InputError in Chinese names the field; nothing else in the app reads a request.

A request saved by an older version is brought to today's form by the steps of ``STEPS`` before it is read, in
order; it is then read as strictly as any other. Version 0.1.0's requests read as today's (the test reopens a
history 0.1.0 wrote), so no step is needed yet: the first change to a field's meaning or name adds one here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from yibao.json_text import JsonProblem, loads
from yibao.rules.errors import InputError, from_validation_error
from yibao.rules.models import Request

Step = Callable[[dict[str, Any]], dict[str, Any]]
# (the first version that reads the new form, the step from the form before it), oldest first.
STEPS: tuple[tuple[str, Step], ...] = ()


def request_from_text(text: str, written_by: str | None = None) -> Request:
    """The request in ``text`` (JSON), written by the app version ``written_by`` (None: today's form).

    Read as json_text reads every file (a BOM skipped; a key given twice, NaN, a lone surrogate refused). Numbers are
    read exactly (Decimal) and a whole number too long for ``int`` stays a Decimal, so the field's own check says it
    is too large.
    """

    def whole(digits: str) -> int | Decimal:
        return int(digits) if len(digits) <= 40 else Decimal(digits)

    try:
        data: Any = loads(text, parse_float=Decimal, parse_int=whole)
    except JsonProblem as exc:
        raise InputError(exc.where or "(请求)", exc.problem) from None
    if not isinstance(data, dict):
        raise InputError("(请求)", "请求必须是一个 JSON 对象")
    if written_by is not None:
        data = migrated(data, written_by)
    return request_from_data(data)


def request_from_data(data: dict[str, Any]) -> Request:
    """The request in ``data`` (the window's form, or parsed JSON)."""
    try:
        return Request.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None
    except RecursionError:
        raise InputError("(请求)", "嵌套层数太多，不是一个测算请求") from None


def migrated(data: dict[str, Any], written_by: str) -> dict[str, Any]:
    """``data`` as ``written_by`` wrote it, brought to today's form step by step."""
    for since, step in STEPS:
        if version_key(written_by) < version_key(since):
            data = step(data)
    return data


def version_key(version: str) -> tuple[int, ...]:
    """'0.10.2' → (0, 10, 2), so versions sort as numbers; what follows the numbers (rc1, .dev3) does not count."""
    match = re.match(r"\d+(?:\.\d+)*", version)
    return tuple(int(part) for part in match[0].split(".")) if match else ()
