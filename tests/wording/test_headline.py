"""Headline sentences from the rules core's result, without Qt: the figures worked by hand, partial answers said as such."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from yibao.headline import contribution_headline, headlines, retirement_headline, tiers_headline
from yibao.rules import Request, Result, calculate

PERSON = {"employment": "enterprise", "retired": False, "sex": "male", "age": 40}


def _calc(data: dict[str, Any]) -> tuple[Request, Result]:
    request = Request.model_validate(data)
    return request, calculate(request)


def test_109号_二二2_a_retiree_pays_nothing_and_is_credited_by_age() -> None:
    request, result = _calc({"city": "yantai", "on": "2024-06-01", "person": {**PERSON, "retired": True, "age": 72},
                             "contribution": {}})
    assert result.contribution is not None and request.person is not None
    assert contribution_headline(result.contribution, request.person).text.startswith(
        "退休人员不缴纳基本医疗保险费，每月由统筹基金划入个人账户 ¥125.00")


def test_社会保险法第二十七条_a_retirees_premium_unknown_says_why() -> None:
    """Yantai 2025, 300 months entered: the city's minimum is not given (109号 二(二)4 from 2026); Jining 2026, 180
    months of 360 (184号 三(二)): the person may pay up to the minimum. Neither says the documents are silent on
    whether retirees pay (第二十七条 says it)."""
    for on, city, paid, words in (("2025-06-01", "yantai", 300, "本市此时的最低缴费年限文件未规定，无法判断是否已达到"),
                                  ("2026-03-01", "jining", 180, "未达到最低缴费年限（尚缺180个月（15年））：可缴费至规定年限")):
        request, result = _calc({"city": city, "on": on, "person": {**PERSON, "retired": True, "age": 62},
                                 "contribution": {}, "retirement": {"paid_months": paid}})
        assert result.contribution is not None and request.person is not None
        text = contribution_headline(result.contribution, request.person).text
        assert text.startswith(f"退休人员：{words}") and "是否缴纳基本医疗保险费文件未规定" not in text, text


def test_济宁_flexible_worker_says_what_is_not_in_the_documents() -> None:
    """Jining 2025, flexible, base 4000 at 9%: 360 a month; the account share is not in the documents (济宁 三(二)1)."""
    request, result = _calc({"city": "jining", "on": "2025-06-01", "person": {**PERSON, "employment": "flexible"},
                             "contribution": {"monthly_base": "4000"}})
    assert result.contribution is not None and request.person is not None
    text = contribution_headline(result.contribution, request.person).text
    assert text.startswith("每月个人缴 ¥360.00（灵活就业人员由个人缴纳全部费用）")
    assert "划入个人账户的标准文件未规定" in text


def test_济南_the_payer_of_the_yearly_fee_is_not_named() -> None:
    request, result = _calc({"city": "jinan", "on": "2024-09-01", "person": PERSON,
                             "contribution": {"monthly_base": "6000"}})
    assert result.contribution is not None and request.person is not None
    text = contribution_headline(result.contribution, request.person).text
    assert text.startswith("每月共缴 ¥540.00（单位 ¥420.00，个人 ¥120.00）")  # 济南 7% + 2% of 6000
    assert "另每人每年大额医疗费用补助筹资 ¥96.00（由谁缴纳文件未规定）" in text


def test_tiers_when_only_the_fund_is_known() -> None:
    _, result = _calc({"city": "yantai", "on": "2024-06-01", "person": PERSON,
                       "visits": [{"kind": "inpatient", "tier": 2, "in_scope": "10000"}]})
    assert result.visits is not None
    visit = result.visits[0]
    assert tiers_headline({1: visit, 2: visit, 3: visit}).text.startswith("个人负担文件未规定")


def test_retirement_without_a_minimum_in_the_documents() -> None:
    """烟政字〔2023〕109号 二(二)4: before 2026 Yantai's own minimum is not in the documents."""
    _, result = _calc({"city": "yantai", "on": "2024-06-01", "person": PERSON,
                       "retirement": {"paid_months": 300}})
    assert result.retirement is not None
    headline = retirement_headline(result.retirement)
    assert headline.mark == "？ 无法判断"
    assert headline.text == "累计 300个月（25年）；本市此时的最低缴费年限文件未规定，无法判断是否满足。"


def test_headlines_follow_the_tabs_order() -> None:
    request, result = _calc({"city": "yantai", "on": "2026-03-01", "person": PERSON,
                             "contribution": {"monthly_base": "6000"}, "retirement": {"paid_months": 400},
                             "visits": [{"kind": "outpatient", "tier": 1, "in_scope": "300"}]})
    assert [h.question for h in headlines(result, request.person)] == ["contribution", "visits", "retirement"]


def test_headline_loads_without_qt() -> None:
    code = "import sys, yibao.headline; print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
