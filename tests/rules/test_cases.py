"""Hand-worked cases from the policy documents, kept as data in cases/*.json (one file per document).

Each case names its clause. ``expect`` maps dotted result paths to the JSON value the CLI would print;
``missing`` lists parameters the result must report as not given by the documents; ``notes`` lists
fragments of the transition notes; ``lines`` checks itemised lines by key; ``coverage_items`` checks
the coverage summary by item; ``error`` is the field a calculation error must name, ``invalid`` the
field the request's validation must name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from yibao.rules import InputError, Request, calculate
from yibao.rules.errors import from_validation_error

CASES = sorted((Path(__file__).parent / "cases").glob("*.json"))


def _load() -> list[Any]:
    params = []
    for path in CASES:
        for case in json.loads(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


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
    result = json.loads(calculate(request).model_dump_json())
    for path, expected in case.get("expect", {}).items():
        assert _at(result, path) == expected, path
    reported = {m["parameter"] for m in result["missing"]}
    for parameter in case.get("missing", []):
        assert parameter in reported, f"{parameter} should be reported missing; got {sorted(reported)}"
    for fragment in case.get("notes", []):
        assert any(fragment in note for note in result["notes"]), (fragment, result["notes"])
    items = {item["key"]: item for item in (result["coverage"] or {}).get("items", [])}
    for key, covered in case.get("coverage_items", {}).items():
        assert items[key]["covered"] == covered, (key, items[key]["detail"])
        assert covered is None or items[key]["sources"], f"coverage item {key} names no clause"
    for section, by_key in case.get("lines", {}).items():
        lines = {line["key"]: line for line in result[section]["lines"]}
        for key, amount in by_key.items():
            assert lines[key]["amount"] == amount, key
            assert lines[key]["sources"], f"line {key} names no clause"


def test_every_document_has_cases() -> None:
    assert {p.stem for p in CASES} >= {"shandong-2023-184", "yantai-2023-109", "jinan-2019", "jining-2019"}
