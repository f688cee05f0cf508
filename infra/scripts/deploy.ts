// `npm run deploy -- --stage dev`: deploys a stage's tables and the stateless stacks with the AWS
// credentials of the environment (AWS_PROFILE, …). See docs/deploy.md.
import { execFileSync } from 'node:child_process';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { deployCommand, parseDeployArgs } from '../lib/deploy-command.js';
import { REPO_ROOT } from '../lib/lambda-bundling.js';
import { readPinnedVersions } from '../lib/promote.js';

const options = parseDeployArgs(process.argv.slice(2));
// The bundles carry argon2 for linux-arm64, which needs the registry once.
execFileSync('npx', ['tsx', 'scripts/lambda-modules.ts'], {
  cwd: `${REPO_ROOT}infra`,
  stdio: 'inherit',
});
const pinned = await readPinnedVersions(new LambdaClient({}));
console.log(`pre and pro stay at ${JSON.stringify(pinned)}`);
const [cmd, ...args] = deployCommand(options, pinned);
execFileSync('npx', [cmd!, ...args], { cwd: `${REPO_ROOT}infra`, stdio: 'inherit' });
