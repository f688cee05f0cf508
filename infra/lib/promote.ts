import {
  GetAliasCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { FUNCTION_IDS, functionName, type FunctionId } from './access-matrix.js';
import { isStage, STAGES, type Stage } from './stages.js';
import type { PinnedVersions } from './api-stack.js';

export interface PromoteOptions {
  from: Stage;
  to: Stage;
  functions?: readonly FunctionId[];
}

export interface Promotion {
  functionName: string;
  from: Stage;
  to: Stage;
  /** The version `to` pointed at before: where a rollback moves it back to. */
  previousVersion: string;
  version: string;
  changed: boolean;
}

export class PromoteError extends Error {
  override name = 'PromoteError';
}

/** Checks `--from X --to Y`: two different stages, and never to dev, which every deploy moves. */
export function parsePromoteArgs(args: readonly string[]): PromoteOptions {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const from = value('--from');
  const to = value('--to');
  if (!from || !to || !isStage(from) || !isStage(to)) {
    throw new PromoteError(`usage: npm run promote -- --from <${STAGES.join('|')}> --to <pre|pro>`);
  }
  if (from === to) throw new PromoteError(`--from and --to are both ${from}`);
  if (to === 'dev') {
    throw new PromoteError('dev always runs the newest deploy: promote to pre or pro only');
  }
  return { from, to };
}

async function readAlias(
  client: LambdaClient,
  fn: string,
  alias: Stage,
): Promise<{ version: string; revisionId: string | undefined }> {
  try {
    const { FunctionVersion, RevisionId } = await client.send(
      new GetAliasCommand({ FunctionName: fn, Name: alias }),
    );
    if (!FunctionVersion) throw new PromoteError(`${fn}:${alias} has no version`);
    return { version: FunctionVersion, revisionId: RevisionId };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      throw new PromoteError(`${fn}:${alias} does not exist: deploy first (npm run deploy)`);
    }
    throw error;
  }
}

/**
 * Points each function's `to` alias at the version its `from` alias runs. Publishes nothing: the
 * code pro runs is byte for byte the code pre was tested with. Every alias is read before any is
 * moved, so a missing one stops the promotion before it has changed anything.
 */
export async function promote(client: LambdaClient, options: PromoteOptions): Promise<Promotion[]> {
  const functions = (options.functions ?? FUNCTION_IDS).map(functionName);
  const plan = await Promise.all(
    functions.map(async (fn) => {
      const { version } = await readAlias(client, fn, options.from);
      if (version === '$LATEST') {
        throw new PromoteError(`${fn}:${options.from} points at $LATEST, not a published version`);
      }
      const target = await readAlias(client, fn, options.to);
      return {
        functionName: fn,
        from: options.from,
        to: options.to,
        previousVersion: target.version,
        version,
        revisionId: target.revisionId,
      };
    }),
  );
  const done: Promotion[] = [];
  for (const { revisionId, ...step } of plan) {
    const changed = step.version !== step.previousVersion;
    if (changed) {
      await client.send(
        new UpdateAliasCommand({
          FunctionName: step.functionName,
          Name: step.to,
          FunctionVersion: step.version,
          // Refused if someone moved the alias since it was read.
          RevisionId: revisionId,
        }),
      );
    }
    done.push({ ...step, changed });
  }
  return done;
}

/**
 * Where `pre` and `pro` point now, for `npm run deploy` to keep them there. A function or alias
 * that does not exist yet (first deploy) is left out, so it starts at the new version.
 */
export async function readPinnedVersions(client: LambdaClient): Promise<PinnedVersions> {
  const pinned: PinnedVersions = {};
  for (const stage of ['pre', 'pro'] as const) {
    for (const fn of FUNCTION_IDS) {
      try {
        const { FunctionVersion } = await client.send(
          new GetAliasCommand({ FunctionName: functionName(fn), Name: stage }),
        );
        if (FunctionVersion && FunctionVersion !== '$LATEST') {
          (pinned[stage] ??= {})[fn] = FunctionVersion;
        }
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }
  }
  return pinned;
}
