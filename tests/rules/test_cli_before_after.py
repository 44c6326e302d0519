"""`yibao calc REQ --compare-on DATE`: the before/after contract of issue 15 and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

JINAN = {"city": "jinan", "on": "2024-10-15", "person": {"employment": "enterprise", "sex": "male", "age": 40},
         "contribution": {"monthly_base": "6000"}}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yibao", *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def test_compare_on_prints_before_after_changes_difference(tmp_path: Path) -> None:
    """济南 四(二) 7% until the document expires on 2024-09-30, then 184号 三(二) 8%: 420.00 → 480.00."""
    path = tmp_path / "req.json"
    path.write_text(json.dumps(JINAN), encoding="utf-8")
    done = run("calc", str(path), "--compare-on", "2024-09-15")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert list(out) == ["before", "after", "changes", "difference"]
    assert (out["before"]["on"], out["after"]["on"]) == ("2024-09-15", "2024-10-15")
    assert out["before"]["contribution"]["employer_monthly"] == "420.00"
    assert out["after"]["contribution"]["employer_monthly"] == "480.00"
    assert out["difference"]["contribution"]["employer_monthly"] == "60.00"
    assert out["difference"]["contribution"]["supplementary_yearly"]["total"] is None  # 96.00 → not in the documents
    change = next(c for c in out["changes"] if c["parameter"] == "contribution.employer_rate.enterprise")
    assert set(change) == {"parameter", "label", "before", "after", "sources"}
    assert change["sources"][-1] == "鲁政字〔2023〕184号 三(二)"
    assert set(out["difference"]["contribution"]) == {"employer_monthly", "individual_monthly",
                                                      "personal_account_monthly", "supplementary_yearly",
                                                      "monthly_base"}


def test_compare_on_bad_date_names_the_option() -> None:
    done = run("calc", "-", "--compare-on", "2024-02-30", stdin=json.dumps(JINAN))
    assert done.returncode == 2
    assert "--compare-on" in done.stderr and "不是有效日期" in done.stderr and not done.stdout


def test_without_compare_on_the_result_is_unchanged() -> None:
    done = run("calc", "-", stdin=json.dumps(JINAN))
    assert done.returncode == 0
    assert "before" not in json.loads(done.stdout)
