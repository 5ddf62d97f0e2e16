// Shared helpers for the API tests: a real `jiceng serve` on 127.0.0.1 over a
// fresh demo database and an HTTP client with a cookie jar and the CSRF header.
// On SQLite (the default) each database is a file of its own. With JICENG_SUITE_PG set to a PostgreSQL cluster's
// maintenance URI (scripts/test-postgres.sh, make test's PostgreSQL pass) each is a database of its own there,
// copied with CREATE DATABASE … TEMPLATE from the demo database JICENG_SUITE_PG_TEMPLATE names (made once per run by
// `jiceng init --demo`), its key file and anchor copied under JICENG_STATE_DIR.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
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

// The PostgreSQL cluster the suite runs on, or '' for SQLite files.
export const PG = process.env.JICENG_SUITE_PG ?? '';
const PG_TEMPLATE = process.env.JICENG_SUITE_PG_TEMPLATE ?? '';
const STATE_DIR = process.env.JICENG_STATE_DIR ?? path.join(ROOT, 'var');
let databases = 0;

// Maintenance SQL on the cluster (CREATE/DROP DATABASE), through psql.
export function pgAdmin(query) {
  return execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', PG, '-c', query],
    { encoding: 'utf8' }).trim();
}

// The URI of database `name` on the cluster.
export const pgDatabase = (name) => PG.slice(0, PG.lastIndexOf('/') + 1) + name;
// Where the key file, anchor and evidence of a database live (store::StatePath): the file itself on SQLite.
export const statePath = (db) => (db.startsWith('postgresql://') ? path.join(STATE_DIR, db.slice(db.lastIndexOf('/') + 1)) : db);

// A new empty database on the cluster, C collation as jiceng requires; `name` gets the process id and a count.
export function newPgDatabase(name) {
  const db = `${name}_${process.pid}_${++databases}`;
  pgAdmin(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  return pgDatabase(db);
}

// Drops a database made here and its side files.
export function dropPgDatabase(db) {
  pgAdmin(`DROP DATABASE IF EXISTS ${db.slice(db.lastIndexOf('/') + 1)} WITH (FORCE)`);
  const state = statePath(db);
  for (const file of [`${state}.key`, `${state}.anchor`, `${state}.files`]) rmSync(file, { recursive: true, force: true });
}

// A copy of the run's demo database (or, without a template, a new one made by init --demo: minutes on PostgreSQL).
export function pgDemoDatabase() {
  if (!PG_TEMPLATE) {
    const db = newPgDatabase('api');
    jiceng('init', '--db', db, '--province', '63', '--demo', '--demo-password', DEMO_PASSWORD);
    return db;
  }
  const name = `api_${process.pid}_${++databases}`;
  pgAdmin(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`);
  for (const suffix of ['.key', '.anchor']) {
    const from = path.join(STATE_DIR, PG_TEMPLATE + suffix);
    if (existsSync(from)) copyFileSync(from, path.join(STATE_DIR, name + suffix));
  }
  return pgDatabase(name);
}

// Runs `query` on the database `db` names and returns its rows as text, one a line, columns joined by '|'
// (sqlite3's output, and psql's unaligned tuples-only output, alike).
export function sql(db, query) {
  if (db.startsWith('postgresql://')) {
    return execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query],
      { encoding: 'utf8' }).trim();
  }
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

// Creates a demo database (or reuses `existing`) and starts the server; returns {url, db, stop(), crash()}.
export async function startServer(existing) {
  const onPg = existing ? existing.startsWith('postgresql://') : Boolean(PG);
  const dir = existing && !onPg ? path.dirname(existing) : mkdtempSync(path.join(tmpdir(), 'jiceng-api-'));
  let db = existing;
  if (!db) db = onPg ? pgDemoDatabase() : path.join(dir, 'jiceng.db');
  if (!existing && !onPg) jiceng('init', '--db', db, '--province', '63', '--demo', '--demo-password', DEMO_PASSWORD);
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
      if (onPg) dropPgDatabase(db);
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
