"""City codes, names and pinyin for the first paint, read straight from the region files (no pydantic yet).

The full, validated policy is loaded after the window is on screen; this only fills the city box early.
"""

from __future__ import annotations

import json
from functools import cache

from yibao.resources import resource_path


@cache
def _cities() -> tuple[tuple[str, str, str], ...]:
    """(code, Chinese name, pinyin syllables) of every city, in file-name order; empty if unreadable."""
    cities: list[tuple[str, str, str]] = []
    for path in sorted(resource_path("policy", "regions").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # the full policy load reports the damaged file by name
        if isinstance(data, dict) and data.get("parent") and isinstance(data.get("name"), str):
            pinyin = data.get("pinyin")
            cities.append((str(data.get("code", path.stem)), data["name"], pinyin if isinstance(pinyin, str) else ""))
    return tuple(cities)


def city_names() -> list[tuple[str, str]]:
    """(code, Chinese name) of every city, in file-name order; empty if the files cannot be read."""
    return [(code, name) for code, name, _ in _cities()]


def search_texts() -> dict[str, str]:
    """What finds each city when typed: its name, its pinyin and the pinyin's initials (烟台市 yantai yt)."""
    texts = {}
    for code, name, pinyin in _cities():
        syllables = pinyin.lower().split()
        texts[code] = " ".join([name, "".join(syllables), "".join(s[0] for s in syllables)])
    return texts
