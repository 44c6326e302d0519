"""Task 1's year, the three-visit Yantai example, as rows a clerk copies from a spreadsheet or keeps in a file.

Worked by hand from 烟政字〔2023〕109号 二(三)1: a 72-year-old retiree, three 普通门诊 visits at tier-3 hospitals in
2024, 1,200.00 + 1,800.00 + 2,300.00 = 5,300.00 all within the policy's scope. Tier 3's yearly deductible is
600.00; a retiree's share is the in-service 60% plus 5 points, 65%. The fund pays (1,200.00 − 600.00) × 65% = 390.00,
then 1,800.00 × 65% = 1,170.00 and 2,300.00 × 65% = 1,495.00: 3,055.00 in all, under the fund's 4,500.00 yearly
limit for a retiree, so the 大额补助 pays nothing. The person pays 5,300.00 − 3,055.00 = 2,245.00.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

TASK_ONE: dict[str, Any] = {
    "city": "yantai", "on": "2024-06-01",
    "person": {"employment": "enterprise", "retired": True, "sex": "male", "age": 72},
}
# Written three ways people write them: the kind and tier in words, digits or short forms, amounts with separators,
# in full-width digits or with 元.
TASK_ONE_ROWS = [["门诊", "三级", "1200"], ["普通门诊", "3", "1,800.00"], ["门诊", "三甲", "２３００元"]]
HEADERS = ["就诊日期", "医院名称", "类别", "医院级别", "政策范围内费用(元)", "政策范围外费用(元)", "先行自付"]
# The same year as a hospital's settlement list keeps it: a date and a name the calculator leaves out.
TASK_ONE_LIST = [HEADERS,
                 ["2024-03-02", "烟台山医院", "门诊", "三级", "1200", "", ""],
                 ["2024-04-18", "毓璜顶医院", "普通门诊", "3", "1,800.00", "0", "0"],
                 ["2024-05-09", "烟台山医院", "门诊", "三甲", "2300", "", "0"]]
FUND_AND_SUPPLEMENT = Decimal("3055.00")
PERSON = Decimal("2245.00")


def tsv(rows: list[list[str]]) -> str:
    """Rows as a spreadsheet puts them on the clipboard: tabs between cells, a line break after every row."""
    return "".join("\t".join(row) + "\r\n" for row in rows)
