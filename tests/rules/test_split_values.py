"""Values split by more than one key: written nested, kept flat, narrowed by the keys a calculation knows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yibao.rules.policy import ParameterSpec, convert_value, narrow, nested_value

TWO = ParameterSpec(label="住院统筹基金支付比例", unit="rate", by=("tier", "status"))
WRITTEN = {"1": {"in_service": "0.9", "retired": "0.92"}, "2": {"in_service": "0.85", "retired": "0.88"},
           "3": {"in_service": "0.8", "retired": "0.85"}}


def test_nested_in_flat_kept_and_written_back() -> None:
    value = convert_value(WRITTEN, TWO)
    assert isinstance(value, dict)
    assert value["2/retired"] == Decimal("0.88") and len(value) == 6
    assert nested_value(value) == WRITTEN


def test_narrow_by_one_key_leaves_the_other() -> None:
    value = convert_value(WRITTEN, TWO)
    assert isinstance(value, dict)
    assert narrow(TWO, value, status="retired") == {"1": Decimal("0.92"), "2": Decimal("0.88"), "3": Decimal("0.85")}
    assert narrow(TWO, value, tier="3", status="in_service") == {"": Decimal("0.8")}


def test_threshold_dimension_picks_its_band() -> None:
    spec = ParameterSpec(label="x", unit="yuan_per_month", by=("status", "age_from"))
    value = convert_value({"in_service": {"0": "0"}, "retired": {"0": "100", "70": "125"}}, spec)
    assert isinstance(value, dict)
    assert narrow(spec, value, status="retired", age_from="72") == {"": Decimal(125)}
    assert narrow(spec, value, status="retired", age_from="69") == {"": Decimal(100)}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"1": "0.9", "2": "0.85", "3": "0.8"}, "“1”一栏应为按 status 分列的对象"),
        ({**WRITTEN, "3": {"in_service": "0.8"}}, "“3”一栏分列的键应为 ['in_service', 'retired']"),
        ({**WRITTEN, "2": {"in_service": "1.5", "retired": "0.88"}}, "比例 1.5 大于 1"),
    ],
)
def test_bad_nested_values_are_named(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        convert_value(raw, TWO)


def test_a_one_item_list_of_dimensions_is_refused() -> None:
    with pytest.raises(ValueError, match="by 须为"):
        ParameterSpec(label="x", unit="rate", by=("tier",))
