"""The window's six tabs in their order: each one's index and title, and what a question's tab says before its answer."""

TAB_CONTRIBUTION, TAB_VISITS, TAB_COMPARE, TAB_RETIREMENT, TAB_POLICY, TAB_BEFORE_AFTER = range(6)
TAB_TITLES = ("缴费测算", "就医报销", "医院级别对比", "退休缴费年限", "政策依据", "政策前后对比")
BASE_HINT = "请输入月缴费基数（退休人员无需缴费）"
VISITS_HINT = "点“添加门诊”或“添加住院”录入本年的就诊费用，或从电子表格复制几行后在表格中按 Ctrl+V"
TOTALS_HINT = "添加就诊后显示全年合计"  # under the table: the headline above says how (one line in 大字模式)
RETIREMENT_HINT = "填写实际缴费月数后显示是否达到退休享受待遇的最低缴费年限"
