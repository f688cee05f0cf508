// `npm run deploy -- --stage dev`: deploys a stage's data and jobs stacks and the stateless stacks
// with the AWS credentials of the environment (AWS_PROFILE, …). See docs/deploy.md.
import { execFileSync } from 'node:child_process';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { deployCommand, parseDeployArgs, readCdnDistributionId } from '../lib/deploy-command.js';
import { REPO_ROOT } from '../lib/lambda-bundling.js';
import { readPinnedVersions } from '../lib/promote.js';

const options = parseDeployArgs(process.argv.slice(2));
// The bundles carry argon2 for linux-arm64, which needs the registry once.
execFileSync('npx', ['tsx', 'scripts/lambda-modules.ts'], {
  cwd: `${REPO_ROOT}infra`,
  stdio: 'inherit',
});
const cdk = (command: string[]) => {
  const [cmd, ...args] = command;
  execFileSync('npx', [cmd!, ...args], { cwd: `${REPO_ROOT}infra`, stdio: 'inherit' });
};
const ssm = new SSMClient({});
const pinned = await readPinnedVersions(new LambdaClient({}));
console.log(`pre and pro stay at ${JSON.stringify(pinned)}`);
const cdnDistributionId = await readCdnDistributionId(ssm);
if (!cdnDistributionId) console.log('No distribution yet: the worker logs its purges this time');
cdk(deployCommand(options, { pinned, cdnDistributionId }));

// The web stack's first deploy has just created the distribution: give its id to the worker now
// rather than at the next deploy (a new version for dev; pre and pro as pinned above).
if (!cdnDistributionId) {
  const created = await readCdnDistributionId(ssm);
  if (created) {
    console.log(`The worker now purges distribution ${created}`);
    cdk(deployCommand(options, { pinned, cdnDistributionId: created }, { apiOnly: true }));
  }
}
