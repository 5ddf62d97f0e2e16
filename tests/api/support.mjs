// Shared helpers for the API tests: a real `jiceng serve` on 127.0.0.1 over a
// fresh demo database and an HTTP client with a cookie jar and the CSRF header.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { idNumber, totp } from '../support/codes.mjs';
import { testPort } from '../support/ports.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const JICENG = process.env.JICENG ?? path.join(ROOT, 'build/jiceng');
export const DEMO_PASSWORD = 'Demo#2026pass';

export function jiceng(...args) {
  return execFileSync(JICENG, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

// Creates a demo database (or reuses `existing`) and starts the server; returns {url, db, stop(), crash()}.
export async function startServer(existing) {
  const dir = existing ? path.dirname(existing) : mkdtempSync(path.join(tmpdir(), 'jiceng-api-'));
  const db = existing ?? path.join(dir, 'jiceng.db');
  if (!existing) jiceng('init', '--db', db, '--province', '63', '--demo', '--demo-password', DEMO_PASSWORD);
  const child = spawn(JICENG, ['serve', '--db', db, '--port', String(testPort()), '--bind', '127.0.0.1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s')), 20_000);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    db,
    async stop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
    // kill -9: no chance to finish anything; the files stay for a restart.
    async crash() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export class Client {
  constructor(url) {
    this.url = url;
    this.cookie = '';
    this.csrf = '';
  }

  async request(method, route, body, { csrf = true } = {}) {
    const headers = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await fetch(this.url + route, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, headers: res.headers };
  }

  get(route) { return this.request('GET', route); }
  post(route, body = {}, options) { return this.request('POST', route, body, options); }
  patch(route, body = {}) { return this.request('PATCH', route, body); }

  async signIn(login, password = DEMO_PASSWORD, totp) {
    const res = await this.post('/api/v1/session', { login, password, ...(totp ? { totp } : {}) });
    if (res.status === 200) this.csrf = res.json.csrf_token;
    return res;
  }
}

// TOTP secrets of the accounts this process enrolled (each test file has its own server and database).
const totpSecrets = new Map();

// A client signed in as `login`, or an error naming the login and the answer. Accounts that must bind TOTP first
// (the three administrator roles) are enrolled on the way, as their holder would (binding needs the password);
// a later sign-in of the same account enters its code. Each TOTP code is accepted once: the enrolment code
// cannot sign in again within its 30 seconds.
export async function signedIn(url, login, password = DEMO_PASSWORD) {
  const client = new Client(url);
  let res = await client.signIn(login, password);
  if (res.status === 401 && res.json?.code === 'totp_required' && totpSecrets.has(login)) {
    res = await client.signIn(login, password, totp(totpSecrets.get(login)));
  }
  if (res.status !== 200) throw new Error(`${login}: ${res.status} ${JSON.stringify(res.json)}`);
  if (res.json.must_enroll_totp) {
    const begun = await client.post('/api/v1/session/totp');
    const confirmed = await client.post('/api/v1/session/totp/confirm', { password, code: totp(begun.json.secret) });
    if (confirmed.status !== 200) throw new Error(`${login}: TOTP ${JSON.stringify(confirmed.json)}`);
    totpSecrets.set(login, begun.json.secret);
  }
  return client;
}

// The usual start of an API test file: a server on a fresh demo database and a client signed in as each of
// `logins` (signedIn). Use as
//   before(async () => ({ server, demo_golmud: county } = await apiSuite('demo_golmud')));
//   after(() => stopSuite(server));
export async function apiSuite(...logins) {
  const server = await startServer();
  const suite = { server };
  for (const login of logins) suite[login] = await signedIn(server.url, login);
  return suite;
}

// Stops the suite's server and checks that it stopped cleanly on SIGTERM (exit 0).
export async function stopSuite(server) {
  if (!server) return;
  assert.equal(await server.stop(), 0, 'the server stops cleanly on SIGTERM');
}

export { idNumber, totp };
