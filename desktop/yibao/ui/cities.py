"""City codes and names for the first paint, read straight from the region files (no pydantic yet).

The full, validated policy is loaded after the window is on screen; this only fills the city box early.
"""

from __future__ import annotations

import json

from yibao.resources import resource_path


def city_names() -> list[tuple[str, str]]:
    """(code, Chinese name) of every city, in file-name order; empty if the files cannot be read."""
    cities: list[tuple[str, str]] = []
    for path in sorted(resource_path("policy", "regions").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # the full policy load reports the damaged file by name
        if isinstance(data, dict) and data.get("parent") and isinstance(data.get("name"), str):
            cities.append((str(data.get("code", path.stem)), data["name"]))
    return cities
