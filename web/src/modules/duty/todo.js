// The caller's 待办 (GET /duty/todo), shared by the header badge and the inbox page. Pages that change an item
// call refreshTodo() so the badge follows at once; otherwise it is re-read at most every 30 s on navigation.
import { reactive } from 'vue';
import { api } from '../../api.js';

export const todo = reactive({
  available: false, // the server answered at least once
  counts: { to_assign: 0, to_do: 0, to_accept: 0, overdue: 0, escalated: 0 },
  items: [],
  loadedAt: 0,
  error: '',
});

export const COUNT_LABELS = [
  { key: 'to_assign', label: '待交办', hint: '本级起草或已交办，尚未公开' },
  { key: 'to_do', label: '待办理', hint: '交给本单位整改，需报进展' },
  { key: 'to_accept', label: '待验收', hint: '下级已提交销号，等待验收' },
  { key: 'overdue', label: '逾期', hint: '本单位超过完成时限仍未销号' },
  { key: 'escalated', label: '上级督办', hint: '下级逾期未整改，需本级督办' },
];

// What the badge counts: things waiting for the caller to act.
export function actionableCount() {
  const c = todo.counts;
  return (c.to_assign || 0) + (c.to_do || 0) + (c.to_accept || 0);
}

let pending = null;
export function refreshTodo({ force = true } = {}) {
  if (!force && (pending || Date.now() - todo.loadedAt < 30_000)) return pending || Promise.resolve(todo);
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
    });
  return pending;
}

export function resetTodo() {
  todo.available = false;
  todo.items = [];
  todo.loadedAt = 0;
  for (const key of Object.keys(todo.counts)) todo.counts[key] = 0;
}
