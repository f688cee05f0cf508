// The CDK app (`npm run synth`, `npm run deploy`). Context, all optional:
//   corsOrigins      comma-separated origins, default "*"
//   pinnedVersions   JSON {"pre":{"visits":"7",…},"pro":{…}}, written by `npm run deploy`
//   jwtSecretKeyArn  a customer-managed KMS key encrypting /shutter/*/jwt-secret
//   cdnDistributionId  the web stack's distribution, purged by the worker; read by `npm run deploy`
import { App } from 'aws-cdk-lib';
import { createShutterStacks } from '../lib/shutter-app.js';
import type { PinnedVersions } from '../lib/api-stack.js';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
const pinned = context('pinnedVersions');
const keyArn = context('jwtSecretKeyArn');
const distributionId = context('cdnDistributionId');

createShutterStacks(app, {
  // Without credentials (offline synth) both are unset and the templates stay agnostic.
  ...(account && region ? { env: { account, region } } : {}),
  corsOrigins: (context('corsOrigins') ?? '*').split(',').map((o) => o.trim()),
  ...(pinned ? { pinnedVersions: JSON.parse(pinned) as PinnedVersions } : {}),
  ...(keyArn ? { jwtSecretKeyArn: keyArn } : {}),
  ...(distributionId ? { cdnDistributionId: distributionId } : {}),
});
app.synth();
