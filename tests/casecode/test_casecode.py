"""The case code (issue 23): a request out as scanner-safe text and back, or refused in one Chinese line."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yibao import casecode
from yibao.casecode import CaseCodeError, decode_case, encode_case
from yibao.rules import Request, bundled_policy
from yibao.rules.inputs import MAX_AMOUNT, MAX_MONTHS
from yibao.rules.models import Person
from yibao.version import app_version
from yibao.vocabulary import TIER_NAMES

CITIES = sorted(region.code for region in bundled_policy().cities())
MADE_ON = date(2026, 12, 6)

# The issue 24 year: a Yantai employee of 40 (2024-06-01), five outpatient visits of 1,500.00 at tiers 1, 2, 3, 1, 2.
FIVE_VISITS = Request.model_validate(
    {"city": "yantai", "on": "2024-06-01", "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
     "visits": [{"kind": "outpatient", "tier": tier, "in_scope": "1500"} for tier in (1, 2, 3, 1, 2)]})


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2)
small_amounts = st.decimals(min_value=0, max_value=100000, places=2)
fund_amounts = st.decimals(min_value=0, max_value=Decimal("1e13"), places=2)
shares = st.decimals(min_value=0, max_value=1, places=4)
months = st.integers(0, MAX_MONTHS)
days = st.dates(date(1900, 1, 1), date(2100, 12, 31))
visit = st.fixed_dictionaries(
    {"kind": st.sampled_from(["outpatient", "inpatient"]), "tier": st.sampled_from(list(TIER_NAMES)),
     "in_scope": small_amounts},
    optional={"out_of_scope": small_amounts, "self_pay_first": small_amounts})
requests = st.fixed_dictionaries(
    {"city": st.sampled_from(CITIES), "on": days.map(date.isoformat)},
    optional={
        "person": st.fixed_dictionaries({"employment": st.sampled_from(["enterprise", "public_institution", "flexible"]),
                                         "retired": st.booleans(), "sex": st.sampled_from(["male", "female"]),
                                         "age": st.integers(16, 120)}),
        "contribution": st.fixed_dictionaries({"monthly_base": _optional(amounts),
                                               "flexible_option": _optional(st.sampled_from(["with_account",
                                                                                             "without_account"]))}),
        "visits": st.lists(visit, max_size=12),
        "year_to_date": st.fixed_dictionaries(
            {"outpatient_deductible_counted": small_amounts, "outpatient_fund_paid": small_amounts,
             "inpatient_stays": st.integers(0, 366), "inpatient_fund_paid": small_amounts}),
        "retirement": st.fixed_dictionaries(
            {"paid_months": months, "deemed_months": months, "last_monthly_base": _optional(amounts),
             "never_enrolled": st.booleans(), "last_month_pension": _optional(amounts),
             "minimum_base": _optional(amounts)}),
        "enrolment": st.fixed_dictionaries(
            {"first_contribution_month": _optional(days.map(lambda d: f"{d:%Y-%m}")), "first_enrolment": st.booleans()}),
        "fund": st.fixed_dictionaries(
            {"last_year_premium_income": fund_amounts, "last_year_remittance": fund_amounts, "deficit": fund_amounts,
             "province_share_ratio": shares, "accumulated_surplus": fund_amounts,
             "city_share_ratio": _optional(shares)}),
    },
).map(Request.model_validate)


@settings(max_examples=200, deadline=None)
@given(requests, days)
def test_any_request_comes_back_as_it_went_with_version_and_date(request: Request, made_on: date) -> None:
    code = encode_case(request, made_on)
    case = decode_case(code)
    assert case.request == request  # every amount to the fen, every share, every date (a zero left out reads as 0)
    assert (case.version, case.made_on) == (app_version(), made_on)


@settings(max_examples=100, deadline=None)
@given(requests)
def test_a_code_is_letters_and_digits_a_scanner_types_on_any_keyboard(request: Request) -> None:
    """Upper-case A–Z and 2–7 after YB1: nothing a keyboard layout, Caps Lock or a Chinese input method changes."""
    assert re.fullmatch(r"YB1[A-Z2-7]+", encode_case(request))


def test_the_rules_date_stays_in_the_code_when_it_is_today() -> None:
    """A request for today's rules keeps its date: read back tomorrow, it is still today's case."""
    today = Request.model_validate({"city": "yantai"})
    assert decode_case(encode_case(today)).request.on == today.on


def test_a_five_visit_year_is_short_enough_to_scan() -> None:
    code = encode_case(FIVE_VISITS, MADE_ON)
    assert len(code) <= 120, len(code)
    assert decode_case(code).request == FIVE_VISITS


@pytest.mark.parametrize(
    "typed",
    [pytest.param(str.lower, id="Caps Lock inverted the letters"),
     pytest.param(lambda code: f"  {code[:40]}\n{code[40:]}\t\r\n", id="wrapped, with the scanner's Enter"),
     pytest.param(lambda code: code.translate({ord(c): ord(c) + 0xFEE0 for c in code}), id="full-width input method")],
)
def test_what_a_scanner_or_a_paste_adds_is_ignored(typed: Any) -> None:
    assert decode_case(typed(encode_case(FIVE_VISITS, MADE_ON))).request == FIVE_VISITS


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_code_with_any_one_character_changed_is_refused_or_unchanged(data: st.DataObject) -> None:
    """CRC-32 catches every change of up to 32 bits in a row; a character carries 5. Only the last character's
    spare bits may change unseen, and then the case is the same."""
    code = encode_case(FIVE_VISITS, MADE_ON)
    where = data.draw(st.integers(3, len(code) - 1))
    other = data.draw(st.sampled_from([c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" if c != code[where]]))
    try:
        case = decode_case(code[:where] + other + code[where + 1:])
    except CaseCodeError as exc:
        assert "损坏" in str(exc)
    else:
        assert where == len(code) - 1
        assert case.request == FIVE_VISITS


@pytest.mark.parametrize("cut", [1, 2, 5, 8, 40])
def test_a_code_cut_short_is_refused(cut: int) -> None:
    with pytest.raises(CaseCodeError, match="调取码不完整或已损坏"):
        decode_case(encode_case(FIVE_VISITS, MADE_ON)[:-cut])


def test_a_code_with_more_added_is_refused() -> None:
    with pytest.raises(CaseCodeError, match="损坏"):
        decode_case(encode_case(FIVE_VISITS, MADE_ON) + "AB")


@pytest.mark.parametrize(
    ("text", "message"),
    [pytest.param("", "这不是本程序的测算调取码（调取码以 YB 开头）", id="nothing"),
     pytest.param("YB1", "这不是本程序的测算调取码（调取码以 YB 开头）", id="the prefix alone"),
     pytest.param("6901234567892", "这不是本程序的测算调取码（调取码以 YB 开头）", id="a product barcode"),
     pytest.param("YB0ABCDEFG", "这不是本程序的测算调取码（调取码以 YB1 开头）", id="format 0"),
     pytest.param("YB1ABC-DEF", "调取码不完整或已损坏（含有调取码不用的字符），请重新扫描", id="a character no code has"),
     # issue 22.14: a superscript two after YB gave an English ValueError from int() ("invalid literal")
     pytest.param("YB²ABCDEFG", "这不是本程序的测算调取码（调取码以 YB1 开头）", id="a superscript format"),
     pytest.param("YB①ABCDEFG", "这不是本程序的测算调取码（调取码以 YB1 开头）", id="a circled format")],
)
def test_what_is_not_a_code_is_refused_in_one_line(text: str, message: str) -> None:
    with pytest.raises(CaseCodeError) as refused:
        decode_case(text)
    assert str(refused.value) == message


def test_a_code_of_a_newer_format_is_refused() -> None:
    code = encode_case(FIVE_VISITS, MADE_ON)
    with pytest.raises(CaseCodeError) as refused:
        decode_case("YB2" + code[3:])
    assert str(refused.value) == f"这个调取码由更新版本的程序生成，本程序（{app_version()}）无法读取，请升级后再调取"


def test_a_code_made_by_a_newer_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its rules may differ from this one's: the figures would not be the ones on the sheet."""
    ours = app_version()
    monkeypatch.setattr(casecode, "app_version", lambda: "99.1.0")
    code = encode_case(FIVE_VISITS, MADE_ON)
    monkeypatch.setattr(casecode, "app_version", lambda: ours)
    with pytest.raises(CaseCodeError) as refused:
        decode_case(code)
    assert str(refused.value) == f"这个调取码由更新版本（99.1.0）的程序生成，本程序是 {ours}，请升级后再调取"


@pytest.mark.parametrize("older", ["0.0.1", "0.0.1rc1", "0.0.9.dev3"])
def test_a_code_made_by_an_older_version_opens_and_names_it(monkeypatch: pytest.MonkeyPatch, older: str) -> None:
    ours = app_version()
    monkeypatch.setattr(casecode, "app_version", lambda: older)
    code = encode_case(FIVE_VISITS, MADE_ON)
    monkeypatch.setattr(casecode, "app_version", lambda: ours)
    case = decode_case(code)
    assert (case.request, case.version, case.made_on) == (FIVE_VISITS, older, MADE_ON)


def test_a_code_whose_request_the_rules_refuse_names_the_field() -> None:
    """A code holding an age of 200 (made by hand, not by this program) is refused like a request file would be."""
    bad = FIVE_VISITS.model_copy(update={"person": Person.model_construct(employment="enterprise", sex="male", age=200)})
    with pytest.raises(CaseCodeError) as refused:
        decode_case(encode_case(bad, MADE_ON))
    message = str(refused.value)
    assert message.startswith("调取码中的测算条件无法使用：") and "年龄" in message and "120" in message, message
    assert "\n" not in message
