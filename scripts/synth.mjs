// `npm run synth`: `cdk synth --quiet` in infra/, saying what it does before and after, since
// `--quiet` alone prints nothing while the bundling runs. Offline: without AWS
// credentials the CDK leaves account and region unset and the templates stay agnostic.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const infra = resolve(import.meta.dirname, '../infra');
const out = join(infra, 'cdk.out');

console.log(
  'Synthesising the AWS CDK app (infra/bin/app.ts) into CloudFormation templates in infra/cdk.out:' +
    ' bundling every Lambda function, offline (no AWS account or network needed)…',
);
const started = Date.now();
const synth = spawnSync('npx', ['cdk', 'synth', '--quiet'], { cwd: infra, stdio: 'inherit' });
if (synth.status !== 0) {
  console.error(`cdk synth failed (exit ${synth.status ?? synth.signal}); nothing to deploy.`);
  process.exit(synth.status ?? 1);
}
const templates = readdirSync(out).filter((name) => name.endsWith('.template.json'));
console.log(
  `Done in ${Math.round((Date.now() - started) / 1000)} s: ${templates.length} stack templates in` +
    ` infra/cdk.out (${templates.map((name) => name.replace('.template.json', '')).join(', ')}).` +
    ' Nothing was deployed; npm run deploy does that.',
);
