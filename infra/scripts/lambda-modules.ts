// `npm run lambda:modules`: installs the native modules the Lambda bundles carry beside the code
// (argon2 for the accounts function, sharp and its libvips for the worker, each for linux-arm64,
// the Lambda platform) into infra/.lambda-modules/{module}, whatever the host's own platform.
// Needs the npm registry; `npm run deploy` runs it first, `npm run synth` does not.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  NATIVE_MODULES,
  REPO_ROOT,
  lambdaModulesDir,
  type NativeModule,
} from '../lib/lambda-bundling.js';

/** The version the lockfile installed for the host, so Lambda runs the code the tests ran. */
function installedVersion(pkg: string): string {
  const require = createRequire(`${REPO_ROOT}api/package.json`);
  const manifest = require.resolve(`${pkg}/package.json`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

for (const native of Object.keys(NATIVE_MODULES) as NativeModule[]) {
  const pkg = NATIVE_MODULES[native];
  const prefix = lambdaModulesDir(native).replace(/\/node_modules$/, '');
  mkdirSync(prefix, { recursive: true });
  const spec = `${pkg}@${installedVersion(pkg)}`;
  // --os/--cpu/--libc pick the optional platform packages (argon2's and sharp's linux-arm64-gnu
  // binaries, sharp's libvips) for Lambda instead of the host.
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
  console.log(`${spec} for linux-arm64 in ${lambdaModulesDir(native)}`);
}
