import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PinnedVersions } from '../../lib/api-stack.js';
import { createShutterStacks, type ShutterStacks } from '../../lib/shutter-app.js';

/** pro pinned for every function, pre left to follow the new code: both cases in one synthesis. */
export const PINNED: PinnedVersions = {
  pro: { visits: '7', accounts: '4', reviews: '5', content: '6', worker: '3' },
};

/**
 * Synthesizes the whole app once, as `npm run synth` does (esbuild bundles the five Lambdas
 * locally, under a second each); callers share it within a test file.
 */
export function synthShutterApp(options: { cdnDistributionId?: string } = {}): {
  stacks: ShutterStacks;
  template: Template;
} {
  const app = new App();
  const stacks = createShutterStacks(app, { pinnedVersions: PINNED, ...options });
  return { stacks, template: Template.fromStack(stacks.api) };
}
