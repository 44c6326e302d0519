"""The window's six tabs in their order: each one's index, title, and the question of the sheet printed from it."""

TAB_CONTRIBUTION, TAB_VISITS, TAB_COMPARE, TAB_RETIREMENT, TAB_POLICY, TAB_BEFORE_AFTER = range(6)
TAB_TITLES = ("缴费测算", "就医报销", "医院级别对比", "退休缴费年限", "政策依据", "政策前后对比")
# The question each tab asks, as the sheet names it: printed from that tab, the sheet holds that question.
TAB_QUESTIONS = {TAB_CONTRIBUTION: "contribution", TAB_VISITS: "visits", TAB_COMPARE: "visits", TAB_RETIREMENT: "retirement"}
