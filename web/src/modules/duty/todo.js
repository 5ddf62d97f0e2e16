// The caller's 待办 (GET /duty/todo), shared by the header badge and the inbox page: the five counts and the total,
// exact, and one page of the list the inbox shows (the server pages it; the counts are of every item). It is read
// again after every write the page makes (api.js onWrite: 交办, 提交, 验收, a new item, an upload…), so the badge
// follows at once, and at most every 30 s on navigation for what others changed.
import { reactive } from 'vue';
import { api, onWrite } from '../../api.js';
import { definitionOf } from '../../common/figures.js';
import { readListQuery } from '../../common/listQuery.js';

export const todo = reactive({
  available: false, // the server answered at least once
  counts: { to_assign: 0, to_do: 0, to_accept: 0, overdue: 0, escalated: 0 },
  total: 0, // 待办: every item of the five counts, each once (the server's count, not the page's length)
  query: { show: '', page: 1, page_size: 20 }, // the page of the list asked last
  items: [], // that page: of one count's items (query.show) or of all
  itemsKey: '', // the query `items` answers (queryKey)
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
// (The badge once added up only the first three counts: 8 against 全部待办's 28; later it counted the items the
// server listed, which stopped at 200 of each count.)
export function todoTotal() {
  return todo.total;
}

// The list 我的待办 shows at `route` ({show, page, page_size} from its URL); any other page: the first page of all.
export function todoQuery(route) {
  const filters = readListQuery(route?.name === 'duty-todo' ? route.query : {}, ['show']);
  if (!COUNT_LABELS.some((c) => c.key === filters.show)) filters.show = '';
  return filters;
}

export function queryKey({ show, page, page_size }) {
  return `${show}|${page}|${page_size}`;
}

let pending = null; // the read on its way
let pendingKey = '';
let queued = null; // the read to make once it is back
let generation = 0; // bumped by resetTodo: an answer for the account before lands nowhere

// Reads GET /duty/todo for `query` (default: the list asked last). force: false takes an answer younger than 30 s
// (the badge on navigation); join: true takes the read already on its way for the same list, else reads (a page
// opening: the badge has usually just asked for the same list, and one request is enough). Otherwise a read on its
// way is followed by one more (a write landed, or another list is asked, meanwhile).
export function refreshTodo({ force = true, join = false, query } = {}) {
  const wanted = { ...todo.query, ...(query || {}) };
  if (pending) {
    if (queryKey(wanted) === pendingKey && (join || !force)) return pending;
    todo.query = wanted;
    queued ||= pending.catch(() => {}).then(() => {
      queued = null;
      return read();
    });
    return queued;
  }
  if (!force && !join && Date.now() - todo.loadedAt < 30_000) return Promise.resolve(todo);
  todo.query = wanted;
  return read();
}

function read() {
  const query = todo.query;
  const key = queryKey(query);
  const mine = generation;
  pendingKey = key;
  const reading = api
    .get('/duty/todo', { show: query.show || undefined, page: query.page > 1 ? query.page : undefined, page_size: query.page_size })
    .then((answer) => {
      if (mine !== generation) return todo;
      todo.counts = { ...todo.counts, ...(answer?.counts || {}) };
      todo.total = answer?.total || 0;
      // A page of a list asked meanwhile for another would show under the wrong heading: only the latest lands.
      if (key === queryKey(todo.query)) {
        todo.items = Array.isArray(answer?.items) ? answer.items : [];
        todo.itemsKey = key;
      }
      todo.available = true;
      todo.error = '';
      todo.loadedAt = Date.now();
      return todo;
    })
    .catch((error) => {
      if (mine !== generation) return todo;
      todo.error = error.message;
      todo.loadedAt = Date.now();
      throw error;
    })
    .finally(() => {
      if (pending !== reading) return;
      pending = null;
      pendingKey = '';
    });
  pending = reading;
  return reading;
}

// After every write but signing in and out (the badge follows the session for those), once the server has
// answered for this user: whoever has no duty module never asks.
onWrite((method, path) => {
  if (todo.available && !path.startsWith('/session')) refreshTodo().catch(() => {});
});

export function resetTodo() {
  generation++;
  pending = null;
  pendingKey = '';
  queued = null;
  todo.available = false;
  todo.items = [];
  todo.itemsKey = '';
  todo.total = 0;
  todo.loadedAt = 0;
  for (const key of Object.keys(todo.counts)) todo.counts[key] = 0;
}
