// Builds the consoles (npm run build -w web) when web/dist is missing or older than a source:
// `npm start` runs it first, and the browser tests before serving. Built files are never committed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const web = resolve(import.meta.dirname, '..');
const built = join(web, 'dist/console.html');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['src', 'client/index.ts', 'console.html', 'vite.config.ts', 'package.json'];
const stale =
  !existsSync(built) || sources.some((s) => newest(join(web, s)) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building the consoles (web/dist)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: web, stdio: 'inherit' });
}
