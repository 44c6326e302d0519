"""JSON read the one way, for a request, a figures pack, the local figures, the settings and the policy files.

A byte-order mark (Windows Notepad) is skipped. Refused with a Chinese message (``JsonProblem``): text that is not
JSON (with its line and column), a key given twice (JSON would keep the last value silently: a limit of 60000
becoming 1), NaN and Infinity, a number longer than Python reads (4,300 digits), nesting deeper than Python can
read, and a lone surrogate (``"\\ud800"``), which no file can hold and no message can print.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


class JsonProblem(ValueError):
    """What is wrong with a JSON text: ``where`` (the key, or "" for the text as a whole) and ``problem`` (Chinese)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}：{problem}" if where else problem)
        self.where = where
        self.problem = problem


def shown_key(key: str) -> str:
    """A key as a message shows it: a control character or lone surrogate escaped (\\n, \\ud800), the rest as typed."""
    return "".join(ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF else ch.encode("unicode_escape",
                   "backslashreplace").decode("ascii") for ch in key)


def loads(text: str, *, parse_float: Callable[[str], Any] | None = None,
          parse_int: Callable[[str], Any] | None = None) -> Any:
    """The JSON value in ``text``; JsonProblem in Chinese on anything listed above."""

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, value in pairs:
            if key in data:
                raise JsonProblem(shown_key(key), "出现了两次，只能写一次")
            data[key] = value
        return data

    def no_constant(name: str) -> Any:
        raise JsonProblem("", f"{name} 不是数字，JSON 中只能写有限的数字")

    try:
        data = json.loads(text.removeprefix("\ufeff"), object_pairs_hook=unique_keys, parse_constant=no_constant,
                          parse_float=parse_float, parse_int=parse_int)
    except JsonProblem:
        raise
    except json.JSONDecodeError as exc:
        raise JsonProblem("", f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）") from None
    except RecursionError:
        raise JsonProblem("", "嵌套层数过多") from None
    except ValueError:  # an integer longer than Python reads (4,300 digits)
        raise JsonProblem("", "含有过长的数字（超过 4300 位）") from None
    _refuse_surrogates(data)
    return data


def _refuse_surrogates(data: Any) -> None:
    """A lone surrogate anywhere (a key, a value) is refused, naming where: iterative, as the data may nest deeply."""
    pending: list[tuple[str, Any]] = [("", data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if not _encodable(value):
                raise JsonProblem(path, f"“{shown_key(value)}”含有无效的字符（孤立的代理项），请重新输入这段文字")
        elif isinstance(value, dict):
            for key, item in value.items():
                here = f"{path}.{shown_key(key)}" if path else shown_key(key)
                if not _encodable(key):
                    raise JsonProblem(here, "键含有无效的字符（孤立的代理项）")
                pending.append((here, item))
        elif isinstance(value, list):
            pending.extend((f"{path}[{i}]", item) for i, item in enumerate(value))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
