// `npm run lambda:modules`: installs the native modules the Lambda bundles carry beside the code
// (argon2 for linux-arm64, the Lambda platform) into infra/.lambda-modules, whatever the host's
// own platform. Needs the npm registry; `npm run deploy` runs it first, `npm run synth` does not.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LAMBDA_MODULES_DIR, REPO_ROOT } from '../lib/lambda-bundling.js';

/** The version the lockfile installed for the host, so Lambda runs the code the tests ran. */
function installedVersion(pkg: string): string {
  const require = createRequire(`${REPO_ROOT}api/package.json`);
  const manifest = require.resolve(`${pkg}/package.json`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const prefix = LAMBDA_MODULES_DIR.replace(/\/node_modules$/, '');
mkdirSync(prefix, { recursive: true });
const spec = `@node-rs/argon2@${installedVersion('@node-rs/argon2')}`;
execFileSync(
  'npm',
  [
    'install',
    '--prefix',
    prefix,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    '--os=linux',
    '--cpu=arm64',
    '--libc=glibc',
    spec,
  ],
  { stdio: 'inherit' },
);
console.log(`${spec} for linux-arm64 in ${LAMBDA_MODULES_DIR}`);
