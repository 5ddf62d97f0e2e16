// How urgent an item of 一单 is, in words and colour: 逾期N天 (red), 今天到期 or 还剩N天 (amber), from the server's
// days_overdue and days_left, which it counts on the Asia/Shanghai calendar.
export function urgency(item) {
  if (item?.overdue) return { text: `逾期${item.days_overdue ?? 0}天`, tone: 'overdue' };
  if (item?.due_soon) {
    const left = item.days_left ?? 0;
    return { text: left <= 0 ? '今天到期' : `还剩${left}天`, tone: 'soon' };
  }
  return { text: '', tone: '' };
}
