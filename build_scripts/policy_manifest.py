"""Write resources/policy/manifest.json: every bundled policy file and the keys it must hold.

The loader treats a listed file that is missing, or lacks a listed key, as damage (exit 3), so a file emptied to
``"parameters": {}`` or deleted is never silently replaced by the province's figures. Keys are a lower bound: adding
a parameter needs no new manifest; removing or renaming one does (run this script).

    python build_scripts/policy_manifest.py
"""

from __future__ import annotations

import json
from pathlib import Path

POLICY = Path(__file__).resolve().parent.parent / "resources" / "policy"


def expected_keys(relative: str, data: dict[str, object]) -> list[str]:
    """Region files: their parameters; the other files: their top-level keys."""
    if relative.startswith("regions/"):
        parameters = data.get("parameters")
        assert isinstance(parameters, dict)
        return sorted(parameters)
    return sorted(data)


def build() -> dict[str, object]:
    files = {}
    for path in sorted(POLICY.rglob("*.json")):
        relative = path.relative_to(POLICY).as_posix()
        if relative == "manifest.json":
            continue
        files[relative] = expected_keys(relative, json.loads(path.read_text(encoding="utf-8")))
    about = "每个随软件发布的政策文件及其必须包含的键；缺少文件或键即视为损坏。由 build_scripts/policy_manifest.py 生成。"
    return {"about": about, "files": files}


if __name__ == "__main__":
    target = POLICY / "manifest.json"
    target.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target}")
