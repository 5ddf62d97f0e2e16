// Builds the web UI into web/dist.next and then swaps it in for web/dist, so that a server or a browser test
// serving web/dist never finds it emptied or half-written while a build runs (vite empties its output first).
// Usage: node web/vite/build.mjs [--logLevel info|warn|error|silent]
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const web = fileURLToPath(new URL('..', import.meta.url));
const dist = `${web}dist`;
const next = `${web}dist.next`;
const old = `${web}dist.old`;
const level = process.argv.indexOf('--logLevel');
const logLevel = level >= 0 ? process.argv[level + 1] : 'info';

await build({ configFile: `${web}vite.config.mjs`, logLevel, build: { outDir: next, emptyOutDir: true } });
await rm(old, { recursive: true, force: true });
await rename(dist, old).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(next, dist);
await rm(old, { recursive: true, force: true });
