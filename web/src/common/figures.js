// What each figure the pages show means, in the words of doc/figures.md (the one place the definitions live; a
// unit test checks that every definition here stands there word for word). Keys are the dashboard's column names
// (GET /dashboard) and a few names of the pages' own figures. FigureHint.vue shows them as an ⓘ tooltip.

export const FIGURES = {
  // 待办 (GET /duty/todo)
  todo_total: { name: '待办', definition: '需要本单位处理的全部事项：待交办、待办理、待验收、本单位逾期和上级督办（含您包联的逾期问题），一项只计一次。' },
  to_assign: { name: '待交办', definition: '本级起草或已交办，尚未公开' },
  to_do: { name: '待办理', definition: '交给本单位整改，需报进展' },
  to_accept: { name: '待验收', definition: '下级已提交销号，等待验收' },
  overdue: { name: '逾期', definition: '本单位超过完成时限仍未销号' },
  escalated: { name: '上级督办', definition: '下级逾期未整改，需本级督办' },

  // 工作台 (the roll-up's columns)
  duty_open: { name: '未销号事项', definition: '本级及下级负责的、已交办尚未销号的事项（已交办、已公开、整改中、已提交、已退回），问题、整改措施和责任清单事项各计一项。' },
  duty_accepted: { name: '已销号事项', definition: '本级及下级负责的、已验收销号的事项。问题和它的每项整改措施各计一项：带 2 项措施的问题全部销号，计 3 项。' },
  duty_returned: { name: '被退回事项', definition: '本级及下级负责的、提交后被退回待重新整改的事项，各类事项各计一项。' },
  duty_overdue: { name: '逾期事项', definition: '本级及下级负责的、已过完成时限仍未销号的事项，问题、整改措施和责任清单事项各计一项（问题清单默认只列问题）。' },
  duty_due_soon: { name: '临期事项', definition: '本级及下级负责的、临期天数（默认 7 天）内到期且未销号的事项，各类事项各计一项。' },
  duty_signed_off_this_month: { name: '本月销号事项', definition: '本级及下级负责的、本月验收销号的事项，各类事项各计一项。' },
  duty_completion: { name: '整改完成率', definition: '已销号事项 ÷（已销号事项 + 未销号事项），保留一位小数；没有任何事项时显示“—”。' },
  persons: { name: '登记人员', definition: '组织关系登记在本级及下级组织的人员；在此任职但登记在其他单位的人员（如县直单位派驻的第一书记、驻村工作队员）不计入。' },
  members: { name: '党员', definition: '登记在本级及下级组织的正式党员和预备党员。' },
  villages_without_secretary: { name: '村（社区）书记空缺', definition: '本级及下级的村（社区）中，其党组织今天没有在任书记的个数。' },
  orglife_branches_behind: { name: '三会一课未按期支部', definition: '本级及下级的党支部中，最近一个已结束的周期未按规定召开支部党员大会、支部委员会会议、党小组会或党课（不适用的除外）的个数；从未登记会议的支部也计入。' },

  // 党费 (the membership module's roll-up figures)
  dues_members_due: { name: '本月应缴党费党员', definition: '本级及下级党支部中，本月或以前已核定缴费基数、本月应交纳党费的党员（正式党员和预备党员）。' },
  dues_members_settled: { name: '本月已缴党费党员', definition: '本级及下级党支部中，本月党费已交纳（含按时、补缴、减缴、预交）或经批准免缴的党员。' },
  dues_collection: { name: '本月党费收缴率', definition: '本月已缴党费党员 ÷ 本月应缴党费党员，按人数计，保留一位小数；没有应缴党员时显示“—”。' },
  dues_arrears_3: { name: '连续欠缴党费3个月及以上党员', definition: '本级及下级党支部中，从最近一次交纳（或应缴起始月）之后起，到上月为止连续 3 个月及以上未交纳党费的党员；本月尚未结束，不计入欠缴。' },
  dues_arrears_6: { name: '连续欠缴党费6个月及以上党员', definition: '同上口径连续 6 个月及以上未交纳党费的党员，可能按自行脱党处理，支部须谈话教育并登记处置情况。' },

  // Lists and the report
  people_total: { name: '人员信息·共 N 人', definition: '登记在本级及下级的人员，加上在本级及下级任职、但登记在其他单位的人员（如县直单位派驻的第一书记、驻村工作队员），与工作台的“登记人员”口径不同。' },
  items_total: { name: '问题清单·共 N 项', definition: '按所选类型和条件计数：默认只计问题，不含整改措施和责任清单事项；范围默认为本级及下级负责的事项（“含上级公开的问题”另计上级公开的问题）；“类型”选“全部”时与工作台的事项口径一致。' },
  report_unit_overdue: { name: '逾期未整改·本单位逾期', definition: '责任单位为该单位本身的逾期事项，不含其下级单位的事项（下级单位在报告中各自列出）；工作台一表中该单位的“逾期事项”含下级。' },
  report_overdue: { name: '逾期未整改·项逾期未整改', definition: '所选单位及其下级负责的、截至所选日期已过完成时限仍未销号的事项，各类事项各计一项；截至今天时与工作台的“逾期事项”相同。' },
};

export function definitionOf(key) {
  return FIGURES[key]?.definition || '';
}
