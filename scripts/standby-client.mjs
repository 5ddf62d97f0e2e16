// The HTTP side of scripts/test-standby.sh, through the public API as a county's 组织部 would use it.
//   node scripts/standby-client.mjs write URL FILE   signs in as demo_golmud and adds people to a village one after
//       another (POST /api/v1/people), appending "id<TAB>name<TAB>milliseconds" to FILE for every 201 as soon as it
//       comes; stops after 3 failures in a row (the database went away) or MAX_WRITES writes. Prints a JSON line.
//   node scripts/standby-client.mjs check URL FILE   signs in again and reads every person FILE lists
//       (GET /api/v1/people/{id}), then makes one more write; prints a JSON line and exits 1 if any is missing.
import { appendFileSync, readFileSync } from 'node:fs';

import { Client, DEMO_PASSWORD } from '../tests/api/support.mjs';
import { idNumber } from '../tests/support/codes.mjs';

const [mode, url, file] = process.argv.slice(2);
const VILLAGE_PARENT = '632801100000';  // 郭勒木德镇 of 格尔木市, demo_golmud's subtree

async function signIn() {
  const client = new Client(url);
  const res = await client.signIn('demo_golmud', DEMO_PASSWORD);
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${JSON.stringify(res.json)}`);
  return client;
}

// The i-th person: an ID number no demo person has (area 632801, a birth day counted from 1960-01-01, sequence 9xx).
function person(i, village) {
  const born = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return {
    name: `备机${i}`, id_number: idNumber(`632801${born}9${String(i % 100).padStart(2, '0')}`), ethnicity: '汉族',
    education: '高中', political_status: '群众', org_code: village,
  };
}

async function villageOf(client) {
  const children = await client.get(`/api/v1/orgs/${VILLAGE_PARENT}/children`);
  return children.json.find((u) => u.kind === 'village').code;
}

if (mode === 'write') {
  const max = Number(process.env.MAX_WRITES ?? 5000);
  const client = await signIn();
  const village = await villageOf(client);
  let acknowledged = 0, refused = 0, failedInRow = 0, i = 0;
  const failures = [];
  for (; i < max && failedInRow < 3; i++) {
    const body = person(i, village);
    const started = performance.now();
    const res = await client.post('/api/v1/people', body).catch((e) => ({ status: 0, json: { error: String(e.cause ?? e) } }));
    if (res.status >= 200 && res.status < 300) {
      appendFileSync(file, `${res.json.id}\t${body.name}\t${(performance.now() - started).toFixed(2)}\n`);
      acknowledged++;
      failedInRow = 0;
    } else {
      refused++;
      failedInRow++;
      failures.push({ status: res.status, answer: res.json });
    }
  }
  console.log(JSON.stringify({ attempted: i, acknowledged, not_acknowledged: refused, last_failures: failures.slice(-3) }));
} else if (mode === 'check') {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
  const client = await signIn();
  let found = 0;
  const missing = [];
  for (const [id, name] of lines) {
    const res = await client.get(`/api/v1/people/${id}`);
    if (res.status === 200 && res.json.name === name) found++;
    else missing.push({ id, name, status: res.status });
  }
  const after = await client.post('/api/v1/people', person(9000, await villageOf(client)));
  const ok = found === lines.length && after.status === 201;
  console.log(JSON.stringify({ acknowledged: lines.length, found, missing: missing.slice(0, 10),
    write_after_promotion: after.status }));
  process.exit(ok ? 0 : 1);
} else {
  console.error('usage: node scripts/standby-client.mjs write|check URL FILE');
  process.exit(2);
}
