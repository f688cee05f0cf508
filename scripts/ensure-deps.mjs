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

// `npm test` (with --browser) also needs Debian's Chromium for the browser tests. Install it where
// this user may (root, or sudo without a password); elsewhere say how, and let the tests name it.
if (process.argv.includes('--browser') && !existsSync('/usr/bin/chromium')) {
  const canSudo = () => {
    try {
      execSync('sudo -n true', { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? '' : canSudo() ? 'sudo ' : undefined;
  if (sudo === undefined || !existsSync('/usr/bin/apt-get')) {
    console.error(
      '[shutter] the browser tests need Chromium at /usr/bin/chromium: sudo apt-get update && sudo apt-get install -y chromium',
    );
  } else {
    console.error("[shutter] installing Debian's Chromium for the browser tests …");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (cmd) =>
      execSync(`${sudo}${cmd}`, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    run('apt-get update');
    run('apt-get install -y chromium');
  }
}
