import { GetParameterCommand, ParameterNotFound, type SSMClient } from '@aws-sdk/client-ssm';
import type { PinnedVersions } from './api-stack.js';
import { CDN_DISTRIBUTION_PARAMETER, STACK_NAMES, isStage, type Stage } from './stages.js';

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

/** What a deploy passes to the synthesis, read from AWS first. */
export interface DeployContext {
  pinned: PinnedVersions;
  /** The web stack's distribution; unknown before the web stack's first deploy. */
  cdnDistributionId?: string | undefined;
}

/**
 * The `cdk deploy` of a stage: that stage's tables, bucket and queue, the shared stateless stacks
 * and the stage's jobs stack (its queue → the worker's alias). The API stack publishes a new
 * version of every changed function and moves `dev` to it; `pre` and `pro` are pinned to where
 * they point now, so only `npm run promote` moves them. With `apiOnly`, just the API stack: the
 * second pass of a first deploy, once the distribution's id is known.
 */
export function deployCommand(
  options: DeployOptions,
  context: DeployContext,
  { apiOnly = false }: { apiOnly?: boolean } = {},
): string[] {
  const stacks = apiOnly
    ? [STACK_NAMES.api]
    : [
        STACK_NAMES.data(options.stage),
        STACK_NAMES.api,
        STACK_NAMES.jobs(options.stage),
        STACK_NAMES.web,
      ];
  return [
    'cdk',
    'deploy',
    ...stacks,
    '--context',
    `pinnedVersions=${JSON.stringify(context.pinned)}`,
    ...(context.cdnDistributionId
      ? ['--context', `cdnDistributionId=${context.cdnDistributionId}`]
      : []),
    ...options.cdkArgs,
  ];
}

/** The distribution id the web stack left in SSM, or undefined before its first deploy. */
export async function readCdnDistributionId(client: SSMClient): Promise<string | undefined> {
  try {
    const { Parameter } = await client.send(
      new GetParameterCommand({ Name: CDN_DISTRIBUTION_PARAMETER }),
    );
    return Parameter?.Value || undefined;
  } catch (error) {
    if (error instanceof ParameterNotFound) return undefined;
    throw error;
  }
}
