"""Every figure computed from a local or pack figure is marked 本地录入 (issue 21.4): 个人负担 too."""

from __future__ import annotations

from inpatient_helpers import local
from test_inpatient_layer import three_stays

from yibao.rules import calculate


def test_the_person_share_is_marked_where_the_funds_rest_on_local_figures() -> None:
    """Stay 1 of the three (三级, 109号 二(三)2 deductible 800, made-up local share 80%): fund (30000 − 800) × 80% =
    23360; 大额 2820; person 32000 − 23360 − 2820 = 5820, worked out from the local figures, so marked as they are."""
    result = calculate(three_stays(), local=local())
    assert result.visits is not None
    lines = {line.key: line for line in result.visits[0].lines}
    assert lines["person"].figure == "5,820.00"
    assert lines["fund"].local and lines["person"].local
    assert "本地录入（烟台市）" in [source.text() for source in lines["person"].sources]
    assert not lines["bill"].local  # the bill is typed, not computed from any figure


def test_without_local_figures_nothing_is_marked() -> None:
    result = calculate(three_stays())
    assert result.visits is not None
    assert not any(line.local for visit in result.visits for line in visit.lines)
