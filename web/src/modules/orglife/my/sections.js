// The sections of 我的 (the Party member's hub, /my), in the order shown. Each: `key`, `title`, `route` (its own
// page), `icon` (an Element Plus icon component) and `summary()`, a small fetch answering the line the hub shows
// under the title (a string; a failure shows nothing). A page of the member's own is added here with one line —
// 积分 (/my/points), 设岗定责 (/my/posts), 民主评议 (/my/appraisal), 联户 (/my/households), 报到服务 (/my/service).
import { Calendar, Finished } from '@element-plus/icons-vue';
import { myApi } from './signin.js';

export const sections = [
  {
    key: 'meetings',
    title: '会议与签到',
    route: '/my/meetings',
    icon: Calendar,
    summary: async () => {
      const me = await myApi.me();
      if (!me.upcoming) return '近期没有待参加的会议';
      const next = me.next;
      return `待参加 ${me.upcoming} 次 · 下一次：${next.planned_at.slice(5)} ${next.kind_name}${next.window_open ? '（正在签到）' : ''}`;
    },
  },
  {
    key: 'attendance',
    title: '我的参会记录',
    route: '/my/meetings?when=past',
    icon: Finished,
    summary: async () => {
      const past = await myApi.meetings('past');
      return past.total ? `共 ${past.total} 次会议` : '还没有参会记录';
    },
  },
];
