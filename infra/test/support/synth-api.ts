import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApiStack, type PinnedVersions } from '../../lib/api-stack.js';

/** pro pinned for every function, pre left to follow the new code: both cases in one synthesis. */
export const PINNED: PinnedVersions = {
  pro: { visits: '7', accounts: '4', reviews: '5', content: '6' },
};

/**
 * Synthesizes the API stack once (esbuild bundles the four Lambdas locally, ~1 s each); callers
 * share the template within a test file.
 */
export function synthApiStack(): { stack: ApiStack; template: Template } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': ['**'] } });
  const stack = new ApiStack(app, 'Shutter-Api', { corsOrigins: ['*'], pinnedVersions: PINNED });
  return { stack, template: Template.fromStack(stack) };
}
