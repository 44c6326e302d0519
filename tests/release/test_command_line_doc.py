"""docs/command-line.md describes `calc` as it is: its request runs, and every key it names is where it says."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
SECTION = DOC[DOC.index("## calc"):]
SECTION = SECTION[:SECTION.index("\n## ", 1)]
NOT_KEYS = {"null", "true", "false", "enrolment", "contribution", "flexible", "with_account", "without_account"}


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    request = re.search(r"```json\n(.*?)```", SECTION, re.DOTALL)
    assert request, "the section shows a request"
    done = subprocess.run([sys.executable, "-m", "yibao", "calc", "-"], input=request.group(1), capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert isinstance(data, dict)
    return data


def table() -> list[tuple[list[str], list[str]]]:
    """(keys of the first column, identifiers named in the second) for each row of the result's table."""
    rows = []
    for line in SECTION.splitlines():
        cells = line.split("|")
        if len(cells) == 4 and "`" in cells[1]:
            rows.append((re.findall(r"`([a-z_]+)`", cells[1]), [k for k in re.findall(r"`([a-z_]+)`", cells[2])
                                                                 if k not in NOT_KEYS]))
    return rows


def keys_within(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_within(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_within(v)}
    return set()


def test_the_table_names_every_top_level_key(result: dict[str, Any]) -> None:
    named = [key for keys, _ in table() for key in keys]
    assert sorted(named) == sorted(result), "a key the page does not describe, or one the result no longer has"


def item_fields(key: str) -> set[str]:
    """The fields of the entries of a list the result holds, from the model (for a list this case leaves empty)."""
    from typing import get_args

    from yibao.rules.models import Result

    (item,) = get_args(Result.model_fields[key].annotation)
    return set(item.model_fields)


def test_every_key_the_table_names_is_inside_its_section(result: dict[str, Any]) -> None:
    for keys, inner in filter(lambda row: row[1], table()):
        found = set().union(*(keys_within(result[k]) or (item_fields(k) if result[k] == [] else set()) for k in keys))
        for name in inner:
            assert name in found, (keys, name)


def test_the_places_and_figures_it_states(result: dict[str, Any]) -> None:
    """109号 二(二)1 and 二(三)1: base 6000 → 480.00/120.00/120.00; tier 3, 2000 → deductible 600, fund 840."""
    assert (result["city"], result["city_name"], result["on"]) == ("yantai", "烟台市", "2024-06-01")
    contribution = result["contribution"]
    assert (contribution["employer_monthly"], contribution["individual_monthly"],
            contribution["personal_account_monthly"]) == ("480.00", "120.00", "120.00")
    assert contribution["supplementary_yearly"] == {"employer": "0.00", "individual": "36.00", "from_funds": "40.00",
                                                      "total": "76.00"}
    assert isinstance(result["visits"], list) and len(result["visits"]) == 1
    visit = result["visits"][0]
    assert (visit["bill"], visit["deductible"], visit["fund_pays"], visit["supplement_pays"], visit["person_pays"]) == (
        "2000.00", "600.00", "840.00", "0.00", "1160.00")
    assert "year_totals" not in visit and result["year_totals"]["reimbursement_rate"] == "0.4200"
    assert all(result["retirement"][k] is None for k in ("required_months", "shortfall_months", "eligible"))
    assert result["retirement"]["counted_months"] == 292
    assert isinstance(result["coverage"]["items"], list) and "items" not in result
    assert isinstance(result["missing"], list) and isinstance(result["notes"], list)
    line = contribution["lines"][0]
    assert line["formula"] == "6,000.00 × 8% = 480.00"
    assert set(line) >= {"key", "label", "amount", "figure", "value", "unit", "formula", "sources", "note", "readings"}
    assert set(line["sources"][0]) >= {"document", "clause", "region", "local"}


def test_the_version_line_it_shows_is_the_real_one() -> None:
    shown = re.search(r"yibao --version\s+# (.+)", SECTION)
    done = subprocess.run([sys.executable, "-m", "yibao", "--version"], capture_output=True, text=True, encoding="utf-8",
                          timeout=60)
    assert shown and done.stdout.strip() == shown.group(1).strip()
