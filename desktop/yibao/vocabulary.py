"""The words of a case, declared once for the models and the window: the codes a request uses (employment types,
sexes, hospital tiers, visit kinds, a flexible worker's way of paying, in service or retired) and their Chinese names.

Standard library only: the window's person panel reads it before the rules core (pydantic) is loaded, and the
models (``yibao.rules.models``) take their field types from it.
"""

from __future__ import annotations

from typing import Literal, get_args

Employment = Literal["enterprise", "public_institution", "flexible"]
Sex = Literal["male", "female"]
Tier = Literal[1, 2, 3]  # hospital tiers: 一级及以下, 二级, 三级
VisitKind = Literal["outpatient", "inpatient"]
FlexibleOption = Literal["with_account", "without_account"]
# A way of paying on a date: offered; not offered (a document says the city has no such way then); not stated (文件未规定).
OptionStatus = Literal["offered", "not_offered", "not_stated"]

EMPLOYMENT_NAMES = {"enterprise": "企业职工", "public_institution": "机关事业单位职工", "flexible": "灵活就业人员"}
SEX_NAMES = {"male": "男", "female": "女"}
TIER_NAMES: dict[int, str] = dict(zip(get_args(Tier), ("一级及以下", "二级", "三级"), strict=True))
STATUS_NAMES = {"in_service": "在职", "retired": "退休"}
KIND_NAMES = {"outpatient": "普通门诊", "inpatient": "住院"}
OPTION_NAMES = {"with_account": "建立个人账户", "without_account": "不建立个人账户"}
CODE_NAMES = EMPLOYMENT_NAMES | SEX_NAMES | KIND_NAMES | OPTION_NAMES  # to explain a code in a message


def status_name(retired: bool) -> str:
    """在职 or 退休."""
    return STATUS_NAMES["retired" if retired else "in_service"]
