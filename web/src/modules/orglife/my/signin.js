// The sign-in window and the member's API (doc/orglife.md 签到, 我的): the same rule as the server's signin.h —
// from 30 minutes before the planned start to 3 hours after it — used only to say the times; the server decides.
import { api } from '../../../api.js';

export const OPENS_BEFORE_MINUTES = 30;
export const CLOSES_AFTER_MINUTES = 180;

// "YYYY-MM-DD HH:MM" moved by `minutes` (calendar arithmetic on the wall clock, as the server does).
export function addMinutes(moment, minutes) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(moment || '');
  if (!m) return '';
  const t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) + minutes * 60000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export function signinWindow(plannedAt) {
  return { opens: addMinutes(plannedAt, -OPENS_BEFORE_MINUTES), closes: addMinutes(plannedAt, CLOSES_AFTER_MINUTES) };
}

export const myApi = {
  me: () => api.get('/my'),
  meetings: (when, page = 1) => api.get('/my/meetings', { when, page }),
  meeting: (id) => api.get(`/my/meetings/${id}`),
  signIn: (code, meetingId) => api.post('/my/signin', meetingId ? { code, meeting_id: Number(meetingId) } : { code }),
  leave: (id, reason) => api.post(`/my/meetings/${id}/leave`, { reason }),
};

// The record form's attendance to start from: what is set stays; someone not yet set is 已到 — unless the phones
// were used (someone signed in or asked for leave), when not having signed in means 缺席 until the recorder says
// otherwise.
export function prefilledRows(meeting) {
  const phones = meeting.attendees.some((a) => a.presence !== 'unsigned');
  const fallback = phones ? 'absent' : 'present';
  return meeting.attendees.map((a) => ({ ...a, presence: a.presence === 'unsigned' && meeting.can_record ? fallback : a.presence }));
}
