"""Hand-worked cases from the policy documents, kept as data in cases/*.json (one file per document).

Each case names its clause. ``expect`` maps dotted result paths to the JSON value the CLI would print;
``missing`` lists parameters the result must report as not given by the documents; ``needs_input`` the
request fields it must ask for instead; ``notes`` lists fragments of the transition notes and ``notes_absent``
fragments no note may hold; ``lines`` checks
itemised lines by key (money) and ``line_values`` by typed value and unit; ``line_readings`` the readings a
line must name; ``readings`` the reading ids the result must list, exactly; ``not_computed`` the ids of rules
it must say it does not compute; ``coverage_items`` checks the coverage summary by item and
``coverage_absent`` the items that must not be listed; ``error`` is the field a calculation error must name,
``invalid`` the field the request's validation must name; ``documents`` the ids of the documents the result
cites, in order; ``lines_absent`` line keys a section must not have; ``local`` figures a bureau would give (as a
pack writes them) for the case's city from the case's date, where the documents leave them open.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from yibao.rules import InputError, LocalFigure, Request, bundled_policy, calculate
from yibao.rules.errors import from_validation_error
from yibao.rules.policy import convert_value

CASES = sorted((Path(__file__).parent / "cases").glob("*.json"))


def _load() -> list[Any]:
    params = []
    for path in CASES:
        for case in json.loads(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


def _local(case: dict[str, Any], request: Request) -> list[LocalFigure]:
    catalogue = bundled_policy().catalogue
    return [LocalFigure(name, request.city, request.on, None, None if raw is None else convert_value(raw, catalogue[name]))
            for name, raw in case.get("local", {}).items()]


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


@pytest.mark.parametrize("case", _load())
def test_case(case: dict[str, Any]) -> None:
    if "invalid" in case:
        with pytest.raises(ValidationError) as invalid:
            Request.model_validate(case["request"])
        assert from_validation_error(invalid.value).field == case["invalid"]
        return
    request = Request.model_validate(case["request"])
    if "error" in case:
        with pytest.raises(InputError) as caught:
            calculate(request)
        assert caught.value.field == case["error"]
        return
    result = json.loads(calculate(request, local=_local(case, request)).model_dump_json())
    for path, expected in case.get("expect", {}).items():
        assert _at(result, path) == expected, path
    reported = {m["parameter"] for m in result["missing"]}
    for parameter in case.get("missing", []):
        assert parameter in reported, f"{parameter} should be reported missing; got {sorted(reported)}"
    for fragment in case.get("notes", []):
        assert any(fragment in note for note in result["notes"]), (fragment, result["notes"])
    for fragment in case.get("notes_absent", []):
        assert not any(fragment in note for note in result["notes"]), (fragment, result["notes"])
    items = {item["key"]: item for item in (result["coverage"] or {}).get("items", [])}
    for key, covered in case.get("coverage_items", {}).items():
        assert items[key]["covered"] == covered, (key, items[key]["detail"])
        assert covered is None or items[key]["sources"], f"coverage item {key} names no clause"
    for key in case.get("coverage_absent", []):
        assert key not in items, key
    for section, by_key in case.get("lines", {}).items():
        lines = {line["key"]: line for line in result[section]["lines"]}
        for key, amount in by_key.items():
            assert lines[key]["amount"] == amount, key
            assert lines[key]["sources"], f"line {key} names no clause"
    for section, keys in case.get("lines_absent", {}).items():
        assert not {line["key"] for line in _at(result, section)["lines"]} & set(keys), section
    for section, by_key in case.get("line_values", {}).items():
        lines = {line["key"]: line for line in _at(result, section)["lines"]}
        for key, (value, unit) in by_key.items():
            assert (lines[key]["value"], lines[key]["unit"]) == (value, unit), key
    for section, by_key in case.get("line_readings", {}).items():
        lines = {line["key"]: line for line in _at(result, section)["lines"]}
        for key, ids in by_key.items():
            assert set(ids) <= set(lines[key]["readings"]), (key, lines[key]["readings"])
    if "readings" in case:
        assert sorted(r["id"] for r in result["readings"]) == sorted(case["readings"])
    asked = {n["field"] for n in result["needs_input"]}
    assert set(case.get("needs_input", [])) <= asked, asked
    assert not asked & reported, "a field the user has not filled is not a gap in the documents"
    if "documents" in case:
        assert [d["id"] for d in result["documents"]] == case["documents"]
        assert all(d["title"] and d["issuer"] for d in result["documents"])
    if "not_computed" in case:
        assert sorted(n["id"] for n in result["not_computed"]) == sorted(case["not_computed"])


def test_every_document_has_cases() -> None:
    assert {p.stem for p in CASES} >= {"shandong-2023-184", "yantai-2023-109", "jinan-2019", "jining-2019"}


def test_every_reading_is_relied_on_by_some_case() -> None:
    """Each reading in readings.json is named by a figure in at least one hand-worked case, and a result lists
    exactly the readings its lines and coverage items name."""
    used: set[str] = set()
    for param in _load():
        case = param.values[0]
        if "invalid" in case or "error" in case:
            continue
        request = Request.model_validate(case["request"])
        result = calculate(request, local=_local(case, request))
        named = {r for section in (result.contribution, result.retirement, result.fund, *(result.visits or ()))
                 if section is not None for line in section.lines for r in line.readings}
        named |= {r for item in (result.coverage.items if result.coverage else ()) for r in item.readings}
        assert named == {r.id for r in result.readings}, case["name"]
        used |= named
    assert used == set(bundled_policy().readings)
