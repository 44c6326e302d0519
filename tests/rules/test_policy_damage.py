"""Issue 14, policy files: any damage to the bundled data exits 3 with one Chinese line naming the file, never a
traceback, and never a city silently computed with the province's figures."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import calc as run_calc

import yibao.resources
from yibao.rules import engine

REQUEST = {"city": "yantai", "on": "2024-06-01",
           "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
           "contribution": {"monthly_base": "6000"}}


@pytest.fixture
def damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the bundled resources that the app loads instead; the test damages its policy folder."""
    root = tmp_path / "resources"
    shutil.copytree(yibao.resources.resource_path("policy"), root / "policy")
    monkeypatch.setattr(yibao.resources, "resource_root", lambda: root)
    engine.bundled_policy.cache_clear()
    yield root / "policy"
    engine.bundled_policy.cache_clear()


def calc() -> tuple[int, str, str]:
    return run_calc(json.dumps(REQUEST))


def _rewrite(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


DEEP = "[" * 100_000 + "]" * 100_000
DAMAGE: dict[str, tuple[str, Callable[[Path], object]]] = {
    "deep nesting in documents.json": ("documents.json", lambda p: _rewrite(
        p / "documents.json", lambda t: t.replace("{", '{"deep": ' + DEEP + ", ", 1))),
    "deep nesting in a region file": ("yantai.json", lambda p: _rewrite(
        p / "regions" / "yantai.json", lambda t: t.replace('"parameters": {', '"parameters": {"x": ' + DEEP + ", ", 1))),
    "a 5000-digit integer": ("yantai.json", lambda p: _rewrite(
        p / "regions" / "yantai.json", lambda t: t.replace("{", '{"n": ' + "9" * 5000 + ", ", 1))),
    "a deleted region file": ("yantai.json", lambda p: (p / "regions" / "yantai.json").unlink()),
    "a deleted catalogue": ("parameters.json", lambda p: (p / "parameters.json").unlink()),
    "parameters emptied": ("yantai.json", lambda p: _rewrite(
        p / "regions" / "yantai.json",
        lambda t: json.dumps({**json.loads(t), "parameters": {}}, ensure_ascii=False))),
    "an unknown key": ("yantai.json", lambda p: _rewrite(
        p / "regions" / "yantai.json", lambda t: json.dumps({**json.loads(t), "colour": "red"}))),
    "a deleted manifest": ("manifest.json", lambda p: (p / "manifest.json").unlink()),
    # issue 22.4, 22.7, 22.11: an amount no bill can be, a key given twice (the last would win silently), a rate of -0
    "a 31-digit amount": ("yantai.json", lambda p: _set_value(p, "supplementary.individual_yearly", "1" + "0" * 30)),
    "a key given twice": ("yantai.json", lambda p: _rewrite(
        p / "regions" / "yantai.json",
        lambda t: t.replace('"parameters": {', '"parameters": {"supplementary.individual_yearly": [], ', 1))),
    "a rate of -0": ("yantai.json", lambda p: _set_value(p, "contribution.individual_rate", "-0")),
    # issue 22.11: damage that still loads: a figure changed, a stray region file, the manifest emptied
    "a figure changed": ("yantai.json", lambda p: _set_value(p, "contribution.individual_rate", "0.03")),
    "a stray region file": ("qingdao.json", lambda p: (p / "regions" / "qingdao.json").write_text(
        (p / "regions" / "yantai.json").read_text(encoding="utf-8").replace('"yantai"', '"qingdao"', 1),
        encoding="utf-8")),
    "the manifest emptied": ("manifest.json", lambda p: _rewrite(p / "manifest.json", lambda _: '{"files": {}}')),
}


def _set_value(policy: Path, parameter: str, value: str) -> None:
    """Yantai's first entry of ``parameter`` given ``value``."""
    path = policy / "regions" / "yantai.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parameters"][parameter][0]["value"] = value
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_policy_data_exits_3_naming_the_file(case: str, damaged: Path) -> None:
    file, damage = DAMAGE[case]
    damage(damaged)
    code, out, err = calc()
    assert code == 3, (code, err)
    assert out == "" and err.count("\n") == 1, err
    assert err.startswith(f"政策文件 {file} 有误："), err
    problem = err.split("：", 1)[1]
    assert re.search("[\u4e00-\u9fff]", problem) and not re.search(r"\b(Extra|inputs|permitted|Traceback)\b", err), err


def test_the_bundled_data_matches_its_manifest() -> None:
    """After ANY edit to resources/policy, regenerate the manifest: python build_scripts/policy_manifest.py"""
    from build_scripts_loader import script

    from yibao.rules import load_policy

    recorded = json.loads((yibao.resources.resource_path("policy") / "manifest.json").read_text(encoding="utf-8"))
    assert recorded == script("policy_manifest").build(), (
        "resources/policy changed since its manifest was written: run  python build_scripts/policy_manifest.py")
    assert len(load_policy().cities()) == 16


@pytest.mark.parametrize("start", [1.5, -1, 1])
def test_a_date_written_as_a_number_says_what_a_date_is(start: float, damaged: Path) -> None:
    """Issue 22.14: these said only 取值无效."""
    path = damaged / "regions" / "yantai.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parameters"]["contribution.individual_rate"][0]["start"] = start
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = calc()
    assert code == 3 and err.endswith("start：不是有效日期（格式 YYYY-MM-DD）\n"), err
