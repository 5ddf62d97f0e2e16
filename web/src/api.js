// The one way the browser talks to the server: JSON over fetch with the session cookie, the CSRF token on every
// state-changing call, and the server's {code, message, field} errors turned into ApiError values.
// A 401 outside sign-in sends the user to the sign-in page; see onUnauthorized.

const BASE = '/api/v1';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const DEFAULT_MESSAGES = {
  400: '输入有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '您没有权限执行此操作',
  404: '未找到该对象，或不在您的管辖范围内',
  409: '数据已被修改或存在冲突，请刷新后重试',
  423: '账户已锁定，请联系安全管理员解锁',
  500: '服务器出错，请稍后重试',
};

export class ApiError extends Error {
  constructor(status, { code = '', message = '', field = '' } = {}) {
    super(message || DEFAULT_MESSAGES[status] || `请求失败（${status}）`);
    this.status = status;
    this.code = code || String(status);
    this.field = field || '';
  }
  get notFound() {
    return this.status === 404;
  }
}

let csrfToken = '';
export function setCsrfToken(token) {
  csrfToken = token || '';
}

// Set by main.js: called on 401 (except for the sign-in calls themselves) and on the two "finish your account
// first" refusals, so that any page can call the API without handling them.
const handlers = { unauthorized: () => {}, accountSetupRequired: () => {} };
export function onUnauthorized(fn) {
  handlers.unauthorized = fn;
}
export function onAccountSetupRequired(fn) {
  handlers.accountSetupRequired = fn;
}

// Whoever shows a figure a write may change (the header's 待办 badge) listens here: after every successful
// state-changing call, each listener gets (method, path). Returns a function that stops listening.
const writeListeners = new Set();
export function onWrite(fn) {
  writeListeners.add(fn);
  return () => writeListeners.delete(fn);
}
// Called by request() after a write, and by the few calls that do not go through it (multipart uploads).
export function notifyWrite(method, path) {
  for (const fn of writeListeners) {
    try {
      fn(method, path);
    } catch {
      // A listener's failure is not the write's.
    }
  }
}

function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request(method, path, { body, query, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(BASE + withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' });
  }
  if (response.ok && STATE_CHANGING.has(method)) notifyWrite(method, path);
  if (response.status === 204) return null;
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) return data;

  const error = new ApiError(response.status, data && typeof data === 'object' ? data : {});
  if (response.status === 401 && !quiet401) handlers.unauthorized(error);
  if (response.status === 403 && (error.code === 'password_change_required' || error.code.includes('totp'))) {
    handlers.accountSetupRequired(error);
  }
  throw error;
}

export const api = {
  get: (path, query, options) => request('GET', path, { query, ...options }),
  post: (path, body, options) => request('POST', path, { body: body ?? {}, ...options }),
  patch: (path, body, options) => request('PATCH', path, { body, ...options }),
  del: (path, options) => request('DELETE', path, options),
};

// A file from the server (an export) saved by the browser under the name the server gives (Content-Disposition
// filename*), else `fallbackName`. POST carries the CSRF token like every state-changing call (a reveal-export is
// audited); a refusal comes back as an ApiError with the server's Chinese message.
// `path` may carry its own query and may start with /api/v1.
export async function downloadFile(method, path, { query, body, fallbackName = 'export' } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch((path.startsWith(BASE) ? '' : BASE) + withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' });
  }
  if (!response.ok) {
    let data = {};
    try {
      data = await response.json();
    } catch {
      data = {};
    }
    const error = new ApiError(response.status, data && typeof data === 'object' ? data : {});
    if (response.status === 401) handlers.unauthorized(error);
    throw error;
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = named ? decodeURIComponent(named[1]) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
