// The caller's 待办 (GET /duty/todo), shared by the header badge and the inbox page. It is read again after every
// write the page makes (api.js onWrite: 交办, 提交, 验收, a new item, an upload…), so the badge follows at once, and
// at most every 30 s on navigation for what others changed.
import { reactive } from 'vue';
import { api, onWrite } from '../../api.js';
import { definitionOf } from '../../common/figures.js';

export const todo = reactive({
  available: false, // the server answered at least once
  counts: { to_assign: 0, to_do: 0, to_accept: 0, overdue: 0, escalated: 0 },
  items: [],
  loadedAt: 0,
  error: '',
});

export const COUNT_LABELS = [
  { key: 'to_assign', label: '待交办', hint: definitionOf('to_assign') },
  { key: 'to_do', label: '待办理', hint: definitionOf('to_do') },
  { key: 'to_accept', label: '待验收', hint: definitionOf('to_accept') },
  { key: 'overdue', label: '逾期', hint: definitionOf('overdue') },
  { key: 'escalated', label: '上级督办', hint: definitionOf('escalated') },
];

// 待办 (doc/figures.md): every item waiting for the caller's org — to assign, to do, to accept, its own overdue
// items and those to supervise — each counted once. The badge and 我的待办's 全部待办 both show this number.
// (The badge once added up only the first three counts: 8 against 全部待办's 28.)
export function todoTotal() {
  return todo.items.length;
}

let pending = null;
let again = false; // a write landed while a read was on its way: read once more after it
export function refreshTodo({ force = true } = {}) {
  if (!force && (pending || Date.now() - todo.loadedAt < 30_000)) return pending || Promise.resolve(todo);
  if (pending) {
    again = true;
    return pending;
  }
  pending = api
    .get('/duty/todo')
    .then((answer) => {
      todo.counts = { ...todo.counts, ...(answer?.counts || {}) };
      todo.items = Array.isArray(answer?.items) ? answer.items : [];
      todo.available = true;
      todo.error = '';
      todo.loadedAt = Date.now();
      return todo;
    })
    .catch((error) => {
      todo.error = error.message;
      todo.loadedAt = Date.now();
      throw error;
    })
    .finally(() => {
      pending = null;
      if (again) {
        again = false;
        refreshTodo().catch(() => {});
      }
    });
  return pending;
}

// After every write but signing in and out (the badge follows the session for those), once the server has
// answered for this user: whoever has no duty module never asks.
onWrite((method, path) => {
  if (todo.available && !path.startsWith('/session')) refreshTodo().catch(() => {});
});

export function resetTodo() {
  todo.available = false;
  todo.items = [];
  todo.loadedAt = 0;
  for (const key of Object.keys(todo.counts)) todo.counts[key] = 0;
}
