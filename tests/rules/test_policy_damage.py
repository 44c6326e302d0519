"""Issue 14, policy files: any damage to the bundled data exits 3 with one Chinese line naming the file, never a
traceback, and never a city silently computed with the province's figures."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from chinese_messages import english_in
from cli_helpers import calc as run_calc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import yibao.resources
from yibao.rules import PolicyError, engine, load_policy

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
    # issue 22.14: a band key that str.isdigit() takes for a number and int() refuses in English ("invalid literal")
    "a band key written ²": ("yantai.json", lambda p: _set_value(p, "inpatient.deductible_factor", {"1": "1", "²": "1"})),
    "the manifest emptied": ("manifest.json", lambda p: _rewrite(p / "manifest.json", lambda _: '{"files": {}}')),
}


def _set_value(policy: Path, parameter: str, value: object) -> None:
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
    assert re.search("[\u4e00-\u9fff]", problem) and english_in(err) is None, err


def test_the_bundled_data_matches_its_manifest() -> None:
    """After ANY edit to resources/policy, regenerate the manifest: python build_scripts/policy_manifest.py"""
    from build_scripts_loader import script

    from yibao.rules import load_policy

    recorded = json.loads((yibao.resources.resource_path("policy") / "manifest.json").read_text(encoding="utf-8"))
    assert recorded == script("policy_manifest").build(), (
        "resources/policy changed since its manifest was written: run  python build_scripts/policy_manifest.py")
    assert len(load_policy().cities()) == 16


def _edit(policy: Path, relative: str, change: Callable[[Any], None]) -> None:
    """Change one policy file's data in place (the damage a hand edit or a bad merge does)."""
    path = policy / relative
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _entry(data: Any, parameter: str) -> dict[str, Any]:
    entry: dict[str, Any] = data["parameters"][parameter][0]
    return entry


# Every date a policy file holds, where it is and the key the message names. A loose date that loaded was read as a
# Unix timestamp (0 → 1970-01-01) or as a year no document has (0001, 9999).
DATE_PLACES: dict[str, tuple[str, str, str, Callable[[Any, object], None]]] = {
    "a document's issue date": ("documents.json", "documents.json:shandong-2023-184", "issued",
                                lambda d, v: d["shandong-2023-184"].__setitem__("issued", v)),
    "a document's expiry": ("documents.json", "documents.json:jinan-2019", "expires",
                            lambda d, v: d["jinan-2019"].__setitem__("expires", v)),
    "an entry's start": ("regions/yantai.json", "yantai.json", "parameters.contribution.individual_rate[0].start",
                         lambda d, v: _entry(d, "contribution.individual_rate").__setitem__("start", v)),
    "an entry's end": ("regions/yantai.json", "yantai.json", "parameters.contribution.individual_rate[0].end",
                       lambda d, v: _entry(d, "contribution.individual_rate").__setitem__("end", v)),
    "a transition's end": ("regions/shandong.json", "shandong.json",
                           "parameters.contribution.employer_rate.enterprise[0].phase_in_until",
                           lambda d, v: _entry(d, "contribution.employer_rate.enterprise").__setitem__(
                               "phase_in_until", v)),
    "a reading's start": ("readings.json", "readings.json", "readings.jinan-medical-year-2020.scope.start",
                          lambda d, v: d["readings"]["jinan-medical-year-2020"]["scope"].__setitem__("start", v)),
}
LOOSE_DATES: list[object] = [0, 1, -1, 1.5, 86400, 1704067200, "0", "1704067200", "2024-01-01T00:00:00", "2024-01-01T00:00:00Z",
                             True, 2024.0, "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31", "2024-1-1",
                             "20240101", " 2024-01-01"]


@pytest.mark.parametrize("place", list(DATE_PLACES))
@pytest.mark.parametrize("loose", LOOSE_DATES, ids=repr)
def test_a_policy_date_is_read_as_strictly_as_a_packs(place: str, loose: object, damaged: Path) -> None:
    """Issue 22.9 for the policy files: a Unix timestamp, ``true``, a time of day or a year outside 1900–2100 loaded
    (1970-01-01, 0001-01-01); now refused as a pack refuses it, exit 3, naming the file and the key (22.14: 1.5 said
    only 取值无效)."""
    relative, file, key, put = DATE_PLACES[place]
    _edit(damaged, relative, lambda data: put(data, loose))
    code, out, err = calc()
    assert code == 3 and out == "", (code, err)
    assert err.startswith(f"政策文件 {file} 有误：{key}："), err
    assert "不是有效日期（应写成带引号的 YYYY-MM-DD" in err or "年份应在 1900 到 2100 之间" in err, err
    assert "True" not in err, err  # as the file writes it: true


STRICT_FLAGS: dict[str, tuple[str, str, str, Callable[[Any, object], None]]] = {
    "a region's national mark": ("regions/china.json", "china.json", "national",
                                 lambda d, v: d.__setitem__("national", v)),
    "a parameter's may_be_absent": ("parameters.json", "parameters.json:outpatient.supplement_yearly_limit",
                                    "may_be_absent",
                                    lambda d, v: d["outpatient.supplement_yearly_limit"].__setitem__("may_be_absent", v)),
    "a reading's transition mark": ("readings.json", "readings.json", "readings.province-min-years-transition.scope."
                                    "transition", lambda d, v: d["readings"]["province-min-years-transition"]["scope"]
                                    .__setitem__("transition", v)),
    "a yes/no figure": ("regions/yantai.json", "yantai.json", "parameters.retirement.counts_deemed[0].value",
                        lambda d, v: _entry(d, "retirement.counts_deemed").__setitem__("value", v)),
}


@pytest.mark.parametrize("place", list(STRICT_FLAGS))
@pytest.mark.parametrize("loose", [1, 0, "yes", "true", "t", 1.0], ids=repr)
def test_a_policy_yes_or_no_is_true_or_false_only(place: str, loose: object, damaged: Path) -> None:
    """As issue 22.6 for requests: 1, "yes" or "t" loaded as true (a figure of 1 as 是)."""
    relative, file, key, put = STRICT_FLAGS[place]
    _edit(damaged, relative, lambda data: put(data, loose))
    code, out, err = calc()
    assert code == 3 and out == "", (code, err)
    assert err.startswith(f"政策文件 {file} 有误：{key}"), err
    assert "true 或 false" in err, err


# ---------------------------------------------------------------- any damage, any file: the message is Chinese

POLICY_FILES = sorted(p.relative_to(yibao.resources.resource_path("policy")).as_posix()
                      for p in yibao.resources.resource_path("policy").rglob("*.json") if p.name != "manifest.json")
ODD = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=False),
    st.sampled_from(["", " ", "x", "²", "①", "٣", "0", "-0", "1e5", "NaN", "0.08", "2024-01-01", "0001-01-01",
                     "2024-01-01T00:00:00", "a\nb", "\u0000", "yantai", "shandong", "tier", "rate", "in_force",
                     "not_offered", "shandong-2023-184", "三(二)"]),
    st.lists(st.sampled_from(["tier", "sex", "x", 1]), max_size=3),
    st.dictionaries(st.sampled_from(["0", "1", "2", "3", "²", "①", "male", "x", ""]),
                    st.sampled_from(["0.5", "1", "x", "²"]), max_size=3),
)


def _places(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    if isinstance(node, dict):
        for key, item in node.items():
            yield from _places(item, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _places(item, (*path, i))


@pytest.fixture(scope="module")
def policy_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("policy") / "policy"
    shutil.copytree(yibao.resources.resource_path("policy"), folder)
    return folder


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damage_to_any_policy_file_is_named_in_chinese(data: st.DataObject, policy_folder: Path) -> None:
    """Issue 22.14 (one policy error in English): a value replaced, a key removed or added anywhere in any policy file
    is refused naming the file, in Chinese, with no English sentence (int()'s "invalid literal …" for a key "²")."""
    relative = data.draw(st.sampled_from(POLICY_FILES))
    path = policy_folder / relative
    original = path.read_text(encoding="utf-8")
    content = json.loads(original)
    place = data.draw(st.sampled_from(list(_places(content))[1:]))
    parent = content
    for part in place[:-1]:
        parent = parent[part]
    how = data.draw(st.sampled_from(["replace", "remove", "add"]))
    if how == "remove" and isinstance(parent, dict):
        del parent[place[-1]]
    elif how == "add" and isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["x", "²", "", "start", "value", "by", "status"]))] = data.draw(ODD)
    else:
        parent[place[-1]] = data.draw(ODD)
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    try:
        with pytest.raises(PolicyError) as refused:
            load_policy(policy_folder)
    finally:
        path.write_text(original, encoding="utf-8")
    message = str(refused.value)
    assert message.startswith("政策文件 ") and re.search("[\u4e00-\u9fff]", message.split("：", 1)[1]), message
    assert english_in(message) is None and "取值无效" not in message, message  # 22.14: say what is wrong
