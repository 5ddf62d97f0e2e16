// Shared pieces of the duty module (责任与整改闭环, doc/duty-api.md): the vocabularies, the names and colours of
// states and actions, deadline wording, the list filters as URL query and API parameters, and evidence upload.
import { ref } from 'vue';
import { api, ApiError, notifyWrite } from '../../api.js';
import { today } from '../../common/dates.js';
import { readListQuery, withPaging } from '../../common/listQuery.js';

// What the contract lists, used until GET /duty/vocabularies answers (and if it never does).
const FALLBACK = {
  sources: [
    { code: 'research', name: '调研' },
    { code: 'inspection', name: '观摩' },
    { code: 'audit', name: '审计' },
    { code: 'patrol', name: '巡察' },
    { code: 'monthly_topic', name: '每月一题' },
    { code: 'public', name: '群众反映' },
  ],
  areas: ['发展壮大村集体经济', '提升党建引领基层治理水平', '社区网格化管理', '基层党组织标准化建设', '乡村振兴产业发展'].map(
    (name) => ({ code: name, name }),
  ),
  severities: [
    { code: 'minor', name: '一般' },
    { code: 'major', name: '较重' },
    { code: 'critical', name: '严重' },
  ],
  states: [
    { code: 'draft', name: '草稿' },
    { code: 'assigned', name: '已交办' },
    { code: 'published', name: '已公开' },
    { code: 'in_progress', name: '整改中' },
    { code: 'submitted', name: '已提交' },
    { code: 'returned', name: '已退回' },
    { code: 'accepted', name: '已销号' },
    { code: 'cancelled', name: '已撤销' },
  ],
  grades: ['优秀', '良好', '合格', '不合格'].map((name) => ({ code: name, name })),
};

// The area suggestions the form always offers, whatever the server adds.
export const AREA_SUGGESTIONS = FALLBACK.areas.map((a) => a.name);

// The server may send plain strings or {code, name}: always [{code, name}].
function codeList(list) {
  if (!Array.isArray(list)) return [];
  return list.map((entry) => (typeof entry === 'string' ? { code: entry, name: entry } : { code: entry.code ?? entry.name, name: entry.name ?? entry.code }));
}

const vocab = ref({ ...FALLBACK });
let pending = null;

export function useDutyVocab() {
  if (!pending) {
    pending = api
      .get('/duty/vocabularies')
      .then((answer) => {
        const next = { ...FALLBACK };
        for (const key of Object.keys(FALLBACK)) {
          const list = codeList(answer?.[key]);
          if (list.length) next[key] = list;
        }
        vocab.value = next;
      })
      .catch(() => {
        pending = null;
      });
  }
  return { vocab, ready: pending };
}

export function nameIn(list, code) {
  return (list || []).find((entry) => entry.code === code)?.name || code || '';
}

export const KINDS = [
  { code: 'problem', name: '问题' },
  { code: 'measure', name: '整改措施' },
  { code: 'list_item', name: '责任事项' },
];

// The actions of the closed loop, in the order their buttons appear, with what each needs from the user.
export const ACTIONS = {
  assign: { name: '交办', type: 'primary', confirm: '交办后，责任单位即可看到该事项。确定交办吗？' },
  publish: { name: '公开', type: 'primary', confirm: '公开后该事项进入整改（晒责），责任单位开始报送进展。确定公开吗？' },
  progress: { name: '报进展', type: 'primary', input: 'progress' },
  submit: { name: '提交销号', type: 'success', confirm: '提交后由交办单位验收销号，验收前不能再报进展。确定提交销号申请吗？' },
  accept: { name: '验收销号', type: 'success', input: 'accept' },
  return: { name: '退回', type: 'warning', input: 'reason', reasonLabel: '退回原因', reasonHint: '写明整改不到位之处，责任单位将看到此原因' },
  reopen: { name: '重新打开', type: 'warning', input: 'reason', reasonLabel: '重新打开原因', reasonHint: '如：回头看发现问题反弹' },
  cancel: { name: '撤销', type: 'danger', input: 'reason', reasonLabel: '撤销原因', reasonHint: '如：问题重复、已并入其他问题' },
};
const ACTION_ORDER = Object.keys(ACTIONS);

// `actions` of an Item: plain codes or {action|code, name}; returned in button order.
export function actionsOf(item) {
  const codes = (item?.actions || []).map((a) => (typeof a === 'string' ? a : a.action || a.code)).filter(Boolean);
  return ACTION_ORDER.filter((code) => codes.includes(code)).concat(codes.filter((code) => !ACTIONS[code]));
}

export function actionName(code) {
  return ACTIONS[code]?.name || EVENT_NAMES[code] || code || '';
}

// Timeline events that are not state changes.
const EVENT_NAMES = {
  create: '创建',
  created: '创建',
  update: '修改',
  edit: '修改',
  evidence: '上传佐证材料',
  upload: '上传佐证材料',
  measure: '新增整改措施',
  acknowledge: '签收',
};

export function stateTagType(state) {
  return (
    {
      draft: 'info',
      assigned: 'primary',
      published: 'primary',
      in_progress: 'warning',
      submitted: 'warning',
      returned: 'danger',
      accepted: 'success',
      cancelled: 'info',
    }[state] || 'info'
  );
}

export const OPEN_STATES = ['draft', 'assigned', 'published', 'in_progress', 'submitted', 'returned'];
export function isClosed(item) {
  return item?.state === 'accepted' || item?.state === 'cancelled';
}

// The deadline in words: {text, tone} — tone 'overdue' (red), 'soon' (orange) or ''.
export function deadlineNote(item) {
  if (!item || isClosed(item) || !item.deadline) return { text: '', tone: '' };
  if (item.overdue) return { text: `逾期 ${item.days_overdue ?? daysBetween(item.deadline, today())} 天`, tone: 'overdue' };
  if (item.due_soon) {
    const left = item.days_left ?? daysBetween(today(), item.deadline);
    return { text: left === 0 ? '今天到期' : `剩 ${left} 天`, tone: 'soon' };
  }
  return { text: '', tone: '' };
}

export function daysBetween(from, to) {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return Math.round((b - a) / 86_400_000);
}

export function thisMonth() {
  return today().slice(0, 7);
}

// A suggested grade for a score (评责); the user may pick another.
export function gradeForScore(score) {
  if (score === null || score === undefined || score === '') return '';
  if (score >= 90) return '优秀';
  if (score >= 80) return '良好';
  if (score >= 60) return '合格';
  return '不合格';
}

export function personName(person) {
  return person?.name || '';
}

// ---- The problem list's filters: URL query ⇄ page state ⇄ GET /duty/items parameters. ----
export const FILTER_KEYS = ['kind', 'state', 'source', 'area', 'due', 'org', 'scope', 'month', 'leader', 'q', 'sort'];
export const DUE_OPTIONS = [
  { value: 'overdue', label: '已逾期' },
  { value: 'due_soon', label: '临期（7 天内到期）' },
];
export const SORTS = [
  { value: 'deadline', label: '完成时限 由近到远' },
  { value: '-deadline', label: '完成时限 由远到近' },
];

export function filtersFromQuery(query) {
  const filters = readListQuery(query, FILTER_KEYS);
  if (!('kind' in query)) filters.kind = 'problem';
  if (filters.kind === 'all') filters.kind = '';
  return filters;
}

export function queryFromFilters(filters) {
  const query = {};
  for (const key of FILTER_KEYS) if (filters[key] && !(key === 'kind' && filters.kind === 'problem')) query[key] = filters[key];
  if (!filters.kind) query.kind = 'all';
  return withPaging(query, filters);
}

export function apiParams(filters, { paging = true } = {}) {
  const params = {};
  for (const key of FILTER_KEYS) {
    const value = key === 'q' ? filters.q.trim() : filters[key];
    if (value) params[key] = value;
  }
  if (paging) {
    params.page = filters.page;
    params.page_size = filters.page_size;
  }
  return params;
}

export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== '' && value !== undefined && value !== null) search.set(key, String(value));
  const out = search.toString();
  return out ? `?${out}` : '';
}

// ---- Evidence: the raw file as the body (doc/duty-api.md), the name percent-encoded. ----
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export async function uploadEvidence(itemId, file) {
  if (file.size > MAX_EVIDENCE_BYTES) throw new ApiError(400, { code: 'too_large', message: `“${file.name}”超过 10 MB，请压缩后再上传` });
  if (file.size === 0) throw new ApiError(400, { code: 'empty', message: `“${file.name}”是空文件` });
  // The CSRF token lives in api.js; GET /session hands it out again.
  const { csrf_token: csrf } = await api.get('/session');
  let response;
  try {
    response = await fetch(`/api/v1/duty/items/${encodeURIComponent(itemId)}/evidence`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': file.type || 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
        'X-CSRF-Token': csrf || '',
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' });
  }
  const body = await response.text();
  let data = null;
  try {
    data = body ? JSON.parse(body) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 413) throw new ApiError(413, { code: 'too_large', message: data?.message || `“${file.name}”超过 10 MB，请压缩后再上传` });
    throw new ApiError(response.status, data && typeof data === 'object' ? data : {});
  }
  notifyWrite('POST', `/duty/items/${itemId}/evidence`);
  return data;
}

// The server names the field of a refused input; a few of its names may differ from the form's.
export function formFieldOf(serverField) {
  const aliases = {
    responsible_org: 'responsible_org_code',
    org: 'responsible_org_code',
    org_code: 'responsible_org_code',
    responsible_person: 'responsible_person_id',
    person: 'responsible_person_id',
    leader: 'leader_person_id',
    leader_id: 'leader_person_id',
    holder: 'holder_org_code',
    holder_org: 'holder_org_code',
  };
  return aliases[serverField] || serverField || '';
}
