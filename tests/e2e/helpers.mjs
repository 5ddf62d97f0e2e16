// Shared set-up for the browser tests: a demo database (made once per run by `jiceng init --demo`, then copied
// for each test file so that files do not see each other's edits), a `jiceng serve` on a free loopback port,
// and a headless Debian chromium driven by playwright-core. Everything is bounded in time and cleaned up.
import { spawn, execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { totp } from '../support/codes.mjs';
import { testPort } from '../support/ports.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.JICENG_BIN ? path.resolve(process.env.JICENG_BIN) : path.join(ROOT, 'build/jiceng');
export const WEB = process.env.JICENG_WEB ? path.resolve(process.env.JICENG_WEB) : path.join(ROOT, 'web/dist');
export const SHOTS = path.join(ROOT, 'build/e2e-screenshots');
export const PASSWORD = 'Demo#2026pass';
const CACHE = path.join(ROOT, 'build/e2e-cache');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const run = promisify(execFile);

// The demo database, made once per binary: init takes seconds, copying a file a fraction of one.
async function demoDatabase() {
  fs.mkdirSync(CACHE, { recursive: true });
  const db = path.join(CACHE, 'demo.db');
  const stamp = path.join(CACHE, 'demo.stamp');
  const binTime = String(fs.statSync(BIN).mtimeMs);
  if (!fs.existsSync(db) || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== binTime) {
    await run(BIN, ['init', '--db', db, '--province', '63', '--demo', '--demo-password', PASSWORD, '--force'], {
      timeout: 120_000,
      maxBuffer: 16 << 20,
    });
    fs.writeFileSync(stamp, binTime);
  }
  return db;
}

// On PostgreSQL (JICENG_SUITE_PG, a cluster's maintenance URI, and JICENG_SUITE_PG_TEMPLATE, a demo database made
// there by `jiceng init --demo`: scripts/test-postgres.sh) each server gets a copy of that demo made with
// CREATE DATABASE … TEMPLATE, its key file and anchor copied under JICENG_STATE_DIR.
export const PG = process.env.JICENG_SUITE_PG ?? '';
const PG_TEMPLATE = process.env.JICENG_SUITE_PG_TEMPLATE ?? '';
const STATE_DIR = process.env.JICENG_STATE_DIR ?? path.join(ROOT, 'var');
let pgCopies = 0;
const psql = (query) => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', PG, '-c', query], { encoding: 'utf8' });

function copyPgDatabase() {
  if (!PG_TEMPLATE) throw new Error('JICENG_SUITE_PG_TEMPLATE names no demo database on the cluster');
  const name = `e2e_${process.pid}_${++pgCopies}`;
  psql(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`);
  for (const suffix of ['.key', '.anchor']) {
    const from = path.join(STATE_DIR, PG_TEMPLATE + suffix);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(STATE_DIR, name + suffix));
  }
  return {
    db: PG.slice(0, PG.lastIndexOf('/') + 1) + name,
    drop() {
      psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const suffix of ['.key', '.anchor', '.files']) fs.rmSync(path.join(STATE_DIR, name + suffix), { recursive: true, force: true });
    },
  };
}

function copyDatabase(from, dir) {
  const to = path.join(dir, 'e2e.db');
  for (const suffix of ['', '.key', '-wal', '-shm']) {
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
  }
  if (fs.existsSync(to + '.key')) fs.chmodSync(to + '.key', 0o600);
  return to;
}

// Starts `jiceng serve` on a copy of the demo database; resolves with its base URL once it prints it, and the
// database's path (for commands run beside the server, such as `jiceng rollup verify`).
export async function startServer() {
  if (!fs.existsSync(path.join(WEB, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-e2e-'));
  const pg = PG ? copyPgDatabase() : null;
  const db = pg ? pg.db : copyDatabase(await demoDatabase(), dir);
  const child = spawn(BIN, ['serve', '--db', db, '--port', String(testPort()), '--bind', '127.0.0.1', '--web', WEB], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`jiceng serve did not start in 30 s:\n${log}`)), 30_000);
    const onData = (chunk) => {
      log += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`jiceng serve exited with ${code}:\n${log}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    db,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      pg?.drop();
    },
  };
}

// The flags every headless chromium here runs with (also bench/pages).
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: BROWSER_ARGS,
  });
}

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

// A fresh context (its own cookies) and page; viewport PHONE gives a touch phone.
export async function newPage(browser, baseURL, viewport = DESKTOP) {
  const phone = viewport.width < 768;
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: phone ? 2 : 1,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return page;
}

// The usual start of a test file: a server on a fresh demo, a browser, and one page signed in as `login`.
// Use as `before(async () => ({ server, browser, page } = await signedInSuite('demo_golmud')))` with
// `after(() => closeSuite({ server, browser }))`.
export async function signedInSuite(login, viewport = DESKTOP) {
  const server = await startServer();
  const browser = await launchBrowser();
  const page = await newPage(browser, server.url, viewport);
  await signIn(page, login);
  return { server, browser, page };
}

export async function closeSuite({ server, browser }) {
  await browser?.close();
  await server?.stop();
}

// TOTP secrets of the accounts enrolled in this process (each test file has its own server and database).
const totpSecrets = new Map();

// Signs in through the sign-in page. Accounts that must bind TOTP first (the three administrator roles) are
// enrolled on the way, as their holder would with an authenticator app; later sign-ins enter the code.
export async function signIn(page, login, password = PASSWORD) {
  await page.goto('/login');
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  const totpField = page.locator('input[name="totp"]');
  await Promise.race([page.waitForURL((url) => !url.pathname.startsWith('/login')), totpField.waitFor()]);
  if (new URL(page.url()).pathname.startsWith('/login')) {
    const secret = totpSecrets.get(login);
    if (!secret) throw new Error(`${login} asks for a TOTP code, but this test run did not enrol it`);
    await enterTotp(page, secret);
  }
  if (new URL(page.url()).pathname === '/totp') await enrolTotp(page, login, undefined, password);
}

// On the sign-in page with the TOTP field shown: enters the current code, and if the server refuses it (a code
// may be used once), the next one.
export async function enterTotp(page, secret) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.locator('input[name="totp"]').fill(totp(secret));
    await page.getByRole('button', { name: '登录' }).click();
    const left = await page
      .waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (left) return;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error('the server refused two TOTP codes in a row');
}

// On the 绑定动态口令 page: reads the secret, confirms with the password and a code, and remembers the secret for
// later sign-ins.
export async function enrolTotp(page, login, beforeConfirm = async () => {}, password = PASSWORD) {
  const shown = page.locator('[data-test="totp-secret"]');
  await shown.waitFor();
  const secret = (await shown.innerText()).replace(/\s+/g, '');
  await beforeConfirm(secret);
  await page.locator('input[name="totp-password"]').fill(password);
  await page.locator('input[name="totp-code"]').fill(totp(secret));
  await page.getByRole('button', { name: '完成绑定' }).click();
  await page.waitForURL((url) => url.pathname !== '/totp');
  totpSecrets.set(login, secret);
  return secret;
}

// Calls the API from inside the page (its cookie, its CSRF token from GET /session).
export async function pageApi(page, method, apiPath, body) {
  return page.evaluate(
    async ({ method, apiPath, body }) => {
      const session = await (await fetch('/api/v1/session')).json();
      const response = await fetch(`/api/v1${apiPath}`, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, apiPath, body },
  );
}

export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(400); // let dialogs and messages finish their transitions
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

// No sideways scrolling on a phone: the page is no wider than the viewport.
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

export { totp };
