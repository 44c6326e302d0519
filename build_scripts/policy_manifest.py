"""Write resources/policy/manifest.json: every bundled policy file and its SHA-256.

The loader treats a listed file that is missing or changed, and a file not listed (a stray region file would be a
17th city), as damage (exit 3). So after ANY edit to the policy data run:

    python build_scripts/policy_manifest.py

(tests/rules/test_policy_damage.py::test_the_bundled_data_matches_its_manifest fails until you do, and says so).
"""

from __future__ import annotations

import json
from pathlib import Path

from yibao.rules.policy import MANIFEST, policy_digest

POLICY = Path(__file__).resolve().parent.parent / "resources" / "policy"


def build(folder: Path = POLICY) -> dict[str, object]:
    files = {path.relative_to(folder).as_posix(): policy_digest(path.read_bytes())
             for path in sorted(folder.rglob("*.json")) if path.name != MANIFEST}
    about = ("每个随软件发布的政策文件及其 SHA-256 校验值；缺少、改动的文件和清单外的文件都视为损坏。"
             "改动政策数据后运行 python build_scripts/policy_manifest.py 重新生成。")
    return {"about": about, "files": files}


def write(folder: Path = POLICY) -> Path:
    target = folder / MANIFEST
    target.write_text(json.dumps(build(folder), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"wrote {write()}")
