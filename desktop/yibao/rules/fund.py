"""The provincial adjustment fund (省级统筹调剂金): what a city remits, and who carries a deficit."""

from __future__ import annotations

from decimal import Decimal

from yibao.rules.models import FundInput, FundResult, Line
from yibao.rules.trace import Trace, line
from yibao.wording import ZERO, money, percent, plain, to_fen


def adjustment_fund(trace: Trace, given: FundInput) -> FundResult:
    lines: list[Line] = []
    rate, rate_src = trace.number("fund.remittance_rate")
    base = trace.snapshot.get("fund.remittance_base")  # what the 3% is taken of, in the document's own words
    base_name = base.value if base is not None and isinstance(base.value, str) else "上年度统筹基金收入"
    remittance = None
    if rate is not None:
        remittance = to_fen(given.last_year_premium_income * rate)
        formula = f"{base_name} {money(given.last_year_premium_income)} × {percent(rate)} = {money(remittance)}"
        lines.append(line("remittance", "本年度调剂金上解额", remittance, formula, rate_src, base))
    else:
        lines.append(line("remittance", "本年度调剂金上解额", None, "计提比例文件未规定", rate_src))

    multiple, cap_src = trace.number("fund.adjustment_cap_multiple")
    if multiple is None:
        lines.append(line("adjustment", "调剂金分担", None, "分担上限文件未规定", cap_src))
        return FundResult(remittance=remittance, adjustment_fund_pays=None, surplus_pays=None, unfunded=None, lines=lines)
    deficit = given.deficit
    share = to_fen(deficit * given.province_share_ratio)
    cap = to_fen(given.last_year_remittance * multiple)
    adjustment = min(share, cap)
    formula = f"缺口 {money(deficit)} × 省定分担比例 {percent(given.province_share_ratio)} = {money(share)}"
    if share > cap:
        formula += f"，超过上限 上年度上解额 {money(given.last_year_remittance)} × {plain(multiple)} = {money(cap)}，按上限"
    else:
        formula += f"，未超过上限 {money(given.last_year_remittance)} × {plain(multiple)} = {money(cap)}"
    lines.append(line("adjustment", "调剂金分担", adjustment, formula, cap_src))

    rest = deficit - adjustment
    surplus_pays = min(rest, given.accumulated_surplus)
    lines.append(line("surplus", "累计结余承担", surplus_pays,
                      f"差额 {money(rest)}，累计结余 {money(given.accumulated_surplus)}，承担 {money(surplus_pays)}", cap_src))
    unfunded = rest - surplus_pays
    formula = "无" if unfunded == ZERO else f"{money(rest)} − {money(surplus_pays)} = {money(unfunded)}"
    lines.append(line("unfunded", "累计结余不足部分", unfunded, formula, cap_src,
                      note=None if unfunded == ZERO else "按照社会保险基金财务制度有关规定保障基金支付"))
    city, district = _split_unfunded(trace, given, unfunded, lines) if unfunded > 0 else (None, None)
    return FundResult(remittance=remittance, adjustment_fund_pays=adjustment, surplus_pays=surplus_pays,
                      unfunded=unfunded, city_fund_pays=city, district_finance_pays=district, lines=lines)


def _split_unfunded(
    trace: Trace, given: FundInput, unfunded: Decimal, lines: list[Line]
) -> tuple[Decimal | None, Decimal | None]:
    """Yantai 二(四): what the surplus cannot carry is split between the city fund and district finances."""
    split = trace.snapshot.get("fund.unfunded_split")
    if split is None or split.value is not True:
        return None, None
    if given.city_share_ratio is None:
        trace.need("fund.city_share_ratio", "市基金与区市财政分担比例", "比例由市医疗保障行政部门会同市财政部门确定，请填写")
        lines.append(line("city_fund", "市职工医保基金分担", None, "需填写市基金分担比例", split))
        return None, None
    city = to_fen(unfunded * given.city_share_ratio)
    district = unfunded - city
    lines.append(line("city_fund", "市职工医保基金分担", city,
                      f"{money(unfunded)} × {percent(given.city_share_ratio)} = {money(city)}", split))
    lines.append(line("district_finance", "区市财政分担", district, f"{money(unfunded)} − {money(city)} = {money(district)}",
                      split))
    return city, district
