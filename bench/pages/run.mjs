// How soon each page shows its content: for each demo role and page, the time from navigation (the document's
// time origin) to the first frame in which a selector that only the loaded data renders is visible, in headless
// chromium against `jiceng serve` on the Qinghai demo (the same `init --province 63 --demo` as `make run`).
// Each page is opened once to warm the cache, then RUNS times (default 5) by a full navigation; prints one JSON
// line per page and role: the median, min and max in ms, and the median time of its API calls.
// Usage: node bench/pages/run.mjs   (env: RUNS=5, ROLES=demo_qinghai,demo_village, PAGES=dashboard,report)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, signIn, DESKTOP, BROWSER_ARGS, CHROMIUM } from '../../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.RUNS || 5);
const only = (name) => (process.env[name] ? new Set(process.env[name].split(',')) : null);
const onlyRoles = only('ROLES');
const onlyPages = only('PAGES');

// name → [path, the selector of its rendered data]. Each selector matches only once the answer is on the page.
const PAGES = {
  dashboard: ['/dashboard', '[data-test="dashboard-table"] .el-table__body tr'],
  todo: ['/duty/todo', '[data-test="todo-item"], [data-test="todo-empty"]'],
  items: ['/duty/items', '[data-test="items-table"] .el-table__body tr'],
  report: ['/duty/report', '[data-test="report-overdue"]'],
  people: ['/people', '[data-test="people-table"] .el-table__body tr'],
  people_search: ['/people?q=%E6%89%8E%E8%A5%BF', '[data-test="people-table"] .el-table__body tr'], // 扎西
  orgs: ['/orgs', '[data-test="org-tree"] .node-name'],
  audit: ['/audit', '[data-test="audit-table"] .el-table__body tr'],
};
const WORK = ['dashboard', 'todo', 'items', 'report', 'people', 'people_search', 'orgs'];
const ROLES = [
  ['demo_qinghai', '组织部 · 青海省', WORK],
  ['demo_haixi', '组织部 · 海西州', WORK],
  ['demo_golmud', '组织部 · 格尔木市', WORK],
  ['demo_town', '乡镇党委 · 郭勒木德镇', WORK],
  ['demo_village', '村(社区)两委 · 村', WORK],
  ['demo_audit', '审计管理员 · 青海省', ['audit', 'orgs']],
];

// Runs in the page before its scripts: notes when each selector first has a visible match, and the start of the
// next frame (the one that paints it).
function watchSelectors(selectors) {
  window.__shown = {};
  const check = () => {
    for (const selector of selectors) {
      if (selector in window.__shown) continue;
      const element = document.querySelector(selector);
      if (!element || !element.getClientRects().length) continue;
      window.__shown[selector] = -1;
      requestAnimationFrame(() => (window.__shown[selector] = performance.now()));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function openOnce(page, [url, selector]) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((s) => window.__shown && window.__shown[s] > 0, selector, { timeout: 20_000, polling: 50 });
  const seen = await page.evaluate((s) => {
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/'));
    return {
      shown: window.__shown[s],
      api: api.length ? Math.max(...api.map((e) => e.duration)) : 0,
      calls: api.map((e) => new URL(e.name).pathname.replace('/api/v1', '')),
    };
  }, selector);
  return seen;
}

const server = await startServer();
const profiles = [];
try {
  for (const [login, role, pages] of ROLES) {
    if (onlyRoles && !onlyRoles.has(login)) continue;
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-bench-pages-'));
    profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: BROWSER_ARGS,
      baseURL: server.url,
      viewport: DESKTOP,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    try {
      context.setDefaultTimeout(20_000);
      await context.addInitScript(watchSelectors, Object.values(PAGES).map(([, s]) => s));
      const page = context.pages()[0] || (await context.newPage());
      page.on('pageerror', (error) => console.error(`[page error] ${login}: ${error.message}`));
      await signIn(page, login);
      for (const name of pages) {
        if (onlyPages && !onlyPages.has(name)) continue;
        const runs = [];
        try {
          await openOnce(page, PAGES[name]); // warms the cache
          for (let i = 0; i < RUNS; i++) runs.push(await openOnce(page, PAGES[name]));
        } catch (error) {
          console.log(JSON.stringify({ page: name, role, login, path: PAGES[name][0], error: String(error.message).split('\n')[0] }));
          continue;
        }
        const shown = runs.map((r) => r.shown);
        console.log(
          JSON.stringify({
            page: name,
            role,
            login,
            path: PAGES[name][0],
            runs: RUNS,
            median_ms: Math.round(median(shown)),
            min_ms: Math.round(Math.min(...shown)),
            max_ms: Math.round(Math.max(...shown)),
            api_median_ms: Math.round(median(runs.map((r) => r.api))),
            api_calls: runs[0].calls,
          }),
        );
      }
    } finally {
      await context.close();
    }
  }
} finally {
  await server.stop();
  for (const profile of profiles) fs.rmSync(profile, { recursive: true, force: true });
}
