// Runs before `npm start` and `npm test` so that a fresh clone needs no separate install step.
// Plain Node on purpose: it must work before any dependency exists.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.package-lock.json');

const stale =
  !existsSync(stamp) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(stamp).mtimeMs);
if (stale) {
  const cmd = existsSync(lock) ? 'npm ci' : 'npm install';
  console.error(`[shutter] installing dependencies (${cmd}) …`);
  execSync(`${cmd} --no-audit --no-fund`, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
