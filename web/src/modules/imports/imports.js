// Imports from the browser (doc/api.md, 导入): the file goes up as the raw body with its name percent-encoded,
// then the job is polled for progress and its preview; confirm and cancel are plain JSON calls.
import { formatCount } from '../../common/format.js';
import { ApiError, api } from '../../api.js';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const ACCEPT = '.xlsx,.xls,.csv';

export function templateUrl(kind) {
  return `/api/v1/imports/${encodeURIComponent(kind)}/template.xlsx`;
}
export function errorsUrl(jobId) {
  return `/api/v1/imports/jobs/${encodeURIComponent(jobId)}/errors.xlsx`;
}

// A refusal before anything is sent: the same words the server would use.
export function checkFile(file) {
  if (!file) return '请选择文件';
  if (!/\.(xlsx|xls|csv)$/i.test(file.name)) return `“${file.name}”不是 Excel 或 CSV 文件（支持 .xlsx、.xls、.csv）`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > MAX_IMPORT_BYTES) return `“${file.name}”超过 20 MB，请分成几个文件导入`;
  return '';
}

export async function uploadImport(kind, file, query = {}) {
  const problem = checkFile(file);
  if (problem) throw new ApiError(400, { code: 'file', message: problem, field: 'file' });
  const { csrf_token: csrf } = await api.get('/session');
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  let response;
  try {
    response = await fetch(`/api/v1/imports/${encodeURIComponent(kind)}${qs ? `?${qs}` : ''}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
        'X-CSRF-Token': csrf || '',
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 413) throw new ApiError(413, { code: 'too_large', message: `“${file.name}”超过 20 MB，请分成几个文件导入` });
    throw new ApiError(response.status, data && typeof data === 'object' ? data : {});
  }
  return data;
}

export const getJob = (id, offset = 0, limit = 20) => api.get(`/imports/jobs/${encodeURIComponent(id)}`, { offset, limit });
export const confirmJob = (id, mode) => api.post(`/imports/jobs/${encodeURIComponent(id)}/confirm`, { mode });
export const cancelJob = (id) => api.post(`/imports/jobs/${encodeURIComponent(id)}/cancel`, {});

// 0–100 for the progress bar; a job whose total is not known yet shows 0.
export function percentOf(job) {
  if (!job || !job.total) return job && (job.state === 'ready' || job.state === 'done') ? 100 : 0;
  return Math.min(100, Math.floor((100 * job.done) / job.total));
}

// What the user is asked before writing: the counts that will be written.
export function confirmText(counts, mode, noun = '行') {
  const parts = [];
  if (counts.added) parts.push(`新增 ${formatCount(counts.added)} ${noun}`);
  if (counts.updated) parts.push(`更新 ${formatCount(counts.updated)} ${noun}`);
  const what = parts.join('、') || '不写入任何数据';
  const skip = mode === 'good' && counts.failed ? `，跳过有误的 ${formatCount(counts.failed)} 行` : '';
  return `将${what}${skip}。确定导入吗？`;
}
