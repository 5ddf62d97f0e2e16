// Shared words and helpers of the orglife pages (组织生活): state tag types, the period names, the attendance
// summary, the check of a record form before it is sent (the server checks again and names the field), uploads.
import { ApiError, api, notifyWrite } from '../../api.js';

export const STATE_TAGS = { planned: 'info', submitted: 'warning', approved: 'success', returned: 'danger', cancelled: 'info' };
export const PRESENCE_TAGS = { unsigned: 'info', present: 'success', leave: 'warning', absent: 'danger' };

export const FIELD_LABELS = {
  branch_code: '党支部', kind: '会议类型', topic: '会议议题', planned_at: '计划时间', held_at: '召开时间',
  place: '会议地点', online_link: '线上会议链接', presenter_id: '主持人', recorder_id: '记录人', invitees: '列席人员',
  minutes: '会议记录', decisions: '会议决定', attendance: '出席情况', vote: '表决', group_id: '党小组',
  theme_id: '上级主题', note: '审核意见', reason: '原因', title: '主题', month: '月份', deadline: '报送截止日期',
  unit: '周期', times: '次数', name: '党小组名称', members: '党小组成员', leader_id: '党小组组长', period: '统计周期',
};

// "2026-12-02 09:00" ← a Date in local time, to the minute.
export function minuteOf(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// The first problem of a record form, as {field, message}, or null. Same rules as OrglifeCommands::Record.
export function checkRecord(form, attendees, now = minuteOf(new Date())) {
  if (!form.held_at) return { field: 'held_at', message: '请填写召开时间' };
  if (form.held_at > now) return { field: 'held_at', message: '召开时间不能晚于现在' };
  if (!form.place && !form.online_link) return { field: 'place', message: '请填写会议地点或线上会议链接' };
  if (!form.presenter_id) return { field: 'presenter_id', message: '请选择主持人（授课人）' };
  if (!form.recorder_id) return { field: 'recorder_id', message: '请选择记录人' };
  if (!String(form.minutes || '').trim()) return { field: 'minutes', message: '请填写会议记录' };
  for (const a of attendees) {
    if (!a.presence || a.presence === 'unsigned') return { field: 'attendance', message: `请登记每位应到人员的出席情况：${a.name} 尚未登记` };
    if (a.presence === 'leave' && !String(a.reason || '').trim()) return { field: 'attendance', message: `${a.name} 请假，请填写请假原因` };
  }
  return null;
}

// More than half of the voting members present (probationary members present do not count).
export function quorum(attendees, kind) {
  const voting = attendees.filter((a) => (kind === 'committee_meeting' ? true : a.voting));
  const present = voting.filter((a) => a.presence === 'present').length;
  return { due: voting.length, present, ok: 2 * present > voting.length };
}

export function periodLabel(key) {
  if (/^\d{4}Q[1-4]$/.test(key)) return `${key.slice(0, 4)}年第${'一二三四'[Number(key[5]) - 1]}季度`;
  if (/^\d{4}-\d{2}$/.test(key)) return `${key.slice(0, 4)}年${Number(key.slice(5))}月`;
  if (/^\d{4}$/.test(key)) return `${key}年`;
  return key;
}

// The periods the compliance page offers: this quarter and the three before, this month and the two before, this year.
export function periodChoices(today = new Date()) {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  const out = [];
  let q = Math.floor((m - 1) / 3) + 1;
  let qy = y;
  for (let i = 0; i < 4; i += 1) {
    out.push(`${qy}Q${q}`);
    q -= 1;
    if (q === 0) { q = 4; qy -= 1; }
  }
  for (let i = 0; i < 3; i += 1) {
    const d = new Date(y, m - 1 - i, 1);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  out.push(String(y));
  return out;
}

// An attachment: the raw file as the body, as the duty module's evidence (the same store on the server).

export async function uploadAttachment(meetingId, file) {
  if (file.size > 10 * 1024 * 1024) throw new ApiError(400, { message: `“${file.name}”超过 10 MB，请压缩后再上传` });
  if (file.size === 0) throw new ApiError(400, { message: `“${file.name}”是空文件` });
  const { csrf_token: csrf } = await api.get('/session');
  let response;
  try {
    response = await fetch(`/api/v1/orglife/meetings/${encodeURIComponent(meetingId)}/attachments`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name), 'X-CSRF-Token': csrf || '' },
      body: file,
    });
  } catch {
    throw new ApiError(0, { message: '无法连接服务器，请检查网络后重试' });
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) throw new ApiError(response.status, data && typeof data === 'object' ? data : {});
  notifyWrite('POST', `/orglife/meetings/${meetingId}/attachments`);
  return data;
}
