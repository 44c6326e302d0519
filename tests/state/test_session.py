"""One session for the window and the command line: after ``yibao figures import``, ``yibao calc`` gives the
window's figures; ``--no-local`` gives the documents' alone and says so.

The example pack (made up) fills what 烟政字〔2023〕109号 二(三)3 leaves 另行制定 for Yantai: the inpatient shares, the
fund's limit and the 大额 layer (worked by hand in tests/rules/test_inpatient_layer.py).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pack_helpers import EXAMPLE, YANTAI_YEAR, cli

from yibao.cli import main
from yibao.rules import Request
from yibao.session import Session
from yibao.ui.presenter import Presenter
from yibao.wording import LEFT_OUT_NOTE


def persons(result: dict[str, Any]) -> list[str | None]:
    return [visit["person_pays"] for visit in result["visits"]]


def local_sources(result: dict[str, Any]) -> list[str]:
    return [s["document"] for v in result["visits"] for line in v["lines"] for s in line["sources"] if s["local"]]


@pytest.fixture
def year_file(tmp_path: Path) -> Path:
    path = tmp_path / "year.json"
    path.write_text(json.dumps(YANTAI_YEAR), encoding="utf-8")
    return path


def test_109号_二三3_calc_after_figures_import_gives_the_windows_figures(
    year_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pack's shares: stay 1 (三级) (30000 − 800) × 80% = 23360, the 大额 (109号 二(三)3) (30000 − 23360 − 1000)
    × 90% = 5076, the person 32000 − 23360 − 5076 = 3564; stay 2 621.25; stay 3 past the fund's 60000, the person
    1814.75."""
    assert cli(capsys, "figures", "import", str(EXAMPLE))[0] == 0
    code, out, err = cli(capsys, "calc", str(year_file))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert persons(result) == ["3564.00", "621.25", "1814.75"]
    assert result["local_figures"] == {"origin": "saved", "available": 11, "used": True}
    assert "示例医保发〔2024〕1号" in local_sources(result) and LEFT_OUT_NOTE not in result["notes"]

    presenter = Presenter("jinan", date(2020, 1, 1))  # the window's state, computing through the window's session
    presenter.compute = Session.open().compute
    presenter.load(Request.model_validate(YANTAI_YEAR), "yantai", date(2024, 6, 1))
    assert presenter.request is not None and presenter.result is not None and presenter.problem is None
    window = json.loads(presenter.result.model_dump_json())
    assert persons(window) == persons(result)
    year_file.write_text(presenter.request.model_dump_json(), encoding="utf-8")  # the window's case, as the CLI reads it
    assert json.loads(cli(capsys, "calc", str(year_file))[1]) == window


def test_109号_二三3_no_local_gives_the_documents_figures_alone(
    year_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the pack's shares Yantai's documents give the deductibles (800, half of 500, none) and not the
    share: the fund's part and the person's are 文件未规定 (null), and the result says the saved figures were left out."""
    assert cli(capsys, "figures", "import", str(EXAMPLE))[0] == 0
    code, out, err = cli(capsys, "calc", str(year_file), "--no-local")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert [v["deductible"] for v in result["visits"]] == ["800.00", "250.00", "0.00"]
    assert persons(result) == [None, None, None]
    assert result["local_figures"] == {"origin": "left_out", "available": 0, "used": False}
    assert local_sources(result) == [] and LEFT_OUT_NOTE in result["notes"]
    assert "inpatient.share" in {m["parameter"] for m in result["missing"]}


def test_a_pack_for_one_run_is_named_in_the_notes_and_the_saved_figures_stay_out(
    year_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "calc", str(year_file), "--figures", str(EXAMPLE))
    assert code == 0
    result = json.loads(out)
    assert persons(result) == ["3564.00", "621.25", "1814.75"]
    assert result["local_figures"] == {"origin": "pack", "available": 11, "used": True}
    assert ("本次计算的本地录入参数取自数据包“示例医疗保障局（演示用，非真实单位，数字均为虚构）”"
            "（example-figures-pack.json），未使用本机保存的本地录入参数") in result["notes"]


def test_a_pack_and_no_local_together_are_refused_by_argparse(year_file: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["calc", str(year_file), "--no-local", "--figures", str(EXAMPLE)])
    assert exited.value.code == 2


def test_compare_on_marks_both_sides(year_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "calc", str(year_file), "--no-local", "--compare-on", "2025-06-01")
    assert code == 0
    comparison = json.loads(out)
    for side in ("before", "after"):
        assert comparison[side]["local_figures"]["origin"] == "left_out"
        assert LEFT_OUT_NOTE in comparison[side]["notes"]
