import type { PinnedVersions } from './api-stack.js';
import { STACK_NAMES, isStage, type Stage } from './stages.js';

export interface DeployOptions {
  stage: Stage;
  /** Further arguments for `cdk deploy`, e.g. `--require-approval never`. */
  cdkArgs: string[];
}

/** Reads `--stage X [-- cdk args…]`. */
export function parseDeployArgs(args: readonly string[]): DeployOptions {
  const i = args.indexOf('--stage');
  const stage = i >= 0 ? args[i + 1] : undefined;
  if (!stage || !isStage(stage)) {
    throw new Error('usage: npm run deploy -- --stage <dev|pre|pro> [cdk deploy options]');
  }
  return { stage, cdkArgs: args.filter((_, j) => j !== i && j !== i + 1) };
}

/**
 * The `cdk deploy` of a stage: that stage's tables and the shared stateless stacks. The API stack
 * publishes a new version of every changed function and moves `dev` to it; `pre` and `pro` are
 * pinned to where they point now, so only `npm run promote` moves them.
 */
export function deployCommand(options: DeployOptions, pinned: PinnedVersions): string[] {
  return [
    'cdk',
    'deploy',
    STACK_NAMES.data(options.stage),
    STACK_NAMES.api,
    STACK_NAMES.web,
    '--context',
    `pinnedVersions=${JSON.stringify(pinned)}`,
    ...options.cdkArgs,
  ];
}
